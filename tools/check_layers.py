"""Checks that the crates' modules form layers without circles, from their `crate::` paths
(`use crate::x::...;`, `use crate::{x, y::z}` and `crate::x::f(...)` in code).

The faces (kix-py, kix-ffi): a few bottom modules convert values and errors; every other
module is a domain module. A domain module may import only bottom modules; a bottom module
may import only the bottom modules listed before it; lib.rs may import anything (it
declares the modules and registers or re-exports them). An item lib.rs re-exports
(`crate::Hub`) counts as an import of lib.rs.

The core (kix-core): an ordered list of layers, bottom first, each a folder or a file of
src/. A module may import any lower layer, and, inside a folder, the folder's files listed
before it (mod.rs may import its own folder's files). Paths through `super::` in a folder
count as imports of the folder's files.

Comments are ignored, and so are `tests.rs` files and inline `#[cfg(test)]` modules (unit
tests may use anything). Each
violation is printed as `path:line: module X imports Y (higher)` or `(sibling)`; the exit
status is 1 if there is any.

    python3 tools/check_layers.py
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The faces: for each crate's src/, its bottom modules, in order (a bottom module may import
# only those before it). Every other module of src/ is a domain module.
FACES = {
    "kix-py/src": [
        "json",  # serde values as Python values (to_dict): imports nothing
        "errors",  # kix-core errors and violations as the exceptions of kix._errors
        "convert",  # arguments: dates, instants, wall times, zones, JSON documents
        "violation",  # the Violation and LocalizedMessage classes
        "table",  # the Table class and HTML tables
        "batch",  # progress and signals between the chunks of a long call
        "records",  # records of a batch read from dicts, DataFrames or Arrow data
        "answers",  # a batch's audience and language answers, kept for counts
        "outcomes",  # a batch's outcomes held as columns
        "walls",  # wall-time columns resolved to instants
        "arrow",  # time columns in Arrow
        "classes",  # the structs of the classes several domains share (Hub, Event, ...)
        "catalogue",  # the catalogue's filters and tables
    ],
    "kix-ffi/src": [
        "error",  # KixError and Violation
        "convert",  # instants, dates, wall times, zones, countries
        "records",  # the records several domains share (Registration, EventSummary, ...)
        "objects",  # the Hub and RegistrationBook objects' structs
    ],
}

# The core: its layers, bottom first, each `(folder or file stem, [the folder's files in order])`
# (an empty list for a file, or for a folder whose files may import each other freely).
CORE_SRC = "kix-core/src"
CORE = [
    ("shared", ["violation", "text", "error", "email", "reference", "spelling"]),
    ("country", ["codes"]),
    ("language", ["words", "messages"]),
    ("time", ["zone", "timeline", "format", "recurrence", "listing"]),
    ("context", ["nomination", "party", "view"]),
    ("events", ["event", "series", "listing"]),
    ("hub", ["training", "catalogue", "grants", "model", "schedule"]),
    ("registrations", ["registration", "book", "attendance", "exports"]),
    ("calendar", ["ics"]),
    ("schema", []),
]


def blank_unit_tests(text):
    """The text with every inline `#[cfg(test)] mod name { ... }` block blanked (line breaks
    kept): unit tests may use anything, as `tests.rs` files may."""
    lines = text.split("\n")
    i = 0
    while i + 1 < len(lines):
        head = re.match(r"(\s*)(pub(\(crate\))? )?mod \w+ \{$", lines[i + 1])
        if lines[i].strip() == "#[cfg(test)]" and head:
            close = head.group(1) + "}"
            j = i + 2
            while j < len(lines) and lines[j] != close:
                j += 1
            for k in range(i, min(j + 1, len(lines))):
                lines[k] = ""
            i = j
        i += 1
    return "\n".join(lines)


def strip_comments(text):
    """The text with every comment blanked (line breaks kept, so line numbers hold)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 0, i
            while j < n:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                    if depth == 0:
                        break
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i : i + 4]):
            # A char literal ('"' would otherwise open a string); lifetimes pass through.
            m = re.match(r"'(\\.|[^\\'])'", text[i : i + 4])
            out.append(m.group(0))
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def group_items(text, start):
    """The paths of a `{a, b::c, d::{e, f}}` group opening at `start`, each with its offset."""
    items, depth, item_start = [], 0, start + 1
    for j in range(start, len(text)):
        c = text[j]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                items.append(item_start)
                break
        elif c == "," and depth == 1:
            items.append(item_start)
            item_start = j + 1
    out = []
    for at in items:
        m = re.compile(r"\s*([A-Za-z_]\w*)(\s*::\s*([A-Za-z_]\w*))?").match(text, at)
        if m:
            out.append((m.start(1), m.group(1), m.group(3)))
    return out


def imports(path, prefix):
    """`(line, first segment, second segment or None)` of every `prefix::` path in a file."""
    text = strip_comments(blank_unit_tests(path.read_text(encoding="utf-8")))
    found = []
    for m in re.finditer(rf"(?<![\w:]){prefix}\s*::\s*", text):
        at = m.end()
        if text.startswith("{", at):
            targets = group_items(text, at)
        else:
            n = re.compile(r"([A-Za-z_]\w*)(\s*::\s*([A-Za-z_]\w*))?").match(text, at)
            targets = [(n.start(1), n.group(1), n.group(3))] if n else []
        for offset, first, second in targets:
            if first in ("self", "super", "crate"):
                continue
            found.append((text.count("\n", 0, offset) + 1, first, second))
    return found


def modules_of(src):
    """The top-level modules of a crate's src/: file stems and folder names."""
    names = {p.stem for p in src.glob("*.rs")} | {p.name for p in src.iterdir() if p.is_dir()}
    return names - {"lib", "main"}


def sources(src):
    return sorted(p for p in src.rglob("*.rs") if p.name != "tests.rs")


def check_face(src_rel, bottom):
    src = ROOT / src_rel
    modules = modules_of(src)
    problems = [f"{src_rel}: the table names {b}, which is no module of it" for b in bottom if b not in modules]
    rank = {name: i for i, name in enumerate(bottom)}
    for path in sources(src):
        rel = path.relative_to(src)
        own = rel.parts[0].removesuffix(".rs")
        if own in ("lib", "main"):
            continue
        for line, target, _ in imports(path, "crate"):
            target = target if target in modules else "lib"
            if target == own:
                continue
            if target == "lib":
                why = "higher"
            elif target not in rank:
                why = "higher" if own in rank else "sibling"
            elif own in rank and rank[target] > rank[own]:
                why = "higher"
            else:
                continue
            problems.append(f"{path.relative_to(ROOT)}:{line}: module {own} imports {target} ({why})")
    return problems


def check_core(src_rel, layers):
    if not layers:
        return []
    src = ROOT / src_rel
    rank = {name: i for i, (name, _) in enumerate(layers)}
    files = {name: {f: i for i, f in enumerate(order)} for name, order in layers}
    problems = [f"{src_rel}: the table names {n}, which is no module of it" for n in rank if n not in modules_of(src)]
    for path in sources(src):
        rel = path.relative_to(src)
        own = rel.parts[0].removesuffix(".rs")
        if own in ("lib", "main") or own not in rank:
            if own not in ("lib", "main"):
                problems.append(f"{path.relative_to(ROOT)}:1: module {own} is in no layer of the CORE table")
            continue
        own_file = pathlib.Path(rel.parts[1]).stem if len(rel.parts) > 1 else None
        modules = modules_of(src)
        # A path to an item lib.rs re-exports (`crate::Event`) counts as an import of lib.rs.
        targets = [(line, t if t in modules else "lib", second) for line, t, second in imports(path, "crate")]
        if len(rel.parts) > 1:
            # `super::x` in a folder's file names a file of the same folder.
            targets += [(line, own, first) for line, first, _ in imports(path, "super")]
        for line, target, second in targets:
            name = f"{target}::{second}" if target == own and second else target
            if target not in rank:
                problems.append(f"{path.relative_to(ROOT)}:{line}: module {own} imports {target} (higher)")
            elif rank[target] > rank[own]:
                problems.append(f"{path.relative_to(ROOT)}:{line}: module {own} imports {target} (higher)")
            elif target == own and own_file not in (None, "mod") and second in files[own]:
                order = files[own]
                if own_file in order and order[second] >= order[own_file] and second != own_file:
                    problems.append(
                        f"{path.relative_to(ROOT)}:{line}: module {own}::{own_file} imports {name} (sibling)"
                    )
    return problems


def main():
    problems = []
    for src_rel, bottom in FACES.items():
        problems += check_face(src_rel, bottom)
    problems += check_core(CORE_SRC, CORE)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
