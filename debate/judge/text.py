"""Text analysis for the judge: words, stems, polarity and clauses, with every word's place in the answer.

One pass turns a text into :class:`Analysis`: its content words as stems (case, accents and apostrophes folded;
Porter2-stemmed; related words folded onto one stem *after* stemming, so ``prevented`` folds like ``prevent``), each
with its ``[start, end)`` offsets and its polarity. A negator (``not``, ``cant``, ``isnt``, ``without``...) flips the
next few content words of its clause; two negators over one word cancel ("cannot grow without hiring": *hiring* is
asserted). Function words are counted, not kept: a text with almost none is a list of words, not an argument.

The word lists are data files in ``lexicon/`` (see :mod:`debate.judge.lexicon`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import count, pairwise
from typing import NamedTuple

from debate.judge.lexicon import LEXICON
from debate.judge.porter2 import porter2

TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*|[.,;:!?()\[\]]|\n[^\S\n]*\n")
"""A word (apostrophes inside it kept), one clause-ending punctuation mark, or a blank line. A single line break is
a space: motion texts are wrapped in YAML blocks, and a wrap does not end a clause."""
_GROUP = re.Match.group
_NEW = tuple.__new__
"""Builds a :class:`Word` from a tuple (twice as fast as calling the named tuple, whose ``__new__`` is Python)."""
_NON_ALNUM_RE = re.compile(r"[\W_]+")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_CLAUSE_CHARS = frozenset(".,;:!?()[]")
_NT_BASES = frozenset("do does did is are was were wo would should could has have had must need ai ca sha".split())  # noqa: SIM905

CONTENT, STOP, NEGATOR, CLAUSE = 0, 1, 2, 3
"""Kinds of token."""
_PUNCTUATION = ("", CLAUSE)
"""What :func:`lex` makes of a punctuation mark or a blank line: a clause break, and no function word."""


def fold_word(word: str) -> str:
    """Case, accents and apostrophes folded away; letters and digits only (``Don't`` -> ``dont``)."""
    if word.isascii():
        folded = word.lower()
        if folded.isalnum():
            return folded
    else:
        decomposed = unicodedata.normalize("NFKD", word.casefold())
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]
    return _NON_ALNUM_RE.sub("", folded.translate(_APOSTROPHES))


def normalise(text: str) -> str:
    """Text folded for comparison: case, accents, apostrophes and punctuation folded, single spaces; idempotent.

    ASCII text (most answers) has no accent to fold and casefolds as it lowers, so one pass of :func:`normalise_plain`
    reaches its fixed point: that pass alone."""
    if text.isascii():
        return " ".join(_NON_ALNUM_RE.sub(" ", text.lower().translate(_APOSTROPHES)).split())
    return normalise_plain(text)


def normalise_plain(text: str) -> str:
    """:func:`normalise` by its plain rule: fold until nothing changes (the reference its ASCII shortcut is tested
    against)."""
    out = text
    for _ in range(5):
        decomposed = unicodedata.normalize("NFKD", out)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        stripped = unicodedata.normalize("NFKD", stripped)
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
        again = " ".join(_NON_ALNUM_RE.sub(" ", stripped.translate(_APOSTROPHES)).split())
        if again == out:
            break
        out = again
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word: Porter2, then folded onto its related-words group's stem."""
    exact = LEXICON.exact.get(word)
    if exact is not None:
        return exact
    s = word if len(word) <= 2 or not word.isascii() or not word.isalpha() else porter2(word)
    return LEXICON.related.get(s, s)


@lru_cache(maxsize=131072)
def lex(raw: str) -> tuple[str, int]:
    """(stem or folded word, kind) of one token of :data:`TOKEN_RE`."""
    if raw in _CLAUSE_CHARS or raw[0] == "\n":  # punctuation, or a blank line
        return _PUNCTUATION
    folded = fold_word(raw)
    if not folded:
        return ("", STOP)
    if folded in LEXICON.negators or (folded.endswith("nt") and folded[:-2] in _NT_BASES):
        return (folded, NEGATOR)
    if folded in LEXICON.clause_words:
        return (folded, CLAUSE)
    if folded in LEXICON.stop_words:
        return (folded, STOP)
    return (stem(folded), CONTENT)


class Word(NamedTuple):
    """One content word of a text (a named tuple: a text has many, and a frozen dataclass is slow to build)."""

    stem: str
    """Its stem (related words folded)."""
    start: int
    """Offset of its first character in the text."""
    end: int
    """Offset just past it."""
    negated: bool
    """Inside an odd number of negators' reach."""
    lowered: bool
    """Governed by an odd number of negators and lowering words (``less``, ``fewer``), each reaching
    :data:`POLARITY_REACH` words: its polarity for telling a reversal."""
    index: int  # type: ignore[assignment]  # shadows tuple.index, which nothing calls on a Word
    """Its position among all the text's tokens (for nearness)."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text as the judge reads it."""

    text: str
    """The text itself."""
    words: tuple[Word, ...]
    """Its content words, in order."""
    function_words: int
    """How many function words, negators, clause words and generic words it has (a sentence has many, a list of
    words none)."""

    @property
    def stems(self) -> list[str]:
        """The content stems, in order."""
        return [w.stem for w in self.words]

    def is_word_list(self) -> bool:
        """Whether the text is a list of words rather than a sentence: :data:`BARE_LIST_WORDS` or more content words
        and no function word at all, or :data:`MIN_LIST_WORDS` or more and fewer than one function word per
        :data:`FUNCTION_RATIO`. Sentences students write have a function word (the, is, to, they, not...) or a
        generic word (just, make, every) for every one or two content words; even a terse note ("despite the chip ban
        deepseek still made great models") has some, and word lists have none. A shorter text of content words only,
        from :data:`SHORT_LIST_WORDS`, is a list when none of them can say anything of the others, no verb and no
        adjective ("chernobyl fukushima deaths coal"; not "fewer sick days save money" nor "ai detectors
        unreliable"); and so is one whose commas part :data:`LIST_ITEMS` or more items of a word or two each, whatever
        the words ("cheap, supermarket, brands, grants"), or :data:`BARE_WORDS` words alone ("routine later")."""
        n = len(self.words)
        if self.function_words == 0:
            return (
                0 < n <= BARE_WORDS
                or n >= BARE_LIST_WORDS
                or (n >= SHORT_LIST_WORDS and not any(map(self.predicates, self.words)))
                or self._enumerates()
            )
        sparse = n >= MIN_LIST_WORDS and self.function_words * FUNCTION_RATIO < n
        if sparse and self.function_words * TERSE_SENTENCE_RATIO >= n and self._has_verb_phrase():
            sparse = False  # "homework does help young children learn, short reading practice builds fluency"
        return sparse or self._enumerates()

    def _has_verb_phrase(self) -> bool:
        """Whether an auxiliary ("is", "can", "does") comes right before a content word: a verb phrase, which a
        list of words has not ("homework *does help* ...")."""
        tokens = TOKEN_RE.findall(self.text)
        return any(fold_word(t) in VERB_AUXILIARIES and lex(after)[1] == CONTENT for t, after in pairwise(tokens))

    def _enumerates(self) -> bool:
        """Whether commas (or semicolons) part the text into :data:`LIST_ITEMS` or more items of one or two content
        words each (generic ones too: "jobs, critical thinking, cheating, skills"; not "no, not really, maybe")."""
        if self.text.count(",") + self.text.count(";") < LIST_ITEMS - 1:  # (most texts: too few commas for a list)
            return False
        items = [item.split() for item in _ITEM_SEPARATOR_RE.split(self.text)]
        items = [item for item in items if item]
        return (
            len(items) >= LIST_ITEMS
            and all(len(item) <= 2 for item in items)
            and all(lex(word)[1] == CONTENT for item in items for word in item)
        )

    def predicates(self, word: Word) -> bool:
        """Whether a word can say something of a thing: a verb or an adjective (``predicates.txt`` or a lowering
        word, by its own stem: "deaths" folds onto "kill" but is no verb), or a word ending like one ("published",
        "unreliable", "safest")."""
        return _predicates(self.text[word.start : word.end])

    def is_terse(self) -> bool:
        """Whether the text has fewer function words than half its content words: a note, or words piled up."""
        return self.function_words * 2 < len(self.words)


@lru_cache(maxsize=65536)
def _predicates(raw: str) -> bool:
    """:meth:`Analysis.predicates` of one word as written (cached: answers repeat words)."""
    folded = fold_word(raw)
    own = porter2(folded) if len(folded) > 2 and folded.isascii() and folded.isalpha() else folded
    return own in PREDICATE_STEMS or folded.endswith(PREDICATE_ENDINGS)


LIST_ITEMS = 3
"""Items parted by commas from which a text of content words only is a list, whatever its words."""
_ITEM_SEPARATOR_RE = re.compile(r"[,;]")
BARE_LIST_WORDS = 7
"""Content words from which a text with no function word is a list ("fewer sick days save employers money" is not)."""
SHORT_LIST_WORDS = 3
"""Content words from which a text with no function word, no verb and no adjective is a list."""
BARE_WORDS = 2
"""Content words up to which a text with no function word is a list whatever the words: two keywords make no
sentence ("routine later", "phones trainers" scored hits)."""
MIN_LIST_WORDS = 9
"""Content words from which a text with a few function words can be a list."""
FUNCTION_RATIO = 5
"""A text with fewer than one function word per this many content words is a list."""
TERSE_SENTENCE_RATIO = 8
"""...unless it has a verb phrase (:meth:`Analysis._has_verb_phrase`) and a function word per this many content words
at least: a terse sentence."""


@lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    """Read ``text``: its content words with offsets and polarity, and how many function words it has (cached).

    A negator reaches the next few content words of its clause (which ends at punctuation, a clause word, "so", or
    "and" before a new subject); two over one word cancel. List rules keep a negation where it belongs: "or"/"nor"
    carry it on to the next item, even after a comma ("cant buy alcohol until 18, or get a tattoo": the tattoo too),
    and so does a comma after a negated item when the list goes on to "or"/"nor" ("no uranium mining, cooling water
    or waste sites": all three); a lowering word followed by "than" lowers the word before it ("land matters less
    than speed": *matters* is lowered, not *speed*). "So few" and "very few" say the content word *small* (and lower
    the word they govern, as "very little" does). A negation that goes on to "until" was a limit in time, and denies
    nothing ("you cant drink until 18": from 18 you can).
    """
    matches = list(TOKEN_RE.finditer(text))
    raws = list(map(_GROUP, matches))
    lexed = list(map(lex, raws))
    if any(map(_polar, raws)):
        return _polarities(text, matches, lexed)
    # no negator, lowering word, scant word or "rather"/"instead" (most texts): every word is said plainly; the
    # function words are the tokens left once content words and punctuation are set aside (generic ones counted back)
    words = [
        _NEW(Word, (word, *m.span(), False, False, index))
        for index, m, (word, kind) in zip(count(), matches, lexed)
        if kind == CONTENT
    ]
    stems = [w[0] for w in words]
    function_words = len(lexed) - lexed.count(_PUNCTUATION) - len(words) + sum(map(GENERIC_STEMS.__contains__, stems))
    return Analysis(text, tuple(words), function_words)


def analyse_plain(text: str) -> Analysis:
    """:func:`analyse` by its plain rule, every token through the polarity rules (not cached): the reference its
    shortcut for texts without a polarity word is tested against."""
    matches = list(TOKEN_RE.finditer(text))
    return _polarities(text, matches, list(map(lex, map(_GROUP, matches))))


@lru_cache(maxsize=131072)
def _polar(raw: str) -> bool:
    """Whether one token of :data:`TOKEN_RE` can change a word's polarity in :func:`_polarities`: a negator, a
    lowering word, a scant word (``few``, ``little``), or the first word of an alternative (``rather``)."""
    word, kind = lex(raw)
    lowered = raw.lower()
    return (
        kind == NEGATOR
        or word in _ALTERNATIVE_OPENERS
        or lowered in LEXICON.lowering
        or lowered in SCANT_WORDS
        or word in SCANT_WORDS
    )


def _polarities(text: str, matches: list[re.Match[str]], lexed: list[tuple[str, int]]) -> Analysis:
    """The rules of :func:`analyse` over its tokens (``matches``, each :func:`lex`-ed)."""
    tokens = [(m, word, kind) for m, (word, kind) in zip(matches, lexed, strict=True)]
    words: list[Word] = []
    negations: list[int] = []  # remaining reach of each negator in force in this clause
    lowerings: list[int] = []  # the same for polarity: negators and lowering words together
    said = 0  # negators said in this clause (a comma inside a negated list keeps them: the list goes on)
    clause_start = 0  # index in ``words`` of the first word of this clause
    denied_from = 0  # index in ``words`` of the first word after this clause's first negator
    comparative = False  # a comparative ("less") was said: it may lower the word before it (see the end)
    nonfinite = False  # the last negator denies a verb with no tense ("not voting", "not to vote"): see below
    denial_of_denial = False  # a denial opened that a second negator cancels ("there is no reason they cant ...")
    reached, after_without = 0, False  # content words since the last negator; whether it was "without" + determiner
    function_words = 0
    for index, (m, word, kind) in enumerate(tokens):
        if word in _ALTERNATIVE_SECONDS and index and (tokens[index - 1][1], word) in ALTERNATIVES:
            # "rather than X", "instead of X": X is denied
            kind = NEGATOR
        elif kind == STOP and word in SCANT_WORDS and index and tokens[index - 1][1] in INTENSIFIERS:
            kind, word = CONTENT, SMALL  # "so few voters": a small number, said (as "very little" is)
        if kind == CONTENT:
            if word in GENERIC_STEMS:  # content for matching, but it marks a sentence as a function word does
                function_words += 1
            if (
                reached == 1
                and after_without
                and negations
                and index + 1 < len(tokens)
                and tokens[index + 1][1] in AUXILIARIES
            ):
                # "without a uniform" is a whole noun phrase (a determiner and its noun): the next word, with a verb's
                # auxiliary after it, is the subject of a new clause ("without a uniform *families* would have to
                # buy"), which the negation does not reach ("without mobile phones are" keeps "phones" denied)
                negations, lowerings, said, clause_start = [], [], 0, len(words)
            if nonfinite and reached and negations and _predicates(m.group()):
                # "not voting *sends* a message", "choosing not to vote *is* a protest": the denied verb's own clause
                # ends at the next verb or adjective (its object, "not wearing a *uniform*", is denied with it)
                negations, lowerings, nonfinite = [], [], False
            reached += 1
            negated = lowered = False
            if negations:  # (each reach left is at least 1)
                negated = len(negations) % 2 == 1
                negations = [r - 1 for r in negations if r > 1]
            if lowerings:
                lowered = len(lowerings) % 2 == 1
                lowerings = [r - 1 for r in lowerings if r > 1]
            words.append(_NEW(Word, (word, m.start(), m.end(), negated, lowered, index)))
            lowered_word = m.group().lower()
            comparative = comparative or lowered_word in AFTER_ITS_WORD
            reach = LEXICON.lowering.get(lowered_word)
            if reach is None and lowered_word in SCANT_WORDS and index and tokens[index - 1][1] in INTENSIFIERS:
                reach = 1  # "very little land", "so little time": as low as "less land"
            if reach is None:
                continue
            after = tokens[index + 1][1] if index + 1 < len(tokens) else ""
            if after == "than" and len(words) - 1 > clause_start:  # "matters less than": lowers the word before
                last = words[-2]
                words[-2] = Word(last.stem, last.start, last.end, last.negated, not last.lowered, last.index)
            else:  # "less harmful": the word is content too, and lowers the next
                lowerings.append(reach)
        elif kind == NEGATOR and word == "not" and (_suggests(tokens, index) or _not_only(tokens, index)):
            function_words += 1  # "why not make it shorter": a suggestion; "not the only way": a way, not a denial
        elif kind == NEGATOR and ((said and word == "without") or denial_of_denial):
            # "you cant have a reactor in a war zone without it becoming a target": "cannot A without B" says that A
            # brings B and denies neither, however far the first negation reached; "there is no reason they cant
            # learn it later", "its not like kids cant ...": a denied denial, which asserts
            for i in range(denied_from, len(words)):
                if words[i].negated:
                    words[i] = words[i]._replace(negated=False, lowered=False)
            negations, lowerings, said, denial_of_denial = [], [], 0, False
            function_words += 1
        elif (
            word in OBJECT_NEGATORS
            and len(words) > clause_start
            and _ends_its_clause(tokens, index)
            and (index + 1 == len(tokens) or tokens[index + 1][1] not in _NOTHING_BUT)
            and tokens[index - 1][1] not in _COPULAS  # ("this is nothing" next to a real chokepoint: small, not denied)
        ):
            # "the ban stops nothing", "it costs them nothing", "the hints do nothing": the clause's last content word
            # before it (a verb, or with "do" its subject) is denied, and nothing after it
            last = words[-1]
            words[-1] = last._replace(negated=not last.negated, lowered=not last.lowered)
            function_words += 1
        elif kind == NEGATOR:
            if index and tokens[index - 1][1] in COORDINATORS:  # "no time and no teacher": a new negation, not a second
                negations, lowerings = [], []
            if not said:
                denied_from = len(words)
            said += 1
            nonfinite = (
                word in NONFINITE_NEGATORS
                and index + 1 < len(tokens)
                and (tokens[index + 1][1] == "to" or _gerund(tokens[index + 1][0].group()))
                and not (index and tokens[index - 1][1] in _TENSED)
            )
            if _opens_denial(tokens, index):
                denial_of_denial = True  # "no reason ...", "not like ...": a negator later in the sentence cancels
            reached = 0
            after_without = (  # "without a uniform", "with no uniform": a noun phrase, then maybe a new clause
                word == "without" and index + 1 < len(tokens) and tokens[index + 1][1] in DETERMINERS
            ) or (word == "no" and index > 0 and tokens[index - 1][1] == "with")
            alternative = word in ("than", "of")
            negations.append(ALTERNATIVE_REACH if alternative else LEXICON.negators.get(word, DEFAULT_REACH))
            lowerings.append(ALTERNATIVE_REACH if alternative else POLARITY_REACH)
            function_words += 1
        elif kind == CLAUSE and word and index and tokens[index - 1][2] == NEGATOR:
            function_words += 1  # "not because of their biology", "not if ...": the negation denies the clause it opens
        elif kind == CLAUSE:
            function_words += bool(word)
            if not word:  # punctuation ends what "no reason" opened; a clause word ("they") does not
                denial_of_denial = False
            negations, lowerings = [], []
            after = tokens[index + 1][1] if index + 1 < len(tokens) else ""
            if (
                m.group() == ","
                and said
                and any(w.negated for w in words[clause_start:])  # "No, solar or wind...": no item was denied
                and _list_goes_on(tokens, index + 1)
            ):
                # "no uranium mining, cooling water or sites": the next item of a negated list is negated too
                negations = [LIST_REACH] * said
                lowerings = [LIST_REACH] * said
            elif not (m.group() == "," and after in LIST_JOINERS):
                said = 0
                clause_start = len(words)
        elif said and word in UNTIL and any(w.negated for w in words[denied_from:]):
            # "you cant drink or get a tattoo until 18": a limit in time, which denies neither (from 18 you can)
            for i in range(denied_from, len(words)):
                if words[i].negated:
                    words[i] = words[i]._replace(negated=False, lowered=False)
            negations, lowerings, said = [], [], 0
            function_words += 1
        else:
            function_words += 1
            if (word == "so" and not (index and tokens[index - 1][2] == NEGATOR)) or (
                word == "and" and index + 1 < len(tokens) and tokens[index + 1][1] in NEW_SUBJECTS
            ):  # a new clause the students did not mark with a comma: "cant ramp so its useless", "and its sealed"
                negations, lowerings, said, clause_start = [], [], 0, len(words)
            if word in LIST_JOINERS and said:  # the next item of a negated list is negated too
                negations = [LIST_REACH] * said
                lowerings = [LIST_REACH] * said
    for i, w in enumerate(words if comparative else ()):  # "make uniforms cost less": the word before is lowered
        if i and tokens[w.index][0].group().lower() in AFTER_ITS_WORD and _ends_its_clause(tokens, w.index):
            before = words[i - 1]
            if not any(kind == CLAUSE for _, _, kind in tokens[before.index + 1 : w.index]):
                words[i - 1] = before._replace(lowered=not before.lowered)
    return Analysis(text, tuple(words), function_words)


UNTIL = frozenset({"until", "til"})
"""Words after which a negation was a limit in time ("cant vote until 18"), not a denial."""


def _ends_its_clause(tokens: list[tuple[re.Match[str], str, int]], index: int) -> bool:
    """Whether no content word follows the token at ``index`` before its clause ends (punctuation, a clause word, or
    the end of the text)."""
    for _, _, kind in tokens[index + 1 :]:
        if kind == CONTENT:
            return False
        if kind == CLAUSE:
            return True
    return True


def _gerund(raw: str) -> bool:
    """Whether a word reads as a verb's "-ing" form ("voting", "wearing"; not "something", "during")."""
    lowered = raw.lower()
    return lowered.endswith("ing") and len(lowered) > 4 and not lowered.endswith(("thing", "during"))


def _not_only(tokens: list[tuple[re.Match[str], str, int]], index: int) -> bool:
    """Whether the "not" at ``index`` says "not only" or "not the only" ("homework is not the only way to learn
    responsibility": there are others, it is not denied)."""
    after = [word for _, word, _ in tokens[index + 1 : index + 3]]
    return after[:1] == ["only"] or after == ["the", "only"]


def _suggests(tokens: list[tuple[re.Match[str], str, int]], index: int) -> bool:
    """Whether the "not" at ``index`` is a suggestion's ("why not ban it slowly"): "why not" opening the text or a
    clause, not a reason ("that is why not every child benefits" still denies)."""
    if index < 1 or tokens[index - 1][1] != "why":
        return False
    return index < 2 or tokens[index - 2][2] == CLAUSE or tokens[index - 2][1] in SUGGESTION_OPENERS


SUGGESTION_OPENERS = frozenset({"so", "but", "and", "then", "ok", "okay", "well", "yeah", "like"})
"""Words that may come before a suggestion's "why not" ("so why not phase it in")."""


def _list_goes_on(tokens: list[tuple[re.Match[str], str, int]], start: int) -> bool:
    """Whether the tokens from ``start`` are the next items of a list: content words and commas, up to
    :data:`LIST_LOOKAHEAD` tokens, then a list joiner and a last item that is not the subject of a new clause
    ("mining, cooling water or sites for waste", "drink, smoke or vote"; not "not cheap, solar or wind *is*")."""
    for i, (m, word, kind) in enumerate(tokens[start : start + LIST_LOOKAHEAD], start):
        if word in LIST_JOINERS:
            for _, after, after_kind in tokens[i + 1 : i + 2 + LIST_REACH]:
                if after_kind != CONTENT:
                    return after_kind != NEGATOR and after not in AUXILIARIES
            return True
        if kind != CONTENT and m.group() != ",":
            return False
    return False


AFTER_ITS_WORD = frozenset({"less", "fewer", "lower", "smaller"})
"""Comparatives that, ending their clause, lower the word before them ("make uniforms cost *less*", "costs are
*lower*"); a lowering verb there does not ("many students *fail*")."""
OBJECT_NEGATORS = frozenset({"nothing", "nobody", "none"})
"""Negators that, as the object ending a clause, deny its last content word before them ("the ban *stops nothing*",
"it *helps* nobody", "chores *teach* you nothing", "the *hints* do nothing")."""
_NOTHING_BUT = frozenset({"but", "except", "else", "more", "less", "than", "like"})
"""Words after "nothing" that make it part of a phrase ("nothing but stress", "nothing more than a fine")."""
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "its", "thats", "theyre", "im", "seems"})
"""Words after which "nothing" is what something is ("this is nothing": a trifle), not what a verb does."""
NONFINITE_NEGATORS = frozenset({"not", "never"})
"""Negators that, before "to" or a word ending in "-ing", deny that verb alone with its object ("not voting sends a
message": the voting is denied, the message sent)."""
PROGRESSIVE = frozenset({"am", "im", "isnt", "arent", "wasnt", "werent"})
"""Verbs before "not" + "-ing" that make it a verb with a tense ("he is not voting"): the negation reaches as far as
any (so do :data:`AUXILIARIES`)."""
DENIAL_OPENERS = frozenset({"reason", "way"})
"""Words that, right after a negator, open a denial of what follows: a negator after them, up to the next punctuation
mark, cancels ("there is no reason they cant learn it later": they can); so do "any reason" and "a way" after a
negator, "see why" ("i dont see why they cant ..."), and "like", "that" and "as if" after a denied "is" ("its not like
kids cant ...", "it isnt as if ..."; not "they dont like homework and parents cant help")."""
_DENIED_IS = frozenset({"not", "isnt", "aint", "wasnt", "arent"})


def _opens_denial(tokens: list[tuple[re.Match[str], str, int]], index: int) -> bool:
    """Whether the negator at ``index`` opens a denial of what follows (:data:`DENIAL_OPENERS`)."""
    after = [word for _, word, _ in tokens[index + 1 : index + 3]]
    if not after:
        return False
    if after[0] in DENIAL_OPENERS or (tokens[index][1] in _DENIED_IS and after[0] in ("like", "that")):
        return True
    return len(after) == 2 and (
        (after[0] in ("any", "a") and after[1] in DENIAL_OPENERS)
        or after == ["see", "why"]
        or (tokens[index][1] in _DENIED_IS and after == ["as", "if"])
    )


LIST_LOOKAHEAD = 6
"""How many tokens after a comma :func:`_list_goes_on` looks through for the list joiner."""
SCANT_WORDS = frozenset({"few", "little"})
"""Quantities said low after an intensifier ("very little land", "so few voters"); alone they are not ("a few slip
through" is some, "little kids" a size)."""
INTENSIFIERS = frozenset({"very", "so", "too", "do", "does", "did"})
"""Words before "little" or "few" that make it a low quantity ("very few voters", "does little to stop")."""
SMALL = stem("small")
"""The stem "so few" and "very few" stand for."""
AUXILIARIES = frozenset("is are was were be been will would could can should shall may might must has have had".split())  # noqa: SIM905
"""Verbs after a list's last item that make it the subject of a new clause ("not cheap, solar or wind *is*")."""
_TENSED = AUXILIARIES | PROGRESSIVE
VERB_AUXILIARIES = AUXILIARIES | {"do", "does", "did"}
"""Words that, right before a content word, make a verb phrase ("does help", "can learn")."""
DETERMINERS = frozenset("a an the any their his her its our your my this that these those".split())  # noqa: SIM905
"""Words that open a noun phrase ("without *a* uniform")."""
LIST_JOINERS = frozenset({"or", "nor"})
"""Words that carry a negation on to the next item of a list."""
NEW_SUBJECTS = frozenset("it its this that thats you i we he she they there theres".split())  # noqa: SIM905
"""Words that open a new clause after "and" ("hardly any of it and its all sealed": *sealed* is not denied)."""
ALTERNATIVES = frozenset({(stem("rather"), "than"), (stem("instead"), "of")})
"""Two words that deny what follows them, as a negator does: "strengthens the bond rather than causing *rows*"."""
_ALTERNATIVE_OPENERS = frozenset(first for first, _ in ALTERNATIVES)
_ALTERNATIVE_SECONDS = frozenset(second for _, second in ALTERNATIVES)
ALTERNATIVE_REACH = 2
"""How many content words "rather than" and "instead of" deny."""
COORDINATORS = frozenset({"and", "but", "or", "nor"})
"""Words after which a negator starts its own negation ("no time and no teacher": both are denied, the second "no"
does not cancel the first)."""
LIST_REACH = 2
"""Content words a negation reaches after a list joiner ("cant drink or get a *tattoo*")."""


DEFAULT_REACH = 3
"""How many content words after a negator it reaches, unless ``negators.txt`` says otherwise."""
POLARITY_REACH = 3
"""How many content words a negator reaches for telling a reversal (a lowering word reaches what ``comparatives.txt``
says, usually the one word it governs: "far *less* harmful")."""


GENERIC_STEMS = frozenset(stem(w) for w in LEXICON.generic_words)
"""Stems of the generic words (``lexicon/generic_words.txt``)."""


PREDICATE_STEMS = LEXICON.predicates | frozenset(porter2(w) for w in LEXICON.lowering)
"""Own stems (Porter2, not folded) of the words that can say something of a thing: verbs, adjectives, lowering words."""
PREDICATE_ENDINGS = ("ed", "ing", "able", "ible", "ive", "ous", "ful", "less", "ise", "ize", "ify", "est", "ly")
"""Endings of verbs, adjectives and adverbs (a noun with one, "building", only keeps a text from being a list)."""


def lexed(text: str) -> str:
    """The text's tokens as the judge reads them, a space apart: content words as their stems, other words folded,
    punctuation and blank lines as ``|`` (where a keyword phrase is looked for: "breaks down" says "break down")."""
    return " ".join([word or "|" for word, _ in map(lex, map(_GROUP, TOKEN_RE.finditer(text)))])


def stems_of(text: str) -> list[str]:
    """The content stems of ``text``, in order."""
    return analyse(text).stems


def clear_caches() -> None:
    """Forget the cached stems and analyses (scores do not change; for timings from a cold start)."""
    stem.cache_clear()
    lex.cache_clear()
    _polar.cache_clear()
    analyse.cache_clear()
    _predicates.cache_clear()
