"""SQLite plumbing for the history: opening a file safely, waiting out other writers, moving a damaged file aside.

* **Durability.** WAL journal, ``synchronous=NORMAL``: every write commits at once, so a crash or ``kill -9`` loses
  at most the write in progress (a power cut may also lose the last few commits).
* **Several instances.** A 5 s busy timeout plus a retry loop around every statement (for up to
  :data:`RETRY_FOR` seconds): a second running ``debate`` waits for the lock instead of failing.
* **Damaged files.** A file that is not an SQLite database, fails ``PRAGMA quick_check``, or holds another
  program's tables is moved aside as ``history.sqlite3.corrupt-YYYYmmdd-HHMMSS`` (``-2``, ``-3``... if that name is
  taken; its ``-wal``/``-shm`` files go with it) and a fresh database starts; :class:`Opened` says so in one line
  for the caller to show. Nothing is deleted or overwritten.
* **Newer files.** A ``user_version`` newer than the caller knows is *refused* with :class:`HistoryError` (not moved
  aside): it is most likely the intact history of a newer ``debate``, and moving it would hide it. Unreadable files
  (permissions) are refused the same way.

Nothing here knows the history's tables: :func:`open_database` is given the schema version and the migration.
"""

from __future__ import annotations

import sqlite3
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from debate.errors import DebateError

T = TypeVar("T")

BUSY_TIMEOUT = 5.0
"""Seconds SQLite itself waits for another writer's lock."""
RETRY_FOR = 30.0
"""Seconds the store keeps retrying a statement that still finds the database busy."""

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


def _code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def is_busy(error: sqlite3.Error) -> bool:
    """Whether ``error`` means another connection holds the lock."""
    if _code(error) in _BUSY_CODES:
        return True
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def is_corrupt(error: sqlite3.Error) -> bool:
    """Whether ``error`` means the file is damaged or not a database."""
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


def retry(action: Callable[[], T], deadline: float) -> T:
    """Run ``action``, retrying while the database is busy until ``deadline`` (time.monotonic)."""
    delay = 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
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


def _inspect(connection: sqlite3.Connection, known_version: int) -> tuple[int, int, str]:
    """``(user_version, number of tables, first line of quick_check)`` read in one transaction."""
    connection.execute("BEGIN")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = int(
            connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
        )
        check = "ok" if version > known_version else str(connection.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    return version, tables, check


Migrate = Callable[[sqlite3.Connection, int, float], int]
"""``migrate(connection, target_version, retry_for)``: brings a checked database up to the target version."""


@dataclass(frozen=True)
class Opened:
    """What :func:`open_database` found."""

    connection: sqlite3.Connection
    """The open, checked, migrated connection (``isolation_level=None``)."""
    notice: str | None
    """One line for the user when a damaged file had to be moved aside; None otherwise."""
    moved_aside: Path | None
    """Where the damaged file went, if it was moved."""


def open_database(
    path: Path,
    *,
    schema_version: int,
    migrate: Migrate,
    clock: Callable[[], datetime],
    busy_timeout: float = BUSY_TIMEOUT,
    retry_for: float = RETRY_FOR,
) -> Opened:
    """Open (creating and migrating as needed) the database at ``path``.

    A damaged file is moved aside and a fresh one started (see :attr:`Opened.notice`); a file from a newer version
    (``user_version`` above ``schema_version``) or one that cannot be read raises :class:`HistoryError`.
    """
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
            connection = _connect(path, schema_version, migrate, busy_timeout, retry_for)
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
            moved = move_aside(path, clock)
            notice = (
                f"history database {path} was damaged ({damaged.reason}); "
                f"moved it aside to {moved.name} and started a fresh history"
            )
    else:
        raise HistoryError(f"history database {path} keeps looking damaged; close other copies of debate")
    return Opened(connection, notice, moved)


def _connect(
    path: Path, schema_version: int, migrate: Migrate, busy_timeout: float, retry_for: float
) -> sqlite3.Connection:
    """Open, check and migrate ``path``; raises _Corrupt for a damaged file, HistoryError when refused."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise HistoryError(f"cannot read the history database {path}: {error.strerror or error}") from error
    if mode is not None and not stat.S_ISREG(mode):  # (reading a pipe would wait for a writer forever)
        raise HistoryError(
            f"cannot read the history database {path}: it is not a regular file; move it away or set DEBATE_HOME"
        )
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
        version, tables, check = retry(lambda: _inspect(connection, schema_version), deadline)
        if version > schema_version:
            raise HistoryError(
                f"history database {path} was written by a newer version of debate "
                f"(schema {version}, this one knows up to {schema_version}): upgrade debate, "
                "or set DEBATE_HOME to use another folder"
            )
        if check != "ok":
            raise _Corrupt(f"integrity check failed: {check}")
        if version == 0 and tables:
            raise _Corrupt("an SQLite file of another program")
        retry(lambda: connection.execute("PRAGMA journal_mode = WAL").fetchone(), deadline)
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        migrate(connection, schema_version, retry_for)
    except _Corrupt:
        connection.close()
        raise
    except sqlite3.Error as error:
        connection.close()
        if is_corrupt(error):
            raise _Corrupt(str(error)) from error
        if is_busy(error):
            raise HistoryError(f"history database {path} is still locked by another program: {error}") from error
        raise HistoryError(f"cannot use the history database {path}: {error}") from error
    except BaseException:
        connection.close()
        raise
    return connection


def move_aside(path: Path, clock: Callable[[], datetime]) -> Path:
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


def guarded(action: Callable[[], T], path: Path, retry_for: float) -> T:
    """Run ``action`` with retries while busy; SQLite errors other than integrity ones become :class:`HistoryError`."""
    try:
        return retry(action, time.monotonic() + retry_for)
    except sqlite3.OperationalError as error:
        if is_busy(error):
            raise HistoryError(
                f"history database {path} stayed locked for {retry_for:g} s (another debate is writing); try again"
            ) from error
        raise HistoryError(f"history database {path}: {error}") from error
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.IntegrityError):
            raise
        raise HistoryError(f"history database {path} failed: {error}") from error
