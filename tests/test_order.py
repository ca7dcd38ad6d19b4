"""Fresh rounds: a seeded random order, --order fixed|random, and Quick 3 taking due and weak arguments first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_tui import wait_for
from tui_fixtures import UNIFORMS, FakeClock

from debate.cli import build_parser
from debate.freshness import quick_priority
from debate.history import HistoryStore, RoundRecord
from debate.model import Argument
from debate.recorder import Recorder
from debate.session import PracticeSession, select_arguments
from debate.tui.app import build_app
from debate.tui.screens.round import RoundScreen

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
SEVEN = tuple(
    replace(UNIFORMS.opposition[i % 3], id=f"arg-{i}", claim=f"Claim number {i} about uniforms.") for i in range(7)
)
BIG = replace(UNIFORMS, opposition=SEVEN)
"""A motion whose opposition makes seven arguments, as the issue's did."""


def ids(arguments: tuple[Argument, ...]) -> list[str]:
    return [a.id for a in arguments]


def test_fixed_keeps_the_motions_order_and_random_is_seeded() -> None:
    assert ids(select_arguments(BIG, "proposition", "full")) == [f"arg-{i}" for i in range(7)]
    one = select_arguments(BIG, "proposition", "full", order="random", seed=7)
    assert one == select_arguments(BIG, "proposition", "full", order="random", seed=7)  # reproducible
    assert sorted(ids(one)) == sorted(f"arg-{i}" for i in range(7))
    orders = {tuple(ids(select_arguments(BIG, "proposition", "full", order="random", seed=s))) for s in range(20)}
    assert len(orders) > 10
    quick_sets = {
        frozenset(ids(select_arguments(BIG, "proposition", "quick", order="random", seed=s))) for s in range(30)
    }
    assert set().union(*quick_sets) == {f"arg-{i}" for i in range(7)}  # arguments 4 to 7 come up in Quick 3 too


def test_priority_comes_first_and_a_session_keeps_its_seed() -> None:
    quick = select_arguments(BIG, "proposition", "quick", order="random", seed=3, first=("arg-6", "arg-5"))
    assert ids(quick)[:2] == ["arg-6", "arg-5"] and len(quick) == 3
    session = PracticeSession(BIG, "proposition", mode="full", order="random", clock=FakeClock())
    assert session.seed is not None
    again = PracticeSession(BIG, "proposition", mode="full", order="random", seed=session.seed, clock=FakeClock())
    assert again.queue == session.queue


def test_quick_priority_is_due_then_weak(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.db", clock=lambda: NOW) as store:
        assert quick_priority(None, BIG, "opposition") == ()
        session = store.start_session(BIG.id, "proposition", "quick", started_at=NOW - timedelta(days=5))
        for argument, score, points, ago in (("arg-4", 0.9, 8, 5), ("arg-6", 0.4, 2, 0.001), ("arg-2", 0.9, 9, 0.001)):
            at = NOW - timedelta(days=ago)
            store.record_round(session, RoundRecord(BIG.id, argument, "opposition", "x", score, points, 10, at=at))
        # arg-4 is due (answered five days ago); arg-6 is weak (missed minutes ago, not due yet); arg-2 is neither
        assert quick_priority(store, BIG, "opposition") == ("arg-4", "arg-6")


async def test_quick_3_in_the_app_starts_with_due_and_weak(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.db", clock=lambda: NOW) as store:
        session = store.start_session(BIG.id, "proposition", "quick", started_at=NOW - timedelta(days=5))
        store.record_round(
            session, RoundRecord(BIG.id, "arg-5", "opposition", "x", 0.9, 8, 10, at=NOW - timedelta(days=5))
        )
        app = build_app(
            [BIG],
            motion_id=BIG.id,
            side="proposition",
            mode="quick",
            clock=FakeClock(),
            recorder=Recorder(store=store),
            order="random",
            seed=11,
        )
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, RoundScreen)
            assert app.session is not None and app.session.queue[0].id == "arg-5"
            assert app.session.seed == 11 and len(app.session.queue) == 3


@pytest.mark.parametrize(("argv", "order"), [([], "random"), (["--order", "fixed"], "fixed")])
def test_practice_takes_order_and_seed(argv: list[str], order: str) -> None:
    args = build_parser().parse_args(["practice", *argv, "--seed", "4"])
    assert (args.order, args.seed) == (order, 4)
