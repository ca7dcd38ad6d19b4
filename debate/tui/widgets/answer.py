"""The answer box: a :class:`TextArea` that applies every key strictly in the order it arrives.

Textual's stock ``TextArea`` inserts printable keys in its own ``_on_key`` handler, but Backspace, Delete, the
arrows and the other editing keys are *bindings*. A non-priority binding runs only after the key event has bubbled
from the text area up to the app (``App._on_key`` -> ``_check_bindings``), one message queue per hop, while the text
area is already inserting the keys typed after it. In a burst ("hellox", Backspace, " world") the Backspace then
lands last and eats the "d": "hellox worl" (Textualize/textual#6605). :class:`AnswerArea` runs its own bindings
inside ``_on_key`` too, so an editing key is applied before the next key is even read.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea


class AnswerArea(TextArea):
    """A text area whose editing bindings (Backspace, Delete, arrows, Home, ...) apply in key order."""

    async def _on_key(self, event: events.Key) -> None:
        """Run the area's own binding for the key right here; otherwise insert it as the stock text area does."""
        if not self.read_only:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if binding.priority:
                    continue  # priority bindings already ran at the app, before the key was forwarded here
                if await self.app.run_action(binding.action, self):
                    # handled: stop it, or the app would run the same binding again when the key bubbles up
                    event.stop()
                    event.prevent_default()
                    self._restart_blink()
                    return
        await super()._on_key(event)
