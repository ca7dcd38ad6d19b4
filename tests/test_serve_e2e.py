"""End to end: `debate serve` in headless Chromium — name prompt, picker, one round, feedback, results file.

The page is textual-serve's xterm.js terminal, which paints on a canvas, so the test reads what the app sends: an
init script wraps the page's WebSocket and keeps every message, and the test waits for text in that stream.
Skipped, with the reason, when Chromium, Playwright or textual-serve is missing; `.ci/run` installs Chromium.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Keep every message the server sends, decoded to text, in window.__debate_out.
CAPTURE = """
window.__debate_out = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const ws = new NativeWebSocket(url, protocols);
  ws.addEventListener('message', async (event) => {
    let data = event.data;
    if (data instanceof Blob) data = await data.arrayBuffer();
    if (data instanceof ArrayBuffer) data = new TextDecoder().decode(data);
    window.__debate_out.push(String(data));
  });
  return ws;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
"""
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def _missing() -> str | None:
    if CHROMIUM is None:
        return "Chromium is not installed (apt-get install chromium; .ci/run does this)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (it is in the dev extra)"
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        return "textual-serve is not installed (the serve extra)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, Any]]:
    motions = tmp_path / "motions"
    motions.mkdir()
    shutil.copy(DATA / "mini.yaml", motions)
    results = tmp_path / "class results"
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "debate",
                "--motions",
                str(motions),
                "serve",
                "--port",
                str(port),
                "--results",
                str(results),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "NO_COLOR": ""},
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.1)
        else:
            raise AssertionError(f"the server never listened:\n{log.read_text()}")
        yield {"url": f"http://127.0.0.1:{port}/", "results": results, "log": log}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def test_a_student_completes_a_round_in_the_browser(server: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.add_init_script(CAPTURE)
            page.goto(server["url"])

            def screen_text() -> str:
                return ANSI.sub("", "".join(page.evaluate("window.__debate_out")))

            def wait_for(text: str, timeout: float = 30) -> None:
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline:
                    if text in screen_text():
                        return
                    time.sleep(0.1)
                raise AssertionError(f"never saw {text!r}; the last output was:\n{screen_text()[-2000:]}")

            wait_for("Who is practising?")
            page.click("body")
            page.keyboard.type("Ada Lovelace")
            wait_for("Ada Lovelace")
            page.keyboard.press("Enter")
            wait_for("Type to filter")
            page.keyboard.type("young children")  # the picker's filter: only the test motion is left
            wait_for("young children")
            page.keyboard.press("Enter")
            wait_for("Which side do you argue?")  # asked every time a motion starts
            page.keyboard.press("Enter")
            wait_for("Homework builds study habits")  # the opponent's argument card
            page.keyboard.type("they can learn study habits later at secondary school")
            wait_for("secondary school")
            page.keyboard.press("Control+s")
            wait_for("HIT")
            wait_for("habits-later")
        finally:
            browser.close()

    log = server["log"].read_text()
    assert "http://127.0.0.1:" in log and "this machine only" in log
    files = list(server["results"].glob("*.json"))
    assert len(files) == 1, files
    assert files[0].name.startswith("ada-lovelace-mini-homework-")
    doc = json.loads(files[0].read_text())
    assert doc["student"] == "Ada Lovelace"
    assert doc["motion"]["id"] == "mini-homework"
    [round_] = doc["rounds"]
    assert round_["argument"] == "builds-habits" and round_["outcome"] == "hit"
    best = round_["verdicts"][0]
    assert best["rebuttal"] == "habits-later" and best["verdict"] == "hit" and best["score"] >= 0.5
