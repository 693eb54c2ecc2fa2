"""`jupyter snapshot show ID`: every section a manifest has, for reading in a terminal."""

from __future__ import annotations

from typing import Any

from .format import number, pairs, short_id, when

KNOWN = {
    "format", "id", "created", "author", "message", "tags", "notebook", "parent", "content",
    "refs", "params", "metrics", "metrics_history", "data", "kernel", "environment", "git",
    "timing", "warnings",
}  # fmt: skip


def show_manifest(manifest: dict[str, Any]) -> str:
    lines: list[str] = []
    sid = str(manifest.get("id") or "")
    author = manifest.get("author") or {}
    notebook = manifest.get("notebook") or {}
    content = manifest.get("content") or {}
    lines.append(f"snapshot {sid} ({short_id(sid)})")
    _field(lines, "created", f"{when(manifest.get('created'))} UTC")
    _field(lines, "author", _author(author))
    _field(lines, "notebook", notebook.get("path") or notebook.get("name"))
    if notebook.get("key") and notebook.get("key") != notebook.get("path"):
        _field(lines, "key", notebook.get("key"))
    _field(lines, "message", manifest.get("message"))
    _field(lines, "tags", " ".join(f"#{t}" for t in manifest.get("tags") or []))
    _field(lines, "parent", manifest.get("parent"))
    _field(lines, "origin", notebook.get("origin"))  # a restored copy: the snapshot it came from
    if content:
        _field(lines, "cells", f"{content.get('cell_count', 0)} ({_bytes(content.get('bytes'))})")
    for key in sorted(set(manifest) - KNOWN):  # sections added later (e.g. origin)
        value = manifest[key]
        if value not in (None, "", [], {}):
            _field(lines, key, value if not isinstance(value, dict) else pairs(value))

    _mapping(lines, "params", manifest.get("params"))
    history = manifest.get("metrics_history") or {}
    metrics = {}
    for name, value in (manifest.get("metrics") or {}).items():
        logged = len(history.get(name) or [])
        metrics[name] = number(value) + (f"  (last of {logged} logged)" if logged > 1 else "")
    _mapping(lines, "metrics", metrics, raw=True)
    _data(lines, manifest.get("data") or [])
    _kernel(lines, manifest.get("kernel") or {})
    _environment(lines, manifest.get("environment") or {})
    _git(lines, manifest.get("git"))
    timing = manifest.get("timing") or {}
    if timing:
        lines.append("timing")
        _field(lines, "started", timing.get("started"), indent=2)
        _field(lines, "duration", f"{number(timing.get('duration_s'))} s", indent=2)
    warnings = manifest.get("warnings") or []
    if warnings:
        lines.append("warnings")
        lines.extend(f"  {w}" for w in warnings)
    return "\n".join(lines)


def _field(lines: list[str], label: str, value: Any, indent: int = 0) -> None:
    if value not in (None, "", [], {}):
        lines.append(f"{' ' * indent}{label + ':':<10} {value}")


def _author(author: dict[str, Any]) -> str:
    username = author.get("username") or "?"
    name = author.get("name")
    return f"{name} ({username})" if name and name != username else str(username)


def _bytes(size: Any) -> str:
    if not isinstance(size, (int, float)):
        return "size unknown"
    for unit in ("bytes", "kB", "MB", "GB"):
        if abs(size) < 1000 or unit == "GB":
            return f"{number(size)} {unit}" if unit != "bytes" else f"{int(size)} bytes"
        size /= 1000
    return str(size)  # pragma: no cover


def _mapping(lines: list[str], title: str, values: Any, raw: bool = False) -> None:
    lines.append(title + ("" if values else ": none"))
    for name, value in (values or {}).items():
        lines.append(f"  {name} = {value if raw else _value(value)}")


def _value(value: Any) -> str:
    if isinstance(value, dict) and set(value) == {"$expr"}:
        return f"{value['$expr']}  (expression, not evaluated)"
    return number(value) if isinstance(value, (int, float)) or value is None else repr(value)


def _data(lines: list[str], refs: list[Any]) -> None:
    lines.append("data" + ("" if refs else ": none"))
    for ref in refs:
        if not isinstance(ref, dict):
            continue
        where = ref.get("path") or ref.get("url") or "?"
        facts = [str(ref.get("mode") or ""), _bytes(ref.get("size")) if "size" in ref else ""]
        digest = str(ref.get("hash") or ref.get("kind") or "")
        lines.append(f"  {where}  {' '.join(f for f in facts if f)}  {digest[:24]}".rstrip())


def _kernel(lines: list[str], kernel: dict[str, Any]) -> None:
    name = kernel.get("display_name") or kernel.get("name")
    state = kernel.get("state")
    lines.append(f"kernel: {name or 'none'}" + (f" ({state})" if name and state else ""))
    language = " ".join(str(kernel[k]) for k in ("language", "language_version") if kernel.get(k))
    _field(lines, "language", language, indent=2)
    implementation = " ".join(
        str(kernel[k])
        for k in ("kernel_implementation", "kernel_implementation_version")
        if kernel.get(k)
    )
    _field(lines, "kernel", implementation, indent=2)
    _field(lines, "python", kernel.get("executable"), indent=2)
    for missing in kernel.get("missing") or []:
        lines.append(f"  missing:   {missing}")


def _environment(lines: list[str], env: dict[str, Any]) -> None:
    lines.append("environment" + ("" if env else ": none"))
    if not env:
        return
    _field(lines, "os", env.get("os"), indent=2)
    _field(lines, "host", env.get("hostname"), indent=2)
    hardware = []
    if env.get("cpu_count"):
        hardware.append(f"{env['cpu_count']} CPUs")
    if env.get("memory_bytes"):
        hardware.append(f"{_bytes(env['memory_bytes'])} memory")
    if env.get("gpus"):
        hardware.append(f"GPUs: {', '.join(str(g) for g in env['gpus'])}")
    _field(lines, "hardware", ", ".join(hardware), indent=2)
    _field(lines, "python", env.get("python"), indent=2)
    count = env.get("packages_count")
    _field(lines, "packages", f"{count} installed" if count is not None else None, indent=2)
    imported = env.get("imported_packages") or {}
    if imported:
        source = env.get("imported_packages_from")
        lines.append(f"  imported{f' (from {source})' if source else ''}:")
        lines.extend(f"    {name} {version}" for name, version in sorted(imported.items()))
    env_vars = env.get("env_vars") or {}
    if env_vars:
        lines.append("  env vars (allow-listed):")
        lines.extend(f"    {name}={value}" for name, value in sorted(env_vars.items()))
    _field(lines, "captured", env.get("source"), indent=2)


def _git(lines: list[str], git: Any) -> None:
    if not git:
        lines.append("git: not in a git repository")
        return
    dirty = " (uncommitted changes)" if git.get("dirty") else ""
    lines.append(f"git: {str(git.get('commit') or '?')[:12]} on {git.get('branch') or '?'}{dirty}")
    _field(lines, "remote", git.get("remote"), indent=2)
    _field(lines, "root", git.get("root"), indent=2)
