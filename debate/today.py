"""What to do today, for the home screen: reviews due and how long they take, the streak, the last session and the
weak arguments. Pure apart from reading the history store it is given.

* **Streak**: the number of consecutive days (local dates) with at least one session, counting back from today; a
  streak not yet extended today still counts while yesterday is in it (as Duolingo shows it until midnight).
* **Review time**: :data:`REVIEW_SECONDS` per argument due, rounded up to whole minutes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from debate.drills import weak_arguments
from debate.review import ReviewItem

if TYPE_CHECKING:
    from debate.history import HistoryStore, Mastery, SessionRecord
    from debate.model import Motion

REVIEW_SECONDS = 60
"""How long one review takes, roughly: reading the claim, typing a rebuttal, reading the feedback."""


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days ending today, or yesterday when today has none yet."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= timedelta(days=1)
    return count


def review_minutes(count: int) -> int:
    """Whole minutes ``count`` reviews take at :data:`REVIEW_SECONDS` each."""
    return math.ceil(count * REVIEW_SECONDS / 60)


@dataclass(frozen=True)
class Today:
    """The home screen's numbers."""

    due: tuple[ReviewItem, ...] = ()
    """Arguments due for review now."""
    next_due_at: datetime | None = None
    """When the next review comes due, when none is due now."""
    streak: int = 0
    """Consecutive practice days (see the module doc)."""
    last: SessionRecord | None = None
    """The latest session."""
    weak: tuple[Mastery, ...] = field(default=())
    """The weakest arguments, weakest first: exactly those the weak-spots drill takes
    (:func:`debate.drills.weak_arguments`)."""
    now: datetime | None = None
    """When the numbers were read."""

    @property
    def minutes(self) -> int:
        """How long the reviews due take."""
        return review_minutes(len(self.due))


def today(
    store: HistoryStore | None, motions: Sequence[Motion] = (), clock: Callable[[], datetime] | None = None
) -> Today:
    """Read what the home screen shows from ``store`` (None: no history, nothing to show); the weak arguments are
    those of ``motions`` (the library), as the weak-spots drill takes them."""
    if store is None:
        return Today()
    now = (clock or store.clock)()
    due = tuple(store.due_reviews(now, limit=None))
    upcoming = None if due else store.next_review(now)
    sessions = store.sessions(limit=None)
    days = {s.started_at.astimezone().date() for s in sessions}
    weak = tuple(weak_arguments(store, motions))
    return Today(
        due=due,
        next_due_at=upcoming.due_at if upcoming is not None else None,
        streak=streak(days, now.astimezone().date()),
        last=sessions[0] if sessions else None,
        weak=weak,
        now=now,
    )
