"""Start ``debate serve``: check the teacher's options, say where it serves (and the join code), run the server.

Imports the web stack only once the options are known to be good, so a missing ``serve`` extra is one clear line.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shlex
import socket
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


def binds_everywhere(host: str) -> bool:
    """The bind address is every interface of this computer (``0.0.0.0``, ``::``): not an address to type."""
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_unspecified
    except ValueError:
        return False


_PROBES = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))
"""Documentation addresses (RFC 5737, RFC 3849) that no network routes: connecting a UDP socket to one sends
nothing but makes the system pick the local address of the interface it would route through."""


def local_addresses(host: str = "0.0.0.0") -> list[str]:
    """This computer's addresses that other machines on its network can reach, for a server bound to ``host`` (an
    unspecified address): IPv4 for ``0.0.0.0``, IPv6 and IPv4 for ``::``. No traffic is sent and no name is looked
    up: a UDP socket is connected (which sends nothing) and asked which local address the system chose. Loopback and
    link-local addresses are left out; [] when there is no route (no network, or a system that will not say)."""
    families = (socket.AF_INET,) if ":" not in host else (socket.AF_INET6, socket.AF_INET)
    found: list[str] = []
    for family, probe in _PROBES:
        if family not in families:
            continue
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = ipaddress.ip_address(str(sock.getsockname()[0]).split("%")[0])
        except (OSError, ValueError):
            continue
        if not (address.is_loopback or address.is_link_local or address.is_unspecified):
            found.append(str(address))
    return found


def urls(options: ServeOptions, addresses: Sequence[str] | None = None) -> list[str]:
    """The addresses to give the browsers: the bind address itself, or, bound to every interface, this computer's
    reachable addresses (``addresses``, else :func:`local_addresses`); [] when they cannot be found."""
    hosts = [options.host]
    if binds_everywhere(options.host):
        hosts = list(local_addresses(options.host) if addresses is None else addresses)
    return [f"http://[{h}]:{options.port}" if ":" in h else f"http://{h}:{options.port}" for h in hosts]


def banner(options: ServeOptions, code: str | None, addresses: Sequence[str] | None = None) -> Sequence[str]:
    """The lines printed at start: where to point the browsers, and the join code if there is one.

    Bound to every interface (``--host 0.0.0.0``), the address printed is this computer's on the network (see
    :func:`urls`; ``addresses`` gives them, for tests), never ``0.0.0.0``, which no student can type."""
    where = "this machine only" if is_loopback(options.host) else "the network"
    found = urls(options, addresses)
    if found:
        lines = [f"Serving the trainer at {' or '.join(found)} ({where}); Ctrl+C stops."]
    else:
        lines = [
            f"Serving the trainer on port {options.port} of every network this computer is on; Ctrl+C stops.",
            f"Students open http://<this computer's address>:{options.port} (its address on the class network: "
            "`ip addr` on Linux, `ipconfig` on Windows, System Settings > Network on a Mac).",
        ]
    if code is not None:
        lines.append(f"Join code: {display_code(code)}  (every browser asks for it before a session starts)")
    lines.append(
        f"At most {options.max_sessions} sessions at once; a session idle for {options.idle_minutes:g} minutes closes."
    )
    if options.results is not None:
        lines.append(f"Results go to {options.results.resolve()}")
    elif options.assignment is not None:  # (--results forgotten: the lesson would leave the report nothing)
        lines.append(
            "No results folder: no results files are written, so `debate report` will have nothing to read; "
            "stop and start again with --results DIR to keep them."
        )
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
    check_address(options.host, options.port)
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
    try:
        server.serve()
    except OSError as exc:  # (taken between the check and now)
        raise DebateError(_address_problem(options.host, options.port, exc)) from None


def check_address(host: str, port: int) -> None:
    """A :class:`DebateError` naming why the server could not listen on ``host``:``port`` (a name that does not
    resolve, an address not on this machine, a port in use), before anything is printed as served."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise DebateError(_address_problem(host, port, exc)) from None
    family, kind, proto, _, address = infos[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (as the server binds)
            probe.bind(address)
    except OSError as exc:
        raise DebateError(_address_problem(host, port, exc)) from None


def _address_problem(host: str, port: int, exc: OSError) -> str:
    """One line for a failed bind or look-up."""
    if isinstance(exc, socket.gaierror):
        return f"cannot serve on --host {host}: no such host name or address ({exc.strerror})"
    if exc.errno == errno.EADDRINUSE:
        return f"cannot serve on port {port}: another program is using it (choose another with --port)"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot serve on --host {host}: it is not an address of this machine"
    if exc.errno == errno.EACCES:
        return f"cannot serve on port {port}: permission denied (ports below 1024 need privileges; try --port 8000)"
    return f"cannot serve on {host}:{port}: {exc.strerror or exc}"
