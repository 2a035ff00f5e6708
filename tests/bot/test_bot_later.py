""""En over een maand?" after a verdict with her recovery known: the verdict at that moment."""
from __future__ import annotations

import pytest

from bot.replies.gate import safety_gate
from bot.replies.safety_answer import later_reply
from bot.rules.durations import days_ahead
from bot.rules.facts import Entity, Memory, update_memory
from bot.rules.safety import Facts


@pytest.mark.parametrize(("text", "days"), [
    ("en over een maand?", 30.0), ("over twee weekjes dan", 14.0), ("drie weken later?", 21.0),
    ("en binnen 10 dagen", 10.0), ("maar over anderhalve maand wel?", 45.0),
])
def test_a_later_moment_is_read_in_days_from_now(text: str, days: float) -> None:
    assert days_ahead(text) == days, text


@pytest.mark.parametrize("text", ["over een maand wil ik microneedling", "twee weken geleden", "over",
                                  "hoe lang nog?", "en volgende week?"])
def test_anything_else_is_no_later_moment(text: str) -> None:
    assert days_ahead(text) is None, text


def test_past_the_recovery_then_the_verdict_then() -> None:
    facts = Facts(last_procedure="injectables", days_since_procedure=14.0)
    text = later_reply(facts, "gua_sha", 35.0).bubbles[0].text
    assert text.startswith("Dan is je behandeling 49 dagen geleden.") and "geen bezwaar tegen gua sha" in text


def test_still_waiting_then_says_so_with_todays_count() -> None:
    facts = Facts(last_procedure="chemische_peeling", days_since_procedure=2.0)
    text = later_reply(facts, "gezichtsmassage", 5.0).bubbles[0].text
    assert text == f"Dan nog niet. {safety_gate(facts, 'gezichtsmassage').text}"


def test_a_later_moment_does_not_change_when_her_treatment_was() -> None:
    memory = Memory(last_procedure="laser", days_since_procedure=20.0)
    text = "en een week later?"
    after = update_memory(memory, text, "inform", [Entity("tijdsduur", "een week", 3, 12)])
    assert after.days_since_procedure == 20.0
