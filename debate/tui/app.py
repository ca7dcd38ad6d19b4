"""The trainer app and its factory, :func:`build_app`, used by both the CLI and the tests.

The app is a router: screens post :mod:`debate.tui.messages` and it handles them; it gives each screen what the
screen shows when it makes it. What to play next in a run comes from :mod:`debate.runs`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from debate.freshness import quick_priority
from debate.model import Argument, Motion, Side, other_side
from debate.recorder import Hooks, Recorder, SessionObserver
from debate.runs import Run, missing_motions, replay, session_time_limit
from debate.session import Mode, Order, PracticeSession, RoundResult, Summary
from debate.settings import SettingsStore
from debate.tui import messages

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.discovery import Library
    from debate.drills import DrillPlan
    from debate.history import HistoryStore

T = TypeVar("T")

LibraryLoader = Callable[[], "Library"]
"""Loads the motions; called in a thread after the first frame, so start-up does not wait for YAML parsing."""
RoundHook = Callable[[RoundResult], None]
"""Called with every result (answer, skip or time-out) as soon as it is scored."""
SessionEndHook = Callable[[Summary], None]
"""Called once with the summary when a session ends (finished, or quit mid-way with at least one result)."""
ContentHook = Callable[[str], None]
"""Called with "first" when the first screen (home or picker) has painted its content, and with "motions" when the
picker has painted the motions it loaded, right after "first" when the motions were given rather than loaded
(benchmarks time start-up with it)."""

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


PALETTE_DROPPED = frozenset({"Quit", "Theme", "Keys", "Maximize", "Minimize", "Screenshot"})
"""Textual's own palette commands the trainer leaves out (or replaces with its own)."""
REMEMBERED_MODES: tuple[Mode, ...] = ("full", "quick", "timed")
"""The modes the picker offers, and so the ones remembered between launches."""


class DebateApp(App[None]):
    """The debate trainer: picker → round → feedback → summary."""

    class Saved(Message):
        """The recorder finished one job on the saving thread (posted from that thread)."""

        def __init__(self, what: str, error: Exception | None) -> None:
            super().__init__()
            self.what = what
            """What was saved, in the student's words ('this round', 'the session')."""
            self.error = error
            """Why it failed, or None."""

    CSS_PATH = "app.tcss"
    TITLE = "debate"
    SUB_TITLE = "rebuttal trainer"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "request_quit", "Quit", id="app.quit", priority=True, tooltip="Quit (asks mid-session)"),
        Binding("f1", "help", "Help", id="app.help", tooltip="Keys and how scoring works"),
        Binding("f9", "toggle_theme", "Theme", id="app.theme", show=False, tooltip="Switch light/dark theme"),
    ]

    def __init__(
        self,
        motions: Sequence[Motion] | LibraryLoader,
        *,
        problems: Sequence[str] = (),
        motion_id: str | None = None,
        side: Side | None = None,
        mode: Mode | None = None,
        time_limit: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        observers: Sequence[SessionObserver] = (),
        export_dir: Path | None = None,
        recorder: Recorder | None = None,
        assignment: Assignment | None = None,
        order: Order = "fixed",
        seed: int | None = None,
        settings: SettingsStore | None = None,
        home: bool = False,
        study_motion_id: str | None = None,
        on_content_shown: ContentHook | None = None,
    ) -> None:
        super().__init__()
        self.open_home = home
        """Open on the home screen (what to do today) over the picker."""
        self.study_motion_id = study_motion_id
        """Open study mode on this motion once the motions are loaded."""
        self.settings = settings if settings is not None else SettingsStore.disabled()
        """What is remembered between launches (last motion, side, mode, theme)."""
        self.order: Order = order
        """The order arguments come up in (the command line's default is random)."""
        self.seed = seed
        """The seed of a random order (None: a fresh one per session)."""
        self.loader: LibraryLoader | None = motions if callable(motions) else None
        """Loads the motions after the first frame (None when they were given)."""
        self.motions: tuple[Motion, ...] = () if callable(motions) else tuple(motions)
        """Every motion the picker offers."""
        self.problems: tuple[str, ...] = tuple(problems)
        """One-line messages for motion files that did not load (shown in the picker)."""
        self.start_motion_id = motion_id
        """Open straight into a round on this motion (with ``start_side``)."""
        self.start_side: Side | None = side
        """The side for the direct start."""
        self.time_limit = time_limit
        """Seconds per argument (timed mode), or None."""
        self.start_mode: Mode = mode or ("timed" if time_limit is not None else "full")
        self._mode_given = mode or ("timed" if time_limit is not None else None)
        """The mode the picker starts on and a direct start uses."""
        self.clock = clock
        """The session clock (tests inject a fake)."""
        self.observers: tuple[SessionObserver, ...] = tuple(observers)
        """Told about every scored round and every ended session, on the screen's thread."""
        self.export_dir = export_dir
        """Where the summary's export goes; None uses ``debate.locations.exports_dir()``."""
        self.recorder = recorder if recorder is not None else Recorder.disabled()
        """Commits every round (history, results file) as it finishes, on the saving thread; a disabled recorder
        records nothing."""
        self.assignment = assignment
        """The assignment this app runs instead of the picker, if any."""
        self.session: PracticeSession | None = None
        """The session being played, if any."""
        self.current_run = Run.single()
        """The run under way: sessions still to play, its label, an assignment's finished sessions."""
        self.on_content_shown = on_content_shown
        """Called when the first screen has painted its content ("first") and the loaded motions ("motions")."""
        self.first_content_shown = threading.Event()
        """Set once the first screen (home or picker) has painted its content."""
        self._ended: set[str] = set()
        self._saver: ThreadPoolExecutor | None = None
        self._notices_shown = 0
        self._waiting: set[str] = {"motions"}

    @property
    def store(self) -> HistoryStore | None:
        """The history database (through the recorder), or None without history."""
        return self.recorder.store

    @property
    def history(self) -> HistoryStore:
        """The history to read: the recorder's store, or a blank one whose reads find nothing."""
        return self.recorder.history

    @property
    def hints_allowed(self) -> bool:
        """Hints are allowed (an assignment may turn them off)."""
        return self.assignment is None or self.assignment.hints

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, always shown as plain text: messages carry motion titles, names and file names, which
        must never be read as markup (``markup`` is ignored), and their control characters are taken out."""
        from debate.tui.widgets.text import clean

        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    # ---- start-up

    def on_mount(self) -> None:
        """Open the picker (under the home screen for plain ``debate``); load the motions (after the first frame) if a
        loader was given; maybe start a round."""
        from debate.tui.screens.picker import PickerScreen

        # Pushed on top of the default screen: measured ~70 ms faster to first frame than making it the default.
        remembered = self.settings.load()
        if remembered.theme in self.available_themes:
            self.theme = remembered.theme
        self.theme_changed_signal.subscribe(self, lambda theme: self.settings.update(theme=theme.name))
        mode = self.start_mode
        if self._mode_given is None and remembered.mode in REMEMBERED_MODES:
            mode = remembered.mode
        home = self.open_home and self.assignment is None and self.start_motion_id is None
        self.picker = PickerScreen(
            self.motions,
            self.problems,
            mode=mode,
            loading=self.loader is not None,
            history=self.recorder.keeps_history,
            time_limit=self.time_limit,
            hidden=home,
            home=home,
        )
        self.picker.preferred = remembered.motion_id
        if self.start_side is not None or remembered.side is not None:
            self.picker.side = self.start_side or remembered.side or "proposition"
        self.push_screen(self.picker)
        if home:
            self._push_home()
        recorder = self.recorder
        if self.history.notice:
            self.notify(self.history.notice, severity="warning", timeout=10)
        if not recorder.keeps_history and recorder.history_problem:
            self.notify(f"No history this time: {recorder.history_problem}", severity="warning", timeout=15)
        if recorder.needs_name:
            self._waiting.add("name")
            self._ask_name()
        if self.loader is not None:
            self.call_after_refresh(self._load)
        else:
            self._condition_met("motions")

    @on(messages.ContentShown)
    def _content_shown(self) -> None:
        """The first screen painted its content: say so once (the start-up benchmark waits for it)."""
        if self.first_content_shown.is_set():
            return
        self.first_content_shown.set()
        if self.on_content_shown is not None:
            self.on_content_shown("first")
            if self.loader is None:  # the motions were given, so they are in the first frame
                self.on_content_shown("motions")

    def _ask_name(self) -> None:
        from debate.tui.screens.student import StudentNameScreen

        def named(name: str | None) -> None:
            recorder = self.recorder
            if name:
                had_history = recorder.keeps_history
                recorder.name(name)
                if recorder.keeps_history and not had_history:  # a served session: the student's own history
                    if self.history.notice:
                        self.notify(self.history.notice, severity="warning", timeout=10)
                    self.picker.history = True
                    self.picker.refresh_bindings()
                self._show_notices()
            self._condition_met("name")

        self.push_screen(StudentNameScreen(), named)

    def _condition_met(self, what: str) -> None:
        """One start-up condition is met (motions loaded, student named); start when all are."""
        if what not in self._waiting:
            return
        self._waiting.discard(what)
        if not self._waiting:
            self._direct_start()

    def _load(self) -> None:
        loader = self.loader
        assert loader is not None

        def work() -> None:
            try:
                library = loader()
            except Exception as exc:  # a broken loader must not take the trainer down silently
                message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                self.call_from_thread(self._loaded, (), (f"could not load motions: {message}",))
                return
            self.call_from_thread(self._loaded, library.motions, library.problems)

        self.run_worker(work, thread=True, exclusive=True, group="load-motions")

    def _loaded(self, motions: Sequence[Motion], problems: Sequence[str]) -> None:
        self.motions = tuple(motions)
        self.problems = tuple(problems)
        self.picker.set_motions(self.motions, self.problems)
        if self.on_content_shown is not None:
            self.screen.call_after_refresh(self.on_content_shown, "motions")
        from debate.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_data()
        self._condition_met("motions")

    def _direct_start(self) -> None:
        if self.assignment is not None:
            self._open_assignment()
            return
        if self.study_motion_id is not None:
            self.open_study(self.study_motion_id)
            return
        if self.start_motion_id is None:
            return
        motion = next((m for m in self.motions if m.id == self.start_motion_id), None)
        if motion is None:
            self.notify(f"no motion '{self.start_motion_id}'", severity="error")
            return
        self.picker.show_start(motion.id, self.start_side, self.start_mode)  # behind the side question, and after
        if self.start_side is not None:
            self.start_session(motion, self.start_side, self.start_mode)
        else:  # no side given: ask, never assume
            from debate.tui.screens.side import SideScreen

            def chosen(side: Side | None) -> None:
                if side is not None:
                    self.picker.show_start(motion.id, side)
                    self.start_session(motion, side, self.start_mode)

            self.push_screen(SideScreen(motion.title, self.picker.side), chosen)

    # ---- session flow

    def start_session(
        self,
        motion: Motion,
        side: Side,
        mode: Mode,
        *,
        arguments: Sequence[Argument] | None = None,
        time_limit: float | None = None,
        first: Sequence[str] = (),
        studied: Sequence[str] = (),
    ) -> None:
        """Start a session and show its first argument.

        ``arguments`` (with mode ``drill``) plays exactly those arguments; ``time_limit`` overrides the app's;
        ``first``: argument ids to put first, before a quick session's due and weak ones; ``studied``: argument ids
        whose model rebuttals were just on the study screen (answers to them are assisted).
        """
        from debate.tui.screens.round import RoundScreen

        limit = session_time_limit(mode, time_limit, self.time_limit)
        if mode == "quick" and arguments is None:
            first = tuple(dict.fromkeys((*first, *quick_priority(self.history, motion, other_side(side)))))
        self.session = PracticeSession(
            motion,
            side,
            mode=mode,
            arguments=arguments,
            time_limit=limit,
            clock=self.clock,
            order=self.order,
            seed=self.seed,
            first=tuple(first),
            studied=frozenset(studied),
        )
        if self.session.done:
            self.notify("the other side has no arguments to rebut", severity="warning")
            self.session = None
            return
        remember = {"motion_id": motion.id, "side": side}
        if mode in REMEMBERED_MODES and self.assignment is None:
            remember["mode"] = mode
        self.settings.update(**remember)
        # an assignment's title is on its intro screen; in the round, the status names the motion instead
        label = None if self.assignment is not None else self.current_run.label
        self.session.label = label or ""  # (kept in the history: later screens name the session as the round does)
        screen = RoundScreen(self.session, run_label=label, hints=self.hints_allowed, teacher=self.recorder.exporting)
        self.push_screen(screen)
        self.recorder.session_started(self.session)  # the first argument is on screen: the session's start

    @on(messages.StartSession)
    def _start_new(self, message: messages.StartSession) -> None:
        self.current_run = Run.single()
        self.start_session(message.motion, message.side, message.mode, first=message.first, studied=message.studied)

    @on(messages.RoundScored)
    def _round_scored(self, message: messages.RoundScored) -> None:
        self.record_round(message.result, message.session)

    def record_round(self, result: RoundResult, session: PracticeSession | None = None) -> None:
        """Hand a result to the recorder (saved at once, off the screen's thread), then to the observers."""
        session = session or self.session
        if session is None:
            return
        self._save("this round", lambda recorder: recorder.round_done(session, result))
        for observer in self.observers:
            observer.round_done(session, result)

    @on(messages.ContestRound)
    def _contest(self, message: messages.ContestRound) -> None:
        self.contest_round(message.session, message.result, message.kind, message.rebuttal)

    def contest_round(self, session: PracticeSession, result: RoundResult, kind: str, rebuttal: str | None) -> None:
        """Send the student's contest of a round's verdict through the recorder, on the saving thread (after the
        round itself), and say whether it was sent."""
        if not self.recorder.enabled:
            self.notify("Nothing records this session: the contest was not sent.", severity="warning", timeout=6)
            return

        def job(recorder: Recorder) -> None:
            recorder.notices.append(recorder.contest(session, result, kind, rebuttal))

        self._save("your contest", job)

    def _save(self, what: str, job: Callable[[Recorder], None]) -> None:
        """Run ``job`` on the saving thread: one thread, so rounds and session ends are saved in the order they
        happened, while the screen goes on (another program holding the history's lock can make a save wait up to
        ``debate.history.RETRY_FOR`` seconds). The outcome comes back as a :class:`Saved` message. A recorder that
        records nothing needs no thread."""
        recorder = self.recorder
        if not recorder.enabled:
            return
        if self._saver is None:
            self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="debate-save")

        def run() -> None:
            error: Exception | None = None
            try:
                job(recorder)
            except Exception as exc:  # saving must never lose the student's round on screen
                error = exc
            self.post_message(self.Saved(what, error))

        self._saver.submit(run)

    def on_debate_app_saved(self, message: Saved) -> None:
        """Say what the saving thread could not do, and the recorder's news (results file written or not)."""
        if message.error is not None:
            reason = _message(message.error)
            self.notify(f"Could not save {message.what} yet: {reason}. It is kept and saved later.", severity="error")
        self._show_notices()

    def wait_saved(self, timeout: float | None = None) -> bool:
        """Wait until every round and session end handed to the recorder so far is saved (or ``timeout`` seconds
        pass); True when none is left. The CLI calls it after the app exits, so quitting never loses a round."""
        if self._saver is None:
            return True
        try:
            self._saver.submit(lambda: None).result(timeout)
        except TimeoutError:
            return False
        return True

    def end_session(self, session: PracticeSession) -> Summary:
        """Finish the session, close its records and tell the observers once; return the summary."""
        summary = session.finish()
        if session.id not in self._ended:
            self._ended.add(session.id)
            self._save("the session", lambda recorder: recorder.session_done(session, summary))
            self.current_run.session_ended(session.motion, session.side, summary.total, session.total)
            for observer in self.observers:
                observer.session_done(session, summary)
        return summary

    def _show_notices(self) -> None:
        if self.return_code is not None:  # quitting: the screen is going, so the terminal says them instead
            return
        notices = self.recorder.notices
        for notice in notices[self._notices_shown :]:
            self.notify(notice, timeout=4)
        self._notices_shown = len(notices)

    @property
    def unseen_notices(self) -> list[str]:
        """The recorder's notices the screen never showed: those that came after the last one it showed (news of the
        last saves, which land while or after the trainer quits). The command line prints these, and only these, once
        the trainer has closed."""
        return self.recorder.notices[self._notices_shown :]

    @on(messages.SessionFinished)
    def _session_finished(self, message: messages.SessionFinished) -> None:
        self.show_summary(message.session)

    def show_summary(self, session: PracticeSession) -> None:
        """Replace the round (and its feedback) with the summary."""
        from debate.tui.screens.summary import SummaryScreen

        summary = self.end_session(session)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(
            SummaryScreen(
                summary,
                next_label=self.current_run.next_label,
                run_label=self.current_run.label,
                export_dir=self.export_dir,
                home=self.picker.home,
            )
        )

    @on(messages.SummaryNext)
    def after_summary(self) -> None:
        """The summary's "next" key: the next session of the run, the assignment's result, or the picker."""
        then = self.current_run.after_summary
        if then == "next":
            self.start_next_planned()
        elif then == "result":
            self.show_assignment_result()
        else:
            self.back_to_picker()

    @on(messages.BackToPicker)
    def back_to_picker(self) -> None:
        """Close everything above the picker (and drop the rest of a run)."""
        self.session = None
        self.current_run.stop()
        if not self.current_run.is_assignment:
            self.current_run = Run.single()
        while len(self.screen_stack) > 2:
            self.pop_screen()

    @on(messages.OpenHome)
    def open_home_screen(self) -> None:
        """Close everything above the picker (and drop any run), empty its filter, then show the home screen over it
        (so its motion library opens whole)."""
        self.back_to_picker()
        self.picker.clear_filter()
        self._push_home()

    def _push_home(self) -> None:
        from debate.tui.screens.home import HomeScreen

        self.push_screen(
            HomeScreen(
                self.history,
                lambda: self.motions,
                has_history=self.recorder.keeps_history,
                remembered=lambda: self.settings.load().motion_id,
            )
        )

    # ---- runs of several sessions (drills, assignments)

    def run_plans(self, run: Run) -> None:
        """Play ``run``'s sessions one after the other; the summary's "next" key moves on."""
        self.current_run = run
        self.start_next_planned()

    def run_drill(self, plans: Sequence[DrillPlan], label: str) -> None:
        """Play drill plans as "drill" sessions, one after the other."""
        self.run_plans(Run.drill(plans, label))

    def start_next_planned(self) -> None:
        """Start the next session of the run (skipping any with nothing to answer)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        while (plan := self.current_run.next_session()) is not None:
            self.start_session(plan.motion, plan.side, plan.mode, arguments=plan.arguments, time_limit=plan.time_limit)
            if self.session is not None:
                return
        if self.current_run.is_assignment:
            self.show_assignment_result()

    def _open_assignment(self) -> None:
        from debate.tui.screens.assignment import AssignmentIntroScreen

        assignment = self.assignment
        assert assignment is not None
        by_id = {m.id: m for m in self.motions}
        missing = missing_motions(assignment, by_id)
        if missing:
            self.notify(f"the assignment needs motions that are not here: {', '.join(missing)}", severity="error")
        self.push_screen(AssignmentIntroScreen(assignment, by_id, saved=self.recorder.exporting))

    @on(messages.BeginAssignment)
    def start_assignment(self) -> None:
        """Play the assignment's motions in order."""
        assignment = self.assignment
        assert assignment is not None
        self.run_plans(Run.for_assignment(assignment, self.motions))

    def show_assignment_result(self) -> None:
        """The assignment's final screen: total against the pass mark."""
        from debate.tui.screens.assignment import AssignmentResultScreen

        assignment = self.assignment
        assert assignment is not None
        self.session = None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(AssignmentResultScreen(assignment, self.current_run.result(), saved=self.recorder.exporting))

    # ---- home and study

    def _motion(self, motion_id: str | None) -> Motion | None:
        return next((m for m in self.motions if m.id == motion_id), None)

    @on(messages.ContinueSession)
    def _continue(self, message: messages.ContinueSession) -> None:
        self.continue_session(message.motion_id, message.side, message.mode, message.label)

    def continue_session(self, motion_id: str, side: Side, mode: str, label: str | None = None) -> None:
        """Play a motion again on the same side (the home screen's "again"), as :func:`debate.runs.replay` says: the
        same mode, rapid fire again, or a Quick 3 after a review or weak-spots drill."""
        motion = self._motion(motion_id)
        if motion is None:
            self.notify(f"The motion '{motion_id}' is no longer in the library.", severity="warning")
            return
        again = replay(mode, label)
        if again == "rapid":
            self.start_rapid_fire(motion, side)
            return
        self.current_run = Run.single()
        self.start_session(motion, side, next((m for m in REMEMBERED_MODES if m == mode), "quick"))

    @on(messages.OpenStudy)
    def _open_study(self, message: messages.OpenStudy) -> None:
        if message.motion_id is None:
            self.choose_to_study()
        else:
            self.open_study(message.motion_id)

    def choose_to_study(self) -> None:
        """No motion studied or practised yet: show the motion library, where Enter studies the highlighted one."""
        from debate.tui.screens.home import HomeScreen

        self.picker.choose_to_study()
        if isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def open_study(self, motion_id: str) -> None:
        """Study mode on a motion; asks the side when none is known yet."""
        from debate.tui.screens.side import SideScreen
        from debate.tui.screens.study import StudyScreen

        remembered = self.settings.load()
        motion = self._motion(motion_id)
        if motion is None:
            self.notify(f"No motion '{motion_id}' to study.", severity="error")
            return
        history = self.history

        def study(side: Side | None) -> None:
            if side is not None:
                self.picker.choose_to_study(False)  # (chosen: behind the study screen, the library starts again)
                self.picker.side = side
                self.settings.update(motion_id=motion.id, side=side)
                self.push_screen(StudyScreen(motion, side, history))

        if self.start_side is not None:
            study(self.start_side)
        else:
            self.push_screen(SideScreen(motion.title, remembered.side or self.picker.side), study)

    # ---- history and drills

    @on(messages.OpenHistory)
    def action_history(self) -> None:
        """Show the practice history (sessions, progress, mastery, reviews due)."""
        from debate.tui.screens.history import HistoryScreen

        if not self.recorder.keeps_history:
            problem = self.recorder.history_problem
            why = f" ({problem})" if problem else ""
            self.notify(f"No history: this trainer was started without a history database{why}.", severity="warning")
            return
        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen(self.history, self.motions, before_read=self.wait_saved))

    @on(messages.StartDrill)
    def _start_drill(self, message: messages.StartDrill) -> None:
        if message.drill == "review":
            self.start_review()
        elif message.drill == "weak":
            self.start_weak_spots()
        elif message.motion is None:
            self.notify("Highlight a motion first.", severity="warning")
        elif message.drill == "rapid":
            self.start_rapid_fire(message.motion, message.side)
        else:
            self.open_case_building(message.motion, message.side)

    def start_review(self) -> None:
        """Drill the arguments due for review now, across all motions; say when the next is due if none is."""
        from debate.drills import REVIEW_DUE, review_due
        from debate.review import ReviewItem

        if not self.recorder.keeps_history:
            self.notify("Review needs the history database.", severity="warning")
            return
        motions = self.motions

        def read(store: HistoryStore) -> tuple[list[DrillPlan], ReviewItem | None, datetime]:
            now = store.clock()
            plans = review_due(store, motions, now=now)
            return plans, None if plans else store.next_review(), now

        def then(found: tuple[list[DrillPlan], ReviewItem | None, datetime]) -> None:
            plans, upcoming, now = found
            if plans:
                self.run_drill(plans, REVIEW_DUE)
            elif upcoming is None:
                self.notify("Nothing to review yet: practise a motion first.", timeout=6)
            else:
                from debate.tui.widgets.text import when_from_now

                when = when_from_now(upcoming.due_at, now)
                self.notify(f"Nothing is due for review. The next one is due {when}.", timeout=6)

        self._read_history(read, then)

    def start_weak_spots(self) -> None:
        """Drill the weak arguments, the ones the home screen lists (:func:`debate.drills.weak_arguments`)."""
        from debate.drills import WEAK_SPOTS, weak_spots

        if not self.recorder.keeps_history:
            self.notify("Weak spots need the history database.", severity="warning")
            return
        motions = self.motions

        def then(plans: list[DrillPlan]) -> None:
            if plans:
                self.run_drill(plans, WEAK_SPOTS)
            else:
                self.notify(
                    "No weak spots: every argument you answered lately earned half marks or more without help.",
                    timeout=6,
                )

        self._read_history(lambda store: weak_spots(store, motions), then)

    def _read_history(self, read: Callable[[HistoryStore], T], then: Callable[[T], None]) -> None:
        """``read`` the history on a thread, once the rounds played so far are saved, then ``then`` its result on
        the screen's thread: a save may wait for another program's database lock, and the screen must not freeze."""
        store = self.history

        def work() -> None:
            self.wait_saved()  # read after the rounds played so far are in
            try:
                value = read(store)
            except Exception as exc:  # a history that cannot be read is a notice, not a crash
                self.call_from_thread(self.notify, f"Could not read the history: {_message(exc)}", severity="error")
                return
            self.call_from_thread(then, value)

        self.run_worker(work, thread=True, group="history-read")

    def start_rapid_fire(self, motion: Motion, side: Side) -> None:
        """Five of the other side's arguments, thirty seconds each."""
        from debate.drills import RAPID_FIRE, rapid_fire

        self.run_drill([rapid_fire(motion, side)], RAPID_FIRE)

    def open_case_building(self, motion: Motion, side: Side) -> None:
        """List your own side's arguments; see which of the motion's you covered."""
        from debate.tui.screens.case import CaseBuildingScreen

        self.push_screen(CaseBuildingScreen(motion, side))

    @property
    def in_session(self) -> bool:
        """A session is under way (an argument is up, or its feedback)."""
        return self.session is not None and not self.session.done

    # ---- actions

    def action_request_quit(self) -> None:
        """Quit; in the middle of a session, ask first."""
        from debate.tui.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return
        if not self.in_session:
            self.exit()
            return

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.current_run.stop()
                if self.session is not None:
                    self.end_session(self.session)
                self.exit()

        session = self.session
        answered = session is not None and session.phase == "feedback" and session.is_last  # (all reached)
        detail = (
            "Your rounds are saved."
            if answered
            else "Your rounds so far are saved; the arguments not reached count as 0."
        )
        self.push_screen(ConfirmScreen("Quit in the middle of the session?", detail), answer)

    def action_help(self) -> None:
        """Show the keys and how scoring works."""
        from debate.tui.screens.help import HelpScreen, section_for

        if not isinstance(self.screen, HelpScreen):
            screen = self.screen
            self.push_screen(HelpScreen(section_for(type(screen).__name__, str(getattr(screen, "phase", "")))))

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Command palette entries: the app's own actions, then the screen's, then Textual's."""
        yield SystemCommand("Help", "Keys and how scoring works", self.action_help)
        yield SystemCommand("Toggle light/dark theme", "Switch between light and dark", self.action_toggle_theme)
        commands = getattr(screen, "palette_commands", None)
        if callable(commands):
            yield from commands()
        if self.recorder.keeps_history:
            yield SystemCommand("History", "Sessions, progress per motion, mastery, reviews due", self.action_history)
        for command in super().get_system_commands(screen):
            # Textual's Quit exits mid-round without asking; Screenshot needs ~/Downloads; Keys and Maximize are
            # for developers, not students: ours replace the first two, the others go
            if command.title not in PALETTE_DROPPED:
                yield command
        yield SystemCommand("Screenshot", "Save an SVG picture of this screen", self.action_save_screenshot)
        yield SystemCommand("Quit", "Quit the trainer (asks mid-session)", self.action_request_quit)

    def action_save_screenshot(self) -> None:
        """Save an SVG of the screen in the exports folder (which is created; ~/Downloads may not exist); in a served
        session, send it to the student's browser (nothing is written on the server)."""
        if self.recorder.served:
            self.deliver_screenshot()
            self.notify("Screenshot sent to your browser", timeout=6)
            return
        from debate.locations import exports_dir

        try:
            path = self.save_screenshot(path=str(exports_dir()))
        except OSError as exc:
            self.notify(f"Could not save the screenshot: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Screenshot saved to {path}", timeout=6)


def build_app(
    library: Library | Sequence[Motion] | LibraryLoader,
    *,
    motion_id: str | None = None,
    side: Side | None = None,
    mode: Mode | None = None,
    time_limit: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    on_round: RoundHook | None = None,
    on_session_end: SessionEndHook | None = None,
    observers: Sequence[SessionObserver] = (),
    on_content_shown: ContentHook | None = None,
    export_dir: Path | None = None,
    recorder: Recorder | None = None,
    assignment: Assignment | None = None,
    order: Order = "fixed",
    seed: int | None = None,
    settings: SettingsStore | None = None,
    home: bool = False,
    study_motion_id: str | None = None,
) -> DebateApp:
    """The trainer. Plain, it opens the picker; with ``motion_id`` (and ``side``) it opens straight into a round.

    ``library`` is a :class:`~debate.discovery.Library`, a list of motions, or a loader (e.g.
    ``lambda: discover(dirs)``) that the app calls in a thread after its first frame, which keeps start-up lean.
    ``time_limit`` (seconds per argument) makes the session timed. ``clock`` is the session clock. ``observers``
    are told of every scored round and ended session; ``on_round`` (every scored result) and ``on_session_end`` (the
    summary) are the short form of one such observer. ``on_content_shown`` hears when the first screen has painted
    (see :data:`ContentHook`). ``export_dir`` is where the summary screen writes its export.
    ``recorder`` commits each round the moment it is scored (history, results file) and asks for the student's name
    when it has a results folder but no name; its store enables the history screen and the review drills.
    ``assignment`` runs that assignment (intro, its sessions in order, total against the pass mark) instead of the
    picker. ``order`` is the order arguments come up in (random, seeded by ``seed``, or fixed); a quick session
    takes the arguments due for review and the weak ones first. ``settings`` remembers the last motion, side, mode
    and theme between launches (None: remember nothing). ``home`` opens on the home screen (plain ``debate``);
    ``study_motion_id`` opens study mode on that motion (``debate study``).
    """
    motions: Sequence[Motion] | LibraryLoader
    problems: Sequence[str] = ()
    if isinstance(library, Sequence) or callable(library):
        motions = library
    else:
        motions, problems = library.motions, library.problems
    return DebateApp(
        motions,
        problems=problems,
        motion_id=motion_id,
        side=side,
        mode=mode,
        time_limit=time_limit,
        clock=clock,
        observers=(*observers, Hooks(on_round, on_session_end)) if on_round or on_session_end else observers,
        on_content_shown=on_content_shown,
        export_dir=export_dir,
        recorder=recorder,
        assignment=assignment,
        order=order,
        seed=seed,
        settings=settings,
        home=home,
        study_motion_id=study_motion_id,
    )


def _message(exc: BaseException) -> str:
    """A one-line message for an exception (DebateError's own message when it has one)."""
    message = getattr(exc, "message", None)
    return str(message or exc or type(exc).__name__)
