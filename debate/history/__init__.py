"""The practice history: an SQLite file with every session and every answered argument.

* :mod:`debate.history.schema`: the tables, as migrations taking ``PRAGMA user_version`` from n to n + 1.
* :mod:`debate.history.plumbing`: opening a file safely, waiting out other writers, moving a damaged file aside.
* :mod:`debate.history.records`: the records read and written (sessions, rounds, progress, mastery).
* :mod:`debate.history.store`: :class:`HistoryStore`, the reads and writes, and :class:`NullHistory`, its
  do-nothing form (:meth:`HistoryStore.disabled`).

Import from here: ``from debate.history import HistoryStore, RoundRecord``.
"""

from debate.history.plumbing import BUSY_TIMEOUT, RETRY_FOR, HistoryError, statements
from debate.history.records import (
    MASTERY_WINDOW,
    TREND_LENGTH,
    WEAK_BELOW,
    Mastery,
    MotionProgress,
    RoundRecord,
    SessionRecord,
)
from debate.history.schema import MIGRATIONS, SCHEMA_VERSION, apply_migrations
from debate.history.store import HistoryStore, NullHistory

__all__ = [
    "BUSY_TIMEOUT",
    "MASTERY_WINDOW",
    "MIGRATIONS",
    "RETRY_FOR",
    "SCHEMA_VERSION",
    "TREND_LENGTH",
    "WEAK_BELOW",
    "HistoryError",
    "HistoryStore",
    "Mastery",
    "MotionProgress",
    "NullHistory",
    "RoundRecord",
    "SessionRecord",
    "apply_migrations",
    "statements",
]
