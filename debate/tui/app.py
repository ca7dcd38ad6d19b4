"""The trainer app and its factory, :func:`build_app`, used by both the CLI and the tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from debate.model import Argument, Motion, Side
from debate.session import Mode, PracticeSession, RoundResult, Summary

if TYPE_CHECKING:
    from debate.motions import Library

LibraryLoader = Callable[[], "Library"]
"""Loads the motions; called in a thread after the first frame, so start-up does not wait for YAML parsing."""
RoundHook = Callable[[RoundResult], None]
"""Called with every result (answer, skip or time-out) as soon as it is scored."""
SessionEndHook = Callable[[Summary], None]
"""Called once with the summary when a session ends (finished, or quit mid-way with at least one result)."""

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class DebateApp(App[None]):
    """The debate trainer: picker → round → feedback → summary."""

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
        on_round: RoundHook | None = None,
        on_session_end: SessionEndHook | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
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
        """The mode the picker starts on and a direct start uses."""
        self.clock = clock
        """The session clock (tests inject a fake)."""
        self.on_round = on_round
        """Hook: every scored result."""
        self.on_session_end = on_session_end
        """Hook: the summary, once per session."""
        self.export_dir = export_dir
        """Where the summary's export goes; None uses ``debate.locations.exports_dir()``."""
        self.session: PracticeSession | None = None
        """The session being played, if any."""
        self._ended: set[int] = set()

    # ---- start-up

    def on_mount(self) -> None:
        """Open the picker; load the motions (after the first frame) if a loader was given; maybe start a round."""
        from debate.tui.screens.picker import PickerScreen

        # Pushed on top of the default screen: measured ~70 ms faster to first frame than making it the default.
        self.picker = PickerScreen(self.motions, self.problems, mode=self.start_mode, loading=self.loader is not None)
        self.push_screen(self.picker)
        if self.loader is not None:
            self.call_after_refresh(self._load)
        else:
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
        self._direct_start()

    def _direct_start(self) -> None:
        if self.start_motion_id is None:
            return
        motion = next((m for m in self.motions if m.id == self.start_motion_id), None)
        if motion is None:
            self.notify(f"no motion '{self.start_motion_id}'", severity="error")
        else:
            self.start_session(motion, self.start_side or "proposition", self.start_mode)

    # ---- session flow

    def start_session(
        self,
        motion: Motion,
        side: Side,
        mode: Mode,
        *,
        arguments: Sequence[Argument] | None = None,
        time_limit: float | None = None,
    ) -> None:
        """Start a session and show its first argument.

        ``arguments`` (with mode ``drill``) plays exactly those arguments; ``time_limit`` overrides the app's.
        """
        from debate.tui.screens.round import RoundScreen

        limit = time_limit if time_limit is not None else (self.time_limit if mode == "timed" else None)
        self.session = PracticeSession(motion, side, mode=mode, arguments=arguments, time_limit=limit, clock=self.clock)
        if self.session.done:
            self.notify("the other side has no arguments to rebut", severity="warning")
            self.session = None
            return
        self.push_screen(RoundScreen(self.session))

    def record_round(self, result: RoundResult) -> None:
        """Pass a result to the ``on_round`` hook."""
        if self.on_round is not None:
            self.on_round(result)

    def end_session(self, session: PracticeSession) -> Summary:
        """Finish the session, call ``on_session_end`` once, and return the summary."""
        summary = session.finish()
        if id(session) not in self._ended:
            self._ended.add(id(session))
            if self.on_session_end is not None and summary.results:
                self.on_session_end(summary)
        return summary

    def show_summary(self, session: PracticeSession) -> None:
        """Replace the round (and its feedback) with the summary."""
        from debate.tui.screens.summary import SummaryScreen

        summary = self.end_session(session)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(SummaryScreen(summary))

    def back_to_picker(self) -> None:
        """Close everything above the picker."""
        self.session = None
        while len(self.screen_stack) > 2:
            self.pop_screen()

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
                if self.session is not None:
                    self.end_session(self.session)
                self.exit()

        self.push_screen(
            ConfirmScreen("Quit in the middle of the session?", "The arguments not answered yet are dropped."),
            answer,
        )

    def action_help(self) -> None:
        """Show the keys and how scoring works."""
        from debate.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Command palette entries: the app's own actions, then the screen's, then Textual's."""
        yield SystemCommand("Help", "Keys and how scoring works", self.action_help)
        yield SystemCommand("Toggle light/dark theme", "Switch between light and dark", self.action_toggle_theme)
        commands = getattr(screen, "palette_commands", None)
        if callable(commands):
            yield from commands()
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit the application", "Theme"):
                yield command
        yield SystemCommand("Quit", "Quit the trainer (asks mid-session)", self.action_request_quit)


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
    export_dir: Path | None = None,
) -> DebateApp:
    """The trainer. Plain, it opens the picker; with ``motion_id`` (and ``side``) it opens straight into a round.

    ``library`` is a :class:`~debate.motions.Library`, a list of motions, or a loader (e.g.
    ``lambda: discover(dirs)``) that the app calls in a thread after its first frame, which keeps start-up lean.
    ``time_limit`` (seconds per argument) makes the session timed. ``clock`` is the session clock. ``on_round`` gets
    every scored result, ``on_session_end`` the summary. ``export_dir`` is where the summary screen writes its export.
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
        on_round=on_round,
        on_session_end=on_session_end,
        export_dir=export_dir,
    )
