"""The one-line box (motion filter, student's name): no control character gets in. Apart from the answer area so
the picker, on screen at start, does not import Textual's text area."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from debate.tui.widgets.keys import run_own_binding
from debate.tui.widgets.text import clean


class PlainInput(Input):
    """An :class:`Input` that lets no control character in (typed, pasted or inserted by code), so a pasted escape
    sequence is never painted to the terminal nor saved as, say, a student's name; and whose editing keys keep their
    place among the typed characters (:func:`debate.tui.widgets.keys.run_own_binding`)."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace ``start``..``end`` with ``text`` without its control characters."""
        super().replace(clean(text), start, end)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls every class's _on_key along the MRO; prevent_default stops Input's from running too.
        await run_own_binding(self, event)
