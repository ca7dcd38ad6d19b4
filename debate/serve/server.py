"""The web server behind ``debate serve``: textual-serve's :class:`Server`, with the classroom's guard rails.

Every request passes :meth:`DebateServer.guard` (Host, Origin, join code; see :mod:`debate.serve.guard`), every page
is our own template (``templates/index.html``: nothing loaded from outside the server, and a Content-Security-Policy
that forbids it), at most ``max_sessions`` browser sessions run at once, and a session nobody types into for
``idle_timeout`` seconds is closed, so idle tabs cannot pile up processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from debate.serve.guard import code_matches, host_allowed, is_loopback, origin_allowed

log = logging.getLogger("debate.serve")

TEMPLATES = Path(__file__).parent / "templates"
"""Our page template (textual-serve's default fetches a font from Google)."""
COOKIE = "debate_join"
"""The cookie a browser gets once it gave the right join code."""
DEFAULT_MAX_SESSIONS = 40
"""Browser sessions at once (each is a trainer process of roughly 40-50 MB)."""
DEFAULT_IDLE_MINUTES = 30.0
"""A session nobody types into for this long is closed."""
WRONG_CODES_PER_MINUTE = 10
"""Wrong join codes one address may send per minute; more are refused without being checked."""
QUIT_GRACE = 5.0
"""Seconds a trainer process gets to quit when its browser goes; then it is killed."""
MAX_MESSAGE = 64 * 1024
"""The largest websocket message or form accepted from a browser (keystrokes and resizes are tiny)."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The page may load and connect to this server only (xterm.js injects its own <style>, hence 'unsafe-inline')."""
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make Chrome send "Origin: null" with the join form
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

FULL_MESSAGE = "The trainer is full: {n} sessions are open. Try again in a few minutes, or ask your teacher."
IDLE_MESSAGE = "This session was closed after {minutes:g} minutes without typing. Your rounds are saved."
WRONG_CODE = "That join code is not right. Check it with your teacher and try again."
TOO_MANY_CODES = "Too many wrong join codes from this computer. Wait a minute, then try again."

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class DebateServer(Server):
    """textual-serve's server with the Host/Origin/join-code guard, a session cap, idle closing and our page."""

    def __init__(
        self,
        command: str,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        join_code: str | None = None,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        idle_timeout: float = DEFAULT_IDLE_MINUTES * 60,
        title: str = "debate",
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        if join_code is None and not is_loopback(host):
            raise ValueError("serving beyond loopback needs a join code")
        self.join_code = join_code
        """The code a browser must give before a session starts; None (loopback only) asks for none."""
        self.max_sessions = max_sessions
        """Browser sessions allowed at once."""
        self.idle_timeout = idle_timeout
        """Seconds without a keystroke before a session is closed."""
        self.sessions = 0
        """Browser sessions running now."""
        self._token = secrets.token_urlsafe(32)
        self._wrong_codes: dict[str, deque[float]] = {}
        self._endings: set[asyncio.Task[None]] = set()

    # ---- the aiohttp application

    async def _make_app(self) -> web.Application:
        """The aiohttp app: our guard middleware, our template, and the routes a page needs."""
        app = web.Application(middlewares=[self.guard], client_max_size=MAX_MESSAGE)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.post("/join", self.handle_join, name="join"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_cleanup.append(self._wait_for_endings)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: ``debate serve`` has already said where it serves and the join code."""

    def admitted(self, request: web.Request) -> bool:
        """The browser may start a session: no join code is needed, or its cookie says it gave the right one."""
        if self.join_code is None:
            return True
        return code_matches(request.cookies.get(COOKIE, ""), self._token)

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a foreign Host or Origin, and (with a join code) anything but the code form until it was given."""
        host = request.headers.get("Host")
        if not host_allowed(host, self.host, self.port):
            return _refuse(400, "This server does not answer to that host name.")
        origin = request.headers.get("Origin")
        needs_origin = request.method != "GET" or request.path == "/ws"
        if (origin is not None or needs_origin) and not origin_allowed(origin, host, request.scheme):
            log.warning("refused %s %s from Origin %r", request.method, request.path, origin)
            return _refuse(403, "Refused: this request did not come from the trainer's own page.")
        if (
            not self.admitted(request)
            and request.path not in ("/", "/join")
            and not request.path.startswith("/static/")
        ):
            return _refuse(403, "Give the join code first.")
        response = await handler(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    # ---- pages

    def _page(self, request: web.Request, view: str, status: int = 200, **context: Any) -> web.Response:
        context = {"view": view, "title": self.title, "static": "/static/", **context}
        response: web.Response = aiohttp_jinja2.render_template("index.html", request, context, status=status)
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The join-code form, the "full" page, or the terminal page."""
        if not self.admitted(request):
            return self._page(request, "join")
        if self.sessions >= self.max_sessions:
            return self._page(request, "full", status=503, message=FULL_MESSAGE.format(n=self.max_sessions))
        scheme = "wss" if request.scheme == "https" else "ws"
        return self._page(
            request,
            "terminal",
            websocket_url=f"{scheme}://{request.host}/ws",
            font_size=min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 48),
        )

    async def handle_join(self, request: web.Request) -> web.StreamResponse:
        """The join form: the right code sets the admission cookie; a wrong one starts nothing."""
        if self.join_code is None:
            raise web.HTTPSeeOther("/")
        client = request.remote or "?"
        now = time.monotonic()
        for address in list(self._wrong_codes):  # forget mistakes older than a minute (and who made them)
            recent = self._wrong_codes[address]
            while recent and now - recent[0] > 60:
                recent.popleft()
            if not recent:
                del self._wrong_codes[address]
        recent = self._wrong_codes.setdefault(client, deque())
        if len(recent) >= WRONG_CODES_PER_MINUTE:
            return self._page(request, "join", status=429, error=TOO_MANY_CODES)
        recent.append(now)  # counted before the form arrives: slow forms sent at once are not all let through
        form = await request.post()
        given = form.get("code")
        if not isinstance(given, str) or not code_matches(given, self.join_code):
            log.warning("wrong join code from %s", client)
            return self._page(request, "join", status=403, error=WRONG_CODE)
        self._wrong_codes.pop(client, None)
        response = web.Response(status=303, headers={"Location": "/"})
        response.set_cookie(COOKIE, self._token, httponly=True, samesite="Strict", path="/")
        return response

    # ---- sessions

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser session: a trainer process, unless the server is full; closed when idle too long."""
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if self.sessions >= self.max_sessions:
            await _say(websocket, FULL_MESSAGE.format(n=self.max_sessions))
            await websocket.close(code=1013, message=b"server full")
            return websocket
        self.sessions += 1
        app_service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            width = min(max(to_int(request.query.get("width", "80"), 80), 20), 500)
            height = min(max(to_int(request.query.get("height", "24"), 24), 5), 300)
            app_service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._serve_session(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one broken session must not take the server down
            log.exception(error)
        finally:
            if app_service is None:
                self.sessions -= 1
            else:
                # In a task of its own, so the process is stopped and the place freed even when aiohttp cancels
                # this handler (it does when the browser's connection drops).
                ending = asyncio.create_task(self._end_session(app_service))
                self._endings.add(ending)
                ending.add_done_callback(self._endings.discard)
                await asyncio.shield(ending)
        return websocket

    async def _end_session(self, app_service: AppService) -> None:
        """Ask the session's process to quit, kill it if it does not, reap it, then free its place."""
        try:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(app_service.stop(), QUIT_GRACE)
            await _reap(app_service)
        finally:
            self.sessions -= 1

    async def _wait_for_endings(self, app: web.Application) -> None:
        """On shutdown: let the sessions being ended finish, so no trainer process outlives the server."""
        if self._endings:
            await asyncio.wait(set(self._endings), timeout=2 * QUIT_GRACE + 1)

    async def _serve_session(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """Pass the browser's messages to the process until either side closes or nobody types for too long."""
        last_input = time.monotonic()

        async def watch_idle() -> None:
            while not websocket.closed:
                left = self.idle_timeout - (time.monotonic() - last_input)
                if left <= 0:
                    await _say(websocket, IDLE_MESSAGE.format(minutes=round(self.idle_timeout / 60, 1)))
                    await websocket.close(code=1000, message=b"idle")
                    return
                await asyncio.sleep(min(left, 30.0))

        watchdog = asyncio.create_task(watch_idle())
        try:
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    envelope = message.json()
                    kind, data = envelope[0], envelope[1]
                except (ValueError, TypeError, IndexError, KeyError):
                    continue
                if kind == "stdin" and isinstance(data, str):
                    last_input = time.monotonic()
                    await app_service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    width = min(max(to_int(str(data.get("width", 80)), 80), 20), 500)
                    height = min(max(to_int(str(data.get("height", 24)), 24), 5), 300)
                    await app_service.set_terminal_size(width, height)
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()
        finally:
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watchdog


async def _say(websocket: web.WebSocketResponse, text: str) -> None:
    """Write a line into the browser's terminal (shown above the "session ended" bar)."""
    with contextlib.suppress(Exception):
        await websocket.send_bytes(f"\r\n  {text}\r\n".encode())


async def _reap(app_service: AppService) -> None:
    """Make sure the session's process is gone (killed if it did not quit) and reaped, so none is left behind."""
    process = getattr(app_service, "_process", None)  # textual-serve keeps the process private and never waits on it
    if not isinstance(process, asyncio.subprocess.Process):
        return
    try:
        await asyncio.wait_for(process.wait(), QUIT_GRACE)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
    if process.stdin is not None:  # the last open pipe: closing it lets asyncio release the process's transport
        process.stdin.close()


def _refuse(status: int, text: str) -> web.Response:
    response = web.Response(status=status, text=text + "\n", content_type="text/plain")
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response
