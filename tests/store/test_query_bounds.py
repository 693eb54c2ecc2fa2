"""Queries have a cost bound: too many terms, or a listing that runs past the time budget,
is a clear QueryError (a 400), never a crash; a slow listing never holds up anyone else's;
and whatever a teammate's summary holds comes out as strict JSON."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ulid import ULID

from jupyter_ext.store import QueryError, Store, parse_query
from jupyter_ext.store.index import QUERY_BUDGET_S, Index
from jupyter_ext.store.query import Query, Term

WORDS = [
    "train",
    "model",
    "baseline",
    "sweep",
    "churn",
    "data",
    "run",
    "test",
    "eval",
    "tune",
    "fix",
    "feature",
]
# 31 string comparisons that every snapshot passes but the last: each is checked on every row
SLOW = " ".join(["opt=adam"] * 30 + ["opt=none"])


def summary(i: int, rng: random.Random) -> dict[str, Any]:
    return {
        "id": str(ULID.from_timestamp(1_700_000_000 + i)),
        "created": "2023-11-14T22:13:20.000Z",
        "author": {"username": rng.choice(["ana", "bob"]), "name": "Ana Ruiz"},
        "message": " ".join(rng.choice(WORDS) for _ in range(8)),
        "tags": [rng.choice(WORDS)],
        "notebook": {"path": f"exp/{rng.choice(WORDS)}_{i % 100}.ipynb", "key": f"k{i % 100}"},
        "kernel": {"name": "python3"},
        "params": {"lr": rng.random(), "epochs": rng.randrange(100), "opt": "adam"},
        "metrics": {"acc": rng.random()},
    }


@pytest.fixture(scope="module")
def big_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """An index of 20,000 snapshots (written directly: a store would take minutes)."""
    path = tmp_path_factory.mktemp("bounds") / "index.sqlite"
    index = Index(str(path))
    rng = random.Random(13)
    for start in range(0, 20_000, 1000):
        index.add(summary(i, rng) for i in range(start, start + 1000))
    yield index
    index.close()


def test_a_thousand_one_letter_terms_are_a_clear_error_not_a_crash(tmp_path: Path):
    q = " ".join("abcdefghij"[i % 10] for i in range(1000))
    assert len(q) < 2000
    with pytest.raises(QueryError) as info:
        parse_query(q)
    assert "too many terms" in str(info.value) and "32" in str(info.value)
    assert info.value.position == 64  # the 33rd term
    store = Store(str(tmp_path / "shared"), tmp_path / "local", sync_interval=0, create=True)
    try:
        with pytest.raises(QueryError, match="too many terms"):
            store.list(query=q)
        assert store.list(query=" ".join(["a"] * 32))[0] == []  # 32 is fine
    finally:
        store.close()


def test_a_listing_over_the_time_budget_is_cut_with_a_clear_error(big_index: Index):
    assert big_index.query_budget_s == QUERY_BUDGET_S <= 2.0
    big_index.query_budget_s = 0.05
    try:
        start = time.perf_counter()
        with pytest.raises(QueryError) as info:
            big_index.list(query=parse_query(SLOW))
        elapsed = time.perf_counter() - start
    finally:
        big_index.query_budget_s = QUERY_BUDGET_S
    assert "query too expensive" in str(info.value) and "narrow" in str(info.value)
    assert elapsed < 0.05 + 0.5, f"cut after {elapsed:.2f} s"
    # the connection is usable again, the budget no longer armed
    items, _ = big_index.list(query=parse_query("opt=adam"), limit=5)
    assert len(items) == 5


def test_a_slow_listing_does_not_hold_up_other_listings_or_writes(big_index: Index):
    big_index.query_budget_s = 30
    started, finished = threading.Event(), threading.Event()
    slow_time: list[float] = []

    def slow() -> None:
        started.set()
        t0 = time.perf_counter()
        big_index.list(query=parse_query(SLOW))
        slow_time.append(time.perf_counter() - t0)
        finished.set()

    worker = threading.Thread(target=slow)
    try:
        worker.start()
        started.wait()
        time.sleep(0.05)  # the slow one is inside SQLite now
        t0 = time.perf_counter()
        items, _ = big_index.list(limit=10)
        other = time.perf_counter() - t0
        t0 = time.perf_counter()
        big_index.add([summary(30_000, random.Random(1))])
        write = time.perf_counter() - t0
        was_running = not finished.is_set()
        worker.join(60)
    finally:
        big_index.query_budget_s = QUERY_BUDGET_S
    assert len(items) == 10
    assert other < 0.5, f"a simple listing waited {other:.2f} s behind a slow one"
    assert write < 0.5, f"a write waited {write:.2f} s behind a slow listing"
    assert was_running, f"the slow listing took only {slow_time}: not slow enough to tell"


def test_spaces_around_operators_filter_like_without(big_index: Index):
    for spaced, tight in [
        ("opt = adam  epochs >= 50", "opt=adam epochs>=50"),
        ("author: ana tag :  train", "author:ana tag:train"),
    ]:
        a, _ = big_index.list(query=parse_query(spaced), limit=100)
        b, _ = big_index.list(query=parse_query(tight), limit=100)
        assert a and [i["id"] for i in a] == [i["id"] for i in b]


def test_non_finite_numbers_and_huge_integers_in_a_summary_list_as_strict_json(tmp_path: Path):
    index = Index(str(tmp_path / "index.sqlite"))
    try:
        teammate = summary(1, random.Random(2))
        teammate["metrics"] = {"loss": float("nan"), "acc": float("inf"), "f1": 0.5}
        teammate["params"] = {"seed": 10**400, "lr": float("-inf"), "grid": [float("nan"), 1]}
        teammate["metrics_history"] = {"loss": [1.0, float("nan")]}
        index.add([teammate])
        items, _ = index.list()
        text = json.dumps(items, allow_nan=False)  # strict JSON, or this raises
        (item,) = json.loads(text)
        assert item["metrics"] == {"loss": None, "acc": None, "f1": 0.5}
        assert item["params"]["lr"] is None and item["params"]["grid"] == [None, 1]
        assert item["params"]["seed"] == {"$expr": "1" + "0" * 400}  # as capture keeps it
        assert index.summary(teammate["id"])["metrics"]["loss"] is None
        for q in ("seed>1", f"seed={10**400}", "f1>0.1", "loss>0", "grid=1"):
            index.list(query=parse_query(q))  # no OverflowError, no crash
        assert [i["id"] for i in index.list(query=parse_query("f1>0.1"))[0]] == [item["id"]]
    finally:
        index.close()


def test_a_huge_integer_alone_is_listed_as_text_and_a_64_bit_one_as_a_number(tmp_path: Path):
    """No NaN to give it away: only the integer's size says the summary needs rewriting."""
    index = Index(str(tmp_path / "index.sqlite"))
    try:
        teammate = summary(1, random.Random(4))
        teammate["params"] = {"seed": 2**64, "big": 2**63 - 1, "note": "1" * 30}
        index.add([teammate])
        (item,) = index.list()[0]
        assert item["params"] == {"seed": {"$expr": str(2**64)}, "big": 2**63 - 1, "note": "1" * 30}
    finally:
        index.close()


def test_a_query_built_by_hand_with_too_many_terms_is_refused(tmp_path: Path):
    index = Index(str(tmp_path / "index.sqlite"))
    try:
        index.add([summary(1, random.Random(3))])
        many = Query("x", tuple(Term("text", "", "~", "a") for _ in range(1000)))
        with pytest.raises(QueryError, match="too many terms"):
            index.list(query=many)
    finally:
        index.close()
