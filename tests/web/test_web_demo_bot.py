"""The demo page against the real bot: trained model, action server, Rasa REST channel.

Independent of the exact wording of the dialogue: it checks that Dutch answers
arrive, that a quick reply works, and that the history survives a reload. The
hand-off summary is then read back through the documented endpoint and command.
"""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from playwright.sync_api import expect

from channels.identity import conversation_code, new_web_id
from tests.desk.fakes import DESK_TOKEN
from tests.servers import ROOT, Bot, free_port, running_bot, running_web

W = "#huidbot-widget"
BOT = f"{W} .hb-msg--bot .hb-text"
USER = f"{W} .hb-msg--user .hb-text"
CHIP = f"{W} .hb-chip"
SLOW = 90_000  # ms: the first prediction of a freshly loaded model can take a while on 2 cores
DUTCH = {"je", "jij", "jouw", "de", "het", "een", "en", "ik", "over", "met", "van", "bij", "wat", "is", "op",
         "niet", "of", "voor", "dat", "kan", "helpt"}
ENGLISH = ("sorry, i", "did you mean", "how can i", "i am a bot", "i'm sorry")


def is_dutch(text: str) -> bool:
    words = set("".join(c if c.isalnum() or c == "'" else " " for c in text.lower()).split())
    return len(words & DUTCH) >= 3 and not any(m in text.lower() for m in ENGLISH)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Bot, str]]:
    tmp = tmp_path_factory.mktemp("real-bot")
    port = free_port()  # the demo page's origin is allowed by the bot's CORS, as with make run
    with running_bot(tmp, web_port=port) as bot, running_web(
            tmp, rasa_url=bot.url, port=port, db=bot.db, env={"HUIDBOT_DESK_TOKEN": DESK_TOKEN}) as web:
        yield bot, web


def bot_texts(page: Any) -> list[str]:
    return page.locator(BOT).evaluate_all(
        "els => els.map(e => { const c = e.cloneNode(true); c.querySelectorAll('.hb-sr').forEach(x => x.remove()); return c.textContent; })")


def test_demo_page_talks_dutch_and_keeps_the_history(new_page, real: tuple[Bot, str]) -> None:
    bot, web = real
    page = new_page()
    page.goto(f"{web}/demo.html?server={bot.url}")
    page.locator(f"{W} .hb-launcher").click()
    expect(page.locator(BOT).first).to_be_visible(timeout=SLOW)  # the greeting
    # The bot's privacy notice stands above the input, not in the chat (issue 14).
    expect(page.locator(f"{W} .hb-privacy")).to_contain_text("digitale assistent")

    page.locator(f"{W} .hb-input").fill("ik heb last van wallen")
    page.locator(f"{W} .hb-input").press("Enter")
    expect(page.locator(USER)).to_have_count(1)
    before = page.locator(BOT).count()
    expect(page.locator(f"{W} .hb-typing")).to_be_hidden(timeout=SLOW)
    assert page.locator(BOT).count() > before, "no answer to 'ik heb last van wallen'"
    answer = bot_texts(page)[before:]
    assert is_dutch(" ".join(answer)), answer
    assert not page.locator(f"{W} .hb-notice").is_visible()

    users = 1
    if page.locator(CHIP).count():
        title = page.locator(CHIP).first.text_content()
        count = page.locator(BOT).count()
        page.locator(CHIP).first.click()
        users = 2
        expect(page.locator(USER).last).to_have_text(title)
        expect(page.locator(f"{W} .hb-typing")).to_be_hidden(timeout=SLOW)
        expect(page.locator(BOT)).not_to_have_count(count)
        assert page.locator(BOT).count() > count, f"no answer to the button {title!r}"
    else:  # no buttons under this answer: a second typed message makes the history longer
        page.locator(f"{W} .hb-input").fill("wat zijn jullie openingstijden")
        page.locator(f"{W} .hb-input").press("Enter")
        users = 2
        expect(page.locator(f"{W} .hb-typing")).to_be_hidden(timeout=SLOW)

    shown_users = page.locator(USER).all_text_contents()
    shown_bots = bot_texts(page)
    sender = page.evaluate("() => window.HuidbotWidget.sender()")

    page.reload()
    expect(page.locator(USER)).to_have_count(users)
    assert page.locator(USER).all_text_contents() == shown_users
    assert bot_texts(page) == shown_bots
    assert page.evaluate("() => window.HuidbotWidget.sender()") == sender
    # The bot knows this conversation under the same sender id.
    said = [e.get("text") for e in bot.tracker(sender)["events"] if e["event"] == "user"]
    assert "ik heb last van wallen" in said


def test_salon_question_over_rest_is_answered_from_the_profile(real: tuple[Bot, str]) -> None:
    from bot.knowledge.salon_profile import load_profile
    from bot.replies.salon import answer

    bot, _ = real
    texts = [m.get("text", "") for m in bot.say(new_web_id(), "kan ik pinnen")]
    assert answer(topic="betalen").bubbles[0] in texts, texts
    assert load_profile()["naam"]


def test_appointment_stores_a_summary_readable_by_endpoint_and_command(real: tuple[Bot, str]) -> None:
    bot, web = real
    sender = new_web_id()
    code = conversation_code(sender)
    bot.say(sender, "ik heb last van wallen")
    replies = bot.say(sender, "ik wil een afspraak maken")
    joined = " ".join(m.get("text", "") for m in replies)
    from bot.knowledge.salon_profile import load_profile

    assert load_profile()["boeken"]["link"] in joined, replies

    response = requests.get(f"{web}/api/samenvatting", params={"code": code, "token": DESK_TOKEN}, timeout=30)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["code"] == code and summary["versie"] == 1
    assert summary["tekst"].startswith("Intake van Huidbot")
    assert code in joined and sender not in joined  # she was given her desk code, not the storage key
    assert summary["advies_gegeven"] or summary["signalen"], summary

    for source in (["--url", bot.url], ["--db", str(bot.db)]):
        out = subprocess.run([sys.executable, "-m", "desk", "samenvatting", code, *source],
                             cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "HUIDBOT_DB": str(bot.db), "HUIDBOT_API_TOKEN": bot.token})
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == summary["tekst"]

    missing = requests.get(f"{web}/api/samenvatting", params={"code": "ZZZZ-ZZZZ", "token": DESK_TOKEN}, timeout=30)
    assert missing.status_code == 404 and "ZZZZ-ZZZZ" in missing.json()["fout"]
