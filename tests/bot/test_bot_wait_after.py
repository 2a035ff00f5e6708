"""How long to wait after a procedure before another treatment: that procedure's recovery applies,
also when she says "een" instead of "mijn" ("hoe lang wachten na een peeling voor ik mag masseren?")."""
from __future__ import annotations

import pytest

from bot.rules.facts import Entity, Memory, update_memory
from bot.rules.negation import had_before
from tests.bot.conftest import span


@pytest.mark.parametrize(("text", "word"), [
    ("hoelang moet je wachten na een laser voor je weer gua sha mag doen", "laser"),
    ("na de peeling, wanneer kan ik dan een lymfedrainage krijgen?", "peeling"),
    ("hoeveel weken na een microneedling mag ik pas masseren", "microneedling"),
    ("wanneer mag er weer een facial na fillers", "fillers"),
])
def test_waiting_after_a_procedure_for_another_treatment_is_its_recovery(text: str, word: str) -> None:
    assert had_before(text, *span(text, word)), text


@pytest.mark.parametrize(("text", "word"), [
    ("hoe lang blijft je huid rood na een peeling", "peeling"),  # the time after it, nothing else asked
    ("hoe lang duurt het herstel na een laserbehandeling", "laserbehandeling"),
    ("ik twijfel over een peeling, wat houdt dat in", "peeling"),
    ("mag ik make-up op na een microneedling", "microneedling"),  # no treatment after it
])
def test_other_questions_with_na_een_stay_general(text: str, word: str) -> None:
    assert not had_before(text, *span(text, word)), text


def test_the_procedure_waited_after_becomes_the_one_she_had_without_a_date() -> None:
    text = "hoe lang na een chemische peeling mag ik weer een gezichtsmassage?"
    memory = update_memory(Memory(), text, "na_peeling", [
        Entity("behandeling", "chemische_peeling", *span(text, "chemische peeling")),
        Entity("behandeling", "gezichtsmassage", *span(text, "gezichtsmassage"))])
    assert memory.last_procedure == "chemische_peeling" and memory.days_since_procedure is None
    assert memory.asked_treatment == "gezichtsmassage"


def test_an_unsure_message_naming_when_her_treatment_was_tells_the_days() -> None:
    from bot.rules.facts import Entity, Memory, update_memory
    botox = Memory(last_procedure="injectables")
    text = "ik heb het vorige week laten doen"
    told = update_memory(botox, text, "nlu_fallback", [Entity("tijdsduur", "vorige week", 15, 26)])
    assert told.days_since_procedure == 7
    later = "ik heb over een week weer een afspraak"  # a time ahead is no time since
    assert update_memory(botox, later, "nlu_fallback",
                         [Entity("tijdsduur", "een week", 12, 20)]).days_since_procedure is None


def test_of_two_times_told_for_her_treatment_the_most_recent_counts() -> None:
    from bot.rules.facts import Entity, Memory, update_memory
    text = "ik had vorig jaar botox en vorige maand weer"
    times = [Entity("tijdsduur", "vorig jaar", 7, 17), Entity("tijdsduur", "vorige maand", 27, 39)]
    memory = update_memory(Memory(), text, "na_peeling", [*times, Entity("behandeling", "injectables", 18, 23)])
    assert memory.last_procedure == "injectables" and memory.days_since_procedure == 30
    corrected = update_memory(Memory(last_procedure="injectables", days_since_procedure=30.0),
                              "nee sorry, ik heb het vorige week laten doen", "nlu_fallback",
                              [Entity("tijdsduur", "vorige week", 24, 35)])
    assert corrected.days_since_procedure == 7  # unsure, still a more recent time: the safe side
