"""The bordered, titled panels the screens are built of."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widgets import Static


def panel(widget_id: str, title: str, content: RenderableType = "") -> Static:
    """A :class:`Static` with the ``panel`` class (its border lives in ``app.tcss``) and ``title`` on the border.

    Neither the title nor a string given later to ``update`` is read as markup (see ``debate.tui.widgets.text``).
    """
    widget = Static(content, id=widget_id, classes="panel", markup=False)
    widget.border_title = Text(title)
    return widget
