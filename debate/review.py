"""Spaced repetition over arguments: which (motion, argument, side) comes back when.

A Leitner scheme with fixed intervals, answered the way Anki's scheduler treats a card. Every argument the student
has rebutted sits in a box:

* a **miss** (best score below :data:`HIT`, 0.5: no rebuttal hit, including a skip) puts it back in box 0, due
  again after :data:`INTERVALS` [0] (10 minutes), and counts a lapse (Anki's "Again");
* an **assisted** answer (the student took the third hint, which shows the model rebuttal, or pasted a hint's words
  back; see :mod:`debate.assist`) is scheduled like a miss, without counting a lapse: the student saw the answer
  rather than recalled it, which is what Anki's manual asks you to grade "Again";
* a **hit** on an argument that is due moves it up one box (at most :data:`MAX_BOX`); a **strong** hit (score of
  :data:`STRONG` or more) on a new argument (its first answer) jumps straight to box 2, like Anki's "Easy" on a new
  card. Box 0 after a miss or an assisted answer is a relearning step, not a new card: any hit there, however
  strong, goes to box 1 (one day), so a lapse restarts low;
* a hit **before the argument is due** (the same argument answered again minutes later) does not move it: box and
  due time stay where they were, only the counters change. This is Anki's rule for reviewing ahead without
  rescheduling (a filtered deck with "Reschedule cards based on my answers" off): an answer given while the last
  one is still fresh in memory is no evidence of long-term recall. Box 0 is a learning step, and a learning step
  counts as due :data:`LEARN_AHEAD` (20 minutes, Anki's default "learn ahead limit") before its time, so a miss
  answered right again soon after graduates to box 1 (one day), as Anki's relearning step does.

So three hits on one argument within ten minutes put it one day (or, strong, three days) out, never 16.
Reference: the Anki manual, "Deck Options" (learning steps, graduating and easy intervals, learn ahead limit) and
"Filtered Decks" (rescheduling), https://docs.ankiweb.net/.

The box decides the interval, from 10 minutes (box 0) to 60 days (the last box); the next due time is the time of
the answer plus that interval.

**Who updates the state.** The state lives in the history database (table ``review``, created by migration 2 in
:mod:`debate.history.schema`), never in the motion files. :meth:`debate.history.HistoryStore.record_round` applies
:func:`next_state` in the same transaction as the round (so a crash never leaves the two out of step);
:meth:`~debate.history.HistoryStore.update_review` is for answers graded without being recorded as a round, and
:meth:`~debate.history.HistoryStore.due_reviews` and :meth:`~debate.history.HistoryStore.next_review` read the
schedule.

This module is pure: the rule and the state, no store, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from debate.model import Side
from debate.scoring import HIT as HIT

# A best score of at least HIT (debate.scoring, the judge's calibration) is a hit: below it the argument was missed.
STRONG = 0.8
"""A hit at least this strong on a new argument (its first answer) skips box 1."""
INTERVALS: tuple[timedelta, ...] = (
    timedelta(minutes=10),
    timedelta(days=1),
    timedelta(days=3),
    timedelta(days=7),
    timedelta(days=16),
    timedelta(days=35),
    timedelta(days=60),
)
"""How long an argument in box ``i`` waits before it is due again."""
LEARN_AHEAD = timedelta(minutes=20)
"""A box-0 argument counts as due this long before its due time (Anki's default learn ahead limit)."""
MAX_BOX = len(INTERVALS) - 1
"""The last box."""
MIN_INTERVAL = INTERVALS[0]
"""The shortest wait (a missed argument)."""
MAX_INTERVAL = INTERVALS[-1]
"""The longest wait (an argument in the last box)."""


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC (the default clock)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be local time (Python's convention)."""
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class ReviewState:
    """Where one argument stands in the schedule."""

    box: int
    """Leitner box, 0 (just missed) to :data:`MAX_BOX`."""
    due_at: datetime
    """When the argument is due again (UTC)."""
    last_score: float
    """The best score of the latest answer, 0..1."""
    last_at: datetime
    """When the latest answer was given (UTC)."""
    reviews: int
    """How many answers the state has seen."""
    lapses: int
    """How many of them were misses."""

    @property
    def interval(self) -> timedelta:
        """The wait the current box gives."""
        return INTERVALS[self.box]


@dataclass(frozen=True)
class ReviewItem:
    """An argument in the schedule, as :meth:`debate.history.HistoryStore.due_reviews` lists it."""

    motion_id: str
    """The motion the argument belongs to."""
    argument_id: str
    """The argument's id within its motion."""
    side: Side
    """The side that makes the argument (the one being rebutted)."""
    state: ReviewState
    """Its box, due time and counters."""

    @property
    def due_at(self) -> datetime:
        """When the argument is due (UTC)."""
        return self.state.due_at

    @property
    def box(self) -> int:
        """Its Leitner box."""
        return self.state.box

    def is_due(self, now: datetime) -> bool:
        """Whether the argument is due at ``now``."""
        return self.state.due_at <= as_utc(now)


def is_early(previous: ReviewState, at: datetime) -> bool:
    """Whether an answer at ``at`` comes before ``previous`` is due (box 0 counts :data:`LEARN_AHEAD` early)."""
    ahead = LEARN_AHEAD if previous.box == 0 else timedelta(0)
    return as_utc(at) < previous.due_at - ahead


def next_state(previous: ReviewState | None, score: float, at: datetime, *, assisted: bool = False) -> ReviewState:
    """The state after an answer with best score ``score`` (0..1) given at ``at``; ``previous`` None: first answer.

    ``assisted``: the answer was helped by a hint (see the module doc): it is scheduled like a miss, with no lapse.
    """
    if not 0.0 <= score <= 1.0:  # also rejects NaN
        raise ValueError(f"score must be within 0..1, not {score!r}")
    at = as_utc(at)
    box = previous.box if previous is not None else 0
    lapses = previous.lapses if previous is not None else 0
    due_at: datetime | None = None
    if score < HIT:
        box = 0
        lapses += 1
    elif assisted:
        box = 0
    elif previous is not None and is_early(previous, at):
        due_at = previous.due_at  # reviewed ahead: nothing moves
    elif previous is None and score >= STRONG:
        box = min(2, MAX_BOX)  # a new argument known at once; after a lapse, box 0 is relearning and goes to box 1
    else:
        box = min(box + 1, MAX_BOX)
    return ReviewState(
        box=box,
        due_at=due_at if due_at is not None else at + INTERVALS[box],
        last_score=score,
        last_at=at,
        reviews=(previous.reviews if previous is not None else 0) + 1,
        lapses=lapses,
    )
