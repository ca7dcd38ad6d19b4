"""The box students type their rebuttals in: it takes keys strictly in the order they arrive and lets no control
character in (the one-line box is :class:`debate.tui.widgets.plain_input.PlainInput`)."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from debate.tui.widgets.text import clean


class AnswerArea(TextArea):
    """A :class:`TextArea` whose editing keys (Backspace, Delete, arrows, Home, ctrl+w...) keep their place among
    the typed characters.

    Textual's text area inserts a printable key in its own key handler, but runs a bound key's action only when the
    key has bubbled up to the app; in a burst (fast typing, a chorded keyboard, a paste without bracketed paste) the
    next characters are inserted before that, so "hellox⌫ world" became "hellox worl" (Textualize/textual#6605).
    Here the area's own bindings run in its key handler, as the key arrives. Priority bindings (the screen's submit
    key) were already handled before the key reached the area; a binding whose action does not apply now goes on
    up the usual way.

    Control characters never enter it (a pasted escape sequence would otherwise be painted straight to the
    terminal): every edit, typed, pasted or made by code, is cleaned first.
    """

    def edit(self, edit: Edit) -> EditResult:
        """Perform ``edit`` without the control characters of its text (line breaks and tabs stay)."""
        edit.text = clean(edit.text)
        return super().edit(edit)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls every class's _on_key along the MRO; prevent_default stops TextArea's from running too.
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
