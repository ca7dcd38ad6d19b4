"""Parsed YAML as the loader sees it: :class:`Node` trees that keep every value's line and column, and the limits
every file is read within. No YAML library here: a motion rebuilt from the parsed-motion cache never needs one
(:mod:`debate.yamlsafe` does the parsing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from debate.text_safety import excerpt

MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before parsing."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and sequences accepted."""
MAX_VALUES = 50_000
"""Most values (scalars, lists and mappings) in one file; the largest bundled motion has under 2,000."""
MAX_NUMBER_CHARS = 32
"""Longest number (as written) that is converted; longer ones stay :class:`LongNumber`."""


@dataclass(frozen=True)
class LongNumber:
    """A number too long to convert safely, kept as written; no schema accepts it."""

    text: str
    """The number as written in the file."""

    def __str__(self) -> str:
        return excerpt(self.text, 24)


@dataclass
class Node:
    """One YAML value with the position it was read from (1-based line and column)."""

    kind: str
    """``map``, ``seq`` or ``scalar``."""
    line: int
    """1-based line of the value."""
    col: int
    """1-based column of the value."""
    value: Any = None
    """For scalars the resolved Python value (str, int, float, bool, None, date, :class:`LongNumber`)."""
    items: list[Node] = field(default_factory=list)
    """For sequences: the elements."""
    pairs: dict[str, tuple[Node, Node]] = field(default_factory=dict)
    """For mappings: key text -> (key node, value node), in file order."""
    written: str = ""
    """For scalars: the text as written in the file (for messages: ``1:30``, not the 90 YAML 1.1 reads)."""

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, (_, v) in self.pairs.items()}
        if self.kind == "seq":
            return [item.plain() for item in self.items]
        return self.value


class YamlProblem(Exception):
    """A problem at a position of the file; the loader turns it into ``path:line:col: message``."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message
