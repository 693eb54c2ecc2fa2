"""Talking to a running kernel: kernel_info, a silent probe, and installing the audit hook.

The kernel helper (``jupyter_ext/kernel.py``) is sent as source text and lives in the kernel as
the module ``_jupyter_ext_kernel`` (also aliased as ``jupyter_ext.kernel`` when the kernel's
environment has no ``jupyter_ext``). Every execute is ``silent`` with ``store_history=False``:
no execution count, no output in the notebook, nothing in the user's namespace.
"""

from __future__ import annotations

import ast
import asyncio
import hashlib
import inspect
import json
import logging
import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

log = logging.getLogger(__name__)

KERNEL_MODULE = "_jupyter_ext_kernel"
SUBSHELL_FEATURE = "kernel subshells"  # JEP 91, ipykernel >= 7
_KERNEL_FILE = Path(__file__).resolve().parent.parent / "kernel.py"
_KERNEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_HOOK_LOGS: dict[str, Path] = {}  # kernel id -> audit log, for capture_facts in this process

_BOOT = """
def _jx_boot(src, digest):
    import sys, types
    mod = sys.modules.get("_jupyter_ext_kernel")
    if mod is None or getattr(mod, "_JX_DIGEST", None) != digest:
        mod = types.ModuleType("_jupyter_ext_kernel")
        mod.__file__ = "<jupyter_ext.kernel>"
        sys.modules["_jupyter_ext_kernel"] = mod
        exec(compile(src, "<jupyter_ext.kernel>", "exec"), mod.__dict__)
        mod._JX_DIGEST = digest
        try:
            import importlib.util
            have = importlib.util.find_spec("jupyter_ext") is not None
        except (ImportError, ValueError):
            have = False
        pkg = sys.modules.get("jupyter_ext")
        if not have or getattr(pkg, "_jx_alias", False):
            pkg = pkg or types.ModuleType("jupyter_ext")
            pkg.__path__ = []
            pkg._jx_alias = True
            pkg.kernel = mod
            sys.modules["jupyter_ext"] = pkg
            sys.modules["jupyter_ext.kernel"] = mod
    return mod
"""


def kernel_source() -> tuple[str, str]:
    """Source of the kernel helper and its sha256."""
    text = _KERNEL_FILE.read_text("utf-8")
    return text, hashlib.sha256(text.encode()).hexdigest()


def bootstrap_code(call: str = "", **args: Any) -> str:
    """One statement that loads the helper in the kernel then runs ``_jx_boot(...)<call>``.

    ``args`` (JSON values) are visible to ``call`` by name. Nothing leaks into user globals.
    """
    src, digest = kernel_source()
    body = f"{_BOOT}\n_jx_boot(SRC, DIGEST){call}\n"
    names = {"SRC": src, "DIGEST": digest, **args}
    return f"exec({body!r}, {{{', '.join(f'{k!r}: {v!r}' for k, v in names.items())}}})"


def audit_log_path(log_dir: Path, kernel_id: str) -> Path:
    if not _KERNEL_ID.match(kernel_id):
        raise ValueError(f"invalid kernel id {kernel_id!r}")
    return Path(log_dir) / f"{kernel_id}.jsonl"


def registered_audit_log(kernel_id: str) -> Path | None:
    """Audit log given to ``install_kernel_hook`` for this kernel in this process."""
    return _HOOK_LOGS.get(kernel_id)


def _get_kernel(kernel_manager: Any, kernel_id: str) -> Any | None:
    """The KernelManager of ``kernel_id``, or None (jupyter_server raises a 404 HTTPError,
    jupyter_client a KeyError: test membership first instead of importing either)."""
    try:
        if kernel_id not in kernel_manager:
            return None
        return kernel_manager.get_kernel(kernel_id)
    except Exception:  # the kernel went away between the two calls
        return None


async def _maybe_await(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


class _Conversation:
    """Request/reply over a kernel client's shell and control channels, matched by msg id."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.replies: dict[str, dict[str, Any]] = {}

    def send(
        self, channel: str, msg_type: str, content: dict[str, Any], subshell_id: str | None = None
    ) -> str:
        msg = self.client.session.msg(msg_type, content)
        if subshell_id is not None:
            msg["header"]["subshell_id"] = subshell_id
        getattr(self.client, f"{channel}_channel").send(msg)
        return str(msg["header"]["msg_id"])

    async def reply(self, channel: str, msg_id: str, deadline: float) -> dict[str, Any] | None:
        loop = asyncio.get_running_loop()
        chan = getattr(self.client, f"{channel}_channel")
        while msg_id not in self.replies:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            try:
                msg = await _maybe_await(chan.get_msg(timeout=remaining))
            except Empty:
                return None
            parent = (msg.get("parent_header") or {}).get("msg_id")
            if parent:
                self.replies[str(parent)] = msg
        return self.replies.pop(msg_id)


def _is_python(kernel: Any) -> bool:
    spec = getattr(kernel, "kernel_spec", None)
    language = str(getattr(spec, "language", "") or "").lower()
    return language == "python" or (not language and "python" in str(kernel.kernel_name))


@dataclass
class KernelProbe:
    """What a probe learned: manifest ``kernel`` facts and the raw ``_probe()`` payload."""

    facts: dict[str, Any]
    probe: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)


def _start_client(kernel: Any) -> Any:
    """A client with its OWN session id: the kernel manager's session is shared by every
    ``kernel.client()``, and the kernel routes shell/control replies by that id, so a shared
    one would steal replies meant for other clients of the same kernel."""
    client = kernel.client()
    session = client.session.clone()
    session.session = uuid.uuid4().hex
    client.session = session
    client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=True)  # noqa: S604
    return client


def _decode_probe(reply: dict[str, Any] | None) -> dict[str, Any] | None:
    if reply is None:
        return None
    result = (reply.get("content") or {}).get("user_expressions", {}).get("jx") or {}
    text = (result.get("data") or {}).get("text/plain")
    if result.get("status") != "ok" or not isinstance(text, str):
        return None
    try:
        value = json.loads(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError):
        return None
    return value if isinstance(value, dict) else None


async def probe_kernel(
    kernel_manager: Any,
    kernel_id: str,
    timeout: float,
    code_modules: list[str] | None = None,
    audit_log: Path | None = None,
) -> KernelProbe:
    """Kernel facts within ~``timeout`` seconds, whether the kernel is idle, busy or dead.

    kernel_info goes over the control channel (answered even while a cell runs). The probe
    runs on the main shell when idle, else on a subshell (ipykernel >= 7) when supported.
    With ``audit_log``, the probe also (re)installs the audit hook: kernels started before
    the extension was loaded get one from their first capture on.
    """
    loop = asyncio.get_running_loop()
    start = loop.time()
    deadline = start + timeout
    facts: dict[str, Any] = {
        "name": None,
        "display_name": None,
        "language": None,
        "state": "none",
        "missing": [],
    }
    result = KernelProbe(facts)
    missing: list[str] = facts["missing"]
    kernel = _get_kernel(kernel_manager, kernel_id)
    if kernel is None:
        facts["state"] = "dead"
        missing.append(f"all kernel facts: kernel {kernel_id} is not running")
        return result
    spec = getattr(kernel, "kernel_spec", None)
    facts.update(
        name=getattr(kernel, "kernel_name", None),
        display_name=getattr(spec, "display_name", None),
        language=getattr(spec, "language", None),
    )
    argv = list(getattr(spec, "argv", None) or [])
    executable = argv[0] if argv else None  # from the kernelspec until probed
    if executable in ("python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"):
        executable = sys.executable  # what jupyter_client launches for these names
    facts["executable"] = executable
    try:
        alive = await asyncio.wait_for(_maybe_await(kernel.is_alive()), timeout / 3)
    except (asyncio.TimeoutError, Exception):
        alive = False
    if not alive:
        facts["state"] = "dead"
        missing.append("interpreter and packages: the kernel is dead")
        return result
    client = _start_client(kernel)
    subshell: str | None = None
    conv = _Conversation(client)
    try:
        ctl = conv.send("control", "kernel_info_request", {})
        shell = conv.send("shell", "kernel_info_request", {})
        info = await conv.reply("control", ctl, start + timeout * 0.5)
        if info is None:
            facts["state"] = "busy"
            missing.append(f"all kernel facts: no answer to kernel_info in {timeout * 0.5:g}s")
            return result
        content = info.get("content") or {}
        lang = content.get("language_info") or {}
        facts.update(
            language=lang.get("name") or facts["language"],
            language_version=lang.get("version"),
            kernel_implementation=content.get("implementation"),
            kernel_implementation_version=content.get("implementation_version"),
            protocol_version=content.get("protocol_version"),
        )
        # An idle kernel answers on the shell channel at once; a busy one queues the request.
        idle = await conv.reply("shell", shell, min(deadline, loop.time() + 0.25)) is not None
        facts["state"] = "idle" if idle else "busy"
        if not _is_python(kernel):
            missing.append("interpreter and packages: only Python kernels are probed")
            return result
        if facts["state"] == "busy":
            if SUBSHELL_FEATURE not in (content.get("supported_features") or []):
                missing.append("interpreter and packages: the kernel is busy")
                return result
            created = await conv.reply(
                "control", conv.send("control", "create_subshell_request", {}), deadline
            )
            subshell = ((created or {}).get("content") or {}).get("subshell_id")
            if subshell is None:
                missing.append("interpreter and packages: the kernel is busy (no subshell)")
                return result
        probe_call = (
            f"__import__('sys').modules[{KERNEL_MODULE!r}]"
            f"._probe(code_modules={sorted(code_modules or [])!r})"
        )
        hook = ""
        if audit_log is not None:
            audit_log.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            hook = f".install_audit_hook({str(audit_log)!r})"
        request = {
            "code": bootstrap_code(hook),
            "silent": True,
            "store_history": False,
            "user_expressions": {"jx": probe_call},
            "allow_stdin": False,
            "stop_on_error": False,
        }
        reply = await conv.reply(
            "shell", conv.send("shell", "execute_request", request, subshell), deadline
        )
        result.probe = _decode_probe(reply)
        if result.probe is None:
            why = "no answer in time" if reply is None else "the probe failed in the kernel"
            missing.append(f"interpreter and packages: {why}")
        else:
            facts.update(
                {
                    k: result.probe.get(k)
                    for k in ("implementation", "implementation_version", "executable")
                }
            )
        return result
    finally:
        if subshell is not None:  # wait for the reply: closing the socket drops unsent messages
            deleted = conv.send("control", "delete_subshell_request", {"subshell_id": subshell})
            await conv.reply("control", deleted, loop.time() + 0.5)
        client.stop_channels()


async def install_kernel_hook(
    kernel_manager: Any, kernel_id: str, *, log_dir: Path, timeout: float = 10.0
) -> None:
    """Install the file-open audit hook in a Python kernel (others are skipped silently).

    Records go to ``log_dir/<kernel_id>.jsonl`` so that capture can read them even while the
    kernel is busy or after it died. Safe to call again (one hook per kernel process). Never
    raises for kernel-side problems (they are logged).
    """
    path = audit_log_path(Path(log_dir), kernel_id)
    kernel = _get_kernel(kernel_manager, kernel_id)
    if kernel is None:
        log.warning("jupyter-ext: no kernel %s to install the audit hook in", kernel_id)
        return
    if not _is_python(kernel):
        return
    Path(log_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
    _HOOK_LOGS[kernel_id] = path
    client = _start_client(kernel)
    try:
        conv = _Conversation(client)
        code = bootstrap_code(".install_audit_hook(LOG)", LOG=str(path))
        msg_id = conv.send(
            "shell",
            "execute_request",
            {
                "code": code,
                "silent": True,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": False,
            },
        )
        reply = await conv.reply("shell", msg_id, asyncio.get_running_loop().time() + timeout)
        status = ((reply or {}).get("content") or {}).get("status")
        if status != "ok":
            log.warning(
                "jupyter-ext: audit hook not confirmed in kernel %s (%s)",
                kernel_id,
                status or "no reply",
            )
    finally:
        client.stop_channels()
