"""The drills menu: review due, weak spots, rapid fire, case building."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from debate.tui.widgets.text import literal

DRILLS: tuple[tuple[str, str, str, bool], ...] = (
    ("review", "Review due", "the arguments your history says are due again, across all motions", True),
    ("weak", "Weak spots", "the three arguments with the lowest mastery, as home lists them", True),
    ("rapid", "Rapid fire", "up to 5 of the highlighted motion's other-side arguments, 30 seconds each", False),
    ("case", "Case building", "list your own side's arguments; see which you covered", False),
)
"""(id, name, what it does, needs history) for every drill."""


class DrillsScreen(ModalScreen[str | None]):
    """Choose a drill; dismisses with its id (or None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f6", "close", "Close", id="drills.close"),
    ]

    def __init__(self, motion_title: str | None, side_label: str, *, history: bool) -> None:
        super().__init__()
        self.motion_title = motion_title
        self.side_label = side_label
        self.history = history

    def compose(self) -> ComposeResult:
        with Vertical(id="drills-box") as box:
            box.border_title = "Drills"
            box.border_subtitle = "Enter starts · Esc closes"
            options: list[Option] = []
            for drill_id, name, what, needs_history in DRILLS:
                disabled = (needs_history and not self.history) or (not needs_history and self.motion_title is None)
                why = " (needs the history)" if needs_history and not self.history else ""
                options.append(
                    Option(Text.assemble((name, "bold"), "\n", (what + why, "dim")), id=drill_id, disabled=disabled)
                )
            yield OptionList(*options, id="drills-list")
            on_motion = self.motion_title or "no motion highlighted"
            motion_line = literal(f"Motion: {on_motion} · you: {self.side_label}", style="italic")
            yield Static(motion_line, id="drills-motion", markup=False)

    def on_mount(self) -> None:
        option_list = self.query_one("#drills-list", OptionList)
        option_list.focus()
        enabled = [i for i in range(option_list.option_count) if not option_list.get_option_at_index(i).disabled]
        option_list.highlighted = enabled[0] if enabled else None

    @on(OptionList.OptionSelected, "#drills-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
