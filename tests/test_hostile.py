"""Hostile motion files: each is rejected with one clear located line, never a traceback."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.errors import DebateError, MotionError
from debate.motions import load_motion

MINI = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""

HOSTILE: dict[str, tuple[bytes, str, int | None]] = {
    # name: (content, expected message pattern, expected line or None for "any")
    "tabs": (b"schema: 1\nid: x\n\ttitle: t\n", r"YAML syntax error: .*tab", 3),
    "unclosed-quote": (b'schema: 1\ntitle: "never closed\nid: x\n', r"YAML syntax error", None),
    "unclosed-quote-far-above": (
        MINI.replace("title: This House", "title: 'This House", 1).encode(),
        r"YAML syntax error: .*\(the quote opened on line 4 is never closed\)",
        None,
    ),
    "unclosed-bracket": (b"schema: 1\ntags: [a, b\nid: x\n", r"YAML syntax error", None),
    # the file ends inside the bracket or quote: the line where it opened, not one past the end (an attacker's find)
    "unclosed-at-the-end": (b"schema: 1\nid: x\ntitle: [unclosed\n", r":3:8: YAML syntax error: .*the file ended", 3),
    "bracket-at-the-end": (b"schema: 1\nid: x\ntitle: [\n", r":3:9: YAML syntax error: .*the file ended", 3),
    "quote-at-the-end": (b'schema: 1\nid: x\ntitle: "unclosed\n', r":3:1: .*quote opened on line 3 is never", 3),
    "duplicate-keys": (b"schema: 1\nid: a\nid: b\n", r"duplicate key 'id' \(first given at line 2\)", 3),
    "unknown-key": (MINI.replace("context:", "contxt:").encode(), r"unknown key 'contxt'.*did you mean 'context'", 11),
    "wrong-type": (
        MINI.replace("title: This House", "title: [This House").replace("children\n", "children]\n", 1).encode(),
        r"title must be text, not a list",
        4,
    ),
    "python-tag": (b"schema: 1\nid: !!python/object/apply:os.system ['echo hi']\n", r"YAML tags .* not allowed", 2),
    "alias-bomb": (ALIAS_BOMB.encode(), r"YAML anchors .* not allowed", 1),
    "alias-alone": (b"a: 1\nb: *x\n", r"(aliases|syntax error)", 2),
    "deep-nesting": (b"[" * 50_000 + b"]" * 50_000, r"nesting is deeper than \d+ levels", 1),
    "deep-block-nesting": ("".join("  " * i + f"k{i}:\n" for i in range(200)).encode(), r"nesting is deeper", None),
    "binary-garbage": (bytes(range(256)) * 4, r"not UTF-8 text \(byte 0x80\)", 2),
    "nul-bytes": (b"schema: 1\nid: a\x00b\n", r":2:6: control character U\+0000 is not allowed", 2),
    "escape-sequence": (b"schema: 1\nid: x\ntitle: red \x1b[31m alert\n", r":3:12: control character U\+001B", 3),
    "lone-surrogate-escape": (b'schema: 1\nid: x\ntitle: "\\ud800"\n', r"(YAML|control character)", None),
    "hex-huge": (MINI.replace("title: This House", "title: 0x" + "f" * 5000 + " #").encode(), r"title must be text", 4),
    "binary-huge": (
        MINI.replace("strength: 3", "strength: 0b" + "1" * 20000, 1).encode(),
        r"must be from 1 to 3",
        None,
    ),
    "octal-huge": (MINI.replace("strength: 3", "strength: 0" + "7" * 20000, 1).encode(), r"must be from 1 to 3", None),
    "decimal-huge": (MINI.replace("schema: 1", "schema: " + "9" * 20000).encode(), r"schema must be 1, not a numb", 2),
    "float-huge": (MINI.replace("title: This House", "title: 1." + "9" * 200_000 + " #").encode(), r"number", 4),
    "too-many-values": (b"schema: 1\ntags: [" + b"1," * 60_000 + b"]\n", r":2:\d+: more than 50,000 values", 2),
    "latin-1": (
        "schema: 1\nid: x\ntitle: caf\u00e9 cr\u00e8me\n".encode("latin-1"),
        r"not UTF-8 text \(byte 0xe9\)",
        3,
    ),
    "empty": (b"", r"file is empty", 1),
    "only-comments": (b"# nothing here\n\n", r"file is empty", 1),
    "top-level-list": (b"- schema: 1\n- id: x\n", r"must be a mapping of keys .* but this is a list", 1),
    "top-level-scalar": (b"just some words\n", r"must be a mapping of keys", 1),
    "two-documents": (MINI.encode() + b"---\nschema: 1\n", r"only one YAML document", None),
    "id-no": (MINI.replace("id: mini-homework", "id: no").encode(), r"id must be text, but this is a YAML boolean", 3),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_rejected_with_one_located_line(name: str, tmp_path: Path) -> None:
    content, pattern, line = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    with pytest.raises(MotionError) as caught:
        load_motion(path)
    first = caught.value.problems[0]
    assert first.startswith(f"{path}:"), first
    assert "\n" not in first and "Traceback" not in first
    assert re.search(pattern, first), first
    if line is not None:
        assert int(first.split(":")[1]) == line, first


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"schema: 1\ncontext: |\n")
        chunk = b"  " + b"x" * 1022 + b"\n"
        for _ in range(30 * 1024):
            handle.write(chunk)
    with pytest.raises(MotionError, match=r"huge\.yaml: file is 30\.0 MB; motion files are limited to 2 MB"):
        load_motion(path)


@pytest.mark.parametrize(
    "value",
    [
        "1" + ":30" * 650_000,  # YAML 1.1 base 60: int() of each part, multiplied up (196 s before)
        "-0x" + "f" * 1_950_000,
        "0b" + "1" * 1_950_000,
        "0" + "7" * 1_950_000,  # octal
        "9_" * 975_000,
        "1." + "9" * 1_950_000 + "e+99",
    ],
    ids=["sexagesimal", "hex", "binary", "octal", "underscored", "float"],
)
def test_two_megabyte_numbers_are_refused_quickly_with_their_position(value: str, tmp_path: Path) -> None:
    path = tmp_path / "number.yaml"
    path.write_text(MINI.replace("title: This House", f"title: {value} #"), encoding="utf-8")
    started = time.process_time()
    with pytest.raises(MotionError) as caught:
        load_motion(path)
    assert time.process_time() - started < 2.0
    assert caught.value.problems == [
        f"{path}:4:8: title must be text, but this is a number ({value[:23]}… ({len(value):,} characters)) "
        "(put it in quotes)"
    ]


def test_numbers_where_text_belongs_are_shown_as_written(tmp_path: Path) -> None:
    path = tmp_path / "clock.yaml"
    path.write_text(MINI.replace("title: This House would ban homework for young children", "title: 1:30"))
    with pytest.raises(MotionError, match=r"clock\.yaml:4:8: title must be text, but this is a number \(1:30\)"):
        load_motion(path)


def test_a_file_full_of_problems_lists_fifty_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(MINI.replace("tags: [", "tags: [" + "1, " * 500), encoding="utf-8")
    with pytest.raises(MotionError) as caught:
        load_motion(path)
    problems = caught.value.problems
    assert len(problems) == 51
    assert problems[-1].endswith("more than 50 problems; fix these first (the rest are not listed)")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MotionError, match=r"cannot read file"):
        load_motion(tmp_path / "absent.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_our_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    with contextlib.suppress(DebateError):
        load_motion(path)


YAML_PIECES = [*"ab:-[]{}&*!|>'\"#\n\t ,?%@`0123456789\\", "  ", "id", "schema", "yes", "no", "\n  - ", ": "]
YAMLISH = st.lists(st.sampled_from(YAML_PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=2000), YAMLISH))
def test_arbitrary_text_raises_only_our_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(DebateError):
        load_motion(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=len(MINI)), st.text(max_size=20))
def test_mutated_valid_files_raise_only_our_error(tmp_path: Path, at: int, insert: str) -> None:
    path = tmp_path / "mutant.yaml"
    path.write_text(MINI[:at] + insert + MINI[at:], encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(DebateError):
        load_motion(path)


@pytest.mark.parametrize(
    "text",
    [
        "title: 'a long\n  line'\nfoo: a: b\n",  # a quoted value closed on its next line
        'path: "C:\\\\"\nfoo: a: b\n',  # an escaped backslash before the closing quote
        'text: |\n  Teachers say: "uniforms\n  are fine\nid: x\nfoo: a: b\n',  # a quote in a block's prose
    ],
)
def test_a_syntax_error_does_not_blame_a_quote_that_is_closed(text: str, tmp_path: Path) -> None:
    """The unclosed-quote hint names only a quote that really stays open (found in review)."""
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MotionError) as caught:
        load_motion(path)
    assert "YAML syntax error" in str(caught.value) and "never closed" not in str(caught.value)
