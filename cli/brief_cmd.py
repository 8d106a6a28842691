"""`brief`: placeholder until its issue lands (see README)."""

from __future__ import annotations


def register(subparsers) -> None:
    pass
