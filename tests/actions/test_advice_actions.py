"""Advice per concern, follow-ups, knowledge answers and the fallback."""
from __future__ import annotations

import pytest

from actions.concern_advice import ActionConcernAdvice, ActionFollowupAnswer
from actions.fallback import ActionDefaultAskAffirmation
from actions.knowledge_answer import ActionKnowledgeAnswer
from bot.knowledge import load_knowledge
from bot.replies import salon
from bot.replies.concern import CONCERNS
from bot.replies.texts import concern_data
from tests.actions.conftest import entity, slot_events, texts


@pytest.mark.parametrize("concern", [c for c in CONCERNS if c != "na_peeling"])
def test_each_concern_gets_its_advice_and_one_follow_up_question(make_tracker, run, concern) -> None:
    dispatcher, events = run(ActionConcernAdvice(), make_tracker("...", concern))
    data = concern_data()["huidzorgen"][concern]
    said = texts(dispatcher)
    assert data["helpt"][0]["tekst"] in said
    assert said[-1] == data["vervolg"]["vraag"]
    assert dispatcher.messages[-1]["buttons"]
    slots = slot_events(events)
    assert slots["open_vraag"] == f"vervolg:{concern}"
    assert slots["huidzorg"] == concern


@pytest.mark.parametrize("concern", [c for c in CONCERNS if c != "na_peeling"])
def test_blood_thinners_replace_every_concerns_advice_by_the_gp(make_tracker, run, concern) -> None:
    tracker = make_tracker("...", concern, slots={"medicatie": ["bloedverdunners"]})
    dispatcher, events = run(ActionConcernAdvice(), tracker)
    said = texts(dispatcher)
    assert "huisarts" in " ".join(said).lower()
    assert concern_data()["huidzorgen"][concern]["helpt"][0]["tekst"] not in said
    assert slot_events(events)["open_vraag"] is None


def test_after_a_peel_the_bot_first_asks_which_and_when(make_tracker, run) -> None:
    dispatcher, events = run(ActionConcernAdvice(), make_tracker("net een behandeling gehad", "na_peeling"))
    assert slot_events(events)["open_vraag"] == "na_peeling:ingreep"
    tracker = make_tracker("laser", "na_peeling", slots={"behandeling": "laser"})
    dispatcher, events = run(ActionConcernAdvice(), tracker)
    assert slot_events(events)["open_vraag"] == "na_peeling:dagen"


def test_five_days_after_a_peel_massage_waits_nine_more_days(make_tracker, run) -> None:
    tracker = make_tracker("5 dagen", "inform", slots={
        "behandeling": "chemische_peeling", "dagen_sinds_behandeling": 5.0, "huidzorg": "na_peeling"})
    dispatcher, _ = run(ActionConcernAdvice(), tracker)
    assert "9 dagen" in " ".join(texts(dispatcher))


def test_aftercare_said_before_the_days_were_known_is_not_said_again(make_tracker, run) -> None:
    data = concern_data()["huidzorgen"]["na_peeling"]
    first = data["nazorg"]["microneedling"][0]["tekst"]
    slots = {"behandeling": "microneedling", "dagen_sinds_behandeling": 2.0, "huidzorg": "na_peeling"}
    tracker = make_tracker("twee dagen", "inform", slots=slots)
    tracker.events = [{"event": "slot", "name": "genoemde_feiten", "value": ["na_peeling.nazorg.microneedling.tekst.0"]},
                      *tracker.events]
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert said and first not in said, said
    fresh = make_tracker("twee dagen", "inform", slots=slots)
    assert first in texts(run(ActionConcernAdvice(), fresh)[0])  # not said before: said


@pytest.mark.parametrize("procedure, days", [("laser", 6.0), ("chemische_peeling", 3.0), ("injectables", 1.0)])
def test_aftercare_that_restates_the_verdict_is_not_said_after_it(make_tracker, run, procedure, days) -> None:
    """"ik had 3 dagen geleden een peeling": the wait once, not "masseer niet in de herstelperiode" after it."""
    restating = concern_data()["huidzorgen"]["na_peeling"]["nazorg"][procedure][0]["tekst"]
    tracker = make_tracker("een paar dagen geleden", "inform", slots={
        "behandeling": procedure, "dagen_sinds_behandeling": days, "huidzorg": "na_peeling"})
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert len(said) == 1 and restating not in said and "behandel" in said[0], said
    unknown = make_tracker("ik had een " + procedure.replace("_", " "), "na_peeling", slots={"behandeling": procedure})
    assert restating in texts(run(ActionConcernAdvice(), unknown)[0])  # no verdict yet: the aftercare says it


def test_a_treatment_asked_during_the_recovery_gets_the_verdict_without_saying_the_recovery_twice(
        make_tracker, run) -> None:
    text = "hoelang na een laser mag je weer gua sha doen"
    tracker = make_tracker(text, "na_peeling", [entity(text, "gua sha", "behandeling", "gua_sha")], slots={
        "behandeling": "laser", "gevraagde_behandeling": "gua_sha"})
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    erkenning = concern_data()["huidzorgen"]["na_peeling"]["erkenning"]
    assert len(said) == 1 and said[0].startswith("Gua sha raad ik je") and erkenning not in said[0], said


@pytest.mark.parametrize("addition", ["ik ben 45 trouwens", "ik werk veel binnen", "oke"])
def test_an_addition_after_the_advice_gets_the_rest_not_the_same_bubbles(make_tracker, run, addition) -> None:
    first, _ = run(ActionConcernAdvice(), make_tracker("mijn huid is zo grauw", "vale_huid"))
    tracker = make_tracker(addition, "inform", slots={
        "huidzorg": "vale_huid", "open_vraag": "vervolg:vale_huid", "advies_gegeven": ["vale_huid:gezichtsmassage"]})
    dispatcher, events = run(ActionConcernAdvice(), tracker)
    assert not set(texts(first)) & set(texts(dispatcher))  # nothing said twice, the question neither
    assert slot_events(events)["open_vraag"] == "huidcheck_aanbod"
    tracker = make_tracker(addition, "inform", slots={
        "huidzorg": "vale_huid", "advies_gegeven": ["vale_huid:gezichtsmassage", "vale_huid:meer"]})
    dispatcher, _ = run(ActionConcernAdvice(), tracker)
    assert texts(dispatcher)[0].startswith(concern_data()["alles_gezegd"])


def test_an_addition_that_answers_the_open_question_gets_its_answer(make_tracker, run) -> None:
    tracker = make_tracker("en alles voelt zo strak aan", "inform", slots={
        "huidzorg": "vale_huid", "open_vraag": "vervolg:vale_huid", "advies_gegeven": ["vale_huid:gezichtsmassage"]})
    dispatcher, _ = run(ActionConcernAdvice(), tracker)
    said = texts(dispatcher)
    assert said[0] == concern_data()["huidzorgen"]["vale_huid"]["vervolg"]["ja"][0]["tekst"]
    assert concern_data()["huidzorgen"]["vale_huid"]["helpt"][0]["tekst"] not in said


@pytest.mark.parametrize(("message", "intent", "open_question"), [
    ("die puisten zijn trouwens niet ontstoken", "acne", None),  # a question about microneedling came between
    ("ontstoken zijn ze gelukkig niet", "inform", "huidcheck_aanbod"),
    ("nee hoor ze zijn niet ontstoken", "acne", "vervolg:acne"),  # the concern's own intent
])
def test_a_later_answer_to_the_follow_up_still_gets_its_answer(make_tracker, run, message, intent,
                                                               open_question) -> None:
    slots = {"huidzorg": "acne", "open_vraag": open_question,
             "advies_gegeven": ["acne:lymfedrainage", "microneedling_info:microneedling.littekens"]}
    said = texts(run(ActionConcernAdvice(), make_tracker(message, intent, slots=slots))[0])
    assert said[0] == concern_data()["huidzorgen"]["acne"]["vervolg"]["nee"][0]["tekst"], said


def test_a_follow_up_answered_before_is_not_answered_again(make_tracker, run) -> None:
    tracker = make_tracker("ze zijn echt niet ontstoken", "acne", slots={
        "huidzorg": "acne", "advies_gegeven": ["acne:lymfedrainage"]})
    tracker.events = [{"event": "slot", "name": "genoemde_feiten", "value": ["acne.vervolg.nee"]}, *tracker.events]
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert concern_data()["huidzorgen"]["acne"]["vervolg"]["nee"][0]["tekst"] not in said, said


def test_yes_to_the_follow_up_gives_the_yes_answer_and_offers_the_check(make_tracker, run) -> None:
    tracker = make_tracker("ja", "affirm", slots={"open_vraag": "vervolg:wallen"})
    dispatcher, events = run(ActionFollowupAnswer(), tracker)
    data = concern_data()
    said = texts(dispatcher)
    assert data["huidzorgen"]["wallen"]["vervolg"]["ja"][0]["tekst"] in said
    assert said[-1] == data["huidcheck_aanbod"]["vraag"]
    assert slot_events(events)["open_vraag"] == "huidcheck_aanbod"


@pytest.mark.parametrize("text, intent", [("ja graag", "affirm"), ("doe maar", "affirm"), ("nee hoor", "deny")])
def test_an_answer_to_the_check_offer_is_not_met_with_the_offer_again(make_tracker, run, text, intent) -> None:
    """The offer came with the advice (action_huidadvies), so the yes/no reaches this action."""
    tracker = make_tracker(text, intent, slots={"open_vraag": "huidcheck_aanbod", "huidzorg": "stress"})
    dispatcher, events = run(ActionFollowupAnswer(), tracker)
    assert concern_data()["huidcheck_aanbod"]["vraag"] not in texts(dispatcher)
    assert slot_events(events)["open_vraag"] is None
    started = [e for e in events if e.get("event") == "followup"]
    if intent == "affirm":
        assert [e["name"] for e in started] == ["huidcheck_form"] and not dispatcher.messages
    else:
        assert not started and [m.get("response") for m in dispatcher.messages] == ["utter_iets_anders"]


def test_knowledge_answer_about_microneedling_in_reset_phase_advises_nothing(make_tracker, run) -> None:
    text = "wat is microneedling"
    tracker = make_tracker(text, "microneedling_info", [entity(text, "microneedling", "behandeling")],
                           slots={"fase": "reset", "gevraagde_behandeling": "microneedling"})
    dispatcher, events = run(ActionKnowledgeAnswer(), tracker)
    said = texts(dispatcher)
    answer = load_knowledge().question("microneedling.wat_is")
    assert len(said) == 2 and answer is not None
    assert answer.label in said[0]  # it acknowledges the question ...
    assert answer.antwoord not in said  # ... but tells nothing that reads as a go-ahead
    assert "intensief_buiten_fase" in " ".join(slot_events(events)["genoemde_feiten"])


def test_product_advice_is_adapted_to_the_skin_type(make_tracker, run) -> None:
    dispatcher, events = run(ActionKnowledgeAnswer(),
                             make_tracker("welke olie", "producten_advies", slots={"huidtype": "droog"}))
    assert texts(dispatcher)[0] == load_knowledge().question("producten.droog").antwoord  # type: ignore[union-attr]
    assert slot_events(events)["genoemde_feiten"][0] == "producten.droog"


def test_a_button_asks_for_one_answer_by_its_id(make_tracker, run) -> None:
    payload_entity = {"entity": "kennis_id", "value": "microneedling.herstel"}
    tracker = make_tracker('/microneedling_info{"kennis_id": "microneedling.herstel"}', "microneedling_info",
                           [payload_entity], slots={"fase": "repair"})
    dispatcher, events = run(ActionKnowledgeAnswer(), tracker)
    assert texts(dispatcher) == [load_knowledge().question("microneedling.herstel").antwoord]  # type: ignore[union-attr]
    assert slot_events(events)["genoemde_feiten"] == ["microneedling.herstel"]
    assert dispatcher.messages[-1]["buttons"]


def test_the_question_text_picks_the_answer(make_tracker, run) -> None:
    text = "hoe lang blijft mijn huid rood na microneedling?"
    dispatcher, events = run(ActionKnowledgeAnswer(), make_tracker(text, "microneedling_info", slots={"fase": "repair"}))
    assert slot_events(events)["genoemde_feiten"][0] == "microneedling.herstel"
    assert len(texts(dispatcher)) <= 3


def test_blood_thinners_block_the_microneedling_answer_in_two_bubbles(make_tracker, run) -> None:
    text = "hoeveel sessies microneedling heb ik nodig"
    tracker = make_tracker(text, "microneedling_info", slots={"medicatie": ["bloedverdunners"], "fase": "repair"})
    dispatcher, events = run(ActionKnowledgeAnswer(), tracker)
    said = texts(dispatcher)
    assert len(said) == 2 and "huisarts" in said[1]
    assert "contra_indicatie.bloedverdunners" in slot_events(events)["genoemde_feiten"]


@pytest.mark.parametrize("message, response", [
    ("", "utter_leeg_bericht"), ("   ", "utter_leeg_bericht"),
    ("😩🙏", "utter_geen_tekst"), ("x" * 1500, "utter_te_lang_bericht"),
])
def test_fallback_answers_bad_input_kindly(make_tracker, run, message, response) -> None:
    dispatcher, _ = run(ActionDefaultAskAffirmation(), make_tracker(message, "nlu_fallback"))
    assert dispatcher.messages[0]["response"] == response


def test_fallback_trusts_the_guard_about_a_message_that_was_shortened(make_tracker, run) -> None:
    tracker = make_tracker("x" * 1000, "nlu_fallback")
    tracker.latest_message["huidbot_input_kind"] = "te_lang"
    dispatcher, _ = run(ActionDefaultAskAffirmation(), tracker)
    assert dispatcher.messages[0]["response"] == "utter_te_lang_bericht"


@pytest.mark.parametrize(("message", "slots", "expected"), [
    ("mag ik vanavond mijn gezicht masseren", {"behandeling": "injectables", "dagen_sinds_behandeling": 1.0},
     "13 dagen"),
    ("kan ik morgen naar mijn gezichtsbehandeling", {"aandoeningen": ["actieve_infectie"]}, "op dit moment af"),
    ("en masseren dan?", {"medicatie": ["bloedverdunners"]}, "huisarts"),
])
def test_an_unsure_question_about_a_restricted_treatment_gets_the_verdict(make_tracker, run, message, slots,
                                                                           expected) -> None:
    slots_given = dict(slots)
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "frequentie_duur", "confidence": 0.3}]
    dispatcher, events = run(ActionDefaultAskAffirmation(), make_tracker(message, "nlu_fallback", slots=slots,
                                                                         ranking=ranking))
    said = " ".join(texts(dispatcher))
    assert expected in said, said
    assert not dispatcher.messages[0]["buttons"]  # an answer, not the question what she means
    # answered: the unsure message leaves the dialogue state as with Rasa's own fallback (a next
    # unsure message is then not "two in a row"), and what is known about her is set again after it
    assert events[0]["event"] == "rewind"
    slots = slot_events(events)
    assert slots["advies_gegeven"] and all(slots[name] == value for name, value in slots_given.items())


def test_an_unsure_message_naming_a_treatment_with_nothing_known_is_still_asked_about(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "frequentie_duur", "confidence": 0.3}]
    dispatcher, _ = run(ActionDefaultAskAffirmation(), make_tracker("masseren 's avonds of 's ochtends",
                                                                    "nlu_fallback", ranking=ranking))
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]][0] == "/frequentie_duur"


def test_an_unsure_question_whether_a_treatment_may_gets_the_verdict(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "na_peeling", "confidence": 0.3}]
    dispatcher, events = run(ActionDefaultAskAffirmation(), make_tracker("mag ik eigenlijk al masseren?",
                                                                         "nlu_fallback", ranking=ranking))
    assert "geen bezwaar tegen een gezichtsmassage" in texts(dispatcher)[0] and not dispatcher.messages[0]["buttons"]
    assert events[0]["event"] == "rewind"  # closed as answered: a next unsure message is not "two in a row"


def test_an_addition_telling_a_treatment_she_had_gets_the_aftercare_not_the_help_text(make_tracker, run) -> None:
    tracker = make_tracker("ben vorige week nog gelaserd", "inform",
                           slots={"behandeling": "laser", "dagen_sinds_behandeling": 7.0})
    dispatcher, events = run(ActionConcernAdvice(), tracker)
    said = " ".join(texts(dispatcher))
    assert "7 dagen" in said and "laserbehandeling" in said, said
    assert slot_events(events)["huidzorg"] == "na_peeling"


def test_an_addition_naming_a_treatment_without_a_concern_gets_its_verdict(make_tracker, run) -> None:
    text = "en gua sha thuis?"
    tracker = make_tracker(text, "inform", entities=[entity(text, "gua sha", "behandeling", "gua_sha")],
                           slots={"medicatie": ["bloedverdunners"], "gevraagde_behandeling": "gua_sha"})
    dispatcher, _ = run(ActionConcernAdvice(), tracker)
    said = " ".join(texts(dispatcher))
    assert "huisarts" in said and "gua sha" in said.lower()


def test_fallback_offers_the_two_likeliest_meanings(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "wallen", "confidence": 0.3},
               {"name": "affirm", "confidence": 0.1}, {"name": "stress", "confidence": 0.05},
               {"name": "acne", "confidence": 0.04}]
    dispatcher, _ = run(ActionDefaultAskAffirmation(), make_tracker("tja, zo gaat het al weken", "nlu_fallback", ranking=ranking))
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/wallen", "/stress", "/deny"]


def test_unsure_off_topic_message_hears_first_that_the_bot_cannot_help(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.41},
               {"name": "salon_info", "confidence": 0.3}, {"name": "producten_advies", "confidence": 0.1}]
    tracker = make_tracker("wat kost een nieuwe winterjas", "nlu_fallback", ranking=ranking)
    dispatcher, _ = run(ActionDefaultAskAffirmation(), tracker)
    message = dispatcher.messages[0]
    assert "niet mee helpen" in message["text"]
    # a skin or salon question the NLU misread is still one button away
    assert [b["payload"] for b in message["buttons"]] == ["/salon_info", "/producten_advies", "/deny"]


def test_unsure_skin_message_is_not_told_the_bot_cannot_help(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "vale_huid", "confidence": 0.4},
               {"name": "out_of_scope", "confidence": 0.35}, {"name": "stress", "confidence": 0.1}]
    dispatcher, _ = run(ActionDefaultAskAffirmation(), make_tracker("nou ja, zo gaat het al een tijdje", "nlu_fallback", ranking=ranking))
    message = dispatcher.messages[0]
    assert "niet mee helpen" not in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/vale_huid", "/stress", "/deny"]


def _after(tracker, previous_text: str, previous_entities: list[dict]):
    """The tracker with a previous user message before the latest one."""
    tracker.events = [
        {"event": "user", "text": previous_text, "parse_data": {"entities": previous_entities}},
        {"event": "user", "text": tracker.latest_message["text"], "parse_data": tracker.latest_message},
    ]
    return tracker


@pytest.mark.parametrize(("before", "message", "expected"), [
    ("hoeveel vragen jullie voor microneedling", "en hoelang duurt zoiets?", "microneedling.duur"),
    ("helpt microneedling tegen putjes van acne", "hoeveel sessies heb ik dan nodig?", "microneedling.aantal"),
])
def test_a_follow_up_that_refers_back_is_about_the_treatment_just_asked(make_tracker, run, before, message,
                                                                         expected) -> None:
    earlier = [entity(before, "microneedling", "behandeling")]
    tracker = _after(make_tracker(message, "frequentie_duur", slots={"gevraagde_behandeling": "microneedling"}),
                     before, earlier)
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said[0] == load_knowledge().question(expected).antwoord, said


def test_without_a_treatment_in_the_previous_message_the_follow_up_keeps_its_own_topic(make_tracker, run) -> None:
    tracker = _after(make_tracker("en hoelang duurt zoiets?", "frequentie_duur",
                                  slots={"gevraagde_behandeling": "microneedling"}), "dank je", [])
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert "microneedling" not in " ".join(said).lower(), said


def test_what_can_i_do_myself_right_after_advice_is_more_of_that_advice(make_tracker, run) -> None:
    from actions.help import ActionHelp
    slots = {"huidzorg": "acne", "open_vraag": "vervolg:acne", "advies_gegeven": ["acne:lymfedrainage"]}
    dispatcher, events = run(ActionHelp(), make_tracker("en wat kan ik er zelf aan doen?", "help", slots=slots))
    said = " ".join(texts(dispatcher))
    first = concern_data()["huidzorgen"]["acne"]["helpt"][0]["tekst"]
    assert said and first not in said, said  # the rest, not the start again
    assert concern_data()["huidzorgen"]["acne"]["vermijden"][0]["tekst"] in said, said
    assert slot_events(events)["huidzorg"] == "acne"


@pytest.mark.parametrize(("message", "slots"), [
    ("wat kan jij allemaal?", {"huidzorg": "acne"}),  # asks what the bot does
    ("wat kan ik zelf doen?", {}),  # no advice given yet
])
def test_help_otherwise_says_what_huidbot_can_do(make_tracker, run, message, slots) -> None:
    from actions.help import ActionHelp
    dispatcher, events = run(ActionHelp(), make_tracker(message, "help", slots=slots))
    assert dispatcher.messages == [{"response": "utter_help", **{k: v for k, v in dispatcher.messages[0].items()
                                                                  if k != "response"}}] and events == []


def test_an_unsure_message_telling_a_skin_type_gets_the_advice_for_it(make_tracker, run) -> None:
    text = "mijn huid is echt heel droog"
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "roodheid_gevoeligheid", "confidence": 0.3}]
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "droog", "huidtype")], ranking=ranking)
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    assert texts(dispatcher)[0] == load_knowledge().question("producten.droog").antwoord
    assert events[0]["event"] == "rewind"


def test_a_skin_type_told_with_no_concern_gets_the_advice_for_it_not_the_help_text(make_tracker, run) -> None:
    text = "ik heb nogal een vette huid"
    dispatcher, _ = run(ActionConcernAdvice(), make_tracker(text, "inform", [entity(text, "vette", "huidtype", "vet")]))
    assert texts(dispatcher)[0] == load_knowledge().question("producten.vet").antwoord


def test_what_do_you_advise_after_a_skin_type_gets_the_advice_for_it(make_tracker, run) -> None:
    from actions.help import ActionHelp
    dispatcher, _ = run(ActionHelp(), make_tracker("wat raad je me aan?", "help", slots={"huidtype": "gevoelig"}))
    assert texts(dispatcher)[0] == load_knowledge().question("producten.gevoelig").antwoord


def _unsure(make_tracker, message: str, likeliest: str, said: list[str]):
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": likeliest, "confidence": 0.3},
               {"name": "huid_info", "confidence": 0.1}]
    tracker = make_tracker(message, "nlu_fallback", ranking=ranking,
                           slots={"gevraagde_behandeling": "microneedling", "genoemde_feiten": said})
    return _after(tracker, "hoe werkt microneedling precies", [])


def test_an_unsure_follow_up_pointing_back_to_the_last_answer_gets_its_answer(make_tracker, run) -> None:
    tracker = _unsure(make_tracker, "en voel je dat erg?", "stress", ["microneedling.werking"])
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    said = texts(dispatcher)
    assert said[0] == load_knowledge().question("microneedling.pijn").antwoord, said
    assert events[0]["event"] == "rewind"  # answered from the context, not asked "bedoel je…?"


def test_an_unsure_follow_up_that_is_likelier_off_topic_is_still_asked_about(make_tracker, run) -> None:
    tracker = _unsure(make_tracker, "is dat duur?", "out_of_scope", ["microneedling.werking"])
    dispatcher, _ = run(ActionDefaultAskAffirmation(), tracker)
    message = dispatcher.messages[0]  # "bedoel je…?" with buttons, not how long microneedling takes
    assert message["buttons"][-1]["payload"] == "/deny", message
    assert message["text"] != load_knowledge().question("microneedling.duur").antwoord


def test_an_unsure_follow_up_that_is_likelier_a_price_gets_the_price_not_the_duration(make_tracker, run) -> None:
    tracker = _unsure(make_tracker, "is dat duur?", "salon_info", ["microneedling.werking"])
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said[0] == salon.answer("is dat duur?", treatment="microneedling").bubbles[0], said
    assert said[0] != load_knowledge().question("microneedling.duur").antwoord


@pytest.mark.parametrize("message", ["en wat kan ik het beste gebruiken?", "wat moet ik er dan op smeren"])
def test_what_to_use_right_after_advice_is_more_of_that_advice(make_tracker, run, message) -> None:
    from actions.help import ActionHelp
    slots = {"huidzorg": "roodheid_gevoeligheid", "advies_gegeven": ["roodheid_gevoeligheid:gezichtsmassage"]}
    dispatcher, _ = run(ActionHelp(), make_tracker(message, "help", slots=slots))
    assert dispatcher.messages and dispatcher.messages[0].get("response") != "utter_help", dispatcher.messages
    assert texts(dispatcher), dispatcher.messages


def test_unsure_between_two_skin_concerns_gets_the_advice_for_the_likeliest(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "stress", "confidence": 0.45},
               {"name": "acne", "confidence": 0.4}, {"name": "help", "confidence": 0.05}]
    text = "druk druk druk op mijn werk en nu ook nog bultjes bij mijn kin"
    dispatcher, events = run(ActionDefaultAskAffirmation(), make_tracker(text, "nlu_fallback", ranking=ranking))
    said = texts(dispatcher)
    assert said[0] == concern_data()["huidzorgen"]["stress"]["helpt"][0]["tekst"], said
    assert events[0]["event"] == "rewind" and slot_events(events)["huidzorg"] == "stress"


def test_unsure_between_a_concern_and_something_else_is_still_asked_about(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "acne", "confidence": 0.45},
               {"name": "producten_advies", "confidence": 0.4}]
    dispatcher, _ = run(ActionDefaultAskAffirmation(), make_tracker("bultjes en welke crème", "nlu_fallback",
                                                                    ranking=ranking))
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/acne", "/producten_advies", "/deny"]


def test_unsure_but_naming_the_likeliest_concerns_own_signal_gets_its_advice(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "lijntjes_littekens", "confidence": 0.45},
               {"name": "medische_situatie", "confidence": 0.4}]
    text = "mijn huid is droog en ik zie kraaienpootjes, ik ben 51"
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "kraaienpootjes", "signaal", "fijne_lijntjes")],
                           ranking=ranking)
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    assert slot_events(events).get("huidzorg") == "lijntjes_littekens", dispatcher.messages
    assert texts(dispatcher)[0] == concern_data()["huidzorgen"]["lijntjes_littekens"]["helpt"][0]["tekst"]


def test_unsure_safety_question_right_after_a_treatment_answer_gets_the_verdict(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "goodbye", "confidence": 0.3}]
    tracker = make_tracker("en is het gevaarlijk?", "nlu_fallback", ranking=ranking,
                           slots={"genoemde_feiten": ["microneedling.pijn"], "medicatie": ["bloedverdunners"]})
    dispatcher, _ = run(ActionDefaultAskAffirmation(), _after(tracker, "doet microneedling pijn", []))
    said = texts(dispatcher)
    assert "huisarts" in said[0] and "microneedling" in said[0].lower(), said


def test_an_unsure_answer_to_the_advices_own_question_gets_its_answer_not_a_question(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "ingredient_info", "confidence": 0.3},
               {"name": "roodheid_gevoeligheid", "confidence": 0.25}]
    slots = {"huidzorg": "roodheid_gevoeligheid", "open_vraag": "vervolg:roodheid_gevoeligheid",
             "advies_gegeven": ["roodheid_gevoeligheid:gezichtsmassage"]}
    tracker = make_tracker("ja, en het brandt soms ook", "nlu_fallback", ranking=ranking, slots=slots)
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    said = texts(dispatcher)
    assert said[0] == concern_data()["huidzorgen"]["roodheid_gevoeligheid"]["vervolg"]["ja"][0]["tekst"], said
    assert events[0]["event"] == "rewind"  # closed as answered: the unsure message is no "two in a row"


def test_a_bare_signal_with_no_concern_yet_gets_that_concerns_advice(make_tracker, run) -> None:
    text = "vooral bultjes rond mijn mond"
    tracker = make_tracker(text, "inform", [entity(text, "bultjes", "signaal", "puistjes")])
    dispatcher, events = run(ActionConcernAdvice(), tracker)
    assert slot_events(events)["huidzorg"] == "acne", dispatcher.messages
    assert texts(dispatcher)[0] == concern_data()["huidzorgen"]["acne"]["helpt"][0]["tekst"]


def test_what_can_i_do_instead_after_a_verdict_in_a_concern_is_more_of_that_advice(make_tracker, run) -> None:
    from actions.help import ActionHelp
    slots = {"huidzorg": "roodheid_gevoeligheid", "gevraagde_behandeling": "microneedling",
             "advies_gegeven": ["roodheid_gevoeligheid:gezichtsmassage", "veiligheid:microneedling:niet_nu"]}
    dispatcher, _ = run(ActionHelp(), make_tracker("oke, wat kan ik dan wel doen?", "help", slots=slots))
    assert dispatcher.messages and dispatcher.messages[0].get("response") != "utter_help", dispatcher.messages


@pytest.mark.parametrize(("text", "intent", "word"), [
    ("ik ben 31 en heb nog geen rimpels, moet ik nu al iets doen?", "lijntjes_littekens", "rimpels"),
    ("ik wil geen puistjes krijgen, wat kan ik doen", "acne", "puistjes"),
])
def test_a_concern_whose_signals_she_denies_gets_the_advice_for_keeping_the_skin_good(
        make_tracker, run, text, intent, word) -> None:
    signal = "rimpels" if word == "rimpels" else "puistjes"
    said = texts(run(ActionConcernAdvice(), make_tracker(text, intent, [entity(text, word, "signaal", signal)]))[0])
    assert said[0] == concern_data()["huidzorgen"]["onderhoud"]["helpt"][0]["tekst"], said


def test_a_concern_she_names_is_still_hers(make_tracker, run) -> None:
    text = "ik heb steeds meer rimpels rond mijn ogen"
    said = texts(run(ActionConcernAdvice(), make_tracker(text, "lijntjes_littekens",
                                                         [entity(text, "rimpels", "signaal")]))[0])
    assert said[0] == concern_data()["huidzorgen"]["lijntjes_littekens"]["helpt"][0]["tekst"], said


def test_denying_a_signal_of_the_concern_under_discussion_answers_its_question(make_tracker, run) -> None:
    text = "ik heb geen ontstoken puisten hoor"
    tracker = make_tracker(text, "acne", [entity(text, "puisten", "signaal", "puistjes")], slots={
        "huidzorg": "acne", "open_vraag": "vervolg:acne", "advies_gegeven": ["acne:lymfedrainage"]})
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    assert said[0] == concern_data()["huidzorgen"]["acne"]["vervolg"]["nee"][0]["tekst"], said


def test_an_unsure_message_denying_the_likeliest_concern_gets_the_advice_for_keeping_the_skin_good(
        make_tracker, run) -> None:
    text = "heb echt nog geen rimpels hoor, moet ik toch al iets doen"
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "lijntjes_littekens", "confidence": 0.45},
               {"name": "vale_huid", "confidence": 0.2}]
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "rimpels", "signaal")], ranking=ranking)
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0] == concern_data()["huidzorgen"]["onderhoud"]["helpt"][0]["tekst"], said


@pytest.mark.parametrize(("word", "value"), [("lymfedrainage", "lymfedrainage"), ("gua sha", "gua_sha")])
def test_a_treatment_asked_during_aftercare_gets_its_own_verdict(make_tracker, run, word, value) -> None:
    text = f"mag ik nu {word}?"
    tracker = make_tracker(text, "na_peeling", [entity(text, word, "behandeling", value)], slots={
        "behandeling": "injectables", "dagen_sinds_behandeling": 14.0, "huidzorg": "na_peeling",
        "gevraagde_behandeling": value})
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    label = load_knowledge().teksten.verzoek_labels[value]
    assert said and label.lower() in said[0].lower() and "gezichtsmassage" not in said[0].lower(), said


def test_a_friends_recent_procedure_gets_its_aftercare_in_general_not_a_question_which_she_had(make_tracker, run) -> None:
    text = "mijn zus heeft eergisteren microneedling gehad, mag zij al sporten?"
    tracker = make_tracker(text, "na_peeling", [entity(text, "microneedling", "behandeling")])
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    joined = " ".join(said)
    assert said[0].startswith(load_knowledge().teksten.voor_een_ander), said
    assert "Welke behandeling heb je gehad?" not in joined and "microneedling" in joined.lower(), said


GREET_OR_THANK = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "greet", "confidence": 0.2},
                  {"name": "thank", "confidence": 0.1}]


@pytest.mark.parametrize(("message", "unreadable"), [
    ("asdfghjkl", True), ("qwp zzkrt!", True), ("sdfsdf sdf??", True), ("blablabla", True),
    ("hmm zwaar", False), ("xareltoo??", False), ("dermaroller", False), ("brrr koud", False),  # a word it knows
])
def test_fallback_asks_for_words_only_when_it_reads_none(make_tracker, run, message, unreadable) -> None:
    dispatcher, _ = run(ActionDefaultAskAffirmation(), make_tracker(message, "nlu_fallback", ranking=GREET_OR_THANK))
    assert ([m.get("response") for m in dispatcher.messages] == ["utter_niet_leesbaar"]) is unreadable


def test_fallback_offers_meanings_when_the_nlu_found_an_entity(make_tracker, run) -> None:
    """"plavics": the NLU's spelling-tolerant lexicon reads a blood thinner the word list does not know."""
    tracker = make_tracker("plavics", "nlu_fallback", [entity("plavics", "plavics", "medicatie", "bloedverdunners")])
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.5},
                                                {"name": "medische_situatie", "confidence": 0.3}]
    dispatcher, _ = run(ActionDefaultAskAffirmation(), tracker)
    assert "utter_niet_leesbaar" not in [m.get("response") for m in dispatcher.messages]


def test_an_unsure_where_to_buy_after_an_oil_is_no_price_of_a_massage(make_tracker, run) -> None:
    tracker = _unsure(make_tracker, "en waar haal ik die dan?", "salon_info", ["producten.rijp"])
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert not any("€" in t for t in said), said


def test_an_unsure_salon_question_read_as_likely_a_goodbye_is_answered_as_the_salon(make_tracker, run) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "goodbye", "confidence": 0.3},
               {"name": "afspraak_maken", "confidence": 0.2}]
    said = " ".join(texts(run(ActionDefaultAskAffirmation(), make_tracker("kan ik zaterdagmiddag nog langskomen?",
                                                                          "nlu_fallback", ranking=ranking))[0]))
    assert "zaterdag" in said.lower() and "bedoel je" not in said.lower(), said
    off_topic = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "salon_info", "confidence": 0.3},
                 {"name": "out_of_scope", "confidence": 0.2}]
    price = " ".join(texts(run(ActionDefaultAskAffirmation(), make_tracker("wat kost een brood", "nlu_fallback",
                                                                           ranking=off_topic))[0]))
    assert "€" not in price, price


@pytest.mark.parametrize(("message", "intent"), [
    ("al een week of drie", "inform"),
    ("ik heb er al maanden last van", "nlu_fallback"),
])
def test_how_long_it_lasts_after_the_advice_is_taken_not_met_with_the_help_text(make_tracker, run, message,
                                                                                  intent) -> None:
    slots = {"huidzorg": "wallen", "open_vraag": "vervolg:wallen", "advies_gegeven": ["wallen:lymfedrainage"]}
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "inform", "confidence": 0.45}]
    action = ActionDefaultAskAffirmation() if intent == "nlu_fallback" else ActionConcernAdvice()
    dispatcher, _ = run(action, make_tracker(message, intent, slots=slots, ranking=ranking))
    said = texts(dispatcher)
    durations = concern_data()["klachtduur"]
    lead = durations["lang"]["tekst"] if "maanden" in message else durations["kort"]
    assert said and said[0].startswith(lead) and len(said) <= 3, said
    assert not any(m.get("response") == "utter_help" for m in dispatcher.messages)


def test_how_long_a_dry_skin_lasts_gets_the_skin_check_offer(make_tracker, run) -> None:
    tracker = make_tracker("sinds een paar weken", "inform", slots={"huidtype": "droog"})
    dispatcher, events = run(ActionConcernAdvice(), tracker)
    assert texts(dispatcher) == [f"{concern_data()['klachtduur']['kort']} {concern_data()['huidcheck_aanbod']['vraag']}"]
    assert slot_events(events)["open_vraag"] == "huidcheck_aanbod"


def test_a_dry_skin_told_in_everyday_words_is_kept_and_its_tips_are_not_repeated(make_tracker, run) -> None:
    from actions.help import ActionHelp
    first_text = "ik heb van die schrale plekjes op mijn wangen"
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "inform", "confidence": 0.3}]
    dispatcher, events = run(ActionDefaultAskAffirmation(), make_tracker(first_text, "nlu_fallback", ranking=ranking))
    dry = load_knowledge().question("producten.droog")
    assert texts(dispatcher)[0] == dry.antwoord and slot_events(events)["huidtype"] == "droog"
    said = {"event": "slot", "name": "genoemde_feiten", "value": [dry.id]}
    # "het schuurt ook": more of the same, not the same tips again
    tracker = make_tracker("het voelt ook ruw aan", "nlu_fallback", slots={"huidtype": "droog"}, ranking=ranking)
    tracker.events = [said]
    again = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert again and dry.antwoord not in again and again[0].startswith(concern_data()["alles_gezegd"]), again
    # "wat kan ik er zelf aan doen?" knows the dry skin too: not the help text
    tracker = make_tracker("wat kan ik er zelf nog aan doen?", "help", slots={"huidtype": "droog"})
    tracker.events = [said]
    dispatcher, events = run(ActionHelp(), tracker)
    assert texts(dispatcher) and not any(m.get("response") == "utter_help" for m in dispatcher.messages)
    assert slot_events(events)["open_vraag"] == "huidcheck_aanbod"  # so that "ja" starts the check


def test_yes_to_the_check_offered_by_any_answer_starts_the_check_and_a_bare_yes_gets_the_open_question(
        make_tracker, run) -> None:
    from tests.actions.conftest import user_event, with_turns
    offered = with_turns(make_tracker("ja hoor", "affirm", slots={"open_vraag": "huidcheck_aanbod"}),
                         (user_event("wat kan ik er zelf aan doen?", "help"), ["action_help"]))
    _, events = run(ActionFollowupAnswer(), offered)
    assert [e["name"] for e in events if e.get("event") == "followup"] == ["huidcheck_form"]
    declined = with_turns(make_tracker("nee hoor", "deny", slots={"open_vraag": "huidcheck_aanbod"}),
                          (user_event("wat kan ik er zelf aan doen?", "help"), ["action_help"]))
    dispatcher, _ = run(ActionFollowupAnswer(), declined)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_iets_anders"]
    bare = with_turns(make_tracker("ja", "affirm"), (user_event("hallo", "greet"), ["action_groet"]))
    dispatcher, events = run(ActionFollowupAnswer(), bare)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_iets_anders"]
    assert not any(e.get("event") == "followup" for e in events)


@pytest.mark.parametrize(("concern", "question", "intent"), [
    ("acne", "komt dat door mijn hormonen?", "huid_info"),
    ("wallen", "kan dat komen door te veel zout eten?", "huid_info"),
    ("vale_huid", "ligt dat aan mijn slechte slaap?", "stress"),
])
def test_a_cause_asked_right_after_the_advice_gets_the_sources_cause_whatever_the_intent(
        make_tracker, run, concern, question, intent) -> None:
    from tests.actions.conftest import user_event, with_turns
    tracker = with_turns(make_tracker(question, intent, slots={"huidzorg": concern}),
                         (user_event("ik heb er last van", concern), ["action_huidadvies"]))
    action = ActionKnowledgeAnswer() if intent == "huid_info" else ActionConcernAdvice()
    said = texts(run(action, tracker)[0])
    cause = concern_data()["huidzorgen"][concern]["oorzaak"]["tekst"]
    assert said and said[0].startswith(cause), said


@pytest.mark.parametrize(("text", "concern", "treatment"), [
    ("kan ik bij jullie terecht voor een behandeling tegen acnelittekens?", "lijntjes_littekens", "microneedling"),
    ("doen jullie iets tegen wallen", "wallen", "lymfedrainage"),
    ("hebben jullie een behandeling voor een doffe huid?", "vale_huid", "gezichtsmassage"),
])
def test_whether_the_salon_treats_a_complaint_gets_its_treatment_price_and_verdict(make_tracker, run, text, concern,
                                                                                  treatment) -> None:
    from bot.replies.gate import safety_gate
    from bot.rules.safety import Facts
    said = texts(run(ActionConcernAdvice(), make_tracker(text, concern))[0])
    price = salon.answer(topic="prijzen", treatment=treatment).bubbles[0]
    assert len(said) == 2 and price in said[0], said
    assert said[1] == safety_gate(Facts(), treatment).text
    # with blood thinners the verdict on that treatment says so (safety on every path)
    slots = {"medicatie": ["bloedverdunners"]}
    said = texts(run(ActionConcernAdvice(), make_tracker(text, concern, slots=slots))[0])
    assert "huisarts" in said[1], said


def test_a_complaint_without_asking_for_the_salon_gets_the_advice(make_tracker, run) -> None:
    said = texts(run(ActionConcernAdvice(), make_tracker("ik heb last van acnelittekens", "lijntjes_littekens"))[0])
    assert said[0] == concern_data()["huidzorgen"]["lijntjes_littekens"]["helpt"][0]["tekst"], said


@pytest.mark.parametrize(("text", "ranking", "slots", "treatment"), [
    ("doen jullie ook iets tegen puistjes?", ["acne", "salon_info"], {}, "lymfedrainage"),
    ("kan ik daarvoor bij jullie terecht?", ["salon_info", "afspraak_maken"],
     {"huidzorg": "lijntjes_littekens", "advies_gegeven": ["lijntjes_littekens:microneedling"]}, "microneedling"),
])
def test_an_unsure_question_whether_the_salon_treats_it_gets_what_the_salon_offers(make_tracker, run, text, ranking,
                                                                                  slots, treatment) -> None:
    from tests.actions.conftest import user_event, with_turns
    tracker = with_turns(make_tracker(text, "nlu_fallback", slots=slots, ranking=[
        {"name": "nlu_fallback", "confidence": 0.5}, *({"name": r, "confidence": 0.3} for r in ranking)]),
        (user_event("ik heb er last van", "inform"), ["action_huidadvies"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and salon.answer(topic="prijzen", treatment=treatment).bubbles[0] in said[0], said


def test_what_to_do_asked_as_help_right_after_a_phase_answer_gets_that_answer_in_full(make_tracker, run) -> None:
    from actions.help import ActionHelp
    tracker = make_tracker("oke en wat moet ik nu doen", "help", slots={"genoemde_feiten": ["fasewiel.activate"]})
    dispatcher, _ = run(ActionHelp(), tracker)
    said = texts(dispatcher)
    assert said and load_knowledge().question("fasewiel.activate").antwoord not in said, said  # not the same again
    assert not any(m.get("response") == "utter_help" for m in dispatcher.messages)


def test_a_skin_that_is_sometimes_oily_and_sometimes_dry_gets_the_combination_advice(make_tracker, run) -> None:
    text = "mijn t-zone is vet maar mijn wangen zijn juist droog"
    tracker = make_tracker(text, "inform", [entity(text, "vet", "huidtype"), entity(text, "droog", "huidtype")])
    dispatcher, events = run(ActionConcernAdvice(), tracker)
    assert texts(dispatcher)[0] == load_knowledge().question("producten.normaal").antwoord  # the sources' mixed skin
    assert slot_events(events)["huidtype"] == "gemengd"


def test_a_skin_that_only_feels_tight_is_asked_whether_it_is_dry_not_given_stress_advice(make_tracker, run) -> None:
    from bot.replies.tight_skin import TIGHT_QUESTION
    question = concern_data()[TIGHT_QUESTION]["vraag"]
    text = "na het douchen voelt mijn gezicht altijd zo strak"
    tight = [entity(text, "strak", "signaal", "spanning")]
    unsure = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "roodheid_gevoeligheid", "confidence": 0.33},
              {"name": "stress", "confidence": 0.1}]
    dispatcher, events = run(ActionDefaultAskAffirmation(), make_tracker(text, "nlu_fallback", tight, ranking=unsure))
    assert texts(dispatcher) == [question] and slot_events(events)["open_vraag"] == TIGHT_QUESTION
    dispatcher, events = run(ActionConcernAdvice(), make_tracker(text, "stress", tight))  # read as stress
    assert texts(dispatcher) == [question] and "huidzorg" not in slot_events(events)
    tense = "mijn kaken staan strak van de stress"
    dispatcher, _ = run(ActionConcernAdvice(), make_tracker(tense, "stress", [entity(tense, "strak", "signaal", "spanning")]))
    assert texts(dispatcher)[0] == concern_data()["huidzorgen"]["stress"]["helpt"][0]["tekst"]


def test_tight_and_dry_gets_the_dry_skins_advice(make_tracker, run) -> None:
    text = "mijn wangen voelen strak en droog"
    tracker = make_tracker(text, "inform", [entity(text, "strak", "signaal", "spanning"),
                                            entity(text, "droog", "huidtype")])
    dispatcher, _ = run(ActionConcernAdvice(), tracker)
    assert texts(dispatcher)[0] == load_knowledge().question("producten.droog").antwoord


@pytest.mark.parametrize(("intent", "dry"), [("affirm", True), ("deny", False)])
def test_her_answer_to_whether_her_tight_skin_is_dry(make_tracker, run, intent: str, dry: bool) -> None:
    from bot.replies.tight_skin import TIGHT_QUESTION
    tracker = make_tracker("ja" if dry else "nee hoor", intent, slots={"open_vraag": TIGHT_QUESTION})
    dispatcher, events = run(ActionFollowupAnswer(), tracker)
    said = texts(dispatcher)
    if dry:
        assert said[0] == load_knowledge().question("producten.droog").antwoord
        assert slot_events(events)["huidtype"] == "droog"  # the skin check will not ask it again
    else:
        assert said[0] == concern_data()[TIGHT_QUESTION]["nee"][0]["tekst"] and "huidtype" not in slot_events(events)


def test_a_concern_told_in_answer_to_the_tight_skin_question_does_not_ask_about_tightness(make_tracker, run) -> None:
    from bot.replies.tight_skin import TIGHT_QUESTION
    from tests.actions.conftest import user_event, with_turns
    tracker = with_turns(make_tracker("hmm eerder een beetje dof", "vale_huid", slots={"open_vraag": TIGHT_QUESTION}),
                         (user_event("mijn huid trekt", "nlu_fallback"), ["action_default_ask_affirmation"]))
    said = texts(run(ActionConcernAdvice(), tracker)[0])
    vale = concern_data()["huidzorgen"]["vale_huid"]["vervolg"]
    assert vale["vraag"] not in said and said[-1] == vale["ja"][0]["tekst"], said


def test_a_skin_that_shines_unsure_gets_the_oily_skins_advice_and_keeps_the_type(make_tracker, run) -> None:
    text = "na een paar uur glimt mijn hele gezicht"
    unsure = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "roodheid_gevoeligheid", "confidence": 0.24},
              {"name": "stress", "confidence": 0.15}]
    dispatcher, events = run(ActionDefaultAskAffirmation(), make_tracker(text, "nlu_fallback", ranking=unsure))
    assert texts(dispatcher)[0] == load_knowledge().question("producten.vet").antwoord
    assert slot_events(events)["huidtype"] == "vet"
