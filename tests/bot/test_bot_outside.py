"""Situations the sources say nothing about: never "kan" or "geen bezwaar", always "cannot judge"."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.knowledge import load_knowledge
from bot.replies.answers import knowledge_reply
from bot.replies.concern import concern_reply
from bot.replies.gate import safety_gate
from bot.rules.facts import Memory, update_memory
from bot.rules.outside import outside_knowledge_in
from bot.rules.safety import Facts

K = load_knowledge()
NO_JUDGEMENT = "kan ik niet beoordelen"


@pytest.mark.parametrize(("message", "found"), [
    ("ik ben sinds kort zwanger 🤰", ["zwangerschap"]),
    ("Ben 20 weken in verwachting, mag ik nog naar de salon?", ["zwangerschap"]),
    ("ik geef nog borstvoeding aan mijn zoontje", ["borstvoeding"]),
    ("ik spuit insuline voor mijn suikerziekte", ["diabetes"]),
    ("ik ben net klaar met mijn chemokuur", ["kanker"]),
    ("heb een pacemaker sinds vorig jaar", ["pacemaker"]),
    ("ik zit sinds de zomer aan de roacutane voor mijn acne", ["acnemedicatie"]),
    ("Slik al 3 maanden isotretinoine", ["acnemedicatie"]),
    ("ik gebruik geen acnemedicatie", []),
    ("mijn broer had vroeger accutane", []),
    ("ik ben niet zwanger hoor", []),
    ("ik heb geen diabetes of epilepsie", []),
    ("mijn schoonzus is zwanger, wat kan ik haar cadeau doen", []),
    ("welke crème tegen droge plekjes", []),
    ("ben zes weken geleden bevallen van een dochter", ["bevalling"]),
    ("Ik zit nog midden in de kraamtijd 👶", ["bevalling"]),
    ("sinds mijn bevalling heb ik donkere vlekjes", ["bevalling"]),
    ("vorige maand een kindje gekregen, mag gua sha?", ["bevalling"]),
    # the time after the birth she is waiting for: outside the sources as well
    ("en als ik bevallen ben?", ["bevalling"]),
    ("zodra ik bevallen ben wil ik graag microneedling", ["bevalling"]),
    # "bevallen" as "to please", and someone else's or a general birth, are not hers
    ("die massage is me echt goed bevallen", []),
    ("hoe is de peeling je bevallen?", []),
    ("mijn zus is net bevallen van een tweeling", []),
    ("mijn haar valt uit na de bevalling, welke shampoo", []),
])
def test_her_own_situation_is_found_a_negated_or_someone_elses_is_not(message: str, found: list[str]) -> None:
    assert outside_knowledge_in(message) == found


@pytest.mark.parametrize("request_", ["gezichtsmassage", "gua_sha", "microneedling", "microcurrent", "behandeling"])
def test_a_treatment_that_would_be_fine_gets_no_judgement_and_a_referral(request_: str) -> None:
    gate = safety_gate(Facts(phase="repair", outside_knowledge={"zwangerschap"}), request_)
    assert NO_JUDGEMENT in gate.text and "huisarts" in gate.text
    assert "geen bezwaar" not in gate.text and " kan, maar" not in gate.text
    assert not gate.allowed and not gate.blocked and gate.warning is not None


def test_just_having_given_birth_gets_no_verdict_on_a_treatment() -> None:
    memory = update_memory(Memory(), "ik ben pas bevallen, kan ik microneedling laten doen", "medische_situatie", [])
    assert memory.outside_knowledge == ("bevalling",)
    gate = safety_gate(memory.facts(), "microneedling")
    assert NO_JUDGEMENT in gate.text and "kort na een bevalling" in gate.text
    assert " kan, maar" not in gate.text and not gate.allowed


def test_why_and_whom_to_ask_is_said_once_and_each_question_still_gets_its_answer() -> None:
    facts = Facts(outside_knowledge=frozenset({"bevalling"}))
    first = safety_gate(facts, "gezichtsmassage").text
    assert "huisarts" in first and "daar gaat wat ik weet niet over" in first
    told = replace(facts, told=frozenset({"Hoi!", first}))
    for request, label in [("gezichtsmassage", "gezichtsmassage"), ("gua_sha", "gua sha")]:
        again = safety_gate(told, request)
        assert again.unknown and not again.allowed and NO_JUDGEMENT in again.text
        assert label in again.text and "daar gaat wat ik weet niet over" not in again.text
        assert "huisarts" in again.text and len(again.text) < len(first)


def test_a_block_stays_the_block() -> None:
    facts = Facts(medication={"bloedverdunners"}, outside_knowledge={"diabetes"})
    gate = safety_gate(facts, "gezichtsmassage")
    assert gate.blocked and gate.text == safety_gate(Facts(medication={"bloedverdunners"}), "gezichtsmassage").text


def test_remembered_and_said_in_the_advice_and_in_a_knowledge_answer() -> None:
    memory = update_memory(Memory(), "ik ben zwanger en word elke ochtend wakker met wallen", "wallen", [])
    assert memory.outside_knowledge == ("zwangerschap",)
    later = update_memory(memory, "wat kost een gezichtsmassage", "salon_info", [])
    assert later.outside_knowledge == ("zwangerschap",)  # for the whole conversation
    advice = concern_reply("wallen", memory.facts(), "wallen")
    said = [b.text for b in advice.bubbles]
    assert NO_JUDGEMENT in " ".join(said) and len(said) <= 3
    answer = knowledge_reply("microneedling_info", memory.facts(), question="doet microneedling pijn")
    joined = " ".join(b.text for b in answer.bubbles)
    assert NO_JUDGEMENT in joined and "Microneedling kan" not in joined
