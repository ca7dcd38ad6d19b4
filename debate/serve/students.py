"""Each served student's own history: one SQLite file per student, under the data folder.

Why a file per student rather than one shared database filtered by name: every read the trainer makes (sessions,
progress, mastery, the review queue, weak spots) then sees only that student's rows with no query to get wrong, and
the teacher's own history (``history.sqlite3``) is never opened by a browser session at all.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debate.history import HistoryStore

from debate.text_safety import name_key

STUDENTS_FOLDER = "students"
"""The folder, inside the data folder, that holds the served students' history files."""
_SLUG_LENGTH = 40


student_key = name_key
"""The identity of a name (the classroom rule, :func:`debate.text_safety.name_key`): served histories and the class
report match students alike."""


def history_file_name(name: str) -> str:
    """A safe file name for a student's history: a readable ASCII slug plus a hash of :func:`student_key`.

    The hash keeps distinct names apart even when their slugs are equal ("Zoë" and "Zoe", or two scripts that
    have no ASCII letters at all); the slug only helps the teacher find a file. Never a path separator or dot-dot.
    """
    key = student_key(name)
    ascii_name = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:_SLUG_LENGTH].strip("-") or "student"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{slug}-{digest}.sqlite3"


def students_dir(create: bool = True) -> Path:
    """``<data folder>/students``: private to the user running the server (0700) when created here."""
    from debate import locations

    folder = locations.data_dir(create=create) / STUDENTS_FOLDER
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def student_history_path(name: str, folder: Path | None = None) -> Path:
    """Where the named student's history lives (``folder`` defaults to :func:`students_dir`)."""
    return (folder if folder is not None else students_dir()) / history_file_name(name)


def open_student_history(name: str, folder: Path | None = None) -> HistoryStore:
    """Open (creating it on first use) the named student's own history; raises ``DebateError`` when it cannot."""
    from debate.errors import DebateError
    from debate.history import HistoryStore

    try:
        path = student_history_path(name, folder)
    except OSError as exc:
        raise DebateError(f"cannot create the students' history folder ({exc.strerror})") from None
    return HistoryStore.open(path)
