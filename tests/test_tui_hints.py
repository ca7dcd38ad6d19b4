"""Pilot test: the hint ladder takes one hint per deliberate key press, shows its cost and the hints in feedback."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from test_tui import text_of, type_answer, wait_for, wait_for_feedback
from tui_fixtures import UNIFORMS, FakeClock

from debate.hints import HINT_PAUSE
from debate.history import HistoryStore
from debate.recorder import Recorder
from debate.tui.app import build_app
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.sessions import answers_text
from debate.tui.screens.summary import SummaryScreen

FIRST = UNIFORMS.opposition[0]


async def test_a_fast_ctrl_g_takes_one_hint_and_feedback_lists_them(tmp_path: Path) -> None:
    clock = FakeClock()
    with HistoryStore.open(tmp_path / "h.db") as store:
        app = build_app(
            [UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=clock, recorder=Recorder(store=store)
        )
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, RoundScreen)
            assert "hint costs 1" in text_of(app, "#round-status")
            await pilot.press("ctrl+g", "ctrl+g", "ctrl+g")  # a fast triple press
            assert app.session is not None and len(app.session.hints) == 1
            hints = text_of(app, "#hints")
            assert "Hint 1 · Line of attack (-1): Turn it" in hints and "ctrl+g: next hint (-2)" in hints
            assert "hint costs 2" in text_of(app, "#round-status")
            clock.advance(HINT_PAUSE)
            await pilot.press("ctrl+g")
            assert len(app.session.hints) == 2 and "“fashion”" in text_of(app, "#hints")
            clock.advance(HINT_PAUSE)
            await pilot.press("ctrl+g")
            assert FIRST.rebuttals[1].text in text_of(app, "#hints")
            assert "no hints left" in text_of(app, "#round-status")
            await type_answer(pilot, FIRST.rebuttals[1].text)  # the model rebuttal, copied
            await pilot.press("ctrl+s")
            await wait_for_feedback(pilot)
            points = text_of(app, "#fb-points")
            assert "3 hints: -6" in points and "Hint 2 · Words to use (-2)" in points
            assert "not counted as mastered" in points
        [stored] = store.rounds()
        assert stored.assisted and stored.hints_used == 3 and stored.hints[0].startswith("1: Turn it")
        [mastery] = store.mastery()
        assert mastery.mastery == 0.0


async def test_a_ctrl_g_within_the_pause_says_why_it_took_no_hint() -> None:
    clock = FakeClock()
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)

        def told() -> int:
            return sum("One hint at a time" in n.message for n in app._notifications)

        await pilot.press("ctrl+g")
        assert app.session is not None and len(app.session.hints) == 1 and told() == 0
        await pilot.press("ctrl+g", "ctrl+g")  # held down: one notice for the pause, not one per repeat
        assert len(app.session.hints) == 1 and told() == 1
        clock.advance(HINT_PAUSE)
        await pilot.press("ctrl+g")  # a deliberate press after the pause: the next hint, no notice
        assert len(app.session.hints) == 2 and told() == 1
        await pilot.press("ctrl+g")
        assert len(app.session.hints) == 2 and told() == 2
        clock.advance(HINT_PAUSE)
        await pilot.press("ctrl+g")
        await pilot.press("ctrl+g")  # none left: said so, not "one hint at a time" (found by a walker)
        assert len(app.session.hints) == 3 and told() == 2
        assert any("No more hints" in n.message for n in app._notifications)


async def test_the_newest_hint_is_in_view_in_a_small_terminal() -> None:
    """At 80x24 and 60x20 the model rebuttal (hint 3, paid for) was cut off below the hint box's last line, and the
    box did not scroll (found by a walker)."""
    clock = FakeClock()
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, RoundScreen)
        for _ in range(3):
            await pilot.press("ctrl+g")
            clock.advance(HINT_PAUSE)
        await pilot.pause()
        await pilot.pause()
        panel = app.screen.query_one("#hints-panel")
        assert panel.max_scroll_y > 0 and panel.scroll_y == panel.max_scroll_y


async def test_a_model_rebuttal_written_as_a_yaml_block_reflows_in_the_hints_the_points_and_the_history(
    tmp_path: Path,
) -> None:
    block = (
        "Free choice of clothes turns expression into pressure\nto follow fashion,\nso most pupils conform anyway.\n"
    )
    best = replace(FIRST.rebuttals[1], text=block)  # as `text: |` loads: a hard line break in the prose
    motion = replace(
        UNIFORMS, opposition=(replace(FIRST, rebuttals=(FIRST.rebuttals[0], best)), *UNIFORMS.opposition[1:])
    )
    flowing = "pressure to follow fashion, so most pupils conform anyway. (turn)"
    clock = FakeClock()
    with HistoryStore.open(tmp_path / "h.db") as store:
        app = build_app([motion], motion_id=motion.id, side="proposition", clock=clock, recorder=Recorder(store=store))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, RoundScreen)
            for _ in range(3):
                await pilot.press("ctrl+g")
                clock.advance(HINT_PAUSE)
            assert f"Hint 3 · Model rebuttal (-3): {block.split()[0]}" in text_of(app, "#hints")
            assert flowing in text_of(app, "#hints")  # one paragraph, wrapped by the box, not by the YAML
            await type_answer(pilot, "pupils just follow fashion anyway")
            await pilot.press("ctrl+s")
            await wait_for_feedback(pilot)
            assert flowing in text_of(app, "#fb-points")
            assert app.wait_saved(timeout=10)
        [stored] = store.rounds()
        console = Console(width=1000, file=io.StringIO(), color_system=None)
        with console.capture() as capture:
            console.print(answers_text([stored], motion))
        assert flowing in capture.get()  # the history's drill-down, from the stored hint


async def test_a_hit_built_from_the_model_rebuttal_is_no_best_hit_but_one_to_review() -> None:
    """The feedback says a helped answer comes back soon; the summary's "To review" lists it, marked helped."""
    clock = FakeClock()
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, RoundScreen)
        for _ in range(3):
            await pilot.press("ctrl+g")
            clock.advance(HINT_PAUSE)
        await type_answer(pilot, FIRST.rebuttals[1].text)  # the model rebuttal, copied
        await pilot.press("ctrl+s")
        await wait_for_feedback(pilot)
        screen = app.screen
        assert isinstance(screen, RoundScreen) and screen.last_result is not None and screen.last_result.hits
        await pilot.press("ctrl+f")
        await wait_for(pilot, SummaryScreen)
        assert "No hits of your own this time." in text_of(app, "#sum-best")
        review = text_of(app, "#sum-review")
        assert (
            FIRST.claim in review and "helped this time · next time without help (turn):" in review
        )  # (it said "try" the rebuttal just made)
        strongest = max(FIRST.rebuttals, key=lambda r: r.strength)
        assert " ".join(strongest.text.split()[:4]) in review
