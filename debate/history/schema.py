"""The history database's schema, as its history: one step per version, each taking ``user_version`` n to n + 1.

A new table or column is a new step at the end of :data:`MIGRATIONS`; a step that shipped is never edited (a
database out there already ran it). Each step runs in a single ``BEGIN IMMEDIATE`` transaction together with its
``user_version`` bump, so a crash mid-migration leaves the previous version intact, and a second instance that opens
the file at the same time simply finds the work done.
"""

from __future__ import annotations

import sqlite3
import time

from debate.history.plumbing import RETRY_FOR, retry, statements

SESSIONS_AND_ROUNDS = """
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
    """
"""0 -> 1: sessions and rounds."""

REVIEW_SCHEDULE = """
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
    """
"""1 -> 2: the spaced-repetition state (:mod:`debate.review`) and indexes for progress queries. Arguments answered
before this version start in box 0, due at once, with their latest score and their counts of answers and misses."""

CONTESTS = """
    CREATE TABLE contests (
        round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        rebuttal TEXT,
        at TEXT NOT NULL
    );
    """
"""2 -> 3: a student's contest of a round's verdict (``debate.results.CONTEST_KINDS``); one per round, the latest
kept."""

MASTERY_AND_STUDY = """
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
    """
"""3 -> 4: honest mastery (an assisted answer is not the student's own; :mod:`debate.assist`), the hints each answer
took, and which arguments were studied (study mode). Rounds stored before took at most ``hints_used`` hints, and the
third hint showed the model rebuttal, so those are marked assisted."""

RESULTS_FOLDER = """
    ALTER TABLE sessions ADD COLUMN results INTEGER;
    """
"""4 -> 5: whether a session's rounds also went to a class results folder, where a teacher reads them and its
contests (1), or not (0). Sessions stored before stay NULL: nobody can tell."""

SESSION_LABEL = """
    ALTER TABLE sessions ADD COLUMN label TEXT;
    """
"""5 -> 6: what the trainer called a session when its mode does not say it all: the drill it belonged to ('Review
due', 'Weak spots', 'Rapid fire'), so the home screen names it as the round did. NULL: its mode names it (and every
session stored before)."""

MIGRATIONS: tuple[str, ...] = (
    SESSIONS_AND_ROUNDS,
    REVIEW_SCHEDULE,
    CONTESTS,
    MASTERY_AND_STUDY,
    RESULTS_FOLDER,
    SESSION_LABEL,
)
"""Forward migrations: ``MIGRATIONS[i]`` takes the schema from version ``i`` to ``i + 1``."""
SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this code writes."""


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

        reached = retry(step, deadline)
        if reached is not None:
            return reached
