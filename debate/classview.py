"""The live class view's core (no Textual): watch a results folder and summarise the class as it works.

:class:`FolderWatch` re-reads only the files whose size or modification time changed since the last poll, so a
poll over 30 students' files costs a directory listing and a few small reads. :func:`class_state` turns what was
read into the grid (students × arguments), who is working, who has not started and what the class misses most.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from debate.model import Motion, other_side
from debate.results import (
    FILE_LIMIT,
    Loaded,
    ResultsProblem,
    RoundRecord,
    best_copies,
    parse_results,
    results_files,
)

if TYPE_CHECKING:
    from debate.marking import Ruling


@dataclass
class FolderWatch:
    """The results files of one folder, kept current by :meth:`poll`."""

    folder: Path
    files: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """Each file's (size, mtime_ns) when it was last read."""
    loaded: dict[Path, Loaded] = field(default_factory=dict)
    problems: dict[Path, str] = field(default_factory=dict)
    reads: int = 0
    """How many files have been read so far (tests check that unchanged files are not re-read)."""
    rulings: list[Ruling] = field(default_factory=list)
    """The teacher's rulings (``overrides.json``): applied to the grid as the report applies them."""
    ruled: frozenset[tuple[str, str, int]] = frozenset()
    """:func:`~debate.marking.round_key` of every answer the teacher has ruled on: no longer a contest."""
    _rulings_key: tuple[int, int] | None = None

    def poll(self) -> bool:
        """Read new and changed files, forget removed ones; whether anything changed."""
        from debate.files import FileProblem, read_limited

        try:
            current = results_files([self.folder]) if self.folder.is_dir() else []
        except OSError:
            current = []
        changed = False
        seen = set(current)
        for gone in [p for p in self.files if p not in seen]:
            self.files.pop(gone, None)
            self.loaded.pop(gone, None)
            self.problems.pop(gone, None)
            changed = True
        for path in current:
            try:
                st = os.stat(path)
            except OSError:
                continue
            key = (st.st_size, st.st_mtime_ns)
            if self.files.get(path) == key:
                continue
            self.files[path] = key
            self.reads += 1
            changed = True
            try:
                doc = parse_results(read_limited(path, FILE_LIMIT, "results files"))
                self.loaded[path] = Loaded(str(path), doc, st.st_mtime)
                self.problems.pop(path, None)
            except (FileProblem, ResultsProblem) as exc:
                self.loaded.pop(path, None)
                self.problems[path] = exc.message if isinstance(exc, FileProblem) else str(exc)
        return self._poll_rulings() or changed

    def _poll_rulings(self) -> bool:
        """Re-read the teacher's rulings when their file changed; whether they did."""
        from debate.errors import DebateError
        from debate.marking import overrides_path, read_overrides, ruled_round

        path = overrides_path(self.folder)
        try:
            st = os.stat(path)
            key: tuple[int, int] | None = (st.st_size, st.st_mtime_ns)
        except OSError:
            key = None
        if key == self._rulings_key:
            return False
        self._rulings_key = key
        try:
            self.rulings = read_overrides(self.folder) if key else []
            self.ruled = frozenset(map(ruled_round, self.rulings))
            self.problems.pop(path, None)
        except DebateError as exc:
            self.problems[path] = str(exc).removeprefix(f"{path}: ")  # (shown after the file's name)
        return True


@dataclass(frozen=True)
class Column:
    """One argument of the grid."""

    motion: str
    argument: str
    label: str
    claim: str


@dataclass(frozen=True)
class Cell:
    """One student's latest answer to one argument (``outcome`` is ``not yet`` when there is none)."""

    outcome: str
    path: str = ""
    index: int = -1
    round: RoundRecord | None = None
    contested: bool = False
    """The student contested this verdict and the teacher has not ruled on it yet."""
    ruled: bool = False
    """The teacher ruled on this answer: ``outcome`` is the verdict with the ruling applied, as in the report."""


@dataclass
class ClassState:
    """What the live view shows."""

    columns: list[Column]
    students: list[str]
    cells: dict[tuple[str, str], Cell]
    """(student, column label) -> cell."""
    working: list[str]
    """Students whose latest session is in progress (:func:`~debate.classroom.session_status`)."""
    closed: list[str]
    """Students whose latest session never ended and is no longer written to: closed, by the report's own rule."""
    not_started: list[str]
    missing_most: list[tuple[Column, int]]
    """Arguments by how many students missed (or skipped) them, most first (only those missed at least once)."""
    contests: int
    problems: list[str]


def _columns(docs: Sequence[Loaded], motions: Mapping[str, Motion], plan: Sequence[tuple[str, str]]) -> list[Column]:
    seen: dict[tuple[str, str], str] = {}
    order: list[tuple[str, str]] = []
    for motion_id, side in plan:
        motion = motions.get(motion_id)
        if motion is not None and side in ("proposition", "opposition"):
            for a in motion.arguments(other_side(side)):  # type: ignore[arg-type]
                if (motion_id, a.id) not in seen:
                    seen[(motion_id, a.id)] = a.claim
                    order.append((motion_id, a.id))
    for item in docs:
        for r in item.doc["rounds"]:
            key = (item.doc["motion"]["id"], r["argument"])
            if key not in seen:
                seen[key] = r["claim"]
                order.append(key)
    return [Column(m, a, f"A{i}", seen[(m, a)]) for i, (m, a) in enumerate(order, 1)]


def class_state(
    watch: FolderWatch,
    motions: Mapping[str, Motion],
    *,
    plan: Sequence[tuple[str, str]] = (),
    roster: Sequence[str] = (),
    now: datetime.datetime | None = None,
) -> ClassState:
    """The class as the files say now: each student's latest answer per argument (any attempt), with the teacher's
    rulings applied as the report applies them (:func:`~debate.marking.apply_overrides`)."""
    from debate.classroom import renamed_arguments, session_status
    from debate.marking import apply_overrides, round_key
    from debate.text_safety import match_key  # the report's rule: case, accents and spacing aside

    # copies of a session count once, the copy the report reads (a doctored copy showed beside the real one)
    docs = sorted(best_copies(watch.loaded.values()), key=lambda item: (item.doc["started_at"] or "", item.path))
    if watch.rulings:
        docs, _ = apply_overrides(docs, watch.rulings, motions)
    docs, _ = renamed_arguments(docs, motions)  # an argument renamed since: one column, as in the report
    columns = _columns(docs, motions, plan)
    by_key = {(c.motion, c.argument): c for c in columns}
    names = {match_key(person): person for person in roster}  # the roster's spelling, as the report shows it
    cells: dict[tuple[str, str], Cell] = {}
    latest: dict[str, Loaded] = {}
    contests = 0
    for item in docs:
        doc = item.doc
        key = match_key(doc["student"])
        names.setdefault(key, doc["student"])
        name = names[key]
        latest[name] = item  # (docs are in the order they started)
        for i, r in enumerate(doc["rounds"]):
            column = by_key.get((doc["motion"]["id"], r["argument"]))
            if column is None:
                continue
            outcome = "skipped" if r["skipped"] else "miss" if r["outcome"] == "timeout" else r["outcome"]
            contested = bool(r.get("contest")) and round_key(doc["session"], doc["student"], i) not in watch.ruled
            cells[(name, column.label)] = Cell(outcome, item.path, i, r, contested, "override" in r)
            contests += contested
    moment = now or datetime.datetime.now(datetime.UTC)
    status = {name: session_status(item, moment) for name, item in latest.items()}
    working = sorted((n for n, s in status.items() if s == "in progress"), key=str.casefold)
    closed = sorted((n for n, s in status.items() if s == "closed"), key=str.casefold)
    started = {match_key(item.doc["student"]) for item in docs}
    not_started = sorted(p for p in roster if match_key(p) not in started)
    students = sorted(names.values(), key=str.casefold)
    missed: Counter[str] = Counter(label for (_, label), cell in cells.items() if cell.outcome in ("miss", "skipped"))
    lookup = {c.label: c for c in columns}
    missing_most = [(lookup[label], n) for label, n in missed.most_common()]
    problems = [f"{p.name}: {why}" for p, why in sorted(watch.problems.items())]
    return ClassState(columns, students, cells, working, closed, not_started, missing_most, contests, problems)
