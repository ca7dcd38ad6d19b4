"""Feedback on one answer: every line of attack in the bank (hit, near miss, missed), the answer with the words
that carried the match highlighted, the model rebuttals and why they work, structure tips and the points.

:class:`FeedbackView` lives inside the round screen and is filled in place (a fixed set of widgets whose content
is updated), so feedback appears well within 100 ms of submitting: no screen is built on submit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from debate.scoring import ANSWER_REASONS, MAX_POINTS, POINT_REASONS, UNMENDABLE_REASONS
from debate.session import PracticeSession, RoundResult, format_seconds
from debate.tui.copy import TYPE_WHY
from debate.tui.widgets.panel import panel
from debate.tui.widgets.text import STYLES, VERDICT_MARKS, clean, highlight_answer, literal, prose, side_label

if TYPE_CHECKING:
    from debate.judge import Verdict

HEADLINES = {
    "hit": "Hit",
    "near": "Near miss",
    "miss": "Missed",
    "skipped": "Skipped",
    "timeout": "Time is up",
}
"""The headline word for each outcome."""


def headline(result: RoundResult) -> Text:
    """The top line: outcome, points, lines of attack made, time."""
    outcome = result.outcome
    style = {"hit": STYLES["verdict-hit"], "near": STYLES["verdict-near"]}.get(outcome, STYLES["verdict-miss"])
    text = Text()
    text.append(HEADLINES[outcome], style=style)
    if result.timed_out and outcome != "timeout":
        text.append(" (time ran out; your text was submitted)", style="italic")
    made = len(result.hits)
    text.append(f" · {result.points}/{MAX_POINTS} points · {made} of {len(result.verdicts)} lines of attack made")
    text.append(f" · {format_seconds(result.seconds)}", style="dim")
    problem = answer_problem(result)
    if problem:
        text.append("\n" + problem, style=STYLES["verdict-miss"] + " italic")
    return text


OFF_TOPIC = "Nothing in this answer touches a line of attack on this claim: answer what the claim says."
"""The headline's note for an answer that shares no word with any rebuttal (off topic, or about another claim)."""


def answer_problem(result: RoundResult) -> str:
    """What the judge found wrong with the answer as a whole (it sides with the claim, is a list, touches no line of
    attack...), or ''."""
    for verdict in result.verdicts:
        if verdict.reason in ANSWER_REASONS and verdict.why:
            return verdict.why
    if result.answer.strip() and all(v.verdict == "miss" and not v.matched for v in result.verdicts):
        return OFF_TOPIC
    return ""


def verdict_head(result: RoundResult, verdict: Verdict) -> Text:
    """One rebuttal's first line (after its mark): verdict, score, type and strength, id."""
    rebuttal = result.rebuttal(verdict.candidate_id)
    label, style = VERDICT_MARKS[verdict.verdict]
    text = Text()
    text.append(label[2:], style=STYLES[style])
    text.append(f" {verdict.score:.2f}  ", style="dim")
    text.append(clean(f"{rebuttal.type} · strength {rebuttal.strength}"), style="bold")
    text.append(f"  ({clean(rebuttal.id)})", style="dim")
    return text


def verdict_body(result: RoundResult, verdict: Verdict) -> Text:
    """One rebuttal's details: the model text, the words that carried it or are missing, why it works."""
    rebuttal = result.rebuttal(verdict.candidate_id)
    text = Text(prose(rebuttal.text))
    if verdict.matched:
        label = "carried by" if verdict.verdict == "hit" else "you touched on"
        text.append(f"\n{label}: ", style="italic")
        text.append(clean(", ".join(verdict.matched)))
    if verdict.verdict != "hit" and verdict.missing and verdict.reason not in UNMENDABLE_REASONS:
        text.append("\nmissing: ", style="italic")
        text.append(clean(", ".join(verdict.missing)))
    if verdict.reason in POINT_REASONS and verdict.why:
        text.append("\njudged: ", style="italic")
        text.append(clean(verdict.why))
    text.append("\nwhy it works: ", style="italic")
    text.append(clean(TYPE_WHY.get(rebuttal.type, rebuttal.type)))
    return text


def verdict_table(result: RoundResult) -> Table:
    """Every rebuttal in the bank, best first: a mark, then its head line with the details hanging under it."""
    grid = Table.grid(expand=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1)
    for n, verdict in enumerate(result.verdicts):
        if n:
            grid.add_row("", "")
        label, style = VERDICT_MARKS[verdict.verdict]
        body = verdict_head(result, verdict)
        body.append("\n")
        body.append_text(verdict_body(result, verdict))
        grid.add_row(Text(label[0], style=STYLES[style]), body)
    return grid


class FeedbackView(VerticalScroll):
    """The feedback pane of the round screen; :meth:`show` fills it with one result."""

    def compose(self) -> ComposeResult:
        yield Static(id="fb-headline", markup=False)
        yield Static(id="fb-claim", markup=False)
        yield panel("fb-answer", "Your answer")
        yield panel("fb-verdicts", "Lines of attack")
        yield panel("fb-tips", "Build it better")
        yield panel("fb-points", "Points")
        yield panel("fb-why", "Why the claim mattered")

    def show(self, session: PracticeSession, result: RoundResult) -> None:
        """Fill the pane with ``result`` and scroll to its top."""
        self.query_one("#fb-headline", Static).update(headline(result))
        claim = Text()
        claim.append(f"Argument {result.index + 1} of {session.total} · {side_label(session.opponent)}: ", "dim")
        claim.append(prose(result.argument.claim), style="bold")
        self.query_one("#fb-claim", Static).update(claim)
        answer = self.query_one("#fb-answer", Static)
        answer.update(highlight_answer(result.answer, result.verdicts))
        answer.border_subtitle = "long answer: only the start was matched" if result.truncated else ""
        self.query_one("#fb-verdicts", Static).update(verdict_table(result))
        tips = self.query_one("#fb-tips", Static)
        tips.update(literal("\n".join(f"• {tip.text}" for tip in result.tips)))
        tips.display = bool(result.tips)
        *steps, total = result.breakdown()
        points = literal(f"{' · '.join(steps)}  {total}")
        for hint in result.hints:
            points.append(clean(f"\nHint {hint.level} · {hint.label} (-{hint.cost}): "), style="dim bold")
            points.append(prose(hint.text), style="dim")
        if result.assisted and result.studied:
            points.append(
                "\nJust studied, with the model rebuttals on screen: not counted as mastered, so it comes back soon.",
                style="italic",
            )
        elif result.assisted:
            points.append("\nHelped by a hint: not counted as mastered, so it comes back soon.", style="italic")
        self.query_one("#fb-points", Static).update(points)
        self.query_one("#fb-why", Static).update(Text(prose(result.argument.explanation)))
        self.scroll_home(animate=False)
