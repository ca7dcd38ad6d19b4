"""Runs of sessions (debate.runs): planning, what comes next, an assignment's result. No screen, milliseconds."""

from __future__ import annotations

from tui_fixtures import PHONES, UNIFORMS

from debate.assignment import Assignment
from debate.drills import RAPID_FIRE, REVIEW_DUE, WEAK_SPOTS, DrillPlan
from debate.runs import (
    AssignmentPart,
    PlannedSession,
    Run,
    assignment_plans,
    assignment_result,
    drill_plans,
    missing_motions,
    replay,
    session_time_limit,
)

ASSIGNMENT = Assignment(
    "Week 3",
    ((PHONES.id, "opposition"), ("gone", "proposition"), (UNIFORMS.id, "proposition")),
    mode="timed",
    time_limit=45,
    pass_mark=60,
)
MOTIONS = (UNIFORMS, PHONES)


def after(run: Run) -> tuple[str, str | None]:
    """What the summary's "next" key does now, and what it is called."""
    return run.after_summary, run.next_label


def test_an_assignments_parts_come_in_its_order_with_its_mode_and_time() -> None:
    by_id = {m.id: m for m in MOTIONS}
    plans = assignment_plans(ASSIGNMENT, by_id)
    assert [(p.motion.id, p.side, p.mode, p.time_limit, p.arguments) for p in plans] == [
        (PHONES.id, "opposition", "timed", 45.0, None),
        (UNIFORMS.id, "proposition", "timed", 45.0, None),
    ]
    assert missing_motions(ASSIGNMENT, by_id) == ["gone"]
    odd = Assignment("Odd", ((UNIFORMS.id, "proposition"),), mode="chess")
    assert [p.mode for p in assignment_plans(odd, by_id)] == ["full"]  # an unknown mode plays a full round


def test_an_assignment_run_plays_each_part_then_shows_the_result() -> None:
    run = Run.for_assignment(ASSIGNMENT, MOTIONS)
    assert run.is_assignment and run.label == "Week 3"
    first = run.next_session()
    assert first is not None and first.motion is PHONES
    run.session_ended(PHONES, "opposition", 12, 2)
    assert after(run) == ("next", "Next (1 to go)")
    second = run.next_session()
    assert second is not None and second.motion is UNIFORMS
    run.session_ended(UNIFORMS, "proposition", 18, 3)
    assert after(run) == ("result", "Assignment result")
    assert run.next_session() is None
    result = run.result()
    assert [(p.motion.id, p.points, p.available) for p in result.parts] == [(PHONES.id, 12, 20), (UNIFORMS.id, 18, 30)]
    assert (result.points, result.available, result.percent, result.passed) == (30, 50, 60.0, True)


def test_stopping_an_assignment_keeps_its_parts_and_its_result() -> None:
    run = Run.for_assignment(ASSIGNMENT, MOTIONS)
    run.next_session()
    run.session_ended(PHONES, "opposition", 3, 2)
    run.stop()
    assert run.planned == [] and run.after_summary == "result"
    assert run.result().passed is False and run.result().points == 3


def test_assignment_result_adds_up_against_the_pass_mark() -> None:
    parts = [AssignmentPart(UNIFORMS, "proposition", 5, 10), AssignmentPart(PHONES, "opposition", 4, 10)]
    assert assignment_result(parts, 45).passed and not assignment_result(parts, 46).passed
    empty = assignment_result([], 0)
    assert (empty.points, empty.available, empty.percent, empty.passed) == (0, 0, 0.0, False)  # nothing to pass


def test_a_drill_plays_its_plans_as_drill_sessions_and_skips_empty_ones() -> None:
    two = tuple(UNIFORMS.opposition[:2])
    plans = [
        DrillPlan(UNIFORMS, "proposition", two, 30.0),
        DrillPlan(PHONES, "opposition", ()),
        DrillPlan(PHONES, "proposition", (PHONES.opposition[0],)),
    ]
    assert drill_plans(plans) == [
        PlannedSession(UNIFORMS, "proposition", "drill", two, 30.0),
        PlannedSession(PHONES, "proposition", "drill", (PHONES.opposition[0],), None),
    ]
    run = Run.drill(plans, "Weak spots")
    assert not run.is_assignment and run.next_label == "Next (2 to go)"
    run.next_session()
    run.session_ended(UNIFORMS, "proposition", 10, 2)  # a drill adds nothing up
    run.next_session()
    assert run.parts == [] and after(run) == ("picker", None)


def test_a_single_session_goes_back_to_the_picker() -> None:
    run = Run.single()
    assert (run.label, run.next_session(), run.after_summary, run.next_label) == ("", None, "picker", None)
    plain = Run.of([PlannedSession(UNIFORMS, "proposition", "full")], "Custom")
    assert after(plain) == ("next", "Next (1 to go)")
    plain.stop()
    assert after(plain) == ("picker", None)


def test_the_time_limit_is_the_plans_else_the_apps_in_timed_mode() -> None:
    assert session_time_limit("drill", 30.0, 90.0) == 30.0
    assert session_time_limit("timed", None, 90.0) == 90.0
    assert session_time_limit("full", None, 90.0) is None


def test_again_plays_the_same_mode_rapid_fire_again_or_a_quick_3() -> None:
    """The home screen's "again": a picker session the same again; rapid fire (one motion and side) again; a review
    or weak-spots drill, whose arguments came from the whole history, a Quick 3 on the motion (it said "again" and
    started a Quick 3)."""
    assert [replay(mode, None) for mode in ("full", "quick", "timed")] == ["same"] * 3
    assert replay("drill", RAPID_FIRE) == "rapid"
    assert [replay("drill", label) for label in (REVIEW_DUE, WEAK_SPOTS, None)] == ["quick"] * 3
