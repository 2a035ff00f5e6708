"""A local stand-in for the Telegram Bot API, and Rasa running the Telegram channel against it.

No outside network: the connector is pointed at the stand-in with HUIDBOT_TELEGRAM_API.
The stand-in answers getMe / setWebhook / sendMessage / answerCallbackQuery like
api.telegram.org and records every call, so a test sees exactly what the bot sent.
"""
from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from tests.servers import ROOT, running_bot

TOKEN = "123456789:TEST-huidbot-token_abcdefghijklmnopqrstu"
BOT_NAME = "huidbot_test_bot"
WEBHOOK_URL = "https://bot.huidstudio-voorbeeld.nl/webhooks/telegram/webhook"
SECRET = "test-secret-4f9a2c"
TELEGRAM_FILE = ROOT / "credentials.telegram.yml"
EXAMPLE_FILE = Path(__file__).with_name("credentials.telegram.yml")


class FakeBotApi:
    """Records Bot API calls: `calls` is a list of (method, params) with JSON fields decoded."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._message_id = 100
        self._lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        self.port = 0
        started = threading.Event()
        threading.Thread(target=self._serve, args=(started,), daemon=True).start()
        if not started.wait(10):
            raise RuntimeError("the stand-in Bot API did not start")
        self.url = f"http://127.0.0.1:{self.port}"

    def _serve(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self.runner = web.AppRunner(app)
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {k: v for k, v in (await request.post()).items()}
        for key in ("reply_markup", "allowed_updates"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        with self._lock:
            self.calls.append((method.lower(), params))
        return web.json_response({"ok": True, "result": self._result(method.lower(), params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getme":
            return {"id": 123456789, "is_bot": True, "first_name": "Huidbot", "username": BOT_NAME}
        if method == "sendmessage":
            with self._lock:
                self._message_id += 1
                message_id = self._message_id
            return {"message_id": message_id, "date": int(time.time()),
                    "chat": {"id": int(params["chat_id"]), "type": "private"}, "text": params.get("text", "")}
        return True  # setWebhook, answerCallbackQuery, ...

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [p for m, p in self.calls if m == "sendmessage" and (chat_id is None or int(p["chat_id"]) == chat_id)]

    def called(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [p for m, p in self.calls if m == method.lower()]

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)


def credentials_text() -> str:
    """The project's credentials.yml plus its Telegram part, as python -m launch merges them."""
    telegram = TELEGRAM_FILE if TELEGRAM_FILE.exists() else EXAMPLE_FILE
    return (ROOT / "credentials.yml").read_text(encoding="utf-8") + "\n" + telegram.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def bot_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi()
    yield api
    api.close()


@pytest.fixture(scope="session")
def telegram_bot(tmp_path_factory: pytest.TempPathFactory, bot_api: FakeBotApi) -> Iterator[Any]:
    env = {
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_BOT_NAME": BOT_NAME,
        "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
        "TELEGRAM_SECRET_TOKEN": SECRET,
        "HUIDBOT_TELEGRAM_API": bot_api.url,
    }
    with running_bot(tmp_path_factory.mktemp("telegram"), credentials=credentials_text(), env=env) as bot:
        yield bot
