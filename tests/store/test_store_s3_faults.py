"""S3 faults from a real moto server, injected by a proxy: 5xx, timeouts, 409 and 412.

Every case ends with the ground truth read straight from moto (not through the proxy):
exactly the snapshots that were acknowledged, each whole, no duplicate, `verify` clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from s3_fault_proxy import Fault, FaultProxy
from store_helpers import BOB, make_bucket, make_notebook, take

from jupyter_ext.store import Store, init_store
from jupyter_ext.store.comments import add_comment, list_comments

MANIFEST = r"/snapshots/[0-9A-Z]{26}\.json$"
BLOB = r"/objects/"
COMMENT = r"/comments/"


@pytest.fixture
def bucket(moto_endpoint: str, fault_proxy: FaultProxy) -> str:
    fault_proxy.clear()
    bucket = make_bucket(moto_endpoint)
    init_store(f"s3://{bucket}/team")
    return bucket


def open_store(proxy: FaultProxy, bucket: str, local: Path) -> Store:
    """A store that talks to moto through the fault proxy, with short timeouts."""
    options = {
        "endpoint_url": proxy.endpoint,
        "config_kwargs": {"read_timeout": 1, "connect_timeout": 1},
    }
    return Store(f"s3://{bucket}/team", local, options, sync_interval=0)


@pytest.fixture
def store(fault_proxy: FaultProxy, bucket: str, tmp_path: Path) -> Iterator[Store]:
    s = open_store(fault_proxy, bucket, tmp_path / "ana")
    yield s
    s.close()


@pytest.fixture
def truth(bucket: str, tmp_path: Path) -> Iterator[Store]:
    """A second server reading moto directly: what the team really sees."""
    s = Store(f"s3://{bucket}/team", tmp_path / "truth", sync_interval=0)
    yield s
    s.close()


def bucket_keys(moto_endpoint: str, bucket: str, prefix: str) -> list[str]:
    import boto3

    client = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"team/{prefix}")
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


def assert_whole(
    truth: Store, taken: list[dict[str, Any]], notebooks: list[dict[str, Any]]
) -> None:
    truth.sync()
    ids = [item["id"] for item in truth.list(limit=100)[0]]
    assert sorted(ids) == sorted(s["id"] for s in taken), "exactly the acknowledged snapshots"
    for summary, nb in zip(taken, notebooks, strict=True):
        assert truth.get_notebook(summary["id"])["cells"] == nb["cells"]
    report = truth.verify()
    assert report["ok"], report


def test_a_5xx_on_a_blob_put_is_retried(
    store: Store, truth: Store, fault_proxy: FaultProxy
) -> None:
    fault_proxy.inject(Fault("PUT", BLOB, "refuse", 500), Fault("PUT", MANIFEST, "refuse", 503))
    nb = make_notebook(20, seed=1)
    summary = take(store, nb)
    assert not summary["queued"], summary.get("queue_reason")
    assert 500 in fault_proxy.requests("PUT", BLOB)
    assert fault_proxy.requests("PUT", MANIFEST) == [503, 200]
    assert_whole(truth, [summary], [nb])


@pytest.mark.parametrize(
    "fault",
    [
        Fault("PUT", MANIFEST, "lose", 500),
        Fault("PUT", MANIFEST, "lose", 503),
        Fault("PUT", MANIFEST, "stall", stall_s=2.5),
    ],
    ids=["lost-500", "lost-503", "timeout"],
)
def test_a_manifest_put_whose_answer_is_lost_counts_as_present(
    store: Store,
    truth: Store,
    fault_proxy: FaultProxy,
    moto_endpoint: str,
    bucket: str,
    fault: Fault,
) -> None:
    fault_proxy.inject(fault)
    nb = make_notebook(10, seed=2)
    summary = take(store, nb)
    assert not summary["queued"], summary.get("queue_reason")
    seen = fault_proxy.requests("PUT", MANIFEST)
    assert seen[-1] == 412, f"the retry met its own write: {seen}"
    assert len(bucket_keys(moto_endpoint, bucket, "snapshots/")) == 1, "no duplicate"
    assert_whole(truth, [summary], [nb])


def test_a_409_conflict_on_a_conditional_put_is_retried(
    store: Store, truth: Store, fault_proxy: FaultProxy
) -> None:
    fault_proxy.inject(Fault("PUT", MANIFEST, "refuse", 409, times=2))
    nb = make_notebook(5, seed=3)
    summary = take(store, nb)
    assert not summary["queued"], summary.get("queue_reason")
    assert fault_proxy.requests("PUT", MANIFEST) == [409, 409, 200]
    assert_whole(truth, [summary], [nb])


def test_a_412_with_nothing_behind_it_is_asked_again(
    store: Store, truth: Store, fault_proxy: FaultProxy
) -> None:
    fault_proxy.inject(Fault("PUT", MANIFEST, "refuse", 412))
    nb = make_notebook(5, seed=4)
    summary = take(store, nb)
    assert not summary["queued"], summary.get("queue_reason")
    assert fault_proxy.requests("PUT", MANIFEST) == [412, 200]
    assert_whole(truth, [summary], [nb])


def test_a_store_that_keeps_failing_queues_then_delivers_once(
    store: Store, truth: Store, fault_proxy: FaultProxy, moto_endpoint: str, bucket: str
) -> None:
    before = bucket_keys(moto_endpoint, bucket, "")  # the store's marker (`init`)
    fault_proxy.inject(Fault("PUT", r".", "refuse", 503, times=10_000))
    nb = make_notebook(15, seed=5)
    summary = take(store, nb)
    assert summary["queued"]
    assert "injected fault 503" in summary["queue_reason"], "the reason is the store's answer"
    assert bucket_keys(moto_endpoint, bucket, "") == before, "the store is unchanged"
    assert store.get_notebook(summary["id"])["cells"] == nb["cells"], "readable from the outbox"

    # The store comes back, and the delivery's own manifest answer is lost once.
    fault_proxy.clear()
    fault_proxy.inject(Fault("PUT", MANIFEST, "lose", 500))
    store.sync()
    assert fault_proxy.requests("PUT", MANIFEST) == [500, 412]
    assert not store.list(limit=10)[0][0]["queued"]
    assert len(bucket_keys(moto_endpoint, bucket, "snapshots/")) == 1
    assert_whole(truth, [summary], [nb])


def test_reads_survive_5xx_and_timeouts(
    store: Store, fault_proxy: FaultProxy, bucket: str, tmp_path: Path
) -> None:
    nb = make_notebook(12, seed=6, image_every=3)
    summary = take(store, nb)
    reader = open_store(fault_proxy, bucket, tmp_path / "reader")  # cold: every blob is a GET
    try:
        fault_proxy.inject(
            Fault("GET", BLOB, "refuse", 500),
            Fault("GET", MANIFEST, "stall", stall_s=2.5),
        )
        reader.sync()
        assert reader.get_notebook(summary["id"])["cells"] == nb["cells"]
        assert 500 in fault_proxy.requests("GET", BLOB)
        # reads are ranged (bounded): a whole object comes back as 206 Partial Content
        got = fault_proxy.requests("GET", MANIFEST)[:2]
        assert got in ([0, 200], [0, 206]), f"a stalled read is retried: {got}"
    finally:
        reader.close()


def test_a_comment_whose_answer_is_lost_is_stored_once(
    store: Store, fault_proxy: FaultProxy, moto_endpoint: str, bucket: str
) -> None:
    summary = take(store, make_notebook(3, seed=7))
    fault_proxy.inject(Fault("PUT", COMMENT, "lose", 500))
    add_comment(store, summary["id"], author=BOB, text="looks good <b>really</b>")
    assert fault_proxy.requests("PUT", COMMENT) == [500, 412]
    assert len(bucket_keys(moto_endpoint, bucket, "comments/")) == 1
    assert [c["text"] for c in list_comments(store, summary["id"])] == ["looks good <b>really</b>"]


def test_concurrent_writers_under_random_faults_leave_a_clean_store(
    fault_proxy: FaultProxy, bucket: str, tmp_path: Path, truth: Store, moto_endpoint: str
) -> None:
    """Two servers take in parallel while 1 request in 4 fails in one of the ways above."""
    import random
    import threading

    rng = random.Random(20261125)
    kinds = [("refuse", 500), ("refuse", 503), ("lose", 500), ("refuse", 409)]
    for _ in range(40):
        action, status = rng.choice(kinds)
        pattern = rng.choice([BLOB, MANIFEST])
        fault_proxy.inject(Fault("PUT", pattern, action, status, times=1))
    stores = [open_store(fault_proxy, bucket, tmp_path / f"w{i}") for i in range(2)]
    taken: list[tuple[dict[str, Any], dict[str, Any]]] = []
    lock = threading.Lock()

    def writer(s: Store, seed: int) -> None:
        for round_ in range(6):
            nb = make_notebook(8, seed=seed * 100 + round_)
            summary = take(s, nb)
            with lock:
                taken.append((summary, nb))

    threads = [threading.Thread(target=writer, args=(s, i)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    fault_proxy.clear()
    for s in stores:
        s.sync()  # deliver whatever had to be queued
        s.close()
    assert len(taken) == 12
    assert len(bucket_keys(moto_endpoint, bucket, "snapshots/")) == 12
    assert_whole(truth, [s for s, _ in taken], [nb for _, nb in taken])
