"""Pilot tests for the progress and classroom features: recorder, history screen, drills, student name, assignment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_tui import GOOD, text_of, type_answer, wait_for, wait_for_feedback
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea
from tui_fixtures import PHONES, UNIFORMS, FakeClock

from debate.assignment import Assignment
from debate.history import HistoryStore, RoundRecord
from debate.recorder import Recorder
from debate.sparkline import SPARKS
from debate.tui.app import DebateApp, build_app
from debate.tui.screens.assignment import AssignmentIntroScreen, AssignmentResultScreen
from debate.tui.screens.case import CaseBuildingScreen
from debate.tui.screens.drills import DrillsScreen
from debate.tui.screens.history import HistoryScreen
from debate.tui.screens.home import HomeScreen
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.sessions import SessionsScreen
from debate.tui.screens.side import SideScreen
from debate.tui.screens.student import StudentNameScreen
from debate.tui.screens.summary import SummaryScreen

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
"""The store's fixed "now"."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    """A real history database in tmp_path whose clock says NOW."""
    with HistoryStore.open(tmp_path / "history.db", clock=lambda: NOW) as opened:
        yield opened


def seed(store: HistoryStore, argument_id: str, score: float, at: datetime, *, points: int = 1) -> None:
    """One finished session with one round on UNIFORMS (the user took proposition, so rebutted opposition)."""
    session = store.start_session(UNIFORMS.id, "proposition", "full", started_at=at)
    store.record_round(
        session,
        RoundRecord(UNIFORMS.id, argument_id, "opposition", "an answer", score, points, 10, at=at),
    )
    store.finish_session(session, points, 10, finished_at=at)


async def open_drills(pilot: Pilot[None]) -> None:
    """From start-up: the picker, then F6, the drills menu."""
    await wait_for(pilot, PickerScreen)
    await pilot.press("f6")
    await wait_for(pilot, DrillsScreen)


def app_with(store: HistoryStore | None, **kwargs: object) -> DebateApp:
    recorder = kwargs.pop("recorder", None) or Recorder(store=store)
    return build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=recorder, **kwargs)  # type: ignore[arg-type]


async def test_a_round_played_in_the_app_lands_in_the_database(store: HistoryStore) -> None:
    app = build_app(
        [UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock(), recorder=Recorder(store=store)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        # committed the moment it was scored (on the saving thread), before the session ends
        assert app.wait_saved(timeout=10)
        rounds = store.rounds()
        assert [(r.argument_id, r.side, r.answer) for r in rounds] == [("self-expression", "opposition", GOOD)]
        assert rounds[0].score >= 0.5 and rounds[0].points > 0
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
    assert app.wait_saved(timeout=10)
    (session,) = store.sessions()
    assert session.finished_at is not None and session.total == rounds[0].points and session.max_total == 30


async def test_history_shows_sessions_progress_sparkline_mastery_and_due(store: HistoryStore) -> None:
    for day, (score, points) in enumerate([(0.1, 1), (0.6, 6), (0.9, 9)]):
        seed(store, "self-expression", score, NOW - timedelta(days=10 - day), points=points)
    seed(store, "cost-to-families", 0.1, NOW - timedelta(hours=2))  # a miss: due again after 10 minutes
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, PickerScreen)
        await pilot.press("f4")
        await wait_for(pilot, HistoryScreen)
        progress = text_of(app, "#hist-progress")
        assert "Make school uniforms compulsory" in progress  # without "This House would"
        assert "90%" in progress or "10%" in progress
        trend = next(line for line in progress.splitlines() if "Make school uniforms" in line)
        assert sum(ch in SPARKS for ch in trend) == 4  # one block per session, oldest first
        assert trend.split()[-1] == SPARKS[1] + SPARKS[4] + SPARKS[6] + SPARKS[1]  # 10%, 60%, 90%, 10%
        sessions = text_of(app, "#hist-sessions")
        assert sessions.count("Prop ") == 4 and "9/10" in sessions
        assert "Student" not in sessions  # nobody named: no column for it
        mastery = text_of(app, "#hist-mastery")
        assert "90%" in mastery and "10%" in mastery  # match scores as percentages, like the other tables
        assert UNIFORMS.opposition[1].claim[:40] in mastery  # the weakest comes first
        assert mastery.index(UNIFORMS.opposition[1].claim[:30]) < mastery.index(UNIFORMS.opposition[0].claim[:30])
        # the miss two hours ago, and self-expression (box 2 after the 90% eight days ago, due after 3 days)
        assert "2 arguments due for review" in text_of(app, "#hist-due")
        assert isinstance(app.screen, HistoryScreen) and app.screen.due_count == 2
        await pilot.press("escape")
        await wait_for(pilot, PickerScreen)


async def test_a_session_ended_early_says_so_on_home_and_in_the_history(store: HistoryStore) -> None:
    app = app_with(store, home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
        await pilot.press("enter")
        await wait_for(pilot, SideScreen)
        await pilot.press("p")
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")  # finished after the first of three arguments
        await wait_for(pilot, SummaryScreen)
        assert app.wait_saved(timeout=10)
        (session,) = store.sessions()
        score = f"{session.total}/30"
        await pilot.press("h")
        await wait_for(pilot, HomeScreen)
        last = text_of(app, "#home-last")
        assert score in last and "ended after 1 of 3" in last
        await pilot.press("f4")
        await wait_for(pilot, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = text_of(app, "#hist-sessions").splitlines()
        row = next(n for n, line in enumerate(lines) if score in line)
        assert "ended after 1 of 3" in lines[row + 1]  # under the score
        await pilot.press("s")
        await wait_for(pilot, SessionsScreen)
        option = app.screen.query_one("#sessions-list", OptionList).get_option_at_index(0)
        assert "ended after 1 of 3" in str(option.prompt)


async def test_history_names_the_student_of_each_session_on_a_shared_machine(store: HistoryStore) -> None:
    for student in ("Ana Lima", "Ben Okafor"):
        session = store.start_session(UNIFORMS.id, "proposition", "full", student, started_at=NOW)
        store.finish_session(session, 5, 10, finished_at=NOW)
    app = app_with(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, PickerScreen)
        await pilot.press("f4")
        await wait_for(pilot, HistoryScreen)
        sessions = text_of(app, "#hist-sessions")
        assert "Student" in sessions and "Ana Lima" in sessions and "Ben Okafor" in sessions


async def test_history_key_and_review_need_a_store() -> None:
    app = app_with(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, PickerScreen)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "History" not in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("f6")
        await wait_for(pilot, DrillsScreen)
        options = app.screen.query_one("#drills-list", OptionList)
        disabled = {options.get_option_at_index(i).id for i in range(4) if options.get_option_at_index(i).disabled}
        assert disabled == {"review", "weak"}


async def test_review_due_plays_the_due_argument_as_a_drill(store: HistoryStore) -> None:
    seed(store, "teachers-waste-time", 0.1, NOW - timedelta(hours=1))  # missed an hour ago: due
    seed(store, "self-expression", 0.9, NOW - timedelta(hours=1))  # a strong hit: not due for days
    app = app_with(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_drills(pilot)
        await pilot.press("enter")  # the first entry: review due
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and app.session.mode == "drill" and app.session.total == 1
        assert app.session.side == "proposition"
        assert UNIFORMS.opposition[2].claim in text_of(app, "#card")
        assert "Review due" in text_of(app, "#round-status")
        await type_answer(pilot, "a simple uniform can be checked in seconds at the school gate")
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("enter")
        await wait_for(pilot, SummaryScreen)
        await pilot.press("n")
        await wait_for(pilot, PickerScreen)
        # answered: nothing is due now, and the app says when the next one is
        assert app.wait_saved(timeout=10)
        app.start_review()
        await app.workers.wait_for_complete()  # the history is read on a thread
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any("Nothing is due for review" in n.message and "in " in n.message for n in app._notifications)
    drill_rounds = [r for r in store.rounds() if r.argument_id == "teachers-waste-time"]
    assert len(drill_rounds) == 2 and drill_rounds[-1].score >= 0.5


async def test_weak_spots_drill_the_lowest_mastery_across_motions(store: HistoryStore) -> None:
    seed(store, "cost-to-families", 0.2, NOW - timedelta(days=3))
    seed(store, "self-expression", 0.9, NOW - timedelta(days=3), points=9)
    app = app_with(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_drills(pilot)
        await pilot.press("down", "enter")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and [a.id for a in app.session.queue] == ["cost-to-families"]
        assert "Weak spots" in text_of(app, "#round-status")


async def test_rapid_fire_shows_a_thirty_second_countdown() -> None:
    app = app_with(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_drills(pilot)
        await pilot.press("enter")  # review and weak spots are disabled without history: rapid fire is first
        await wait_for(pilot, RoundScreen)
        session = app.session
        assert session is not None and session.mode == "drill" and session.time_limit == 30
        assert session.total == len(UNIFORMS.opposition)  # all 3 (fewer than 5)
        assert {a.id for a in session.queue} == {a.id for a in UNIFORMS.opposition}
        status = text_of(app, "#round-status")
        assert "⏱ 0:30" in status and "Rapid fire" in status
        assert isinstance(app.clock, FakeClock)
        app.clock.advance(31)
        await wait_for_feedback(pilot)
        assert session.results[0].timed_out


async def test_case_building_shows_coverage_and_what_to_add() -> None:
    app = app_with(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_drills(pilot)
        await pilot.press("down", "enter")
        await wait_for(pilot, CaseBuildingScreen)
        area = app.screen.query_one("#case-text", TextArea)
        area.insert("- Without uniforms pupils compete over expensive brands and poorer children are bullied\nmy cat\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseBuildingScreen)
        assert [c.covered for c in screen.coverage] == [True, False]  # proposition's own two arguments
        assert "1 of 2 arguments covered · 50%" in text_of(app, "#case-share")
        coverage = text_of(app, "#case-coverage")
        assert "your line: Without uniforms pupils compete" in coverage
        assert UNIFORMS.proposition[1].claim in text_of(app, "#case-missing")
        assert UNIFORMS.proposition[0].claim not in text_of(app, "#case-missing")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#case-text", TextArea).has_focus
        await pilot.press("escape")
        await wait_for(pilot, PickerScreen)


async def test_the_student_name_prompt_names_the_results_file(tmp_path: Path, store: HistoryStore) -> None:
    results = tmp_path / "results"
    results.mkdir()
    recorder = Recorder(store=store, results_dir=results)
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock(), recorder=recorder)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, StudentNameScreen)
        await pilot.press("space", "space", "enter")  # blank: refused
        await pilot.pause()
        assert isinstance(app.screen, StudentNameScreen)
        assert "cannot be blank" in text_of(app, "#name-error")
        app.screen.query_one("#name-input", Input).value = "  Ada   Lovelace "
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        assert recorder.student == "Ada Lovelace"
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        assert app.wait_saved(timeout=10)
        (path,) = results.iterdir()
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["student"] == "Ada Lovelace" and len(data["rounds"]) == 1
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        assert app.wait_saved(timeout=10)
        await pilot.pause()
        assert any("Results saved to" in n.message for n in app._notifications)
    assert store.sessions()[0].student == "Ada Lovelace"


def assignment(hints: bool = False, pass_mark: int = 60) -> Assignment:
    return Assignment(
        title="Week 3 - school rules",
        motions=((UNIFORMS.id, "proposition"), (PHONES.id, "opposition")),
        mode="quick",
        time_limit=None,
        hints=hints,
        pass_mark=pass_mark,
        due="2026-12-01",
    )


async def test_an_assignment_runs_its_motions_with_hints_off_and_says_not_yet(store: HistoryStore) -> None:
    app = app_with(store, assignment=assignment())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, AssignmentIntroScreen)
        intro = text_of(app, "#assignment-intro")
        for needle in ("Week 3 - school rules", "2026-12-01", "60%", UNIFORMS.title, PHONES.title, "Opposition", "off"):
            assert needle in intro, needle
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and (app.session.motion.id, app.session.side) == (UNIFORMS.id, "proposition")
        assert app.session.mode == "quick"
        assert "hints off" in text_of(app, "#round-status")
        assert "Make school uniforms compulsory" in text_of(app, "#round-status")  # which of its motions this is
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.session.hints == [] and app.screen.query_one("#hints-panel").has_class("hidden")
        assert app.screen.check_action("hint", ()) is False  # no Hint key in the footer at all
        assert "hint" not in {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        first_points = app.session.results[0].points
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        assert "Enter: Next (1 to go)" in text_of(app, "#sum-export")
        await pilot.press("n")  # "new session" is off inside an assignment
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        assert (app.session.motion.id, app.session.side) == (PHONES.id, "opposition")
        await pilot.press("ctrl+n")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        assert "Assignment result" in text_of(app, "#sum-export")
        await pilot.press("enter")
        await wait_for(pilot, AssignmentResultScreen)
        verdict = text_of(app, "#assignment-verdict")
        # quick mode: 3 + 2 arguments = 50 points available, whether answered or not
        assert verdict.startswith("NOT YET") and f"{first_points}/50 points" in verdict
        assert PHONES.title in text_of(app, "#assignment-table")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert app.wait_saved(timeout=10)
    assert [s.motion_id for s in store.sessions()] == [PHONES.id, UNIFORMS.id]


async def test_an_assignment_with_a_low_pass_mark_passes() -> None:
    app = app_with(None, assignment=assignment(hints=True, pass_mark=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, AssignmentIntroScreen)
        assert "allowed" in text_of(app, "#assignment-intro")
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.session is not None and len(app.session.hints) == 1
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+n")  # skip the first argument of the second motion, then end it
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")  # its unanswered arguments still count as available
        await wait_for(pilot, SummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, AssignmentResultScreen)
        assert isinstance(app.screen, AssignmentResultScreen) and app.screen.passed
        assert text_of(app, "#assignment-verdict").startswith("PASS")


@pytest.mark.parametrize("results", [False, True])
async def test_an_assignment_says_whether_the_teacher_gets_the_results(tmp_path: Path, results: bool) -> None:
    """Found by a teacher: `debate practice --assignment week3.yaml --student Noah` without --results wrote no results
    file, and the last screen said "Well done: your results are saved for your teacher." It says so only when a
    results file is written, and the intro warns before the work starts."""
    recorder = Recorder(results_dir=tmp_path / "results", student="Noah") if results else Recorder()
    app = app_with(None, recorder=recorder, assignment=assignment(pass_mark=0))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, AssignmentIntroScreen)
        assert ("--results" in text_of(app, "#assignment-intro")) is not results
        await pilot.press("enter")
        for _ in range(2):
            await wait_for(pilot, RoundScreen)
            await pilot.press("ctrl+n")
            await wait_for_feedback(pilot)
            await pilot.press("ctrl+f")
            await wait_for(pilot, SummaryScreen)
            await pilot.press("enter")
        await wait_for(pilot, AssignmentResultScreen)
        advice = " ".join(text_of(app, "#assignment-advice").split())
        assert ("your results are saved for your teacher" in advice) is results
        assert ("--results" in advice) is not results
    assert app.wait_saved(timeout=10)
