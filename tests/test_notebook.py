"""The example notebook runs in a real Jupyter kernel and shows HTML tables."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebook.ipynb"


def test_example_notebook_runs(tmp_path: Path) -> None:
    """Every cell runs without error or warning; results and the team report show as HTML."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    streams = [o for cell in code for o in cell.outputs if o.get("output_type") == "stream"]
    assert [o["text"] for o in streams if o["name"] == "stderr"] == []
    html = [
        output["data"]["text/html"]
        for cell in code[:4]
        for output in cell.outputs
        if output.get("output_type") == "execute_result"
    ]
    assert len(html) == 4
    assert all(
        '<section class="skilltaxonomy"' in page and '<table class="st-table' in page
        for page in html
    )
    assert "| Rol | Obligatorio | Descripción |" in code[4].outputs[0]["data"]["text/markdown"]
    assert "Jetzt: Lead / Staff" in code[5].outputs[0]["text"]
    assert "Not ready: 1 item to cover." in code[6].outputs[0]["data"]["text/html"]
    assert "Neural Network Architectures" in code[7].outputs[0]["data"]["image/svg+xml"]
    frame = code[8].outputs[0]["data"]["text/html"]
    assert "<table" in frame
    assert "Senior" in frame
    report = code[-1].outputs[0]["data"]["text/html"]
    assert "<h2>LLM Engineer at Senior: team report</h2>" in report
    assert report.count('<figure class="st-chart">') == 2
    assert 'class="st-table st-matrix st-compact"' in report
