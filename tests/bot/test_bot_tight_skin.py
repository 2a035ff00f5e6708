"""A skin that feels tight is not the stress concern: the bot asks whether it is also dry."""
from __future__ import annotations

import pytest

from bot.knowledge import load_knowledge
from bot.replies.texts import concern_data
from bot.replies.tight_skin import TIGHT_QUESTION, concern_of_message, feels_tight, tight_answer, tight_question
from bot.rules.facts import Memory


@pytest.mark.parametrize("text", [
    "mijn huid trekt na het douchen", "Na het wassen voelt mijn gezicht zo STRAK",
    "mn vel is trekkerig sinds de verwarming aan staat", "het voelt strak rond mijn mond",
])
def test_a_tight_skin_feels_tight(text: str) -> None:
    assert feels_tight(text)


@pytest.mark.parametrize("text", [
    "mijn kaken zijn zo strak van de stress", "ik voel veel spanning in mijn gezicht",
    "mijn nek en schouders zitten strak", "ik ben gespannen en mijn huid trekt",
    "ik heb een droge huid", "hoe trek ik mijn wenkbrauwen het best",
])
def test_tension_or_no_tightness_is_not_a_tight_skin(text: str) -> None:
    assert not feels_tight(text)


def test_a_tight_skin_is_no_tension_but_its_other_signals_still_count() -> None:
    assert concern_of_message("mijn huid trekt na het douchen", ["spanning"]) is None
    assert concern_of_message("mijn wangen voelen strak en droog", ["spanning", "droogheid"]) is None
    assert concern_of_message("mijn huid voelt strak en ziet er dof uit", ["spanning", "vale_teint"]) == "vale_huid"
    assert concern_of_message("mijn kaken zijn gespannen", ["spanning"]) == "stress"


def test_the_question_asks_whether_it_is_also_dry_with_yes_and_no() -> None:
    reply = tight_question()
    data = concern_data()[TIGHT_QUESTION]
    assert [b.text for b in reply.bubbles] == [data["vraag"]] and reply.open_question == TIGHT_QUESTION
    assert [b.payload for b in reply.bubbles[0].buttons] == ["/affirm", "/deny"]


def test_dry_gets_the_dry_skins_advice_and_not_dry_the_light_activate_signal() -> None:
    dry = tight_answer(True, Memory().facts())
    assert dry.bubbles[0].text == load_knowledge().question("producten.droog").antwoord
    not_dry = tight_answer(False, Memory().facts())
    assert not_dry.bubbles[0].text == concern_data()[TIGHT_QUESTION]["nee"][0]["tekst"]
    assert not_dry.open_question == "huidcheck_aanbod"  # phase unknown: the skin check on offer
    known = tight_answer(False, Memory().facts("activate"))
    assert len(known.bubbles) == 1 and known.open_question is None


def test_a_dry_answer_still_goes_through_the_safety_gate() -> None:
    infection = Memory(conditions=("actieve_infectie",)).facts()
    reply = tight_answer(True, infection)
    assert any("raad ik je op dit moment af" in b.text for b in reply.bubbles)


@pytest.mark.parametrize(("text", "meant"), [
    ("ik heb een droge hoest", False), ("mijn haar is zo droog", False), ("droge ogen van het scherm", False),
    ("mijn huid en lippen zijn droog", True), ("mijn wangen zijn droog, mijn handen ook", True),
    ("ik heb een droge huid", True), ("alles voelt droog", True),
])
def test_dryness_of_something_else_is_no_dry_skin(text: str, meant: bool) -> None:
    from bot.replies.skin_type import skin_meant
    assert skin_meant(text) is meant


@pytest.mark.parametrize(("text", "sunburn"), [
    ("ik heb zonnebrand in mijn gezicht", True), ("ik heb een zonnebrand van gisteren", True),
    ("ik heb echt last van zonnebrand", True), ("welke zonnebrand moet ik gebruiken?", False),
    ("ik heb geen zonnebrand", False),
])
def test_a_sunburn_told_is_redness_and_sunscreen_is_not(text: str, sunburn: bool) -> None:
    from bot.rules.phase import everyday_signals
    assert ("roodheid" in everyday_signals(text)) is sunburn
