"""Case building: list the arguments for your own side, one per line; see which of the motion's you covered."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Static, TextArea

from debate.model import Motion, Side
from debate.tui.screens.round import SUBMIT_KEYS
from debate.tui.widgets.answer import AnswerArea
from debate.tui.widgets.panel import panel
from debate.tui.widgets.text import STYLES, clean, hanging_grid, highlight_answer, prose, side_label

if TYPE_CHECKING:
    from debate.drills import CaseCoverage


def highlighted_line(coverage: CaseCoverage) -> Text:
    """The user's line with the words that carried the match underlined (spans are offsets into the line)."""
    return highlight_answer(coverage.line, [coverage.verdict])


def coverage_text(coverage: Sequence[CaseCoverage]) -> Text:
    """The headline: how many of the side's arguments the case covered, and the share."""
    from debate.drills import coverage_share

    covered = sum(c.covered for c in coverage)
    text = Text()
    text.append(f"{covered} of {len(coverage)} arguments covered", style="bold")
    text.append(f" · {coverage_share(coverage):.0%}")
    return text


def coverage_table(coverage: Sequence[CaseCoverage]) -> Table:
    """One entry per argument of the side: covered or not, the claim, the line that matched (highlighted)."""
    grid = Table.grid(expand=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1)
    for n, c in enumerate(coverage):
        if n:
            grid.add_row("", "")
        mark = Text("✓", style=STYLES["verdict-hit"]) if c.covered else Text("✗", style=STYLES["verdict-miss"])
        body = Text()
        status = ("covered", STYLES["verdict-hit"]) if c.covered else ("not covered", STYLES["verdict-miss"])
        body.append(*status)
        body.append(f" {c.verdict.score:.2f}  ", style="dim")
        body.append(prose(c.argument.claim), style="bold")
        if c.line and c.verdict.verdict != "miss":
            body.append("\nyour line: " if c.covered else "\nclosest line: ", style="italic")
            body.append_text(highlighted_line(c))
        grid.add_row(mark, body)
    return grid


def missing_text(coverage: Sequence[CaseCoverage]) -> Text | Table:
    """The claims the case did not make: what to add (a claim's wrapped lines under its start)."""
    missing = [c for c in coverage if not c.covered]
    if not missing:
        return Text("Nothing: your case covers every argument.", style="italic")
    grid = hanging_grid()
    for c in missing:
        grid.add_row(Text("• ", style="bold"), Text(prose(c.argument.claim)))
    return grid


class CaseBuildingScreen(Screen[None]):
    """Type the case, submit, read the coverage; edit and submit again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SUBMIT_KEYS, "submit", "Check my case", id="case.submit", priority=True, tooltip="Match your lines"),
        Binding("ctrl+e", "edit", "Edit", id="case.edit", priority=True, tooltip="Back to your list"),
        Binding("escape", "close", "Back", id="case.back", tooltip="Back to the picker"),
    ]

    def __init__(self, motion: Motion, side: Side) -> None:
        super().__init__()
        self.motion = motion
        self.side = side
        self.coverage: list[CaseCoverage] = []
        """The latest coverage (empty before the first submit)."""

    def compose(self) -> ComposeResult:
        yield Header()
        intro = Text()
        intro.append(f"Case building · you: {side_label(self.side)}\n", style="bold")
        intro.append(clean(self.motion.title) + "\n", style="italic")
        count = len(self.motion.arguments(self.side))
        intro.append(
            f"List the arguments for your side, one per line. The motion's bank has {count}; how many can you name?",
            style="dim",
        )
        yield Static(intro, id="case-intro", markup=False)
        with ContentSwitcher(initial="case-writing", id="case-panes"):
            with Vertical(id="case-writing"):
                yield AnswerArea(id="case-text", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            with VerticalScroll(id="case-result"):
                yield Static(id="case-share", markup=False)
                yield panel("case-coverage", "Your side's arguments")
                yield panel("case-missing", "Add these")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#case-text", TextArea)
        area.border_title = "Your case (one argument per line)"
        area.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Submit while writing; edit while reading the coverage."""
        showing = self.query_one("#case-panes", ContentSwitcher).current
        if action == "submit":
            return showing == "case-writing"
        if action == "edit":
            return showing == "case-result"
        return True

    def action_submit(self) -> None:
        """Match every line against the side's claims and show the coverage (after every key typed before)."""
        self.query_one("#case-text", TextArea).call_later(self._check_typed)  # see RoundScreen.action_submit

    def _check_typed(self) -> None:
        from debate.drills import case_building

        text = self.query_one("#case-text", TextArea).text
        if not text.strip():
            self.notify("List at least one argument first.", severity="warning", timeout=3)
            return
        self.coverage = case_building(self.motion, self.side, text)
        self.query_one("#case-share", Static).update(coverage_text(self.coverage))
        self.query_one("#case-coverage", Static).update(coverage_table(self.coverage))
        self.query_one("#case-missing", Static).update(missing_text(self.coverage))
        self.query_one("#case-panes", ContentSwitcher).current = "case-result"
        result = self.query_one("#case-result", VerticalScroll)
        result.scroll_home(animate=False)
        result.focus()
        self.refresh_bindings()

    def action_edit(self) -> None:
        """Back to the list, to add what was missing."""
        self.query_one("#case-panes", ContentSwitcher).current = "case-writing"
        self.query_one("#case-text", TextArea).focus()
        self.refresh_bindings()

    def action_close(self) -> None:
        """Back to the picker."""
        self.dismiss(None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen."""
        yield SystemCommand("Check my case", "Match your lines against the side's arguments", self.action_submit)
        yield SystemCommand("Edit my case", "Back to your list", self.action_edit)
