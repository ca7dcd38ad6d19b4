"""The practice history store: every session and every answered argument, read and written as CRUD.

:class:`HistoryStore` is the one way in: open it with :meth:`HistoryStore.open`, or take
:meth:`HistoryStore.disabled` (a :class:`NullHistory`, whose writes do nothing and whose reads find nothing) when
there is no history to keep, so callers never test for None. The tables are :mod:`debate.history.schema`; opening
safely, waiting out other writers and moving a damaged file aside are :mod:`debate.history.plumbing`; the review
schedule's rule is :mod:`debate.review`, applied here in the same transaction as the round it follows.

Every :meth:`HistoryStore.record_round` commits at once. Safe to share between threads of one process (a lock
serialises calls) and between processes (SQLite locking plus retries). Times are stored as ISO 8601 text in UTC.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self, TypeVar, cast

from debate.history.plumbing import BUSY_TIMEOUT, RETRY_FOR, HistoryError, guarded, open_database
from debate.history.records import (
    MASTERY_WINDOW,
    TREND_LENGTH,
    WEAK_BELOW,
    Mastery,
    MotionProgress,
    RoundRecord,
    SessionRecord,
)
from debate.history.schema import SCHEMA_VERSION, apply_migrations
from debate.model import SIDES, Side
from debate.review import ReviewItem, ReviewState, as_utc, next_state, utc_now

T = TypeVar("T")


def _iso(moment: datetime) -> str:
    return as_utc(moment).isoformat(timespec="microseconds")


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _side(value: object) -> Side:
    if value not in SIDES:
        raise ValueError(f"side must be one of {', '.join(SIDES)}, not {value!r}")
    return value


class HistoryStore:
    """The practice history in one SQLite file. Open it with :meth:`open`; use it as a context manager.

    Safe to share between threads of one process (a lock serialises calls) and between processes (SQLite locking
    plus retries). :meth:`disabled` gives one that keeps nothing.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        clock: Callable[[], datetime],
        notice: str | None,
        retry_for: float,
    ) -> None:
        """Use :meth:`open` instead."""
        self._connection: sqlite3.Connection | None = connection
        self.path = path
        """The database file."""
        self.clock = clock
        """Where "now" comes from when a time is not given."""
        self.notice = notice
        """One line for the user when opening had to move a damaged file aside; None otherwise."""
        self.moved_aside: Path | None = None
        """Where the damaged file went, if it was moved."""
        self.retry_for = retry_for
        """Seconds to keep retrying a statement while the database is busy."""
        self._lock = threading.RLock()

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        busy_timeout: float = BUSY_TIMEOUT,
        retry_for: float = RETRY_FOR,
    ) -> Self:
        """Open (creating and migrating as needed) the history at ``path`` (None: ``locations.history_path()``).

        A damaged file is moved aside and a fresh one started (see :attr:`notice`); a file from a newer version or
        one that cannot be read raises :class:`HistoryError` (:mod:`debate.history.plumbing`).
        """
        if path is None:
            from debate import locations

            try:
                path = locations.history_path()
            except OSError as error:  # DEBATE_HOME (or the user data folder) is read-only or cannot be made
                folder = error.filename or locations.data_dir(create=False)
                raise HistoryError(f"cannot create the data folder {folder}: {error.strerror or error}") from error
        path = Path(path)
        opened = open_database(
            path,
            schema_version=SCHEMA_VERSION,
            migrate=apply_migrations,
            clock=clock,
            busy_timeout=busy_timeout,
            retry_for=retry_for,
        )
        store = cls(opened.connection, path, clock, opened.notice, retry_for)
        store.moved_aside = opened.moved_aside
        return store

    @staticmethod
    def disabled(clock: Callable[[], datetime] = utc_now) -> NullHistory:
        """A history that keeps nothing (:class:`NullHistory`): for practice without a history file."""
        return NullHistory(clock)

    @property
    def enabled(self) -> bool:
        """True: this store keeps what it is given (a :class:`NullHistory` says False)."""
        return True

    # ----------------------------------------------------------------- plumbing

    def close(self) -> None:
        """Close the database (idempotent)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> Self:
        """The store itself; leaving the ``with`` block closes it."""
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        """Close the store."""
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection; HistoryError once closed."""
        if self._connection is None:
            raise HistoryError(f"history database {self.path} is closed")
        return self._connection

    @property
    def schema_version(self) -> int:
        """The database's ``user_version``."""
        return int(self._read(lambda c: c.execute("PRAGMA user_version").fetchone()[0]))

    def _guard(self, action: Callable[[], T]) -> T:
        return guarded(action, self.path, self.retry_for)

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``action`` in one BEGIN IMMEDIATE ... COMMIT transaction, retried while the database is busy."""

        def attempt() -> T:
            connection = self.connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = action(connection)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            return self._guard(attempt)

    def _read(self, action: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            return self._guard(lambda: action(self.connection))

    # ----------------------------------------------------------------- sessions and rounds

    def start_session(
        self,
        motion_id: str,
        side: Side,
        mode: str,
        student: str | None = None,
        started_at: datetime | None = None,
        *,
        results: bool = False,
        label: str | None = None,
    ) -> str:
        """Record the start of a session and return its id (uuid4 hex); ``results``: its rounds also go to a class
        results folder (a teacher reads them); ``label``: what the trainer calls it when its mode does not say it
        all (the drill it belongs to)."""
        session_id = uuid.uuid4().hex
        moment = _iso(started_at if started_at is not None else self.clock())
        values = (session_id, moment, motion_id, _side(side), mode, student, int(results), label or None)
        self._write(
            lambda c: c.execute(
                "INSERT INTO sessions (id, started_at, motion_id, side, mode, student, results, label)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
        )
        return session_id

    def record_round(self, session_id: str, record: RoundRecord) -> int:
        """Store one answered argument and update its review state, committed at once; returns the round id.

        ``record.session_id`` is ignored unless set, when it must equal ``session_id``. KeyError for an unknown
        session; ValueError for a score outside 0..1 or an unknown side.
        """
        if record.session_id and record.session_id != session_id:
            raise ValueError(f"record belongs to session {record.session_id}, not {session_id}")
        if not 0.0 <= record.score <= 1.0:
            raise ValueError(f"score must be within 0..1, not {record.score!r}")
        if not math.isfinite(record.seconds):
            raise ValueError(f"seconds must be finite, not {record.seconds!r}")
        side = _side(record.side)
        values = (
            session_id,
            record.motion_id,
            record.argument_id,
            side,
            record.answer,
            float(record.score),
            int(record.points),
            int(record.max_points),
            json.dumps(list(record.hits)),
            json.dumps(list(record.nears)),
            int(record.hints_used),
            float(record.seconds),
            _iso(record.at),
            int(bool(record.assisted)),
            json.dumps(list(record.hints)),
        )

        def write(connection: sqlite3.Connection) -> int:
            cursor = connection.execute(
                "INSERT INTO rounds (session_id, motion_id, argument_id, side, answer, score, points, max_points,"
                " hits, nears, hints_used, seconds, at, assisted, hints)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            self._update_review(
                connection, record.motion_id, record.argument_id, side, record.score, record.at, record.assisted
            )
            return int(cast(int, cursor.lastrowid))

        try:
            return self._write(write)
        except sqlite3.IntegrityError as error:
            raise KeyError(session_id) from error

    def contest_round(self, round_id: int, kind: str, rebuttal: str | None = None, at: datetime | None = None) -> None:
        """Record a student's contest of a round's verdict (``credit`` or ``no_credit``), replacing an earlier one.

        Points and the review schedule are not touched: a contest is a request to the teacher. KeyError for an
        unknown round; ValueError for another kind.
        """
        if kind not in ("credit", "no_credit"):
            raise ValueError(f"a contest is credit or no_credit, not {kind!r}")
        moment = _iso(at if at is not None else self.clock())

        def write(connection: sqlite3.Connection) -> None:
            if connection.execute("SELECT 1 FROM rounds WHERE id = ?", (round_id,)).fetchone() is None:
                raise KeyError(round_id)
            connection.execute(
                "INSERT OR REPLACE INTO contests (round_id, kind, rebuttal, at) VALUES (?, ?, ?, ?)",
                (round_id, kind, rebuttal, moment),
            )

        self._write(write)

    def contests(self, session_id: str | None = None) -> dict[int, tuple[str, str | None]]:
        """Contested rounds (of one session, or all): round id -> (kind, rebuttal)."""
        sql = "SELECT c.round_id, c.kind, c.rebuttal FROM contests c JOIN rounds r ON r.id = c.round_id"
        params: list[Any] = []
        if session_id is not None:
            sql += " WHERE r.session_id = ?"
            params.append(session_id)
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        return {int(row[0]): (row[1], row[2]) for row in rows}

    def finish_session(self, session_id: str, total: int, max_total: int, finished_at: datetime | None = None) -> None:
        """Record a session's end and its points; KeyError for an unknown session."""
        moment = _iso(finished_at if finished_at is not None else self.clock())
        cursor = self._write(
            lambda c: c.execute(
                "UPDATE sessions SET finished_at = ?, total = ?, max_total = ? WHERE id = ?",
                (moment, int(total), int(max_total), session_id),
            )
        )
        if cursor.rowcount != 1:
            raise KeyError(session_id)

    def delete_session(self, session_id: str) -> int:
        """Delete a session and its rounds (a test or junk session); returns how many rounds went with it.

        The review state of every argument it touched is rebuilt by replaying the rounds that remain, in the order
        they were answered, so the schedule is what it would be had the session never happened (an argument left
        with no rounds leaves the schedule). KeyError for an unknown session.
        """

        def delete(connection: sqlite3.Connection) -> int:
            touched = connection.execute(
                "SELECT DISTINCT motion_id, argument_id, side FROM rounds WHERE session_id = ?", (session_id,)
            ).fetchall()
            count = connection.execute("SELECT COUNT(*) FROM rounds WHERE session_id = ?", (session_id,)).fetchone()
            connection.execute("DELETE FROM rounds WHERE session_id = ?", (session_id,))
            if connection.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount != 1:
                raise KeyError(session_id)
            for motion_id, argument_id, side in touched:
                connection.execute(
                    "DELETE FROM review WHERE motion_id = ? AND argument_id = ? AND side = ?",
                    (motion_id, argument_id, side),
                )
                remaining = connection.execute(
                    "SELECT score, at, assisted FROM rounds WHERE motion_id = ? AND argument_id = ? AND side = ?"
                    " ORDER BY at, id",
                    (motion_id, argument_id, side),
                ).fetchall()
                for score, at, assisted in remaining:
                    self._update_review(connection, motion_id, argument_id, side, float(score), _dt(at), bool(assisted))
            return int(count[0])

        return self._write(delete)

    # ----------------------------------------------------------------- study mode

    def mark_studied(self, motion_id: str, argument_id: str, side: Side, at: datetime | None = None) -> None:
        """Record that the argument (made by ``side``) was studied at ``at`` (default: the clock)."""
        checked = _side(side)
        moment = _iso(at if at is not None else self.clock())
        self._write(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO studied (motion_id, argument_id, side, at) VALUES (?, ?, ?, ?)",
                (motion_id, argument_id, checked, moment),
            )
        )

    def studied(self, motion_id: str) -> dict[tuple[str, Side], datetime]:
        """When each argument of a motion was last studied, by (argument id, side that makes it)."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT argument_id, side, at FROM studied WHERE motion_id = ?", (motion_id,)
            ).fetchall()
        )
        return {(row[0], cast(Side, row[1])): _dt(row[2]) for row in rows}

    @staticmethod
    def _session(row: Sequence[Any]) -> SessionRecord:
        return SessionRecord(
            id=row[0],
            started_at=_dt(row[1]),
            finished_at=_dt(row[2]) if row[2] is not None else None,
            motion_id=row[3],
            side=cast(Side, row[4]),
            mode=row[5],
            student=row[6],
            total=int(row[7]),
            max_total=int(row[8]),
            answered=int(row[9]),
            arguments=int(row[10] or 0),
            results=bool(row[11]) if row[11] is not None else None,
            label=row[12],
        )

    _SESSION_COLUMNS = (
        "id, started_at, finished_at, motion_id, side, mode, student, total, max_total,"
        " (SELECT COUNT(*) FROM rounds WHERE rounds.session_id = sessions.id),"
        # a session's arguments are not stored: its points available over one round's tell them (NULL: no round)
        " (SELECT sessions.max_total / MAX(rounds.max_points) FROM rounds WHERE rounds.session_id = sessions.id),"
        " results, label"
    )

    def session(self, session_id: str) -> SessionRecord | None:
        """One session, or None if there is no such id."""
        row = self._read(
            lambda c: c.execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        )
        return self._session(row) if row is not None else None

    def sessions(
        self, limit: int | None = 50, motion_id: str | None = None, student: str | None = None
    ) -> list[SessionRecord]:
        """Sessions, newest first, optionally of one motion or one student; at most ``limit`` (None: all)."""
        where, params = self._filters(motion_id=motion_id, student=student)
        sql = f"SELECT {self._SESSION_COLUMNS} FROM sessions{where} ORDER BY started_at DESC, rowid DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        return [self._session(row) for row in rows]

    @staticmethod
    def _filters(**conditions: object) -> tuple[str, list[Any]]:
        clauses = [f"{column} = ?" for column, value in conditions.items() if value is not None]
        params = [value for value in conditions.values() if value is not None]
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def rounds(self, session_id: str | None = None, motion_id: str | None = None) -> list[RoundRecord]:
        """Rounds in the order they were answered, optionally of one session and/or one motion."""
        where, params = self._filters(session_id=session_id, motion_id=motion_id)
        sql = (
            "SELECT motion_id, argument_id, side, answer, score, points, max_points, hits, nears, hints_used,"
            f" seconds, at, session_id, id, assisted, hints FROM rounds{where} ORDER BY at, id"
        )
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        return [
            RoundRecord(
                motion_id=row[0],
                argument_id=row[1],
                side=cast(Side, row[2]),
                answer=row[3],
                score=float(row[4]),
                points=int(row[5]),
                max_points=int(row[6]),
                hits=tuple(json.loads(row[7])),
                nears=tuple(json.loads(row[8])),
                hints_used=int(row[9]),
                seconds=float(row[10]),
                at=_dt(row[11]),
                session_id=row[12],
                id=int(row[13]),
                assisted=bool(row[14]),
                hints=tuple(str(h) for h in json.loads(row[15])),
            )
            for row in rows
        ]

    # ----------------------------------------------------------------- progress

    def progress(
        self, motion_id: str, side: Side | None = None, trend_length: int = TREND_LENGTH
    ) -> MotionProgress | None:
        """Best, latest and recent session percentages on a motion (finished sessions only); None if none."""
        found = self._progress(motion_id, side, trend_length)
        return found[0] if found else None

    def progress_all(self, trend_length: int = TREND_LENGTH) -> list[MotionProgress]:
        """:meth:`progress` for every motion with a finished session, most recently practised first."""
        return self._progress(None, None, trend_length)

    def _progress(self, motion_id: str | None, side: Side | None, trend_length: int) -> list[MotionProgress]:
        where, params = self._filters(motion_id=motion_id, side=side)
        where = (where + " AND" if where else " WHERE") + " finished_at IS NOT NULL AND max_total > 0"
        sql = (
            f"SELECT motion_id, started_at, 100.0 * total / max_total, mode FROM sessions{where}"
            " ORDER BY motion_id, started_at, rowid"
        )
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        by_motion: dict[str, list[tuple[str, float, bool]]] = {}
        for motion, started, percent, mode in rows:
            by_motion.setdefault(motion, []).append((started, float(percent), mode == "drill"))
        result = []
        for motion, entries in by_motion.items():
            # a drill plays a few arguments: its percentage is no round's (a 90% drill beside a 43% full round read
            # as the motion's best); the motion's rounds decide best, last and trend, drills only when it has none
            rounds = [e for e in entries if not e[2]] or entries
            result.append(
                MotionProgress(
                    motion_id=motion,
                    sessions=len(entries),
                    best=max(p for _, p, _ in rounds),
                    last=rounds[-1][1],
                    trend=tuple(p for _, p, _ in rounds[-trend_length:]) if trend_length > 0 else (),
                    last_at=_dt(entries[-1][0]),
                )
            )
        result.sort(key=lambda p: p.last_at, reverse=True)
        return result

    def mastery(self, motion_id: str | None = None, window: int = MASTERY_WINDOW) -> list[Mastery]:
        """Per argument: attempts, mean score and unassisted points of the last ``window`` answers, best score;
        weakest first (by mastery, the unassisted points the tables show, then by mean score). An assisted answer
        (:mod:`debate.assist`) counts 0 in both means: mastery is what the student does without help."""
        where, params = self._filters(motion_id=motion_id)
        sql = f"""
            SELECT motion_id, argument_id, side, COUNT(*), AVG(CASE WHEN rank <= ? THEN own END), MAX(score),
                   MAX(at), AVG(CASE WHEN rank <= ? THEN own_points END)
            FROM (
                SELECT motion_id, argument_id, side, score, at,
                       CASE WHEN assisted THEN 0.0 ELSE score END AS own,
                       CASE WHEN assisted OR max_points <= 0 THEN 0.0 ELSE 1.0 * points / max_points END AS own_points,
                       ROW_NUMBER() OVER (PARTITION BY motion_id, argument_id, side ORDER BY at DESC, id DESC) AS rank
                FROM rounds{where}
            )
            GROUP BY motion_id, argument_id, side
            ORDER BY 8, 5, 7, motion_id, argument_id, side
        """
        size = max(1, int(window))
        rows = self._read(lambda c: c.execute(sql, [size, size, *params]).fetchall())
        return [
            Mastery(
                motion_id=row[0],
                argument_id=row[1],
                side=cast(Side, row[2]),
                attempts=int(row[3]),
                recent_score=float(row[4]),
                best_score=float(row[5]),
                last_at=_dt(row[6]),
                mastery=float(row[7]),
            )
            for row in rows
        ]

    def weak_spots(
        self, n: int | None = None, motion_id: str | None = None, below: float = WEAK_BELOW
    ) -> list[Mastery]:
        """The weak arguments: those whose mastery (points earned without help over the last answers, what the
        screens show) is under ``below``, weakest first as :meth:`mastery` orders them (lowest mastery, then lowest
        mean score, then the one answered longest ago); the first ``n`` (None: all).

        The one definition of "weak": the home screen's list, the weak-spots drill and a quick session's order all
        read it (through :func:`debate.drills.weak_arguments` and :mod:`debate.freshness`).
        """
        spots = [m for m in self.mastery(motion_id) if m.mastery < below]
        return spots if n is None else spots[: max(0, n)]

    # ----------------------------------------------------------------- review state (see debate.review)

    _REVIEW_COLUMNS = "motion_id, argument_id, side, box, due_at, last_score, last_at, reviews, lapses"

    @staticmethod
    def _review_item(row: Sequence[Any]) -> ReviewItem:
        return ReviewItem(
            motion_id=row[0],
            argument_id=row[1],
            side=cast(Side, row[2]),
            state=ReviewState(
                box=int(row[3]),
                due_at=_dt(row[4]),
                last_score=float(row[5]),
                last_at=_dt(row[6]),
                reviews=int(row[7]),
                lapses=int(row[8]),
            ),
        )

    def _update_review(
        self,
        connection: sqlite3.Connection,
        motion_id: str,
        argument_id: str,
        side: Side,
        score: float,
        at: datetime,
        assisted: bool = False,
    ) -> ReviewItem:
        row = connection.execute(
            f"SELECT {self._REVIEW_COLUMNS} FROM review WHERE motion_id = ? AND argument_id = ? AND side = ?",
            (motion_id, argument_id, side),
        ).fetchone()
        previous = self._review_item(row).state if row is not None else None
        state = next_state(previous, score, at, assisted=assisted)
        connection.execute(
            f"INSERT OR REPLACE INTO review ({self._REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                motion_id,
                argument_id,
                side,
                state.box,
                _iso(state.due_at),
                state.last_score,
                _iso(state.last_at),
                state.reviews,
                state.lapses,
            ),
        )
        return ReviewItem(motion_id, argument_id, side, state)

    def update_review(
        self,
        motion_id: str,
        argument_id: str,
        side: Side,
        score: float,
        at: datetime | None = None,
        *,
        assisted: bool = False,
    ) -> ReviewItem:
        """Move an argument in the review schedule after an answer scored ``score`` at ``at`` (default: the clock).

        For answers graded without being stored as a round: :meth:`record_round` already does this in the same
        transaction as the round, so it must not be called again for a recorded answer.
        """
        checked = _side(side)
        moment = at if at is not None else self.clock()
        next_state(None, score, moment)  # validate before opening a transaction
        return self._write(lambda c: self._update_review(c, motion_id, argument_id, checked, score, moment, assisted))

    def review_item(self, motion_id: str, argument_id: str, side: Side) -> ReviewItem | None:
        """One argument's place in the review schedule, or None."""
        row = self._read(
            lambda c: c.execute(
                f"SELECT {self._REVIEW_COLUMNS} FROM review WHERE motion_id = ? AND argument_id = ? AND side = ?",
                (motion_id, argument_id, side),
            ).fetchone()
        )
        return self._review_item(row) if row is not None else None

    def review_items(
        self,
        *,
        due_by: datetime | None = None,
        due_after: datetime | None = None,
        motion_id: str | None = None,
        limit: int | None = None,
        order: Literal["box", "due"] = "due",
    ) -> list[ReviewItem]:
        """Scheduled arguments: due at or before ``due_by`` and/or strictly after ``due_after``, of one motion or all.

        ``order="box"``: lowest box first, then the earliest due; ``"due"``: earliest due first.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if due_by is not None:
            clauses.append("due_at <= ?")
            params.append(_iso(due_by))
        if due_after is not None:
            clauses.append("due_at > ?")
            params.append(_iso(due_after))
        if motion_id is not None:
            clauses.append("motion_id = ?")
            params.append(motion_id)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        ordering = "box, due_at" if order == "box" else "due_at, box"
        sql = f"SELECT {self._REVIEW_COLUMNS} FROM review{where} ORDER BY {ordering}, motion_id, argument_id, side"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        return [self._review_item(row) for row in rows]

    def due_reviews(
        self, now: datetime | None = None, *, limit: int | None = 20, motion_id: str | None = None
    ) -> list[ReviewItem]:
        """Arguments due for review at ``now`` (default: the clock), across all motions or one.

        Lowest box first (the ones missed most recently), then the longest overdue; at most ``limit`` (None: all).
        """
        return self.review_items(
            due_by=now if now is not None else self.clock(), limit=limit, motion_id=motion_id, order="box"
        )

    def next_review(self, now: datetime | None = None, *, motion_id: str | None = None) -> ReviewItem | None:
        """The argument due soonest after ``now`` (default: the clock); None when none is waiting.

        Use it to say "next review in 3 hours" when :meth:`due_reviews` is empty.
        """
        items = self.review_items(
            due_after=now if now is not None else self.clock(), limit=1, motion_id=motion_id, order="due"
        )
        return items[0] if items else None


class NullHistory(HistoryStore):
    """A history that keeps nothing: every write does nothing, every read finds nothing.

    For practice without a history file (it could not be opened, or the user asked for none), so callers hold a
    store either way and never test for None. Writes return what a caller needs to carry on (a fresh session id,
    a round id); :attr:`enabled` is False for a screen that wants to say the history is off.
    """

    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        """A disabled history; ``clock`` gives "now" as in the real store."""
        self._connection = None
        self.path = Path(os.devnull)
        self.clock = clock
        self.notice = None
        self.moved_aside = None
        self.retry_for = 0.0
        self._lock = threading.RLock()
        self._round_ids = itertools.count(1)

    @property
    def enabled(self) -> bool:
        """False: nothing is kept."""
        return False

    def close(self) -> None:
        """Nothing to close."""

    @property
    def connection(self) -> sqlite3.Connection:
        """There is none: HistoryError."""
        raise HistoryError("the history is disabled")

    @property
    def schema_version(self) -> int:
        """The version this code writes (nothing is written)."""
        return SCHEMA_VERSION

    def start_session(
        self,
        motion_id: str,
        side: Side,
        mode: str,
        student: str | None = None,
        started_at: datetime | None = None,
        *,
        results: bool = False,
        label: str | None = None,
    ) -> str:
        """A fresh session id (uuid4 hex); nothing is stored."""
        return uuid.uuid4().hex

    def record_round(self, session_id: str, record: RoundRecord) -> int:
        """A fresh round id (1, 2, 3...); nothing is stored."""
        return next(self._round_ids)

    def contest_round(self, round_id: int, kind: str, rebuttal: str | None = None, at: datetime | None = None) -> None:
        """Nothing is stored."""

    def contests(self, session_id: str | None = None) -> dict[int, tuple[str, str | None]]:
        """No contests."""
        return {}

    def finish_session(self, session_id: str, total: int, max_total: int, finished_at: datetime | None = None) -> None:
        """Nothing is stored."""

    def delete_session(self, session_id: str) -> int:
        """Nothing to delete: 0 rounds."""
        return 0

    def mark_studied(self, motion_id: str, argument_id: str, side: Side, at: datetime | None = None) -> None:
        """Nothing is stored."""

    def studied(self, motion_id: str) -> dict[tuple[str, Side], datetime]:
        """Nothing studied."""
        return {}

    def session(self, session_id: str) -> SessionRecord | None:
        """No session."""
        return None

    def sessions(
        self, limit: int | None = 50, motion_id: str | None = None, student: str | None = None
    ) -> list[SessionRecord]:
        """No sessions."""
        return []

    def rounds(self, session_id: str | None = None, motion_id: str | None = None) -> list[RoundRecord]:
        """No rounds."""
        return []

    def progress(
        self, motion_id: str, side: Side | None = None, trend_length: int = TREND_LENGTH
    ) -> MotionProgress | None:
        """No progress."""
        return None

    def progress_all(self, trend_length: int = TREND_LENGTH) -> list[MotionProgress]:
        """No progress."""
        return []

    def mastery(self, motion_id: str | None = None, window: int = MASTERY_WINDOW) -> list[Mastery]:
        """No mastery."""
        return []

    def weak_spots(
        self, n: int | None = None, motion_id: str | None = None, below: float = WEAK_BELOW
    ) -> list[Mastery]:
        """No weak spots."""
        return []

    def update_review(
        self,
        motion_id: str,
        argument_id: str,
        side: Side,
        score: float,
        at: datetime | None = None,
        *,
        assisted: bool = False,
    ) -> ReviewItem:
        """The place a first answer would take (:func:`debate.review.next_state`); nothing is stored."""
        state = next_state(None, score, at if at is not None else self.clock(), assisted=assisted)
        return ReviewItem(motion_id, argument_id, _side(side), state)

    def review_item(self, motion_id: str, argument_id: str, side: Side) -> ReviewItem | None:
        """Nothing is scheduled."""
        return None

    def review_items(
        self,
        *,
        due_by: datetime | None = None,
        due_after: datetime | None = None,
        motion_id: str | None = None,
        limit: int | None = None,
        order: Literal["box", "due"] = "due",
    ) -> list[ReviewItem]:
        """Nothing is scheduled."""
        return []

    def due_reviews(
        self, now: datetime | None = None, *, limit: int | None = 20, motion_id: str | None = None
    ) -> list[ReviewItem]:
        """Nothing is due."""
        return []

    def next_review(self, now: datetime | None = None, *, motion_id: str | None = None) -> ReviewItem | None:
        """Nothing is waiting."""
        return None
