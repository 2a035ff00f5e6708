"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) and the servers.

No browser is downloaded: Playwright only drives the system Chromium. A failing test
leaves a screenshot in reports/ (reports/web-failure.png is always the latest).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.servers import ROOT, running_web

CHROMIUM = os.environ.get("HUIDBOT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
REPORTS = ROOT / "reports"


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Module scope: Playwright's sync API keeps an event loop running while it is
    # open, and other tests in the same run use asyncio.run().
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found. Install Debian's Chromium once: "
                    "`sudo apt-get update && sudo apt-get install -y chromium` (or set HUIDBOT_CHROMIUM).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Playwright gives every launch a fresh, empty --user-data-dir of its own.
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


def _screenshot_on_failure(request: pytest.FixtureRequest, page: Any) -> None:
    failed = any(getattr(request.node, f"rep_{when}", None) and getattr(request.node, f"rep_{when}").failed
                 for when in ("setup", "call"))
    if not failed:
        return
    REPORTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    path = REPORTS / f"web-failure-{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
        shutil.copyfile(path, REPORTS / "web-failure.png")
        print(f"\nscreenshot: {path.relative_to(ROOT)}")
    except Exception as err:  # the page may be gone; the test failure itself matters more
        print(f"\nno screenshot: {err}")


@pytest.fixture
def new_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """new_page(**context_options): a page in a fresh context (empty localStorage)."""
    pages = []

    def make(**options: Any) -> Any:
        context = browser.new_context(locale="nl-NL", **({"viewport": {"width": 1280, "height": 800}} | options))
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.on("pageerror", lambda err: page_errors.append(str(err)))
        pages.append(page)
        return page

    page_errors: list[str] = []
    yield make
    for page in pages:
        _screenshot_on_failure(request, page)
        page.context.close()
    assert not page_errors, f"JavaScript errors on the page: {page_errors}"


# --- a stand-in Rasa server for the widget's own behaviour -------------------------------------
def _bot(text: str, buttons: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"recipient_id": "x", "text": text}
    if buttons:
        message["buttons"] = [{"title": t, "payload": p} for t, p in buttons]
    return message


class FakeRasa:
    """Answers POST /webhooks/rest/webhook like Rasa's REST channel, with scripted replies.

    `fail = True` answers 503; `delay` seconds of thinking before each answer.
    GET /salon.html is a page of a "salon website" on this other origin that embeds
    the widget with one script tag.
    """

    GREETING = "Hoi! Ik ben de testbot van de salon. Waar kan ik je mee helpen?"
    WALLEN = "Bij wallen helpt een rustige lymfedrainage. Lees meer op https://example.org/wallen."
    QUESTION = "Wil je weten hoe je dat zelf doet?"
    NOTICE = "Ik ben een digitale testassistent; dit gesprek blijft 30 dagen bewaard (privacy: https://example.org/privacy)."
    ERASED = "Klaar: ik heb dit gesprek gewist."

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.fail = False
        self.delay = 0.0
        self.widget_url = ""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _cors(self) -> None:
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")

            def do_OPTIONS(self) -> None:
                self.send_response(204)
                self._cors()
                self.end_headers()

            def do_GET(self) -> None:
                body = (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Salon</title></head>'
                        f'<body><h1>Een salon</h1><script src="{fake.widget_url}" '
                        f'data-server="http://127.0.0.1:{fake.port}" defer></script></body></html>').encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(request)
                time.sleep(fake.delay)
                if fake.fail:
                    self.send_response(503)
                    self._cors()
                    self.end_headers()
                    return
                body = json.dumps(fake.reply(str(request.get("message", "")))).encode()
                self.send_response(200)
                self._cors()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reply(self, message: str) -> list[dict[str, Any]]:
        if message == "/greet":  # like the real bot: the privacy notice as a signal before the first answer
            return [{"recipient_id": "x", "custom": {"huidbot": {"melding": self.NOTICE}}},
                    _bot(self.GREETING, [("Ik heb last van wallen", "/wallen"), ("Openingstijden", "/salon_info")])]
        if message == "wis alles nu":
            return [_bot(self.ERASED), {"recipient_id": "x", "custom": {"huidbot": {"gewist": True}}}]
        if "<" in message:
            return [_bot(f'Je schreef: {message} <b>vet</b> <img src=x onerror="window.__xssBot=1"> '
                         'javascript:alert(1) <a href="javascript:alert(2)">klik</a>')]
        if "wallen" in message:
            return [_bot(self.WALLEN), _bot(self.QUESTION, [("Ja, graag", "/affirm"), ("Nee, dank je", "/deny")])]
        if message == "/affirm":
            return [_bot("Fijn! Begin bij je kaaklijn en werk rustig naar je oren.")]
        return [_bot("Dat heb ik genoteerd.")]

    def messages(self) -> list[str]:
        return [r.get("message") for r in self.requests]

    def reset(self) -> None:
        self.requests.clear()
        self.fail = False
        self.delay = 0.0

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def web_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_web(tmp_path_factory.mktemp("web")) as url:
        yield url


@pytest.fixture(scope="session")
def _fake_rasa(web_url: str) -> Iterator[FakeRasa]:
    fake = FakeRasa()
    fake.widget_url = f"{web_url}/huidbot-widget.js"
    yield fake
    fake.close()


@pytest.fixture
def fake_rasa(_fake_rasa: FakeRasa) -> FakeRasa:
    _fake_rasa.reset()
    return _fake_rasa
