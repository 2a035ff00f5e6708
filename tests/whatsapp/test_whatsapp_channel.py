"""The WhatsApp channel's webhook with a scripted bot, against the local Graph API stand-in.

What the real bot never produces (twelve buttons, 9000 characters) and the failure paths
(429, 5xx, a refused token) are tested here; the real bot is in test_whatsapp_bot.py.
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest
import requests

from bot.replies.texts import outage_text, whatsapp_texts
from channels import whatsapp_format as fmt
from channels.identity import messaging_key
from tests.whatsapp.conftest import (
    APP_SECRET,
    MANY,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    FakeGraphApi,
    Scripted,
    post,
    signature,
    start_scripted,
    text,
    update,
    wait_posts,
)


def settle() -> None:
    time.sleep(0.5)


def test_the_handshake_echoes_the_challenge_only_for_the_verify_token(scripted: Scripted) -> None:
    url = f"{scripted.url}/webhooks/whatsapp/webhook"
    good = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"}
    answer = requests.get(url, params=good, timeout=10)
    assert answer.status_code == 200 and answer.text == "1158201444"
    for wrong in ({**good, "hub.verify_token": "raden"}, {**good, "hub.mode": "unsubscribe"}, {"hub.challenge": "1"}):
        assert requests.get(url, params=wrong, timeout=10).status_code == 403


def test_only_posts_signed_with_the_app_secret_reach_the_bot(scripted: Scripted, graph: FakeGraphApi) -> None:
    wa_id = "31611110001"
    message = update(wa_id, text("hoi daar"))
    for refused in (post(scripted.url, message, sign=None), post(scripted.url, message, sign="een ander geheim"),
                    post(scripted.url, message, header="sha256=" + "0" * 64),
                    post(scripted.url, message, header=signature(b"{}"))):
        assert refused.status_code == 403
    settle()
    assert "hoi daar" not in scripted.texts() and graph.posts(wa_id) == []

    assert post(scripted.url, message).status_code == 200
    [reply] = wait_posts(graph, wa_id, 0)
    assert reply["text"]["body"] == "Je zei: hoi daar" and reply["messaging_product"] == "whatsapp"
    received = scripted.received[-1]
    assert received.sender_id == messaging_key("whatsapp", wa_id) and received.sender_id.startswith("wa-")
    assert wa_id not in received.sender_id and received.input_channel == "whatsapp"


def test_many_options_are_numbered_and_a_bare_number_right_after_picks_one(
        scripted: Scripted, graph: FakeGraphApi) -> None:
    wa_id = "31611110002"
    post(scripted.url, update(wa_id, text("veel keuzes")))
    [numbered] = wait_posts(graph, wa_id, 0)
    body = numbered["text"]["body"]
    assert numbered["type"] == "text" and "1. Keuze nummer 1\n2. Keuze nummer 2" in body and "12. Keuze nummer 12" in body
    assert body.endswith(whatsapp_texts()["nummer_keuze"])

    post(scripted.url, update(wa_id, text("2")))
    wait_posts(graph, wa_id, 1)
    assert scripted.received[-1].text == MANY[1]["payload"]
    # Not right after a numbered list: "2" stays "2" (an answer to "hoeveel weken geleden?").
    post(scripted.url, update(wa_id, text("2")))
    wait_posts(graph, wa_id, 2)
    assert scripted.received[-1].text == "2"
    # A number beyond the options, right after them, is just text too.
    post(scripted.url, update(wa_id, text("veel keuzes")))
    wait_posts(graph, wa_id, 3)
    post(scripted.url, update(wa_id, text("13")))
    wait_posts(graph, wa_id, 4)
    assert scripted.received[-1].text == "13"


def test_a_long_answer_is_sent_in_pieces_at_sentence_boundaries(scripted: Scripted, graph: FakeGraphApi) -> None:
    wa_id = "31611110003"
    post(scripted.url, update(wa_id, text("lang verhaal")))
    pieces = [m["text"]["body"] for m in wait_posts(graph, wa_id, 0)]
    assert len(pieces) == 3 and all(len(p) <= fmt.TEXT_MAX for p in pieces)
    assert all(p.endswith("naar buiten.") and p.startswith("Masseer") for p in pieces)
    sentence = "Masseer je gezicht elke avond rustig met twee vingers, van binnen naar buiten."
    assert " ".join(pieces) == " ".join([sentence] * 120)


def test_a_message_delivered_twice_is_answered_once(scripted: Scripted, graph: FakeGraphApi) -> None:
    wa_id = "31611110004"
    message = update(wa_id, text("dubbel bezorgd"))
    assert post(scripted.url, message).status_code == 200
    wait_posts(graph, wa_id, 0)
    assert post(scripted.url, message).status_code == 200  # Meta's retry: same message id
    settle()
    assert scripted.texts().count("dubbel bezorgd") == 1 and len(graph.posts(wa_id)) == 1


def test_media_get_the_text_only_answer_and_do_not_reach_the_bot(scripted: Scripted, graph: FakeGraphApi) -> None:
    before = len(scripted.received)
    media = [{"type": "image", "image": {"id": "img-1", "mime_type": "image/jpeg"}},
             {"type": "audio", "audio": {"id": "ogg-1", "mime_type": "audio/ogg; codecs=opus", "voice": True}},
             {"type": "sticker", "sticker": {"id": "st-1", "animated": False}},
             {"type": "location", "location": {"latitude": 52.37, "longitude": 4.89}}]
    for number, message in enumerate(media):
        wa_id = f"3161111005{number}"
        assert post(scripted.url, update(wa_id, message)).status_code == 200
        [answer] = wait_posts(graph, wa_id, 0)
        assert answer["text"]["body"] == whatsapp_texts()["alleen_tekst"]
    # An album: three photos right after each other get one answer; a reaction gets none.
    album = "31611110059"
    for _ in range(3):
        assert post(scripted.url, update(album, media[0])).status_code == 200
    post(scripted.url, update(album, {"type": "reaction", "reaction": {"message_id": "wamid.x", "emoji": "👍"}}))
    settle()
    assert len(graph.posts(album)) == 1 and len(scripted.received) == before


def test_status_updates_and_other_numbers_are_acknowledged_only(scripted: Scripted, graph: FakeGraphApi) -> None:
    wa_id = "31611110006"
    before = (len(scripted.received), len(graph.posts()))
    statuses = [{"id": "wamid.out1", "status": s, "timestamp": str(int(time.time())), "recipient_id": wa_id}
                for s in ("sent", "delivered", "read")]
    assert post(scripted.url, update(wa_id, statuses=statuses)).status_code == 200
    other = update(wa_id, text("voor een ander nummer"), phone_number_id="999")
    assert post(scripted.url, other).status_code == 200
    old = update(wa_id, text("van gisteren"))
    old["entry"][0]["changes"][0]["value"]["messages"][0]["timestamp"] = str(int(time.time()) - 25 * 3600)
    assert post(scripted.url, old).status_code == 200
    settle()
    assert (len(scripted.received), len(graph.posts())) == before


def test_rate_limit_is_retried_then_sent(scripted: Scripted, graph: FakeGraphApi,
                                         caplog: pytest.LogCaptureFixture) -> None:
    wa_id = "31611110007"
    graph.fail_next((429, 130429), (503, 2))
    with caplog.at_level(logging.INFO, logger="channels.whatsapp"):
        post(scripted.url, update(wa_id, text("even geduld graag")))
        attempts = wait_posts(graph, wa_id, 0)
        deadline = time.monotonic() + 10
        while len(attempts) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
            attempts = graph.posts(wa_id)
    assert len(attempts) == 3 and all(a == attempts[0] for a in attempts)
    assert "130429" in caplog.text and "retrying" in caplog.text
    assert json.loads(scripted.status_file.read_text())["verbonden"] is True


def test_a_lasting_failure_is_logged_by_code_and_the_conversation_goes_on(
        scripted: Scripted, graph: FakeGraphApi, caplog: pytest.LogCaptureFixture) -> None:
    wa_id = "31611110008"
    graph.fail_next(*[(500, 1)] * 4)
    with caplog.at_level(logging.INFO, logger="channels.whatsapp"):
        post(scripted.url, update(wa_id, text("geheim verhaal over mijn huid")))
        wait_posts(graph, wa_id, 0)
        time.sleep(1.5)  # the retries
    assert len(graph.posts(wa_id)) == 4
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and "error code 1" in errors[-1].getMessage()
    assert "geheim verhaal" not in caplog.text and wa_id not in caplog.text
    post(scripted.url, update(wa_id, text("nog een vraag")))
    assert wait_posts(graph, wa_id, 4)[-1]["text"]["body"] == "Je zei: nog een vraag"
    assert scripted.texts()[-2:] == ["geheim verhaal over mijn huid", "nog een vraag"]


def test_a_refused_token_is_reported_loudly_and_not_retried(
        scripted: Scripted, graph: FakeGraphApi, caplog: pytest.LogCaptureFixture) -> None:
    wa_id = "31611110009"
    graph.fail_next((401, 190))
    with caplog.at_level(logging.INFO, logger="channels.whatsapp"):
        post(scripted.url, update(wa_id, text("hallo")))
        wait_posts(graph, wa_id, 0)
        time.sleep(0.5)
    assert len(graph.posts(wa_id)) == 1
    assert "refused the access token" in caplog.text and "code 190" in caplog.text
    state = json.loads(scripted.status_file.read_text())
    assert state["verbonden"] is False and state["foutcode"] == 190
    post(scripted.url, update(wa_id, text("en nu?")))  # a new token, or Meta recovered: connected again
    wait_posts(graph, wa_id, 1)
    assert json.loads(scripted.status_file.read_text())["verbonden"] is True


def test_an_expired_token_is_reported_at_start(tmp_path: Path, graph: FakeGraphApi,
                                               caplog: pytest.LogCaptureFixture) -> None:
    before = len(graph.checks())
    with caplog.at_level(logging.INFO, logger="channels.whatsapp"):
        started = start_scripted(tmp_path, graph.url, token="EAAG-verlopen")
    assert graph.checks()[before:] == [PHONE_NUMBER_ID]
    assert "refused the access token" in caplog.text and "WHATSAPP_TOKEN" in caplog.text
    state = json.loads(started.status_file.read_text())
    assert state["verbonden"] is False and state["foutcode"] == 190 and state["http"] == 401
    assert APP_SECRET not in caplog.text


def test_while_the_conversation_store_is_down_she_is_asked_to_try_again(
        scripted: Scripted, graph: FakeGraphApi) -> None:
    wa_id = "31611110010"
    assert post(scripted.url, update(wa_id, text("opslag weg"))).status_code == 200
    [answer] = wait_posts(graph, wa_id, 0)
    assert answer["text"]["body"] == outage_text()


def test_a_wrong_phone_number_id_is_reported_at_start(tmp_path: Path, graph: FakeGraphApi,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="channels.whatsapp"):
        started = start_scripted(tmp_path, graph.url, phone_number_id="000")
    assert "NOT connected" in caplog.text and "code 100" in caplog.text
    state = json.loads(started.status_file.read_text())
    assert state["verbonden"] is False and state["foutcode"] == 100
