"""The README's Python snippets run, so none can drift from the package again.

Each ```python block runs statement by statement from the repository root; a statement whose
comment names a kix exception (``# kix.TimeZoneError: ...``) must raise exactly that.
"""

import ast
import os
import pathlib
import re

import pytest

import kix

ROOT = pathlib.Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_python_snippets():
    assert BLOCKS


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_a_readme_snippet_runs(block, monkeypatch):
    monkeypatch.chdir(ROOT)
    lines = block.splitlines()
    namespace: dict = {}
    for statement in ast.parse(block).body:
        source = ast.get_source_segment(block, statement)
        comment = lines[statement.end_lineno - 1].partition("#")[2]
        expected = re.match(r"\s*kix\.(\w+Error)", comment)
        code = compile(ast.Module(body=[statement], type_ignores=[]), "README.md", "exec")
        if expected:
            with pytest.raises(getattr(kix, expected.group(1))):
                exec(code, namespace)
        else:
            exec(code, namespace), source
    assert os.getcwd() == str(ROOT)
