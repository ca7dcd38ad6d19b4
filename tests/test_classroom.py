"""The class report: grades a teacher can stand behind (issue 13) and hostile results files (issue 11)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from classroom_data import play_session

from debate.assignment import Assignment, load_assignment
from debate.cli import main
from debate.errors import MotionError
from debate.model import Motion
from debate.motions import load_motion
from debate.report import class_report

MINI = Path(__file__).parent / "data" / "mini.yaml"
SECOND_ARGUMENT = """\
    - id: too-tired
      claim: Young children are too tired after a long school day to learn anything from homework.
      explanation: Tired children do not learn.
      rebuttals:
        - id: short-and-light
          text: Light homework like reading a story takes little energy and can even relax a child.
          type: mitigate
          strength: 2
          keywords: [story, relax]
"""
DAY = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


def motion(tmp: Path, motion_id: str) -> Motion:
    """A copy of the mini motion with two proposition arguments (students argue opposition and rebut both)."""
    text = MINI.read_text(encoding="utf-8").replace("id: mini-homework", f"id: {motion_id}")
    text = text.replace("  opposition:\n", SECOND_ARGUMENT + "  opposition:\n")
    path = tmp / "motions" / f"{motion_id}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_motion(path)


def assignment_file(tmp: Path, name: str = "week", **extra: Any) -> Assignment:
    lines = [
        "schema: 1",
        "kind: assignment",
        f"title: Assignment {name}",
        "motions:",
        "  - id: m-one",
        "    side: opposition",
        "  - id: m-two",
        "    side: opposition",
        "pass_mark: 60",
    ]
    for key, value in extra.items():
        if isinstance(value, list):
            lines += [f"{key}:", *(f"  - {v}" for v in value)]
        else:
            lines.append(f"{key}: {value}")
    path = tmp / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_assignment(path)


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Any]:
    return {
        "motions": {"m-one": motion(tmp_path, "m-one"), "m-two": motion(tmp_path, "m-two")},
        "results": tmp_path / "results",
        "tmp": tmp_path,
    }


def play(world: dict[str, Any], student: str, motion_id: str, outcomes: list[str], **kw: Any) -> Path:
    return play_session(world["results"], student, world["motions"][motion_id], "opposition", outcomes, **kw)


def report(world: dict[str, Any], **kw: Any) -> dict[str, Any]:
    kw.setdefault("motions", world["motions"])
    return class_report([world["results"]], **kw)


def students(rep: dict[str, Any], group: int = 0) -> dict[str, dict[str, Any]]:
    return {s["student"]: s for s in rep["groups"][group]["students"]}


def test_a_retake_never_lowers_the_grade_and_every_attempt_stays_visible(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"])
    play(world, "Ana", "m-one", ["miss"], assignment=week, start=DAY, end="quit")  # quit after one miss: 0/20
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week, start=DAY + datetime.timedelta(hours=1))
    play(world, "Ana", "m-one", ["hit", "near"], assignment=week, start=DAY + datetime.timedelta(hours=2))
    play(world, "Ana", "m-two", ["hit", "hit"], assignment=week, start=DAY)
    best = students(report(world, assignment=week))["Ana"]
    assert (best["points"], best["max_points"], best["score"], best["passed"]) == (32, 40, 80.0, True)
    [m_one, _m_two] = best["motions"]
    assert [a["attempt"] for a in m_one["attempts"]] == [1, 2, 3] and m_one["counted_attempt"] == 2
    assert [a["counted"] for a in m_one["attempts"]] == [False, True, False]
    assert m_one["attempts"][0]["status"] == "quit" and best["complete"] is True  # the counted attempt finished
    latest = students(report(world, assignment=week, policy="latest"))["Ana"]
    assert latest["points"] == 26 and latest["motions"][0]["counted_attempt"] == 3
    first = students(report(world, assignment=week, policy="first"))["Ana"]
    assert first["points"] == 16 and first["unfinished"] == ["m-one (quit)"] and not first["passed"]
    assert first["cells"] == {"m-one/stress-and-play": "miss", "m-one/too-tired": "not reached", **{
        "m-two/stress-and-play": "hit", "m-two/too-tired": "hit"}}  # fmt: skip


def test_a_grade_is_over_every_motion_and_unfinished_work_is_named(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"])
    play(world, "Half Done", "m-one", ["hit", "hit"], assignment=week)  # 16/20 on one motion of two
    play(world, "Quitter", "m-one", ["hit"], assignment=week, end="quit")
    play(world, "Quitter", "m-two", ["hit", "hit"], assignment=week)
    play(world, "Closed Tab", "m-one", ["hit", "hit"], assignment=week, end="closed")
    play(world, "Closed Tab", "m-two", ["hit", "hit"], assignment=week)
    rows = students(report(world, assignment=week))
    half = rows["Half Done"]
    assert (half["score"], half["passed"], half["not_started"], half["complete"]) == (40.0, False, ["m-two"], False)
    assert half["cells"]["m-two/stress-and-play"] == "not started"
    assert rows["Quitter"]["unfinished"] == ["m-one (quit)"] and rows["Quitter"]["points"] == 24
    assert rows["Closed Tab"]["unfinished"] == ["m-one (closed)"] and rows["Closed Tab"]["passed"] is True
    md = class_report([world["results"]], assignment=week, motions=world["motions"])
    from debate.classroom_render import render

    text = render(md, "md")
    assert "Half Done — not started: m-two" in text and "Quitter — unfinished: m-one (quit)" in text


def test_a_session_still_being_written_is_in_progress_as_the_class_view_says_not_closed(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: a student mid-session (their file written seconds ago) was "unfinished: m-one (closed)" in
    the report while `debate class` said "working now". Both decide by one rule now: a session that never ended is in
    progress while its file changed in the last two minutes, and closed after that."""
    from debate.classview import FolderWatch, class_state

    week = assignment_file(world["tmp"])
    play(world, "Ana Lima", "m-one", ["hit"], assignment=week, end="running")  # answering her second argument now
    play(world, "Ben Okafor", "m-one", ["hit"], assignment=week, end="closed")  # never ended, quiet for an hour
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--motions", str(world["tmp"] / "motions")]
    assert main([*argv, "--format", "json"]) == 0
    rows = students(json.loads(capsys.readouterr().out))
    assert rows["Ana Lima"]["unfinished"] == ["m-one (in progress)"]
    assert rows["Ana Lima"]["motions"][0]["status"] == "in progress"
    assert rows["Ana Lima"]["motions"][0]["attempts"][0]["status"] == "in progress"
    assert rows["Ben Okafor"]["unfinished"] == ["m-one (closed)"]
    assert main(argv) == 0
    md = capsys.readouterr().out
    assert "Ana Lima — not started: m-two; unfinished: m-one (in progress)" in md
    flags = {line.split("|")[1].strip(): line.split("|")[4] for line in md.splitlines() if line.startswith("| ")}
    assert "in progress" in flags["Ana Lima"] and "closed" not in flags["Ana Lima"] and "closed" in flags["Ben Okafor"]
    watch = FolderWatch(world["results"])
    watch.poll()
    state = class_state(watch, world["motions"], plan=week.motions)
    assert (state.working, state.closed) == (["Ana Lima"], ["Ben Okafor"])


def test_an_argument_renamed_after_students_practised_keeps_their_answers(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: after renaming an argument's id in the motion, the grid showed its claim twice (new id and
    old) and every student "· not reached" under the new id. An answer recorded under an id the motion no longer
    has now counts under the argument with the same claim; one whose claim changed too is shown apart, marked as no
    longer in the motion, and the report says which, without --rescore."""
    week = assignment_file(world["tmp"])
    play(world, "Ana", "m-one", ["hit", "near"], assignment=week)
    play(world, "Ben", "m-one", ["miss", "hit"], assignment=week)
    path = world["tmp"] / "motions" / "m-one.yaml"
    text = path.read_text(encoding="utf-8").replace("- id: stress-and-play", "- id: play-time")
    text = text.replace("- id: too-tired", "- id: worn-out").replace("are too tired after", "are worn out after")
    path.write_text(text, encoding="utf-8")
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--motions", str(world["tmp"] / "motions")]
    assert main([*argv, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    group = json.loads(out)["groups"][0]
    rows = students(json.loads(out))
    assert [(a["argument"], a["in_motion"]) for a in group["arguments"] if a["motion"] == "m-one"] == [
        ("play-time", True),
        ("worn-out", True),
        ("too-tired", False),
    ]
    assert rows["Ana"]["cells"]["m-one/play-time"] == "hit" and rows["Ben"]["cells"]["m-one/play-time"] == "miss"
    assert rows["Ana"]["cells"]["m-one/too-tired"] == "near" and "m-one/stress-and-play" not in rows["Ana"]["cells"]
    [recorded] = [a for a in rows["Ana"]["motions"][0]["attempts"][0]["rounds"] if a["argument"] == "play-time"]
    assert recorded["recorded_as"] == "stress-and-play"
    assert err.splitlines() == [
        "warning: motion 'm-one' no longer has argument 'stress-and-play' (answered by 2 students): their answers "
        "count under 'play-time', the argument with the same claim",
        "warning: motion 'm-one' no longer has argument 'too-tired' (answered by 2 students): shown apart as no "
        "longer in the motion, with the points given then",
    ]
    assert main(argv) == 0
    md = " ".join(capsys.readouterr().out.split())
    assert "A3 m-one/too-tired (no longer in the motion): Young children are too tired" in md
    assert "motion 'm-one' no longer has argument 'stress-and-play'" in md
    assert main([*argv, "--rescore", "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)["rescore"]["notes"]
    assert notes == ["argument 'm-one/too-tired' is not in the bank any more"]  # play-time was judged again
    from debate.classview import FolderWatch, class_state

    watch = FolderWatch(world["results"])
    watch.poll()
    motions = {"m-one": load_motion(path), "m-two": world["motions"]["m-two"]}
    state = class_state(watch, motions, plan=week.motions)
    columns = {c.argument: c for c in state.columns if c.motion == "m-one"}
    assert list(columns) == ["play-time", "worn-out", "too-tired"]
    assert state.cells[("Ana", columns["play-time"].label)].outcome == "hit"


def test_names_match_case_and_space_insensitively(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"])
    play(world, "Ben Okafor", "m-one", ["hit", "hit"], assignment=week, start=DAY)
    play(world, "ben  okafor ", "m-two", ["hit", "near"], assignment=week, start=DAY + datetime.timedelta(hours=1))
    play(world, "BEN OKAFOR", "m-one", ["miss", "miss"], assignment=week, start=DAY + datetime.timedelta(hours=2))
    rows = students(report(world, assignment=week))
    assert list(rows) == ["Ben Okafor"]
    assert rows["Ben Okafor"]["points"] == 26 and rows["Ben Okafor"]["attempts"] == 3


def test_assignments_and_free_practice_in_one_folder_are_grouped_apart(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"], "one")
    other = assignment_file(world["tmp"], "two")
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Ana", "m-two", ["hit", "hit"], assignment=week)
    play(world, "Ana", "m-one", ["miss", "miss"], assignment=other)
    play(world, "Ana", "m-one", ["miss", "miss"])  # free practice
    play(world, "Cy", "m-two", ["near", "near"])
    rep = report(world, assignment=week)
    [group] = rep["groups"]
    assert group["files"] == 2 and students(rep)["Ana"]["score"] == 80.0
    assert sorted((x["title"], x["files"], x["students"]) for x in rep["left_out"]) == [
        ("Assignment two", 1, 1),
        ("free practice", 2, 2),
    ]
    everything = report(world)  # no teacher's file: every group, free practice last and not graded
    assert [g["title"] for g in everything["groups"]] == ["Assignment one", "Assignment two", "Free practice"]
    assert [g["pass_mark"] for g in everything["groups"]] == [50.0, 50.0, None]
    assert everything["groups"][0]["pass_mark_source"].startswith("default")
    assert students(everything, 2)["Cy"]["passed"] is None


def test_roster_lists_who_has_not_submitted(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"], roster=["Ana Lima", "Ben Okafor", "Chloé Martin"])
    play(world, "ana lima", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Dev Patel", "m-one", ["hit", "hit"], assignment=week)
    rep = report(world, assignment=week)
    group = rep["groups"][0]
    assert group["not_submitted"] == ["Ben Okafor", "Chloé Martin"]
    rows = students(rep)
    assert rows["Ana Lima"]["on_roster"] is True  # shown with the roster's spelling
    assert rows["Dev Patel"]["on_roster"] is False
    from debate.classroom_render import render

    table = list(csv.DictReader(io.StringIO(render(rep, "csv"))))  # every row as long as the header
    missing = next(row for row in table if row["student"] == "Ben Okafor")
    assert None not in missing and None not in missing.values()
    # (a row as any other: the motions it did not start, no attempt; it held the words "not submitted", found odd
    # by a teacher in a column of motion ids)
    assert (missing["not_started"], missing["on_roster"], missing["attempts"]) == ("m-one;m-two", "true", "0")
    roster = world["tmp"] / "roster.txt"
    roster.write_text("# period 2\nAna Lima\n\nDev Patel\nEve Stone  # new this week\n", encoding="utf-8")
    out = world["tmp"] / "r.json"
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--roster", str(roster)]
    assert main([*argv, "--motions", str(world["tmp"] / "motions"), "--format", "json", "--output", str(out)]) == 0
    assert json.loads(out.read_text())["groups"][0]["not_submitted"] == ["Eve Stone"]


def test_late_work_is_marked(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"], due="'2026-11-27'")
    play(world, "On Time", "m-one", ["hit", "hit"], assignment=week, start=DAY)
    play(world, "On Time", "m-two", ["hit", "hit"], assignment=week, start=DAY)
    late = DAY + datetime.timedelta(days=4)
    play(world, "Late", "m-one", ["hit", "hit"], assignment=week, start=DAY)
    play(world, "Late", "m-two", ["hit", "hit"], assignment=week, start=late)
    rep = report(world, assignment=week)
    rows = students(rep)
    assert rows["On Time"]["late"] is False and rows["Late"]["late"] is True
    assert rows["Late"]["motions"][1]["attempts"][0]["late"] is True
    assert rep["groups"][0]["due"] == "2026-11-27" and rep["groups"][0]["summary"]["late"] == 1


def test_last_finished_is_the_last_attempt_that_finished(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: the CSV's last_finished was the last time any attempt was written, so a retake she quit, or
    one still open, counted as "finished"."""
    week = assignment_file(world["tmp"])
    done = play(world, "Ana", "m-one", ["hit", "hit"], assignment=week, start=DAY)
    play(world, "Ana", "m-two", ["hit"], assignment=week, start=DAY + datetime.timedelta(hours=1), end="quit")
    play(world, "Ana", "m-one", ["near"], assignment=week, start=DAY + datetime.timedelta(hours=2), end="closed")
    play(world, "Ben", "m-one", ["hit"], assignment=week, start=DAY, end="quit")
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--motions", str(world["tmp"] / "motions")]
    assert main([*argv, "--format", "csv"]) == 0
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    finished_at = json.loads(done.read_text(encoding="utf-8"))["finished_at"]
    assert finished_at.startswith("2026-11-25T09:0") and rows["Ana"]["last_finished"] == finished_at
    assert rows["Ana"]["first_started"] == "2026-11-25T09:00:00+00:00"
    assert rows["Ben"]["last_finished"] == ""  # he quit his only attempt: nothing finished


def test_hostile_files_are_skipped_with_a_reason_and_never_set_the_pass_mark(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    week = assignment_file(world["tmp"])
    good = play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Ana", "m-two", ["hit", "near"], assignment=week)  # 26/40 = 65%
    weak = play(world, "Weak", "m-one", ["near", "near"], assignment=week)
    base = json.loads(good.read_text(encoding="utf-8"))
    results: Path = world["results"]

    def hostile(name: str, change: dict[str, Any], text: str | None = None) -> None:
        doc = {**base, **change, "session": name}
        (results / f"{name}.json").write_text(text if text is not None else json.dumps(doc), encoding="utf-8")

    hostile(
        "huge-total", {}, json.dumps({**base, "session": "huge-total"}).replace('"total": 16', '"total": ' + "9" * 401)
    )
    hostile("pass-mark-zero", {"student": "Zed", "assignment": {**base["assignment"], "pass_mark": 0}, "rounds": []})
    hostile("points-over", {"rounds": [{**base["rounds"][0], "points": 5000}]})
    hostile("wrong-types", {"rounds": "lots"})
    hostile("repeated", {"student": "Weak", "rounds": [*base["rounds"]] * 3})  # (20/20 for Weak, who made 4/20)
    hostile("nan", {}, json.dumps({**base, "session": "nan"}).replace('"seconds": 40.0', '"seconds": NaN', 1))
    hostile("deep", {}, "[" * 100_000 + "]" * 100_000)
    hostile("garbage", {}, "\x00\x01not json at all")
    (results / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (results / "huge.json").write_bytes(b" " * (5 * 1024 * 1024))
    os.mkfifo(results / "fifo.json")
    rep = report(world, assignment=week)
    reasons = {Path(s["path"]).name: s["reason"] for s in rep["skipped"]}
    assert set(reasons) == {
        "huge-total.json", "points-over.json", "wrong-types.json", "nan.json", "deep.json", "garbage.json",
        "binary.json", "huge.json", "fifo.json", "repeated.json",
    }  # fmt: skip
    assert reasons["repeated.json"].startswith("rounds 1 and 3 both answer argument ")
    assert "digits" in reasons["huge-total.json"] and "not a regular file" in reasons["fifo.json"]
    assert "limited to 4 MB" in reasons["huge.json"] and "outside 0 to 10" in reasons["points-over.json"]
    assert all("\n" not in r for r in reasons.values())
    group = rep["groups"][0]
    assert group["pass_mark"] == 60 and group["pass_mark_source"] == "assignment file"
    rows = students(rep)
    assert rows["Ana"]["passed"] is True and rows["Zed"]["passed"] is False and rows["Weak"]["passed"] is False
    assert weak.exists()
    # without the teacher's file the default pass mark holds, not the 0 in Zed's file
    assert report(world)["groups"][0]["pass_mark"] == 50.0
    # the command line finishes, names each skipped file on one line, and reads /dev/zero as a refused file
    motions = str(world["tmp"] / "motions")
    code = main(["report", str(results), "/dev/zero", "--assignment", str(week.path), "--motions", motions])
    assert code == 0
    err = capsys.readouterr().err
    assert "skipped /dev/zero: not a regular file" in err and len(err.splitlines()) == 11
    assert all(line.startswith("skipped ") for line in err.splitlines())


def test_one_edited_file_never_changes_another_students_grade(world: dict[str, Any]) -> None:
    """The points available on a motion are the teacher's motion's arguments at the app's points each: a file that
    claims 100 points a round (found by an attacker) used to make the whole class fail."""
    week = assignment_file(world["tmp"])
    for motion_id in ("m-one", "m-two"):
        play(world, "Ana", motion_id, ["hit", "hit"], assignment=week)
    forged = play(world, "Mallory", "m-one", ["near", "near"], assignment=week)
    doc = json.loads(forged.read_text(encoding="utf-8"))
    doc["rounds"][0]["max_points"] = 100
    forged.write_text(json.dumps(doc), encoding="utf-8")
    rep = report(world, assignment=week)
    ana = students(rep)["Ana"]
    assert (ana["points"], ana["max_points"], ana["passed"]) == (32, 40, True)
    assert [m["max_points"] for m in rep["groups"][0]["motions"]] == [20, 20]


def test_copies_of_a_session_keep_the_fullest_and_never_hide_another_student(world: dict[str, Any]) -> None:
    """A backup copy of a session (a teacher's ``cp -r``, a sync conflict) read first no longer hides the finished
    file, and a file reusing a classmate's session id hides nobody."""
    week = assignment_file(world["tmp"])
    full = play(world, "Lou", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Lou", "m-two", ["hit", "hit"], assignment=week)
    doc = json.loads(full.read_text(encoding="utf-8"))
    backup = world["results"] / "0-backup"
    backup.mkdir()
    stale = {**doc, "rounds": doc["rounds"][:1], "finished_at": None, "status": "running"}
    (backup / full.name).write_text(json.dumps(stale), encoding="utf-8")  # read first: its folder sorts first
    (world["results"] / "aaa-forged.json").write_text(json.dumps({**doc, "student": "Eve"}), encoding="utf-8")
    rep = report(world, assignment=week)
    rows = students(rep)
    assert rows["Lou"]["points"] == 32 and rows["Lou"]["complete"] is True and "Eve" in rows
    [skip] = rep["skipped"]
    assert skip["path"].endswith(f"0-backup/{full.name}") and skip["reason"] == (
        f"a copy of the session read from {full} instead"
    )


def test_a_doctored_copy_of_a_classmates_session_never_takes_their_grade_down(world: dict[str, Any]) -> None:
    """A copy of Lou's session with every point zeroed and one more round was read instead of Lou's own (it "got
    further"): Lou went from a pass to 0 (found by a tester). Of two copies, the one with more points is read."""
    week = assignment_file(world["tmp"])
    real = play(world, "Lou", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Lou", "m-two", ["hit", "hit"], assignment=week)
    before = students(report(world, assignment=week))["Lou"]["points"]
    doc = json.loads(real.read_text(encoding="utf-8"))
    rounds = [{**r, "points": 0} for r in doc["rounds"]]
    doctored = {**doc, "rounds": [*rounds, {**rounds[-1], "index": len(rounds)}]}
    (world["results"] / "zz-copy.json").write_text(json.dumps(doctored), encoding="utf-8")
    rep = report(world, assignment=week)
    assert students(rep)["Lou"]["points"] == before == 32
    [skip] = rep["skipped"]  # (its last argument answered twice: no session the trainer writes)
    assert skip["path"].endswith("zz-copy.json") and skip["reason"].startswith("rounds 2 and 3 both answer argument")
    (world["results"] / "zz-copy.json").write_text(json.dumps({**doc, "rounds": rounds}), encoding="utf-8")
    rep = report(world, assignment=week)
    assert students(rep)["Lou"]["points"] == 32
    [skip] = rep["skipped"]
    assert skip["path"].endswith("zz-copy.json") and skip["reason"] == f"a copy of the session read from {real} instead"


def test_a_ruling_moves_only_what_it_rules_on_even_without_the_motion(world: dict[str, Any]) -> None:
    """Rejecting a credit contest for a near miss beside a hit took a student from 6 to 4 points when the report did
    not have the teacher's motion (every strength read as 1): without the bank, the recorded points move only by
    what the ruling changed."""
    from debate.marking import add_ruling

    path = play(world, "Ana", "m-one", ["hit", "miss"])
    doc = json.loads(path.read_text(encoding="utf-8"))
    first, second = doc["rounds"]

    def rule(index: int, rebuttal: str, ruling: str) -> None:
        add_ruling(world["results"], {"student": "Ana", "session": doc["session"], "round": index, "motion": "m-one",
                                      "argument": doc["rounds"][index]["argument"],
                                      "answer": doc["rounds"][index]["answer"], "rebuttal": rebuttal,
                                      "ruling": ruling, "at": "2026-11-26T10:00:00+00:00"})  # fmt: skip

    rule(0, first["verdicts"][1]["rebuttal"], "reject")  # not the hit: nothing to take away
    rule(1, second["verdicts"][0]["rebuttal"], "accept")
    rejected, accepted = report(world, motions={})["overrides"]
    assert rejected["was"]["points"] == rejected["now"]["points"] == first["points"] == 8  # (it was 4: every hit 1)
    assert accepted["was"]["points"] == 0 and accepted["now"] == {"outcome": "hit", "points": 4}  # a strength-1 hit


def test_an_assignment_names_each_motion_and_student_once(tmp_path: Path) -> None:
    """The same motion on both sides was graded as one (80% for doing half); a roster name twice in another case
    counted a student as missing. Both are errors at the repeat's line."""
    path = tmp_path / "twice.yaml"
    path.write_text(
        "schema: 1\nkind: assignment\ntitle: Both sides\nmotions:\n  - id: m-one\n    side: opposition\n"
        "  - id: m-one\n    side: proposition\nroster:\n  - Ana Lima\n  - ana  LIMA\n",
        encoding="utf-8",
    )
    with pytest.raises(MotionError) as caught:
        load_assignment(path)
    assert caught.value.problems == [
        f"{path}:7:9: motion 'm-one' is named twice (also at line 5); name each motion once, and make a second "
        "assignment to argue its other side",
        f"{path}:11:5: 'ana  LIMA' is on the roster twice (also at line 10: names are matched whatever their case, "
        "accents and spacing)",
    ]


def test_text_is_safe_in_every_format(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"])
    play(world, '=HYPERLINK("http://x")', "m-one", ["hit", "hit"], assignment=week)
    play(world, "Eve\x1b[31m<script>alert(1)</script>", "m-one", ["miss"], assignment=week, end="quit")
    play(world, "+Plus", "m-one", ["skipped", "timeout"], assignment=week)
    rep = report(world, assignment=week)
    from debate.classroom_render import render

    md = render(rep, "md")
    assert "\x1b" not in md and "Eve\\[31m" in md  # control characters gone, Markdown punctuation escaped
    assert "<script>" not in md and "\\<script\\>" in md
    # an escape is never parted from its character by wrapping, and text from a file's other fields is escaped too
    # (found in review: a long word put "# Heading" at the start of a line; left-out titles went through raw)
    eve = next(p for p in world["results"].iterdir() if p.name.startswith("eve"))
    doc = json.loads(eve.read_text(encoding="utf-8"))
    doc["rounds"][0]["answer"] = "a" * 117 + "# Heading injected"
    eve.write_text(json.dumps(doc), encoding="utf-8")
    stamp = {**doc["assignment"], "id": "other", "fingerprint": "", "title": "<img src=x onerror=alert(1)>"}
    (world["results"] / "other.json").write_text(json.dumps({**doc, "session": "o1", "assignment": stamp}), "utf-8")
    md = render(report(world, assignment=week), "md")
    assert not any(line.lstrip().startswith(("# Heading", "\\")) for line in md.splitlines())
    assert "\\<img src=x onerror=alert(1)\\>" in md and md.count("<img") == md.count("\\<img")
    rows = list(csv.reader(io.StringIO(render(rep, "csv"))))
    names = [r[1] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names and "'+Plus" in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row if cell)
    assert {r[6] for r in rows[1:]} <= {"true", "false"} and {r[7] for r in rows[1:]} <= {"true", "false"}
    html = render(rep, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html and "\x1b" not in html


def test_every_answer_is_in_json_markdown_and_the_answers_csv(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"])
    play(world, "Ana", "m-one", ["miss", "hit"], assignment=week, start=DAY, end="finished")
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week, start=DAY + datetime.timedelta(hours=1))
    play(world, "Ben", "m-two", ["skipped", "timeout"], assignment=week)
    rep = report(world, assignment=week)
    ana = students(rep)["Ana"]
    first = ana["motions"][0]["attempts"][0]
    assert first["started_at"] == "2026-11-25T09:00:00+00:00" and first["finished_at"]
    r = first["rounds"][0]
    assert set(r) >= {"answer", "verdicts", "points", "hints_used", "skipped", "timed_out", "seconds", "answered_at"}
    assert r["answer"] == "My answer about stress-and-play: miss." and r["verdicts"][0]["verdict"] == "miss"
    from debate.classroom_render import render

    md = render(rep, "md")
    assert "#### A1 " in md and "- Ana (attempt 1, miss, 0/10): My answer about stress-and-play: miss." in md
    assert "- Ana (attempt 2 ★, hit (short-tasks-fine), 8/10): My answer" in md
    long = list(csv.DictReader(io.StringIO(render(rep, "csv", answers=True))))
    assert len(long) == 6  # students × arguments × attempts that reached them
    ben = [row for row in long if row["student"] == "Ben"]
    assert [(row["outcome"], row["skipped"], row["timed_out"]) for row in ben] == [
        ("skipped", "true", "false"),
        ("timeout", "false", "true"),
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["started_at"]) for row in long)


def test_rescore_shows_changes_and_never_touches_the_files(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"])
    path = play(world, "Ana", "m-one", ["miss", "miss"], assignment=week)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["rounds"][0]["answer"] = "just make the homework short, ten minutes a night is fine"  # a bank example: a hit
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = path.read_bytes()
    rep = report(world, assignment=week, rescore=True)
    assert path.read_bytes() == before
    [change] = [c for c in rep["rescore"]["rounds"] if c["argument"] == "stress-and-play"]
    assert change["was"] == {"outcome": "miss", "points": 0} and change["now"]["outcome"] == "hit"
    assert rep["rescore"]["grades"][0]["was"]["score"] == 0.0 and rep["rescore"]["grades"][0]["now"]["score"] > 0
    assert students(rep)["Ana"]["points"] == change["now"]["points"]


def test_html_is_one_self_contained_file(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"], due="'2026-11-27'", roster=["Ana", "Absent Al"])
    play(world, "Ana", "m-one", ["hit", "near"], assignment=week)
    play(world, "Ana", "m-two", ["miss", "skipped"], assignment=week)
    from debate.classroom_render import render

    html = render(report(world, assignment=week), "html")
    assert not re.search(r"https?:|<script|<link|@import|url\(|src=", html, re.IGNORECASE)
    assert "<details" in html and "@media print" in html and "Absent Al" in html
    assert 'class="c hit"' in html and 'class="c near"' in html and 'class="c skipped"' in html
    assert "Short tasks of ten or fifteen minutes" in html  # a model rebuttal's text, from the teacher's motion


def test_each_student_in_the_html_report_has_an_anchor_of_their_own(world: dict[str, Any]) -> None:
    """Names that differ only by punctuation: their grid links went to one anchor (found by a tester with "Ana Lima"
    and "Ana.Lima", which are now one student, as a full stop is typed or not)."""
    week = assignment_file(world["tmp"])
    for name in ("Ana Lima", "Ana_Lima", "Ana+Lima"):
        play(world, name, "m-one", ["hit", "near"], assignment=week)
    from debate.classroom_render import render

    html = render(report(world, assignment=week), "html")
    ids = re.findall(r'id="(x-[^"]+)"', html)
    links = set(re.findall(r'href="#(x-[^"]+)"', html))
    assert len(ids) == len(set(ids)) and links <= set(ids)
    rows = re.findall(r'<td class="n"><a href="#(x-[^"]+)">(Ana[ _+]Lima)</a>', html)
    assert len(rows) == 3 and len({target for target, _ in rows}) == 3


def test_markdown_of_a_30_student_class_fits_120_columns(world: dict[str, Any]) -> None:
    week = assignment_file(world["tmp"])
    outcomes = ["hit", "near", "miss", "skipped", "timeout"]
    for i in range(30):
        name = f"Student Number {i:02d} With A Long Name" if i % 7 == 0 else f"Student {i:02d}"
        play(world, name, "m-one", [outcomes[i % 5], outcomes[(i + 1) % 5]], assignment=week)
        if i % 4:
            play(world, name, "m-two", [outcomes[(i + 2) % 5]], assignment=week, end="quit")
    from debate.classroom_render import render

    md = render(report(world, assignment=week), "md")
    assert max(len(line) for line in md.splitlines()) <= 120
    table = [line for line in md.splitlines() if line.startswith("| Student")]
    assert len(table) == 31  # the header and 30 rows: students are rows


def test_version_1_files_are_migrated_on_read(world: dict[str, Any]) -> None:
    results: Path = world["results"]
    results.mkdir()
    v1 = {
        "format": "debate-results", "version": 1, "session": "old", "student": "Old Timer",
        "motion": {"id": "m-one", "title": "M"}, "side": "opposition", "mode": "full",
        "assignment": {"title": "Assignment week", "pass_mark": 0}, "started_at": "2026-11-20T09:00:00+00:00",
        "updated_at": "2026-11-20T09:10:00+00:00", "finished": True, "total": 8, "arguments": 2, "max_total": 20,
        "seconds": 60.0, "rounds": [{"argument": "stress-and-play", "claim": "c", "answer": "x", "outcome": "hit",
        "points": 8, "max_points": 10, "hints_used": 1, "seconds": 60.0,
        "verdicts": [{"rebuttal": "short-tasks-fine", "score": 0.7, "verdict": "hit"}]}],
    }  # fmt: skip
    (results / "old.json").write_text(json.dumps(v1), encoding="utf-8")
    week = assignment_file(world["tmp"])
    rep = report(world, assignment=week)  # grouped by title: version 1 files have no fingerprint
    row = students(rep)["Old Timer"]
    attempt = row["motions"][0]["attempts"][0]
    assert attempt["status"] == "finished" and attempt["finished_at"] == "2026-11-20T09:10:00+00:00"
    assert row["points"] == 8 and row["max_points"] == 40 and row["passed"] is False


def test_results_files_validate_against_the_schema(world: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from debate.results import json_schema

    week = assignment_file(world["tmp"])
    validator = jsonschema.Draft202012Validator(json_schema())
    for end in ("finished", "quit", "closed"):
        path = play(world, f"S {end}", "m-one", ["hit", "skipped"], assignment=week, end=end)
        validator.validate(json.loads(path.read_text(encoding="utf-8")))
    free = play(world, "Free", "m-one", ["miss"])
    validator.validate(json.loads(free.read_text(encoding="utf-8")))


def test_report_output_errors_are_one_line(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    play(world, "Ana", "m-one", ["hit"])
    missing = world["tmp"] / "nowhere" / "report.md"
    motions = ["--motions", str(world["tmp"] / "motions")]  # (else a warning says the motion is not found)
    assert main(["report", str(world["results"]), *motions, "--output", str(missing)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "does not exist" in err
    a_file = world["tmp"] / "env.sh"
    a_file.write_text("x", encoding="utf-8")
    assert main(["report", str(world["results"]), *motions, "--output", str(a_file / "report.md")]) == 1
    assert f"{a_file} is a file, not a folder" in capsys.readouterr().err  # (it said the folder does not exist)
    import debate.report

    def read_only(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(debate.report, "write_atomic", read_only)  # root can write anywhere: refuse as a share would
    assert main(["report", str(world["results"]), *motions, "--output", str(world["tmp"] / "r.md")]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"debate: {world['tmp'] / 'r.md'}: cannot write the report (Permission denied)"]
    assert main(["report", str(world["results"]), "--output", str(world["tmp"] / "r.md")]) == 1  # no --motions
    assert "warning: motion 'm-one' is not among the motions found; graded from the results files" in (
        capsys.readouterr().err
    )
    assert main(["report", str(world["results"]), "--pass-mark", "101"]) == 2


def rule(results: Path, path: Path, index: int, rebuttal: str, ruling: str) -> None:
    """The teacher's ruling on one round of a results file, as ``debate mark`` saves it."""
    from debate.marking import add_ruling

    doc = json.loads(path.read_text(encoding="utf-8"))
    r = doc["rounds"][index]
    add_ruling(results, {"student": doc["student"], "session": doc["session"], "round": index,
                         "motion": doc["motion"]["id"], "argument": r["argument"], "answer": r["answer"],
                         "rebuttal": rebuttal, "ruling": ruling, "at": "2026-11-26T10:00:00+00:00"})  # fmt: skip


def test_rulings_show_in_every_format_with_user_text_escaped(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """The HTML report never showed the teacher's rulings and the answers CSV had no column for them (found by a
    teacher): both now say what Markdown says, the ruling and the judge's verdict it replaced."""
    week = assignment_file(world["tmp"])
    path = play(world, "Ana <b>*Bold*</b>", "m-one", ["miss", "hit"], assignment=week)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["rounds"][0]["answer"] = "<i>short</i> homework, *ten* minutes"
    path.write_text(json.dumps(doc), encoding="utf-8")
    rule(world["results"], path, 0, "short-tasks-fine", "accept")
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--motions", str(world["tmp"] / "motions")]
    assert main([*argv, "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert "overridden: teacher accepted short-tasks-fine, was miss 0" in html
    assert "<h2>Teacher's rulings (overrides)</h2>" in html
    assert "<i>" not in html and "<b>*Bold" not in html and "&lt;i&gt;short&lt;/i&gt;" in html
    assert main([*argv, "--format", "md"]) == 0
    md = capsys.readouterr().out
    rulings = " ".join(md[md.index("## Teacher's rulings") :].split())
    assert "Ana \\<b\\>\\*Bold\\*\\</b\\> on m-one/stress-and-play: accepted for short-tasks-fine" in rulings
    assert "\\<i\\>short\\</i\\> homework, \\*ten\\* minutes" in rulings
    assert main([*argv, "--format", "csv", "--answers"]) == 0
    rows = {r["argument"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    ruled, other = rows["stress-and-play"], rows["too-tired"]
    assert (ruled["outcome"], ruled["overridden"], ruled["ruling"]) == ("hit", "true", "accepted short-tasks-fine")
    assert (ruled["judge_outcome"], ruled["judge_points"]) == ("miss", "0")
    assert (other["overridden"], other["ruling"], other["judge_outcome"], other["judge_points"]) == (
        "false",
        "",
        "",
        "",
    )


def test_an_assignment_naming_a_motion_that_exists_nowhere_is_refused(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in the assignment's motion id gave a warning, then an empty report of 0 students and exit 0: now it
    fails as ``check`` and ``practice`` do, at the id's line, with a "did you mean", and writes nothing. A motion the
    library lacks but the students' files have (kept in another folder) still only warns: the files grade it."""
    week = assignment_file(world["tmp"])
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Ana", "m-two", ["hit", "near"], assignment=week)
    bad = world["tmp"] / "bad.yaml"
    assert week.path is not None
    bad.write_text(week.path.read_text(encoding="utf-8").replace("id: m-two", "id: m-twoo"), encoding="utf-8")
    out = world["tmp"] / "report.md"
    motions = ["--motions", str(world["tmp"] / "motions")]
    argv = ["report", str(world["results"]), "--assignment", str(bad), "--output", str(out)]
    assert main([*argv, *motions]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"{bad}:7:9: assignment names motion 'm-twoo', which was not found (did you mean 'm-two'?)"
    ]
    assert not out.exists() and captured.out == ""
    # without --motions the library lacks both motions, but Ana's files have them: warnings, and the report is written
    assert main(["report", str(world["results"]), "--assignment", str(week.path), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "motion 'm-one', which was not found" in err and out.exists()
    assert "| Ana " in out.read_text(encoding="utf-8")


def test_markdown_and_csv_rows_of_students_who_have_not_submitted_read_right(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: a roster name longer than every submitted name broke the Markdown table, "1 on the roster
    have not submitted", a default pass mark in double parentheses, and an empty max_points in the CSV."""
    week = assignment_file(world["tmp"], roster=["Ana", "Maximiliana Okonkwo_Li"])
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)
    argv = ["report", str(world["results"]), "--motions", str(world["tmp"] / "motions")]
    assert main([*argv, "--assignment", str(week.path)]) == 0
    md = capsys.readouterr().out
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 4 and len({len(line) for line in table}) == 1, table
    assert "| Maximiliana Okonkwo\\_Li |" in md
    assert "1 on the roster has not submitted" in " ".join(md.split())
    assert main([*argv, "--assignment", str(week.path), "--format", "csv"]) == 0
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["Maximiliana Okonkwo_Li"]["max_points"] == rows["Ana"]["max_points"] == "40"
    roster = world["tmp"] / "roster.txt"
    roster.write_text("Ana\nBen Okafor\nChloé Martin\n", encoding="utf-8")
    assert main([*argv, "--roster", str(roster)]) == 0  # no assignment file: the default pass mark, said once
    md = " ".join(capsys.readouterr().out.split())
    assert "Pass mark 50% (default; set it with --assignment or --pass-mark) over every motion" in md
    assert "((" not in md and "))" not in md and "2 on the roster have not submitted" in md


def test_a_phones_curly_apostrophe_or_a_space_for_it_is_the_same_student(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: "Seán O’Brien" (a phone's curly apostrophe) and a retake as "sean  o brien" were two more
    students beside the roster's "Seán O'Brien"."""
    week = assignment_file(world["tmp"])
    play(world, "Seán O’Brien", "m-one", ["hit", "near"], assignment=week)
    play(world, "sean  o brien", "m-two", ["hit", "hit"], assignment=week)
    roster = world["tmp"] / "roster.txt"
    roster.write_text("Seán O'Brien\nAna-María López\n", encoding="utf-8")
    play(world, "Ana Maria Lopez", "m-one", ["hit"], assignment=week)
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--roster", str(roster)]
    assert main([*argv, "--motions", str(world["tmp"] / "motions"), "--format", "json"]) == 0
    group = json.loads(capsys.readouterr().out)["groups"][0]
    rows = {s["student"]: s for s in group["students"]}
    assert sorted(rows) == ["Ana-María López", "Seán O'Brien"]
    assert all(row["on_roster"] for row in rows.values()) and group["not_submitted"] == []


def test_roster_names_match_accents_and_a_near_spelling_is_pointed_out(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: roster "Zoe O'Neill" did not match Zoë's files, a roster line with commas was read as one
    name, and "Ben Okafr" (a typo at the name box) sat off roster while Ben Okafor "had not submitted"."""
    week = assignment_file(world["tmp"])
    play(world, "Zoë O'Neill", "m-one", ["hit", "hit"], assignment=week)
    play(world, "zoe  o'neill", "m-two", ["hit", "near"], assignment=week)
    play(world, "Ben Okafr", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Ana Lima", "m-one", ["near"], assignment=week)
    roster = world["tmp"] / "roster.txt"
    roster.write_text("Zoe O'Neill\nAna Lima, Chloé Martin, Dev Patel\nBen Okafor\n", encoding="utf-8")
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--roster", str(roster)]
    assert main([*argv, "--motions", str(world["tmp"] / "motions"), "--format", "json"]) == 0
    captured = capsys.readouterr()
    group = json.loads(captured.out)["groups"][0]
    rows = {s["student"]: s for s in group["students"]}
    assert rows["Zoë O'Neill"]["on_roster"] is True and rows["Zoë O'Neill"]["points"] == 26  # both files, her spelling
    assert rows["Ben Okafr"]["on_roster"] is False and "Ben Okafor" in group["not_submitted"]  # never merged
    assert group["did_you_mean"] == [{"roster": "Ben Okafor", "student": "Ben Okafr"}]
    assert captured.err.splitlines() == [
        f"warning: {roster}:2: 'Ana Lima, Chloé Martin, Dev Patel' has commas: is it several names? A roster has "
        "one name a line",
        "warning: 'Ben Okafor' on the roster has not submitted, but 'Ben Okafr' (not on the roster) has: the same "
        "student? The report keeps them apart; correct the roster or the name if so",
    ]
    assert main([*argv, "--motions", str(world["tmp"] / "motions")]) == 0
    md = " ".join(capsys.readouterr().out.split())
    assert "Did you mean: Ben Okafor (on the roster, not submitted) is Ben Okafr (not on the roster)?" in md
    assert "| 1 unstarted off roster |" in md  # the flags column is as wide as its flags (it cut "off r…")
    assert main([*argv, "--motions", str(world["tmp"] / "motions"), "--format", "html"]) == 0
    assert "Ben Okafor</b> (on the roster, not submitted) is <b>Ben Okafr</b> (not on the roster)?" in (
        capsys.readouterr().out
    )
    # the assignment's own roster: a name with commas is a warning at its line, from check and from the report
    listed = assignment_file(world["tmp"], "listed", roster=["'Ana Lima, Ben Okafor'", "Zoe O'Neill"])
    assert main(["check", str(listed.path), "--motions", str(world["tmp"] / "motions")]) == 0
    assert f"{listed.path}:11:5: roster name 'Ana Lima, Ben Okafor' has commas" in capsys.readouterr().err


def test_an_apostrophe_left_out_is_the_same_student_as_one_typed_or_spaced(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: the roster's "Zoe ONeill" did not match Zoë's "Zoë O'Neill" (an apostrophe read as a space,
    "o neill", and a left-out one as nothing, "oneill"), while "Zoe O Neill" did. Names that differ by more than
    that stay apart."""
    from debate.text_safety import match_key

    week = assignment_file(world["tmp"])
    play(world, "Zoë O'Neill", "m-one", ["hit", "hit"], assignment=week)
    play(world, "zoe o neill", "m-two", ["hit", "near"], assignment=week)
    play(world, "Dara DArcy", "m-one", ["hit"], assignment=week)
    roster = world["tmp"] / "roster.txt"
    roster.write_text("Zoe ONeill\nDara D’Arcy\n", encoding="utf-8")
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--roster", str(roster)]
    assert main([*argv, "--motions", str(world["tmp"] / "motions"), "--format", "json"]) == 0
    captured = capsys.readouterr()
    group = json.loads(captured.out)["groups"][0]
    rows = {s["student"]: s for s in group["students"]}
    assert sorted(rows) == ["Dara D’Arcy", "Zoë O'Neill"] and all(s["on_roster"] for s in rows.values())
    assert rows["Zoë O'Neill"]["points"] == 26 and group["not_submitted"] == [] and "did you mean" not in captured.err
    assert match_key("O'Neill") == match_key("ONeill") == match_key("O Neill") == match_key("o’ neill")
    for one, other in (("Li Na", "Lina"), ("Jo Anne", "Joanne"), ("Ana Lima", "Anali Ma"), ("Ana Lima", "AnaLima")):
        assert match_key(one) != match_key(other), (one, other)


def test_a_damaged_file_is_its_students_whichever_apostrophe_either_name_was_typed_with(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a second teacher: the trainer names "Seán O’Brien"'s file sean-obrien-... (a curly apostrophe drops)
    and the roster's "Seán O'Brien" slugs to sean-o-brien, so a damaged file of hers left her "not submitted"."""
    week = assignment_file(world["tmp"], roster=["Seán O'Brien", "Ana Lima"])
    play(world, "Ana Lima", "m-one", ["hit", "hit"], assignment=week)
    damaged = play(world, "Seán O’Brien", "m-one", ["hit"], assignment=week)
    assert damaged.name.startswith("sean-obrien-")
    damaged.write_text(damaged.read_text(encoding="utf-8")[:40], encoding="utf-8")
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--motions", str(world["tmp"] / "motions")]
    assert main(argv) == 0
    rows = {line.split("|")[1].strip(): line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")}
    assert "file unreadable" in rows["Seán O'Brien"]


def test_names_match_across_latin_accents_only() -> None:
    """Found by a second teacher: every combining mark was folded, so Kenji (ケンジ) and Genji (ゲンジ), or Jain and
    Zain in Devanagari, were one student. Latin accents fold ("Zoë" is "Zoe"); other scripts' marks make the name."""
    from debate.text_safety import match_key

    assert match_key("Zoë O'Neill") == match_key("zoe o neill") == match_key("Zoe O’Neill")
    assert match_key("Nguyễn Văn Hùng") == match_key("Nguyen Van Hung")
    for one, other in (("ケンジ", "ゲンジ"), ("जैन", "ज़ैन"), ("प्रिया", "परिया"), ("'", "-")):
        assert match_key(one) != match_key(other), (one, other)


def test_a_damaged_file_is_counted_at_the_top_and_flags_its_student_where_the_name_says_whose(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: a truncated results file made its student "not submitted" and the report's first line said
    only how many files were read. Now the first line counts the skipped files, and a file named after a student
    (as the trainer names them) flags that student "file unreadable"; a file nobody's name fits is only counted."""
    week = assignment_file(world["tmp"], roster=["Ana Lima", "Ben Okafor", "Cy Young"])
    play(world, "Ana Lima", "m-one", ["hit", "hit"], assignment=week)
    damaged = [
        play(world, "Ana Lima", "m-two", ["hit", "hit"], assignment=week),
        play(world, "ben okafor", "m-one", ["hit"], assignment=week),
        play(world, "Dev Patel", "m-one", ["hit"], assignment=week),  # not on the roster, no other file: unknown
    ]
    for path in damaged:
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: len(text) // 2], encoding="utf-8")  # cut off mid-write (a full disk, a dropped share)
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--motions", str(world["tmp"] / "motions")]
    assert main(argv) == 0
    md, err = capsys.readouterr()
    assert f"skipped {damaged[1]} (Ben Okafor's): not JSON" in err
    assert " ".join(md.split()).startswith(
        "# Class report 1 results file read, 3 skipped (see Skipped files at the end); attempt policy"
    )
    rows = {line.split("|")[1].strip(): line for line in md.splitlines() if line.startswith("| ")}
    assert "file unreadable" in rows["Ana Lima"] and "file unreadable" in rows["Ben Okafor"]
    assert "not submitted" in rows["Cy Young"] and "not submitted" not in rows["Ben Okafor"]
    assert "Dev Patel" not in rows and "dev-patel" in md  # in the Skipped files section only
    flat = " ".join(md.split())
    assert "1 on the roster has not submitted" in flat and "2 with a file that could not be read" in flat
    assert "File unreadable (see Skipped files): Ben Okafor" in flat
    assert main([*argv, "--format", "json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    group = rep["groups"][0]
    assert group["not_submitted"] == ["Cy Young"] and group["unreadable"] == [
        {"student": "Ben Okafor", "files": [str(damaged[1])]}
    ]
    assert students(rep)["Ana Lima"]["unreadable_files"] == [str(damaged[0])]
    assert {s["path"]: s.get("student") for s in rep["skipped"]} == {
        str(damaged[0]): "Ana Lima",
        str(damaged[1]): "Ben Okafor",
        str(damaged[2]): None,
    }
    assert main([*argv, "--format", "csv"]) == 0
    table = {r["student"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert table["Ben Okafor"]["unreadable_files"] == "1" and table["Ana Lima"]["unreadable_files"] == "1"
    assert table["Ben Okafor"]["not_started"] == "m-one;m-two" and table["Ben Okafor"]["attempts"] == "0"
    assert main([*argv, "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert "1 results file read · 3 skipped (see Skipped files at the end)" in html
    assert '<td class="n">Ben Okafor</td>' in html and ">file unreadable</span>" in html


def test_rescored_answers_name_each_student_as_the_grades_do(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: under --rescore the grades said "Ben Okafor" (the roster's spelling) and the answers below
    them "ben okafor" and "Zoe O’Neill" (as each file typed it)."""
    week = assignment_file(world["tmp"], roster=["Ben Okafor", "Zoë O'Neill"])
    play(world, "ben okafor", "m-one", ["hit", "hit"], assignment=week)  # the stored hits are no hits to the judge
    play(world, "Zoe O’Neill", "m-one", ["hit", "hit"], assignment=week)
    argv = ["report", str(world["results"]), "--assignment", str(week.path), "--motions", str(world["tmp"] / "motions")]
    assert main([*argv, "--rescore", "--format", "json"]) == 0
    rescore = json.loads(capsys.readouterr().out)["rescore"]
    assert {c["student"] for c in rescore["grades"]} == {"Ben Okafor", "Zoë O'Neill"}
    assert {c["student"] for c in rescore["rounds"]} == {"Ben Okafor", "Zoë O'Neill"}
    assert main([*argv, "--rescore"]) == 0
    answers = capsys.readouterr().out.split("## Re-scored with the current banks")[1].split("Answers:")[1]
    assert "ben okafor" not in answers and "O’Neill" not in answers
    assert answers.count("- Ben Okafor on m-one/") == answers.count("- Zoë O'Neill on m-one/") == 2


def test_the_rescore_section_escapes_names_and_answers(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found while fixing the rulings list: the Markdown re-score section printed names and answers as markup."""
    week = assignment_file(world["tmp"])
    path = play(world, "Eve <b>*x*</b>", "m-one", ["miss", "miss"], assignment=week)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["rounds"][0]["answer"] = "just make the homework short, ten minutes a night is fine <img src=x>"
    path.write_text(json.dumps(doc), encoding="utf-8")
    motions = str(world["tmp"] / "motions")
    assert (
        main(["report", str(world["results"]), "--assignment", str(week.path), "--motions", motions, "--rescore"]) == 0
    )
    section = " ".join(capsys.readouterr().out.split("## Re-scored with the current banks")[1].split())
    assert "- Eve \\<b\\>\\*x\\*\\</b\\>: 0% →" in section and "fine \\<img src=x\\>" in section
    assert not re.search(r"(?<!\\)[<*]", section)  # every markup character escaped


def test_files_left_out_only_for_another_id_of_the_same_assignment_are_pointed_out(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: after the id in week.yaml was edited (a typo), every student was "not submitted", and the
    report only said "Left out: Assignment week — 2 files" under the very title it graded. Files with the assignment's
    title, motions and mode but another id are pointed out, with that id, in the report and on stderr."""
    week = assignment_file(world["tmp"], id="week-three")
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Ana", "m-two", ["hit", "hit"], assignment=week)
    edited = assignment_file(world["tmp"], id="week-thre")
    motions = str(world["tmp"] / "motions")
    argv = ["--motions", motions, "report", str(world["results"]), "--assignment", str(edited.path)]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "'week-three'" in err and "'week-thre'" in err
    assert "Left out" in out and "'week-three'" in out
    assert main([*argv, "--format", "html"]) == 0
    assert "&#x27;week-three&#x27;" in capsys.readouterr().out
    other = assignment_file(world["tmp"], "other", id="week-four")  # another assignment: nothing to point out
    play(world, "Cy", "m-one", ["hit", "hit"], assignment=other)
    assert [x["title"] for x in class_report([world["results"]], assignment=week)["left_out"]] == ["Assignment other"]
    assert "same_but_id" not in class_report([world["results"]], assignment=week)["left_out"][0]


def test_the_legend_of_a_quick_assignment_does_not_say_unasked_arguments_were_quit(world: dict[str, Any]) -> None:
    """Found by a teacher: in a quick assignment (three arguments a motion), a student who finished showed "·" on the
    arguments the round never asked, and the legend read "· not reached (quit before it)"."""
    from debate.classroom_render import render

    week = assignment_file(world["tmp"], mode="quick")
    for motion_id in ("m-one", "m-two"):
        path = play(world, "Ana", motion_id, ["hit"], assignment=week)  # a quick round that asked one argument
        doc = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**doc, "mode": "quick", "arguments": 1, "max_total": 10}), encoding="utf-8")
    rep = report(world, assignment=week)
    assert students(rep)["Ana"]["unfinished"] == [] and "not reached" in students(rep)["Ana"]["cells"].values()
    assert "not reached (quit before it, or not asked in a quick round)" in " ".join(render(rep, "md").split())
    full = assignment_file(world["tmp"], "full")
    play(world, "Ben", "m-one", ["hit"], assignment=full, end="quit")
    assert "quick" not in render(report(world, assignment=full), "md")


def test_an_assignment_named_among_the_results_says_to_give_it_with_assignment(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: `debate report /shared/week3 week3.yaml` (--assignment forgotten) graded at the default
    pass mark without the roster, with "skipped week3.yaml: not JSON (line 1, column 1: Expecting value)"."""
    week = assignment_file(world["tmp"])
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)
    assert main(["report", str(world["results"]), str(week.path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"--assignment {week.path}" in err and "not JSON" not in err


def test_sessions_on_the_other_side_of_a_motion_do_not_count_for_it(world: dict[str, Any]) -> None:
    """Found by a teacher: after the side of a motion was corrected in the assignment file (the id kept), sessions
    argued on the old side still counted for it, their points capped at the new side's (one argument: 10/10 for
    answers to the other side's arguments) and their arguments shown as extra columns. They are outside the
    assignment: the motion is not started on its side."""
    week = assignment_file(world["tmp"], id="week-side")
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)  # opposition: rebutting the proposition's arguments
    play(world, "Ana", "m-two", ["hit", "hit"], assignment=week)
    text = week.path.read_text(encoding="utf-8") if week.path else ""
    corrected = world["tmp"] / "corrected.yaml"
    corrected.write_text(text.replace("side: opposition", "side: proposition", 1), encoding="utf-8")
    rep = report(world, assignment=load_assignment(corrected))
    [group] = rep["groups"]
    ana = students(rep)["Ana"]
    m_one = next(m for m in ana["motions"] if m["motion"] == "m-one")
    assert (m_one["started"], m_one["points"]) == (False, 0) and ana["not_started"] == ["m-one"]
    assert [a["key"] for a in group["arguments"] if a["motion"] == "m-one"] == [
        f"m-one/{a.id}" for a in world["motions"]["m-one"].opposition
    ]
    assert [(x["student"], x["motion"]) for x in group["outside_assignment"]] == [("Ana", "m-one")]


def test_sessions_the_assignment_no_longer_sets_are_named_not_dropped(world: dict[str, Any]) -> None:
    """Found by a teacher: after a motion was taken out of the assignment file (the id kept), the sessions students had
    argued on it showed nowhere in the Markdown or HTML report (only in the JSON's outside_assignment)."""
    from debate.classroom_render import render

    week = assignment_file(world["tmp"], id="week-cut")
    play(world, "Ana", "m-one", ["hit", "hit"], assignment=week)
    play(world, "Ana", "m-two", ["hit", "hit"], assignment=week)
    text = week.path.read_text(encoding="utf-8") if week.path else ""
    cut = world["tmp"] / "cut.yaml"
    cut.write_text(text.replace("  - id: m-two\n    side: opposition\n", ""), encoding="utf-8")
    rep = report(world, assignment=load_assignment(cut))
    assert [(x["student"], x["motion"], x["side"]) for x in rep["groups"][0]["outside_assignment"]] == [
        ("Ana", "m-two", "opposition")
    ]
    md = " ".join(render(rep, "md").split())
    assert "Not graded (a motion, or a side of one, the assignment does not set): Ana (m-two, opposition)" in md
    assert "Not graded" in render(rep, "html") and "Ana (m-two, opposition)" in render(rep, "html")


def test_one_student_and_a_pass_mark_with_a_percent_sign_read_as_a_teacher_writes_them(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """A class of one is "1 student" (it said "1 students"); "--pass-mark 60%" is 60 (argparse said "invalid float
    value: '60%'"), and a pass mark that is no number is one line saying how to write it."""
    week = assignment_file(world["tmp"])
    play(world, "Ana", "m-one", ["hit", "near"], assignment=week, start=DAY)
    motions = ["--motions", str(world["tmp"] / "motions")]
    argv = ["report", str(world["results"]), *motions, "--assignment", str(week.path), "--pass-mark", "60%"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Class report\n\n1 results file read;") and "1 student, 0 passed, 1 not yet" in out
    assert "Pass mark 60% (--pass-mark)" in out
    with pytest.raises(SystemExit) as stopped:
        main([*argv[:-1], "sixty"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "debate report: argument --pass-mark: 'sixty' is not a percentage (write it as 60 or 60%) (see "
        "'debate report --help')"
    ]
