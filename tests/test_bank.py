"""Adding an example to a bank only adds lines (every bundled motion), is checked first, and refuses bad cases;
``debate bank add`` and ``debate bank test`` on the command line."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from debate.bank import BankError, insert_example, plan_example, save_edit
from debate.cli import main
from debate.discovery import bundled_dir
from debate.model import SIDES
from debate.motions import load_motion, load_text

BUNDLED = sorted(bundled_dir().glob("*.yaml"))
AWKWARD = 'it\'s "quoted": yes # not a comment, and: a colon'


def _only_added(old: str, new: str) -> list[str]:
    ops = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False).get_opcodes()
    assert all(op in ("equal", "insert") for op, *_ in ops), [op for op in ops if op[0] != "equal"]
    return [line for op, _, _, j1, j2 in ops if op == "insert" for line in new.splitlines()[j1:j2]]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_adding_an_example_to_every_rebuttal_of_every_bundled_motion_only_adds_lines(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    motion = load_motion(path)
    for side in SIDES:
        for argument in motion.arguments(side):
            for rebuttal in argument.rebuttals:
                for label, text in (("match", "a plain new answer, with a comma"), ("no_match", AWKWARD)):
                    new = insert_example(source, motion, argument.id, rebuttal.id, text, label)
                    assert len(_only_added(source, new)) == 1
                    loaded = load_text(new)
                    _, again = loaded.argument(argument.id)
                    [got] = [r for r in again.rebuttals if r.id == rebuttal.id]
                    examples = got.examples.match if label == "match" else got.examples.no_match
                    assert examples[-1] == text
                    assert examples[:-1] == (
                        rebuttal.examples.match if label == "match" else rebuttal.examples.no_match
                    )


MINIMAL = """\
schema: 1
id: tiny
title: This House would test edits
context: A motion for edits.
thesis: Edits should only add lines.
sides:
  proposition:
    - id: arg-one
      claim: Edits break files.
      explanation: They might.
      rebuttals:
        # the teacher's comment stays
        - id: no-examples
          text: Careful edits only add lines to the file.
          type: deny
          strength: 2
          keywords: [careful, lines]
        - id: flow-examples
          text: A flow list gains an item on its own line.
          type: mitigate
          strength: 1
          keywords: [flow]
          examples:
            no_match: [something else entirely]
  opposition:
    - id: arg-two
      claim: Nothing can be edited.
      explanation: A claim.
      rebuttals:
        - id: only-match
          text: Everything can be edited with care.
          type: deny
          strength: 1
          keywords: [edited]
          examples:
            match:
              - everything can be edited carefully
"""


def test_edits_where_keys_are_missing_or_written_inline() -> None:
    motion = load_text(MINIMAL)
    new = insert_example(MINIMAL, motion, "arg-one", "no-examples", "add lines carefully", "match")
    assert _only_added(MINIMAL, new) == [
        "          examples:",
        "            match:",
        "              - add lines carefully",
    ]
    new = insert_example(MINIMAL, motion, "arg-two", "only-match", "nothing works", "no_match")
    assert _only_added(MINIMAL, new) == ["            no_match:", "              - nothing works"]
    new = insert_example(MINIMAL, motion, "arg-one", "flow-examples", "another one", "no_match")
    assert "no_match: [something else entirely, another one]" in new
    assert load_text(new).argument("arg-one")[1].rebuttals[1].examples.no_match == (
        "something else entirely",
        "another one",
    )
    # an answer with a comma is quoted in a flow list, where a comma would part it in two (a teacher's report)
    new = insert_example(MINIMAL, motion, "arg-one", "flow-examples", "lend them, so its fine", "no_match")
    assert 'no_match: [something else entirely, "lend them, so its fine"]' in new
    assert load_text(new).argument("arg-one")[1].rebuttals[1].examples.no_match[-1] == "lend them, so its fine"
    with pytest.raises(BankError, match="has no rebuttal 'gone'"):
        insert_example(MINIMAL, motion, "arg-one", "gone", "x", "match")
    with pytest.raises(BankError, match="has no argument 'gone'"):
        insert_example(MINIMAL, motion, "gone", "x", "x", "match")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "motions"
    folder.mkdir()
    target = folder / "ban-homework.yaml"
    # a different id, or discovery would keep the bundled motion and ignore the copy
    text = (bundled_dir() / "ban-homework.yaml").read_text(encoding="utf-8")
    target.write_text(text.replace("\nid: ban-homework\n", "\nid: homework-copy\n", 1), encoding="utf-8")
    return target


def test_plan_then_save_and_refusals(copy: Path) -> None:
    motion = load_motion(copy)
    before = copy.read_bytes()
    edit = plan_example(motion, "little-benefit", "improve-not-ban", "make homework better, not gone", "match")
    assert copy.read_bytes() == before  # planning writes nothing
    assert edit.report.ok() and edit.added_lines == ["              - make homework better, not gone"]
    assert all(c.text != edit.text for c in edit.moved)
    # an editor changes the file meanwhile: refused, nothing lost
    copy.write_text(before.decode() + "# an edit\n", encoding="utf-8")
    with pytest.raises(BankError, match="changed on disk since"):
        save_edit(edit)
    assert copy.read_text(encoding="utf-8").endswith("# an edit\n")
    # planned again on the new text, then the file is made read-only
    edit = plan_example(motion, "little-benefit", "improve-not-ban", "make homework better, not gone", "match")
    os.chmod(copy, 0o444)
    try:
        with pytest.raises(BankError, match="read-only"):
            save_edit(edit)
    finally:
        os.chmod(copy, 0o644)
    save_edit(edit)
    assert load_motion(copy).argument("little-benefit")[1].rebuttals[2].examples.match[-1] == edit.text
    assert copy.read_text(encoding="utf-8").endswith("# an edit\n")
    with pytest.raises(
        BankError, match=r"already has this answer as a match example \(line \d+ of .*\): to rule the other way, delete"
    ):
        plan_example(
            load_motion(copy), "little-benefit", "improve-not-ban", "make homework better, not gone", "no_match"
        )


def test_an_added_example_that_fails_strict_says_so(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An example that is a hit only because it is an example passes ``check`` but not ``check --strict``: adding it
    says so (``mark`` said "check: ok", then the teacher's strict check failed)."""
    argv = ["bank", "add", "homework-copy", "little-benefit", "improve-not-ban"]
    odd = "a tenner says the kids will be outside by six"
    assert main([*argv, odd, "--match", "--dry-run", "--motions", str(copy.parent)]) == 0
    out = capsys.readouterr().out
    assert "check: ok" in out and "check warning (fails --strict), brought by this example:" in out
    assert "only because it is an example" in out
    # a warning about the argument, not one rebuttal, is shown too (found in review: "confusable" was left out)
    folder = copy.parent.parent / "mini"
    folder.mkdir()
    (folder / "mini.yaml").write_text((Path(__file__).parent / "data" / "mini.yaml").read_text("utf-8"), "utf-8")
    both = "keep homework short, ten minutes, and spend the rest reading with your parents as family time"
    argv = ["bank", "add", "mini-homework", "stress-and-play", "short-tasks-fine", both, "--match", "--dry-run"]
    assert main([*argv, "--motions", str(folder)]) == 0
    assert "rebuttals reading-with-parents and short-tasks-fine are confusable" in capsys.readouterr().out


def test_cli_bank_add(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(copy.parent)
    argv = ["bank", "add", "homework-copy", "little-benefit", "improve-not-ban", "shorter better homework", "--match"]
    assert main([*argv, "--motions", folder, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (
        out["written"] is True
        and out["check"]["ok"] is True
        and out["added"] == ["              - shorter better homework"]
    )
    assert "shorter better homework" in copy.read_text(encoding="utf-8")
    # the same again: one line, exit 1, nothing written
    before = copy.read_bytes()
    assert main([*argv, "--motions", folder]) == 1
    assert "already has this answer" in capsys.readouterr().err
    assert copy.read_bytes() == before
    assert main(["bank", "add", "homework-copy", "little-benefit", "gone", "x", "--no-match", "--motions", folder]) == 1
    assert "has no rebuttal 'gone'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["bank", "add", "homework-copy", "little-benefit", "gone", "x", "--motions", folder])
    assert usage.value.code == 2


def test_bank_add_writes_and_shows_no_bidi_or_control_character(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by an attacker: a right-to-left override in an answer went raw into the preview and into the motion file
    (an escape character did not)."""
    argv = [
        "bank",
        "add",
        "homework-copy",
        "little-benefit",
        "improve-not-ban",
        "--match",
        "--motions",
        str(copy.parent),
    ]
    assert main([*argv[:5], "shorter \u202eevil\x1b[31mred homework", *argv[5:]]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out and "shorter evil [31mred homework" in out
    assert "\u202e" not in copy.read_text(encoding="utf-8")


def test_a_warning_says_whether_the_new_example_brought_it(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A warning the new example brings is named as such (the preview said "nothing else" moved right under a
    phrasing the example had just turned into a miss); one the file had already is named as that."""
    folder = ["--motions", str(copy.parent)]
    near_phrasing = "reduce it to a few meaningful tasks please"
    argv = ["bank", "add", "homework-copy", "little-benefit", "improve-not-ban", near_phrasing, "--no-match"]
    assert main([*argv, *folder]) == 0
    out = capsys.readouterr().out
    assert "brought by this example: " in out and 'phrasing "reduce it to a few meaningful tasks"' in out
    assert "nothing else" not in out and "no other example (see the check warnings it brings, above)" in out
    fluent = "reading every night makes you a fluent reader"
    argv = ["bank", "add", "homework-copy", "little-benefit", "practice-builds-fluency", fluent, "--match", "--json"]
    assert main([*argv, "--dry-run", *folder]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["new_warnings"] == [] and any("reduce it to a few meaningful tasks" in w for w in out["old_warnings"])
    assert main([*argv[:-1], "--dry-run", *folder]) == 0
    text = capsys.readouterr().out
    assert "there before this example: " in text and "moved by the new example: nothing else" in text


def test_cli_bank_test(copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "answers.txt"
    tsv.write_text(
        "little-benefit\tjust make it shorter and better instead of banning it completly\n"
        "# a comment\n\n"
        "little-benefit\tpurple monkeys\n",
        encoding="utf-8",
    )
    assert main(["bank", "test", "homework-copy", str(tsv), "--motions", str(copy.parent)]) == 0
    out = capsys.readouterr().out
    assert "2 answers: 1 hit" in out and "improve-not-ban" in out
    jsonl = tmp_path / "answers.jsonl"
    lines = [
        {
            "argument": "little-benefit",
            "text": "the answer is better quality homework not a ban",
            "expected": "improve-not-ban",
        },
        {"argument": "little-benefit", "text": "purple monkeys", "expected": "none"},
        {"argument": "gone", "text": "x"},
    ]
    jsonl.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json at all\n", encoding="utf-8")
    assert main(["bank", "test", "homework-copy", str(jsonl), "--json", "--motions", str(copy.parent)]) == 1
    result = json.loads(capsys.readouterr().out)
    assert (
        result["summary"]
        == {"answers": 4, "scored": 2, "hit": 1, "near": 0, "miss": 1, "problems": 2, "with_expected": 2, "agree": 2}
        or result["summary"]["agree"] == 2
    )
    assert [a["problem"] for a in result["answers"]][2:] == [
        "no argument 'gone'",
        "expected ARGUMENT<TAB>answer or a JSON object",
    ]
    jsonl.write_text("little-benefits\tbetter homework, not a ban\n", encoding="utf-8")  # one letter off
    assert main(["bank", "test", "homework-copy", str(jsonl), "--motions", str(copy.parent)]) == 1
    assert f"{jsonl}:1: no argument 'little-benefits' (did you mean 'little-benefit'?)" in capsys.readouterr().err


def test_cli_bank_test_reports_an_unusable_expected_or_an_empty_answer_as_a_bad_line(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`expected` is a rebuttal id of the line's argument, or "none"; anything else, and an empty answer, is one
    located line that says what is wrong (not a silent miss, or a line left out of the agreements)."""
    answer = "the answer is better quality homework not a ban"
    rows: list[dict[str, object]] = [
        {"argument": "little-benefit", "text": answer, "expected": "nonsense-id"},
        {"argument": "little-benefit", "text": answer, "expected": False},
        {"argument": "little-benefit", "text": answer, "expected": None},
        {"argument": "little-benefit", "text": "   ", "expected": "none"},
        {"argument": "little-benefit", "text": answer, "expected": "improve-not-ban"},
    ]
    jsonl = tmp_path / "answers.jsonl"
    jsonl.write_text("\n".join(json.dumps(row) for row in rows) + "\nlittle-benefit\t \n", encoding="utf-8")
    assert main(["bank", "test", "homework-copy", str(jsonl), "--motions", str(copy.parent)]) == 1
    captured = capsys.readouterr()
    out, bad = captured.out.splitlines(), captured.err.splitlines()  # bad lines are errors: on stderr
    assert not any(line.startswith(f"{jsonl}:") for line in out)
    assert bad[0].startswith(
        f"{jsonl}:1: 'expected': argument 'little-benefit' has no rebuttal 'nonsense-id' (it has: "
    )
    assert "improve-not-ban" in bad[0] and 'or "none" for an answer that should hit none)' in bad[0]
    hint = 'give the id of the rebuttal the answer should hit, or "none" when it should hit none'
    assert bad[1] == f"{jsonl}:2: 'expected' is false: {hint} (leave 'expected' out to only score the answer)"
    assert bad[2].startswith(f"{jsonl}:3: 'expected' is null: {hint}")
    assert bad[3] == f"{jsonl}:4: the answer ('text') is empty"
    assert bad[4] == f"{jsonl}:6: the answer (after the TAB) is empty"
    assert len(bad) == 5 and out[-1] == "6 answers: 1 hit, 0 near, 0 miss, 5 bad lines; 1/1 as expected"
    jsonl.write_text(json.dumps(rows[-1]) + "\nlittle-benefit\t \n", encoding="utf-8")
    assert main(["bank", "test", "homework-copy", str(jsonl), "--motions", str(copy.parent)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith(", 1 bad line; 1/1 as expected")


def test_cli_bank_test_reports_a_line_that_is_not_utf8_and_scores_the_rest(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One bad byte is one bad line (it rejected the whole file, with a byte offset instead of a line)."""
    answers = tmp_path / "answers.txt"
    answers.write_bytes(b"little-benefit\tbetter homework, not a ban\nlittle-benefit\tcaf\xe9 homework\n")
    assert main(["bank", "test", "homework-copy", str(answers), "--motions", str(copy.parent)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"{answers}:2: not UTF-8 text (column 19)"]
    assert "better homework, not a ban" in out and out.splitlines()[-1].startswith("2 answers: ")


def test_cli_bank_test_never_prints_control_characters(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = tmp_path / "answers.jsonl"
    rows = [
        {"argument": "little-benefit", "text": "better homework, not a ban \x1b[2J\x1b]0;pwned\x07"},
        {"argument": "gone\x1b[31m", "text": "x"},
    ]
    jsonl.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    assert main(["bank", "test", "homework-copy", str(jsonl), "--motions", str(copy.parent)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b[2J" in out and f"{jsonl}:2: no argument 'gone\\x1b[31m'" in err
