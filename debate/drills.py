"""Drills over the whole history: review due, weak spots, rapid fire, and case building.

Each drill turns into one or more :class:`~debate.session.PracticeSession` plans (a motion, the side the user
takes, and the arguments to answer), so the same screens and scoring serve every mode. Case building is the
other way round: the user lists their own side's arguments and each line is matched against that side's claims.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from debate.model import Argument, Motion, Side, other_side

if TYPE_CHECKING:
    from debate.history import HistoryStore, Mastery
    from debate.judge import Verdict

WEAK_COUNT = 3
"""How many weak arguments the home screen lists and the weak-spots drill takes (the same ones)."""
RAPID_FIRE_COUNT = 5
"""Arguments in a rapid-fire drill."""
RAPID_FIRE_SECONDS = 30.0
"""Seconds per argument in rapid fire."""
REVIEW_DUE = "Review due"
WEAK_SPOTS = "Weak spots"
RAPID_FIRE = "Rapid fire"
"""What the drills are called: in the round, on the summary, in the history (a session's label)."""


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


def _argument(by_id: dict[str, Motion], motion_id: str, argument_id: str, side: Side) -> Argument | None:
    """The argument ``argument_id`` that ``side`` makes on motion ``motion_id``, or None if the library has none."""
    motion = by_id.get(motion_id)
    if motion is None:
        return None
    return next((a for a in motion.arguments(side) if a.id == argument_id), None)


def _plans(
    motions: Sequence[Motion],
    items: Iterable[tuple[str, str, Side]],
    time_limit: float | None = None,
    *,
    in_order: bool = False,
) -> list[DrillPlan]:
    """Group (motion id, argument id, argument's side) items into plans; unknown ones drop out.

    By default every item of one motion and side joins that motion's first plan (one session per motion and side);
    ``in_order`` only groups items next to each other, so the arguments come up exactly in the order given.
    """
    by_id = {m.id: m for m in motions}
    grouped: list[tuple[str, Side, list[Argument]]] = []
    for motion_id, argument_id, arg_side in items:
        argument = _argument(by_id, motion_id, argument_id, arg_side)
        if argument is None:
            continue
        joinable = grouped[-1:] if in_order else grouped
        group = next((g for g in joinable if g[0] == motion_id and g[1] == arg_side), None)
        if group is None:
            grouped.append((motion_id, arg_side, [argument]))
        else:
            group[2].append(argument)
    return [
        DrillPlan(by_id[motion_id], other_side(arg_side), tuple(arguments), time_limit)
        for motion_id, arg_side, arguments in grouped
    ]


def review_due(
    store: HistoryStore, motions: Sequence[Motion], now: datetime | None = None, limit: int = 20
) -> list[DrillPlan]:
    """The arguments due for review at ``now`` (default: the store's clock), across all motions, most urgent first."""
    due = store.due_reviews(now, limit=limit)
    return _plans(motions, ((d.motion_id, d.argument_id, d.side) for d in due))


def weak_arguments(store: HistoryStore, motions: Sequence[Motion], n: int = WEAK_COUNT) -> list[Mastery]:
    """The ``n`` weakest arguments there are in ``motions``: the store's weak spots
    (:meth:`~debate.history.HistoryStore.weak_spots`: mastery under one half, weakest first) whose argument the
    library still has. What the home screen lists and what :func:`weak_spots` drills, in the same order."""
    by_id = {m.id: m for m in motions}
    found = (s for s in store.weak_spots() if _argument(by_id, s.motion_id, s.argument_id, s.side) is not None)
    return list(itertools.islice(found, max(0, n)))


def weak_spots(store: HistoryStore, motions: Sequence[Motion], n: int = WEAK_COUNT) -> list[DrillPlan]:
    """Drill the weak arguments (:func:`weak_arguments`), weakest first: a motion's arguments share a session only
    where they come one after another in that order."""
    spots = weak_arguments(store, motions, n)
    return _plans(motions, ((s.motion_id, s.argument_id, s.side) for s in spots), in_order=True)


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
