"""Help: the keys of every screen and how scoring works."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from debate.session import SCORING_HELP

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("F1", "this help"),
            ("Ctrl+P", "command palette (every action by name)"),
            ("F9", "light / dark theme"),
            ("Ctrl+Q", "quit (asks first in the middle of a session)"),
        ),
    ),
    (
        "Picker",
        (
            ("type", "filter motions"),
            ("Up / Down", "choose a motion"),
            ("F2", "switch side (proposition / opposition)"),
            ("F3", "switch mode (full round, quick 3, timed)"),
            ("F4", "history: sessions, progress, mastery, reviews due"),
            ("F6", "drills: review due, weak spots, rapid fire, case building"),
            ("Enter", "start"),
        ),
    ),
    ("History", (("R", "drill the arguments due for review"), ("W", "drill weak spots"), ("Esc", "back"))),
    ("Case building", (("Ctrl+S", "check my case (also F5)"), ("Ctrl+E", "edit the list again"), ("Esc", "back"))),
    (
        "Round",
        (
            ("Ctrl+S", "submit (also Ctrl+J or F5)"),
            ("Ctrl+G", "hint: 1 types that work, 2 a keyword, 3 a model rebuttal"),
            ("Ctrl+N", "skip the argument (0 points)"),
            ("Ctrl+O", "why the claim matters"),
            ("Ctrl+T", "the motion and its thesis"),
        ),
    ),
    (
        "Feedback",
        (
            ("Enter", "next argument (the summary after the last)"),
            ("Ctrl+F", "finish the session now"),
        ),
    ),
    (
        "Summary",
        (
            ("E", "export JSON and Markdown"),
            ("N", "new session"),
            ("Enter", "in a drill or assignment: the next session"),
            ("Q", "quit"),
        ),
    ),
)
"""Every key, by screen, as the help screen lists them."""


def help_text() -> Text:
    """The help screen's text."""
    text = Text()
    for section, keys in KEYS:
        text.append(f"{section}\n", style="bold underline")
        for key, what in keys:
            text.append(f"  {key:<10}", style="bold")
            text.append(f" {what}\n")
        text.append("\n")
    text.append("How scoring works\n", style="bold underline")
    text.append(SCORING_HELP + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    """Keys and scoring; any of Escape, F1 or Q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "↑↓ PgUp PgDn scroll · Esc closes"
            yield Static(help_text(), id="help-text", markup=False)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
