"""What kix-ffi exports, read from every file of kix-ffi/src/: functions, methods of
objects and types. Shared by tools/check_bindings.py (the generated bindings are
complete) and tools/check_differential.py (every export is exercised by a case)."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "kix-ffi" / "src").rglob("*.rs"))


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def read_exports():
    """(functions, methods, types, unread): [(file, name)], [(file, object, name)], [(file, name)], [str]."""
    functions, methods, types, unread = [], [], [], []
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        for attr in re.finditer(r"#\[uniffi::export[^\]]*\]\s*", source):
            rest = source[attr.end():]
            if m := re.match(r"pub fn (\w+)", rest):
                functions.append((rel, m.group(1)))
            elif m := re.match(r"impl (\w+) \{\n", rest):
                # rustfmt closes an item's block with `}` alone at column 0.
                end = rest.find("\n}\n")
                block = rest[: end if end >= 0 else len(rest)]
                found = re.findall(r"\n    pub fn (\w+)", block)
                if not found:
                    unread.append(f"{rel}: impl {m.group(1)} exports no method")
                methods += [(rel, m.group(1), f) for f in found]
            else:
                unread.append(f"{rel}: {rest[:40]!r}")
        types += [(rel, t) for t in re.findall(
            r"#\[derive\([^)]*uniffi::(?:Record|Enum|Error|Object)[^)]*\)\]\s*pub (?:struct|enum) (\w+)", source)]
    return functions, methods, types, unread
