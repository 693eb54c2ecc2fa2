"""A corpus of realistic FAKE credentials, shared by the capture, API and CLI tests.

Every value has the real format (prefix, length, alphabet, structure) but is random, generated
from a fixed seed at import time: the repository holds no literal a secret scanner would flag,
and no value is, or was ever, a live credential.

Each ``Fake`` says how the credential shows up in a notebook: a line of code (``line``), what a
cell prints when it leaks it (``output``), and the value alone (``value``: a parameter or an
environment variable). ``secret`` is the part that must never reach a snapshot, a log or a
message; ``leaks(text)`` finds any 16-character piece of it in ``text``.
"""

from __future__ import annotations

import base64
import json
import random
import string
import textwrap
from dataclasses import dataclass

_RNG = random.Random(0x5EC12E75)
_ALNUM = string.ascii_letters + string.digits
_B32 = string.ascii_uppercase + "234567"
_B64 = _ALNUM + "+/"
_B64URL = _ALNUM + "-_"
FRAGMENT = 16  # a leak of this many consecutive characters of a secret counts


def _pick(alphabet: str, n: int) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _pem(label: str, der: bytes, width: int = 64) -> tuple[str, str]:
    """(the whole PEM block, its base64 body as wrapped in the block)."""
    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode(), width))
    dashes = "-" * 5
    return f"{dashes}BEGIN {label}{dashes}\n{body}\n{dashes}END {label}{dashes}", body


def _der(prefix: bytes, size: int) -> bytes:
    return prefix + _RNG.randbytes(size - len(prefix))


@dataclass(frozen=True)
class Fake:
    name: str  # test id
    kind: str  # the kind our scanner reports
    secret: str  # what must never leak (for PEM keys: the base64 body)
    value: str  # the credential as a parameter / environment value
    line: str  # a line of notebook code that carries it
    output: str = ""  # what a cell that leaks it prints (default: ``value``)

    @property
    def printed(self) -> str:
        return self.output or self.value

    def fragments(self) -> list[str]:
        pieces = [self.secret.replace("\n", "")]
        pieces += [line for line in self.secret.splitlines() if line]  # PEM lines
        found: list[str] = []
        for piece in pieces:
            step = FRAGMENT // 2
            for start in range(0, max(len(piece) - FRAGMENT, 0) + 1, step):
                found.append(piece[start : start + FRAGMENT])
            found.append(piece[-FRAGMENT:])
        return list(dict.fromkeys(found))

    def leaks(self, text: str | bytes) -> list[str]:
        """The pieces of the secret found in ``text`` (empty: nothing leaked)."""
        if isinstance(text, bytes):
            return [f for f in self.fragments() if f.encode() in text]
        return [f for f in self.fragments() if f in text]


def _build() -> list[Fake]:
    fakes: list[Fake] = []
    key_id = "AKIA" + _pick(_B32, 16)
    aws_secret = _pick(_B64, 19) + "/" + _pick(_B64, 20)  # real ones usually hold a / or +
    credentials = (
        f"[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {aws_secret}\n"
        "region = eu-west-1\n"
    )
    fakes.append(
        Fake(
            "aws-access-key-id",
            "AWS Access Key",
            key_id,
            key_id,
            f's3 = boto3.client("s3", aws_access_key_id="{key_id}")',
            output=f"Credentials(access_key='{key_id}', method='env')",
        )
    )
    fakes.append(
        Fake(
            "aws-secret-access-key",
            "AWS Access Key",
            aws_secret,
            aws_secret,
            f's3 = boto3.client("s3", aws_secret_access_key="{aws_secret}")',
            output=credentials,  # !cat ~/.aws/credentials
        )
    )
    ghp = "ghp_" + _pick(_ALNUM, 36)
    fakes.append(Fake("github-classic", "GitHub Token", ghp, ghp, f'gh = Github("{ghp}")'))
    pat = "github_pat_11" + _pick(string.ascii_uppercase + string.digits, 20) + "_"
    pat += _pick(_ALNUM, 59)
    fakes.append(
        Fake(
            "github-fine-grained",
            "GitHub Token",
            pat,
            pat,
            f'gh = Github(auth=Auth.Token("{pat}"))',
        )
    )
    rsa, rsa_body = _pem("RSA PRIVATE KEY", _der(bytes.fromhex("308204a40201000282010100"), 1192))
    pkcs8, pkcs8_body = _pem(
        "PRIVATE KEY",
        _der(bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7"), 1217),
    )
    ssh_der = b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00"
    ssh, ssh_body = _pem("OPENSSH PRIVATE KEY", _der(ssh_der + b"\x00\x00\x00\x01", 399), 70)
    ec, ec_body = _pem("EC PRIVATE KEY", _der(bytes.fromhex("307702010104"), 121))
    for name, block, body in (
        ("pem-rsa", rsa, rsa_body),
        ("pem-pkcs8", pkcs8, pkcs8_body),
        ("pem-openssh", ssh, ssh_body),
        ("pem-ec", ec, ec_body),
    ):
        fakes.append(Fake(name, "Private Key", body, block, f'key_pem = """{block}\n"""'))
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": "a7f3c2e1-9b4d", "name": "Ana Ruiz", "role": "admin", "iat": 1716239022}
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    jwt = f"{header}.{payload}.{_b64url(_RNG.randbytes(32))}"
    fakes.append(
        Fake(
            "jwt",
            "JSON Web Token",
            jwt.split(".", 1)[1],  # the header is the same in every HS256 token
            jwt,
            f'headers = {{"Authorization": "Bearer {jwt}"}}',
            output=f"{{'Authorization': 'Bearer {jwt}'}}",
        )
    )
    password = _pick(_ALNUM, 10) + "!" + _pick(_ALNUM, 5) + "%2A"
    dsn = f"postgresql://analyst:{password}@db.internal.example.com:5432/warehouse"
    fakes.append(
        Fake(
            "url-password",
            "Basic Auth Credentials",
            password,
            dsn,
            f'engine = create_engine("{dsn}")',
            output=f"Engine({dsn})",
        )
    )
    xoxb = f"xoxb-{_pick(string.digits, 12)}-{_pick(string.digits, 13)}-{_pick(_ALNUM, 24)}"
    fakes.append(Fake("slack-bot-token", "Slack Token", xoxb, xoxb, f'slack = WebClient("{xoxb}")'))
    hook_path = (
        f"T{_pick(string.ascii_uppercase + string.digits, 8)}/"
        f"B{_pick(string.ascii_uppercase + string.digits, 10)}/{_pick(_ALNUM, 24)}"
    )
    webhook = "https://hooks.slack.com/services/" + hook_path
    fakes.append(
        Fake(
            "slack-webhook",
            "Slack Token",
            hook_path,
            webhook,
            f'requests.post("{webhook}", json={{"text": "done"}})',
        )
    )
    for name, prefix in (("stripe-secret", "sk_live_51"), ("stripe-restricted", "rk_live_51")):
        key = prefix + _pick(_ALNUM, 97)
        fakes.append(Fake(name, "Stripe Access Key", key, key, f'stripe.api_key = "{key}"'))
    project = "sk-proj-" + _pick(_B64URL, 74) + "T3BlbkFJ" + _pick(_B64URL, 74)
    legacy = "sk-" + _pick(_ALNUM, 20) + "T3BlbkFJ" + _pick(_ALNUM, 20)
    for name, key in (("openai-project", project), ("openai-legacy", legacy)):
        fakes.append(Fake(name, "OpenAI Token", key, key, f'client = OpenAI(api_key="{key}")'))
    return fakes


CORPUS: list[Fake] = _build()
BY_NAME: dict[str, Fake] = {fake.name: fake for fake in CORPUS}
IDS: list[str] = list(BY_NAME)


def leaked(text: str | bytes) -> dict[str, list[str]]:
    """Every corpus secret with a piece in ``text``: {fake name: pieces}."""
    return {fake.name: found for fake in CORPUS if (found := fake.leaks(text))}
