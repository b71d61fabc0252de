"""Checks that the generated Kotlin and Swift bindings are complete: every function,
method and type that kix-ffi exports (read from every file of kix-ffi/src/) is present
in both, under the name each language's conventions give it. Swift cannot be compiled
on these machines, so this is how its bindings are checked; Kotlin is also compiled and
run by `make test`.

    python3 tools/check_bindings.py BINDINGS_DIR
"""
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from ffi_exports import ROOT as root, SOURCES as sources, camel, read_exports  # noqa: E402

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "target" / "bindings")
kotlin = (out / "org" / "kixemap" / "kix" / "kix_ffi.kt").read_text(encoding="utf-8")
swift = (out / "Kix.swift").read_text(encoding="utf-8")
functions, methods, types, unread = read_exports()

missing = []
for rel, f in functions:
    if not re.search(rf"fun `{camel(f)}`\(", kotlin):
        missing.append(f"Kotlin function {camel(f)} ({rel})")
    if not re.search(rf"public func {camel(f)}\(", swift):
        missing.append(f"Swift function {camel(f)} ({rel})")
for rel, obj, m in methods:
    if m == "new":
        # A constructor named `new` is the object's primary constructor in both languages.
        if not re.search(rf"open class {obj}\b[^\n]*\n(?:(?!\nopen class ).)*?\n    constructor\(", kotlin, re.S):
            missing.append(f"Kotlin constructor {obj}(...) ({rel})")
        if not re.search(rf"open class {obj}\b[^\n]*\n(?:(?!\nopen class ).)*?public convenience init\(", swift, re.S):
            missing.append(f"Swift init {obj}(...) ({rel})")
        continue
    if not re.search(rf"fun `{camel(m)}`\(", kotlin):
        missing.append(f"Kotlin method {obj}.{camel(m)} ({rel})")
    if not re.search(rf"(func|init) {camel(m)}\(|static func {camel(m)}\(", swift):
        missing.append(f"Swift method {obj}.{camel(m)} ({rel})")
for rel, t in types:
    kotlin_name = "KixException" if t == "KixError" else t
    if not re.search(rf"(class|enum class|interface) {kotlin_name}\b", kotlin):
        missing.append(f"Kotlin type {kotlin_name} ({rel})")
    if not re.search(rf"(struct|enum|class) {t}\b", swift):
        missing.append(f"Swift type {t} ({rel})")

if unread:
    print("exports this check cannot read:\n  " + "\n  ".join(unread))
    sys.exit(1)
if not functions or not methods or not types:
    print(f"found no exports in {len(sources)} files of kix-ffi/src: the patterns no longer match the source")
    sys.exit(1)
if missing:
    print("missing from the generated bindings:\n  " + "\n  ".join(missing))
    sys.exit(1)
objects = sorted({o for _, o, _ in methods})
print(f"bindings complete: {len(functions)} functions, {len(methods)} methods of {', '.join(objects)}, "
      f"{len(types)} types from {len(sources)} files in Kotlin and Swift")
