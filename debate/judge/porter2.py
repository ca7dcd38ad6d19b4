"""The Snowball English (Porter2) stemmer, ported: the judge's stems, about ten times faster than snowballstemmer.

Tested against snowballstemmer (the dev extra) word for word; where Snowball 3 differs (``added``, ``evening``) this
port keeps the stems the banks were written against.
"""

from __future__ import annotations

import re

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
    tested (tests/test_judge.py compares them).
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
