"""Helper used INSIDE Jupyter kernels: ``log_metric``, ``log_param``, the audit hook, the probe.

Standard library only, and nothing else of ``jupyter_ext`` is imported: the server sends this
file's source to kernels that may not have ``jupyter_ext`` installed (see
``jupyter_ext.capture.kernelprobe``), where it lives as the module ``_jupyter_ext_kernel``.
Keep it importable on Python 3.8+ (no ``match``, no runtime ``X | Y``).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import threading
import time
from collections.abc import Mapping
from typing import Any

MIMETYPE = "application/vnd.jupyter-ext.metrics+json"

# Environment variables whose values may be recorded (the server still redacts secrets).
ENV_ALLOWLIST = (
    "CONDA_DEFAULT_ENV", "CONDA_PREFIX", "VIRTUAL_ENV", "PYTHONHASHSEED", "PYTHONPATH",
    "CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES", "CUBLAS_WORKSPACE_CONFIG",
    "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
    "TF_DETERMINISTIC_OPS", "TF_CPP_MIN_LOG_LEVEL", "PYTORCH_CUDA_ALLOC_CONF",
    "LANG", "LC_ALL", "TZ", "JUPYTERHUB_USER", "JUPYTER_IMAGE", "JUPYTER_IMAGE_SPEC",
    "MLFLOW_TRACKING_URI", "SPARK_HOME", "JAVA_HOME", "HF_HUB_OFFLINE",
)  # fmt: skip

# Distributions that belong to the kernel machinery, not to the user's code.
KERNEL_INFRA = frozenset({
    "ipykernel", "ipython", "jupyter-client", "jupyter-core", "pyzmq", "tornado", "traitlets",
    "comm", "debugpy", "matplotlib-inline", "prompt-toolkit", "pygments", "jedi", "parso",
    "decorator", "executing", "asttokens", "pure-eval", "stack-data", "wcwidth", "pexpect",
    "ptyprocess", "nest-asyncio", "ipython-pygments-lexers", "appnope", "platformdirs",
})  # fmt: skip

_AUDIT_ATTR = "_jupyter_ext_audit_state"  # kept on ``sys`` so re-executing this file is safe
_SKIP_EXT = (".py", ".pyc", ".pyo", ".pyi", ".so", ".pyd", ".pth", ".dll", ".dylib", ".mo")
_SKIP_DIRS = (
    "/proc/", "/sys/", "/dev/", "/etc/", "/usr/", "/lib/", "/lib64/", "/bin/", "/sbin/", "/run/",
    "/var/lib/", "/var/cache/", "/snap/",
)  # fmt: skip


# --------------------------------------------------------------------------- values


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _to_json(value: Any, name: str, notes: list[str]) -> Any:
    """Best-effort conversion to a JSON-safe value (numpy scalars/arrays included)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            notes.append(f"{name} was {value!r}, stored as null")
            return None
        return float(value)
    if isinstance(value, Mapping):
        return {str(k): _to_json(v, f"{name}.{k}", notes) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        seq = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [_to_json(v, name, notes) for v in seq]
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind is not None and getattr(value, "ndim", 0) == 0:  # numpy/pandas scalar
        if kind == "b":
            return bool(value)
        if kind in "iu":
            return int(value)
        if kind == "f":
            return _to_json(float(value), name, notes)
    if hasattr(value, "tolist"):
        return _to_json(value.tolist(), name, notes)
    if hasattr(value, "__float__"):
        try:
            return _to_json(float(value), name, notes)
        except (TypeError, ValueError):
            pass
    notes.append(f"{name} is a {type(value).__name__}, stored as its repr")
    return repr(value)


def _merge(values: Mapping[str, Any] | None, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    if values is not None:
        if not isinstance(values, Mapping):
            raise TypeError(f"expected a dict of name -> value, got {type(values).__name__}")
        merged.update(values)
    merged.update(kwargs)
    return merged


def _emit(key: str, values: dict[str, Any], notes: list[str]) -> None:
    payload: dict[str, Any] = {key: values}
    if notes:
        payload["notes"] = notes
    text = "{}: {}".format(key, ", ".join(f"{k}={json.dumps(v)}" for k, v in values.items()))
    # IPython is used only if this process already runs it (a kernel): no import here, so the
    # helper stays standard-library-only and works in plain Python (prints JSON instead).
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and getattr(shell, "display_pub", None) is not None:
        shell.display_pub.publish(data={MIMETYPE: payload, "text/plain": text}, metadata={})
    else:
        print(json.dumps({MIMETYPE: payload}))


def log_metric(values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> None:
    """Record metrics (numbers) in the notebook's outputs: ``log_metric(accuracy=0.93)``.

    NaN/inf become null with a note; numpy scalars become Python numbers.
    """
    merged = _merge(values, kwargs)
    notes: list[str] = []
    out: dict[str, Any] = {}
    for name, value in merged.items():
        converted = _to_json(value, str(name), notes)
        if converted is not None and (
            isinstance(converted, bool) or not isinstance(converted, (int, float))
        ):
            raise TypeError(f"metric {name!r} must be a number, got {type(value).__name__}")
        out[str(name)] = converted
    _emit("metrics", out, notes)  # returns None: a last-line call shows no extra Out[]


def log_param(values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> None:
    """Record parameters (any JSON-like values) in the notebook's outputs."""
    merged = _merge(values, kwargs)
    notes: list[str] = []
    out = {str(k): _to_json(v, str(k), notes) for k, v in merged.items()}
    _emit("params", out, notes)


# --------------------------------------------------------------------------- audit hook


def _skip_prefixes(log_path: str) -> tuple[str, ...]:
    import site
    import sysconfig

    roots = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        os.path.dirname(os.path.abspath(log_path)),
    }
    for key in ("stdlib", "platstdlib", "purelib", "platlib", "include", "scripts"):
        with contextlib.suppress(KeyError):
            roots.add(sysconfig.get_paths()[key])
    try:
        roots.update(site.getsitepackages())
        roots.add(site.getusersitepackages())
    except AttributeError:  # virtualenv's old site.py
        pass
    runtime = os.environ.get("JUPYTER_RUNTIME_DIR")
    if runtime:
        roots.add(runtime)
    found = set(_SKIP_DIRS)
    for root in filter(None, roots):
        found.add(os.path.join(os.path.realpath(root), ""))
        found.add(os.path.join(os.path.abspath(root), ""))
    return tuple(sorted(found))


def _open_mode(mode: Any, flags: Any) -> str:
    if isinstance(mode, str):
        if "+" in mode:
            return "readwrite"
        return "write" if ("w" in mode or "a" in mode or "x" in mode) else "read"
    access = (flags if isinstance(flags, int) else 0) & 3  # O_ACCMODE
    return ("read", "write", "readwrite", "read")[access]


def _make_hook(state: dict[str, Any]) -> Any:
    seen = state["seen"]
    local = state["local"]  # per-thread re-entrancy guard: our own os.open raises "open" too

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or getattr(local, "inside", False):
            return
        try:
            path = args[0]
            if isinstance(path, int):
                return
            path = os.fsdecode(os.fspath(path))
            if path.endswith(_SKIP_EXT):
                return
            if not path.startswith("/"):
                path = os.path.join(os.getcwd(), path)
            path = os.path.normpath(path)
            if path.startswith(state["skip"]) or "/." in path:
                return
            key = (path, _open_mode(args[1], args[2] if len(args) > 2 else 0))
            if key in seen:
                return
            seen.add(key)
            record = {"path": key[0], "mode": key[1], "time": time.time(), "pid": os.getpid()}
            local.inside = True
            try:
                with state["lock"]:
                    _write_record(state, record)
            finally:
                local.inside = False
        except Exception:  # noqa: S110 -- an audit hook must never break the user's open()
            pass

    return hook


def _write_record(state: dict[str, Any], record: dict[str, Any]) -> None:
    if state.get("fd") is None or state.get("fd_pid") != os.getpid():
        state["fd"] = os.open(state["path"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        state["fd_pid"] = os.getpid()
    os.write(state["fd"], (json.dumps(record) + "\n").encode("utf-8"))


def install_audit_hook(log_path: str, warm: bool = True) -> bool:
    """Record files opened by this process as JSON lines in ``log_path``.

    Installs at most one hook per process (audit hooks cannot be removed); calling again only
    redirects the log. Returns True when a new hook was installed. ``warm``: fill the package
    and GPU caches in a background thread, so that the first capture's probe is fast even in
    large environments.
    """
    log_path = os.path.abspath(log_path)
    state = getattr(sys, _AUDIT_ATTR, None)
    if state is not None:
        if state["path"] != log_path:
            skip = _skip_prefixes(log_path)
            with state["lock"]:
                if state.get("fd") is not None:
                    os.close(state["fd"])
                state.update(fd=None, path=log_path, skip=skip)
                state["seen"].clear()
        return False
    state = {
        "path": log_path,
        "fd": None,
        "local": threading.local(),
        "lock": threading.Lock(),
        "seen": set(),
        "skip": _skip_prefixes(log_path),
        "installed": time.time(),
        # modules loaded before user code ran: kernel machinery, not the user's imports
        "baseline": {m.partition(".")[0] for m in list(sys.modules)},
    }
    setattr(sys, _AUDIT_ATTR, state)
    if hasattr(os, "register_at_fork"):  # a child forked mid-write must not inherit a held lock
        os.register_at_fork(after_in_child=lambda: state.update(lock=threading.Lock()))
    sys.addaudithook(_make_hook(state))
    if warm:
        threading.Thread(target=_warm_caches, name="jupyter-ext-warm", daemon=True).start()
    return True


def _warm_caches() -> None:
    try:
        _distributions()
        _gpus()
    except Exception:  # noqa: S110 -- only an optimization; the probe computes them anyway
        pass


# --------------------------------------------------------------------------- probe

_DIST_CACHE: dict[str, Any] = {}
_GPU_CACHE: list[Any] = []


def _path_key() -> tuple[Any, ...]:
    key: list[tuple[str, int | None]] = []
    for entry in sys.path:
        try:
            key.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            key.append((entry, None))
    return tuple(key)


def _distributions() -> dict[str, Any]:
    """{"versions": {name: version}, "top": {module: [dist names]}}, cached per sys.path state."""
    import importlib.metadata as md

    key = _path_key()
    cached = dict(_DIST_CACHE)  # a consistent snapshot (see the update below)
    if cached.get("key") == key:
        return cached
    versions: dict[str, str] = {}
    top: dict[str, list[str]] = {}
    seen = set()
    for dist in md.distributions():  # sys.path order: the first one found is the one imported
        name = dist.metadata["Name"]
        if not name or _canonical(name) in seen:
            continue
        seen.add(_canonical(name))
        versions[name] = dist.version
        names = (dist.read_text("top_level.txt") or "").split()
        if not names:
            for file in dist.files or ():
                parts = file.parts
                if len(parts) > 1 and not parts[0].endswith((".dist-info", ".egg-info")):
                    names.append(parts[0])
                elif len(parts) == 1 and parts[0].endswith(".py"):
                    names.append(parts[0][:-3])
        for mod in set(names):
            top.setdefault(mod, []).append(name)
    fresh = {"key": key, "versions": versions, "top": top}
    _DIST_CACHE.update(fresh)  # one C-level update: a concurrent reader never sees it half-done
    return fresh


def _gpus() -> list[dict[str, Any]]:
    if _GPU_CACHE:
        return list(_GPU_CACHE[0])
    import shutil
    import subprocess

    gpus: list[dict[str, Any]] = []
    exe = shutil.which("nvidia-smi")
    if exe:
        try:
            out = subprocess.run(
                [exe, "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"],
                capture_output=True,
                text=True,
                timeout=5,
                check=True,
            ).stdout
            for line in out.splitlines():
                parts = [p.strip() for p in line.split(",")]
                if len(parts) == 3:
                    gpus.append({"name": parts[0], "memory": parts[1], "driver": parts[2]})
        except (OSError, subprocess.SubprocessError):
            pass
    _GPU_CACHE.append(gpus)
    return list(gpus)


def _memory_bytes() -> int | None:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return None


def _imported_names(code_modules: list[str] | None) -> set[str]:
    """Top-level modules the user imported: loaded now and not already loaded when the audit
    hook was installed (kernel start), or named in an import statement of the notebook."""
    loaded = {m.partition(".")[0] for m in list(sys.modules)}
    audit = getattr(sys, _AUDIT_ATTR, None)
    baseline = audit.get("baseline", set()) if audit else set()
    return (loaded - baseline) | (loaded & set(code_modules or ()))


def _probe(modules: list[str] | None = None, code_modules: list[str] | None = None) -> str:
    """JSON facts about this interpreter.

    ``modules``: the top-level names to report as imported (CLI: the notebook's imports);
    otherwise modules imported since kernel start plus loaded ``code_modules``.
    """
    import platform
    import socket

    dists = _distributions()
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | set(sys.builtin_module_names)
    names = set(modules) if modules is not None else _imported_names(code_modules)
    imported: dict[str, str] = {}
    for mod in sorted(set(names)):
        if mod.startswith("_") or mod in stdlib:
            continue
        for dist in dists["top"].get(mod, ()):
            if _canonical(dist) not in KERNEL_INFRA:
                imported[dist] = dists["versions"][dist]
    packages = sorted(f"{_canonical(n)}=={v}" for n, v in dists["versions"].items())
    audit = getattr(sys, _AUDIT_ATTR, None)
    impl = sys.implementation
    facts = {
        "executable": sys.executable,
        "implementation": impl.name,
        "implementation_version": "{}.{}.{}".format(*impl.version[:3]),
        "python": platform.python_version(),
        "os": platform.platform(),
        "hostname": socket.gethostname(),
        "cpu_count": os.cpu_count(),
        "memory_bytes": _memory_bytes(),
        "gpus": _gpus(),
        "pid": os.getpid(),
        "cwd": os.getcwd(),
        "imported_packages": imported,
        "packages": packages,
        "env_vars": {k: os.environ[k] for k in ENV_ALLOWLIST if k in os.environ},
        "audit_log": audit["path"] if audit else None,
    }
    return json.dumps(facts)
