"""A practice session as a pure state machine: no Textual, no I/O, an injected clock.

The trainer's screens drive a :class:`PracticeSession`; what happens in a session (which arguments come up, hints
taken, skips, time-outs, the summary) lives here so that tests can play a whole session without a screen.

The rules themselves have their own homes: the hint ladder is :mod:`debate.hints`, the structure tips
:mod:`debate.tips`, and the points an answer earns :mod:`debate.scoring`.
"""

from __future__ import annotations

import random
import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from debate.model import Argument, Motion, Rebuttal, Side, other_side
from debate.scoring import HINT_COSTS, MAX_POINTS, points_breakdown, points_for, scoring_hit
from debate.text_safety import markdown_text, reflow

if TYPE_CHECKING:
    from debate.hints import Hint
    from debate.judge import Candidate, Judge, Verdict
    from debate.tips import Tip

# The hint ladder, the structure tips, the assist check and the results format are imported where a round or a
# summary needs them: the trainer's first frame has none, and they cost start-up time (regexes, a word list).

Mode = Literal["full", "quick", "timed", "drill"]
"""full: every argument; quick: three (due and weak first); timed: all against a countdown; drill: a given list."""
MODES: tuple[Mode, ...] = ("full", "quick", "timed", "drill")
MODE_LABELS: dict[Mode, str] = {
    "full": "Full round",
    "quick": "Quick 3",
    "timed": "Timed",
    "drill": "Drill",
}
"""How each mode is named on screen."""

Order = Literal["fixed", "random"]
"""fixed: the arguments in the motion's order; random: shuffled (seeded, so a seed replays the same order)."""
ORDERS: tuple[Order, ...] = ("fixed", "random")
QUICK_COUNT = 3
"""How many arguments a quick session has."""
DEFAULT_TIME_LIMIT = 90.0
"""Seconds per argument in timed mode when no limit is given."""
MATCH_LIMIT = 4000
"""Answers longer than this many characters are matched on their first MATCH_LIMIT characters only."""

Phase = Literal["answering", "feedback", "done"]
"""answering: an argument is up; feedback: its result is out; done: no argument is left."""


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RoundResult:
    """What happened on one argument."""

    index: int
    """Position of the argument in the session, from 0."""
    argument: Argument
    """The opponent's argument that was answered."""
    answer: str
    """What the user typed (in full, even when only a prefix was matched)."""
    verdicts: tuple[Verdict, ...]
    """One verdict per rebuttal in the bank, best first."""
    points: int
    """Points scored, after hint costs."""
    hints_used: int
    """How many hints were taken (0 to 3)."""
    seconds: float
    """Time spent on the argument."""
    tips: tuple[Tip, ...] = ()
    """Structure tips for the answer."""
    skipped: bool = False
    """The user skipped the argument."""
    timed_out: bool = False
    """Time ran out and what was typed was submitted."""
    truncated: bool = False
    """The answer was longer than :data:`MATCH_LIMIT` and only its start was matched."""
    hints: tuple[Hint, ...] = ()
    """The hints taken before answering, in order."""
    assisted: bool = False
    """The answer was helped (the third hint, a hint pasted back, or the model rebuttals seen in study mode just
    before: :mod:`debate.assist`); it is not mastery."""
    studied: bool = False
    """The argument was studied just before: its model rebuttals were on screen (:attr:`PracticeSession.studied`)."""

    @property
    def hits(self) -> tuple[Verdict, ...]:
        """The verdicts that are hits, best first."""
        return tuple(v for v in self.verdicts if v.verdict == "hit")

    @property
    def nears(self) -> tuple[Verdict, ...]:
        """The verdicts that are near misses, best first."""
        return tuple(v for v in self.verdicts if v.verdict == "near")

    @property
    def best(self) -> Verdict | None:
        """The best verdict, if the bank is not empty."""
        return self.verdicts[0] if self.verdicts else None

    @property
    def scoring_hit(self) -> Verdict | None:
        """The hit the points were counted from (:func:`debate.scoring.scoring_hit`): the strongest rebuttal hit,
        which need not be the best match; None without a hit."""
        return scoring_hit(self.verdicts, {r.id: r.strength for r in self.argument.rebuttals})

    @property
    def outcome(self) -> str:
        """One word for the table: hit, near, miss, skipped or timeout (a timed-out hit is still a hit)."""
        if self.skipped:
            return "skipped"
        if self.hits:
            return "hit"
        if self.nears:
            return "near"
        return "timeout" if self.timed_out else "miss"

    def breakdown(self) -> list[str]:
        """How the points were reached, one line per step."""
        if self.skipped:
            return ["skipped: 0"]
        return points_breakdown(self.verdicts, {r.id: r.strength for r in self.argument.rebuttals}, self.hints_used)

    def rebuttal(self, rebuttal_id: str) -> Rebuttal:
        """The argument's rebuttal with this id."""
        for rebuttal in self.argument.rebuttals:
            if rebuttal.id == rebuttal_id:
                return rebuttal
        raise KeyError(rebuttal_id)


@dataclass(frozen=True)
class ArgumentToReview:
    """An argument the summary sends the student back to, with the strongest rebuttal to learn."""

    argument: Argument
    """The opponent's argument."""
    rebuttal: Rebuttal
    """Its strongest rebuttal (:func:`debate.hints.best_rebuttal`)."""
    helped: bool = False
    """The answer was assisted (:mod:`debate.assist`): even a hit made so is not mastered, and comes back soon."""


@dataclass(frozen=True)
class Summary:
    """The end-of-session numbers."""

    motion: Motion
    """The motion practised."""
    side: Side
    """The side the user took."""
    mode: Mode
    """How the session was run."""
    results: tuple[RoundResult, ...]
    """One result per argument answered or skipped, in order."""
    total: int
    """Points scored."""
    max_total: int
    """Points available: every argument of the session, whether it was reached or not."""
    seconds: float
    """Time spent answering, all arguments together."""
    best_hits: tuple[tuple[RoundResult, Verdict], ...]
    """The best hits (up to three), best first: answers without a hint before those with one, then by points earned
    (the rebuttal's strength and the match's score break ties); an assisted answer is never one. Each answer comes
    with the hit its points were counted from (:attr:`RoundResult.scoring_hit`), not its best match."""
    to_review: tuple[ArgumentToReview, ...]
    """Arguments not mastered, in the session's order: those without a hit, and those answered with help (assisted,
    marked ``helped``: the feedback said they come back soon, hit or not), each with the strongest rebuttal."""
    unanswered: tuple[Argument, ...] = ()
    """Arguments the session did not reach (it was ended early)."""

    @property
    def shown_seconds(self) -> int:
        """The time answering as a total beside its rounds' times is shown: the sum of each round's time as shown,
        in whole seconds. (``seconds`` rounded differs: rounds of 3.6 s and 0.6 s show as 0:04 and 0:01, whose total
        is 0:05, not the 0:04 that 4.2 s rounds to.)"""
        return sum(whole_seconds(r.seconds) for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        from debate.results import round_fields

        return {
            "motion": self.motion.id,
            "title": self.motion.title,
            "side": self.side,
            "mode": self.mode,
            "total": self.total,
            "max_total": self.max_total,
            "seconds": round(self.seconds, 1),
            "rounds": [
                round_fields(r)
                | {"hints": [h.text for h in r.hints], "assisted": r.assisted, "tips": [t.code for t in r.tips]}
                for r in self.results
            ],
            "best_hits": [{"argument": r.argument.id, "rebuttal": v.candidate_id} for r, v in self.best_hits],
            "to_review": [
                {"argument": t.argument.id, "rebuttal": t.rebuttal.id, "text": t.rebuttal.text, "helped": t.helped}
                for t in self.to_review
            ],
            "unanswered": [a.id for a in self.unanswered],
        }

    def to_markdown(self) -> str:
        """The summary as a short Markdown report. Motion text is reflowed as the screens show it (a YAML block's
        line breaks are not the author's paragraphs): on one line in the table and the headings, and in a list item
        with each further paragraph indented under it, so a blank line in a rebuttal does not end its item."""
        lines = [
            f"# {_one_line(self.motion.title)}",
            "",
            f"Side: {self.side} · mode: {MODE_LABELS[self.mode]} · "
            f"score: {self.total}/{self.max_total} · time: {format_seconds(self.shown_seconds)}",
            "",
            "| # | Argument | Outcome | Points | Hints | Time |",
            "|---|----------|---------|--------|-------|------|",
        ]
        for r in self.results:
            claim = _one_line(r.argument.claim)
            lines.append(
                f"| {r.index + 1} | {claim} | {r.outcome} | {r.points} | {r.hints_used} | {format_seconds(r.seconds)} |"
            )
        if self.best_hits:
            lines += ["", "## Best hits", ""]
            lines += [
                f"- {_item(r.argument.claim)} — {_item(r.rebuttal(v.candidate_id).text)}" for r, v in self.best_hits
            ]
        if self.to_review:
            lines += ["", "## To review", ""]
            lines += [
                f"- {_item(t.argument.claim)}{' (helped)' if t.helped else ''}\n"
                f"  - Try: {_item(t.rebuttal.text, 4)} ({t.rebuttal.type})"
                for t in self.to_review
            ]
        if self.results:
            lines += ["", "## Your answers beside the model rebuttals"]
            for r in self.results:
                lines += ["", f"### {r.index + 1}. {_one_line(r.argument.claim)}", ""]
                written = r.answer.strip()
                quoted = [f"> {markdown_text(line)}" if line else ">" for line in written.splitlines()]
                # each line of the answer its own line: a backslash at a line's end is a hard line break
                quoted = [q + "\\" if q != ">" and i + 1 < len(quoted) and quoted[i + 1] != ">" else q
                          for i, q in enumerate(quoted)]  # fmt: skip
                lines += quoted if written else ["> (skipped)"]
                if r.hints:
                    lines += [""] + [f"- Hint {h.level} ({h.label}, -{h.cost}): {_item(h.text)}" for h in r.hints]
                if r.assisted and r.studied:
                    lines.append(
                        "- Assisted: studied just before, with the model rebuttals on screen; not counted as mastered."
                    )
                elif r.assisted:
                    lines.append("- Assisted by a hint: not counted as mastered.")
                lines.append("")
                for v in r.verdicts:
                    rebuttal = r.rebuttal(v.candidate_id)
                    lines.append(f"- **{v.verdict}** {v.score:.2f} · {rebuttal.type}: {_item(rebuttal.text)}")
        return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """Motion text on one Markdown line (a table cell, a heading): every line break a space, markup escaped."""
    return markdown_text(" ".join(text.split()))


def _item(text: str, indent: int = 2) -> str:
    """Motion text inside a Markdown list item: reflowed, markup escaped, each further paragraph indented ``indent``
    spaces (the item's content column), so it stays in the item."""
    return re.sub(r"\n\s*\n", "\n\n" + " " * indent, markdown_text(reflow(text)))


def whole_seconds(seconds: float) -> int:
    """Seconds as the screens show them: to the nearest whole second, never below 0."""
    return max(0, round(seconds))


def format_seconds(seconds: float) -> str:
    """``75.2`` -> ``1:15``."""
    whole = whole_seconds(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


# --------------------------------------------------------------------------- the session


def select_arguments(
    motion: Motion,
    side: Side,
    mode: Mode,
    arguments: Sequence[Argument] | None = None,
    *,
    order: Order = "fixed",
    seed: int = 0,
    first: Sequence[str] = (),
) -> tuple[Argument, ...]:
    """The arguments a session puts to the user: the other side's, all of them, three of them, or a given list.

    ``order`` random shuffles the other side's arguments with ``random.Random(seed)`` (the same seed, the same
    order). The ids in ``first`` (due and weak arguments, say) then come to the front, in the order given, so a
    quick session of three takes them before any other.
    """
    if arguments is not None:
        return tuple(arguments)
    if mode == "drill":
        raise ValueError("a drill needs an explicit list of arguments")
    pool = list(motion.arguments(other_side(side)))
    if order == "random":
        random.Random(seed).shuffle(pool)
    rank = {argument_id: n for n, argument_id in enumerate(dict.fromkeys(first))}
    pool.sort(key=lambda a: rank.get(a.id, len(rank)))  # stable: the rest keep their order
    return tuple(pool[:QUICK_COUNT] if mode == "quick" else pool)


@dataclass
class PracticeSession:
    """One practice session over a motion: the user takes ``side`` and rebuts the other side's arguments."""

    motion: Motion
    """The motion being practised."""
    side: Side
    """The side the user takes."""
    mode: Mode = "full"
    """full, quick, timed or drill."""
    arguments: Sequence[Argument] | None = None
    """An explicit list of arguments (drills); None picks them from ``mode``."""
    time_limit: float | None = None
    """Seconds per argument; None means no countdown (timed mode defaults to :data:`DEFAULT_TIME_LIMIT`)."""
    clock: Callable[[], float] = time.monotonic
    """Where the time comes from (seconds, monotonic); tests pass a fake."""
    judge: Judge | None = None
    """The judge; None builds one for the motion on first use."""
    order: Order = "fixed"
    """The order the arguments come up in (the trainer's default is random; see :func:`select_arguments`)."""
    seed: int | None = None
    """The seed of a random order; None draws one (kept here, so the order can be replayed)."""
    first: Sequence[str] = ()
    """Argument ids to put first (due and weak arguments in a quick session)."""
    studied: frozenset[str] = frozenset()
    """Ids of arguments whose model rebuttals the student saw just before this session (study mode's "Test me"): an
    answer to one is assisted (:mod:`debate.assist`), however good."""
    label: str = ""
    """What the session is called when its mode does not say it all: the drill it belongs to ('Review due', 'Weak
    spots', 'Rapid fire'); '' when its mode names it. The history keeps it, so later screens name it the same."""

    id: str = field(init=False, compare=False, repr=False, default_factory=lambda: uuid.uuid4().hex)
    """This session's identity (a record keeps its rounds under it; ``id()`` of a finished session is reused)."""
    queue: tuple[Argument, ...] = field(init=False)
    """The arguments in the order they come up."""
    results: list[RoundResult] = field(init=False, default_factory=list)
    """Results so far, in order."""
    index: int = field(init=False, default=0)
    """Position of the current argument in ``queue``."""
    phase: Phase = field(init=False, default="answering")
    """Where the session is."""
    hints: list[Hint] = field(init=False, default_factory=list)
    """Hints taken on the current argument."""
    paused_at: float | None = field(init=False, default=None)
    """Clock reading when the argument's clock was paused; None while it runs."""
    last_hint_at: float | None = field(init=False, default=None)
    """Clock reading when the latest hint on the current argument was taken."""
    started_at: float = field(init=False, default=0.0)
    """Clock reading when the current argument came up."""
    ended_early: bool = field(init=False, default=False)
    """The user finished before the last argument."""
    _candidates: dict[str, list[Candidate]] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.seed is None:
            self.seed = random.SystemRandom().randrange(2**32)
        self.queue = select_arguments(
            self.motion, self.side, self.mode, self.arguments, order=self.order, seed=self.seed, first=self.first
        )
        if self.mode == "timed" and self.time_limit is None:
            self.time_limit = DEFAULT_TIME_LIMIT
        if self.time_limit is not None and self.time_limit <= 0:
            raise ValueError("the time limit must be positive")
        self.started_at = self.clock()
        if not self.queue:
            self.phase = "done"

    # ---- where we are

    @property
    def opponent(self) -> Side:
        """The side whose arguments the user rebuts."""
        return other_side(self.side)

    @property
    def total(self) -> int:
        """How many arguments the session has."""
        return len(self.queue)

    @property
    def current(self) -> Argument | None:
        """The argument being answered (or whose feedback is out); None when the session is done."""
        return self.queue[self.index] if self.index < len(self.queue) else None

    @property
    def is_last(self) -> bool:
        """The current argument is the last one."""
        return self.index >= len(self.queue) - 1

    @property
    def score(self) -> int:
        """Points so far."""
        return sum(r.points for r in self.results)

    def elapsed(self) -> float:
        """Seconds since the current argument came up, not counting time paused."""
        now = self.paused_at if self.paused_at is not None else self.clock()
        return max(0.0, now - self.started_at)

    def pause(self) -> None:
        """Stop the argument's clock (Help or the quit dialog is in front of the round); idempotent."""
        if self.paused_at is None:
            self.paused_at = self.clock()

    def resume(self) -> None:
        """Run the argument's clock again: the time paused does not count."""
        if self.paused_at is not None:
            self.started_at += self.clock() - self.paused_at
            self.paused_at = None

    def time_left(self) -> float | None:
        """Seconds left on the countdown, or None without one."""
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed())

    def expired(self) -> bool:
        """The countdown is running and has reached zero."""
        left = self.time_left()
        return left is not None and left <= 0 and self.phase == "answering"

    def restart_timer(self) -> None:
        """Start the current argument's clock again (e.g. when its screen is actually shown)."""
        self.started_at = self.clock()
        self.paused_at = None

    # ---- hints

    @property
    def hints_left(self) -> int:
        """How many hints are still available on this argument."""
        return len(HINT_COSTS) - len(self.hints)

    def next_hint_cost(self) -> int | None:
        """What the next hint would cost, or None when none is left."""
        return HINT_COSTS[len(self.hints)] if self.hints_left else None

    def hint_wait(self) -> float:
        """Seconds until the next hint may be taken (0 when it may): :data:`HINT_PAUSE` after the previous one."""
        from debate.hints import HINT_PAUSE

        if self.last_hint_at is None:
            return 0.0
        return max(0.0, HINT_PAUSE - (self.clock() - self.last_hint_at))

    def take_hint(self) -> Hint | None:
        """The next rung of the hint ladder (and its cost is charged), or None when all are taken."""
        from debate.hints import hint_for

        argument = self._require_answering()
        if not self.hints_left:
            return None
        hint = hint_for(argument, len(self.hints) + 1)
        self.hints.append(hint)
        self.last_hint_at = self.clock()
        return hint

    # ---- answering

    def _require_answering(self) -> Argument:
        argument = self.current
        if argument is None or self.phase != "answering":
            raise RuntimeError(f"no argument is waiting for an answer (phase: {self.phase})")
        return argument

    def _get_judge(self) -> Judge:
        if self.judge is None:
            from debate.judge import Judge

            self.judge = Judge.for_motion(self.motion)
        return self.judge

    def candidates(self, argument: Argument) -> list[Candidate]:
        """The judge's candidates for the argument's bank (built once)."""
        if argument.id not in self._candidates:
            from debate.judge import Candidate

            self._candidates[argument.id] = [Candidate.from_rebuttal(r) for r in argument.rebuttals]
        return self._candidates[argument.id]

    def prepare(self) -> None:
        """Build the judge and every candidate now, so the first submit is fast."""
        self._get_judge()
        for argument in self.queue:
            self.candidates(argument)

    def _finish(self, answer: str, *, skipped: bool = False, timed_out: bool = False) -> RoundResult:
        from debate.assist import is_assisted
        from debate.tips import structure_tips

        argument = self._require_answering()
        studied = argument.id in self.studied
        seconds = self.elapsed()
        if self.time_limit is not None:
            timed_out = timed_out or seconds >= self.time_limit
            seconds = min(seconds, self.time_limit)
        matched = answer[:MATCH_LIMIT]
        if skipped or not matched.strip():
            # nothing to match: every rebuttal is a miss with score 0
            verdicts = tuple(_empty_verdict(r.id) for r in argument.rebuttals)
        else:
            verdicts = tuple(self._get_judge().rank(matched, self.candidates(argument), argument.claim))
        strengths = {r.id: r.strength for r in argument.rebuttals}
        points = 0 if skipped else points_for(verdicts, strengths, len(self.hints))
        result = RoundResult(
            index=self.index,
            argument=argument,
            answer=answer,
            verdicts=verdicts,
            points=points,
            hints_used=len(self.hints),
            seconds=seconds,
            tips=() if skipped else structure_tips(matched),
            skipped=skipped,
            timed_out=timed_out and not skipped,
            truncated=len(answer) > MATCH_LIMIT,
            hints=tuple(self.hints),
            assisted=not skipped and is_assisted(answer, ((h.level, h.text) for h in self.hints), studied=studied),
            studied=studied,
        )
        self.results.append(result)
        self.phase = "feedback"
        return result

    def submit(self, answer: str) -> RoundResult:
        """Score the answer to the current argument. After the deadline it counts as a time-out."""
        return self._finish(answer)

    def time_out(self, answer: str) -> RoundResult:
        """Time is up: what was typed is submitted."""
        return self._finish(answer, timed_out=True)

    def skip(self) -> RoundResult:
        """Give up on the current argument: 0 points, the model rebuttals are shown."""
        return self._finish("", skipped=True)

    def advance(self) -> Argument | None:
        """Move from feedback to the next argument (its clock starts now); None when the session is done."""
        if self.phase != "feedback":
            raise RuntimeError(f"advance() needs a result first (phase: {self.phase})")
        self.index += 1
        self.hints = []
        self.last_hint_at = None
        if self.index >= len(self.queue):
            self.phase = "done"
            return None
        self.phase = "answering"
        self.started_at = self.clock()
        return self.current

    def finish(self) -> Summary:
        """End the session now (whatever is left stays unanswered) and return the summary."""
        if self.phase != "done":
            self.ended_early = self.index < len(self.queue) - (1 if self.phase == "feedback" else 0)
            self.phase = "done"
        return self.summary()

    @property
    def done(self) -> bool:
        """No argument is left."""
        return self.phase == "done"

    # ---- summary

    def summary(self) -> Summary:
        """The numbers so far: table, total, time, best hits, what to review."""
        from debate.hints import best_rebuttal

        results = tuple(self.results)
        answered = {r.index for r in results}
        # an answer built from the model rebuttal (assisted) is no best hit; one helped by a lesser hint comes after
        # every answer made alone, however its points compare; each names the hit its points came from
        best_hits = sorted(
            ((r, hit) for r in results if not r.assisted and (hit := r.scoring_hit) is not None),
            key=lambda pair: (
                pair[0].hints_used > 0,
                -pair[0].points,
                -pair[0].rebuttal(pair[1].candidate_id).strength,
                -pair[1].score,
                pair[0].index,
            ),
        )[:3]
        # an assisted hit is no mastery either: the feedback said it comes back soon, so it is listed, marked helped
        to_review = tuple(
            ArgumentToReview(r.argument, best_rebuttal(r.argument), helped=r.assisted)
            for r in results
            if (not r.hits or r.assisted) and r.argument.rebuttals
        )
        return Summary(
            motion=self.motion,
            side=self.side,
            mode=self.mode,
            results=results,
            total=sum(r.points for r in results),
            max_total=MAX_POINTS * len(self.queue),  # unreached arguments count: ending early never raises a score
            seconds=sum(r.seconds for r in results),
            best_hits=tuple(best_hits),
            to_review=to_review,
            unanswered=tuple(a for i, a in enumerate(self.queue) if i not in answered),
        )


def _empty_verdict(rebuttal_id: str) -> Verdict:
    """A miss with score 0, for skips and blank answers."""
    from debate.judge import Verdict

    return Verdict(candidate_id=rebuttal_id, score=0.0, verdict="miss", matched=(), missing=(), spans=())
