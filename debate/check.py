"""``debate check``: validate motion files, run every rebuttal's examples, lint the banks."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from debate.errors import MotionError
from debate.model import SIDES, Argument, Motion, Rebuttal
from debate.motions import load_motion

PLACEHOLDER = re.compile(r"<[^<>\n]{3,}>")


@dataclass
class FileReport:
    """What ``check`` found in one file."""

    path: Path
    """The file checked."""
    motion_id: str | None = None
    """The motion's id, when the file loaded."""
    errors: list[str] = field(default_factory=list)
    """Validation errors and failed examples (each fails the check)."""
    warnings: list[str] = field(default_factory=list)
    """Lint warnings (fail the check only with ``--strict``)."""
    examples: int = 0
    """How many examples were run."""

    def ok(self, strict: bool = False) -> bool:
        """Whether the file passes (warnings count with ``strict``)."""
        return not self.errors and not (strict and self.warnings)

    def as_json(self, strict: bool = False) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "path": str(self.path),
            "motion": self.motion_id,
            "ok": self.ok(strict),
            "examples": self.examples,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def placeholders(path: Path) -> list[tuple[int, int, str]]:
    """(line, column, text) of every skeleton placeholder such as ``<one sentence>`` left in the file's values.

    Read from the text, not the parsed motion, so they are found (and located) even when the file does not load;
    comments are skipped (the skeleton's comments mention ``<placeholder>`` themselves).
    """
    from debate.files import FileProblem, read_limited
    from debate.yamlsafe import MAX_BYTES

    try:
        text = read_limited(path, MAX_BYTES, "motion files").decode("utf-8-sig")
    except (FileProblem, UnicodeDecodeError):  # already reported by loading the file
        return []
    found: list[tuple[int, int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        value = re.split(r"\s#", line, maxsplit=1)[0]
        found += [(number, m.start() + 1, m.group()) for m in PLACEHOLDER.finditer(value)]
    return found


def check_examples(motion: Motion, report: FileReport) -> None:
    """Run every rebuttal's examples through the matcher and lint each bank."""
    from debate.matching import Candidate, Matcher

    matcher = Matcher.for_motion(motion)
    path = motion.path or Path("<motion>")
    for side in SIDES:
        for argument in motion.arguments(side):
            candidates = [Candidate.from_rebuttal(r) for r in argument.rebuttals]
            _check_argument(matcher, argument, candidates, path, report)


def _where(path: Path, rebuttal: Rebuttal, lines: tuple[int, ...], i: int) -> str:
    """``path:line: rebuttal ID`` for the ``i``-th example (its own line when known)."""
    line = lines[i] if i < len(lines) else rebuttal.examples.line or rebuttal.line
    return f"{path}:{line}: rebuttal {rebuttal.id}"


def _check_argument(matcher: Any, argument: Argument, candidates: list[Any], path: Path, report: FileReport) -> None:
    from debate.matching import HIT, Candidate, stems_of

    confused: set[tuple[str, str]] = set()
    for rebuttal, candidate in zip(argument.rebuttals, candidates, strict=True):
        examples = rebuttal.examples

        for keyword in rebuttal.keywords:
            for alternative in keyword.split("|"):
                if not stems_of(alternative):
                    report.warnings.append(
                        f"{path}:{rebuttal.line}: rebuttal {rebuttal.id}: keyword '{alternative.strip()}' has no "
                        "content word (stop words and negators are ignored), so it can never be found"
                    )
            stems = [set(stems_of(alternative)) for alternative in keyword.split("|")]
            if any(stems) and all(s <= matcher.topic for s in stems if s):
                report.warnings.append(
                    f"{path}:{rebuttal.line}: rebuttal {rebuttal.id}: keyword '{keyword}' is only the motion's topic "
                    "words (from its title and context), which every answer uses and which count for little; "
                    "add a word that marks this point"
                )
        for i, example in enumerate(examples.match):
            report.examples += 1
            ranked = matcher.rank(example, candidates)
            own = next(v for v in ranked if v.candidate_id == rebuttal.id)
            where = _where(path, rebuttal, examples.match_lines, i)
            if own.score < HIT:
                missing = f"; missing: {', '.join(own.missing)}" if own.missing else ""
                report.errors.append(
                    f'{where}: example "{_short(example)}" scored {own.score:.2f}, '
                    f"expected a hit (0.50 or more){missing}"
                )
            elif ranked[0].candidate_id != rebuttal.id and ranked[0].score > own.score:
                report.errors.append(
                    f'{where}: example "{_short(example)}" is a hit ({own.score:.2f}) but rebuttal '
                    f"{ranked[0].candidate_id} scores higher ({ranked[0].score:.2f})"
                )
            for other in ranked:
                if other.candidate_id != rebuttal.id and other.score >= HIT:
                    pair = sorted((rebuttal.id, other.candidate_id))
                    confused.add((pair[0], pair[1]))
        for i, example in enumerate(examples.no_match):
            report.examples += 1
            verdict = matcher.score(example, candidate)
            if verdict.score >= HIT:
                where = _where(path, rebuttal, examples.no_match_lines, i)
                report.errors.append(
                    f'{where}: no_match example "{_short(example)}" scored {verdict.score:.2f}, expected no hit '
                    f"(below 0.50); it matched on: {', '.join(verdict.matched)}"
                )
        if rebuttal.phrasings:
            best = 0.0
            for i, phrasing in enumerate(rebuttal.phrasings):
                rest = Candidate(
                    candidate.id,
                    candidate.text,
                    candidate.keywords,
                    candidate.phrasings[:i] + candidate.phrasings[i + 1 :],
                )
                best = max(best, matcher.score(phrasing, rest).score)
            if best < HIT:
                report.warnings.append(
                    f"{path}:{rebuttal.line}: rebuttal {rebuttal.id}: none of its phrasings, typed as an answer, would "
                    f"score as a hit (best {best:.2f}); make them closer to the text and keywords"
                )
    for a, b in sorted(confused):
        line = next(r.line for r in argument.rebuttals if r.id == a)
        report.warnings.append(
            f"{path}:{line}: argument {argument.id}: rebuttals {a} and {b} are confusable "
            "(an example of one is a hit for the other); make them more distinct"
        )


def _is_assignment_file(path: Path) -> bool:
    from debate.assignment import is_assignment
    from debate.yamlsafe import YamlProblem, parse_path

    try:
        return is_assignment(parse_path(path))
    except YamlProblem:
        return False


def check_assignment(path: Path, known_motions: Collection[str] | None) -> FileReport:
    """Validate an assignment file and the motions it names."""
    from debate.assignment import load_assignment, unknown_motions

    report = FileReport(path)
    try:
        assignment = load_assignment(path)
    except MotionError as exc:
        report.errors += exc.problems
        return report
    if known_motions is not None:
        report.errors += unknown_motions(assignment, known_motions)
    return report


def _line_of(message: str) -> int:
    """The line number of a ``path:line:col: message`` (0 when there is none), for sorting."""
    match = re.search(r":(\d+):\d+: ", message)
    return int(match.group(1)) if match else 0


def check_file(
    path: Path, run_examples: bool = True, known_motions: Collection[str] | None = None
) -> tuple[FileReport, Motion | None]:
    """Validate one motion (or assignment) file and, for motions, run its examples."""
    if _is_assignment_file(path):
        return check_assignment(path, known_motions), None
    report = FileReport(path)
    motion: Motion | None = None
    try:
        motion = load_motion(path)
        report.motion_id = motion.id
    except MotionError as exc:
        report.errors += exc.problems
    # every placeholder in the same run, located; a line already reported (a placeholder id) is not repeated
    reported = set(map(_line_of, report.errors))
    for line, col, placeholder in placeholders(path):
        if line not in reported:
            report.errors.append(f"{path}:{line}:{col}: placeholder {placeholder} is not filled in")
    report.errors.sort(key=_line_of)
    if motion is None:
        return report, None
    if run_examples and not report.errors:
        check_examples(motion, report)
    return report, motion


def check_files(
    files: Iterable[Path], run_examples: bool = True, known_motions: Collection[str] | None = None
) -> list[FileReport]:
    """Check many files; duplicate motion ids across them are errors naming both paths.

    ``known_motions`` are the motion ids assignments may name (the discovered library).
    """
    reports: list[FileReport] = []
    first: dict[str, Path] = {}
    for path in files:
        report, motion = check_file(path, run_examples, known_motions)
        if motion is not None:
            if motion.id in first:
                report.errors.append(f"{path}:1:1: duplicate motion id '{motion.id}' (also in {first[motion.id]})")
            else:
                first[motion.id] = path
        reports.append(report)
    return reports
