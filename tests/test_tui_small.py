"""Pilot tests for the smaller items: the palette's Quit asks mid-round and keeps the points; its Screenshot works
without ~/Downloads; no developer commands; the timed clock stops behind Help and the quit dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import GOOD, type_answer, wait_for, wait_for_feedback
from textual import events
from textual.widgets import TextArea
from tui_fixtures import UNIFORMS, FakeClock

from debate.session import RoundResult, Summary
from debate.tui.app import build_app
from debate.tui.screens.confirm import ConfirmScreen
from debate.tui.screens.help import HelpScreen
from debate.tui.screens.round import RoundScreen


async def test_palette_quit_asks_mid_round_and_keeps_the_points() -> None:
    ends: list[Summary] = []
    rounds: list[RoundResult] = []
    app = build_app(
        [UNIFORMS],
        motion_id=UNIFORMS.id,
        side="proposition",
        clock=FakeClock(),
        on_round=rounds.append,
        on_session_end=ends.append,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert not {"Keys", "Maximize", "Minimize", "Theme"} & set(commands)
        assert [title for title in commands if title == "Quit"] == ["Quit"]
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "a draft")
        commands["Quit"].callback()
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_for(pilot, RoundScreen)
        assert app.is_running and app.screen.query_one("#answer").text == "a draft"  # type: ignore[attr-defined]
        {c.title: c for c in app.get_system_commands(app.screen)}["Quit"].callback()
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert len(ends) == 1 and ends[0].total == rounds[0].points > 0  # the points earned are kept


async def test_quitting_on_the_last_feedback_does_not_speak_of_arguments_not_reached() -> None:
    """Every argument answered, the quit dialog still said "the arguments not reached count as 0"."""
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        session = app.session
        assert session is not None
        await pilot.press("ctrl+n")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+q")
        await wait_for(pilot, ConfirmScreen)
        assert "not reached count as 0" in app.screen.detail  # type: ignore[attr-defined]
        await pilot.press("n")
        while not session.is_last:
            await pilot.press("enter")
            await wait_for(pilot, RoundScreen)
            await pilot.press("ctrl+n")
            await wait_for_feedback(pilot)
        await pilot.press("ctrl+q")
        await wait_for(pilot, ConfirmScreen)
        assert "not reached" not in app.screen.detail  # type: ignore[attr-defined]


async def test_palette_screenshot_without_downloads(debate_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(debate_home / "no-such-home"))
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        {c.title: c for c in app.get_system_commands(app.screen)}["Screenshot"].callback()
        await pilot.pause()
    assert list((debate_home / "data" / "exports").glob("*.svg"))


async def test_the_timed_clock_stops_behind_help_and_the_quit_dialog() -> None:
    clock = FakeClock()
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", mode="timed", time_limit=60, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        session = app.session
        assert session is not None
        clock.advance(10)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        clock.advance(100)  # reading the help does not use up the answer's time
        await pilot.press("escape")
        await wait_for(pilot, RoundScreen)
        assert session.time_left() == pytest.approx(50)
        await pilot.press("ctrl+q")
        await wait_for(pilot, ConfirmScreen)
        clock.advance(30)
        await pilot.press("n")
        await wait_for(pilot, RoundScreen)
        assert session.time_left() == pytest.approx(50) and session.phase == "answering"


async def test_the_motion_panel_scrolls_to_the_end_of_a_long_thesis() -> None:
    from dataclasses import replace

    from textual.containers import VerticalScroll

    long = replace(UNIFORMS, thesis=" ".join(f"Sentence {n} of a long thesis." for n in range(60)))
    app = build_app([long], motion_id=long.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+t")
        motion_panel = app.screen.query_one("#motion-panel", VerticalScroll)
        assert motion_panel.display and motion_panel.has_focus
        assert motion_panel.max_scroll_y > 0
        await pilot.press("end")
        assert motion_panel.scroll_y == motion_panel.max_scroll_y
        await pilot.press("ctrl+t")
        assert app.screen.query_one("#answer").has_focus


async def test_typing_with_the_motion_panel_open_goes_to_the_answer() -> None:
    """The motion panel takes the focus so the arrows scroll it, but letters typed there were lost: they go to the
    answer, in order, burst or not."""
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+t")
        assert app.screen.query_one("#motion-panel").has_focus
        for key in "no way":
            app.post_message(events.Key("space" if key == " " else key, key))  # a burst, before any is handled
        await pilot.pause()
        await pilot.pause()
        await pilot.press(*"!!")
        answer = app.screen.query_one("#answer", TextArea)
        assert answer.text == "no way!!" and answer.has_focus
        assert app.screen.query_one("#motion-panel").display  # (still shown: ctrl+t closes it)


async def test_typing_after_tab_moved_the_focus_to_the_hints_goes_to_the_answer() -> None:
    """With a hint shown, Tab moved the focus from the answer to the hints panel and what was typed next was lost."""
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press(*"cheap", "ctrl+g", "tab")
        assert app.screen.query_one("#hints-panel").has_focus
        await pilot.press("space", *"uniform")
        answer = app.screen.query_one("#answer", TextArea)
        assert answer.text == "cheap uniform" and answer.has_focus


async def test_letters_typed_on_the_feedback_stay_out_of_the_next_answer() -> None:
    """Only what is typed in a panel goes to the answer: letters typed on the feedback, even in the same burst as the
    space that goes on, do not turn up in the next argument's box."""
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        for key in "ok next":
            app.post_message(events.Key("space" if key == " " else key, key))
        await pilot.pause()
        await pilot.pause()
        assert app.session is not None and app.session.index == 1
        assert "ok" not in app.screen.query_one("#answer", TextArea).text


async def test_the_answer_box_stays_reachable_with_every_panel_open() -> None:
    """At 80x24, with why it matters (ctrl+o), the motion (ctrl+t) and a hint all open, the answer box was pushed off
    the screen: the student typed into a box they could not see. The answers' pane scrolls instead, to the box as
    soon as they type."""
    from dataclasses import replace

    words = " ".join(f"word{n}" for n in range(60))  # (as long as a real motion's why and thesis, about 5 lines)
    arguments = tuple(replace(a, claim=words[:150], explanation=words) for a in UNIFORMS.opposition)
    long = replace(UNIFORMS, thesis=words, opposition=arguments)
    app = build_app([long], motion_id=long.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+o", "ctrl+g", "ctrl+t", *"so")
        await pilot.pause()
        answer = app.screen.query_one("#answer", TextArea)
        assert answer.text == "so" and answer.has_focus
        assert answer.region.height >= 4  # at least its smallest height, and all of it above the footer
        assert answer.region.bottom <= app.screen.query_one("Footer").region.y
        await pilot.press("ctrl+o", "ctrl+o", *" it")  # why it matters shut and shown again above the box
        await pilot.pause()
        assert answer.text == "so it" and answer.region.bottom <= app.screen.query_one("Footer").region.y


async def test_a_drill_summary_names_the_drill() -> None:
    from test_tui import text_of
    from test_tui_progress import app_with, open_drills

    from debate.tui.screens.summary import SummaryScreen

    app = app_with(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_drills(pilot)
        await pilot.press("enter")  # rapid fire
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+n")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        assert "Proposition · Rapid fire" in text_of(app, "#sum-headline")


async def test_help_starts_with_the_keys_of_the_screen_it_was_opened_on() -> None:
    from textual.widgets import Static

    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert text.startswith("On this screen: Round") and "How scoring works" in text
        await pilot.press("escape")
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+n")
        await wait_for_feedback(pilot)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        assert str(app.screen.query_one("#help-text", Static).render()).startswith("On this screen: Feedback")


async def test_skipping_an_argument_with_an_answer_typed_asks_first() -> None:
    """ctrl+n threw a typed answer away at once (a student walker's "they r not mature enuf" went to history as
    "(skipped)"): with something typed it asks, n keeps the answer, y skips; an empty box skips at once."""
    rounds: list[RoundResult] = []
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock(), on_round=rounds.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "they r not mature enuf")
        await pilot.press("ctrl+n")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_for(pilot, RoundScreen)
        assert app.screen.query_one("#answer", TextArea).text == "they r not mature enuf" and rounds == []
        await pilot.press("ctrl+n")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_feedback(pilot)
        assert [r.skipped for r in rounds] == [True]
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+n")  # (nothing typed: skipped at once)
        await wait_for_feedback(pilot)
        assert [r.skipped for r in rounds] == [True, True]
