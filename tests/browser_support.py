"""What the browser tests share: Debian's chromium driven by Playwright (never a downloaded browser),
and the explorer served by uvicorn on a free loopback port in a thread.

Without /usr/bin/chromium or the playwright package the tests skip with the reason;
SHAHID_REQUIRE_BROWSER=1 (set by .ci/run) turns that into a failure."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
TIMEOUT = 15_000  # ms


def unavailable(reason: str) -> None:
    if os.environ.get("SHAHID_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (SHAHID_REQUIRE_BROWSER is set: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@contextmanager
def playwright_api() -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} not found: apt-get install chromium (the browser tests never download one)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        yield p


@contextmanager
def chromium(p: Any) -> Iterator[Any]:
    b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    try:
        yield b
    finally:
        b.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served on 127.0.0.1 until the block ends; yields its base URL."""
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        lifespan="off", access_log=False))
    thread = threading.Thread(target=srv.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
