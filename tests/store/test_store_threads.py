"""One Store is shared by the server's worker threads: its caches must hold under them."""

from __future__ import annotations

import threading
from typing import Any

from store_helpers import make_notebook, take

from jupyter_ext.store import Store

THREADS = 8
ROUNDS = 3


def test_one_store_under_eight_threads(store: Store) -> None:
    seed_ids = [take(store, make_notebook(30, seed=s, image_every=4))["id"] for s in range(3)]
    expected = {sid: store.get_notebook(sid) for sid in seed_ids}
    # a cold Store: every cache (manifests, chunks, part memo, known blobs) fills under threads
    shared = Store(store.url, store.local_dir + "-shared", sync_interval=0)
    errors: list[BaseException] = []
    taken: list[tuple[str, dict[str, Any]]] = []
    lists: list[list[str]] = []
    barrier = threading.Barrier(THREADS)

    def work(n: int) -> None:
        try:
            barrier.wait()
            for r in range(ROUNDS):
                nb = make_notebook(30, seed=n % 3, image_every=4)  # shared parts across threads
                nb["cells"][n]["source"] = f"thread {n} round {r}"
                summary = take(shared, nb, path=f"t{n % 2}.ipynb")
                assert not summary["queued"], summary.get("queue_reason")
                taken.append((summary["id"], nb))
                for sid, want in expected.items():
                    assert shared.get_notebook(sid) == want
                assert shared.get_notebook(summary["id"]) == nb
                lists.append([i["id"] for i in shared.list(limit=200)[0]])
                shared.sync()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not errors, errors[:3]
    assert len(taken) == THREADS * ROUNDS
    final = [i["id"] for i in shared.list(limit=200)[0]]
    assert sorted(final) == sorted([*seed_ids, *(sid for sid, _ in taken)])
    assert final == [i["id"] for i in store.list(limit=200)[0]], "every server sees the same"
    fresh = Store(store.url, store.local_dir + "-fresh", sync_interval=0)
    for sid, nb in taken:
        assert fresh.get_notebook(sid) == nb
    assert fresh.verify()["ok"]
    shared.close()
    fresh.close()
