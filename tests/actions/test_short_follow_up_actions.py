"""A short follow-up that names a treatment asks the previous question again, whatever intent the
few words get: "en een gezichtsmassage?" after "mag ik microneedling?" is the verdict on massage,
after "wat kost microneedling?" the price of massage, after a knowledge question that answer."""
from __future__ import annotations

import pytest

from actions.concern_advice import ActionConcernAdvice
from actions.fallback import ActionDefaultAskAffirmation, ActionDefaultFallback
from actions.knowledge_answer import ActionKnowledgeAnswer
from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionSalonInfo
from actions.tracker_state import short_follow_up_kind
from bot.knowledge import load_knowledge
from bot.replies import salon
from bot.replies.gate import safety_gate
from bot.replies.texts import concern_data, intent_data
from bot.rules.safety import Facts
from tests.actions.conftest import entity, texts, user_event, with_turns


def _follow_up(make_tracker, text: str, word: str, value: str, intent: str, slots: dict | None = None):
    return make_tracker(text, intent, [entity(text, word, "behandeling", value)],
                        slots={"gevraagde_behandeling": value, **(slots or {})})


ASKED_MAY = user_event("mag ik microneedling laten doen", "medische_situatie",
                  [entity("mag ik microneedling laten doen", "microneedling", "behandeling")])


@pytest.mark.parametrize("action", [ActionKnowledgeAnswer(), ActionConcernAdvice()])
def test_after_a_question_whether_it_may_the_follow_up_gets_the_verdict(make_tracker, run, action) -> None:
    tracker = with_turns(_follow_up(make_tracker, "En de gua sha dan", "gua sha", "gua_sha", "massage_techniek"),
                          (ASKED_MAY, ["action_veiligheid"]))
    assert texts(run(action, tracker)[0]) == [safety_gate(Facts(), "gua_sha").text]


def test_the_verdict_follows_her_facts_in_a_chain_of_follow_ups(make_tracker, run) -> None:
    second = user_event("en lymfedrainage?", "inform", [entity("en lymfedrainage?", "lymfedrainage", "behandeling")])
    tracker = with_turns(_follow_up(make_tracker, "wat met gua sha", "gua sha", "gua_sha", "gezichtsmassage_info",
                                     slots={"aandoeningen": ["open_wond"]}),
                          (ASKED_MAY, ["action_veiligheid"]), (second, ["action_kennis"]))
    assert short_follow_up_kind(tracker) == "verdict"
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said == [safety_gate(Facts(conditions={"open_wond"}), "gua_sha").text]
    assert "raad ik je op dit moment af" in said[0]


def test_after_a_knowledge_question_the_follow_up_gets_that_answer_for_its_treatment(make_tracker, run) -> None:
    before = "hoeveel minuten duurt zo'n gezichtsmassage thuis"
    tracker = with_turns(_follow_up(make_tracker, "en microneedling dan?", "microneedling", "microneedling", "inform"),
                          (user_event(before, "frequentie_duur", [entity(before, "gezichtsmassage", "behandeling")]),
                           ["action_kennis"]))
    assert short_follow_up_kind(tracker) == "knowledge"
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert said[0] == load_knowledge().question("microneedling.duur").antwoord, said


def test_after_a_price_the_follow_up_gets_the_price_of_its_treatment(make_tracker, run) -> None:
    before = "wat vragen jullie voor een gezichtsmassage"
    tracker = with_turns(_follow_up(make_tracker, "en lymfedrainage?", "lymfedrainage", "lymfedrainage", "inform"),
                          (user_event(before, "salon_info", [entity(before, "gezichtsmassage", "behandeling")]),
                           ["action_salon_info"]))
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert said[0] == salon.answer("wat vragen jullie voor een lymfedrainage", treatment="lymfedrainage").bubbles[0]
    assert "60" in said[0]


@pytest.mark.parametrize(("text", "word"), [("wat kost microneedling?", "microneedling"),
                                            ("microneedling", "microneedling")])
def test_a_message_that_asks_its_own_question_is_no_short_follow_up(make_tracker, text, word) -> None:
    tracker = with_turns(_follow_up(make_tracker, text, word, "microneedling", "salon_info"),
                          (ASKED_MAY, ["action_veiligheid"]))
    assert short_follow_up_kind(tracker) is None


def test_what_she_adds_to_a_question_whether_it_may_keeps_that_treatment(make_tracker, run) -> None:
    text = "ik heb trouwens geen psoriasis"
    tracker = with_turns(make_tracker(text, "medische_situatie", slots={"gevraagde_behandeling": "microneedling"}),
                          (ASKED_MAY, ["action_veiligheid"]))
    said = texts(run(ActionSafetyAnswer(), tracker)[0])
    assert said[0].startswith("Microneedling"), said
    # without that question before, a message about her situation gets the verdict on a facial massage
    alone = make_tracker(text, "medische_situatie", slots={"gevraagde_behandeling": "microneedling"})
    assert "gezichtsmassage" in texts(run(ActionSafetyAnswer(), alone)[0])[0]


def test_a_second_unsure_message_is_answered_from_the_conversation_when_it_can_be(make_tracker, run) -> None:
    tracker = with_turns(_follow_up(make_tracker, "en lymfedrainage dan?", "lymfedrainage", "lymfedrainage",
                                     "nlu_fallback"),
                          (ASKED_MAY, ["action_veiligheid"]),
                          (user_event("en is het duur", "nlu_fallback"), ["action_two_stage_fallback"]))
    dispatcher, events = run(ActionDefaultFallback(), tracker)
    assert texts(dispatcher) == [safety_gate(Facts(), "lymfedrainage").text]
    assert events[0]["event"] == "rewind"


def test_a_second_unsure_message_nothing_settles_gets_the_give_up_answer(make_tracker, run) -> None:
    tracker = with_turns(make_tracker("blub blub", "nlu_fallback"), (user_event("qwerty", "nlu_fallback"), []))
    dispatcher, events = run(ActionDefaultFallback(), tracker)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_default"]
    assert [e["event"] for e in events] == ["rewind"]


def test_the_first_unsure_short_follow_up_gets_the_verdict_not_a_question(make_tracker, run) -> None:
    tracker = with_turns(_follow_up(make_tracker, "maar gua sha?", "gua sha", "gua_sha", "nlu_fallback"),
                          (ASKED_MAY, ["action_veiligheid"]))
    dispatcher, _ = run(ActionDefaultAskAffirmation(), tracker)
    assert texts(dispatcher) == [safety_gate(Facts(), "gua_sha").text]


def test_an_unsure_day_right_after_the_opening_hours_gets_that_days_hours(make_tracker, run) -> None:
    tracker = with_turns(make_tracker("en op zondag dan?", "nlu_fallback"),
                          (user_event("wanneer kan ik bij jullie terecht", "salon_info"), ["action_salon_info"]))
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    assert texts(dispatcher)[0].startswith("Op zondag zijn we gesloten."), texts(dispatcher)
    assert events[0]["event"] == "rewind"
    # after anything else the same words are still asked about
    other = with_turns(make_tracker("en op zondag dan?", "nlu_fallback"),
                        (user_event("wat is niacinamide", "ingredient_info"), ["action_kennis"]))
    assert not texts(run(ActionDefaultAskAffirmation(), other)[0])[0].startswith("Op zondag")


@pytest.mark.parametrize(("likeliest", "price"), [("salon_info", True), ("frequentie_duur", False)])
def test_an_unsure_is_that_expensive_after_an_answer_gets_its_price(make_tracker, run, likeliest, price) -> None:
    before = "wat houdt microneedling precies in"
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": likeliest, "confidence": 0.4},
               {"name": "out_of_scope", "confidence": 0.2}]
    tracker = with_turns(make_tracker("is dat niet duur?", "nlu_fallback", ranking=ranking,
                                       slots={"gevraagde_behandeling": "microneedling"}),
                          (user_event(before, "microneedling_info", [entity(before, "microneedling", "behandeling")]),
                           ["action_kennis"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    expected = salon.answer("is dat niet duur?", treatment="microneedling").bubbles[0]
    assert (said[0] == expected) is price, said


@pytest.mark.parametrize(("concern", "expected"), [("acne", "microneedling.littekens"),
                                                    ("lijntjes_littekens", "microneedling.lijntjes")])
def test_does_it_help_against_that_after_advice_is_about_her_concern(make_tracker, run, concern, expected) -> None:
    text = "helpt microneedling daar ook tegen?"
    tracker = make_tracker(text, "microneedling_info", [entity(text, "microneedling", "behandeling")],
                           slots={"gevraagde_behandeling": "microneedling", "huidzorg": concern})
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said[0] == load_knowledge().question(expected).antwoord, said


def test_without_a_concern_it_helps_against_that_is_answered_as_asked(make_tracker, run) -> None:
    text = "helpt microneedling daartegen?"
    tracker = make_tracker(text, "microneedling_info", [entity(text, "microneedling", "behandeling")],
                           slots={"gevraagde_behandeling": "microneedling"})
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said[0] != load_knowledge().question("microneedling.littekens").antwoord, said


def test_a_misspelt_treatment_gets_its_own_verdict_not_the_massage_one(make_tracker, run) -> None:
    text = "ik heb rosacae, mag ik microneedlin?"  # the NLU found no treatment entity in it
    tracker = make_tracker(text, "medische_situatie",
                           slots={"aandoeningen": ["rosacea"], "gevraagde_behandeling": "microneedling"})
    said = texts(run(ActionSafetyAnswer(), tracker)[0])
    assert said[0].startswith("Microneedling raad ik je op dit moment af"), said


def test_an_unsure_what_can_i_do_about_it_after_advice_gets_more_of_it(make_tracker, run) -> None:
    slots = {"huidzorg": "wallen", "open_vraag": "huidcheck_aanbod", "advies_gegeven": ["wallen:lymfedrainage"]}
    tracker = with_turns(make_tracker("wa kan ik daaraan doen?", "nlu_fallback", slots=slots),
                          (user_event("dikke ogen smorgens", "wallen"), ["action_huidadvies"]))
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    said = texts(dispatcher)
    assert said and not said[0].startswith("Ik weet niet zeker"), said
    assert concern_data()["huidzorgen"]["wallen"]["vermijden"][0]["tekst"] in said, said
    assert events[0]["event"] == "rewind"


ASKED_PRICE = user_event("wat vragen jullie voor gua sha", "salon_info",
                    [entity("wat vragen jullie voor gua sha", "gua sha", "behandeling", "gua_sha")])


@pytest.mark.parametrize(("action", "intent"), [
    (ActionKnowledgeAnswer(), "frequentie_duur"), (ActionSalonInfo(), "salon_info"), (ActionConcernAdvice(), "onderhoud"),
])
def test_how_long_right_after_a_price_is_how_long_it_takes_at_the_salon(make_tracker, run, action, intent) -> None:
    tracker = with_turns(make_tracker("hoelang duurt die dan", intent, slots={"gevraagde_behandeling": "gua_sha"}),
                          (ASKED_PRICE, ["action_salon_info"]))
    assert texts(run(action, tracker)[0]) == [salon.duration("gua_sha")]


def test_how_long_naming_another_treatment_after_a_price_is_that_ones_session(make_tracker, run) -> None:
    text = "en lymfedrainage, hoe lang duurt dat"
    tracker = with_turns(make_tracker(text, "frequentie_duur", [entity(text, "lymfedrainage", "behandeling")],
                                       slots={"gevraagde_behandeling": "lymfedrainage"}),
                          (ASKED_PRICE, ["action_salon_info"]))
    assert texts(run(ActionKnowledgeAnswer(), tracker)[0]) == [salon.duration("lymfedrainage")]


def test_how_long_after_a_knowledge_answer_stays_a_knowledge_question(make_tracker, run) -> None:
    before = "wat is gua sha precies"
    tracker = with_turns(make_tracker("hoelang duurt die dan", "frequentie_duur", slots={"gevraagde_behandeling": "gua_sha"}),
                          (user_event(before, "massage_techniek", [entity(before, "gua sha", "behandeling", "gua_sha")]),
                           ["action_kennis"]))
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert salon.duration("gua_sha") not in said and said


def test_the_recovery_after_a_price_is_not_the_session_length(make_tracker, run) -> None:
    tracker = with_turns(make_tracker("hoe lang duurt het herstel daarna", "microneedling_info",
                                       slots={"gevraagde_behandeling": "gua_sha"}),
                          (ASKED_PRICE, ["action_salon_info"]))
    assert salon.duration("gua_sha") not in texts(run(ActionKnowledgeAnswer(), tracker)[0])


def test_another_treatment_after_how_long_it_takes_at_the_salon_is_its_session_too(make_tracker, run) -> None:
    how_long = user_event("hoelang duurt die dan", "frequentie_duur")
    tracker = with_turns(_follow_up(make_tracker, "en microneedling?", "microneedling", "microneedling", "inform"),
                          (ASKED_PRICE, ["action_salon_info"]), (how_long, ["action_kennis"]))
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert said[0] == salon.duration("microneedling"), said


def test_how_long_it_takes_comes_with_the_verdict_when_her_facts_rule_it_out(make_tracker, run) -> None:
    tracker = with_turns(make_tracker("en hoe lang duurt die", "frequentie_duur",
                                       slots={"gevraagde_behandeling": "gua_sha", "aandoeningen": ["open_wond"]}),
                          (ASKED_PRICE, ["action_salon_info"]))
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said == [salon.duration("gua_sha"), safety_gate(Facts(conditions={"open_wond"}), "gua_sha").text]


UNSURE = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "stress", "confidence": 0.3}]


@pytest.mark.parametrize("text", ["en als ik heel voorzichtig doe?", "ook als het maar vijf minuutjes is",
                                  "maar met een zachte steen dan"])
def test_the_same_question_on_a_condition_after_a_verdict_gets_the_verdict_again(make_tracker, run, text) -> None:
    asked = user_event("slik marcoumar, mag ik gua sha doen", "medische_situatie",
                  [entity("slik marcoumar, mag ik gua sha doen", "gua sha", "behandeling", "gua_sha")])
    tracker = with_turns(make_tracker(text, "nlu_fallback", ranking=UNSURE, slots={
        "gevraagde_behandeling": "gua_sha", "medicatie": ["bloedverdunners"]}), (asked, ["action_veiligheid"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0].startswith("Overleg eerst met je huisarts, voordat je aan gua sha begint"), said


def test_may_i_have_that_right_after_an_answer_on_a_treatment_gets_its_verdict(make_tracker, run) -> None:
    before = "wat doet lymfedrainage eigenlijk"
    tracker = with_turns(make_tracker("en mag ik die dan?", "nlu_fallback", ranking=UNSURE, slots={
        "gevraagde_behandeling": "lymfedrainage", "aandoeningen": ["trombose"]}),
        (user_event(before, "gezichtsmassage_info", [entity(before, "lymfedrainage", "behandeling")]), ["action_kennis"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said == [safety_gate(Facts(conditions={"trombose"}), "lymfedrainage").text], said


def test_a_condition_without_a_verdict_before_is_left_to_the_question_what_she_means(make_tracker, run) -> None:
    tracker = with_turns(make_tracker("en als het regent?", "nlu_fallback", ranking=UNSURE),
                          (user_event("hoi", "greet"), ["utter_greet"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0].startswith("Ik weet niet zeker"), said


@pytest.mark.parametrize("action", [ActionConcernAdvice(), ActionDefaultAskAffirmation()])
def test_a_later_moment_after_a_wait_gets_the_verdict_then(make_tracker, run, action) -> None:
    tracker = make_tracker("en over een maand dan?", "inform", ranking=UNSURE, slots={
        "behandeling": "injectables", "dagen_sinds_behandeling": 14.0, "gevraagde_behandeling": "lymfedrainage"})
    said = texts(run(action, tracker)[0])
    assert said and said[0].startswith("Dan is je behandeling 44 dagen geleden.") and "lymfedrainage" in said[0], said


def test_a_condition_after_a_verdict_on_a_treatment_named_in_other_words_gets_that_verdict(make_tracker, run) -> None:
    asked = user_event("ik slik xarelto, kan ik thuis een roller gebruiken", "medische_situatie")
    tracker = with_turns(make_tracker("ook als ik maar heel licht druk?", "nlu_fallback", ranking=UNSURE, slots={
        "medicatie": ["bloedverdunners"], "advies_gegeven": ["veiligheid:gezichtsmassage:huisarts_eerst"]}),
        (asked, ["action_veiligheid"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and "huisarts" in said[0] and "gezichtsmassage" in said[0], said


def _littekens_after_a_microneedling_question(make_tracker, text: str):
    before = "werkt microneedling ook bij een donkere huidskleur"
    return with_turns(make_tracker(text, "lijntjes_littekens", [entity(text, "littekens", "signaal")],
                                   slots={"gevraagde_behandeling": "microneedling"}),
                      (user_event(before, "microneedling_info", [entity(before, "microneedling", "behandeling")]),
                       ["action_kennis"]))


def test_a_question_continuing_a_knowledge_question_stays_with_its_treatment(make_tracker, run) -> None:
    tracker = _littekens_after_a_microneedling_question(make_tracker, "en bij littekens van acne?")
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert said[0] == load_knowledge().question("microneedling.littekens").antwoord, said


def test_a_statement_after_a_knowledge_answer_is_not_read_as_its_continuation(make_tracker, run) -> None:
    tracker = _littekens_after_a_microneedling_question(make_tracker, "en ik heb ook last van littekens")
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert said[0] == concern_data()["huidzorgen"]["lijntjes_littekens"]["helpt"][0]["tekst"], said


@pytest.mark.parametrize("text", ["moet ik daarmee naar de dokter?", "moet ik nu naar de huisarts ofzo",
                                  "moet ik me zorgen maken?"])
def test_whether_to_see_a_doctor_gets_no_judgement_and_when_a_doctor_is_wise(make_tracker, run, text) -> None:
    said = texts(run(ActionDefaultAskAffirmation(), make_tracker(text, "nlu_fallback", ranking=UNSURE))[0])
    assert said == [load_knowledge().teksten.dokter], said


def test_a_fact_told_after_a_treatment_was_named_gets_the_verdict_on_that_treatment(make_tracker, run) -> None:
    before = "ik wil een afspraak maken voor microneedling"
    tracker = with_turns(make_tracker("ik slik trouwens sintrom", "medische_situatie", slots={
        "gevraagde_behandeling": "microneedling", "medicatie": ["bloedverdunners"]}),
        (user_event(before, "afspraak_maken", [entity(before, "microneedling", "behandeling")]), ["action_afspraak_maken"]))
    said = texts(run(ActionSafetyAnswer(), tracker)[0])
    assert said and said[0].startswith("Overleg eerst met je huisarts, voordat je aan microneedling begint"), said


def test_unsure_between_hours_and_booking_is_answered_as_the_salon(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "salon_info", "confidence": 0.4},
               {"name": "afspraak_maken", "confidence": 0.35}]
    said = texts(run(ActionDefaultAskAffirmation(), make_tracker("kan ik donderdagavond nog terecht?", "nlu_fallback",
                                                                 ranking=ranking))[0])
    assert said and not said[0].startswith("Ik weet niet zeker") and "onderdag" in " ".join(said), said


@pytest.mark.parametrize(("text", "answered"), [("doet het pijn?", True), ("doet dat pijn", True),
                                                ("pijn?", False), ("wat kost het?", False)])
def test_a_button_title_typed_instead_of_tapped_gets_that_buttons_answer(make_tracker, run, text, answered) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.4}]
    tracker = make_tracker(text, "nlu_fallback", ranking=ranking)
    button = {"title": "Doet het pijn?", "payload": '/microneedling_info{"kennis_id": "microneedling.pijn"}'}
    tracker.events = [{"event": "user", "text": "wat is microneedling?"},
                      {"event": "bot", "text": "Bij microneedling …", "data": {"buttons": [button]}},
                      {"event": "action", "name": "action_listen"}, {"event": "user", "text": text},
                      {"event": "slot", "name": "gevraagde_behandeling", "value": None}]  # events after her message
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    pain = load_knowledge().question("microneedling.pijn").antwoord
    assert (said[0] == pain) is answered, said


def test_an_unsure_question_naming_a_treatment_gets_its_clear_answer(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "inform", "confidence": 0.3},
               {"name": "andere_taal", "confidence": 0.2}]
    text = "wat is gua sha eigenlijk"
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "gua sha", "behandeling", "gua_sha")], ranking=ranking,
                           slots={"gevraagde_behandeling": "gua_sha"})
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0] == load_knowledge().question("massage.gua_sha").antwoord, said


def test_and_then_about_something_else_after_a_treatment_is_that_question_again(make_tracker, run) -> None:
    from actions.fallback import ActionDefaultAskAffirmation
    from bot.knowledge import load_knowledge
    from tests.actions.conftest import texts, user_event, with_turns

    before = "mag ik na een gua sha behandeling make-up dragen?"
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "salon_info", "confidence": 0.3}]
    tracker = with_turns(make_tracker("en mijn bril opzetten?", "nlu_fallback", ranking=ranking),
                         (user_event(before, "na_peeling", [{"entity": "behandeling", "value": "gua_sha",
                                                             "start": before.index("gua sha"), "end": before.index("gua sha") + 7}]),
                          ["action_huidadvies"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    expected = load_knowledge().teksten.na_behandeling_anders.format(verzoek="gua sha")
    assert said and said[0] == expected, said


@pytest.mark.parametrize(("text", "intent"), [("en ik dan?", "nlu_fallback"), ("En voor mij?", "inform"),
                                              ("geldt dat ook voor mij", "nlu_fallback")])
def test_and_me_after_a_verdict_for_someone_else_is_her_own_verdict(make_tracker, run, text, intent) -> None:
    asked = "kan mijn schoonzus microneedling krijgen?"
    previous = user_event(asked, "medische_situatie", [entity(asked, "microneedling", "behandeling")])
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "greet", "confidence": 0.3}]
    tracker = with_turns(make_tracker(text, intent, slots={"gevraagde_behandeling": "microneedling",
                                                             "medicatie": ["bloedverdunners"]}, ranking=ranking),
                         (previous, ["action_veiligheid"]))
    action = ActionDefaultAskAffirmation() if intent == "nlu_fallback" else ActionConcernAdvice()
    said = " ".join(texts(run(action, tracker)[0]))
    own = safety_gate(Facts(medication={"bloedverdunners"}), "microneedling")
    assert own.blocked and "huisarts" in said and "microneedling" in said, said  # her blood thinners decide now
    # without a question for someone else before it, "en ik?" is not read as one
    alone = with_turns(make_tracker(text, intent, slots={"gevraagde_behandeling": "microneedling"}, ranking=ranking),
                       (user_event("hoi", "greet"), ["utter_greet"]))
    assert "huisarts" not in " ".join(texts(run(action, alone)[0]))


def test_an_unsure_follow_up_pointing_back_offers_the_answer_it_points_to_first(make_tracker, run) -> None:
    asked = "hoe lang duurt een microneedling bij jullie?"
    previous = user_event(asked, "salon_info", [entity(asked, "microneedling", "behandeling")])
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.3},
               {"name": "stress", "confidence": 0.2}, {"name": "huid_info", "confidence": 0.1}]
    tracker = with_turns(make_tracker("doet dat erg zeer?", "nlu_fallback", ranking=ranking,
                                      slots={"gevraagde_behandeling": "microneedling"}),
                         (previous, ["action_salon_info"]))
    dispatcher, _ = run(ActionDefaultAskAffirmation(), tracker)
    buttons = dispatcher.messages[-1]["buttons"]
    assert "microneedling.pijn" in buttons[0]["payload"], buttons
    assert dispatcher.messages[-1]["text"] == intent_data()["vraag"]  # not "daar kan ik je niet mee helpen"
    # without a treatment just discussed, the usual likeliest meanings
    alone = make_tracker("doet dat erg zeer?", "nlu_fallback", ranking=ranking)
    buttons = run(ActionDefaultAskAffirmation(), alone)[0].messages[-1]["buttons"]
    assert not any("kennis_id" in b["payload"] for b in buttons), buttons
