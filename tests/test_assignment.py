"""Assignment files: validated like motions, every problem located at its file:line:col, checked by `debate check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.assignment import load_assignment, unknown_motions
from debate.cli import main
from debate.errors import MotionError
from debate.locations import user_motions_dir

GOOD = """\
schema: 1
kind: assignment
title: Week 3 - Can API blocking stop Chinese AI?
motions:
  - id: api-blocking-distillation
    side: opposition
  - id: school-uniforms
    side: proposition
mode: timed
time_limit: 90
hints: false
pass_mark: 60
due: '2026-12-01'
"""


def write(tmp_path: Path, text: str, name: str = "week3.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(MotionError) as caught:
        load_assignment(path)
    return caught.value.problems


def test_a_good_assignment_loads_every_field(tmp_path: Path) -> None:
    a = load_assignment(write(tmp_path, GOOD))
    assert a.title.startswith("Week 3")
    assert a.motions == (("api-blocking-distillation", "opposition"), ("school-uniforms", "proposition"))
    assert (a.mode, a.time_limit, a.hints, a.pass_mark, a.due) == ("timed", 90, False, 60, "2026-12-01")
    assert a.positions == ((5, 9), (7, 9))


def test_defaults(tmp_path: Path) -> None:
    text = "schema: 1\nkind: assignment\ntitle: T\nmotions:\n  - {id: school-uniforms, side: opposition}\n"
    a = load_assignment(write(tmp_path, text))
    assert (a.mode, a.time_limit, a.hints, a.pass_mark, a.due) == ("full", None, True, 50, None)


@pytest.mark.parametrize(
    ("old", "new", "line", "pattern"),
    [
        (
            "    side: opposition",
            "    side: opositon",
            6,
            r"side must be one of proposition, opposition.*did you mean 'opposition'",
        ),
        ("mode: timed", "mode: fast", 9, r"mode must be one of full, quick, timed, not 'fast'"),
        ("pass_mark: 60", "pass_mark: 150", 12, r"pass_mark must be from 0 to 100, not 150"),
        ("time_limit: 90", "time_limit: 1", 10, r"time_limit must be from 5 to 3600"),
        ("hints: false", "hints: maybe", 11, r"hints must be true or false"),
        ("due: '2026-12-01'", "due: 2026-12-01", 13, r"due must be text, but this is a YAML date.*quotes"),
        ("due: '2026-12-01'", "due: 'next week'", 13, r"due must be a date like '2026-12-01', not 'next week'"),
        ("hints: false", "hint: false", 11, r"unknown key 'hint' in assignment \(did you mean 'hints'\?\)"),
        ("  - id: school-uniforms", "  - id: School Uniforms", 7, r"kebab-case"),
        ("title: Week 3 - Can API blocking stop Chinese AI?\n", "", 1, r"missing.*title"),
    ],
)
def test_each_mistake_is_reported_at_its_line(tmp_path: Path, old: str, new: str, line: int, pattern: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line}:"), problem
    assert re.search(pattern, problem), problem


def test_every_problem_in_a_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("mode: timed", "mode: fast").replace("pass_mark: 60", "pass_mark: -1"))
    assert [p.split(":")[1] for p in problems_of(path)] == ["9", "12"]


def test_an_empty_motion_list_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "schema: 1\nkind: assignment\ntitle: T\nmotions: []\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:4:") and "at least 1" in problem, problem


def test_a_motion_file_is_not_an_assignment(tmp_path: Path) -> None:
    path = write(tmp_path, "schema: 1\nid: x\ntitle: T\n")
    [problem] = problems_of(path)
    assert "not an assignment file" in problem and "kind: assignment" in problem


def test_an_assignment_without_its_kind_is_one_line_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` of an assignment that left out `kind: assignment` gave eight "motion is missing required key" errors;
    it is one line saying what to add, from `check` and from `--assignment` alike."""
    path = write(tmp_path, "schema: 1\ntitle: Week 1\nmotions:\n  - id: ban-homework\n    side: proposition\n")
    [problem] = problems_of(path)
    assert problem == f"{path}:1:1: an assignment file needs the line 'kind: assignment' (add it at the top)"
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert problem in err and "missing required key" not in err


def test_a_mistyped_kind_is_one_line_at_the_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by a teacher: `kind: assigment` made `check` read the file as a motion, ten lines of missing and unknown
    keys (and "did you mean 'id'" for `kind`); it is one line at the kind, with the right word."""
    path = write(tmp_path, GOOD.replace("kind: assignment", "kind: assigment"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2:7: ") and "'assigment'" in problem and "did you mean 'assignment'" in problem
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert problem in err and "missing required key" not in err and "in motion" not in err


def test_unknown_motions_are_located(tmp_path: Path) -> None:
    a = load_assignment(write(tmp_path, GOOD.replace("id: school-uniforms", "id: school-uniform")))
    assert unknown_motions(a, {"api-blocking-distillation", "school-uniforms"}) == [
        f"{tmp_path / 'week3.yaml'}:7:9: assignment names motion 'school-uniform', which was not found"
        " (did you mean 'school-uniforms'?)"
    ]
    mine = load_assignment(write(tmp_path, GOOD.replace("id: school-uniforms", "id: start-at-ten")))
    [problem] = unknown_motions(mine, {"api-blocking-distillation", "school-uniforms"})
    assert problem.endswith(
        f"which was not found (a motion of your own needs --motions DIR, or a copy in {user_motions_dir()})"
    )


def test_a_missing_motion_names_the_motions_folder_as_it_is_on_this_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a teacher: without DEBATE_HOME set, `check` and `practice` said to copy the motion "in
    $DEBATE_HOME/motions", a folder the trainer does not read then (and `cp x $DEBATE_HOME/motions` copies to
    /motions); the line names the folder the trainer reads."""
    monkeypatch.delenv("DEBATE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    mine = load_assignment(write(tmp_path, GOOD.replace("id: school-uniforms", "id: start-at-ten")))
    [problem] = unknown_motions(mine, {"api-blocking-distillation", "school-uniforms"})
    assert "$DEBATE_HOME" not in problem and problem.endswith(f"or a copy in {user_motions_dir()})")


def test_check_validates_assignments_and_the_motions_they_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, GOOD)
    assert main(["check", str(good)]) == 0
    bad = write(tmp_path, GOOD.replace("id: school-uniforms", "id: school-uniform"), "bad.yaml")
    capsys.readouterr()
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:7:9: assignment names motion 'school-uniform', which was not found" in err
    assert "Traceback" not in err


def test_practice_with_a_bad_assignment_exits_1_with_located_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, GOOD.replace("mode: timed", "mode: fast"))
    assert main(["practice", "--assignment", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{bad}:9:7: assignment.mode must be one of full, quick, timed, not 'fast'"]
    missing = write(tmp_path, GOOD.replace("id: school-uniforms", "id: nope"), "missing.yaml")
    assert main(["practice", "--assignment", str(missing)]) == 1
    assert f"{missing}:7:9: assignment names motion 'nope'" in capsys.readouterr().err


def test_practice_refuses_a_motion_or_side_beside_an_assignment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: "practice ban-homework --side proposition --assignment week5.yaml" opened the whole
    assignment at its first motion and said nothing about the motion and side given."""
    good = write(tmp_path, GOOD)
    assert main(["practice", "school-uniforms", "--assignment", str(good)]) == 2
    err = capsys.readouterr().err
    assert "the motion school-uniforms: an assignment plays its own motions" in err and "Traceback" not in err
    assert main(["practice", "--side", "opposition", "--assignment", str(good)]) == 2
    assert "--side: an assignment plays its own motions" in capsys.readouterr().err


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_an_assignment_or_a_located_error(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        path.write_text("schema: 1\nkind: assignment\n" + text, encoding="utf-8")
        try:
            load_assignment(path)
        except MotionError as exc:
            assert exc.problems and all(p.startswith(f"{path}:") and "\n" not in p for p in exc.problems)


def test_id_and_roster_are_optional_and_validated(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "id: week-3\nroster:\n  - Ana Lima\n  - '  Ben   Okafor '\n")
    assignment = load_assignment(path)
    assert assignment.id == "week-3" and assignment.roster == ("Ana Lima", "Ben Okafor")
    assert load_assignment(write(tmp_path, GOOD, "plain.yaml")).roster == ()
    bad = problems_of(write(tmp_path, GOOD + "id: Week 3\nroster: Ana\n", "bad.yaml"))
    assert any(":14:" in line and "id" in line for line in bad)
    assert any(":15:" in line and "roster" in line and "list" in line for line in bad)


def test_an_assignment_given_as_the_motion_says_to_give_it_with_assignment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: `debate practice week3.yaml` (--assignment left out) printed ten lines about a motion's
    unknown and missing keys ("unknown key 'kind' in motion (did you mean 'id'?)"); it is one line saying what to
    type."""
    path = write(tmp_path, GOOD)
    for argv in (["practice", str(path), "--student", "Ana"], ["answer", str(path), "x", "an answer"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"--assignment {path}" in err and "unknown key" not in err and len(err.splitlines()) == 1
