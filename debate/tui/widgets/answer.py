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
        """Perform ``edit`` without the control characters of its text (line breaks and tabs stay; a carriage
        return, as terminals send a pasted line break, is one)."""
        edit.text = clean(edit.text.replace("\r\n", "\n").replace("\r", "\n"))
        result = super().edit(edit)
        self.scroll_visible(animate=False)  # (in a small terminal, panels opened above may have pushed it off)
        return result

    def on_resize(self) -> None:
        """Repaint the whole box once it has re-wrapped to its new width.

        :class:`TextArea` re-wraps in its own Resize handler (which runs just after this one), but by then the screen
        has already painted the box at its new size with the old wrap, and a re-wrap that keeps the number of lines
        asks for no repaint: the stale lines stayed (a fragment doubled or lost) until the next key.
        """
        self.refresh()

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls every class's _on_key along the MRO; prevent_default stops TextArea's from running too.
        await run_own_binding(self, event)
