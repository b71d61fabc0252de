"""Fails when kix-ffi exports a function or method that no differential case exercises
through Kotlin: each `"op" ->` branch of kix-ffi/tests/kotlin/DifferentialTest.kt (with the
helpers it calls) must call the export, and the op must have cases for Kotlin in
tests/differential/. Python's side is checked at run time by tests/python/test_differential.py.

    python3 tools/check_differential.py
"""
import json
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from ffi_exports import ROOT, camel, read_exports  # noqa: E402

runner = (ROOT / "kix-ffi" / "tests" / "kotlin" / "DifferentialTest.kt").read_text(encoding="utf-8")
ops = {}
for path in sorted((ROOT / "tests" / "differential").glob("*.json")):
    doc = json.loads(path.read_text(encoding="utf-8"))
    if "kotlin" in doc["faces"] and doc["cases"]:
        ops[doc["op"]] = len(doc["cases"])

# The body of `run`, split at its `"op" ->` branches; a branch that names a helper
# (`runBook(`, `runTraining(`) takes in that helper's body.
body = runner[runner.index("private fun run(op: String"):]
helpers = dict(re.findall(r"\nprivate fun (\w+)\([^\n]*\{\n(.*?)\n}\n", runner, re.S))
branches = {}
for m in re.finditer(r'^        ((?:"[\w.]+"(?:, )?)+) ->(.*?)(?=^        (?:"|else ->))', body, re.S | re.M):
    text = m.group(2)
    for name, helper in helpers.items():
        if f"{name}(" in text or f"::{name}" in text:
            text += helper
    for op in re.findall(r'"([\w.]+)"', m.group(1)):
        branches[op] = text

functions, methods, _, unread = read_exports()
exercised = "\n".join(text for op, text in branches.items() if op in ops)
missing = []
for rel, f in functions:
    if not re.search(rf"\b{camel(f)}\(", exercised):
        missing.append(f"function {camel(f)} ({rel})")
for rel, obj, m in methods:
    pattern = rf"\b{obj}\(" if m == "new" else rf"\.{camel(m)}\("
    if not re.search(pattern, exercised):
        missing.append(f"{obj}.{camel(m)} ({rel})")
unknown = sorted(set(branches) - set(ops))
if unread or not branches:
    print("cannot read the exports or the runner's branches:", unread or "no branches")
    sys.exit(1)
if missing or unknown:
    if missing:
        print("exported through kix-ffi but exercised by no differential case:\n  " + "\n  ".join(missing))
    if unknown:
        print("runner branches with no Kotlin cases in tests/differential/: " + ", ".join(unknown))
    sys.exit(1)
total = len(functions) + len(methods)
print(f"differential coverage: all {total} kix-ffi exports exercised by {len(ops)} operations, "
      f"{sum(ops.values())} cases")
