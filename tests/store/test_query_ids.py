"""Typed ids in the runs filter: the UI's short form (last 6 characters, lower-case) or a
prefix finds that run, as free text or as an explicit ``id:`` term."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ulid import ULID

from jupyter_ext.store import parse_query
from jupyter_ext.store.index import Index
from jupyter_ext.store.query import looks_like_id

IDS = [str(ULID.from_timestamp(1_700_000_000 + i)) for i in range(40)]


def _summary(i: int) -> dict[str, Any]:
    return {
        "id": IDS[i],
        "created": "2023-11-14T22:13:20.000Z",
        "author": {"username": "ana"},
        "message": f"run {i}",
        "tags": [],
        "notebook": {"path": "exp/churn.ipynb", "key": "k"},
        "params": {},
        "metrics": {},
    }


@pytest.fixture
def index(tmp_path: Path) -> Iterator[Index]:
    idx = Index(str(tmp_path / "index.sqlite"))
    idx.add(_summary(i) for i in range(len(IDS)))
    yield idx
    idx.close()


def _found(index: Index, q: str) -> list[str]:
    items, _ = index.list(query=parse_query(q), limit=100)
    return [str(item["id"]) for item in items]


@pytest.mark.parametrize("template", ["{}", "id:{}", "id: {}", "{} exp"])
def test_the_short_form_the_ui_shows_finds_exactly_that_run(index: Index, template: str) -> None:
    target = IDS[17]
    assert _found(index, template.format(target[-6:].lower())) == [target]
    assert _found(index, template.format(target[-6:])) == [target]


def test_a_prefix_finds_the_runs_it_starts_and_a_full_id_finds_one(index: Index) -> None:
    target = IDS[23]
    sharing = sorted((i for i in IDS if i.startswith(target[:8])), reverse=True)
    assert len(sharing) > 1  # ids a second apart share their first 8 characters
    assert _found(index, target[:8].lower()) == sharing
    assert _found(index, f"id:{target[:8]}") == sharing
    assert _found(index, target) == [target]
    assert _found(index, target.lower()) == [target]


def test_text_that_is_not_an_id_still_searches_messages_only(index: Index) -> None:
    assert _found(index, '"run 17"') == [IDS[17]]
    assert _found(index, "zzzzzz") == []  # id-like, matches nothing
    assert not looks_like_id("run-17") and not looks_like_id("abcde") and not looks_like_id("oil")
    assert looks_like_id("x3k9aq") and looks_like_id(IDS[0])


def test_a_deleted_run_is_not_found_by_its_id(index: Index) -> None:
    target = IDS[5]
    index.remove([target])
    assert _found(index, target[-6:].lower()) == []
