"""Pilot tests: the history's session list shows past answers beside the model rebuttals and deletes a session."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_tui import text_of, wait_for
from test_tui_progress import app_with
from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_fixtures import UNIFORMS

from debate.history import HistoryStore, RoundRecord
from debate.model import Side
from debate.tui.screens.confirm import ConfirmScreen
from debate.tui.screens.history import HistoryScreen
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.sessions import SessionsScreen

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ARGUMENT = UNIFORMS.opposition[0]


async def open_sessions(pilot: Pilot[None]) -> None:
    """From the motion library to the history's session list (F4, then s)."""
    await wait_for(pilot, PickerScreen)
    await pilot.press("f4")
    await wait_for(pilot, HistoryScreen)
    await pilot.press("s")
    await wait_for(pilot, SessionsScreen)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.db", clock=lambda: NOW) as opened:
        yield opened


def seed(store: HistoryStore, answer: str, at: datetime, *, hits: tuple[str, ...] = ()) -> str:
    session = store.start_session(UNIFORMS.id, "proposition", "quick", started_at=at)
    record = RoundRecord(
        UNIFORMS.id,
        ARGUMENT.id,
        "opposition",
        answer,
        0.7 if hits else 0.1,
        6 if hits else 0,
        10,
        hits=hits,
        at=at,
        hints_used=1,
        hints=("1: Attack it",),
    )
    store.record_round(session, record)
    store.finish_session(session, record.points, 10, finished_at=at)
    return session


async def test_a_session_shows_each_answer_beside_the_model_rebuttals_and_deletes(store: HistoryStore) -> None:
    seed(store, "My [bold]own[/] words\x1b[31m", NOW - timedelta(days=2), hits=(ARGUMENT.rebuttals[0].id,))
    junk = seed(store, "asdf", NOW - timedelta(days=1))
    contested = store.rounds(session_id=junk)[0].id
    assert contested is not None
    store.contest_round(contested, "credit", ARGUMENT.rebuttals[1].id)
    app = app_with(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_sessions(pilot)
        detail = text_of(app, "#session-detail")  # the newest session first: the junk one
        assert "You wrote: asdf" in detail and "1: Attack it" in detail
        start = " ".join(ARGUMENT.rebuttals[1].text.split()[:4])
        assert f'Contested: you asked for credit for "{start}' in detail  # the model rebuttal, not its id
        await pilot.press("down")
        detail = text_of(app, "#session-detail")
        assert "You wrote: My [bold]own[/] words[31m" in detail  # shown as text; the escape byte is gone
        assert "Contested" not in detail
        assert "HIT" in detail and ARGUMENT.rebuttals[0].text.split()[0] in detail
        assert all(r.type in detail for r in ARGUMENT.rebuttals)
        await pilot.press("up", "d")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_for(pilot, SessionsScreen)
        assert len(store.sessions()) == 2
        await pilot.press("d")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, SessionsScreen)
        assert [s.id for s in store.sessions()] != [] and junk not in [s.id for s in store.sessions()]
        assert any(n.message.endswith("(1 answer).") for n in app._notifications)
        assert "My [bold]own[/] words" in text_of(app, "#session-detail")
        await pilot.press("escape")
        await wait_for(pilot, HistoryScreen)


async def test_a_contest_says_who_reads_it_by_whether_its_session_went_to_a_results_folder(
    store: HistoryStore, tmp_path: Path
) -> None:
    fates = {"class": True, "alone": False, "older": None, "olderalone": None}
    for n, (answer, results) in enumerate(fates.items()):
        student = None if answer == "olderalone" else "Ana"  # a session with no student's name has no results file
        session = store.start_session(
            UNIFORMS.id, "proposition", "quick", student, started_at=NOW - timedelta(days=n), results=bool(results)
        )
        row = store.record_round(
            session, RoundRecord(UNIFORMS.id, ARGUMENT.id, "opposition", answer, 0.1, 0, 10, at=NOW - timedelta(days=n))
        )
        store.contest_round(row, "no_credit")
        if results is None:  # stored before the history kept it
            with sqlite3.connect(tmp_path / "history.db") as raw:
                raw.execute("UPDATE sessions SET results = NULL WHERE id = ?", (session,))
    assert [s.results for s in store.sessions()] == list(fates.values())
    app = app_with(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_sessions(pilot)
        shown = []
        for _ in fates:
            shown.append(text_of(app, "#session-detail"))
            await pilot.press("down")
    class_, alone, older, older_alone = shown
    assert (
        "You wrote: class" in class_
        and "Contested: you asked for no credit for this answer (your teacher marks it)" in class_
    )
    assert "You wrote: alone" in alone and "no teacher reads this session, it had no results folder" in alone
    assert "your teacher marks it" not in alone
    assert "You wrote: older" in older and "only if this session went to a class results folder" in older
    # found by a walker: an older session with no student's name could never have gone to a results folder
    assert "You wrote: olderalone" in older_alone and "no teacher reads this session" in older_alone


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_session_takes_one_line_of_the_list(store: HistoryStore, size: tuple[int, int]) -> None:
    """At 80 columns a row wrapped onto a second line ('…opposition ·' / 'full · 7/30 23%'), so only about three
    sessions fitted (found by a student): each is one line, its score whole, the columns lined up."""
    for n in range(12):
        at = NOW - timedelta(days=n, hours=1)
        side: Side = "opposition" if n % 2 else "proposition"
        session = store.start_session(UNIFORMS.id, side, ("full", "quick", "timed", "drill")[n % 4], started_at=at)
        record = RoundRecord(UNIFORMS.id, ARGUMENT.id, "opposition", "x", 0.7, 7, 10, at=at)
        store.record_round(session, record)
        store.finish_session(session, 7, 30 if n != 3 else 10, finished_at=at)  # ended after 1 of 3, or 1 of 1
    app = app_with(store)
    async with app.run_test(size=size) as pilot:
        await open_sessions(pilot)
        listing = app.screen.query_one("#sessions-list", OptionList)
        assert listing.option_count == 12
        assert listing.virtual_size.height == 12  # one line each
        lines = [strip.text for strip in (listing.render_line(y) for y in range(listing.content_region.height))]
        shown = [line for line in lines if "2026-" in line]
        assert shown and all("7/30  23%" in line or "7/10  70%" in line for line in shown), lines
        assert all("Opp" in line or "Prop" in line for line in shown), lines
        assert len({line.index("Make school") for line in shown}) == 1  # the titles line up
        assert len({line.index(" · ") for line in shown}) == 1  # and so does what follows them
        # where a row has no room to say the session ended early, the answers pane says it
        assert "Ended after 1 of 3 arguments: the 2 not reached count as 0." in text_of(app, "#session-detail")


async def test_a_drill_is_named_as_the_trainer_named_it(store: HistoryStore) -> None:
    """The history said 'drill' for a rapid fire, a weak-spots and a review-due session alike, which home and the
    round call by name (debate history on the command line already did): the list and the table say the name."""
    for n, (mode, label) in enumerate([("drill", "Rapid fire"), ("quick", None), ("drill", "Review due")]):
        at = NOW - timedelta(days=n, hours=1)
        session = store.start_session(UNIFORMS.id, "proposition", mode, started_at=at, label=label)
        record = RoundRecord(UNIFORMS.id, ARGUMENT.id, "opposition", "x", 0.7, 7, 10, at=at)
        store.record_round(session, record)
        store.finish_session(session, 7, 10, finished_at=at)
    app = app_with(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, PickerScreen)
        await pilot.press("f4")
        await wait_for(pilot, HistoryScreen)
        table = text_of(app, "#hist-sessions")
        assert "Rapid fire" in table and "Review due" in table and "drill" not in table
        await pilot.press("s")
        await wait_for(pilot, SessionsScreen)
        listing = app.screen.query_one("#sessions-list", OptionList)
        lines = [strip.text for strip in (listing.render_line(y) for y in range(3))]
        assert "Rapid fire" in lines[0] and "quick" in lines[1] and "Review due" in lines[2], lines
        assert len({line.rindex(" · ") for line in lines}) == 1, lines  # the scores still line up
