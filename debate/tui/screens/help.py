"""Help: the keys of every screen and how scoring works."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from debate.tui.copy import SCORING_HELP

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
            ("Enter", "start (study, when s on the home screen opened the library to choose)"),
            ("Esc", "back to the home screen (plain debate)"),
        ),
    ),
    (
        "Home",
        (
            ("r", "review the arguments due"),
            ("c", "again: the last session's motion and side (after a review or weak-spots drill, a Quick 3)"),
            ("s", "study the last motion before being tested (none yet: choose one in the motion library)"),
            ("w", "drill weak arguments"),
            ("m / Enter", "the motion library"),
            ("F4", "history"),
        ),
    ),
    (
        "Study",
        (
            ("Right / n", "next argument"),
            ("Left / p", "previous argument"),
            ("t", "test me: a quick round"),
            ("Esc", "back"),
        ),
    ),
    (
        "History",
        (
            ("r", "drill the arguments due for review"),
            ("w", "drill weak spots"),
            ("s", "sessions: your answers beside the model rebuttals"),
            ("Esc", "back"),
        ),
    ),
    ("Sessions", (("Up / Down", "choose a session"), ("Tab", "to the answers and back"), ("d", "delete (asks first)"))),
    ("Case building", (("Ctrl+S", "check my case (also F5)"), ("Ctrl+E", "edit the list again"), ("Esc", "back"))),
    (
        "Round",
        (
            ("Ctrl+S", "submit (also Ctrl+J or F5)"),
            ("Ctrl+G", "hint (one per press): 1 the line of attack, 2 words to use, 3 the model rebuttal"),
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
            ("c", "contest the verdict: ask your teacher to look at it (points stay until it is marked)"),
        ),
    ),
    (
        "Summary",
        (
            ("e", "export JSON and Markdown"),
            ("n", "new session"),
            ("h", "back to the home screen (plain debate)"),
            ("Enter", "in a drill or assignment: the next session"),
            ("q", "quit"),
        ),
    ),
)
"""Every key, by screen, as the help screen lists them: a letter as it is pressed (lower case), other keys by name."""


SCREEN_SECTIONS = {
    "HomeScreen": "Home",
    "StudyScreen": "Study",
    "PickerScreen": "Picker",
    "HistoryScreen": "History",
    "SessionsScreen": "Sessions",
    "CaseBuildingScreen": "Case building",
    "RoundScreen": "Round",
    "SummaryScreen": "Summary",
}
"""Which section of :data:`KEYS` belongs to which screen (by class name, so this module imports no screen)."""


def section_for(screen_name: str, phase: str = "") -> str | None:
    """The help section of a screen (the round screen's feedback phase has its own)."""
    if screen_name == "RoundScreen" and phase == "feedback":
        return "Feedback"
    return SCREEN_SECTIONS.get(screen_name)


def _keys(text: Text, keys: tuple[tuple[str, str], ...]) -> None:
    for key, what in keys:
        text.append(f"  {key:<10}", style="bold")
        text.append(f" {what}\n")
    text.append("\n")


def help_text(section: str | None = None) -> Text:
    """The help screen's text: the keys of ``section`` (the screen it was opened on) first, then those that work
    everywhere, how scoring works, and the other screens' keys."""
    text = Text()
    sections = dict(KEYS)
    if section in sections:
        text.append(f"On this screen: {section}\n", style="bold underline")
        _keys(text, sections[section])
    text.append("Everywhere\n", style="bold underline")
    _keys(text, sections["Everywhere"])
    text.append("How scoring works\n", style="bold underline")
    text.append(SCORING_HELP + "\n\n")
    for name, keys in KEYS:
        if name not in ("Everywhere", section):
            text.append(f"{name}\n", style="bold underline")
            _keys(text, keys)
    text.rstrip()
    return text


class HelpScreen(ModalScreen[None]):
    """Keys and scoring; any of Escape, F1 or Q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section
        """The section of the screen the help was opened on (shown first)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = f"Help · {self.section}" if self.section else "Help"
            body.border_subtitle = "↑↓ PgUp PgDn scroll · Esc closes"
            yield Static(help_text(self.section), id="help-text", markup=False)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
