"""The Python snippets of the README and of every guide in docs/ run, so none can drift from the package.

Each ```python block runs statement by statement from the repository root, in a namespace of its own;
a statement whose comment names a kix exception (``# kix.TimeZoneError: ...``) must raise exactly that.

The ```js blocks of the guides are not run here: each must be the text of a JavaScript file of tools/js/
that the suite runs (``make js-test``), so checking that it is that file's text is enough.
"""

import ast
import os
import pathlib
import re

import pytest

import kix

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(language):
    """(page, block number, text) of every ```language block of the pages."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for i, block in enumerate(re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)):
            found.append((page.relative_to(ROOT).as_posix(), i, block))
    return found


PYTHON = blocks("python")
JS = blocks("js")


def test_the_readme_and_the_guides_have_python_snippets():
    pages = {page for page, _, _ in PYTHON}
    assert "README.md" in pages
    assert {"docs/python.md", "docs/time.md", "docs/registrations.md", "docs/errors.md"} <= pages


@pytest.mark.parametrize("page, index, block", PYTHON, ids=[f"{p}#{i}" for p, i, _ in PYTHON])
def test_a_python_snippet_runs(page, index, block, monkeypatch):
    monkeypatch.chdir(ROOT)
    lines = block.splitlines()
    namespace: dict = {}
    for statement in ast.parse(block).body:
        comment = lines[statement.end_lineno - 1].partition("#")[2]
        expected = re.match(r"\s*kix\.(\w+Error)", comment)
        code = compile(ast.Module(body=[statement], type_ignores=[]), f"{page} block {index}", "exec")
        if expected:
            with pytest.raises(getattr(kix, expected.group(1))):
                exec(code, namespace)
        else:
            exec(code, namespace)
    assert os.getcwd() == str(ROOT)


@pytest.mark.parametrize("page, index, block", JS, ids=[f"{p}#{i}" for p, i, _ in JS])
def test_a_js_snippet_is_the_text_of_a_file_the_suite_runs(page, index, block):
    files = sorted((ROOT / "tools" / "js").glob("*.mjs"))
    assert any(block in f.read_text(encoding="utf-8") for f in files), (
        f"{page}'s js block {index} is not the text of any tools/js/*.mjs file"
    )
