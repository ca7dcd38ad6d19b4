"""Rounds reach the history database and the classroom results file the moment they finish."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tui_fixtures import UNIFORMS

from debate.classroom import build_report
from debate.cli import main
from debate.history import HistoryStore
from debate.motions import load_motion
from debate.recorder import Recorder
from debate.results import read_results, results_files
from debate.session import PracticeSession

MINI = Path(__file__).parent / "data" / "mini.yaml"


def test_rounds_are_recorded_as_they_finish(tmp_path: Path) -> None:
    motion = load_motion(MINI)
    results = tmp_path / "results"
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        recorder = Recorder(store=store, results_dir=results, student="Ana")
        ticks = iter(range(0, 1000, 10))
        session = PracticeSession(motion, "opposition", clock=lambda: float(next(ticks)))
        first = session.submit("keep the homework short, ten minutes a night leaves time to play")
        recorder.round_done(session, first)
        # After one round, before the session ends, both stores already hold it.
        assert [r.argument_id for r in store.rounds()] == ["stress-and-play"]
        [path] = list(results.iterdir())
        assert json.loads(path.read_text())["rounds"][0]["argument"] == "stress-and-play"
        assert json.loads(path.read_text())["finished"] is False
        summary = session.finish()
        recorder.session_done(session, summary)
        [record] = store.sessions()
        assert record.motion_id == "mini-homework" and record.side == "opposition" and record.student == "Ana"
        assert record.total == summary.total and record.max_total == summary.max_total
        [saved] = store.rounds()
        assert saved.side == "proposition"  # the side of the argument that was rebutted
        assert saved.points == first.points and saved.hits == tuple(v.candidate_id for v in first.hits)
        doc = json.loads(path.read_text())
        assert doc["finished"] is True and doc["total"] == summary.total
        assert doc["status"] == ("quit" if session.ended_early else "finished") and doc["finished_at"]
        assert recorder.notices == [f"Results saved to {path}"]
    docs, skipped = read_results(results_files([results]))
    [group] = build_report(docs, skipped)["groups"]
    assert group["students"][0]["student"] == "Ana" and group["title"] == "Free practice"


def test_the_app_never_writes_a_results_file_its_report_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 135 kB paste is judged and its round saved in a file the report reads (it was skipped whole, found by an
    attacker); a name longer than the name box takes is refused on the command line, in one line."""
    motion = load_motion(MINI)
    results = tmp_path / "results"
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        recorder = Recorder(store=store, results_dir=results, student="Ana")
        session = PracticeSession(motion, "opposition")
        recorder.round_done(session, session.submit("keep homework short so there is time to play " * 3000))
        recorder.session_done(session, session.finish())
    docs, skipped = read_results(results_files([results]))
    assert skipped == [] and len(docs[0].doc["rounds"][0]["answer"]) == 100_000
    code = main(["practice", "mini-homework", "--motions", str(MINI), "--student", "B" * 250, "--side", "opposition"])
    assert code == 1
    assert capsys.readouterr().err == "debate: --student: a name is at most 60 characters (this one has 250)\n"


def test_skips_score_zero_and_no_student_means_no_results_file(tmp_path: Path) -> None:
    motion = load_motion(MINI)
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        recorder = Recorder(store=store, results_dir=tmp_path / "results", student=None)
        session = PracticeSession(motion, "proposition")
        recorder.round_done(session, session.skip())
        recorder.session_done(session, session.finish())
        [saved] = store.rounds()
        assert saved.score == 0.0 and saved.points == 0 and saved.argument_id == "builds-habits"
    assert not (tmp_path / "results").exists()


def test_history_and_stats_commands_show_recorded_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    motion = load_motion(MINI)
    with HistoryStore.open() as store:  # the default location, under DEBATE_HOME
        recorder = Recorder(store=store)
        for answer in ("nothing useful", "they can learn study habits later at secondary school"):
            session = PracticeSession(motion, "proposition")
            recorder.round_done(session, session.submit(answer))
            recorder.session_done(session, session.finish())
    assert main(["history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["motion"] for r in rows] == ["mini-homework", "mini-homework"]
    assert rows[0]["percent"] > rows[1]["percent"]  # newest first, and the second answer was better
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["motions"][0]["sessions"] == 2 and len(stats["motions"][0]["trend"]) == 2
    assert stats["arguments"][0]["argument"] == "builds-habits" and stats["arguments"][0]["attempts"] == 2
    assert main(["stats"]) == 0
    assert "mini-homework" in capsys.readouterr().out


def broken_folder(tmp_path: Path) -> Path:
    """A results folder that cannot be made or written, even as root: its parent is a regular file."""
    blocker = tmp_path / "share"
    blocker.write_text("not a folder\n")
    return blocker / "results"


def mend(folder: Path) -> None:
    """Make the broken folder writable again (the share came back)."""
    folder.parent.unlink()
    folder.mkdir(parents=True)


def test_an_unwritable_results_folder_keeps_history_and_writes_the_file_when_it_can(tmp_path: Path) -> None:
    motion = UNIFORMS
    results = broken_folder(tmp_path)
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        recorder = Recorder(store=store, results_dir=results, student="Ana")
        session = PracticeSession(motion, "proposition")
        first = session.submit("pupils can express who they are in their hobbies and at weekends")
        recorder.round_done(session, first)  # no exception: the export's failure is a notice
        session.advance()
        second = session.skip()
        recorder.round_done(session, second)
        summary = session.finish()
        recorder.session_done(session, summary)
        # history first: one session, finished, with both rounds (no orphan unfinished sessions)
        [record] = store.sessions()
        assert record.finished_at is not None and record.total == summary.total
        assert len(store.rounds()) == 2
        [notice] = recorder.notices  # said once, not once per round
        assert "Could not write your results file" in notice and str(results) in notice
        assert recorder.behind

        mend(results)
        recorder.retry()  # what the trainer does on the next round, the next session end and at exit
        [path] = list(results.iterdir())
        doc = json.loads(path.read_text())
        assert [r["argument"] for r in doc["rounds"]] == [first.argument.id, second.argument.id]
        assert doc["finished"] is True and doc["total"] == summary.total
        assert recorder.notices[-1] == f"Results saved to {path}" and not recorder.behind
        assert len(store.rounds()) == 2 and len(store.sessions()) == 1  # the retry wrote nothing twice


def test_a_results_folder_that_vanishes_mid_session_is_caught_up_by_the_next_round(tmp_path: Path) -> None:
    motion = UNIFORMS
    results = tmp_path / "results"
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        recorder = Recorder(store=store, results_dir=results, student="Ana")
        session = PracticeSession(motion, "proposition")
        recorder.round_done(session, session.submit("pupils can express who they are in their hobbies"))
        [path] = list(results.iterdir())
        for old in results.iterdir():
            old.unlink()
        results.rmdir()
        results.write_text("the share went away\n")  # now the folder's path is a file: every write fails
        session.advance()
        recorder.round_done(session, session.skip())
        assert any("Could not write your results file" in n for n in recorder.notices)
        results.unlink()
        results.mkdir()
        session.advance()
        recorder.round_done(session, session.skip())  # the next round brings the file up to date
        doc = json.loads(path.read_text())
        assert len(doc["rounds"]) == 3 and doc["finished"] is False
        assert recorder.notices[-1].startswith("Your results file is up to date again")
        recorder.session_done(session, session.finish())
        assert json.loads(path.read_text())["finished"] is True
        assert len(store.rounds()) == 3 and len(store.sessions()) == 1


def test_a_failed_session_file_is_written_during_the_next_session(tmp_path: Path) -> None:
    motion = UNIFORMS
    results = broken_folder(tmp_path)
    recorder = Recorder(store=None, results_dir=results, student="Ana")  # no history: the file still catches up
    first = PracticeSession(motion, "opposition")  # 2 arguments
    recorder.round_done(first, first.skip())
    recorder.session_done(first, first.finish())
    assert recorder.behind
    mend(results)
    second = PracticeSession(motion, "proposition")  # 3 arguments
    recorder.round_done(second, second.skip())
    docs = [json.loads(p.read_text()) for p in sorted(results.iterdir())]
    assert sorted((d["side"], d["finished"]) for d in docs) == [("opposition", True), ("proposition", False)]


def test_a_session_starts_when_its_first_argument_is_shown_and_the_report_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: a results file's started_at (and the report's first_started) was the time of the first
    answer, because the file is first written then; the minutes spent on the first argument were lost. The session
    start is now noted when the first argument is shown, and history and the results file both take it."""
    moments = iter(datetime(2026, 11, 25, 9, 0, tzinfo=UTC) + timedelta(minutes=4 * n) for n in range(100))
    results = tmp_path / "results"
    with HistoryStore.open(tmp_path / "h.sqlite3", clock=lambda: next(moments)) as store:
        recorder = Recorder(store=store, results_dir=results, student="Ana")
        session = PracticeSession(load_motion(MINI), "opposition")
        recorder.session_started(session)  # 09:00, the first argument on screen; the answer comes minutes later
        recorder.round_done(session, session.submit("keep the homework short, ten minutes a night leaves time"))
        recorder.session_done(session, session.finish())
        [record] = store.sessions()
    [path] = results.iterdir()
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["started_at"] == "2026-11-25T09:00:00+00:00" < doc["rounds"][0]["answered_at"] <= doc["finished_at"]
    assert record.started_at == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert main(["report", str(results), "--motions", str(MINI), "--format", "csv"]) == 0
    [row] = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["first_started"] == "2026-11-25T09:00:00+00:00" and row["minutes_in_app"] != "0.0"
