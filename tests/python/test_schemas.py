"""The JSON Schemas in schemas/, checked with Python's jsonschema (draft 2020-12,
format checking on): every valid document of the corpus passes, every malformed
one is refused.

The corpus is written by `cargo run -p xtask -- corpus DIR` (`make test`
does it): the embedded hub, proptest-generated values serialized by Rust, real
outputs of the library, and every document inside tests/vectors/.
"""

import datetime as dt
import json
import os
import pathlib

import jsonschema
import pytest
from jsonschema import Draft202012Validator, FormatChecker

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
           for p in sorted((ROOT / "schemas").glob("*.schema.json"))}
CORPUS = pathlib.Path(os.environ.get("KIX_SCHEMA_CORPUS", ROOT / "target" / "schema-corpus"))
MALFORMED = json.loads((ROOT / "tests" / "schema" / "malformed.json").read_text(encoding="utf-8"))["cases"]

checker = FormatChecker()


@checker.checks("partial-date-time", raises=ValueError)
def _partial_date_time(text):
    # A wall-clock date and time without offset, as chrono's NaiveDateTime writes it.
    if not isinstance(text, str):
        return True
    parsed = dt.datetime.fromisoformat(text)
    return parsed.tzinfo is None and "T" in text


@checker.checks("partial-time", raises=ValueError)
def _partial_time(text):
    if not isinstance(text, str):
        return True
    return dt.time.fromisoformat(text).tzinfo is None


def validator(name):
    return Draft202012Validator(SCHEMAS[name], format_checker=checker)


def corpus_files(kind="valid"):
    return sorted((CORPUS / kind).glob("*/*.json"))


def test_every_schema_is_a_valid_draft_2020_12_schema():
    assert len(SCHEMAS) >= 13
    for name, schema in SCHEMAS.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert schema["$id"].endswith(f"/{name}.schema.json"), name


def test_format_checking_is_really_on():
    # Without the format extras jsonschema silently skips date-time; make sure it does not.
    bad = {"type": "string", "format": "date-time"}
    assert not Draft202012Validator(bad, format_checker=checker).is_valid("2024-07-31T13:00:00")
    assert not Draft202012Validator({"type": "string", "format": "date"}, format_checker=checker).is_valid("2024-13-01")


def test_the_embedded_hub_file_is_valid():
    hub = json.loads((ROOT / "kix-core" / "data" / "emap.json").read_text(encoding="utf-8"))
    validator("hub").validate(hub)


def test_the_corpus_covers_every_schema():
    assert {p.parent.name for p in corpus_files()} == set(SCHEMAS)
    assert len(corpus_files()) >= 500


def test_every_corpus_document_is_valid():
    failures = []
    validators = {name: validator(name) for name in SCHEMAS}
    for path in corpus_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        error = jsonschema.exceptions.best_match(validators[path.parent.name].iter_errors(doc))
        if error is not None:
            failures.append(f"{path.parent.name}/{path.name}: {error.json_path}: {error.message[:200]}")
    assert not failures, "\n".join(failures[:20])


def test_vector_documents_the_schema_itself_refuses_are_refused():
    refused = corpus_files("refused")
    assert refused, "the vectors hold an event with a zone label instead of an IANA name"
    for path in refused:
        assert not validator(path.parent.name).is_valid(json.loads(path.read_text(encoding="utf-8"))), path


@pytest.mark.parametrize("case", MALFORMED, ids=[f"{c['schema']}: {c['name']}" for c in MALFORMED])
def test_every_malformed_document_is_refused(case):
    assert not validator(case["schema"]).is_valid(case["document"])
