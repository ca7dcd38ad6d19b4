"""The judge's word lists, read from the plain-text files beside this module.

Each file is UTF-8 text; ``#`` starts a comment. ``stop_words``, ``clause_words``, ``generic_words``,
``contrast_words``, ``dispute_words``, ``failing_words`` and ``predicates`` are words separated by white space;
``negators`` and ``comparatives`` too, each word optionally ``word:N`` (its reach in content words); ``related`` is
one group a line (every word folds onto the first; a word written ``=word`` folds as that form only); ``antonyms`` is
one ``pole | opposite pole`` pair a line; ``agreement`` is one opening a line, and so is ``concessions`` (an opening
followed by `` ,`` ends at its clause's first comma). Related words, antonyms, predicates
and failing words are stemmed as the judge stems answers (predicates not folded onto related words), so one form of
a word is enough.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from debate.judge.porter2 import porter2


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _words(name: str) -> frozenset[str]:
    return frozenset(word for line in _lines(name) for word in line.split())


def _reaches(name: str, default: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in _lines(name):
        for item in line.split():
            word, _, reach = item.partition(":")
            out[word] = int(reach) if reach else default
    return out


def _stem(word: str) -> str:
    return porter2(word) if len(word) > 2 and word.isascii() and word.isalpha() else word


@dataclass(frozen=True)
class Lexicon:
    """Every word list the judge uses."""

    stop_words: frozenset[str]
    """Function words: never content."""
    clause_words: frozenset[str]
    """Words that start a new clause (they end a negator's reach); function words too."""
    negators: dict[str, int]
    """Negator -> how many content words after it it reaches."""
    lowering: dict[str, int]
    """Lowering word (``less``, ``fewer``) -> its reach: polarity for telling a reversal only."""
    generic_words: frozenset[str]
    """Common words that carry little meaning alone (down-weighted)."""
    related: dict[str, str]
    """Stem -> the stem it folds onto (its group's first word's)."""
    exact: dict[str, str]
    """Word -> the stem it folds onto, for forms whose own stem is another word (``=costly`` in ``related``)."""
    opposites: dict[str, frozenset[str]]
    """Stem (after folding) -> the stems of its opposites."""
    agreement: tuple[str, ...]
    """Openings of an answer that sides with the opponent ("yes", "thats true"), folded."""
    concessions: dict[str, bool]
    """Openings of a concession ("ok", "even if"), folded -> whether the concession ends at its first comma (a
    conceding clause: "even if ..., ...") as well as at a contrast word."""
    contrast: frozenset[str]
    """Words that turn a concession into an answer ("but", "however")."""
    disputes: frozenset[str]
    """Words that dispute what they are said of ("unclear", "myth"): an answer with one does not agree."""
    failing: frozenset[str]
    """Stems (folded onto related words) of words that dispute what they are said of when denied ("will not work",
    "doesnt matter")."""
    predicates: frozenset[str]
    """Stems (not folded onto related words) of words that can say something of a thing: verbs and adjectives."""


def load() -> Lexicon:
    """Read the word lists from the data files."""
    related: dict[str, str] = {}
    exact: dict[str, str] = {}
    for line in _lines("related"):
        head, *rest = line.split()
        for word in rest:
            if word.startswith("="):  # this form only: its stem is another word ("costly" stems to "cost")
                exact[word[1:]] = _stem(head)
            else:
                related.setdefault(_stem(word), _stem(head))
        # every other word of the group folds onto the head's stem; the head's own stem stays itself

    def fold(word: str) -> str:
        s = _stem(word)
        return related.get(s, s)

    opposites: dict[str, set[str]] = {}
    for line in _lines("antonyms"):
        left, _, right = line.partition("|")
        lefts = {fold(w) for w in left.split()}
        rights = {fold(w) for w in right.split()}
        for a in lefts:
            for b in rights:
                if a != b:
                    opposites.setdefault(a, set()).add(b)
                    opposites.setdefault(b, set()).add(a)
    return Lexicon(
        stop_words=_words("stop_words"),
        clause_words=_words("clause_words"),
        negators=_reaches("negators", 3),
        lowering=_reaches("comparatives", 1),
        generic_words=_words("generic_words"),
        related=related,
        exact=exact,
        opposites={k: frozenset(v) for k, v in opposites.items()},
        agreement=tuple(" ".join(line.split()) for line in _lines("agreement")),
        concessions={" ".join(line.rstrip(",").split()): line.endswith(",") for line in _lines("concessions")},
        contrast=_words("contrast_words"),
        disputes=_words("dispute_words"),
        failing=frozenset(related.get(_stem(w), _stem(w)) for w in _words("failing_words")),
        predicates=frozenset(_stem(w) for w in _words("predicates")),
    )


LEXICON = load()
"""The lexicon, read once at import."""
