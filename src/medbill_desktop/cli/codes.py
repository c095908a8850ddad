"""`medbill codes ...` (code sets) — filled in by the code-sets work."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    return None
