"""Which side the student argues, asked every time a motion is started (the last side is offered first)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from debate.model import Side


class SideScreen(ModalScreen[Side | None]):
    """Dismisses with the side chosen, or None (escape: not started)."""

    DEFAULT_CSS = """
    SideScreen { align: center middle; }
    SideScreen #side-box {
        width: 60; max-width: 100%; height: auto; border: thick $primary; padding: 1 2; background: $surface;
    }
    SideScreen #side-buttons { height: auto; margin-top: 1; }
    SideScreen Button { width: 1fr; min-width: 0; margin-right: 2; }
    SideScreen #opposition { margin-right: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "choose('proposition')", "Proposition", id="side.proposition"),
        Binding("o", "choose('opposition')", "Opposition", id="side.opposition"),
        Binding("escape", "cancel", "Cancel", id="side.cancel"),
        Binding("left,right", "switch", "Switch", show=False),
    ]

    def __init__(self, title: str, offered: Side) -> None:
        super().__init__()
        self.title_text = title
        self.offered = offered

    def compose(self) -> ComposeResult:
        with Vertical(id="side-box"):
            question = Text("Which side do you argue?\n", style="bold")
            question.append(self.title_text)
            question.append("\nYou rebut the other side's arguments.", style="dim")
            yield Static(question, id="side-question")
            with Horizontal(id="side-buttons"):
                yield Button("Proposition (p)", id="proposition", variant="primary")
                yield Button("Opposition (o)", id="opposition", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#{self.offered}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss("opposition" if event.button.id == "opposition" else "proposition")

    def action_choose(self, side: str) -> None:
        """Choose a side."""
        self.dismiss("opposition" if side == "opposition" else "proposition")

    def action_switch(self) -> None:
        """Move the focus to the other side's button."""
        self.focus_next()

    def action_cancel(self) -> None:
        """Do not start."""
        self.dismiss(None)
