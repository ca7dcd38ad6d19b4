"""`debate serve` without a browser: the guard rules, the join code, the session cap, idle closing and the page.

The server tests run the real aiohttp app on 127.0.0.1 only. A "beyond loopback" server is the same app
configured with host 0.0.0.0 (so it demands a join code) but bound to 127.0.0.1 by the test.
"""

from __future__ import annotations

import asyncio
import re
import shlex
import socket
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual_serve")

from aiohttp import ClientSession, WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from debate.cli import main
from debate.serve import guard
from debate.serve.launch import ServeOptions, banner, join_code_for
from debate.serve.server import COOKIE, TEMPLATES, DebateServer

# A stand-in trainer: says it is a Textual app, then waits until textual-serve writes to it (the quit packet).
FAKE_APP = "exec " + shlex.join(
    [sys.executable, "-c", "import sys; print('__GANGLION__', flush=True); sys.stdin.buffer.read(1)"]
)
CODE = "ABCD2345"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Factory = Callable[..., Any]


@pytest.fixture
async def serve() -> AsyncIterator[Factory]:
    """Start a DebateServer on 127.0.0.1 (whatever host it is configured with); yields (client, server)."""
    clients: list[TestClient[Any, Any]] = []

    async def start(**kwargs: Any) -> tuple[TestClient[Any, Any], DebateServer]:
        port = _free_port()
        kwargs.setdefault("host", "127.0.0.1")
        server = DebateServer(kwargs.pop("command", FAKE_APP), port=port, **kwargs)
        client: TestClient[Any, Any] = TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port))
        await client.start_server()
        clients.append(client)
        return client, server

    yield start
    for client in clients:
        await client.close()


def own(client: TestClient[Any, Any]) -> dict[str, str]:
    """The Origin header the trainer's own page sends."""
    return {"Origin": f"http://127.0.0.1:{client.port}"}


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


# ---- the rules, one by one


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        *[("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("::1", True), ("[::1]", True)],
        *[("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False), ("", False)],
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert guard.is_loopback(host) is loopback


def test_join_codes_are_random_unambiguous_and_compared_normalised() -> None:
    codes = {guard.new_join_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == guard.CODE_LENGTH and set(c) <= set(guard.CODE_ALPHABET) for c in codes)
    assert not set("01OI") & set(guard.CODE_ALPHABET)
    assert guard.code_matches("abcd-2345", CODE) and guard.code_matches(" ABCD 2345 ", CODE)
    assert not guard.code_matches("ABCD2346", CODE) and not guard.code_matches("", CODE)
    assert not guard.code_matches("ABCD23456", CODE) and not guard.code_matches("ABCD234", CODE)
    assert not guard.code_matches("ÄBCD2345", CODE)  # non-ASCII input is compared as bytes, never an error
    assert guard.display_code(CODE) == "ABCD-2345"
    assert guard.check_chosen_code("abc12") is not None and guard.check_chosen_code("room-42-b") is None
    assert guard.check_chosen_code("ab cd!ef") is not None


@pytest.mark.parametrize(
    ("origin", "host", "ok"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://LOCALHOST:8000", "localhost:8000", True),
        ("http://[::1]:8000", "[::1]:8000", True),
        ("http://192.168.1.5", "192.168.1.5:80", True),
        ("http://evil.example", "127.0.0.1:8000", False),
        ("http://127.0.0.1:9999", "127.0.0.1:8000", False),
        ("https://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000.evil.example", "127.0.0.1:8000", False),
        ("http://user@127.0.0.1:8000", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),
        ("", "127.0.0.1:8000", False),
        (None, "127.0.0.1:8000", False),
        ("http://127.0.0.1:99999", "127.0.0.1:8000", False),
    ],
)
def test_origin_must_be_the_servers_own(origin: str | None, host: str, ok: bool) -> None:
    assert guard.origin_allowed(origin, host) is ok


def test_a_loopback_server_answers_only_to_loopback_host_names() -> None:
    assert guard.host_allowed("127.0.0.1:8000", "127.0.0.1", 8000)
    assert guard.host_allowed("localhost:8000", "127.0.0.1", 8000)
    assert not guard.host_allowed("evil.example:8000", "127.0.0.1", 8000)  # DNS rebinding
    assert not guard.host_allowed("127.0.0.1:9000", "127.0.0.1", 8000)
    assert not guard.host_allowed(None, "127.0.0.1", 8000)
    assert not guard.host_allowed('x"><script>', "0.0.0.0", 8000)  # malformed, even beyond loopback
    assert guard.host_allowed("classroom-pc.local:8000", "0.0.0.0", 8000)  # the join code guards the LAN


def test_bound_to_every_interface_the_banner_gives_an_address_students_can_type() -> None:
    """`--host 0.0.0.0` printed http://0.0.0.0:8766, which no student can type: it now prints this computer's
    addresses on the network, or says plainly to use this computer's address when none can be found."""
    import ipaddress

    from debate.serve.launch import local_addresses

    lan = ServeOptions(host="0.0.0.0", port=8766)
    first = banner(lan, "ABCDEFGH", addresses=["192.168.1.20"])[0]
    assert "http://192.168.1.20:8766" in first and "0.0.0.0" not in first
    both = banner(ServeOptions(host="::", port=8766), None, addresses=["10.0.0.7", "fd00::7"])[0]
    assert "http://10.0.0.7:8766 or http://[fd00::7]:8766" in both
    unknown = "\n".join(banner(lan, "ABCDEFGH", addresses=[]))
    assert "http://<this computer's address>:8766" in unknown and "0.0.0.0" not in unknown
    assert "0.0.0.0" not in "\n".join(banner(lan, "ABCDEFGH"))  # the real interfaces, whatever they are
    for found in local_addresses("0.0.0.0") + local_addresses("::"):
        address = ipaddress.ip_address(found)
        assert not (address.is_loopback or address.is_unspecified or address.is_link_local)
    assert banner(ServeOptions(host="127.0.0.1", port=8000), None)[0].startswith(
        "Serving the trainer at http://127.0.0.1:8000 (this machine only)"
    )


def test_serving_an_assignment_without_a_results_folder_says_the_report_gets_nothing(tmp_path: Path) -> None:
    """Found by a teacher: `debate serve --assignment week3.yaml` (--results forgotten) served the lesson and wrote no
    results file, so `debate report` had nothing to read; the banner said nothing about it."""
    week = tmp_path / "week3.yaml"
    alone = "\n".join(banner(ServeOptions(host="127.0.0.1", port=8000, assignment=week), None))
    assert "--results" in alone and "debate report" in alone
    kept = banner(ServeOptions(host="127.0.0.1", port=8000, assignment=week, results=tmp_path / "r"), None)
    assert not any("--results" in line for line in kept) and kept[-1].startswith("Results go to ")


def test_beyond_loopback_always_has_a_join_code_and_says_it() -> None:
    lan = ServeOptions(host="0.0.0.0", port=8000)
    code = join_code_for(lan)
    assert code is not None and len(code) == guard.CODE_LENGTH
    assert any(guard.display_code(code) in line for line in banner(lan, code))
    assert join_code_for(ServeOptions(host="127.0.0.1", port=8000)) is None
    assert join_code_for(ServeOptions(host="127.0.0.1", port=8000, code="auto")) is not None
    assert join_code_for(ServeOptions(host="127.0.0.1", port=8000, code="room-42-b")) == "ROOM42B"
    with pytest.raises(ValueError, match="join code"):
        DebateServer(FAKE_APP, host="0.0.0.0", port=8000, join_code=None)


def test_bad_serve_options_are_one_line_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--max-sessions", "0"]) == 2
    assert "--max-sessions" in capsys.readouterr().err
    assert main(["serve", "--code", "abc"]) == 2
    assert "at least 6" in capsys.readouterr().err


def test_an_address_it_cannot_serve_on_is_one_line_before_anything_is_served(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A port in use, a host name that does not resolve, an address not on this machine: one line naming it and exit
    1, no traceback, no "Serving ..." banner, and no results folder made."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        results = tmp_path / "results"
        assert main(["serve", "--port", str(port), "--results", str(results)]) == 1
        err = capsys.readouterr().err
        assert f"cannot serve on port {port}: another program is using it" in err
        assert "Serving" not in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert not results.exists()
    assert main(["serve", "--host", "no-such-host.invalid", "--code"]) == 1
    assert "cannot serve on --host no-such-host.invalid: no such host" in capsys.readouterr().err
    assert main(["serve", "--host", "192.0.2.1", "--code"]) == 1  # (TEST-NET-1: never this machine's)
    assert "cannot serve on --host 192.0.2.1: it is not an address of this machine" in capsys.readouterr().err


# ---- the page


def test_the_template_loads_nothing_from_outside_the_server() -> None:
    import textual_serve

    text = (TEMPLATES / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://|//[a-z]|googleapis|fonts\.g", text, re.IGNORECASE)
    static = Path(textual_serve.__file__).parent / "static"
    referenced = re.findall(r"\{\{ static \}\}([\w./-]+)", text)
    assert {"css/xterm.css", "js/textual.js", "fonts/RobotoMono-VariableFont_wght.ttf"} <= set(referenced)
    for name in referenced:  # every file the page asks for is served by textual-serve's /static route
        assert (static / name).is_file(), name
    # the scripts and styles served themselves fetch nothing from elsewhere (URLs there are in licence comments)
    css = (static / "css" / "xterm.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css
    js = (static / "js" / "textual.js").read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[\w.-]+", js)) <= {"https://github.com", "http://bellard.org"}


async def test_every_page_forbids_outside_loads_and_has_no_outside_url(serve: Factory) -> None:
    client, _ = await serve()
    response = await client.get("/")
    assert response.status == 200
    body = await response.text()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "script-src 'self'" in csp
    assert 'data-session-websocket-url="ws://127.0.0.1:' in body
    # "no-referrer" makes Chrome send "Origin: null" with the join form, which the guard (rightly) refuses
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert not re.search(r"(src|href)=\"(https?:)?//", body)
    assert (await client.get("/static/js/textual.js")).status == 200


# ---- Origin and Host


async def test_a_foreign_origin_is_refused_on_every_route(serve: Factory) -> None:
    client, server = await serve()
    evil = {"Origin": "http://evil.example"}
    for path in ("/", "/ws", "/static/js/textual.js", "/download/x"):
        response = await client.get(path, headers=evil)
        assert response.status == 403, path
        assert "did not come from the trainer's own page" in await response.text()
    assert server.sessions == 0


async def test_a_websocket_without_origin_is_refused(serve: Factory) -> None:
    client, server = await serve()
    response = await client.get("/ws", headers={"Connection": "Upgrade", "Upgrade": "websocket"})
    assert response.status == 403 and server.sessions == 0


async def test_a_rebinding_host_name_is_refused_on_loopback(serve: Factory) -> None:
    client, _ = await serve()
    response = await client.get("/", headers={"Host": f"evil.example:{client.port}"})
    assert response.status == 400


# ---- the join code


async def test_beyond_loopback_the_page_asks_for_the_code_and_starts_nothing_without_it(serve: Factory) -> None:
    client, server = await serve(host="0.0.0.0", join_code=CODE)
    page = await (await client.get("/")).text()
    assert 'action="/join"' in page and 'name="code"' in page and "textual.js" not in page
    response = await client.get("/ws", headers={**own(client), "Connection": "Upgrade", "Upgrade": "websocket"})
    assert response.status == 403 and server.sessions == 0
    assert (await client.get("/download/anything", headers=own(client))).status == 403


async def test_a_wrong_code_is_refused_with_a_clear_message_and_no_session(serve: Factory) -> None:
    client, server = await serve(host="0.0.0.0", join_code=CODE)
    response = await client.post("/join", data={"code": "ABCD2346"}, headers=own(client), allow_redirects=False)
    assert response.status == 403
    assert "join code is not right" in await response.text()
    assert COOKIE not in response.cookies and server.sessions == 0
    assert "textual.js" not in await (await client.get("/")).text()  # still the code form


async def test_the_join_form_needs_the_pages_own_origin(serve: Factory) -> None:
    client, _ = await serve(host="0.0.0.0", join_code=CODE)
    for headers in ({}, {"Origin": "http://evil.example"}):  # a cross-site form post cannot try codes
        response = await client.post("/join", data={"code": CODE}, headers=headers, allow_redirects=False)
        assert response.status == 403 and COOKIE not in response.cookies


async def test_the_right_code_opens_the_terminal_page_and_a_session(serve: Factory) -> None:
    client, server = await serve(host="0.0.0.0", join_code=CODE)
    response = await client.post("/join", data={"code": "abcd-2345"}, headers=own(client), allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/"
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and CODE not in cookie.value
    page = await (await client.get("/")).text()
    assert "textual.js" in page and "data-session-websocket-url" in page
    ws = await client.ws_connect("/ws", headers=own(client))
    await wait_until(lambda: server.sessions == 1)
    await ws.close()
    await wait_until(lambda: server.sessions == 0)


async def test_wrong_codes_are_rate_limited(serve: Factory) -> None:
    client, _ = await serve(host="0.0.0.0", join_code=CODE)
    statuses = [
        (await client.post("/join", data={"code": f"WRONG{i:03d}"}, headers=own(client))).status for i in range(11)
    ]
    assert statuses == [403] * 10 + [429]
    response = await client.post("/join", data={"code": CODE}, headers=own(client), allow_redirects=False)
    assert response.status == 429  # even the right code waits: guessing gets ~10 tries a minute
    assert "Too many wrong join codes" in await response.text()


async def test_slow_join_forms_sent_at_once_are_rate_limited_too(serve: Factory) -> None:
    """Forms whose bodies arrive slowly were all checked against the limit before any was counted: 60 guesses at
    once all got an answer (found by a tester)."""
    client, _ = await serve(host="0.0.0.0", join_code=CODE)
    body = b"code=WRONG001"
    head = (
        f"POST /join HTTP/1.1\r\nHost: 127.0.0.1:{client.port}\r\nOrigin: http://127.0.0.1:{client.port}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    connections = [await asyncio.open_connection("127.0.0.1", client.port) for _ in range(15)]
    for _, writer in connections:
        writer.write(head + body[:3])
        await writer.drain()
    await asyncio.sleep(0.3)  # every request is now waiting for the rest of its form
    for _, writer in connections:
        writer.write(body[3:])
        await writer.drain()
    statuses = []
    for reader, writer in connections:
        statuses.append(int((await reader.readline()).split()[1]))
        writer.close()
    assert statuses.count(403) == 10 and statuses.count(429) == 5


async def test_loopback_needs_no_code_unless_asked(serve: Factory) -> None:
    client, _ = await serve()
    assert "textual.js" in await (await client.get("/")).text()
    client, _ = await serve(join_code=CODE)
    assert 'action="/join"' in await (await client.get("/")).text()


# ---- the session cap and idle sessions


async def test_sessions_are_capped_with_a_clear_message_when_full(serve: Factory) -> None:
    client, server = await serve(max_sessions=2)
    first = await client.ws_connect("/ws", headers=own(client))
    second = await client.ws_connect("/ws", headers=own(client))
    await wait_until(lambda: server.sessions == 2)
    full_page = await client.get("/")
    assert full_page.status == 503 and "The trainer is full: 2 sessions are open" in await full_page.text()
    third = await client.ws_connect("/ws", headers=own(client))
    message = await third.receive(timeout=10)
    assert message.type == WSMsgType.BINARY and b"The trainer is full" in message.data
    assert (await third.receive(timeout=10)).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    assert server.sessions == 2
    await first.close()
    await wait_until(lambda: server.sessions == 1)
    assert (await client.get("/")).status == 200  # room again
    await second.close()
    await wait_until(lambda: server.sessions == 0)


async def test_an_idle_session_is_closed_and_its_place_freed(serve: Factory) -> None:
    client, server = await serve(idle_timeout=0.5)
    ws = await client.ws_connect("/ws", headers=own(client))
    await wait_until(lambda: server.sessions == 1)
    message = await ws.receive(timeout=10)
    assert message.type == WSMsgType.BINARY and b"without typing" in message.data
    assert (await ws.receive(timeout=10)).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    await wait_until(lambda: server.sessions == 0)


async def test_a_process_that_does_not_quit_is_killed_and_its_place_freed(
    serve: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.serve.server as server_module

    monkeypatch.setattr(server_module, "QUIT_GRACE", 0.3)
    stubborn = "exec " + shlex.join(
        [sys.executable, "-c", "import time; print('__GANGLION__', flush=True); time.sleep(60)"]
    )
    client, server = await serve(command=stubborn)
    ws = await client.ws_connect("/ws", headers=own(client))
    await wait_until(lambda: server.sessions == 1)
    await ws.close()
    await wait_until(lambda: server.sessions == 0, timeout=5)


async def test_junk_websocket_messages_do_not_break_a_session(serve: Factory) -> None:
    client, server = await serve()
    ws = await client.ws_connect("/ws", headers=own(client))
    for junk in ("not json", "{}", "[]", '["resize", "big"]', '["stdin"]', '["resize", {"width": "x"}]'):
        await ws.send_str(junk)
    await ws.send_str('["ping", "42"]')
    reply = await ws.receive(timeout=10)
    assert reply.type == WSMsgType.TEXT and reply.json() == ["pong", "42"]
    assert server.sessions == 1
    await ws.close()
    await wait_until(lambda: server.sessions == 0)


async def test_the_real_server_refuses_a_foreign_origin_over_loopback() -> None:
    """The whole stack as `debate serve` runs it (a subprocess on 127.0.0.1), asked with a foreign Origin."""
    port = _free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "debate", "serve", "--port", str(port), stderr=asyncio.subprocess.PIPE
    )
    try:
        assert proc.stderr is not None
        line = await asyncio.wait_for(proc.stderr.readline(), 30)
        assert f"http://127.0.0.1:{port}" in line.decode() and "this machine only" in line.decode()
        async with ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/", headers={"Origin": "http://evil.example"}) as r:
                        assert r.status == 403
                        break
                except OSError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("the server never answered")
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 15)
