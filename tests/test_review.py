"""Spaced repetition over arguments, with a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.history import HistoryStore, RoundRecord
from debate.review import (
    HIT,
    INTERVALS,
    LEARN_AHEAD,
    MAX_BOX,
    MAX_INTERVAL,
    MIN_INTERVAL,
    ReviewState,
    is_early,
    next_state,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that only moves when told."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _round(argument: str, score: float, at: datetime, motion: str = "m") -> RoundRecord:
    return RoundRecord(
        motion_id=motion,
        argument_id=argument,
        side="opposition",
        answer="...",
        score=score,
        points=0,
        max_points=10,
        at=at,
    )


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.sqlite3")


# --------------------------------------------------------------------------- the pure rule


def test_a_miss_comes_back_in_ten_minutes_and_counts_a_lapse() -> None:
    state = next_state(None, 0.1, T0)
    assert (state.box, state.due_at, state.lapses, state.reviews) == (0, T0 + timedelta(minutes=10), 1, 1)
    near = next_state(None, 0.45, T0)  # a near miss is still a miss
    assert near.box == 0 and near.due_at == T0 + timedelta(minutes=10)


def test_hits_climb_the_boxes_and_a_miss_drops_to_the_bottom() -> None:
    state = next_state(None, 0.6, T0)
    assert state.box == 1 and state.due_at == T0 + timedelta(days=1)
    boxes = [state.box]
    for _ in range(MAX_BOX + 1):
        state = next_state(state, 0.6, state.due_at)
        boxes.append(state.box)
    assert boxes == [*range(1, MAX_BOX + 1), MAX_BOX, MAX_BOX]
    assert state.interval == MAX_INTERVAL
    dropped = next_state(state, 0.0, state.due_at)
    assert (dropped.box, dropped.interval, dropped.lapses, dropped.reviews) == (0, MIN_INTERVAL, 1, MAX_BOX + 3)


def test_a_strong_first_answer_skips_a_box() -> None:
    strong = next_state(None, 0.95, T0)
    assert strong.box == 2 and strong.due_at == T0 + timedelta(days=3)
    later = next_state(strong, 0.95, strong.due_at)
    assert later.box == 3  # the skip is only for fresh arguments


def test_a_lapse_answered_right_again_restarts_at_box_1() -> None:
    """After a miss, box 0 is a relearning step: even a strong hit graduates to box 1 (one day), not box 2."""
    missed = next_state(None, 0.1, T0)
    again = next_state(missed, 0.95, T0 + timedelta(minutes=2))
    assert (again.box, again.due_at, again.lapses) == (1, T0 + timedelta(minutes=2, days=1), 1)
    learned = next_state(next_state(None, 0.95, T0), 0.95, T0 + timedelta(days=3))  # box 3
    lapsed = next_state(learned, 0.0, T0 + timedelta(days=10))
    relearned = next_state(lapsed, 1.0, lapsed.due_at)
    assert (learned.box, lapsed.box, relearned.box) == (3, 0, 1)
    helped = next_state(None, 0.95, T0, assisted=True)  # seen with help, then recalled alone: box 1 too
    assert next_state(helped, 0.95, helped.due_at).box == 1


def test_scores_outside_0_1_are_rejected() -> None:
    for bad in (-0.1, 1.01, float("nan")):
        with pytest.raises(ValueError):
            next_state(None, bad, T0)


def test_naive_times_are_taken_as_local() -> None:
    naive = datetime(2026, 3, 1, 12, 0)
    state = next_state(None, 0.0, naive)
    assert state.last_at == naive.astimezone(UTC) and state.due_at.tzinfo is not None


scores = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
gaps = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=200))


@given(st.lists(st.tuples(scores, gaps, st.booleans()), min_size=1, max_size=40))
def test_any_sequence_keeps_the_schedule_in_bounds(answers: list[tuple[float, timedelta, bool]]) -> None:
    state: ReviewState | None = None
    at = T0
    for count, (score, gap, assisted) in enumerate(answers, start=1):
        at += gap
        previous = state
        state = next_state(previous, score, at, assisted=assisted)
        assert 0 <= state.box <= MAX_BOX
        assert MIN_INTERVAL <= state.interval <= MAX_INTERVAL
        assert state.reviews == count and 0 <= state.lapses <= count
        if score < HIT or assisted:
            assert state.interval == MIN_INTERVAL and state.due_at == at + MIN_INTERVAL
        elif previous is not None and is_early(previous, at):
            assert (state.box, state.due_at) == (previous.box, previous.due_at)  # reviewed ahead: nothing moves
        else:
            assert state.due_at == at + state.interval
            if previous is not None:
                assert state.interval >= previous.interval  # a hit never brings an argument back sooner
                assert state.box == min(previous.box + 1, MAX_BOX)  # only a first answer skips a box
    assert state is not None
    assert state.lapses == sum(score < HIT for score, _, _ in answers)


def test_three_hits_in_ten_minutes_move_a_review_once() -> None:
    """The issue's case: one argument answered three times in ten minutes went 16 days out."""
    state = next_state(None, 0.7, T0)
    for minutes in (5, 10):
        state = next_state(state, 0.95, T0 + timedelta(minutes=minutes))
    assert (state.box, state.due_at, state.reviews) == (1, T0 + timedelta(days=1), 3)


def test_the_next_day_moves_it_on() -> None:
    state = next_state(None, 0.7, T0)
    state = next_state(state, 0.7, T0 + timedelta(hours=3))  # same day, early
    assert state.due_at == T0 + timedelta(days=1)
    day2 = T0 + timedelta(days=1, hours=1)
    state = next_state(state, 0.7, day2)
    assert (state.box, state.due_at) == (2, day2 + timedelta(days=3))
    state = next_state(state, 0.7, day2 + timedelta(hours=1))
    assert (state.box, state.due_at) == (2, day2 + timedelta(days=3))


def test_a_relearning_step_counts_as_due_within_the_learn_ahead_limit() -> None:
    missed = next_state(None, 0.1, T0)
    again = next_state(missed, 0.7, T0 + timedelta(minutes=2))  # due in 8 minutes, inside the 20-minute limit
    assert (again.box, again.due_at) == (1, T0 + timedelta(minutes=2, days=1))
    assert is_early(again, T0 + timedelta(hours=23)) and not is_early(again, again.due_at)
    assert timedelta(minutes=20) == LEARN_AHEAD


def test_an_assisted_answer_schedules_like_a_miss_without_a_lapse() -> None:
    state = next_state(None, 0.95, T0, assisted=True)
    assert (state.box, state.due_at, state.lapses) == (0, T0 + MIN_INTERVAL, 0)
    learned = next_state(None, 0.95, T0)
    helped = next_state(learned, 0.99, learned.due_at, assisted=True)
    assert (helped.box, helped.lapses) == (0, 0)


def test_intervals_grow() -> None:
    assert list(INTERVALS) == sorted(INTERVALS) and len(set(INTERVALS)) == len(INTERVALS)


# --------------------------------------------------------------------------- the schedule in the store


def test_missed_comes_back_soon_strong_later(store: HistoryStore) -> None:
    clock = FakeClock()
    store.clock = clock
    with store:
        session = store.start_session("m", "proposition", "full", started_at=T0)
        store.record_round(session, _round("missed", 0.1, T0))
        store.record_round(session, _round("strong", 0.9, T0))
        store.record_round(session, _round("fair", 0.6, T0))
        assert store.due_reviews() == []  # nothing is due the moment it was answered
        nxt = store.next_review()
        assert nxt is not None and nxt.argument_id == "missed"
        assert nxt.due_at == T0 + timedelta(minutes=10)

        clock.advance(minutes=11)
        assert [i.argument_id for i in store.due_reviews()] == ["missed"]
        next_after = store.next_review()
        assert next_after is not None and next_after.argument_id == "fair"

        clock.advance(days=1)
        assert [i.argument_id for i in store.due_reviews()] == ["missed", "fair"]
        clock.advance(days=2)
        due = store.due_reviews()
        assert [i.argument_id for i in due] == ["missed", "fair", "strong"]  # lowest box first
        assert [i.box for i in due] == [0, 1, 2]
        assert all(i.is_due(clock()) for i in due)
        assert store.next_review() is None
        assert [i.argument_id for i in store.due_reviews(limit=1)] == ["missed"]
        assert [i.argument_id for i in store.review_items()] == ["missed", "fair", "strong"]


def test_due_orders_by_box_then_longest_overdue(store: HistoryStore) -> None:
    clock = FakeClock()
    store.clock = clock
    with store:
        session = store.start_session("m", "proposition", "full", started_at=T0)
        store.record_round(session, _round("late-miss", 0.0, T0 + timedelta(minutes=5)))
        store.record_round(session, _round("early-miss", 0.0, T0))
        store.record_round(session, _round("hit", 0.6, T0 - timedelta(days=3)))
        store.record_round(session, _round("other-motion", 0.0, T0 + timedelta(minutes=1), motion="n"))
        clock.advance(hours=1)
        assert [i.argument_id for i in store.due_reviews()] == ["early-miss", "other-motion", "late-miss", "hit"]
        assert [i.argument_id for i in store.due_reviews(motion_id="n")] == ["other-motion"]
        assert [i.argument_id for i in store.due_reviews(T0 + timedelta(minutes=12))] == [
            "early-miss",
            "other-motion",
            "hit",
        ]


def test_a_round_moves_the_argument_again(store: HistoryStore) -> None:
    clock = FakeClock()
    store.clock = clock
    with store:
        session = store.start_session("m", "proposition", "full", started_at=T0)
        store.record_round(session, _round("a", 0.0, T0))
        clock.advance(minutes=10)
        assert [i.argument_id for i in store.due_reviews()] == ["a"]
        store.record_round(session, _round("a", 0.7, clock()))
        assert store.due_reviews() == []
        item = store.review_item("m", "a", "opposition")
        assert item is not None
        assert (item.box, item.state.reviews, item.state.lapses) == (1, 2, 1)
        assert item.due_at == clock() + timedelta(days=1)
        assert store.review_item("m", "a", "proposition") is None  # the side is part of the key


def test_a_strong_round_after_a_miss_comes_back_the_next_day(store: HistoryStore) -> None:
    """The tester's case: a missed argument answered well minutes later came back in three days, not one."""
    clock = FakeClock()
    store.clock = clock
    with store:
        session = store.start_session("m", "proposition", "full", started_at=T0)
        store.record_round(session, _round("a", 0.1, T0))
        clock.advance(minutes=3)
        store.record_round(session, _round("a", 0.95, clock()))
        item = store.review_item("m", "a", "opposition")
        assert item is not None and (item.box, item.due_at) == (1, clock() + timedelta(days=1))
        assert [i.argument_id for i in store.due_reviews(clock() + timedelta(days=1, minutes=1))] == ["a"]


def test_update_without_a_round(store: HistoryStore) -> None:
    clock = FakeClock()
    store.clock = clock
    with store:
        item = store.update_review("m", "a", "proposition", 0.9)
        assert (item.box, item.due_at) == (2, T0 + timedelta(days=3))
        assert store.review_item("m", "a", "proposition") == item
        assert store.rounds() == []
        with pytest.raises(ValueError):
            store.update_review("m", "a", "proposition", 2.0)
        with pytest.raises(ValueError):
            store.update_review("m", "a", "sideways", 0.5)  # type: ignore[arg-type]
        assert store.review_item("m", "a", "proposition") == item


@settings(max_examples=15, deadline=None)
@given(st.lists(scores, min_size=1, max_size=8))
def test_the_store_keeps_the_same_state_as_the_rule(
    tmp_path_factory: pytest.TempPathFactory, values: list[float]
) -> None:
    path = tmp_path_factory.mktemp("review") / "history.sqlite3"
    expected: ReviewState | None = None
    with HistoryStore.open(path) as store:
        session = store.start_session("m", "proposition", "full")
        at = T0
        for score in values:
            at += timedelta(hours=5)
            store.record_round(session, _round("a", score, at))
            expected = next_state(expected, score, at)
    with HistoryStore.open(path) as store:
        item = store.review_item("m", "a", "opposition")
        assert item is not None and item.state == expected


def test_scheduling_with_an_injected_clock_same_day_and_next_day(store: HistoryStore) -> None:
    clock = FakeClock()
    store.clock = clock
    with store:
        session = store.start_session("m", "proposition", "full", started_at=T0)
        for _ in range(3):
            store.record_round(session, _round("a", 0.9, clock()))
            clock.advance(minutes=4)
        item = store.review_item("m", "a", "opposition")
        assert item is not None and (item.box, item.due_at) == (2, T0 + timedelta(days=3))
        assert store.due_reviews() == []
        clock.advance(days=3)
        assert [i.argument_id for i in store.due_reviews()] == ["a"]
        store.record_round(session, _round("a", 0.9, clock()))
        item = store.review_item("m", "a", "opposition")
        assert item is not None and (item.box, item.due_at) == (3, clock() + timedelta(days=7))


def test_deleting_a_session_replays_the_schedule(store: HistoryStore) -> None:
    clock = FakeClock()
    store.clock = clock
    with store:
        real = store.start_session("m", "proposition", "full", started_at=T0)
        store.record_round(real, _round("a", 0.6, T0))
        kept = store.review_item("m", "a", "opposition")
        junk = store.start_session("m", "proposition", "full", started_at=T0 + timedelta(days=2))
        store.record_round(junk, _round("a", 0.0, T0 + timedelta(days=2)))
        store.record_round(junk, _round("b", 0.9, T0 + timedelta(days=2)))
        assert store.delete_session(junk) == 2
        assert store.review_item("m", "a", "opposition") == kept
        assert store.review_item("m", "b", "opposition") is None
        assert [s.id for s in store.sessions()] == [real]
        assert len(store.rounds()) == 1
        with pytest.raises(KeyError):
            store.delete_session(junk)
