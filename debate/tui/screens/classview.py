"""The live class view: students × arguments, refreshed from the results folder every couple of seconds.

Files are read off the UI thread (a thread worker) and only when their size or modification time changed, so the
screen stays responsive while 30 students submit. The teacher's rulings count as in the report (``*`` marks them).
Enter on a cell opens that answer; ``m`` opens the contest queue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Static

from debate.classview import ClassState, FolderWatch, class_state
from debate.model import Motion
from debate.tui.screens.mark import MarkScreen, answer_text
from debate.tui.widgets.text import one_line

POLL_SECONDS = 2.0
CELL = {
    "hit": ("✓ hit", "green"),
    "near": ("~ near", "yellow"),
    "miss": ("✗ miss", "red"),
    "skipped": ("– skip", "magenta"),
    "not yet": ("·", "dim"),
}


class AnswerScreen(ModalScreen[None]):
    """One student's answer to one argument, with its verdicts and any contest."""

    DEFAULT_CSS = """
    AnswerScreen { align: center middle; }
    #answer-box { width: 96; max-width: 100%; height: auto; max-height: 90%; border: thick $primary;
                  background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "close", "Close", id="answer.close")]

    def __init__(self, student: str, body: Text) -> None:
        super().__init__()
        self.student = student
        self.body = body

    def compose(self) -> ComposeResult:
        head = Text(f"{one_line(self.student)}\n\n", style="bold")
        head.append_text(self.body)
        with VerticalScroll(id="answer-box"):
            yield Static(head)

    def action_close(self) -> None:
        """Back to the grid."""
        self.dismiss(None)


class ClassScreen(Screen[None]):
    """The grid, who is working, who has not started, and what the class misses most."""

    DEFAULT_CSS = """
    #class-summary { height: auto; max-height: 8; padding: 0 1; }
    #class-grid { height: 1fr; border-top: solid $secondary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Answer", id="class.open"),
        Binding("m", "mark", "Contests", id="class.mark", tooltip="Rule on contested answers"),
        Binding("f5", "poll", "Refresh", id="class.refresh"),
    ]

    def __init__(
        self,
        motions: Mapping[str, Motion],
        results_dir: Path,
        *,
        plan: Sequence[tuple[str, str]] = (),
        roster: Sequence[str] = (),
        interval: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.motions = dict(motions)
        self.results_dir = results_dir
        self.plan = tuple(plan)
        self.roster = tuple(roster)
        self.interval = interval
        self.folder_watch = FolderWatch(results_dir)
        self.state: ClassState | None = None
        self.polls = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="class-summary")
        grid: DataTable[Text] = DataTable(id="class-grid", cursor_type="cell", zebra_stripes=True)
        grid.border_title = "Each student's latest answer (the report counts their best attempt)"
        yield grid
        yield Footer()

    def on_mount(self) -> None:
        self.title = "debate class"
        self.sub_title = str(self.results_dir)
        self.action_poll()
        self.set_interval(self.interval, self.action_poll)

    @work(thread=True, exclusive=True, group="class-poll")
    def action_poll(self) -> None:
        """Re-read changed files off the UI thread; show the new state when anything changed, or when time alone moved
        a student from working to closed (a closed terminal writes nothing more)."""
        changed = self.folder_watch.poll()
        state = class_state(self.folder_watch, self.motions, plan=self.plan, roster=self.roster)
        last = self.state
        if changed or last is None or (state.working, state.closed) != (last.working, last.closed):
            self.app.call_from_thread(self.show_state, state)
        self.polls += 1

    def show_state(self, state: ClassState) -> None:
        """Redraw the summary and the grid, keeping the cursor where it was."""
        self.state = state
        summary = Text()
        summary.append(f"{len(state.students)} students", style="bold")
        summary.append(f" · working now: {', '.join(state.working) or 'nobody'}")
        if state.closed:
            summary.append(f" · closed mid-session: {', '.join(state.closed)}")
        if self.roster:
            summary.append(f" · not started: {', '.join(state.not_started) or 'nobody'}")
        summary.append(f" · contests: {state.contests}" + (" (m to mark)" if state.contests else ""))
        if state.missing_most:
            top = ", ".join(f"{c.label} ({n})" for c, n in state.missing_most[:3])
            summary.append("\nmissed most: ", style="bold")
            summary.append(top)
            first = state.missing_most[0][0]
            summary.append(f" — {first.label}: {one_line(first.claim, 70)}", style="dim")
        for problem in state.problems[:2]:
            summary.append(f"\nskipped {one_line(problem, 90)}", style="red")
        if len(state.problems) > 2:  # (the report lists them all)
            summary.append(f"\n… and {len(state.problems) - 2} more skipped: `debate report` lists them", style="red")
        self.query_one("#class-summary", Static).update(summary)
        table = self.query_one("#class-grid", DataTable)
        where = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("student", key="student")
        for column in state.columns:
            table.add_column(column.label, key=column.label)
        for student in state.students:
            row: list[Text] = [Text(one_line(student, 20))]
            for column in state.columns:
                cell = state.cells.get((student, column.label))
                label, style = CELL[cell.outcome if cell else "not yet"]
                if cell is not None and cell.contested:
                    label += " !"
                elif cell is not None and cell.ruled:
                    label += " *"
                row.append(Text(label, style=style))
            table.add_row(*row)
        if state.students:
            table.move_cursor(row=min(where.row, len(state.students) - 1), column=min(where.column, len(state.columns)))

    def action_open(self) -> None:
        """Open the answer under the cursor."""
        state = self.state
        table = self.query_one("#class-grid", DataTable)
        if state is None or not state.students:
            return
        row, col = table.cursor_coordinate
        if col == 0 or row >= len(state.students) or col - 1 >= len(state.columns):
            return
        student, column = state.students[row], state.columns[col - 1]
        cell = state.cells.get((student, column.label))
        if cell is None or cell.round is None:
            body = Text(f"{column.label}: {one_line(column.claim)}\n\nNo answer yet.")
        else:
            body = answer_text(cell.round, self.motions.get(column.motion))
        self.app.push_screen(AnswerScreen(student, body))

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        self.action_open()

    def action_mark(self) -> None:
        """The contest queue, one key away."""
        self.app.push_screen(MarkScreen(self.motions, self.results_dir))
