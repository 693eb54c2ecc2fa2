"""20 clients x 10 snapshots through one server's REST API, list and diff in between, a second
server on the same store: every snapshot lands in both indexes, no 5xx, the loop stays
responsive."""

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "load"))
import load_api  # noqa: E402


@pytest.mark.timeout(600)
def test_two_hundred_concurrent_snapshots_reach_both_servers(tmp_path):
    result = asyncio.run(load_api.run(20, 10, tmp_path))
    assert result["errors"] == []
    assert result["indexed"] == [200, 200]
    status = result["ms"]["status"]
    assert status["n"] > 10
    # The event loop is never blocked by capture or store work (they run in threads).
    assert status["p95"] < 200, result["ms"]
    assert status["max"] < 1000, result["ms"]
