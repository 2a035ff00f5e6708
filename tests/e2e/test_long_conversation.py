"""A conversation of more than 200 turns over REST: it goes on in bounded sessions
(storage/sessions.py) and a safety fact from turn 1 still holds at the end."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from channels.identity import new_web_id
from tests.servers import Bot, running_bot

CHATTER = ["hallo daar", "wat doet een gezichtsmassage eigenlijk", "oke, dank je wel",
           "zijn jullie op zaterdag ook open", "ben jij een echte persoon"]
QUESTION = "zou microneedling iets voor mij zijn?"


def _joined(replies: list[dict]) -> str:
    return " ".join(r["text"] for r in replies if r.get("text")).lower()


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    """Its own bot: the shared one slows a sender above 30 messages a minute (tests/e2e/test_security.py)."""
    with running_bot(tmp_path_factory.mktemp("lang"), env={"HUIDBOT_RATE_LIMIT": "100000"}) as running:
        yield running


def test_blood_thinners_from_turn_1_still_block_microneedling_after_200_turns(bot: Bot) -> None:
    control = _joined(bot.say(new_web_id(), QUESTION))
    assert "huisarts" not in control, control  # without the fact, the answer does not send her away

    who = new_web_id()
    bot.say(who, "ik slik sinds vorig jaar bloedverdunners")
    for turn in range(200):
        assert bot.say(who, CHATTER[turn % len(CHATTER)]), f"no answer at turn {turn + 2}"

    with sqlite3.connect(bot.db) as db:
        (sessions,) = db.execute("select count(*) from events where sender_id = ? and type_name = ?",
                                 (who, "session_started")).fetchone()
    assert sessions >= 2  # the conversation really went on in new sessions
    assert "bloedverdunners" in (bot.tracker(who)["slots"].get("medicatie") or [])
    later = _joined(bot.say(who, QUESTION))
    assert "huisarts" in later, later
