"""The fact memory after every message, and the safety answers built on it."""
from __future__ import annotations

from actions.remember_facts import ActionRememberFacts
from actions.safety_answer import ActionSafetyAnswer
from tests.actions.conftest import entity, slot_events, texts


def test_stated_blood_thinners_are_remembered_with_their_contraindication(make_tracker, run) -> None:
    text = "ik gebruik bloedverdunners"
    tracker = make_tracker(text, "medische_situatie", [entity(text, "bloedverdunners", "medicatie")])
    _, events = run(ActionRememberFacts(), tracker)
    slots = slot_events(events)
    assert slots["medicatie"] == ["bloedverdunners"]
    assert "bloedverdunners" in slots["contra_indicaties"]


def test_negated_condition_is_not_added(make_tracker, run) -> None:
    text = "ik gebruik geen bloedverdunners en heb nooit trombose gehad"
    tracker = make_tracker(text, "medische_situatie", [
        entity(text, "bloedverdunners", "medicatie"), entity(text, "trombose", "aandoening"),
    ])
    _, events = run(ActionRememberFacts(), tracker)
    slots = slot_events(events)
    assert not slots.get("medicatie")
    assert not slots.get("aandoeningen")
    assert not slots.get("contra_indicaties")


def test_later_negation_does_not_erase_a_stated_condition(make_tracker, run) -> None:
    text = "geen eczeem hoor"
    tracker = make_tracker(text, "inform", [entity(text, "eczeem", "aandoening")],
                           slots={"aandoeningen": ["eczeem"], "contra_indicaties": ["eczeem_psoriasis_opvlamming"]})
    _, events = run(ActionRememberFacts(), tracker)
    assert "aandoeningen" not in slot_events(events)  # unchanged: still eczeem


def test_recent_peel_with_duration_sets_procedure_and_days(make_tracker, run) -> None:
    text = "ik heb twee weken geleden een peeling gehad"
    tracker = make_tracker(text, "na_peeling", [
        entity(text, "twee weken", "tijdsduur"), entity(text, "peeling", "behandeling", "chemische_peeling"),
    ])
    _, events = run(ActionRememberFacts(), tracker)
    slots = slot_events(events)
    assert slots["behandeling"] == "chemische_peeling"
    assert slots["dagen_sinds_behandeling"] == 14


def test_question_about_a_treatment_is_not_taken_as_a_past_procedure(make_tracker, run) -> None:
    text = "mag ik microneedling doen"
    tracker = make_tracker(text, "microneedling_info", [entity(text, "microneedling", "behandeling")])
    slots = slot_events(run(ActionRememberFacts(), tracker)[1])
    assert slots.get("behandeling") is None
    assert slots["gevraagde_behandeling"] == "microneedling"


def test_safety_answer_for_thrombosis_sends_to_the_gp(make_tracker, run) -> None:
    tracker = make_tracker("ik heb trombose", "medische_situatie",
                           slots={"aandoeningen": ["trombose"]})
    dispatcher, _ = run(ActionSafetyAnswer(), tracker)
    assert "huisarts" in " ".join(texts(dispatcher)).lower()


def test_safety_answer_asks_when_a_procedure_was(make_tracker, run) -> None:
    tracker = make_tracker("ik had laser", "medische_situatie", slots={"behandeling": "laser"})
    dispatcher, events = run(ActionSafetyAnswer(), tracker)
    assert slot_events(events)["open_vraag"] == "na_peeling:dagen"
    assert dispatcher.messages[-1]["buttons"]


def test_safety_answer_says_when_after_a_recent_peel(make_tracker, run) -> None:
    text = "mag ik gua sha doen"
    tracker = make_tracker(text, "medische_situatie", [entity(text, "gua sha", "behandeling", "gua_sha")],
                           slots={"behandeling": "chemische_peeling", "dagen_sinds_behandeling": 2.0,
                                  "gevraagde_behandeling": "gua_sha"})
    dispatcher, _ = run(ActionSafetyAnswer(), tracker)
    assert "12 dagen" in " ".join(texts(dispatcher))


def test_nlu_entities_of_someone_else_or_a_plan_are_no_facts(make_tracker, run) -> None:
    text = "mijn vader heeft trombose en ik wil binnenkort fillers"
    tracker = make_tracker(text, "medische_situatie", [
        entity(text, "trombose", "aandoening"), entity(text, "fillers", "behandeling", "injectables"),
    ])
    slots = slot_events(run(ActionRememberFacts(), tracker)[1])
    assert not slots.get("aandoeningen") and not slots.get("contra_indicaties")
    assert slots.get("behandeling") is None
    assert slots["gevraagde_behandeling"] == "injectables"


def test_never_had_a_peel_or_laser_is_no_recent_procedure(make_tracker, run) -> None:
    text = "ik heb nog nooit een peeling of laser gehad"
    tracker = make_tracker(text, "na_peeling", [
        entity(text, "peeling", "behandeling", "chemische_peeling"), entity(text, "laser", "behandeling", "laser"),
    ])
    slots = slot_events(run(ActionRememberFacts(), tracker)[1])
    assert slots.get("behandeling") is None


def test_misspelt_blood_thinner_without_entity_is_remembered(make_tracker, run) -> None:
    tracker = make_tracker("ik gebruik bloedverdunnners", "medische_situatie", [])
    slots = slot_events(run(ActionRememberFacts(), tracker)[1])
    assert slots["medicatie"] == ["bloedverdunners"]


def test_answer_no_keeps_an_earlier_fact(make_tracker, run) -> None:
    text = "bloedverdunners? nee"
    tracker = make_tracker(text, "inform", [entity(text, "bloedverdunners", "medicatie")],
                           slots={"medicatie": ["bloedverdunners"]})
    slots = slot_events(run(ActionRememberFacts(), tracker)[1])
    assert "medicatie" not in slots  # unchanged: a negation never removes a stated fact


def test_a_reason_is_said_once_per_session_the_verdict_each_time(make_tracker, run) -> None:
    slots = {"medicatie": ["bloedverdunners"], "fase": "repair"}
    text = "en microneedling?"
    ask = [entity(text, "microneedling", "behandeling")]
    first, _ = run(ActionSafetyAnswer(), make_tracker(text, "medische_situatie", ask, slots=slots))
    said_first = texts(first)[0]
    reason = "Wie bloedverdunners gebruikt"
    assert reason in said_first

    tracker = make_tracker(text, "medische_situatie", ask, slots=slots)
    tracker.events = [{"event": "bot", "text": said_first}, {"event": "user", "text": text}]
    later = texts(run(ActionSafetyAnswer(), tracker)[0])[0]
    assert "huisarts" in later and reason not in later  # the verdict again, the reason not

    tracker.events = [{"event": "bot", "text": said_first}, {"event": "session_started"}]
    assert reason in texts(run(ActionSafetyAnswer(), tracker)[0])[0]  # a new session: all of it again


def test_a_situation_the_sources_do_not_cover_is_remembered_and_judged_by_no_one_but_her_gp(make_tracker,
                                                                                            run) -> None:
    _, events = run(ActionRememberFacts(), make_tracker("ik ben zwanger van de tweede", "inform"))
    assert slot_events(events)["buiten_kennis"] == ["zwangerschap"]
    text = "mag ik een microneedling?"
    tracker = make_tracker(text, "medische_situatie", [entity(text, "microneedling", "behandeling")],
                           slots={"buiten_kennis": ["zwangerschap"], "fase": "repair"})
    said = texts(run(ActionSafetyAnswer(), tracker)[0])[0]
    assert "niet beoordelen" in said and "huisarts" in said and "kan, maar" not in said


def _replaced(tracker, unsure_text: str, unsure_entities: list[dict]):
    """Rasa's two-stage fallback after she went on: the unsure message, her next message,
    the revert, and that next message again (as the tracker's events hold them)."""
    latest = {"event": "user", "text": tracker.latest_message["text"], "parse_data": tracker.latest_message}
    tracker.events = [
        {"event": "user", "text": unsure_text,
         "parse_data": {"intent": {"name": "nlu_fallback"}, "entities": unsure_entities}},
        {"event": "bot", "text": "Ik weet niet zeker of ik je goed begrijp."},
        latest, {"event": "rewind"}, latest,
    ]
    return tracker


def test_what_an_unsure_message_told_stays_known_when_she_goes_on(make_tracker, run) -> None:
    unsure = "mijn vel is eerder vettig en ik heb mee-eters"
    entities = [entity(unsure, "vettig", "huidtype", "vet"), entity(unsure, "mee-eters", "signaal", "puistjes")]
    tracker = _replaced(make_tracker("welk serum past daarbij?", "producten_advies"), unsure, entities)
    slots = slot_events(run(ActionRememberFacts(), tracker)[1])
    assert slots["huidtype"] == "vet" and slots["signalen"] == ["puistjes"], slots


def test_a_skin_type_told_since_is_not_overwritten_and_a_plain_turn_adds_nothing(make_tracker, run) -> None:
    unsure = "mijn vel is eerder vettig"
    entities = [entity(unsure, "vettig", "huidtype", "vet")]
    tracker = _replaced(make_tracker("welk serum?", "producten_advies", slots={"huidtype": "droog"}), unsure, entities)
    assert "huidtype" not in slot_events(run(ActionRememberFacts(), tracker)[1])
    plain = make_tracker("welk serum?", "producten_advies")
    plain.events = [{"event": "user", "text": unsure, "parse_data": {"intent": {"name": "nlu_fallback"},
                                                                     "entities": entities}},
                    {"event": "user", "text": "welk serum?", "parse_data": plain.latest_message}]
    assert "huidtype" not in slot_events(run(ActionRememberFacts(), plain)[1])  # no revert: nothing replaced


def test_a_question_about_someone_elses_treatment_weighs_that_persons_condition(make_tracker, run) -> None:
    text = "mijn oma heeft rosacea, mag zij bij jullie een gezichtsmassage?"
    tracker = make_tracker(text, "medische_situatie", [entity(text, "rosacea", "aandoening"),
                                                       entity(text, "gezichtsmassage", "behandeling")],
                           slots={"gevraagde_behandeling": "gezichtsmassage"})
    dispatcher, events = run(ActionSafetyAnswer(), tracker)
    said = " ".join(texts(dispatcher))
    assert said.startswith("Dat gaat over iemand anders") and "geen bezwaar" not in said, said
    assert "rosacea" in said
    assert "aandoeningen" not in slot_events(events)  # never remembered as hers


def test_a_sunburn_told_in_an_unsure_message_still_rules_out_microneedling_after_she_goes_on(make_tracker, run) -> None:
    unsure = "ik heb echt last van zonnebrand op mijn wangen"  # no entity: her everyday words only
    tracker = _replaced(make_tracker("hoe lang duurt dat meestal?", "frequentie_duur"), unsure, [])
    slots = slot_events(run(ActionRememberFacts(), tracker)[1])
    assert slots["signalen"] == ["roodheid"] and slots["voorlopige_fase"] == "reset", slots
    assert "intensief_buiten_fase" in slots["contra_indicaties"]


def test_a_dry_cough_or_dry_hair_is_no_dry_skin(make_tracker, run) -> None:
    text = "ik heb al een week een droge hoest"
    tracker = make_tracker(text, "nlu_fallback", [entity(text, "droge", "huidtype", "droog")],
                           slots={"huidtype": "droog"})  # as Rasa's slot mapping just set it
    assert slot_events(run(ActionRememberFacts(), tracker)[1])["huidtype"] is None
    unsure = "mijn haren zijn zo droog en pluizig"
    replaced = _replaced(make_tracker("welk serum?", "producten_advies"), unsure,
                         [entity(unsure, "droog", "huidtype")])
    assert "huidtype" not in slot_events(run(ActionRememberFacts(), replaced)[1])
    skin = "mijn huid en mijn lippen zijn droog"
    kept = make_tracker(skin, "inform", [entity(skin, "droog", "huidtype")], slots={"huidtype": "droog"})
    assert "huidtype" not in slot_events(run(ActionRememberFacts(), kept)[1])  # her skin too: kept


def test_her_answer_to_how_long_ago_gets_the_verdict_on_the_treatment_she_asked_about(make_tracker, run) -> None:
    from actions.concern_advice import ActionConcernAdvice
    from actions.fallback import ActionDefaultAskAffirmation
    asked = "ik heb botox gehad, mag ik gua sha?"
    before = {"event": "user", "text": asked, "parse_data": {"intent": {"name": "na_peeling"}, "entities": []}}
    earlier = [{"event": "slot", "name": "gevraagde_behandeling", "value": "gua_sha"},
               {"event": "slot", "name": "behandeling", "value": "injectables"}]
    slots = {"behandeling": "injectables", "gevraagde_behandeling": "gua_sha", "dagen_sinds_behandeling": 56.0,
             "huidzorg": "na_peeling"}
    text = "is al een tijdje geleden, een week of 8"
    tracker = make_tracker(text, "inform", [entity(text, "een week", "tijdsduur")], slots=slots)
    tracker.events = [before, *earlier, {"event": "user", "text": text, "parse_data": tracker.latest_message}]
    said = " ".join(texts(run(ActionConcernAdvice(), tracker)[0]))
    assert "gua sha" in said and "gezichtsmassage" not in said, said
    unsure = "ik heb het vorige week laten doen"
    tracker = make_tracker(unsure, "nlu_fallback", [entity(unsure, "vorige week", "tijdsduur")],
                           slots={**slots, "dagen_sinds_behandeling": 7.0},
                           ranking=[{"name": "nlu_fallback", "confidence": 0.5},
                                    {"name": "out_of_scope", "confidence": 0.24}])
    tracker.events = [before, *earlier, {"event": "user", "text": unsure, "parse_data": tracker.latest_message}]
    said = " ".join(texts(run(ActionDefaultAskAffirmation(), tracker)[0]))
    assert "gua sha" in said and "wacht je nog even" in said, said
