"""Motion files, schema 1: loading, validation, discovery and the JSON Schema.

One declarative description of the format (:data:`MOTION_SPEC`) drives both the validator and
:func:`json_schema`, so the editor's schema and the loader cannot drift apart.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from debate.errors import DebateError, MotionError
from debate.model import (
    DIFFICULTIES,
    REBUTTAL_TYPES,
    Argument,
    Examples,
    Motion,
    Rebuttal,
    Source,
)
from debate.text_safety import excerpt
from debate.yamlsafe import MAX_DEPTH, LongNumber, Node, YamlProblem, parse, parse_path

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (C0 but tab and line breaks, DEL, C1): escape sequences and the like, never motion text."""
SCHEMA_ID = "https://debate.invalid/schema/motion-1.json"


# --------------------------------------------------------------------------- the format, declared once


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


def _type_name(value: Any, written: str = "") -> str:
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


class Text(Spec):
    """Non-blank text. YAML booleans, numbers and dates are refused: quote them."""

    def __init__(self, description: str = "") -> None:
        self.description = description

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        if node.kind != "scalar":
            problems.add(node, f"{where} must be text, not a {'list' if node.kind == 'seq' else 'mapping'}")
            return None
        if not isinstance(node.value, str):
            hint = " (put it in quotes)" if node.value is not None else ""
            problems.add(node, f"{where} must be text, but this is {_type_name(node.value, node.written)}{hint}")
            return None
        if not node.value.strip():
            problems.add(node, f"{where} must not be empty")
            return None
        control = _CONTROL.search(node.value)
        if control is not None:
            code = ord(control.group())
            what = " (an escape sequence)" if code == 0x1B else ""
            problems.add(node, f"{where} contains the control character U+{code:04X}{what}; remove it")
            return None
        return node.value.strip()

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "pattern": "\\S"}
        if self.description:
            out["description"] = self.description
        return out


class Id(Text):
    """A kebab-case identifier."""

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
            problems.add(node, f"{where} must be {allowed}, not {_type_name(value)}")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON Schema counts 2.0 as an integer too
        if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, int):
            shown = (
                _type_name(value, node.written)
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
            shown = _type_name(node.value, node.written) if node.kind == "scalar" else "a mapping"
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
            shown = _type_name(node.value, node.written) if node.kind == "scalar" else "a list"
            problems.add(node, f"{where} must be a mapping of keys, but this is {shown}")
            return None
        out: dict[str, Any] = {"__line__": node.line}
        ok = True
        for name, (key_node, value_node) in node.pairs.items():
            if problems.full:
                return None
            if name not in self.keys:
                problems.add(key_node, f"unknown key '{excerpt(name)}' in {self.name}{suggest(name, self.keys)}")
                ok = False
                continue
            value = self.keys[name].spec.check(value_node, name if where == "motion" else f"{where}.{name}", problems)
            ok = ok and value is not None
            out[name] = value
            if value_node.kind == "seq":  # where each item is, for messages about one item (an example)
                out.setdefault("__lines__", {})[name] = tuple(item.line for item in value_node.items)
        for name, key in self.keys.items():
            if key.required and name not in node.pairs:
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


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or ''."""
    if len(word) > 100:  # no name is this long, and difflib's work grows with it
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


MAX_REBUTTALS = 12
"""Rebuttals per argument: a student reads them all after each round, and `check` runs every example against all."""
MAX_PHRASINGS = 40
MAX_KEYWORDS = 12
MAX_EXAMPLES = 60
"""Limits that keep checking any motion file to seconds (the bundled ones use at most 4, 9, 2 and 5)."""
TEXT_LIST = ListOf(Text())
EXAMPLES = Mapping(
    "examples",
    {
        "match": Key(
            ListOf(Text(), description="Answers that must be a hit for this rebuttal.", max_items=MAX_EXAMPLES)
        ),
        "no_match": Key(ListOf(Text(), description="Near misses that must not be a hit.", max_items=MAX_EXAMPLES)),
    },
    "The rebuttal's own tests, run by `debate check`.",
)
REBUTTAL = Mapping(
    "rebuttal",
    {
        "id": Key(Id("Kebab-case, unique within the argument."), True),
        "text": Key(Text("The model rebuttal, one or two sentences."), True),
        "type": Key(Choice(REBUTTAL_TYPES, "How it answers the claim."), True),
        "strength": Key(Integer(1, 3, "1 (weak) to 3 (strong)."), True),
        "keywords": Key(
            ListOf(
                Text(),
                description="Words or short phrases a hit must carry; 'a|b' offers alternatives.",
                max_items=MAX_KEYWORDS,
            )
        ),
        "phrasings": Key(
            ListOf(Text(), description="Other ways students say the same thing.", max_items=MAX_PHRASINGS)
        ),
        "examples": Key(EXAMPLES),
    },
)
ARGUMENT = Mapping(
    "argument",
    {
        "id": Key(Id("Kebab-case, unique within the motion."), True),
        "claim": Key(Text("One sentence, as an opponent would say it."), True),
        "explanation": Key(Text("Why it matters; shown after the round."), True),
        "origin": Key(Text("Which claim of the source this argument carries.")),
        "rebuttals": Key(
            ListOf(REBUTTAL, min_items=1, description="The curated bank of answers.", max_items=MAX_REBUTTALS), True
        ),
    },
)
SOURCE = Mapping(
    "source",
    {
        "title": Key(Text(), True),
        "author": Key(Text()),
        "published": Key(Text("A date in quotes, e.g. '2026-03-01'.")),
        "url": Key(Text()),
    },
)
MOTION_SPEC = Mapping(
    "motion",
    {
        "schema": Key(Integer(SCHEMA_VERSION, SCHEMA_VERSION, "The format version: 1."), True),
        "id": Key(Id("Kebab-case, unique across every motion folder."), True),
        "title": Key(Text("The motion as a debater states it."), True),
        "tags": Key(ListOf(Text())),
        "difficulty": Key(Choice(DIFFICULTIES)),
        "source": Key(SOURCE),
        "context": Key(Text("Short neutral background the user reads first."), True),
        "thesis": Key(Text("The proposition's case in two or three sentences."), True),
        "sides": Key(
            Mapping(
                "sides",
                {
                    "proposition": Key(ListOf(ARGUMENT, min_items=1, description="Arguments for the motion."), True),
                    "opposition": Key(ListOf(ARGUMENT, min_items=1, description="Arguments against the motion."), True),
                },
            ),
            True,
        ),
    },
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of motion files, generated from :data:`MOTION_SPEC`."""
    schema = MOTION_SPEC.schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "debate motion (schema 1)",
        **schema,
    }


# --------------------------------------------------------------------------- loading


def parse_file(path: Path, problems: Problems) -> Node:
    """Read and parse ``path`` safely; a YAML problem raises :class:`MotionError` with its one located line."""
    try:
        return parse_path(path)
    except YamlProblem as exc:
        problems.add(None, exc.message, exc.line, exc.col)
        raise MotionError(problems.lines) from None


def load_motion(path: Path) -> Motion:
    """Load and validate one motion file; raise :class:`MotionError` listing every problem."""
    problems = Problems(path)
    return motion_from_node(parse_file(path, problems), problems, path)


def load_text(text: str, path: str = "<text>") -> Motion:
    """Load a motion from YAML text (``path`` names it in messages)."""
    problems = Problems(path)
    try:
        root = parse(text)
    except YamlProblem as exc:
        problems.add(None, exc.message, exc.line, exc.col)
        raise MotionError(problems.lines) from None
    return motion_from_node(root, problems, Path(path))


def motion_from_node(root: Node, problems: Problems, path: Path) -> Motion:
    """Validate a parsed tree and build the :class:`Motion`; raise :class:`MotionError` on any problem."""
    if root.kind != "map":
        shown = "a list" if root.kind == "seq" else _type_name(root.value, root.written)
        problems.add(root, f"a motion file must be a mapping of keys (schema, id, title, ...), but this is {shown}")
        raise MotionError(problems.lines)
    if "schema" in root.pairs:
        version = root.pairs["schema"][1]
        if isinstance(version.value, int) and not isinstance(version.value, bool) and version.value > SCHEMA_VERSION:
            problems.add(version, f"schema {version.value} is newer than this version of debate understands (1)")
            raise MotionError(problems.lines)
    data = MOTION_SPEC.check(root, "motion", problems)
    _check_unique_ids(root, problems)
    if problems.lines or data is None:
        raise MotionError(problems.lines or [f"{path}:1:1: invalid motion"])
    return _build(cast(dict[str, Any], data), path)


def _check_unique_ids(root: Node, problems: Problems) -> None:
    """Argument ids unique within the motion, rebuttal ids within their argument."""
    sides = root.pairs.get("sides")
    if sides is None or sides[1].kind != "map":
        return
    seen_args: dict[str, int] = {}
    for _, side_node in sides[1].pairs.values():
        for arg in side_node.items if side_node.kind == "seq" else []:
            _note_id(arg, seen_args, "argument", problems)
            rebuttals = arg.pairs.get("rebuttals") if arg.kind == "map" else None
            if rebuttals is None or rebuttals[1].kind != "seq":
                continue
            seen_rebuttals: dict[str, int] = {}
            for rebuttal in rebuttals[1].items:
                _note_id(rebuttal, seen_rebuttals, "rebuttal", problems)


def _note_id(node: Node, seen: dict[str, int], what: str, problems: Problems) -> None:
    if node.kind != "map" or "id" not in node.pairs:
        return
    id_node = node.pairs["id"][1]
    if not isinstance(id_node.value, str):
        return
    if id_node.value in seen:
        problems.add(
            id_node, f"duplicate {what} id '{excerpt(id_node.value)}' (first used at line {seen[id_node.value]})"
        )
    else:
        seen[id_node.value] = id_node.line


def _build(data: dict[str, Any], path: Path) -> Motion:
    def rebuttal(r: dict[str, Any]) -> Rebuttal:
        ex = r.get("examples") or {}
        return Rebuttal(
            id=r["id"],
            text=r["text"],
            type=r["type"],
            strength=r["strength"],
            keywords=tuple(r.get("keywords") or ()),
            phrasings=tuple(r.get("phrasings") or ()),
            examples=Examples(
                match=tuple(ex.get("match") or ()),
                no_match=tuple(ex.get("no_match") or ()),
                line=ex.get("__line__", r["__line__"]),
                match_lines=ex.get("__lines__", {}).get("match", ()),
                no_match_lines=ex.get("__lines__", {}).get("no_match", ()),
            ),
            line=r["__line__"],
        )

    def argument(a: dict[str, Any]) -> Argument:
        return Argument(
            id=a["id"],
            claim=a["claim"],
            explanation=a["explanation"],
            origin=a.get("origin") or "",
            rebuttals=tuple(rebuttal(r) for r in a["rebuttals"]),
            line=a["__line__"],
        )

    src = data.get("source")
    return Motion(
        id=data["id"],
        title=data["title"],
        context=data["context"],
        thesis=data["thesis"],
        proposition=tuple(argument(a) for a in data["sides"]["proposition"]),
        opposition=tuple(argument(a) for a in data["sides"]["opposition"]),
        tags=tuple(data.get("tags") or ()),
        difficulty=data.get("difficulty") or "intermediate",
        source=Source(src["title"], src.get("author") or "", src.get("published") or "") if src else None,
        path=path,
    )


# --------------------------------------------------------------------------- discovery


def bundled_dir() -> Path:
    """The motions shipped with the package (inside the wheel, or the checkout's ``motions/``)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_motions"
    return packaged if packaged.is_dir() else here.parent / "motions"


def motion_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Motion folders in discovery order: bundled, the user's, ``--motions`` dirs, ``DEBATE_MOTIONS``."""
    from debate.locations import user_motions_dir

    dirs = [bundled_dir(), user_motions_dir()]
    dirs += [Path(p) for p in extra]
    dirs += [Path(p) for p in os.environ.get("DEBATE_MOTIONS", "").split(os.pathsep) if p.strip()]
    unique: list[Path] = []
    for d in dirs:
        if d not in unique:
            unique.append(d)
    return unique


def motion_files(paths: Iterable[Path]) -> list[Path]:
    """The ``.yaml``/``.yml`` files named by ``paths`` (files as given, folders searched, sorted).

    Anything in a folder with a motion file's name that is not a folder (a pipe, a device, a broken link) is listed
    too, so that loading it reports why it was skipped instead of it silently missing.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and not p.is_dir())
        else:
            files.append(path)
    return files


@dataclass(frozen=True)
class Library:
    """Every motion found, plus one-line problems for the files that did not load."""

    motions: tuple[Motion, ...] = ()
    """Loaded motions in discovery order."""
    problems: tuple[str, ...] = ()
    """``path:line:col: message`` lines: invalid files and duplicate ids."""
    _index: dict[str, Motion] = field(default_factory=dict, compare=False, repr=False)

    def get(self, motion_id: str) -> Motion:
        """The motion with this id; KeyError when there is none."""
        if not self._index:
            self._index.update({m.id: m for m in self.motions})
        return self._index[motion_id]

    def require(self, motion_id: str) -> Motion:
        """The motion with this id, or a :class:`DebateError` naming the ones there are."""
        try:
            return self.get(motion_id)
        except KeyError:
            ids = [m.id for m in self.motions]
            raise DebateError(
                f"no motion '{motion_id}'{suggest(motion_id, ids)}; `debate list` shows them all"
            ) from None


CACHE_FORMAT = 1
"""Version of the cache entries' layout; entries of another format are ignored."""
_CACHE_LIMIT = 16 * 1024 * 1024
"""Largest cache entry read (a 2 MB motion file's tree is well under this)."""


def _cache_folder() -> Path | None:
    """The private (0700, ours) folder of cached parse trees, or None when it cannot be made private."""
    import stat

    from debate.locations import cache_dir

    try:
        folder = cache_dir() / "motions"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return None  # a link or someone else's folder: never read or write cache entries there
        if stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(folder, 0o700)
        return folder
    except OSError:
        return None


def _cache_key(path: Path) -> str | None:
    """What a cache entry is valid for: the file's location, size and mtime, and this version of the format."""
    from debate import __version__

    try:
        info = path.stat()
        return f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{__version__}|{SCHEMA_VERSION}|{CACHE_FORMAT}"
    except (OSError, RuntimeError):
        return None


def _encode(node: Node) -> list[Any]:
    """A parse tree as plain JSON data: ``[kind, line, col, value | items | [[key, value], ...]]``."""
    if node.kind == "map":
        return ["m", node.line, node.col, [[_encode(k), _encode(v)] for k, v in node.pairs.values()]]
    if node.kind == "seq":
        return ["s", node.line, node.col, [_encode(item) for item in node.items]]
    if node.value is not None and not isinstance(node.value, (str, int, float)):
        raise ValueError("only text, numbers, booleans and null are cached")
    return ["v", node.line, node.col, node.value]


def _decode(data: Any, depth: int = 0) -> Node:
    """The parse tree back from :func:`_encode`'s data; ValueError for anything else (a damaged or planted file)."""
    if not (isinstance(data, list) and len(data) == 4 and data[0] in ("m", "s", "v") and depth <= MAX_DEPTH + 1):
        raise ValueError("not a cached tree")
    kind, line, col, body = data
    if not (type(line) is int and type(col) is int):
        raise ValueError("bad position")
    if kind == "v":
        if body is not None and type(body) not in (str, int, float, bool):
            raise ValueError("bad value")
        return Node("scalar", line, col, value=body, written=str(body))
    if not isinstance(body, list):
        raise ValueError("bad container")
    if kind == "s":
        return Node("seq", line, col, items=[_decode(item, depth + 1) for item in body])
    node = Node("map", line, col)
    for pair in body:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise ValueError("bad pair")
        key, value = _decode(pair[0], depth + 1), _decode(pair[1], depth + 1)
        if key.kind != "scalar" or not isinstance(key.value, str) or key.value in node.pairs:
            raise ValueError("bad key")
        node.pairs[key.value] = (key, value)
    return node


def _read_cached(entry: Path, key: str, path: Path) -> Motion | None:
    """The motion from a cache entry, validated again from its tree; None when the entry is absent or unusable."""
    import json

    from debate.files import FileProblem, read_limited

    try:
        doc = json.loads(read_limited(entry, _CACHE_LIMIT, "cache entries", own_only=True))
        if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT or doc.get("key") != key:
            return None
        return motion_from_node(_decode(doc.get("tree")), Problems(path), path)
    except (FileProblem, ValueError, RecursionError, MotionError):  # absent, damaged or planted: parse the file
        return None


def _write_cached(entry: Path, key: str, root: Node) -> None:
    """Save a valid motion's parse tree (JSON, owner-only), atomically; any failure just means no cache."""
    import json

    try:
        text = json.dumps({"format": CACHE_FORMAT, "key": key, "tree": _encode(root)}, allow_nan=False)
        tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, entry)
    except (OSError, ValueError):
        pass


def load_motion_cached(path: Path) -> Motion:
    """:func:`load_motion`, remembering valid motions' parse trees in the user cache so the next start skips YAML.

    Entries are JSON (plain data: no format that can run code), live in a private 0700 folder, are read only when
    they are regular files of our own, and are keyed on the file's path, size, mtime and our version. A cached tree
    goes through the same validation as a freshly parsed one, so a damaged or planted entry can at most be ignored.
    """
    import hashlib

    folder = _cache_folder()
    key = _cache_key(path) if folder is not None else None
    if folder is None or key is None:
        return load_motion(path)
    entry = folder / (hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".json")
    motion = _read_cached(entry, key, path)
    if motion is not None:
        return motion
    problems = Problems(path)
    root = parse_file(path, problems)
    motion = motion_from_node(root, problems, path)
    _write_cached(entry, key, root)
    return motion


def load_library(files: Iterable[Path], cache: bool = True) -> Library:
    """Load the given motion files; invalid files and duplicate ids become problems, not errors."""
    motions: list[Motion] = []
    problems: list[str] = []
    first: dict[str, Path] = {}
    for path in files:
        try:
            motion = load_motion_cached(path) if cache else load_motion(path)
        except MotionError as exc:
            problems += exc.problems
            continue
        except Exception as exc:  # a bug must cost one file, never the whole library
            problems.append(f"{excerpt(str(path), 300)}: could not be loaded ({type(exc).__name__}); please report it")
            continue
        if motion.id in first:
            problems.append(
                f"{path}:1:1: duplicate motion id '{motion.id}' (also in {first[motion.id]}); this copy is ignored"
            )
            continue
        first[motion.id] = path
        motions.append(motion)
    return Library(tuple(motions), tuple(problems))


def discover(extra_dirs: Sequence[Path] = ()) -> Library:
    """Every motion from the bundled, user, ``--motions`` and ``DEBATE_MOTIONS`` folders.

    The user's folder may be absent; a folder the user named that does not exist is reported as a problem.
    """
    from debate.locations import user_motions_dir

    dirs = motion_dirs(extra_dirs)
    implicit = (bundled_dir(), user_motions_dir())
    missing = [f"{d}: no such motions folder" for d in dirs if d not in implicit and not d.exists()]
    library = load_library(motion_files(d for d in dirs if d.exists()))
    return Library(library.motions, (*missing, *library.problems)) if missing else library
