"""Pilot tests: the home screen (what to do today) and study mode (learn, then test)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from test_tui import GOOD, text_of, type_answer, wait_for, wait_for_feedback
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input
from tui_fixtures import PHONES, UNIFORMS, FakeClock

from debate.history import HistoryStore, RoundRecord
from debate.recorder import Recorder
from debate.settings import SettingsStore
from debate.today import review_minutes, streak
from debate.tui.app import build_app
from debate.tui.screens import home
from debate.tui.screens.base import DebateScreen
from debate.tui.screens.drills import DrillsScreen
from debate.tui.screens.help import HelpScreen, help_text
from debate.tui.screens.home import HomeScreen
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.side import SideScreen
from debate.tui.screens.study import StudyScreen
from debate.tui.screens.summary import SummaryScreen

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.db", clock=lambda: NOW) as opened:
        yield opened


def practise(store: HistoryStore, days_ago: float, argument: str, score: float, points: int) -> None:
    at = NOW - timedelta(days=days_ago)
    session = store.start_session(UNIFORMS.id, "proposition", "quick", started_at=at)
    store.record_round(session, RoundRecord(UNIFORMS.id, argument, "opposition", "x", score, points, 10, at=at))
    store.finish_session(session, points, 30, finished_at=at)


def test_help_shows_each_letter_key_as_it_is_pressed() -> None:
    """Every letter the help names is bound, in that case, on the screen whose section lists it."""
    from debate.tui.screens.help import KEYS, section_for
    from debate.tui.screens.history import HistoryScreen
    from debate.tui.screens.sessions import SessionsScreen

    screens: list[type[DebateScreen]] = [
        HomeScreen,
        StudyScreen,
        HistoryScreen,
        SessionsScreen,
        RoundScreen,
        SummaryScreen,
    ]
    sections = dict(KEYS)
    checked = 0
    for screen in screens:
        bound = {key.strip() for b in screen.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")}
        phases = ("answering", "feedback") if screen is RoundScreen else ("",)
        for phase in phases:
            section = section_for(screen.__name__, phase)
            assert section is not None
            for keys, _ in sections[section]:
                for key in keys.split(" / "):
                    if len(key) == 1:
                        assert key in bound, (section, key)
                        checked += 1
    assert checked >= 15


async def test_help_on_home_lists_its_keys_in_lower_case(store: HistoryStore) -> None:
    app = build_app([UNIFORMS], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        shown = text_of(app, "#help-text")
        home = shown[shown.index("On this screen: Home") : shown.index("Everywhere")]
        for key in ("r", "c", "s", "w", "m / Enter"):
            assert f"\n  {key} " in home, key
        assert "\n  R " not in home


def test_streak_and_review_time() -> None:
    today = date(2026, 3, 2)
    assert streak([], today) == 0
    assert streak([today, today - timedelta(days=1), today - timedelta(days=3)], today) == 2
    assert streak([today - timedelta(days=1), today - timedelta(days=2)], today) == 2  # not yet today: still on
    assert streak([today - timedelta(days=2)], today) == 0
    assert (review_minutes(0), review_minutes(1), review_minutes(7)) == (0, 1, 7)


async def test_home_says_what_to_do_today_and_plays_the_last_session_again(store: HistoryStore) -> None:
    practise(store, 2, "self-expression", 0.9, 8)
    practise(store, 1, "cost-to-families", 0.2, 1)
    practise(store, 0.1, "self-expression", 0.8, 8)
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        head = text_of(app, "#home-today")
        assert "1 argument due for review · about 1 minute" in head  # cost-to-families, missed yesterday
        assert "Streak: 3 days" in head
        last = text_of(app, "#home-last")
        assert "school uniforms" in last.lower() and "you: Proposition · Quick 3" in last
        assert "Uniforms are an extra cost" in text_of(app, "#home-weak")
        # c plays the motion again from its first argument: nothing calls it "continue", which promises resuming
        assert "c: again (same motion and side" in last and "continue" not in last.lower()
        assert app.screen.active_bindings["c"].binding.description == "Again"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Play again" in titles and "Continue" not in titles
        assert "continue" not in str(help_text("Home")).lower()
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("c")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None
        assert (app.session.motion.id, app.session.side, app.session.mode) == (UNIFORMS.id, "proposition", "quick")
        assert app.session.queue[0].id == "cost-to-families"  # due first


def answered(store: HistoryStore, motion_id: str, argument: str, score: float, points: int, max_points: int) -> None:
    """One finished session with one round on ``argument`` (an opposition argument: the student took proposition)."""
    at = NOW - timedelta(hours=2)
    session = store.start_session(motion_id, "proposition", "quick", started_at=at)
    store.record_round(session, RoundRecord(motion_id, argument, "opposition", "x", score, points, max_points, at=at))
    store.finish_session(session, points, max_points, finished_at=at)


async def test_w_drills_exactly_the_weak_arguments_home_lists_in_its_order(store: HistoryStore) -> None:
    """The tester's case: hits that earned under half marks were listed as weak, and w found no weak spots."""
    answered(store, UNIFORMS.id, "cost-to-families", 0.7, 3, 10)  # a hit, 30% mastery
    answered(store, PHONES.id, "self-expression", 0.6, 8, 20)  # a hit, 40%, on another motion
    answered(store, UNIFORMS.id, "teachers-waste-time", 0.8, 9, 20)  # a hit, 45%
    answered(store, UNIFORMS.id, "self-expression", 0.9, 9, 10)  # 90%: not weak
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        home = app.screen
        assert isinstance(home, HomeScreen)
        listed = [(m.motion_id, m.argument_id) for m in home.info.weak]
        assert listed == [
            (UNIFORMS.id, "cost-to-families"),
            (PHONES.id, "self-expression"),
            (UNIFORMS.id, "teachers-waste-time"),
        ]
        shown = text_of(app, "#home-weak")
        assert shown.index("30%") < shown.index("40%") < shown.index("45%") and "90%" not in shown
        assert "w: drill them · %: points earned without help" in shown  # (a helped hit left "0%": what is it?)
        await pilot.press("w")
        await wait_for(pilot, RoundScreen)
        session = app.session
        assert session is not None and session.mode == "drill"
        drilled = [(session.motion.id, a.id) for a in session.queue]
        drilled += [(p.motion.id, a.id) for p in app.current_run.planned for a in p.arguments or ()]
        assert drilled == listed


async def test_home_for_a_new_student() -> None:
    app = build_app([UNIFORMS], clock=FakeClock(), home=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, HomeScreen)
        assert "No history" in text_of(app, "#home-today")
        assert "No session yet" in text_of(app, "#home-last")
        assert not app.screen.check_action("continue", ())


async def test_study_shows_the_strongest_rebuttals_marks_them_then_tests(store: HistoryStore) -> None:
    practise(store, 1, UNIFORMS.opposition[2].id, 0.1, 0)  # missed yesterday: a quick round would put it first
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("s")
        await wait_for(pilot, SideScreen)
        await pilot.press("p")
        await wait_for(pilot, StudyScreen)
        card = text_of(app, "#study-card")
        first = UNIFORMS.opposition[0]
        strongest = max(first.rebuttals, key=lambda r: r.strength)
        assert first.claim in card and strongest.text in card and "Why it works: Turns it" in card
        assert "you: Proposition" in text_of(app, "#study-head")
        await pilot.press("right")
        assert UNIFORMS.opposition[1].claim in text_of(app, "#study-card")
        assert set(store.studied(UNIFORMS.id)) == {(a.id, "opposition") for a in UNIFORMS.opposition[:2]}
        await pilot.press("t")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and app.session.mode == "quick" and app.session.side == "proposition"
        studied = [a.id for a in UNIFORMS.opposition[:2]]
        assert [a.id for a in app.session.queue[:2]] == studied  # tested on what was just studied, first
        # the model rebuttals were on screen a moment ago: a good answer now is assisted, not mastered
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        result = app.session.results[0]
        assert result.hits and result.assisted and result.hints == ()
        assert "Just studied, with the model rebuttals on screen: not counted as mastered" in text_of(app, "#fb-points")
        assert app.wait_saved(timeout=10)
        [stored] = [r for r in store.rounds() if r.argument_id == studied[0]]
        assert stored.assisted
        review = store.review_item(UNIFORMS.id, studied[0], "opposition")
        assert review is not None and (review.box, review.due_at) == (0, NOW + timedelta(minutes=10))
        assert next(m for m in store.mastery() if m.argument_id == studied[0]).mastery == 0.0


async def test_debate_study_opens_on_the_motion() -> None:
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), study_motion_id=PHONES.id, side="opposition")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, StudyScreen)
        assert PHONES.proposition[0].claim in text_of(app, "#study-card")


async def test_the_picker_and_the_summary_lead_back_home(store: HistoryStore) -> None:
    """Escape on the picker, and h on a session's summary, go back to the home screen, which shows the new session;
    a direct start (no home screen) offers neither key."""
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
        await pilot.press(*"phon")
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        assert "No session yet" in text_of(app, "#home-last")
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
        assert app.screen.query_one("#filter", Input).value == ""  # the library opens whole again
        await pilot.press(*"phon", "enter")
        await wait_for(pilot, SideScreen)
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "no idea")
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")  # finish early
        await wait_for(pilot, SummaryScreen)
        assert app.screen.check_action("home", ())
        await pilot.press("h")
        await wait_for(pilot, HomeScreen)
        assert app.session is None and len(app.screen_stack) == 3  # home over the picker, nothing left between
        assert "you: Proposition" in text_of(app, "#home-last")
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
        assert app.screen.query_one("#filter", Input).value == ""  # from the summary too, not only on Escape
    direct = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with direct.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        assert not direct.picker.check_action("home", ())


async def _until(pilot: Pilot[None], holds: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not holds():
        assert time.monotonic() < deadline, "never happened"
        await pilot.pause(0.02)


def _missed_once(store: HistoryStore, at: datetime) -> str:
    """One session whose only answer missed: a review comes due a little later."""
    session = store.start_session(UNIFORMS.id, "proposition", "quick", started_at=at)
    store.record_round(session, RoundRecord(UNIFORMS.id, "cost-to-families", "opposition", "x", 0.2, 1, 10, at=at))
    store.finish_session(session, 1, 10, finished_at=at)
    return session


async def test_home_reads_the_history_again_while_it_is_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A review falling due and a session deleted by another program show on the home screen without a key."""
    monkeypatch.setattr(home, "REFRESH_EVERY", 0.05)
    now = [NOW]
    with HistoryStore.open(tmp_path / "history.db", clock=lambda: now[0]) as store:
        session = _missed_once(store, NOW)
        upcoming = store.next_review(NOW)
        assert upcoming is not None and upcoming.due_at > NOW
        app = build_app([UNIFORMS], clock=FakeClock(), recorder=Recorder(store=store), home=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, HomeScreen)
            assert "Nothing due for review · the next is due in" in text_of(app, "#home-today")
            assert "r" not in app.screen.active_bindings or not app.screen.active_bindings["r"].binding.show
            now[0] = upcoming.due_at + timedelta(minutes=1)
            await _until(pilot, lambda: "1 argument due for review" in text_of(app, "#home-today"))
            assert app.screen.active_bindings["r"].binding.description == "Review"  # the key is in the footer now
            assert "school uniforms" in text_of(app, "#home-last").lower()
            store.delete_session(session)  # as `debate history --delete` does from another terminal
            await _until(pilot, lambda: "No session yet" in text_of(app, "#home-last"))
            assert "Nothing to review yet" in text_of(app, "#home-today")


async def test_home_reads_the_history_again_when_it_comes_back_into_view(store: HistoryStore) -> None:
    session = _missed_once(store, NOW - timedelta(days=1))
    app = build_app([UNIFORMS], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        assert "school uniforms" in text_of(app, "#home-last").lower()
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        store.delete_session(session)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        assert "No session yet" in text_of(app, "#home-last")


async def test_r_on_home_with_nothing_shown_due_reads_again_and_says_when_the_next_is(tmp_path: Path) -> None:
    now = [NOW]
    with HistoryStore.open(tmp_path / "history.db", clock=lambda: now[0]) as store:
        _missed_once(store, NOW)
        upcoming = store.next_review(NOW)
        assert upcoming is not None
        app = build_app([UNIFORMS], clock=FakeClock(), recorder=Recorder(store=store), home=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, HomeScreen)
            await pilot.press("r")
            await _until(pilot, lambda: any("Nothing is due for review" in n.message for n in app._notifications))
            [notice] = [n.message for n in app._notifications if "Nothing is due" in n.message]
            assert "The next one is due in" in notice
            assert isinstance(app.screen, HomeScreen)
            now[0] = upcoming.due_at + timedelta(seconds=1)  # due now, though the screen has not read it yet
            await pilot.press("r")
            await wait_for(pilot, RoundScreen)
            assert app.session is not None and app.session.mode == "drill"
            assert app.session.current is not None and app.session.current.id == "cost-to-families"


async def test_the_last_session_card_names_a_drill_as_the_round_did_and_says_what_c_plays(
    store: HistoryStore,
) -> None:
    """A round started with r said "Review due", but the card called it "Drill" and its "c: again (same motion and
    side…)" started a Quick 3 (found by a student): the card names the drill, and says what c plays; c replays rapid
    fire, which is one motion and side."""
    practise(store, 1, "cost-to-families", 0.2, 1)  # missed yesterday: due now
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("r")
        await wait_for(pilot, RoundScreen)
        assert "Review due" in text_of(app, "#round-status")
        await pilot.press("ctrl+n", "enter")
        await wait_for(pilot, SummaryScreen)
        assert app.wait_saved(timeout=10)
        await pilot.press("h")
        await wait_for(pilot, HomeScreen)
        last = text_of(app, "#home-last")
        assert "you: Proposition · Review due" in last and "Drill" not in last, last
        assert "c: a Quick 3 on this motion (same side" in last and "c: again" not in last, last
        await pilot.press("c")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and (app.session.mode, app.session.motion.id) == ("quick", UNIFORMS.id)
        assert "Quick 3" in text_of(app, "#round-status")
        await pilot.press("ctrl+n", "ctrl+f")
        await wait_for(pilot, SummaryScreen)
        await pilot.press("n")  # rapid fire from the drills menu, then again from the card
        await wait_for(pilot, PickerScreen)
        await pilot.press("f6")
        await wait_for(pilot, DrillsScreen)
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, RoundScreen)
        assert "Rapid fire" in text_of(app, "#round-status")
        await pilot.press("ctrl+n", "ctrl+f")
        await wait_for(pilot, SummaryScreen)
        assert app.wait_saved(timeout=10)
        await pilot.press("h")
        await wait_for(pilot, HomeScreen)
        last = text_of(app, "#home-last")
        assert "· Rapid fire" in last and "c: rapid fire again (same motion and side)" in last, last
        await pilot.press("c")
        await wait_for(pilot, RoundScreen)
        session = app.session
        assert session is not None and (session.mode, session.time_limit, session.label) == ("drill", 30, "Rapid fire")
        assert "Rapid fire" in text_of(app, "#round-status")
    assert [s.label for s in store.sessions()][:3] == ["Rapid fire", None, "Review due"]


async def test_s_on_a_fresh_install_lets_the_student_choose_what_to_study(tmp_path: Path) -> None:
    """With nothing studied or practised, s studied the first motion of the library while home said "s: study the
    last motion" (found by a student): home says s chooses, s opens the library where Enter studies the motion
    highlighted; after that, home's s studies that motion and says so."""
    settings = SettingsStore(tmp_path / "settings.json")
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), home=True, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, HomeScreen)
        more = text_of(app, "#home-more")
        assert "s: choose a motion to study" in more and "last motion" not in more
        await pilot.press("s")
        await wait_for(pilot, PickerScreen)
        assert "Enter studies this motion" in text_of(app, "#choices")
        active = app.screen.active_bindings["enter"]
        assert active.binding.description == "Study"  # the footer says what Enter does
        await pilot.press("down", "enter")  # the second motion, not the first
        await wait_for(pilot, SideScreen)
        await pilot.press("o")
        await wait_for(pilot, StudyScreen)
        assert PHONES.proposition[0].claim in text_of(app, "#study-card")
        await pilot.press("escape")
        await wait_for(pilot, PickerScreen)
        assert "Enter starts" in text_of(app, "#choices")  # chosen: the library starts sessions again
        assert app.screen.active_bindings["enter"].binding.description == "Start"
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        assert "s: study the last motion" in text_of(app, "#home-more")
        await pilot.press("s")
        await wait_for(pilot, SideScreen)  # straight to the motion studied last
        await pilot.press("o")
        await wait_for(pilot, StudyScreen)
        assert PHONES.proposition[0].claim in text_of(app, "#study-card")


async def test_escape_from_choosing_what_to_study_goes_home_and_the_library_starts_sessions_again() -> None:
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), home=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("s")
        await wait_for(pilot, PickerScreen)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
        assert "Enter starts" in text_of(app, "#choices")
        await pilot.press("enter")
        await wait_for(pilot, SideScreen)
