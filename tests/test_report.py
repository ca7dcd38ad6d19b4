"""Results files and the class report."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from debate.cli import main
from debate.report import ResultsWriter, build_report, read_results, render, results_files, validate_results


@dataclass(frozen=True)
class FakeArgument:
    id: str
    claim: str


@dataclass(frozen=True)
class FakeVerdict:
    candidate_id: str
    score: float
    verdict: str


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
    assert doc["finished"] is True and doc["format"] == "debate-results" and doc["version"] == 1
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
    docs, skipped = read_results(results_files([tmp_path]))
    rows = {r["student"]: r for r in build_report(docs, skipped, pass_mark=50)["students"]}
    assert rows["Quick Quitter"]["score"] == 26.7 and not rows["Quick Quitter"]["passed"]
    assert rows["Diligent"]["score"] == 53.3 and rows["Diligent"]["passed"]


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
        "from debate.report import ResultsWriter\n"
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


def test_report_merges_students_matrix_misses_and_nobody_found(tmp_path: Path) -> None:
    play(tmp_path, "Ana", [("a1", [("r1", "hit"), ("r2", "miss")], 8), ("a2", [("r3", "miss")], 0)])
    play(tmp_path, "Ben", [("a1", [("r1", "miss"), ("r2", "miss")], 0), ("a2", [("r3", "miss")], 0)])
    play(tmp_path / "sub", "Ana", [("a1", [("r1", "hit"), ("r2", "miss")], 10)])
    docs, skipped = read_results(results_files([tmp_path]))
    report = build_report(docs, skipped, pass_mark=50)
    rows = {r["student"]: r for r in report["students"]}
    assert rows["Ana"]["sessions"] == 2 and rows["Ana"]["points"] == 18 and rows["Ana"]["max_points"] == 30
    assert rows["Ana"]["score"] == 60.0 and rows["Ana"]["passed"] is True
    assert rows["Ben"]["passed"] is False
    assert report["matrix"]["m1/a1"] == {"Ana": 100.0, "Ben": 0.0}
    assert report["most_missed"][0]["argument"] == "m1/a2" and report["most_missed"][0]["missed"] == 2
    assert {"argument": "m1/a1", "rebuttal": "r2"} in report["nobody_found"]
    assert {"argument": "m1/a2", "rebuttal": "r3"} in report["nobody_found"]
    assert {"argument": "m1/a1", "rebuttal": "r1"} not in report["nobody_found"]


def test_a_class_of_30_students_with_3_sessions_each(tmp_path: Path) -> None:
    """30 students x 3 sessions of two rounds; every figure of the report is recomputed here from the plan."""
    names = [f"Student {i:02d}" for i in range(30)]
    plan: dict[str, list[tuple[int, int]]] = {}  # name -> [(a1 points, a2 points)] per session
    for i, name in enumerate(names):
        plan[name] = [((i + s) % 11, 7 if (i % 10 == 0 and s == 2) else 0) for s in range(3)]
        for a1, a2 in plan[name]:
            play(
                tmp_path / f"group{i % 3}",
                name,
                [
                    ("a1", [("r1", "hit" if a1 >= 5 else "miss"), ("r2", "miss")], a1),
                    ("a2", [("r3", "miss"), ("r4", "hit" if a2 else "miss")], a2),
                ],
            )
    docs, skipped = read_results(results_files([tmp_path]))
    assert len(docs) == 90 and skipped == []
    report = build_report(docs, skipped, pass_mark=25)
    rows = {r["student"]: r for r in report["students"]}
    assert sorted(rows) == names
    for name, sessions in plan.items():
        points = sum(a1 + a2 for a1, a2 in sessions)
        row = rows[name]
        assert (row["sessions"], row["points"], row["max_points"]) == (3, points, 60), name
        assert row["score"] == round(100 * points / 60, 1) and row["passed"] == (points / 60 >= 0.25), name
        assert row["minutes"] == 3.0  # 6 rounds of 30 s
        assert report["matrix"]["m1/a1"][name] == 10 * max(a1 for a1, _ in sessions)
        assert report["matrix"]["m1/a2"][name] == 10 * max(a2 for _, a2 in sessions)
    assert sum(r["passed"] for r in rows.values()) == sum(sum(a1 + a2 for a1, a2 in s) >= 15 for s in plan.values())
    assert report["minutes_total"] == 90.0
    a1_missed = sum(a1 < 5 for s in plan.values() for a1, _ in s)
    a2_missed = sum(a2 == 0 for s in plan.values() for _, a2 in s)
    assert [(m["argument"], m["missed"], m["attempts"]) for m in report["most_missed"]] == [
        ("m1/a2", a2_missed, 90),
        ("m1/a1", a1_missed, 90),
    ]
    assert report["nobody_found"] == [{"argument": "m1/a1", "rebuttal": "r2"}, {"argument": "m1/a2", "rebuttal": "r3"}]
    markdown = render(report, "md")
    lines = markdown.splitlines()
    assert sum(line.startswith("| Student ") for line in lines) == 31  # the table's header and its 30 rows
    assert sum(line.startswith("| `m1/a") for line in lines) == 2  # the matrix: one row per argument
    assert "- `m1/a2` claim a2 — missed" in markdown and "- `m1/a1`: r2" in markdown
    rows_csv = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert len([r for r in rows_csv if r and r[0].startswith("Student ")]) == 30


def test_malformed_and_foreign_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    play(tmp_path, "Ana", [("a1", [("r1", "hit")], 8)])
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "foreign.json").write_text('{"hello": "world"}', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    future = json.loads(next(tmp_path.glob("ana-*.json")).read_text())
    future["version"] = 99
    (tmp_path / "future.json").write_text(json.dumps(future), encoding="utf-8")
    docs, skipped = read_results(results_files([tmp_path]))
    assert len(docs) == 1
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["broken.json"].startswith("not JSON (line 1")
    assert "not a debate results file" in reasons["foreign.json"]
    assert reasons["list.json"] == "not a JSON object"
    assert "version 99" in reasons["future.json"]
    assert "binary.json" in reasons
    report = build_report(docs, skipped)
    assert len(report["skipped"]) == 5
    assert "## Skipped files" in render(report, "md")


def test_report_formats(tmp_path: Path) -> None:
    play(tmp_path, "Ana | Lima", [("a1", [("r1", "hit")], 8)])
    report = build_report(*read_results(results_files([tmp_path])))
    md = render(report, "md")
    assert "| Ana \\| Lima | 1 | 8/10 | 80% | pass |" in md
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert rows[0][:5] == ["student", "sessions", "points", "max_points", "score"] and rows[0][-1] == "m1/a1"
    assert rows[1][0] == "Ana | Lima" and rows[1][-1] == "80.0"
    assert json.loads(render(report, "json"))["students"][0]["score"] == 80.0


def test_report_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results"
    play(results, "Ana", [("a1", [("r1", "hit")], 8)])
    (results / "junk.json").write_text("nope", encoding="utf-8")
    out = tmp_path / "report.md"
    assert main(["report", str(results), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "junk.json" in err
    assert out.read_text().startswith("# Class report")
    assert main(["report", str(tmp_path / "missing")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty)]) == 1
