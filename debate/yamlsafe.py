"""A strict YAML reader that keeps line numbers: no tags, no anchors or aliases, no duplicate keys.

PyYAML's event parser (libyaml when present) does the scanning; the small composer here builds
:class:`Node` trees from the events, so every value knows the line and column it came from and
hostile input (alias bombs, deep nesting, huge files, bad encodings) is refused with one clear line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver

from debate.files import FileProblem, read_limited

MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before parsing."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and sequences accepted."""

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()


@dataclass
class Node:
    """One YAML value with the position it was read from (1-based line and column)."""

    kind: str
    """``map``, ``seq`` or ``scalar``."""
    line: int
    """1-based line of the value."""
    col: int
    """1-based column of the value."""
    value: Any = None
    """For scalars the resolved Python value (str, int, float, bool, None, date)."""
    items: list[Node] = field(default_factory=list)
    """For sequences: the elements."""
    pairs: dict[str, tuple[Node, Node]] = field(default_factory=dict)
    """For mappings: key text -> (key node, value node), in file order."""

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, (_, v) in self.pairs.items()}
        if self.kind == "seq":
            return [item.plain() for item in self.items]
        return self.value


class YamlProblem(Exception):
    """A problem at a position of the file; the loader turns it into ``path:line:col: message``."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


def read_text(path: Path) -> str:
    """Read a motion-sized UTF-8 text file: regular files only, size limit, BOM accepted, clear encoding errors."""
    try:
        data = read_limited(path, MAX_BYTES, "motion files")
    except FileProblem as exc:
        raise YamlProblem(0, 0, exc.message) from None
    return decode(data)


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
        raise YamlProblem(*_mark(event), f"YAML tags such as {tag!r} are not allowed in motion files")
    if event.implicit[0] is False and event.implicit[1]:
        return event.value  # quoted: always text
    if tag == "!":
        return event.value
    resolved = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
    if resolved == "tag:yaml.org,2002:str":
        return event.value
    node = yaml.ScalarNode(resolved, event.value)
    constructor = yaml.SafeLoader.yaml_constructors.get(resolved)
    if constructor is None:  # pragma: no cover - every implicit tag has a constructor
        return event.value
    try:
        return constructor(yaml.SafeLoader(""), node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return event.value


def parse(text: str) -> Node:
    """Parse one YAML document into a :class:`Node` tree, or raise :class:`YamlProblem`."""
    stack: list[tuple[Node, Node | None]] = []  # (container, pending key for maps)
    root: Node | None = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(*_mark(event), "only one YAML document per file (remove the '---')")
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(*_mark(event), "YAML aliases (*name) are not allowed in motion files")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done, _ = stack.pop()
                _attach(stack, done)
                root = done if not stack else root
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                continue
            if event.anchor is not None:
                raise YamlProblem(*_mark(event), "YAML anchors (&name) are not allowed in motion files")
            line, col = _mark(event)
            if isinstance(event, yaml.ScalarEvent):
                node = Node("scalar", line, col, value=_resolve(event))
                if stack:
                    _attach(stack, node)
                else:
                    root = node
                continue
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                raise YamlProblem(line, col, f"YAML tags such as {event.tag!r} are not allowed in motion files")
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(line, col, f"nesting is deeper than {MAX_DEPTH} levels")
            kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
            stack.append((Node(kind, line, col), None))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # PyYAML >= 6.0.3 has its own (higher) limit
            raise YamlProblem(*where, f"nesting is deeper than {MAX_DEPTH} levels") from None
        if "\t" in problem or "'\\t'" in problem or "tab character" in problem:
            problem += " (use spaces, not tabs, to indent)"
        raise YamlProblem(*where, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(0, 0, f"YAML error: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise YamlProblem(0, 0, f"nesting is deeper than {MAX_DEPTH} levels") from None
    if root is None:
        raise YamlProblem(1, 1, "file is empty")
    return root


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
        raise YamlProblem(key.line, key.col, f"duplicate key '{name}' (first given at line {first.line})")
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
    return str(value)
