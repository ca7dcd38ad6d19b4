"""Drills over the whole history: review due, weak spots, rapid fire, and case building.

Each drill turns into one or more :class:`~debate.session.PracticeSession` plans (a motion, the side the user
takes, and the arguments to answer), so the same screens and scoring serve every mode. Case building is the
other way round: the user lists their own side's arguments and each line is matched against that side's claims.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from debate.model import Argument, Motion, Side, other_side

if TYPE_CHECKING:
    from debate.history import HistoryStore
    from debate.judge import Verdict

RAPID_FIRE_COUNT = 5
"""Arguments in a rapid-fire drill."""
RAPID_FIRE_SECONDS = 30.0
"""Seconds per argument in rapid fire."""


@dataclass(frozen=True)
class DrillPlan:
    """One motion's share of a drill: the user takes ``side`` and answers ``arguments`` (the other side's)."""

    motion: Motion
    """The motion."""
    side: Side
    """The side the user takes."""
    arguments: tuple[Argument, ...]
    """The arguments to answer, in order."""
    time_limit: float | None = None
    """Seconds per argument, if the drill is timed."""


def _plans(
    motions: Sequence[Motion], items: Iterable[tuple[str, str, Side]], time_limit: float | None = None
) -> list[DrillPlan]:
    """Group (motion id, argument id, argument's side) items into plans, keeping their order; unknown ones drop out."""
    by_id = {m.id: m for m in motions}
    grouped: dict[tuple[str, Side], list[Argument]] = {}
    for motion_id, argument_id, arg_side in items:
        motion = by_id.get(motion_id)
        if motion is None:
            continue
        argument = next((a for a in motion.arguments(arg_side) if a.id == argument_id), None)
        if argument is None:
            continue
        grouped.setdefault((motion_id, arg_side), []).append(argument)
    return [
        DrillPlan(by_id[motion_id], other_side(arg_side), tuple(arguments), time_limit)
        for (motion_id, arg_side), arguments in grouped.items()
    ]


def review_due(
    store: HistoryStore, motions: Sequence[Motion], now: datetime | None = None, limit: int = 20
) -> list[DrillPlan]:
    """The arguments due for review at ``now`` (default: the store's clock), across all motions, most urgent first."""
    due = store.due_reviews(now, limit=limit)
    return _plans(motions, ((d.motion_id, d.argument_id, d.side) for d in due))


def weak_spots(store: HistoryStore, motions: Sequence[Motion], n: int = 5) -> list[DrillPlan]:
    """The arguments with the lowest recent scores."""
    spots = store.weak_spots(n=n)
    return _plans(motions, ((s.motion_id, s.argument_id, s.side) for s in spots))


def rapid_fire(
    motion: Motion,
    side: Side,
    count: int = RAPID_FIRE_COUNT,
    seconds: float = RAPID_FIRE_SECONDS,
    rng: random.Random | None = None,
) -> DrillPlan:
    """``count`` of the other side's arguments in random order, each against a short timer."""
    pool = list(motion.arguments(other_side(side)))
    (rng or random.Random()).shuffle(pool)
    return DrillPlan(motion, side, tuple(pool[:count]), seconds)


@dataclass(frozen=True)
class CaseCoverage:
    """How well a listed case covers one of the side's own arguments."""

    argument: Argument
    """One of the side's arguments."""
    verdict: Verdict
    """The best match among the user's lines."""
    line: str
    """The line that matched best ('' when nothing did)."""

    @property
    def covered(self) -> bool:
        """Whether some line made this argument (a hit)."""
        return self.verdict.verdict == "hit"


def case_building(motion: Motion, side: Side, text: str) -> list[CaseCoverage]:
    """Match each line of ``text`` against ``side``'s own claims; one coverage entry per argument, in order.

    A claim's candidate is its text, with its explanation and (when the motion gives one) its origin in the source as
    phrasings: a line can make the argument in the words of any of them. The judge's whole-answer guards are off (a
    case is a list of notes), but a line that says the claim the other way round does not cover it.
    """
    from debate.judge import Candidate, Judge

    judge = Judge.for_motion(motion)
    lines = [line.strip(" -*•\t") for line in text.splitlines()]
    lines = [line for line in lines if line]
    out: list[CaseCoverage] = []
    for argument in motion.arguments(side):
        wordings = tuple(t for t in (argument.explanation, argument.origin) if t.strip())
        candidate = Candidate(argument.id, argument.claim, phrasings=wordings)
        best_line, best = "", judge.score("", candidate, guards=False)
        for line in lines:
            verdict = judge.score(line, candidate, guards=False)
            if verdict.score > best.score:
                best_line, best = line, verdict
        out.append(CaseCoverage(argument, best, best_line))
    return out


def coverage_share(coverage: Sequence[CaseCoverage]) -> float:
    """The share of the side's arguments the case covered, 0..1."""
    return sum(c.covered for c in coverage) / len(coverage) if coverage else 0.0
