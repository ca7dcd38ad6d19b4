"""The marking screen: the teacher rules on contested answers (and, if asked, near misses and low-margin hits).

Accept makes the answer a ``match`` example of the chosen rebuttal, reject a ``no_match`` example. Before anything
is written the edit is checked on a temporary copy and a preview shows the lines added, the check and the other
verdicts the example moved; the teacher confirms. The ruling also goes into the results folder's overrides file.
A bundled motion's file is never edited: the teacher is told how to make an own copy, and may save the ruling alone.
Every problem (motion changed, file read-only, file changed by an editor meanwhile) is one line on the status bar.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Static

from debate.bank import AnswerMove, BankEdit, BankError, BundledMotionError, answers_moved, plan_example, save_edit
from debate.errors import DebateError
from debate.marking import Item, add_ruling, classmates_answers, make_ruling, queue, read_overrides
from debate.model import Motion
from debate.results import Loaded, read_results, results_files
from debate.tui.widgets.text import one_line

MARKS = {"hit": ("✓", "green"), "near": ("~", "yellow"), "miss": ("✗", "red")}


def answer_text(item_round: Mapping[str, object], motion: Motion | None, chosen: str | None = None) -> Text:
    """A round's claim, answer and verdicts per rebuttal (and contest), as plain text (never markup)."""
    text = Text()
    text.append("Claim: ", style="bold")
    text.append(one_line(str(item_round.get("claim") or "")) + "\n\n")
    text.append("Answer: ", style="bold")
    text.append(one_line(str(item_round.get("answer") or "")) or "(no answer)")
    text.append("\n\nVerdicts per rebuttal:\n", style="bold")
    texts: dict[str, str] = {}
    if motion is not None:
        with contextlib.suppress(KeyError):
            texts = {r.id: r.text for r in motion.argument(str(item_round.get("argument")))[1].rebuttals}
    verdicts = item_round.get("verdicts")
    for v in verdicts if isinstance(verdicts, list) else []:
        mark, style = MARKS.get(v["verdict"], ("?", ""))
        text.append(f"{'▶' if v['rebuttal'] == chosen else ' '} {mark} ", style=style)
        text.append(f"{v['score']:.2f} {v['rebuttal']}", style="bold" if v["rebuttal"] == chosen else "")
        if v["rebuttal"] in texts:
            text.append(f"  {one_line(texts[v['rebuttal']], 90)}", style="dim")
        text.append("\n")
    override = item_round.get("override")
    if isinstance(override, dict):
        was = override.get("was") or {}
        text.append("\nTeacher's ruling: ", style="bold")
        text.append(
            f"{override.get('ruling')}ed for {one_line(str(override.get('rebuttal')), 60)} "
            f"(the judge said {was.get('outcome')}, {was.get('points')} points; now {item_round.get('outcome')}, "
            f"{item_round.get('points')} points)\n"
        )
    contest = item_round.get("contest")
    if isinstance(contest, dict):
        text.append("\nContest: ", style="bold")
        if contest.get("kind") == "credit":
            text.append(f"the student says this deserves credit for {contest.get('rebuttal')}")
        else:
            text.append(f"the student says this should not have counted ({contest.get('rebuttal') or 'any'})")
    return text


class DecisionScreen(ModalScreen[bool]):
    """A question over the marking screen, in a box, with its own keys in its own footer (not the marking screen's
    underneath): y says yes, n or escape cancels. Subclasses give the text (and may name y's key otherwise)."""

    DEFAULT_CSS = """
    DecisionScreen { align: center middle; }
    DecisionScreen > VerticalScroll { width: 96; max-width: 100%; height: auto; max-height: 90%;
                                      border: thick $warning; background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Save", id="decision.yes"),
        Binding("n,escape", "answer(False)", "Cancel", id="decision.no"),
    ]
    NAME = "decision"
    """The box is ``#NAME-box`` and its text ``#NAME-text``."""

    def text(self) -> Text:
        """What the question says."""
        raise NotImplementedError

    def possible(self) -> bool:
        """Whether yes can be said (else y cancels too)."""
        return True

    def compose(self) -> ComposeResult:
        with VerticalScroll(id=f"{self.NAME}-box"):
            yield Static(self.text(), id=f"{self.NAME}-text")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        """Yes (when possible) or cancel."""
        self.dismiss(yes and self.possible())


class PreviewScreen(DecisionScreen):
    """What writing the example would do; y saves, n or escape cancels."""

    NAME = "preview"

    def __init__(self, edit: BankEdit, moved: Sequence[AnswerMove] = ()) -> None:
        super().__init__()
        self.edit = edit
        self.moved = list(moved)
        """The class's answers (in the results folder) whose verdict the example changes."""

    def possible(self) -> bool:
        """Only a file that passes the check is saved."""
        return self.edit.report.ok()

    def text(self) -> Text:
        edit = self.edit
        text = Text()
        text.append(f"{edit.path.name}: add a {edit.label} example to {edit.argument}/{edit.rebuttal}\n", "bold")
        for line in edit.added_lines:
            text.append(f"+ {one_line(line)}\n", style="green")
        if edit.report.ok():
            text.append(f"check: ok ({edit.report.examples} examples)\n")
            shown = [(w, "brought by this example") for w in edit.new_warnings]
            shown += [(w, "there before this example") for w in edit.old_warnings]
            for warning, why in shown[:3]:
                text.append(f"check warning (fails --strict), {why}: {one_line(warning)}\n", style="yellow")
        else:
            for error in edit.report.errors[:5]:
                text.append(f"check: {one_line(error)}\n", style="red")
        if edit.moved:
            text.append(f"This example moves {len(edit.moved)} other examples' verdicts:\n", style="bold")
            for c in edit.moved[:8]:
                text.append(f"  {c.rebuttal} {c.label} {c.old_verdict} → {c.new_verdict}: {one_line(c.text, 60)}\n")
        elif edit.new_warnings and edit.report.ok():
            text.append("No other example's verdict moves; see the check warnings it brings, above.\n")
        else:
            text.append("No other example's verdict moves.\n")
        if self.moved:
            text.append(f"It moves {len(self.moved)} of the class's answers (in `debate report --rescore`):\n", "bold")
            for move in self.moved[:8]:
                text.append(f"  {one_line(move.student, 30)} {move.old} → {move.new}: {one_line(move.answer, 60)}\n")
        else:
            text.append("No other answer of the class changes verdict.\n")
        text.append("y: save it   n: cancel" if edit.report.ok() else "The check fails: n to cancel", style="bold")
        return text


class RulingOnlyScreen(DecisionScreen):
    """The motion's file cannot take the example (a bundled motion): y saves the ruling alone, n or escape cancels."""

    NAME = "ruling"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("y", "answer(True)", "Save the ruling", id="ruling.yes")]

    def __init__(self, ruling: str, rebuttal: str, why: str) -> None:
        super().__init__()
        self.ruling = ruling
        self.rebuttal = rebuttal
        self.why = why

    def text(self) -> Text:
        text = Text()
        rebuttal = one_line(self.rebuttal, 60)
        text.append(f"{self.ruling.capitalize()} for {rebuttal}: the ruling only, no bank example\n", "bold")
        text.append(f"{one_line(self.why)}\n", style="yellow")
        text.append("The ruling is saved in the results folder's overrides.json and counts in `debate report`.\n")
        text.append("y: save the ruling   n: cancel", style="bold")
        return text


class MarkScreen(Screen[None]):
    """The queue on the left, the selected answer on the right; a ruling writes the bank and the overrides."""

    DEFAULT_CSS = """
    #mark-body { height: 1fr; }
    #mark-queue { width: 52%; height: 100%; }
    #mark-detail { width: 1fr; height: 100%; padding: 0 1; border-left: solid $primary; }
    #mark-status { height: auto; max-height: 3; background: $boost; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "rule('accept')", "Accept", id="mark.accept"),
        Binding("r", "rule('reject')", "Reject", id="mark.reject"),
        Binding("s", "skip", "Skip", id="mark.skip"),
        Binding("b", "next_rebuttal", "Rebuttal", id="mark.rebuttal", tooltip="Rule on another rebuttal"),
        Binding("f5", "reload", "Reload", id="mark.reload"),
        Binding("escape", "close", "Back", id="mark.back"),
    ]

    def __init__(
        self, motions: Mapping[str, Motion], results_dir: Path, *, near: bool = False, low_margin: bool = False
    ) -> None:
        super().__init__()
        self.motions = dict(motions)
        self.results_dir = results_dir
        self.near = near
        self.low_margin = low_margin
        self.items: list[Item] = []
        self.loaded: list[Loaded] = []
        """Every results file of the folder: the class's answers a ruling may move."""
        self.chosen: dict[int, str | None] = {}
        """Row -> the rebuttal the next ruling is about."""
        self.skipped: set[int] = set()
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="mark-body"):
            yield DataTable(id="mark-queue", cursor_type="row", zebra_stripes=True)
            with Vertical(id="mark-detail"):
                yield Static(id="mark-answer")
        yield Static(id="mark-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "debate mark"
        self.sub_title = str(self.results_dir)
        table = self.query_one(DataTable)
        table.add_columns("student", "argument", "why", "ruling")
        self.action_reload()

    # ---- loading

    @work(thread=True, exclusive=True, group="mark-load")
    def action_reload(self) -> None:
        """Read the results folder and the overrides off the UI thread."""
        try:
            loaded, _ = read_results(results_files([self.results_dir]))
            rulings = read_overrides(self.results_dir)
            items = queue(loaded, self.motions, near=self.near, low_margin=self.low_margin, rulings=rulings)
        except DebateError as exc:
            self.app.call_from_thread(self.say, str(exc))
            return
        self.loaded = list(loaded)
        self.app.call_from_thread(self.show_items, items)

    def show_items(self, items: list[Item]) -> None:
        """Fill the queue."""
        self.items = items
        self.chosen = {i: item.rebuttal for i, item in enumerate(items)}
        self.skipped = set()
        table = self.query_one(DataTable)
        table.clear()
        for i in range(len(items)):
            table.add_row(*self._row(i), key=str(i))
        if items:
            self.show_item(0)
            self.say(
                f"{len(items)} answer{'s' * (len(items) != 1)} to rule on. "
                "a: accept  r: reject  s: skip  b: another rebuttal"
            )
        else:
            self.query_one("#mark-answer", Static).update(Text("Nothing to rule on."))
            self.say("No contested answers in this folder" + (" (nor near misses)" if self.near else "") + ".")
        table.focus()

    def _row(self, i: int) -> list[Text]:
        item = self.items[i]
        status = item.ruled or ("skipped" if i in self.skipped else "")
        if item.problem:
            status = "motion not found" if item.problem.startswith("motion ") else "motion changed"
        return [
            Text(one_line(item.student, 14)),
            Text(one_line(item.round["argument"], 18)),
            Text(item.reason),
            Text(status, style="green" if item.ruled == "accept" else "red" if item.ruled else "dim"),
        ]

    def _refresh_row(self, i: int) -> None:
        table = self.query_one(DataTable)
        for column, value in zip(table.columns, self._row(i), strict=True):
            table.update_cell(str(i), column, value)

    @property
    def current(self) -> int | None:
        """The selected row."""
        table = self.query_one(DataTable)
        return table.cursor_row if self.items and 0 <= table.cursor_row < len(self.items) else None

    def show_item(self, i: int) -> None:
        """Show one answer's claim, answer and verdicts."""
        item = self.items[i]
        text = Text()
        text.append(f"{one_line(item.student)} · {item.motion_id} · {item.reason}\n\n", style="bold")
        text.append_text(answer_text(item.round, self.motions.get(item.motion_id), self.chosen.get(i)))
        if item.problem:
            text.append(f"\n\n{item.problem}: it cannot be ruled on.", style="red")
        elif item.ruled:
            text.append(f"\n\nAlready ruled: {item.ruled}.", style="italic")
        self.query_one("#mark-answer", Static).update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.items):
            self.show_item(event.cursor_row)

    def say(self, line: str) -> None:
        """One message on the status bar (a long one wraps, up to three lines)."""
        self.query_one("#mark-status", Static).update(Text(one_line(line)))

    # ---- rulings

    def action_next_rebuttal(self) -> None:
        """Rule on the next rebuttal of the argument instead."""
        i = self.current
        if i is None:
            return
        ids = [v["rebuttal"] for v in self.items[i].round["verdicts"]]
        if not ids:
            return
        now = self.chosen.get(i)
        self.chosen[i] = ids[(ids.index(now) + 1) % len(ids)] if now in ids else ids[0]
        self.show_item(i)

    def action_skip(self) -> None:
        """Leave this answer for later."""
        i = self.current
        if i is None:
            return
        self.skipped.add(i)
        self._refresh_row(i)
        self._advance(i)

    def _advance(self, i: int) -> None:
        table = self.query_one(DataTable)
        if i + 1 < len(self.items):
            table.move_cursor(row=i + 1)

    def action_rule(self, ruling: str) -> None:
        """Accept (a match example) or reject (a no_match example): plan, preview, then save on y."""
        i = self.current
        if i is None or self.busy:
            return
        item = self.items[i]
        rebuttal = self.chosen.get(i)
        problem = item.problem
        motion = self.motions.get(item.motion_id)
        if not problem and (motion is None or rebuttal is None):
            problem = "no rebuttal to rule on"
        if problem or motion is None or rebuttal is None:
            self.say(f"{item.student}: {problem}; nothing written")
            return
        self.busy = True
        self.say("Checking the bank with the new example…")
        self._plan(i, motion, rebuttal, ruling)

    @work(thread=True, exclusive=True, group="mark-plan")
    def _plan(self, i: int, motion: Motion, rebuttal: str, ruling: str) -> None:
        item = self.items[i]
        label = "match" if ruling == "accept" else "no_match"
        try:
            edit = plan_example(motion, item.round["argument"], rebuttal, item.round["answer"], label)
        except BundledMotionError as exc:
            self.app.call_from_thread(self._ruling_only, i, rebuttal, ruling, str(exc))
            return
        except DebateError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        moved = answers_moved(edit, classmates_answers(self.loaded, item))
        self.app.call_from_thread(self._preview, i, edit, ruling, moved)

    def _failed(self, line: str) -> None:
        self.busy = False
        self.say(line)

    def _preview(self, i: int, edit: BankEdit, ruling: str, moved: Sequence[AnswerMove] = ()) -> None:
        self.say("y: save the example and the ruling   n: cancel")

        def answered(yes: bool | None) -> None:
            self.busy = False
            if yes:
                self._save(i, edit, ruling)
            else:
                self.say("Cancelled; nothing written.")

        self.app.push_screen(PreviewScreen(edit, moved), answered)

    def _ruling_only(self, i: int, rebuttal: str, ruling: str, why: str) -> None:
        """The example cannot be written (a bundled motion): offer to save the ruling alone."""
        self.say("y: save the ruling only (no example: the motion is bundled)   n: cancel")

        def answered(yes: bool | None) -> None:
            self.busy = False
            if not yes:
                self.say("Cancelled; nothing written.")
            elif self._save_ruling(i, rebuttal, ruling, "the ruling was not saved"):
                motion = self.items[i].motion_id
                self.say(f"{ruling}ed: ruling saved (it counts in the report); no example: {motion} is bundled.")
                self._advance(i)

        self.app.push_screen(RulingOnlyScreen(ruling, rebuttal, why), answered)

    def _save(self, i: int, edit: BankEdit, ruling: str) -> None:
        try:
            save_edit(edit)
        except BankError as exc:
            self.say(str(exc))
            return
        if self._save_ruling(i, edit.rebuttal, ruling, "the example was saved, but the ruling was not"):
            self.say(f"{ruling}ed: {edit.path.name} has a new {edit.label} example of {edit.rebuttal}; ruling saved.")
            self._advance(i)

    def _save_ruling(self, i: int, rebuttal: str, ruling: str, failed: str) -> bool:
        """Keep the ruling in the overrides file and show it on the row; whether it was saved."""
        item = self.items[i]
        try:
            add_ruling(self.results_dir, make_ruling(item, rebuttal, ruling))
        except DebateError as exc:
            self.say(f"{failed}: {exc}")
            return False
        item.ruled = ruling
        self._refresh_row(i)
        self.show_item(i)
        return True

    def action_close(self) -> None:
        """Back to the class view (or quit when marking is the only screen)."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
