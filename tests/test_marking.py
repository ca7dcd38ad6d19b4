"""The teacher's loop: contested answers in the marking screen (accept, reject, skip), the overrides file and the
report, and the live class view picking up files that arrive while it is open."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from debate.discovery import bundled_dir, load_library
from debate.marking import read_overrides
from debate.motions import load_motion
from debate.recorder import Recorder
from debate.report import class_report
from debate.session import PracticeSession
from debate.tui.screens.classview import AnswerScreen, ClassScreen
from debate.tui.screens.mark import MarkScreen, PreviewScreen, RulingOnlyScreen
from debate.tui.teacher import build_class_app, build_mark_app

OFF_TOPIC = "homework is boring and my dog hates it"


def motion_copy(tmp_path: Path) -> Path:
    """ban-homework under another id in a folder of its own (the bundled files are never edited by tests)."""
    folder = tmp_path / "motions"
    folder.mkdir(exist_ok=True)
    target = folder / "homework-copy.yaml"
    text = (bundled_dir() / "ban-homework.yaml").read_text(encoding="utf-8")
    target.write_text(text.replace("\nid: ban-homework\n", "\nid: homework-copy\n", 1), encoding="utf-8")
    return target


def student_session(results: Path, path: Path, student: str, answers: list[str], contest: str | None) -> Path:
    """One student's session on the opposition (rebutting the proposition), the first answer contested."""
    motion = load_motion(path)
    before = set(results.glob("*.json"))
    recorder = Recorder(results_dir=results, student=student)
    session = PracticeSession(motion, "opposition")
    first = None
    for text in answers:
        result = session.submit(text)
        recorder.round_done(session, result)
        first = first or result
        if not session.is_last:
            session.advance()
    if contest is not None and first is not None:
        recorder.contest(session, first, "credit", contest)
    [writer_path] = set(results.glob("*.json")) - before
    return writer_path


async def until(pilot: Pilot[Any], condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never held")
        await pilot.pause(0.05)
    await pilot.pause()


def status(app: Any) -> str:
    return str(app.screen.query_one("#mark-status", Static).render())


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Any]:
    path = motion_copy(tmp_path)
    results = tmp_path / "results"
    student_session(results, path, "Ana", [OFF_TOPIC], "improve-not-ban")
    student_session(results, path, "Ben", ["kids dont even get better grades from it lol"], "practice-builds-fluency")
    student_session(results, path, "Cai", ["no contest here"], None)
    library = load_library([path], cache=False)
    return {"path": path, "results": results, "library": library, "tmp": tmp_path}


async def test_mark_accept_reject_skip(world: dict[str, Any]) -> None:
    path: Path = world["path"]
    results: Path = world["results"]
    app = build_mark_app(world["library"], results)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and app.screen.items)
        screen = app.screen
        assert isinstance(screen, MarkScreen)
        assert [(i.student, i.reason) for i in screen.items] == [("Ana", "contested"), ("Ben", "contested")]
        detail = str(screen.query_one("#mark-answer", Static).render())
        assert OFF_TOPIC in detail and "deserves credit for improve-not-ban" in detail
        before = path.read_text(encoding="utf-8")
        # accept Ana's: preview first, nothing written until y
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen))
        preview = str(app.screen.query_one("#preview-text", Static).render())
        assert "add a match example to little-benefit/improve-not-ban" in preview and OFF_TOPIC in preview
        assert path.read_text(encoding="utf-8") == before
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and screen.items[0].ruled == "accept")
        after = path.read_text(encoding="utf-8")
        assert OFF_TOPIC in after and len(after.splitlines()) == len(before.splitlines()) + 1
        assert load_motion(path).argument("little-benefit")[1].rebuttals[2].examples.match[-1] == OFF_TOPIC
        assert "accepted" in status(app)
        # skip Ben's (the cursor moved on), then reject it after all, cancel once, then a file changed meanwhile
        assert screen.query_one(DataTable).cursor_row == 1
        await pilot.press("s")
        assert 1 in screen.skipped
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, MarkScreen))
        assert "nothing written" in status(app)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen))
        path.write_text(path.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
        await pilot.press("y")
        await until(pilot, lambda: "changed on disk" in status(app))
        await pilot.pause()
        assert "rule again to check it anew" in status(app)
        assert app.screen.query_one("#mark-status", Static).size.height >= 2  # (wrapped: it was cut at one line)
        assert screen.items[1].ruled == ""
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await pilot.press("y")
        await until(pilot, lambda: screen.items[1].ruled == "reject")
    ben = load_motion(path).argument("little-benefit")[1].rebuttals[0]
    assert ben.id == "practice-builds-fluency" and ben.examples.no_match[-1].startswith("kids dont even")
    assert path.read_text(encoding="utf-8").endswith("# edited meanwhile\n")  # the editor's change kept
    rulings = read_overrides(results)
    assert [(r["student"], r["ruling"], r["rebuttal"]) for r in rulings] == [
        ("Ana", "accept", "improve-not-ban"),
        ("Ben", "reject", "practice-builds-fluency"),
    ]
    # the report counts the ruling before any rescore, and says so
    report = class_report([results], motions={m.id: m for m in world["library"].motions})
    [ana] = [c for c in report["overrides"] if c["student"] == "Ana"]
    assert ana["was"]["outcome"] != "hit" and ana["now"]["outcome"] == "hit" and ana["now"]["points"] > 0
    from debate.classroom_render import render

    text = render(report, "md")
    assert "Teacher's rulings (overrides)" in text and "overridden: teacher accepted improve-not-ban" in text


async def test_a_ruling_on_a_bundled_motion_is_kept_without_writing_into_the_program(tmp_path: Path) -> None:
    """Accepting an answer to a bundled motion wrote the example into the installed package's file (lost on
    reinstall, never on students' machines), with a preview naming that path and no warning. Now the teacher is told
    in one line how to make an own copy, and may save the ruling alone: it still counts in the report."""
    bundled = bundled_dir() / "ban-homework.yaml"
    before = bundled.read_bytes()
    results = tmp_path / "results"
    student_session(results, bundled, "Ana", [OFF_TOPIC], "improve-not-ban")
    library = load_library([bundled], cache=False)
    app = build_mark_app(library, results)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and app.screen.items)
        screen = app.screen
        assert isinstance(screen, MarkScreen)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RulingOnlyScreen))
        shown = str(app.screen.query_one("#ruling-text", Static).render())
        footer = re.sub(r"<[^>]+>", "", app.export_screenshot()).replace("&#160;", " ")
        assert re.search(r"y\s+Save the ruling\s+n\s+Cancel", footer)
        assert not re.search(r"a\s+Accept\s+r\s+Reject", footer)  # not the marking screen's keys underneath
        assert "'ban-homework' is bundled with debate" in shown and "give the copy a new id" in shown
        assert "your motions folder" in shown and "counts in `debate report`" in shown
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and screen.items[0].ruled == "accept")
        assert "ruling saved (it counts in the report); no example: ban-homework is bundled" in status(app)
    assert bundled.read_bytes() == before
    [ruling] = read_overrides(results)
    assert (ruling["student"], ruling["ruling"], ruling["rebuttal"]) == ("Ana", "accept", "improve-not-ban")
    report = class_report([results], motions={m.id: m for m in library.motions})
    [ana] = report["overrides"]
    assert ana["was"]["outcome"] != "hit" and ana["now"]["outcome"] == "hit"


def test_bank_add_refuses_a_bundled_motion_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from debate.cli import main

    bundled = bundled_dir() / "ban-homework.yaml"
    before = bundled.read_bytes()
    argv = ["bank", "add", "ban-homework", "little-benefit", "improve-not-ban", "shorter better homework", "--match"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "is bundled with debate" in err and "Traceback" not in err
    assert bundled.read_bytes() == before


async def test_the_preview_says_what_its_warnings_are_about(tmp_path: Path) -> None:
    """Rejecting an answer that is nearly a phrasing turns that phrasing into a miss: the preview warned 'phrasing
    "…" … scores 0.44, not a hit' and went on 'No other verdict moves.' It now says the warning is what the new
    example brings, and does not claim that nothing else moves."""
    path = motion_copy(tmp_path)
    results = tmp_path / "results"
    student_session(results, path, "Ana", ["reduce it to a few meaningful tasks please"], "improve-not-ban")
    app = build_mark_app(load_library([path], cache=False), results)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and app.screen.items)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen))
        preview = " ".join(str(app.screen.query_one("#preview-text", Static).render()).split())
        assert "brought by this example: " in preview and 'phrasing "reduce it to a few meaningful tasks"' in preview
        assert "No other verdict moves" not in preview
        assert "No other example's verdict moves; see the check warnings it brings, above." in preview
        footer = re.sub(r"<[^>]+>", "", app.export_screenshot()).replace("&#160;", " ")
        assert re.search(r"y\s+Save\s+n\s+Cancel", footer)  # the preview's own keys in its footer
        await pilot.press("n")


async def test_the_preview_names_the_class_answers_a_ruling_moves(tmp_path: Path) -> None:
    """Rejecting one answer can move a classmate's that is not in the queue (a walker's: rejecting "bullying happens
    anyway" made a fair answer a near miss on `report --rescore`, and the preview said nothing moved): the preview
    names it, with its verdict before and after."""
    path = motion_copy(tmp_path)
    results = tmp_path / "results"
    student_session(results, path, "Ana", ["reduce it to a few meaningful tasks please"], "improve-not-ban")
    student_session(results, path, "Ben", ["Reduce it to a few meaningful tasks, please!"], None)
    student_session(results, path, "Cy", ["homework teaches nothing at all"], None)
    app = build_mark_app(load_library([path], cache=False), results)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and app.screen.items)
        mark = app.screen
        assert isinstance(mark, MarkScreen) and [item.student for item in mark.items] == [
            "Ana"
        ]  # (no contest: Ben, Cy)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen))
        preview = " ".join(str(app.screen.query_one("#preview-text", Static).render()).split())
        assert "It moves 1 of the class's answers (in `debate report --rescore`): Ben hit → " in preview
        assert "Reduce it to a few meaningful tasks, please!" in preview and "Cy" not in preview
        await pilot.press("n")


async def test_mark_refuses_an_answer_whose_argument_left_the_motion(world: dict[str, Any]) -> None:
    path: Path = world["path"]
    text = path.read_text(encoding="utf-8").replace("- id: little-benefit", "- id: renamed-argument")
    path.write_text(text, encoding="utf-8")
    library = load_library([path], cache=False)
    app = build_mark_app(library, world["results"])
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and app.screen.items)
        await pilot.press("a")
        await pilot.pause()
        assert "no longer in motion 'homework-copy'; nothing written" in status(app)
        assert not isinstance(app.screen, PreviewScreen)
    assert path.read_text(encoding="utf-8") == text
    assert read_overrides(world["results"]) == []


async def test_class_view_updates_as_files_arrive(world: dict[str, Any]) -> None:
    results: Path = world["results"]
    from debate.assignment import Assignment

    assignment = Assignment(
        title="Week 3", motions=(("homework-copy", "opposition"),), roster=("Ana", "Ben", "Cai", "Dee")
    )
    app = build_class_app(world["library"], results, assignment=assignment, interval=0.2)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ClassScreen) and app.screen.state is not None)
        screen = app.screen
        assert isinstance(screen, ClassScreen) and screen.state is not None
        assert screen.state.students == ["Ana", "Ben", "Cai", "Dee"] and screen.state.not_started == ["Dee"]
        summary = str(screen.query_one("#class-summary", Static).render())
        assert "not started: Dee" in summary and "contests: 2" in summary
        reads = screen.folder_watch.reads
        # Dee starts while the view is open
        student_session(results, world["path"], "Dee", ["kids need time to play outside"], None)
        await until(pilot, lambda: screen.state is not None and screen.state.not_started == [])
        assert screen.folder_watch.reads == reads + 1  # only the new file was read
        grid = screen.query_one("#class-grid", DataTable)
        assert grid.row_count == 4 and len(grid.columns) == 1 + len(screen.state.columns)
        # drill down to Ana's first answer, then the contest queue is one key away
        grid.move_cursor(row=0, column=1)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AnswerScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ClassScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and app.screen.items)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ClassScreen))


async def test_the_class_view_applies_the_teachers_rulings_as_the_report_does(world: dict[str, Any]) -> None:
    """An answer the teacher rejected still showed "✓ hit" in the live view while the report counted the ruling: the
    view now applies the rulings with the report's own code, marks the cell and says so in the drill-down."""
    from debate.marking import add_ruling

    results: Path = world["results"]
    motions = {m.id: m for m in world["library"].motions}
    cai = next(p for p in results.iterdir() if p.name.startswith("cai"))
    doc = json.loads(cai.read_text(encoding="utf-8"))
    first = doc["rounds"][0]
    credited = first["verdicts"][0]["rebuttal"]  # the judge credited it (say): a hit for its top rebuttal
    first["verdicts"][0].update(score=0.62, verdict="hit")
    first.update(outcome="hit", points=6)
    cai.write_text(json.dumps(doc), encoding="utf-8")
    app = build_class_app(world["library"], results, interval=0.2)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ClassScreen) and app.screen.state is not None)
        screen = app.screen
        assert isinstance(screen, ClassScreen)
        grid = screen.query_one("#class-grid", DataTable)
        assert screen.state is not None
        row = screen.state.students.index("Cai")
        [column] = [c for c in screen.state.columns if c.argument == first["argument"]]
        col = screen.state.columns.index(column) + 1
        assert str(grid.get_cell_at(Coordinate(row, col))) == "✓ hit"
        ruling = {"student": "Cai", "session": doc["session"], "round": 0, "motion": doc["motion"]["id"]}
        ruling |= {"argument": first["argument"], "answer": first["answer"], "rebuttal": credited}
        add_ruling(results, {**ruling, "ruling": "reject", "at": "2026-03-02T10:00:00+00:00"})  # type: ignore[typeddict-item]
        await until(pilot, lambda: str(grid.get_cell_at(Coordinate(row, col))) != "✓ hit", timeout=3)
        assert str(grid.get_cell_at(Coordinate(row, col))) in ("✗ miss *", "~ near *")
        report = class_report([results], motions=motions)
        [cai_report] = [s for s in report["overrides"] if s["student"] == "Cai"]
        assert cai_report["now"]["outcome"] == screen.state.cells[("Cai", column.label)].outcome
        grid.move_cursor(row=row, column=col)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AnswerScreen))
        shown = " ".join(str(app.screen.query_one(Static).render()).split())
        assert f"Teacher's ruling: rejected for {credited} (the judge said hit, 6 points;" in shown


async def test_a_closed_terminal_leaves_working_now_as_the_report_calls_it_closed(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A student whose terminal closed mid-session stayed under "working now" (the view only looked again when a file
    changed, and a closed terminal writes nothing) while the report already called the session closed. Once the file
    has been quiet for the working window the view calls it closed too, by the report's own rule."""
    import debate.classroom
    from debate.classroom_render import render

    monkeypatch.setattr(debate.classroom, "WORKING_FOR", 1.0)  # one rule for the view and the report
    results: Path = world["results"]
    for path in results.iterdir():
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["student"] != "Ana":
            path.write_text(json.dumps({**doc, "status": "finished", "finished_at": doc["updated_at"]}), "utf-8")
    app = build_class_app(world["library"], results, interval=0.2)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ClassScreen) and app.screen.state is not None)
        screen = app.screen
        assert isinstance(screen, ClassScreen)
        summary = screen.query_one("#class-summary", Static)
        assert "working now: Ana" in str(summary.render()) and "closed" not in str(summary.render())
        reads = screen.folder_watch.reads
        await until(pilot, lambda: "closed mid-session: Ana" in str(summary.render()), timeout=5)
        assert "working now: nobody" in str(summary.render()) and screen.folder_watch.reads == reads
    report = class_report([results], motions={m.id: m for m in world["library"].motions})
    [ana] = [row for row in render(report, "md").splitlines() if row.startswith("| Ana ")]
    assert "closed" in ana


def test_thirty_students_poll_quickly_and_unchanged_files_are_not_read_again(world: dict[str, Any]) -> None:
    from debate.classview import FolderWatch, class_state

    results: Path = world["results"]
    [ana] = [p for p in results.iterdir() if p.name.startswith("ana")]
    doc = json.loads(ana.read_text(encoding="utf-8"))
    for n in range(30):
        doc.update(session=f"s{n}", student=f"Student {n}")
        (results / f"student-{n}.json").write_text(json.dumps(doc), encoding="utf-8")
    watch = FolderWatch(results)
    start = time.perf_counter()
    assert watch.poll() and watch.reads == 33
    state = class_state(watch, {m.id: m for m in world["library"].motions})
    assert len(state.students) == 33 and time.perf_counter() - start < 2.0
    start = time.perf_counter()
    assert not watch.poll() and watch.reads == 33
    assert time.perf_counter() - start < 0.2
    (results / "overrides.json").write_text("{}", encoding="utf-8")  # never taken for a results file
    assert watch.poll() and watch.reads == 33  # (read as rulings: this one is damaged, and says so)
    assert any(p.name == "overrides.json" for p in watch.problems)
    assert not watch.poll()


def test_the_class_view_reads_the_copy_of_a_session_the_report_reads(world: dict[str, Any]) -> None:
    """Found by an attacker: a doctored copy of a classmate's session (points zeroed) showed in the live view, which
    the report drops: of two copies of one session, both read the one with more points."""
    from debate.classview import FolderWatch, class_state

    results: Path = world["results"]
    motions = {m.id: m for m in world["library"].motions}
    watch = FolderWatch(results)
    watch.poll()
    before = class_state(watch, motions).cells
    [ben] = [p for p in results.iterdir() if p.name.startswith("ben")]
    doc = json.loads(ben.read_text(encoding="utf-8"))
    doctored = {**doc, "rounds": [{**r, "points": 0, "outcome": "miss"} for r in doc["rounds"]]}
    (results / "zz-copy.json").write_text(json.dumps(doctored), encoding="utf-8")
    assert watch.poll()
    assert class_state(watch, motions).cells == before


async def test_the_class_view_counts_the_skipped_files_it_does_not_list(world: dict[str, Any]) -> None:
    """Found by an attacker: the live view listed two skipped files of eleven and said nothing of the others."""
    results: Path = world["results"]
    for n in range(4):
        (results / f"junk-{n}.json").write_text("not json", encoding="utf-8")
    app = build_class_app(world["library"], results, interval=0.2)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ClassScreen) and app.screen.state is not None)
        summary = str(app.screen.query_one("#class-summary", Static).render())
        assert summary.count("\nskipped ") == 2 and "… and 2 more skipped: `debate report` lists them" in summary


def test_the_class_view_names_students_as_the_roster_spells_them(world: dict[str, Any]) -> None:
    """A student who typed "ana LIMA" shows as the roster's "Ana Lima", as in the report (a teacher saw the typed
    spelling in the live view and the roster's in the report)."""
    from debate.classview import FolderWatch, class_state

    results: Path = world["results"]
    [ana] = [p for p in results.iterdir() if p.name.startswith("ana")]
    doc = json.loads(ana.read_text(encoding="utf-8"))
    ana.write_text(json.dumps({**doc, "student": "ana  LIMA"}), encoding="utf-8")
    watch = FolderWatch(results)
    watch.poll()
    motions = {m.id: m for m in world["library"].motions}
    state = class_state(watch, motions, roster=["Ana Lima", "Zoe Park"])
    assert "Ana Lima" in state.students and "ana  LIMA" not in state.students
    assert any(name == "Ana Lima" for name, _ in state.cells)


def test_the_report_says_which_contests_wait_for_a_ruling(world: dict[str, Any]) -> None:
    """A teacher reading the report learns that contests wait for them (it did not say), and a ruled one drops out."""
    from debate.assignment import load_assignment
    from debate.classroom_render import render
    from debate.marking import add_ruling
    from debate.report import class_report

    results: Path = world["results"]
    motions = {m.id: m for m in world["library"].motions}
    rep = class_report([results], motions=motions)
    assert sorted(w["student"] for w in rep["contests_waiting"]) == ["Ana", "Ben"]
    line = "2 contests from 2 students wait for your ruling (`debate mark RESULTS_DIR`)"
    assert line in render(rep, "md").replace("\n", " ") and line in render(rep, "html")
    ana = next(p for p in results.iterdir() if p.name.startswith("ana"))
    doc = json.loads(ana.read_text(encoding="utf-8"))
    first = doc["rounds"][0]
    add_ruling(results, {"student": "Ana", "session": doc["session"], "round": 0, "motion": doc["motion"]["id"],
                         "argument": first["argument"], "answer": first["answer"], "rebuttal": "improve-not-ban",
                         "ruling": "reject", "at": "2026-03-02T10:00:00+00:00"})  # fmt: skip
    rep = class_report([results], motions=motions)
    assert [w["student"] for w in rep["contests_waiting"]] == ["Ben"]
    assert "1 contest from 1 student waits for your ruling" in render(rep, "md")
    # graded against an assignment, contests in files it leaves out (free practice here) are not its business
    week = world["tmp"] / "week.yaml"
    motion_id = next(iter(motions))
    week.write_text(f"schema: 1\nkind: assignment\ntitle: Week\nmotions:\n  - id: {motion_id}\n    side: opposition\n")
    assert class_report([results], motions=motions, assignment=load_assignment(week))["contests_waiting"] == []


def test_rulings_and_contests_name_the_student_as_the_grades_do(world: dict[str, Any]) -> None:
    """Found by a teacher: the rulings section said "zoe ng" (her retake's spelling) while the grades said "Zoë Ng"."""
    from debate.classroom_render import render
    from debate.marking import add_ruling

    results: Path = world["results"]
    student_session(results, world["path"], "Zoë Ng", ["no contest here"], None)
    zoe = student_session(results, world["path"], "zoe  ng", [OFF_TOPIC], "improve-not-ban")
    motions = {m.id: m for m in world["library"].motions}
    assert "Zoë Ng" in [w["student"] for w in class_report([results], motions=motions)["contests_waiting"]]
    doc = json.loads(zoe.read_text(encoding="utf-8"))
    first = doc["rounds"][0]
    add_ruling(results, {"student": "zoe  ng", "session": doc["session"], "round": 0, "motion": doc["motion"]["id"],
                         "argument": first["argument"], "answer": first["answer"], "rebuttal": "improve-not-ban",
                         "ruling": "accept", "at": "2026-03-02T10:00:00+00:00"})  # fmt: skip
    rep = class_report([results], motions=motions)
    assert [o["student"] for o in rep["overrides"]] == ["Zoë Ng"]
    assert "zoe" not in render(rep, "md")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file owners are POSIX")
def test_a_rulings_file_that_is_damaged_or_not_the_teachers_never_stops_the_report(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Students can write to a shared results folder: an overrides.json of theirs (another owner, or one anyone can
    change) could reject a classmate's answers, and a damaged one stopped the whole report. Either is graded without,
    said at the top of the report and on stderr; the teacher's own file, as `debate mark` writes it, is applied."""
    from debate.classroom_render import render
    from debate.cli import main
    from debate.marking import add_ruling
    from debate.report import class_report

    results: Path = world["results"]
    motions = {m.id: m for m in world["library"].motions}
    judged = class_report([results], motions=motions)
    ana = next(p for p in results.iterdir() if p.name.startswith("ana"))
    doc = json.loads(ana.read_text(encoding="utf-8"))
    first = doc["rounds"][0]
    add_ruling(results, {"student": "Ana", "session": doc["session"], "round": 0, "motion": doc["motion"]["id"],
                         "argument": first["argument"], "answer": first["answer"], "rebuttal": "improve-not-ban",
                         "ruling": "accept", "at": "2026-03-02T10:00:00+00:00"})  # fmt: skip
    rulings = results / "overrides.json"
    assert rulings.stat().st_mode & 0o777 == 0o644
    assert class_report([results], motions=motions).get("overrides")  # the teacher's own file: applied
    for spoil, why in (
        (lambda: os.chown(rulings, 4242, -1), "belongs to another user (uid 4242)"),
        (lambda: rulings.chmod(0o666), "can be changed by any user"),
        (lambda: rulings.write_text("{bad", encoding="utf-8"), "not a readable overrides file"),
    ):
        if why.startswith("belongs") and os.geteuid() != 0:
            continue  # (only root can give a file away)
        spoil()
        rep = class_report([results], motions=motions)
        assert "overrides" not in rep and rep["groups"] == judged["groups"]
        [problem] = rep["overrides_problems"]
        assert problem.startswith(f"{rulings}: ") and why in problem
        assert "Teacher's rulings not applied (the grades below do not count them)" in render(rep, "md")
        assert main(["report", str(results)]) == 0
        assert f"warning: {rulings}: " in capsys.readouterr().err
        os.chown(rulings, os.geteuid(), -1)
        rulings.chmod(0o644)


def test_a_ruling_is_about_one_students_answer_even_when_a_session_id_is_reused(world: dict[str, Any]) -> None:
    """A file reusing Ana's session id under another name (a copy, a forgery) is read as its own student's; a
    ruling on Ana's answer neither applies to it nor marks it ruled, and ruling on it keeps Ana's (found in review:
    rulings were matched by session and round only)."""
    from debate.marking import add_ruling, queue, read_overrides
    from debate.report import class_report
    from debate.results import read_results, results_files

    results: Path = world["results"]
    motions = {m.id: m for m in world["library"].motions}
    ana = next(p for p in results.iterdir() if p.name.startswith("ana"))
    doc = json.loads(ana.read_text(encoding="utf-8"))
    (results / "eve-copy.json").write_text(json.dumps({**doc, "student": "Eve"}), encoding="utf-8")
    first = doc["rounds"][0]
    ruling = {"session": doc["session"], "round": 0, "motion": doc["motion"]["id"], "argument": first["argument"],
              "answer": first["answer"], "rebuttal": "improve-not-ban", "at": "2026-03-02T10:00:00+00:00"}  # fmt: skip
    add_ruling(results, {**ruling, "student": "Ana", "ruling": "accept"})  # type: ignore[typeddict-item]
    rep = class_report([results], motions=motions)
    assert [o["student"] for o in rep["overrides"]] == ["Ana"]
    assert sorted(w["student"] for w in rep["contests_waiting"]) == ["Ben", "Eve"]
    loaded, _ = read_results(results_files([results]))
    items = {i.student: i.ruled for i in queue(loaded, motions, rulings=read_overrides(results))}
    assert items["Ana"] == "accept" and items["Eve"] == ""
    add_ruling(results, {**ruling, "student": "Eve", "ruling": "reject"})  # type: ignore[typeddict-item]
    assert sorted((r["student"], r["ruling"]) for r in read_overrides(results)) == [
        ("Ana", "accept"),
        ("Eve", "reject"),
    ]


def test_a_ruled_contest_is_no_longer_counted_in_the_class_view(world: dict[str, Any]) -> None:
    """The live view counts contests waiting for the teacher: once the teacher rules on one (``debate mark``), it
    drops out of the count and its cell loses the "!" mark."""
    from debate.classview import FolderWatch, class_state
    from debate.marking import add_ruling

    results: Path = world["results"]
    motions = {m.id: m for m in world["library"].motions}
    watch = FolderWatch(results)
    watch.poll()
    state = class_state(watch, motions)
    contested = [cell for cell in state.cells.values() if cell.contested]
    assert state.contests == len(contested) == 2
    first = contested[0]
    assert first.round is not None
    doc = watch.loaded[Path(first.path)].doc
    ruling = {"student": doc["student"], "session": doc["session"], "round": first.index, "motion": doc["motion"]["id"]}
    ruling |= {"argument": first.round["argument"], "answer": first.round["answer"], "rebuttal": "x"}
    add_ruling(results, {**ruling, "ruling": "reject", "at": "2026-03-02T10:00:00+00:00"})  # type: ignore[typeddict-item]
    assert watch.poll() and watch.reads == 3  # the rulings file, not the students' files again
    state = class_state(watch, motions)
    assert state.contests == 1 and sum(cell.contested for cell in state.cells.values()) == 1


def test_an_answer_whose_motion_is_not_found_says_how_to_give_it(world: dict[str, Any]) -> None:
    """A student practised a motion from the teacher's own file; `debate mark` without it said the motion was "not in
    the library any more", as if it had changed (found by a teacher)."""
    from debate.marking import problem_with, queue
    from debate.results import read_results, results_files

    loaded, _ = read_results(results_files([world["results"]]))
    items = queue(loaded, {})
    assert items and all(
        problem_with(item, {}).endswith("is not among the motions found: give its file or folder with --motions "
                                        "(debate --motions PATH mark RESULTS_DIR)")
        for item in items
    )  # fmt: skip


def test_a_rejected_only_hit_is_a_miss_worth_nothing_without_the_motion_file(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a teacher: a report run without --motions listed a rejected answer as "hit 6 → miss 2", a miss that
    kept 2 points (the grade differed from the one given with the motion's file). Nothing left to credit is 0."""
    from debate.cli import main
    from debate.marking import add_ruling

    results: Path = world["results"]
    motion = load_motion(world["path"])
    argument = motion.proposition[0]
    rebuttal = max(argument.rebuttals, key=lambda b: b.strength)
    zoe = student_session(results, world["path"], "Zoë", [rebuttal.examples.match[0]], None)
    doc = json.loads(zoe.read_text(encoding="utf-8"))
    first = doc["rounds"][0]
    assert first["argument"] == argument.id and first["outcome"] == "hit" and first["points"] > 4
    assert [v["rebuttal"] for v in first["verdicts"] if v["verdict"] != "miss"] == [rebuttal.id]
    add_ruling(results, {"student": "Zoë", "session": doc["session"], "round": 0, "motion": doc["motion"]["id"],
                         "argument": first["argument"], "answer": first["answer"], "rebuttal": rebuttal.id,
                         "ruling": "reject", "at": "2026-03-02T10:00:00+00:00"})  # fmt: skip
    for extra in (["--motions", str(world["path"])], []):
        capsys.readouterr()
        assert main([*extra, "report", str(results), "--format", "json"]) == 0
        [ruled] = [o for o in json.loads(capsys.readouterr().out)["overrides"] if o["student"] == "Zoë"]
        assert ruled["now"] == {"outcome": "miss", "points": 0}, extra


async def test_the_preview_claims_no_more_than_it_checked(world: dict[str, Any]) -> None:
    """Found by a teacher: rejecting "bullying happens anyway" previewed "No other verdict moves.", and `report
    --rescore` then moved a classmate's fair answer from hit to near. The preview checks the bank's examples, not
    the answers in the results folder, and says so."""
    app = build_mark_app(world["library"], world["results"])
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MarkScreen) and app.screen.items)
        seen = []
        for key in ("a", "r"):
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, PreviewScreen))
            seen.append(" ".join(str(app.screen.query_one("#preview-text", Static).render()).split()))
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, MarkScreen))
    assert any("No other example's verdict moves" in preview for preview in seen)
    assert not any("No other verdict moves" in preview for preview in seen)
