"""The box students type their rebuttals in: it takes keys strictly in the order they arrive and lets no control
character in (the one-line box is :class:`debate.tui.widgets.plain_input.PlainInput`)."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from debate.tui.widgets.keys import run_own_binding
from debate.tui.widgets.text import clean


class AnswerArea(TextArea):
    """A :class:`TextArea` whose editing keys (Backspace, Delete, arrows, Home, ctrl+w...) keep their place among
    the typed characters (:func:`debate.tui.widgets.keys.run_own_binding`).

    Control characters never enter it (a pasted escape sequence would otherwise be painted straight to the
    terminal): every edit, typed, pasted or made by code, is cleaned first.
    """

    def edit(self, edit: Edit) -> EditResult:
        """Perform ``edit`` without the control characters of its text (line breaks and tabs stay)."""
        edit.text = clean(edit.text)
        return super().edit(edit)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls every class's _on_key along the MRO; prevent_default stops TextArea's from running too.
        await run_own_binding(self, event)
