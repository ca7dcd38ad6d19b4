"""The round: the opponent's argument as a card, an answer box, hints, skip, an optional countdown; after each
answer the same screen shows the feedback (filled in place, so it appears at once)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Header, Static, TextArea

from debate.session import MODE_LABELS, PracticeSession, RoundResult, format_seconds
from debate.tui import messages
from debate.tui.screens.base import DebateScreen
from debate.tui.screens.confirm import ConfirmScreen
from debate.tui.widgets.answer import AnswerArea
from debate.tui.widgets.feedback import FeedbackView
from debate.tui.widgets.text import (
    SIDE_SHORT,
    claim_text,
    clean,
    literal,
    one_line,
    prose,
    short_title,
    side_label,
)

if TYPE_CHECKING:
    pass

SUBMIT_KEYS = "ctrl+s,ctrl+j,f5"
"""Submit keys: all three reach the app through tmux (Textual turns off XON/XOFF, so ctrl+s is not eaten)."""
TICK = 0.25
"""Seconds between countdown updates."""
TIMEOUT_GRACE = 1.5
"""Seconds after time ran out before the feedback's keys work, so the rest of a sentence still being typed (its
space, a c) does not go on to the next argument unread nor open the contest dialog."""
ANSWERING_ACTIONS = frozenset({"submit", "hint", "skip", "toggle_explain", "toggle_motion"})
"""Actions available while an argument is up."""
FEEDBACK_ACTIONS = frozenset({"next", "finish", "contest"})
"""Actions available while feedback is shown."""


MIN_NAME = 8
"""The narrowest a motion's title is cut to in the status line; with less room it is left out."""
MAX_NAME = 32
"""The widest a motion's title takes in the status line."""
SEPARATOR = " · "


def fit_status(
    fields: Sequence[tuple[str, ...]], shorten: Sequence[int], name: str, width: int, *, cut_name: bool = False
) -> str:
    """The round's status line in ``width`` cells: ``fields`` (each its wordings, longest first) joined by dots, with
    ``name`` (what the session is called) after the first two.

    Fields take their shorter wording one at a time, in the order of the indexes in ``shorten``, only while the line
    with the whole name would not fit. A mode's or a drill's name is never cut: it is whole or, only when the shortest
    wordings leave no room for it, left out. With ``cut_name`` the name is a motion's title, which can be long: it
    takes at most :data:`MAX_NAME` cells, and is cut to the room left, down to :data:`MIN_NAME`.
    """
    chosen = [0] * len(fields)

    def words() -> list[str]:
        return [field[min(i, len(field) - 1)] for field, i in zip(fields, chosen, strict=True)]

    def cells(parts: Sequence[str]) -> int:
        return cell_len(SEPARATOR.join(parts))

    need = min(cell_len(name), MAX_NAME) if cut_name else cell_len(name)
    for index in shorten:
        if cells(words()) + len(SEPARATOR) + need <= width:
            break
        chosen[index] = min(chosen[index] + 1, len(fields[index]) - 1)
    parts = words()
    room = width - cells(parts) - len(SEPARATOR)
    if cut_name:
        room = min(room, MAX_NAME)
    if cell_len(name) <= room:
        shown = name
    elif cut_name and room >= MIN_NAME:
        shown = one_line(name, room)
    else:
        shown = ""
    return SEPARATOR.join(p for p in [*parts[:2], shown, *parts[2:]] if p)


def _contestable(result: RoundResult) -> bool:
    """There is an answer whose verdict the student may contest: not a skip, nor a time-out on an empty box."""
    return not result.skipped and bool(result.answer.strip())


class ScrollPanel(VerticalScroll):
    """A panel above the answer (the motion, the hints) that the arrows scroll while it has the focus (ctrl+t gives
    it the motion's; Tab moves it to either). A character typed there goes to the answer, which takes the focus
    back: it was lost."""

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character:
            event.stop()
            answer = self.screen.query_one("#answer", TextArea)
            answer.insert(event.character)
            self.screen.set_focus(answer)


class RoundScreen(DebateScreen):
    """The current argument and the answer box; then the feedback on the answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SUBMIT_KEYS, "submit", "Submit", id="round.submit", priority=True, tooltip="Score your answer"),
        Binding("ctrl+g", "hint", "Hint", id="round.hint", priority=True, tooltip="Next hint (costs points)"),
        Binding("ctrl+n", "skip", "Skip", id="round.skip", priority=True, tooltip="Skip this argument (0 points)"),
        Binding("ctrl+o", "toggle_explain", "Why", id="round.explain", priority=True, tooltip="Why the claim matters"),
        Binding("ctrl+t", "toggle_motion", "Motion", id="round.motion", priority=True, tooltip="Motion and thesis"),
        Binding("enter,space", "next", "Next", id="feedback.next", priority=True, tooltip="Next argument"),
        Binding("ctrl+f", "finish", "Finish", id="feedback.finish", tooltip="End the session and see the summary"),
        Binding("c", "contest", "Contest", id="feedback.contest", tooltip="Ask your teacher to look at this verdict"),
    ]

    def __init__(
        self, session: PracticeSession, *, run_label: str | None = "", hints: bool = True, teacher: bool = False
    ) -> None:
        super().__init__()
        self.session = session
        self.teacher = teacher
        """A teacher reads this session's contests (its rounds go to a class results folder)."""
        self.run_label = run_label
        """What the status line calls the session: the run's name ('Review due'…), '' for its mode, or None for
        the motion's short title (an assignment, whose title is on its intro screen)."""
        self.hints_allowed = hints
        """Hints may be taken (an assignment may turn them off)."""
        self.finishing = False
        """The session was handed in for its summary."""
        self.explain = False
        self.last_result: RoundResult | None = None
        """The result the feedback pane shows."""
        self._timer: Timer | None = None
        self.contests: dict[int, tuple[str, str | None]] = {}
        """Round index -> the contest this screen sent for it (a second one replaces it)."""
        self._pause_told: float | None = None
        """When the hint was taken whose pause a dropped ctrl+g was last told about."""
        self._timed_out_at: float | None = None
        """When time ran out on the answer the feedback shows (None: it was submitted or skipped)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="round-status", markup=False)
        with ContentSwitcher(initial="answering", id="round-panes"):
            with Vertical(id="answering"):
                yield Static(id="card", markup=False)
                with ScrollPanel(id="motion-panel", classes="hidden"):
                    yield Static(id="motion-text", markup=False)
                with ScrollPanel(id="hints-panel", classes="hidden"):  # (scrolls: a model rebuttal can be long)
                    yield Static(id="hints", markup=False)
                yield AnswerArea(id="answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            yield FeedbackView(id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        motion = self.session.motion
        panel = Text()
        panel.append(clean(motion.title) + "\n", style="bold")
        panel.append(prose(motion.thesis))
        self.query_one("#motion-text", Static).update(panel)
        self.query_one("#motion-panel").border_subtitle = "↑↓ scroll · ctrl+t closes"
        self.query_one("#answer", TextArea).border_title = "Your rebuttal"
        self.show_argument()
        if self.session.time_limit is not None:
            self._timer = self.set_interval(TICK, self.tick)
        # build the matcher while the user reads the first claim, so no submit pays for it
        self.call_after_refresh(self.session.prepare)

    def on_resize(self) -> None:
        """The status line fits the new width."""
        self.update_status()

    def on_screen_suspend(self) -> None:
        """Help, the quit dialog or the palette is in front: the argument's clock stops."""
        self.session.pause()

    def on_screen_resume(self) -> None:
        """Back in front: the clock runs again, without the time spent away."""
        self.session.resume()

    # ---- which keys apply

    @property
    def phase(self) -> str:
        """The session's phase: answering, feedback or done."""
        return self.session.phase

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Answering keys while an argument is up, feedback keys while feedback is shown (contest only when there is
        an answer to contest: not after a skip, nor after time ran out on an empty box)."""
        if action == "hint" and not self.hints_allowed:
            return False  # an assignment without hints: no key in the footer
        if action == "contest" and self.last_result is not None and not _contestable(self.last_result):
            return False  # nothing was answered, so no verdict to contest: no key in the footer
        if action in ANSWERING_ACTIONS:
            return self.phase == "answering"
        if action in FEEDBACK_ACTIONS:
            return self.phase == "feedback"
        return True

    # ---- display

    def show_argument(self) -> None:
        """Show the session's current argument with a fresh answer box."""
        argument = self.session.current
        if argument is None:
            return
        self.explain = False
        self.query_one("#card", Static).update(claim_text(argument, self.session.opponent, explain=False))
        self.query_one("#hints", Static).update("")
        self.query_one("#hints-panel").add_class("hidden")
        answer = self.query_one("#answer", TextArea)
        answer.load_text("")
        self.query_one("#round-panes", ContentSwitcher).current = "answering"
        answer.focus()
        self.session.restart_timer()
        self.update_status()
        self.refresh_bindings()

    def update_status(self) -> None:
        """The status line: position, side, what the session is called, score, countdown, next hint's cost (or what
        Enter does), fitted to the screen's width (:func:`fit_status`)."""
        session = self.session
        # an assignment's title is on its intro screen; in the round, say which of its motions this is
        title = self.run_label is None
        name = short_title(session.motion.title) if title else self.run_label or MODE_LABELS[session.mode]
        position = min(session.index + 1, session.total)
        fields: list[tuple[str, ...]] = [
            (f"Argument {position} of {session.total}", f"{position}/{session.total}"),
            (f"you: {side_label(session.side)}", f"you: {SIDE_SHORT[session.side]}"),
            (f"score {session.score}",),
        ]
        left = session.time_left() if session.phase == "answering" else None
        if left is not None:
            fields.append((f"⏱ {format_seconds(left)}",))
        if session.phase == "answering":
            cost = session.next_hint_cost()
            if not self.hints_allowed:
                fields.append(("hints off",))
            else:
                fields.append((f"hint costs {cost}", f"hint -{cost}") if cost is not None else ("no hints left",))
        elif session.phase == "feedback":
            fields.append(("Enter: summary",) if session.is_last else ("Enter: next argument", "Enter: next"))
        # shorter wordings as needed: in feedback what Enter does first (the footer says it too), then the position
        # and the side; while answering the hint's cost last, as it is said nowhere else
        last = len(fields) - 1
        shorten = (last, 0, 1) if session.phase == "feedback" else (0, 1, last)
        status = self.query_one("#round-status", Static)
        status.update(literal(fit_status(fields, shorten, name, self.app.size.width - 2, cut_name=title)))
        status.set_class(left is not None and left <= 10, "urgent")

    def tick(self) -> None:
        """Countdown: refresh the clock; at zero, submit what is typed."""
        if self.session.phase != "answering" or self.app.screen is not self:
            return
        if self.session.expired():
            self._show_result(self.session.time_out(self.query_one("#answer", TextArea).text))
        else:
            self.update_status()

    def _show_result(self, result: RoundResult) -> None:
        self.last_result = result
        self._timed_out_at = self.session.clock() if result.timed_out else None
        self.post_message(messages.RoundScored(self.session, result))
        feedback = self.query_one("#feedback", FeedbackView)
        feedback.show(self.session, result)
        self.query_one("#round-panes", ContentSwitcher).current = "feedback"
        feedback.focus()
        self.update_status()
        # the footer's recompose costs ~40 ms: paint the feedback first, then swap the keys
        self.call_after_refresh(self.refresh_bindings)

    # ---- actions: answering

    def action_submit(self) -> None:
        """Score the answer, once the answer box has taken every key typed before the submit key."""
        # The submit key is a priority binding, handled as it arrives, while keys typed just before it may still be
        # waiting in the text area's queue (fast typing, a paste without bracketed paste): score after them.
        self.query_one("#answer", TextArea).call_later(self._submit_typed)

    def _submit_typed(self) -> None:
        if self.session.phase != "answering":
            return
        text = self.query_one("#answer", TextArea).text
        if not text.strip():
            self.notify("Type a rebuttal first (or ctrl+n to skip).", severity="warning", timeout=3)
            return
        self._show_result(self.session.submit(text))

    def action_skip(self) -> None:
        """Skip this argument; with an answer typed, only once the student says so (it is not judged)."""

        def skip(yes: bool | None = True) -> None:
            if yes and self.session.phase == "answering":  # (time may have run out while the dialog was up)
                self._show_result(self.session.skip())

        if self.session.phase != "answering" or not self.query_one("#answer", TextArea).text.strip():
            skip()
            return
        self.app.push_screen(
            ConfirmScreen("Skip this argument?", "What you typed is not judged and scores 0 (ctrl+s submits it)."),
            skip,
        )

    def action_hint(self) -> None:
        """Take the next hint: one per key press, not again until the session's HINT_PAUSE has passed."""
        if self.session.phase != "answering":
            return
        if not self.hints_allowed:
            self.notify("Hints are off for this assignment.", severity="warning", timeout=4)
            return
        if self.session.next_hint_cost() is None:
            self.notify("No more hints for this argument.", timeout=3)
            return
        if self.session.hint_wait() > 0:  # a repeated or fast key: one hint per deliberate press
            if self._pause_told != self.session.last_hint_at:  # said once per pause, not once per repeated key
                self._pause_told = self.session.last_hint_at
                self.notify("One hint at a time: press ctrl+g again in a moment.", timeout=3)
            return
        hint = self.session.take_hint()
        if hint is None:
            self.notify("No more hints for this argument.", timeout=3)
            return
        text = Text()
        for taken in self.session.hints:
            text.append(clean(f"Hint {taken.level} · {taken.label} (-{taken.cost}): "), style="bold")
            text.append(prose(taken.text) + "\n")
        cost = self.session.next_hint_cost()
        if cost is not None:
            text.append(f"ctrl+g: next hint (-{cost})", style="dim")
        text.rstrip()
        self.query_one("#hints", Static).update(text)
        panel = self.query_one("#hints-panel")
        panel.remove_class("hidden")
        # the newest hint in view: in a small terminal the box scrolls (the model rebuttal, paid for, was cut off)
        panel.scroll_end(animate=False)
        self.update_status()

    def action_toggle_explain(self) -> None:
        """Show or hide why the claim matters."""
        argument = self.session.current
        if argument is None:
            return
        self.explain = not self.explain
        self.query_one("#card", Static).update(claim_text(argument, self.session.opponent, explain=self.explain))

    def action_toggle_motion(self) -> None:
        """Show or hide the motion and its thesis; while shown it has the focus, so the arrows scroll it."""
        motion_panel = self.query_one("#motion-panel", VerticalScroll)
        motion_panel.toggle_class("hidden")
        if motion_panel.has_class("hidden"):
            self.query_one("#answer", TextArea).focus()
        else:
            motion_panel.focus()

    # ---- actions: feedback

    def _still_typing(self) -> bool:
        """Time ran out a moment ago: a key now is the answer still being typed, not meant for the feedback."""
        return self._timed_out_at is not None and self.session.clock() - self._timed_out_at < TIMEOUT_GRACE

    def action_next(self) -> None:
        """The next argument (or the summary after the last)."""
        if self.session.phase != "feedback" or self._still_typing():
            return
        if self.session.is_last:
            self.action_finish()
            return
        self.session.advance()
        self.show_argument()

    def action_contest(self) -> None:
        """Contest the verdict shown: the student picks what the judge got wrong; the app sends it."""
        from debate.tui.screens.contest import Contest, ContestScreen

        result = self.last_result
        if self.session.phase != "feedback" or result is None or not _contestable(result) or self._still_typing():
            return

        def chosen(contest: Contest | None) -> None:
            if contest is not None:
                self.contests[result.index] = contest
                self.post_message(messages.ContestRound(self.session, result, *contest))

        self.app.push_screen(ContestScreen(result, self.contests.get(result.index), teacher=self.teacher), chosen)

    def action_finish(self) -> None:
        """End the session now and show the summary."""
        if not self.finishing:  # a second key press before the summary shows ends nothing more
            self.finishing = True
            self.post_message(messages.SessionFinished(self.session))

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen (those that apply now)."""
        if self.session.phase == "answering":
            yield SystemCommand("Submit the answer", "Score what you typed", self.action_submit)
            yield SystemCommand("Take a hint", "The next rung of the hint ladder (costs points)", self.action_hint)
            yield SystemCommand("Skip this argument", "0 points; see the model rebuttals", self.action_skip)
            yield SystemCommand("Show why the claim matters", "Toggle the explanation", self.action_toggle_explain)
            yield SystemCommand("Show the motion and thesis", "Toggle the motion panel", self.action_toggle_motion)
        elif self.session.phase == "feedback":
            yield SystemCommand("Next argument", "Go on (the summary after the last)", self.action_next)
            if self.check_action("contest", ()):  # (not without an answer: no verdict to contest)
                yield SystemCommand(
                    "Contest the verdict", "Ask your teacher to look at this verdict", self.action_contest
                )
        yield SystemCommand("Finish the session now", "Go to the summary", self.action_finish)
