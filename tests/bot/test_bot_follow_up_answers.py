"""Follow-ups that point back to what was just discussed, and a question asked twice."""
from __future__ import annotations

import pytest

from bot.knowledge import load_knowledge
from bot.replies.answers import answered_treatment, knowledge_reply, referred_reply
from bot.replies.questions import match_question
from bot.rules.safety import Facts

FACTS = Facts(phase="repair")


def _answer(entry_id: str) -> str:
    return load_knowledge().question(entry_id).antwoord


@pytest.mark.parametrize(("message", "treatment", "expected"), [
    ("doet het zeer?", "microneedling", "microneedling.pijn"),
    ("is dat niet heel pijnlijk", "microneedling", "microneedling.pijn"),
    ("en hoelang blijft mijn vel daarna rood", "microneedling", "microneedling.herstel"),
    ("kan dat ook bij een donkere huidskleur?", "microneedling", "microneedling.donkere_huid"),
    ("hoe vaak moet ik dat doen?", "gezichtsmassage", "massage.hoe_vaak"),
])
def test_a_follow_up_pointing_back_gets_the_answer_about_that_treatment(message: str, treatment: str,
                                                                         expected: str) -> None:
    reply = referred_reply(message, treatment, FACTS)
    assert reply is not None and reply.bubbles[0].text == _answer(expected), reply
    assert expected in reply.facts


@pytest.mark.parametrize(("message", "treatment"), [
    ("doet het zeer?", None),  # nothing was just discussed
    ("pijn", "microneedling"),  # no word that points back
    ("wat vind jij daar nou van", "microneedling"),  # points back, but asks nothing the sources answer
    ("ik vroeg me af of dat bij mij ook zo zou werken want mijn zus had er last van", "microneedling"),  # no follow-up
])
def test_otherwise_the_follow_up_is_left_to_the_question_what_she_means(message: str, treatment: str | None) -> None:
    assert referred_reply(message, treatment, FACTS) is None


@pytest.mark.parametrize(("message", "treatment", "expected"), [
    ("hoe snel zie ik resultaat?", "gezichtsmassage", "massage.verwachtingen"),
    ("hoe vaak per week?", "gezichtsmassage", "massage.hoe_vaak"),
    ("voor wie is zoiets geschikt", "microneedling", "microneedling.voor_wie"),
])
def test_a_follow_up_without_a_subject_of_its_own_is_about_the_treatment_just_discussed(
        message: str, treatment: str, expected: str) -> None:
    reply = referred_reply(message, treatment, FACTS)
    assert reply is not None and expected in reply.facts, reply


@pytest.mark.parametrize(("message", "treatment"), [
    ("wie wint er vanavond", "gezichtsmassage"),
    ("ik verveel me", "microneedling"),
    ("hoe lang moet ik wachten met sporten", "gezichtsmassage"),  # a poor match: not the massage's minutes
    ("ik slaap slecht", "gezichtsmassage"),
    ("hoe snel zie ik resultaat van gua sha?", "microneedling"),  # names its own treatment
])
def test_a_message_without_a_pointer_that_matches_nothing_well_is_left_alone(message: str, treatment: str) -> None:
    reply = referred_reply(message, treatment, FACTS)
    assert reply is None or not any(f.startswith(treatment) for f in reply.facts), reply


def test_the_treatment_an_answer_was_about_comes_from_what_it_stated() -> None:
    assert answered_treatment(["microneedling.pijn", "contra_indicatie.intensief_buiten_fase"]) == "microneedling"
    assert answered_treatment(["massage.lymfedrainage"]) == "lymfedrainage"
    assert answered_treatment(["massage.hoe_vaak"]) == "gezichtsmassage"
    # a concern's advice: the one treatment its sentence names ("… pompmassage (lymfedrainage)"), else none
    assert answered_treatment(["wallen.helpt.0"]) == "lymfedrainage"
    assert answered_treatment(["lijntjes_littekens.helpt.2"]) == "microneedling"
    assert answered_treatment(["lijntjes_littekens.vermijden.0"]) is None  # microneedling and peelings
    assert answered_treatment(["lijntjes_littekens.helpt.1"]) is None  # ingredients only
    assert answered_treatment(["onbekend.helpt.0", "lijntjes_littekens.helpt.9"]) is None
    assert answered_treatment([]) is None


def test_asked_again_in_other_words_the_answer_is_told_in_full_not_repeated() -> None:
    first = knowledge_reply("producten_advies", FACTS, skin_type="gevoelig", question="wat gebruik ik dan")
    again = knowledge_reply("producten_advies", FACTS, skin_type="gevoelig", question="en wat raad je aan?",
                            just_said=first.facts)
    assert first.bubbles[0].text != again.bubbles[0].text
    assert "knedingen" in again.bubbles[0].text  # the knowledge behind it: which touch suits it
    later = knowledge_reply("producten_advies", FACTS, skin_type="gevoelig", question="en wat raad je aan?",
                            just_said=("massage.hoe_vaak",))
    assert later.bubbles[0].text == first.bubbles[0].text  # something else in between: the answer itself


@pytest.mark.parametrize(("intent", "question", "expected"), [
    ("frequentie_duur", "hoe vaak per week mag ik gua sha doen", "massage.hoe_vaak"),
    ("frequentie_duur", "hoevaak per week rollen met een jade roller", "massage.hoe_vaak"),
    ("microneedling_info", "wat is het verschil tussen een dermapen en microneedling", "microneedling.verschil"),
    ("microneedling_info", "hoeveel tijd moet er tussen twee microneedling sessies zitten", "microneedling.interval"),
    ("gezichtsmassage_info", "ik ben al 67, heeft een gezichtsmassage dan nog zin", "massage.voor_wie"),
    ("gezichtsmassage_info", "ben ik niet te oud voor een massage van het gezicht", "massage.voor_wie"),
])
def test_the_form_of_the_question_decides_over_a_tool_or_word_it_names(intent: str, question: str,
                                                                       expected: str) -> None:
    found = match_question(question, intent)
    assert found is not None and found.entry.id == expected, found and found.entry.id


@pytest.mark.parametrize("message", ["en wat zou jij dan aanraden?", "wat zou je me adviseren"])
def test_asked_for_advice_right_after_an_answer_it_is_told_in_full(message: str) -> None:
    reply = referred_reply(message, None, FACTS, "gevoelig", just_said=("producten.gevoelig",))
    assert reply is not None and reply.bubbles[0].text != _answer("producten.gevoelig")
    assert "gezichtsmassage.huidverzorging.gevoelig" in reply.facts
    assert referred_reply(message, None, FACTS, "gevoelig", just_said=("wallen.helpt.0",)) is None  # no answer before


def test_the_recovery_after_the_treatment_she_had_is_told_not_blocked() -> None:
    had = Facts(last_procedure="microneedling", days_since_procedure=1.0, phase="reset")
    reply = knowledge_reply("microneedling_info", had, question="hoe lang blijft mijn gezicht zo rood")
    assert reply.bubbles[0].text == _answer("microneedling.herstel"), reply
    assert not any("raad ik je op dit moment af" in b.text for b in reply.bubbles), reply
    # asking for the treatment itself is still gated
    again = knowledge_reply("microneedling_info", had, question="wat levert microneedling op")
    assert "raad ik je op dit moment af" in " ".join(b.text for b in again.bubbles), again
    # the recovery of a treatment she did not have is gated as before
    other = knowledge_reply("microneedling_info", Facts(last_procedure="laser", days_since_procedure=1.0, phase="reset"),
                            question="hoe lang blijft mijn gezicht zo rood na microneedling")
    assert "raad ik je op dit moment af" in " ".join(b.text for b in other.bubbles), other


@pytest.mark.parametrize("question", ["mag ik na een botox behandeling mijn gezicht insmeren?",
                                      "hoelang blijf ik rood na een laserbehandeling",
                                      "na mijn glycolpeeling, moet ik dan zonnebrand op?"])
def test_an_answer_about_microneedling_never_answers_a_question_about_another_procedure(question: str) -> None:
    found = match_question(question)
    assert found is None or load_knowledge().question(found.entry.id).behandeling != "microneedling", found


def test_an_answer_about_microneedling_still_answers_a_question_about_microneedling() -> None:
    found = match_question("hoelang blijf ik rood na microneedling")
    assert found is not None and found.entry.id == "microneedling.herstel"


@pytest.mark.parametrize(("message", "just_said", "expected"), [
    ("en hoe krijg ik die steen weer schoon?", "massage.gua_sha", "massage.hygiene"),
    ("welke olie neem ik daarbij?", "massage.gua_sha", "producten.olie"),
])
def test_a_follow_up_whose_own_words_point_elsewhere_gets_that_answer_not_the_same_again(
        message: str, just_said: str, expected: str) -> None:
    intent = load_knowledge().question(expected).intentie
    reply = knowledge_reply(intent, FACTS, treatment="gua_sha", question=f"{message} gua sha", just_said=(just_said,))
    assert expected in reply.facts and reply.bubbles[0].text == _answer(expected), reply


def test_asked_again_in_other_words_still_gets_the_longer_answer() -> None:
    reply = knowledge_reply("massage_techniek", FACTS, treatment="gua_sha", question="hoe gebruik ik gua sha dan precies",
                            just_said=("massage.gua_sha",))
    assert reply.bubbles[0].text != _answer("massage.gua_sha"), reply  # told in full, not the same sentence


def test_a_follow_up_about_one_treatment_never_gets_an_answer_about_another() -> None:
    reply = referred_reply("voor wie is dat geschikt?", "gua_sha", FACTS)
    assert reply is None or not any(f.startswith("microneedling.") for f in reply.facts), reply
