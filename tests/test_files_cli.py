"""Files and folders that are not what they should be: one clear line each, never a traceback, never a hang."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from fuzz_mutants import deadline

from debate.cli import main
from debate.discovery import discover
from debate.errors import MotionError
from debate.motions import load_motion
from debate.text_safety import printable

DATA = Path(__file__).parent / "data"
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")
ESC_TITLE = "title: Red \\e[31m alert \\e]0;pwned\\a and \\x9b2J here"  # YAML escapes: ESC, OSC, BEL, CSI


def one_line_errors(err: str) -> list[str]:
    lines = err.strip().splitlines()
    assert lines and not any("Traceback" in line for line in lines), err
    return lines


def test_printable_shows_control_characters_as_escapes() -> None:
    assert printable("a\x1b[31mb\x07c\r\nd\x9b\u202ee\u2028") == "a\\x1b[31mb\\x07c\\r\\nd\\x9b\\u202ee\\u2028"
    assert printable("Café – 🎓 naïve\u00a0text") == "Café – 🎓 naïve\u00a0text"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_pipes_devices_and_folders_given_as_motions_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    pipe = "not a regular file (a device, pipe or socket); give a saved file"
    for path, reason in ((fifo, pipe), (Path("/dev/zero"), pipe), (folder, "is a folder, not a file")):
        with deadline(20), pytest.raises(MotionError) as caught:
            load_motion(path)
        assert caught.value.problems == [f"{path}: {reason}"]
    with deadline(60):
        assert main(["check", str(fifo), "/dev/zero"]) == 1
    lines = one_line_errors(capsys.readouterr().err)
    assert f"{fifo}: not a regular file (a device, pipe or socket); give a saved file" in lines
    with deadline(60):
        assert main(["practice", "--assignment", str(fifo)]) == 1
    assert one_line_errors(capsys.readouterr().err) == [
        f"{fifo}: not a regular file (a device, pipe or socket); give a saved file"
    ]


def test_one_bad_file_never_hides_the_other_motions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.yaml").write_text(MINI, encoding="utf-8")
    (tmp_path / "hex.yaml").write_text(MINI.replace("id: mini-homework", "id: 0x" + "f" * 5000), encoding="utf-8")
    (tmp_path / "sexagesimal.yaml").write_text(MINI.replace("schema: 1", "schema: 1" + ":30" * 9000))
    (tmp_path / "latin1.yaml").write_bytes(MINI.replace("young", "jeunes élèves").encode("latin-1"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    with deadline(60):
        library = discover([tmp_path])
    assert "mini-homework" in {m.id for m in library.motions}
    assert len(library.motions) >= 12  # the bundled ones too
    assert len(library.problems) == 4 + hasattr(os, "mkfifo")
    with deadline(60):
        assert main(["list", "--motions", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "mini-homework" in out and "ban-homework" in out
    warnings = one_line_errors(err)
    assert all(line.startswith(f"warning: {tmp_path}/") for line in warnings), warnings
    assert any(f"{tmp_path}/hex.yaml:3:5: id must be text, but this is a number (0xfff" in w for w in warnings)
    assert any(f"{tmp_path}/zero.yaml: not a regular file" in w for w in warnings)


def test_control_characters_in_titles_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "title: This House would ban homework for young children"
    (tmp_path / "esc.yaml").write_text(MINI.replace(title, ESC_TITLE.replace("title: ", 'title: "') + '"'))
    bidi = MINI.replace(title, "title: Homework \u202etxet desrever\u202c is fine").replace("mini-homework", "bidi")
    (tmp_path / "bidi.yaml").write_text(bidi, encoding="utf-8")
    (tmp_path / "name\x1b]0;pwned\x07.yaml").write_text("schema: 2\n", encoding="utf-8")
    assert main(["list", "--motions", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "Homework \\u202etxet desrever\\u202c is fine" in out  # shown, never acted on
    assert f"warning: {tmp_path}/esc.yaml:4:8: title contains the control character U+001B (an escape sequence)" in err
    assert f"warning: {tmp_path}/name\\x1b]0;pwned\\x07.yaml:" in err
    assert not any(ch in out + err for ch in "\x1b\x07\x9b\u202e")
    assert main(["list", "--json", "--motions", str(tmp_path)]) == 0  # machine-readable: the exact text
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["bidi"]["title"] == "Homework \u202etxet desrever\u202c is fine"


def test_check_output_has_no_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad\x1b[2Jname.yaml"
    bad.write_text(MINI.replace("difficulty: introductory", 'difficulty: "hard\\e[5m"'), encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err
    assert "bad\\x1b[2Jname.yaml" in out
    assert "difficulty contains the control character U+001B (an escape sequence); remove it" in err


def test_answer_with_invalid_utf8_on_stdin_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"homework is \xff\xfe bad")))
    assert main(["answer", "ban-homework", "little-benefit", "-"]) == 1
    assert one_line_errors(capsys.readouterr().err) == [
        "debate: standard input is not UTF-8 text (byte 0xff at offset 12); send the rebuttal as UTF-8"
    ]


def test_answer_from_stdin_still_works(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    answer = "they can learn habits at secondary school"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + answer.encode())))
    mini = str(DATA / "mini.yaml")
    assert main(["answer", "--motions", mini, "mini-homework", "builds-habits", "-", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["verdicts"][0]["rebuttal"] == "habits-later" and report["verdicts"][0]["verdict"] == "hit"


def test_new_into_a_place_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["new", "my-motion", "--dir", str(blocker / "sub")]) == 1
    (line,) = one_line_errors(capsys.readouterr().err)
    assert line.startswith(f"debate: {blocker}/sub/my-motion.yaml: cannot write the motion there (")
    assert main(["new", "my-motion", "--dir", str(tmp_path)]) == 0
    assert main(["new", "my-motion", "--dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip().endswith("my-motion.yaml already exists; not overwriting it")


@pytest.mark.parametrize("command", ["history", "stats"])
def test_a_data_folder_that_cannot_be_made_is_one_line(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DEBATE_HOME", str(blocker / "home"))
    assert main([command]) == 1
    (line,) = one_line_errors(capsys.readouterr().err)
    assert line.startswith("debate: cannot") and "a-file" in line, line


def test_an_assignment_with_huge_numbers_is_one_located_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "week.yaml"
    path.write_text(
        "schema: 1\nkind: assignment\ntitle: Week\nmotions:\n  - id: ban-homework\n    side: opposition\n"
        f"pass_mark: 0x{'f' * 5000}\ntime_limit: 1{':30' * 3000}\n",
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:7:12: assignment.pass_mark must be from 0 to 100, not a number (0xfffff" in err
    assert f"{path}:8:13: assignment.time_limit must be from 5 to 3600, not a number (1:30:30" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["history", "stats"])
def test_a_history_database_that_cannot_be_read_is_one_line(
    command: str, debate_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (debate_home / "data" / "history.sqlite3").mkdir(parents=True)  # in the database's place: a folder
    assert main([command]) == 1
    (line,) = one_line_errors(capsys.readouterr().err)
    assert line.startswith("debate: cannot") and "history" in line, line
