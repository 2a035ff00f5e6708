"""Telegram and privacy (issue 14): the conversation is stored under a keyed hash of the chat id,
replies still reach the chat, the notice is the last bubble of the first reply, and erasing works."""
from __future__ import annotations

import sqlite3
from typing import Any

from bot.replies import privacy
from channels.identity import messaging_key
from tests.telegram.conftest import FakeBotApi
from tests.telegram.test_telegram_webhook import button_update, keyboard, post, text_update


def stored(bot: Any, sender: str) -> int:
    with sqlite3.connect(bot.db) as db:
        return int(db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0])


def senders(bot: Any) -> set[str]:
    with sqlite3.connect(bot.db) as db:
        return {row[0] for row in db.execute("select distinct sender_id from events")}


def test_stored_under_a_keyed_hash_and_the_notice_comes_last_once(telegram_bot, bot_api: FakeBotApi) -> None:
    chat = 700101
    assert post(telegram_bot, text_update(101, chat, "ik heb last van wallen")).status_code == 200
    first = [m["text"] for m in bot_api.sent(chat)]
    assert len(first) >= 2 and first[-1] == privacy.notice()  # its own bubble, the last one
    assert first.count(privacy.notice()) == 1

    key = messaging_key("telegram", chat)
    assert stored(telegram_bot, key) > 0
    assert str(chat) not in senders(telegram_bot)  # the chat id itself is never a storage key

    before = len(bot_api.sent(chat))
    post(telegram_bot, text_update(102, chat, "en wat helpt nog meer"))
    later = [m["text"] for m in bot_api.sent(chat)[before:]]
    assert later and privacy.notice() not in later  # once per conversation


def test_erasing_in_telegram_removes_the_rows(telegram_bot, bot_api: FakeBotApi) -> None:
    chat = 700102
    key = messaging_key("telegram", chat)
    post(telegram_bot, text_update(110, chat, "ik gebruik bloedverdunners"))
    post(telegram_bot, text_update(111, chat, "verwijder mijn gegevens"))
    question = [m for m in bot_api.sent(chat) if keyboard(m)][-1]
    assert [row[0]["callback_data"] for row in keyboard(question)] == ["/affirm", "/deny"]
    assert stored(telegram_bot, key) > 0

    post(telegram_bot, button_update(112, chat, "/affirm", question))
    assert stored(telegram_bot, key) == 0
    assert bot_api.sent(chat)[-1]["text"] == privacy.erased()  # no raw signal reaches the chat
