"""The one-line box (motion filter, student's name): no control character gets in. Apart from the answer area so
the picker, on screen at start, does not import Textual's text area."""

from __future__ import annotations

from textual.widgets import Input

from debate.tui.widgets.text import clean


class PlainInput(Input):
    """An :class:`Input` that lets no control character in (typed, pasted or inserted by code), so a pasted escape
    sequence is never painted to the terminal nor saved as, say, a student's name."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace ``start``..``end`` with ``text`` without its control characters."""
        super().replace(clean(text), start, end)
