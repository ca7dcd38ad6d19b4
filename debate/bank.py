"""The bank learns from the class: add an answer to a rebuttal's examples, and test real answers against a bank.

Adding an example is a careful edit of the motion file's text, not a dump of a parsed tree: the teacher's comments,
key order, quoting and blank lines stay as they are, and the edit only *adds* lines (one, or a few when the rebuttal
had no ``examples``/``match``/``no_match`` key yet). The loader's line numbers (``Rebuttal.line``,
``Examples.match_lines`` ...) locate the block; the new text is then loaded again and must equal the old motion plus
the one example, or nothing is written.

Writing is two steps, so the teacher sees what an example moves before it is saved: :func:`plan_example` computes
the new text, checks it on a temporary copy (``debate check``) and lists the other examples whose verdict it moved
(:func:`debate.check.compare_motions`); :func:`save_edit` writes it, after re-reading the file and refusing if it
changed in the meantime (an editor) or cannot be written. A bundled motion's file is never edited: it belongs to the
installed program (:class:`BundledMotionError` says how to make an own copy that can take examples).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from debate.errors import DebateError, MotionError
from debate.model import SIDES, Argument, Motion, Rebuttal
from debate.text_safety import excerpt, not_utf8, spaced

if TYPE_CHECKING:
    from debate.check import Change, FileReport

LABELS = ("match", "no_match")
MAX_EXAMPLE = 2000
"""Longest example written into a bank, in characters."""


class BankError(DebateError):
    """An example that cannot be added (one line)."""


class BundledMotionError(BankError):
    """The motion is one of the bundled library's: its file is part of the installed program, so an example written
    there would be lost on the next install and never reach the students' machines. The teacher's ruling can still be
    kept (``overrides.json``); the message says how to make an own copy of the motion that can take examples."""


def bundled_problem(motion: Motion) -> str:
    """Why an example cannot go into ``motion``'s file because the motion is bundled with the program (its file lies
    in :func:`~debate.discovery.bundled_dir`), in one line that says how to make an own copy; '' for any other."""
    from debate.discovery import bundled_dir, same_file
    from debate.locations import user_motions_dir

    if motion.path is None or not same_file(motion.path).is_relative_to(same_file(bundled_dir())):
        return ""
    return (
        f"'{motion.id}' is bundled with debate ({motion.path}): examples are not written into the program's own files "
        "(a reinstall would lose them, and students' machines never get them); to keep them, copy that file into your "
        f"motions folder ({user_motions_dir()}) or a folder you give with --motions, and give the copy a new id"
    )


def clean_example(text: str) -> str:
    """The example as it goes into the bank: one line, control characters and bidi controls removed, spaces
    collapsed."""
    return " ".join(spaced(text).split())


def yaml_scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted (JSON escapes).
    ``flow``: as an item of a one-line ``[a, b]`` list, where a comma would part it in two."""
    import yaml

    try:
        document = f"[{text}]" if flow else f"- {text}"
        if yaml.safe_load(document) == [text] and "#" not in text and not text.startswith(("'", '"')):
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    """Whether a line carries YAML content (not blank, not only a comment)."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _block_end(lines: Sequence[str], start: int, deeper_than: int) -> int:
    """Index of the last content line of the block that starts at ``start`` (its own line) and continues over the
    lines indented more than ``deeper_than``; comments and blank lines after it belong to what follows."""
    last = start
    for i in range(start + 1, len(lines)):
        if not _content(lines[i]):
            continue
        if _indent(lines[i]) <= deeper_than:
            break
        last = i
    return last


def _key_indent(line: str) -> int:
    """The column of the first key on a rebuttal's line (``- id: x`` → the column of ``id``)."""
    match = re.match(r"^(\s*)-\s+", line)
    return len(match.group(0)) if match else _indent(line)


def _examples_key(lines: Sequence[str], start: int, line: int) -> int | None:
    """Index of the rebuttal's ``examples:`` key line (the loader's ``Examples.line`` is the first line of its
    content, at or below the key), or None when the rebuttal has no examples."""
    for i in range(min(line, len(lines)) - 1, start - 1, -1):
        if re.match(r"^\s*(-\s+)?examples\s*:", lines[i]):
            return i
    return None


def find(motion: Motion, argument_id: str, rebuttal_id: str) -> tuple[Argument, Rebuttal]:
    """The argument and rebuttal named, or a :class:`BankError` saying which is missing."""
    try:
        _, argument = motion.argument(argument_id)
    except KeyError:
        ids = ", ".join(a.id for side in SIDES for a in motion.arguments(side))
        raise BankError(f"motion '{motion.id}' has no argument '{argument_id}' (it has: {ids})") from None
    for rebuttal in argument.rebuttals:
        if rebuttal.id == rebuttal_id:
            return argument, rebuttal
    ids = ", ".join(r.id for r in argument.rebuttals)
    raise BankError(f"argument '{argument_id}' has no rebuttal '{rebuttal_id}' (it has: {ids})")


def insert_example(source: str, motion: Motion, argument_id: str, rebuttal_id: str, text: str, label: str) -> str:
    """``source`` (the motion's file text) with ``text`` added as a ``label`` example of the rebuttal.

    Only lines are added (a one-line flow list ``match: [..]`` is the exception: that line gains the item). Raises
    :class:`BankError` when the block cannot be edited safely.
    """
    if label not in LABELS:
        raise BankError(f"an example is match or no_match, not {label!r}")
    _, rebuttal = find(motion, argument_id, rebuttal_id)
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = source.splitlines()
    trailing_newline = source.endswith(("\n", "\r"))
    if not 0 < rebuttal.line <= len(lines):
        raise BankError(f"rebuttal '{rebuttal_id}' has no line number in {motion.path}: add the example by hand")
    scalar = yaml_scalar(text)
    start = rebuttal.line - 1
    key_indent = _key_indent(lines[start])
    examples = rebuttal.examples
    existing = examples.match_lines if label == "match" else examples.no_match_lines
    if existing:
        item = existing[-1] - 1
        flow = re.match(r"^(\s*(?:no_)?match\s*:\s*\[)(.*)\](\s*)$", lines[item])
        if not lines[item].lstrip().startswith("- "):
            if flow is None or "#" in lines[item]:
                raise BankError(
                    f"{motion.path}:{item + 1}: the {label} list is written in a form this edit does not handle; "
                    "add the example by hand"
                )
            lines[item] = f"{flow.group(1)}{flow.group(2).rstrip()}, {yaml_scalar(text, flow=True)}]{flow.group(3)}"
        else:
            dash = _indent(lines[item])
            end = _block_end(lines, item, dash)
            lines[end + 1 : end + 1] = [" " * dash + "- " + scalar]
    elif (ex := _examples_key(lines, start, examples.line)) is not None:
        head = re.match(r"^(\s*)examples\s*:\s*(#.*)?$", lines[ex])
        if head is None:
            raise BankError(f"{motion.path}:{ex + 1}: 'examples' is written inline; add the example by hand")
        ex_indent = _indent(lines[ex])
        end = _block_end(lines, ex, ex_indent)
        child = next((_indent(lines[i]) for i in range(ex + 1, end + 1) if _content(lines[i])), ex_indent + 2)
        for i in range(ex + 1, end + 1):
            if re.match(rf"^\s{{{child}}}{label}\s*:", lines[i]):
                # the key is there with nothing in it (``match:`` or ``match: []``)
                if re.match(rf"^\s*{label}\s*:\s*(\[\s*\])?\s*(#.*)?$", lines[i]) is None:
                    raise BankError(f"{motion.path}:{i + 1}: '{label}' is written in a form this edit does not handle")
                if "[" in lines[i]:
                    lines[i] = re.sub(r"\[\s*\]", "", lines[i], count=1).rstrip()
                lines[i + 1 : i + 1] = [" " * (child + 2) + "- " + scalar]
                break
        else:
            lines[end + 1 : end + 1] = [" " * child + f"{label}:", " " * (child + 2) + "- " + scalar]
    else:
        end = _block_end(lines, start, key_indent - 1 if key_indent else -1)
        lines[end + 1 : end + 1] = [
            " " * key_indent + "examples:",
            " " * (key_indent + 2) + f"{label}:",
            " " * (key_indent + 4) + "- " + scalar,
        ]
    return newline.join(lines) + (newline if trailing_newline else "")


def _content_of(motion: Motion) -> Any:
    """Everything a motion says, without line numbers or its path (for before/after comparison)."""
    return (
        motion.id,
        motion.title,
        motion.context,
        motion.thesis,
        motion.tags,
        motion.difficulty,
        motion.source,
        tuple(
            (
                a.id,
                a.claim,
                a.explanation,
                a.origin,
                tuple(
                    (r.id, r.text, r.type, r.strength, r.keywords, r.phrasings, r.examples.match, r.examples.no_match)
                    for r in a.rebuttals
                ),
            )
            for side in SIDES
            for a in motion.arguments(side)
        ),
    )


def _expected(motion: Motion, argument_id: str, rebuttal_id: str, text: str, label: str) -> Any:
    content = _content_of(motion)
    arguments = []
    for a in content[7]:
        if a[0] == argument_id:
            rebuttals = []
            for r in a[4]:
                if r[0] == rebuttal_id:
                    match, no_match = r[6], r[7]
                    if label == "match":
                        match = (*match, text)
                    else:
                        no_match = (*no_match, text)
                    r = (*r[:6], match, no_match)
                rebuttals.append(r)
            a = (*a[:4], tuple(rebuttals))
        arguments.append(a)
    return (*content[:7], tuple(arguments))


@dataclass
class BankEdit:
    """One example to add, computed and checked but not yet written."""

    path: Path
    argument: str
    rebuttal: str
    label: str
    text: str
    old_text: str
    new_text: str
    old_bytes: bytes
    report: FileReport
    """``debate check`` of the changed file (run on a temporary copy)."""
    moved: list[Change] = field(default_factory=list)
    """Other examples whose verdict the new example changes."""
    lines: range = range(0)
    """The lines of the edited argument in the changed file."""
    before: frozenset[str] = frozenset()
    """:func:`warning_key` of every check warning the file had before the edit."""
    motions: tuple[Motion, Motion] | None = None
    """The motion as the file has it, and as the edit leaves it."""

    @property
    def warnings(self) -> list[str]:
        """The changed file's check warnings within the edited argument (``check --strict`` fails on them)."""
        return self.report.warnings_within(self.lines)

    @property
    def new_warnings(self) -> list[str]:
        """The warnings of :attr:`warnings` the new example brought (a phrasing it turned into a miss, the example
        itself a hit only because it is an example ...): what the example moves besides other examples' verdicts."""
        return [w for w in self.warnings if warning_key(w, self.path) not in self.before]

    @property
    def old_warnings(self) -> list[str]:
        """The warnings of :attr:`warnings` the file had already, before the example."""
        return [w for w in self.warnings if warning_key(w, self.path) in self.before]

    @property
    def added_lines(self) -> list[str]:
        """The lines the edit adds (or changes), for showing."""
        import difflib

        diff = difflib.unified_diff(self.old_text.splitlines(), self.new_text.splitlines(), lineterm="", n=0)
        return [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]

    def as_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "path": str(self.path),
            "argument": self.argument,
            "rebuttal": self.rebuttal,
            "label": self.label,
            "text": self.text,
            "added": self.added_lines,
            "check": self.report.as_json(),
            "moved": [c.as_json() for c in self.moved],
            "new_warnings": self.new_warnings,
            "old_warnings": self.old_warnings,
        }


def warning_key(warning: str, path: Path) -> str:
    """A check warning without its ``path:line:`` (the edit moves lines) or its scores (a phrasing that scored 0.44
    and now scores 0.41 is the same warning): what tells a warning the edit brought from one the file had."""
    text = warning.removeprefix(f"{path}:")
    text = re.sub(r"^\d+(?::\d+)?: ", "", text)
    return re.sub(r"\d+\.\d+", "#", text)


def _read(path: Path) -> bytes:
    from debate.files import FileProblem, read_limited
    from debate.yamlnode import MAX_BYTES

    try:
        return read_limited(path, MAX_BYTES, "motion files")
    except FileProblem as exc:
        raise BankError(f"{path}: {exc.message}") from None


def plan_example(motion: Motion, argument_id: str, rebuttal_id: str, answer: str, label: str) -> BankEdit:
    """Compute, verify and check the edit that adds ``answer`` as a ``label`` example; nothing is written.

    The motion file is re-read (it may have changed since ``motion`` was loaded) and its current text is edited.
    """
    from debate.check import FileReport, check_examples, check_file, compare_motions
    from debate.motions import load_text

    if motion.path is None:
        raise BankError(f"motion '{motion.id}' was not loaded from a file")
    if bundled := bundled_problem(motion):
        raise BundledMotionError(bundled)
    path = motion.path
    text = clean_example(answer)
    if not text:
        raise BankError("the answer is empty: there is nothing to add")
    if len(text) > MAX_EXAMPLE:
        raise BankError(f"the answer is longer than {MAX_EXAMPLE} characters: too long for an example")
    data = _read(path)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BankError(f"{path}: {not_utf8(exc)}") from None
    body = source.removeprefix("\ufeff")
    try:
        current = load_text(body, str(path))
    except MotionError as exc:
        raise BankError(f"{exc.problems[0]} (fix the file first)") from None
    current = dataclasses.replace(current, path=path)
    _, rebuttal = find(current, argument_id, rebuttal_id)
    examples = rebuttal.examples
    for kind, texts, lines in (
        ("match", examples.match, examples.match_lines),
        ("no_match", examples.no_match, examples.no_match_lines),
    ):
        if text in texts:
            where = f" (line {lines[texts.index(text)]} of {path.name})" if len(lines) == len(texts) else ""
            raise BankError(
                f"'{rebuttal_id}' already has this answer as a {kind} example{where}: to rule the other way, delete "
                "that example from the file first"
            )
    new_body = insert_example(body, current, argument_id, rebuttal_id, text, label)
    try:
        new_motion = load_text(new_body, str(path))
    except MotionError as exc:
        raise BankError(f"the edit would break the file ({exc.problems[0]}); nothing written") from None
    if _content_of(new_motion) != _expected(current, argument_id, rebuttal_id, text, label):
        raise BankError(f"{path}: the edit would change more than the one example; nothing written")
    with tempfile.TemporaryDirectory(prefix="debate-bank-") as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(new_body, encoding="utf-8")
        report, _ = check_file(copy)
    before = FileReport(path)
    check_examples(current, before)  # which of the new file's warnings were there already
    report.path = path
    report.errors = [e.replace(str(copy), str(path)) for e in report.errors]
    report.warnings = [w.replace(str(copy), str(path)) for w in report.warnings]
    moved = [
        c
        for c in compare_motions(current, new_motion)
        if not (c.argument == argument_id and c.rebuttal == rebuttal_id and c.label == label and c.text == text)
    ]
    bom = "\ufeff" if source.startswith("\ufeff") else ""
    first = new_motion.argument(argument_id)[1].line
    starts = sorted(a.line for side in SIDES for a in new_motion.arguments(side))
    last = next((line for line in starts if line > first), len(new_body.splitlines()) + 1)
    return BankEdit(
        path,
        argument_id,
        rebuttal_id,
        label,
        text,
        source,
        bom + new_body,
        data,
        report,
        moved,
        range(first, last),
        frozenset(warning_key(w, path) for w in before.warnings),
        (current, new_motion),
    )


@dataclass(frozen=True)
class AnswerMove:
    """A stored answer (a student's, in the results folder) whose verdict an edit changes."""

    student: str
    answer: str
    old: str
    """``hit``, ``near`` or ``miss``: its best verdict with the bank as it is."""
    new: str
    """The same with the edit."""


def answers_moved(edit: BankEdit, answers: Sequence[tuple[str, str]]) -> list[AnswerMove]:
    """The ``(student, answer)`` pairs to the edited argument whose best verdict the edit changes (a ruling on one
    answer can move a classmate's: rejecting "bullying happens anyway" made "bullying happens at home at night anyway
    so a ban does nothing" a near miss), judged by the current judge with the bank before and after."""
    from debate.judge import Judge

    if edit.motions is None:
        return []
    judged = []
    for motion in edit.motions:
        judge = Judge.for_motion(motion)
        _, argument = motion.argument(edit.argument)
        judged.append([judge.judge(answer, argument)[0].verdict for _, answer in answers])
    return [
        AnswerMove(student, answer, old, new)
        for (student, answer), old, new in zip(answers, *judged, strict=True)
        if old != new
    ]


def save_edit(edit: BankEdit) -> None:
    """Write a planned edit: refused, with one line, if the file changed since it was planned or is read-only."""
    path = edit.path
    if _read(path) != edit.old_bytes:
        raise BankError(
            f"nothing written: {path.name} changed on disk since the example was checked (an editor?); rule again to "
            "check it anew"
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    # a file marked read-only is respected even by a user (root) who could write it anyway
    if not os.access(path, os.W_OK) or not mode & 0o222:
        raise BankError(f"{path}: the motion file is read-only; nothing written")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(edit.new_text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BankError(f"{path}: cannot write ({exc.strerror or exc}); nothing written") from None


# --------------------------------------------------------------------------- bank test


@dataclass(frozen=True)
class AnswerLine:
    """One answer of a ``bank test`` file and what the judge made of it."""

    line: int
    argument: str
    text: str
    expected: str | None = None
    """The rebuttal the answer should hit (``none``: none), when the file says."""
    best: str | None = None
    verdict: str = "miss"
    score: float = 0.0
    problem: str = ""

    @property
    def agrees(self) -> bool | None:
        """Whether the verdict is what the file expected (None when it expected nothing)."""
        if self.expected is None or self.problem:
            return None
        if self.expected == EXPECTED_NONE:
            return self.verdict != "hit"
        return self.verdict == "hit" and self.best == self.expected

    def as_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "line": self.line,
            "argument": self.argument,
            "text": self.text,
            "expected": self.expected,
            "best": self.best,
            "verdict": self.verdict,
            "score": round(self.score, 4),
            "agrees": self.agrees,
            "problem": self.problem,
        }


EXPECTED_NONE = "none"
"""A ``bank test`` line's ``expected`` for an answer that should hit no rebuttal."""


def _bad_expected(value: Any) -> str:
    """Why a JSONL line's ``expected`` is unusable, or ``""``: it must be a rebuttal id or ``"none"``."""
    if isinstance(value, str) and value.strip():
        return ""
    shown = excerpt(json.dumps(value, ensure_ascii=False), 40)
    return (
        f"'expected' is {shown}: give the id of the rebuttal the answer should hit, or \"{EXPECTED_NONE}\" when it "
        "should hit none (leave 'expected' out to only score the answer)"
    )


_UNDECODABLE_RE = re.compile("[\udc80-\udcff]")
"""A byte that was not UTF-8, as ``bytes.decode(errors="surrogateescape")`` keeps it."""


def read_answers(text: str) -> list[tuple[int, str, str, str | None, str]]:
    """Parse a ``bank test`` file: ``ARGUMENT<TAB>answer`` lines or JSONL objects (argument, text, optional
    expected: a rebuttal id, or ``"none"``). Returns (line, argument, text, expected, problem); blank lines and
    ``#`` comments are skipped, and a line with an empty answer or an ``expected`` that is not an id is a problem."""
    out: list[tuple[int, str, str, str | None, str]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        undecodable = _UNDECODABLE_RE.search(raw)
        if undecodable is not None:  # (the file was read with surrogateescape: one bad line, not a bad file)
            out.append((n, "", "", None, f"not UTF-8 text (column {undecodable.start() + 1})"))
        elif line.startswith("{"):
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                out.append((n, "", "", None, f"not JSON (column {exc.colno}: {exc.msg})"))
                continue
            argument, answer, expected = item.get("argument"), item.get("text"), item.get("expected")
            if not isinstance(argument, str) or not isinstance(answer, str):
                out.append((n, "", "", None, "needs text fields 'argument' and 'text'"))
            elif "expected" in item and (problem := _bad_expected(expected)):
                out.append((n, argument, answer, None, problem))
            elif not answer.strip():
                out.append((n, argument, answer, None, "the answer ('text') is empty"))
            else:
                out.append((n, argument, answer, expected.strip() if isinstance(expected, str) else None, ""))
        elif "\t" in raw:
            argument, answer = raw.split("\t", 1)
            problem = "" if answer.strip() else "the answer (after the TAB) is empty"
            out.append((n, argument.strip(), answer.strip(), None, problem))
        else:
            out.append((n, "", "", None, "expected ARGUMENT<TAB>answer or a JSON object"))
    return out


def score_answers(motion: Motion, entries: Iterable[tuple[int, str, str, str | None, str]]) -> list[AnswerLine]:
    """Score every answer against its argument's bank (one judge for the motion)."""
    from debate.judge import Judge

    judge = Judge.for_motion(motion)
    out: list[AnswerLine] = []
    for n, argument_id, text, expected, problem in entries:
        if problem:
            out.append(AnswerLine(n, argument_id, text, expected, problem=problem))
            continue
        try:
            _, argument = motion.argument(argument_id)
        except KeyError:
            ids = [a.id for side in SIDES for a in motion.arguments(side)]
            close = difflib.get_close_matches(argument_id, ids, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            out.append(AnswerLine(n, argument_id, text, expected, problem=f"no argument '{argument_id}'{hint}"))
            continue
        ids = [r.id for r in argument.rebuttals]
        if expected is not None and expected != EXPECTED_NONE and expected not in ids:
            problem = (
                f"'expected': argument '{argument_id}' has no rebuttal '{excerpt(expected, 100)}' (it has: "
                f'{", ".join(ids)}; or "{EXPECTED_NONE}" for an answer that should hit none)'
            )
            out.append(AnswerLine(n, argument_id, text, expected, problem=problem))
            continue
        verdicts = judge.judge(text, argument)
        best = verdicts[0] if verdicts else None
        out.append(
            AnswerLine(
                n,
                argument_id,
                text,
                expected,
                best.candidate_id if best else None,
                best.verdict if best else "miss",
                best.score if best else 0.0,
            )
        )
    return out


def summary(lines: Sequence[AnswerLine]) -> dict[str, Any]:
    """Counts over a ``bank test`` run."""
    scored = [t for t in lines if not t.problem]
    judged = [t for t in scored if t.agrees is not None]
    return {
        "answers": len(lines),
        "scored": len(scored),
        "hit": sum(t.verdict == "hit" for t in scored),
        "near": sum(t.verdict == "near" for t in scored),
        "miss": sum(t.verdict == "miss" for t in scored),
        "problems": len(lines) - len(scored),
        "with_expected": len(judged),
        "agree": sum(bool(t.agrees) for t in judged),
    }
