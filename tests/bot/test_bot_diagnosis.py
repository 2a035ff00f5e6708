"""She asks whether she has a condition: the bot says it does not diagnose, and stays careful."""
from __future__ import annotations

import pytest

from bot.knowledge import load_knowledge
from bot.replies.safety_answer import safety_reply
from bot.rules.diagnosis import asked_diagnosis
from bot.rules.facts import Memory, update_memory

K = load_knowledge()


@pytest.mark.parametrize(("message", "condition"), [
    ("rood rond mijn neus, zou dat rosacea zijn?", "rosacea"),
    ("Heb ik soms eczeem??", "eczeem"),
    ("die schilfers op mijn ellebogen, kan dat psoriasis zijn?", "psoriasis"),
    ("denk je dat het couperose is", None),  # no question mark: a remark, read as stated
    ("ik heb al jaren rosacea, mag ik een gua sha?", None),  # told, then a question about a treatment
    ("is het erg, mijn eczeem?", None),  # hers, asked how bad
    ("mijn dochter heeft eczeem, heb ik dat ook?", None),  # someone else's mention
])
def test_a_question_whether_she_has_it_is_told_apart_from_telling_it(message: str, condition: str | None) -> None:
    assert asked_diagnosis(message) == condition


def test_the_answer_says_no_diagnosis_first_and_keeps_the_caution() -> None:
    message = "zou dat rosacea kunnen zijn?"
    memory = update_memory(Memory(), message, "medische_situatie", [])
    assert memory.conditions == ("rosacea",)  # safety first: the gate treats it as hers
    text = safety_reply(memory.facts(), None, diagnosis=asked_diagnosis(message)).bubbles[0].text
    assert text.startswith(K.teksten.geen_diagnose.format(aandoening="rosacea"))
    assert "op dit moment af" in text
