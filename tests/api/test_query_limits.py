"""Query cost bounds through the REST API: a query past the limits is a 400 that says how to
fix it, never a 500; spaced operators filter like tight ones."""

from __future__ import annotations

import json


async def test_a_thousand_one_letter_terms_answer_400_with_a_clear_message(api, notebook_on_disk):
    assert (await api("POST", "snapshots", body={"path": notebook_on_disk}))[0] == 201
    q = " ".join("abcdefghij"[i % 10] for i in range(1000))
    status, body = await api("GET", "snapshots", params={"q": q})
    assert status == 400
    assert "too many terms" in body["message"] and "narrow" in body["message"]


async def test_spaces_around_operators_filter_like_without(api, notebook_on_disk):
    status, created = await api("POST", "snapshots", body={"path": notebook_on_disk})
    assert status == 201
    for q in (
        "lr = 0.01",
        "lr=0.01",
        "lr <= 0.01  accuracy >= 0.9",
        "author: " + created["author"]["username"],
    ):
        status, body = await api("GET", "snapshots", params={"q": q})
        assert status == 200, (q, body)
        assert [i["id"] for i in body["items"]] == [created["id"]], q
    status, body = await api("GET", "snapshots", params={"q": "lr > 0.5"})
    assert status == 200 and body["items"] == []
    json.dumps(body, allow_nan=False)
