"""Content hashes of cells, and hash tokens that stand in for big binary outputs.

Cells are matched between two notebooks by the hash of their canonical JSON (source, outputs,
metadata, type, id, execution count: everything, so equal hashes mean "no change at all").

Before nbdime sees the cells it must really diff, every big binary mime value (PNG, JPEG, PDF...)
is replaced by a *token*: a 64-character base64 string made of a fixed magic prefix and the
value's sha256. nbdime treats base64 strings as opaque and compares them by equality, so two
images are compared by hash, and a 5 MB image costs nbdime the same as a 64-byte one (nbdime#396).
The tokens are swapped back for the original values in the finished diff.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

# Mime types nbdime diffs as text (see nbdime.diffing.notebooks._split_mimes): never tokenized.
TEXT_MIMES = ("text/", "image/svg+xml", "application/javascript", "application/json")
# Values shorter than this are left alone: tokenizing them would not save anything.
TOKEN_MIN_LEN = 256
_MAGIC = b"jupyter-ext/blob"  # 16 bytes: token = base64(magic + sha256) = 64 chars, no padding
_TOKEN_PREFIX = base64.b64encode(_MAGIC[:15]).decode()  # 20 chars shared by every token


def cell_hash(cell: Any) -> bytes:
    """Digest of the canonical JSON of ``cell`` (key order does not matter)."""
    try:
        text = json.dumps(cell, sort_keys=True, separators=(",", ":"), allow_nan=True)
    except (TypeError, ValueError):  # not JSON (should not happen for notebooks): use repr
        text = repr(cell)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def is_binary_mime(mimetype: str) -> bool:
    """True for mime types whose values nbdime replaces wholesale instead of diffing as text."""
    lower = mimetype.lower()
    return not any(lower.startswith(t) for t in TEXT_MIMES)


class Tokenizer:
    """Replaces big binary mime values by hash tokens and remembers how to put them back."""

    def __init__(self) -> None:
        self.originals: dict[str, str] = {}

    def token(self, value: str) -> str:
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest()
        tok = base64.b64encode(_MAGIC + digest).decode("ascii")
        self.originals[tok] = value
        return tok

    def bundle(self, bundle: Any) -> Any:
        """A copy of a mime bundle with big binary values tokenized (or the bundle itself)."""
        if not isinstance(bundle, dict):
            return bundle
        out = None
        for mime, value in bundle.items():
            if isinstance(value, str) and len(value) >= TOKEN_MIN_LEN and is_binary_mime(mime):
                if out is None:
                    out = dict(bundle)
                out[mime] = self.token(value)
        return bundle if out is None else out

    def cell(self, cell: Any) -> Any:
        """A shallow copy of ``cell`` whose output data and attachments are tokenized."""
        if not isinstance(cell, dict):
            return cell
        out = dict(cell)
        outputs = out.get("outputs")
        if isinstance(outputs, list):
            new_outputs = []
            for output in outputs:
                if isinstance(output, dict) and isinstance(output.get("data"), dict):
                    output = dict(output)
                    output["data"] = self.bundle(output["data"])
                new_outputs.append(output)
            out["outputs"] = new_outputs
        attachments = out.get("attachments")
        if isinstance(attachments, dict):
            out["attachments"] = {k: self.bundle(v) for k, v in attachments.items()}
        return out

    def restore(self, value: Any) -> Any:
        """``value`` with every token replaced by its original string (mutates containers)."""
        if not self.originals:
            return value
        if isinstance(value, str):
            if len(value) == 64 and value.startswith(_TOKEN_PREFIX):
                return self.originals.get(value, value)
            return value
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, (str, dict, list)):
                    value[k] = self.restore(v)
            return value
        if isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, (str, dict, list)):
                    value[i] = self.restore(v)
            return value
        return value

    def restore_diff(self, diff: list[Any]) -> None:
        """Put the original values back into every value carried by an nbdime diff."""
        if not self.originals:
            return
        for entry in diff:
            op = entry["op"]
            if op in ("add", "replace"):
                entry["value"] = self.restore(entry["value"])
            elif op == "addrange":
                entry["valuelist"] = self.restore(entry["valuelist"])
            elif op == "patch":
                self.restore_diff(entry["diff"])
