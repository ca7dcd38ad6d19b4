"""Honest mastery: answers helped by a hint are not the student's own, in the session, the store and the schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from test_session import ScriptedJudge
from tui_fixtures import UNIFORMS, FakeClock

from debate.assist import is_assisted, pasted
from debate.history import HistoryStore, RoundRecord
from debate.session import PracticeSession

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_the_third_hint_or_a_pasted_run_is_assistance() -> None:
    assert is_assisted("anything at all", [(1, "deny"), (2, "words"), (3, "the model")])
    assert not is_assisted("uniforms cost families more", [(1, "Attack its cost"), (2, "cost, families")])
    hint = "Try a line that says uniforms are cheaper than fashion brands every term"
    assert is_assisted("Well, uniforms are cheaper than fashion brands, clearly.", [(2, hint)])
    assert not pasted("uniforms are cheaper", [hint])  # under five words
    assert not pasted("", [hint])


def test_a_session_marks_its_assisted_answers() -> None:
    session = PracticeSession(UNIFORMS, "proposition", clock=FakeClock(), judge=ScriptedJudge())  # type: ignore[arg-type]
    for _ in range(3):
        session.take_hint()
    helped = session.submit("expression-is-pressure")
    assert helped.assisted and [h.level for h in helped.hints] == [1, 2, 3]
    session.advance()
    own = session.submit(UNIFORMS.opposition[1].rebuttals[0].id)
    assert not own.assisted and own.hints == ()
    session.advance()
    session.take_hint()
    skipped = session.skip()
    assert not skipped.assisted  # a skip is a miss already


def _round(argument: str, score: float, points: int, at: datetime, assisted: bool = False) -> RoundRecord:
    return RoundRecord("m", argument, "opposition", "...", score, points, 10, at=at, assisted=assisted)


def test_mastery_counts_points_earned_without_help(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        session = store.start_session("m", "proposition", "full")
        store.record_round(session, _round("own", 0.9, 8, T0))
        store.record_round(session, _round("copied", 0.95, 4, T0, assisted=True))
        store.record_round(session, _round("copied", 0.99, 5, T0 + timedelta(days=1), assisted=True))
        mastery = {m.argument_id: m for m in store.mastery()}
        assert mastery["own"].mastery == 0.8 and mastery["own"].recent_score == 0.9
        assert mastery["copied"].mastery == 0.0 and mastery["copied"].recent_score == 0.0
        assert mastery["copied"].best_score == 0.99  # the best match is still on record
        assert [w.argument_id for w in store.weak_spots()] == ["copied"]
        review = store.review_item("m", "copied", "opposition")
        assert review is not None and review.box == 0  # not mastered: back in ten minutes, not three days
        assert [r.assisted for r in store.rounds()] == [False, True, True]


def test_mastery_lists_the_weakest_by_the_points_it_shows(tmp_path: Path) -> None:
    """Weakest first means the lowest mastery (what the tables show) first, even when its match score is higher."""
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        session = store.start_session("m", "proposition", "full")
        store.record_round(session, _round("strong", 0.55, 9, T0))  # a low match that still earned 9
        store.record_round(session, _round("weak", 0.6, 3, T0))  # a higher match that earned 3
        assert [m.argument_id for m in store.mastery()] == ["weak", "strong"]
