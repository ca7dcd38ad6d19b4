"""The motion loader: every rule, with the line it reports."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from debate.discovery import discover
from debate.errors import MotionError
from debate.motions import load_motion, load_text

DATA = Path(__file__).parent / "data"
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    """The problem lines the loader reports for ``text`` (an empty list when it loads)."""
    try:
        load_text(text, "m.yaml")
    except MotionError as exc:
        return exc.problems
    return []


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def replace_line(text: str, needle: str, new: str) -> str:
    """Replace the first line containing ``needle`` by ``new`` (keeping its indentation)."""
    lines = text.splitlines()
    i = line_of(text, needle) - 1
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    lines[i] = indent + new
    return "\n".join(lines) + "\n"


def assert_one(found: list[str], line: int, pattern: str) -> None:
    assert len(found) == 1, found
    assert re.match(rf"m\.yaml:{line}:\d+: ", found[0]), found
    assert re.search(pattern, found[0]), found


def test_valid_file_loads_into_dataclasses() -> None:
    motion = load_motion(DATA / "mini.yaml")
    assert motion.id == "mini-homework"
    assert motion.difficulty == "introductory"
    assert [a.id for a in motion.proposition] == ["stress-and-play"]
    rebuttal = motion.proposition[0].rebuttals[1]
    assert rebuttal.type == "turn" and rebuttal.strength == 3
    assert rebuttal.keywords == ("reading", "parents")
    assert rebuttal.line == line_of(MINI, "id: reading-with-parents")
    assert motion.source is not None and motion.source.published == "2026-11-01"
    assert motion.rebuttal_count == 3


def test_missing_required_key_names_the_mapping_line() -> None:
    text = MINI.replace("      claim: Homework builds study habits that children will need later at school.\n", "")
    assert_one(problems(text), line_of(text, "- id: builds-habits"), r"argument is missing required key 'claim'")


def test_unknown_key_suggests_the_right_one() -> None:
    text = replace_line(MINI, "thesis: |", "thesys: |")
    found = problems(text)
    assert any(
        re.match(rf"m\.yaml:{line_of(text, 'thesys')}:1: unknown key 'thesys'.*did you mean 'thesis'", p) for p in found
    )


def test_a_misspelled_key_is_named_and_what_it_holds_is_checked_in_the_same_run() -> None:
    """Under "rebutals:" a bad type and strength were only reported once the key was mended (a teacher's walk):
    now one run names the key and both, and does not also call "rebuttals" missing."""
    text = MINI.replace("      rebuttals:\n        - id: habits-later", "      rebutals:\n        - id: habits-later")
    text = text.replace("          type: deny\n          strength: 2\n          keywords: [habits, secondary]",
                        "          type: counter\n          strength: 4\n          keywords: [habits, secondary]")  # fmt: skip
    found = problems(text)
    assert [re.sub(r"^.*?:(\d+):\d+: ", r"\1: ", p) for p in found] == [
        f"{line_of(text, 'rebutals:')}: unknown key 'rebutals' in argument (did you mean 'rebuttals'?)",
        f"{line_of(text, 'type: counter')}: sides.opposition[1].rebuttals[1].type must be one of deny, mitigate, "
        "turn, outweigh, not 'counter'",
        f"{line_of(text, 'strength: 4')}: sides.opposition[1].rebuttals[1].strength must be from 1 to 3, not 4",
    ]


@pytest.mark.parametrize(
    ("needle", "new", "pattern"),
    [
        ("id: mini-homework", "id: no", r"id must be text, but this is a YAML boolean \(false\) \(put it in quotes\)"),
        ("title: This House", "title: 2026-11-22", r"title must be text, but this is a YAML date"),
        ("strength: 3", "strength: '3'", r"strength must be a whole number, but this is text"),
        ("strength: 3", "strength: 4", r"strength must be from 1 to 3, not 4"),
        ("strength: 3", "strength: 0", r"strength must be from 1 to 3, not 0"),
        ("type: turn", "type: rebut", r"type must be one of deny, mitigate, turn, outweigh, not 'rebut'"),
        ("difficulty: introductory", "difficulty: easy", r"difficulty must be one of introductory"),
        ("- id: reading-with-parents", "- id: Reading_With_Parents", r"must be kebab-case"),
        ("tags: [education, school]", "tags: education", r"tags must be a list"),
        ("published: '2026-11-01'", "published: 2026-11-01", r"published must be text, but this is a YAML date"),
        ("schema: 1", "schema: 2", r"schema 2 is newer than this version of debate understands"),
        ("schema: 1", "schema: 0", r"schema must be 1, not 0"),
        # lengths a results file can carry (a longer title or id passed check, then its results were refused)
        ("title: This House", "title: " + "L" * 600, r"title is 600 characters long; at most 500"),
        ("- id: reading-with-parents", "- id: " + "a" * 101, r"id is 101 characters long; at most 100"),
    ],
)
def test_value_rules_report_the_offending_line(needle: str, new: str, pattern: str) -> None:
    text = replace_line(MINI, needle, new)
    assert_one(problems(text), line_of(text, new), pattern)


@pytest.mark.parametrize(
    ("needle", "new", "pattern"),
    [  # what a teacher does wrong, and what to do about it (found by a teacher writing a motion)
        ("claim: Homework takes away", "claim: Fairness: homework takes time", r"put the whole value in quotes\)$"),
        (
            "- a few minutes of homework",
            "- keep it short: ten minutes",
            r"not a mapping .*put the whole text in quotes\)",
        ),
        ("strength: 2", " strength: 2", r"indented more than the key above it"),
        ("claim: Homework takes away", "claim: x", r"not lined up with the keys above it"),
    ],
)
def test_layout_mistakes_say_what_to_do(needle: str, new: str, pattern: str) -> None:
    text = replace_line(MINI, needle, new)
    if new == "claim: x":  # (two spaces less than the item's other keys)
        text = text.replace("      claim: x", "    claim: x")
    assert_one(problems(text), line_of(text, new.strip()), pattern)


def second_line(text: str, needle: str) -> int:
    """1-based line of the second line containing ``needle``."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][1]


def test_duplicate_argument_and_rebuttal_ids() -> None:
    text = replace_line(MINI, "- id: builds-habits", "- id: stress-and-play")
    assert_one(problems(text), second_line(text, "id: stress-and-play"), r"duplicate argument id 'stress-and-play'")
    text = replace_line(MINI, "- id: reading-with-parents", "- id: short-tasks-fine")
    assert_one(problems(text), second_line(text, "id: short-tasks-fine"), r"duplicate rebuttal id 'short-tasks-fine'")


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    text = MINI.replace("difficulty: introductory\n", "difficulty: introductory\ndifficulty: advanced\n")
    assert_one(
        problems(text), line_of(text, "difficulty: advanced"), r"duplicate key 'difficulty' \(first given at line 6\)"
    )


def test_every_problem_in_a_file_is_reported() -> None:
    text = replace_line(MINI, "strength: 3", "strength: 9")
    text = replace_line(text, "type: deny", "type: refute")
    text = replace_line(text, "thesis: |", "thesys: |")
    found = problems(text)
    assert len(found) >= 3
    assert {int(p.split(":")[1]) for p in found} >= {line_of(text, "strength: 9"), line_of(text, "type: refute")}


def test_empty_lists_where_items_are_required() -> None:
    text = MINI.split("  opposition:")[0] + "  opposition: []\n"
    assert_one(problems(text), line_of(text, "opposition: []"), r"sides.opposition needs at least 1 item")


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.replace("\n", "\r\n").encode())
    assert load_motion(path).id == "mini-homework"


def test_discovery_reports_duplicate_ids_with_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "one.yaml").write_text(MINI, encoding="utf-8")
    (b / "two.yaml").write_text(MINI, encoding="utf-8")
    monkeypatch.setenv("DEBATE_MOTIONS", str(b))
    library = discover([a])
    ids = [m.id for m in library.motions]
    assert ids.count("mini-homework") == 1
    dup = [p for p in library.problems if "duplicate motion id 'mini-homework'" in p]
    assert len(dup) == 1 and str(a / "one.yaml") in dup[0] and str(b / "two.yaml") in dup[0]


def test_discovery_order_bundled_user_extra_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debate_home: Path
) -> None:
    user = debate_home / "motions"
    user.mkdir()
    (user / "u.yaml").write_text(MINI.replace("id: mini-homework", "id: user-one"), encoding="utf-8")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "e.yaml").write_text(MINI.replace("id: mini-homework", "id: extra-one"), encoding="utf-8")
    env = tmp_path / "env"
    env.mkdir()
    (env / "v.yaml").write_text(MINI.replace("id: mini-homework", "id: env-one"), encoding="utf-8")
    monkeypatch.setenv("DEBATE_MOTIONS", str(env))
    ids = [m.id for m in discover([extra]).motions]
    assert ids[-3:] == ["user-one", "extra-one", "env-one"]


def test_discovery_names_a_missing_folder_the_user_gave_but_not_a_missing_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debate_home: Path
) -> None:
    single = tmp_path / "one.yaml"
    single.write_text(MINI, encoding="utf-8")
    monkeypatch.setenv("DEBATE_MOTIONS", os.pathsep.join([str(tmp_path / "typo"), str(single)]))
    library = discover([tmp_path / "motoins"])
    assert library.problems == (
        f"{tmp_path / 'motoins'}: no such motions folder",
        f"{tmp_path / 'typo'}: no such motions folder",
    )
    assert "mini-homework" in {m.id for m in library.motions}  # a file named directly is loaded
    assert not (debate_home / "motions").exists()  # the absent user folder is no problem


def test_library_cache_is_used_and_invalidated_by_edits(tmp_path: Path, debate_home: Path) -> None:
    import os

    from debate.discovery import load_library

    path = tmp_path / "m.yaml"
    path.write_text(MINI, encoding="utf-8")
    assert load_library([path]).motions[0].title.startswith("This House would ban")
    entries = list((debate_home / "cache" / "motions").glob("*.json"))
    assert len(entries) == 1
    path.write_text(MINI.replace("This House would ban", "This House would abolish"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different mtime, as any edit gives
    assert load_library([path]).motions[0].title.startswith("This House would abolish")
    for entry in (debate_home / "cache" / "motions").glob("*.json"):
        entry.write_bytes(b"garbage")
    assert load_library([path]).motions[0].title.startswith("This House would abolish")
    path.write_text(MINI.replace("strength: 3", "strength: 9"), encoding="utf-8")
    library = load_library([path])
    assert not library.motions and "strength must be from 1 to 3" in library.problems[0]


class _RunsCode:
    """Unpickling this runs a shell command: what a planted pickle cache entry would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return os.system, (f"touch {self.marker}",)


def test_a_planted_cache_entry_never_runs_code_and_is_rewritten(tmp_path: Path, debate_home: Path) -> None:
    import pickle
    import stat

    from debate.discovery import load_library

    path = tmp_path / "m.yaml"
    path.write_text(MINI, encoding="utf-8")
    load_library([path])
    folder = debate_home / "cache" / "motions"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (entry,) = folder.iterdir()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    marker = tmp_path / "pwned"
    entry.write_bytes(pickle.dumps(_RunsCode(marker)))
    library = load_library([path])
    assert [m.id for m in library.motions] == ["mini-homework"] and not library.problems
    assert not marker.exists()
    assert entry.read_bytes().startswith(b"{")  # rewritten as JSON


def test_a_cache_entry_is_validated_again_and_only_trusted_when_ours(tmp_path: Path, debate_home: Path) -> None:
    import json
    import os

    from debate.discovery import load_library

    path = tmp_path / "m.yaml"
    path.write_text(MINI, encoding="utf-8")
    load_library([path])
    (entry,) = (debate_home / "cache" / "motions").iterdir()
    doc = json.loads(entry.read_text())
    # a planted entry for this very file: an invalid strength is refused by the same validation a file gets
    entry.write_text(json.dumps(doc).replace('"v", 25, 21, 2]', '"v", 25, 21, 99]'))
    assert '"v", 25, 21, 99]' in entry.read_text()
    motion = load_library([path]).motions[0]
    assert motion.proposition[0].rebuttals[0].strength == 2
    # a valid but different planted tree owned by another user is not read at all
    doc = json.loads(entry.read_text())
    entry.write_text(json.dumps(doc).replace("This House would ban", "This House would PLANT"))
    assert load_library([path]).motions[0].title.startswith("This House would PLANT")  # ours: it is trusted
    if os.getuid() == 0:
        entry.write_text(json.dumps(doc).replace("This House would ban", "This House would PLANT"))
        os.chown(entry, 4321, 4321)
        assert load_library([path]).motions[0].title.startswith("This House would ban")


def test_a_shared_cache_folder_is_made_private(debate_home: Path, tmp_path: Path) -> None:
    import stat

    from debate.discovery import load_library

    folder = debate_home / "cache" / "motions"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    path = tmp_path / "m.yaml"
    path.write_text(MINI, encoding="utf-8")
    assert load_library([path]).motions
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_same_size_edit_right_after_loading_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINI, encoding="utf-8")
    assert load_motion(path).id == "mini-homework"
    path.write_text(MINI.replace("strength: 3", "strength: 9"), encoding="utf-8")  # same size, same mtime tick
    with pytest.raises(MotionError, match="strength must be from 1 to 3, not 9"):
        load_motion(path)


def test_list_limits_keep_a_huge_bank_out(tmp_path: Path) -> None:
    """An argument with too many rebuttals is refused at its line: checking its examples would take minutes."""
    from debate.motions import MAX_REBUTTALS

    def rebuttal(i: int) -> str:
        return f"""
          - id: r{i}
            text: Rebuttal number {i}.
            type: deny
            strength: 2"""

    def argument(name: str, n: int) -> str:
        return f"""
      - id: {name}
        claim: A claim.
        explanation: Why it matters.
        rebuttals:{"".join(rebuttal(i) for i in range(n))}"""

    text = f"""schema: 1
id: huge
title: This House would test limits
difficulty: introductory
context: Some context.
thesis: A thesis.
sides:
    proposition:{argument("many", MAX_REBUTTALS + 1)}
    opposition:{argument("few", 1)}
"""
    path = tmp_path / "huge.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        MotionError, match=rf"huge\.yaml:\d+:\d+: .*has {MAX_REBUTTALS + 1} items; at most {MAX_REBUTTALS}"
    ):
        load_motion(path)


def test_a_motion_with_too_many_bank_texts_is_refused_in_one_line(tmp_path: Path) -> None:
    """Each list within its limit, but thousands of examples in all: checking them would take minutes."""
    from debate.motions import MAX_BANK_TEXTS, MAX_EXAMPLES

    examples = "".join(f"\n                - answer {i}" for i in range(MAX_EXAMPLES))
    rebuttals = "".join(
        f"""
          - id: r{i}
            text: Rebuttal number {i}.
            type: deny
            strength: 2
            examples:
              match:{examples}"""
        for i in range(12)
    )

    def arguments(side: str) -> str:
        return "".join(
            f"""
      - id: {side}{n}
        claim: A claim.
        explanation: Why it matters.
        rebuttals:{rebuttals}"""
            for n in range(3)
        )

    text = f"""schema: 1
id: crowded
title: This House would test limits
difficulty: introductory
context: Some context.
thesis: A thesis.
sides:
    proposition:{arguments("p")}
    opposition:{arguments("o")}
"""
    path = tmp_path / "crowded.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MotionError, match=rf"crowded\.yaml:1:1: .* at most {MAX_BANK_TEXTS} are allowed") as caught:
        load_motion(path)
    assert len(caught.value.problems) == 1


def test_check_lists_warnings_in_the_files_order() -> None:
    """A teacher's first draft (written by a walker from the README): check's warnings came out of line order (an
    example's at line 76 before a phrasing's at 71), as the judge reached them; a teacher reads the file top down."""
    from debate.check import check_file

    report, motion = check_file(DATA / "teacher-draft.yaml")
    assert motion is not None and len(report.warnings) >= 5
    lines = [int(w.split(":")[1]) for w in report.warnings]
    assert lines == sorted(lines)
