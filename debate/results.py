"""The results-file format: one JSON file per student session, a versioned public contract.

The format is described by :data:`ResultsFile` (and ``debate/results.schema.json``, the same contract as a JSON
Schema). Version 2, written since the class report grades whole assignments::

    {
      "format": "debate-results", "version": 2,
      "session": "9f1c…",                       # unique id of the practice session
      "student": "Ana Lima",                    # as typed
      "motion": {"id": "...", "title": "..."},
      "side": "proposition",                    # the side the student argued
      "mode": "full",
      "assignment": null | {"id": "week-3" | null, "title": "...", "fingerprint": "1f0c…",
                            "motions": [{"id": "...", "side": "..."}], "pass_mark": 60, "due": "2026-12-01" | null},
      "started_at": "2026-11-22T09:00:00+00:00",   # ISO 8601, UTC: the session's first argument was shown
      "updated_at": "2026-11-22T09:12:30+00:00",
      "finished_at": "2026-11-22T09:12:30+00:00" | null,
      "status": "running" | "finished" | "quit",   # running: not ended (still going, or the tab/terminal closed)
      "finished": true,                         # status != "running" (kept for version 1 readers)
      "total": 24, "arguments": 4, "max_total": 40, "seconds": 512.3,   # informative: readers recompute them
      "rounds": [
        {"argument": "id", "claim": "...", "answer": "...", "outcome": "hit|near|miss|skipped|timeout",
         "points": 8, "max_points": 10, "hints_used": 0, "seconds": 61.0, "skipped": false, "timed_out": false,
         "answered_at": "2026-11-22T09:01:01+00:00",
         "verdicts": [{"rebuttal": "id", "score": 0.71, "verdict": "hit|near|miss"}, ...],
         "contest": null | {"kind": "credit" | "no_credit", "rebuttal": "id" | null, "at": "2026-11-22T09:01:30+00:00"}}
      ]
    }

``contest`` (optional, added within version 2: older files simply have none) is the student's objection to the
verdict: ``credit`` ("this deserves credit for" the named rebuttal) or ``no_credit`` ("this should not have
counted"). A contest never changes points; the teacher rules on it (``debate mark``) into an overrides file.

Version 1 files (no ``status``, ``finished_at``, per-round flags or assignment identity) are read and migrated to
version 2 in memory (:func:`migrate`); files are never rewritten by a reader.

``started_at`` is when the session started: its first argument was shown (the file itself is first written with the
first round). Files written by earlier versions of the trainer carry the time of the first answer there instead;
they read the same, their attempts just look a few minutes shorter.

What a student's file says about the class (the assignment's pass mark, due date) is informative only: the teacher's
assignment file and command line set class-wide values. Readers recompute totals from the rounds and refuse numbers
out of range, so one hostile file cannot crash the report or change anybody else's grade.

The file is rewritten after every round and at the end, atomically (a temporary file, then a rename), under a name no
other student's session can take: ``<student>-<motion>-<UTC time>-<session id>.json``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import os
import re
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypedDict

from debate.errors import DebateError
from debate.files import FileProblem, read_limited
from debate.text_safety import excerpt, name_key, not_utf8

if TYPE_CHECKING:
    from debate.assignment import Assignment

FORMAT = "debate-results"
VERSION = 2
"""The version this module writes."""
READABLE_VERSIONS = (1, 2)
"""Versions this module reads (older ones are migrated on read)."""
FILE_LIMIT = 4 * 1024 * 1024
"""Largest results file read (a 100-round session with long answers is ~300 kB)."""
MAX_ROUNDS = 1000
MAX_VERDICTS = 200
STUDENT_NAME_LIMIT = 60
"""The longest student name the app takes and writes (the name box, ``--student``, a roster); files may hold longer."""
MAX_TEXT = 100_000
"""Longest answer or claim kept, in characters."""
MAX_POINTS_PER_ROUND = 100
MAX_SECONDS = 7 * 24 * 3600.0

Status = Literal["running", "finished", "quit"]
Outcome = Literal["hit", "near", "miss", "skipped", "timeout"]
OUTCOMES: tuple[str, ...] = ("hit", "near", "miss", "skipped", "timeout")
VERDICTS: tuple[str, ...] = ("hit", "near", "miss")
STATUSES: tuple[str, ...] = ("running", "finished", "quit")
CONTEST_KINDS: tuple[str, ...] = ("credit", "no_credit")
"""``credit``: the answer deserves credit for a rebuttal; ``no_credit``: it should not have counted."""
OVERRIDES_NAME = "overrides.json"
"""The teacher's rulings, kept in the results folder (never read as a results file)."""


class VerdictRecord(TypedDict):
    """The judge's verdict on one rebuttal of the bank, for one answer."""

    rebuttal: str
    score: float
    verdict: str


class ContestRecord(TypedDict):
    """A student's objection to a round's verdict (it changes no points by itself)."""

    kind: str
    """``credit`` or ``no_credit``."""
    rebuttal: str | None
    """The rebuttal the answer deserves credit for (``credit``), or the one it should not have hit (or None)."""
    at: str | None
    """When it was sent."""


class _RoundBase(TypedDict):
    """The fields every round has."""

    argument: str
    claim: str
    answer: str
    outcome: str
    points: int
    max_points: int
    hints_used: int
    seconds: float
    skipped: bool
    timed_out: bool
    answered_at: str | None
    verdicts: list[VerdictRecord]


class RoundRecord(_RoundBase, total=False):
    """One argument answered (or skipped, or timed out); ``contest`` only when the student contested it."""

    contest: ContestRecord | None
    override: dict[str, Any]
    """Set by the class report when a teacher's ruling applies (:mod:`debate.marking`); never read from a file."""
    recorded_as: str
    """Set by the class report when the motion no longer has the argument id the round was recorded under and the
    round counts under the argument with its claim (``argument``): the id as recorded. Never read from a file."""


class MotionRef(TypedDict):
    """Which motion a session practised."""

    id: str
    title: str


class AssignmentMotion(TypedDict):
    """One motion of an assignment and the side students argue."""

    id: str
    side: str


class AssignmentStamp(TypedDict):
    """Which assignment a session belonged to (identity for grouping; the rest is informative)."""

    id: str | None
    title: str
    fingerprint: str | None
    motions: list[AssignmentMotion] | None
    pass_mark: float | None
    due: str | None


class ResultsFile(TypedDict):
    """A results file, version 2 (what :func:`parse_results` returns for any readable version)."""

    format: str
    version: int
    session: str
    student: str
    motion: MotionRef
    side: str
    mode: str
    assignment: AssignmentStamp | None
    started_at: str | None
    updated_at: str | None
    finished_at: str | None
    status: str
    finished: bool
    total: int
    arguments: int
    max_total: int
    seconds: float
    rounds: list[RoundRecord]


class VerdictLike(Protocol):
    """What a round's verdict must offer (``debate.judge.Verdict``)."""

    @property
    def candidate_id(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def verdict(self) -> str: ...


class ArgumentLike(Protocol):
    """What a round's argument must offer (``debate.model.Argument``)."""

    @property
    def id(self) -> str: ...
    @property
    def claim(self) -> str: ...


class RoundLike(Protocol):
    """What a finished round must offer (``debate.session.RoundResult``; ``skipped``/``timed_out`` if it has them)."""

    @property
    def argument(self) -> ArgumentLike: ...
    @property
    def answer(self) -> str: ...
    @property
    def verdicts(self) -> Sequence[VerdictLike]: ...
    @property
    def points(self) -> int: ...
    @property
    def hints_used(self) -> int: ...
    @property
    def seconds(self) -> float: ...
    @property
    def outcome(self) -> str: ...


def round_fields(result: RoundLike) -> dict[str, Any]:
    """What a finished round says wherever it is written: the results file (:meth:`ResultsWriter.add_round`, which
    adds the points available and the time of the answer) and a session's JSON summary
    (``debate.session.Summary.to_dict``, which adds the hints, whether it was assisted, and the structure tips)."""
    return {
        "argument": result.argument.id,
        "claim": result.argument.claim,
        "answer": result.answer,
        "outcome": result.outcome,
        "points": result.points,
        "hints_used": result.hints_used,
        "seconds": round(result.seconds, 1),
        "skipped": bool(getattr(result, "skipped", result.outcome == "skipped")),
        "timed_out": bool(getattr(result, "timed_out", result.outcome == "timeout")),
        "verdicts": [
            {"rebuttal": v.candidate_id, "score": round(v.score, 4), "verdict": v.verdict} for v in result.verdicts
        ],
    }


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe form of ``text`` (ASCII, lowercase, hyphens)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return cleaned[:limit].strip("-") or "student"


def write_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename; ``mode``: the file's
    permissions (else those a plain open() gives)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, so that on a shared drive
        # the teacher can read what the students wrote
        if mode is None:
            umask = os.umask(0o022)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- assignment identity


def assignment_fingerprint(title: str, motions: Sequence[tuple[str, str]], mode: str) -> str:
    """A short hash of what students are asked to do (title, motions and sides, mode).

    The pass mark, due date and roster are left out on purpose: a teacher who moves the due date keeps one group.
    """
    canonical = json.dumps({"title": " ".join(title.split()), "motions": [list(m) for m in motions], "mode": mode})
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def assignment_stamp(assignment: Assignment) -> AssignmentStamp:
    """What a results file records about the assignment a session belongs to."""
    return {
        "id": assignment.id,
        "title": assignment.title,
        "fingerprint": assignment_fingerprint(assignment.title, assignment.motions, assignment.mode),
        "motions": [{"id": m, "side": s} for m, s in assignment.motions],
        "pass_mark": assignment.pass_mark,
        "due": assignment.due,
    }


# --------------------------------------------------------------------------- writing


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class ResultsWriter:
    """Keeps one student session's results file up to date."""

    folder: Path
    """The shared results folder."""
    student: str
    """The student's name as they typed it."""
    motion_id: str
    """The motion practised."""
    motion_title: str
    """Its title, so reports read well without the motion file."""
    side: str
    """The side the student argued."""
    mode: str
    """The practice mode."""
    max_points: int
    """Points available per round."""
    arguments: int = 0
    """Arguments in the session; the points available count them all, answered or not (0: only those answered)."""
    assignment: AssignmentStamp | dict[str, Any] | None = None
    """The assignment the session runs (:func:`assignment_stamp`), or None for free practice."""
    clock: Callable[[], datetime.datetime] = _now
    """Injected wall clock (UTC)."""
    started: InitVar[datetime.datetime | None] = None
    """When the session started (its first argument was shown); None: now, when the file is first written."""
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    """Unique session id, part of the file name."""
    rounds: list[RoundRecord] = field(default_factory=list)
    """The rounds written so far."""
    status: str = "running"
    """running until :meth:`finish`; then finished or quit."""
    path: Path = field(init=False)
    """The results file."""
    started_at: datetime.datetime = field(init=False)
    """When the session started: ``started``, else when the file was first written."""
    finished_at: datetime.datetime | None = field(init=False, default=None)

    def __post_init__(self, started: datetime.datetime | None) -> None:
        if not self.student.strip():
            raise DebateError("a student name is needed for a results file (--student NAME)")
        self.started_at = started if started is not None else self.clock()
        stamp = self.started_at.strftime("%Y%m%dT%H%M%SZ")
        name = f"{slug(self.student)}-{slug(self.motion_id)}-{stamp}-{self.session[:12]}.json"
        self.path = self.folder / name
        self._write()

    def add_round(self, result: RoundLike) -> None:
        """Record a finished round and rewrite the file."""
        fields = round_fields(result)
        self.rounds.append(
            {
                "argument": fields["argument"],
                "claim": fields["claim"],
                "answer": fields["answer"][:MAX_TEXT],  # (a longer paste was judged; the file keeps what it can read)
                "outcome": fields["outcome"],
                "points": fields["points"],
                "max_points": self.max_points,
                "hints_used": fields["hints_used"],
                "seconds": fields["seconds"],
                "skipped": fields["skipped"],
                "timed_out": fields["timed_out"],
                "answered_at": _iso(self.clock()),
                "verdicts": fields["verdicts"],
            }
        )
        self._write()

    def contest(self, index: int, kind: str, rebuttal: str | None = None) -> None:
        """Record the student's contest of round ``index`` (0-based, in the order written) and rewrite the file.

        A second contest of the same round replaces the first. Points are not touched.
        """
        if kind not in CONTEST_KINDS:
            raise ValueError(f"a contest is credit or no_credit, not {kind!r}")
        if not 0 <= index < len(self.rounds):
            raise IndexError(f"no round {index} to contest")
        self.rounds[index]["contest"] = {"kind": kind, "rebuttal": rebuttal, "at": _iso(self.clock())}
        self._write()

    def finish(self, status: str = "finished") -> Path:
        """End the session (``finished``, or ``quit`` when it was ended early) and write the file a last time."""
        if status not in ("finished", "quit"):
            raise ValueError(f"a session ends finished or quit, not {status!r}")
        self.status = status
        self.finished_at = self.clock()
        self._write()
        return self.path

    def document(self) -> ResultsFile:
        """The results file's content."""
        arguments = max(self.arguments, len(self.rounds))
        assignment: Any = self.assignment
        return {
            "format": FORMAT,
            "version": VERSION,
            "session": self.session,
            "student": self.student.strip(),
            "motion": {"id": self.motion_id, "title": self.motion_title},
            "side": self.side,
            "mode": self.mode,
            "assignment": assignment,
            "started_at": _iso(self.started_at),
            "updated_at": _iso(self.finished_at or self.clock()),
            "finished_at": _iso(self.finished_at) if self.finished_at else None,
            "status": self.status,
            "finished": self.status != "running",
            "total": sum(r["points"] for r in self.rounds),
            "arguments": arguments,
            "max_total": self.max_points * arguments,
            "seconds": round(sum(r["seconds"] for r in self.rounds), 1),
            "rounds": self.rounds,
        }

    def _write(self) -> None:
        write_atomic(self.path, json.dumps(self.document(), indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- reading


class ResultsProblem(ValueError):
    """Why a results file cannot be used (one line, without the path)."""


def _no_big_numbers(text: str) -> int:
    if len(text.lstrip("-")) > 15:
        raise ResultsProblem(f"a number with {len(text)} digits is out of range")
    return int(text)


def _finite_float(text: str) -> float:
    if len(text) > 40:
        raise ResultsProblem("a number written with more than 40 characters is out of range")
    value = float(text)
    if not math.isfinite(value):
        raise ResultsProblem(f"number {text[:20]} is out of range")
    return value


def _no_constant(text: str) -> Any:
    raise ResultsProblem(f"{text} is not a number a results file may hold")


def parse_json(data: bytes) -> Any:
    """Decode a results file's bytes: UTF-8 JSON with bounded numbers (no NaN, no 400-digit integers)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ResultsProblem(not_utf8(exc)) from None
    if not text.strip():
        raise ResultsProblem("the file is empty (results files are written whole: it was emptied or made by hand)")
    try:
        return json.loads(text, parse_int=_no_big_numbers, parse_float=_finite_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ResultsProblem(f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ResultsProblem("nested too deeply to be a results file") from None


def _get(doc: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    value = doc.get(key)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join("number" if k in (int, float) else k.__name__ for k in kinds)
        raise ResultsProblem(f"'{where}{key}' is missing or not {names}")
    return value


def _text(doc: dict[str, Any], key: str, where: str = "", *, optional: bool = False, limit: int = MAX_TEXT) -> str:
    value = doc.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise ResultsProblem(f"'{where}{key}' is missing or not text")
    if len(value) > limit:
        raise ResultsProblem(f"'{where}{key}' is longer than {limit} characters")
    return value


def _number(doc: dict[str, Any], key: str, low: float, high: float, where: str, *, integer: bool = False) -> Any:
    value = doc.get(key)
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        raise ResultsProblem(f"'{where}{key}' is missing or not {'a whole number' if integer else 'a number'}")
    if not low <= value <= high:
        raise ResultsProblem(f"'{where}{key}' is {value}, outside {low:g} to {high:g}")
    return value


def _timestamp(doc: dict[str, Any], key: str, where: str = "") -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise ResultsProblem(f"'{where}{key}' is not a date and time")
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ResultsProblem(f"'{where}{key}' is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.isoformat(timespec="seconds")


def _assignment(value: Any) -> AssignmentStamp | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ResultsProblem("'assignment' is not an object")
    motions: list[AssignmentMotion] | None = None
    raw = value.get("motions")
    if isinstance(raw, list) and len(raw) <= 200:
        motions = []
        for m in raw:
            if not isinstance(m, dict):
                raise ResultsProblem("'assignment.motions' holds something that is not a motion")
            motions.append(
                {
                    "id": _text(m, "id", "assignment.motions.", limit=200),
                    "side": _text(m, "side", "assignment.", limit=20),
                }
            )
    elif raw is not None:
        raise ResultsProblem("'assignment.motions' is not a list")
    pass_mark = value.get("pass_mark")
    due = value.get("due")
    ident = value.get("id")
    fingerprint = value.get("fingerprint")
    return {
        "id": ident if isinstance(ident, str) and 0 < len(ident) <= 200 else None,
        "title": _text(value, "title", "assignment.", optional=True, limit=1000),
        "fingerprint": fingerprint if isinstance(fingerprint, str) and len(fingerprint) <= 64 else None,
        "motions": motions,
        "pass_mark": float(pass_mark)
        if isinstance(pass_mark, (int, float)) and not isinstance(pass_mark, bool) and 0 <= pass_mark <= 100
        else None,
        "due": due if isinstance(due, str) and len(due) <= 40 else None,
    }


def _round(raw: Any, i: int) -> RoundRecord:
    where = f"rounds[{i}]."
    if not isinstance(raw, dict):
        raise ResultsProblem(f"round {i + 1} is not an object")
    max_points = _number(raw, "max_points", 1, MAX_POINTS_PER_ROUND, where, integer=True)
    points = _number(raw, "points", 0, max_points, where, integer=True)
    verdicts_raw = _get(raw, "verdicts", list, where)
    if len(verdicts_raw) > MAX_VERDICTS:
        raise ResultsProblem(f"round {i + 1} has more than {MAX_VERDICTS} verdicts")
    verdicts: list[VerdictRecord] = []
    for v in verdicts_raw:
        if not isinstance(v, dict) or v.get("verdict") not in VERDICTS:
            raise ResultsProblem(f"round {i + 1} has a malformed verdict")
        verdicts.append(
            {
                "rebuttal": _text(v, "rebuttal", where + "verdicts.", limit=200),
                "score": float(_number(v, "score", 0, 1, where + "verdicts.")) if "score" in v else 0.0,
                "verdict": v["verdict"],
            }
        )
    outcome = raw.get("outcome")
    if outcome not in OUTCOMES:
        hits = any(v["verdict"] == "hit" for v in verdicts)
        outcome = "hit" if hits else "near" if any(v["verdict"] == "near" for v in verdicts) else "miss"
    skipped = raw.get("skipped")
    timed_out = raw.get("timed_out")
    record: RoundRecord = {
        "argument": _text(raw, "argument", where, limit=200),
        "claim": _text(raw, "claim", where, optional=True),
        "answer": _text(raw, "answer", where, optional=True),
        "outcome": outcome,
        "points": points,
        "max_points": max_points,
        "hints_used": _number(raw, "hints_used", 0, 10, where, integer=True) if "hints_used" in raw else 0,
        "seconds": float(_number(raw, "seconds", 0, MAX_SECONDS, where)) if "seconds" in raw else 0.0,
        "skipped": skipped if isinstance(skipped, bool) else outcome == "skipped",
        "timed_out": timed_out if isinstance(timed_out, bool) else outcome == "timeout",
        "answered_at": _timestamp(raw, "answered_at", where),
        "verdicts": verdicts,
    }
    contest = _contest(raw.get("contest"), i)
    if contest is not None:
        record["contest"] = contest
    return record


def _contest(value: Any, i: int) -> ContestRecord | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("kind") not in CONTEST_KINDS:
        raise ResultsProblem(f"round {i + 1} has a malformed contest")
    rebuttal = value.get("rebuttal")
    if rebuttal is not None and (not isinstance(rebuttal, str) or len(rebuttal) > 200):
        raise ResultsProblem(f"round {i + 1}'s contest names a rebuttal that is not a short text")
    return {"kind": value["kind"], "rebuttal": rebuttal, "at": _timestamp(value, "at", f"rounds[{i}].contest.")}


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document in the shape of version 2 (a new dict; the input is not changed)."""
    if doc.get("version") != 1:
        return doc
    new = dict(doc)
    finished = doc.get("finished") is True
    new["version"] = 2
    new["status"] = "finished" if finished else "running"
    new["finished_at"] = doc.get("updated_at") if finished else None
    return new


def parse_results(data: bytes) -> ResultsFile:
    """Decode, migrate and validate one results file; raise :class:`ResultsProblem` naming the first problem.

    Totals are recomputed from the rounds (what a file says its total is does not count).
    """
    doc = parse_json(data)
    if not isinstance(doc, dict):
        raise ResultsProblem("not a JSON object")
    if doc.get("format") != FORMAT:
        raise ResultsProblem('not a debate results file (no "format": "debate-results")')
    version = doc.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise ResultsProblem(
            f"results format version {version!r} is not supported (this debate reads {READABLE_VERSIONS})"
        )
    doc = migrate(doc)
    motion = _get(doc, "motion", dict)
    rounds_raw = _get(doc, "rounds", list)
    if len(rounds_raw) > MAX_ROUNDS:
        raise ResultsProblem(f"more than {MAX_ROUNDS} rounds")
    rounds = [_round(r, i) for i, r in enumerate(rounds_raw)]
    first: dict[str, int] = {}
    for i, r in enumerate(rounds):
        earlier = first.setdefault(r["argument"], i)
        if earlier != i:  # (a session asks each argument once: a file with its rounds repeated was edited)
            raise ResultsProblem(
                f"rounds {earlier + 1} and {i + 1} both answer argument '{excerpt(r['argument'], 60)}' (a session "
                "answers each argument once)"
            )
    student = _text(doc, "student", limit=200)
    if not student.strip():
        raise ResultsProblem("'student' is empty")
    status = doc.get("status")
    if status not in STATUSES:
        raise ResultsProblem(f"'status' is {str(status)[:20]!r}, not running, finished or quit")
    arguments = doc.get("arguments")
    if isinstance(arguments, bool) or not isinstance(arguments, int) or not 0 <= arguments <= MAX_ROUNDS:
        arguments = len(rounds)
    arguments = max(arguments, len(rounds))
    max_points = max((r["max_points"] for r in rounds), default=10)
    session = doc.get("session")
    return {
        "format": FORMAT,
        "version": VERSION,
        "session": session if isinstance(session, str) and 0 < len(session) <= 100 else "",
        "student": " ".join(student.split()),
        "motion": {
            "id": _text(motion, "id", "motion.", limit=200),
            "title": _text(motion, "title", "motion.", optional=True, limit=2000),
        },
        "side": doc["side"] if doc.get("side") in ("proposition", "opposition") else "",
        "mode": _text(doc, "mode", optional=True, limit=20),
        "assignment": _assignment(doc.get("assignment")),
        "started_at": _timestamp(doc, "started_at"),
        "updated_at": _timestamp(doc, "updated_at"),
        "finished_at": _timestamp(doc, "finished_at"),
        "status": status,
        "finished": status != "running",
        "total": sum(r["points"] for r in rounds),
        "arguments": arguments,
        "max_total": max_points * arguments,
        "seconds": round(sum(r["seconds"] for r in rounds), 1),
        "rounds": rounds,
    }


def validate_results(doc: Any) -> ResultsFile:
    """Validate an already-parsed document (tests, other tools); raise :class:`ResultsProblem`."""
    return parse_results(json.dumps(doc).encode("utf-8"))


@dataclass(frozen=True)
class Skipped:
    """A file the report could not use, and why."""

    path: str
    reason: str
    copy: bool = False
    """A copy of a session read from another file (nothing of the student's is missing), not a damaged file."""


@dataclass(frozen=True)
class Loaded:
    """A results file that was read, with where it came from."""

    path: str
    doc: ResultsFile
    changed: float | None = None
    """When the file last changed (its modification time when read, seconds since the epoch); None when not known.
    Whether a session that never ended is still in progress goes by it (:func:`debate.classroom.session_status`)."""


def results_files(paths: Iterable[Path]) -> list[Path]:
    """The ``.json`` files named by ``paths`` (folders searched recursively, sorted; hidden files left out)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if not p.name.startswith(".") and p.name != OVERRIDES_NAME)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise DebateError(f"{path}: no such file or folder")
    return files


def read_results(
    files: Sequence[Path], progress: Callable[[int, int], None] | None = None
) -> tuple[list[Loaded], list[Skipped]]:
    """Load every results file; unreadable, malformed or foreign ones come back as skipped, with one-line reasons."""
    loaded: list[Loaded] = []
    skipped: list[Skipped] = []
    seen: dict[tuple[str, str], int] = {}  # (session, student) -> its place in ``loaded``
    for i, path in enumerate(files, 1):
        if progress is not None:
            progress(i, len(files))
        try:
            doc = parse_results(read_limited(path, FILE_LIMIT, "results files"))
        except FileProblem as exc:
            skipped.append(Skipped(str(path), exc.message))
            continue
        except ResultsProblem as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        key = _session_key(doc, str(path))
        place = seen.get(key)
        item = Loaded(str(path), doc, _changed(path))
        if place is None:
            seen[key] = len(loaded)
            loaded.append(item)
            continue
        # a backup or sync copy of the same session: the copy with more points (so a doctored copy never takes a
        # grade down), then the one that got further, is read; the other is skipped
        other = str(path)
        if _completeness(doc) > _completeness(loaded[place].doc):
            other, loaded[place] = loaded[place].path, item
        skipped.append(Skipped(other, f"a copy of the session read from {loaded[place].path} instead", copy=True))
    return loaded, skipped


def _changed(path: Path) -> float | None:
    """The file's modification time, or None when it cannot be had (it vanished since it was read)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def best_copies(items: Iterable[Loaded]) -> list[Loaded]:
    """One file per session, as :func:`read_results` chooses among copies (the live class view reads files itself):
    of copies of one session, the one with more points, then further along; in the order first seen."""
    chosen: dict[tuple[str, str], Loaded] = {}
    for item in items:
        key = _session_key(item.doc, item.path)
        if key not in chosen or _completeness(item.doc) > _completeness(chosen[key].doc):
            chosen[key] = item
    return list(chosen.values())


def _session_key(doc: ResultsFile, path: str) -> tuple[str, str]:
    """What makes two files copies of one session: its id and its student (another student's file never hides one)."""
    return (doc["session"] or path, name_key(doc["student"]))


def _completeness(doc: ResultsFile) -> tuple[int, int, bool, str]:
    """Which copy of a session to read: the one with more points, then more rounds, then finished, then the last
    written. A true copy that got further never has fewer points (its rounds are the other's and more); a copy
    someone edited to take a classmate's points away loses to the real one."""
    points = sum(r["points"] for r in doc["rounds"] if isinstance(r.get("points"), int))
    return (points, len(doc["rounds"]), doc["finished_at"] is not None, doc["updated_at"] or "")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of results files (``debate/results.schema.json``)."""
    data: dict[str, Any] = json.loads((Path(__file__).parent / "results.schema.json").read_text(encoding="utf-8"))
    return data
