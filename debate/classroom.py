"""The class report: grades a teacher can stand behind, built from students' results files.

Rules (the classroom contract in DESIGN.md):

* Results are grouped by assignment: its ``id``, else a fingerprint of its title, motions and mode (version 1 files:
  its title); sessions without an assignment are free practice, reported apart. With the teacher's assignment file
  only its group is graded and the report says what it left out.
* A student is a name compared case-, accent- and space-insensitively (:func:`~debate.text_safety.match_key`), shown
  as the roster spells it unless the student wrote accents the roster lacks, else as first written. A roster name
  with nothing handed in and a name off the roster spelt much like it are paired as a "did you mean", never merged.
* Per student and motion one attempt counts: the best (default), the latest or the first (``--attempts``); under
  ``best`` a retake never lowers a grade. Every attempt stays in the report.
* A grade is over every motion of the assignment: a motion not started counts 0 and is named. Points available per
  motion come from the teacher's motion (its arguments for the side rebutted), else from the attempts themselves.
* Pass needs the pass mark over the whole assignment; the pass mark comes from ``--pass-mark``, else the teacher's
  assignment file, else 50 — never from a student's file. Free practice has no pass or fail.
* Late: finished (or last written, if never finished) after the end of the due day, in the report machine's time zone.
* An attempt that did not finish is quit (the student ended it), in progress (it never ended and its file changed in
  the last two minutes) or closed (never ended, quiet longer): :func:`session_status`, the live class view's rule too.
* An answer recorded under an argument id the teacher's motion no longer has counts under the argument with the same
  claim (renamed since); with none, it is shown apart as no longer in the motion (:func:`renamed_arguments`).
* A results file that cannot be read is skipped and counted. Where its name (as the trainer writes it: the student's
  and the motion's slugs, the time, the session) fits exactly one student of one group, on one of its motions, that
  student is flagged "file unreadable" (instead of "not submitted" when nothing else of theirs was read); otherwise
  the report does not guess.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from debate.results import Loaded, ResultsFile, RoundRecord, Skipped, VerdictRecord, assignment_fingerprint
from debate.text_safety import APOSTROPHES, accents, match_key, name_key

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.judge import Judge
    from debate.model import Motion

Policy = Literal["best", "latest", "first"]
POLICIES: tuple[str, ...] = ("best", "latest", "first")
DEFAULT_PASS_MARK = 50.0
REPORT_FORMAT = "debate-class-report"
REPORT_VERSION = 1
UNFINISHED = ("quit", "closed", "in progress")
"""How a counted attempt that did not finish stands (:func:`session_status`)."""
CELLS = ("hit", "near", "miss", "skipped", "timeout", "not reached", "not started")
"""What a grid cell can say about one student and one argument."""


def _pct(points: float, total: float) -> float:
    return round(100.0 * points / total, 1) if total else 0.0


def _moment(text: str | None) -> datetime.datetime | None:
    if not text:
        return None
    return datetime.datetime.fromisoformat(text)


def deadline(due: str | None) -> datetime.datetime | None:
    """The end of the due day (local time of this machine), or None without a due date."""
    if not due:
        return None
    try:
        day = datetime.date.fromisoformat(due)
    except ValueError:
        return None
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()).astimezone()


# --------------------------------------------------------------------------- the teacher's view


@dataclass(frozen=True)
class Group:
    """One assignment (or free practice) as the report grades it."""

    key: str
    """``id:…``, ``fingerprint:…``, ``title:…`` or ``practice``."""
    title: str
    source: str
    """Where the assignment's definition came from: "assignment file", "results files" or "free practice"."""
    motions: tuple[tuple[str, str], ...]
    """(motion id, side the students argue) in order; free practice: every motion practised."""
    pass_mark: float | None
    pass_mark_source: str
    due: str | None = None
    roster: tuple[str, ...] = ()
    mode: str = "full"
    id: str | None = None
    fingerprint: str | None = None


def _doc_group_key(doc: ResultsFile) -> str:
    stamp = doc["assignment"]
    if stamp is None:
        return "practice"
    if stamp["id"]:
        return f"id:{stamp['id']}"
    if stamp["fingerprint"]:
        return f"fingerprint:{stamp['fingerprint']}"
    return f"title:{' '.join(stamp['title'].split()).casefold()}"


def _matches(doc: ResultsFile, assignment: Assignment, fingerprint: str) -> bool:
    stamp = doc["assignment"]
    if stamp is None:
        return False
    if assignment.id and stamp["id"] == assignment.id:
        return True
    if stamp["fingerprint"]:
        return stamp["fingerprint"] == fingerprint and not (
            stamp["id"] and assignment.id and stamp["id"] != assignment.id
        )
    return name_key(stamp["title"]) == name_key(assignment.title)  # version 1 files carry only the title


def group_results(
    loaded: Sequence[Loaded],
    assignment: Assignment | None = None,
    pass_mark: float | None = None,
    roster: Sequence[str] = (),
) -> tuple[list[tuple[Group, list[Loaded]]], list[dict[str, Any]]]:
    """Split the files into the groups to grade, and describe what was left out (one dict per other group)."""
    buckets: dict[str, list[Loaded]] = defaultdict(list)
    if assignment is not None:
        fingerprint = assignment_fingerprint(assignment.title, assignment.motions, assignment.mode)
        key = f"id:{assignment.id}" if assignment.id else f"fingerprint:{fingerprint}"
        for item in loaded:
            buckets[key if _matches(item.doc, assignment, fingerprint) else _doc_group_key(item.doc)].append(item)
        teacher = Group(
            key=key,
            title=assignment.title,
            source="assignment file",
            motions=tuple(assignment.motions),
            pass_mark=pass_mark if pass_mark is not None else float(assignment.pass_mark),
            pass_mark_source="--pass-mark" if pass_mark is not None else "assignment file",
            due=assignment.due,
            roster=tuple(roster) or assignment.roster,
            mode=assignment.mode,
            id=assignment.id,
            fingerprint=fingerprint,
        )
        left_out = [_describe(k, items) for k, items in buckets.items() if k != key]
        for described, items in zip(left_out, (v for k, v in buckets.items() if k != key), strict=True):
            stamp = items[0].doc["assignment"]
            if stamp is not None and stamp["id"] and stamp["fingerprint"] == fingerprint:
                described["same_but_id"] = stamp["id"]  # this assignment, its id edited (or mistyped) since
        return [(teacher, buckets.get(key, []))], left_out
    for item in loaded:
        buckets[_doc_group_key(item.doc)].append(item)
    groups = [(_group_from_files(k, items, pass_mark, roster), items) for k, items in buckets.items()]
    groups.sort(key=lambda g: (g[0].key == "practice", g[0].title.casefold()))
    return groups, []


def _describe(key: str, items: Sequence[Loaded]) -> dict[str, Any]:
    stamp = items[0].doc["assignment"]
    return {
        "group": key,
        "title": "free practice" if stamp is None else stamp["title"],
        "files": len(items),
        "students": len({match_key(i.doc["student"]) for i in items}),
    }


def _group_from_files(key: str, items: Sequence[Loaded], pass_mark: float | None, roster: Sequence[str]) -> Group:
    """A group described by its results files (no teacher's file): motions from the files, pass mark not."""
    docs = [i.doc for i in items]
    if key == "practice":
        seen: dict[str, str] = {}
        for d in docs:
            seen.setdefault(d["motion"]["id"], d["side"])
        return Group(key, "Free practice", "free practice", tuple(seen.items()), None, "free practice is not graded")
    stamps = [d["assignment"] for d in docs if d["assignment"] is not None]
    listed = Counter(tuple((m["id"], m["side"]) for m in s["motions"]) for s in stamps if s["motions"])
    if listed:
        once: dict[str, str] = {}
        for motion_id, side in listed.most_common(1)[0][0]:
            once.setdefault(motion_id, side)  # a motion listed twice counts once: attempts are graded by motion
        motions = tuple(once.items())
    else:  # version 1 files: the motions students practised under this title
        found: dict[str, str] = {}
        for d in docs:
            found.setdefault(d["motion"]["id"], d["side"])
        motions = tuple(found.items())
    title = Counter(s["title"] for s in stamps).most_common(1)[0][0] if stamps else key
    mode = Counter(d["mode"] for d in docs).most_common(1)[0][0] if docs else "full"
    return Group(
        key=key,
        title=title,
        source="results files",
        motions=motions,
        pass_mark=pass_mark if pass_mark is not None else DEFAULT_PASS_MARK,
        pass_mark_source="--pass-mark" if pass_mark is not None else "default; set it with --assignment or --pass-mark",
        roster=tuple(roster),
        mode=mode,
        id=stamps[0]["id"] if stamps else None,
        fingerprint=stamps[0]["fingerprint"] if stamps else None,
    )


# --------------------------------------------------------------------------- attempts


WORKING_FOR = 120.0
"""A session that never ended is *in progress* while its file changed within this many seconds (the student is
working), and *closed* after that (the tab or terminal was closed mid-session, or the student has been idle that
long). The report and the live class view both decide by :func:`session_status`."""


def session_status(item: Loaded, now: datetime.datetime) -> str:
    """How a session stands at ``now``, in the report and the live class view alike: finished, quit, or, for one
    that never ended (``running`` in its file), in progress while its file changed within :data:`WORKING_FOR`
    seconds, else closed.

    When the file last changed is its modification time as read (:attr:`~debate.results.Loaded.changed`); for a
    document not read from a file, its ``updated_at``."""
    status = item.doc["status"]
    if status != "running":
        return status
    changed = item.changed
    if changed is None:
        written = _moment(item.doc["updated_at"])
        changed = written.timestamp() if written is not None else None
    return "in progress" if changed is not None and now.timestamp() - changed <= WORKING_FOR else "closed"


@dataclass
class Attempt:
    """One session of one student on one motion."""

    path: str
    doc: ResultsFile
    status: str
    """finished, quit, in progress or closed (:func:`session_status`, when the report was made)."""
    number: int = 0
    """1, 2, … in the order the student started them."""
    late: bool = False
    counted: bool = False

    @property
    def points(self) -> int:
        return sum(r["points"] for r in self.doc["rounds"])

    @property
    def max_points(self) -> int:
        return self.doc["max_total"]

    @property
    def started(self) -> datetime.datetime | None:
        return _moment(self.doc["started_at"])

    @property
    def ended(self) -> datetime.datetime | None:
        return _moment(self.doc["finished_at"] or self.doc["updated_at"])

    @property
    def seconds_in_app(self) -> float:
        start, end = self.started, self.ended
        if start is None or end is None:
            return self.doc["seconds"]
        return max(self.doc["seconds"], min((end - start).total_seconds(), 12 * 3600.0))

    @property
    def timed_out(self) -> int:
        return sum(r["timed_out"] for r in self.doc["rounds"])


def _sort_key(a: Attempt) -> tuple[str, str]:
    return (a.doc["started_at"] or "", a.path)


def choose(attempts: Sequence[Attempt], policy: str, available: int) -> Attempt:
    """The attempt that counts: best (most points; then finished; then the later), latest or first started."""
    ordered = sorted(attempts, key=_sort_key)
    if policy == "latest":
        return ordered[-1]
    if policy == "first":
        return ordered[0]
    return max(ordered, key=lambda a: (min(a.points, available or a.points), a.status == "finished", _sort_key(a)))


# --------------------------------------------------------------------------- the report


MotionLookup = Callable[[str], "Motion | None"]


@dataclass
class _Argument:
    key: str
    motion: str
    argument: str
    label: str
    claim: str
    rebuttals: list[dict[str, Any]] = field(default_factory=list)
    in_motion: bool | None = None
    """Whether the teacher's motion has this argument; None when the motion is not at hand."""


def _arguments(group: Group, docs: Sequence[ResultsFile], lookup: MotionLookup) -> list[_Argument]:
    """Every argument students of the group rebut, in the assignment's order (bank first, then any others seen)."""
    from debate.model import other_side

    seen: dict[str, dict[str, str]] = defaultdict(dict)  # motion -> argument -> claim
    for d in docs:
        for r in d["rounds"]:
            seen[d["motion"]["id"]].setdefault(r["argument"], r["claim"])
    out: list[_Argument] = []
    for motion_id, side in group.motions:
        motion = lookup(motion_id)
        ids: dict[str, _Argument] = {}
        if motion is not None and side in ("proposition", "opposition"):
            for a in motion.arguments(other_side(side)):  # type: ignore[arg-type]
                rebuttals = sorted(a.rebuttals, key=lambda r: -r.strength)
                ids[a.id] = _Argument(
                    f"{motion_id}/{a.id}",
                    motion_id,
                    a.id,
                    "",
                    a.claim,
                    [{"id": r.id, "text": r.text, "type": r.type, "strength": r.strength} for r in rebuttals],
                    True,
                )
        known = _argument_ids(motion) if motion is not None else None
        for argument_id, claim in seen.get(motion_id, {}).items():
            if argument_id not in ids:
                ids[argument_id] = _Argument(
                    f"{motion_id}/{argument_id}",
                    motion_id,
                    argument_id,
                    "",
                    claim or "",
                    in_motion=None if known is None else argument_id in known,
                )
        out += ids.values()
    for i, item in enumerate(out, 1):
        item.label = f"A{i}"
    return out


def _argument_ids(motion: Motion) -> set[str]:
    return {a.id for a in (*motion.proposition, *motion.opposition)}


def _claim_key(claim: str) -> str:
    return " ".join(claim.split()).casefold()


def renamed_arguments(
    loaded: Sequence[Loaded], motions: Mapping[str, Motion]
) -> tuple[list[Loaded], list[dict[str, Any]]]:
    """Copies of the results in which an answer recorded under an argument id its motion no longer has counts under
    the argument with the same claim (the argument was renamed since), and one note per such recorded id.

    The claim as recorded is compared with the claims of the side the student rebutted, case and spacing aside, and
    must be one argument's alone. A moved round keeps the id it was recorded under in ``recorded_as``. A note is
    ``{"motion", "argument" (as recorded), "claim", "students" (how many answered it), "now"}``; ``now`` is the id
    the answers count under, or None when no argument has that claim (the report shows it apart, as no longer in
    the motion). Only motions at hand are looked at; the files are not touched.
    """
    from debate.model import other_side

    out: list[Loaded] = []
    notes: dict[tuple[str, str], dict[str, Any]] = {}
    answered: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in loaded:
        doc = item.doc
        motion = motions.get(doc["motion"]["id"])
        if motion is None:
            out.append(item)
            continue
        known = _argument_ids(motion)
        rebutted = motion.arguments(other_side(doc["side"])) if doc["side"] else ()  # type: ignore[arg-type]
        claims = Counter(_claim_key(a.claim) for a in rebutted)
        by_claim = {_claim_key(a.claim): a.id for a in rebutted}
        rounds: list[RoundRecord] = []
        for r in doc["rounds"]:
            if r["argument"] in known:
                rounds.append(r)
                continue
            claim = _claim_key(r["claim"])
            now = by_claim[claim] if claims[claim] == 1 else None
            key = (motion.id, r["argument"])
            notes.setdefault(key, {"motion": motion.id, "argument": r["argument"], "claim": r["claim"], "now": now})
            answered[key].add(match_key(doc["student"]))
            if now is None:
                rounds.append(r)
            else:
                moved: RoundRecord = {**r, "argument": now, "recorded_as": r["argument"]}
                rounds.append(moved)
        changed = any(a is not b for a, b in zip(rounds, doc["rounds"], strict=True))
        out.append(dataclasses.replace(item, doc={**doc, "rounds": rounds}) if changed else item)
    return out, [{**note, "students": len(answered[key])} for key, note in notes.items()]


def _available(group: Group, motion_id: str, attempts: Sequence[Attempt], lookup: MotionLookup) -> int:
    """Points available on one motion: the teacher's motion decides (its arguments, at the app's
    :data:`~debate.scoring.MAX_POINTS` each, whatever a file says); else the attempts (median, so one file can't)."""
    from debate.model import other_side
    from debate.scoring import MAX_POINTS

    side = dict(group.motions).get(motion_id, "")
    motion = lookup(motion_id)
    if motion is not None and side in ("proposition", "opposition"):
        count = len(motion.arguments(other_side(side)))  # type: ignore[arg-type]
        if group.mode == "quick":
            count = min(count, 3)
        return MAX_POINTS * count
    sizes = [a.max_points for a in attempts if a.max_points]
    return int(statistics.median_low(sizes)) if sizes else 0


def _round_json(r: RoundRecord) -> dict[str, Any]:
    return {
        "argument": r["argument"],
        "answer": r["answer"],
        "outcome": r["outcome"],
        "points": r["points"],
        "max_points": r["max_points"],
        "hints_used": r["hints_used"],
        "skipped": r["skipped"],
        "timed_out": r["timed_out"],
        "seconds": r["seconds"],
        "answered_at": r["answered_at"],
        "verdicts": [dict(v) for v in r["verdicts"]],
        **({"override": r["override"]} if r.get("override") else {}),
        **({"recorded_as": r["recorded_as"]} if r.get("recorded_as") else {}),
    }


def _cell(round_: RoundRecord | None) -> str:
    if round_ is None:
        return "not reached"
    return round_["outcome"]


def build_group(
    group: Group,
    items: Sequence[Loaded],
    policy: str = "best",
    lookup: MotionLookup = lambda _id: None,
    unreadable: Mapping[str, Sequence[str]] | None = None,
    now: datetime.datetime | None = None,
) -> dict[str, Any]:
    """Grade one group: JSON-ready, with every attempt and every round.

    ``unreadable`` maps a student (by :func:`~debate.text_safety.match_key`) to their files that could not be read
    (:func:`skipped_owners`): they are flagged, and a roster name with nothing else read is listed under
    ``unreadable`` instead of ``not_submitted``. ``now`` (default: now) tells a session in progress from a closed
    one (:func:`session_status`)."""
    unreadable = unreadable or {}
    now = now or datetime.datetime.now(datetime.UTC)
    motion_ids = [m for m, _ in group.motions]
    sides = dict(group.motions)

    def in_assignment(doc: ResultsFile) -> bool:  # (a motion's other side, argued before its side was corrected: no)
        return doc["motion"]["id"] in sides and (
            group.source == "free practice" or doc["side"] == sides[doc["motion"]["id"]]
        )

    docs = [i.doc for i in items if in_assignment(i.doc)]
    arguments = _arguments(group, docs, lookup)
    limit = deadline(group.due)

    # students: the roster's spelling first, else the first written (earliest started); accents the student wrote win
    names: dict[str, str] = {}
    for name in group.roster:
        names.setdefault(match_key(name), name)
    attempts: dict[str, dict[str, list[Attempt]]] = defaultdict(lambda: defaultdict(list))
    extra: list[Attempt] = []  # sessions on motions (or a motion's side) outside the assignment
    for item in sorted(items, key=lambda i: (i.doc["started_at"] or "", i.path)):
        key = match_key(item.doc["student"])
        if accents(item.doc["student"]) > accents(names.setdefault(key, item.doc["student"])):
            names[key] = item.doc["student"]  # "Zoe O'Neill" on the roster is "Zoë O'Neill" to herself
        attempt = Attempt(item.path, item.doc, session_status(item, now))
        if limit is not None:
            ended = attempt.ended
            attempt.late = ended is not None and ended > limit
        if in_assignment(item.doc):
            attempts[key][item.doc["motion"]["id"]].append(attempt)
        else:
            extra.append(attempt)
    available = {
        m: _available(group, m, [a for s in attempts.values() for a in s.get(m, [])], lookup) for m in motion_ids
    }
    roster_keys = {match_key(n) for n in group.roster}
    graded = group.pass_mark is not None
    students: list[dict[str, Any]] = []
    grid: dict[str, dict[str, str]] = {}
    for key, shown in names.items():
        per_motion = attempts.get(key, {})
        if not per_motion and key in roster_keys:
            continue  # on the roster, nothing read: listed under "not submitted" (or "unreadable")
        motions_out: list[dict[str, Any]] = []
        points = total = 0
        seconds_app = seconds_answering = 0.0
        late = False
        cells: dict[str, str] = {}
        own_motions = motion_ids if group.source != "free practice" else [m for m in motion_ids if m in per_motion]
        for motion_id in own_motions:
            tries = sorted(per_motion.get(motion_id, []), key=_sort_key)
            for n, a in enumerate(tries, 1):
                a.number = n
            avail = available[motion_id]
            counted = choose(tries, policy, avail) if tries else None
            if counted is not None:
                counted.counted = True
                late = late or counted.late
            got = min(counted.points, avail) if counted is not None and avail else (counted.points if counted else 0)
            points += got
            total += avail if avail else (counted.max_points if counted else 0)
            rounds = {r["argument"]: r for r in counted.doc["rounds"]} if counted else {}
            for arg in arguments:
                if arg.motion == motion_id:
                    cells[arg.key] = _cell(rounds.get(arg.argument)) if counted is not None else "not started"
            seconds_app += sum(a.seconds_in_app for a in tries)
            seconds_answering += sum(a.doc["seconds"] for a in tries)
            motions_out.append(
                {
                    "motion": motion_id,
                    "started": counted is not None,
                    "points": got,
                    "max_points": avail,
                    "score": _pct(got, avail),
                    "counted_attempt": counted.number if counted else None,
                    "status": counted.status if counted else "not started",
                    "late": counted.late if counted else False,
                    "attempts": [_attempt_json(a) for a in tries],
                }
            )
        grid[key] = cells
        score = _pct(points, total)
        missing = [m["motion"] for m in motions_out if not m["started"]]
        unfinished = [f"{m['motion']} ({m['status']})" for m in motions_out if m["status"] in UNFINISHED]
        students.append(
            {
                "student": shown,
                "key": key,
                "points": points,
                "max_points": total,
                "score": score,
                "passed": (score >= group.pass_mark and total > 0) if graded and group.pass_mark is not None else None,
                "complete": not missing and not unfinished,
                "not_started": missing,
                "unfinished": unfinished,
                "late": late,
                "on_roster": (key in roster_keys) if group.roster else None,
                "attempts": sum(len(v) for v in per_motion.values()),
                "minutes_in_app": round(seconds_app / 60, 1),
                "minutes_answering": round(seconds_answering / 60, 1),
                "first_started": min(
                    (a.doc["started_at"] for v in per_motion.values() for a in v if a.doc["started_at"]),
                    default=None,
                    key=datetime.datetime.fromisoformat,  # (files may carry other UTC offsets)
                ),
                # an attempt that ended early or never ended finished nothing (its own row says when it stopped)
                "last_finished": max(
                    (
                        a.doc["finished_at"]
                        for v in per_motion.values()
                        for a in v
                        if a.status == "finished" and a.doc["finished_at"]
                    ),
                    default=None,
                    key=datetime.datetime.fromisoformat,
                ),
                "motions": motions_out,
                "cells": cells,
                "unreadable_files": list(unreadable.get(key, [])),
            }
        )
    students.sort(key=lambda s: s["key"])
    submitted = {s["key"] for s in students}
    missing = [n for n in group.roster if match_key(n) not in submitted]
    not_submitted = [n for n in missing if match_key(n) not in unreadable]
    unreadable_only = [
        {"student": n, "files": list(unreadable[match_key(n)])} for n in missing if n not in not_submitted
    ]
    did_you_mean = _near_names(not_submitted, [s for s in students if s["on_roster"] is False])

    # arguments: who missed them (students, not rounds) and which rebuttals nobody found in any attempt
    hit_by: dict[str, set[str]] = defaultdict(set)
    bank_seen: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for r in d["rounds"]:
            k = f"{d['motion']['id']}/{r['argument']}"
            bank_seen[k].update(v["rebuttal"] for v in r["verdicts"])
            hit_by[k].update(v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "hit")
    args_out: list[dict[str, Any]] = []
    for arg in arguments:
        reached = [s for s in students if s["cells"].get(arg.key) in ("hit", "near", "miss", "skipped", "timeout")]
        missed = [s for s in reached if s["cells"][arg.key] != "hit"]
        known = {r["id"] for r in arg.rebuttals}
        bank = arg.rebuttals + [
            {"id": r, "text": "", "type": "", "strength": 0} for r in sorted(bank_seen[arg.key] - known)
        ]
        args_out.append(
            {
                "key": arg.key,
                "label": arg.label,
                "motion": arg.motion,
                "argument": arg.argument,
                "claim": arg.claim,
                "in_motion": arg.in_motion,
                "rebuttals": arg.rebuttals,
                "students_reached": len(reached),
                "students_missed": len(missed),
                "students_near": sum(s["cells"][arg.key] == "near" for s in reached),
                "nobody_found": [r for r in bank if r["id"] not in hit_by[arg.key]] if reached else [],
            }
        )
    most_missed = sorted(
        (a for a in args_out if a["students_missed"]),
        key=lambda a: (-a["students_missed"] / a["students_reached"], -a["students_missed"], a["label"]),
    )
    passed = [s for s in students if s["passed"]]
    return {
        "group": group.key,
        "title": group.title,
        "source": group.source,
        "assignment_id": group.id,
        "fingerprint": group.fingerprint,
        "motions": [{"motion": m, "side": s, "max_points": available[m]} for m, s in group.motions],
        "pass_mark": group.pass_mark,
        "pass_mark_source": group.pass_mark_source,
        "due": group.due,
        "roster": list(group.roster),
        "attempt_policy": policy,
        "files": len(items),
        "outside_assignment": [
            {
                "student": names[match_key(a.doc["student"])],
                "motion": a.doc["motion"]["id"],
                "side": a.doc["side"],
                "file": a.path,
            }
            for a in extra
        ],
        "summary": {
            "students": len(students),
            "passed": len(passed),
            "not_passed": sum(s["passed"] is False for s in students),
            "incomplete": sum(not s["complete"] for s in students),
            "late": sum(s["late"] for s in students),
            "not_submitted": len(not_submitted),
            "unreadable": len(unreadable_only) + sum(bool(s["unreadable_files"]) for s in students),
            "minutes_in_app": round(sum(s["minutes_in_app"] for s in students), 1),
        },
        "students": students,
        "not_submitted": not_submitted,
        "unreadable": unreadable_only,
        "did_you_mean": did_you_mean,
        "arguments": args_out,
        "most_missed": [a["key"] for a in most_missed][:10],
    }


NEAR_NAME = 85
"""How alike (rapidfuzz ``token_sort_ratio`` of the match keys, 0-100) a roster name with nothing handed in and a name
off the roster must be for the report to ask whether they are one student ("Ben Okafor" and "Ben Okafr": 95)."""


def _near_names(not_submitted: Sequence[str], off_roster: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Each roster name with nothing handed in, paired with the off-roster name spelt most like it (each used once)."""
    from rapidfuzz import fuzz, process

    left = {s["key"]: s["student"] for s in off_roster}
    pairs: list[dict[str, str]] = []
    for name in not_submitted:
        found = process.extractOne(match_key(name), list(left), scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_NAME)
        if found is not None:
            pairs.append({"roster": name, "student": left.pop(found[0])})
    return pairs


def _attempt_json(a: Attempt) -> dict[str, Any]:
    d = a.doc
    return {
        "attempt": a.number,
        "counted": a.counted,
        "file": a.path,
        "session": d["session"],
        "student_as_written": d["student"],
        "side": d["side"],
        "mode": d["mode"],
        "status": a.status,
        "started_at": d["started_at"],
        "finished_at": d["finished_at"],
        "updated_at": d["updated_at"],
        "late": a.late,
        "points": a.points,
        "max_points": a.max_points,
        "arguments": d["arguments"],
        "rounds_answered": len(d["rounds"]),
        "timed_out_rounds": a.timed_out,
        "hints_used": sum(r["hints_used"] for r in d["rounds"]),
        "minutes_in_app": round(a.seconds_in_app / 60, 1),
        "minutes_answering": round(d["seconds"] / 60, 1),
        "rounds": [_round_json(r) for r in d["rounds"]],
    }


def build_report(
    loaded: Sequence[Loaded],
    skipped: Sequence[Skipped] = (),
    *,
    assignment: Assignment | None = None,
    pass_mark: float | None = None,
    roster: Sequence[str] = (),
    policy: str = "best",
    motions: Mapping[str, Motion] | None = None,
    generated_at: datetime.datetime | None = None,
) -> dict[str, Any]:
    """The class report (JSON-ready): one graded section per group, what was left out, and the skipped files."""
    if policy not in POLICIES:
        raise ValueError(f"attempt policy must be best, latest or first, not {policy!r}")
    table = dict(motions or {})
    groups, left_out = group_results(loaded, assignment, pass_mark, roster)
    now = generated_at or datetime.datetime.now(datetime.UTC)
    owners = skipped_owners(skipped, groups)
    built = [build_group(g, items, policy, table.get, owners.get(i), now) for i, (g, items) in enumerate(groups)]
    whose = {path: s["student"] for g in built for s in g["students"] for path in s["unreadable_files"]}
    whose |= {path: u["student"] for g in built for u in g["unreadable"] for path in u["files"]}
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated_at": now.isoformat(timespec="seconds"),
        "attempt_policy": policy,
        "files_read": len(loaded),
        "groups": built,
        "left_out": left_out,
        "skipped": [
            {"path": s.path, "reason": s.reason, **({"student": whose[s.path]} if s.path in whose else {})}
            for s in skipped
        ],
    }


_WRITTEN_NAME = re.compile(r"(?P<names>.+)-\d{8}T\d{6}Z-[0-9a-f]{12}\.json")
"""A results file's name as :class:`~debate.results.ResultsWriter` writes it: ``<student>-<motion>-<time>-<session>``
(the names part is the student's and the motion's slugs)."""


def _slugs(name: str) -> set[str]:
    """The slugs a file of ``name`` may be named by: its own, and as if its apostrophes were typed the other way (a
    file name drops a curly apostrophe, "obrien", and makes a straight one a hyphen, "o-brien")."""
    from debate.results import slug

    marks: list[dict[str, str | int | None]] = [dict.fromkeys(APOSTROPHES, by) for by in ("", " ")]
    return {slug(name), *(slug(name.translate(str.maketrans(table))) for table in marks)}


def skipped_owners(
    skipped: Sequence[Skipped], groups: Sequence[tuple[Group, Sequence[Loaded]]]
) -> dict[int, dict[str, list[str]]]:
    """Whose damaged file each skipped file is, where its name says so beyond doubt: group index -> student (by
    :func:`~debate.text_safety.match_key`) -> paths.

    A file counts only when its name is exactly ``<slug of a name>-<slug of a motion>-<time>-<session>.json`` for
    one student (on the group's roster or with a file read) and one motion of one group; a name that fits nobody,
    or more than one student or group, is left to the count of skipped files. Copies of a session are no loss.
    """
    from debate.results import slug

    fits: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for index, (group, items) in enumerate(groups):
        spellings = [*group.roster, *(item.doc["student"] for item in items)]
        prefixes: dict[str, set[str]] = defaultdict(set)
        for name in spellings:
            for motion_id, _side in group.motions:
                for written_as in _slugs(name):
                    prefixes[f"{written_as}-{slug(motion_id)}"].add(match_key(name))
        for s in skipped:
            written = _WRITTEN_NAME.fullmatch(Path(s.path).name)
            if not s.copy and written is not None:
                fits[s.path].update((index, key) for key in prefixes.get(written["names"], ()))
    owners: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path, found in fits.items():
        if len(found) == 1:
            [(index, key)] = found
            owners[index][key].append(path)
    return owners


# --------------------------------------------------------------------------- re-scoring


def judge_again(motion: Motion, argument_id: str, answer: str, hints_used: int) -> tuple[list[VerdictRecord], int]:
    """Judge one stored answer with the current bank, as the trainer does (one judge per motion, kept).

    This is the one place the report calls the judge. Points follow the trainer's rule
    (:func:`debate.scoring.points_for`), hint costs included.
    """
    from debate.scoring import points_for

    _, argument = motion.argument(argument_id)
    found = _judge_for(motion).judge(answer, argument)
    verdicts: list[VerdictRecord] = [
        {"rebuttal": v.candidate_id, "score": round(v.score, 4), "verdict": v.verdict} for v in found
    ]
    points = points_for(found, {r.id: r.strength for r in argument.rebuttals}, hints_used)
    return verdicts, points


@functools.lru_cache(maxsize=64)
def _judge_for(motion: Motion) -> Judge:
    """One judge per motion: building it (IDF, prepared bank) is most of the cost of a first answer."""
    from debate.judge import Judge

    return Judge.for_motion(motion)


def rescore(
    loaded: Sequence[Loaded], motions: Mapping[str, Motion]
) -> tuple[list[Loaded], list[dict[str, Any]], list[str]]:
    """Copies of the results with every answer judged again (the files are not touched).

    Returns the rescored results, one dict per round whose verdict or points changed, and one-line notes for what
    could not be re-judged (motion or argument no longer in the library).
    """
    out: list[Loaded] = []
    changes: list[dict[str, Any]] = []
    notes: set[str] = set()
    for item in loaded:
        doc = item.doc
        motion = motions.get(doc["motion"]["id"])
        rounds: list[RoundRecord] = []
        for r in doc["rounds"]:
            if motion is None:
                notes.add(f"motion '{doc['motion']['id']}' is not in the library: its answers keep their verdicts")
                rounds.append(r)
                continue
            if r["skipped"]:
                rounds.append(r)
                continue
            try:
                verdicts, points = judge_again(motion, r["argument"], r["answer"], r["hints_used"])
            except Exception:  # an argument gone from the bank: keep the stored verdict
                notes.add(f"argument '{doc['motion']['id']}/{r['argument']}' is not in the bank any more")
                rounds.append(r)
                continue
            points = min(points, r["max_points"])
            hit = any(v["verdict"] == "hit" for v in verdicts)
            near = any(v["verdict"] == "near" for v in verdicts)
            outcome = "hit" if hit else "near" if near else "timeout" if r["timed_out"] else "miss"
            new: RoundRecord = {**r, "verdicts": verdicts, "points": points, "outcome": outcome}
            if outcome != r["outcome"] or points != r["points"]:
                changes.append(
                    {
                        "student": doc["student"],
                        "motion": doc["motion"]["id"],
                        "argument": r["argument"],
                        "session": doc["session"],
                        "file": item.path,
                        "answer": r["answer"],
                        "was": {"outcome": r["outcome"], "points": r["points"]},
                        "now": {"outcome": outcome, "points": points},
                    }
                )
            rounds.append(new)
        new_doc: ResultsFile = {**doc, "rounds": rounds, "total": sum(r["points"] for r in rounds)}
        out.append(dataclasses.replace(item, doc=new_doc))
    return out, changes, sorted(notes)


def grade_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Students whose score or result differs between two reports built from the same files."""
    old = {(g["group"], s["key"]): s for g in before["groups"] for s in g["students"]}
    out = []
    for g in after["groups"]:
        for s in g["students"]:
            was = old.get((g["group"], s["key"]))
            if was is not None and (was["score"] != s["score"] or was["passed"] != s["passed"]):
                out.append(
                    {
                        "group": g["group"],
                        "student": s["student"],
                        "was": {"score": was["score"], "passed": was["passed"]},
                        "now": {"score": s["score"], "passed": s["passed"]},
                    }
                )
    return out
