"""A file that recreates a snapshot's environment: pip requirements or a conda environment.

By default the packages the run imported, pinned (``imported_packages``); ``all_packages``
gives the full recorded list (the package-list blob). Packages recorded as the kernel's own
machinery (ipykernel & co.) are left out of the imported list by the capture already.
"""

from __future__ import annotations

from typing import Any

from ..store import Store

FORMATS = ("requirements", "conda")


def pinned_packages(store: Store, manifest: dict[str, Any], all_packages: bool) -> list[str]:
    """``name==version`` lines, sorted case-insensitively."""
    env = manifest.get("environment") or {}
    imported = env.get("imported_packages")
    if all_packages or not isinstance(imported, dict):
        digest = env.get("packages")
        if not digest:
            return [f"{n}=={v}" for n, v in sorted((imported or {}).items())]
        text = store.read_blob(str(digest)).decode("utf-8")
        return sorted((line.strip() for line in text.splitlines() if "==" in line), key=str.lower)
    return sorted((f"{name}=={version}" for name, version in imported.items()), key=str.lower)


def environment_file(
    store: Store, snapshot_id: str, fmt: str = "requirements", all_packages: bool = False
) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use {' or '.join(FORMATS)}")
    manifest = store.get_manifest(snapshot_id)
    env = manifest.get("environment") or {}
    packages = pinned_packages(store, manifest, all_packages)
    which = "all recorded packages" if all_packages else "packages the run imported"
    python = env.get("python") or ""
    header = [
        f"# environment of snapshot {manifest['id']} ({which})",
        f"# python {python or 'unknown'}, {env.get('os') or 'unknown OS'}",
    ]
    if fmt == "requirements":
        return "\n".join([*header, *packages]) + "\n"
    lines = [*header, f"name: snapshot-{str(manifest['id'])[-8:].lower()}", "channels:",
             "  - conda-forge", "dependencies:"]  # fmt: skip
    lines.append(f"  - python={python}" if python else "  - python")
    lines.append("  - pip")
    if packages:
        lines.append("  - pip:")
        lines.extend(f"      - {p}" for p in packages)
    return "\n".join(lines) + "\n"
