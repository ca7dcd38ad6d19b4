"""The teacher's apps: the marking screen (``debate mark``) and the live class view (``debate class``).

One small app routes to either screen; the CLI and the tests build it through the same factories.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.discovery import Library


class TeacherApp(App[None]):
    """Shows one teacher screen (the class view can open the marking screen on top)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="teacher.quit", priority=True),
    ]

    def __init__(self, first: Callable[[], Screen[None]], title: str) -> None:
        super().__init__()
        self._first = first
        self.title = title

    def on_mount(self) -> None:
        self.push_screen(self._first())


def build_mark_app(library: Library, results_dir: Path, *, near: bool = False, low_margin: bool = False) -> TeacherApp:
    """``debate mark``: the contest queue of a results folder."""
    from debate.tui.screens.mark import MarkScreen

    motions = {m.id: m for m in library.motions}
    return TeacherApp(lambda: MarkScreen(motions, results_dir, near=near, low_margin=low_margin), "debate mark")


def build_class_app(
    library: Library, results_dir: Path, *, assignment: Assignment | None = None, interval: float = 2.0
) -> TeacherApp:
    """``debate class``: the live view of a results folder (the assignment gives the arguments and the roster)."""
    from debate.tui.screens.classview import ClassScreen

    motions = {m.id: m for m in library.motions}
    plan = tuple(assignment.motions) if assignment is not None else ()
    roster = assignment.roster if assignment is not None else ()
    return TeacherApp(
        lambda: ClassScreen(motions, results_dir, plan=plan, roster=roster, interval=interval), "debate class"
    )
