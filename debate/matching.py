"""Matching a typed answer against a bank of candidate rebuttals: pure, deterministic, no I/O.

The pipeline:

1. **Tokens.** The answer is cut into words on the original string (so every word keeps its ``[start, end)``
   offsets for highlighting), each folded (case, accents, apostrophes), mapped through a small hand-written table of
   related words (:data:`RELATED`: ``kids`` -> ``child``, ``science`` -> ``scientific``) and stemmed with the
   Snowball English stemmer. Stop words are dropped; negators (``not``, ``never``, ``no``, ``doesn't``...) are not
   content but mark the next few content words of the same clause as *negated*.
2. **Weights.** A stem weighs its IDF over the motion's own prose (``corpus``), times a small factor when it is a
   topic word (the motion's title and context: every answer repeats them) or a generic word. In a candidate's text,
   words joined by slashes (``noise/fumes``) are alternatives: each weighs as the heaviest of them and the
   group counts once in the total, so saying one of them covers it.
3. **Features.** For a candidate (model text, keywords, curated phrasings) and an answer: weighted coverage of the
   candidate's stems by the answer, the share of the answer's weight the candidate explains, matched content words,
   bigram overlap, a fuzzy token score, ...; a logistic combination (weights fitted on the ArgKP *train* split by
   :func:`debate.bench.fit`) turns them into a probability-like score.
4. **Rules on top.** Negation mismatch on the words that carried the match cuts the score; a missing keyword caps
   it below :data:`HIT`; curated phrasings add evidence anchored on the model text (they can lift a match, never
   make the model text irrelevant): the best two phrasings or the pooled bag lift the text's score, and so does the
   *consensus* of text and phrasings together (a logistic combination of the text's score, the mean and pooled
   phrasing scores and the cosine between the answer and the centroid of text and phrasings, weights fitted by
   :func:`debate.bench.fit_consensus`), so that many phrasings in varied words help rather than add noise.

Keywords: each keyword entry is a word or short phrase; ``|`` separates alternatives (``cost|price|expensive``).
An entry is present when every content stem of one alternative occurs in the answer.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, cast

from rapidfuzz import fuzz

_token_set_ratio = fuzz.token_set_ratio
_exp = math.exp
_ratio = fuzz.ratio

if TYPE_CHECKING:
    from debate.model import Motion, Rebuttal

HIT: float = 0.5
"""Score at or above which the student is told they made the point."""
NEAR: float = 0.3
"""Score at or above which (and below :data:`HIT`) a verdict is a near miss worth naming."""

VerdictKind = Literal["hit", "near", "miss"]


@dataclass(frozen=True)
class Candidate:
    """One thing the answer may have said: a rebuttal of the bank (or a key point, in the benchmark)."""

    id: str
    """Identifier reported back in the verdict (the rebuttal id)."""
    text: str
    """The model text: the anchor of the match."""
    keywords: tuple[str, ...] = ()
    """Concepts a hit must carry; each entry a word or short phrase, ``|`` separating alternatives."""
    phrasings: tuple[str, ...] = ()
    """Other ways students say the same thing: extra evidence, anchored on ``text``."""

    @classmethod
    def from_rebuttal(cls, rebuttal: Rebuttal) -> Candidate:
        """The candidate for one curated rebuttal."""
        return cls(id=rebuttal.id, text=rebuttal.text, keywords=rebuttal.keywords, phrasings=rebuttal.phrasings)


@dataclass(frozen=True)
class Verdict:
    """How well an answer made one candidate's point, and why."""

    candidate_id: str
    """The candidate this verdict is about."""
    score: float
    """In [0, 1], deterministic; ``>= HIT`` is a hit, ``>= NEAR`` a near miss."""
    verdict: VerdictKind
    """``hit``, ``near`` or ``miss``, from :data:`HIT` and :data:`NEAR`."""
    matched: tuple[str, ...]
    """Surface words of the answer that carried the match, in answer order, without repeats."""
    missing: tuple[str, ...]
    """For near misses and misses: the candidate's keywords or main words the answer lacks."""
    spans: tuple[tuple[int, int], ...]
    """``[start, end)`` offsets into the original answer of the words in ``matched`` (every occurrence)."""


def kind_of(score: float) -> VerdictKind:
    """The verdict word for a score."""
    return "hit" if score >= HIT else "near" if score >= NEAR else "miss"


# --------------------------------------------------------------------------- stemming (Snowball English, ported)

_VOWELS = frozenset("aeiouy")
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_LI_ENDINGS = frozenset("cdeghkmnrt")
_STEM_EXCEPTIONS = {
    "skis": "ski",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "idly": "idl",
    "gently": "gentl",
    "ugly": "ugli",
    "early": "earli",
    "only": "onli",
    "singly": "singl",
    "sky": "sky",
    "news": "news",
    "howe": "howe",
    "atlas": "atlas",
    "cosmos": "cosmos",
    "bias": "bias",
    "andes": "andes",
}
_STEM_INVARIANT = frozenset(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"])


def _by_last(pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for pair in sorted(pairs, key=lambda p: -len(p[0])):
        out.setdefault(pair[0][-1], []).append(pair)
    return out


_STEP2 = _by_last(
    [
        ("tional", "tion"),
        ("enci", "ence"),
        ("anci", "ance"),
        ("abli", "able"),
        ("entli", "ent"),
        ("izer", "ize"),
        ("ization", "ize"),
        ("ational", "ate"),
        ("ation", "ate"),
        ("ator", "ate"),
        ("alism", "al"),
        ("aliti", "al"),
        ("alli", "al"),
        ("fulness", "ful"),
        ("ousli", "ous"),
        ("ousness", "ous"),
        ("iveness", "ive"),
        ("iviti", "ive"),
        ("biliti", "ble"),
        ("bli", "ble"),
        ("ogi", "og"),
        ("fulli", "ful"),
        ("lessli", "less"),
        ("li", ""),
    ]
)
_STEP3 = _by_last(
    [
        ("tional", "tion"),
        ("ational", "ate"),
        ("alize", "al"),
        ("icate", "ic"),
        ("iciti", "ic"),
        ("ical", "ic"),
        ("ful", ""),
        ("ness", ""),
        ("ative", ""),
    ]
)
_STEP4 = _by_last(
    [
        (s, "")
        for s in [
            "al",
            "ance",
            "ence",
            "er",
            "ic",
            "able",
            "ible",
            "ant",
            "ement",
            "ment",
            "ent",
            "ism",
            "ate",
            "iti",
            "ous",
            "ive",
            "ize",
            "ion",
        ]
    ]
)
_VC_RE = re.compile(r"[aeiouy][^aeiouy]")
_R1_PREFIX_RE = re.compile(r"gener|commun|arsen|past|univers|later|emerg|organ|inter")
_Y_AFTER_VOWEL_RE = re.compile(r"(?<=[aeiouy])y")


def _short_end(w: str) -> bool:
    n = len(w)
    if n == 2:
        return w[0] in _VOWELS and w[1] not in _VOWELS
    if n >= 3:
        return w[-3] not in _VOWELS and w[-2] in _VOWELS and w[-1] not in _VOWELS and w[-1] not in "wxY"
    return False


def porter2(word: str) -> str:
    """The Snowball English (Porter2) stem of a lower-case ASCII word.

    A compact port: ~10x faster than the pure-Python ``snowballstemmer`` and equal to it on >99.9% of the words
    tested (tests/test_matching.py compares them).
    """
    if len(word) <= 2:
        return word
    if word in _STEM_EXCEPTIONS:
        return _STEM_EXCEPTIONS[word]
    w = word.lstrip("'")
    if w.startswith("y"):
        w = "Y" + w[1:]
    if "y" in w:
        w = _Y_AFTER_VOWEL_RE.sub("Y", w)
    n = len(w)
    m = _R1_PREFIX_RE.match(w) or _VC_RE.search(w)
    r1 = m.end() if m else n
    m = _VC_RE.search(w, r1)
    r2 = m.end() if m else n
    # step 1a (every suffix of which ends in "s" or "d")
    if w[-1] in "sd":
        if w.endswith("sses"):
            w = w[:-2]
        elif w.endswith(("ied", "ies")):
            w = w[:-2] if len(w) > 4 else w[:-1]
        elif w.endswith(("us", "ss")):
            pass
        elif w.endswith("s") and any(c in _VOWELS for c in w[:-2]):
            w = w[:-1]
    if w in _STEM_INVARIANT:
        return w
    # step 1b (every suffix of which ends in "ed", "ing" or "ly")
    for suffix in ("eedly", "ingly", "edly", "eed", "ing", "ed") if w.endswith(("ed", "ing", "ly")) else ():
        if w.endswith(suffix):
            if suffix in ("eed", "eedly"):
                if len(w) - len(suffix) >= r1:
                    w = w[: -len(suffix)] + "ee"
            else:
                rest = w[: -len(suffix)]
                if any(c in _VOWELS for c in rest):
                    w = rest
                    if w.endswith(("at", "bl", "iz")):
                        w += "e"
                    elif w.endswith(_DOUBLES):
                        w = w[:-1]
                    elif r1 >= len(w) and _short_end(w):
                        w += "e"
            break
    # step 1c
    if len(w) > 2 and w[-1] in "yY" and w[-2] not in _VOWELS:
        w = w[:-1] + "i"
    # step 2
    for suffix, rep in _STEP2.get(w[-1], ()):
        if w.endswith(suffix):
            if len(w) - len(suffix) >= r1:
                if suffix == "ogi":
                    if w[-4:-3] == "l":
                        w = w[:-3] + rep
                elif suffix == "li":
                    if len(w) >= 3 and w[-3] in _LI_ENDINGS:
                        w = w[:-2]
                else:
                    w = w[: -len(suffix)] + rep
            break
    # step 3
    for suffix, rep in _STEP3.get(w[-1], ()):
        if w.endswith(suffix):
            if len(w) - len(suffix) >= r1:
                if suffix == "ative":
                    if len(w) - len(suffix) >= r2:
                        w = w[:-5]
                else:
                    w = w[: -len(suffix)] + rep
            break
    # step 4
    for suffix, _ in _STEP4.get(w[-1], ()):
        if w.endswith(suffix):
            if len(w) - len(suffix) >= r2:
                if suffix == "ion":
                    if len(w) >= 4 and w[-4] in "st":
                        w = w[:-3]
                else:
                    w = w[: -len(suffix)]
            break
    # step 5
    if w.endswith("e"):
        if len(w) - 1 >= r2 or (len(w) - 1 >= r1 and not _short_end(w[:-1])):
            w = w[:-1]
    elif w.endswith("ll") and len(w) - 1 >= r2:
        w = w[:-1]
    return w.replace("Y", "y")


# --------------------------------------------------------------------------- text

_SCAN_RE = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*|[.,;:!?()\[\]\n]")
_SCAN_ASCII_RE = re.compile(r"[A-Za-z0-9]++(?:['`][A-Za-z0-9]++)*+|[.,;:!?()\[\]\n]")
""":data:`_SCAN_RE` for ASCII text (the same matches there, found faster). The quantifiers are possessive: nothing
follows them in their branch, so the greedy match never backtracks into a different one, and none is tried."""
_NON_ALNUM_RE = re.compile(r"[\W_]+")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_CLAUSE_CHARS = frozenset(".,;:!?()[]\n")

STOP_WORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both by can could did do does doing down during each few for from further had has have having he her
    here hers herself him himself his how i if in into is it its itself let lets me more most my myself of off on
    once only or other our ours ourselves out over own same she should so some such than that thats the their theirs
    them themselves then there theres these they this those through to too under until up us very was we were what
    when where which while who whom why will with would you your yours yourself yourselves im ive youre
    may might must shall ought get gets got s t d ll m re ve y etc eg ie""".split()  # noqa: SIM905
)
"""Function words: never content."""

CLAUSE_WORDS: frozenset[str] = frozenset("but although though however yet whereas i we he she they there".split())  # noqa: SIM905
"""Words that start a new clause: they end a negator's scope. Subject pronouns are among them, since students seldom
punctuate: in "its not biology they are just on their phones" the "not" stops at "they"."""

NEGATORS: frozenset[str] = frozenset(
    """not no never none nobody nothing neither nor cannot cant dont doesnt didnt isnt arent wasnt werent wont
    wouldnt shouldnt couldnt hasnt havent hadnt mustnt neednt aint without nowhere hardly barely""".split()  # noqa: SIM905
)
"""Words that flip the polarity of the next few content words of their clause."""

GENERIC_WORDS: frozenset[str] = frozenset(
    """people person thing things way ways make makes made making many much lot lots one ones even well really
    good bad use used using think thinks believe believes feel feels like likes want wants need needs know say says
    said go goes going give gives take takes new old time times able allow allows instead rather therefore just
    thus whether every everyone someone something anyone anything often always sometimes""".split()  # noqa: SIM905
)
"""Common English words that carry little meaning on their own: down-weighted, not dropped."""

NEGATION_SCOPE = 3
"""How many content words after a negator it negates (within the clause)."""
NEGATION_SCOPES: dict[str, int] = {"without": 2}
"""Negators with a narrower reach: "without" negates its object ("without enough compute"), not the rest of the
clause ("without EUV there stuck years behind": EUV, not "stuck years behind")."""

_RELATED_GROUPS = (
    "child children kid kids",
    "man men",
    "woman women",
    "person people persons",
    "life lives",
    "good better best",
    "bad worse worst",
    "expensive costly pricey overpriced",
    "cheap cheaper inexpensive affordable",
    "danger dangerous risk risky hazard",
    "money funds funding cash",
    "law laws legislation",
    "illegal unlawful",
    "rule rules regulation regulations",
    "freedom liberty",
    "right rights entitlement",
    "equal equality",
    "harm harms harmful damage damaging hurt hurts",
    "help helps benefit benefits",
    "increase increases rise rises grow grows",
    "reduce reduces decrease decreases lower lowers cut cuts",
    "stop prevent prevents",
    "choice choose option",
    "health healthy",
    "doctor doctors physician physicians",
    "student students pupil pupils",
    "parent parents family families",
    "crime crimes criminal criminals",
    "big large huge",
    "small little tiny",
    "safe safety secure security",
    "disease diseases illness illnesses sickness disorder disorders",
    "kill kills killing killed murder murders death deaths die dies dying",
    "job jobs employment",
    "poor poverty",
    "rich wealthy wealth",
    "unfair unjust injustice",
    "moral ethical ethics morality morals",
    "immoral unethical",
    "religion religious faith",
    "scientific science",
    "innovation innovations innovate invention inventions invent creativity creative",
    "protect protects protection protected safeguard",
    "steal steals stealing theft stolen",
    "compulsory mandatory obligatory",
    "ban bans banned banning prohibit prohibits prohibited prohibition forbid outlaw",
    "legal legalize legalise legalized legalised lawful",
    "happy happiness",
    "problem problems issue issues",
    "gun guns weapon weapons firearm firearms",
    "country countries nation nations",
    "democracy democratic",
    "terrorist terrorists terrorism terror",
    "addict addicts addiction addictive addicted",
    "drug drugs narcotics",
    "worker workers employee employees labour labor",
    "economy economic economically economies",
    "violence violent",
    "voter voters vote votes voting",
    "information info knowledge",
    "baby babies infant infants",
    "young youth youngsters teenager teenagers",
    "decide decision decisions",
    "abuse abused abuses exploitation exploit exploited",
    "pay paid wage wages salary salaries",
    "unemployment unemployed jobless",
    "society community",
    "government governments authorities",
    "education educational schooling",
    "teacher teachers educator educators",
    "culture cultural tradition traditions traditional",
    "environment environmental pollution pollute",
    "prison prisons jail jails imprisonment",
)
"""Small general-English groups of related words (hand-written, no data set's text); each word is folded onto its
group's first word before stemming. Synonyms and derivations the stemmer keeps apart (``scientific``/``science``,
``disorder``/``disease``) so an answer in other words still carries the point."""

RELATED: dict[str, str] = {w: group.split()[0] for group in _RELATED_GROUPS for w in group.split()[1:]}
"""Word -> the word it is folded onto (irregular forms and a few near-synonyms)."""

# kinds of scanned tokens
_CONTENT, _STOP, _NEGATOR, _CLAUSE = 0, 1, 2, 3
_NT_BASES = frozenset("do does did is are was were wo would should could has have had must need ai ca sha".split())  # noqa: SIM905


def _fold_word(word: str) -> str:
    """Case, accents and apostrophes folded away; letters and digits only."""
    if word.isascii():
        folded = word.lower()
        if folded.isalnum():  # ASCII letters and digits only: no "'s", apostrophe or other character to drop below
            return folded
    else:
        decomposed = unicodedata.normalize("NFKD", word.casefold())
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]
    return _NON_ALNUM_RE.sub("", folded.translate(_APOSTROPHES))


def _normalise_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    stripped = unicodedata.normalize("NFKD", stripped)
    stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM_RE.sub(" ", stripped.translate(_APOSTROPHES)).split())


def normalise(text: str) -> str:
    """Text folded for comparison: case, accents, apostrophes and punctuation folded, single spaces; idempotent."""
    out = _normalise_once(text)
    for _ in range(4):
        again = _normalise_once(out)
        if again == out:
            break
        out = again
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word (cached)."""
    word = RELATED.get(word, word)
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    return porter2(word)


_LEX: dict[str, tuple[str, int]] = {}
"""Scanned token -> (stem, kind): :func:`_lex`'s cache."""
_PREFIX: dict[str, str] = {}
"""Content stem of :data:`_LEX` -> its first four letters."""
_CHUNK_STEMS: dict[str, tuple[str, ...]] = {}
"""Chunk of text between whitespace -> the content stems of its tokens, in order (:func:`_lex_chunk`'s cache). The
tokens of a text without a line break are its chunks' tokens in turn: no token spans whitespace, and ``\n`` is the
only whitespace character that is a token."""
_CHUNK_LEXEMES: dict[str, tuple[tuple[str, int], ...]] = {}
"""Chunk of :data:`_CHUNK_STEMS` -> the (stem, kind) of each of its tokens."""
_NEGATOR_CHUNKS: set[str] = set()
"""The chunks of :data:`_CHUNK_STEMS` that have a negator among their tokens."""
_LEXICON_LIMIT = 200_000
"""Entries past which :func:`_trim_lexicon` forgets the token and chunk caches."""


def _lex(raw: str) -> tuple[str, int]:
    """(stem, kind) of one scanned token (cached; a content stem's prefix goes to :data:`_PREFIX`)."""
    hit = _LEX.get(raw)
    if hit is not None:
        return hit
    if raw in _CLAUSE_CHARS:
        out = ("", _CLAUSE)
    else:
        folded = _fold_word(raw)
        if not folded:
            out = ("", _STOP)
        elif folded in NEGATORS or (folded.endswith("nt") and folded[:-2] in _NT_BASES):
            out = (folded, _NEGATOR)
        elif folded in CLAUSE_WORDS:
            out = (folded, _CLAUSE)
        elif folded in STOP_WORDS:
            out = (folded, _STOP)
        else:
            word = stem(folded)
            out = (word, _CONTENT)
            _PREFIX[word] = word[:4]
    _LEX[raw] = out
    return out


def _lex_chunk(chunk: str) -> tuple[str, ...]:
    """The content stems of one chunk of text between whitespace (cached, with its lexemes and negators)."""
    if chunk.isalnum():  # one token: [^\W_] is exactly the characters for which str.isalnum() holds
        lexeme = _lex(chunk)
        lexemes: tuple[tuple[str, int], ...] = (lexeme,)
        stems: tuple[str, ...] = (lexeme[0],) if lexeme[1] == _CONTENT else ()
        negator = lexeme[1] == _NEGATOR
    else:
        lexemes = tuple(map(_lex, _SCAN_RE.findall(chunk)))
        stems = tuple([word for word, kind in lexemes if kind == _CONTENT])
        negator = _NEGATOR in [kind for _, kind in lexemes]
    _CHUNK_STEMS[chunk] = stems
    _CHUNK_LEXEMES[chunk] = lexemes
    if negator:
        _NEGATOR_CHUNKS.add(chunk)
    return stems


def _trim_lexicon() -> None:
    """Forget the token and chunk caches once they are large. Called before a text is scanned, never while: every
    token and chunk of a text stays cached (with its prefix) until the text is done."""
    if len(_LEX) > _LEXICON_LIMIT or len(_CHUNK_STEMS) > _LEXICON_LIMIT:
        _clear_lexicon()


def _clear_lexicon() -> None:
    _LEX.clear()
    _PREFIX.clear()
    _CHUNK_STEMS.clear()
    _CHUNK_LEXEMES.clear()
    _NEGATOR_CHUNKS.clear()


def clear_caches() -> None:
    """Forget the module's token and stem caches (scores do not change; for timings from a cold start)."""
    _clear_lexicon()
    stem.cache_clear()


def scan(text: str) -> tuple[list[str], list[bool]]:
    """The content stems of ``text`` in order, and whether each is inside a negator's scope."""
    _trim_lexicon()
    stems: list[str] = []
    negated: list[bool] = []
    lexemes: Iterable[tuple[str, int]]
    if "\n" in text:  # a line break ends a clause: scan the whole text
        lexemes = map(_lex, _SCAN_RE.findall(text))
    else:
        # No line break: the tokens are the chunks' tokens in turn (see _CHUNK_STEMS), looked up chunk by chunk.
        chunks = text.split()
        parts = [found if (found := _CHUNK_STEMS.get(c)) is not None else _lex_chunk(c) for c in chunks]
        if _NEGATOR_CHUNKS.isdisjoint(chunks):  # no negator: the loop below would list the stems, none negated
            stems = list(itertools.chain.from_iterable(parts))
            return stems, [False] * len(stems)
        lexemes = itertools.chain.from_iterable(map(_CHUNK_LEXEMES.__getitem__, chunks))
    for word, flag in _polarity(lexemes):
        stems.append(word)
        negated.append(flag)
    return stems, negated


def _polarity(lexemes: Iterable[tuple[str, int]]) -> Iterator[tuple[str, bool]]:
    """Each content stem of ``lexemes`` with whether it is negated: the one home of the negation rule.

    A negator negates the next :data:`NEGATION_SCOPE` content words (fewer for :data:`NEGATION_SCOPES`); a clause
    boundary (punctuation, :data:`CLAUSE_WORDS`) ends its reach.
    """
    scope = 0
    for word, kind in lexemes:
        if kind == _CONTENT:
            if scope:
                scope -= 1
                yield word, True
            else:
                yield word, False
        elif kind == _NEGATOR:
            scope = NEGATION_SCOPES.get(word, NEGATION_SCOPE)
        elif kind == _CLAUSE:
            scope = 0


def scan_spans(text: str) -> list[tuple[str, int, int]]:
    """The content stems of ``text`` with their ``[start, end)`` offsets (same tokens as :func:`scan`)."""
    _trim_lexicon()
    out: list[tuple[str, int, int]] = []
    for m in _SCAN_RE.finditer(text):
        word, kind = _lex(m.group())
        if kind == _CONTENT:
            out.append((word, m.start(), m.end()))
    return out


def stems_of(text: str) -> list[str]:
    """The content stems of ``text``, in order."""
    return scan(text)[0]


# --------------------------------------------------------------------------- features


@dataclass(slots=True)
class _Bag:
    """A text reduced to what scoring needs."""

    weights: dict[str, float]
    """Content stem -> weight (IDF x topic/generic factor)."""
    negated: dict[str, bool]
    """Content stem -> whether all its occurrences are negated."""
    total: float
    """Sum of weights."""
    bigrams: frozenset[tuple[str, str]]
    """Adjacent content-stem pairs (candidates; empty for answers: scoring does not use them)."""
    joined: str
    """Distinct content stems joined by spaces (for fuzzy token scores)."""
    items: tuple[tuple[str, float, bool, bool, str], ...] = ()
    """(stem, weight, negated, is topic word, first four letters), for candidates."""
    topicless: float = 0.0
    """Sum of the weights of the stems that are not topic words (candidates)."""
    prefixes: AbstractSet[str] = frozenset()
    """First four letters of every stem (answers)."""
    spans: list[tuple[str, int, int]] | None = None
    """(stem, start, end) of every content word, computed on first use (answers)."""
    keys: frozenset[str] = frozenset()
    """The content stems (the keys of ``weights``), for set operations."""
    log_len: float = 0.0
    """``log1p`` of the number of distinct stems (answers)."""
    topicless_share: float = 0.0
    """``topicless / total`` (candidates)."""
    entries: dict[str, tuple[int, str, float, bool, bool]] = field(default_factory=dict)
    """Stem -> (its index in ``items``, then the first four fields of its item), for candidates: sorting entries
    puts them in item order."""
    prefix_count: dict[str, int] = field(default_factory=dict)
    """First four letters -> how many ``items`` start with them (candidates)."""
    prefix_keys: frozenset[str] = frozenset()
    """The keys of ``prefix_count`` (candidates)."""
    unique_prefixes: bool = True
    """Whether no two ``items`` share their first four letters (candidates)."""
    norm: float = 0.0
    """Euclidean norm of ``weights`` (answers; 0.0 until :meth:`Matcher._agreement` first needs it)."""
    denies: bool = False
    """Whether any stem is negated (answers)."""


@dataclass(slots=True)
class _CandidateFeatures:
    """Everything precomputed about one candidate."""

    text: _Bag
    """The model text."""
    phrasings: list[_Bag]
    """The curated phrasings (blank ones dropped)."""
    keywords: list[tuple[str, tuple[frozenset[str], ...]]]
    """(display text, alternatives as stem sets) per keyword entry."""
    keyword_stems: frozenset[str]
    """Every stem of every keyword alternative."""
    surface: dict[str, str]
    """Stem -> a surface word of the candidate (for ``missing``)."""
    pooled: _Bag | None
    """Text and phrasings pooled: every stem weighted by the share of them that say it (None without phrasings)."""
    stems: frozenset[str]
    """The stems of the text and the phrasings (the pooled bag's are among them)."""
    absent: tuple[str, ...]
    """The text's non-topic stems, heaviest first (ties in text order): ``missing`` candidates."""
    idle: Verdict
    """The verdict for any answer sharing no stem with :attr:`stems` or :attr:`keyword_stems` (score 0)."""
    centroid: dict[str, float] = field(default_factory=dict)
    """Stem -> summed weight of the text's and phrasings' bags, each scaled to unit norm (empty without phrasings)."""
    centroid_norm: float = 0.0
    """Euclidean norm of :attr:`centroid`."""
    centroid_keys: frozenset[str] = frozenset()
    """The keys of :attr:`centroid`."""
    centroid_denied: dict[str, float] = field(default_factory=dict)
    """Stem -> the part of its :attr:`centroid` weight from bags where it is negated (only stems negated somewhere)."""


@dataclass(slots=True)
class _Bank:
    """A list of candidates prepared once: their features and a stem -> candidates index."""

    features: list[_CandidateFeatures]
    """Per candidate, in bank order."""
    index: dict[str, list[int]]
    """Stem -> positions of the candidates whose text, phrasings or keywords contain it."""
    plain: list[_Bag | None]
    """Per candidate: its text's bag when it has neither phrasings nor keywords (its score is the text's), else None."""
    reach: list[frozenset[str]]
    """Per candidate: the stems of its text, phrasings and keywords (an answer with none of them scores 0)."""


_SMALL_BANK = 8
"""Banks of at most this many candidates are scored by walking every candidate rather than the index."""


# Logistic weights: fitted by ``debate bench fit`` (see debate/bench.py: fit) on the ArgKP train split.
# Feature order is FEATURES. Fitted before the related-word groups after "small little tiny" and the slash
# alternatives were added; a refit on the current features gains little on train (mAP strict 0.445 vs 0.440) but
# moves 7 curated examples of motions/ across HIT, so these stay. Leave-topics-out figures:
# ``debate bench cv DIR [--shots K] [--keep-base]``.
FEATURES: tuple[str, ...] = (
    "coverage",
    "coverage_sq",
    "precision",
    "matched_content",
    "fuzzy_set",
    "fuzzy_ratio",
    "log_answer_len",
    "negation_mismatch",
    "max_idf_matched",
    "soft_coverage",
    "matched_weight",
    "topicless_coverage",
    "topicless_coverage_sq",
    "topicless_mass",
)
WEIGHTS: tuple[float, ...] = (
    -2.235,
    1.8197,
    2.361,
    -2.0088,
    -0.7955,
    1.6002,
    0.2438,
    -0.1566,
    2.2414,
    3.1536,
    2.5143,
    -1.2217,
    2.2619,
    1.8801,
)
BIAS: float = -4.8515

NEGATION_PENALTY = 0.85
"""Share of the score a full negation mismatch (on every word that carried the match) removes."""
NEGATION_GAIN = 3.0
"""Penalty share = min(1, gain x mismatched share of the carrying weight)."""
KEYWORD_CAP = HIT - 0.01
"""The highest score a candidate with a missing keyword can get."""
PHRASING_WEIGHT = 1.0
"""How much the best curated phrasings' evidence can add, anchored on the model text's own score."""
# Consensus of the text and its phrasings: fitted by ``debate bench fit DIR --consensus`` (debate/bench.py:
# fit_consensus) on the ArgKP train split with 3 labelled arguments per key point as phrasings (seed 0).
# Order: text score, mean phrasing score, pooled-bag score, cosine to the centroid of text and phrasings.
CONSENSUS_WEIGHTS: tuple[float, ...] = (2.4129, 2.0728, 0.1518, 8.1766)
CONSENSUS_BIAS: float = -2.8417
POOL_MIN_DOCS = 2
"""A phrasing stem joins the pooled bag when at least this many of text and phrasings carry it."""
POOL_SHARE_POWER = 0.5
"""Pooled weight = weight x (share of text and phrasings carrying the stem) ** this."""
TOPIC_ONLY_CAP = NEAR - 0.05
"""Score factor (and so the highest score) when only topic words are shared and the candidate has others."""
MIN_HIT_COVERAGE = 0.3
"""A hit must cover at least this share of the candidate's non-topic weight (else the score stays below HIT)."""
TOPIC_FACTOR = 0.15
"""Weight factor of topic words."""
GENERIC_FACTOR = 0.3
"""Weight factor of generic words."""


def _index_items(bag: _Bag) -> None:
    """Fill the lookups of a candidate bag's ``items`` used by :meth:`Matcher._probability`."""
    bag.entries = {s: (i, s, w, ng, is_topic) for i, (s, w, ng, is_topic, _) in enumerate(bag.items)}
    counts: dict[str, int] = {}
    for item in bag.items:
        counts[item[4]] = counts.get(item[4], 0) + 1
    bag.prefix_count = counts
    bag.prefix_keys = frozenset(counts)
    bag.unique_prefixes = len(counts) == len(bag.items)


_SLASHED_RE = re.compile(r"[^\W_]+(?:\s*/\s*[^\W_]+)+")
"""Words joined by slashes (``noise/fumes/congestion``): alternatives, any one of which says the point."""


def _alternatives(text: str, weights: dict[str, float]) -> list[list[str]]:
    """Groups of one-word alternatives of ``text`` (stems among ``weights``' keys), no stem in two groups.

    A candidate bag weighs every alternative of a group as its heaviest one and counts the group once in its total, so
    an answer saying one alternative covers the group.
    """
    out: list[list[str]] = []
    seen: set[str] = set()
    for m in _SLASHED_RE.finditer(text):
        group: list[str] = []
        for part in m.group().split("/"):
            found = stems_of(part)
            if len(found) == 1 and found[0] in weights and found[0] not in group:
                group.append(found[0])
        if len(group) > 1 and seen.isdisjoint(group):
            seen.update(group)
            out.append(group)
    return out


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Matcher:
    """Scores answers against candidates for one motion (topic words and IDF come from the motion)."""

    def __init__(self, topic: str = "", corpus: Sequence[str] = ()) -> None:
        """``topic``: text whose words every answer repeats (motion title + context), down-weighted.
        ``corpus``: all prose of the motion, for IDF."""
        self.topic: frozenset[str] = frozenset(stems_of(topic))
        """Stems of the topic text."""
        if isinstance(corpus, str):
            corpus = [corpus]
        df: dict[str, int] = {}
        for text in corpus:
            for s in set(stems_of(text)):
                df[s] = df.get(s, 0) + 1
        n = len(corpus)
        self._idf: dict[str, float] = {s: math.log((n + 1) / (c + 0.5)) + 1.0 for s, c in df.items()}
        self._idf_unknown = math.log((n + 1) / 0.5) + 1.0
        self._generic = frozenset(stem(w) for w in GENERIC_WORDS)
        # Every stem that may weigh other than the bare unknown IDF (the corpus's, the topic's, the generic words'),
        # weighed now as :meth:`weight` does: any other stem weighs _idf_unknown, so
        # ``self._weights.get(s, self._idf_unknown)`` is ``self.weight(s)`` for every stem, a lookup in C.
        idf = self._idf
        unknown = self._idf_unknown
        topic_stems = self.topic
        generic = self._generic
        self._weights: dict[str, float] = {
            s: idf.get(s, unknown) * TOPIC_FACTOR
            if s in topic_stems
            else idf.get(s, unknown) * GENERIC_FACTOR
            if s in generic
            else idf.get(s, unknown)
            for s in itertools.chain(idf, topic_stems, generic)
        }
        self._cand_cache: dict[Candidate, _CandidateFeatures] = {}
        self._answer_cache: dict[str, _Bag] = {}
        self._bank_cache: dict[tuple[Candidate, ...], _Bank] = {}
        self._bank_by_ids: dict[tuple[int, ...], tuple[tuple[Candidate, ...], _Bank]] = {}

    @classmethod
    def for_motion(cls, motion: Motion) -> Matcher:
        """The matcher for one motion: its title and context are the topic, all its prose the corpus."""
        return cls(topic=motion.topic_text, corpus=motion.all_text())

    # ----------------------------------------------------------------- weights

    def weight(self, s: str) -> float:
        """The weight of one content stem."""
        w = self._weights.get(s)
        if w is None:
            w = self._idf.get(s, self._idf_unknown)
            if s in self.topic:
                w *= TOPIC_FACTOR
            elif s in self._generic:
                w *= GENERIC_FACTOR
            self._weights[s] = w
        return w

    def _bag(self, text: str) -> _Bag:
        stems, negs = scan(text)
        return self._bag_of(stems, negs)

    def _bag_of(self, stems: list[str], negs: list[bool]) -> _Bag:
        weights: dict[str, float] = {}
        negated: dict[str, bool] = {}
        weight = self._weights.get
        for s, ng in zip(stems, negs, strict=True):
            if s in weights:
                if not ng:
                    negated[s] = False
            else:
                weights[s] = weight(s) or self.weight(s)
                negated[s] = ng
        bigrams = frozenset(itertools.pairwise(stems))
        bag = _Bag(weights, negated, sum(weights.values()), bigrams, " ".join(weights))
        bag.keys = frozenset(weights)
        return bag

    def _candidate_bag(self, text: str) -> _Bag:
        bag = self._bag(text)
        topic = self.topic
        overlap = 0.0  # weight of alternatives counted twice in the totals
        overlap_topicless = 0.0
        if "/" in text:
            weights = bag.weights
            for group in _alternatives(text, weights):
                heaviest = max(weights[s] for s in group)
                for s in group:
                    weights[s] = heaviest
                overlap += heaviest * (len(group) - 1)
                overlap_topicless += heaviest * sum(1 for s in group[1:] if s not in topic)
            bag.total = sum(weights.values()) - overlap
        bag.items = tuple((s, w, bag.negated[s], s in topic, s[:4]) for s, w in bag.weights.items())
        bag.topicless = sum(w for s, w in bag.weights.items() if s not in topic) - overlap_topicless
        bag.topicless_share = bag.topicless / bag.total if bag.total else 0.0
        _index_items(bag)
        return bag

    def _candidate(self, candidate: Candidate) -> _CandidateFeatures:
        cached = self._cand_cache.get(candidate)
        if cached is not None:
            return cached
        surface: dict[str, str] = {}
        for raw in _SCAN_RE.findall(candidate.text):  # scan_spans's tokens, without their offsets
            word, kind = _lex(raw)
            if kind == _CONTENT:
                surface.setdefault(word, raw)
        phrasings = [self._candidate_bag(p) for p in candidate.phrasings if p.strip()]
        keywords: list[tuple[str, tuple[frozenset[str], ...]]] = []
        for entry in candidate.keywords:
            alternatives = [a.strip() for a in entry.split("|") if a.strip()]
            sets = [frozenset(stems_of(a)) for a in alternatives]
            sets = [s for s in sets if s]
            if sets:
                keywords.append((alternatives[0], tuple(sets)))
        keyword_stems = frozenset(s for _, alts in keywords for alt in alts for s in alt)
        text = self._candidate_bag(candidate.text)
        stems = text.keys.union(*(bag.keys for bag in phrasings))
        weights = text.weights
        absent = tuple(sorted((s for s in weights if s not in self.topic), key=lambda s: -weights[s]))
        if keywords:
            idle_missing = tuple(display for display, _ in keywords)
        else:
            idle_missing = tuple(surface.get(s, s) for s in absent[:3])
        idle = Verdict(candidate.id, 0.0, kind_of(0.0), (), idle_missing, ())
        pooled = self._pooled(text, phrasings)
        features = _CandidateFeatures(text, phrasings, keywords, keyword_stems, surface, pooled, stems, absent, idle)
        if phrasings:
            centroid: dict[str, float] = {}
            for bag in (text, *phrasings):
                norm = math.sqrt(sum(w * w for w in bag.weights.values())) or 1.0
                for s, w in bag.weights.items():
                    centroid[s] = centroid.get(s, 0.0) + w / norm
            features.centroid = centroid
            denied: dict[str, float] = {}
            for bag in (text, *phrasings):
                norm = math.sqrt(sum(w * w for w in bag.weights.values())) or 1.0
                for s, ng in bag.negated.items():
                    if ng:
                        denied[s] = denied.get(s, 0.0) + bag.weights[s] / norm
            features.centroid_denied = denied
            features.centroid_norm = math.sqrt(sum(w * w for w in centroid.values()))
            features.centroid_keys = frozenset(centroid)
        self._cand_cache[candidate] = features
        return features

    def _pooled(self, text: _Bag, phrasings: list[_Bag]) -> _Bag | None:
        """The consensus bag: the text's stems and any stem two or more phrasings share, weighted by their share."""
        if not phrasings:
            return None
        docs = [text, *phrasings]
        counts: dict[str, int] = {}
        for bag in docs:
            for s in bag.weights:
                counts[s] = counts.get(s, 0) + 1
        weights: dict[str, float] = {}
        for s, c in counts.items():
            if s in text.weights or c >= POOL_MIN_DOCS:
                weights[s] = self.weight(s) * (c / len(docs)) ** POOL_SHARE_POWER
        negated = {s: text.negated.get(s, False) for s in weights}
        bigrams = frozenset(b for bag in docs for b in bag.bigrams if b[0] in weights and b[1] in weights)
        topic = self.topic
        bag = _Bag(
            weights,
            negated,
            sum(weights.values()),
            bigrams,
            " ".join(weights),
            tuple((s, w, negated[s], s in topic, s[:4]) for s, w in weights.items()),
            sum(w for s, w in weights.items() if s not in topic),
            keys=frozenset(weights),
        )
        bag.topicless_share = bag.topicless / bag.total if bag.total else 0.0
        _index_items(bag)
        return bag

    def _bank(self, candidates: Sequence[Candidate]) -> _Bank:
        """The prepared bank for ``candidates``: found by the candidates' identities (cheap), else by value."""
        ids = tuple(map(id, candidates))
        known = self._bank_by_ids.get(ids)
        if known is not None:  # the entry holds the candidates themselves, so their ids cannot have been reused
            return known[1]
        key = tuple(candidates)
        bank = self._bank_cache.get(key)
        if bank is None:
            features = [self._candidate(c) for c in key]
            index: dict[str, list[int]] = {}
            for i, cf in enumerate(features):
                for s in cf.stems | cf.keyword_stems:
                    index.setdefault(s, []).append(i)
            bank = _Bank(
                features,
                index,
                [cf.text if cf.pooled is None and not cf.keywords else None for cf in features],
                [cf.stems | cf.keyword_stems for cf in features],
            )
            if len(self._bank_cache) >= 64:
                self._bank_cache.clear()
            self._bank_cache[key] = bank
        if len(self._bank_by_ids) >= 64:
            self._bank_by_ids.clear()
        self._bank_by_ids[ids] = (key, bank)
        return bank

    def _answer(self, answer: str, spans: bool = True) -> _Bag:
        """The answer's bag, tokenised once: stems, negation and (with ``spans``) the offsets of its content words.

        The same tokens, stems and weights as :meth:`_bag` (:func:`scan`), built in one pass. Bags with spans are
        cached (the interactive paths, :meth:`rank` and :meth:`score`, see one answer many times); the bulk path,
        :meth:`scores`, sees each answer once, so its bags are not kept (a cached bag serves both).
        """
        cached = self._answer_cache.get(answer)
        if cached is not None:
            return cached
        _trim_lexicon()
        weights: dict[str, float] = {}
        negated: dict[str, bool] = {}
        weight = self._weights.get
        unknown = self._idf_unknown
        lex = _lex
        lexed = _LEX.get
        found: list[tuple[str, int, int]] | None = None
        if spans:
            found = []
            lexemes: list[tuple[str, int]] = []
            for m in _SCAN_RE.finditer(answer):
                lexeme = lexed(m.group()) or lex(m.group())
                lexemes.append(lexeme)
                if lexeme[1] == _CONTENT:
                    found.append((lexeme[0], m.start(), m.end()))
            self._fill(weights, negated, lexemes)
        elif "\n" in answer:  # a line break ends a clause: scan the whole text
            tokens = (_SCAN_ASCII_RE if answer.isascii() else _SCAN_RE).findall(answer)
            self._fill(weights, negated, [lexed(raw) or lex(raw) for raw in tokens])
        else:
            # No line break: the tokens are the chunks' tokens in turn (see _CHUNK_STEMS), and the chunks, unlike
            # the tokens, come from str.split and a lookup each, in C.
            chunks = answer.split()
            cached_parts = list(map(_CHUNK_STEMS.get, chunks))
            if None in cached_parts:  # new chunks: lexed and cached
                parts = [p if p is not None else _lex_chunk(c) for p, c in zip(cached_parts, chunks, strict=True)]
            else:
                parts = cast("list[tuple[str, ...]]", cached_parts)
            if not _NEGATOR_CHUNKS.isdisjoint(chunks):
                self._fill(weights, negated, itertools.chain.from_iterable(map(_CHUNK_LEXEMES.__getitem__, chunks)))
            else:
                # No negator: no stem is negated, so _fill reduces to the content stems in order of first
                # occurrence, each with its weight (the same dicts in the same order).
                order = dict.fromkeys(itertools.chain.from_iterable(parts))
                weights = {s: weight(s, unknown) for s in order}
                bag = _Bag(weights, dict.fromkeys(order, False), sum(weights.values()), frozenset(), " ".join(order))
                bag.keys = frozenset(order)
                bag.prefixes = set(map(_PREFIX.__getitem__, order))  # each came through _lex, still cached
                bag.log_len = math.log1p(len(order))
                return bag
        bag = _Bag(weights, negated, sum(weights.values()), frozenset(), " ".join(weights), spans=found)
        bag.keys = frozenset(weights)
        bag.prefixes = {s[:4] for s in weights}
        bag.log_len = math.log1p(len(weights))
        bag.denies = True in negated.values()
        if spans:
            if len(self._answer_cache) >= 64:
                self._answer_cache.clear()
            self._answer_cache[answer] = bag
        return bag

    def _fill(self, weights: dict[str, float], negated: dict[str, bool], lexemes: Iterable[tuple[str, int]]) -> None:
        """Add the content stems of ``lexemes`` (in order of first occurrence) to ``weights`` with their weight and to
        ``negated`` with whether every occurrence is in a negator's scope."""
        weight = self._weights.get
        unknown = self._idf_unknown
        for word, flag in _polarity(lexemes):
            if word not in weights:
                weights[word] = weight(word, unknown)
                negated[word] = flag
            elif not flag:
                negated[word] = False  # negated only if every occurrence is

    def _touched(self, ans: _Bag, bank: _Bank) -> set[int]:
        """Positions of the bank's candidates sharing a stem with the answer (the others score 0)."""
        # the union of the index's lists for the answer's stems, gathered in C
        return set(itertools.chain.from_iterable(filter(None, map(bank.index.get, ans.weights))))

    # ----------------------------------------------------------------- scoring

    def features(self, ans: _Bag, cand: _Bag) -> tuple[list[float], float] | None:
        """(feature vector in FEATURES order, negation mismatch share), or None when no stem is shared.

        The reference form of the features (used by :func:`debate.bench.fit`); scoring uses the same arithmetic
        inlined in :meth:`_probability`.
        """
        aw = ans.weights
        aneg = ans.negated
        hit_w = a_hit = neg_w = max_w = nt_hit = soft = 0.0
        content = 0
        prefixes = ans.prefixes
        for s, w, ng, is_topic, prefix in cand.items:
            a = aw.get(s)
            if a is None:
                if prefix in prefixes:
                    soft += w
                continue
            hit_w += w
            a_hit += a
            if aneg[s] is not ng:
                neg_w += w
            if not is_topic:
                content += 1
                nt_hit += w
            if w > max_w:
                max_w = w
        if hit_w <= 0.0:
            return None
        coverage = hit_w / cand.total
        topicless = nt_hit / cand.topicless if cand.topicless > 0.0 else 0.0
        neg = neg_w / hit_w
        vector = [
            coverage,
            coverage * coverage,
            a_hit / ans.total,
            min(content, 4) / 4.0,
            fuzz.token_set_ratio(ans.joined, cand.joined) / 100.0,
            fuzz.ratio(ans.joined, cand.joined) / 100.0,
            math.log1p(len(aw)),
            neg,
            max_w / self._idf_unknown,
            (hit_w + soft) / cand.total,
            min(hit_w, 10.0) / 10.0,
            topicless,
            topicless * topicless,
            cand.topicless / cand.total,
        ]
        return vector, neg

    def _probability(self, ans: _Bag, cand: _Bag) -> float:
        """The score of one bag: the logistic combination of :meth:`features` and the negation/topic rules.

        Same arithmetic as :meth:`features` (same operations in the same order, so the same floats), without
        building the vector; a bag sharing no stem with the answer scores 0 at once.
        """
        shared = ans.keys & cand.keys
        if not shared:
            return 0.0
        aw = ans.weights
        aneg = ans.negated
        hit_w = a_hit = neg_w = max_w = nt_hit = soft = 0.0
        content = 0
        near = cand.prefix_keys & ans.prefixes  # the shared items' prefixes and any other the answer has
        if (len(near) if cand.unique_prefixes else sum(map(cand.prefix_count.__getitem__, near))) == len(shared):
            # Every item whose first four letters the answer has is shared: ``soft`` stays 0.0 and the loop below
            # only adds up the shared items, so visit just those, in item order (the same sums in the same order):
            # entries sort by their item index (one shared item, the most common case, needs no sorting).
            entries = map(cand.entries.__getitem__, shared)
            for _, s, w, ng, is_topic in sorted(entries) if len(shared) > 1 else entries:
                hit_w += w
                a_hit += aw[s]
                if aneg[s] is not ng:
                    neg_w += w
                if not is_topic:
                    content += 1
                    nt_hit += w
                if w > max_w:
                    max_w = w
        else:
            prefixes = ans.prefixes
            for s, w, ng, is_topic, prefix in cand.items:
                a = aw.get(s)
                if a is None:
                    if prefix in prefixes:
                        soft += w
                    continue
                hit_w += w
                a_hit += a
                if aneg[s] is not ng:
                    neg_w += w
                if not is_topic:
                    content += 1
                    nt_hit += w
                if w > max_w:
                    max_w = w
        if hit_w <= 0.0:
            return 0.0
        total = cand.total
        coverage = hit_w / total
        topicless = nt_hit / cand.topicless if cand.topicless > 0.0 else 0.0
        neg = neg_w / hit_w
        w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13 = WEIGHTS
        joined = ans.joined
        # min(x, c) spelled as conditionals (the same value; no call): min returns its first smallest argument
        z = (
            BIAS
            + w0 * coverage
            + w1 * (coverage * coverage)
            + w2 * (a_hit / ans.total)
            + w3 * ((content if content < 4 else 4) / 4.0)
            + w4 * (_token_set_ratio(joined, cand.joined) / 100.0)
            + w5 * (_ratio(joined, cand.joined) / 100.0)
            + w6 * ans.log_len
            + w7 * neg
            + w8 * (max_w / self._idf_unknown)
            + w9 * ((hit_w + soft) / total)
            + w10 * ((10.0 if hit_w > 10.0 else hit_w) / 10.0)
            + w11 * topicless
            + w12 * (topicless * topicless)
            + w13 * cand.topicless_share
        )
        if z >= 0:  # _sigmoid, inlined
            sig = 1.0 / (1.0 + _exp(-z))
        else:
            e = _exp(z)
            sig = e / (1.0 + e)
        gain = NEGATION_GAIN * neg
        p = sig * (1.0 - NEGATION_PENALTY * (gain if gain < 1.0 else 1.0))
        if cand.topicless > 0.0:
            if topicless == 0.0:
                p *= TOPIC_ONLY_CAP
            elif topicless < MIN_HIT_COVERAGE:
                p = min(p, NEAR + (KEYWORD_CAP - NEAR) * p)
        return p

    def _agreement(self, ans: _Bag, cf: _CandidateFeatures) -> tuple[float, float]:
        """(cosine between the answer's weights and the candidate's centroid, share of that cosine carried by words
        whose negation differs between the answer and the text or phrasings that say them)."""
        shared = ans.keys & cf.centroid_keys
        if not shared:
            return 0.0, 0.0
        aw = ans.weights
        centroid = cf.centroid
        dot = math.fsum([aw[s] * centroid[s] for s in shared])  # fsum: the same sum in any (set) order
        norm = ans.norm
        if not norm:  # first use: computed here, not for every answer (only candidates with phrasings need it)
            values = aw.values()
            norm = ans.norm = math.sqrt(sum(map(operator.mul, values, values)))
        denied = cf.centroid_denied
        if not denied and not ans.denies:  # no negation on either side: no word of the opposite polarity
            return dot / (norm * cf.centroid_norm), 0.0
        aneg = ans.negated
        off = math.fsum(
            [aw[s] * (denied.get(s, 0.0) if not aneg[s] else centroid[s] - denied.get(s, 0.0)) for s in shared]
        )
        return dot / (norm * cf.centroid_norm), off / dot

    def consensus_features(
        self, ans: _Bag, cf: _CandidateFeatures, text: float, mean: float, pooled: float
    ) -> list[float]:
        """The inputs of :meth:`_consensus` in CONSENSUS_WEIGHTS order (the cosine computed here)."""
        return [text, mean, pooled, self._agreement(ans, cf)[0]]

    def _consensus(self, ans: _Bag, cf: _CandidateFeatures, text: float, mean: float, pooled: float) -> float:
        """How well the answer agrees with the text and its phrasings taken together (a candidate with phrasings).

        A logistic combination of the text's score, the mean and pooled phrasing scores and the cosine between the
        answer's weights and the centroid of the text's and phrasings' (so phrasings that say the same thing in long
        or varied words still count); cut as :meth:`_probability` cuts for negation, on the share of that cosine
        carried by words of the opposite polarity or the share of the text's matched weight whose negation differs,
        whichever is larger.
        """
        cosine, off = self._agreement(ans, cf)
        if cosine == 0.0:  # no stem in common with the text or any phrasing: no consensus to speak of
            return 0.0
        z = CONSENSUS_BIAS
        for w, x in zip(CONSENSUS_WEIGHTS, (text, mean, pooled, cosine), strict=True):
            z += w * x
        bag = cf.text
        shared = ans.keys & bag.keys if cf.centroid_denied or ans.denies else None
        if shared:  # the text's own words weigh on their own too: its polarity is the point's
            weights = bag.weights
            aneg = ans.negated
            tneg = bag.negated
            mismatch = math.fsum([weights[s] for s in shared if aneg[s] is not tneg[s]])
            if mismatch > 0.0:
                off = max(off, mismatch / math.fsum([weights[s] for s in shared]))
        gain = NEGATION_GAIN * off
        return _sigmoid(z) * (1.0 - NEGATION_PENALTY * (gain if gain < 1.0 else 1.0))

    @staticmethod
    def _lacking(cf: _CandidateFeatures, keys: frozenset[str]) -> list[str]:
        """The display text of every keyword entry none of whose alternatives the answer has (all its stems)."""
        out: list[str] = []
        for display, alts in cf.keywords:
            for alt in alts:
                if alt <= keys:
                    break
            else:
                out.append(display)
        return out

    def _value(self, ans: _Bag, cf: _CandidateFeatures, lacking: list[str] | None = None) -> float:
        """The score (``lacking``: :meth:`_lacking` for this answer, when the caller has it already)."""
        probability = self._probability
        score = probability(ans, cf.text)
        if cf.pooled is not None:
            evidence = sorted([probability(ans, bag) for bag in cf.phrasings], reverse=True)
            pooled = probability(ans, cf.pooled)
            support = max(sum(evidence[:2]) / 2.0, pooled)
            lifted = score + PHRASING_WEIGHT * max(0.0, support - score)
            consensus = self._consensus(ans, cf, score, sum(evidence) / len(evidence), pooled)
            score = lifted if lifted >= consensus else consensus
        if cf.keywords:
            if lacking is None:
                lacking = self._lacking(cf, ans.keys)
            if lacking:
                score = min(score, NEAR + (KEYWORD_CAP - NEAR) * score)
        # round(min(1.0, max(0.0, score)), 6) spelled without the calls to min and max (the same value)
        return round(1.0 if not score < 1.0 else score if score > 0.0 else 0.0, 6)

    def scores(self, answer: str, candidates: Sequence[Candidate]) -> list[float]:
        """Just the scores of :meth:`score` (same values), without explanations: the bulk path."""
        ans = self._answer(answer, spans=False)
        bank = self._bank(candidates)
        plain = bank.plain
        probability = self._probability
        out = [0.0] * len(plain)
        # A small bank is cheaper to walk whole than through the index: a plain candidate sharing no stem with the
        # answer scores 0.0 at once in _probability (out[i] stays 0.0), the others are tested as _touched does.
        if len(plain) <= _SMALL_BANK:
            keys = ans.keys
            reach = bank.reach
            for i, text in enumerate(plain):
                if text is not None:
                    score = probability(ans, text)
                    if score:  # (a score of 0.0 rounds to the 0.0 out[i] holds already)
                        out[i] = round(1.0 if not score < 1.0 else score if score > 0.0 else 0.0, 6)
                elif not keys.isdisjoint(reach[i]):
                    out[i] = self._value(ans, bank.features[i])
            return out
        for i in self._touched(ans, bank):
            text = plain[i]
            if text is not None:  # no phrasings, no keywords: _value reduced to its first and last lines
                score = probability(ans, text)
                out[i] = round(1.0 if not score < 1.0 else score if score > 0.0 else 0.0, 6)
            else:
                out[i] = self._value(ans, bank.features[i])
        return out

    def score(self, answer: str, candidate: Candidate) -> Verdict:
        """How well ``answer`` makes ``candidate``'s point, with the words that carried it."""
        cf = self._candidate(candidate)
        ans = self._answer(answer)
        if ans.keys.isdisjoint(cf.stems) and ans.keys.isdisjoint(cf.keyword_stems):
            return cf.idle
        lacking = self._lacking(cf, ans.keys)
        return self._verdict(answer, self._value(ans, cf, lacking), ans, cf, lacking)

    def _verdict(
        self, answer: str, score: float, ans: _Bag, cf: _CandidateFeatures, lacking: list[str] | None = None
    ) -> Verdict:
        kind = kind_of(score)
        keys = ans.keys
        shared = cf.stems & keys
        # the words that carried it: not the motion's topic words, nor generic ones ("like", "go"), unless only they did
        content = shared - self.topic
        carriers = (content - self._generic) or content or shared
        carriers |= cf.keyword_stems & keys
        matched: list[str] = []
        spans: list[tuple[int, int]] = []
        if carriers:
            seen: set[str] = set()
            if ans.spans is None:
                ans.spans = scan_spans(answer)
            for s, start, end in ans.spans:
                if s in carriers:
                    spans.append((start, end))
                    if s not in seen:
                        seen.add(s)
                        matched.append(answer[start:end])
        missing: list[str] = []
        if kind != "hit":
            missing = self._lacking(cf, keys) if lacking is None else lacking
            if not missing:
                surface = cf.surface
                missing = [surface.get(s, s) for s in [s for s in cf.absent if s not in keys][:3]]
        return Verdict(
            candidate_id=cf.idle.candidate_id,
            score=score,
            verdict=kind,
            matched=tuple(matched),
            missing=tuple(missing),
            spans=tuple(spans),
        )

    def rank(self, answer: str, candidates: Sequence[Candidate]) -> list[Verdict]:
        """Every candidate's verdict, best first; ties keep the candidates' order."""
        ans = self._answer(answer)
        bank = self._bank(candidates)
        features = bank.features
        verdicts = [cf.idle for cf in features]
        keys = ans.keys
        for i in self._touched(ans, bank):
            cf = features[i]
            lacking = self._lacking(cf, keys) if cf.keywords else []
            verdicts[i] = self._verdict(answer, self._value(ans, cf, lacking), ans, cf, lacking)
        # best first, ties in candidate order: a stable sort on the score alone
        order = sorted(range(len(verdicts)), key=[-v.score for v in verdicts].__getitem__)
        return [verdicts[i] for i in order]
