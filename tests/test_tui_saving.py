"""Saving a round never holds up the screen, never loses the round, and a broken results folder is only a notice."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_tui import GOOD, text_of, type_answer, wait_for, wait_for_feedback
from tui_fixtures import UNIFORMS, FakeClock

from debate.cli import main
from debate.history import HistoryStore
from debate.recorder import Recorder
from debate.tui.app import DebateApp, build_app
from debate.tui.screens.confirm import ConfirmScreen
from debate.tui.screens.contest import ContestScreen
from debate.tui.screens.history import HistoryScreen
from debate.tui.screens.home import HomeScreen
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.side import SideScreen
from debate.tui.screens.summary import SummaryScreen


def round_app(recorder: Recorder) -> DebateApp:
    return build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock(), recorder=recorder)


async def test_the_screen_goes_on_while_another_program_holds_the_history_lock(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        other = sqlite3.connect(path, isolation_level=None)
        app = round_app(Recorder(store=store))
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await wait_for(pilot, RoundScreen)
                other.execute("BEGIN IMMEDIATE")  # another program takes the write lock and keeps it
                await type_answer(pilot, GOOD)
                await pilot.press("ctrl+s")
                await wait_for_feedback(pilot)  # the feedback is up...
                assert other.in_transaction  # ...while the lock is still held
                assert not app.wait_saved(timeout=0.1)  # the round waits for the lock on its own thread
                await pilot.press("enter")  # and the student goes on: the next argument, a skip, the summary
                await wait_for(pilot, RoundScreen)
                await pilot.press("ctrl+n")
                await wait_for_feedback(pilot)
                await pilot.press("ctrl+f")
                await wait_for(pilot, SummaryScreen)
                await pilot.press("n")
                await wait_for(pilot, PickerScreen)
                await pilot.press("f4")  # the history opens too, and says it is reading
                for _ in range(50):
                    if isinstance(app.screen, HistoryScreen):
                        break
                    await pilot.pause(0.02)
                assert isinstance(app.screen, HistoryScreen) and not app.screen.loaded
                assert "Reading your history" in text_of(app, "#hist-due")
                assert other.in_transaction  # three saves are waiting, in order
                other.execute("COMMIT")  # the other program lets go
                assert app.wait_saved(timeout=30)
                await wait_for(pilot, HistoryScreen, timeout=30)  # read once the saves are in
                sessions = text_of(app, "#hist-sessions")  # the session, finished: the saves came first
                assert "Make school uniforms compulsory" in sessions and "unfinished" not in sessions
                assert not any("Could not save" in n.message for n in app._notifications)
        finally:
            other.close()
        # everything landed, in the order it happened
        rounds = store.rounds()
        assert [(r.argument_id, r.answer) for r in rounds] == [
            (UNIFORMS.opposition[0].id, GOOD),
            (UNIFORMS.opposition[1].id, ""),
        ]
        [session] = store.sessions()
        assert session.finished_at is not None and session.total == rounds[0].points


async def test_the_results_file_starts_when_the_first_argument_is_shown(tmp_path: Path) -> None:
    """Found by a teacher: started_at was when the first answer came in; the app now notes the session's start when
    it shows the first argument."""
    now = [datetime(2026, 11, 25, 9, 0, tzinfo=UTC)]
    results = tmp_path / "results"
    with HistoryStore.open(tmp_path / "history.sqlite3", clock=lambda: now[0]) as store:
        app = round_app(Recorder(store=store, results_dir=results, student="Ana"))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, RoundScreen)
            now[0] += timedelta(minutes=5)  # five minutes on the first argument
            await type_answer(pilot, GOOD)
            await pilot.press("ctrl+s")
            await wait_for_feedback(pilot)
            assert app.wait_saved(timeout=10)
        [path] = list(results.iterdir())
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert (doc["started_at"], doc["rounds"][0]["answered_at"]) == (
            "2026-11-25T09:00:00+00:00",
            "2026-11-25T09:05:00+00:00",
        )
        assert [s.started_at for s in store.sessions()] == [datetime(2026, 11, 25, 9, 0, tzinfo=UTC)]


async def test_a_broken_results_folder_is_a_notice_and_the_file_catches_up(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.write_text("not a folder\n")  # the results folder's parent is a file: no write can succeed, even as root
    results = share / "results"
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        app = round_app(Recorder(store=store, results_dir=results, student="Ana"))
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await wait_for(pilot, RoundScreen)
            await type_answer(pilot, GOOD)
            await pilot.press("ctrl+s")
            await wait_for_feedback(pilot)
            assert app.wait_saved(timeout=10)
            await pilot.pause()
            notices = [n.message for n in app._notifications]
            assert any("Could not write your results file" in n for n in notices)
            assert not any(n.startswith("Could not save") for n in notices)  # history has it
            assert [r.answer for r in store.rounds()] == [GOOD]

            share.unlink()  # the share comes back
            results.mkdir(parents=True)
            await pilot.press("enter")
            await wait_for(pilot, RoundScreen)
            await pilot.press("ctrl+n")  # the next round retries the file
            await wait_for_feedback(pilot)
            assert app.wait_saved(timeout=10)
            [path] = list(results.iterdir())
            assert len(json.loads(path.read_text(encoding="utf-8"))["rounds"]) == 2
        assert [s.finished_at for s in store.sessions()] == [None]  # quit mid-session: not finished, not lost
        assert len(store.rounds()) == 2


def test_a_data_folder_that_cannot_be_made_is_one_message_and_the_trainer_runs_without_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x\n")
    monkeypatch.setenv("DEBATE_HOME", str(blocker / "debate"))  # cannot be created, not even by root
    assert main(["history"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot create the data folder" in err and "Traceback" not in err
    assert main(["stats"]) == 1
    assert "cannot create the data folder" in capsys.readouterr().err

    seen: list[str] = []

    def headless(app: DebateApp, **_: object) -> None:
        """Play the app the CLI built in a Pilot session instead of the terminal."""

        async def play() -> None:
            async with app.run_test(size=(100, 30), notifications=True) as pilot:
                await wait_for(pilot, HomeScreen)  # plain `debate` opens on the home screen
                await pilot.press("m")
                await wait_for(pilot, PickerScreen)
                await pilot.press("f4")  # the history key, without a history: off
                await pilot.pause(0.1)
                seen.extend(n.message for n in app._notifications)
                assert isinstance(app.screen, PickerScreen)
                await pilot.press("enter")  # practising still works
                await wait_for(pilot, SideScreen)
                await pilot.press("enter")
                await wait_for(pilot, RoundScreen)
                await pilot.press("ctrl+n")
                await wait_for_feedback(pilot)
                await pilot.press("ctrl+f")
                await wait_for(pilot, SummaryScreen)
                await pilot.press("e")  # the export folder lives in the data folder too: a notice, no crash
                await pilot.pause(0.1)
                seen.extend(n.message for n in app._notifications)
                await pilot.press("q")

        asyncio.run(play())

    monkeypatch.setattr(DebateApp, "run", headless)
    assert main([]) == 0
    assert "practising without history" in capsys.readouterr().err
    assert any(m.startswith("No history this time: cannot create the data folder") for m in seen)
    assert any(m.startswith("Could not export") for m in seen)


def _quit_after_a_round(
    contest: bool, before: Callable[[], None] = lambda: None
) -> tuple[Callable[..., None], list[str]]:
    """A stand-in for ``DebateApp.run``: play the CLI's app in a Pilot session (call ``before``, answer the first
    argument, contest its verdict if asked and wait for the notice, go on to the next argument, quit with Ctrl+Q then
    y); the list gets every notice the screen showed."""
    shown: list[str] = []

    def headless(app: DebateApp, **_: object) -> None:
        async def play() -> None:
            async with app.run_test(size=(100, 30), notifications=True) as pilot:
                await wait_for(pilot, RoundScreen)
                before()
                await type_answer(pilot, "children need structure")
                await pilot.press("ctrl+s")
                await wait_for_feedback(pilot)
                if contest:
                    await pilot.press("c")
                    await wait_for(pilot, ContestScreen)
                    await pilot.press("enter")
                    await wait_for(pilot, RoundScreen)
                assert app.wait_saved(timeout=10)
                for _ in range(100):  # the saving thread's news reaches the screen
                    shown.extend(n.message for n in app._notifications if n.message not in shown)
                    if not contest or any(m.startswith("Contest saved") for m in shown):
                        break
                    await pilot.pause(0.02)
                await pilot.press("enter")
                await wait_for(pilot, RoundScreen)
                await pilot.press("ctrl+q")
                await wait_for(pilot, ConfirmScreen)
                await pilot.press("y")

        asyncio.run(play())

    return headless, shown


def test_quitting_prints_no_notice_the_screen_already_showed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    headless, shown = _quit_after_a_round(contest=True)
    monkeypatch.setattr(DebateApp, "run", headless)
    assert main(["practice", "ban-homework", "--side", "opposition"]) == 0
    assert any(m.startswith("Contest saved in your history") for m in shown)
    assert capsys.readouterr().err == ""  # the contest's notice was on screen: the terminal does not repeat it


def test_quitting_prints_what_the_screen_could_not_show_and_a_results_file_still_missing_rounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results"
    headless, shown = _quit_after_a_round(contest=False)
    monkeypatch.setattr(DebateApp, "run", headless)
    args = ["practice", "ban-homework", "--side", "opposition", "--student", "Ana", "--results", str(results)]
    assert main(args) == 0
    err = capsys.readouterr().err.splitlines()
    [path] = list(results.iterdir())  # the session's last write came after the screen closed: said on the terminal
    assert err == [f"Results saved to {path}"] and not any(m.startswith("Results saved") for m in shown)

    broken = tmp_path / "broken"

    def break_the_folder() -> None:
        broken.rmdir()
        broken.write_text("not a folder\n")  # no results file can be written in it any more, not even by root

    headless, shown = _quit_after_a_round(contest=False, before=break_the_folder)
    monkeypatch.setattr(DebateApp, "run", headless)
    args[-1] = str(broken)
    assert main(args) == 0
    err = capsys.readouterr().err.splitlines()
    assert any(m.startswith("Could not write your results file") for m in shown)  # on screen, once
    assert len(err) == 1 and "results file" in err[0] and "is missing rounds" in err[0]  # and still so on exit
