"""Write the e-mail reference addresses in tests/data/email/ (committed data).

Two published test sets, copied with their provenance so that the comparison in
tests/python/test_email_reference.py can run without them installed:

- email-validator 2.4.0's own test addresses: every `email_input` of every
  `pytest.mark.parametrize` in tests/test_syntax.py of the release's sdist (the
  wheel does not ship its tests). Get it with
  `pip download --no-deps --no-binary :all: email-validator==2.4.0`.
- the isemail test set (Dominic Sayers, test/tests.xml, version 3.05), with its
  documented fix-up: U+2400 + n written for the ASCII control n is turned back.

Each address also carries email-validator's verdict (deliverability off) and, under
`kix_policy`, its verdict and normalized form with kix's documented policies applied
(quoted local parts allowed, surrounding white space trimmed, no special-use list), so
that kix-core/tests/email_reference.rs can compare without Python; the pytest asks
email-validator itself again.

Run with email-validator 2.4.0 installed (tests/python/requirements.txt):
`python tools/gen_email_reference.py email_validator-2.4.0.tar.gz tests.xml ISEMAIL_COMMIT`.
"""

import ast
import hashlib
import json
import pathlib
import sys
import tarfile
import xml.etree.ElementTree as ET

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "email"


def email_validator_addresses(sdist: pathlib.Path) -> list:
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/tests/test_syntax.py"))
        source = tar.extractfile(member).read().decode("utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            if not (isinstance(deco, ast.Call) and getattr(deco.func, "attr", "") == "parametrize"):
                continue
            names, values = deco.args[0], deco.args[1]
            names = ast.literal_eval(names)
            names = [n.strip() for n in (names.split(",") if isinstance(names, str) else names)]
            if names[0] != "email_input":
                continue
            for case in values.elts:
                first = case.elts[0] if isinstance(case, (ast.Tuple, ast.List)) else case
                address = ast.literal_eval(first)
                found.append({"address": address, "test": node.name, **verdicts(address)})
    return found


def isemail_addresses(xml: pathlib.Path) -> list:
    def fix(c: str) -> str:
        return chr(ord(c) - 0x2400) if 0x2400 <= ord(c) <= 0x241F else c

    found = []
    for test in ET.parse(xml).getroot().iter("test"):
        found.append({
            "id": int(test.get("id")),
            "address": "".join(fix(c) for c in (test.findtext("address") or "")),
            "category": test.findtext("category"),
            "diagnosis": test.findtext("diagnosis"),
        })
        found[-1].update(verdicts(found[-1]["address"]))
    return found


# Unicode's White_Space property, what Rust's str::trim removes.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


def verdicts(address: str) -> dict:
    import email_validator
    from email_validator import EmailNotValidError, validate_email

    assert email_validator.__version__ == "2.4.0", email_validator.__version__
    try:
        validate_email(address, check_deliverability=False)
        plain = True
    except EmailNotValidError:
        plain = False
    special_use = email_validator.SPECIAL_USE_DOMAIN_NAMES
    email_validator.SPECIAL_USE_DOMAIN_NAMES = []
    try:
        r = validate_email(address.strip(WHITE_SPACE), check_deliverability=False, allow_quoted_local=True)
        policy = {"valid": True, "normalized": r.normalized, "local_part_octets": len(r.local_part.encode("utf-8"))}
    except EmailNotValidError:
        policy = {"valid": False}
    finally:
        email_validator.SPECIAL_USE_DOMAIN_NAMES = special_use
    return {"email_validator_valid": plain, "kix_policy": policy}


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(name: str, data: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    sdist, xml, commit = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
    write("email_validator_2.4.0.json", {
        "source": "PyPI sdist email_validator-2.4.0.tar.gz, tests/test_syntax.py (JoshData/python-email-validator)",
        "license": "The Unlicense (public domain)",
        "sha256": sha256(sdist),
        "generator": "tools/gen_email_reference.py",
        "addresses": email_validator_addresses(sdist),
    })
    write("isemail_3.05.json", {
        "source": f"dominicsayers/isemail test/tests.xml at commit {commit} (test set version 3.05)",
        "license": "BSD 3-clause (Dominic Sayers); test data by Michael Rushton, Dominic Sayers and others",
        "sha256": sha256(xml),
        "generator": "tools/gen_email_reference.py",
        "addresses": isemail_addresses(xml),
    })


if __name__ == "__main__":
    main()
