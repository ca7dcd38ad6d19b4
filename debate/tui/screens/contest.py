"""The student contests a verdict: "this deserves credit for …" (a rebuttal) or "this should not have counted".

A modal list; it dismisses with ``(kind, rebuttal id or None)`` or None when the student changes their mind. The
contest is a request to the teacher: it never changes points. Opened again on a round already contested, it says
what was asked, highlights it, and says that a new choice replaces it (one contest per round).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from debate.session import RoundResult
from debate.tui.widgets.text import literal, prose

Contest = tuple[str, str | None]
"""``("credit", rebuttal id)`` or ``("no_credit", rebuttal id or None)``."""


class ContestScreen(ModalScreen[Contest | None]):
    """Pick what is wrong with the verdict."""

    DEFAULT_CSS = """
    ContestScreen { align: center middle; }
    #contest-box { width: 84; max-width: 100%; height: auto; max-height: 90%;
                   border: thick $warning; background: $surface; padding: 0 1; }
    #contest-question { text-style: bold; }
    #contest-options { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose", id="contest.choose", priority=True),  # (over the list's own, hidden)
        Binding("escape", "cancel", "Cancel", id="contest.cancel"),
        Binding("f1", "app.help", "Help", id="contest.help"),  # (a modal screen hides the app's own f1)
    ]

    def __init__(self, result: RoundResult, current: Contest | None = None, *, teacher: bool = True) -> None:
        super().__init__()
        self.result = result
        self.teacher = teacher
        """A teacher reads the contest (the session goes to a class results folder); else only the history keeps it."""
        self.current = current
        """The contest already made on this round, if any (a new choice replaces it)."""
        self.choices: list[Contest] = []

    def compose(self) -> ComposeResult:
        # each rebuttal whole, wrapped (cut at 70 characters the student could not read what they contested), and a
        # line between them, as one may take several lines
        options: list[Option | None] = []
        for verdict in self.result.verdicts:
            if verdict.verdict == "hit":
                continue
            rebuttal = self.result.rebuttal(verdict.candidate_id)
            prompt = Text("This deserves credit for: ", style="bold")
            prompt.append(literal(prose(rebuttal.text)))
            options += [None, Option(prompt)] if options else [Option(prompt)]
            self.choices.append(("credit", rebuttal.id))
        hits = [v for v in self.result.verdicts if v.verdict == "hit"]
        for verdict in hits:
            rebuttal = self.result.rebuttal(verdict.candidate_id)
            prompt = Text("This should not have counted for: ", style="bold")
            prompt.append(literal(prose(rebuttal.text)))
            options += [None, Option(prompt)] if options else [Option(prompt)]
            self.choices.append(("no_credit", rebuttal.id))
        with Vertical(id="contest-box"):
            yield Static(Text("Contest this verdict: what did the judge get wrong?"), id="contest-question")
            if self.current is not None:
                yield Static(self._already(self.current), id="contest-current")
            who = (
                "Your teacher decides; your points stay as they are until then."
                if self.teacher
                else "No teacher reads this session (it has no results folder): your history keeps the contest, and "
                "your points stay as they are."
            )
            yield Static(Text(who, style="dim"), id="contest-who")
            yield OptionList(*options, id="contest-options")
        yield Footer()  # its own keys (Esc: cancel), not the feedback screen's underneath

    def _already(self, contest: Contest) -> Text:
        kind, rebuttal_id = contest
        text = Text("You contested this verdict already: ", style="bold")
        rebuttal = next((r for r in self.result.argument.rebuttals if r.id == rebuttal_id), None)
        if kind == "credit":
            text.append("credit for ")
        else:
            text.append("no credit" + (" for " if rebuttal is not None else ""))
        if rebuttal is not None:  # (whole, as the choices below show it: it ends a sentence of its own)
            text.append(literal(f"“{prose(rebuttal.text)}”"))
        text.append(" " if rebuttal is not None and rebuttal.text.rstrip()[-1:] in ".!?" else ". ")
        text.append("Choosing again replaces it; Esc keeps it.", style="italic")
        return text

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.choices:
            options.highlighted = self.choices.index(self.current)
        options.focus()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The list of choices takes the room the box has left (it scrolls within it): as tall as it needs, but never
        taller, or the box would cut off its last choices where no key scrolls to them."""
        box = self.query_one("#contest-box")
        options = self.query_one(OptionList)
        above = sum(child.outer_size.height for child in box.children if child is not options)
        space = box.container_size  # (the screen less its footer: what the box's max-height is a share of)
        room = box.styles.max_height.resolve(space, self.size) if box.styles.max_height else space.height
        options.styles.max_height = max(3, int(room) - box.styles.gutter.height - above)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])

    def action_choose(self) -> None:
        """Send the highlighted choice (Enter; a click on a choice sends it too)."""
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(self.choices[options.highlighted])

    def action_cancel(self) -> None:
        """Send nothing."""
        self.dismiss(None)
