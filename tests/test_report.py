"""Results files: the writer, the version 2 format, and reading them back (the report itself: test_classroom)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from classroom_data import FakeArgument, FakeVerdict

from debate.classroom import build_report
from debate.classroom_render import render
from debate.cli import main
from debate.results import ResultsWriter, read_results, results_files, validate_results


@dataclass(frozen=True)
class FakeRound:
    argument: FakeArgument
    answer: str
    verdicts: tuple[FakeVerdict, ...]
    points: int
    hints_used: int = 0
    seconds: float = 30.0
    outcome: str = "hit"


def clock() -> datetime.datetime:
    return datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)


def play(folder: Path, student: str, rounds: list[tuple[str, list[tuple[str, str]], int]], finish: bool = True) -> Path:
    """Write one session: rounds are (argument id, [(rebuttal, verdict)], points)."""
    writer = ResultsWriter(folder, student, "m1", "Motion one", "proposition", "full", max_points=10, clock=clock)
    for arg, verdicts, points in rounds:
        writer.add_round(
            FakeRound(
                FakeArgument(arg, f"claim {arg}"),
                "answer",
                tuple(FakeVerdict(r, 0.7 if v == "hit" else 0.1, v) for r, v in verdicts),
                points,
            )
        )
    return writer.finish() if finish else writer.path


def test_file_is_written_after_each_round_and_at_the_end(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path, "Ana Lima", "m1", "Motion one", "proposition", "full", max_points=10, clock=clock)
    doc = json.loads(writer.path.read_text())
    assert doc["finished"] is False and doc["rounds"] == []
    writer.add_round(FakeRound(FakeArgument("a1", "c"), "x", (FakeVerdict("r1", 0.8, "hit"),), 8))
    doc = json.loads(writer.path.read_text())
    assert [r["argument"] for r in doc["rounds"]] == ["a1"] and doc["total"] == 8 and doc["finished"] is False
    writer.finish()
    doc = validate_results(json.loads(writer.path.read_text()))
    assert doc["finished"] is True and doc["format"] == "debate-results" and doc["version"] == 2
    assert doc["status"] == "finished" and doc["finished_at"] == "2026-11-22T09:00:00+00:00"
    assert writer.path.name.startswith("ana-lima-m1-20261122T090000Z-")
    assert [p.name for p in tmp_path.iterdir()] == [writer.path.name]  # no temp files left behind


def test_unanswered_arguments_count_so_quitting_early_never_passes(tmp_path: Path) -> None:
    writer = ResultsWriter(
        tmp_path, "Quick Quitter", "m1", "Motion one", "proposition", "full", 10, arguments=3, clock=clock
    )
    writer.add_round(FakeRound(FakeArgument("a1", "claim a1"), "answer", (FakeVerdict("r1", 0.9, "hit"),), 8))
    doc = json.loads(writer.finish().read_text(encoding="utf-8"))
    assert (doc["total"], doc["arguments"], doc["max_total"], len(doc["rounds"])) == (8, 3, 30, 1)
    diligent = play(tmp_path, "Diligent", [("a1", [("r1", "hit")], 6), ("a2", [("r2", "hit")], 6), ("a3", [], 4)])
    assert json.loads(diligent.read_text(encoding="utf-8"))["max_total"] == 30  # without ``arguments``: rounds
    docs, _skipped = read_results(results_files([tmp_path]))
    assert {d.doc["student"]: d.doc["max_total"] for d in docs} == {"Quick Quitter": 30, "Diligent": 30}


def test_results_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = play(tmp_path, "Ana", [("a1", [("r1", "hit")], 8)])
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0600: the teacher reads the shared folder


def test_same_student_same_second_never_collides(tmp_path: Path) -> None:
    paths = {play(tmp_path, "Ana", [("a1", [("r1", "hit")], 8)]) for _ in range(20)}
    assert len(paths) == 20 and len(list(tmp_path.iterdir())) == 20


def test_many_processes_write_into_one_folder(tmp_path: Path) -> None:
    script = (
        "import sys, datetime\n"
        "from pathlib import Path\n"
        "from debate.report import ResultsWriter\n"  # the old import path keeps working
        "w = ResultsWriter(Path(sys.argv[1]), 'Student ' + sys.argv[2], 'm1', 'M', 'proposition', 'full', 10)\n"
        "w.finish()\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), str(i % 3)]) for i in range(12)]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    docs, skipped = read_results(results_files([tmp_path]))
    assert len(docs) == 12 and not skipped


def test_blank_student_name_is_refused(tmp_path: Path) -> None:
    from debate.errors import DebateError

    with pytest.raises(DebateError, match="student name"):
        ResultsWriter(tmp_path, "  ", "m1", "M", "proposition", "full", 10)


def test_malformed_and_foreign_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    play(tmp_path, "Ana", [("a1", [("r1", "hit")], 8)])
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "foreign.json").write_text('{"hello": "world"}', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "empty.json").write_bytes(b" \n")
    future = json.loads(next(tmp_path.glob("ana-*.json")).read_text())
    future["version"] = 99
    (tmp_path / "future.json").write_text(json.dumps(future), encoding="utf-8")
    docs, skipped = read_results(results_files([tmp_path]))
    assert len(docs) == 1
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["broken.json"].startswith("not JSON (line 1, column 2")
    assert "not a debate results file" in reasons["foreign.json"]
    assert reasons["list.json"] == "not a JSON object"
    assert "version 99" in reasons["future.json"]
    assert (
        reasons["binary.json"] == "not UTF-8 text (byte 0xff on line 1); save the file as UTF-8"
    )  # (it said "byte 0")
    assert reasons["empty.json"].startswith("the file is empty")  # (it said "Expecting value")
    report = build_report(docs, skipped)
    assert len(report["skipped"]) == 6
    assert "## Skipped files" in render(report, "md")


def test_unreadable_numbers_are_refused_not_converted(tmp_path: Path) -> None:
    path = play(tmp_path, "Ana", [("a1", [("r1", "hit")], 8)])
    text = path.read_text(encoding="utf-8")
    for name, bad in {
        "big": text.replace('"total": 8', '"total": ' + "1" * 401),
        "float": text.replace('"seconds": 30.0', '"seconds": 1e999', 1),
        "negative": text.replace('"points": 8', '"points": -3'),
        "bool": text.replace('"points": 8', '"points": true'),
        "status": text.replace('"status": "finished"', '"status": "done"'),
    }.items():
        (tmp_path / f"{name}.json").write_text(bad.replace(json.loads(text)["session"], name), encoding="utf-8")
    docs, skipped = read_results(results_files([tmp_path]))
    assert len(docs) == 1 and {Path(s.path).stem for s in skipped} == {"big", "float", "negative", "bool", "status"}


def test_report_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results"
    play(results, "Ana", [("a1", [("r1", "hit")], 8)])
    (results / "junk.json").write_text("nope", encoding="utf-8")
    out = tmp_path / "report.md"
    assert main(["report", str(results), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "junk.json" in err
    assert out.read_text().startswith("# Class report")
    sheet = tmp_path / "report.csv"  # a CSV file starts with a byte-order mark, so Excel reads its accents as UTF-8
    assert main(["report", str(results), "--format", "csv", "--output", str(sheet)]) == 0
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf") and sheet.read_text(encoding="utf-8-sig").startswith(
        "assignment,student,"
    )
    assert main(["report", str(results), "--format", "csv"]) == 0  # (not on stdout: a pipe is no spreadsheet)
    assert not capsys.readouterr().out.startswith("\ufeff")
    assert main(["report", str(tmp_path / "missing")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty)]) == 1
