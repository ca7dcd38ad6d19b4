"""Keys in arrival order, for the boxes students type in (Textualize/textual#6605).

Textual's :class:`~textual.widgets.Input` and :class:`~textual.widgets.TextArea` insert a printable key in their own
key handler, but run a bound key's action (Backspace, Delete, arrows, Home, ctrl+w...) only when the key has bubbled
up to the app; in a burst (fast typing, a chorded keyboard, a paste without bracketed paste) the next characters are
inserted before that, so "hellox⌫ world" became "hellox worl". :func:`run_own_binding` runs the widget's own binding
in its key handler instead, as the key arrives.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


async def run_own_binding(widget: Widget, event: events.Key) -> None:
    """Run ``widget``'s own binding for ``event`` now, and stop the key there (and its class's default handling) when
    the action ran. Priority bindings (a screen's submit key) were already handled before the key reached the widget;
    a binding whose action does not apply now lets the key go on up the usual way."""
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if binding.priority:
            continue
        if await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return
