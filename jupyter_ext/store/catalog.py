"""Catalogs: compacted, immutable summaries of settled manifests, so a new index joins a store
from a few files plus the manifests newer than the last catalog (git packs / Delta Lake
checkpoints, without a server).

`catalog/<after>-<last>-<sha256 of body, 32 hex>.catalog` holds the list summaries
(Store.summary) of the BLOCK manifests listed right after snapshot id *after* (the origin id
00…0 for the first), the last of which is *last*. The body is canonical JSON, stored with the
blob codec (zstd); its hash is in the name, so writers running the same code on the same
manifests publish the same object, and a damaged one is recognised before it is parsed.
Catalogs chain: each starts where the previous ended, so a reader follows one path with no gaps.

A block is cataloged only once its last id is SETTLE_MS old: a manifest landing later than that
in a cataloged range is late by far more than sync.LATE_MS, so it has an arrival record, which
readers follow as before. Tombstones stay in tombstones/ (a catalog may name a tombstoned or
gc-removed snapshot; the index hides it).

Everything read is untrusted: bounded reads, hash check, every entry type-checked and
re-normalised through Store.summary. A catalog that fails any check is skipped (the reader
reads those manifests instead: it only costs speed); verify names it `bad-catalog`. Fix: delete
the named object; the next joining server or CLI writes a correct one.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .backend import LocalBackend, publish
from .codec import canonical_json, decode_blob, encode_blob
from .errors import CorruptObject, StoreError
from .ids import is_valid_snapshot_id, ulid_ms
from .manifest_schema import loads

if TYPE_CHECKING:
    from .store import Store

FOLDER = "catalog"
FORMAT = "jupyter-ext/catalog@1"
BLOCK = 1000
SETTLE_MS = 60 * 60 * 1000  # 4x sync.WINDOW_MS: far beyond any arrival without a record
ORIGIN = "0" * 26  # the smallest ULID: "after" of the first catalog
MAX_STORED_BYTES = 32 * 2**20
MAX_BODY_BYTES = 128 * 2**20
_ULID = r"[0-7][0-9A-HJKMNP-TV-Z]{25}"
_NAME_RE = re.compile(rf"^({_ULID})-({_ULID})-([0-9a-f]{{32}})\.catalog$")

log = logging.getLogger(__name__)
_reported: set[str] = set()


@dataclass(frozen=True)
class Catalog:
    after: str
    last: str
    digest: str

    @property
    def key(self) -> str:
        return f"{FOLDER}/{self.after}-{self.last}-{self.digest}.catalog"


def parse_name(name: str) -> Catalog | None:
    m = _NAME_RE.match(name)
    if m is None or not m.group(1) < m.group(2):
        return None
    return Catalog(m.group(1), m.group(2), m.group(3))


def encode(after: str, last: str, entries: list[dict[str, Any]]) -> tuple[Catalog, bytes]:
    body = canonical_json({"format": FORMAT, "after": after, "last": last, "entries": entries})
    digest = hashlib.sha256(body).hexdigest()[:32]
    return Catalog(after, last, digest), encode_blob(body)


def _text(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _fields(e: Mapping[str, Any], names: Iterable[str]) -> bool:
    return all(_text(e.get(k)) for k in names)


def _entry_ok(e: Any) -> bool:
    """The types Store.summary gives (and the index needs)."""
    if not isinstance(e, dict) or not is_valid_snapshot_id(e.get("id")):
        return False
    author, nb, kernel = e.get("author"), e.get("notebook"), e.get("kernel")
    count = e.get("cell_count")
    parent = e.get("parent")
    return (
        _fields(e, ("created", "message"))
        and isinstance(e.get("tags"), list)
        and all(isinstance(t, str) for t in e["tags"])
        and (parent is None or is_valid_snapshot_id(parent))
        and isinstance(e.get("params"), dict)
        and isinstance(e.get("metrics"), dict)
        and (count is None or (isinstance(count, int) and not isinstance(count, bool)))
        and isinstance(author, dict)
        and isinstance(author.get("username"), str)
        and _text(author.get("name"))
        and isinstance(nb, dict)
        and _fields(nb, ("path", "name", "key"))
        and isinstance(kernel, dict)
        and _fields(kernel, ("name", "display_name"))
    )


def _data_of(rows: Any) -> list[dict[str, str]]:
    """A manifest's data list back from a catalog entry's lineage rows ([path, hash, mode])."""
    return [
        {"path": r[0], "hash": r[1], "mode": r[2]}
        for r in (rows if isinstance(rows, list) else [])
        if isinstance(r, list) and len(r) == 3 and all(isinstance(x, str) for x in r)
    ]


def read(store: Store, cat: Catalog) -> list[dict[str, Any]]:
    """The summaries in *cat*, checked; CorruptObject (or FileNotFoundError) otherwise."""
    key = cat.key
    body = decode_blob(store.backend.read(key, limit=MAX_STORED_BYTES), key, None, MAX_BODY_BYTES)
    if hashlib.sha256(body).hexdigest()[:32] != cat.digest:
        raise CorruptObject(f"{key}: content does not match its name", key)
    try:
        doc = loads(body)
    except (ValueError, RecursionError) as exc:
        raise CorruptObject(f"{key}: not valid JSON ({str(exc)[:200]})", key) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise CorruptObject(f"{key}: not a {FORMAT} catalog", key)
    entries = doc.get("entries")
    if (
        doc.get("after") != cat.after
        or doc.get("last") != cat.last
        or not isinstance(entries, list)
    ):
        raise CorruptObject(f"{key}: its range or entries disagree with its name", key)
    summaries: list[dict[str, Any]] = []
    prev = cat.after
    for e in entries:
        if not _entry_ok(e) or not prev < e["id"] <= cat.last:
            what = str(e.get("id"))[:40] if isinstance(e, dict) else "?"
            raise CorruptObject(f"{key}: entry {what!r} is malformed or out of order", key)
        prev = e["id"]
        try:
            # the same normalisation a manifest gets: only known fields, strict-JSON values,
            # and the lineage rows (data read/written), which Store.summary makes from "data"
            content = {"cell_count": e["cell_count"], "code_hash": e.get("code_hash")}
            sparklines = e.get("metrics_history") or {}
            data = _data_of(e.get("data_io"))
            summaries.append(
                store.summary({**e, "content": content, "data": data}, sparklines=sparklines)
            )
        except (ValueError, RecursionError) as exc:
            raise CorruptObject(f"{key}: entry {e['id']}: {exc}", key) from None
    return summaries


def listed(store: Store) -> dict[str, list[Catalog]]:
    """Catalogs by the id they start after, each list in name order."""
    chains: dict[str, list[Catalog]] = {}
    for name in store.backend.list(FOLDER):
        cat = parse_name(name)
        if cat is not None:
            chains.setdefault(cat.after, []).append(cat)
    return chains


def _attempt(store: Store, cat: Catalog) -> list[dict[str, Any]] | Exception:
    try:
        return read(store, cat)
    except (CorruptObject, FileNotFoundError) as exc:
        return exc


def load_chain(store: Store) -> tuple[str, list[dict[str, Any]]]:
    """(id the chain ends at, or ""; summaries it covers). A catalog that fails its checks is
    skipped for another with the same start, else the chain ends before it."""
    chains = listed(store)
    path, cursor = [], ORIGIN
    while cursor in chains:  # the likely path, fetched in parallel (object stores: latency)
        path.append(chains[cursor][0])
        cursor = path[-1].last
    workers = 1 if isinstance(store.backend, LocalBackend) else 8
    with ThreadPoolExecutor(workers) as pool:
        fetched = dict(zip(path, pool.map(lambda cat: _attempt(store, cat), path), strict=True))
    cursor, covered = ORIGIN, []
    while True:
        for cat in chains.get(cursor, []):
            try:
                got = fetched.get(cat) or _attempt(store, cat)
                if isinstance(got, Exception):
                    raise got
                covered += got
            except (CorruptObject, FileNotFoundError) as exc:
                if cat.key not in _reported:  # verify names it; log once per process
                    _reported.add(cat.key)
                    log.warning("ignoring a damaged catalog: %s", str(exc)[:300])
                continue
            cursor = cat.last
            break
        else:
            return ("" if cursor == ORIGIN else cursor), covered


def write_settled(
    store: Store,
    after: str,
    ids: list[str],
    loaded: Mapping[str, dict[str, Any]],
    tried: set[str],
) -> int:
    """Publish catalogs for the complete settled blocks of *ids* (listed in order right after
    *after*): the caller just tried to read each (*tried*), *loaded* the ones that were valid.
    Returns how many were written; a store refusing the write only costs the next joiner."""
    if not ids:
        return 0
    now_ms = min(int(store.clock() * 1000), ulid_ms(ids[-1]))
    start, written = after or ORIGIN, 0
    for i in range(0, len(ids) - BLOCK + 1, BLOCK):
        block = ids[i : i + BLOCK]
        if ulid_ms(block[-1]) > now_ms - SETTLE_MS or not tried.issuperset(block):
            break
        cat, data = encode(start, block[-1], [loaded[s] for s in block if s in loaded])
        if len(data) > MAX_STORED_BYTES:
            break
        try:
            publish(store.backend, cat.key, data)
            written += 1
        except StoreError as exc:  # zstd of another version: same body, other bytes: fine
            log.debug("catalog %s not written: %s", cat.key, exc)
        start = block[-1]
    return written


def problems(
    store: Store, ids: list[str], summaries: Mapping[str, dict[str, Any]]
) -> list[tuple[str, str]]:
    """What is wrong with each catalog, given the listed manifest *ids* and the summaries of the
    valid ones (verify): unreadable, an entry that disagrees with its manifest or names a
    manifest that is not there (and not tombstoned), a manifest that landed on time left out."""
    from .sync import LATE_MS  # sync imports this module
    from .tombstones import snapshot_of

    tombstoned = {snapshot_of(n) for n in store.backend.list("tombstones")}
    arrived = {n.partition("-")[2].removesuffix(".json") for n in store.backend.list("arrivals")}
    ordered, present = sorted(ids), set(ids)
    found: list[tuple[str, str]] = []
    for cat in (c for cats in listed(store).values() for c in cats):
        try:
            entries = read(store, cat)
        except (CorruptObject, FileNotFoundError) as exc:
            found.append((cat.key, str(exc)))
            continue
        named = {e["id"] for e in entries}
        for e in entries:
            sid = e["id"]
            if sid in summaries and summaries[sid] != e:
                found.append((cat.key, f"its entry for snapshot {sid} disagrees with the manifest"))
            elif sid not in summaries and sid in present:
                found.append((cat.key, f"names snapshot {sid}, whose manifest is not valid"))
            elif sid not in summaries and sid not in tombstoned:
                found.append((cat.key, f"names snapshot {sid}, which has no manifest"))
        lo, hi = bisect.bisect_right(ordered, cat.after), bisect.bisect_right(ordered, cat.last)
        for sid in ordered[lo:hi]:
            if sid in named or sid not in summaries or sid in arrived:
                continue
            landed = store.backend.mtime(f"snapshots/{sid}.json")
            if landed is not None and int(landed * 1000) - ulid_ms(sid) <= LATE_MS:
                found.append((cat.key, f"leaves out snapshot {sid}, stored before it was written"))
    return found
