"""Rewrite the violation-code table in docs/errors.md from kix-core's source.

`python3 tools/code_table.py` after adding a code or moving a rule between modules;
kix-core/tests/readme.rs fails while the table and the code disagree.

Each row gives the code, its severity and meaning (from the `codes!` table, in whichever
file of kix-core/src declares it) and the kix-core modules that raise it: every module whose
code, outside comments and `#[cfg(test)]` modules, names `Code::Variant`. Every `.rs` file
under kix-core/src is read, at any depth, except unit-test files (`tests.rs`, or anything in a
`tests/` folder). A module is named by its path: `/` becomes `::`, `.rs` is dropped and
`mod.rs` stands for its folder (`registrations/book/mod.rs` is `registrations::book`,
`shared/violation.rs` is `shared::violation`).
kix-core/tests/readme.rs finds the modules the same way, independently of this script.
"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
src = root / "kix-core" / "src"
TABLE_FILE = root / "docs" / "errors.md"
HEADER = "| code | severity | raised in | meaning |"


def rule_lines(text):
    """The lines of a source file that are code: no comments, no #[cfg(test)] module."""
    lines = text.split("\n")
    kept = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        block = re.fullmatch(r"(\s*)(?:pub(?:\([\w:]+\))? )?mod \w+ \{", following)
        if line.strip() == "#[cfg(test)]" and block:
            close = block.group(1) + "}"
            i += 2
            while i < len(lines) and lines[i] != close:
                i += 1
        elif not line.lstrip().startswith("//"):
            kept.append(line)
        i += 1
    return kept


def module_name(path):
    """kix-core/src/event/rules.rs -> event::rules; event/mod.rs -> event."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    return "::".join(parts)


def source_files():
    """Every source file of the crate, at any depth, without the unit-test files."""
    for path in sorted(src.rglob("*.rs")):
        parts = path.relative_to(src).parts
        if path.name == "tests.rs" or "tests" in parts[:-1]:
            continue
        yield path


def raising_modules():
    """Variant name -> the modules that name it."""
    found = {}
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        if "codes! {" in text:
            continue  # the declaration table itself
        for line in rule_lines(text):
            for variant in re.findall(r"(?<!\w)Code::(\w+)", line):
                found.setdefault(variant, set()).add(module_name(path))
    return found


declarations = [p for p in source_files() if "codes! {" in p.read_text(encoding="utf-8")]
if len(declarations) != 1:
    raise SystemExit(f"expected one file declaring `codes! {{`, found {[str(p) for p in declarations]}")
source = declarations[0].read_text(encoding="utf-8")
body = source[source.index("codes! {"):]
rows = re.findall(r'((?:\s*/// .*\n)+)\s*(\w+) = "([a-z_.]+)", (\w+)(?:, \[[^\]]*\])?;', body)
modules = raising_modules()
lines = [HEADER, "|---|---|---|---|"]
for doc, variant, code, severity in rows:
    text = " ".join(line.strip()[4:] for line in doc.strip().split("\n"))
    raised_in = ", ".join(f"`{m}`" for m in sorted(modules.get(variant, ()))) or "—"
    lines.append(f"| `{code}` | {severity.lower()} | {raised_in} | {text} |")
table = "\n".join(lines)
doc = TABLE_FILE.read_text(encoding="utf-8")
start = doc.index("| code | severity |")
end = doc.index("\n\n", start)
doc = doc[:start] + table + doc[end:]
TABLE_FILE.write_text(doc, encoding="utf-8")
unraised = [code for _, variant, code, _ in rows if variant not in modules]
print(f"{len(rows)} codes" + (f"; raised nowhere: {', '.join(unraised)}" if unraised else ""))
