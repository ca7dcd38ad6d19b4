"""Drills: review due, weak spots, rapid fire, case building."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from debate.drills import (
    WEAK_COUNT,
    case_building,
    coverage_share,
    rapid_fire,
    review_due,
    weak_arguments,
    weak_spots,
)
from debate.history import HistoryStore, RoundRecord
from debate.motions import load_motion

MINI = load_motion(Path(__file__).parent / "data" / "mini.yaml")
T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def record(
    store: HistoryStore,
    argument_id: str,
    side: str,
    score: float,
    at: datetime,
    *,
    points: int | None = None,
    motion_id: str = MINI.id,
) -> None:
    session = store.start_session(motion_id, "proposition", "full")
    earned = int(score * 10) if points is None else points
    store.record_round(
        session,
        RoundRecord(motion_id, argument_id, side, "x", score, earned, 10, at=at),  # type: ignore[arg-type]
    )


def test_review_due_brings_back_missed_arguments_only_when_due(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        record(store, "builds-habits", "opposition", 0.1, T0)  # missed
        record(store, "stress-and-play", "proposition", 0.9, T0)  # strong
        soon = review_due(store, [MINI], now=T0 + timedelta(hours=1))
        assert [(p.side, [a.id for a in p.arguments]) for p in soon] == [("proposition", ["builds-habits"])]
        later = review_due(store, [MINI], now=T0 + timedelta(days=30))
        assert {a.id for p in later for a in p.arguments} == {"builds-habits", "stress-and-play"}
        assert review_due(store, [], now=T0 + timedelta(days=30)) == []  # motions no longer there drop out


def test_weak_spots_are_lowest_mastery(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        record(store, "builds-habits", "opposition", 0.2, T0)
        record(store, "stress-and-play", "proposition", 0.4, T0)
        plans = weak_spots(store, [MINI], n=5)
        ids = [a.id for p in plans for a in p.arguments]
        assert ids == ["builds-habits", "stress-and-play"]
        assert {p.side for p in plans} == {"proposition", "opposition"}


def test_the_weak_spots_drill_takes_exactly_the_weak_arguments_in_their_order(tmp_path: Path) -> None:
    """What the home screen lists (weak_arguments) is what the drill plays, argument for argument and in order:
    weak means mastery (points earned without help) under half, whatever the match score."""
    other = replace(MINI, id="mini-2")
    library = [MINI, other]
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        record(store, "builds-habits", "opposition", 0.6, T0, points=1)  # a hit that earned 1 of 10: 10%
        record(store, "builds-habits", "opposition", 0.3, T0, points=2, motion_id=other.id)  # 20%
        record(store, "stress-and-play", "proposition", 0.7, T0, points=3)  # 30%
        record(store, "stress-and-play", "proposition", 0.45, T0, points=6, motion_id=other.id)  # 60%: not weak
        record(store, "builds-habits", "opposition", 0.0, T0, points=0, motion_id="not-in-the-library")
        record(store, "no-such-argument", "opposition", 0.0, T0, points=0)
        weak = weak_arguments(store, library)
        assert len(weak) == WEAK_COUNT == 3
        listed = [(m.motion_id, m.argument_id) for m in weak]
        assert listed == [(MINI.id, "builds-habits"), (other.id, "builds-habits"), (MINI.id, "stress-and-play")]
        assert [round(m.mastery, 9) for m in weak] == [0.1, 0.2, 0.3]
        plans = weak_spots(store, library)
        assert [(p.motion.id, a.id) for p in plans for a in p.arguments] == listed
        assert [(p.motion.id, p.side) for p in plans] == [
            (MINI.id, "proposition"),
            (other.id, "proposition"),
            (MINI.id, "opposition"),
        ]
        assert [m.argument_id for m in weak_arguments(store, library, n=1)] == ["builds-habits"]
        assert weak_arguments(store, []) == [] and weak_spots(store, []) == []


def test_rapid_fire_is_short_timed_and_from_the_other_side() -> None:
    plan = rapid_fire(MINI, "opposition", count=5, seconds=20, rng=random.Random(1))
    assert plan.time_limit == 20 and [a.id for a in plan.arguments] == ["stress-and-play"]


def test_case_building_covers_matching_lines() -> None:
    text = "- homework eats into play time, rest and family time for kids\n- uniforms are ugly\n"
    coverage = case_building(MINI, "proposition", text)
    assert [c.argument.id for c in coverage] == ["stress-and-play"]
    assert coverage[0].covered and coverage[0].line.startswith("homework eats")
    assert coverage_share(coverage) == 1.0
    empty = case_building(MINI, "proposition", "uniforms are ugly")
    assert not empty[0].covered and coverage_share(empty) == 0.0


def test_case_building_credits_fair_lines_in_a_students_words() -> None:
    from debate.discovery import discover

    nuclear = discover().require("nuclear-power")
    lines = "nuclear works day and night unlike wind and solar\nit kills fewer people than coal\n"
    lines += "takes up way less land than solar farms\nwind turbines are ugly"
    coverage = {c.argument.id: c for c in case_building(nuclear, "proposition", lines)}
    assert coverage["reliable-low-carbon"].covered
    assert coverage["safety-record"].covered
    assert coverage["small-footprint"].covered  # "less land" says what "very little land" says
    assert not any(c.covered for c in case_building(nuclear, "proposition", "wind turbines are ugly"))
