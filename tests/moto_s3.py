"""A real S3 protocol server (moto) for tests of every layer: store, CLI.

A unique module name, importable from every test dir (tests/conftest.py puts tests/ on the path).
"""

from __future__ import annotations

import socket
import sys
import uuid
from pathlib import Path

MOTO = Path(sys.executable).with_name("moto_server")
AWS_ENV = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_bucket(endpoint: str) -> str:
    import boto3

    name = f"bucket-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket=name)
    return name
