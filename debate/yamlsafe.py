"""A strict YAML reader that keeps line numbers: no tags, no anchors or aliases, no duplicate keys.

PyYAML's event parser (libyaml when present) does the scanning; the small composer here builds
:class:`Node` trees from the events, so every value knows the line and column it came from and
hostile input (alias bombs, deep nesting, huge files, bad encodings) is refused with one clear line.

The work per file is bounded: files over :data:`MAX_BYTES` are not read, a file with more than :data:`MAX_VALUES`
values is refused where the limit is crossed, and numbers longer than :data:`MAX_NUMBER_CHARS` characters are never
converted (Python's ``int()`` refuses over 4300 digits and YAML 1.1's base-60 numbers cost quadratic time); they stay
:class:`LongNumber` values, which every schema rejects with the value's line and column.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver

from debate.files import FileProblem, read_limited
from debate.text_safety import excerpt
from debate.yamlnode import MAX_BYTES, MAX_DEPTH, MAX_NUMBER_CHARS, MAX_VALUES, LongNumber, Node, YamlProblem

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file (control characters, lone surrogates, U+FFFE/U+FFFF)."""

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
_MAY_RESOLVE = frozenset(k for k in Resolver.yaml_implicit_resolvers if k) | {""}
"""First characters of plain scalars that may be something other than text (numbers, booleans, null, dates)."""
_ANY_FIRST = None in Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.SafeLoader("")
"""One loader whose (stateless) scalar constructors convert the short numbers, booleans and dates."""


def read_text(path: Path) -> str:
    """Read a motion-sized UTF-8 text file: regular files only, size limit, BOM accepted, clear encoding errors."""
    try:
        data = read_limited(path, MAX_BYTES, "motion files")
    except FileProblem as exc:
        raise YamlProblem(0, 0, exc.message) from None
    return decode(data)


_RECENT: dict[tuple[str, bytes], Node | YamlProblem] = {}
"""The last few files parsed (by path and content), so ``debate check`` asking twice parses once."""


def parse_path(path: Path) -> Node:
    """:func:`parse` of the file's text, remembering the last two results by path and content.

    The file is read every time (cheap, and never stale: the key is a hash of what was read, not a timestamp), the
    parsing (the costly part) is done once; the result, a tree or the problem, is reused as is.
    """
    import hashlib

    try:
        data = read_limited(path, MAX_BYTES, "motion files")
    except FileProblem as exc:
        raise YamlProblem(0, 0, exc.message) from None
    key = (str(path), hashlib.blake2b(data, digest_size=32).digest())
    known = _RECENT.get(key)
    if known is None:
        try:
            known = parse(decode(data))
        except YamlProblem as exc:
            known = exc
        while len(_RECENT) >= 2:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[key] = known
    if isinstance(known, YamlProblem):
        raise YamlProblem(known.line, known.col, known.message)
    return known


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); name the line of the first bad byte otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(line, col, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _resolve(event: Any) -> Any:
    """Turn a scalar event into a Python value the way YAML 1.1 safe loading would."""
    tag = event.tag
    if tag not in (None, "!"):
        raise YamlProblem(
            *_mark(event), f"YAML tags such as '{excerpt(tag)}' are not allowed in motion or assignment files"
        )
    if event.implicit[0] is False and event.implicit[1]:
        return event.value  # quoted: always text
    if tag == "!" or (event.value[:1] not in _MAY_RESOLVE and not _ANY_FIRST):
        return event.value
    resolved = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
    if resolved == "tag:yaml.org,2002:str":
        return event.value
    if resolved in (_INT, _FLOAT) and len(event.value) > MAX_NUMBER_CHARS:
        return LongNumber(event.value)
    node = yaml.ScalarNode(resolved, event.value)
    constructor = yaml.SafeLoader.yaml_constructors.get(resolved)
    if constructor is None:  # pragma: no cover - every implicit tag has a constructor
        return event.value
    try:
        return constructor(_CONSTRUCTOR, node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return event.value


def parse(text: str) -> Node:
    """Parse one YAML document into a :class:`Node` tree, or raise :class:`YamlProblem`.

    Refuses characters YAML does not allow (located exactly), more than :data:`MAX_VALUES` values, and nesting
    deeper than :data:`MAX_DEPTH`.
    """
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        code = ord(bad.group())
        raise YamlProblem(line, col, f"control character U+{code:04X} is not allowed in a YAML file; remove it")
    stack: list[tuple[Node, Node | None]] = []  # (container, pending key for maps)
    root: Node | None = None
    documents = 0
    values = 0
    loader = _Parser(text)
    try:
        while True:  # one event at a time, straight from the parser (yaml.parse adds a call per event)
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done, _ = stack.pop()
                _attach(stack, done)
                root = done if not stack else root
                continue
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    raise YamlProblem(
                        *_mark(event), "YAML anchors (&name) are not allowed in motion or assignment files"
                    )
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                values += 1
                if values > MAX_VALUES:
                    raise YamlProblem(line, col, f"more than {MAX_VALUES:,} values in one file; is this a motion file?")
                if kind is yaml.ScalarEvent:
                    node = Node("scalar", line, col, value=_resolve(event), written=event.value)
                    if stack:
                        _attach(stack, node)
                    else:
                        root = node
                    continue
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    shown = excerpt(event.tag)
                    raise YamlProblem(
                        line, col, f"YAML tags such as '{shown}' are not allowed in motion or assignment files"
                    )
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(line, col, f"nesting is deeper than {MAX_DEPTH} levels")
                stack.append((Node("map" if kind is yaml.MappingStartEvent else "seq", line, col), None))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem(*_mark(event), "only one YAML document per file (remove the '---')")
            elif kind is yaml.AliasEvent:
                raise YamlProblem(*_mark(event), "YAML aliases (*name) are not allowed in motion or assignment files")
            elif kind is yaml.StreamEndEvent or event is None:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # PyYAML >= 6.0.3 has its own (higher) limit
            raise YamlProblem(*where, f"nesting is deeper than {MAX_DEPTH} levels") from None
        if "\t" in problem or "'\\t'" in problem or "tab character" in problem:
            problem += " (use spaces, not tabs, to indent)"
        problem = excerpt(problem, 200)
        opened = _unclosed_quote(text, where[0])
        lines = text.splitlines()
        if not opened:
            problem += _layout_hint(problem, lines, where[0])
        ended = where[0] > len(lines)  # (a mark past the last line: the file ended first)
        if opened:
            problem += f" (the quote opened on line {opened} is never closed)"
            where = (opened, 1) if ended else where
        elif ended:
            # the file ended first ("title: [unclosed" on its last line): where the unfinished part opened, when that
            # is a line of the file, else the end of the last line
            problem += f" ({excerpt(exc.context or 'unfinished', 100)}, the file ended first)"
            context = exc.context_mark
            if context is not None and context.line < len(lines):
                where = (context.line + 1, context.column + 1)
            elif lines:
                where = (len(lines), len(lines[-1]) + 1)
        raise YamlProblem(*where, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(0, 0, f"YAML error: {excerpt(str(exc).splitlines()[0], 200)}") from None
    except RecursionError:
        raise YamlProblem(0, 0, f"nesting is deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
    if root is None:
        raise YamlProblem(1, 1, "file is empty")
    return root


def _layout_hint(problem: str, lines: list[str], line: int) -> str:
    """What a teacher can do about PyYAML's two commonest messages, from the line it names and the one above it: a
    ': ' inside a value, or a line indented out of step with the keys around it. ``""`` when neither fits."""
    if not 0 < line <= len(lines):
        return ""
    here = lines[line - 1]
    above = next((s for s in reversed(lines[: line - 1]) if s.strip() and not s.lstrip().startswith("#")), "")
    key_above = _KEY_LINE.match(above)
    if "mapping values are not allowed" in problem:
        if key_above and (key_above.group(2) or "").strip() and len(here) - len(here.lstrip()) > key_above.start(1):
            return " (this line is indented more than the key above it: the keys of one item line up)"
        key_here = _KEY_LINE.match(here)
        if ": " in ((key_here.group(2) or "") if key_here else here.lstrip().removeprefix("- ")):
            return " (a ': ' inside a value makes a key of what comes before it: put the whole value in quotes)"
        return ""
    if "expected '-' indicator" in problem or "expected <block end>" in problem:
        return " (this line is not lined up with the keys above it: each key of an item starts where the first did)"
    return ""


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?([\w-]+):(?:\s+(.*))?$")
"""A ``key: value`` line (of a list item or not): group 1 is the key (its start is the key's column), 2 the value."""

_QUOTED_START = re.compile(r"""^\s*(?:-\s+|[^\s#'"][^:#]*:\s+)(['"])(.*)$""")
"""A line whose value opens with a quote: ``title: 'It's...``, ``- "a phrasing``."""
_BLOCK_START = re.compile(r"""^(\s*)(?:-\s+|[^\s#'"][^:#]*:\s+)[|>][+-]?\d*\s*(?:#.*)?$""")
"""A line that opens a block scalar (``text: |``): the more indented lines after it are prose, not YAML."""


def _closes(quote: str, text: str) -> bool:
    """Whether ``text`` (what follows an opening ``quote``) closes it: a lone ``'`` (``''`` is a quote inside), or
    an unescaped ``"`` (``\\\\`` is a backslash)."""
    if quote == "'":
        return "'" in text.replace("''", "")
    return re.search(r'(?<!\\)"', text.replace("\\\\", "")) is not None


def _unclosed_quote(text: str, before: int) -> int:
    """The line (1-based, above line ``before``) of the nearest value whose opening quote is never closed before that
    line, or 0: a YAML syntax error found far below usually comes from one. Prose inside block scalars
    (``text: |``) is skipped, and a quoted value may close on a later line."""
    lines = text.splitlines()[: max(0, before - 1)]
    prose: set[int] = set()
    block_indent = -1
    for number, line in enumerate(lines, 1):
        indent = len(line) - len(line.lstrip())
        if block_indent >= 0 and (not line.strip() or indent > block_indent):
            prose.add(number)
            continue
        block = _BLOCK_START.match(line)
        block_indent = len(block.group(1)) if block else -1
    for number in range(len(lines), 0, -1):
        m = None if number in prose else _QUOTED_START.match(lines[number - 1])
        if m is None:
            continue
        quote, rest = m.group(1), m.group(2)
        if not _closes(quote, rest) and not any(_closes(quote, later) for later in lines[number:]):
            return number
    return 0


def _attach(stack: list[tuple[Node, Node | None]], node: Node) -> None:
    """Put a finished node into its parent (as a key, a value or a sequence item)."""
    if not stack:
        return
    parent, key = stack[-1]
    if parent.kind == "seq":
        parent.items.append(node)
        return
    if key is None:
        if node.kind != "scalar" or isinstance(node.value, (list, dict)):
            raise YamlProblem(node.line, node.col, "mapping keys must be plain text")
        stack[-1] = (parent, node)
        return
    name = _key_text(key)
    if name in parent.pairs:
        first = parent.pairs[name][0]
        raise YamlProblem(key.line, key.col, f"duplicate key '{excerpt(name)}' (first given at line {first.line})")
    parent.pairs[name] = (key, node)
    stack[-1] = (parent, None)


def _key_text(key: Node) -> str:
    value = key.value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, LongNumber):
        return value.text
    return str(value)
