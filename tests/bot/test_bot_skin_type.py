"""A skin type told without a concern gets what the sources advise for it."""
from __future__ import annotations

import pytest

from bot.knowledge import load_knowledge
from bot.replies.skin_type import skin_type_reply
from bot.rules.facts import Memory


@pytest.mark.parametrize(("skin_type", "answer"), [
    ("droog", "producten.droog"), ("vet", "producten.vet"), ("gevoelig", "producten.gevoelig"),
    ("gemengd", "producten.normaal"),
])
def test_each_skin_type_gets_its_oils_and_serums(skin_type: str, answer: str) -> None:
    reply = skin_type_reply(Memory().facts(), skin_type, ("droogheid",) if skin_type == "droog" else ())
    assert reply is not None and reply.bubbles[0].text == load_knowledge().question(answer).antwoord


@pytest.mark.parametrize(("skin_type", "signals"), [
    (None, ()),  # no skin type told
    ("onbekend_type", ()),  # a type the sources do not name
    ("gevoelig", ("roodheid",)),  # redness has its own advice (Reset)
    ("vet", ("puistjes",)),  # so do pimples (acne)
    ("vet", ("spanning",)),  # tension on an oily skin: the stress concern's
    ("droog", ("spanning", "roodheid")),  # tight but also red: Reset's
])
def test_a_concern_or_no_type_is_left_to_its_own_advice(skin_type: str | None, signals: tuple[str, ...]) -> None:
    assert skin_type_reply(Memory().facts(), skin_type, signals) is None


def test_the_advice_for_a_skin_type_still_goes_through_the_safety_gate() -> None:
    infection = Memory(conditions=("actieve_infectie",)).facts()
    reply = skin_type_reply(infection, "droog")
    assert reply is not None and any("raad ik je op dit moment af" in b.text for b in reply.bubbles)


def test_a_dry_skin_that_feels_tight_gets_the_dry_skins_advice() -> None:
    reply = skin_type_reply(Memory().facts(), "droog", ("droogheid", "spanning"))
    assert reply is not None and reply.bubbles[0].text == load_knowledge().question("producten.droog").antwoord


@pytest.mark.parametrize("skin_type", ["droog", "vet", "gevoelig"])
def test_advice_she_had_is_not_given_again_but_the_skin_check_offered(skin_type: str) -> None:
    from dataclasses import replace

    from bot.replies.texts import concern_data
    said: tuple[str, ...] = ()
    seen: list[str] = []
    for _ in range(4):  # the tips, what the sources add (when they do), then that she has them all
        reply = skin_type_reply(Memory().facts(), skin_type, said_before=said)
        assert reply is not None
        text = " ".join(b.text for b in reply.bubbles)
        assert text not in seen or text.startswith(concern_data()["huidcheck_aanbod"]["vraag"]), (skin_type, seen)
        seen.append(text)
        said = (*said, *reply.facts)
    assert any(t.startswith(concern_data()["alles_gezegd"]) for t in seen)
    assert reply.open_question == "huidcheck_aanbod"
    known_phase = skin_type_reply(replace(Memory().facts(), phase="repair"), skin_type, said_before=said)
    assert known_phase is not None and known_phase.open_question is None  # the check was done: no offer again


@pytest.mark.parametrize(("situation", "skin_type"), [("zwangerschap", "droog"), ("borstvoeding", "vet"),
                                                     ("acnemedicatie", "gevoelig")])
def test_in_a_situation_the_sources_leave_out_no_product_is_advised(situation: str, skin_type: str) -> None:
    from dataclasses import replace
    k = load_knowledge()
    reply = skin_type_reply(replace(Memory().facts(), outside_knowledge=frozenset({situation})), skin_type)
    assert reply is not None
    text = " ".join(b.text for b in reply.bubbles)
    assert text.startswith(k.teksten.product_buiten_kennis.format(situatie=k.teksten.buiten_kennis_labels[situation]))
    assert load_knowledge().question(f"producten.{skin_type}").antwoord not in text  # no oils or serums named


@pytest.mark.parametrize(("types", "told"), [
    (["vet", "droog"], "gemengd"), (["droog", "vet"], "gemengd"), (["gevoelig"], "gevoelig"),
    (["droog", "gevoelig"], "gevoelig"), ([], None),
])
def test_oily_and_dry_named_together_are_a_combination_skin(types: list[str], told: str | None) -> None:
    from bot.replies.skin_type import type_told
    assert type_told(types) == told


@pytest.mark.parametrize(("text", "signals", "told"), [
    ("mijn gezicht glimt altijd na een paar uur", (), "vet"),
    ("mn neus is zo vettig en glimmend", (), "vet"),
    ("mijn vel voelt als schuurpapier", ("droogheid",), "droog"),
    ("ik moet altijd glimlachen", (), None),  # a smile is no oily skin
    ("mijn huid is gevoelig", ("gevoeligheid",), None),
])
def test_a_skin_type_told_in_everyday_words(text: str, signals: tuple[str, ...], told: str | None) -> None:
    from bot.replies.skin_type import everyday_type
    assert everyday_type(text, signals) == told
