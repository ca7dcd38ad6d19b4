"""Finding motions: the bundled library, the user's and teachers' folders, and a cache of parsed motions.

:func:`discover` gathers every motion file the trainer should see; :func:`load_library` loads them (one bad file is
one warning and never hides the others) through a cache of parse trees kept as JSON (never a code-running format) in
a private folder, re-validated on every load.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from debate.errors import DebateError, MotionError
from debate.files import FileProblem
from debate.model import Motion
from debate.motions import SCHEMA_VERSION, load_motion, motion_from_node, parse_file
from debate.spec import Problems, suggest
from debate.text_safety import excerpt
from debate.yamlnode import MAX_DEPTH, Node


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


def same_file(path: Path) -> Path:
    """The path with links and ``..`` resolved, for telling whether two paths name one file."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def is_motion_path(name: str) -> bool:
    """Whether a command's MOTION names a motion file (ends in ``.yaml``/``.yml`` or has a folder in it) rather
    than a motion id: ids are kebab-case, so the two never overlap."""
    separators = {"/", os.sep, os.altsep or "/"}
    return name.lower().endswith((".yaml", ".yml")) or any(s in name for s in separators)


def motion_file_argument(name: str) -> Path:
    """A MOTION given as a file: checked to load (its problems raise :class:`MotionError`, one line each, as
    ``check`` prints them) and to exist, so that the command can read it as ``--motions FILE`` would."""
    path = Path(name)
    if not path.is_file():
        raise DebateError(f"{excerpt(name, 300)}: no such motion file")
    if _is_assignment(path):
        raise DebateError(
            f"{excerpt(name, 300)}: an assignment, not a motion: run it with "
            f"`debate practice --assignment {excerpt(name, 300)}`"
        )
    load_motion_cached(path)  # parsed once here (and cached): a broken file stops with its own errors
    return path


def _is_assignment(path: Path) -> bool:
    """Whether a file given as a MOTION is an assignment (``kind: assignment``, or its ``motions`` list)."""
    from debate.assignment import looks_like_assignment
    from debate.yamlnode import YamlProblem
    from debate.yamlsafe import parse_path

    try:
        return looks_like_assignment(parse_path(path))
    except YamlProblem:  # not YAML, too big ...: loading it as a motion says what is wrong, located
        return False


@dataclass(frozen=True)
class Library:
    """Every motion found, plus one-line problems for the files that did not load."""

    motions: tuple[Motion, ...] = ()
    """Loaded motions in discovery order."""
    problems: tuple[str, ...] = ()
    """``path:line:col: message`` lines: invalid files and duplicate ids."""
    duplicates: tuple[tuple[str, Path], ...] = ()
    """(id, file) of every motion left out because an earlier file has its id."""
    _index: dict[str, Motion] = field(default_factory=dict, compare=False, repr=False)

    def get(self, motion_id: str) -> Motion:
        """The motion with this id; KeyError when there is none."""
        if not self._index:
            self._index.update({m.id: m for m in self.motions})
        return self._index[motion_id]

    def require(self, motion_id: str) -> Motion:
        """The motion with this id, or loaded from this file (see :func:`is_motion_path`), or a
        :class:`DebateError` naming the ones there are (or why the file's motion was left out)."""
        if is_motion_path(motion_id):
            return self._from_file(Path(motion_id))
        try:
            return self.get(motion_id)
        except KeyError:
            ids = [m.id for m in self.motions]
            raise DebateError(
                f"no motion '{motion_id}'{suggest(motion_id, ids)}; `debate list` shows them all "
                "(a motion file of your own: give its path instead of the id)"
            ) from None

    def _from_file(self, path: Path) -> Motion:
        """The motion loaded from ``path``; a file left out as a duplicate id says where the id is already used."""
        target = same_file(path)
        for motion in self.motions:
            if motion.path is not None and same_file(motion.path) == target:
                return motion
        for motion_id, duplicate in self.duplicates:
            if same_file(duplicate) == target:
                raise DebateError(
                    f"{path}: its motion id '{motion_id}' is already used by {self.get(motion_id).path}, which the "
                    "trainer found first and keeps: change one of the ids (`debate check` names every clash)"
                )
        raise DebateError(
            f"no motion was loaded from {path}: give the file with --motions, or run `debate check {path}`"
        )

    def files_by_id(self) -> dict[str, list[Path]]:
        """Every motion file found, by its motion's id: the one loaded first, then any left out as duplicates."""
        found: dict[str, list[Path]] = {}
        for motion in self.motions:
            if motion.path is not None:
                found.setdefault(motion.id, []).append(motion.path)
        for motion_id, path in self.duplicates:
            found.setdefault(motion_id, []).append(path)
        return found


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


_CACHED_SCALARS = (str, int, float, bool)


def _decode(data: Any, depth: int = 0) -> Node:
    """The parse tree back from :func:`_encode`'s data; ValueError for anything else (a damaged or planted file).

    Nodes are made with every field given in order (no default factories to call): this runs for every value of
    every motion on each start."""
    if not (type(data) is list and len(data) == 4 and depth <= MAX_DEPTH + 1):
        raise ValueError("not a cached tree")
    kind, line, col, body = data
    if not (type(line) is int and type(col) is int):
        raise ValueError("bad position")
    if kind == "v":
        if body is not None and type(body) not in _CACHED_SCALARS:
            raise ValueError("bad value")
        return Node("scalar", line, col, body, [], {}, str(body))
    if type(body) is not list:
        raise ValueError("bad container")
    if kind == "s":
        return Node("seq", line, col, None, [_decode(item, depth + 1) for item in body], {}, "")
    if kind != "m":
        raise ValueError("not a cached tree")
    pairs: dict[str, tuple[Node, Node]] = {}
    for pair in body:
        if not (type(pair) is list and len(pair) == 2):
            raise ValueError("bad pair")
        key, value = _decode(pair[0], depth + 1), _decode(pair[1], depth + 1)
        if key.kind != "scalar" or type(key.value) is not str or key.value in pairs:
            raise ValueError("bad key")
        pairs[key.value] = (key, value)
    return Node("map", line, col, None, [], pairs, "")


def _read_cached(entry: Path, key: str, path: Path) -> Motion | None:
    """The motion from a cache entry, validated again from its tree; None when the entry is absent or unusable."""
    import json

    from debate.files import read_limited

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


class NotCached(Exception):
    """A motion file has no usable cache entry (raised only when asked to read the cache alone)."""


def load_motion_cached(path: Path, *, cache_only: bool = False) -> Motion:
    """:func:`load_motion`, remembering valid motions' parse trees in the user cache so the next start skips YAML.

    Entries are JSON (plain data: no format that can run code), live in a private 0700 folder, are read only when
    they are regular files of our own, and are keyed on the file's path, size, mtime and our version. A cached tree
    goes through the same validation as a freshly parsed one, so a damaged or planted entry can at most be ignored.
    With ``cache_only`` a file without a usable entry raises :class:`NotCached` instead of being parsed.
    """
    import hashlib

    folder = _cache_folder()
    key = _cache_key(path) if folder is not None else None
    if folder is None or key is None:
        if cache_only:
            raise NotCached(path)
        return load_motion(path)
    entry = folder / (hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".json")
    motion = _read_cached(entry, key, path)
    if motion is not None:
        return motion
    if cache_only:
        raise NotCached(path)
    problems = Problems(path)
    root = parse_file(path, problems)
    motion = motion_from_node(root, problems, path)
    _write_cached(entry, key, root)
    return motion


def load_library(files: Iterable[Path], cache: bool = True, *, cache_only: bool = False) -> Library:
    """Load the given motion files; invalid files and duplicate ids become problems, not errors.

    With ``cache_only`` every file must come from the cache: one that does not raises :class:`NotCached`."""
    motions: list[Motion] = []
    problems: list[str] = []
    duplicates: list[tuple[str, Path]] = []
    first: dict[str, Path] = {}
    seen: set[Path] = set()
    for path in files:
        if (same := same_file(path)) in seen:
            continue  # one file named twice (a --motions file inside a folder also given) is one motion
        seen.add(same)
        try:
            motion = load_motion_cached(path, cache_only=cache_only) if cache else load_motion(path)
        except MotionError as exc:
            problems += exc.problems
            continue
        except NotCached:
            raise
        except Exception as exc:  # a bug must cost one file, never the whole library
            problems.append(f"{excerpt(str(path), 300)}: could not be loaded ({type(exc).__name__}); please report it")
            continue
        if motion.id in first:
            problems.append(
                f"{path}:{motion.id_line}:1: duplicate motion id '{motion.id}' (also in {first[motion.id]}); "
                "this copy is ignored"
            )
            duplicates.append((motion.id, path))
            continue
        first[motion.id] = path
        motions.append(motion)
    return Library(tuple(motions), tuple(problems), tuple(duplicates))


def discover(extra_dirs: Sequence[Path] = (), *, cache_only: bool = False) -> Library:
    """Every motion from the bundled, user, ``--motions`` and ``DEBATE_MOTIONS`` folders.

    The user's folder may be absent; a folder the user named that does not exist is reported as a problem. With
    ``cache_only``, a file that would have to be parsed raises :class:`NotCached` (see :func:`discover_cached`).
    """
    from debate.locations import user_motions_dir

    dirs = motion_dirs(extra_dirs)
    implicit = (bundled_dir(), user_motions_dir())
    missing = [f"{d}: no such motions folder" for d in dirs if d not in implicit and not d.exists()]
    library = load_library(motion_files(d for d in dirs if d.exists()), cache_only=cache_only)
    return replace(library, problems=(*missing, *library.problems)) if missing else library


def discover_cached(extra_dirs: Sequence[Path] = ()) -> Library | None:
    """:func:`discover` when every motion file has a usable cache entry (no YAML to parse: a few tens of
    milliseconds for the bundled library), else None: a file is new, changed, invalid, or this is a new version."""
    try:
        return discover(extra_dirs, cache_only=True)
    except NotCached:
        return None
