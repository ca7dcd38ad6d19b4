"""Text from files and users, made safe to print on a terminal.

Motion titles, file names and YAML values may hold control characters: an escape sequence can recolour, retitle or
clear the teacher's terminal, a carriage return can hide a line, and bidirectional overrides can show text in an
order it is not in. :func:`printable` shows each such character as a visible escape instead, so nothing a file says
is ever acted on by the terminal, and the teacher still sees that something odd is there. :func:`name_key` is the
identity of a typed name (served histories and rulings match students by it; the report, the live class view and
assignment rosters by :func:`match_key`, which folds accents too).
:func:`reflow` is how motion text written as a YAML block reads: as flowing paragraphs (the trainer's screens and the
summary's Markdown export both use it).
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
"""Bidirectional embeddings, overrides, isolates and marks: they reorder what the terminal shows."""
_SEPARATORS = (0x2028, 0x2029, 0x85)
"""Line and paragraph separators some terminals treat as new lines."""

_ESCAPES: dict[int, str] = {
    cp: f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"
    for cp in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI, *_SEPARATORS)
}
_ESCAPES |= {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def printable(text: str) -> str:
    """``text`` with every control character (C0, DEL, C1), bidi control and line separator shown as an escape.

    The result is one line that a terminal prints as is: ``"a\\x1b[31mb"`` becomes ``a\\x1b[31mb`` (the backslash
    spelled out), a new line becomes ``\\n``. Ordinary text, accents and emoji are unchanged.
    """
    return text.translate(_ESCAPES)


_AS_SPACES = dict.fromkeys(_ESCAPES, " ")


def spaced(text: str) -> str:
    """``text`` with every character :func:`printable` escapes (control characters, bidi controls, line breaks and
    separators) made a space: one line of plain text."""
    return text.translate(_AS_SPACES)


def excerpt(text: str, limit: int = 60) -> str:
    """A short printable form of a value for a one-line message: at most ``limit`` characters, then how long it is."""
    if len(text) <= limit:
        return printable(text)
    return f"{printable(text[: limit - 1])}… ({len(text):,} characters)"


def not_utf8(exc: UnicodeDecodeError) -> str:
    """Why a file's bytes are not UTF-8 text, for its one-line error: the first bad byte and its line ("byte 0" read
    as a byte's value; it was an offset)."""
    data = exc.object
    line = data.count(b"\n", 0, exc.start) + 1
    return f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); save the file as UTF-8"


def name_key(name: str) -> str:
    """The identity of a student's name: Unicode-normalised, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


APOSTROPHES = "'\u2018\u2019\u02bc`\u00b4"
"""The marks a name's apostrophe is typed as (a phone's curly one among them)."""
_NAME_MARKS = str.maketrans(dict.fromkeys(APOSTROPHES + "-\u2010\u2011\u2013\u2014.", " "))
"""Apostrophes, hyphens and dashes, and full stops: marks a name is typed with or without ("O'Brien", "O’Brien" with a
phone's curly apostrophe, "o brien"; "Ana-María", "Ana María")."""


_LONE_LETTER = re.compile(r"(?<!\S)([^\W\d_]) (?=\S)")
"""A letter standing alone as a word, and the space after it (not the last word)."""


def match_key(name: str) -> str:
    """How the class report (and the live class view) match a student's name with the roster and with their other
    files: :func:`name_key` with accents folded too, so a roster typed without them finds the student ("Zoe O'Neill"
    is "Zoë O'Neill": the accents of Latin letters only, since other scripts' marks make other names, "ゲンジ" is
    not "ケンジ"), and apostrophes, hyphens and full stops read as spaces ("Seán O’Brien", "sean o brien").
    A letter left standing alone is joined to the word after it, so an apostrophe typed, spaced or left out is one
    name ("O'Neill", "O Neill" and "ONeill" are "oneill"); words of two letters or more stay apart ("Li Na" is not
    "Lina"). Served histories keep :func:`name_key`, which keeps "Zoe" and "Zoë" apart."""
    decomposed = unicodedata.normalize("NFKD", name_key(unicodedata.normalize("NFKC", name).translate(_NAME_MARKS)))
    kept: list[str] = []
    latin = False  # the last base letter is Latin: its accents are folded, other scripts' marks are letters' own
    for ch in decomposed:
        if not unicodedata.combining(ch):
            latin = unicodedata.name(ch, "").startswith("LATIN")
        elif latin:
            continue  # "Zoë" is "Zoe"; "ゲ" stays apart from "ケ", and "ज़" from "ज"
        kept.append(ch)
    key = unicodedata.normalize("NFC", "".join(kept))
    # a lone letter is where an apostrophe was typed as a space or left out ("O Neill", "ONeill"): joining it to the
    # next word makes all three one key, and only merges keys that differed by such a space before
    return _LONE_LETTER.sub(r"\1", key) or name_key(name)  # (a name of marks only keeps them)


def accents(name: str) -> int:
    """How many accents (combining marks, once decomposed) ``name`` carries: of two spellings that :func:`match_key`
    matches, the one with more is the fuller."""
    return sum(1 for ch in unicodedata.normalize("NFKD", name) if unicodedata.combining(ch))


_SOFT_BREAK = re.compile(r"(?<!\n)[ \t]*\n[ \t]*(?!\n)")
"""A line break inside a paragraph (with the spaces around it), not one next to a blank line."""


def reflow(text: str) -> str:
    """YAML block text as flowing paragraphs: single line breaks become spaces, blank lines stay; the ends trimmed."""
    return _SOFT_BREAK.sub(" ", text.strip())


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#&~"})
"""Markdown's punctuation, backslash-escaped wherever it is (``&`` would start an entity such as ``&copy;``)."""
_LINE_MARKER_RE = re.compile(r"([-+=]|\d{1,9}(?=[.)]))")
"""What starts a list item, a setext heading's underline or a thematic break at the start of a line."""


def markdown_text(text: str) -> str:
    """Student or teacher text as Markdown text: its markup characters escaped, so it is never a heading, emphasis,
    link, entity, table cell break or HTML tag, and no line of it starts a list, a code block, an underline or a
    rule (each line's indent is dropped; line breaks are left as they are)."""
    lines = text.translate(_MARKDOWN).split("\n")
    for i, line in enumerate(lines):
        line = line.lstrip(" \t")
        marker = _LINE_MARKER_RE.match(line)
        if marker is not None:  # "- x", "1) x", "===": the marker's first character escaped ("1\\) x")
            end = marker.end()
            line = line[:end] + "\\" + line[end:] if line[0].isdigit() else "\\" + line
        lines[i] = line
    return "\n".join(lines)
