"""Values JSON and the index cannot hold (an integer too big for a float, NaN, Infinity) never
reach a manifest: an ordinary notebook with ``seed = 1`` and 400 zeros snapshots and lists
fine, and a teammate's hand-made metrics output with NaN lists as null."""

from __future__ import annotations

import json
from pathlib import Path

from capture_helpers import code, notebook

from jupyter_ext.capture import capture_facts
from jupyter_ext.capture.params import extract_metrics, extract_params, parse_parameters
from jupyter_ext.store import Store, parse_query

MIME = "application/vnd.jupyter-ext.metrics+json"
HUGE = "1" + "0" * 400
ANA = {"username": "ana", "name": "Ana Ruiz"}


def params_cell(source: str) -> dict:
    cell = code(source)
    cell["metadata"]["tags"] = ["parameters"]
    return cell


def raw_output(payload_json: str) -> dict:
    """An output as a teammate may write it by hand: the payload as JSON text, NaN and all."""
    return {"output_type": "display_data", "metadata": {}, "data": {MIME: payload_json}}


def test_integers_beyond_64_bits_and_non_finite_literals_are_kept_as_source():
    source = (
        f"seed = {HUGE}\nbig = {2**63}\nedge = {2**63 - 1}\nlow = {-(2**63)}\n"
        f"grid = [1, {HUGE}]\ninf = 1e999\nok = 3\n"
    )
    assert parse_parameters(source) == {
        "seed": {"$expr": HUGE},
        "big": {"$expr": str(2**63)},
        "edge": 2**63 - 1,
        "low": -(2**63),
        "grid": {"$expr": f"[1, {HUGE}]"},
        "inf": {"$expr": "1e999"},
        "ok": 3,
    }


def test_logged_and_papermill_values_that_cannot_be_held_become_null_or_text():
    nb = notebook(
        code(
            "log_param(...)",
            outputs=[raw_output('{"params": {"lr": NaN, "n": ' + HUGE + ', "xs": [Infinity, 1]}}')],
        ),
    )
    nb["metadata"]["papermill"] = {"parameters": {"alpha": float("nan"), "k": 10**30, "b": 2}}
    params = extract_params(nb)
    assert params == {
        "lr": None,
        "n": {"$expr": HUGE},
        "xs": [None, 1],
        "alpha": None,
        "k": {"$expr": str(10**30)},
        "b": 2,
    }
    json.dumps(params, allow_nan=False)


def test_metrics_that_are_not_finite_become_null_with_a_warning():
    nb = notebook(
        code(
            "log_metric(...)",
            outputs=[raw_output('{"metrics": {"loss": NaN, "acc": 0.9, "up": Infinity}}')],
        ),
        code(
            "log_metric(...)",
            execution_count=2,
            outputs=[raw_output('{"metrics": {"loss": -Infinity, "n": ' + HUGE + "}}")],
        ),
    )
    metrics, history, warnings = extract_metrics(nb)
    assert metrics == {"loss": None, "acc": 0.9, "up": None, "n": None}
    assert history["loss"] == [None, None]
    assert any("'loss'" in w and "not finite" in w for w in warnings)
    json.dumps([metrics, history], allow_nan=False)


async def test_a_real_take_of_such_a_notebook_publishes_a_manifest_everyone_can_list(
    tmp_path: Path,
):
    nb = notebook(
        params_cell(f"seed = {HUGE}\nlr = 0.1"),
        code(
            "log_metric(...)",
            execution_count=1,
            outputs=[raw_output('{"metrics": {"loss": NaN, "acc": 0.5}}')],
        ),
    )
    result = await capture_facts(nb, notebook_path=tmp_path / "run.ipynb", root_dir=tmp_path)
    json.dumps(result.facts, allow_nan=False)  # strict JSON: what the manifest will hold
    shared = tmp_path / "shared"
    store = Store(str(shared), tmp_path / "local", sync_interval=0, create=True)
    try:
        info = {"path": "run.ipynb", "name": "run.ipynb", "key": "run.ipynb"}
        summary = store.take(nb, author=ANA, notebook_info=info, facts=result.facts)
    finally:
        store.close()
    # another server, its own index built from the shared manifests
    other = Store(str(shared), tmp_path / "other", sync_interval=0)
    try:
        items, _ = other.list()
        assert [i["id"] for i in items] == [summary["id"]]
        item = items[0]
        assert item["params"]["seed"] == {"$expr": HUGE}
        assert item["metrics"] == {"loss": None, "acc": 0.5}
        json.dumps(items, allow_nan=False)
        hits, _ = other.list(query=parse_query("lr=0.1 acc>0.4"))
        assert [i["id"] for i in hits] == [summary["id"]]
    finally:
        other.close()
