"""The rules a served request must pass, as plain functions (no web imports), so they are tested one by one.

- **Host**: bound to loopback, the ``Host`` header must name this machine (``127.0.0.1``, ``localhost``, ``::1``)
  and the port served, which stops a DNS-rebinding page (``evil.example`` resolving to 127.0.0.1) from talking to it.
- **Origin**: a request that carries an ``Origin`` must come from the page the server itself sent
  (``scheme://Host``); the websocket and the join form must carry one.
- **Join code**: bound beyond loopback, a browser starts nothing until it gives the code printed at start,
  compared in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from urllib.parse import urlsplit

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join-code characters: capitals and digits without the look-alikes 0/O and 1/I."""
CODE_LENGTH = 8
"""Characters in a generated join code: 32**8 (about 10**12) codes, shown as two groups of four."""
MIN_CODE_LENGTH = 6
"""The shortest join code a teacher may choose."""
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
"""Host names that mean this machine (besides loopback IP addresses)."""
_HOST_HEADER = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(?::[0-9]{1,5})?$")


def is_loopback(host: str) -> bool:
    """The bind address reaches this machine only: ``localhost`` or a loopback IP (127.0.0.0/8, ::1)."""
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_join_code() -> str:
    """A fresh random join code (``CODE_LENGTH`` characters from ``CODE_ALPHABET``), from the OS's CSPRNG."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What is compared: capitals, without spaces or dashes (students type ``abcd-efgh`` or ``ABCD EFGH``)."""
    return "".join(ch for ch in text.upper() if ch not in " -\t")


def display_code(code: str) -> str:
    """The code as the teacher reads it out: groups of four joined by dashes."""
    code = normalise_code(code)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def check_chosen_code(code: str) -> str | None:
    """Why a teacher's own ``--code`` is not acceptable, or None when it is."""
    code = normalise_code(code)
    if len(code) < MIN_CODE_LENGTH:
        return f"a join code needs at least {MIN_CODE_LENGTH} letters or digits"
    if len(code) > 64 or not code.isascii() or not code.isalnum():
        return "a join code is letters A-Z and digits only, at most 64 of them"
    return None


def code_matches(given: str, expected: str) -> bool:
    """The code typed matches, compared in constant time (``hmac.compare_digest`` on the normalised bytes)."""
    return hmac.compare_digest(normalise_code(given).encode("utf-8"), normalise_code(expected).encode("utf-8"))


def host_allowed(host_header: str | None, bind_host: str, port: int) -> bool:
    """The request's ``Host`` header is acceptable for a server bound to ``bind_host:port``.

    A well-formed header is always required. Bound to loopback it must also name a loopback address and the port
    served (browsers omit the port only for 80 and 443). Beyond loopback any name is allowed (the machine's LAN
    name or address, which the server cannot know): there the join code is what keeps strangers out.
    """
    if not host_header or not _HOST_HEADER.match(host_header):
        return False
    if not is_loopback(bind_host):
        return True
    name, header_port = split_host(host_header)
    if header_port is None:
        header_port = 80
    return is_loopback(name) and header_port == port


def split_host(host_header: str) -> tuple[str, int | None]:
    """``Host`` header → (name, port or None). ``[::1]:8000`` → ("::1", 8000)."""
    if host_header.startswith("["):
        name, _, rest = host_header[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port_text = host_header.partition(":")
    return name, int(port_text) if port_text.isdigit() else None


def origin_allowed(origin: str | None, host_header: str | None, scheme: str = "http") -> bool:
    """``Origin`` is exactly this server as the browser reached it: ``scheme://Host`` (default ports folded).

    ``None`` (no header) is not allowed here: callers decide which requests may omit it.
    """
    if not origin or not host_header or origin == "null":
        return False
    try:
        parts = urlsplit(origin)
        origin_port = parts.port
    except ValueError:
        return False
    if parts.scheme != scheme or not parts.hostname or parts.path or parts.query or parts.username:
        return False
    default = 443 if scheme == "https" else 80
    name, port = split_host(host_header.lower())
    return parts.hostname.lower() == name.strip("[]") and (origin_port or default) == (port or default)
