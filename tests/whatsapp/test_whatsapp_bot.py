"""The real bot (trained model, action server) behind the WhatsApp webhook; replies captured on the
local Graph API stand-in. Rasa starts with the project's credentials.yml plus credentials.whatsapp.yml."""
from __future__ import annotations

import json
import time
from typing import Any

import requests

from bot.replies import privacy
from bot.replies.texts import whatsapp_texts
from channels.identity import messaging_key
from tests.whatsapp.conftest import (
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    FakeGraphApi,
    WhatsAppBot,
    body_text,
    post,
    tap,
    text,
    update,
    wait_posts,
)

DUTCH = {"je", "jij", "jouw", "de", "het", "een", "en", "ik", "over", "met", "van", "bij", "wat", "is", "op", "niet"}


def say(bot: WhatsAppBot, graph: FakeGraphApi, wa_id: str, message: dict[str, Any]) -> list[dict[str, Any]]:
    before = len(graph.posts(wa_id))
    assert post(bot.url, update(wa_id, message)).status_code == 200
    return wait_posts(graph, wa_id, before)


def interactive(messages: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [m["interactive"] for m in messages if m["type"] == "interactive" and m["interactive"]["type"] == kind]
    assert found, f"no {kind} message in {messages}"
    return found[-1]


def rows(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for section in message["action"]["sections"] for row in section["rows"]]


def user_texts(bot: WhatsAppBot, wa_id: str) -> list[str]:
    events = bot.bot.tracker(messaging_key("whatsapp", wa_id))["events"]
    return [e.get("text") or "" for e in events if e["event"] == "user"]


def test_handshake_and_the_token_check_at_start(whatsapp_bot: WhatsAppBot, graph: FakeGraphApi) -> None:
    url = f"{whatsapp_bot.url}/webhooks/whatsapp/webhook"
    params = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "424242"}
    assert requests.get(url, params=params, timeout=10).text == "424242"
    assert requests.get(url, params={**params, "hub.verify_token": "fout"}, timeout=10).status_code == 403
    assert PHONE_NUMBER_ID in graph.checks()
    assert json.loads(whatsapp_bot.status_file.read_text())["verbonden"] is True
    log = whatsapp_bot.bot.logs["rasa"]
    assert log is not None and "WhatsApp: connected" in log.read_text(encoding="utf-8")


def test_an_unsigned_message_never_reaches_the_bot(whatsapp_bot: WhatsAppBot, graph: FakeGraphApi) -> None:
    wa_id = "31622220001"
    assert post(whatsapp_bot.url, update(wa_id, text("hoi")), sign=None).status_code == 403
    assert post(whatsapp_bot.url, update(wa_id, text("hoi")), sign="niet het app-geheim").status_code == 403
    time.sleep(1)
    assert graph.posts(wa_id) == [] and user_texts(whatsapp_bot, wa_id) == []


def test_a_skin_check_with_lists_and_buttons(whatsapp_bot: WhatsAppBot, graph: FakeGraphApi) -> None:
    wa_id = "31622220002"
    greeting = say(whatsapp_bot, graph, wa_id, text("hoi"))
    assert DUTCH & set(" ".join(body_text(m) for m in greeting).lower().split())
    # The greeting's three long titles would lose too much as 20-character buttons: a list.
    menu = rows(interactive(greeting, "list"))
    assert all(len(r["title"]) <= 24 for r in menu)
    check = next(r for r in menu if r["id"] == "/fase_bepalen")

    signals = say(whatsapp_bot, graph, wa_id, tap("list_reply", check["id"], check["title"]))
    signal_rows = rows(interactive(signals, "list"))
    assert len(signal_rows) == 4
    red = next(r for r in signal_rows if "roodheid" in r["id"])
    skin = say(whatsapp_bot, graph, wa_id, tap("list_reply", red["id"], red["title"]))
    sensitive = next(r for r in rows(interactive(skin, "list")) if "gevoelig" in r["id"])
    consent = say(whatsapp_bot, graph, wa_id, tap("list_reply", sensitive["id"], sensitive["title"]))
    # Consent before the health questions (issue 14): two buttons, she taps yes.
    yes = next(b for b in interactive(consent, "button")["action"]["buttons"] if b["reply"]["id"] == "/affirm")
    treatment = say(whatsapp_bot, graph, wa_id, tap("button_reply", "/affirm", yes["reply"]["title"]))
    treatment_list = interactive(treatment, "list")
    injectables = next(r for r in rows(treatment_list) if "injectables" in r["id"])
    assert injectables["title"] == "Injectables (fillers…"
    assert injectables["description"] == "Injectables (fillers, botox)"
    when = say(whatsapp_bot, graph, wa_id, tap("list_reply", injectables["id"], injectables["title"]))
    when_rows = rows(interactive(when, "list"))
    # "2" after a list (not a numbered one) is the customer's own answer, not option 2.
    say(whatsapp_bot, graph, wa_id, text("2"))
    assert user_texts(whatsapp_bot, wa_id)[-1] == "2"
    two_weeks = next(r for r in when_rows if "twee weken" in r["id"])
    medical = say(whatsapp_bot, graph, wa_id, tap("list_reply", two_weeks["id"], two_weeks["title"]))
    buttons = interactive(medical, "button")["action"]["buttons"]
    assert [b["reply"]["id"] for b in buttons] == ["/deny", "/affirm"]
    assert all(len(b["reply"]["title"]) <= 20 for b in buttons)
    result = say(whatsapp_bot, graph, wa_id, tap("button_reply", "/deny", buttons[0]["reply"]["title"]))
    assert result and all(len(body_text(m)) <= 4096 for m in result)

    tracker = whatsapp_bot.bot.tracker(messaging_key("whatsapp", wa_id))
    assert tracker["sender_id"].startswith("wa-") and wa_id not in json.dumps(tracker)
    slots = tracker["slots"]
    assert slots["huidtype"] == "gevoelig" and slots["intake_ingreep"] and slots["intake_medisch"]
    assert "/deny" in user_texts(whatsapp_bot, wa_id) and '/inform{"signaal": "roodheid"}' in user_texts(
        whatsapp_bot, wa_id)


def test_blood_thinners_send_her_to_the_huisarts_over_whatsapp(whatsapp_bot: WhatsAppBot,
                                                                graph: FakeGraphApi) -> None:
    wa_id = "31622220003"
    say(whatsapp_bot, graph, wa_id, text("hoi, ik gebruik sintrom"))
    answer = say(whatsapp_bot, graph, wa_id, text("kan ik microneedling laten doen?"))
    joined = " ".join(body_text(m) for m in answer).lower()
    assert "huisarts" in joined, answer
    assert "bloedverdunners" in whatsapp_bot.bot.tracker(messaging_key("whatsapp", wa_id))["slots"]["medicatie"]


def test_duplicates_media_and_statuses_with_the_real_bot(whatsapp_bot: WhatsAppBot, graph: FakeGraphApi) -> None:
    wa_id = "31622220004"
    message = update(wa_id, text("ik heb last van wallen"))
    post(whatsapp_bot.url, message)
    first = wait_posts(graph, wa_id, 0)
    assert post(whatsapp_bot.url, message).status_code == 200
    photo = say(whatsapp_bot, graph, wa_id, {"type": "image", "image": {"id": "1", "mime_type": "image/jpeg"}})
    assert [body_text(m) for m in photo] == [whatsapp_texts()["alleen_tekst"]]
    read = [{"id": "wamid.out1", "status": "read", "timestamp": str(int(time.time())), "recipient_id": wa_id}]
    assert post(whatsapp_bot.url, update(wa_id, statuses=read)).status_code == 200
    time.sleep(1)
    assert len(graph.posts(wa_id)) == len(first) + 1
    assert user_texts(whatsapp_bot, wa_id) == ["ik heb last van wallen"]


def test_a_graph_api_outage_keeps_the_conversation(whatsapp_bot: WhatsAppBot, graph: FakeGraphApi) -> None:
    wa_id = "31622220005"
    graph.fail_next(*[(503, 2)] * 4)  # every attempt of the first reply fails
    post(whatsapp_bot.url, update(wa_id, text("ik gebruik bloedverdunners")))
    wait_posts(graph, wa_id, 0)
    deadline = time.monotonic() + 30
    while len(graph.posts(wa_id)) < 4 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    failed = len(graph.posts(wa_id))
    assert user_texts(whatsapp_bot, wa_id) == ["ik gebruik bloedverdunners"]  # the turn was stored
    answer = say(whatsapp_bot, graph, wa_id, text("ik heb last van wallen"))
    assert len(graph.posts(wa_id)) > failed and "huisarts" in " ".join(body_text(m) for m in answer).lower()
    log = (whatsapp_bot.bot.logs["rasa"] or whatsapp_bot.status_file).read_text(encoding="utf-8")
    assert "Graph error code 2" in log and "attempt(s) failed" in log  # logged by its code ...
    assert "ik gebruik bloedverdunners" not in log and "last van wallen" not in log and wa_id not in log  # ... never the text or number


def test_the_bot_cannot_be_made_to_write_first(whatsapp_bot: WhatsAppBot, graph: FakeGraphApi) -> None:
    """24-hour rule: Rasa's API can run an intent in her conversation, but nothing goes to WhatsApp."""
    wa_id = "31622220006"
    say(whatsapp_bot, graph, wa_id, text("hallo"))
    sent = len(graph.posts())
    key = messaging_key("whatsapp", wa_id)
    for channel in ("latest", "whatsapp"):
        triggered = requests.post(f"{whatsapp_bot.url}/conversations/{key}/trigger_intent",
                                  params={"output_channel": channel, "token": whatsapp_bot.bot.token},
                                  json={"name": "greet"}, timeout=60)
        assert triggered.status_code == 200, triggered.text
        assert triggered.json()["messages"]  # the bot did answer, into Rasa's HTTP response only
    time.sleep(1)
    assert len(graph.posts()) == sent


def test_the_privacy_notice_is_the_last_message_of_the_first_reply(whatsapp_bot: WhatsAppBot,
                                                                     graph: FakeGraphApi) -> None:
    wa_id = "31622220011"
    assert post(whatsapp_bot.url, update(wa_id, text("ik heb last van wallen"))).status_code == 200
    deadline = time.monotonic() + 60
    while privacy.notice() not in [body_text(m) for m in graph.posts(wa_id)] and time.monotonic() < deadline:
        time.sleep(0.2)
    first = [body_text(m) for m in graph.posts(wa_id)]
    assert len(first) >= 2 and first[-1] == privacy.notice() and first.count(privacy.notice()) == 1, first
    later = [body_text(m) for m in say(whatsapp_bot, graph, wa_id, text("en wat helpt nog meer"))]
    assert later and privacy.notice() not in later  # once per conversation
