"""The teacher's side of a contest: the queue of answers to rule on, and the overrides file that keeps the rulings.

A ruling is stored in ``RESULTS_DIR/overrides.json`` (never in a student's file)::

    {"format": "debate-overrides", "version": 1,
     "rulings": [{"student": "Ana Lima", "session": "9f1c…", "round": 2, "motion": "ban-homework",
                  "argument": "practice-makes-perfect", "answer": "…", "rebuttal": "improve-not-ban",
                  "ruling": "accept" | "reject", "at": "2026-11-22T10:00:00+00:00"}]}

``accept``: the answer counts as a hit of the rebuttal; ``reject``: it does not count for it. A round is identified
by its session and its position; a ruling whose argument no longer matches that round is not applied. The report
applies rulings (:func:`apply_overrides`) so grades change before the bank is re-scored.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple, TypedDict

from debate.errors import DebateError
from debate.model import Motion
from debate.results import OVERRIDES_NAME, Loaded, ResultsFile, RoundRecord, VerdictRecord, write_atomic
from debate.text_safety import name_key

FORMAT = "debate-overrides"
VERSION = 1
RULINGS = ("accept", "reject")
LOW_MARGIN = 0.1
"""A hit scored below 0.5 + this is a low-margin hit (shown with ``--low-margin``)."""
MAX_RULINGS = 100_000


class Ruling(TypedDict):
    """A teacher's ruling on one answer."""

    student: str
    session: str
    round: int
    motion: str
    argument: str
    answer: str
    rebuttal: str
    ruling: str
    at: str


def overrides_path(results_dir: Path) -> Path:
    """Where a results folder's rulings live."""
    return results_dir / OVERRIDES_NAME


def untrusted(path: Path) -> str:
    """Why the rulings file at ``path`` is not the teacher's to trust, or ``""``: on a system with file owners it must
    be a file of the user reading it (who ran ``debate mark``) that no other user can write. Students can write to a
    shared results folder, so a file of theirs there could accept their own answers or reject a classmate's."""
    if os.name != "posix":  # (no owners to compare)
        return ""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return "is a link; the rulings file must be a file of yours in the results folder"
    if info.st_uid != os.geteuid():
        return f"belongs to another user (uid {info.st_uid}), not to you: its rulings are not applied"
    if info.st_mode & stat.S_IWOTH:
        return "can be changed by any user: its rulings are not applied (chmod o-w it once you have checked it)"
    return ""


def read_overrides(results_dir: Path) -> list[Ruling]:
    """The rulings of a results folder ([] when there are none); a damaged or untrusted (:func:`untrusted`) file is
    a one-line :class:`DebateError`."""
    from debate.files import FileProblem, read_limited

    path = overrides_path(results_dir)
    if not path.exists() and not path.is_symlink():
        return []
    if problem := untrusted(path):
        raise DebateError(f"{path}: {problem}")
    try:
        doc = json.loads(read_limited(path, 16 * 1024 * 1024, "overrides files").decode("utf-8"))
    except FileProblem as exc:
        raise DebateError(f"{path}: {exc.message}") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DebateError(f"{path}: not a readable overrides file ({str(exc).splitlines()[0]})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("rulings"), list):
        raise DebateError(f'{path}: not an overrides file (no "format": "{FORMAT}")')
    out: list[Ruling] = []
    for raw in doc["rulings"][:MAX_RULINGS]:
        if not isinstance(raw, dict) or raw.get("ruling") not in RULINGS:
            continue
        fields = ("student", "session", "motion", "argument", "answer", "rebuttal", "at")
        if not all(isinstance(raw.get(k), str) for k in fields) or not isinstance(raw.get("round"), int):
            continue
        out.append({**{k: raw[k] for k in fields}, "round": raw["round"], "ruling": raw["ruling"]})  # type: ignore[typeddict-item]
    return out


def round_key(session: str, student: str, index: int) -> tuple[str, str, int]:
    """Which answer a ruling is about: its session, student (by :func:`name_key`) and round (a session id alone is
    not enough: a copied or forged file may reuse another student's)."""
    return (session, name_key(student), index)


def ruled_round(ruling: Ruling) -> tuple[str, str, int]:
    """:func:`round_key` of the answer a ruling is about."""
    return round_key(ruling["session"], ruling["student"], ruling["round"])


def add_ruling(results_dir: Path, ruling: Ruling) -> None:
    """Save a ruling (replacing an earlier one on the same round), atomically; the file is created if needed."""
    rulings = [r for r in read_overrides(results_dir) if ruled_round(r) != ruled_round(ruling)]
    rulings.append(ruling)
    doc = {"format": FORMAT, "version": VERSION, "rulings": rulings}
    try:  # readable by the class's tools, writable by the teacher alone (see :func:`untrusted`)
        write_atomic(overrides_path(results_dir), json.dumps(doc, indent=2, ensure_ascii=False) + "\n", mode=0o644)
    except OSError as exc:
        raise DebateError(f"{overrides_path(results_dir)}: cannot write ({exc.strerror or exc})") from None


def make_ruling(item: Item, rebuttal: str, ruling: str, at: datetime.datetime | None = None) -> Ruling:
    """The ruling record for a queue item."""
    moment = at or datetime.datetime.now(datetime.UTC)
    return {
        "student": item.student,
        "session": item.session,
        "round": item.index,
        "motion": item.motion_id,
        "argument": item.round["argument"],
        "answer": item.round["answer"],
        "rebuttal": rebuttal,
        "ruling": ruling,
        "at": moment.isoformat(timespec="seconds"),
    }


# --------------------------------------------------------------------------- the queue


@dataclass
class Item:
    """One answer for the teacher to rule on."""

    path: str
    student: str
    session: str
    index: int
    motion_id: str
    round: RoundRecord
    reason: str
    """``contested``, ``near miss`` or ``low-margin hit``."""
    rebuttal: str | None
    """The rebuttal the ruling is about by default (the contest's, else the best verdict's)."""
    problem: str = ""
    """Why it cannot be ruled on against the current motion (it changed), or ''."""
    ruled: str = ""
    """An earlier ruling on it (``accept``/``reject``), or ''."""

    @property
    def contest(self) -> dict[str, Any] | None:
        """The student's contest, if any."""
        value = self.round.get("contest")
        return dict(value) if value else None


def queue(
    loaded: Sequence[Loaded],
    motions: Mapping[str, Motion],
    *,
    near: bool = False,
    low_margin: bool = False,
    rulings: Sequence[Ruling] = (),
) -> list[Item]:
    """Contested answers (and, if asked, near misses and low-margin hits), contested first, oldest first."""
    done = {ruled_round(r): r["ruling"] for r in rulings}
    out: list[Item] = []
    for item in loaded:
        doc = item.doc
        for i, r in enumerate(doc["rounds"]):
            if r["skipped"]:
                continue
            best = max(r["verdicts"], key=lambda v: v["score"], default=None)
            contest = r.get("contest")
            if contest:
                reason = "contested"
            elif near and r["outcome"] == "near":
                reason = "near miss"
            elif low_margin and best is not None and best["verdict"] == "hit" and best["score"] < 0.5 + LOW_MARGIN:
                reason = "low-margin hit"
            else:
                continue
            rebuttal = (contest["rebuttal"] if contest else None) or (best["rebuttal"] if best else None)
            entry = Item(item.path, doc["student"], doc["session"], i, doc["motion"]["id"], r, reason, rebuttal)
            entry.problem = problem_with(entry, motions)
            entry.ruled = done.get(round_key(doc["session"], doc["student"], i), "")
            out.append(entry)
    order = {"contested": 0, "near miss": 1, "low-margin hit": 2}
    out.sort(key=lambda e: (order[e.reason], e.round["answered_at"] or "", e.path, e.index))
    return out


def classmates_answers(loaded: Sequence[Loaded], item: Item) -> list[tuple[str, str]]:
    """``(student, answer)`` of every other answer in the folder to the item's motion and argument (not skipped, not
    empty): the answers a ruling on the item may move."""
    return [
        (doc["student"], r["answer"])
        for doc in (each.doc for each in loaded)
        if doc["motion"]["id"] == item.motion_id
        for n, r in enumerate(doc["rounds"])
        if r["argument"] == item.round["argument"]
        and not r["skipped"]
        and r["answer"].strip()
        and (doc["session"], n) != (item.session, item.index)
    ]


def problem_with(item: Item, motions: Mapping[str, Motion]) -> str:
    """'' when the item's motion, argument and rebuttal still exist; else one line saying what changed."""
    motion = motions.get(item.motion_id)
    if motion is None:
        return (
            f"motion '{item.motion_id}' is not among the motions found: give its file or folder with --motions "
            "(debate --motions PATH mark RESULTS_DIR)"
        )
    try:
        _, argument = motion.argument(item.round["argument"])
    except KeyError:
        return f"argument '{item.round['argument']}' is no longer in motion '{item.motion_id}'"
    if item.rebuttal is not None and item.rebuttal not in {r.id for r in argument.rebuttals}:
        return f"rebuttal '{item.rebuttal}' is no longer in argument '{argument.id}'"
    return ""


# --------------------------------------------------------------------------- rulings in the report


class _V(NamedTuple):
    candidate_id: str
    verdict: str


def apply_overrides(
    loaded: Sequence[Loaded], rulings: Sequence[Ruling], motions: Mapping[str, Motion]
) -> tuple[list[Loaded], list[dict[str, Any]]]:
    """Copies of the results with the teacher's rulings applied (the files are not touched), and what changed.

    An accepted answer hits its rebuttal; a rejected one does not. Points follow the trainer's rule
    (:func:`debate.scoring.points_for`, hint costs included) with the bank's strengths; when the motion is not at hand
    (not given to the report, or gone), the recorded points move only by what the ruling changed (by that rule with
    every strength 1): a rejected near miss beside a hit costs nothing, as with the bank.
    Each overridden round carries ``override``: the ruling, the rebuttal and what it was before.
    """
    from debate.scoring import points_for

    by_round = {ruled_round(r): r for r in rulings}
    out: list[Loaded] = []
    applied: list[dict[str, Any]] = []
    for item in loaded:
        doc = item.doc
        rounds: list[RoundRecord] = []
        for i, r in enumerate(doc["rounds"]):
            ruling = by_round.get(round_key(doc["session"], doc["student"], i))
            if ruling is None or ruling["argument"] != r["argument"] or r["skipped"]:
                rounds.append(r)
                continue
            verdicts: list[VerdictRecord] = [dict(v) for v in r["verdicts"]]  # type: ignore[misc]
            target = ruling["rebuttal"]
            if not any(v["rebuttal"] == target for v in verdicts):
                verdicts.append({"rebuttal": target, "score": 0.0, "verdict": "miss"})
            for v in verdicts:
                if v["rebuttal"] == target:
                    v["verdict"] = "hit" if ruling["ruling"] == "accept" else "miss"
            strengths: dict[str, int] | None = None
            motion = motions.get(doc["motion"]["id"])
            if motion is not None:
                with contextlib.suppress(KeyError):
                    strengths = {b.id: b.strength for b in motion.argument(r["argument"])[1].rebuttals}
            hit = any(v["verdict"] == "hit" for v in verdicts)
            nearly = any(v["verdict"] == "near" for v in verdicts)
            ruled = points_for([_V(v["rebuttal"], v["verdict"]) for v in verdicts], strengths or {}, r["hints_used"])  # type: ignore[misc]
            if strengths is None and (hit or nearly):  # the bank is not at hand: the recorded points, moved only by
                # what the ruling moved (with nothing left to credit, nothing is earned, whatever the strengths)
                judged = points_for([_V(v["rebuttal"], v["verdict"]) for v in r["verdicts"]], {}, r["hints_used"])  # type: ignore[misc]
                ruled = max(0, r["points"] + ruled - judged)
            points = min(ruled, r["max_points"])
            outcome = "hit" if hit else "near" if nearly else "timeout" if r["timed_out"] else "miss"
            was = {"outcome": r["outcome"], "points": r["points"]}
            new: RoundRecord = {**r, "verdicts": verdicts, "points": points, "outcome": outcome}
            new["override"] = {"ruling": ruling["ruling"], "rebuttal": target, "was": was}
            rounds.append(new)
            applied.append(
                {
                    "student": doc["student"],
                    "motion": doc["motion"]["id"],
                    "argument": r["argument"],
                    "session": doc["session"],
                    "answer": r["answer"],
                    "ruling": ruling["ruling"],
                    "rebuttal": target,
                    "was": was,
                    "now": {"outcome": outcome, "points": points},
                }
            )
        new_doc: ResultsFile = {**doc, "rounds": rounds, "total": sum(r["points"] for r in rounds)}
        out.append(replace(item, doc=new_doc))
    return out, applied
