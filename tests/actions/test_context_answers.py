"""Follow-ups the conversation settles (issue 9, "answer the question asked"): a continuing question
after a price stays with that treatment, "doet dat zeer?" after advice naming one treatment is about
it, an unsure message naming a skin signal gets that concern's advice, a permission question with a
day gets the verdict first."""
from __future__ import annotations

from typing import Any

import pytest

from actions.concern_advice import ActionConcernAdvice
from actions.fallback import ActionDefaultAskAffirmation
from actions.knowledge_answer import ActionKnowledgeAnswer
from actions.remember_facts import ActionRememberFacts
from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionSalonInfo
from bot.knowledge import load_knowledge
from bot.replies.gate import safety_gate
from bot.replies.texts import concern_data
from bot.rules.safety import Facts
from tests.actions.conftest import entity, slot_events, texts, user_event, with_turns

K = load_knowledge()




def _unsure(*likeliest: str) -> list[dict[str, Any]]:
    return [{"name": "nlu_fallback", "confidence": 0.5}, *({"name": n, "confidence": 0.3} for n in likeliest)]


PRICE = "wat vragen jullie voor een microneedling"
ASKED_PRICE = user_event(PRICE, "salon_info", [entity(PRICE, "microneedling", "behandeling")])


def test_a_continuing_question_after_a_price_stays_with_that_treatment(make_tracker, run) -> None:
    tracker = with_turns(make_tracker("en hoeveel keer moet ik dan komen?", "frequentie_duur",
                                       slots={"gevraagde_behandeling": "microneedling"}), (ASKED_PRICE, ["action_salon_info"]))
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said[0] == K.question("microneedling.aantal").antwoord, said


def test_a_continuing_question_about_something_else_is_not_read_as_that_treatment(make_tracker, run) -> None:
    before = "wat doet microneedling met je huid"
    tracker = with_turns(
        make_tracker("en hoe vaak mag ik zelf masseren?", "frequentie_duur", slots={"gevraagde_behandeling": "microneedling",
                                                                                    "genoemde_feiten": ["microneedling.voordelen"]}),
        (user_event(before, "microneedling_info", [entity(before, "microneedling", "behandeling")]), ["action_kennis"]))
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said == [K.question("massage.hoe_vaak").antwoord], said  # no microneedling caution under it


def test_does_that_hurt_after_advice_naming_one_treatment_is_about_it(make_tracker, run) -> None:
    slots = {"huidzorg": "lijntjes_littekens", "open_vraag": "huidcheck_aanbod",
             "genoemde_feiten": ["lijntjes_littekens.helpt.2", "lijntjes_littekens.vermijden.0"]}
    tracker = with_turns(make_tracker("doet dat zeer?", "nlu_fallback", slots=slots, ranking=_unsure("stress", "huid_info")),
                          (user_event("wat kan ik tegen die littekens doen", "help"), ["action_help"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0] == K.question("microneedling.pijn").antwoord, said


def test_a_practical_question_right_after_the_recovery_gets_more_of_it_not_the_verdict(make_tracker, run) -> None:
    slots = {"gevraagde_behandeling": "microneedling", "genoemde_feiten": ["microneedling.herstel"]}
    before = "hoe lang ben je rood na microneedling"
    tracker = with_turns(make_tracker("kan ik daarna meteen weer aan het werk?", "nlu_fallback", slots=slots,
                                       ranking=_unsure("salon_info", "na_peeling")),
                          (user_event(before, "microneedling_info", [entity(before, "microneedling", "behandeling")]),
                           ["action_kennis"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and not said[0].startswith(("Microneedling kan", "Ik weet niet")), said
    assert K.question("microneedling.herstel").antwoord not in said  # not the same sentence again
    assert any("herstel" in t for t in said), said


def test_an_unsure_message_naming_a_signal_gets_that_concerns_advice(make_tracker, run) -> None:
    text = "mijn wangen zijn helemaal verbrand van het skiën"
    tracker = make_tracker(text, "nlu_fallback", ranking=_unsure("stress", "goodbye"))
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    assert slot_events(events).get("huidzorg") == "roodheid_gevoeligheid", texts(dispatcher)


def test_an_unsure_message_is_remembered_by_the_signals_it_names_only(make_tracker, run) -> None:
    burnt = make_tracker("ben gisteren flink verbrand op het strand", "nlu_fallback", ranking=_unsure("stress", "goodbye"))
    slots = slot_events(run(ActionRememberFacts(), burnt)[1])
    assert slots["signalen"] == ["roodheid"] and slots["voorlopige_fase"] == "reset"
    assert "intensief_buiten_fase" in slots["contra_indicaties"]  # no microneedling on a burnt skin
    guessed = make_tracker("doet dat zeer?", "nlu_fallback", ranking=_unsure("stress", "huid_info"),
                           slots={"signalen": ["littekens"], "voorlopige_fase": "repair"})
    assert "voorlopige_fase" not in slot_events(run(ActionRememberFacts(), guessed)[1])  # a guess is no stress
    asked = make_tracker("hoeveel dagen ben je daarna nog rood?", "nlu_fallback", ranking=_unsure("roodheid_gevoeligheid"))
    assert "signalen" not in slot_events(run(ActionRememberFacts(), asked)[1])  # a question, not her skin


def test_a_dry_skin_that_feels_tight_gets_the_dry_skins_advice(make_tracker, run) -> None:
    text = "mijn huid is kurkdroog en voelt strak na het wassen"
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "kurkdroog", "huidtype", "droog"),
                                                  entity(text, "strak", "signaal", "spanning")],
                           ranking=_unsure("roodheid_gevoeligheid", "stress"))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0] == K.question("producten.droog").antwoord, said


def test_may_i_still_come_with_a_day_gets_the_verdict_first(make_tracker, run) -> None:
    text = "mag ik overmorgen nog komen voor mijn gua sha afspraak?"
    tracker = make_tracker(text, "salon_info", [entity(text, "gua sha", "behandeling", "gua_sha")],
                           slots={"aandoeningen": ["actieve_infectie"], "gevraagde_behandeling": "gua_sha"})
    said = texts(run(ActionSalonInfo(), tracker)[0])
    infection = Facts(conditions=frozenset({"actieve_infectie"}))
    assert said[0] == safety_gate(infection, "gua_sha").text and len(said) == 2, said


def test_a_greeting_naming_a_treatment_welcomes_that_question(make_tracker, run) -> None:
    from actions.greet import ActionGreet
    text = "goeiemorgen, ik had een vraag over lymfedrainage"
    tracker = make_tracker(text, "greet", [entity(text, "lymfedrainage", "behandeling")],
                           slots={"gevraagde_behandeling": "lymfedrainage"})
    dispatcher, _ = run(ActionGreet(), tracker)
    assert texts(dispatcher) == ["Hoi! Vraag maar: wat wil je weten over lymfedrainage?"]
    buttons = dispatcher.messages[0]["buttons"]
    assert 1 <= len(buttons) <= 3 and buttons[0]["payload"].startswith("/"), buttons


def test_a_plain_greeting_is_the_greeting(make_tracker, run) -> None:
    from actions.greet import ActionGreet
    dispatcher, _ = run(ActionGreet(), make_tracker("goeiemiddag", "greet"))
    assert [m.get("response") for m in dispatcher.messages] == ["utter_greet"]


def test_what_could_it_be_read_as_help_gets_no_diagnosis(make_tracker, run) -> None:
    from actions.help import ActionHelp
    tracker = make_tracker("wat zou dit kunnen zijn?", "help", slots={"huidzorg": "roodheid_gevoeligheid"})
    assert texts(run(ActionHelp(), tracker)[0]) == [K.teksten.wat_is_het]


def test_may_i_use_that_when_pregnant_after_an_ingredient_is_about_that_ingredient(make_tracker, run) -> None:
    from actions.safety_answer import ActionSafetyAnswer
    text = "en mag ik dat smeren nu ik in verwachting ben?"
    tracker = make_tracker(text, "medische_situatie", slots={"buiten_kennis": ["zwangerschap"],
                                                             "genoemde_feiten": ["ingredient.retinoiden"]})
    said = texts(run(ActionSafetyAnswer(), tracker)[0])
    assert len(said) == 1 and said[0].startswith("Of retinoïden (milde vormen) tijdens een zwangerschap kan"), said
    plain = make_tracker("mag ik een gezichtsmassage nu ik in verwachting ben?", "medische_situatie",
                         [entity("mag ik een gezichtsmassage nu ik in verwachting ben?", "gezichtsmassage", "behandeling")],
                         slots={"buiten_kennis": ["zwangerschap"], "genoemde_feiten": ["ingredient.retinoiden"],
                                "gevraagde_behandeling": "gezichtsmassage"})
    assert texts(run(ActionSafetyAnswer(), plain)[0])[0].startswith("Of een gezichtsmassage tijdens")


def test_how_long_at_the_salon_is_the_salons_session(make_tracker, run) -> None:
    text = "hoelang duurt zo'n lymfedrainage bij jullie?"
    tracker = make_tracker(text, "frequentie_duur", [entity(text, "lymfedrainage", "behandeling")],
                           slots={"gevraagde_behandeling": "lymfedrainage"})
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said and said[0].endswith("duurt bij ons 45 minuten."), said


def test_a_short_follow_up_after_a_blocked_product_question_gets_the_verdict(make_tracker, run) -> None:
    before = "welke crème raad je aan?"
    text = "en een gewone massage?"
    tracker = with_turns(make_tracker(text, "gezichtsmassage_info", [entity(text, "massage", "behandeling", "gezichtsmassage")],
                                       slots={"aandoeningen": ["rosacea"], "gevraagde_behandeling": "gezichtsmassage"}),
                          (user_event(before, "producten_advies"), ["action_kennis"]))
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    rosacea = Facts(conditions=frozenset({"rosacea"}))
    assert said == [safety_gate(rosacea, "gezichtsmassage").text], said


def test_an_unsure_short_question_naming_a_treatment_gets_its_answer(make_tracker, run) -> None:
    text = "werkt acupressuur echt?"
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "acupressuur", "behandeling")],
                           ranking=_unsure("massage_techniek", "gezichtsmassage_info"),
                           slots={"gevraagde_behandeling": "acupressuur"})
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0] == K.question("massage.acupressuur").antwoord, said


def test_what_can_i_still_do_today_after_advice_gets_more_of_it(make_tracker, run) -> None:
    slots = {"huidzorg": "vale_huid", "open_vraag": "vervolg:vale_huid", "advies_gegeven": ["vale_huid:gezichtsmassage"],
             "genoemde_feiten": ["vale_huid.helpt.0", "vale_huid.helpt.1"]}
    tracker = with_turns(make_tracker("wat kan ik vandaag nog doen?", "nlu_fallback", slots=slots,
                                       ranking=_unsure("na_peeling", "help")),
                          (user_event("mijn huid is zo grauw", "vale_huid"), ["action_huidadvies"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and not said[0].startswith("Ik weet niet zeker"), said
    assert concern_data()["huidzorgen"]["vale_huid"]["vermijden"][0]["tekst"] in said, said


def test_how_often_may_i_with_a_condition_gets_the_verdict_then_how_often(make_tracker, run) -> None:
    from actions.safety_answer import ActionSafetyAnswer
    text = "hoe vaak per week mag ik masseren nu ik couperose heb?"
    tracker = make_tracker(text, "medische_situatie", slots={"aandoeningen": ["couperose"]})
    said = texts(run(ActionSafetyAnswer(), tracker)[0])
    couperose = Facts(conditions=frozenset({"couperose"}))
    assert said == [safety_gate(couperose, "gezichtsmassage").text, K.question("massage.hoe_vaak").antwoord], said
    blocked = make_tracker(text, "medische_situatie", slots={"medicatie": ["bloedverdunners"]})
    said = texts(run(ActionSafetyAnswer(), blocked)[0])
    assert len(said) == 1 and "huisarts" in said[0], said  # blocked: the verdict says all


def test_a_recent_operation_is_outside_what_the_sources_cover(make_tracker, run) -> None:
    from actions.remember_facts import ActionRememberFacts
    text = "twee weken terug ben ik geopereerd aan mijn neus"
    slots = slot_events(run(ActionRememberFacts(), make_tracker(text, "medische_situatie"))[1])
    assert slots["buiten_kennis"] == ["operatie"]
    facts = Facts(outside_knowledge=frozenset({"operatie"}))
    assert "na een operatie kan, kan ik niet beoordelen" in safety_gate(facts, "gezichtsmassage").text


def test_an_operation_told_as_help_gets_what_it_means_for_a_treatment(make_tracker, run) -> None:
    from actions.help import ActionHelp
    tracker = make_tracker("vorige maand ben ik aan mijn kaak geopereerd", "help",
                           slots={"buiten_kennis": ["operatie"]})
    said = texts(run(ActionHelp(), tracker)[0])
    assert said and "na een operatie kan, kan ik niet beoordelen" in said[0], said


def test_the_days_question_is_not_asked_again_bare_when_she_says_something_else(make_tracker, run) -> None:
    from actions.concern_advice import ActionConcernAdvice
    question = concern_data()["huidzorgen"]["na_peeling"]["vraag_dagen"]["vraag"]
    slots = {"behandeling": "chemische_peeling", "huidzorg": "na_peeling", "open_vraag": "na_peeling:dagen"}
    first = make_tracker("gisteren of zo een peeling laten doen", "na_peeling", slots=slots)
    dispatcher, events = run(ActionConcernAdvice(), first)
    assert texts(dispatcher)[-1] == question
    again = make_tracker("het prikt wel een beetje", "na_peeling", slots=slots)
    again.events = [*({"event": "bot", "text": t} for t in texts(dispatcher)), *events]  # what that turn said
    said = texts(run(ActionConcernAdvice(), again)[0])
    assert said and question not in said, said
    assert "raad ik je op dit moment af" in said[0] and "hoe lang geleden" in said[0], said


def test_a_dry_skin_in_everyday_words_gets_the_dry_skins_advice(make_tracker, run) -> None:
    tracker = make_tracker("allee, m'n vel voelt als schuurpapier", "nlu_fallback", ranking=_unsure("out_of_scope", "salon_info"))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0] == K.question("producten.droog").antwoord, said


@pytest.mark.parametrize("text, day", [("oke dan maandag", "maandag"), ("en donderdagavond?", "donderdag"),
                                       ("dan liever zaterdag", "zaterdag")])
def test_a_day_told_right_after_the_hours_gets_that_days_hours_not_the_help_text(make_tracker, run, text, day) -> None:
    hours = "kan ik op zondag komen?"
    tracker = with_turns(make_tracker(text, "inform"), (user_event(hours, "salon_info"), ["action_salon_info"]))
    said = " ".join(texts(run(ActionConcernAdvice(), tracker)[0])).lower()
    assert day in said and "huidfase bepalen" not in said, said


def test_a_day_told_without_a_salon_answer_before_is_no_salon_question(make_tracker, run) -> None:
    tracker = make_tracker("oke dan maandag", "inform")
    dispatcher, _ = run(ActionConcernAdvice(), tracker)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_help"]


PEEL = "heb ik een peeling nodig voor mijn vale huid?"
ASKED_PEEL = user_event(PEEL, "vale_huid", [entity(PEEL, "peeling", "behandeling", "chemische_peeling")])


@pytest.mark.parametrize("text", ["en hoe vaak dan?", "en hoe vaak moet dat?"])
def test_how_often_after_a_peel_question_is_not_answered_with_the_massage_times(make_tracker, run, text) -> None:
    tracker = with_turns(make_tracker(text, "frequentie_duur", slots={"gevraagde_behandeling": "chemische_peeling"}),
                         (ASKED_PEEL, ["action_veiligheid"]))
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said == [K.teksten.frequentie_anders], said


def test_how_often_to_massage_after_a_peel_question_gets_the_massage_times(make_tracker, run) -> None:
    text = "en hoe vaak moet ik masseren?"
    tracker = with_turns(make_tracker(text, "frequentie_duur", slots={"gevraagde_behandeling": "chemische_peeling"}),
                         (ASKED_PEEL, ["action_veiligheid"]))
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said[0] == K.question("massage.hoe_vaak").antwoord, said


@pytest.mark.parametrize("text, slots, label", [
    ("goedemiddag, ik heb rosacea. welke creme kan ik het beste gebruiken?", {"aandoeningen": ["rosacea"]}, "rosacea"),
    ("ik slik xarelto, wat kan ik het beste smeren op mijn droge wangen", {"medicatie": ["bloedverdunners"]},
     "bloedverdunners"),
])
def test_a_product_question_with_a_condition_is_heard_before_the_verdict(make_tracker, run, text, slots, label) -> None:
    said = texts(run(ActionSafetyAnswer(), make_tracker(text, "medische_situatie", slots=slots))[0])
    lead = K.teksten.product_bij_aandoening.format(aandoening=label)
    assert len(said) == 1 and said[0].startswith(lead) and len(said[0]) > len(lead), said


@pytest.mark.parametrize("text, situation", [
    ("ik ben in verwachting, welke olie kan ik gebruiken?", "zwangerschap"),
    ("ik geef borstvoeding, wat voor serum raad je aan", "borstvoeding"),
])
def test_a_product_question_in_a_situation_the_sources_leave_out_is_heard_before_the_verdict(
        make_tracker, run, text, situation) -> None:
    said = texts(run(ActionSafetyAnswer(), make_tracker(text, "medische_situatie",
                                                        slots={"buiten_kennis": [situation]}))[0])
    lead = K.teksten.product_buiten_kennis.format(situatie=K.teksten.buiten_kennis_labels[situation])
    assert len(said) == 1 and said[0].startswith(lead) and len(said[0]) > len(lead), said


def test_a_treatment_question_with_a_condition_gets_the_verdict_alone(make_tracker, run) -> None:
    said = texts(run(ActionSafetyAnswer(), make_tracker("ik heb rosacea, mag ik masseren?", "medische_situatie",
                                                        slots={"aandoeningen": ["rosacea"]}))[0])
    assert not said[0].startswith("Welk product"), said


def test_a_day_after_an_unsure_salon_question_the_fallback_answered_gets_that_days_hours(make_tracker, run) -> None:
    """"kan ik ook op zondag komen?" was unsure, salon likeliest: the fallback answered it, not the salon action."""
    unsure = {"event": "user", "text": "kan ik ook op zondag komen?", "parse_data": {
        "intent": {"name": "nlu_fallback"}, "entities": [],
        "intent_ranking": [{"name": "nlu_fallback"}, {"name": "salon_info"}, {"name": "afspraak_maken"}]}}
    tracker = with_turns(make_tracker("oke dan dinsdag", "inform"), (unsure, ["action_two_stage_fallback"]))
    said = " ".join(texts(run(ActionConcernAdvice(), tracker)[0])).lower()
    assert "dinsdag" in said and "huidfase bepalen" not in said, said


@pytest.mark.parametrize("text", ["ja het jeukt erg", "en het brandt ook een beetje", "vooral rood rond mn neus"])
def test_more_about_the_concern_under_discussion_goes_on_with_its_advice(make_tracker, run, text) -> None:
    first, _ = run(ActionConcernAdvice(), make_tracker("mijn wangen zijn rood en droog", "roodheid_gevoeligheid"))
    tracker = make_tracker(text, "nlu_fallback", slots={
        "huidzorg": "roodheid_gevoeligheid", "advies_gegeven": ["roodheid_gevoeligheid:gezichtsmassage"]},
        ranking=_unsure("roodheid_gevoeligheid", "ingredient_info"))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and not any("bedoel je" in s.lower() for s in said), said
    assert not set(said) & set(texts(first)), said  # the advice goes on, it does not start again


def test_a_signal_of_another_concern_is_not_read_as_more_of_this_one(make_tracker, run) -> None:
    tracker = make_tracker("ja en puistjes", "nlu_fallback", slots={"huidzorg": "roodheid_gevoeligheid"},
                           ranking=_unsure("out_of_scope", "thank"))
    said = " ".join(texts(run(ActionDefaultAskAffirmation(), tracker)[0])).lower()
    assert "reset" not in said, said


RECOVERY = "hoe lang duurt het herstel na microneedling?"
ASKED_RECOVERY = user_event(RECOVERY, "microneedling_info", [entity(RECOVERY, "microneedling", "behandeling")])


@pytest.mark.parametrize("intent", ["nlu_fallback", "microneedling_info"])
def test_may_i_do_something_else_then_after_the_recovery_answer(make_tracker, run, intent) -> None:
    """Unsure (the fallback) or read as a microneedling question (the knowledge answer): either way."""
    tracker = with_turns(make_tracker("mag ik dan sporten?", intent, slots={
        "gevraagde_behandeling": "microneedling", "genoemde_feiten": ["microneedling.herstel"]},
        ranking=_unsure("microneedling_info", "salon_info")), (ASKED_RECOVERY, ["action_kennis"]))
    action = ActionDefaultAskAffirmation() if intent == "nlu_fallback" else ActionKnowledgeAnswer()
    said = texts(run(action, tracker)[0])
    assert said == [K.teksten.na_behandeling_anders.format(verzoek=K.teksten.verzoek_labels["microneedling"])], said


def test_what_can_i_do_instead_after_a_gp_verdict_is_no_aftercare_question(make_tracker, run) -> None:
    from actions.help import ActionHelp

    slots = {"medicatie": ["bloedverdunners"], "huidzorg": "na_peeling"}  # "mag ik microneedling?" read as aftercare
    said = " ".join(texts(run(ActionHelp(), make_tracker("en wat kan ik dan wel doen?", "help", slots=slots))[0]))
    assert K.teksten.wat_wel["huisarts"] in said and "Welke behandeling" not in said, said
    unsure = make_tracker("wat mag er dan wel", "nlu_fallback", slots=slots, ranking=_unsure("help", "greet"))
    assert texts(run(ActionDefaultAskAffirmation(), unsure)[0]) == [said]


def test_what_can_i_do_myself_without_a_treatment_had_is_no_aftercare(make_tracker, run) -> None:
    from actions.help import ActionHelp

    said = texts(run(ActionHelp(), make_tracker("wat kan ik zelf doen?", "help", slots={"huidzorg": "na_peeling"}))[0])
    assert not any("Welke behandeling heb je gehad" in t for t in said), said


def test_a_cause_question_after_the_advice_gets_the_cause(make_tracker, run) -> None:
    slots = {"huidzorg": "wallen", "advies_gegeven": ["wallen:lymfedrainage"]}
    cause = concern_data()["huidzorgen"]["wallen"]["oorzaak"]["tekst"]
    unsure = make_tracker("ligt dat aan te weinig slaap?", "nlu_fallback", slots=slots, ranking=_unsure("stress", "goodbye"))
    assert texts(run(ActionDefaultAskAffirmation(), unsure)[0])[0].startswith(cause)
    sure = make_tracker("waar komt dat eigenlijk vandaan?", "wallen", slots=slots)
    dispatcher, events = run(ActionConcernAdvice(), sure)
    assert texts(dispatcher) == [f"{cause} {concern_data()['oorzaak_slot']}"], texts(dispatcher)
    assert "wallen.oorzaak" in (slot_events(events).get("genoemde_feiten") or [])


def test_a_permission_question_for_her_daughter_is_answered_in_general(make_tracker, run) -> None:
    text = "mijn dochter heeft last van puistjes, mag zij microneedling?"
    tracker = make_tracker(text, "microneedling_info", [entity(text, "microneedling", "behandeling")],
                           slots={"gevraagde_behandeling": "microneedling"})
    said = texts(run(ActionKnowledgeAnswer(), tracker)[0])
    assert said[0].startswith(K.teksten.voor_een_ander), said


def test_a_medication_taken_back_is_acknowledged_and_kept(make_tracker, run) -> None:
    tracker = make_tracker("sorry, ik vergis me: ik slik geen ascal", "medische_situatie",
                           slots={"medicatie": ["bloedverdunners"]})
    dispatcher, _ = run(ActionSafetyAnswer(), tracker)
    assert texts(dispatcher) == [K.teksten.ingetrokken.format(feiten="bloedverdunners")]
    asked = make_tracker("ik gebruik toch geen bloedverdunners, mag ik dan gua sha?", "medische_situatie",
                         [entity("ik gebruik toch geen bloedverdunners, mag ik dan gua sha?", "gua sha", "behandeling", "gua_sha")],
                         slots={"medicatie": ["bloedverdunners"], "gevraagde_behandeling": "gua_sha"})
    said = texts(run(ActionSafetyAnswer(), asked)[0])
    assert said[0].startswith(K.teksten.ingetrokken.format(feiten="bloedverdunners")) and "huisarts" in said[0], said


def test_what_can_i_do_after_a_gp_verdict_without_a_concern_is_what_she_can_do_instead(make_tracker, run) -> None:
    from actions.help import ActionHelp

    said = texts(run(ActionHelp(), make_tracker("wat kan ik nu doen?", "help", slots={"medicatie": ["bloedverdunners"]}))[0])
    assert said and K.teksten.wat_wel["huisarts"] in said[0], said


@pytest.mark.parametrize(("text", "intent"), [("wanneer kan dat dan?", "medische_situatie"),
                                              ("wanneer mag ik het doen", "nlu_fallback")])
def test_when_after_a_verdict_that_waits_for_her_phase_gets_the_phase_and_the_check(
        make_tracker, run, text, intent) -> None:
    from actions.fallback import ActionDefaultAskAffirmation
    asked = "ik wil graag een peeling"
    previous = user_event(asked, "medische_situatie", [entity(asked, "peeling", "behandeling", "chemische_peeling")])
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "medische_situatie", "confidence": 0.4}]
    tracker = with_turns(make_tracker(text, intent, slots={"gevraagde_behandeling": "chemische_peeling"},
                                      ranking=ranking), (previous, ["action_veiligheid"]))
    action = ActionDefaultAskAffirmation() if intent == "nlu_fallback" else ActionSafetyAnswer()
    said = texts(run(action, tracker)[0])
    when = K.teksten.wanneer_fase.format(verzoek=K.teksten.verzoek_labels["chemische_peeling"])
    assert said[:1] == [when] and said[1] == concern_data()["huidcheck_aanbod"]["vraag"], said


def test_when_after_a_verdict_with_another_reason_keeps_that_verdict(make_tracker, run) -> None:
    asked = "mag ik microneedling"
    previous = user_event(asked, "medische_situatie", [entity(asked, "microneedling", "behandeling")])
    tracker = with_turns(make_tracker("wanneer kan dat dan?", "medische_situatie", slots={
        "gevraagde_behandeling": "microneedling", "medicatie": ["bloedverdunners"]}), (previous, ["action_veiligheid"]))
    said = " ".join(texts(run(ActionSafetyAnswer(), tracker)[0]))
    assert "huisarts" in said and K.teksten.wanneer_fase.split(":")[0] not in said, said


def test_two_skin_concerns_guessed_with_little_confidence_get_no_advice(make_tracker, run) -> None:
    text = "wat doe ik met mijn nieuwe fietshelm"
    weak = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "stress", "confidence": 0.13},
            {"name": "onderhoud", "confidence": 0.07}]
    said = texts(run(ActionDefaultAskAffirmation(), make_tracker(text, "nlu_fallback", ranking=weak))[0])
    assert concern_data()["huidzorgen"]["stress"]["helpt"][0]["tekst"] not in said, said
    mixed = "veel stress, een doffe huid en puistjes"
    sure = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "stress", "confidence": 0.43},
            {"name": "vale_huid", "confidence": 0.16}]
    said = texts(run(ActionDefaultAskAffirmation(), make_tracker(mixed, "nlu_fallback", ranking=sure))[0])
    assert said[0] == concern_data()["huidzorgen"]["stress"]["helpt"][0]["tekst"], said


def test_her_skin_signal_wins_over_a_weak_off_topic_guess(make_tracker, run) -> None:
    text = "ik heb last van zonnebrand op mijn neus"
    weak = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.11},
            {"name": "lijntjes_littekens", "confidence": 0.09}]
    said = texts(run(ActionDefaultAskAffirmation(), make_tracker(text, "nlu_fallback", ranking=weak))[0])
    assert said[0] == concern_data()["huidzorgen"]["roodheid_gevoeligheid"]["helpt"][0]["tekst"], said
    strong = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.45},
              {"name": "roodheid_gevoeligheid", "confidence": 0.2}]
    other = "mijn auto is knalrood gespoten"
    said = texts(run(ActionDefaultAskAffirmation(), make_tracker(other, "nlu_fallback", ranking=strong))[0])
    assert concern_data()["huidzorgen"]["roodheid_gevoeligheid"]["helpt"][0]["tekst"] not in said, said


def test_is_that_bad_about_her_own_redness_gets_no_judgement_and_then_the_advice(make_tracker, run) -> None:
    text = "hoi ik heb last van rode vlekken na het sporten, is dat erg?"
    unsure = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "roodheid_gevoeligheid", "confidence": 0.47},
              {"name": "na_peeling", "confidence": 0.11}]
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "rode", "signaal", "roodheid")], ranking=unsure)
    dispatcher, events = run(ActionDefaultAskAffirmation(), tracker)
    said = texts(dispatcher)
    assert len(said) >= 2 and "geen diagnose" in said[0], said
    assert said[1] == concern_data()["huidzorgen"]["roodheid_gevoeligheid"]["helpt"][0]["tekst"], said
    assert slot_events(events)["huidzorg"] == "roodheid_gevoeligheid"


def test_an_ingredient_asked_with_acne_medication_is_not_judged_and_not_turned_into_a_massage(make_tracker, run) -> None:
    text = "wat is niacinamide en mag ik dat gebruiken met roaccutane?"
    tracker = make_tracker(text, "medische_situatie", slots={"buiten_kennis": ["acnemedicatie"]})
    said = texts(run(ActionSafetyAnswer(), tracker)[0])
    assert len(said) == 1 and "niacinamide" in said[0] and "niet beoordelen" in said[0], said
    assert "gezichtsmassage" not in said[0], said
