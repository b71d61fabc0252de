"""Rewrite the violation-code table in README.md from kix-core/src/violation.rs.

`python3 tools/code_table.py` after adding a code; kix-core/tests/readme.rs fails
while the two disagree.
"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
source = (root / "kix-core" / "src" / "violation.rs").read_text(encoding="utf-8")
body = source[source.index("codes! {"):]
rows = re.findall(r'((?:\s*/// .*\n)+)\s*\w+ = "([a-z_.]+)", (\w+);', body)
lines = ["| code | severity | meaning |", "|---|---|---|"]
for doc, code, severity in rows:
    text = " ".join(line.strip()[4:] for line in doc.strip().split("\n"))
    lines.append(f"| `{code}` | {severity.lower()} | {text} |")
table = "\n".join(lines)
readme = (root / "README.md").read_text(encoding="utf-8")
start = readme.index("| code | severity | meaning |")
end = readme.index("\n\n", start)
readme = readme[:start] + table + readme[end:]
(root / "README.md").write_text(readme, encoding="utf-8")
print(f"{len(rows)} codes")
