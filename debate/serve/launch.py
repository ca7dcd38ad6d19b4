"""Start ``debate serve``: check the teacher's options, say where it serves (and the join code), run the server.

Imports the web stack only once the options are known to be good, so a missing ``serve`` extra is one clear line.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from debate.errors import DebateError, UsageError
from debate.serve.guard import check_chosen_code, display_code, is_loopback, new_join_code, normalise_code


@dataclass(frozen=True)
class ServeOptions:
    """What the teacher asked for on the command line."""

    host: str
    port: int
    motions: tuple[Path, ...] = ()
    results: Path | None = None
    assignment: Path | None = None
    code: str | None = None
    """``None``: a join code only beyond loopback; ``"auto"``: a generated code even on loopback; else that code."""
    max_sessions: int = 40
    idle_minutes: float = 30.0


def session_command(options: ServeOptions) -> str:
    """The shell command each browser session runs: this Python, the trainer in served mode, the teacher's options.

    ``--served`` makes the trainer ask the student's name first and keep that student's own history only.
    On POSIX the command starts with ``exec``.
    """
    parts = [sys.executable, "-m", "debate"]
    for folder in options.motions:
        parts += ["--motions", str(Path(folder).resolve())]
    parts += ["practice", "--served"]
    if options.results is not None:
        parts += ["--results", str(options.results.resolve())]
    if options.assignment is not None:
        parts += ["--assignment", str(options.assignment.resolve())]
    command = shlex.join(parts)
    # textual-serve runs the command through the shell: `exec` makes the trainer the process it starts (and may
    # kill when the session will not quit), instead of a shell whose child would outlive it.
    return f"exec {command}" if os.name == "posix" else command


def join_code_for(options: ServeOptions) -> str | None:
    """The join code the server will ask for, or None (loopback without ``--code``)."""
    if options.code is None:
        return None if is_loopback(options.host) else new_join_code()
    if options.code == "auto":
        return new_join_code()
    problem = check_chosen_code(options.code)
    if problem is not None:
        raise UsageError(f"--code: {problem}")
    return normalise_code(options.code)


def banner(options: ServeOptions, code: str | None) -> Sequence[str]:
    """The lines printed at start: where to point the browsers, and the join code if there is one."""
    host = f"[{options.host}]" if ":" in options.host else options.host
    where = "this machine only" if is_loopback(options.host) else "the network"
    lines = [f"Serving the trainer at http://{host}:{options.port} ({where}); Ctrl+C stops."]
    if code is not None:
        lines.append(f"Join code: {display_code(code)}  (every browser asks for it before a session starts)")
    lines.append(
        f"At most {options.max_sessions} sessions at once; a session idle for {options.idle_minutes:g} minutes closes."
    )
    if options.results is not None:
        lines.append(f"Results go to {options.results.resolve()}")
    return lines


def run(options: ServeOptions) -> None:
    """Serve until Ctrl+C."""
    if options.max_sessions < 1:
        raise UsageError("--max-sessions must be at least 1")
    if options.idle_minutes <= 0:
        raise UsageError("--idle-minutes must be a positive number of minutes")
    if not 0 < options.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    code = join_code_for(options)
    try:
        from debate.serve.server import DebateServer
    except ImportError:
        raise DebateError("serving needs the 'serve' extra: pip install 'debate[serve]'") from None
    if options.results is not None:
        try:
            options.results.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DebateError(f"{options.results}: cannot create the results folder ({exc.strerror})") from None
    server = DebateServer(
        session_command(options),
        host=options.host,
        port=options.port,
        join_code=code,
        max_sessions=options.max_sessions,
        idle_timeout=options.idle_minutes * 60,
    )
    for line in banner(options, code):
        print(line, file=sys.stderr, flush=True)
    server.serve()
