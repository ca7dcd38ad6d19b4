"""Pure renderers from session data to Rich text (no widget state), shared by the screens.

Safety rule: user and teacher text (answers, names, motion fields, titles, file names) reaches a widget only as
:class:`~rich.text.Text` built here (never as a markup string) and only after :func:`clean` took out the control
characters that would reach the terminal (an escape sequence, a bell, a backspace).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.table import Table
from rich.text import Text

from debate.model import Argument, Motion, Side
from debate.text_safety import reflow

if TYPE_CHECKING:
    from debate.judge import Verdict

SHOW_LIMIT = 3000
"""The answer view shows at most this many characters of a (pasted) answer."""

VERDICT_MARKS: dict[str, tuple[str, str]] = {
    "hit": ("✓ HIT ", "verdict-hit"),
    "near": ("~ NEAR", "verdict-near"),
    "miss": ("✗ MISS", "verdict-miss"),
}
"""How each verdict is marked: symbol and label, and the style class name."""

STYLES: dict[str, str] = {
    "verdict-hit": "bold green",
    "verdict-near": "bold yellow",
    "verdict-miss": "bold red",
    "span-hit": "bold underline green",
    "span-near": "underline yellow",
}
"""Rich styles (colour is dropped by Textual when NO_COLOR is set; bold and underline remain)."""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0 but newline and tab, DEL, C1): ESC starts an escape sequence the terminal would obey; and
bidirectional embeddings, overrides and isolates, which make the terminal show text in another order."""


def clean(text: str) -> str:
    """User or teacher text without control characters (line breaks and tabs stay), safe to put on screen."""
    return _CONTROL.sub("", text)


def literal(text: str, style: str = "") -> Text:
    """User or teacher text as Rich text: shown exactly as written (``[/]`` is two brackets and a slash, never
    markup), without control characters."""
    return Text(clean(text), style=style)


def _cleaned_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """``clean(text)`` and a map from offsets in ``text`` to offsets in it (spans survive the cleaning)."""
    removed = [match.start() for match in _CONTROL.finditer(text)]
    return clean(text), lambda offset: offset - bisect_left(removed, offset)


def merge_spans(spans: Iterable[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans clipped to ``limit``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(limit, e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight_answer(answer: str, verdicts: Sequence[Verdict], limit: int = SHOW_LIMIT) -> Text:
    """The answer with the words that carried hits (green, underlined) and near misses (yellow) marked."""
    if not answer.strip():
        return Text("(no answer)", style="dim italic")
    shown, moved = _cleaned_offsets(answer[:limit])  # the spans are offsets into the answer as typed
    text = Text(shown)
    near = merge_spans((s for v in verdicts if v.verdict == "near" for s in v.spans), len(answer[:limit]))
    hit = merge_spans((s for v in verdicts if v.verdict == "hit" for s in v.spans), len(answer[:limit]))
    for start, end in near:
        text.stylize(STYLES["span-near"], moved(start), moved(end))
    for start, end in hit:
        text.stylize(STYLES["span-hit"], moved(start), moved(end))
    if len(answer) > limit:
        text.append(f"\n… ({len(answer) - limit:,} more characters not shown)", style="dim italic")
    return text


def one_line(text: str, width: int = 0) -> str:
    """``text`` on one line, printable characters only, cut to ``width`` terminal cells with an ellipsis (0: no cut;
    a wide character, as in Chinese or Japanese, takes two cells)."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if not width or cell_len(flat) <= width:
        return flat
    return set_cell_size(flat, width - 1).rstrip() + "…"


def hanging_grid() -> Table:
    """Two columns, a narrow one (a number, a mark, a percentage) and the text, whose wrapped lines stay under the
    text's start rather than going back to the edge."""
    grid = Table.grid(expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def prose(text: str) -> str:
    """YAML block text as flowing paragraphs (:func:`debate.text_safety.reflow`: single line breaks become spaces,
    blank lines stay); no control characters (see :func:`clean`)."""
    return reflow(clean(text))


def motion_summary_line(motion: Motion) -> str:
    """Tags, difficulty and argument counts on one line."""
    tags = ", ".join(motion.tags) if motion.tags else "no tags"
    return clean(f"{motion.difficulty} · {len(motion.proposition)} for / {len(motion.opposition)} against · {tags}")


_HOUSE = re.compile(r"^this house (?:believes that |believes |would |supports |regrets |prefers )?", re.IGNORECASE)


def short_title(title: str) -> str:
    """The motion without its 'This House would' opening, for narrow tables: 'Ban phones in classrooms'."""
    title = clean(title)
    rest = _HOUSE.sub("", title.strip())
    return rest[:1].upper() + rest[1:] if rest else title


def side_label(side: Side) -> str:
    """'Proposition' or 'Opposition'."""
    return side.capitalize()


SIDE_SHORT: dict[str, str] = {"proposition": "Prop", "opposition": "Opp"}
"""Sides where room is short (narrow tables and lines), as debaters shorten them."""


def claim_text(argument: Argument, opponent: Side, *, explain: bool) -> Text:
    """The opponent's argument as a card body: who says it, the claim, and optionally why it matters."""
    text = Text()
    text.append(f"{side_label(opponent)} argues:\n", style="dim")
    text.append(prose(argument.claim), style="bold")
    if explain:
        text.append("\n\nWhy it matters: ", style="italic")
        text.append(prose(argument.explanation))
    return text


def local_time(moment: datetime) -> str:
    """A stored (UTC) time as local ``YYYY-MM-DD HH:MM``."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def when_from_now(moment: datetime, now: datetime) -> str:
    """'now', 'in 8 minutes', 'in 3 hours', 'in 2 days' (rounded down; never negative)."""
    seconds = max(0.0, (moment - now).total_seconds())
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = int(seconds // size)
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    return "in under a minute" if seconds > 0 else "now"
