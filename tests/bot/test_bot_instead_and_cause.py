"""What she can do instead after a verdict, a stated risk she takes back, a question for someone else,
and where a complaint comes from: answered, not the advice or the verdict again."""
from __future__ import annotations

import pytest

from bot.knowledge import load_knowledge
from bot.replies.concern import CONCERNS, cause_bubble, cause_reply, concern_reply
from bot.replies.safety_answer import permission_reply, taken_back_lead, what_instead_reply
from bot.replies.texts import concern_data
from bot.rules.facts import asks_for_another, with_someone_elses
from bot.rules.follow_up import asks_cause, asks_what_instead
from bot.rules.safety import Facts

K = load_knowledge()
T = K.teksten


@pytest.mark.parametrize("message", ["en wat mag ik dan wel?", "welke behandelingen mogen wel", "Wat is er dan wel mogelijk?",
                                     "is er iets wat wel kan", "welke dan wel?", "oke, welke behandeling dan wel"])
def test_asking_what_is_allowed_instead_is_read_as_such(message: str) -> None:
    assert asks_what_instead(message)


@pytest.mark.parametrize("message", ["wat kan ik zelf doen?", "wat doet niacinamide", "mag ik microneedling?",
                                     "welke olie raad je aan?"])
def test_other_questions_are_not_read_as_what_instead(message: str) -> None:
    assert not asks_what_instead(message)


def test_after_a_gp_first_verdict_nothing_is_advised_and_the_gp_comes_first() -> None:
    reply = what_instead_reply(Facts(medication=frozenset({"bloedverdunners"})), "wat kan ik dan wel doen")
    assert reply is not None
    text = reply.bubbles[0].text
    assert text.startswith(T.wat_wel["geen"]) and T.wat_wel["huisarts"] in text, text
    assert "Welke behandeling" not in text


def test_in_reset_the_gentle_treatments_are_named_and_microneedling_is_not_now() -> None:
    reply = what_instead_reply(Facts(phase="reset"), "wat mag wel?")
    assert reply is not None
    text = reply.bubbles[0].text
    kan, niet = text.split(" Nu niet: ")
    assert "gua sha" in kan and "lymfedrainage" in kan and "microneedling" not in kan, text
    assert niet.startswith("microneedling"), text


def test_with_fragile_vessels_the_massages_are_said_with_extra_care() -> None:
    reply = what_instead_reply(Facts(conditions=frozenset({"couperose"}), phase="activate"), "wat kan er dan wel?")
    assert reply is not None and "Met extra zorg: een gezichtsmassage" in reply.bubbles[0].text, reply


@pytest.mark.parametrize("facts", [Facts(), Facts(phase="repair"), Facts(conditions=frozenset({"couperose"}))])
def test_with_nothing_ruled_out_what_instead_says_nothing(facts: Facts) -> None:
    assert what_instead_reply(facts, "wat kan ik dan wel doen?") is None


def test_a_stated_medication_taken_back_is_kept_and_she_hears_why() -> None:
    facts = Facts(medication=frozenset({"bloedverdunners"}))
    lead = taken_back_lead(facts, "oh nee, ik neem helemaal geen marcoumar hoor")
    assert lead == T.ingetrokken.format(feiten="bloedverdunners"), lead


@pytest.mark.parametrize("message", ["mijn man gebruikt geen bloedverdunners", "ik gebruik marcoumar",
                                     "ik heb geen eczeem"])
def test_no_lead_when_nothing_she_said_is_denied(message: str) -> None:
    assert taken_back_lead(Facts(medication=frozenset({"bloedverdunners"})), message) is None


@pytest.mark.parametrize("message", ["mijn zoon heeft puistjes, kan hij microneedling krijgen?",
                                     "mag mijn schoonmoeder een gezichtsmassage?", "is dat iets voor hem?"])
def test_a_question_for_someone_else_is_said_in_general(message: str) -> None:
    assert asks_for_another(message)
    assert with_someone_elses(Facts(), message) == (Facts(), True)


@pytest.mark.parametrize("message", ["mag mijn gezicht gemasseerd worden?", "mijn zus heeft acne, mag ik microneedling?"])
def test_a_question_for_herself_stays_hers(message: str) -> None:
    assert with_someone_elses(Facts(), message)[1] is False


@pytest.mark.parametrize("message", ["waar komt dat toch vandaan", "ligt het aan mijn slaap?", "Waarom krijg ik dit steeds?",
                                     "wat is daarvan de oorzaak"])
def test_a_cause_question_is_read_as_such(message: str) -> None:
    assert asks_cause(message)


def test_every_concern_but_keeping_it_good_has_a_cause_from_the_sources() -> None:
    for concern in CONCERNS:
        data = concern_data()["huidzorgen"][concern]
        assert (cause_bubble(concern) is None) == ("oorzaak" not in data), concern
        if "oorzaak" in data:
            assert data["oorzaak"]["bron"] in K.bronnen, concern
    assert cause_bubble("onderhoud") is None


def test_the_cause_comes_first_and_says_no_diagnosis() -> None:
    reply = concern_reply("vale_huid", Facts(), "mijn teint is zo grauw, hoe komt dat eigenlijk?")
    first = reply.bubbles[0].text
    assert "Activate" in first and concern_data()["oorzaak_slot"] in first, first
    assert reply.facts[0] == "vale_huid.oorzaak" and len(reply.bubbles) <= 3


def test_a_cause_follow_up_gets_the_cause_only() -> None:
    reply = cause_reply("acne", "maar waar komt het door?")
    assert reply is not None and len(reply.bubbles) == 1 and "cortisol" in reply.bubbles[0].text
    assert cause_reply("acne", "wat kan ik eraan doen?") is None
    assert cause_reply(None, "hoe komt dat?") is None


def test_having_a_treatment_done_is_a_permission_question_not_the_professional_answer() -> None:
    reply = permission_reply(Facts(), "lymfedrainage", "mag ik lymfedrainage laten doen?", "gezichtsmassage_info")
    assert reply is not None and "geen bezwaar" in reply.bubbles[0].text, reply
    blocked = permission_reply(Facts(conditions=frozenset({"open_wond"})), "gezichtsmassage",
                               "kan ik toch een gezichtsmassage laten doen", "gezichtsmassage_info")
    assert blocked is not None and "af" in blocked.bubbles[0].text, blocked


@pytest.mark.parametrize(("message", "agreed"), [
    ("ik slik sintrom, maar mijn huisarts vindt het prima en gaf toestemming", True),
    ("de trombosedienst heeft er geen bezwaar tegen", True),
    ("mijn reumatoloog zei dat het kan", True),
    ("mijn huisarts vindt het geen goed idee", False),  # no agreement word
    ("mijn arts zegt dat het niet mag", False),
    ("en als de huisarts akkoord is?", False),
    ("krijg ik toestemming van mijn dokter nodig?", False),
    ("stel dat mijn arts akkoord gaat", False),
    ("mijn dokter zegt dat ik met mijn xarelto wel mag masseren", True),
    ("de cardioloog vindt dat ik gewoon mag laten masseren", True),
    ("de huisarts zei dat het goed is", True),
    ("mijn arts zegt dat ik nog niet mag masseren", False),
])
def test_a_doctors_agreement_counts_only_as_a_fact(message: str, agreed: bool) -> None:
    from bot.rules.facts import doctor_agreed

    assert doctor_agreed(message) is agreed


def test_with_the_gps_agreement_her_practitioner_decides_and_other_reasons_still_count() -> None:
    from bot.replies.gate import safety_gate

    agreed = Facts(conditions=frozenset({"trombose"}), gp_agreed=True)
    gate = safety_gate(agreed, "gua_sha")
    assert gate.text == T.akkoord_huisarts.format(verzoek="gua sha") and gate.blocked, gate
    again = safety_gate(Facts(conditions=frozenset({"trombose"}), gp_agreed=True, told=frozenset({gate.text})), "gua_sha")
    assert again.text == T.akkoord_huisarts_kort.format(verzoek="gua sha")
    peel = safety_gate(Facts(conditions=frozenset({"trombose", "eczeem"}), gp_agreed=True), "gezichtsmassage")
    assert "eczeem" in peel.text and "huisarts akkoord" not in peel.text and peel.blocked, peel.text
    assert safety_gate(Facts(gp_agreed=True), "gezichtsmassage").allowed  # nothing asked for an agreement


def test_after_the_gps_agreement_what_instead_names_what_the_other_facts_allow() -> None:
    facts = Facts(medication=frozenset({"bloedverdunners"}), gp_agreed=True, phase="reset")
    reply = what_instead_reply(facts, "wat kan er dan wel?")
    assert reply is not None and "huisarts" not in reply.bubbles[0].text and "Nu niet: microneedling" in reply.bubbles[0].text


def test_an_ingredient_asked_about_while_breastfeeding_is_not_judged() -> None:
    from bot.replies.safety_answer import named_ingredient_reply

    facts = Facts(outside_knowledge=frozenset({"borstvoeding"}))
    reply = named_ingredient_reply(facts, "kan ik nog vitamine c serum gebruiken?")
    assert reply is not None and "vitamine C" in reply.bubbles[0].text and "niet beoordelen" in reply.bubbles[0].text
    assert named_ingredient_reply(Facts(), "kan ik nog vitamine c serum gebruiken?", outside_only=True) is None
    assert named_ingredient_reply(facts, "wat doet vitamine c?") is None  # a question about it, not whether
    plain = named_ingredient_reply(Facts(conditions=frozenset({"rosacea"})), "mag ik niacinamide op mijn wangen smeren?")
    assert plain is not None and plain.facts[0] == "ingredient.niacinamide" and "roodheid" in plain.bubbles[0].text, plain


def test_what_can_i_do_with_a_gp_verdict_and_no_advice_under_discussion_is_what_instead() -> None:
    facts = Facts(medication=frozenset({"bloedverdunners"}))
    assert what_instead_reply(facts, "wat kan ik doen?") is None
    reply = what_instead_reply(facts, "wat kan ik doen?", self_care=True)
    assert reply is not None and T.wat_wel["huisarts"] in reply.bubbles[0].text


def test_how_do_i_do_that_after_a_technique_gets_more_of_it() -> None:
    from bot.replies.answers import referred_reply

    reply = referred_reply("hoe werkt dat dan precies?", "lymfedrainage", Facts(), just_said=("massage.lymfedrainage",))
    assert reply is not None and reply.bubbles[0].text != K.question("massage.lymfedrainage").antwoord, reply
    assert "pompmassage" in reply.bubbles[0].text
