"""The layers of kix-core hold: no module imports one from a higher layer, and none imports
a later file of its own folder, so the modules can never form a circle.

The order is the one `kix-core/src/lib.rs` states. A module (a file under `kix-core/src`,
named by its path: `time/zone.rs` is `time::zone`, `hub/mod.rs` is `hub`) may import:
- any module of a lower layer;
- a module of its own folder that comes earlier in that folder's order, or its own children;
- nothing at the crate root but the layers themselves (the root's re-exports are for users).
Unit tests (`tests.rs` files and `#[cfg(test)] mod tests { ... }` blocks) may use anything.

Run from the repository root: `python3 tools/check_layers.py`; it prints every back-import
as `path:line: ...` and exits 1 when there is one.
"""

from __future__ import annotations

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]

# kix-core's layers, bottom first; each folder's files in order (each may use those before it).
CORE = ROOT / "kix-core" / "src"
CORE_LAYERS: list[tuple[str, list[str]]] = [
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

USE = re.compile(r"\bcrate::((?:[a-z_][a-z0-9_]*)(?:::[a-z_][a-z0-9_]*)*)")


def code_lines(text: str):
    """(line number, line) of the code that is not a comment and not in a unit-test block."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if stripped == "#[cfg(test)]" and re.match(r"(pub(\(crate\))? )?mod \w+ \{$", nxt):
            indent = lines[i + 1][: len(lines[i + 1]) - len(lines[i + 1].lstrip())]
            i += 2
            while i < len(lines) and lines[i] != indent + "}":
                i += 1
        elif not stripped.startswith("//"):
            yield i + 1, line.split("//", 1)[0] if "://" not in line else line
        i += 1


def module_of(path: pathlib.Path, src: pathlib.Path) -> list[str]:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    return parts


def check_core() -> list[str]:
    layer = {name: i for i, (name, _) in enumerate(CORE_LAYERS)}
    order = {name: files for name, files in CORE_LAYERS}
    problems = []
    for path in sorted(CORE.rglob("*.rs")):
        if path.name == "tests.rs" or path.name == "lib.rs":
            continue
        me = module_of(path, CORE)
        if me[0] not in layer:
            problems.append(f"{path.relative_to(ROOT)}: folder {me[0]} is in no layer of tools/check_layers.py")
            continue
        for number, line in code_lines(path.read_text(encoding="utf-8")):
            for target in USE.findall(line):
                them = target.split("::")
                where = f"{path.relative_to(ROOT)}:{number}"
                if them[0] not in layer:
                    problems.append(f"{where}: {'::'.join(me)} uses crate::{target}, the crate root's re-export")
                elif layer[them[0]] > layer[me[0]]:
                    problems.append(f"{where}: {'::'.join(me)} imports {them[0]}, a higher layer")
                elif them[0] == me[0] and len(them) > 1 and len(me) > 1:
                    files = order[me[0]]
                    mine, theirs = me[1], them[1]
                    if theirs == mine:
                        continue
                    if theirs not in files or mine not in files:
                        problems.append(f"{where}: {mine} or {theirs} is missing from {me[0]}'s order")
                    elif files.index(theirs) > files.index(mine):
                        problems.append(f"{where}: {'::'.join(me)} imports {me[0]}::{theirs}, later in its folder")
    return problems


def main() -> int:
    problems = check_core()
    for p in problems:
        print(p)
    print(f"layers: {len(problems)} back-import(s)" if problems else "layers: no back-imports")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
