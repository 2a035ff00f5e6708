"""Signs that need a doctor now come first: 112 or the huisarts, and no skin advice."""
from __future__ import annotations

import pytest

from bot.replies.urgent import urgent_reply
from bot.rules.urgent import urgent_data, urgent_sign


@pytest.mark.parametrize(("message", "level"), [
    ("help, ik krijg ineens geen lucht meer na de behandeling, ik ben zo benauwd", "112"),
    ("mijn tong voelt opeens dik aan en slikken gaat moeilijk", "112"),
    ("sinds de filler zijn mijn lippen enorm opgezwollen en ik ben benauwd", "112"),
    ("kortademig en mijn gezicht zwelt op na het smeren", "112"),
    ("ik heb 39 graden koorts en de rode plek op mijn wang wordt groter", "huisarts"),
    ("rillerig, verhoging, en mijn kaak is rood en gloeit", "huisarts"),
    ("na de peeling is er een wondje dat steeds erger wordt, er zit pus in", "huisarts"),
    ("sinds de laser zie ik wazig met mijn linkeroog", "huisarts"),
    ("na de microneedling gaat die ontstoken plek niet over", "huisarts"),
])
def test_urgent_signs_are_recognised(message: str, level: str) -> None:
    sign = urgent_sign(message)
    assert sign is not None and sign.level == level
    reply = urgent_reply(sign)
    assert len(reply.bubbles) == 1
    first = reply.bubbles[0].text
    assert ("112" in first) if level == "112" else ("huisarts" in first and "huisartsenpost" in first)


@pytest.mark.parametrize("message", [
    "ik heb wallen en dikke ogen",
    "mijn lippen zijn droog en schilferig",
    "ik heb geen koorts, maar wel een rode wang",
    "ik ben niet benauwd, alleen wat rood",
    "mijn huid is rood en warm na het sporten",
    "is microneedling pijnlijk?",
    "ik slaap slecht door stress en mijn kaken zijn gespannen",
    "hoe lang is de huid rood na een peeling",
    "na de behandeling was mijn huid twee dagen rood, nu is het weg",
    "na de filler is mijn lip nog wat dik, mag ik koelen",  # expected swelling, nothing acute
])
def test_ordinary_skin_questions_are_not_urgent(message: str) -> None:
    assert urgent_sign(message) is None


def test_the_signs_name_their_source() -> None:
    assert "Thuisarts.nl" in urgent_data()["bron"]
