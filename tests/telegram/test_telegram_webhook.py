"""A real Telegram update through Rasa's Telegram channel; replies captured on a local Bot API."""
from __future__ import annotations

import time
from typing import Any

import requests
import yaml

from tests.servers import ROOT
from tests.telegram.conftest import BOT_NAME, SECRET, WEBHOOK_URL, FakeBotApi

SECRET_HEADER = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
DUTCH = {"je", "jij", "jouw", "de", "het", "een", "en", "ik", "over", "met", "van", "bij", "wat", "is", "op", "niet", "of", "voor"}
ENGLISH = ("sorry, i", "did you mean", "how can i", "i am a bot")


def _user(chat: int) -> dict[str, Any]:
    return {"id": chat, "is_bot": False, "first_name": "Anna", "language_code": "nl"}


def text_update(update_id: int, chat: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "chat": {"id": chat, "type": "private", "first_name": "Anna"},
        "from": _user(chat), "text": text}}


def button_update(update_id: int, chat: int, data: str, on_message: dict[str, Any]) -> dict[str, Any]:
    return {"update_id": update_id, "callback_query": {
        "id": f"cb-{update_id}", "from": _user(chat), "chat_instance": "ci-1", "data": data,
        "message": {"message_id": 101, "date": int(time.time()), "chat": {"id": chat, "type": "private"},
                    "from": {"id": 123456789, "is_bot": True, "first_name": "Huidbot", "username": BOT_NAME},
                    "text": on_message.get("text", "")}}}


def post(bot: Any, update: dict[str, Any], headers: dict[str, str] | None = SECRET_HEADER) -> requests.Response:
    return requests.post(f"{bot.url}/webhooks/telegram/webhook", json=update, headers=headers or {}, timeout=120)


def wait_sent(api: FakeBotApi, chat: int, more_than: int, timeout: float = 60) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = api.sent(chat)
        if len(sent) > more_than:
            time.sleep(0.3)  # let the rest of this turn's messages arrive
            return api.sent(chat)[more_than:]
        time.sleep(0.1)
    raise AssertionError(f"nothing sent to chat {chat}; Bot API calls: {api.calls}")


def keyboard(message: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return (message.get("reply_markup") or {}).get("inline_keyboard") or []


def is_dutch(text: str) -> bool:
    """At least three Dutch function words, and none of Rasa's English defaults."""
    words = set(text.lower().replace(",", " ").replace(".", " ").replace("?", " ").replace("!", " ").split())
    return len(words & DUTCH) >= 3 and not any(m in text.lower() for m in ENGLISH)


def greeting_variations() -> list[dict[str, Any]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]["utter_greet"]


def test_webhook_is_registered_with_the_secret_on_the_local_api(telegram_bot, bot_api: FakeBotApi) -> None:
    registered = bot_api.called("setWebhook")
    assert registered, bot_api.calls
    assert registered[-1]["url"] == WEBHOOK_URL
    assert registered[-1]["secret_token"] == SECRET
    assert "callback_query" in registered[-1]["allowed_updates"]


def test_greeting_comes_back_with_the_buttons_as_an_inline_keyboard(telegram_bot, bot_api: FakeBotApi) -> None:
    chat = 700001
    response = post(telegram_bot, text_update(1, chat, "hoi"))
    assert response.status_code == 200 and response.text == "success"
    sent = wait_sent(bot_api, chat, 0)
    assert is_dutch(" ".join(m["text"] for m in sent)), sent

    with_buttons = [m for m in sent if keyboard(m)]
    assert with_buttons, sent
    variation = next(v for v in greeting_variations() if v["text"] == with_buttons[-1]["text"])
    # One button per row (readable on a phone); title = text, payload = callback_data.
    rows = keyboard(with_buttons[-1])
    assert all(len(row) == 1 for row in rows)
    assert [(r[0]["text"], r[0]["callback_data"]) for r in rows] == [(b["title"], b["payload"]) for b in variation["buttons"]]


def test_a_tapped_button_is_answered_and_acknowledged(telegram_bot, bot_api: FakeBotApi) -> None:
    chat = 700002
    post(telegram_bot, text_update(10, chat, "hallo"))
    greeting = [m for m in wait_sent(bot_api, chat, 0) if keyboard(m)][-1]
    payload = keyboard(greeting)[0][0]["callback_data"]
    before = len(bot_api.sent(chat))

    response = post(telegram_bot, button_update(11, chat, payload, greeting))
    assert response.status_code == 200
    answer = wait_sent(bot_api, chat, before)
    assert answer and is_dutch(" ".join(m["text"] for m in answer)), answer
    assert "cb-11" in [c["callback_query_id"] for c in bot_api.called("answerCallbackQuery")]


def test_salon_question_answered_from_the_profile(telegram_bot, bot_api: FakeBotApi) -> None:
    from bot.replies.salon import answer

    chat = 700003
    post(telegram_bot, text_update(20, chat, "wat zijn jullie openingstijden"))
    sent = wait_sent(bot_api, chat, 0)
    expected = answer(topic="openingstijden").bubbles[0].splitlines()
    # Day lines from salon/profiel.yml ("Dinsdag: 9.00 tot 17.30 uur"); the first line may name today.
    assert any(all(line in m["text"] for line in expected[-8:]) for m in sent), sent
    assert ["Afspraak maken"] in [[b["text"] for b in row] for m in sent for row in keyboard(m)]


def test_updates_without_the_secret_token_are_refused(telegram_bot, bot_api: FakeBotApi) -> None:
    chat = 700004
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
        response = post(telegram_bot, text_update(30, chat, "hoi"), headers=headers)
        assert response.status_code == 403
    time.sleep(1)
    assert bot_api.sent(chat) == []


def test_bot_identity_is_asked_once(telegram_bot, bot_api: FakeBotApi) -> None:
    post(telegram_bot, text_update(40, 700005, "hoi"))
    wait_sent(bot_api, 700005, 0)
    assert len(bot_api.called("getMe")) == 1
