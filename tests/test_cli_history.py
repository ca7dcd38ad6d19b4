"""`debate history`: every answer in --json, and --delete ID with the schedule replayed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from debate.cli import main
from debate.history import HistoryStore, RoundRecord

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _seed() -> tuple[str, str]:
    with HistoryStore.open() as store:
        keep = store.start_session("m", "proposition", "quick", started_at=T0)
        contested = store.record_round(
            keep,
            RoundRecord("m", "a", "opposition", "my own words", 0.7, 6, 10, hits=("r1",), at=T0, hints=("1: deny",)),
        )
        store.contest_round(contested, "credit", "r2")
        store.finish_session(keep, 6, 10, finished_at=T0 + timedelta(minutes=2))
        junk = store.start_session("m", "proposition", "quick", started_at=T0 + timedelta(days=1))
        store.record_round(junk, RoundRecord("m", "a", "opposition", "asdf", 0.0, 0, 10, at=T0 + timedelta(days=1)))
    return keep, junk


def test_history_json_has_every_answer(capsys: pytest.CaptureFixture[str]) -> None:
    keep, junk = _seed()
    assert main(["history", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    [answer] = rows[keep]["rounds"]
    assert answer["answer"] == "my own words" and answer["hits"] == ["r1"] and answer["points"] == 6
    assert answer["hints"] == ["1: deny"] and answer["assisted"] is False
    assert answer["contest"] == {"kind": "credit", "rebuttal": "r2"}  # (the README: saved with the round)
    assert all(r["contest"] is None for r in rows[junk]["rounds"])


def test_history_marks_a_session_ended_early(capsys: pytest.CaptureFixture[str]) -> None:
    with HistoryStore.open() as store:
        early = store.start_session("m", "proposition", "full", started_at=T0)
        store.record_round(early, RoundRecord("m", "a", "opposition", "x", 0.7, 8, 10, at=T0))
        store.finish_session(early, 8, 30, finished_at=T0)  # quit at the second of three arguments
    keep, _ = _seed()
    assert main(["history"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines[early[:8]].endswith("8/30 (27%) · ended after 1 of 3")
    assert lines[keep[:8]].endswith("6/10 (60%)")


def test_history_columns_are_as_wide_as_their_longest_entry(capsys: pytest.CaptureFixture[str]) -> None:
    played = (("m", "proposition", "quick"), ("a-motion-id-longer-than-thirty-two-characters", "opposition", "full"))
    with HistoryStore.open() as store:
        for day, (motion, side, mode) in enumerate(played):
            at = T0 + timedelta(days=day)
            session = store.start_session(motion, side, mode, started_at=at)  # type: ignore[arg-type]
            store.record_round(session, RoundRecord(motion, "a", "proposition", "x", 0.5, 5, 10, at=at))
            store.finish_session(session, 5, 10, finished_at=at)
    assert main(["history"]) == 0
    longer, short = capsys.readouterr().out.splitlines()  # newest first
    assert longer.index("opposition") == short.index("proposition")  # the sides start in one column
    assert longer.index("full") == short.index("quick") and longer.index("5/10") == short.index("5/10")
    assert f"{played[1][0]}  opposition   full   5/10" in longer  # each as wide as its longest entry, no wider


def test_history_of_one_session_shows_every_answer(capsys: pytest.CaptureFixture[str]) -> None:
    """The README promised "every answer" and only --json had them: `debate history ID` lists a session's answers."""
    keep, _ = _seed()
    with HistoryStore.open() as store:
        store.record_round(
            keep, RoundRecord("m", "b", "opposition", "[bold]x[/bold]\x1b[2J  two\nlines", 0.0, 0, 10, at=T0)
        )
    assert main(["history", keep[:6]]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{keep[:8]}  ") and "  m  proposition  quick  6/10 (60%)" in out[0]
    assert out[1:] == [
        "  1. a  6/10 · made: r1",
        "     my own words",
        "  2. b  0/10 · nothing made",
        "     [bold]x[/bold]\\x1b[2J two lines",  # (as typed, never markup; no terminal control)
    ]
    assert main(["history", keep, "--json"]) == 0
    assert [r["answer"] for r in json.loads(capsys.readouterr().out)] == [
        "my own words",
        "[bold]x[/bold]\x1b[2J  two\nlines",
    ]
    assert main(["history", "zzzz"]) == 1
    assert "no session has the id 'zzzz'" in capsys.readouterr().err


def test_history_names_a_drill_as_the_trainer_did(capsys: pytest.CaptureFixture[str]) -> None:
    """A review drill is "Review due" on home's card (schema 6 keeps the name); `debate history` said "drill"."""
    with HistoryStore.open() as store:
        drill = store.start_session("m", "proposition", "drill", started_at=T0, label="Review due")
        store.record_round(drill, RoundRecord("m", "a", "opposition", "words", 0.7, 6, 10, hits=("r1",), at=T0))
    assert main(["history"]) == 0
    assert f"{drill[:8]}  " in (out := capsys.readouterr().out) and "  Review due  " in out
    assert main(["history", drill[:8]]) == 0
    assert "  Review due  " in capsys.readouterr().out.splitlines()[0]
    assert main(["history", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["mode"] == "drill" and row["label"] == "Review due"


def test_delete_by_prefix_replays_the_schedule(capsys: pytest.CaptureFixture[str]) -> None:
    keep, junk = _seed()
    assert main(["history", "--delete", junk[:10]]) == 0
    assert f"Deleted session {junk[:8]} (" in (err := capsys.readouterr().err) and ", m, 1 answer)." in err
    with HistoryStore.open() as store:
        assert [s.id for s in store.sessions()] == [keep]
        item = store.review_item("m", "a", "opposition")
        assert item is not None and item.box == 1 and item.state.lapses == 0  # the junk miss is forgotten
    assert main(["history", "--delete", junk]) == 1
    assert "no session has the id" in capsys.readouterr().err
    for blank in ("", " ", junk[:3]):  # (a blank or very short id starts every id: the only session would go)
        assert main(["history", "--delete", blank]) == 1
        assert "at least its first 4 characters" in capsys.readouterr().err
    with HistoryStore.open() as store:
        assert [s.id for s in store.sessions()] == [keep]


def test_one_sparkline_draws_percentages_and_clamps_both_ends() -> None:
    from debate.sparkline import SPARKS, sparkline

    assert sparkline([0, 10, 60, 90, 100]) == SPARKS[0] + SPARKS[1] + SPARKS[4] + SPARKS[6] + SPARKS[7]
    assert sparkline([-20, 130]) == SPARKS[0] + SPARKS[-1]
    assert sparkline([]) == ""


def test_stats_counts_sessions_in_words_and_lines_up_its_columns(capsys: pytest.CaptureFixture[str]) -> None:
    played = (("ban-homework", "widens-the-gap", 8), ("api-blocking-distillation", "a-long-argument-id", 3))
    with HistoryStore.open() as store:
        for day, (motion, argument, points) in enumerate((*played, ("ban-homework", "no-time-to-play", 0))):
            at = T0 + timedelta(days=day)
            session = store.start_session(motion, "opposition", "full", started_at=at)
            store.record_round(session, RoundRecord(motion, argument, "proposition", "x", 0.5, points, 10, at=at))
            store.finish_session(session, points, 10, finished_at=at)
    assert main(["stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    motions = lines[1 : lines.index("")]
    assert [line.split()[0] for line in motions] == ["ban-homework", "api-blocking-distillation"]
    assert motions[0].endswith("(2 sessions)") and motions[1].endswith("(1 session)")
    assert len({line.index("%") for line in motions}) == 1  # best, last and trend in one column each
    assert len({line.rindex("(") for line in motions}) == 1
    start = lines.index("Arguments, weakest first (mastery: points earned without help, attempts)") + 1
    arguments = lines[start : start + 3]
    assert {line.split()[0] for line in arguments} == {
        "ban-homework/widens-the-gap",
        "ban-homework/no-time-to-play",
        "api-blocking-distillation/a-long-argument-id",
    }
    assert len({line.index("%") for line in arguments}) == 1
