"""Study mode: learn before being tested. Each of the opponent's arguments in turn, with its strongest rebuttals
and why they work; every argument shown is marked studied (in the history, when there is one).

The student then starts a quick round on the motion with ``t`` (test me). The rebuttals were on screen a moment ago,
so answers to the arguments studied count as assisted (:mod:`debate.assist`): they show what was read, not what
will be recalled tomorrow, and the arguments come back for review soon.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from debate.model import Argument, Motion, Side, other_side
from debate.tui import messages
from debate.tui.copy import TYPE_WHY
from debate.tui.screens.base import DebateScreen
from debate.tui.widgets.text import prose, short_title, side_label

if TYPE_CHECKING:
    from debate.history import HistoryStore

STUDY_REBUTTALS = 2
"""How many of an argument's rebuttals study mode shows (strongest first)."""


def study_text(argument: Argument, opponent: Side, position: int, total: int, studied: bool) -> Text:
    """One argument to learn: the claim, why it matters, its strongest rebuttals with their type and why it works."""
    text = Text()
    text.append(f"Argument {position} of {total} · {side_label(opponent)} argues", style="dim")
    text.append(" · studied before" if studied else "", style="dim italic")
    text.append("\n")
    text.append(prose(argument.claim), style="bold")
    text.append("\nWhy it matters: ", style="italic")
    text.append(prose(argument.explanation))
    strongest = sorted(argument.rebuttals, key=lambda r: -r.strength)[:STUDY_REBUTTALS]
    for n, rebuttal in enumerate(strongest, start=1):
        text.append(f"\n\n{n}. {rebuttal.type.capitalize()} · strength {rebuttal.strength}\n", style="bold green")
        text.append(prose(rebuttal.text))
        text.append("\nWhy it works: ", style="italic")
        text.append(TYPE_WHY.get(rebuttal.type, rebuttal.type))
        words = [k.split("|")[0].strip() for k in rebuttal.keywords]
        if words:
            text.append("\nKey words: ", style="italic")
            text.append(", ".join(words))
    if not strongest:
        text.append("\n\nThis argument has no rebuttals in its bank yet.", style="italic")
    return text


class StudyScreen(DebateScreen):
    """The opponent's arguments one at a time, each with its strongest rebuttals."""

    DEFAULT_CSS = """
    StudyScreen #study-head { padding: 0 1; background: $boost; }
    StudyScreen #study-body { padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space", "move(1)", "Next", id="study.next"),
        Binding("left,p", "move(-1)", "Previous", id="study.previous"),
        Binding("t", "test", "Test me", id="study.test", tooltip="A quick round on this motion, now"),
        Binding("escape,q", "close", "Back", id="study.back"),
    ]

    def __init__(self, motion: Motion, side: Side, store: HistoryStore) -> None:
        super().__init__()
        self.motion = motion
        self.side = side
        """The side the student argues: they study the other side's arguments."""
        self.store = store
        self.index = 0
        self.arguments = motion.arguments(other_side(side))
        self.before = store.studied(motion.id)
        """When each argument was studied before this visit."""
        self.seen: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="study-head")
        with VerticalScroll(id="study-body"):
            yield Static(id="study-card")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#study-body", VerticalScroll).focus()

    def show(self) -> None:
        """Show the current argument and mark it studied."""
        head = Text()
        head.append("Study · ", style="bold")
        head.append(short_title(self.motion.title))
        head.append(f" · you: {side_label(self.side)}", style="bold")
        head.append(
            f" · {len(self.seen | {a.id for a in self.arguments[self.index : self.index + 1]})}"
            f" of {len(self.arguments)} studied",
            style="dim",
        )
        self.query_one("#study-head", Static).update(head)
        card = self.query_one("#study-card", Static)
        if not self.arguments:
            card.update(Text("The other side makes no arguments on this motion.", style="italic"))
            return
        argument = self.arguments[self.index]
        opponent = other_side(self.side)
        studied = (argument.id, opponent) in self.before
        card.update(study_text(argument, opponent, self.index + 1, len(self.arguments), studied))
        self.query_one("#study-body", VerticalScroll).scroll_home(animate=False)
        if argument.id not in self.seen:
            self.seen.add(argument.id)
            self.store.mark_studied(self.motion.id, argument.id, opponent)

    def action_move(self, step: int) -> None:
        """The next or previous argument."""
        if self.arguments:
            self.index = max(0, min(len(self.arguments) - 1, self.index + step))
            self.show()

    def action_test(self) -> None:
        """Be tested on what was studied: a quick round on this motion and side, the arguments studied in this visit
        first. Their model rebuttals were just on screen, so answers to them count as assisted (:mod:`debate.assist`):
        not mastered, back soon."""
        studied = tuple(a.id for a in self.arguments if a.id in self.seen)
        self.post_message(messages.StartSession(self.motion, self.side, "quick", first=studied, studied=studied))

    def action_close(self) -> None:
        """Back to where study mode was opened from."""
        self.dismiss(None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen."""
        yield SystemCommand("Test me", "A quick round on this motion", self.action_test)
        yield SystemCommand("Back", "Close study mode", self.action_close)
