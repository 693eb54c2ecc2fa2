"""Writers whose clocks disagree, and snapshots that reach the store long after they were taken.

Snapshot ids are ULIDs from the writer's clock; other servers sync incrementally from the
newest id they have seen minus a window. These tests prove that a clock running behind, an
outbox delivered hours late and a clock running ahead neither hide anyone's snapshots nor go
unnoticed by `verify`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_helpers import BOB, make_notebook, take

from jupyter_ext.store import Store, init_store
from jupyter_ext.store.ids import ulid_ms

HOUR = 3600.0
MakeStore = Callable[..., Store]  # (name, clock offset in s, url=None) -> a writer


def _ids(store: Store) -> list[str]:
    return [item["id"] for item in store.list(limit=100)[0]]


@pytest.fixture
def make(store_url: str, tmp_path: Path) -> Iterator[MakeStore]:
    made: list[Store] = []

    def make(name: str, offset_s: float, url: str | None = None) -> Store:
        s = Store(url or store_url, tmp_path / name, sync_interval=0,
                  clock=lambda: time.time() + offset_s)  # fmt: skip
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def test_a_writer_whose_clock_runs_behind_is_still_seen(
    store: Store, other_store: Store, make: MakeStore
) -> None:
    take(store, make_notebook(2, seed=1))
    assert len(_ids(other_store)) == 1  # other_store now syncs incrementally
    late = make("late", -2 * HOUR)
    behind = take(late, make_notebook(3, seed=2), author=BOB)
    assert time.time() * 1000 - ulid_ms(behind["id"]) > 1.9 * HOUR * 1000
    after = take(store, make_notebook(2, seed=3))

    seen = _ids(other_store)
    assert behind["id"] in seen, "an incremental sync finds the snapshot from the slow clock"
    assert seen == _ids(store) == sorted(seen, reverse=True), "same order on every server"
    assert seen[0] == after["id"]
    report = store.verify()
    assert report["ok"] and report["warnings"] == [], report


def test_an_outbox_delivered_hours_late_reaches_everyone(tmp_path: Path, make: MakeStore) -> None:
    blocker = tmp_path / "mnt"
    blocker.write_text("the share is not mounted")
    url = str(blocker / "store")
    laptop = make("laptop", -3 * HOUR, url)  # its snapshots were taken three hours ago...
    queued = take(laptop, make_notebook(4, seed=4), message="on the train")
    assert queued["queued"]

    blocker.unlink()
    blocker.mkdir()  # the share is mounted again, with its store
    init_store(url)
    teammate = make("teammate", 0, url)
    first = take(teammate, make_notebook(2, seed=5))
    assert _ids(teammate) == [first["id"]]
    assert laptop.sync()["delivered"] == [queued["id"]]  # ...and delivered only now

    assert _ids(teammate) == [first["id"], queued["id"]]
    report = teammate.verify()
    assert report["ok"] and report["warnings"] == [], report


def test_a_writer_whose_clock_runs_ahead_is_named_by_verify(
    store: Store, other_store: Store, make: MakeStore
) -> None:
    take(store, make_notebook(2, seed=6))
    assert len(_ids(other_store)) == 1
    fast = make("fast", 5 * HOUR)
    ahead = take(fast, make_notebook(3, seed=7), author=BOB)
    now = take(store, make_notebook(2, seed=8))

    seen = _ids(other_store)
    assert now["id"] in seen, "a clock far ahead does not hide later snapshots"
    assert seen == _ids(store) == [ahead["id"], now["id"], seen[2]]
    report = other_store.verify()
    assert report["ok"], "the data is whole: a skewed clock is a warning, not damage"
    assert [(w["kind"], w["object"]) for w in report["warnings"]] == [
        ("clock-skew", f"snapshots/{ahead['id']}.json")
    ]
    assert "clock runs ahead" in report["warnings"][0]["detail"]


def test_a_late_manifest_without_an_arrival_record_is_named_and_found_by_a_full_sync(
    store: Store, other_store: Store, make: MakeStore
) -> None:
    """What an older writer (or a copy made by hand) leaves: verify says what to do."""
    take(store, make_notebook(2, seed=9))
    assert len(_ids(other_store)) == 1
    old = take(make("old", -2 * HOUR), make_notebook(2, seed=10))
    for name in store.backend.list("arrivals"):
        store.backend.delete(f"arrivals/{name}")

    assert old["id"] not in _ids(other_store)
    warnings = other_store.verify()["warnings"]
    assert [(w["kind"], w["object"]) for w in warnings] == [
        ("unannounced", f"snapshots/{old['id']}.json")
    ]
    assert "sync --full" in warnings[0]["detail"]
    other_store.sync(full=True)
    assert old["id"] in _ids(other_store)
