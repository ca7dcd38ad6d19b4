"""The home screen, what plain ``debate`` opens: what to do today.

Reviews due (and how long they take), the practice streak, the last session with a key to play it again, the weakest
arguments, and the motion library and study mode one key away. It reads the history when it opens, again when it
comes back into view or the motions finish loading, and every :data:`REFRESH_EVERY` seconds while it is in front (a
review falls due, another program deletes a session).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from debate.model import Motion
from debate.runs import Replay, replay
from debate.session import MODE_LABELS
from debate.today import Today, today
from debate.tui import messages
from debate.tui.screens.base import DebateScreen
from debate.tui.widgets.panel import panel
from debate.tui.widgets.text import hanging_grid, local_time, prose, short_title, side_label, when_from_now

if TYPE_CHECKING:
    from debate.history import HistoryStore

REFRESH_EVERY = 30.0
"""Seconds between the home screen's re-reads of the history while it is in front (read on a thread)."""


def _title(motions: Sequence[Motion], motion_id: str) -> str:
    motion = next((m for m in motions if m.id == motion_id), None)
    return short_title(motion.title) if motion is not None else motion_id


def today_text(info: Today, has_history: bool) -> Text:
    """Reviews due and the streak."""
    text = Text()
    if not has_history:
        text.append("No history on this machine: reviews and streaks need it.", style="italic")
        return text
    if info.due:
        count = len(info.due)
        text.append(f"{count} argument{'s' if count != 1 else ''} due for review", style="bold")
        text.append(f" · about {info.minutes} minute{'s' if info.minutes != 1 else ''}")
        text.append("   r: review now", style="dim")
    elif info.next_due_at is not None and info.now is not None:
        text.append("Nothing due for review", style="bold")
        text.append(f" · the next is due {when_from_now(info.next_due_at, info.now)}", style="dim")
    else:
        text.append("Nothing to review yet: study a motion, then play a round.", style="bold")
    text.append("\nStreak: ", style="bold")
    text.append(f"{info.streak} day{'s' if info.streak != 1 else ''}" if info.streak else "start one today")
    return text


AGAIN: dict[Replay, str] = {
    "same": "again (same motion and side, from the start)",
    "rapid": "rapid fire again (same motion and side)",
    "quick": "a Quick 3 on this motion (same side, due and weak arguments first)",
}
"""What the card says "c" plays, by :func:`debate.runs.replay`."""


def last_text(info: Today, motions: Sequence[Motion]) -> Text:
    """The last session: motion, side, mode, score, when."""
    last = info.last
    if last is None:
        return Text("No session yet. m: pick a motion · s: study one first", style="italic")
    text = Text()
    text.append(_title(motions, last.motion_id), style="bold")
    # named as the round named it: a drill by its name ('Review due'), else by its mode
    name = last.label or MODE_LABELS.get(last.mode, last.mode)  # type: ignore[call-overload]
    text.append(f"\nyou: {side_label(last.side)} · {name}")
    if last.percent is not None:
        text.append(f" · {last.total}/{last.max_total} ({last.percent:.0f}%)")
    if last.ended_early:
        text.append(f" · ended after {last.answered} of {last.arguments}")
    text.append(f" · {local_time(last.started_at)}", style="dim")
    text.append(f"\nc: {AGAIN[replay(last.mode, last.label)]}", style="dim")
    return text


def weak_text(info: Today, motions: Sequence[Motion]) -> Text | Table:
    """The weakest arguments with their mastery (a claim's wrapped lines under its start)."""
    if not info.weak:
        return Text("None yet: arguments you answer below half marks show here.", style="italic")
    grid = hanging_grid()
    for m in info.weak:
        motion = next((x for x in motions if x.id == m.motion_id), None)
        argument = next((a for a in motion.arguments(m.side) if a.id == m.argument_id), None) if motion else None
        claim = prose(argument.claim) if argument is not None else f"{m.motion_id}/{m.argument_id}"
        mark = Text(f"{100 * m.mastery:3.0f}% ", style="bold red" if m.mastery < 0.3 else "bold yellow")
        grid.add_row(mark, Text(claim))
    # (mastery counts points earned without help: a hit after hints or in study mode's Test me leaves it low)
    grid.add_row("", Text("w: drill them · %: points earned without help", style="dim"))
    return grid


class HomeScreen(DebateScreen):
    """What to do today; every next step one key away."""

    DEFAULT_CSS = """
    HomeScreen #home-body { padding: 0 1; }
    HomeScreen #home-today { padding: 0 1; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "review", "Review", id="home.review", tooltip="Drill the arguments due for review"),
        # with nothing due the key above is hidden; r still answers (it says when the next review is due)
        Binding("r", "review_none_due", show=False, id="home.review-none-due"),
        Binding("c", "continue", "Again", id="home.continue", tooltip="Play the last session's motion again"),
        Binding("s", "study", "Study", id="home.study", tooltip="Learn a motion's rebuttals before being tested"),
        Binding("w", "weak", "Weak", id="home.weak", tooltip="Drill your weakest arguments"),
        Binding("m,enter", "library", "Motions", id="home.library", tooltip="The motion library"),
        Binding("f4", "history", "History", id="home.history", tooltip="Sessions, progress, mastery"),
    ]

    def __init__(
        self,
        store: HistoryStore,
        motions: Callable[[], Sequence[Motion]],
        *,
        has_history: bool = True,
        remembered: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.store = store
        """The history to read (a blank one without history)."""
        self.motions = motions
        """The library as it is now (it loads after the first frame)."""
        self.remembered = remembered
        """The id of the motion last studied or practised, as remembered between launches (None: none, or nothing
        is remembered)."""
        self.has_history = has_history
        """There is a history on this machine (else the screen says reviews and streaks need one)."""
        self.info = Today()
        self.read_once = False
        """The history was read for the first frame (the next read is when the screen comes back)."""

    def compose(self) -> ComposeResult:
        # read before the footer is made, so its keys are right the first time (a footer rebuilt costs ~40 ms)
        self.info = today(self.store, self.motions())
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(id="home-today")
            yield panel("home-last", "Last session")
            yield panel("home-weak", "Weak arguments")
            yield panel("home-more", "More")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.call_after_refresh(self.post_message, messages.ContentShown("home"))
        self.set_interval(REFRESH_EVERY, self._reread)

    def on_screen_resume(self) -> None:
        if self.read_once:
            self.refresh_data()
        self.read_once = True  # the first resume comes with the first frame, read a moment ago in compose

    def refresh_data(self) -> None:
        """Read the history and fill the panels."""
        self.show(today(self.store, self.motions()))

    def show(self, info: Today) -> None:
        """Fill the panels with ``info``; the footer changes only when a key comes or goes (its recompose costs
        ~40 ms, too much for every timed re-read)."""
        keys = self._keys()
        self.info = info
        self._fill()
        if self._keys() != keys:
            self.refresh_bindings()

    def _keys(self) -> tuple[bool, bool, bool]:
        return bool(self.info.due), self.info.last is not None, bool(self.info.weak)

    def _reread(self) -> None:
        """The timed re-read: on a thread (a long history must not stall the screen), only while in front (coming
        back into view reads anyway)."""
        if not self.is_current:
            return
        store, motions = self.store, self.motions()

        def work() -> None:
            try:
                info = today(store, motions)
            except Exception:  # busy or broken: the panels keep what they show, the next tick tries again
                return
            self.app.call_from_thread(self._reread_done, info)

        self.run_worker(work, thread=True, exclusive=True, group="home-read")

    def _reread_done(self, info: Today) -> None:
        if self.is_attached:
            self.show(info)

    def _fill(self) -> None:
        motions = self.motions()
        self.query_one("#home-today", Static).update(today_text(self.info, self.has_history))
        self.query_one("#home-last", Static).update(last_text(self.info, motions))
        self.query_one("#home-weak", Static).update(weak_text(self.info, motions))
        study = "s: study the last motion" if self.study_target() else "s: choose a motion to study"
        self.query_one("#home-more", Static).update(
            Text(f"m: motion library · {study} · f4: history · f1: help", "dim")
        )

    def study_target(self) -> Motion | None:
        """The motion ``s`` studies: the one last studied or practised (remembered, else the history's last
        session's), if it is in the library; None when there is none yet (``s`` then lets the student choose)."""
        motions = {m.id: m for m in self.motions()}
        last = self.info.last
        for motion_id in (self.remembered(), last.motion_id if last is not None else None):
            if motion_id in motions:
                return motions[motion_id]
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that have nothing to act on are hidden."""
        if action == "review":
            return bool(self.info.due)
        if action == "review_none_due":
            return not self.info.due
        if action == "continue":
            return self.info.last is not None
        if action == "weak":
            return bool(self.info.weak)
        return True

    def action_review(self) -> None:
        """Drill the arguments due now."""
        self.post_message(messages.StartDrill("review"))

    def action_review_none_due(self) -> None:
        """``r`` when the screen shows nothing due: read again, and ask for the review all the same (one may have
        fallen due since; if none has, the app says when the next one is)."""
        self.refresh_data()
        self.post_message(messages.StartDrill("review"))

    def action_continue(self) -> None:
        """Play the last session's motion again, on the same side."""
        last = self.info.last
        if last is None:
            return
        self.post_message(messages.ContinueSession(last.motion_id, last.side, last.mode, last.label))

    def action_study(self) -> None:
        """Study the motion last studied or practised; with none yet, choose one in the motion library."""
        target = self.study_target()
        self.post_message(messages.OpenStudy(target.id if target is not None else None))

    def action_weak(self) -> None:
        """Drill the weakest arguments."""
        self.post_message(messages.StartDrill("weak"))

    def action_library(self) -> None:
        """Open the motion library (the picker)."""
        self.dismiss(None)

    def action_history(self) -> None:
        """Open the practice history."""
        self.post_message(messages.OpenHistory())

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen."""
        yield SystemCommand("Review due", "Drill the arguments due for review", self.action_review)
        yield SystemCommand("Play again", "The last session's motion and side, from the start", self.action_continue)
        yield SystemCommand("Study", "Learn a motion's rebuttals before being tested", self.action_study)
        yield SystemCommand("Motion library", "Pick a motion, side and mode", self.action_library)
