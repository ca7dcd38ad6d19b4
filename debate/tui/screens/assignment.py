"""An assignment: the intro (what is asked), then, after its sessions, the total against the pass mark."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from debate.model import Motion
from debate.tui import messages
from debate.tui.screens.base import DebateScreen
from debate.tui.widgets.text import clean, literal, side_label

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.runs import AssignmentResult

MODE_NAMES = {"full": "full round (every argument)", "quick": "quick (3 arguments a motion)", "timed": "timed"}
"""How the intro names the assignment's mode."""


NOT_SAVED = "No results folder was given (--results DIR), so nothing is saved for your teacher."
"""What the intro and the last screen say when the run writes no results file (the report will not see it)."""


def intro_text(assignment: Assignment, motions: Mapping[str, Motion], saved: bool = True) -> Text:
    """Everything the assignment asks: title, due date, pass mark, motions with sides, mode, time, hints (and, when
    ``saved`` is false, that the run writes no results file for the teacher)."""
    text = Text()
    text.append(clean(assignment.title) + "\n\n", style="bold")
    if assignment.due:
        text.append("Due: ", style="bold")
        text.append(clean(str(assignment.due)) + "\n")
    text.append("Pass mark: ", style="bold")
    text.append(f"{assignment.pass_mark}% of the points available\n")
    text.append("Mode: ", style="bold")
    text.append(clean(MODE_NAMES.get(assignment.mode, assignment.mode)) + "\n")
    text.append("Time limit: ", style="bold")
    text.append(f"{assignment.time_limit} seconds per argument\n" if assignment.time_limit else "none\n")
    text.append("Hints: ", style="bold")
    text.append("allowed (they cost points)\n" if assignment.hints else "off for this assignment\n")
    text.append(f"\nMotions ({len(assignment.motions)}), in order:\n", style="bold")
    for n, (motion_id, side) in enumerate(assignment.motions, 1):
        motion = motions.get(motion_id)
        text.append(f"  {n}. ")
        text.append(clean(motion.title if motion else f"{motion_id} (not found)"), style="" if motion else "red")
        text.append(f" — you argue {side_label(side)}\n", style="italic")
    if not saved:
        text.append(f"\n{NOT_SAVED}\n", style="bold yellow")
    text.append("\nPress Enter to begin.", style="bold")
    return text


class AssignmentIntroScreen(DebateScreen):
    """What the assignment asks, before it starts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin", "Begin", id="assignment.begin", priority=True, tooltip="Start the first motion"),
    ]

    def __init__(self, assignment: Assignment, motions: Mapping[str, Motion], saved: bool = True) -> None:
        super().__init__()
        self.assignment = assignment
        self.motions = dict(motions)
        self.saved = saved
        """Whether the run writes a results file for the teacher."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="assignment-body") as body:
            body.border_title = "Assignment"
            yield Static(intro_text(self.assignment, self.motions, self.saved), id="assignment-intro", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#assignment-body", VerticalScroll).focus()

    def action_begin(self) -> None:
        """Start the assignment's first session."""
        self.post_message(messages.BeginAssignment())


class AssignmentResultScreen(DebateScreen):
    """Every motion's points, the total against the pass mark: pass or not yet."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,enter", "app.request_quit", "Finish", id="assignment.quit", tooltip="Leave the trainer"),
    ]

    def __init__(self, assignment: Assignment, result: AssignmentResult, saved: bool = True) -> None:
        super().__init__()
        self.assignment = assignment
        self.saved = saved
        """Whether the run wrote a results file for the teacher."""
        self.parts = result.parts
        self.points = result.points
        self.available = result.available
        self.percent = result.percent
        self.passed = result.passed
        """Whether the total reached the pass mark."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="assignment-body") as body:
            body.border_title = literal(self.assignment.title)
            verdict = Text()
            if self.passed:
                verdict.append("PASS", style="bold green")
            else:
                verdict.append("NOT YET", style="bold yellow")
            verdict.append(f" · {self.points}/{self.available} points · {self.percent:.0f}%")
            verdict.append(f" (pass mark {self.assignment.pass_mark}%)")
            yield Static(verdict, id="assignment-verdict", markup=False)
            table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
            table.add_column("Motion", ratio=1)
            table.add_column("Side", no_wrap=True)
            table.add_column("Points", justify="right", no_wrap=True)
            for part in self.parts:
                table.add_row(literal(part.motion.title), side_label(part.side), f"{part.points}/{part.available}")
            yield Static(table, id="assignment-table", markup=False)
            if self.passed:
                advice = "Well done: your results are saved for your teacher." if self.saved else "Well done."
            else:
                advice = "Not yet: go over the rebuttals you missed and try again."
            if not self.saved:
                advice += f" {NOT_SAVED}"
            yield Static(Text(advice, style="italic"), id="assignment-advice", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#assignment-body", VerticalScroll).focus()
