"""The motion data model, schema 1: frozen dataclasses, no I/O.

The loader in :mod:`debate.motions` builds these from YAML; everything else reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Side = Literal["proposition", "opposition"]
SIDES: tuple[Side, Side] = ("proposition", "opposition")
RebuttalType = Literal["deny", "mitigate", "turn", "outweigh"]
REBUTTAL_TYPES: tuple[RebuttalType, ...] = ("deny", "mitigate", "turn", "outweigh")
Difficulty = Literal["introductory", "intermediate", "advanced"]
DIFFICULTIES: tuple[Difficulty, ...] = ("introductory", "intermediate", "advanced")


def other_side(side: Side) -> Side:
    """The side that argues against ``side``."""
    return "opposition" if side == "proposition" else "proposition"


@dataclass(frozen=True)
class Examples:
    """A rebuttal's own tests, run by ``debate check``."""

    match: tuple[str, ...] = ()
    """Answers that must be a hit for this rebuttal (and have it as their best verdict)."""
    no_match: tuple[str, ...] = ()
    """Near misses that must not be a hit for this rebuttal."""
    line: int = 0
    """Line of the ``examples`` key in the source file (0 when unknown)."""
    match_lines: tuple[int, ...] = field(default=(), compare=False)
    """Line of each ``match`` example (empty when unknown)."""
    no_match_lines: tuple[int, ...] = field(default=(), compare=False)
    """Line of each ``no_match`` example (empty when unknown)."""


@dataclass(frozen=True)
class Rebuttal:
    """One curated way of answering an argument."""

    id: str
    """Kebab-case id, unique within its argument."""
    text: str
    """The model rebuttal, one or two sentences."""
    type: RebuttalType
    """deny, mitigate, turn or outweigh."""
    strength: int
    """How strong the answer is, 1 (weak) to 3 (strong)."""
    keywords: tuple[str, ...] = ()
    """Words or short phrases a hit must carry."""
    phrasings: tuple[str, ...] = ()
    """Other ways students say the same thing."""
    examples: Examples = field(default_factory=Examples)
    """The bank's own tests."""
    line: int = 0
    """Line of this rebuttal in the source file (0 when unknown)."""
    keyword_lines: tuple[int, ...] = field(default=(), compare=False)
    """Line of each keyword entry (empty when unknown)."""
    phrasing_lines: tuple[int, ...] = field(default=(), compare=False)
    """Line of each phrasing (empty when unknown)."""

    def keyword_line(self, i: int) -> int:
        """The line of the ``i``-th keyword entry, or of the rebuttal when unknown."""
        return self.keyword_lines[i] if i < len(self.keyword_lines) else self.line

    def phrasing_line(self, i: int) -> int:
        """The line of the ``i``-th phrasing, or of the rebuttal when unknown."""
        return self.phrasing_lines[i] if i < len(self.phrasing_lines) else self.line


@dataclass(frozen=True)
class Argument:
    """A claim made by one side, with the bank of rebuttals that answer it."""

    id: str
    """Kebab-case id, unique within its motion."""
    claim: str
    """One sentence, as an opponent would say it."""
    explanation: str
    """Why the claim matters; shown after the round."""
    rebuttals: tuple[Rebuttal, ...]
    """The curated bank of answers."""
    origin: str = ""
    """Optional: which claim of the source this argument carries."""
    line: int = 0
    """Line of this argument in the source file (0 when unknown)."""


@dataclass(frozen=True)
class Source:
    """Where a motion comes from."""

    title: str
    """Title of the source piece."""
    author: str = ""
    """Who wrote or argued it."""
    published: str = ""
    """When it was published (free text, usually an ISO date)."""


@dataclass(frozen=True)
class Motion:
    """A debate motion: a thesis, the arguments of both sides and their rebuttal banks."""

    id: str
    """Kebab-case id, unique across every motion folder."""
    title: str
    """The motion as a debater states it."""
    context: str
    """Short neutral background the user reads first."""
    thesis: str
    """The proposition's case in two or three sentences."""
    proposition: tuple[Argument, ...]
    """Arguments for the motion."""
    opposition: tuple[Argument, ...]
    """Arguments against the motion."""
    tags: tuple[str, ...] = ()
    """Free-form topic tags."""
    difficulty: Difficulty = "intermediate"
    """introductory, intermediate or advanced."""
    source: Source | None = None
    """Where the motion comes from, if anywhere."""
    path: Path | None = None
    """The file the motion was loaded from."""
    id_line: int = field(default=1, compare=False)
    """The line of its ``id`` in that file (where a duplicate id is reported)."""

    def arguments(self, side: Side) -> tuple[Argument, ...]:
        """The arguments made by ``side``."""
        return self.proposition if side == "proposition" else self.opposition

    def argument(self, argument_id: str) -> tuple[Side, Argument]:
        """The argument with this id and the side that makes it; KeyError if absent."""
        for side in SIDES:
            for argument in self.arguments(side):
                if argument.id == argument_id:
                    return side, argument
        raise KeyError(argument_id)

    @property
    def rebuttal_count(self) -> int:
        """How many rebuttals the motion's banks hold, both sides together."""
        return sum(len(a.rebuttals) for side in SIDES for a in self.arguments(side))

    @property
    def topic_text(self) -> str:
        """The text whose words every answer tends to repeat (title and context)."""
        return f"{self.title}\n{self.context}"

    def all_text(self) -> list[str]:
        """Every piece of prose in the motion, for IDF statistics."""
        texts = [self.title, self.context, self.thesis]
        for side in SIDES:
            for argument in self.arguments(side):
                texts += [argument.claim, argument.explanation]
                for rebuttal in argument.rebuttals:
                    texts.append(rebuttal.text)
                    texts.extend(rebuttal.phrasings)
        return texts
