"""User and teacher text is shown as written on every screen: never read as markup, no control characters.

A student who types ``[/]`` as an answer or a name, or a teacher whose motion says ``[citation needed]``, must see
exactly that; nothing they type may restyle a screen, crash it, or reach the terminal as an escape sequence.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_fixtures import UNIFORMS, FakeClock

from debate.assignment import Assignment
from debate.history import HistoryStore
from debate.model import Argument, Motion, Source
from debate.recorder import Recorder
from debate.tui.app import DebateApp, build_app
from debate.tui.screens.assignment import AssignmentIntroScreen, AssignmentResultScreen
from debate.tui.screens.case import CaseBuildingScreen
from debate.tui.screens.drills import DrillsScreen
from debate.tui.screens.help import HelpScreen
from debate.tui.screens.history import HistoryScreen
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.side import SideScreen
from debate.tui.screens.student import StudentNameScreen
from debate.tui.screens.summary import SummaryScreen
from debate.tui.widgets.text import short_title

HOSTILE = "[/] [bold red]x [citation needed] [@click=app.quit]q \x1b[31mred [sic] \u202e[link=http://x]y\u202c"
"""Markup a student or teacher might type by accident or on purpose, a raw escape sequence, and a right-to-left
override (a tester's motion title showed reversed in the picker)."""
SHOWN = re.sub("[\x1b\u202e\u202c]", "", HOSTILE)
"""What the screen must show: every bracket as typed, the escape character and the bidi controls taken out."""
NAME = "Ana [/] [bold red]x [@click=app.quit]q \x1b[31m [sic]"
"""A hostile student name (the name box takes at most 60 characters)."""
SIZE = (220, 120)
"""Big enough that every screen's text is on screen without scrolling."""


def hostile_motion(mark: str) -> Motion:
    """UNIFORMS with ``mark`` in every text a screen shows (keywords stay, so answers can still hit)."""

    def argument_of(argument: Argument) -> Argument:
        return replace(
            argument,
            claim=f"{argument.claim} {mark}",
            explanation=f"{argument.explanation} {mark}",
            rebuttals=tuple(replace(r, text=f"{r.text} {mark}") for r in argument.rebuttals),
        )

    return replace(
        UNIFORMS,
        title=f"This House would {mark}",
        context=f"Context {mark}",
        thesis=f"Thesis {mark}",
        tags=(*UNIFORMS.tags, mark),
        source=Source(f"Source {mark}", f"Author {mark}"),
        proposition=tuple(argument_of(a) for a in UNIFORMS.proposition),
        opposition=tuple(argument_of(a) for a in UNIFORMS.opposition),
    )


def screen_text(app: DebateApp) -> str:
    """What every visible widget of the screen (a dialog's, a notification's) paints now, as plain text."""
    parts = []
    for widget in app.screen.query("*"):
        if not widget.region:  # laid out on screen only (hidden panes have no region); containers paint borders
            continue
        width, height = widget.outer_size
        parts.append("\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height))))
    return "\n\n".join(parts)


def squash(text: str) -> str:
    """Without whitespace and borders: long lines wrap wherever the width says."""
    return re.sub(r"[\s\u2500-\u259f]+", "", text)


def shows(app: DebateApp, expected: str, times: int = 1) -> bool:
    """The screen shows ``expected`` (at least ``times`` times), and no escape character."""
    text = screen_text(app)
    assert "\x1b" not in text and "\u202e" not in text
    return squash(text).count(squash(expected)) >= times


async def until(pilot: Pilot[None], condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out on {type(pilot.app.screen).__name__}")
        await pilot.pause(0.02)
    await pilot.pause()


async def walk(app: DebateApp, mark: str, shown: str, name: str) -> None:
    """Play every screen with ``mark`` in the motion, the answer and the name; ``shown`` must be on each."""
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StudentNameScreen))
        app.screen.query_one("#name-input", Input).insert_text_at_cursor(name)  # as a paste would put it there
        await pilot.pause()
        assert shows(app, re.sub(r"[\x00-\x1f]", "", name)[:40])  # the name box paints no escape character
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await until(pilot, lambda: shows(app, f"Thesis {shown}"))
        assert shows(app, f"This House would {shown}", 2)  # the list and the detail
        assert shows(app, f"Context {shown}") and shows(app, f"Source {shown}")

        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen))
        assert shows(app, f"Motion: This House would {shown}")
        await pilot.press("escape")

        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SideScreen))  # the side is asked each time
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RoundScreen))
        first = app.screen.session.current if isinstance(app.screen, RoundScreen) else None
        assert first is not None
        await pilot.press("ctrl+o", "ctrl+t", "ctrl+g")
        for _ in range(2):  # one hint per deliberate press: the next waits a moment
            clock = app.clock
            assert isinstance(clock, FakeClock)
            clock.advance(2)
            await pilot.press("ctrl+g")
        await pilot.pause()
        assert shows(app, first.claim.replace(mark, shown))
        assert shows(app, first.explanation.replace(mark, shown))
        assert shows(app, f"Thesis {shown}")  # the motion panel
        assert any(shows(app, r.text.replace(mark, shown)) for r in first.rebuttals)  # hint 3: a model rebuttal
        answer = f"pupils can express who they are {mark} in their hobbies and at weekends"
        app.screen.query_one("#answer", TextArea).insert(answer)  # as a paste would put it there
        await pilot.pause()
        assert shows(app, answer.replace(mark, shown))  # the answer box paints no escape character either
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, RoundScreen) and app.screen.phase == "feedback")
        assert shows(app, answer.replace(mark, shown))  # the answer, highlighted
        for rebuttal in first.rebuttals:
            assert shows(app, rebuttal.text.replace(mark, shown))
        assert shows(app, first.explanation.replace(mark, shown))

        await pilot.press("enter")  # the next argument, answered without a hint: a best hit
        await until(pilot, lambda: isinstance(app.screen, RoundScreen) and app.screen.phase == "answering")
        second = app.screen.session.current if isinstance(app.screen, RoundScreen) else None
        assert second is not None and second is not first
        app.screen.query_one("#answer", TextArea).insert(second.rebuttals[0].examples.match[0])  # the bank's own hit
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, RoundScreen) and app.screen.phase == "feedback")
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert shows(app, first.claim.replace(mark, shown))  # the table (after the model rebuttal: no best hit)
        assert shows(app, second.claim.replace(mark, shown), 2)  # the table and the best hits
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))

        assert app.wait_saved(timeout=10)  # the rounds are saved on their own thread
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded)
        typed = " ".join(re.sub(r"[\x00-\x1f]", "", name).split())
        assert app.store is not None and app.store.sessions()[0].student == typed
        assert shows(app, typed[:12])  # the student column (a narrow one: long names end in …)
        assert shows(app, short_title(f"This House would {shown}"), 2)  # the motion in progress and in sessions
        assert shows(app, first.claim.replace(mark, shown))  # mastery
        await pilot.press("escape")

        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen))
        await pilot.press("end", "enter")  # case building, the last drill
        await until(pilot, lambda: isinstance(app.screen, CaseBuildingScreen))
        app.screen.query_one("#case-text", TextArea).insert(f"pupils compete over brands {mark}\n")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shows(app, "arguments covered"))
        assert shows(app, f"pupils compete over brands {shown}")
        assert shows(app, UNIFORMS.proposition[1].claim + shown)
        app.notify(f"a notice naming {mark}")
        await until(pilot, lambda: shows(app, f"a notice naming {shown}"))
        await pilot.press("ctrl+q")  # no session under way: quits without asking
        await pilot.pause()
    assert app.return_code == 0  # [@click=app.quit] never ran: the app quit because the test asked


def hostile_app(mark: str, tmp_path: Path, store: HistoryStore) -> DebateApp:
    recorder = Recorder(store=store, results_dir=tmp_path / "results")
    return build_app([hostile_motion(mark)], clock=FakeClock(), recorder=recorder)


async def test_markup_and_escapes_in_motion_answer_and_name_are_shown_as_written(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        await walk(hostile_app(HOSTILE, tmp_path, store), HOSTILE, SHOWN, NAME)
        # the next user of the same history: F4 still opens and shows the name as typed
        app = build_app([hostile_motion(HOSTILE)], clock=FakeClock(), recorder=Recorder(store=store))
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("f4")
            await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded)
            assert shows(app, NAME[:12])


MARKUP_BITS = ["[", "]", "/", "@", "=", "bold", "red", "on", "link", "click", "app.quit", "\x1b", "\x07", "#", "$"]


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bits=st.lists(st.sampled_from(MARKUP_BITS), min_size=1, max_size=12))
def test_any_markup_like_text_walks_every_screen(bits: list[str], tmp_path: Path) -> None:
    mark = "".join(bits) + "]"  # a closing bracket last: the hardest case for a markup parser
    shown = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", mark)
    folder = tmp_path / f"run-{time.monotonic_ns()}"
    with HistoryStore.open(folder / "history.sqlite3") as store:
        asyncio.run(walk(hostile_app(mark, folder, store), mark, shown, f"Bo {mark}"[:60]))


async def test_assignment_intro_and_result_show_the_teachers_text_as_written(tmp_path: Path) -> None:
    motion = hostile_motion(HOSTILE)
    assignment = Assignment(
        title=f"Homework {HOSTILE}", motions=((motion.id, "proposition"),), mode="quick", due=f"Friday {HOSTILE}"
    )
    app = build_app([motion], clock=FakeClock(), assignment=assignment)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, AssignmentIntroScreen))
        assert shows(app, f"Homework {SHOWN}") and shows(app, f"Friday {SHOWN}")
        assert shows(app, f"This House would {SHOWN}")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RoundScreen))
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, RoundScreen) and app.screen.phase == "feedback")
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AssignmentResultScreen))
        assert shows(app, f"Homework {SHOWN}")  # the border title
        assert shows(app, f"This House would {SHOWN}")
