"""The SQLite history store: records, migrations, crashes, concurrent writers, damaged files."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from debate.errors import DebateError
from debate.history import (
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryError,
    HistoryStore,
    NullHistory,
    RoundRecord,
    apply_migrations,
    statements,
)

REPO = Path(__file__).resolve().parent.parent
HELPER = Path(__file__).resolve().parent / "helpers_history.py"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _round(argument: str = "a", score: float = 0.6, at: datetime = T0, **extra: object) -> RoundRecord:
    fields: dict[str, object] = {
        "motion_id": "m",
        "argument_id": argument,
        "side": "opposition",
        "answer": "they distil too",
        "score": score,
        "points": 6,
        "max_points": 10,
        "hits": ("big-tech-distils-too",),
        "nears": ("other",),
        "hints_used": 1,
        "seconds": 12.5,
        "at": at,
    }
    fields.update(extra)
    return RoundRecord(**fields)  # type: ignore[arg-type]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


# --------------------------------------------------------------------------- records


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        assert store.notice is None
        session = store.start_session("m", "proposition", "quick", student="Ada", started_at=T0)
        assert re.fullmatch(r"[0-9a-f]{32}", session)
        first = store.record_round(session, _round("a", 0.62, T0 + timedelta(seconds=30)))
        second = store.record_round(session, _round("b", 0.1, T0 + timedelta(seconds=60), hits=(), answer=""))
        store.finish_session(session, 6, 20, finished_at=T0 + timedelta(minutes=2))
    with HistoryStore.open(path) as store:
        [record] = store.sessions()
        assert record.id == session
        assert (record.motion_id, record.side, record.mode, record.student) == ("m", "proposition", "quick", "Ada")
        assert record.started_at == T0 and record.finished_at == T0 + timedelta(minutes=2)
        assert (record.total, record.max_total, record.percent) == (6, 20, 30.0)
        rounds = store.rounds(session_id=session)
        assert [r.id for r in rounds] == [first, second]
        assert rounds[0] == _round("a", 0.62, T0 + timedelta(seconds=30), session_id=session, id=first)
        assert rounds[1].hits == () and rounds[1].nears == ("other",) and rounds[1].answer == ""
        assert store.rounds(motion_id="other") == []
        assert store.session(session) == record
        assert store.session("nope") is None


def test_naive_times_are_local_and_stored_in_utc(tmp_path: Path) -> None:
    naive = datetime(2026, 3, 1, 12, 0)
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        session = store.start_session("m", "proposition", "full", started_at=naive)
        assert store.sessions()[0].started_at == naive.astimezone(UTC)
        assert store.sessions()[0].started_at.tzinfo is not None
        assert session


def test_bad_input_is_rejected_and_nothing_is_written(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        session = store.start_session("m", "proposition", "full")
        with pytest.raises(KeyError):
            store.record_round("no-such-session", _round())
        with pytest.raises(ValueError, match="score"):
            store.record_round(session, _round(score=1.5))
        with pytest.raises(ValueError, match="score"):
            store.record_round(session, _round(score=float("nan")))
        with pytest.raises(ValueError, match="side"):
            store.record_round(session, _round(side="both"))
        with pytest.raises(ValueError, match="side"):
            store.start_session("m", "middle", "full")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="belongs"):
            store.record_round(session, _round(session_id="other"))
        with pytest.raises(KeyError):
            store.finish_session("no-such-session", 1, 2)
        assert store.rounds() == []
        assert store.review_items() == []
        assert len(store.sessions()) == 1


def test_default_location_is_under_debate_home(debate_home: Path) -> None:
    with HistoryStore.open() as store:
        assert store.path == debate_home / "data" / "history.sqlite3"
        store.start_session("m", "opposition", "full")
    assert (debate_home / "data" / "history.sqlite3").exists()


def test_closed_store_says_so(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    store.close()
    store.close()
    with pytest.raises(HistoryError, match="closed"):
        store.sessions()


def test_wal_and_user_version(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS) >= 2
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()


def test_statements_split_scripts() -> None:
    assert statements("CREATE TABLE a (x TEXT DEFAULT ';'); INSERT INTO a VALUES ('b;c');\n") == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "INSERT INTO a VALUES ('b;c');",
    ]
    assert all(statements(script) for script in MIGRATIONS)


# --------------------------------------------------------------------------- migrations


def _old_database(path: Path, version: int) -> None:
    """A database at schema ``version`` holding two sessions and three rounds when it has the tables."""
    raw = sqlite3.connect(path, isolation_level=None)
    assert apply_migrations(raw, target=version) == version
    if version >= 1:
        raw.execute(
            "INSERT INTO sessions (id, started_at, finished_at, motion_id, side, mode, student, total, max_total)"
            " VALUES ('s1', ?, ?, 'm', 'proposition', 'full', 'Ada', 14, 20)",
            (T0.isoformat(timespec="microseconds"), (T0 + timedelta(minutes=5)).isoformat(timespec="microseconds")),
        )
        for index, (argument, score) in enumerate([("a", 0.9), ("b", 0.2), ("a", 0.1)]):
            raw.execute(
                "INSERT INTO rounds (session_id, motion_id, argument_id, side, answer, score, points, max_points,"
                " hits, nears, hints_used, seconds, at) VALUES ('s1', 'm', ?, 'opposition', 'x', ?, 5, 10, '[]',"
                " '[]', 0, 1.0, ?)",
                (argument, score, (T0 + timedelta(minutes=index)).isoformat(timespec="microseconds")),
            )
    raw.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrates_from_each_older_version(tmp_path: Path, version: int) -> None:
    path = tmp_path / "history.sqlite3"
    _old_database(path, version)
    with HistoryStore.open(path) as store:
        assert store.notice is None
        assert store.schema_version == SCHEMA_VERSION
        if version >= 1:
            [session] = store.sessions()
            assert (session.id, session.student, session.total, session.max_total) == ("s1", "Ada", 14, 20)
            assert session.label is None  # stored before labels: its mode names it
            assert [(r.argument_id, r.score) for r in store.rounds()] == [("a", 0.9), ("b", 0.2), ("a", 0.1)]
        if version == 1:
            # Migration 2 seeds the review table from the rounds: latest score, counts, due at once.
            a = store.review_item("m", "a", "opposition")
            assert a is not None
            assert (a.box, a.state.last_score, a.state.reviews, a.state.lapses) == (0, 0.1, 2, 1)
            assert a.due_at == T0 + timedelta(minutes=2)
            b = store.review_item("m", "b", "opposition")
            assert b is not None and (b.state.reviews, b.state.lapses) == (1, 1)
        if version >= 1:  # rounds stored before version 3 were no one's help until told otherwise
            assert [(r.assisted, r.hints) for r in store.rounds()] == [(False, ())] * 3
        # The migrated store works like a fresh one.
        new = store.start_session("m", "opposition", "full")
        drill = store.start_session("m", "opposition", "drill", label="Review due")
        stored = store.session(drill)
        assert stored is not None and stored.label == "Review due"
        store.record_round(new, _round("c", at=T0 + timedelta(hours=1)))
        assert len(store.rounds()) == (4 if version >= 1 else 1)
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []


def test_failed_migration_leaves_the_old_version(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    _old_database(path, 1)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("CREATE TABLE review (clash INTEGER)")  # migration 2 will fail on this
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(raw)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert raw.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'review_due'").fetchone()[0] == 0
    raw.close()


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _old_database(path, SCHEMA_VERSION)
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(path)
    message = caught.value.message
    assert "newer version of debate" in message and str(path) in message and "\n" not in message
    assert isinstance(caught.value, DebateError)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []


# --------------------------------------------------------------------------- damaged files


def _fixed_clock() -> datetime:
    return datetime(2026, 3, 1, 9, 30, 15).astimezone()


def _asides(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".corrupt-" in p.name)


def test_garbage_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    garbage = b"this is not a database at all\n" * 100
    path.write_bytes(garbage)
    with HistoryStore.open(path, clock=_fixed_clock) as store:
        assert store.notice is not None
        assert "\n" not in store.notice
        assert "damaged" in store.notice and str(path) in store.notice
        assert "history.sqlite3.corrupt-20260301-093015" in store.notice
        assert store.moved_aside == tmp_path / "history.sqlite3.corrupt-20260301-093015"
        session = store.start_session("m", "proposition", "full")
        store.record_round(session, _round())
        assert len(store.rounds()) == 1
    assert (tmp_path / "history.sqlite3.corrupt-20260301-093015").read_bytes() == garbage
    with HistoryStore.open(path) as store:  # the fresh file opens cleanly next time
        assert store.notice is None and len(store.rounds()) == 1


def test_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        session = store.start_session("m", "proposition", "full")
        for index in range(150):
            store.record_round(session, _round(f"arg-{index}", answer="words " * 100))
    size = path.stat().st_size
    assert size > 20 * 4096 and not Path(f"{path}-wal").exists()
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    truncated = path.read_bytes()
    with HistoryStore.open(path, clock=_fixed_clock) as store:
        assert store.notice is not None and "damaged" in store.notice
        assert store.rounds() == [] and store.sessions() == []
    assert _asides(tmp_path) == ["history.sqlite3.corrupt-20260301-093015"]
    assert (tmp_path / "history.sqlite3.corrupt-20260301-093015").read_bytes() == truncated


def test_header_only_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"SQLite for")
    with HistoryStore.open(path, clock=_fixed_clock) as store:
        assert store.notice is not None
    assert _asides(tmp_path) == ["history.sqlite3.corrupt-20260301-093015"]


def test_aside_names_are_never_reused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    (tmp_path / "history.sqlite3.corrupt-20260301-093015").write_bytes(b"first")
    for round_number in (2, 3):
        path.write_bytes(b"garbage %d" % round_number)
        with HistoryStore.open(path, clock=_fixed_clock) as store:
            assert store.moved_aside == tmp_path / f"history.sqlite3.corrupt-20260301-093015-{round_number}"
        # Make the fresh file garbage again for the next round.
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert (tmp_path / "history.sqlite3.corrupt-20260301-093015").read_bytes() == b"first"
    assert (tmp_path / "history.sqlite3.corrupt-20260301-093015-2").read_bytes() == b"garbage 2"
    assert (tmp_path / "history.sqlite3.corrupt-20260301-093015-3").read_bytes() == b"garbage 3"


def test_another_programs_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE photos (name TEXT)")
    raw.execute("INSERT INTO photos VALUES ('cat.jpg')")
    raw.commit()
    raw.close()
    with HistoryStore.open(path, clock=_fixed_clock) as store:
        assert store.notice is not None and "another program" in store.notice
    aside = sqlite3.connect(tmp_path / "history.sqlite3.corrupt-20260301-093015")
    assert aside.execute("SELECT name FROM photos").fetchall() == [("cat.jpg",)]
    aside.close()


def test_unreadable_file_is_refused_not_moved(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "history.sqlite3"
    _old_database(path, SCHEMA_VERSION)
    path.chmod(0)
    try:
        with pytest.raises(HistoryError, match="cannot read"):
            HistoryStore.open(path)
        assert _asides(tmp_path) == []
    finally:
        path.chmod(0o600)


def test_a_folder_in_the_way_is_refused_not_moved(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    with pytest.raises(HistoryError, match=r"cannot read the history database .*: it is not a regular file") as caught:
        HistoryStore.open(path)
    assert "\n" not in caught.value.message
    assert (path / "keep.txt").read_text() == "mine" and _asides(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_the_way_is_refused_at_once(tmp_path: Path) -> None:
    """Reading a named pipe waits for a writer: `debate history` hung (found by a tester linking one there)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    path = tmp_path / "history.sqlite3"
    path.symlink_to(pipe)
    with pytest.raises(HistoryError, match=r"cannot read the history database .*: it is not a regular file"):
        HistoryStore.open(path)
    assert _asides(tmp_path) == []


# --------------------------------------------------------------------------- crashes and concurrency


def test_kill_9_loses_no_committed_round(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    worker = subprocess.Popen(
        [sys.executable, str(HELPER), "loop", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
    )
    printed: list[int] = []
    try:
        assert worker.stdout is not None
        deadline = time.monotonic() + 10
        while len(printed) < 40 and time.monotonic() < deadline:
            line = worker.stdout.readline()
            if not line:
                break
            printed.append(int(line))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        # Read through the same buffered reader: lines it already holds must not be lost.
        assert worker.stderr is not None
        rest, errors = worker.stdout.read(), worker.stderr.read()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert worker.returncode == -signal.SIGKILL
    printed += [int(line) for line in rest.split()]
    assert len(printed) >= 40, errors
    with HistoryStore.open(path) as store:
        assert store.notice is None
        stored = {record.id for record in store.rounds()}
        # Every round the worker said was committed is there; at most the one in progress is not printed.
        assert set(printed) <= stored
        assert len(stored - set(printed)) <= 1
        item = store.review_item("m", "a", "opposition")
        assert item is not None and item.state.reviews == len(stored)


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"  # does not exist yet: both also race to create and migrate it
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, str(HELPER), "write", str(path), "200", name, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
            text=True,
        )
        for name in ("w1", "w2")
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        go.touch()
        outputs = [worker.communicate(timeout=60) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert out.strip() == "done"
    with HistoryStore.open(path) as store:
        sessions = store.sessions()
        assert sorted(s.student or "" for s in sessions) == ["w1", "w2"]
        assert all((s.total, s.max_total) == (200, 2000) for s in sessions)
        for session in sessions:
            assert len(store.rounds(session_id=session.id)) == 200
        assert len(store.rounds()) == 400
        assert sum(item.state.reviews for item in store.review_items()) == 400
        assert store.schema_version == SCHEMA_VERSION


def _hold_write_lock(path: Path, seconds: float, locked: threading.Event) -> None:
    raw = sqlite3.connect(path, isolation_level=None, timeout=5)
    raw.execute("BEGIN IMMEDIATE")
    locked.set()
    time.sleep(seconds)
    raw.execute("COMMIT")
    raw.close()


def test_write_waits_out_a_lock_longer_than_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore.open(path, busy_timeout=0.02) as store:
        session = store.start_session("m", "proposition", "full")
        locked = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 0.4, locked))
        holder.start()
        assert locked.wait(5)
        started = time.monotonic()
        store.record_round(session, _round())
        waited = time.monotonic() - started
        holder.join()
        assert waited >= 0.2  # it really was blocked, and retried past the 0.02 s busy timeout
        assert len(store.rounds()) == 1


def test_a_lock_that_never_ends_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore.open(path, busy_timeout=0.01, retry_for=0.1) as store:
        session = store.start_session("m", "proposition", "full")
        locked = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 0.6, locked))
        holder.start()
        assert locked.wait(5)
        with pytest.raises(HistoryError, match="locked") as caught:
            store.record_round(session, _round())
        holder.join()
        assert "\n" not in caught.value.message
        assert store.rounds() == []
        store.record_round(session, _round())  # and the store still works afterwards
        assert len(store.rounds()) == 1


# --------------------------------------------------------------------------- progress


def test_progress_best_last_trend(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        for day, (total, max_total) in enumerate([(5, 20), (15, 20), (10, 20), (0, 0)]):
            session = store.start_session("m", "proposition", "full", started_at=T0 + timedelta(days=day))
            store.finish_session(session, total, max_total, finished_at=T0 + timedelta(days=day, minutes=5))
        store.start_session("m", "proposition", "full", started_at=T0 + timedelta(days=9))  # never finished
        other = store.start_session("n", "opposition", "quick", started_at=T0 + timedelta(days=1))
        store.finish_session(other, 3, 30)
        progress = store.progress("m")
        assert progress is not None
        assert (progress.sessions, progress.best, progress.last) == (3, 75.0, 50.0)
        assert progress.trend == (25.0, 75.0, 50.0)
        assert progress.last_at == T0 + timedelta(days=2)
        short = store.progress("m", trend_length=2)
        assert short is not None and short.trend == (75.0, 50.0)
        assert store.progress("m", side="opposition") is None
        assert store.progress("unknown") is None
        assert [p.motion_id for p in store.progress_all()] == ["m", "n"]
        assert [s.motion_id for s in store.sessions(limit=2)] == ["m", "m"]
        assert len(store.sessions(limit=None)) == 6
        assert [s.mode for s in store.sessions(motion_id="n")] == ["quick"]


def test_a_drill_counts_toward_a_motions_best_only_when_it_has_no_round(tmp_path: Path) -> None:
    """Found by a student: a one-argument drill at 90% was the motion's Best beside a 43% full round."""
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        for day, (mode, total, max_total) in enumerate([("full", 13, 30), ("drill", 9, 10), ("quick", 12, 30)]):
            session = store.start_session("m", "opposition", mode, started_at=T0 + timedelta(days=day))
            store.finish_session(session, total, max_total, finished_at=T0 + timedelta(days=day, minutes=5))
        drilled = store.start_session("d", "opposition", "drill", started_at=T0)
        store.finish_session(drilled, 9, 10, finished_at=T0 + timedelta(minutes=5))
        progress = store.progress("m")
        assert progress is not None
        assert (progress.sessions, round(progress.best, 1), progress.last) == (3, 43.3, 40.0)
        assert [round(p, 1) for p in progress.trend] == [43.3, 40.0]
        assert progress.last_at == T0 + timedelta(days=2)
        only_drills = store.progress("d")
        assert only_drills is not None and only_drills.best == 90.0  # nothing else to go by


def test_a_session_ended_before_its_last_argument_says_how_far_it_got(tmp_path: Path) -> None:
    """Quit mid-way or ended early: its rounds are fewer than its points available say it had."""
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        early = store.start_session("m", "proposition", "full", started_at=T0)
        store.record_round(early, _round("a"))
        store.record_round(early, _round("b", points=2))
        store.finish_session(early, 8, 30)
        whole = store.start_session("m", "proposition", "quick", started_at=T0 + timedelta(hours=1))
        for argument in "abc":
            store.record_round(whole, _round(argument))
        store.finish_session(whole, 18, 30)
        killed = store.start_session("m", "proposition", "full", started_at=T0 + timedelta(hours=2))
        store.record_round(killed, _round("a"))  # never finished: it does not know how many it had
        by_id = {s.id: s for s in store.sessions()}
        assert (by_id[early].answered, by_id[early].arguments, by_id[early].ended_early) == (2, 3, True)
        assert (by_id[whole].answered, by_id[whole].arguments, by_id[whole].ended_early) == (3, 3, False)
        assert (by_id[killed].answered, by_id[killed].ended_early) == (1, False)
        assert store.session(early) == by_id[early]


def test_mastery_and_weak_spots(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        session = store.start_session("m", "proposition", "full")
        # (score, points out of 10) per answer, oldest first
        answers = {
            "a": [(0.0, 0), (0.0, 0), (0.9, 9), (0.9, 9), (0.9, 9)],
            "b": [(0.9, 9), (0.1, 0), (0.2, 1), (0.3, 2)],
            "c": [(0.6, 3)],  # a hit that earned little: weak, though its score is over half
            "d": [(0.8, 8)],
            "e": [(0.45, 6)],  # a near miss that earned 6: not weak, though its score is under half
        }
        minute = 0
        for argument, values in answers.items():
            for score, points in values:
                minute += 1
                at = T0 + timedelta(minutes=minute)
                store.record_round(session, _round(argument, score, at, points=points))
        mastery = {m.argument_id: m for m in store.mastery()}
        assert mastery["a"].recent_score == pytest.approx(0.9)  # only the last three count
        assert mastery["a"].attempts == 5 and mastery["a"].best_score == 0.9
        assert mastery["b"].recent_score == pytest.approx(0.2) and mastery["b"].mastery == pytest.approx(0.1)
        assert mastery["b"].last_at == T0 + timedelta(minutes=9)
        spots = store.weak_spots()
        assert [(w.motion_id, w.argument_id, w.side, round(w.mastery, 9)) for w in spots] == [
            ("m", "b", "opposition", 0.1),
            ("m", "c", "opposition", 0.3),
        ]
        assert spots == [mastery["b"], mastery["c"]]  # the mastery records themselves, weakest first
        assert [w.argument_id for w in store.weak_spots(1)] == ["b"]
        assert store.weak_spots(0) == [] and store.weak_spots(5, motion_id="other") == []
        assert [w.argument_id for w in store.weak_spots(below=0.7)] == ["b", "c", "e"]
        assert [w.argument_id for w in store.weak_spots(below=1.0)] == ["b", "c", "e", "d", "a"]
        assert store.mastery(window=1)[0].argument_id == "b"  # latest 0.2 < c's 0.3


# --------------------------------------------------------------------------- the disabled history


def test_a_disabled_history_keeps_nothing_and_answers_every_call() -> None:
    store = HistoryStore.disabled(clock=lambda: T0)
    assert isinstance(store, NullHistory) and not store.enabled and store.notice is None
    with store:
        session = store.start_session("m", "proposition", "full")
        assert session and session != store.start_session("m", "proposition", "full")
        assert store.record_round(session, _round()) == 1 and store.record_round(session, _round()) == 2
        store.contest_round(1, "credit")
        store.finish_session(session, 6, 10)
        store.mark_studied("m", "a", "opposition")
        item = store.update_review("m", "a", "opposition", 0.9)
        assert item.box == 2 and item.due_at > T0  # where a first strong answer would go, not kept
        assert store.sessions() == [] and store.rounds() == [] and store.session(session) is None
        assert store.progress("m") is None and store.progress_all() == [] and store.mastery() == []
        assert store.weak_spots() == [] and store.studied("m") == {} and store.contests() == {}
        assert store.review_item("m", "a", "opposition") is None and store.review_items() == []
        assert store.due_reviews() == [] and store.next_review() is None
        assert store.delete_session(session) == 0 and store.schema_version == SCHEMA_VERSION
        with pytest.raises(HistoryError):
            _ = store.connection


def test_the_disabled_history_overrides_every_public_method_of_the_store() -> None:
    public = {name for name in vars(HistoryStore) if not name.startswith("_")} - {"open", "disabled"}
    assert public <= set(vars(NullHistory)), sorted(public - set(vars(NullHistory)))
