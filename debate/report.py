"""Classroom results: one JSON file per student session, and the class report that merges them.

Results file format (``"format": "debate-results"``, ``"version": 1``)::

    {
      "format": "debate-results", "version": 1,
      "session": "9f1c…",               # unique id of the practice session
      "student": "Ana Lima",
      "motion": {"id": "...", "title": "..."},
      "side": "proposition",            # the side the student argued
      "mode": "full",
      "assignment": {"title": "...", "pass_mark": 60} | null,
      "started_at": "2026-11-22T09:00:00+00:00",
      "updated_at": "2026-11-22T09:12:30+00:00",
      "finished": true,                 # false while the session is still running
      "total": 24,                      # points scored
      "arguments": 4,                   # arguments in the session (unanswered ones included)
      "max_total": 40,                  # points available: 10 per argument, answered or not
      "seconds": 512.3,                 # time spent answering
      "rounds": [
        {"argument": "id", "claim": "...", "answer": "...", "outcome": "hit|near|miss|skipped|timeout",
         "points": 8, "max_points": 10, "hints_used": 0, "seconds": 61.0,
         "verdicts": [{"rebuttal": "id", "score": 0.71, "verdict": "hit|near|miss"}, ...]}
      ]
    }

The file is rewritten after every round and at the end, atomically (a temporary file, then a rename),
under a name no other student's session can take: ``<student>-<motion>-<UTC time>-<session id>.json``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import sys
import tempfile
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from debate.errors import DebateError

FORMAT = "debate-results"
VERSION = 1
DEFAULT_PASS_MARK = 50.0


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
    """What a finished round must offer (``debate.session.RoundResult``)."""

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


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe form of ``text`` (ASCII, lowercase, hyphens)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return cleaned[:limit].strip("-") or "student"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, so that on a shared drive
        # the teacher can read what the students wrote
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    assignment: dict[str, Any] | None = None
    """``{"title", "pass_mark"}`` when the session runs an assignment."""
    clock: Callable[[], datetime.datetime] = _now
    """Injected wall clock (UTC)."""
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    """Unique session id, part of the file name."""
    rounds: list[dict[str, Any]] = field(default_factory=list)
    """The rounds written so far."""
    path: Path = field(init=False)
    """The results file."""
    started_at: datetime.datetime = field(init=False)

    def __post_init__(self) -> None:
        if not self.student.strip():
            raise DebateError("a student name is needed for a results file (--student NAME)")
        self.started_at = self.clock()
        stamp = self.started_at.strftime("%Y%m%dT%H%M%SZ")
        name = f"{slug(self.student)}-{slug(self.motion_id)}-{stamp}-{self.session[:12]}.json"
        self.path = self.folder / name
        self._write(finished=False)

    def add_round(self, result: RoundLike) -> None:
        """Record a finished round and rewrite the file."""
        self.rounds.append(
            {
                "argument": result.argument.id,
                "claim": result.argument.claim,
                "answer": result.answer,
                "outcome": result.outcome,
                "points": result.points,
                "max_points": self.max_points,
                "hints_used": result.hints_used,
                "seconds": round(result.seconds, 1),
                "verdicts": [
                    {"rebuttal": v.candidate_id, "score": round(v.score, 4), "verdict": v.verdict}
                    for v in result.verdicts
                ],
            }
        )
        self._write(finished=False)

    def finish(self) -> Path:
        """Mark the session finished and write the file a last time."""
        self._write(finished=True)
        return self.path

    def document(self, finished: bool) -> dict[str, Any]:
        """The results file's content."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "session": self.session,
            "student": self.student.strip(),
            "motion": {"id": self.motion_id, "title": self.motion_title},
            "side": self.side,
            "mode": self.mode,
            "assignment": self.assignment,
            "started_at": self.started_at.isoformat(),
            "updated_at": self.clock().isoformat(),
            "finished": finished,
            "total": sum(r["points"] for r in self.rounds),
            "arguments": max(self.arguments, len(self.rounds)),
            "max_total": self.max_points * max(self.arguments, len(self.rounds)),
            "seconds": round(sum(r["seconds"] for r in self.rounds), 1),
            "rounds": self.rounds,
        }

    def _write(self, finished: bool) -> None:
        write_atomic(self.path, json.dumps(self.document(finished), indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- reading results


@dataclass(frozen=True)
class Skipped:
    """A file the report could not use, and why."""

    path: str
    reason: str


def _require(doc: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = doc.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f"'{key}' is missing or not {getattr(kind, '__name__', 'valid')}")
    return value


def validate_results(doc: Any) -> dict[str, Any]:
    """Check a parsed results file; raise ValueError naming the first problem."""
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    if doc.get("format") != FORMAT:
        raise ValueError('not a debate results file (no "format": "debate-results")')
    if doc.get("version") != VERSION:
        raise ValueError(f"results format version {doc.get('version')!r} is not supported (expected {VERSION})")
    _require(doc, "student", str)
    motion = _require(doc, "motion", dict)
    if not isinstance(motion.get("id"), str):
        raise ValueError("'motion.id' is missing")
    for key in ("total", "max_total"):
        _require(doc, key, int)
    _require(doc, "seconds", (int, float))
    rounds = _require(doc, "rounds", list)
    for i, r in enumerate(rounds, 1):
        if not isinstance(r, dict) or not isinstance(r.get("argument"), str) or not isinstance(r.get("verdicts"), list):
            raise ValueError(f"round {i} is malformed")
        if not isinstance(r.get("points"), int) or not isinstance(r.get("max_points"), int):
            raise ValueError(f"round {i} has no points")
        for v in r["verdicts"]:
            if (
                not isinstance(v, dict)
                or not isinstance(v.get("rebuttal"), str)
                or v.get("verdict")
                not in (
                    "hit",
                    "near",
                    "miss",
                )
            ):
                raise ValueError(f"round {i} has a malformed verdict")
    return doc


def results_files(paths: Iterable[Path]) -> list[Path]:
    """The ``.json`` files named by ``paths`` (folders searched recursively, sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            files.append(path)
        else:
            raise DebateError(f"{path}: no such file or folder")
    return files


def read_results(
    files: Sequence[Path], progress: Callable[[int, int], None] | None = None
) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Load every results file; malformed or foreign ones are returned as skipped, with the reason."""
    docs: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for i, path in enumerate(files, 1):
        if progress is not None:
            progress(i, len(files))
        try:
            if path.stat().st_size > 20 * 1024 * 1024:
                raise ValueError("larger than 20 MB")
            doc = validate_results(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            skipped.append(Skipped(str(path), f"unreadable: {exc}"))
            continue
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(str(path), f"not JSON (line {exc.lineno}: {exc.msg})"))
            continue
        except (ValueError, RecursionError) as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        key = str(doc.get("session") or path)
        if key in seen:
            skipped.append(Skipped(str(path), "duplicate of a session already read"))
            continue
        seen.add(key)
        docs.append(doc)
    return docs, skipped


# --------------------------------------------------------------------------- the class report


def _pct(points: float, total: float) -> float:
    return round(100.0 * points / total, 1) if total else 0.0


def build_report(
    docs: Sequence[dict[str, Any]], skipped: Sequence[Skipped] = (), pass_mark: float | None = None
) -> dict[str, Any]:
    """Merge results into the class report (JSON-ready).

    A student's score is their points over the points available across all their sessions; the pass mark
    comes from ``pass_mark``, else the assignment in the files, else 50%.
    """
    if pass_mark is None:
        marks = [d["assignment"]["pass_mark"] for d in docs if isinstance(d.get("assignment"), dict)]
        marks = [m for m in marks if isinstance(m, (int, float))]
        pass_mark = float(marks[0]) if marks else DEFAULT_PASS_MARK
    students: dict[str, dict[str, Any]] = {}
    matrix: dict[str, dict[str, float]] = defaultdict(dict)  # argument key -> student -> best %
    claims: dict[str, str] = {}
    found: dict[str, set[str]] = defaultdict(set)  # argument key -> rebuttals anybody hit
    bank: dict[str, set[str]] = defaultdict(set)
    misses: dict[str, int] = defaultdict(int)
    attempts: dict[str, int] = defaultdict(int)
    for doc in docs:
        name = doc["student"].strip()
        entry = students.setdefault(name, {"student": name, "sessions": 0, "points": 0, "max": 0, "seconds": 0.0})
        entry["sessions"] += 1
        entry["points"] += doc["total"]
        entry["max"] += doc["max_total"]
        entry["seconds"] += float(doc["seconds"])
        for r in doc["rounds"]:
            key = f"{doc['motion']['id']}/{r['argument']}"
            claims[key] = str(r.get("claim") or r["argument"])
            pct = _pct(r["points"], r["max_points"])
            matrix[key][name] = max(pct, matrix[key].get(name, 0.0))
            attempts[key] += 1
            hits = [v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "hit"]
            misses[key] += not hits
            found[key].update(hits)
            bank[key].update(v["rebuttal"] for v in r["verdicts"])
    rows = []
    for entry in sorted(students.values(), key=lambda e: e["student"].lower()):
        score = _pct(entry["points"], entry["max"])
        rows.append(
            {
                "student": entry["student"],
                "sessions": entry["sessions"],
                "points": entry["points"],
                "max_points": entry["max"],
                "score": score,
                "passed": score >= pass_mark,
                "minutes": round(entry["seconds"] / 60, 1),
            }
        )
    ranked = sorted(attempts, key=lambda k: (-misses[k] / attempts[k], -misses[k], k))
    most_missed = [{"argument": k, "claim": claims[k], "missed": misses[k], "attempts": attempts[k]} for k in ranked]
    nobody = [{"argument": k, "rebuttal": rebuttal} for k in sorted(bank) for rebuttal in sorted(bank[k] - found[k])]
    return {
        "pass_mark": pass_mark,
        "students": rows,
        "arguments": [{"argument": k, "claim": claims[k]} for k in sorted(matrix)],
        "matrix": {k: matrix[k] for k in sorted(matrix)},
        "most_missed": [m for m in most_missed if m["missed"]][:10],
        "nobody_found": nobody,
        "minutes_total": round(sum(r["minutes"] for r in rows), 1),
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
    }


def render(report: dict[str, Any], fmt: str) -> str:
    """The report as ``md``, ``csv`` or ``json`` text."""
    if fmt == "json":
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(report)
    if fmt == "md":
        return _markdown(report)
    raise DebateError(f"unknown report format '{fmt}' (md, csv or json)")


def _csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    args = [a["argument"] for a in report["arguments"]]
    writer.writerow(["student", "sessions", "points", "max_points", "score", "passed", "minutes", *args])
    for row in report["students"]:
        cells = [report["matrix"][a].get(row["student"], "") for a in args]
        writer.writerow(
            [row["student"], row["sessions"], row["points"], row["max_points"], row["score"], row["passed"],
             row["minutes"], *cells]
        )  # fmt: skip
    return out.getvalue()


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _markdown(report: dict[str, Any]) -> str:
    lines = ["# Class report", ""]
    students = report["students"]
    passed = sum(r["passed"] for r in students)
    lines += [
        f"{len(students)} student{'s' * (len(students) != 1)}, {passed} passed (pass mark {report['pass_mark']:g}%), "
        f"{report['minutes_total']:g} minutes of practice in all.",
        "",
        "## Students",
        "",
        "| Student | Sessions | Points | Score | Result | Minutes |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for r in students:
        result = "pass" if r["passed"] else "**not yet**"
        lines.append(
            f"| {_cell(r['student'])} | {r['sessions']} | {r['points']}/{r['max_points']} | {r['score']:g}% "
            f"| {result} | {r['minutes']:g} |"
        )
    if report["arguments"]:
        names = [r["student"] for r in students]
        lines += ["", "## Arguments × students (best score per argument, %)", ""]
        lines.append("| Argument | " + " | ".join(_cell(n) for n in names) + " |")
        lines.append("|---|" + "---:|" * len(names))
        for a in report["arguments"]:
            cells = report["matrix"][a["argument"]]
            row = " | ".join(f"{cells[n]:g}" if n in cells else "–" for n in names)
            lines.append(f"| `{a['argument']}` | {row} |")  # ids keep the table narrow; claims follow below
    if report["most_missed"]:
        lines += ["", "## Most missed", ""]
        lines += [
            f"- `{m['argument']}` {_cell(m['claim'])} — missed {m['missed']} of {m['attempts']}"
            for m in report["most_missed"]
        ]
    if report["nobody_found"]:
        lines += ["", "## Rebuttals nobody found", ""]
        by_argument: dict[str, list[str]] = {}
        for n in report["nobody_found"]:
            by_argument.setdefault(n["argument"], []).append(n["rebuttal"])
        lines += [f"- `{argument}`: {', '.join(rebuttals)}" for argument, rebuttals in by_argument.items()]
    if report["skipped"]:
        lines += ["", "## Skipped files", ""]
        lines += [f"- {_cell(s['path'])}: {_cell(s['reason'])}" for s in report["skipped"]]
    return "\n".join(lines) + "\n"


def progress_bar(stream: Any = None) -> Callable[[int, int], None] | None:
    """A stderr progress callback for large folders, or None when stderr is not a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 50:
            return
        width = 30
        filled = width * done // total
        stream.write(f"\rreading results [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show
