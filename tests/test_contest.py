"""A student contests a verdict: it reaches history and the results file, and never changes points."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_tui import text_of, type_answer, wait_for, wait_for_feedback
from textual.widgets import OptionList, Static
from tui_fixtures import UNIFORMS, FakeClock

from debate.history import MIGRATIONS, HistoryStore
from debate.recorder import Recorder
from debate.results import ResultsProblem, read_results, results_files, validate_results
from debate.tui.app import build_app
from debate.tui.screens.contest import ContestScreen
from debate.tui.screens.help import HelpScreen
from debate.tui.screens.history import HistoryScreen
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.sessions import SessionsScreen
from debate.tui.screens.summary import SummaryScreen


async def test_student_contests_a_verdict_and_sees_it_was_sent(tmp_path: Path) -> None:
    results = tmp_path / "results"
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        recorder = Recorder(store=store, results_dir=results, student="Ana")
        app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="opposition", clock=FakeClock(), recorder=recorder)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, RoundScreen)
            await type_answer(pilot, "kids should be able to pick their clothes")
            await pilot.press("ctrl+s")
            await wait_for_feedback(pilot)
            screen = app.screen
            assert isinstance(screen, RoundScreen) and screen.last_result is not None
            points = screen.last_result.points
            active = app.screen.active_bindings["c"]
            assert active.enabled and active.binding.description == "Contest"  # shown in the footer
            await pilot.press("c")
            await wait_for(pilot, ContestScreen)
            contest = app.screen
            assert isinstance(contest, ContestScreen)
            assert "Your teacher decides" in str(contest.query_one("#contest-who", Static).render())
            kind, rebuttal = contest.choices[0]
            await pilot.press("enter")
            await wait_for(pilot, RoundScreen)
            await pilot.pause()
            shown = [n.message for n in app._notifications]
            assert any("Contest sent to your teacher" in m for m in shown)
        [path] = list(results.iterdir())
        doc = json.loads(path.read_text())
        assert doc["rounds"][0]["contest"]["kind"] == kind == "credit"
        assert doc["rounds"][0]["contest"]["rebuttal"] == rebuttal
        assert doc["rounds"][0]["points"] == points  # a contest changes no points
        [saved] = store.rounds()
        assert store.contests() == {saved.id: (kind, rebuttal)}
        assert [s.results for s in store.sessions()] == [True]  # its contests reach a teacher
        assert saved.points == points
    loaded, skipped = read_results(results_files([results]))
    stored = loaded[0].doc["rounds"][0].get("contest")
    assert not skipped and stored is not None and stored.get("rebuttal") == rebuttal


async def test_in_free_practice_a_second_c_shows_the_contest_and_history_says_no_teacher_reads_it(
    tmp_path: Path,
) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        app = build_app(
            [UNIFORMS], motion_id=UNIFORMS.id, side="opposition", clock=FakeClock(), recorder=Recorder(store=store)
        )
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, RoundScreen)
            await type_answer(pilot, "kids should be able to pick their clothes")
            await pilot.press("ctrl+s")
            await wait_for_feedback(pilot)
            await pilot.press("c")
            await wait_for(pilot, ContestScreen)
            assert not app.screen.query("#contest-current")  # nothing contested yet
            who = str(app.screen.query_one("#contest-who", Static).render())  # (it said "Your teacher decides")
            assert "No teacher reads this session" in who and "teacher decides" not in who
            first, second = app.screen.choices[:2]  # type: ignore[attr-defined]
            await pilot.press("enter")
            await wait_for(pilot, RoundScreen)
            assert app.wait_saved(timeout=10)
            await pilot.pause()
            assert any("No teacher reads this session" in n.message for n in app._notifications)
            await pilot.press("c")  # again on the same round: the dialog shows the contest made
            await wait_for(pilot, ContestScreen)
            current = str(app.screen.query_one("#contest-current", Static).render())
            assert "You contested this verdict already: credit for" in current and "replaces it" in current
            assert app.screen.query_one(OptionList).highlighted == 0
            await pilot.press("down", "enter")
            await wait_for(pilot, RoundScreen)
            assert app.wait_saved(timeout=10)
            [saved] = store.rounds()
            assert store.contests() == {saved.id: second} and second != first  # replaced, one per round
            await pilot.press("ctrl+f")
            await wait_for(pilot, SummaryScreen)
            app.action_history()
            await wait_for(pilot, HistoryScreen)
            await pilot.press("s")
            await wait_for(pilot, SessionsScreen)
            detail = text_of(app, "#session-detail")
            assert "Contested: you asked for" in detail and "no teacher reads this session" in detail
            assert "your teacher marks it" not in detail
        assert [s.results for s in store.sessions()] == [False]


async def test_escape_sends_nothing(tmp_path: Path) -> None:
    recorder = Recorder(results_dir=tmp_path, student="Ana")
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="opposition", clock=FakeClock(), recorder=recorder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "kids should be able to pick their clothes")
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("c")
        await wait_for(pilot, ContestScreen)
        # the footer shows the dialog's own cancel key (it showed the feedback screen's keys underneath, no cancel)
        shown = re.sub(r"<[^>]+>", "", app.export_screenshot()).replace("&#160;", " ")
        assert re.search(r"esc\s+Cancel", shown) and "Contest" not in shown.rsplit("Contest this verdict", 1)[-1]
        assert re.search(r"⏎\s+Choose", shown) and re.search(r"f1\s+Help", shown)  # (it showed only Cancel)
        await pilot.press("f1")  # (a student walker: f1 did nothing in the dialog)
        await wait_for(pilot, HelpScreen)
        await pilot.press("escape")
        await wait_for(pilot, ContestScreen)
        await pilot.press("escape")
        await wait_for(pilot, RoundScreen)
    [path] = list(tmp_path.iterdir())
    assert "contest" not in json.loads(path.read_text())["rounds"][0]


async def test_a_skipped_argument_offers_no_contest(tmp_path: Path) -> None:
    recorder = Recorder(results_dir=tmp_path, student="Ana")
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="opposition", clock=FakeClock(), recorder=recorder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+n")
        await wait_for_feedback(pilot)
        assert "c" not in app.screen.active_bindings  # no verdict to contest: the footer does not offer it
        assert "Contest" not in [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Contest the verdict" not in [c.title for c in app.get_system_commands(app.screen)]  # nor the palette
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, RoundScreen)
        await pilot.press("enter")  # the next argument, answered: contest is offered again
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "kids should be able to pick their clothes")
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        assert app.screen.active_bindings["c"].enabled


async def test_time_running_out_on_an_empty_box_offers_no_contest(tmp_path: Path) -> None:
    recorder = Recorder(results_dir=tmp_path, student="Ana")
    clock = FakeClock()
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="opposition", clock=clock, recorder=recorder, time_limit=30)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "  \n ")  # only blanks: nothing to contest either
        clock.advance(31)
        await wait_for_feedback(pilot)
        assert app.session is not None and app.session.results[0].timed_out
        assert "c" not in app.screen.active_bindings  # no answer, so no verdict to contest
        assert "Contest the verdict" not in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, RoundScreen)
        clock.advance(2)  # (the feedback's keys wait a moment after a time-out)
        await pilot.press("enter")  # time runs out on a typed answer: that one can be contested
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "kids should be able to pick their clothes")
        clock.advance(31)
        await wait_for_feedback(pilot)
        assert app.session.results[1].timed_out and app.screen.active_bindings["c"].enabled


async def test_help_and_the_palette_name_the_contest() -> None:
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="opposition", clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "kids should be able to pick their clothes")
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        shown = str(app.screen.query_one("#help-text", Static).render())
        feedback = shown.split("On this screen: Feedback")[1].split("Everywhere")[0]
        assert re.search(r"^\s*c\s+contest the verdict", feedback, re.MULTILINE)  # as pressed
        await pilot.press("escape")
        await wait_for(pilot, RoundScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Contest the verdict"].callback()
        await wait_for(pilot, ContestScreen)


def test_old_results_files_without_contest_stay_readable_and_bad_contests_are_refused() -> None:
    doc: dict[str, Any] = {
        "format": "debate-results",
        "version": 2,
        "session": "s1",
        "student": "Ana",
        "motion": {"id": "m", "title": "M"},
        "side": "proposition",
        "mode": "full",
        "assignment": None,
        "started_at": None,
        "updated_at": None,
        "finished_at": None,
        "status": "finished",
        "finished": True,
        "rounds": [
            {
                "argument": "a",
                "answer": "x",
                "outcome": "miss",
                "points": 0,
                "max_points": 10,
                "hints_used": 0,
                "seconds": 1.0,
                "verdicts": [{"rebuttal": "r", "score": 0.1, "verdict": "miss"}],
            }
        ],
    }
    assert "contest" not in validate_results(doc)["rounds"][0]
    doc["rounds"][0]["contest"] = {"kind": "credit", "rebuttal": "r", "at": "2026-11-22T09:00:00Z"}
    assert validate_results(doc)["rounds"][0]["contest"] == {
        "kind": "credit",
        "rebuttal": "r",
        "at": "2026-11-22T09:00:00+00:00",
    }
    doc["rounds"][0]["contest"] = {"kind": "please"}
    with pytest.raises(ResultsProblem, match="malformed contest"):
        validate_results(doc)


def test_history_migrates_to_the_contests_table(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    raw = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        raw.executescript(script)
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()
    with HistoryStore.open(path) as store:
        assert store.schema_version == len(MIGRATIONS) >= 3
        session = store.start_session("m", "proposition", "full")
        with pytest.raises(KeyError):
            store.contest_round(999, "credit", "r")
        assert store.contests(session) == {}


LONG = "; and besides, the pupils who dislike learning in uniform would find something else to complain about"
"""Lengthens a rebuttal well past the 70 characters the dialog once cut it to."""


async def test_the_dialog_shows_each_rebuttal_whole_and_scrolls_to_the_last_at_80_columns() -> None:
    """Cut at 70 characters ('…dislike learn…', '…givin…'), a rebuttal could not be read, so the student could not
    tell what they contested (found by a student): each is whole, wrapped, in the choices and in the contest made;
    the choices scroll within the dialog, the last reachable, not cut off by its edge."""
    argument = UNIFORMS.opposition[0]
    longer = tuple(replace(r, text=r.text.rstrip(".") + LONG + ".") for r in argument.rebuttals)
    more = tuple(replace(r, id=f"{r.id}-again", text=f"Again: {r.text}") for r in longer)
    motion = replace(UNIFORMS, opposition=(replace(argument, rebuttals=longer + more), *UNIFORMS.opposition[1:]))
    app = build_app([motion], motion_id=motion.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "this has nothing to do with the claim at all")
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("c", "enter")  # contest, then open the dialog again: it says what was contested
        await wait_for(pilot, RoundScreen)
        await pilot.press("c")
        await wait_for(pilot, ContestScreen)
        screen = app.screen
        assert isinstance(screen, ContestScreen)
        options = screen.query_one(OptionList)
        seen = ""
        for index in range(options.option_count):
            options.highlighted = index
            await pilot.pause()
            lines = [options.render_line(y).text for y in range(options.content_region.height)]
            seen += " " + " ".join(" ".join(lines).split())
        for rebuttal in longer + more:
            assert " ".join(rebuttal.text.split()) in seen, rebuttal.id
        current = " ".join(str(screen.query_one("#contest-current", Static).render()).split())
        assert f"credit for “{' '.join(longer[0].text.split())}” Choosing again" in current
        box = screen.query_one("#contest-box").region
        assert options.region.y + options.region.height <= box.y + box.height - 1  # inside the box's border
