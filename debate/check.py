"""``debate check``: validate motion files, run every rebuttal's examples, lint the banks."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from debate.errors import MotionError
from debate.model import SIDES, Argument, Motion, Rebuttal
from debate.motions import load_motion

if TYPE_CHECKING:
    from debate.judge import Judge, Verdict

PLACEHOLDER = re.compile(r"<[^<>\n]{3,}>")


@dataclass(frozen=True)
class ExampleResult:
    """How one example of the bank fared."""

    argument: str
    rebuttal: str
    line: int
    label: str
    """``match`` or ``no_match``."""
    text: str
    score: float
    """Its rebuttal's score with the bank as it is."""
    held_out: float
    """Its rebuttal's score with this example taken out of the bank: what the rest of the bank makes of it."""
    reason: str
    """The verdict's reason (see :class:`debate.judge.Verdict`)."""

    @property
    def ok(self) -> bool:
        """Whether it gets its label."""
        return (self.score >= 0.5) == (self.label == "match")

    @property
    def margin(self) -> float:
        """How far it is on the right side of the line (negative: the wrong side)."""
        return self.score - 0.5 if self.label == "match" else 0.5 - self.score


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
    results: list[ExampleResult] = field(default_factory=list)
    """Every example's score, margin and held-out score."""

    def ok(self, strict: bool = False) -> bool:
        """Whether the file passes (warnings count with ``strict``)."""
        return not self.errors and not (strict and self.warnings)

    def warnings_within(self, lines: range) -> list[str]:
        """The warnings located on ``lines`` of the file (an argument's: what an edit of its bank should be told,
        since ``--strict`` fails on them)."""
        prefix = f"{self.path}:"
        out = []
        for warning in self.warnings:
            line = warning.removeprefix(prefix).split(":", 1)[0]
            if warning.startswith(prefix) and line.isdigit() and int(line) in lines:
                out.append(warning)
        return out

    def as_json(self, strict: bool = False) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "path": str(self.path),
            "motion": self.motion_id,
            "ok": self.ok(strict),
            "examples": self.examples,
            "errors": self.errors,
            "warnings": self.warnings,
            "results": [
                {
                    **asdict(r),
                    "score": round(r.score, 4),
                    "held_out": round(r.held_out, 4),
                    "margin": round(r.margin, 4),
                }
                for r in self.results
            ],
        }


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _unkeyed(judge: Judge, rebuttal: Rebuttal, text: str) -> list[str]:
    """The words of ``text`` that no keyword of the rebuttal has, topic and generic words aside, as written (once
    each): where to look for the keyword alternative a phrasing lacks."""
    from debate.judge import stems_of

    keyed = {s for keyword in rebuttal.keywords for alternative in keyword.split("|") for s in stems_of(alternative)}
    skip = judge.similarity.topic | judge.similarity.generic
    out: list[str] = []
    for word in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text):
        found = stems_of(word)
        if found and found[0] not in keyed and found[0] not in skip and word.lower() not in (w.lower() for w in out):
            out.append(word)
    return out


def _same_answer(text: str) -> str:
    """An example's words, case and punctuation aside: two examples with the same words in order are one answer."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes: a copy of a motion (the bundled one installed, and the source it was
    installed from) is one motion, not a clash of ids."""
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def placeholders(path: Path) -> list[tuple[int, int, str]]:
    """(line, column, text) of every skeleton placeholder such as ``<one sentence>`` left in the file's values.

    Read from the text, not the parsed motion, so they are found (and located) even when the file does not load;
    comments are skipped (the skeleton's comments mention ``<placeholder>`` themselves).
    """
    from debate.files import FileProblem, read_limited
    from debate.yamlnode import MAX_BYTES

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
    """Run every rebuttal's examples and phrasings through the judge and lint each bank."""
    from debate.judge import Judge

    judge = Judge.for_motion(motion)
    path = motion.path or Path("<motion>")
    for side in SIDES:
        for argument in motion.arguments(side):
            _check_argument(judge, argument, path, report)


def _where(path: Path, rebuttal: Rebuttal, lines: tuple[int, ...], i: int) -> str:
    """``path:line: rebuttal ID`` for the ``i``-th example (its own line when known)."""
    line = lines[i] if i < len(lines) else rebuttal.examples.line or rebuttal.line
    return f"{path}:{line}: rebuttal {rebuttal.id}"


def _line(rebuttal: Rebuttal, lines: tuple[int, ...], i: int) -> int:
    return lines[i] if i < len(lines) else rebuttal.examples.line or rebuttal.line


def shown(score: float) -> str:
    """A score with two decimals, never rounded up across the line: 0.4996 shows as 0.49, not 0.50."""
    return f"{math.floor(score * 100 + 1e-9) / 100:.2f}"


REASON_WORDS = {
    "side": "it agrees with the claim it should answer",
    "reversed": "it says the opposite of the rebuttal",
    "granted": "it grants the rebuttal in an 'even if' clause rather than arguing it",
    "list": "it is a list of words, not a sentence",
    "stuffed": "it piles up several rebuttals' words without arguing one",
    "example": "it is closer to one of the no_match examples",
}


def _own(verdicts: Sequence[Verdict], rebuttal_id: str) -> Verdict:
    return next(v for v in verdicts if v.candidate_id == rebuttal_id)


THIN = 4
"""A rebuttal with fewer phrasings than this, or a keyword with fewer ways to say it, is thin. On the labelled
student answers to six bundled motions (``../shared/bench/student-answers``), cutting every rebuttal to three
phrasings took the fair answers credited from 90% to 81%, and cutting every keyword to three alternatives to 76%."""


MANY_CONCEPTS = 4
"""A rebuttal with this many keywords or more, none with alternatives, is most likely one idea's ways of saying it
written as a YAML list (``[office, reception, landline, front desk]``): each entry is a concept a hit must carry."""


def _thin(rebuttal: Rebuttal) -> str:
    """What makes a rebuttal thin (too few phrasings, keywords with too few ways to say them), or ``""``."""
    from debate.judge import stems_of

    parts: list[str] = []
    phrasings = sum(1 for p in rebuttal.phrasings if p.strip())
    if phrasings < THIN:
        parts.append(f"{phrasings} phrasing{'s' if phrasings != 1 else ''}")
    for keyword in rebuttal.keywords:
        ways = sum(1 for alternative in keyword.split("|") if stems_of(alternative))
        if 0 < ways < THIN:
            parts.append(f"keyword '{keyword}' has {ways} alternative{'s' if ways != 1 else ''}")
    return "; ".join(parts)


def _commas(alternative: str) -> list[str]:
    """The parts of a keyword alternative between its commas."""
    return [part.strip() for part in alternative.split(",") if part.strip()]


def _check_argument(judge: Judge, argument: Argument, path: Path, report: FileReport) -> None:
    from debate.judge import HIT, NEAR, Candidate, stems_of

    candidates = [Candidate.from_rebuttal(r) for r in argument.rebuttals]
    # (rebuttal, rebuttal) -> each crossing: (line, the example's rebuttal, the other one, example, its score there)
    confused: dict[tuple[str, str], list[tuple[int, str, str, str, float]]] = {}
    for index, rebuttal in enumerate(argument.rebuttals):
        examples = rebuttal.examples
        if not rebuttal.keywords:
            report.warnings.append(
                f"{path}:{rebuttal.line}: rebuttal {rebuttal.id} has no keywords: without the concepts a hit must "
                "carry, the judge goes by its words alone, so an answer that shares them can hit without making the "
                "point; add keywords (one entry per concept, 'a|b' for alternatives)"
            )
        singles = [k.strip() for k in rebuttal.keywords if "|" not in k]
        if len(rebuttal.keywords) >= MANY_CONCEPTS and len(singles) == len(rebuttal.keywords):
            report.warnings.append(
                f"{path}:{rebuttal.keyword_line(0)}: rebuttal {rebuttal.id} has {len(singles)} keywords, each a "
                f"concept a hit must carry (all {len(singles)} of them); if they are ways to say one idea, write "
                f"them as one keyword: '{'|'.join(singles[:6])}{'|…' if len(singles) > 6 else ''}'"
            )
        thin = _thin(rebuttal)
        if thin:
            report.warnings.append(
                f"{path}:{rebuttal.line}: rebuttal {rebuttal.id} is thin ({thin}): answers in students' own words "
                f"often miss it; write {THIN} or more phrasings and {THIN} or more everyday alternatives a keyword"
            )
        for k, keyword in enumerate(rebuttal.keywords):
            at = f"{path}:{rebuttal.keyword_line(k)}: rebuttal {rebuttal.id}"
            for alternative in keyword.split("|"):
                if not stems_of(alternative):
                    report.warnings.append(
                        f"{at}: keyword '{alternative.strip()}' has no content word (stop words and negators are "
                        "ignored), so it can never be found"
                    )
                elif "," in alternative and len(stems_of(alternative)) > 1:
                    report.warnings.append(
                        f"{at}: keyword '{alternative.strip()}' has a comma, so it is one phrase whose words must all "
                        f"be said together; if they are alternatives, write '{'|'.join(_commas(alternative))}'"
                    )
            stems = [set(stems_of(alternative)) for alternative in keyword.split("|")]
            if any(stems) and all(s <= judge.similarity.topic for s in stems if s):
                report.warnings.append(
                    f"{at}: keyword '{keyword}' is only the motion's topic "
                    "words (from its title and context), which every answer uses and which count for little; "
                    "add a word that marks this point"
                )
        for i, example in enumerate(examples.match):
            report.examples += 1
            ranked = judge.rank(example, candidates, argument.claim)
            own = _own(ranked, rebuttal.id)
            # the honest test: the same example with itself taken out of the bank
            alone = list(candidates)
            alone[index] = replace(candidates[index], match=examples.match[:i] + examples.match[i + 1 :])
            held_out = _own(judge.rank(example, alone, argument.claim), rebuttal.id)
            line = _line(rebuttal, examples.match_lines, i)
            report.results.append(
                ExampleResult(argument.id, rebuttal.id, line, "match", example, own.score, held_out.score, own.reason)
            )
            where = _where(path, rebuttal, examples.match_lines, i)
            if own.score >= HIT and held_out.score < NEAR:
                because = REASON_WORDS.get(held_out.reason)
                why = f" ({because})" if because else ""
                report.warnings.append(
                    f'{where}: example "{_short(example)}" is a hit only because it is an example: the rest of the '
                    f"bank scores it {shown(held_out.score)}{why}; if students will say it in other words, add a "
                    "phrasing or keyword that carries it"
                )
            if own.score < HIT:
                because = REASON_WORDS.get(own.reason)
                detail = f"; {because}" if because else (f"; missing: {', '.join(own.missing)}" if own.missing else "")
                report.errors.append(
                    f'{where}: example "{_short(example)}" scored {shown(own.score)}, '
                    f"expected a hit (0.50 or more){detail}"
                )
            elif ranked[0].candidate_id != rebuttal.id and ranked[0].score > own.score:
                report.errors.append(
                    f'{where}: example "{_short(example)}" is a hit ({shown(own.score)}) but rebuttal '
                    f"{ranked[0].candidate_id} scores higher ({shown(ranked[0].score)})"
                )
            for other in ranked:
                if other.candidate_id != rebuttal.id and other.score >= HIT:
                    a, b = sorted((rebuttal.id, other.candidate_id))
                    confused.setdefault((a, b), []).append(
                        (line, rebuttal.id, other.candidate_id, example, other.score)
                    )
        for i, example in enumerate(examples.no_match):
            report.examples += 1
            verdict = _own(judge.rank(example, candidates, argument.claim), rebuttal.id)
            line = _line(rebuttal, examples.no_match_lines, i)
            report.results.append(
                ExampleResult(
                    argument.id, rebuttal.id, line, "no_match", example, verdict.score, verdict.score, verdict.reason
                )
            )
            where = _where(path, rebuttal, examples.no_match_lines, i)
            twin = next((j for j, m in enumerate(examples.match) if _same_answer(m) == _same_answer(example)), None)
            if twin is not None:
                report.errors.append(
                    f'{where}: no_match example "{_short(example)}" is also a match example of this rebuttal (line '
                    f"{_line(rebuttal, examples.match_lines, twin)}): one answer cannot be both; keep the one you mean"
                )
            elif verdict.score >= HIT:
                report.errors.append(
                    f'{where}: no_match example "{_short(example)}" scored {shown(verdict.score)}, expected no hit '
                    f"(below 0.50); it matched on: {', '.join(verdict.matched)}"
                )
        for p, phrasing in enumerate(rebuttal.phrasings):
            verdict = _own(judge.rank(phrasing, candidates, argument.claim), rebuttal.id)
            as_written = verdict.score >= HIT
            if as_written:  # a hit, as the phrasing it is: does the rest of the bank (it too, as evidence) carry it?
                verdict = _own(judge.rank(phrasing, candidates, argument.claim, phrasings_decide=False), rebuttal.id)
            if verdict.score < HIT:
                because = REASON_WORDS.get(verdict.reason)
                detail = (
                    f": {because}"
                    if because
                    else (f"; missing: {', '.join(verdict.missing)}" if verdict.missing else "")
                )
                at = f"{path}:{rebuttal.phrasing_line(p)}: rebuttal {rebuttal.id}: phrasing"
                unkeyed = _unkeyed(judge, rebuttal, phrasing) if verdict.missing and not because else []
                words = f" (its words no keyword has: {', '.join(unkeyed)})" if unkeyed else ""
                report.warnings.append(
                    f'{at} "{_short(phrasing)}" is a hit only when typed as written: by its words the bank scores '
                    f"it {shown(verdict.score)}{detail}{words}; answers that say it in other words will miss"
                    if as_written
                    else f'{at} "{_short(phrasing)}", typed as an answer, scores {shown(verdict.score)}, not a '
                    f"hit{detail}"
                )
    for (a, b), crossings in sorted(confused.items()):
        line, whose, hit_for, example, score = crossings[0]
        more = len(crossings) - 1
        also = f" (and {more} more example{'s' * (more != 1)})" if more else ""
        report.warnings.append(
            f'{path}:{line}: argument {argument.id}: rebuttals {a} and {b} are confusable: "{_short(example)}", a '
            f"match example of {whose}, is a hit for {hit_for} too ({shown(score)}){also}; make them more distinct"
        )


def _is_assignment_file(path: Path) -> bool:
    from debate.assignment import looks_like_assignment
    from debate.yamlnode import YamlProblem
    from debate.yamlsafe import parse_path

    try:
        return looks_like_assignment(parse_path(path))
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
    report.warnings += assignment.warnings
    if known_motions is not None:
        report.errors += unknown_motions(assignment, known_motions)
    return report


def _line_of(message: str) -> int:
    """The line number of a ``path:line:col: message`` or ``path:line: message`` (0 when there is none), for sorting."""
    match = re.search(r":(\d+)(?::\d+)?: ", message)
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
        report.warnings.sort(key=_line_of)  # in the file's order, as a teacher reads it (stable within a line)
    return report, motion


def check_files(
    files: Iterable[Path],
    run_examples: bool = True,
    known_motions: Collection[str] | None = None,
    elsewhere: Mapping[str, Sequence[Path]] | None = None,
) -> list[FileReport]:
    """Check many files; a motion id that another motion file has too is an error naming both paths.

    ``known_motions`` are the motion ids assignments may name (the discovered library); ``elsewhere`` the motion
    files the trainer finds, by id (bundled, the user's folder, ``--motions``): a checked motion whose id one of
    them (other than itself) has is a duplicate too, since the trainer keeps only one motion per id.
    """
    from debate.discovery import same_file

    files = list(files)
    checked = {same_file(p) for p in files}
    reports: list[FileReport] = []
    first: dict[str, Path] = {}
    for path in files:
        report, motion = check_file(path, run_examples, known_motions)
        if motion is not None:
            others = [
                p
                for p in (elsewhere or {}).get(motion.id, ())
                if same_file(p) not in checked and not _same_bytes(p, path)
            ]
            if motion.id in first:
                report.errors.append(
                    f"{path}:{motion.id_line}:1: duplicate motion id '{motion.id}' (also in {first[motion.id]})"
                )
            elif others:
                first[motion.id] = path
                report.errors.append(
                    f"{path}:{motion.id_line}:1: duplicate motion id '{motion.id}' (also in {others[0]}); the trainer "
                    "keeps one motion per id and ignores the other: change one of the ids, or remove the copy you no "
                    "longer need"
                )
            else:
                first[motion.id] = path
        reports.append(report)
    return reports


@dataclass(frozen=True)
class Change:
    """An example whose verdict differs between two versions of a motion file."""

    argument: str
    rebuttal: str
    label: str
    text: str
    line: int
    """Its line in the new file (0 when it is only in the old one)."""
    old_score: float
    new_score: float
    old_line: int = 0
    """Its line in the old file (0 when it is only in the new one)."""

    @property
    def status(self) -> str:
        """``removed`` (only in the old file: answers like it now get the new score), ``added`` (only in the new
        file: the old bank gave it the old score), or ``kept``."""
        return "removed" if not self.line else "added" if not self.old_line else "kept"

    def describe(self, old_path: object, new_path: object) -> str:
        """One line for the teacher: where the example is, and how its verdict moved."""
        moved = f"{self.old_verdict} {shown(self.old_score)} -> {self.new_verdict} {shown(self.new_score)}"
        what = f"{self.argument} / {self.rebuttal} {self.label} example"
        if self.status == "removed":
            return f'{old_path}:{self.old_line}: {what} removed; answers like it: {moved}  "{self.text}"'
        if self.status == "added":
            return f'{new_path}:{self.line}: {what} added: {moved} (the old bank\'s verdict first)  "{self.text}"'
        return f'{new_path}:{self.line}: {what}: {moved}  "{self.text}"'

    @property
    def old_verdict(self) -> str:
        """``hit``, ``near`` or ``miss`` under the old bank."""
        from debate.judge import kind_of

        return kind_of(self.old_score)

    @property
    def new_verdict(self) -> str:
        """``hit``, ``near`` or ``miss`` under the new bank."""
        from debate.judge import kind_of

        return kind_of(self.new_score)

    def as_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            **asdict(self),
            "old_score": round(self.old_score, 4),
            "new_score": round(self.new_score, 4),
            "old_verdict": self.old_verdict,
            "new_verdict": self.new_verdict,
            "status": self.status,
        }


def compare_motions(old: Motion, new: Motion) -> list[Change]:
    """Every example of either version (of a rebuttal both have) whose verdict the other version's bank changes:
    what an edit moved. Examples are scored against their own version's whole bank, each in its argument."""
    from debate.judge import Candidate, Judge, kind_of

    judges = (Judge.for_motion(old), Judge.for_motion(new))
    changes: list[Change] = []
    seen: set[tuple[str, str, str, str]] = set()
    for side in SIDES:
        old_args = {a.id: a for a in old.arguments(side)}
        for argument in new.arguments(side):
            before = old_args.get(argument.id)
            if before is None:
                continue
            banks = (
                [Candidate.from_rebuttal(r) for r in before.rebuttals],
                [Candidate.from_rebuttal(r) for r in argument.rebuttals],
            )
            shared = {r.id for r in before.rebuttals} & {r.id for r in argument.rebuttals}
            lines, old_lines = _example_lines(argument), _example_lines(before)
            for version in (argument, before):
                for r in version.rebuttals:
                    if r.id not in shared:
                        continue
                    for label, texts in (("match", r.examples.match), ("no_match", r.examples.no_match)):
                        for text in texts:
                            key = (argument.id, r.id, label, text)
                            if key in seen:
                                continue
                            seen.add(key)
                            scores = [
                                _own(judge.rank(text, bank, claim), r.id).score
                                for judge, bank, claim in zip(
                                    judges, banks, (before.claim, argument.claim), strict=True
                                )
                            ]
                            if kind_of(scores[0]) != kind_of(scores[1]):
                                where = (r.id, label, text)
                                changes.append(
                                    Change(
                                        argument.id,
                                        r.id,
                                        label,
                                        text,
                                        lines.get(where, 0),
                                        scores[0],
                                        scores[1],
                                        old_lines.get(where, 0),
                                    )
                                )
    return changes


@dataclass(frozen=True)
class WarningChanges:
    """What an edit did to a file's ``check`` beside its examples' verdicts (a teacher's edit that lost three
    phrasings' hits reported "0 examples changed"). A warning is the same warning wherever its line moved and
    whatever its figures ("scores 0.47" -> "0.48") and its "missing:" words."""

    added: list[str]
    """The warnings ``check`` gives the new file and not the old one (as the new file locates them)."""
    gone: list[str]
    """Those it gave the old file and no longer gives (as the old one located them)."""
    errors: list[str]
    """What fails ``check`` in the new file."""
    warnings: int
    """How many warnings the new file has in all (``--strict`` fails on any)."""


def warning_changes(old_path: Path, new_path: Path) -> WarningChanges:
    """The warnings an edit from ``old_path`` to ``new_path`` brought and cleared, and the new file's errors."""
    old, new = check_file(old_path)[0], check_file(new_path)[0]

    def unplaced(report: FileReport) -> dict[str, str]:
        return {_warning_key(w): w for w in report.warnings}

    before, after = unplaced(old), unplaced(new)
    added = [w for k, w in after.items() if k not in before]
    return WarningChanges(added, [w for k, w in before.items() if k not in after], new.errors, len(new.warnings))


def _warning_key(warning: str) -> str:
    """What makes a warning the same warning in two versions of a file: its text, without its location, figures and
    "missing:" words."""
    text = re.sub(r"^.*?:\d+: ", "", warning, count=1)
    text = re.sub(r"; missing: .*?(?= \[warning\]$|$)", "", text)
    return re.sub(r"\d+(?:\.\d+)?", "#", text)


def _example_lines(argument: Argument) -> dict[tuple[str, str, str], int]:
    """(rebuttal id, label, text) -> the example's line in its file."""
    lines: dict[tuple[str, str, str], int] = {}
    for r in argument.rebuttals:
        for label, texts, where in (
            ("match", r.examples.match, r.examples.match_lines),
            ("no_match", r.examples.no_match, r.examples.no_match_lines),
        ):
            for i, text in enumerate(texts):
                lines[(r.id, label, text)] = where[i] if i < len(where) else r.line
    return lines
