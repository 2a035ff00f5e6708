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
