"""A small declarative toolkit for validating parsed YAML (:class:`debate.yamlsafe.Node` trees) and describing it as
JSON Schema: one description drives both, so an editor's schema and the loader cannot drift apart.

Specs (:class:`Text`, :class:`Id`, :class:`Choice`, :class:`Integer`, :class:`ListOf`, :class:`Mapping`) check a node
and collect every problem, located at its line and column, into :class:`Problems`; :meth:`Spec.schema` gives the JSON
Schema of the same rules. The motion format (:mod:`debate.motions`) and the assignment format
(:mod:`debate.assignment`) are written in it.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from debate.text_safety import excerpt
from debate.yamlnode import LongNumber, Node

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (C0 but tab and line breaks, DEL, C1): escape sequences and the like, never text."""


MAX_PROBLEMS = 50
"""Problems listed per file; past this one line says the rest was not listed (a broken file is not a flood)."""


class Problems:
    """Collects ``path:line:col: message`` lines for one file (at most :data:`MAX_PROBLEMS`, then one more line)."""

    def __init__(self, path: Path | str) -> None:
        self.path = excerpt(str(path), 300)
        self.lines: list[str] = []

    @property
    def full(self) -> bool:
        """Whether no more problems are listed (checking further would only spend time)."""
        return len(self.lines) > MAX_PROBLEMS

    def add(self, node: Node | None, message: str, line: int = 0, col: int = 0) -> None:
        """Record a problem at ``node`` (or at an explicit line and column)."""
        if len(self.lines) > MAX_PROBLEMS:
            return
        if node is not None:
            line, col = node.line, node.col
        where = f"{self.path}:{line}:{col}" if line > 0 else str(self.path)  # 0: the file as a whole (unreadable)
        if len(self.lines) == MAX_PROBLEMS:
            message = f"more than {MAX_PROBLEMS} problems; fix these first (the rest are not listed)"
        self.lines.append(f"{where}: {message}")


def type_name(value: Any, written: str = "") -> str:
    """What a YAML value is, in a teacher's words; numbers and dates shown as written in the file."""
    if isinstance(value, LongNumber):
        return f"a number ({value})"
    if isinstance(value, bool):
        return f"a YAML boolean ({str(value).lower()})"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"a YAML date ({value.isoformat()})"
    if value is None:
        return "nothing (null)"
    if isinstance(value, (int, float)):
        return f"a number ({excerpt(written or str(value), 24)})"
    return "text"


class Spec:
    """A kind of value in the format: validates a node and describes itself as JSON Schema."""

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        """Validate ``node`` (named ``where`` in messages); return the clean value or None."""
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        """This value as a JSON Schema fragment."""
        raise NotImplementedError


TEXT_LIMIT = 10_000
"""The longest text a value may be (a title, a claim, an example): well within what results files take."""
ID_LIMIT = 100
"""The longest id."""
TITLE_LIMIT = 500
"""The longest title (of a motion, of an assignment)."""


class Text(Spec):
    """Non-blank text of at most ``limit`` characters. YAML booleans, numbers and dates are refused: quote them."""

    def __init__(self, description: str = "", *, limit: int = TEXT_LIMIT) -> None:
        self.description = description
        self.limit = limit

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        if node.kind != "scalar":
            problems.add(
                node,
                f"{where} must be text, not a list"
                if node.kind == "seq"
                else f"{where} must be text, not a mapping (a ': ' inside text makes a key of what comes before it: "
                "put the whole text in quotes)",
            )
            return None
        if not isinstance(node.value, str):
            hint = " (put it in quotes)" if node.value is not None else ""
            problems.add(node, f"{where} must be text, but this is {type_name(node.value, node.written)}{hint}")
            return None
        if not node.value.strip():
            problems.add(node, f"{where} must not be empty")
            return None
        if len(node.value) > self.limit:
            problems.add(node, f"{where} is {len(node.value):,} characters long; at most {self.limit:,}")
            return None
        control = _CONTROL.search(node.value)
        if control is not None:
            code = ord(control.group())
            what = " (an escape sequence)" if code == 0x1B else ""
            problems.add(node, f"{where} contains the control character U+{code:04X}{what}; remove it")
            return None
        return node.value.strip()

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "pattern": "\\S", "maxLength": self.limit}
        if self.description:
            out["description"] = self.description
        return out


class Id(Text):
    """A kebab-case identifier."""

    def __init__(self, description: str = "") -> None:
        super().__init__(description, limit=ID_LIMIT)

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        value = super().check(node, where, problems)
        if value is not None and not _ID_RE.match(value):
            problems.add(
                node, f"{where} '{excerpt(value)}' must be kebab-case: lowercase letters, digits and single hyphens"
            )
            return None
        return value

    def schema(self) -> dict[str, Any]:
        out = super().schema()
        out["pattern"] = ID_PATTERN
        return out


class Choice(Text):
    """One of a fixed set of words."""

    def __init__(self, choices: Sequence[str], description: str = "") -> None:
        super().__init__(description)
        self.choices = tuple(choices)

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        value = super().check(node, where, problems)
        if value is not None and value not in self.choices:
            problems.add(
                node,
                f"{where} must be one of {', '.join(self.choices)}, "
                f"not '{excerpt(value)}'{suggest(value, self.choices)}",
            )
            return None
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"enum": list(self.choices)}
        if self.description:
            out["description"] = self.description
        return out


class Integer(Spec):
    """A whole number in a range (``const`` when low == high)."""

    def __init__(self, low: int, high: int, description: str = "") -> None:
        self.low, self.high, self.description = low, high, description

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        value = node.value if node.kind == "scalar" else None
        if isinstance(value, LongNumber):
            allowed = f"{self.low}" if self.low == self.high else f"from {self.low} to {self.high}"
            problems.add(node, f"{where} must be {allowed}, not {type_name(value)}")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON Schema counts 2.0 as an integer too
        if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, int):
            shown = (
                type_name(value, node.written)
                if node.kind == "scalar"
                else f"a {'list' if node.kind == 'seq' else 'mapping'}"
            )
            problems.add(node, f"{where} must be a whole number, but this is {shown}")
            return None
        if not self.low <= value <= self.high:
            if self.low == self.high:
                problems.add(node, f"{where} must be {self.low}, not {value}")
            else:
                problems.add(node, f"{where} must be from {self.low} to {self.high}, not {value}")
            return None
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = (
            {"const": self.low}
            if self.low == self.high
            else {"type": "integer", "minimum": self.low, "maximum": self.high}
        )
        if self.description:
            out["description"] = self.description
        return out


class ListOf(Spec):
    """A YAML list of one kind of item."""

    def __init__(self, item: Spec, min_items: int = 0, description: str = "", max_items: int | None = None) -> None:
        self.item, self.min_items, self.description, self.max_items = item, min_items, description, max_items

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        if node.kind != "seq":
            shown = type_name(node.value, node.written) if node.kind == "scalar" else "a mapping"
            problems.add(node, f"{where} must be a list, but this is {shown}")
            return None
        if len(node.items) < self.min_items:
            problems.add(node, f"{where} needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}")
        if self.max_items is not None and len(node.items) > self.max_items:
            problems.add(node, f"{where} has {len(node.items)} items; at most {self.max_items} are allowed")
            return None
        values = []
        for i, item in enumerate(node.items):
            if problems.full:
                return None
            values.append(self.item.check(item, f"{where}[{i + 1}]", problems))
        return values if all(v is not None for v in values) else None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        if self.description:
            out["description"] = self.description
        return out


@dataclass
class Key:
    """One key of a mapping."""

    spec: Spec
    required: bool = False


class Mapping(Spec):
    """A mapping with known keys; unknown keys get a did-you-mean."""

    def __init__(self, name: str, keys: dict[str, Key], description: str = "") -> None:
        self.name, self.keys, self.description = name, keys, description

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        if node.kind != "map":
            shown = type_name(node.value, node.written) if node.kind == "scalar" else "a list"
            problems.add(node, f"{where} must be a mapping of keys, but this is {shown}")
            return None
        out: dict[str, Any] = {"__line__": node.line}
        ok = True
        meant: set[str] = set()  # known keys written misspelled: what they hold is checked all the same
        for name, (key_node, value_node) in node.pairs.items():
            if problems.full:
                return None
            if name not in self.keys:
                problems.add(key_node, f"unknown key '{excerpt(name)}' in {self.name}{suggest(name, self.keys)}")
                ok = False
                known = closest(name, self.keys)
                if known is not None and known not in node.pairs and known not in meant:
                    meant.add(known)  # ("rebutals:": its rebuttals' problems now, not after the key is mended)
                    named = known if where == "motion" else f"{where}.{known}"
                    self.keys[known].spec.check(value_node, named, problems)
                continue
            value = self.keys[name].spec.check(value_node, name if where == "motion" else f"{where}.{name}", problems)
            ok = ok and value is not None
            out[name] = value
            out.setdefault("__key_lines__", {})[name] = key_node.line  # (for messages about one value: an id)
            if value_node.kind == "seq":  # where each item is, for messages about one item (an example)
                out.setdefault("__lines__", {})[name] = tuple(item.line for item in value_node.items)
        for name, key in self.keys.items():
            if key.required and name not in node.pairs and name not in meant:
                problems.add(node, f"{self.name} is missing required key '{name}'")
                ok = False
        return out if ok else None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {name: key.spec.schema() for name, key in self.keys.items()},
            "additionalProperties": False,
        }
        required = [name for name, key in self.keys.items() if key.required]
        if required:
            out["required"] = required
        if self.description:
            out["description"] = self.description
        return out


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one of ``choices`` ``word`` most likely misspells, or None."""
    if len(word) > 100:  # no name is this long, and difflib's work grows with it
        return None
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or ''."""
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""
