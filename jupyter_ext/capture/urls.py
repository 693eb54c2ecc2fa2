"""URL helpers: strip credentials (userinfo, sensitive query parameters) and normalize remotes."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SENSITIVE_QUERY = re.compile(
    r"(?i)^(x-amz-(signature|credential|security-token)|sig|signature|token|access_token|"
    r"api[_-]?key|apikey|key|password|passwd|pwd|secret|client_secret|auth|code)$"
)
# scheme://user[:password]@host  (also inside longer strings, e.g. a DSN in an env var).
# The scheme is bounded: unbounded, every word of "a.a.a.a..." rescanned the rest (128 KiB: 21 s).
_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://)(?P<userinfo>[^/\s@?#]+)@")
_SCP_REMOTE = re.compile(r"^(?:(?P<user>[^@/\s]+)@)?(?P<host>[^:/\s]+):(?P<path>(?!//).+)$")


def strip_url_credentials(url: str) -> str:
    """Remove ``user:password@`` and the values of sensitive query parameters from a URL."""
    text = _USERINFO.sub(lambda m: m.group("scheme"), url)
    if "?" not in text or "://" not in text:
        return text
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if not parts.query:
        return text
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(_SENSITIVE_QUERY.match(k) for k, _ in query):
        return text
    cleaned = [(k, "REDACTED" if _SENSITIVE_QUERY.match(k) else v) for k, v in query]
    return urlunsplit(parts._replace(query=urlencode(cleaned, safe="/:")))


def strip_credentials_in_text(text: str) -> str:
    """Strip userinfo from every URL found inside free text (env values, DSNs...)."""
    return _USERINFO.sub(lambda m: m.group("scheme"), text)


def normalize_remote(remote: str) -> str:
    """Canonical identity of a git remote: ``host/owner/repo`` (no scheme, user, ``.git``).

    ``git@github.com:x/y.git``, ``ssh://git@github.com/x/y`` and
    ``https://user:tok@github.com/x/y.git`` all become ``github.com/x/y``, so teammates who
    cloned differently share one notebook history.
    """
    remote = remote.strip()
    if "://" in remote:
        parts = urlsplit(strip_url_credentials(remote))
        host = (parts.hostname or "").lower()
        if parts.port and parts.scheme not in ("ssh", "git", "http", "https"):
            host = f"{host}:{parts.port}"
        path = parts.path
        if not host:  # file:// remotes
            return path.rstrip("/").removesuffix(".git")
    else:
        match = _SCP_REMOTE.match(remote)
        if not match:  # a local path used as remote
            return remote.rstrip("/").removesuffix(".git")
        host, path = match.group("host").lower(), match.group("path")
    path = path.strip("/").removesuffix(".git").rstrip("/")
    return f"{host}/{path}" if path else host
