"""Notebooks and paths the API tests share."""

import json
from pathlib import Path

import nbformat

NBDIME_FILES = Path(nbformat.__file__).parent.parent / "nbdime" / "tests" / "files"


def make_notebook(lr: float = 0.01, accuracy: float = 0.9, extra: str = "") -> dict:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(f"lr = {lr}\nepochs = 3", metadata={"tags": ["parameters"]})
    work = nbformat.v4.new_code_cell("print('training')" + extra, execution_count=2)
    work.outputs = [nbformat.v4.new_output("stream", name="stdout", text="training\n")]
    metrics = nbformat.v4.new_code_cell("log_metric(accuracy=...)", execution_count=3)
    metrics.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter-ext.metrics+json": {"metrics": {"accuracy": accuracy}},
                "text/plain": f"accuracy={accuracy}",
            },
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Churn model"), params, work, metrics]
    return json.loads(nbformat.writes(nb))
