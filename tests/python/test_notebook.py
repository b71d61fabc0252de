"""The analysts' example notebook runs clean, top to bottom (its cells assert their results)."""

import pathlib

import nbclient
import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_example_notebook_runs_clean():
    path = ROOT / "examples" / "analysts.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    html = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert len(html) >= 4, "the tables show as HTML"
    charts = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(charts) >= 8, "the kix.plot charts show inline"
