"""The bordered, titled panels the screens are built of."""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import Static


def panel(widget_id: str, title: str, content: RenderableType = "") -> Static:
    """A :class:`Static` with the ``panel`` class (its border lives in ``app.tcss``) and ``title`` on the border."""
    widget = Static(content, id=widget_id, classes="panel")
    widget.border_title = title
    return widget
