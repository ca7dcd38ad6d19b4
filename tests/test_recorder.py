"""Rounds reach the history database and the classroom results file the moment they finish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
