"""Mutants of the bundled motions for the loader's fuzz test, and a by-hand campaign over many more.

Each mutation class turns one motion file's bytes into a hostile variant: byte-level damage (truncation, random
bytes, bad encodings, BOMs, control characters) and structure-level damage (huge numbers in every YAML syntax, deep
nesting, duplicate keys, wrong types, tabs, anchors, aliases and tags, very long scalars, too many values). Every
mutant must end as a clean :class:`MotionError` (one located line per problem) or a valid :class:`Motion`.

Run a campaign by hand (prints a table of how each class ended and the slowest file)::

    python tests/fuzz_mutants.py 3000 --seed 11 --scale 2000000
"""

from __future__ import annotations

import random
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASES = sorted((REPO / "motions").glob("*.yaml"))

Mutation = Callable[[random.Random, bytes, int], bytes]
"""(random source, original bytes, largest size a mutant may grow to) -> mutant bytes."""

_VALUE = re.compile(rb"^(\s*(?:- )?[a-z_]+: )(.+)$", re.M)
"""A ``key: value`` line: group 1 up to the value, group 2 the value."""


def _values(data: bytes) -> list[re.Match[bytes]]:
    return list(_VALUE.finditer(data))


def _replace_value(rng: random.Random, data: bytes, new: bytes) -> bytes:
    spots = _values(data)
    if not spots:
        return data + b"\nkey: " + new + b"\n"
    m = rng.choice(spots)
    return data[: m.start(2)] + new + data[m.end(2) :]


def _insert(rng: random.Random, data: bytes, new: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + new + data[at:]


def truncate(rng: random.Random, data: bytes, scale: int) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def random_bytes(rng: random.Random, data: bytes, scale: int) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(out) + 1)
        chunk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.5:
            out[at:at] = chunk
        else:
            out[at : at + len(chunk)] = chunk
    return bytes(out)


def huge_number(rng: random.Random, data: bytes, scale: int) -> bytes:
    n = rng.choice([65, 300, 4301, 5000, 40_000, max(65, scale // 3), max(65, scale - 4096)])
    n = min(n, max(65, scale - len(data) - 64))
    sign = rng.choice(["", "-", "+"])
    syntax = rng.choice(["decimal", "hex", "binary", "octal", "sexagesimal", "float", "exponent", "underscored"])
    body = {
        "decimal": lambda: "9" * n,
        "hex": lambda: "0x" + "f" * n,
        "binary": lambda: "0b" + "1" * n,
        "octal": lambda: "0" + "7" * n,
        "sexagesimal": lambda: "1" + ":59" * (n // 3),
        "float": lambda: "1." + "9" * n,
        "exponent": lambda: "1" + "0" * n + ".5e+" + "9" * 20,
        "underscored": lambda: "1_" * (n // 2) + "1",
    }[syntax]()
    return _replace_value(rng, data, (sign + body).encode())


def deep_nesting(rng: random.Random, data: bytes, scale: int) -> bytes:
    depth = rng.choice([39, 41, 200, 5000, min(100_000, scale // 2)])
    kind = rng.choice(["flow-list", "flow-map", "block"])
    if kind == "flow-list":
        new = b"[" * depth + b"x" + b"]" * depth
    elif kind == "flow-map":
        new = b"{a: " * depth + b"x" + b"}" * depth
    else:
        depth = min(depth, 400)
        new = b"\n" + b"".join(b"  " * (i + 1) + b"k%d:\n" % i for i in range(depth)) + b"  " * (depth + 1) + b"x"
    return _replace_value(rng, data, new)


def control_chars(rng: random.Random, data: bytes, scale: int) -> bytes:
    raw = [b"\x00", b"\x07", b"\x08", b"\x1b[31m", b"\x1b]0;pwned\x07", b"\r", b"\x7f", b"\xc2\x9b2J", b"\xe2\x80\xae"]
    escaped = [b"\\e[2J", b"\\x1b", b"\\0", b"\\a", b"\\x9b", b"\\u202e", b"\\r", b"\\N", b"\\L"]
    if rng.random() < 0.5:
        return _insert(rng, data, rng.choice(raw))
    return _replace_value(rng, data, b'"bad ' + b"".join(rng.choices(escaped, k=3)) + b' text"')


def duplicate_keys(rng: random.Random, data: bytes, scale: int) -> bytes:
    spots = _values(data)
    if not spots:
        return data
    m = rng.choice(spots)
    line = data[m.start() : m.end()]
    return data[: m.end()] + b"\n" + line.replace(b"- ", b"  ", 1) + data[m.end() :]


def wrong_types(rng: random.Random, data: bytes, scale: int) -> bytes:
    new = rng.choice(
        [b"[a, b]", b"{a: 1}", b"yes", b"no", b"~", b"null", b"2026-01-01", b"12:30:00", b"3.5", b".inf", b".nan",
         b"-7", b"0", b"2.0", b"''", b'""', b"[]", b"{}", b"!!binary aGVsbG8=", b"2001-12-14t21:59:43.10-05:00"]
    )  # fmt: skip
    return _replace_value(rng, data, new)


def non_utf8(rng: random.Random, data: bytes, scale: int) -> bytes:
    bad = rng.choice([b"\xff", b"\xe9", b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"])
    if rng.random() < 0.2:
        return data.decode("utf-8", errors="replace").encode(
            rng.choice(["utf-16", "utf-32", "cp1252"]), errors="replace"
        )
    return _insert(rng, data, bad)


def boms(rng: random.Random, data: bytes, scale: int) -> bytes:
    bom = rng.choice([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])
    return bom + data if rng.random() < 0.6 else _insert(rng, data, bom)


def tabs(rng: random.Random, data: bytes, scale: int) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(len(lines))
        stripped = lines[i].lstrip(b" ")
        lines[i] = b"\t" * rng.randint(1, 3) + stripped if rng.random() < 0.7 else lines[i] + b"\t"
    return b"\n".join(lines)


def anchors_tags(rng: random.Random, data: bytes, scale: int) -> bytes:
    new = rng.choice(
        [b"&a x", b"*a", b"&a [1, 2]", b"!!python/object/apply:os.system ['echo pwned']", b"!custom x", b"!!str x",
         b"!!int 3", b"!<tag:yaml.org,2002:str> x", b"!!set {a, b}", b"!!omap [a: 1]", b"<<: *a", b"!x" * 5000]
    )  # fmt: skip
    if rng.random() < 0.2:
        return rng.choice([b"%YAML 1.1\n---\n", b"%TAG ! tag:evil.com,2000:\n---\n", b"--- !!map\n"]) + data
    return _replace_value(rng, data, new)


def long_scalar(rng: random.Random, data: bytes, scale: int) -> bytes:
    n = max(1, min(rng.choice([10_000, 200_000, scale]), scale - len(data) - 64))
    style = rng.choice(["plain", "quoted", "block", "key"])
    text = (b"word " * (n // 5 + 1))[:n]
    if style == "quoted":
        return _replace_value(rng, data, b'"' + text + b'"')
    if style == "block":
        return _replace_value(rng, data, b"|\n  " + text)
    if style == "key":
        return _insert(rng, data, b"\n" + text.replace(b" ", b"_") + b": 1\n")
    return _replace_value(rng, data, text)


def many_values(rng: random.Random, data: bytes, scale: int) -> bytes:
    n = min(rng.choice([300, 3000, 3000, 3000, 60_000, 500_000]), max(10, (scale - len(data)) // 3))
    item = rng.choice([b"a", b"1", b"[]", b"{}", b"0x1f"])
    return _replace_value(rng, data, b"[" + b",".join([item] * n) + b"]")


def shuffle_lines(rng: random.Random, data: bytes, scale: int) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 6)):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        action = rng.random()
        if action < 0.4:
            lines[i], lines[j] = lines[j], lines[i]
        elif action < 0.7:
            del lines[i]
        else:
            lines[i] = b" " * rng.randint(0, 9) + lines[i].lstrip()
    return b"\n".join(lines)


MUTATIONS: dict[str, Mutation] = {
    f.__name__.replace("_", "-"): f
    for f in (
        truncate,
        random_bytes,
        huge_number,
        deep_nesting,
        control_chars,
        duplicate_keys,
        wrong_types,
        non_utf8,
        boms,
        tabs,
        anchors_tags,
        long_scalar,
        many_values,
        shuffle_lines,
    )
}


def mutants(count: int, seed: int, scale: int) -> Iterator[tuple[str, bytes]]:
    """``count`` (mutation class, bytes) pairs, the classes in turn, from the bundled motions; deterministic."""
    rng = random.Random(seed)
    originals = [path.read_bytes() for path in BASES]
    names = sorted(MUTATIONS)
    for i in range(count):
        name = names[i % len(names)]
        data = rng.choice(originals)
        for _ in range(1 if rng.random() < 0.8 else 2):  # now and then a second mutation on top
            data = MUTATIONS[name](rng, data, scale)
        yield name, data[:scale]


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` when the body runs longer than ``seconds`` (SIGALRM; the main thread only)."""

    def hang(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Hang(Exception):
    """A mutant's loading ran past its deadline."""


LOCATED = re.compile(r"^:(\d+):(\d+): \S")


def bad_problem_lines(path: Path, problems: list[str]) -> list[str]:
    """The problems that are not one printable line naming the file (and a line and column, bar size limits)."""
    from debate.text_safety import printable

    bad = []
    for line in problems:
        rest = line[len(str(path)) :] if line.startswith(str(path)) else None
        located = rest is not None and LOCATED.match(rest)
        file_level = rest is not None and re.match(r"^: file is (over )?[\d.]+ [kM]B; motion files are limited", rest)
        if not (located or file_level) or "\n" in line or printable(line) != line or len(line) > 1000:
            bad.append(line)
    return bad


def load_one(path: Path, data: bytes, seconds: float) -> tuple[str, float, str]:
    """Write and load one mutant: (``error`` | ``accepted`` | ``bad-error`` | ``traceback`` | ``hang``, s, detail)."""
    from debate.errors import MotionError
    from debate.model import Motion
    from debate.motions import load_motion

    path.write_bytes(data)
    started = time.process_time()
    try:
        with deadline(seconds):
            motion = load_motion(path)
    except MotionError as exc:
        bad = bad_problem_lines(path, exc.problems)
        outcome = ("bad-error", bad[0][:300]) if bad else ("error", exc.problems[0][:300])
    except Hang as exc:
        outcome = ("hang", str(exc))
    except Exception as exc:  # what the fuzz test exists to catch
        outcome = ("traceback", f"{type(exc).__name__}: {exc}"[:300])
    else:
        outcome = ("accepted", "") if isinstance(motion, Motion) else ("traceback", repr(motion)[:300])
    return outcome[0], time.process_time() - started, outcome[1]


def campaign(count: int, seed: int, scale: int, folder: Path) -> int:
    """Run ``count`` mutants and print how each mutation class ended; exit 1 on any traceback, bad error or hang."""
    outcomes = ("error", "accepted", "bad-error", "traceback", "hang")
    table: dict[str, dict[str, int]] = {name: dict.fromkeys(outcomes, 0) for name in MUTATIONS}
    worst = (0.0, "", 0)
    failures: list[str] = []
    for i, (name, data) in enumerate(mutants(count, seed, scale)):
        outcome, seconds, detail = load_one(folder / f"mutant-{i}.yaml", data, 30.0)
        table[name][outcome] += 1
        if seconds > worst[0]:
            worst = (seconds, name, len(data))
        if outcome in ("bad-error", "traceback", "hang"):
            failures.append(f"{i} {name}: {outcome}: {detail}")
        (folder / f"mutant-{i}.yaml").unlink()
    print(f"{'class':<16}" + "".join(f"{o:>11}" for o in outcomes))
    for name, row in table.items():
        print(f"{name:<16}" + "".join(f"{row[o]:>11}" for o in outcomes))
    totals = {o: sum(row[o] for row in table.values()) for o in outcomes}
    print(f"{'total':<16}" + "".join(f"{totals[o]:>11}" for o in outcomes))
    print(f"slowest: {worst[0]:.3f} s CPU ({worst[1]}, {worst[2]:,} bytes)")
    for line in failures[:20]:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    import argparse
    import tempfile

    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=3000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--scale", type=int, default=2_000_000, help="largest mutant in bytes (default 2 MB)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sys.exit(campaign(options.count, options.seed, options.scale, Path(tmp)))
