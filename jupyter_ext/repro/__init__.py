"""Reproduction: re-run a snapshot and verify it, recreate its environment, follow data
lineage between runs, and get the files a run wrote back.

Uses store, capture and diff; used by the handlers and the CLI (never the other way round).
"""
