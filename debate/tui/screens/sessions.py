"""Past sessions, one at a time: every answer beside the model rebuttals and its verdicts; delete a session.

Opened from the history screen (``s``). The list is read once when the screen opens and again after a delete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from debate.model import Motion
from debate.tui.screens.base import DebateScreen
from debate.tui.screens.confirm import ConfirmScreen
from debate.tui.widgets.text import (
    SIDE_SHORT,
    STYLES,
    VERDICT_MARKS,
    hanging_grid,
    local_time,
    one_line,
    prose,
    short_title,
)

if TYPE_CHECKING:
    from debate.history import HistoryStore, RoundRecord, SessionRecord

SESSIONS_LISTED = 200
"""How many recent sessions the list holds."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Stored text safe for the terminal: control characters (other than newline and tab) removed."""
    return _CONTROL.sub("", text)


TITLE_WIDTH = 40
"""The most cells a motion's title takes in the session list (a longer one ends in an ellipsis)."""
MIN_TITLE = 12
"""The fewest cells a motion's title is cut to in the session list, however narrow the screen."""
GAP = "  "


def _score(session: SessionRecord) -> str:
    if session.percent is None:
        return "unfinished"
    return f"{session.total}/{session.max_total} {session.percent:3.0f}%"


def ended_early_note(session: SessionRecord) -> str:
    """'ended after 1 of 3' for a session ended before its last argument, else ''."""
    return f"ended after {session.answered} of {session.arguments}" if session.ended_early else ""


def session_lines(sessions: Sequence[SessionRecord], titles: Mapping[str, str], width: int) -> list[Text]:
    """The session list's rows, each on one line of at most ``width`` cells (found wrapping at 80 columns): when,
    motion, side, mode, score, in columns that line up. The motion's title takes the room the rest leaves, at most
    :data:`TITLE_WIDTH` and as wide as the longest title listed; 'ended after 1 of 3' follows where the line has room
    (the answers pane always says it)."""
    if not sessions:
        return []
    modes = [s.label or s.mode for s in sessions]  # (a drill as the trainer called it: "Review due")
    mode_width = max(map(cell_len, modes))
    details = [
        f"{SIDE_SHORT.get(s.side, s.side):<4} · {mode:<{mode_width}} · {_score(s)}"
        for s, mode in zip(sessions, modes, strict=True)
    ]
    names = [one_line(short_title(titles.get(s.motion_id, s.motion_id))) for s in sessions]
    whens = [local_time(s.started_at) for s in sessions]
    rest = max(map(cell_len, whens)) + 2 * len(GAP) + max(map(cell_len, details))
    title_width = max(MIN_TITLE, min(TITLE_WIDTH, max(map(cell_len, names)), width - rest))
    lines = []
    for session, when, name, detail in zip(sessions, whens, names, details, strict=True):
        title = one_line(name, title_width)
        text = Text(when + GAP, no_wrap=True, overflow="ellipsis")
        text.append(title + " " * (title_width - cell_len(title)), style="bold")  # (padded: the columns line up)
        text.append(GAP + detail, style="dim")
        note = ended_early_note(session)
        if note and text.cell_len + len(" · ") + len(note) <= width:
            text.append(f" · {note}", style="dim")
        lines.append(text)
    return lines


CONTEST_FATE = {
    True: "your teacher marks it",
    False: "kept in your history only: no teacher reads this session, it had no results folder",
    None: "your teacher sees it only if this session went to a class results folder",
}
"""Who reads a contest, by whether its session went to a class results folder (None: stored before that was kept)."""


def answers_text(
    rounds: Sequence[RoundRecord],
    motion: Motion | None,
    contests: Mapping[int, tuple[str, str | None]] | None = None,
    *,
    results: bool | None = None,
) -> Text | Table:
    """Every answer of a session: the claim, what the student wrote, hints taken, a contest of its verdict, then each
    model rebuttal with its verdict (hits, then near misses, then misses, as stored), every wrapped line indented
    under its start. ``contests``: round id -> (kind, rebuttal), as :meth:`HistoryStore.contests` gives them;
    ``results``: the session went to a class results folder (:attr:`SessionRecord.results`), which says whether a
    teacher reads its contests."""
    contests = contests or {}
    if not rounds:
        return Text("No answer in this session.", style="italic")
    grid = hanging_grid()
    for n, r in enumerate(rounds, start=1):
        if n > 1:
            grid.add_row("", "")
        argument = None
        if motion is not None:
            argument = next((a for a in motion.arguments(r.side) if a.id == r.argument_id), None)
        claim = clean(prose(argument.claim)) if argument else f"{r.argument_id} (no longer in the motion)"
        grid.add_row(Text(f"{n}. ", style="bold"), Text(claim, style="bold"))
        facts = Text(f"{r.points}/{r.max_points} points · best match {100 * r.score:.0f}%", style="dim")
        if r.hints_used:
            facts.append(f" · {r.hints_used} hint{'s' if r.hints_used != 1 else ''}", style="dim")
        if r.assisted:
            facts.append(" · assisted (not counted as mastery)", style="italic")
        grid.add_row("", facts)
        wrote = Text("You wrote: ", style="italic")
        wrote.append(clean(r.answer) if r.answer.strip() else "(skipped)")
        grid.add_row("", wrote)
        for hint in r.hints:
            grid.add_row("", Text(f"hint {prose(hint)}", style="dim"))
        contest = contests.get(r.id) if r.id is not None else None
        if contest is not None:
            kind, rebuttal_id = contest
            asked = "no credit for this answer"
            if kind == "credit":
                named = next((x for x in argument.rebuttals if x.id == rebuttal_id), None) if argument else None
                asked = f'credit for "{one_line(named.text, 60)}"' if named else "credit"
            grid.add_row("", Text(f"Contested: you asked for {asked} ({CONTEST_FATE[results]})", style="italic"))
        if argument is None:
            continue
        verdicts = hanging_grid()
        marks = [("hit" if x.id in r.hits else "near" if x.id in r.nears else "miss", x) for x in argument.rebuttals]
        for verdict, rebuttal in sorted(marks, key=lambda m: ("hit", "near", "miss").index(m[0])):
            label, style = VERDICT_MARKS[verdict]
            line = Text(f"{rebuttal.type}: ", style="bold")
            line.append(clean(prose(rebuttal.text)))
            verdicts.add_row(Text(f"{label} ", style=STYLES[style]), line)
        grid.add_row("", verdicts)
    return grid


class SessionsScreen(DebateScreen):
    """A list of past sessions; the highlighted one's answers below it."""

    DEFAULT_CSS = """
    SessionsScreen #sessions-list { height: 40%; border: round $primary; }
    SessionsScreen #session-answers { height: 1fr; border: round $secondary; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="sessions.back", tooltip="Back to the history"),
        Binding("d,delete", "delete", "Delete", id="sessions.delete", tooltip="Delete this session (asks first)"),
        Binding("tab", "switch", "Answers/list", id="sessions.switch", show=False),
    ]

    def __init__(self, store: HistoryStore, motions: Sequence[Motion]) -> None:
        super().__init__()
        self.store = store
        self.motions = {m.id: m for m in motions}
        self.sessions: list[SessionRecord] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="sessions-list")
        with VerticalScroll(id="session-answers"):
            yield Static(id="session-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions-list", OptionList).border_title = "Sessions (d deletes)"
        self.query_one("#session-answers", VerticalScroll).border_title = "Your answers beside the model rebuttals"
        self.reload()
        self.query_one("#sessions-list", OptionList).focus()
        self.call_after_refresh(self.on_resize)  # laid out: the rows fit the list's real width

    def reload(self, keep: int = 0) -> None:
        """Read the sessions again and highlight the one at ``keep``."""
        self.sessions = self.store.sessions(limit=SESSIONS_LISTED)
        self._list(keep)
        self.show_selected()

    def _list(self, keep: int = 0) -> None:
        """Fill the list, each row fitted to its width (again after a resize), the one at ``keep`` highlighted."""
        titles = {motion_id: m.title for motion_id, m in self.motions.items()}
        listing = self.query_one("#sessions-list", OptionList)
        # the room a row has: the list's, less its border, the rows' padding and the scroll bar there will be (before
        # the first layout, a guess: the screen's width and a scroll bar; the rows are made again once it is known)
        padding = listing.get_component_styles("option-list--option").padding.width
        inside, rows_shown = listing.content_region.width, listing.content_region.height
        scrolls = len(self.sessions) > rows_shown if rows_shown else True
        width = (inside or self.app.size.width - 2) - padding - scrolls * listing.styles.scrollbar_size_vertical
        listing.clear_options()
        rows = session_lines(self.sessions, titles, width)
        listing.add_options(Option(row, id=s.id) for s, row in zip(self.sessions, rows, strict=True))
        if self.sessions:
            listing.highlighted = min(keep, len(self.sessions) - 1)

    def on_resize(self) -> None:
        """The rows fit the new width."""
        highlighted = self.query_one("#sessions-list", OptionList).highlighted
        with self.prevent(OptionList.OptionHighlighted):  # (the same session stays shown)
            self._list(highlighted or 0)

    @property
    def selected(self) -> SessionRecord | None:
        """The highlighted session."""
        index = self.query_one("#sessions-list", OptionList).highlighted
        return self.sessions[index] if index is not None and 0 <= index < len(self.sessions) else None

    def show_selected(self) -> None:
        """Fill the answers pane with the highlighted session."""
        session = self.selected
        detail = self.query_one("#session-detail", Static)
        if session is None:
            detail.update(Text("No session recorded yet.", style="italic"))
            return
        motion = self.motions.get(session.motion_id)
        rounds = self.store.rounds(session_id=session.id)
        contests = self.store.contests(session_id=session.id)
        results = session.results
        if results is None and not session.student:  # stored before this was kept, but a session with no student's
            results = False  # name never went to a results folder (a results file needs one)
        answers = answers_text(rounds, motion, contests, results=results)
        if session.ended_early:  # (the list's row says it only where it has room)
            left = session.arguments - session.answered
            note = Text(f"Ended after {session.answered} of {session.arguments} arguments: ", style="italic")
            note.append(f"the {left} not reached count{'s' if left == 1 else ''} as 0.\n", style="italic")
            detail.update(Group(note, answers))
        else:
            detail.update(answers)
        self.query_one("#session-answers", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self.show_selected()

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.query_one("#session-answers", VerticalScroll).focus()

    def action_switch(self) -> None:
        """Move the focus between the list and the answers."""
        listing = self.query_one("#sessions-list", OptionList)
        target = self.query_one("#session-answers", VerticalScroll) if listing.has_focus else listing
        target.focus()

    def action_delete(self) -> None:
        """Delete the highlighted session once the student confirms."""
        session = self.selected
        if session is None:
            return
        index = self.sessions.index(session)

        def answer(confirmed: bool | None) -> None:
            if not confirmed:
                return
            count = self.store.delete_session(session.id)
            answers = f"{count} answer{'s' if count != 1 else ''}"
            self.notify(f"Deleted the session of {local_time(session.started_at)} ({answers}).", timeout=4)
            self.reload(keep=index)

        when = local_time(session.started_at)
        self.app.push_screen(
            ConfirmScreen(
                f"Delete the session of {when}?",
                "Its answers go, and your reviews and mastery are worked out again without it.",
            ),
            answer,
        )

    def action_close(self) -> None:
        """Back to the history."""
        self.dismiss(None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen."""
        yield SystemCommand("Delete this session", "Asks first", self.action_delete)
        yield SystemCommand("Back", "Close the session list", self.action_close)
