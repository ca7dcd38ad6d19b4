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
    summary = session.summary()
    # the helped hit comes back soon, as its feedback said: the summary lists it to review, marked helped
    assert [(t.argument.id, t.helped) for t in summary.to_review] == [
        (UNIFORMS.opposition[0].id, True),
        (UNIFORMS.opposition[2].id, False),
    ]
    assert [t["helped"] for t in summary.to_dict()["to_review"]] == [True, False]
    assert f"- {UNIFORMS.opposition[0].claim} (helped)" in summary.to_markdown()


def test_an_answer_right_after_studying_the_argument_is_assisted() -> None:
    """Study mode showed the model rebuttals a moment ago: answering that argument is reading, not recall."""
    assert is_assisted("my very own words", [], studied=True) and not is_assisted("my very own words", [])
    studied = UNIFORMS.opposition[0]
    session = PracticeSession(
        UNIFORMS,
        "proposition",
        mode="quick",
        clock=FakeClock(),
        judge=ScriptedJudge(),  # type: ignore[arg-type]
        first=(studied.id,),
        studied=frozenset({studied.id}),
    )
    recalled = session.submit(studied.rebuttals[0].id)
    assert recalled.hits and recalled.assisted and recalled.studied and recalled.hints == ()
    session.advance()
    fresh = session.submit(session.queue[1].rebuttals[0].id)  # not studied in this visit: the student's own
    assert fresh.hits and not fresh.assisted and not fresh.studied
    markdown = session.summary().to_markdown()
    assert markdown.count("studied just before") == 1 and "Assisted by a hint" not in markdown


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
