"""`jupyter snapshot …` — the command line for terminals and CI jobs (placeholder)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli_commands import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
