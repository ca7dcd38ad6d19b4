"""The practice history: sessions, progress per motion (with a sparkline), mastery per argument, reviews due."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from debate.model import Motion
from debate.sparkline import sparkline
from debate.tui import messages
from debate.tui.screens.base import DebateScreen
from debate.tui.widgets.panel import panel
from debate.tui.widgets.text import SIDE_SHORT, literal, local_time, short_title, when_from_now

if TYPE_CHECKING:
    from debate.history import HistoryStore, Mastery, MotionProgress, SessionRecord
    from debate.review import ReviewItem

SESSIONS_SHOWN = 30
"""How many recent sessions the list shows."""
MASTERY_SHOWN = 40
"""How many arguments the mastery table shows (weakest first)."""


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)


def _score_style(percent: float) -> str:
    return "green" if percent >= 70 else "yellow" if percent >= 40 else "red"


def _match_style(score: float) -> str:
    """A matcher score's colour: a hit (0.5+) green, a near miss (0.3+) yellow, else red."""
    return "green" if score >= 0.5 else "yellow" if score >= 0.3 else "red"


def sessions_table(sessions: Sequence[SessionRecord], titles: dict[str, str]) -> Table:
    """Date, motion, side, mode and score of each session, newest first."""
    table = _table()
    students = any(s.student for s in sessions)  # a shared classroom machine: say whose session it was
    table.add_column("When", no_wrap=True)
    if students:
        table.add_column("Student", no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column("Motion", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Side", no_wrap=True)
    table.add_column("Mode", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    for s in sessions:
        percent = s.percent
        score = (
            Text(f"{s.total}/{s.max_total} {percent:3.0f}%", style=_score_style(percent))
            if percent is not None
            else Text("unfinished", style="dim")
        )
        if s.ended_early:  # quit mid-way or ended early (said under the score, so the motion keeps its room)
            score.append(f"\nended after {s.answered} of {s.arguments}", style="dim")
        title = literal(short_title(titles.get(s.motion_id, s.motion_id)))
        who = [literal(s.student or "–")] if students else []
        side, mode = literal(SIDE_SHORT.get(s.side, s.side)), literal(s.label or s.mode)  # (a drill: "Review due")
        table.add_row(local_time(s.started_at), *who, title, side, mode, score)
    return table


def progress_table(progress: Sequence[MotionProgress], titles: dict[str, str]) -> Table:
    """Per motion: sessions, best, last, and the trend of the latest sessions as a sparkline."""
    table = _table()
    table.add_column("Motion", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Sessions", justify="right", no_wrap=True)
    table.add_column("Best", justify="right", no_wrap=True)
    table.add_column("Last", justify="right", no_wrap=True)
    table.add_column("Trend", no_wrap=True)
    for p in progress:
        table.add_row(
            literal(short_title(titles.get(p.motion_id, p.motion_id))),
            str(p.sessions),
            f"{p.best:.0f}%",
            Text(f"{p.last:.0f}%", style=_score_style(p.last)),
            Text(sparkline(p.trend), style="cyan"),
        )
    return table


def mastery_table(mastery: Sequence[Mastery], motions: dict[str, Motion]) -> Table:
    """Per argument, weakest first: the claim, its mastery (points earned without help, as %), best match, tries."""
    table = _table()
    table.add_column("Argument", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Mastery", justify="right", no_wrap=True)
    table.add_column("Best match", justify="right", no_wrap=True)  # the judge's best score, not points
    table.add_column("Tries", justify="right", no_wrap=True)
    for m in mastery:
        motion = motions.get(m.motion_id)
        argument = next((a for a in motion.arguments(m.side) if a.id == m.argument_id), None) if motion else None
        name = argument.claim if argument is not None else f"{m.motion_id}/{m.argument_id}"
        table.add_row(
            literal(name),
            Text(f"{100 * m.mastery:.0f}%", style=_score_style(100 * m.mastery)),
            f"{100 * m.best_score:.0f}%",
            str(m.attempts),
        )
    return table


@dataclass(frozen=True)
class _Read:
    """What the history screen shows, read from the store in one go (on a thread)."""

    now: datetime
    due: int
    upcoming: ReviewItem | None
    progress: list[MotionProgress]
    sessions: list[SessionRecord]
    mastery: list[Mastery]


class HistoryScreen(DebateScreen):
    """What the history database knows: read once when the screen opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f4", "close", "Back", id="history.back", tooltip="Back to the picker"),
        Binding("r", "review", "Review due", id="history.review", tooltip="Drill the arguments due for review"),
        Binding("w", "weak", "Weak spots", id="history.weak", tooltip="Drill your weakest arguments"),
        Binding("s", "sessions", "Sessions", id="history.sessions", tooltip="Open a session: your answers; delete"),
    ]

    def __init__(
        self, store: HistoryStore, motions: Sequence[Motion], *, before_read: Callable[[], object] = lambda: None
    ) -> None:
        super().__init__()
        self.store = store
        self.before_read = before_read
        """Called on the reading thread before each read (the app waits there for the rounds being saved)."""
        self.motions = {m.id: m for m in motions}
        self.due_count = 0
        """How many arguments are due for review (as of opening)."""
        self.loaded = False
        """The panels show what the store held when it was last read."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history-body"):
            yield Static(id="hist-due", markup=False)
            for part, title in (
                ("hist-progress", "Progress per motion (best · last · trend)"),
                ("hist-sessions", "Sessions"),
                ("hist-mastery", "Arguments, weakest first (mastery without help · best match · tries)"),
            ):
                yield panel(part, title)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#history-body", VerticalScroll).focus()

    def refresh_data(self) -> None:
        """Read the store on a thread and fill every panel when it is read.

        Reading waits until the rounds played so far are saved (a save may wait for another program's lock): the
        screen says it is reading meanwhile instead of freezing.
        """
        self.loaded = False
        self.query_one("#hist-due", Static).update(Text("Reading your history…", style="dim italic"))
        self.run_worker(self._read, thread=True, exclusive=True, group="history-read")

    def _read(self) -> None:
        self.before_read()  # show every round played so far, including those still being saved
        store = self.store
        now = store.clock()
        try:
            due = store.due_reviews(now, limit=None)
            read = _Read(
                now=now,
                due=len(due),
                upcoming=None if due else store.next_review(now),
                progress=store.progress_all(),
                sessions=store.sessions(limit=SESSIONS_SHOWN),
                mastery=store.mastery()[:MASTERY_SHOWN],
            )
        except Exception as exc:  # a history that cannot be read is a message on the screen, not a crash
            self.app.call_from_thread(self._failed, str(getattr(exc, "message", None) or exc))
            return
        self.app.call_from_thread(self._fill, read)

    def _failed(self, problem: str) -> None:
        self.query_one("#hist-due", Static).update(literal(f"Could not read the history: {problem}", "bold"))
        self.loaded = True

    def _fill(self, read: _Read) -> None:
        titles = {motion_id: m.title for motion_id, m in self.motions.items()}
        self.due_count = read.due
        head = Text()
        if read.due:
            head.append(f"{read.due} argument{'s' if read.due != 1 else ''} due for review", style="bold")
            head.append(" · r drills them now", style="dim")
        else:
            head.append("0 arguments due for review", style="bold")
            if read.upcoming is not None:
                head.append(f" · the next is due {when_from_now(read.upcoming.due_at, read.now)}", style="dim")
        self.query_one("#hist-due", Static).update(head)
        self.query_one("#hist-progress", Static).update(
            progress_table(read.progress, titles) if read.progress else Text("No finished session yet.", style="italic")
        )
        self.query_one("#hist-sessions", Static).update(
            sessions_table(read.sessions, titles)
            if read.sessions
            else Text("No practice recorded yet: pick a motion and play a round.", style="italic")
        )
        self.query_one("#hist-mastery", Static).update(
            mastery_table(read.mastery, self.motions)
            if read.mastery
            else Text("No argument answered yet.", style="italic")
        )
        self.loaded = True

    def action_close(self) -> None:
        """Back to where the history was opened from."""
        self.dismiss(None)

    def action_review(self) -> None:
        """Drill the arguments due now."""
        self.post_message(messages.StartDrill("review"))

    def action_weak(self) -> None:
        """Drill the weakest arguments."""
        self.post_message(messages.StartDrill("weak"))

    def action_sessions(self) -> None:
        """Open the session list: every answer beside the model rebuttals; delete a session."""
        from debate.tui.screens.sessions import SessionsScreen

        self.app.push_screen(SessionsScreen(self.store, list(self.motions.values())), lambda _: self.refresh_data())

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen."""
        yield SystemCommand("Sessions and answers", "Open a past session; delete one", self.action_sessions)
        yield SystemCommand("Review due", "Drill the arguments due for review", self.action_review)
        yield SystemCommand("Weak spots", "Drill your weakest arguments", self.action_weak)
        yield SystemCommand("Back", "Close the history", self.action_close)
