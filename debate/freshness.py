"""Fresh rounds: which arguments a quick session puts first, so Quick 3 is not always the motion's first three.

A quick session takes, in this order: the arguments **due for review** (lowest box first, as
:meth:`debate.history.HistoryStore.due_reviews` lists them), then the **weak** ones (as
:meth:`debate.history.HistoryStore.weak_spots` defines them for the home screen and the weak-spots drill: mastery
under one half, weakest first), then the rest in the session's order (random by default). Without a history store
nothing is put first.

Pure apart from reading the store it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from debate.model import Motion, Side

if TYPE_CHECKING:
    from debate.history import HistoryStore


def quick_priority(
    store: HistoryStore | None, motion: Motion, opponent: Side, now: Callable[[], datetime] | None = None
) -> tuple[str, ...]:
    """Ids of ``opponent``'s arguments on ``motion`` to put first: due ones, then weak ones (see the module doc)."""
    if store is None:
        return ()
    known = {a.id for a in motion.arguments(opponent)}
    clock = now if now is not None else store.clock
    due = store.due_reviews(clock(), limit=None, motion_id=motion.id)
    first = [item.argument_id for item in due if item.side == opponent and item.argument_id in known]
    weak = [
        m.argument_id for m in store.weak_spots(motion_id=motion.id) if m.side == opponent and m.argument_id in known
    ]
    return tuple(dict.fromkeys(first + weak))
