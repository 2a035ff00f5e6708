"""The Telegram connector's configuration, and what Telegram allows in a button (no server needed)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.shared.exceptions import RasaException

from bot.knowledge.salon_profile import TEXTS_PATH
from bot.replies.salon import topic_buttons
from channels.telegram import API_ENV, HuidbotTelegramInput, HuidbotTelegramOutput
from tests.servers import ROOT

CALLBACK_DATA_MAX = 64  # bytes: Telegram refuses a longer callback_data, and with it the whole message


def test_credentials_configure_server_buttons_and_secret(monkeypatch) -> None:
    monkeypatch.setenv(API_ENV, "http://127.0.0.1:8081")
    channel = HuidbotTelegramInput.from_credentials(
        {"access_token": "1:x", "verify": "huidbot_bot", "webhook_url": "https://h/webhooks/telegram/webhook",
         "secret_token": "s"})
    assert (channel.api_url, channel.button_type, channel.secret_token, channel.debug_mode) == (
        "http://127.0.0.1:8081", "vertical", "s", False)
    assert HuidbotTelegramInput.name() == "telegram"  # webhook path /webhooks/telegram/webhook
    output = HuidbotTelegramOutput("1:x", channel.api_url)
    assert output.server.api_url("1:x", "getMe") == "http://127.0.0.1:8081/bot1:x/getMe"
    monkeypatch.delenv(API_ENV)
    assert HuidbotTelegramOutput("1:x").server.api_url("1:x", "getMe") == "https://api.telegram.org/bot1:x/getMe"


def test_an_unknown_button_type_is_refused() -> None:
    with pytest.raises(RasaException, match="button_type"):
        HuidbotTelegramInput.from_credentials({"access_token": "1:x", "button_type": "grid"})


def test_the_credentials_file_reads_everything_from_the_environment() -> None:
    path = ROOT / "credentials.telegram.yml"
    if not path.exists():
        path = Path(__file__).with_name("credentials.telegram.yml")
    section = yaml.safe_load(path.read_text(encoding="utf-8"))["channels.telegram.HuidbotTelegramInput"]
    assert section == {"access_token": "${TELEGRAM_TOKEN}", "verify": "${TELEGRAM_BOT_NAME}",
                       "webhook_url": "${TELEGRAM_WEBHOOK_URL}", "secret_token": "${TELEGRAM_SECRET_TOKEN}"}


def _buttons(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "payload" in node and "title" in node:
            yield node
        for value in node.values():
            yield from _buttons(value)
    elif isinstance(node, list):
        for value in node:
            yield from _buttons(value)


def test_every_button_payload_fits_telegrams_callback_data() -> None:
    sources = {"domain.yml": yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))}
    for path in sorted((ROOT / "bot").rglob("*.yml")) + [TEXTS_PATH]:
        sources[str(path.relative_to(ROOT))] = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources["salon topic buttons"] = list(topic_buttons())
    buttons = [(name, b) for name, data in sources.items() for b in _buttons(data)]
    assert len(buttons) > 10
    too_long = [(name, b["payload"]) for name, b in buttons if len(str(b["payload"]).encode()) > CALLBACK_DATA_MAX]
    assert not too_long, f"payloads over {CALLBACK_DATA_MAX} bytes (Telegram refuses them): {too_long}"
