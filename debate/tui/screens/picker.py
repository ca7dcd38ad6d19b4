"""The motion picker: type to filter, read the highlighted motion, choose side and mode, start."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, cast

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from debate.model import SIDES, Motion, Side, other_side
from debate.session import DEFAULT_TIME_LIMIT, MODE_LABELS, QUICK_COUNT, Mode, format_seconds
from debate.tui import messages
from debate.tui.screens.base import DebateScreen
from debate.tui.widgets.plain_input import PlainInput
from debate.tui.widgets.text import clean, literal, motion_summary_line, prose, side_label

PICKER_MODES: tuple[Mode, ...] = ("full", "quick", "timed")
"""The modes the picker offers (drills come from elsewhere)."""


def motion_matches(motion: Motion, query: str) -> bool:
    """Every word of the query appears in the motion's id, title, tags or difficulty."""
    haystack = " ".join((motion.id, motion.title, " ".join(motion.tags), motion.difficulty)).lower()
    return all(word in haystack for word in query.lower().split())


class PickerScreen(DebateScreen):
    """Choose a motion, a side and a mode."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", id="picker.start", priority=True, tooltip="Start with this motion"),
        # while the student chooses a motion to study (s on home with none studied yet), Enter studies it instead
        Binding("enter", "study", "Study", id="picker.study", priority=True, tooltip="Study this motion"),
        Binding("f2", "cycle_side", "Side", id="picker.side", tooltip="Switch proposition/opposition"),
        Binding("f3", "cycle_mode", "Mode", id="picker.mode", tooltip="Full round, quick 3 or timed"),
        Binding("f4", "history", "History", id="picker.history", tooltip="Sessions, progress, mastery, reviews due"),
        Binding("f6", "drills", "Drills", id="picker.drills", tooltip="Review due, weak spots, rapid fire, case"),
        Binding("escape", "home", "Home", id="picker.home", tooltip="Back to the home screen"),
        Binding("down", "move(1)", "Next", id="picker.down", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", id="picker.up", show=False, priority=True),
        Binding("pagedown", "move(5)", "Page down", show=False, priority=True),
        Binding("pageup", "move(-5)", "Page up", show=False, priority=True),
    ]

    def __init__(
        self,
        motions: Sequence[Motion],
        problems: Sequence[str] = (),
        *,
        mode: Mode = "full",
        loading: bool = False,
        history: bool = False,
        time_limit: float | None = None,
        hidden: bool = False,
        home: bool = False,
    ) -> None:
        super().__init__()
        self.home = home
        """There is a home screen to go back to (plain ``debate``, not an assignment or a direct start)."""
        self.hidden = hidden
        """Made under another screen (home): it lays itself out when first shown, so the first frame has one screen
        to lay out and style, not two."""
        self.loading_motions = loading
        self.history = history
        """There is a history to show (and drill from)."""
        self.time_limit = time_limit or DEFAULT_TIME_LIMIT
        """Seconds per argument in timed mode."""
        self.motions = tuple(motions)
        self.problems = tuple(problems)
        self.shown: list[Motion] = list(self.motions)
        self._startable = bool(self.shown)
        """Whether the footer's Start was last drawn enabled (refreshed only when that changes)."""
        self.side: Side = "proposition"
        self.mode: Mode = mode if mode in PICKER_MODES else "full"
        self.preferred: str | None = None
        """The motion to highlight when the list fills (the one last practised)."""
        self.studying = False
        """The student is choosing a motion to study (``s`` on home with none studied or practised yet): Enter
        studies the highlighted motion rather than starting a session."""

    def compose(self) -> ComposeResult:
        if self.hidden:
            return
        yield Header()
        yield PlainInput(placeholder="Type to filter motions (title, tag, difficulty)", id="filter")
        with Horizontal(id="picker-body"):
            yield OptionList(id="motion-list")
            with VerticalScroll(id="motion-detail", can_focus=False):
                yield Static(id="detail", markup=False)
        yield Static(id="choices", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if not self.hidden:
            self._fill()
            self._show_choices()
        self._warn_problems()
        if not self.hidden:
            self.query_one("#filter", Input).focus()
            self.call_after_refresh(self.post_message, messages.ContentShown("picker"))

    async def on_screen_resume(self) -> None:
        """Shown for the first time after being made hidden: lay it out now. Shown again: the filter's text is
        selected, so what is typed next replaces an earlier search rather than adding to it."""
        if self.hidden and self.app.screen is self:  # (is_current is also true just under the top screen)
            self.hidden = False
            await self.recompose()
            self._fill()
            self._show_choices()
            self.query_one("#filter", Input).focus()
        elif not self.hidden:
            # (the focus comes back without the focus event that selects an input's text when clicked or tabbed to)
            self.query_one("#filter", Input).select_all()

    def choose_to_study(self, studying: bool = True) -> None:
        """Let Enter study the highlighted motion (and say so), or, with ``studying`` False, start a session again."""
        if self.studying == studying:
            return
        self.studying = studying
        if not self.hidden and self.is_mounted:
            self._show_choices()
        self.refresh_bindings()

    def clear_filter(self) -> None:
        """Empty the filter, so the library opens whole next time (the home screen is going over the picker)."""
        if not self.hidden:  # (made hidden and never shown: there is no filter yet, and nothing in it)
            self.query_one("#filter", Input).value = ""

    def show_start(self, motion_id: str, side: Side | None = None, mode: Mode | None = None) -> None:
        """Highlight the motion started from the command line and take its side (once chosen) and mode, so what the
        picker says behind the side question, and after the session, is about the session being started."""
        self.preferred = motion_id
        if side is not None:
            self.side = side
        if mode in PICKER_MODES:
            self.mode = mode
        if self.hidden or not self.is_mounted:  # (listed with the highlight on it when first shown)
            return
        ids = [m.id for m in self.shown]
        if motion_id in ids:
            self.query_one("#motion-list", OptionList).highlighted = ids.index(motion_id)
        self._show_choices()

    def set_motions(self, motions: Sequence[Motion], problems: Sequence[str] = ()) -> None:
        """Show a newly loaded library."""
        self.loading_motions = False
        self.motions = tuple(motions)
        self.problems = tuple(problems)
        if self.hidden:  # listed when it is first shown
            self.shown = list(self.motions)
            self._warn_problems()
            return
        query = self.query_one("#filter", Input).value
        self.shown = [m for m in self.motions if motion_matches(m, query)]
        self._fill()
        self._warn_problems()

    def _warn_problems(self) -> None:
        if self.problems:
            self.notify(
                f"{len(self.problems)} motion file(s) did not load: {self.problems[0]}", severity="warning", timeout=8
            )

    # ---- list and detail

    def _fill(self) -> None:
        option_list = self.query_one("#motion-list", OptionList)
        option_list.clear_options()
        options: list[Option | None] = []
        for motion in self.shown:
            if options:
                options.append(None)  # a separator line between motions
            meta = Text(motion_summary_line(motion), style="dim", no_wrap=True, overflow="ellipsis")
            options.append(Option(Group(literal(motion.title, style="bold"), meta), id=motion.id))
        option_list.add_options(options)
        if bool(self.shown) != self._startable:  # Start is dimmed while nothing is listed
            self._startable = bool(self.shown)
            self.refresh_bindings()
        if self.shown:
            ids = [m.id for m in self.shown]
            option_list.highlighted = ids.index(self.preferred) if self.preferred in ids else 0
        self._show_detail()

    @property
    def highlighted(self) -> Motion | None:
        """The motion under the cursor."""
        option = self.query_one("#motion-list", OptionList).highlighted_option
        if option is None:
            return None
        return next((m for m in self.shown if m.id == option.id), None)

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        motion = self.highlighted
        if motion is None:
            if self.loading_motions:
                detail.update("Loading motions…")
            elif self.motions:
                detail.update("No motion matches.")
            else:
                detail.update("No motions found. Add YAML files with --motions.")
            self._show_choices()
            return
        text = Text()
        text.append(clean(motion.title) + "\n", style="bold")
        text.append(motion_summary_line(motion) + "\n\n", style="dim")
        text.append("Context\n", style="bold underline")
        text.append(prose(motion.context) + "\n\n")
        text.append("Thesis\n", style="bold underline")
        text.append(prose(motion.thesis) + "\n")
        if motion.source is not None:
            by = f" — {motion.source.author}" if motion.source.author else ""
            text.append(clean(f"\nSource: {motion.source.title}{by}\n"), style="dim")
        detail.update(text)
        self.query_one("#motion-detail", VerticalScroll).scroll_home(animate=False)
        self._show_choices()

    def _show_choices(self) -> None:
        motion = self.highlighted
        opponent = other_side(self.side)
        text = Text()
        text.append("Side ", style="bold")
        for side in SIDES:
            text.append(f" {side_label(side)} ", style="reverse bold" if side == self.side else "dim")
        text.append(" f2   ", style="dim")
        text.append("Mode ", style="bold")
        for mode in PICKER_MODES:
            text.append(f" {MODE_LABELS[mode]} ", style="reverse bold" if mode == self.mode else "dim")
        text.append(" f3\n", style="dim")
        if motion is None:  # nothing to start: say why rather than describe a motion no longer listed
            if self.loading_motions:
                text.append("Loading motions…", style="italic")
            elif self.motions:
                text.append("No motion matches the filter: change it or clear it.", style="italic")
            else:
                text.append("No motions found.", style="italic")
            self.query_one("#choices", Static).update(text)
            return
        if self.studying:
            text.append("Enter studies this motion: the arguments you will rebut, and how. Esc: home.", style="italic")
            self.query_one("#choices", Static).update(text)
            return
        count = len(motion.arguments(opponent))
        if self.mode == "quick":
            count = min(count, QUICK_COUNT)
        clock = ""
        if self.mode == "timed":
            clock = f", {format_seconds(self.time_limit)} each"
        text.append(
            f"You rebut {count} {opponent} argument{'s' if count != 1 else ''}{clock}. Enter starts.", style="italic"
        )
        self.query_one("#choices", Static).update(text)

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.shown = [m for m in self.motions if motion_matches(m, event.value)]
        self._fill()

    @on(OptionList.OptionHighlighted, "#motion-list")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#motion-list")
    def _selected(self) -> None:
        self.action_start()

    # ---- actions

    def action_move(self, delta: int) -> None:
        """Move the highlight in the motion list (the filter keeps the focus)."""
        option_list = self.query_one("#motion-list", OptionList)
        if not self.shown:
            return
        index = option_list.highlighted or 0
        option_list.highlighted = max(0, min(len(self.shown) - 1, index + delta))

    def action_cycle_side(self) -> None:
        """Switch between proposition and opposition."""
        self.side = other_side(self.side)
        self._show_choices()

    def action_cycle_mode(self) -> None:
        """Full round → quick 3 → timed → full round."""
        self.mode = PICKER_MODES[(PICKER_MODES.index(self.mode) + 1) % len(PICKER_MODES)]
        self._show_choices()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The history key only when there is a history, the home key when there is a home screen; Start is dimmed
        while the filter matches no motion."""
        if action in ("start", "study"):
            if (action == "study") != self.studying:
                return False
            return True if self.shown else None
        if action == "history":
            return self.history
        if action == "home":
            return self.home
        return True

    def action_home(self) -> None:
        """Back to the home screen (the app empties the filter, so the library opens whole next time)."""
        self.choose_to_study(False)
        self.post_message(messages.OpenHome())

    def action_study(self) -> None:
        """Study the highlighted motion (the student chose it to study)."""
        motion = self.highlighted
        if motion is None:
            self.notify("No motion to study: clear the filter.", severity="warning")
            return
        self.post_message(messages.OpenStudy(motion.id))

    def action_history(self) -> None:
        """Open the practice history."""
        self.post_message(messages.OpenHistory())

    def action_drills(self) -> None:
        """Open the drills menu."""
        from debate.tui.screens.drills import DrillsScreen

        motion = self.highlighted
        screen = DrillsScreen(motion.title if motion else None, side_label(self.side), history=self.history)
        self.app.push_screen(screen, self.run_drill)

    def run_drill(self, drill: str | None) -> None:
        """Start a drill by id: review, weak, rapid or case (the last two on the highlighted motion)."""
        if drill in ("review", "weak"):
            self.post_message(messages.StartDrill(cast(messages.Drill, drill)))
        elif drill in ("rapid", "case"):
            motion = self.highlighted
            if motion is None:
                self.notify("Highlight a motion first.", severity="warning")
            else:
                self.post_message(messages.StartDrill(cast(messages.Drill, drill), motion, self.side))

    def action_start(self) -> None:
        """Start a session on the highlighted motion."""
        motion = self.highlighted
        if motion is None:
            self.notify("No motion to start: clear the filter.", severity="warning")
            return
        from debate.tui.screens.side import SideScreen

        def chosen(side: Side | None) -> None:
            if side is None:
                return
            self.side = side
            self._show_choices()
            self.post_message(messages.StartSession(motion, side, self.mode))

        # the side is chosen every time, the last one offered first: it never carries over unseen
        self.app.push_screen(SideScreen(motion.title, self.side), chosen)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen."""
        if self.studying:
            yield SystemCommand("Study the highlighted motion", "Its arguments and rebuttals", self.action_study)
        yield SystemCommand("Start the highlighted motion", "Begin a session", self.action_start)
        yield SystemCommand("Switch side", "Proposition or opposition", self.action_cycle_side)
        yield SystemCommand("Switch mode", "Full round, quick 3 or timed", self.action_cycle_mode)
        yield SystemCommand("Drills", "Choose a drill", self.action_drills)
        if self.history:
            yield SystemCommand("Drill: review due", "The arguments due for review", lambda: self.run_drill("review"))
            yield SystemCommand("Drill: weak spots", "Your weakest arguments", lambda: self.run_drill("weak"))
        yield SystemCommand(
            "Drill: rapid fire", "5 of the highlighted motion's arguments, 30 s each", lambda: self.run_drill("rapid")
        )
        yield SystemCommand(
            "Drill: case building", "List your side's own arguments on this motion", lambda: self.run_drill("case")
        )
