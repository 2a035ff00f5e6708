"""Conversation quality over REST, against the trained model and the action server.

Every case in cases.yml: the first bubble states the expected fact (asserted by id, from the
slot `genoemde_feiten`), at most three bubbles, no two bubbles repeating each other, no
follow-up question about what the message already said. Then multi-turn consistency,
safety facts despite typos and negations, and urgent signs. A summary of the counts is
written to results/conversation_quality.json.
"""
from __future__ import annotations

import itertools
import json
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.replies.texts import concern_data
from channels.identity import new_web_id
from tests.servers import Bot

CASES = yaml.safe_load((Path(__file__).parent / "cases.yml").read_text(encoding="utf-8"))
RESULTS = Path(__file__).resolve().parents[2] / "results" / "conversation_quality.json"
SUMMARY: dict[str, list[Any]] = {"eerste_antwoord": [], "bubbels": [], "herhalingen": [], "herhaalde_vragen": []}


def texts(replies: list[dict[str, Any]]) -> list[str]:
    return [r["text"] for r in replies if r.get("text")]


def sender(prefix: str) -> str:
    """A fresh website conversation (`prefix` only names the case for a reader)."""
    return new_web_id()


def last_turn_slot(bot: Bot, who: str, slot: str) -> Any:
    """The value `slot` got in the last turn (None when the turn did not set it)."""
    events = bot.tracker(who)["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    values = [e["value"] for e in events[last_user:] if e["event"] == "slot" and e["name"] == slot]
    return values[-1] if values else None


def repeats(bubbles: list[str]) -> int:
    """Pairs of bubbles that say (nearly) the same thing."""
    return sum(SequenceMatcher(None, a.lower(), b.lower()).ratio() > 0.8 for a, b in itertools.combinations(bubbles, 2))


def check_turn(bot: Bot, who: str, message: str, expected: str, never_ask: str | None = None) -> list[str]:
    said = texts(bot.say(who, message))
    facts = last_turn_slot(bot, who, "genoemde_feiten") or []
    asked_again = bool(never_ask) and concern_data()["huidzorgen"][never_ask]["vervolg"]["vraag"] in said
    SUMMARY["eerste_antwoord"].append(bool(facts) and facts[0] == expected)
    SUMMARY["bubbels"].append(len(said))
    SUMMARY["herhalingen"].append(repeats(said))
    SUMMARY["herhaalde_vragen"].append(asked_again)
    assert facts and facts[0] == expected, (message, facts, said)
    assert 1 <= len(said) <= 3, (message, said)
    assert repeats(said) == 0, (message, said)
    assert not asked_again, (message, said)
    return said


@pytest.fixture(scope="module", autouse=True)
def write_summary() -> Any:
    yield
    counts = {k: v for k, v in SUMMARY.items() if v}
    if counts:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps({
            "vragen": len(counts.get("bubbels", [])),
            "antwoord_eerst": sum(counts.get("eerste_antwoord", [])),
            "gemiddeld_bubbels": round(sum(counts["bubbels"]) / len(counts["bubbels"]), 2),
            "herhalingen": sum(counts.get("herhalingen", [])),
            "herhaalde_vragen": sum(counts.get("herhaalde_vragen", [])),
        }, indent=2), encoding="utf-8")


@pytest.mark.parametrize(("message", "expected"), CASES["kennis"], ids=[c[1] for c in CASES["kennis"]])
def test_knowledge_question_is_answered_first(bot: Bot, message: str, expected: str) -> None:
    check_turn(bot, sender("kennis"), message, expected)


@pytest.mark.parametrize("case", CASES["zorgen"], ids=[c["vraag"][:40] for c in CASES["zorgen"]])
def test_concern_advice_is_short_and_asks_nothing_already_said(bot: Bot, case: dict[str, Any]) -> None:
    check_turn(bot, sender("zorg"), case["vraag"], case["verwacht"], case.get("niet_vragen"))


@pytest.mark.parametrize("case", CASES["dringend"], ids=[c["verwacht"] for c in CASES["dringend"]])
def test_urgent_signs_come_first(bot: Bot, case: dict[str, Any]) -> None:
    said = check_turn(bot, sender("dringend"), case["vraag"], case["verwacht"])
    assert case["woord"] in said[0]


# --- several turns ------------------------------------------------------------------------------
def _latest_slot(bot: Bot, who: str, slot: str) -> Any:
    values = [e["value"] for e in bot.tracker(who)["events"] if e["event"] == "slot" and e["name"] == slot]
    return values[-1] if values else None


def test_a_named_phase_is_used_by_later_answers(bot: Bot) -> None:
    who = sender("fase")
    bot.say(who, "mijn huid is de laatste tijd rood en prikt snel")
    assert _latest_slot(bot, who, "voorlopige_fase") == "reset"
    later = " ".join(texts(bot.say(who, "kan ik dan microneedling laten doen?"))).lower()
    assert "weet ik nog niet" not in later
    assert "microneedling" in later and ("raad ik je" in later or "kalmeren" in later), later


def test_repair_named_then_microneedling_is_not_called_unknown(bot: Bot) -> None:
    who = sender("repair")
    bot.say(who, "ik heb fijne lijntjes en een paar oude acnelittekens")
    assert _latest_slot(bot, who, "voorlopige_fase") == "repair"
    later = " ".join(texts(bot.say(who, "is microneedling dan iets voor mij?"))).lower()
    assert "weet ik nog niet" not in later


@pytest.mark.parametrize("message", [
    "ik gebruik bloedverdunnners",          # one letter too many
    "ik slik elke dag xareltoo",             # a brand, misspelt
    "ik gebruik sintrom voor mijn hart",     # a Dutch brand
])
def test_a_misspelt_blood_thinner_still_sends_her_to_the_huisarts(bot: Bot, message: str) -> None:
    who = sender("typo")
    bot.say(who, message)
    assert "bloedverdunners" in (_latest_slot(bot, who, "contra_indicaties") or [])
    later = " ".join(texts(bot.say(who, "mag ik een gezichtsmassage nemen?"))).lower()
    assert "huisarts" in later and "geen bezwaar" not in later


@pytest.mark.parametrize("message", [
    "ik heb nog nooit een peeling of laser gehad",
    "bloedverdunners? nee hoor",
    "mijn vader heeft trombose, ik niet",
    "mijn vriendin gebruikt bloedverdunners",
    "ik wil binnenkort fillers laten zetten",
])
def test_negations_other_people_and_plans_add_no_safety_fact(bot: Bot, message: str) -> None:
    who = sender("geen")
    bot.say(who, message)
    assert not (_latest_slot(bot, who, "contra_indicaties") or [])
    advice = texts(bot.say(who, "ik heb last van wallen"))
    assert advice[0] == concern_data()["huidzorgen"]["wallen"]["helpt"][0]["tekst"]


def test_urgent_sign_in_the_middle_of_the_intake_stops_it(bot: Bot) -> None:
    who = sender("intake-dringend")
    bot.say(who, "wil je mijn huid checken?")
    said = texts(bot.say(who, "ik heb koorts en de rode plek op mijn wang wordt steeds groter"))
    assert "huisarts" in said[0]
    assert _latest_slot(bot, who, "requested_slot") is None


def test_free_text_intake_reaches_sustain(bot: Bot) -> None:
    who = sender("sustain")
    bot.say(who, "kun je kijken in welke fase mijn huid zit?")
    # ... "ja, dat mag": consent before the health questions (issue 14), then no procedure, no condition
    for answer in ("rustig en stabiel eigenlijk, niks bijzonders", "normaal", "ja, dat mag", "nee", "nee"):
        bot.say(who, answer)
    assert _latest_slot(bot, who, "fase") == "sustain"
