"""How long her complaint has lasted, said on its own ("al twee weken") after advice."""
from __future__ import annotations

import pytest

from bot.replies.concern import concern_reply, duration_reply, with_duration_lead
from bot.replies.texts import concern_data
from bot.rules.durations import complaint_duration
from bot.rules.safety import Facts


@pytest.mark.parametrize(("text", "days", "long"), [
    ("nog maar een dag of drie", 3.0, False),
    ("Sinds vorige week", 7.0, False),
    ("ongeveer 10 dagen", 10.0, False),
    ("ik heb het al anderhalve week", 10.5, False),
    ("al een tijdje eigenlijk", None, False),
    ("al zeker 2 maanden", 60.0, True),
    ("ja al jaren hoor", None, True),
    ("heb er al heel lang last van", None, True),
    ("dat is altijd zo geweest", None, True),
    ("sinds vorig jaar", 365.0, True),
])
def test_a_message_that_only_says_how_long_is_read_as_the_duration(text: str, days: float | None,
                                                                   long: bool) -> None:
    told = complaint_duration(text)
    assert told is not None and told.days == days and told.long is long, told


@pytest.mark.parametrize("text", [
    "al twee weken?",  # a question
    "over twee weken",  # a moment ahead
    "twee weken geleden had ik een peeling",  # names a treatment
    "ik ben al twee weken aan het masseren",  # tells something else
    "al",  # no time at all
    "ja",
    "hoe lang duurt het?",
])
def test_a_message_that_says_more_than_a_duration_is_not_one(text: str) -> None:
    assert complaint_duration(text) is None


def test_a_short_duration_is_thanked_before_the_rest_of_the_advice() -> None:
    reply = concern_reply("vale_huid", Facts(), again=True)
    led = with_duration_lead(reply, complaint_duration("sinds een dag of vijf"))
    texts = concern_data()["klachtduur"]
    assert led.bubbles[0].text == f"{texts['kort']} {reply.bubbles[0].text}"
    assert len(led.bubbles) == len(reply.bubbles) <= 3


def test_a_long_standing_complaint_hears_once_of_a_dermatologist_when_in_doubt() -> None:
    reply = concern_reply("wallen", Facts(), again=True)
    told = complaint_duration("al maanden")
    led = with_duration_lead(reply, told)
    lang = concern_data()["klachtduur"]["lang"]
    assert led.bubbles[0].text.startswith(lang["tekst"]) and lang["bron"] in led.sources
    again = with_duration_lead(reply, told, said_before=led.facts)  # told before: not a second time
    assert lang["tekst"] not in " ".join(b.text for b in again.bubbles)


def test_advice_that_already_names_a_dermatologist_does_not_get_it_twice() -> None:
    reply = concern_reply("acne", Facts(), again=True)
    assert "dermatoloog" in " ".join(b.text for b in reply.bubbles)  # the acne advice names one itself
    led = with_duration_lead(reply, complaint_duration("al jaren"))
    assert " ".join(b.text for b in led.bubbles).count("dermatoloog") == 1


def test_after_a_skin_types_advice_a_duration_gets_the_skin_check_offer() -> None:
    reply = duration_reply(complaint_duration("een week of drie"))
    assert reply.open_question == "huidcheck_aanbod" and len(reply.bubbles) == 1
    assert concern_data()["huidcheck_aanbod"]["vraag"] in reply.bubbles[0].text
