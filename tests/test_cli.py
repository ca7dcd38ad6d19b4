"""The command line: exit codes, --json output, one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debate.cli import main

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"
REPO = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m debate`` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "debate", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_plain_debate_is_parsed_as_the_parser_would() -> None:
    """Plain `debate` skips building the parser; what it gets is exactly what the parser makes of no arguments."""
    from debate.cli_args import build_parser, parse_args

    assert parse_args([]) == build_parser().parse_args([])
    assert parse_args(["--motions", "x"]) == build_parser().parse_args(["--motions", "x"])


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("debate ")


def test_list_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json", "--motions", str(DATA)]) == 0
    rows = json.loads(capsys.readouterr().out)
    mini = next(r for r in rows if r["id"] == "mini-homework")
    assert mini == {
        "id": "mini-homework",
        "title": "This House would ban homework for young children",
        "path": str(DATA / "mini.yaml"),
        "tags": ["education", "school"],
        "difficulty": "introductory",
        "arguments": {"proposition": 1, "opposition": 1},
        "rebuttals": 3,
    }


def test_list_shows_bundled_motions_from_any_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "debate", "list", "--json"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_usage_error_exits_2() -> None:
    result = run("list", "--bogus")
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_bad_file_exits_1_with_located_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "mini.yaml").read_text().replace("strength: 3", "strength: 7"), encoding="utf-8")
    result = run("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:" in result.stderr and "strength must be from 1 to 3, not 7" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_json_reports_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- not a motion\n", encoding="utf-8")
    assert main(["check", "--json", str(bad)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False
    assert out["files"][0]["path"] == str(bad)
    assert "must be a mapping" in out["files"][0]["errors"][0]


def test_check_missing_path_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_check_of_a_folder_with_no_motion_file_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A teacher's folder with no .yaml file in it checked nothing and exited 0: it fails, and says where it looked."""
    (tmp_path / "notes.txt").write_text("not a motion", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    assert f"No motion files found in {tmp_path} (motion files end in .yaml or .yml)." in capsys.readouterr().err
    assert main(["check", str(tmp_path), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {"ok": False, "files": []}


def test_check_compare_lists_what_an_edit_moved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``check NEW --compare OLD``: an example only in the old file is named "removed" at its old line (it was shown
    at line 0 of the new file, as if it had changed), one only in the new file "added", each with both verdicts."""
    text = MINI.read_text(encoding="utf-8")
    extra = "              - a tenner says the kids will be outside by six\n"
    anchor = "              - just make the homework short, ten minutes a night is fine\n"
    old = tmp_path / "old.yaml"
    old.write_text(text.replace(anchor, anchor + extra), encoding="utf-8")
    added = "              - they can learn study habits later at secondary school, says my mum\n"
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("              - homework causes arguments at home\n", "              - homework causes "
                   "arguments at home\n" + added), encoding="utf-8")  # fmt: skip
    assert main(["check", str(new), "--compare", str(old)]) == 0
    out = capsys.readouterr().out.splitlines()
    # the removed example's own warning (a hit only as an example) went with it
    assert [line.split(": rebuttal ")[0] for line in out if line.startswith("warning gone: ")] == [
        f"warning gone: {old}:34"
    ]
    out = [line for line in out if not line.startswith("warning gone: ")]
    removed_at = old.read_text(encoding="utf-8").splitlines().index(extra.rstrip("\n")) + 1
    added_at = new.read_text(encoding="utf-8").splitlines().index(added.rstrip("\n")) + 1
    assert out == [
        f"{old}:{removed_at}: stress-and-play / short-tasks-fine match example removed; answers like it: hit 1.00 -> "
        'miss 0.00  "a tenner says the kids will be outside by six"',
        f"{new}:{added_at}: builds-habits / habits-later no_match example added: hit 0.99 -> miss 0.29 (the old bank's "
        'verdict first)  "they can learn study habits later at secondary school, says my mum"',
    ]
    assert main(["check", str(new), "--compare", str(old), "--json"]) == 0
    statuses = [c["status"] for c in json.loads(capsys.readouterr().out)["changes"]]
    assert statuses == ["removed", "added"]


def test_check_compare_lists_the_warnings_an_edit_brought_or_cleared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A teacher cut a rebuttal's keywords to two alternatives each: "0 examples changed verdict", though check then
    warned that three phrasings were no longer hits. Warnings are compared wherever their lines moved."""
    old = Path(__file__).parent / "data" / "teacher-draft.yaml"
    full = "keywords: [learn|attention|informed|research|follow|read up|interest|interested, politics|news|candidates|policies|issues]"
    new = tmp_path / "new.yaml"
    new.write_text(
        "# a comment line: every line below moves by one\n"
        + old.read_text(encoding="utf-8").replace(full, "keywords: [learn|attention, politics|news]"),
        encoding="utf-8",
    )
    assert main(["check", str(new), "--compare", str(old)]) == 0
    captured = capsys.readouterr()
    added = [line for line in captured.out.splitlines() if line.startswith("new warning: ")]
    assert added and all(line.startswith(f"new warning: {new}:") for line in added)
    assert any("people-learn is thin" in line for line in added)
    assert not [line for line in captured.out.splitlines() if line.startswith("warning gone: ")]
    assert f"; {len(added)} new warning{'s' * (len(added) != 1)}, 0 gone" in captured.err
    assert main(["check", str(old), "--compare", str(new)]) == 0  # the other way round: the same warnings, gone
    gone = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warning gone: ")]
    assert len(gone) == len(added) and all(line.startswith(f"warning gone: {new}:") for line in gone)
    assert main(["check", str(new), "--compare", str(old), "--json"]) == 0  # and in JSON (it printed only changes)
    found = json.loads(capsys.readouterr().out)
    assert len(found["new_warnings"]) == len(added) and found["warnings_gone"] == [] and found["errors"] == []
    # --strict fails the edited file on its warnings, as `check --strict` does (it exited 0: found by a teacher)
    assert main(["check", str(new), "--compare", str(old), "--strict"]) == 1
    assert f"; {new} fails check --strict (" in capsys.readouterr().err
    assert main(["check", str(new), "--compare", str(old), "--strict", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False
    # a warning whose figures moved is the same warning, not one new and one gone (found by a second teacher)
    context = "context: |\n"
    shifted = tmp_path / "shifted.yaml"
    shifted.write_text(
        old.read_text(encoding="utf-8").replace(context, context + "  Politicians, fines and the poor are debated.\n"),
        encoding="utf-8",
    )
    assert main(["check", str(shifted), "--compare", str(old)]) == 0
    err = capsys.readouterr().err
    assert "; 0 new warnings, 0 gone" in err, err
    # an edit that makes the file fail check is said, and the exit is 1
    failing = tmp_path / "failing.yaml"
    text = old.read_text(encoding="utf-8")
    example = "              - lots of clueless people voting makes the result worse\n"
    assert example in text
    failing.write_text(
        text.replace("            no_match:\n", "            no_match:\n" + example, 1), encoding="utf-8"
    )
    assert main(["check", str(failing), "--compare", str(old)]) == 1
    captured = capsys.readouterr()
    assert "error: " in captured.out and "fails check" in captured.err


def test_schema_is_json_schema_2020_12(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "sides" in schema["required"]


def test_new_refuses_to_overwrite_and_bad_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "my-motion", "--dir", str(tmp_path)]) == 0
    assert (tmp_path / "my-motion.yaml").is_file()
    before = (tmp_path / "my-motion.yaml").read_text()
    assert main(["new", "my-motion", "--dir", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "my-motion.yaml").read_text() == before
    assert main(["new", "Not_Kebab", "--dir", str(tmp_path)]) == 2


def test_unfilled_skeleton_fails_check_with_every_placeholder_located_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "draft", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "draft.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    errors = [e for e in capsys.readouterr().err.splitlines() if e.startswith(f"{path}:")]
    title = next(i for i, line in enumerate(lines, 1) if line.startswith("title: <"))
    assert f"{path}:{title}:8: placeholder <This House would ...> is not filled in" in errors
    located = [int(e.split(":")[1]) for e in errors]
    assert located == sorted(located) and min(located) >= 1  # in file order, every one on its own line
    value_lines = {
        i for i, line in enumerate(lines, 1) if "<" in line.split(" #")[0] and not line.lstrip().startswith("#")
    }
    assert set(located) == value_lines  # each placeholder line reported once: as a bad id or as a placeholder


def test_ctrl_c_exits_130_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import debate.cli

    def interrupted(argv: object = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(debate.cli, "main", interrupted)
    with pytest.raises(SystemExit) as exited:
        debate.cli.entry()
    assert exited.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


def test_importing_locations_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = "import debate.locations, debate.motions, debate.cli"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "DEBATE_HOME": str(home)}, timeout=60)
    assert not home.exists()


FILLED = {
    "<This House would ...>": "This House would make every city street car free",
    "<topic>": "transport",
    "<Two to four neutral sentences of background the student reads first.>": "Some cities have closed central streets to private cars.",
    "<The proposition's case in two or three sentences.>": "Streets without cars are safer, cleaner and better for shops.",
    "<first-proposition-argument>": "cleaner-air",
    "<One sentence, as a proposition speaker would say it.>": "Banning cars from the centre cuts air pollution where people walk.",
    "<Why this argument matters (shown after the round).>": "Dirty air harms the health of everyone in the city.",
    "<first-rebuttal>": "pollution-moves",
    "<The model answer an opposition speaker gives, in one or two sentences.>": "The traffic just moves to the ring roads, so the pollution moves to poorer neighbourhoods instead of going away.",
    "<word>": "traffic",
    "<other word|synonym>": "ring roads|elsewhere|neighbourhoods",
    "<another way to say it>": "the traffic and its pollution simply move to the ring roads",
    "<an answer a student might type>": "the traffic will just move onto the ring roads and pollute the poorer neighbourhoods there",
    "<an answer on the topic that makes a different point>": "shops in the centre will lose customers who drive",
    "<first-opposition-argument>": "shops-suffer",
    "<One sentence, as an opposition speaker would say it.>": "Shops in the centre lose the customers who arrive by car.",
    "<Why this argument matters.>": "Empty high streets hurt jobs and the town's life.",
    "<The model answer a proposition speaker gives.>": "People on foot and on bikes visit shops more often and spend more over a month than drivers do.",
    "<other word>": "walk|bike|foot",
    "<an answer that makes a different point>": "cars pollute the air that children breathe",
}


def test_filled_in_skeleton_passes_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "car-free-streets", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "car-free-streets.yaml"
    text = path.read_text()
    # the second rebuttal's keyword line and examples reuse placeholders; fill them for the shops argument
    second = text.index("  opposition:")
    head, tail = text[:second], text[second:]
    tail = tail.replace("<word>", "shops|spend|customers")
    tail = tail.replace("<another way to say it>", "walkers and cyclists spend more in local shops than drivers")
    tail = tail.replace(
        "<an answer a student might type>",
        "people who walk or bike to the shops spend more money there than drivers do",
    )
    tail = tail.replace("<first-rebuttal>", "walkers-spend-more")
    for placeholder, value in FILLED.items():
        head, tail = head.replace(placeholder, value), tail.replace(placeholder, value)
    path.write_text(head + tail, encoding="utf-8")
    assert "<" not in (head + tail).split("sides:")[1], "every placeholder is filled"
    code = main(["check", str(path)])
    assert code == 0, capsys.readouterr()


def test_plain_debate_paints_the_picker_then_loads_every_motion(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`debate` with motions to parse (a cold cache) hands the picker a loader: the first frame comes before
    discovery, then every motion is listed; the home screen (what to do today) sits on top of the picker. Once every
    motion is cached, the next `debate` reads them before the first frame, which lists them."""
    import asyncio
    import shutil

    from debate.tui.app import DebateApp
    from debate.tui.screens.picker import PickerScreen

    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(DATA / "mini.yaml", folder)
    seen: dict[str, object] = {}

    def run_headless(app: DebateApp) -> None:
        async def drive() -> None:
            async with app.run_test(size=(100, 30)) as pilot:
                seen["loader"] = app.loader is not None
                seen["at_start"] = {m.id for m in app.motions}
                for _ in range(200):
                    if app.motions:
                        break
                    await pilot.pause(0.02)
                await pilot.pause()
                seen["screen"] = type(app.screen).__name__
                seen["below"] = [type(screen).__name__ for screen in app.screen_stack]
                seen["ids"] = {m.id for m in app.motions}

        asyncio.run(drive())

    monkeypatch.setattr(DebateApp, "run", run_headless)
    assert main(["--motions", str(folder)]) == 0
    assert seen["loader"] is True and seen["screen"] == "HomeScreen" and seen["at_start"] == set()
    assert PickerScreen.__name__ in seen["below"]  # type: ignore[operator]
    assert {"mini-homework", "api-blocking-distillation", "school-uniforms"} <= seen["ids"]  # type: ignore[operator]
    listed = seen["ids"]

    assert main(["--motions", str(folder)]) == 0  # every motion is in the cache now
    assert seen["loader"] is False and seen["screen"] == "HomeScreen" and seen["at_start"] == listed

    (folder / "mini.yaml").write_text((folder / "mini.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["--motions", str(folder)]) == 0  # a changed file is parsed again, after the first frame
    assert seen["loader"] is True and seen["ids"] == listed


def test_answer_json_ranks_every_rebuttal_best_first(capsys: pytest.CaptureFixture[str]) -> None:
    answer = "keep the homework short, like ten minutes, instead of banning it"
    assert main(["answer", "--motions", str(MINI), "mini-homework", "stress-and-play", answer, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["motion"], report["argument"]) == ("mini-homework", "stress-and-play")
    verdicts = report["verdicts"]
    assert [v["rebuttal"] for v in verdicts] == ["short-tasks-fine", "reading-with-parents"]
    assert set(verdicts[0]) >= {"rebuttal", "score", "verdict", "matched", "missing", "reason", "why"}
    assert isinstance(report["points"], int) and report["points"] > 0
    assert verdicts[0]["verdict"] == "hit" and "minutes" in verdicts[0]["matched"]
    assert verdicts[1]["verdict"] == "miss" and verdicts[1]["missing"] == ["reading", "parents"]
    assert verdicts[0]["score"] >= verdicts[1]["score"]


def test_answer_reads_stdin_and_prints_a_readable_block() -> None:
    result = run(
        "answer",
        "--motions",
        str(DATA),
        "mini-homework",
        "builds-habits",
        "-",
        stdin="they can learn habits at secondary school",
    )
    assert result.returncode == 0, result.stderr
    assert "Claim: Homework builds study habits" in result.stdout
    assert "HIT" in result.stdout and "habits-later" in result.stdout
    assert "1 of 1 lines of attack made · 6/10 points." in result.stdout


def test_answer_says_a_guard_once_and_indents_a_strong_answer(capsys: pytest.CaptureFixture[str]) -> None:
    """A guard on the whole answer is one line above the verdicts, not one per rebuttal; a model answer from a YAML
    block wraps under its label, never at column 0."""
    assert (
        main(["answer", "--motions", str(MINI), "mini-homework", "stress-and-play", "yes homework is too stressful"])
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("This supports their side") == 1
    assert out.index("This supports their side") < out.index("MISS")
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("MISS", "NEAR", "HIT")))
    details = [line for line in lines[first:] if line and not line.startswith(("MISS", "NEAR", "HIT", "0 of"))]
    assert details and all(line.startswith("      ") for line in details), details


def test_list_names_one_motions_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "mini-homework", "--motions", str(MINI)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "This House would ban homework for young children"
    assert [line.split()[:2] for line in out[1:]] == [
        ["stress-and-play", "proposition"],
        ["builds-habits", "opposition"],
    ]
    assert main(["list", "mini-homework", "--json", "--motions", str(MINI)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["side"]) for r in rows] == [("stress-and-play", "proposition"), ("builds-habits", "opposition")]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["mini-homework", "builds-habits", "-"], "  \n", "the rebuttal is empty"),
        (["mini-homewrk", "builds-habits", "x"], None, "no motion 'mini-homewrk'"),
        (["mini-homework", "nope", "x"], None, "has no argument 'nope'; it has: stress-and-play, builds-habits"),
    ],
)
def test_answer_bad_input_is_one_line_and_exit_1(args: list[str], stdin: str | None, message: str) -> None:
    result = run("answer", "--motions", str(MINI), *args, stdin=stdin)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_check_names_the_failing_example_by_its_own_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = MINI.read_text(encoding="utf-8")
    lines = text.splitlines()
    match_line = lines.index("              - keep it to a few minutes so kids still have time to play") + 1
    no_match_line = lines.index("              - homework teaches children discipline") + 1
    text = text.replace("keep it to a few minutes so kids still have time to play", "the moon is made of cheese")
    text = text.replace("- homework teaches children discipline", "- keep homework short, ten minutes is plenty")
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0  # the teacher's examples are authoritative: each gets its label
    assert main(["check", "--strict", str(path)]) == 1  # but the bank alone would not credit the new one
    err = capsys.readouterr().err.splitlines()
    miss = next(line for line in err if "the moon" in line)
    assert miss.startswith(
        f'{path}:{match_line}: rebuttal short-tasks-fine: example "the moon is made of cheese" is a hit only because '
        "it is an example: the rest of the bank scores it 0.00"
    )
    assert miss.endswith("[warning]")
    assert main(["check", "--json", str(path)]) == 0
    [report] = json.loads(capsys.readouterr().out)["files"]
    by_text = {r["text"]: r for r in report["results"]}
    moon = by_text["the moon is made of cheese"]
    assert (moon["line"], moon["label"], moon["held_out"]) == (match_line, "match", 0.0) and moon["margin"] > 0
    short = by_text["keep homework short, ten minutes is plenty"]
    assert (short["line"], short["label"]) == (no_match_line, "no_match") and short["score"] < 0.5


def test_check_reports_an_example_the_judge_still_gets_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MINI.read_text(encoding="utf-8")
    match_line = text.splitlines().index("              - keep it to a few minutes so kids still have time to play") + 1
    salad = "homework minutes short play tasks stress evening reading parents"
    path = tmp_path / "listy.yaml"
    path.write_text(text.replace("keep it to a few minutes so kids still have time to play", salad), encoding="utf-8")
    assert main(["check", str(path)]) == 1  # a word list is no argument, even as an example
    err = capsys.readouterr().err
    assert f'{path}:{match_line}: rebuttal short-tasks-fine: example "{salad[:59]}' in err
    assert "expected a hit (0.50 or more); it is a list of words, not a sentence" in err


def test_check_warns_about_a_thin_rebuttal_and_names_what_is_thin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fewer than four phrasings, or a keyword with fewer than four alternatives, is thin; four of each is not."""
    text = MINI.read_text(encoding="utf-8")
    fuller = text.replace("keywords: [short, minutes]", "keywords: [short|quick|brief|little, minutes|time|mins|hour]")
    fuller = fuller.replace(
        "            - limit the time rather than ban it\n",
        "            - limit the time rather than ban it\n            - ten minutes a night is not a problem\n",
    )
    path = tmp_path / "thin.yaml"
    path.write_text(fuller, encoding="utf-8")
    assert main(["check", "--json", str(path)]) in (0, 1)
    [report] = json.loads(capsys.readouterr().out)["files"]
    thin = [w for w in report["warnings"] if " is thin (" in w]
    assert not any("short-tasks-fine" in w for w in thin)
    line = fuller.splitlines().index("        - id: reading-with-parents") + 1
    assert (
        f"{path}:{line}: rebuttal reading-with-parents is thin (3 phrasings; keyword 'reading' has 1 alternative; "
        "keyword 'parents' has 1 alternative): answers in students' own words often miss it" in thin[0]
    )
    assert main(["check", "--strict", str(path)]) == 1


def test_check_warns_about_a_rebuttal_without_keywords(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Keywords may be left out, but then any answer sharing the rebuttal's words can hit (found by a teacher who
    deleted a keywords line and heard nothing)."""
    text = MINI.read_text(encoding="utf-8")
    path = tmp_path / "bare.yaml"
    path.write_text(text.replace("          keywords: [short, minutes]\n", ""), encoding="utf-8")
    assert main(["check", "--json", str(path)]) in (0, 1)
    [report] = json.loads(capsys.readouterr().out)["files"]
    line = text.splitlines().index("        - id: short-tasks-fine") + 1
    assert any(
        w.startswith(f"{path}:{line}: rebuttal short-tasks-fine has no keywords: without the concepts")
        for w in report["warnings"]
    )
    assert sum("has no keywords" in w for w in report["warnings"]) == 1


def test_check_warns_about_a_keyword_made_of_topic_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "topical.yaml"
    path.write_text(
        MINI.read_text(encoding="utf-8").replace("keywords: [short, minutes]", "keywords: [homework|schools, minutes]"),
        encoding="utf-8",
    )
    assert main(["check", "--json", str(path)]) in (0, 1)
    [report] = json.loads(capsys.readouterr().out)["files"]
    assert any("keyword 'homework|schools' is only the motion's topic words" in w for w in report["warnings"])
    assert not any("'minutes' is only" in w for w in report["warnings"])


def test_check_points_at_the_keyword_and_the_phrasing_it_warns_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A keyword written with commas is one phrase (all its words together), so check says how to write
    alternatives, at the keyword's own line; a phrasing the bank would not make a hit by its words (typed as written,
    it is one) is named at its own line, with the concepts it lacks and its words no keyword has."""
    text = MINI.read_text(encoding="utf-8").replace(
        "keywords: [short, minutes]", "keywords:\n            - short, quick, brief\n            - minutes"
    )
    text = text.replace("            - limit the time rather than ban it\n", "            - the moon is far away\n")
    path = tmp_path / "commas.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", "--json", str(path)]) in (0, 1)
    [report] = json.loads(capsys.readouterr().out)["files"]
    lines = text.splitlines()
    keyword_line = lines.index("            - short, quick, brief") + 1
    assert (
        f"{path}:{keyword_line}: rebuttal short-tasks-fine: keyword 'short, quick, brief' has a comma, so it is one "
        "phrase whose words must all be said together; if they are alternatives, write 'short|quick|brief'"
    ) in report["warnings"]
    assert sum("has a comma" in w for w in report["warnings"]) == 1  # not for "minutes", nor for a phrase
    phrasing_line = lines.index("            - the moon is far away") + 1
    assert any(
        w.startswith(
            f'{path}:{phrasing_line}: rebuttal short-tasks-fine: phrasing "the moon is far away" is a hit only when '
            "typed as written: by its words the bank scores it 0."
        )
        and "minutes (its words no keyword has: moon, far, away); answers that say it in other words will miss" in w
        for w in report["warnings"]
    )
    # a YAML list of single words is as many concepts, all needed: most likely one idea's ways of saying it
    listed = text.replace("keywords:\n            - short, quick, brief\n            - minutes", "keywords: [short, "
                          "quick, brief, little, minutes]")  # fmt: skip
    path.write_text(listed, encoding="utf-8")
    assert main(["check", "--json", str(path)]) in (0, 1)
    [report] = json.loads(capsys.readouterr().out)["files"]
    line = listed.splitlines().index("          keywords: [short, quick, brief, little, minutes]") + 1
    assert (
        f"{path}:{line}: rebuttal short-tasks-fine has 5 keywords, each a concept a hit must carry (all 5 of them); "
        "if they are ways to say one idea, write them as one keyword: 'short|quick|brief|little|minutes'"
    ) in report["warnings"]


def test_check_of_one_file_reports_an_id_another_motion_folder_has(
    tmp_path: Path, debate_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`debate list` ignores a second motion with an id already found; `check FILE` says so, naming both files, at
    the line of the id (line 3 of these files: it said 1:1)."""
    from debate.discovery import bundled_dir

    clash = tmp_path / "my-homework.yaml"
    clash.write_text(MINI.read_text(encoding="utf-8").replace("id: mini-homework", "id: ban-homework"), "utf-8")
    assert main(["check", str(clash)]) == 1
    out, err = capsys.readouterr()
    assert f"{clash}:3:1: duplicate motion id 'ban-homework' (also in {bundled_dir() / 'ban-homework.yaml'})" in err
    assert f"FAILED  {clash}" in out
    # the user's own motions folder counts too; a file is never a duplicate of itself
    own = debate_home / "motions"
    own.mkdir()
    shutil.copy(MINI, own / "mini.yaml")
    copy = tmp_path / "mini-draft.yaml"
    copy.write_text(MINI.read_text(encoding="utf-8") + "# a draft, edited\n", encoding="utf-8")
    assert main(["check", str(copy)]) == 1
    assert f"{copy}:3:1: duplicate motion id 'mini-homework' (also in {own / 'mini.yaml'})" in capsys.readouterr().err
    assert main(["check", str(own / "mini.yaml")]) == 0
    assert "duplicate" not in capsys.readouterr().err
    # with no PATH, a file given to --motions is checked as well
    assert main(["--motions", str(clash), "check"]) == 1
    assert f"{clash}:3:1: duplicate motion id 'ban-homework'" in capsys.readouterr().err
    # a byte-for-byte copy is the same motion (the source folder of an installed trainer): no clash
    source = tmp_path / "source" / "ban-homework.yaml"
    source.parent.mkdir()
    shutil.copy(bundled_dir() / "ban-homework.yaml", source)
    main(["check", str(source)])
    assert "duplicate" not in capsys.readouterr().err


def test_new_warns_when_a_motion_found_has_the_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from debate.discovery import bundled_dir

    assert main(["new", "ban-homework", "--dir", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert f"warning: the motion id 'ban-homework' is already used by {bundled_dir() / 'ban-homework.yaml'}" in err
    assert (tmp_path / "ban-homework.yaml").is_file()
    assert main(["new", "homework-free-fridays", "--dir", str(tmp_path)]) == 0
    assert "warning" not in capsys.readouterr().err


def _my_motion(folder: Path, motion_id: str = "my-motion") -> Path:
    path = folder / f"{motion_id}.yaml"
    path.write_text(MINI.read_text(encoding="utf-8").replace("id: mini-homework", f"id: {motion_id}"), "utf-8")
    return path


def test_a_motion_file_works_where_a_motion_id_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """MOTION may be the path of a motion file, read as `--motions FILE` would be (a teacher trying a draft)."""
    path = _my_motion(tmp_path)
    assert main(["answer", str(path), "stress-and-play", "just keep homework short, ten minutes", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["verdicts"][0]["rebuttal"] == "short-tasks-fine" and not err
    assert main(["list", str(path)]) == 0
    assert "stress-and-play" in capsys.readouterr().out
    answers = tmp_path / "answers.txt"
    answers.write_text("stress-and-play\tjust keep homework short, ten minutes\n", encoding="utf-8")
    assert main(["bank", "test", str(path), str(answers)]) == 0
    assert "1 answers: 1 hit" in capsys.readouterr().out
    import debate.tui.app as app_module

    class Opened(Exception):
        pass

    def fake_build_app(library: object, **kwargs: object) -> None:
        raise Opened(kwargs["motion_id"], kwargs["study_motion_id"])

    monkeypatch.setattr(app_module, "build_app", fake_build_app)
    with pytest.raises(Opened) as opened:
        main(["practice", str(path), "--side", "proposition"])
    assert opened.value.args == ("my-motion", None)
    with pytest.raises(Opened) as opened:
        main(["study", str(path)])
    assert opened.value.args == (None, "my-motion")
    assert "warning" not in capsys.readouterr().err


def test_a_motion_file_that_cannot_be_used_is_one_line(tmp_path: Path, debate_home: Path) -> None:
    from debate.discovery import bundled_dir

    result = run("answer", str(tmp_path / "nothere.yaml"), "stress-and-play", "x")
    assert result.returncode == 1 and result.stderr == f"debate: {tmp_path / 'nothere.yaml'}: no such motion file\n"
    result = run("answer", "my-motoin", "stress-and-play", "x")
    assert result.returncode == 1 and "(a motion file of your own: give its path instead of the id)" in result.stderr
    clash = _my_motion(tmp_path, "ban-homework")
    result = run("answer", str(clash), "stress-and-play", "x")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"debate: {clash}: its motion id 'ban-homework' is already used by {bundled_dir() / 'ban-homework.yaml'}"
        in result.stderr.splitlines()[-1]
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: 1\nid: broken\ntitle: [oops\n", encoding="utf-8")
    result = run("answer", str(broken), "stress-and-play", "x")
    assert result.returncode == 1 and result.stderr.startswith(f"{broken}:3:") and "Traceback" not in result.stderr
    # a file in a folder the trainer reads anyway is one motion, not a duplicate of itself
    own = debate_home / "motions"
    own.mkdir()
    path = _my_motion(own)
    result = run("--motions", str(own), "answer", str(path), "stress-and-play", "keep homework short")
    assert result.returncode == 0 and not result.stderr, result.stderr


def test_confusable_rebuttals_name_the_example_that_crosses_at_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = "keep homework short, just a few minutes of reading with parents"
    anchor = "              - shared reading at home brings kids and parents together\n"
    text = MINI.read_text(encoding="utf-8").replace(anchor, f"{anchor}              - {both}\n")
    path = tmp_path / "confusable.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"              - {both}") + 1
    assert main(["check", "--json", str(path)]) == 0
    [report] = json.loads(capsys.readouterr().out)["files"]
    [warning] = [w for w in report["warnings"] if " are confusable" in w]
    assert warning.startswith(
        f"{path}:{line}: argument stress-and-play: rebuttals reading-with-parents and short-tasks-fine are "
        f'confusable: "{both[:59]}…", a match example of reading-with-parents, is a hit for short-tasks-fine too ('
    )
    assert warning.endswith("); make them more distinct")


def test_an_answer_both_match_and_no_match_of_a_rebuttal_is_called_contradictory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same answer (case and punctuation aside) under both labels is reported as such, not as a score."""
    text = MINI.read_text(encoding="utf-8")
    match_line = text.splitlines().index("              - keep it to a few minutes so kids still have time to play") + 1
    twin = "Keep it to a few minutes, so kids still have time to play!"
    anchor = "              - homework teaches children discipline\n"
    text = text.replace(anchor, f"{anchor}              - {twin}\n", 1)
    path = tmp_path / "contradictory.yaml"
    path.write_text(text, encoding="utf-8")
    no_match_line = text.splitlines().index(f"              - {twin}") + 1
    assert main(["check", str(path)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "[warning]" not in line and "Keep it" in line]
    assert errors == [
        f'{path}:{no_match_line}: rebuttal short-tasks-fine: no_match example "{twin}" is also a match example of '
        f"this rebuttal (line {match_line}): one answer cannot be both; keep the one you mean"
    ]


def test_the_skeleton_asks_for_six_phrasings_and_says_where_check_warns(tmp_path: Path) -> None:
    """The README recommends six or more phrasings a rebuttal; `check` calls fewer than four thin."""
    assert main(["new", "six-phrasings", "--dir", str(tmp_path)]) == 0
    lines = (tmp_path / "six-phrasings.yaml").read_text(encoding="utf-8").splitlines()
    phrasings = next(line for line in lines if line.strip().startswith("phrasings:") and "#" in line)
    assert "aim for 6 or more (check warns below 4)" in phrasings
    keywords = next(line for line in lines if line.strip().startswith("keywords:") and "#" in line)
    assert "(4 or more ways each)" in keywords


def test_the_readmes_bank_add_example_names_a_motion_bank_add_writes(tmp_path: Path) -> None:
    """Found by a teacher: the README's `debate bank add ban-homework ...` example is refused as written (a bundled
    motion's file is never written). It names a copy of the motion under a new id, which `bank add` accepts."""
    import re

    from debate.discovery import bundled_dir

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [example] = [line for line in readme.splitlines() if line.startswith("debate bank add ") and "MOTION" not in line]
    motion_id, argument, rebuttal, answer = re.fullmatch(r'debate bank add (\S+) (\S+) (\S+) "([^"]+)" --match.*', example).groups()  # type: ignore[union-attr]  # fmt: skip
    assert not (bundled_dir() / f"{motion_id}.yaml").exists()
    copy = tmp_path / f"{motion_id}.yaml"
    text = (bundled_dir() / "ban-homework.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("\nid: ban-homework\n", f"\nid: {motion_id}\n", 1), encoding="utf-8")
    assert main(["--motions", str(copy), "bank", "add", motion_id, argument, rebuttal, answer, "--match"]) == 0
    assert answer in copy.read_text(encoding="utf-8")
