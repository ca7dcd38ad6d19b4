"""Pilot tests: play the trainer with the keyboard, as a person would."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, OptionList, Static, TextArea
from tui_fixtures import PHONES, UNIFORMS, FakeClock

from debate.discovery import Library
from debate.session import RoundResult, Summary
from debate.settings import SettingsStore
from debate.tui.app import DebateApp, build_app
from debate.tui.screens.confirm import ConfirmScreen
from debate.tui.screens.help import HelpScreen
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.round import RoundScreen, fit_status
from debate.tui.screens.side import SideScreen
from debate.tui.screens.summary import SummaryScreen
from debate.tui.widgets.text import one_line

FIRST = UNIFORMS.opposition[0]
"""The first argument a proposition speaker rebuts."""
GOOD = FIRST.rebuttals[1].examples.match[0]
"""An answer the bank itself says must hit."""


def text_of(app: DebateApp, selector: str) -> str:
    """The plain text a Static shows (tables are rendered wide, so lines do not wrap)."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, (str, Text)):
        return str(content)
    console = Console(width=1000, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(content)
    return capture.get()


async def wait_for(pilot: Pilot[None], kind: type, timeout: float = 3.0) -> None:
    """Let the app run until the active screen is ``kind`` and has read what it shows (the history reads on a
    thread: its ``loaded``)."""
    deadline = time.monotonic() + timeout
    while not isinstance(pilot.app.screen, kind) or not getattr(pilot.app.screen, "loaded", True):
        if time.monotonic() > deadline:
            raise AssertionError(f"{kind.__name__} never showed; on {type(pilot.app.screen).__name__}")
        await pilot.pause(0.02)
    await pilot.pause()  # let the new screen finish mounting


async def wait_for_feedback(pilot: Pilot[None], timeout: float = 3.0) -> None:
    """Let the app run until the round screen shows feedback."""
    app = pilot.app
    assert isinstance(app, DebateApp)
    deadline = time.monotonic() + timeout
    while not (isinstance(app.screen, RoundScreen) and app.screen.phase == "feedback"):
        if time.monotonic() > deadline:
            raise AssertionError("feedback never showed")
        await pilot.pause(0.02)
    await pilot.pause()


async def type_answer(pilot: Pilot[None], text: str) -> None:
    """Put text in the answer box as if typed."""
    area = pilot.app.screen.query_one("#answer", TextArea)
    area.focus()
    area.insert(text)
    await pilot.pause()


def direct(**kwargs: object) -> DebateApp:
    return build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock(), **kwargs)  # type: ignore[arg-type]


async def test_a_session_finished_early_after_a_hit_reviews_only_what_was_reached() -> None:
    """Every argument reached was a hit, the rest never came up: "every argument was answered" would be untrue."""
    app = direct()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        assert text_of(app, "#sum-review") == "Nothing: every argument you reached was answered."


async def test_picker_filters_and_starts_the_chosen_side_and_mode() -> None:
    other = UNIFORMS.__class__(**{**UNIFORMS.__dict__, "id": "other", "title": "This House would ban phones"})
    app = build_app([UNIFORMS, other], clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PickerScreen)
        assert "school uniforms" in text_of(app, "#detail")
        await pilot.press(*"phones")
        assert app.screen.query_one("#motion-list", OptionList).option_count == 1
        assert "ban phones" in text_of(app, "#detail")
        await pilot.press(*"zzz")
        assert "No motion matches" in text_of(app, "#detail")
        for _ in range(9):
            await pilot.press("backspace")
        await pilot.press("down", "up")  # the cursor moves while the filter keeps the focus
        assert "school uniforms" in text_of(app, "#detail")
        await pilot.press("f2", "f3", "f3")
        assert "You rebut 2 proposition arguments, 1:30 each" in text_of(app, "#choices")  # timed says its limit
        await pilot.press("f3", "f3")
        assert "You rebut 2 proposition arguments" in text_of(app, "#choices")
        await pilot.press("enter")
        await wait_for(pilot, SideScreen)  # the side is asked every time, the one chosen offered first
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None
        assert (app.session.side, app.session.mode) == ("opposition", "quick")
        assert FIRST.claim not in text_of(app, "#card")
        assert UNIFORMS.proposition[0].claim in text_of(app, "#card")


async def test_with_no_match_the_picker_says_so_and_a_new_visit_replaces_the_old_search() -> None:
    app = build_app([UNIFORMS, PHONES], clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"zzz")
        choices = text_of(app, "#choices")
        assert "No motion matches the filter" in choices and "You rebut" not in choices
        footer = {b.binding.key: b.enabled for b in app.screen.active_bindings.values() if b.binding.show}
        assert footer["enter"] is False  # Start is dimmed in the footer
        await pilot.press("enter")  # nothing starts
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.session is None
        for _ in range(3):
            await pilot.press("backspace")
        assert "You rebut 3 opposition arguments" in text_of(app, "#choices")
        assert app.screen.active_bindings["enter"].enabled
        await pilot.press(*"phones", "enter")
        await wait_for(pilot, SideScreen)
        await pilot.press("p")
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+n", "ctrl+f")
        await wait_for(pilot, SummaryScreen)
        await pilot.press("n")  # back to the picker: what is typed next replaces the old search
        await wait_for(pilot, PickerScreen)
        await pilot.press(*"uniforms")
        assert app.screen.query_one("#filter", Input).value == "uniforms"
        assert "make school uniforms compulsory" in text_of(app, "#detail")


async def test_a_direct_start_shows_its_own_motion_side_and_mode_behind_the_side_question(tmp_path: Path) -> None:
    """``debate --motions my.yaml practice my-motion``: the picker behind the side question (and after the session)
    describes the session being started, not the motion last highlighted nor the mode last used."""
    small = replace(UNIFORMS, id="teacher-own", title="A teacher's own motion", opposition=UNIFORMS.opposition[:1])
    settings = SettingsStore(tmp_path / "settings.json")
    settings.update(motion_id=UNIFORMS.id, mode="timed")  # what the picker would offer on a plain start
    app = build_app([UNIFORMS, PHONES, small], motion_id=small.id, clock=FakeClock(), settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, SideScreen)
        choices = str(app.picker.query_one("#choices", Static).content)
        assert "You rebut 1 opposition argument. Enter starts." in choices  # full round: no clock
        assert app.picker.highlighted == small
        await pilot.press("o")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and (app.session.mode, app.session.side) == ("full", "opposition")
        assert "You rebut 2 proposition arguments." in str(app.picker.query_one("#choices", Static).content)


async def test_an_answer_touching_no_line_of_attack_is_told_so() -> None:
    """An off-topic answer (no word of any rebuttal) gets a note in the headline, not a bare "Missed"; an answer near
    a rebuttal does not."""
    app = direct()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, "my dog likes long walks in the park on sundays")
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        assert "Nothing in this answer touches a line of attack" in text_of(app, "#fb-headline")
        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        assert "Nothing in this answer" not in text_of(app, "#fb-headline")


async def test_a_whole_session_hits_then_summary_and_export(debate_home: Path) -> None:
    rounds: list[RoundResult] = []
    ends: list[Summary] = []
    app = direct(on_round=rounds.append, on_session_end=ends.append, export_dir=debate_home / "out")
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        assert FIRST.claim in text_of(app, "#card")
        await type_answer(pilot, GOOD)
        clock.advance(42)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)  # the 100 ms target is measured in tmux: debate bench firstframe
        assert app.screen.query_one("#round-panes", ContentSwitcher).current == "feedback"
        assert app.screen.query_one("#feedback").has_focus
        assert len(rounds) == 1 and rounds[0].outcome == "hit" and rounds[0].seconds == 42
        verdicts = text_of(app, "#fb-verdicts")
        assert all(r.id in verdicts for r in FIRST.rebuttals)  # every line of attack in the bank is listed
        hit_line = next(line for line in verdicts.splitlines() if FIRST.rebuttals[1].id in line)
        assert "HIT" in hit_line
        assert text_of(app, "#fb-headline").startswith("Hit")
        # the matched words are highlighted in the student's own text
        answer = app.screen.query_one("#fb-answer", Static).content
        assert isinstance(answer, Text)
        marked = {answer.plain[span.start : span.end] for span in answer.spans if "underline" in str(span.style)}
        assert marked and all(word.lower() in GOOD.lower() for word in marked)

        await pilot.press("enter")
        await wait_for(pilot, RoundScreen)
        assert app.screen.query_one("#answer", TextArea).text == ""
        assert UNIFORMS.opposition[1].claim in text_of(app, "#card")
        await type_answer(pilot, "no idea")
        await pilot.press("ctrl+j")  # an alternative submit key
        await wait_for_feedback(pilot)
        assert app.screen.query_one("#fb-tips", Static).display  # a bare answer gets structure tips
        assert "Give a reason" in text_of(app, "#fb-tips")
        await pilot.press("ctrl+f")  # finish early
        await wait_for(pilot, SummaryScreen)
        assert len(ends) == 1 and ends[0].total == rounds[0].points + rounds[1].points
        assert f"{ends[0].total}/30 points" in text_of(app, "#sum-headline")  # the unreached one counts too
        assert "2 of 3 arguments" in text_of(app, "#sum-headline")
        assert "1 not reached" in text_of(app, "#sum-headline")

        await pilot.press("e")
        files = sorted((debate_home / "out").iterdir())
        assert [p.suffix for p in files] == [".json", ".md"]
        data = json.loads(files[0].read_text(encoding="utf-8"))
        assert data["rounds"][0]["outcome"] == "hit"
        assert str(files[0]) in text_of(app, "#sum-export")

        await pilot.press("n")
        await wait_for(pilot, PickerScreen)
        assert app.session is None
    assert len(ends) == 1


async def test_submit_right_after_fast_typing_scores_every_key_typed() -> None:
    """Keys arrive faster than the answer box takes them (a terminal without bracketed paste): the submit key,
    a priority binding, must not score a half-typed answer."""
    from textual import events

    app = direct()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        answer = "without uniforms pupils can show who they are through their clothes every single day"
        for ch in answer:  # queued all at once, as a terminal delivers a burst of keys
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        app.post_message(events.Key("ctrl+s", None))
        await wait_for_feedback(pilot)
        assert isinstance(app.screen, RoundScreen) and app.screen.last_result is not None
        assert app.screen.last_result.answer == answer


BURST = [*"hellox", "backspace", *" world", *["left"] * 5, "delete", "W", "end", "!", "home", *"Oh, "]
"""Typing with corrections, as a fast typist or a chorded keyboard sends it: keys only, no pauses."""


@pytest.mark.parametrize("screen", ["round", "case"])
async def test_editing_keys_in_a_burst_apply_in_the_order_typed(screen: str) -> None:
    """Backspace, Delete and the arrows used to run after the characters typed behind them (Textual#6605)."""
    from textual import events

    app = direct() if screen == "round" else build_app([UNIFORMS], clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        if screen == "round":
            await wait_for(pilot, RoundScreen)
        else:
            await wait_for(pilot, PickerScreen)
            app.open_case_building(UNIFORMS, "proposition")
            await pilot.pause()
        area = app.screen.query_one(TextArea)
        for key in BURST:  # queued all at once, as a terminal delivers a burst of keys
            character = None if len(key) > 1 else key
            app.post_message(events.Key({" ": "space", ",": "comma", "!": "exclamation_mark"}.get(key, key), character))
        for _ in range(10):
            await pilot.pause()
        assert area.text == "Oh, hello World!"


async def test_hints_climb_the_ladder_and_cost_points() -> None:
    app = direct()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        assert app.screen.query_one("#hints-panel").has_class("hidden")
        await pilot.press("ctrl+g")
        hints = app.screen.query_one("#hints", Static)
        assert not app.screen.query_one("#hints-panel").has_class("hidden")
        assert "Line of attack" in str(hints.render())
        assert "hint costs 2" in text_of(app, "#round-status")
        clock = app.clock
        assert isinstance(clock, FakeClock)
        for _ in range(2):  # one hint per deliberate press: the next waits a moment
            clock.advance(2)
            await pilot.press("ctrl+g")
        assert FIRST.rebuttals[1].text in str(hints.render())
        assert "no hints left" in text_of(app, "#round-status")
        await type_answer(pilot, GOOD)
        await pilot.press("f5")
        await wait_for_feedback(pilot)
        assert app.session is not None
        result = app.session.results[0]
        assert result.hints_used == 3 and result.points == max(0, 8 - 6)
        assert "3 hints: -6" in text_of(app, "#fb-points")


async def test_skip_shows_the_model_rebuttals() -> None:
    app = direct()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+n")
        await wait_for_feedback(pilot)
        assert text_of(app, "#fb-headline").startswith("Skipped")
        bodies = text_of(app, "#fb-verdicts")
        assert all(r.text in bodies for r in FIRST.rebuttals)
        assert app.session is not None and app.session.results[0].skipped


@pytest.mark.parametrize("width", [90, 80, 70, 60])
async def test_the_status_line_keeps_the_clock_the_hint_cost_and_the_mode_when_narrow(width: int) -> None:
    """The clock, the hint's cost and the mode's name all stay, whole; narrower, the position and side are said
    shortly (a long title cut "hints off" to "hints", found by a teacher; at 80 columns a timed round left its
    mode out, found by a student)."""
    app = direct(time_limit=30)
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        status = text_of(app, "#round-status")
        assert status.endswith("⏱ 0:30 · hint costs 1") and cell_len(status) <= width - 2, status
        assert " · Timed · " in status and ("Argument 1 of" in status) is (width >= 80), status


@pytest.mark.parametrize("time_limit", [None, 30.0])
async def test_at_80_columns_the_status_line_cuts_nothing_in_feedback(time_limit: float | None) -> None:
    """A student at 80 columns read "Full rou…" after answering: the mode's name is whole, and so is what Enter
    does, in words short enough to fit."""
    app = direct(time_limit=time_limit)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        status = text_of(app, "#round-status")
        mode = "Timed" if time_limit else "Full round"
        assert f" · {mode} · " in status and "…" not in status and cell_len(status) <= 78, status
        assert status.endswith("Enter: next argument") or status.endswith("Enter: next"), status


def test_the_status_line_shortens_wordings_before_it_drops_a_name() -> None:
    """Drill names ("Weak spots", "Review due") stay whole; wordings shorten in the order asked, only as needed;
    a motion's title is cut only after every wording is short."""
    fields = [("Argument 10 of 12", "10/12"), ("you: Opposition", "you: Opp"), ("score 100",), ("⏱ 0:30",)]
    fields.append(("Enter: next argument", "Enter: next"))
    wide = fit_status(fields, (4, 0, 1), "Weak spots", 200)
    assert wide == "Argument 10 of 12 · you: Opposition · Weak spots · score 100 · ⏱ 0:30 · Enter: next argument"
    at_80 = fit_status(fields, (4, 0, 1), "Weak spots", 78)
    assert at_80 == "10/12 · you: Opposition · Weak spots · score 100 · ⏱ 0:30 · Enter: next"
    assert fit_status(fields, (4, 0, 1), "Weak spots", 64) == (
        "10/12 · you: Opp · Weak spots · score 100 · ⏱ 0:30 · Enter: next"
    )
    assert "Weak spots" not in fit_status(fields, (4, 0, 1), "Weak spots", 50)  # no room at all: left out, not cut
    title = "Make school uniforms compulsory in every state school"
    cut = fit_status(fields, (4, 0, 1), title, 78, cut_name=True)
    assert cut.startswith("10/12 · you: Opp · Make school uniforms") and "…" in cut and cell_len(cut) <= 78, cut


async def test_the_status_line_follows_a_resize_and_text_is_cut_by_screen_cells() -> None:
    """After a resize the line fits the new width (found in review: it kept the old one until the next tick); a
    Chinese title is cut by the cells it takes, two a character, not by its characters."""
    app = direct(time_limit=30)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        assert text_of(app, "#round-status").startswith("Argument 1 of")
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        status = text_of(app, "#round-status")
        assert status.startswith("1/") and status.endswith("hint costs 1") and cell_len(status) <= 58, status
    cut = one_line("这个议院将废除学校校服以及所有相关的着装规定", 9)
    assert cut.endswith("…") and cell_len(cut) <= 9 and cut.startswith("这个议院")


async def test_empty_submit_is_refused() -> None:
    app = direct()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RoundScreen)
        assert app.session is not None and not app.session.results


async def test_time_out_submits_what_was_typed() -> None:
    app = direct(time_limit=30)
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        assert "⏱ 0:30" in text_of(app, "#round-status")
        await type_answer(pilot, GOOD)
        clock.advance(25)
        await pilot.pause(0.3)
        assert "⏱ 0:05" in text_of(app, "#round-status")
        assert app.screen.query_one("#round-status").has_class("urgent")
        clock.advance(10)
        await wait_for_feedback(pilot)
        assert app.session is not None
        result = app.session.results[0]
        assert result.timed_out and result.answer == GOOD and result.outcome == "hit"
        assert "time ran out" in text_of(app, "#fb-headline")


async def test_keys_still_being_typed_when_time_runs_out_do_not_skip_the_feedback() -> None:
    """Time ran out mid-sentence: the space of the next word went on to the next argument (its feedback never read)
    and the rest of the sentence landed in the next answer box; the c of "cos" opened the contest dialog."""
    app = direct(time_limit=30)
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        clock.advance(31)
        await wait_for_feedback(pilot)
        await pilot.press(*"and", "space", *"cos", "enter")
        assert isinstance(app.screen, RoundScreen) and app.screen.phase == "feedback"
        assert app.session is not None and app.session.index == 0
        clock.advance(2)  # the feedback has been up a moment: the keys work again
        await pilot.press("enter")
        assert app.screen.phase == "answering" and app.session.index == 1
        assert app.screen.query_one("#answer", TextArea).text == ""


async def test_quit_mid_round_asks_first() -> None:
    ends: list[Summary] = []
    app = direct(on_session_end=ends.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("ctrl+q")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_for(pilot, RoundScreen)
        assert app.is_running
        await pilot.press("ctrl+n")  # one skipped result, so the end hook has something
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+q")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert len(ends) == 1 and ends[0].results[0].skipped


async def test_quit_from_the_picker_does_not_ask() -> None:
    app = build_app([UNIFORMS], clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.return_code == 0


async def test_help_theme_and_palette_commands() -> None:
    app = direct()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        help_text = str(app.screen.query_one("#help-text", Static).render())
        assert "How scoring works" in help_text and "Ctrl+S" in help_text
        await pilot.press("escape")
        await wait_for(pilot, RoundScreen)
        dark = app.current_theme.dark
        await pilot.press("f9")
        assert app.current_theme.dark is not dark
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Submit the answer", "Take a hint", "Skip this argument", "Help", "Quit"} <= set(titles)
        assert "Quit the application" not in titles  # ours asks first mid-session


def test_bindings_have_ids_and_descriptions() -> None:
    from textual.binding import Binding

    for screen in (DebateApp, PickerScreen, RoundScreen, SummaryScreen, HelpScreen, ConfirmScreen):
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description, (screen.__name__, binding.key)
            if binding.show:
                assert binding.id, (screen.__name__, binding.key)


async def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = direct()
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)


async def test_twenty_kilobyte_paste_is_answered_and_shown_shortened() -> None:
    app = direct()
    answer = ("Official uniforms are expensive and poor families struggle to pay. " * 400)[:20_000]
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, answer)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        assert "more characters not shown" in text_of(app, "#fb-answer")


def test_core_does_not_import_textual() -> None:
    code = "import sys, debate.session; assert not any(m.startswith('textual') for m in sys.modules), 'textual'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


async def test_a_loader_fills_the_picker_after_the_first_frame() -> None:
    app = build_app(lambda: Library((UNIFORMS,), ("bad.yaml:1:1: broken",)), clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if app.motions:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert app.motions == (UNIFORMS,) and app.problems == ("bad.yaml:1:1: broken",)
        assert "school uniforms" in text_of(app, "#detail")


async def test_a_failing_loader_is_reported_not_fatal() -> None:
    def broken() -> Library:
        raise OSError("disk on fire")

    app = build_app(broken, clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if app.problems:
                break
            await pilot.pause(0.02)
        assert app.problems == ("could not load motions: disk on fire",)
        assert "No motions found" in text_of(app, "#detail")


async def test_a_drill_plays_exactly_the_given_arguments() -> None:
    app = build_app([UNIFORMS], clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.start_session(UNIFORMS, "proposition", "drill", arguments=[UNIFORMS.opposition[2]], time_limit=30)
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and app.session.total == 1 and app.session.time_limit == 30
        assert UNIFORMS.opposition[2].claim in text_of(app, "#card")
        assert "Drill" in text_of(app, "#round-status")


async def test_feedback_says_when_an_answer_sides_with_the_claim_or_reverses_a_point() -> None:
    """The real judge on a bundled motion: the claim typed back is no credit and the headline says why; a
    reversal of a rebuttal says so under that rebuttal."""
    from debate.discovery import discover

    motion = discover().require("nuclear-power")
    app = build_app([motion], motion_id=motion.id, side="opposition", clock=FakeClock(), order="fixed")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and app.session.current is not None
        claim = app.session.current.claim
        await type_answer(pilot, "yes, " + claim)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        assert "This supports their side" in text_of(app, "#fb-headline")
        assert app.session.results[-1].points == 0


def test_a_reversed_point_is_named_under_its_rebuttal() -> None:
    from debate.judge import Verdict
    from debate.session import PracticeSession
    from debate.tui.widgets.feedback import verdict_body

    session = PracticeSession(UNIFORMS, "proposition", clock=FakeClock())
    argument = session.current
    assert argument is not None
    rebuttal = argument.rebuttals[0]
    reversed_ = Verdict(
        rebuttal.id, 0.1, "miss", ("cheap",), ("cost",), (), "reversed", "You said the opposite of this point."
    )
    result = session.submit("uniforms are cheap")
    body = verdict_body(result, reversed_).plain
    assert "judged: You said the opposite of this point." in body
    assert "missing:" not in body  # (no word would mend it: it says the point the other way round)


async def test_the_app_says_when_the_first_screen_and_the_motions_are_painted() -> None:
    """The start-up hook (what `debate bench firstframe` times): "first" once the first screen has painted its
    content, "motions" once a loader's motions are painted; the event is set with the first."""
    shown: list[str] = []
    app = build_app(lambda: Library((UNIFORMS,), ()), home=True, on_content_shown=shown.append)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(150):
            if "motions" in shown:
                break
            await pilot.pause(0.02)
        assert shown == ["first", "motions"] and app.first_content_shown.is_set()
        assert isinstance(app.picker, PickerScreen) and app.picker.hidden  # laid out only when first shown
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
        await pilot.pause()
        assert not app.picker.hidden and app.picker.highlighted == UNIFORMS
    assert shown == ["first", "motions"]  # said once each


async def test_motions_given_up_front_are_in_the_first_frame() -> None:
    """Given the motions (read from the cache before the app starts), the first frame has them: "motions" comes
    with "first", once, and the picker under the home screen lists them when it is shown."""
    shown: list[str] = []
    app = build_app(Library((UNIFORMS,), ()), home=True, on_content_shown=shown.append)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(150):
            if shown:
                break
            await pilot.pause(0.02)
        assert shown == ["first", "motions"] and app.loader is None and app.motions == (UNIFORMS,)
        await pilot.press("m")
        await wait_for(pilot, PickerScreen)
        await pilot.pause()
        assert app.picker.highlighted == UNIFORMS
    assert shown == ["first", "motions"]


def test_the_summary_flows_a_yaml_block_wrapped_inside_a_motion_text() -> None:
    from rich.console import Console

    from debate.tui.screens.summary import bullets

    table = bullets([("Uniforms cost\nfamilies money.", "try (deny): Second-hand uniforms are\ncheap [b]x[/b].")])
    console = Console(width=200, record=True, color_system=None)
    console.print(table)
    lines = [line.strip() for line in console.export_text().splitlines() if line.strip()]
    assert lines == ["• Uniforms cost families money.", "try (deny): Second-hand uniforms are cheap [b]x[/b]."]


async def test_the_summary_total_time_is_the_sum_of_the_times_its_rows_show() -> None:
    """Rows of 0:04 and 0:01 over '0:04 answering' (found by a student): each row rounds its own time, so the total
    adds up the rows as shown (3.6 s and 0.6 s: 0:04 + 0:01 = 0:05), on screen and in the Markdown export."""
    app = direct()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        await type_answer(pilot, GOOD)
        clock.advance(3.6)
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(0.6)
        await pilot.press("ctrl+n")
        await wait_for_feedback(pilot)
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        rows = text_of(app, "#sum-table")
        assert "0:04" in rows and "0:01" in rows
        assert "0:05 answering" in text_of(app, "#sum-headline")
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert "time: 0:05" in screen.summary.to_markdown()
