"""A treatment asked about without its name ("mag ik al masseren?") still reaches the safety check."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.knowledge import load_knowledge
from bot.replies.questions import named_request
from bot.replies.safety_answer import permission_reply, unsure_message_reply
from bot.rules.facts import Entity, Memory, update_memory
from bot.rules.safety import Facts


@pytest.mark.parametrize(("message", "wanted"), [
    ("mag ik vanavond mijn gezicht al masseren", "gezichtsmassage"),
    ("Masseer ik best niet?", "gezichtsmassage"),
    ("kan ik vrijdag gewoon naar mijn gezichtsbehandeling", "behandeling"),
    ("een facial, kan dat nu", "behandeling"),
    ("eerst masseren, daarna een behandeling?", "gezichtsmassage"),  # the first one named
    ("mag ik al sporten", None),
    ("massagetafel", None),  # a word that only starts like one
    ("", None),
])
def test_everyday_words_name_the_request(message: str, wanted: str | None) -> None:
    assert named_request(message) == wanted


def test_a_restriction_or_a_recent_treatment_gets_the_verdict() -> None:
    after_botox = Memory(last_procedure="injectables", days_since_procedure=1.0)
    reply = unsure_message_reply(after_botox.facts(), "gezichtsmassage", "vanavond masseren")
    assert reply is not None and "13 dagen" in reply.bubbles[0].text
    infection = Memory(conditions=("actieve_infectie",))
    reply = unsure_message_reply(infection.facts(), "behandeling", "naar de behandeling")
    assert reply is not None and reply.bubbles[0].text.startswith("Een behandeling raad ik je op dit moment af")
    days_unknown = Memory(last_procedure="laser")
    reply = unsure_message_reply(days_unknown.facts(), "gezichtsmassage", "masseren vandaag")
    assert reply is not None and reply.open_question == "na_peeling:dagen"
    assert reply.bubbles[0].text.startswith("Of een gezichtsmassage al kan, hangt af van je herstel")


def test_nothing_known_leaves_the_question_what_she_means() -> None:
    assert unsure_message_reply(Memory().facts(), "gezichtsmassage", "gezicht masseren") is None
    assert unsure_message_reply(Memory(conditions=("actieve_infectie",)).facts(), None, "en nu?") is None


@pytest.mark.parametrize("message", ["Mag ik gua sha doen?", "is gua sha veilig voor mij", "kan ik een gua sha proberen"])
def test_a_question_whether_a_treatment_may_gets_the_verdict_also_when_nothing_stands_in_the_way(
        message: str) -> None:
    reply = unsure_message_reply(Memory().facts(), "gua_sha", message)
    assert reply is not None and "geen bezwaar tegen gua sha" in reply.bubbles[0].text
    assert unsure_message_reply(Memory().facts(), "gua_sha", "gua sha steen") is None  # not a question whether


@pytest.mark.parametrize("message", ["wanneer mag ik weer?", "En hoelang nog dan", "hoe lang moet ik nog wachten?",
                                     "mag het al?", "en wanneer dan wel?", "vanaf wanneer kan het?",
                                     "tot wanneer moet ik wachten"])
def test_when_again_after_a_treatment_gets_the_waiting_time(message: str) -> None:
    after_laser = Memory(last_procedure="laser", days_since_procedure=5.0)
    reply = unsure_message_reply(after_laser.facts(), None, message)
    assert reply is not None and "over ongeveer 9 dagen" in reply.bubbles[0].text


@pytest.mark.parametrize("message", ["wanneer mag ik weer sporten?", "En wanneer kan ik weer zwemmen",
                                     "mag ik weer make-up op?"])
def test_when_again_about_something_the_sources_do_not_cover_says_so_and_gives_the_wait(message: str) -> None:
    after_laser = Memory(last_procedure="laser", days_since_procedure=5.0)
    reply = unsure_message_reply(after_laser.facts(), None, message)
    assert reply is not None and reply.bubbles[0].text.startswith("Wanneer dat weer kan, staat niet in mijn bronnen.")
    assert "over ongeveer 9 dagen" in reply.bubbles[0].text


def test_other_questions_or_no_treatment_had_leave_the_question_what_she_means() -> None:
    after_laser = Memory(last_procedure="laser", days_since_procedure=5.0)
    assert unsure_message_reply(after_laser.facts(), None, "wat nu") is None
    assert unsure_message_reply(Memory().facts(), None, "wanneer mag ik weer?") is None


@pytest.mark.parametrize(("message", "had"), [
    ("ik ben dinsdag gepeeld", "chemische_peeling"),
    ("ben vorige week nog gelaserd, mag ik masseren?", "laser"),
    ("ik was gisteren al gelaserd", "laser"),
    ("ik ben bang om gelaserd te worden", None),
    ("ik word vrijdag gepeeld", None),
    ("ik wil eigenlijk gepeeld worden", None),
])
def test_a_participle_with_a_form_of_zijn_is_a_treatment_she_had(message: str, had: str | None) -> None:
    from bot.rules.facts import update_memory
    assert update_memory(Memory(), message, None, []).last_procedure == had


@pytest.mark.parametrize(("message", "asks"), [
    ("mag ik gua sha doen?", True),
    ("Is dat wel veilig met mijn huid", True),
    ("kan het kwaad bij een gevoelige huid?", True),
    ("en kan dat ook bij rosacea", True),
    ("hoe kan ik gua sha het best gebruiken", False),  # asks how, not whether
    ("Waar kan ik parkeren?", False),
    ("gua sha op de kaaklijn", False),
])
def test_a_question_whether_it_may_is_told_from_a_question_how(message: str, asks: bool) -> None:
    from bot.rules.follow_up import asks_permission
    assert asks_permission(message) is asks


def test_a_knowledge_question_whether_it_may_gets_the_verdict_first_and_then_the_answer() -> None:
    from bot.replies.answers import knowledge_reply
    asked = knowledge_reply("massage_techniek", Memory().facts(), treatment="gua_sha",
                            question="is zo'n gua sha steen veilig voor mij")
    how = knowledge_reply("massage_techniek", Memory().facts(), treatment="gua_sha",
                          question="hoe gebruik ik zo'n gua sha steen")
    assert "geen bezwaar tegen gua sha" in asked.bubbles[0].text
    assert [b.text for b in asked.bubbles[1:]] == [b.text for b in how.bubbles] and len(asked.bubbles) <= 3


@pytest.mark.parametrize("message", ["is dat wel normaal?", "Hoort het zo?", "alles prikt nog, is dat erg"])
def test_asked_whether_it_is_normal_the_bot_does_not_judge_and_says_who_can(message: str) -> None:
    after_peel = Memory(last_procedure="chemische_peeling", days_since_procedure=0.0)
    for facts in (after_peel.facts(), Memory().facts()):
        reply = unsure_message_reply(facts, None, message)
        assert reply is not None and reply.bubbles[0].text.startswith("Of dit bij jou normaal is, kan ik niet")
    assert unsure_message_reply(Memory().facts(), None, "mijn huid is normaal") is None  # a skin type


@pytest.mark.parametrize("message", ["mag ik al scrubben?", "kan ik nu al een exfoliant gebruiken",
                                     "mag ik al naar de sauna"])
def test_may_i_already_after_a_treatment_is_asked_when_again(message: str) -> None:
    after_laser = Memory(last_procedure="laser", days_since_procedure=5.0)
    reply = unsure_message_reply(after_laser.facts(), None, message)
    assert reply is not None and reply.bubbles[0].text.startswith("Wanneer dat weer kan, staat niet in mijn bronnen.")
    assert "over ongeveer 9 dagen" in reply.bubbles[0].text


def test_may_i_already_without_a_treatment_had_is_still_asked_about() -> None:
    assert unsure_message_reply(Memory().facts(), None, "mag ik al scrubben?") is None


def _duration(text: str, words: str) -> Entity:
    start = text.index(words)
    return Entity("tijdsduur", words, start, start + len(words))


@pytest.mark.parametrize(("correction", "days"), [("nee wacht, 3 dagen geleden pas", 3.0),
                                                   ("eigenlijk was het 2 weken geleden", 6.0)])
def test_a_later_time_for_the_treatment_is_taken_only_when_it_is_more_recent(correction: str, days: float) -> None:
    first = update_memory(Memory(), "vorige week een laserbehandeling gehad", "na_peeling", [])
    assert first.last_procedure == "laser" and first.days_since_procedure is not None
    first = replace(first, days_since_procedure=6.0)
    words = correction.split(", ")[-1].removeprefix("eigenlijk was het ").removesuffix(" pas")
    later = update_memory(first, correction, "inform", [_duration(correction, words)])
    assert later.days_since_procedure == days  # 3 days: a longer wait; 14 days: kept at 6, on the safe side


@pytest.mark.parametrize(("question", "intent", "treatment"), [
    ("mag ik een gezichtsmassage?", "gezichtsmassage_info", "gezichtsmassage"),
    ("kan ik zomaar microneedling laten doen", "microneedling_info", "microneedling"),
    ("mag ik thuis zelf ook gua sha doen", "massage_techniek", "gua_sha"),  # "zelf", "thuis": nothing more
])
def test_a_question_only_whether_a_treatment_may_gets_the_verdict_not_what_it_is(question: str, intent: str,
                                                                                 treatment: str) -> None:
    said = "gua sha" if treatment == "gua_sha" else treatment
    reply = permission_reply(Memory().facts(), treatment, question, intent, None, said)
    assert reply is not None and reply.advice[0].startswith(f"veiligheid:{treatment}:"), reply
    pregnant = Memory(outside_knowledge=("zwangerschap",)).facts()
    said_pregnant = permission_reply(pregnant, treatment, question, intent, None, said)
    assert said_pregnant is not None and "kan ik niet beoordelen" in said_pregnant.bubbles[0].text


@pytest.mark.parametrize(("question", "treatment", "ingredient"), [
    ("mag ik na microneedling in de zon?", "microneedling", None),  # the knowledge base answers it
    ("mag ik gua sha doen nu ik couperose heb", "gua_sha", None),
    ("kan ik microneedling combineren met retinol", "microneedling", "retinol"),  # about the ingredient
    ("wat is microneedling", "microneedling", None),  # no question whether it may
    ("mag dat?", None, None),  # no treatment
])
def test_other_questions_keep_their_knowledge_answer(question: str, treatment: str | None,
                                                    ingredient: str | None) -> None:
    assert permission_reply(Memory().facts(), treatment, question, None, ingredient) is None


@pytest.mark.parametrize("message", ["mag ik er een serum op doen?", "kan ik er gewoon vaseline op smeren"])
def test_may_i_about_something_else_after_a_treatment_says_the_sources_do_not_cover_it(message: str) -> None:
    after_needling = Memory(last_procedure="microneedling", days_since_procedure=1.0)
    reply = unsure_message_reply(after_needling.facts(), None, message)
    assert reply is not None and reply.bubbles[0].text.startswith("Of dat na je behandeling al kan, staat niet")
    assert unsure_message_reply(Memory().facts(), None, message) is None  # nothing had: "bedoel je…?"


@pytest.mark.parametrize("message", ["wat kan dat zijn?", "wa kan da zijn", "wat zou het kunnen zijn denk je",
                                     "wat mankeert mijn huid eigenlijk"])
def test_what_could_it_be_gets_no_diagnosis_and_who_can_look(message: str) -> None:
    reply = unsure_message_reply(Memory().facts(), None, message)
    assert reply is not None and reply.bubbles[0].text == load_knowledge().teksten.wat_is_het


@pytest.mark.parametrize("message", ["wat heb ik nodig voor een droge huid", "wat kan ik daaraan doen"])
def test_a_question_what_she_needs_is_no_question_for_a_diagnosis(message: str) -> None:
    reply = unsure_message_reply(Memory().facts(), None, message)
    assert reply is None or reply.bubbles[0].text != load_knowledge().teksten.wat_is_het


K = load_knowledge()
AFTER_IT = K.teksten.na_behandeling_anders.format(verzoek=K.teksten.verzoek_labels["microneedling"])


@pytest.mark.parametrize("question", ["mag ik dan sporten?", "kan ik dan gewoon mijn serum gebruiken?",
                                      "mag ik morgen zwemmen?"])
def test_something_else_after_the_treatment_just_discussed_is_not_its_verdict(question: str) -> None:
    """Right after the recovery after microneedling, unnamed: whether something else may, after it."""
    reply = permission_reply(Facts(), "microneedling", f"{question} microneedling", "microneedling_info")
    assert reply is not None and [b.text for b in reply.bubbles] == [AFTER_IT], reply
    blocked = permission_reply(Facts(medication={"bloedverdunners"}), "microneedling",
                               f"{question} microneedling", "microneedling_info")
    assert blocked is not None and "huisarts" in blocked.bubbles[-1].text  # her facts still said on this path


@pytest.mark.parametrize("question", ["mag ik dat in de zomer doen?", "mag ik dan ook?", "mag ik het laten doen?",
                                      "mag ik dan met couperose?"])
def test_a_question_about_the_treatment_itself_still_gets_its_verdict(question: str) -> None:
    reply = permission_reply(Facts(), "microneedling", f"{question} microneedling", "microneedling_info")
    assert reply is not None and AFTER_IT not in [b.text for b in reply.bubbles], reply
