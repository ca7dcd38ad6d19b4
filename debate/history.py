"""The practice history: an SQLite file with every session and every answered argument.

* **Schema.** The version is ``PRAGMA user_version``; :data:`MIGRATIONS` lists the forward migrations (version
  ``i + 1`` is reached by running ``MIGRATIONS[i]``). Each one runs in a single ``BEGIN IMMEDIATE`` transaction that
  also bumps ``user_version``, so a crash mid-migration leaves the previous version intact and a second instance
  that opens the file at the same time simply finds the work done.
* **Durability.** WAL journal, ``synchronous=NORMAL``: every :meth:`HistoryStore.record_round` commits at once, so
  a crash or ``kill -9`` loses at most the round in progress (a power cut may also lose the last few commits).
* **Several instances.** A 5 s busy timeout plus a retry loop around every statement (for up to
  :data:`RETRY_FOR` seconds): a second running ``debate`` waits for the lock instead of failing.
* **Damaged files.** A file that is not an SQLite database, fails ``PRAGMA quick_check``, or holds another
  program's tables is moved aside as ``history.sqlite3.corrupt-YYYYmmdd-HHMMSS`` (``-2``, ``-3``... if that name is
  taken; its ``-wal``/``-shm`` files go with it) and a fresh history starts; :attr:`HistoryStore.notice` says so in
  one line for the caller to show. Nothing is deleted or overwritten.
* **Newer files.** A ``user_version`` newer than this version knows is *refused* with :class:`HistoryError`
  (not moved aside): it is most likely the intact history of a newer ``debate``, and moving it would hide it.
  Unreadable files (permissions) are refused the same way.

Times are stored as ISO 8601 text in UTC; the records hold timezone-aware datetimes.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NamedTuple, Self, TypeVar, cast

from debate.errors import DebateError
from debate.model import SIDES, Side
from debate.review import HIT, ReviewItem, ReviewState, as_utc, next_state, utc_now

T = TypeVar("T")

MIGRATIONS: tuple[str, ...] = (
    # 1: sessions and rounds.
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        motion_id TEXT NOT NULL,
        side TEXT NOT NULL,
        mode TEXT NOT NULL,
        student TEXT,
        total INTEGER NOT NULL DEFAULT 0,
        max_total INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE rounds (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        motion_id TEXT NOT NULL,
        argument_id TEXT NOT NULL,
        side TEXT NOT NULL,
        answer TEXT NOT NULL,
        score REAL NOT NULL,
        points INTEGER NOT NULL,
        max_points INTEGER NOT NULL,
        hits TEXT NOT NULL DEFAULT '[]',
        nears TEXT NOT NULL DEFAULT '[]',
        hints_used INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0,
        at TEXT NOT NULL
    );
    CREATE INDEX rounds_session ON rounds(session_id);
    """,
    # 2: the spaced-repetition state (debate.review) and indexes for progress queries. Arguments answered before
    # this version start in box 0, due at once, with their latest score and their counts of answers and misses.
    """
    CREATE TABLE review (
        motion_id TEXT NOT NULL,
        argument_id TEXT NOT NULL,
        side TEXT NOT NULL,
        box INTEGER NOT NULL,
        due_at TEXT NOT NULL,
        last_score REAL NOT NULL,
        last_at TEXT NOT NULL,
        reviews INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        PRIMARY KEY (motion_id, argument_id, side)
    ) WITHOUT ROWID;
    CREATE INDEX review_due ON review(due_at);
    CREATE INDEX rounds_argument ON rounds(motion_id, argument_id, side, at);
    CREATE INDEX sessions_motion ON sessions(motion_id, started_at);
    INSERT INTO review (motion_id, argument_id, side, box, due_at, last_score, last_at, reviews, lapses)
        SELECT motion_id, argument_id, side, 0, MAX(at), score, at, COUNT(*), SUM(score < 0.5)
        FROM rounds GROUP BY motion_id, argument_id, side;
    """,
    # 3: a student's contest of a round's verdict (debate.results.CONTEST_KINDS); one per round, the latest kept.
    """
    CREATE TABLE contests (
        round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        rebuttal TEXT,
        at TEXT NOT NULL
    );
    """,
    # 4: honest mastery (an assisted answer is not the student's own; debate.assist), the hints each answer took,
    # and which arguments were studied (study mode). Rounds stored before took at most hints_used hints, and the
    # third hint showed the model rebuttal, so those are marked assisted.
    """
    ALTER TABLE rounds ADD COLUMN assisted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE rounds ADD COLUMN hints TEXT NOT NULL DEFAULT '[]';
    UPDATE rounds SET assisted = 1 WHERE hints_used >= 3;
    CREATE TABLE studied (
        motion_id TEXT NOT NULL,
        argument_id TEXT NOT NULL,
        side TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (motion_id, argument_id, side)
    ) WITHOUT ROWID;
    """,
)
"""Forward migrations: ``MIGRATIONS[i]`` takes the schema from version ``i`` to ``i + 1``."""
SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this code writes."""
BUSY_TIMEOUT = 5.0
"""Seconds SQLite itself waits for another writer's lock."""
RETRY_FOR = 30.0
"""Seconds the store keeps retrying a statement that still finds the database busy."""
MASTERY_WINDOW = 3
"""Mastery is taken over an argument's last this-many answers."""
TREND_LENGTH = 10
"""How many session percentages a motion's trend holds."""

_SQLITE_HEADER = b"SQLite format 3\x00"
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class HistoryError(DebateError):
    """The history database cannot be used (newer schema, no permission, still busy after retrying...)."""


class _Corrupt(Exception):
    """Internal: the file is damaged or not ours; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SessionRecord:
    """One practice session as stored."""

    id: str
    """uuid4 hex."""
    started_at: datetime
    """When it started (UTC)."""
    finished_at: datetime | None
    """When it finished (UTC); None if it never did (quit or killed)."""
    motion_id: str
    """The motion practised."""
    side: Side
    """The side the student took."""
    mode: str
    """The session mode (full, quick, timed, drill)."""
    student: str | None
    """The student's name, if one was given."""
    total: int
    """Points scored (set by finish_session; 0 until then)."""
    max_total: int
    """Points available (set by finish_session; 0 until then)."""

    @property
    def percent(self) -> float | None:
        """Points scored as a percentage of those available; None before the session finished."""
        if self.finished_at is None or self.max_total <= 0:
            return None
        return 100.0 * self.total / self.max_total


@dataclass(frozen=True)
class RoundRecord:
    """One answered (or skipped) argument as stored."""

    motion_id: str
    """The motion."""
    argument_id: str
    """The argument that was rebutted."""
    side: Side
    """The side that makes that argument (the one being rebutted, not the student's)."""
    answer: str
    """What the student typed ('' for a skip)."""
    score: float
    """The best verdict score, 0..1 (0.5 or more is a hit)."""
    points: int
    """Points earned."""
    max_points: int
    """Points available."""
    hits: tuple[str, ...] = ()
    """Ids of the rebuttals hit."""
    nears: tuple[str, ...] = ()
    """Ids of the rebuttals nearly hit."""
    hints_used: int = 0
    """How many hints were shown."""
    seconds: float = 0.0
    """Time spent on the argument."""
    at: datetime = field(default_factory=utc_now)
    """When the answer was submitted (stored in UTC)."""
    session_id: str = ""
    """The session it belongs to (filled in when read back; record_round takes it as an argument)."""
    id: int | None = None
    """Row id (filled in when read back; record_round returns it)."""
    assisted: bool = False
    """The answer was helped by a hint (see :mod:`debate.assist`): it earns no mastery and schedules as a miss."""
    hints: tuple[str, ...] = ()
    """The hints taken, as ``"level: text"``."""


@dataclass(frozen=True)
class MotionProgress:
    """How a student is doing on one motion over finished sessions."""

    motion_id: str
    """The motion."""
    sessions: int
    """How many finished sessions count (those with points available)."""
    best: float
    """Best session percentage."""
    last: float
    """Latest session percentage."""
    trend: tuple[float, ...]
    """The percentages of the last :data:`TREND_LENGTH` sessions, oldest first."""
    last_at: datetime
    """When the latest counted session started (UTC)."""


@dataclass(frozen=True)
class Mastery:
    """How well one argument is answered."""

    motion_id: str
    """The motion."""
    argument_id: str
    """The argument."""
    side: Side
    """The side that makes the argument."""
    attempts: int
    """How many times it was answered (skips included)."""
    recent_score: float
    """Mean best score over the last :data:`MASTERY_WINDOW` answers, an assisted answer counting 0."""
    best_score: float
    """The best score ever."""
    last_at: datetime
    """When it was last answered (UTC)."""
    mastery: float = 0.0
    """Points earned without help over the last :data:`MASTERY_WINDOW` answers, as a share of those available
    (0..1): an assisted answer earns none. What the screens show as mastery."""


class WeakSpot(NamedTuple):
    """An argument answered badly of late: ``(motion_id, argument_id, side, recent_score)``."""

    motion_id: str
    """The motion."""
    argument_id: str
    """The argument."""
    side: Side
    """The side that makes the argument."""
    recent_score: float
    """Mean best score over the last :data:`MASTERY_WINDOW` answers."""


# --------------------------------------------------------------------------- helpers


def _iso(moment: datetime) -> str:
    return as_utc(moment).isoformat(timespec="microseconds")


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _side(value: object) -> Side:
    if value not in SIDES:
        raise ValueError(f"side must be one of {', '.join(SIDES)}, not {value!r}")
    return value


def _code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def _is_busy(error: sqlite3.Error) -> bool:
    if _code(error) in _BUSY_CODES:
        return True
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def _is_corrupt(error: sqlite3.Error) -> bool:
    if _code(error) in _CORRUPT_CODES:
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "disk image" in text


def statements(script: str) -> list[str]:
    """The SQL statements of ``script``, one string each (split where SQLite says a statement is complete)."""
    result: list[str] = []
    buffer = ""
    for part in script.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\r\n;"):
                result.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \t\r\n;"):
        result.append(buffer.strip())
    return result


def _retry(action: Callable[[], T], deadline: float) -> T:
    """Run ``action``, retrying while the database is busy until ``deadline`` (time.monotonic)."""
    delay = 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's (device, inode), or None when it does not exist."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _inspect(connection: sqlite3.Connection) -> tuple[int, int, str]:
    """``(user_version, number of tables, first line of quick_check)`` read in one transaction."""
    connection.execute("BEGIN")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = int(
            connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
        )
        check = "ok" if version > SCHEMA_VERSION else str(connection.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    return version, tables, check


def apply_migrations(connection: sqlite3.Connection, target: int = SCHEMA_VERSION, retry_for: float = RETRY_FOR) -> int:
    """Migrate the database behind ``connection`` (opened with ``isolation_level=None``) up to ``target``.

    Each migration runs in one ``BEGIN IMMEDIATE`` transaction together with its ``user_version`` bump; the
    version is re-read inside the transaction, so concurrent openers never run a migration twice. Returns the
    version reached. Tests use ``target`` to build databases of older versions.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"no schema version {target}")
    deadline = time.monotonic() + retry_for
    while True:

        def step() -> int | None:
            connection.execute("BEGIN IMMEDIATE")
            try:
                version = int(connection.execute("PRAGMA user_version").fetchone()[0])
                if version >= target:
                    connection.execute("ROLLBACK")
                    return version
                for statement in statements(MIGRATIONS[version]):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {version + 1}")
                connection.execute("COMMIT")
                return None
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

        reached = _retry(step, deadline)
        if reached is not None:
            return reached


# --------------------------------------------------------------------------- the store


class HistoryStore:
    """The practice history in one SQLite file. Open it with :meth:`open`; use it as a context manager.

    Safe to share between threads of one process (a lock serialises calls) and between processes (SQLite locking
    plus retries).
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
        one that cannot be read raises :class:`HistoryError`.
        """
        if path is None:
            from debate import locations

            try:
                path = locations.history_path()
            except OSError as error:  # DEBATE_HOME (or the user data folder) is read-only or cannot be made
                folder = error.filename or locations.data_dir(create=False)
                raise HistoryError(f"cannot create the data folder {folder}: {error.strerror or error}") from error
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(f"cannot create the folder for the history database {path}: {error}") from error
        notice: str | None = None
        moved: Path | None = None
        seen: tuple[int, int] | None = None
        for _ in range(6):
            identity = _identity(path)
            try:
                connection = cls._connect(path, busy_timeout, retry_for)
                break
            except _Corrupt as damaged:
                # Look twice at the same file before judging: another instance may be creating it right now, or
                # may have just moved it aside and started a fresh one.
                if identity is None or identity != seen:
                    seen = identity
                    time.sleep(0.05)
                    continue
                if _identity(path) != identity:
                    continue
                moved = cls._move_aside(path, clock)
                notice = (
                    f"history database {path} was damaged ({damaged.reason}); "
                    f"moved it aside to {moved.name} and started a fresh history"
                )
        else:
            raise HistoryError(f"history database {path} keeps looking damaged; close other copies of debate")
        store = cls(connection, path, clock, notice, retry_for)
        store.moved_aside = moved
        return store

    @staticmethod
    def _connect(path: Path, busy_timeout: float, retry_for: float) -> sqlite3.Connection:
        """Open, check and migrate ``path``; raises _Corrupt for a damaged file, HistoryError when refused."""
        try:
            with path.open("rb") as handle:
                header = handle.read(len(_SQLITE_HEADER))
        except FileNotFoundError:
            header = b""
        except OSError as error:
            raise HistoryError(f"cannot read the history database {path}: {error.strerror or error}") from error
        if header and header != _SQLITE_HEADER[: len(header)]:
            # Whatever moment of another instance's writing we caught, a real database starts with this header.
            raise _Corrupt("not an SQLite database")
        try:
            connection = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise HistoryError(f"cannot open the history database {path}: {error}") from error
        try:
            # Check before changing anything (the WAL switch rewrites the header): a file we refuse or move aside
            # must stay byte for byte as it was. One read transaction, so another instance creating or migrating
            # the file at this moment is seen either before or after its work, never half way.
            deadline = time.monotonic() + retry_for
            version, tables, check = _retry(lambda: _inspect(connection), deadline)
            if version > SCHEMA_VERSION:
                raise HistoryError(
                    f"history database {path} was written by a newer version of debate "
                    f"(schema {version}, this one knows up to {SCHEMA_VERSION}): upgrade debate, "
                    "or set DEBATE_HOME to use another folder"
                )
            if check != "ok":
                raise _Corrupt(f"integrity check failed: {check}")
            if version == 0 and tables:
                raise _Corrupt("an SQLite file of another program")
            _retry(lambda: connection.execute("PRAGMA journal_mode = WAL").fetchone(), deadline)
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            apply_migrations(connection, SCHEMA_VERSION, retry_for)
        except _Corrupt:
            connection.close()
            raise
        except sqlite3.Error as error:
            connection.close()
            if _is_corrupt(error):
                raise _Corrupt(str(error)) from error
            if _is_busy(error):
                raise HistoryError(f"history database {path} is still locked by another program: {error}") from error
            raise HistoryError(f"cannot use the history database {path}: {error}") from error
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def _move_aside(path: Path, clock: Callable[[], datetime]) -> Path:
        """Rename the damaged ``path`` (and its -wal/-shm files) to a free ``.corrupt-YYYYmmdd-HHMMSS`` name."""
        stamp = clock().astimezone().strftime("%Y%m%d-%H%M%S")
        base = path.with_name(f"{path.name}.corrupt-{stamp}")
        target = base
        counter = 1

        def taken(candidate: Path) -> bool:
            return any(Path(f"{candidate}{suffix}").exists() for suffix in ("", "-wal", "-shm"))

        while taken(target):
            counter += 1
            target = base.with_name(f"{base.name}-{counter}")
        try:
            for suffix in ("-wal", "-shm", ""):
                source = Path(f"{path}{suffix}")
                if source.exists():
                    source.rename(Path(f"{target}{suffix}"))
        except OSError as error:
            raise HistoryError(
                f"history database {path} is damaged and could not be moved aside: {error.strerror or error}"
            ) from error
        return target

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
        try:
            return _retry(action, time.monotonic() + self.retry_for)
        except sqlite3.OperationalError as error:
            if _is_busy(error):
                raise HistoryError(
                    f"history database {self.path} stayed locked for {self.retry_for:g} s "
                    "(another debate is writing); try again"
                ) from error
            raise HistoryError(f"history database {self.path}: {error}") from error
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.IntegrityError):
                raise
            raise HistoryError(f"history database {self.path} failed: {error}") from error

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
    ) -> str:
        """Record the start of a session and return its id (uuid4 hex)."""
        session_id = uuid.uuid4().hex
        moment = _iso(started_at if started_at is not None else self.clock())
        values = (session_id, moment, motion_id, _side(side), mode, student)
        self._write(
            lambda c: c.execute(
                "INSERT INTO sessions (id, started_at, motion_id, side, mode, student) VALUES (?, ?, ?, ?, ?, ?)",
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
        )

    _SESSION_COLUMNS = "id, started_at, finished_at, motion_id, side, mode, student, total, max_total"

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
            f"SELECT motion_id, started_at, 100.0 * total / max_total FROM sessions{where}"
            " ORDER BY motion_id, started_at, rowid"
        )
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        by_motion: dict[str, list[tuple[str, float]]] = {}
        for motion, started, percent in rows:
            by_motion.setdefault(motion, []).append((started, float(percent)))
        result = [
            MotionProgress(
                motion_id=motion,
                sessions=len(entries),
                best=max(p for _, p in entries),
                last=entries[-1][1],
                trend=tuple(p for _, p in entries[-trend_length:]) if trend_length > 0 else (),
                last_at=_dt(entries[-1][0]),
            )
            for motion, entries in by_motion.items()
        ]
        result.sort(key=lambda p: p.last_at, reverse=True)
        return result

    def mastery(self, motion_id: str | None = None, window: int = MASTERY_WINDOW) -> list[Mastery]:
        """Per argument: attempts, mean score and unassisted points of the last ``window`` answers, best score;
        weakest first. An assisted answer (:mod:`debate.assist`) counts 0 in both means: mastery is what the student
        does without help."""
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
            ORDER BY 5, 7, motion_id, argument_id, side
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

    def weak_spots(self, n: int = 5, motion_id: str | None = None, below: float = HIT) -> list[WeakSpot]:
        """The ``n`` arguments with the lowest recent score under ``below`` (default: not a hit), weakest first.

        Ties go to the one answered longest ago.
        """
        spots = [m for m in self.mastery(motion_id) if m.recent_score < below]
        return [WeakSpot(m.motion_id, m.argument_id, m.side, m.recent_score) for m in spots[: max(0, n)]]

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
        self, motion_id: str, argument_id: str, side: Side, score: float, at: datetime, *, assisted: bool = False
    ) -> ReviewItem:
        """Move an argument in the review schedule after an answer scored ``score`` (no round is stored)."""
        checked = _side(side)
        next_state(None, score, at)  # validate before opening a transaction
        return self._write(lambda c: self._update_review(c, motion_id, argument_id, checked, score, at, assisted))

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
