"""A local stand-in for Meta's Graph API (WhatsApp Cloud API), and the WhatsApp channel running against it.

No outside network: the channel is pointed at the stand-in with WHATSAPP_API_URL. The stand-in
answers GET /<version>/<phone_number_id> (the token check) and POST .../messages like
graph.facebook.com, records every call, refuses any other token with 401 / code 190, and can be
told to fail the next sends (429, 500, 401) to test retries and reporting.

Two ways to run the channel:
- `whatsapp_bot`: the real Rasa server (trained model, action server) with credentials.whatsapp.yml;
- `scripted`: only the channel's blueprint, in a Sanic app in this process, with a scripted bot
  (cases the real bot never produces: twelve buttons, a text of 9000 characters).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from aiohttp import web
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from channels import identity
from channels.whatsapp import WhatsAppInput
from channels.whatsapp_status import ConnectionStatus
from storage.outage import StorageUnavailable
from tests.servers import ROOT, Bot, free_port, running_bot

TOKEN = "EAAG-test-huidbot-permanent-token"
PHONE_NUMBER_ID = "109876543210123"
APP_SECRET = "test-app-secret-7d1e"
VERIFY_TOKEN = "huidbot-verify-5c3b"
ID_SECRET = "test-id-secret-whatsapp"
VERSION = "v19.0"


class FakeGraphApi:
    """Records Graph API calls: `messages` are the JSON bodies POSTed to /messages, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.failures: list[tuple[int, int]] = []  # (HTTP status, Graph error code) for the next sends
        self._lock = threading.Lock()
        self._count = 0
        self.loop = asyncio.new_event_loop()
        self.port = 0
        started = threading.Event()
        threading.Thread(target=self._serve, args=(started,), daemon=True).start()
        if not started.wait(10):
            raise RuntimeError("the stand-in Graph API did not start")
        self.url = f"http://127.0.0.1:{self.port}/{VERSION}"

    def _serve(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        app = web.Application()
        app.router.add_get(f"/{VERSION}/{{phone}}", self._phone)
        app.router.add_post(f"/{VERSION}/{{phone}}/messages", self._messages)
        self.runner = web.AppRunner(app)
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        started.set()
        self.loop.run_forever()

    @staticmethod
    def _error(status: int, code: int) -> web.Response:
        return web.json_response({"error": {"message": "(stand-in)", "type": "OAuthException" if code == 190 else
                                            "GraphMethodException", "code": code, "fbtrace_id": "Atest"}},
                                 status=status)

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {TOKEN}"

    async def _phone(self, request: web.Request) -> web.Response:
        with self._lock:
            self.calls.append(("GET", request.match_info["phone"], {}))
        if not self._authorised(request):
            return self._error(401, 190)
        if request.match_info["phone"] != PHONE_NUMBER_ID:
            return self._error(400, 100)  # "Unsupported get request. Object ... does not exist"
        return web.json_response({"id": request.match_info["phone"], "display_phone_number": "+31 6 0000 0000"})

    async def _messages(self, request: web.Request) -> web.Response:
        body = await request.json()
        with self._lock:
            self.calls.append(("POST", request.match_info["phone"], body))
            failure = self.failures.pop(0) if self.failures else None
            self._count += 1
            count = self._count
        if not self._authorised(request):
            return self._error(401, 190)
        if failure:
            return self._error(*failure)
        return web.json_response({"messaging_product": "whatsapp", "contacts": [{"input": body["to"],
                                  "wa_id": body["to"]}], "messages": [{"id": f"wamid.out{count}"}]})

    def fail_next(self, *failures: tuple[int, int]) -> None:
        with self._lock:
            self.failures.extend(failures)

    def posts(self, to: str | None = None) -> list[dict[str, Any]]:
        """Every message POSTed (also those answered with an error), in order."""
        with self._lock:
            return [b for m, _, b in self.calls if m == "POST" and (to is None or b.get("to") == to)]

    def checks(self) -> list[str]:
        with self._lock:
            return [phone for m, phone, _ in self.calls if m == "GET"]

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)


# --- webhook updates as Meta sends them ---------------------------------------------------------
_counter = iter(range(1, 10**9))


def new_id() -> str:
    return f"wamid.HBgLMzE2{next(_counter):08d}"


def update(wa_id: str, message: dict[str, Any] | None = None, statuses: list[dict[str, Any]] | None = None,
           phone_number_id: str = PHONE_NUMBER_ID) -> dict[str, Any]:
    value: dict[str, Any] = {"messaging_product": "whatsapp",
                             "metadata": {"display_phone_number": "31600000000", "phone_number_id": phone_number_id}}
    if message is not None:
        value["contacts"] = [{"profile": {"name": "Sanne"}, "wa_id": wa_id}]
        value["messages"] = [{"from": wa_id, "id": new_id(), "timestamp": str(int(time.time())), **message}]
    if statuses is not None:
        value["statuses"] = statuses
    return {"object": "whatsapp_business_account",
            "entry": [{"id": "WABA-1", "changes": [{"value": value, "field": "messages"}]}]}


def text(body: str) -> dict[str, Any]:
    return {"type": "text", "text": {"body": body}}


def tap(kind: str, reply_id: str, title: str = "") -> dict[str, Any]:
    """A tap on a reply button (kind "button_reply") or a list row ("list_reply")."""
    return {"type": "interactive", "interactive": {"type": kind, kind: {"id": reply_id, "title": title}}}


def signature(raw: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def post(base_url: str, payload: dict[str, Any], sign: str | None = APP_SECRET,
         header: str | None = None) -> requests.Response:
    raw = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["X-Hub-Signature-256"] = header
    elif sign is not None:
        headers["X-Hub-Signature-256"] = signature(raw, sign)
    return requests.post(f"{base_url}/webhooks/whatsapp/webhook", data=raw, headers=headers, timeout=120)


def wait_posts(api: FakeGraphApi, to: str, more_than: int, timeout: float = 60) -> list[dict[str, Any]]:
    """The messages sent to `to` after the first `more_than`, once some arrived (and the turn settled)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(api.posts(to)) > more_than:
            time.sleep(0.5)
            return api.posts(to)[more_than:]
        time.sleep(0.1)
    raise AssertionError(f"nothing sent to {to}; Graph API calls: {api.calls}")


def body_text(message: dict[str, Any]) -> str:
    if message["type"] == "text":
        return str(message["text"]["body"])
    return str(message["interactive"]["body"]["text"])


# --- fixtures -----------------------------------------------------------------------------------
@pytest.fixture(scope="session", autouse=True)
def shared_id_secret() -> Iterator[None]:
    """The bot and the tests derive the same conversation keys."""
    mp = pytest.MonkeyPatch()
    mp.setenv(identity.SECRET_ENV, ID_SECRET)
    identity.id_secret.cache_clear()
    yield
    mp.undo()
    identity.id_secret.cache_clear()


@pytest.fixture(scope="session")
def graph() -> Iterator[FakeGraphApi]:
    api = FakeGraphApi()
    yield api
    api.close()


def credentials_text() -> str:
    """The project's credentials.yml plus its WhatsApp part, as python -m launch merges them."""
    return "\n".join((ROOT / name).read_text(encoding="utf-8") for name in ("credentials.yml", "credentials.whatsapp.yml"))


@dataclass
class WhatsAppBot:
    bot: Bot
    status_file: Path

    @property
    def url(self) -> str:
        return self.bot.url


@pytest.fixture(scope="session")
def whatsapp_bot(tmp_path_factory: pytest.TempPathFactory, graph: FakeGraphApi) -> Iterator[WhatsAppBot]:
    tmp = tmp_path_factory.mktemp("whatsapp")
    status_file = tmp / "whatsapp_status.json"
    env = {"WHATSAPP_TOKEN": TOKEN, "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_APP_SECRET": APP_SECRET,
           "WHATSAPP_VERIFY_TOKEN": VERIFY_TOKEN, "WHATSAPP_API_URL": graph.url, identity.SECRET_ENV: ID_SECRET,
           "HUIDBOT_WHATSAPP_STATUS": str(status_file)}
    with running_bot(tmp, credentials=credentials_text(), env=env) as bot:
        yield WhatsAppBot(bot, status_file)


# --- the channel alone, with a scripted bot -----------------------------------------------------
MANY = [{"title": f"Keuze nummer {n}", "payload": f"/keuze{{\"n\": {n}}}"} for n in range(1, 13)]


@dataclass
class Scripted:
    """The channel's blueprint in a Sanic app; `received` is what reached the bot."""

    url: str
    channel: WhatsAppInput
    status_file: Path
    received: list[UserMessage] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [m.text or "" for m in self.received]


async def scripted_bot(message: UserMessage, scripted: Scripted) -> None:
    """Twelve buttons for "veel keuzes", a very long answer for "lang verhaal", the conversation store
    down for "opslag weg", else an echo."""
    scripted.received.append(message)
    out = message.output_channel
    assert out is not None
    if message.text == "veel keuzes":
        await out.send_text_with_buttons(message.sender_id or "", "Waar gaat je vraag over?", MANY)
    elif message.text == "lang verhaal":
        sentence = "Masseer je gezicht elke avond rustig met twee vingers, van binnen naar buiten. "
        await out.send_text_message(message.sender_id or "", sentence * 120)
    elif message.text == "opslag weg":
        raise StorageUnavailable("the tracker store is down (scripted)")
    else:
        await out.send_text_message(message.sender_id or "", f"Je zei: {message.text}")


def start_scripted(tmp: Path, api_url: str, token: str = TOKEN, phone_number_id: str = PHONE_NUMBER_ID) -> Scripted:
    status_file = tmp / "whatsapp_status.json"
    channel = WhatsAppInput(token, phone_number_id, APP_SECRET, VERIFY_TOKEN, api_url=api_url,
                            status=ConnectionStatus(status_file))
    channel.api.delays = (0.05, 0.1, 0.2)
    scripted = Scripted("", channel, status_file)

    async def on_new_message(message: UserMessage) -> None:
        await scripted_bot(message, scripted)

    Sanic.test_mode = True  # Sanic 21.12 can start a second app in one process only in test mode
    app = Sanic(f"whatsapp_scripted_{next(_counter)}")
    app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/whatsapp")
    loop = asyncio.new_event_loop()
    started = threading.Event()
    port = free_port()  # (Sanic reads port 0 as "the default, 8000")

    def serve() -> None:
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True))
        assert server is not None
        loop.run_until_complete(server.startup())
        loop.run_until_complete(server.after_start())
        started.set()
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    if not started.wait(20):
        raise RuntimeError("the scripted WhatsApp channel did not start")
    scripted.url = f"http://127.0.0.1:{port}"
    return scripted


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory, graph: FakeGraphApi) -> Scripted:
    return start_scripted(tmp_path_factory.mktemp("scripted"), graph.url)
