"""`debate serve` history isolation: each browser session reads and writes its own student's history only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_tui import text_of, wait_for
from textual.widgets import Input
from tui_fixtures import PHONES, UNIFORMS, FakeClock

from debate.errors import DebateError
from debate.history import HistoryStore, RoundRecord
from debate.recorder import Recorder
from debate.serve.launch import ServeOptions, session_command
from debate.serve.students import history_file_name, open_student_history, student_history_path, student_key
from debate.tui.app import build_app
from debate.tui.screens.history import HistoryScreen
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.student import StudentNameScreen

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def seed(folder: Path, student: str, motion_id: str, argument_id: str, score: float) -> None:
    """One finished session with one round, in the student's own history file."""
    with open_student_history(student, folder) as store:
        session = store.start_session(motion_id, "proposition", "full", student, started_at=NOW)
        store.record_round(session, RoundRecord(motion_id, argument_id, "opposition", "secret answer", score, 1, 10))
        store.finish_session(session, 1, 10, finished_at=NOW)


def opener(folder: Path) -> Callable[[str], HistoryStore]:
    return lambda name: open_student_history(name, folder)


def test_a_name_maps_to_one_safe_file_whatever_its_case_and_spacing() -> None:
    assert student_key("  Ana   LIMA ") == student_key("ana lima") == "ana lima"
    assert history_file_name("Ana Lima") == history_file_name("  ana   lima")
    assert history_file_name("Ana Lima").startswith("ana-lima-")
    assert history_file_name("Zoë") != history_file_name("Zoe")  # same slug, different students
    assert history_file_name("李雷") != history_file_name("韩梅梅")  # no ASCII at all: told apart by the hash
    for hostile in ("../../etc/passwd", "..", "/", "a/b\\c", "[/]", "=cmd|' /C calc'!A0", "\x00\x1b[31m", "." * 300):
        name = history_file_name(hostile)
        assert "/" not in name and "\\" not in name and ".." not in name and "\x00" not in name
        assert len(name) < 80 and name.endswith(".sqlite3")


def test_students_files_live_in_a_private_folder_under_the_data_folder(debate_home: Path) -> None:
    path = student_history_path("Ana Lima")
    assert path.parent == debate_home / "data" / "students"
    assert path.parent.stat().st_mode & 0o077 == 0  # 0700: other accounts on the machine cannot list it


def test_the_recorder_opens_the_named_students_history_only_once_named(tmp_path: Path) -> None:
    recorder = Recorder(history_for=opener(tmp_path))
    assert recorder.needs_name and recorder.store is None
    recorder.name("Ana Lima")
    assert recorder.store is not None and recorder.store.path == tmp_path / history_file_name("Ana Lima")
    assert not recorder.needs_name
    recorder.store.close()


def test_a_history_that_cannot_open_leaves_a_notice_and_no_store(tmp_path: Path) -> None:
    def broken(name: str) -> HistoryStore:
        raise DebateError("cannot open the history")

    recorder = Recorder(history_for=broken)
    recorder.name("Ana")
    assert recorder.store is None and recorder.notices == ["cannot open the history (practising without history)"]


async def test_a_served_session_sees_only_its_own_students_history(tmp_path: Path) -> None:
    seed(tmp_path, "Ana Lima", UNIFORMS.id, UNIFORMS.opposition[0].id, 0.9)
    seed(tmp_path, "Ben Okafor", PHONES.id, PHONES.opposition[0].id, 0.1)
    recorder = Recorder(history_for=opener(tmp_path))
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=recorder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, StudentNameScreen)
        assert app.store is None  # nothing is readable before the student says who they are
        await pilot.press("f4")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        app.screen.query_one("#name-input", Input).value = "ben   OKAFOR"
        await pilot.press("enter")
        await wait_for(pilot, PickerScreen)
        await pilot.press("f4")
        await wait_for(pilot, HistoryScreen)
        shown = " ".join(text_of(app, sel) for sel in ("#hist-progress", "#hist-sessions", "#hist-mastery"))
        assert "phones" in shown.lower()  # Ben's own session
        assert "uniforms" not in shown.lower() and "Ana" not in shown  # never Ana's
    assert recorder.store is not None and recorder.store.path.name == history_file_name("Ben Okafor")
    assert {s.student for s in recorder.store.sessions()} == {"Ben Okafor"}
    assert {r.motion_id for r in recorder.store.rounds()} == {PHONES.id}
    assert [m.motion_id for m in recorder.store.mastery()] == [PHONES.id]  # what weak spots and reviews read


async def test_a_served_students_rounds_go_to_their_own_file_not_the_shared_history(
    tmp_path: Path, debate_home: Path
) -> None:
    from test_tui import GOOD, type_answer, wait_for_feedback

    from debate.tui.screens.round import RoundScreen

    recorder = Recorder(history_for=opener(tmp_path))
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock(), recorder=recorder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, StudentNameScreen)
        app.screen.query_one("#name-input", Input).value = "Chloe Martin"
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
    assert recorder.store is not None
    recorder.store.close()
    with open_student_history("chloe martin", tmp_path) as own:
        assert [r.answer for r in own.rounds()] == [GOOD]
    with open_student_history("Ana Lima", tmp_path) as other:
        assert other.rounds() == []
    assert not (debate_home / "data" / "history.sqlite3").exists()  # the teacher's own history is never touched


def test_every_browser_session_runs_the_trainer_in_served_mode(tmp_path: Path) -> None:
    command = session_command(ServeOptions(host="127.0.0.1", port=8000, results=tmp_path / "class results"))
    assert command.startswith("exec ")  # the trainer replaces the shell, so stopping the session stops it
    assert " practice --served " in command and "'" in command  # the folder with a space stays one argument


@pytest.mark.parametrize("argv_extra", [[], ["--student", "Ana Lima"]])
def test_practice_served_ignores_a_given_name_and_opens_no_shared_history(
    argv_extra: list[str], monkeypatch: pytest.MonkeyPatch, debate_home: Path
) -> None:
    import debate.cli as cli
    from debate.tui import app as app_module

    seen: dict[str, Recorder] = {}

    class Stop(Exception):
        pass

    def fake_build_app(library: object, **kwargs: object) -> None:
        recorder = kwargs["recorder"]
        assert isinstance(recorder, Recorder)
        seen["recorder"] = recorder
        raise Stop

    monkeypatch.setattr(app_module, "build_app", fake_build_app)
    with pytest.raises(Stop):
        cli.main(["practice", "--served", *argv_extra])
    recorder = seen["recorder"]
    assert recorder.store is None and recorder.student is None and recorder.needs_name
    assert recorder.history_for is open_student_history
    assert not (debate_home / "data" / "history.sqlite3").exists()


async def test_a_served_session_sends_its_exports_to_the_browser_and_shows_no_server_path(
    tmp_path: Path, debate_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A browser student's screenshot and summary export go to their browser, not into the teacher's exports folder,
    and no notice names a path on the server (a tester filled the exports folder from the palette and read the
    server's paths in the notices)."""
    import io

    from test_tui import GOOD, type_answer, wait_for_feedback

    from debate.tui.screens.round import RoundScreen
    from debate.tui.screens.summary import SummaryScreen

    results = tmp_path / "results"
    recorder = Recorder(history_for=opener(tmp_path), results_dir=results)
    short = UNIFORMS.__class__(**{**UNIFORMS.__dict__, "opposition": UNIFORMS.opposition[:1]})
    app = build_app([short], motion_id=short.id, side="proposition", clock=FakeClock(), recorder=recorder)
    sent: list[tuple[str, str]] = []

    def deliver_text(file: io.StringIO, **options: object) -> str:
        sent.append((str(options.get("save_filename")), file.getvalue()))
        return "key"

    monkeypatch.setattr(app, "deliver_text", deliver_text)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, StudentNameScreen)
        app.screen.query_one("#name-input", Input).value = "Chloe Martin"
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        app.action_save_screenshot()
        await pilot.press("enter")
        await wait_for(pilot, SummaryScreen)
        await pilot.press("e")
        assert app.wait_saved(timeout=5)
        await pilot.pause(0.2)
        notices = " ".join(str(n.message) for n in app._notifications)
        assert (
            "Results saved for your teacher (chloe-martin-" in notices and "Screenshot sent to your browser" in notices
        )
        assert str(tmp_path) not in notices and str(debate_home) not in notices
        assert "Sent" in text_of(app, "#sum-export")
    names = [name for name, _ in sent]
    assert names[0].endswith(".svg") and names[1].endswith(".json") and names[2].endswith(".md")
    assert GOOD in sent[2][1]  # the Markdown export, with the student's answer
    assert not (debate_home / "data" / "exports").exists() and not list(debate_home.rglob("*.svg"))
