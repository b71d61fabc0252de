"""Checks that the generated Kotlin and Swift bindings are complete: every function and
method that kix-ffi exports (read from its source) is present in both, under the name
each language's conventions give it. Swift cannot be compiled on these machines, so this
is how its bindings are checked; Kotlin is also compiled and run by `make test`.

    python3 tools/check_bindings.py BINDINGS_DIR
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
source = (root / "kix-ffi" / "src" / "lib.rs").read_text(encoding="utf-8")
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "target" / "bindings")
kotlin = (out / "org" / "kixemap" / "kix" / "kix_ffi.kt").read_text(encoding="utf-8")
swift = (out / "Kix.swift").read_text(encoding="utf-8")


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


# Free functions: `#[uniffi::export]` directly above `pub fn`.
functions = re.findall(r"#\[uniffi::export\]\s*pub fn (\w+)", source)
# Methods and constructors of the exported `impl Hub` block.
block = source[source.index("#[uniffi::export]\nimpl Hub {"):]
block = block[: block.index("\n}\n")]
methods = re.findall(r"\n    pub fn (\w+)", block)
types = re.findall(r"#\[derive\([^)]*uniffi::(?:Record|Enum|Error|Object)[^)]*\)\]\s*pub (?:struct|enum) (\w+)", source)

missing = []
for f in functions:
    if not re.search(rf"fun `{camel(f)}`\(", kotlin):
        missing.append(f"Kotlin function {camel(f)}")
    if not re.search(rf"public func {camel(f)}\(", swift):
        missing.append(f"Swift function {camel(f)}")
for m in methods:
    if not re.search(rf"fun `{camel(m)}`\(", kotlin):
        missing.append(f"Kotlin method Hub.{camel(m)}")
    if not re.search(rf"(func|init) {camel(m)}\(|static func {camel(m)}\(", swift):
        missing.append(f"Swift method Hub.{camel(m)}")
for t in types:
    kotlin_name = "KixException" if t == "KixError" else t
    if not re.search(rf"(class|enum class|interface) {kotlin_name}\b", kotlin):
        missing.append(f"Kotlin type {kotlin_name}")
    if not re.search(rf"(struct|enum|class) {t}\b", swift):
        missing.append(f"Swift type {t}")

if missing:
    print("missing from the generated bindings:\n  " + "\n  ".join(missing))
    sys.exit(1)
print(f"bindings complete: {len(functions)} functions, {len(methods)} Hub methods, {len(types)} types in Kotlin and Swift")
