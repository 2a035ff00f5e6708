"""Privacy over the REST channel with the real bot (issue 14): erase on request, the notice,
consent before the intake's health questions. Checked on the tracker store's rows."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from bot.replies import privacy
from channels.identity import new_web_id
from tests.servers import Bot


def rows(bot: Bot, sender: str) -> list[dict[str, Any]]:
    with sqlite3.connect(bot.db) as db:
        found = db.execute("select data from events where sender_id = ? order by id", (sender,)).fetchall()
    return [json.loads(data) for (data,) in found]


def slot_values(bot: Bot, sender: str, name: str) -> list[Any]:
    return [e.get("value") for e in rows(bot, sender) if e.get("event") == "slot" and e.get("name") == name]


def signals(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r["custom"]["huidbot"] for r in replies if isinstance(r.get("custom"), dict) and "huidbot" in r["custom"]]


def payloads(replies: list[dict[str, Any]]) -> list[str]:
    return [b["payload"] for r in replies for b in r.get("buttons") or []]


def test_yes_erases_every_stored_event_and_she_starts_afresh(bot: Bot) -> None:
    anna = new_web_id()
    bot.say(anna, "ik slik bloedverdunners, mag ik microneedling?")
    assert "bloedverdunners" in json.dumps(rows(bot, anna))
    question = bot.say(anna, "verwijder mijn gegevens")
    assert payloads(question) == ["/affirm", "/deny"]  # one confirmation question first
    assert rows(bot, anna)  # nothing erased yet

    confirmed = bot.say(anna, "/affirm")
    assert rows(bot, anna) == []  # every row gone: not a restart, not a new session
    assert {"gewist": True} in signals(confirmed)  # the widget clears its stored history

    bot.say(anna, "hoi")
    stored = json.dumps(rows(bot, anna))
    assert stored != "[]" and "bloedverdunners" not in stored  # afresh: nothing of before


def test_no_keeps_everything(bot: Bot) -> None:
    bert = new_web_id()
    bot.say(bert, "ik heb eczeem")
    bot.say(bert, "vergeet mij")
    before = len(rows(bot, bert))
    reply = bot.say(bert, "/deny")
    assert len(rows(bot, bert)) > before and "eczeem" in json.dumps(rows(bot, bert))
    assert not signals(reply)


def test_erasing_one_conversation_leaves_the_others(bot: Bot) -> None:
    carla, dirk = new_web_id(), new_web_id()
    bot.say(carla, "ik heb wallen")
    bot.say(dirk, "ik heb wallen")
    bot.say(carla, "wis dit gesprek")
    bot.say(carla, "/affirm")
    assert rows(bot, carla) == [] and rows(bot, dirk)


def test_the_notice_comes_once_with_the_first_answer_and_is_no_bubble(bot: Bot) -> None:
    eva = new_web_id()
    first = bot.say(eva, "ik heb last van wallen")
    assert signals(first) == [{"melding": privacy.notice()}]
    assert all(privacy.notice() != r.get("text") for r in first)
    assert signals(bot.say(eva, "en wat kan ik nog meer doen")) == []
    assert slot_values(bot, eva, "privacy_gemeld") == [True]


def test_declining_consent_asks_no_health_question_and_gives_safe_general_advice(bot: Bot) -> None:
    fien = new_web_id()
    bot.say(fien, "/fase_bepalen")
    bot.say(fien, '/inform{"signaal": "fijne_lijntjes"}')
    asked = bot.say(fien, '/inform{"huidtype": "normaal"}')
    consent = privacy.consent_question().bubbles[0]
    assert consent.text in [r.get("text") for r in asked], asked
    assert payloads(asked)[-2:] == ["/affirm", "/deny"]

    declined = bot.say(fien, "/deny")
    texts = " ".join(r.get("text", "") for r in declined)
    assert "microneedling" in texts and "huisarts" in texts
    assert slot_values(bot, fien, "fase") == [] and not slot_values(bot, fien, "intake_samenvatting")
    assert "intake_ingreep" not in json.dumps(slot_values(bot, fien, "requested_slot"))  # no health question


def test_consent_yes_goes_on_to_the_health_questions(bot: Bot) -> None:
    gijs = new_web_id()
    bot.say(gijs, "/fase_bepalen")
    bot.say(gijs, '/inform{"signaal": "fijne_lijntjes"}')
    bot.say(gijs, '/inform{"huidtype": "normaal"}')
    bot.say(gijs, "/affirm")
    assert slot_values(bot, gijs, "toestemming_gezondheid")[-1] == "ja"
    assert slot_values(bot, gijs, "requested_slot")[-1] == "intake_ingreep"
