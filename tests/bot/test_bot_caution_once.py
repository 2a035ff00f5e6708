"""A caution is said once: an answer about the treatment after it does not repeat it; a block
and a question whether it is safe still get their verdict."""
from __future__ import annotations

from dataclasses import replace

from bot.knowledge import load_knowledge
from bot.replies.answers import answer_reply
from bot.replies.gate import safety_gate
from bot.rules.facts import Memory
from bot.rules.safety import Facts

K = load_knowledge()
PAIN = K.question("microneedling.pijn")


def _texts(facts: Facts, *, safety_asked: bool = False) -> list[str]:
    return [b.text for b in answer_reply(PAIN, facts, treatment="microneedling", safety_asked=safety_asked).bubbles]


def test_the_first_answer_says_the_caution() -> None:
    caution = safety_gate(Facts(), "microneedling").text
    assert "extra zorg" in caution and caution in _texts(Facts())


def test_a_caution_heard_in_full_is_not_repeated_under_the_next_answer() -> None:
    heard = replace(Facts(), told=frozenset({safety_gate(Facts(), "microneedling").text}))
    said = _texts(heard)
    assert said == [PAIN.antwoord], said


def test_a_caution_heard_in_part_is_said_again_with_what_is_new() -> None:
    caution = safety_gate(Facts(), "microneedling")
    head_only = replace(Facts(), told=frozenset({caution.text.split(".")[0] + "."}))
    assert any("extra zorg" in t for t in _texts(head_only))


def test_asked_whether_it_is_safe_the_verdict_comes_first_also_when_heard() -> None:
    heard = replace(Facts(), told=frozenset({safety_gate(Facts(), "microneedling").text}))
    said = _texts(heard, safety_asked=True)
    assert said[0].startswith("Microneedling kan, maar wel met extra zorg"), said


def test_a_block_is_said_again_whatever_she_heard() -> None:
    rosacea = Memory(conditions=("rosacea",)).facts()
    heard = replace(rosacea, told=frozenset({safety_gate(rosacea, "microneedling").text}))
    said = _texts(heard)
    assert any("raad ik je op dit moment af" in t for t in said), said
