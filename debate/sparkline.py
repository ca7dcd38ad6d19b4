"""Text sparklines: a row of block characters, one per value, for the history screen and ``debate stats``."""

from __future__ import annotations

from collections.abc import Sequence

SPARKS = "▁▂▃▄▅▆▇█"
"""Block characters for text sparklines, lowest first."""


def sparkline(values: Sequence[float], top: float = 100.0) -> str:
    """Values from 0 to ``top`` (percentages by default) as block characters, one per value.

    Each value takes the nearest of the eight heights; a value outside 0..top is drawn at the nearer end.
    """
    last = len(SPARKS) - 1
    return "".join(SPARKS[max(0, min(last, int(v / top * last + 0.5)))] for v in values)
