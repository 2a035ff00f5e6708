"""The phase intake form: only open questions, Dutch re-asks, the result."""
from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.intake import ActionPhaseResult, ValidateSkinCheckForm
from bot.replies import privacy
from tests.actions.conftest import entity, slot_events, texts, user_event, with_turns

ALL = ["intake_signalen", "huidtype", "intake_ingreep", "intake_dagen", "intake_medisch"]


def _required(tracker) -> list[str]:
    return asyncio.run(ValidateSkinCheckForm().required_slots(ALL, CollectingDispatcher(), tracker, {}))


def test_asks_everything_of_a_stranger_but_the_duration(make_tracker) -> None:
    assert _required(make_tracker()) == ["intake_signalen", "huidtype", "toestemming_gezondheid", "intake_ingreep",
                                         "intake_medisch"]
    consented = make_tracker(slots={"toestemming_gezondheid": "ja"})
    assert _required(consented) == ["intake_signalen", "huidtype", "intake_ingreep", "intake_medisch"]


def test_consent_comes_before_the_health_questions_and_only_when_one_is_open(make_tracker) -> None:
    asked = _required(make_tracker(slots={"signalen": ["roodheid"], "huidtype": "droog"}))
    assert asked == ["toestemming_gezondheid", "intake_ingreep", "intake_medisch"]
    all_told = {"signalen": ["roodheid"], "huidtype": "droog", "medicatie": ["bloedverdunners"],
                "behandeling": "laser", "dagen_sinds_behandeling": 20.0}
    assert _required(make_tracker(slots=all_told)) == []  # no health question left: nothing to consent to
    declined = make_tracker(slots={"toestemming_gezondheid": "nee"})
    assert _required(declined) == []  # declined: the intake asks no health question and ends


def test_yes_or_no_to_consent_and_a_re_ask_otherwise(make_tracker) -> None:
    form = ValidateSkinCheckForm()
    for text, intent, value in (("ja hoor", "affirm", "ja"), ("liever niet", "deny", "nee"), ("hmm", "inform", "")):
        tracker = make_tracker(text, intent, slots={"requested_slot": "toestemming_gezondheid"},
                               active_loop="huidcheck_form")
        extracted = asyncio.run(form.extract_toestemming_gezondheid(CollectingDispatcher(), tracker, {}))
        assert extracted == {"toestemming_gezondheid": value}
    dispatcher = CollectingDispatcher()
    assert form.validate_toestemming_gezondheid("", dispatcher, tracker, {}) == {"toestemming_gezondheid": None}
    assert dispatcher.messages[0]["text"] == privacy.consent_unclear()
    switch = make_tracker("wat is microneedling", "microneedling_info",
                          slots={"requested_slot": "toestemming_gezondheid"}, active_loop="huidcheck_form")
    assert asyncio.run(form.extract_toestemming_gezondheid(CollectingDispatcher(), switch, {})) == {}


def test_no_to_consent_is_stored_and_ends_the_intake(make_tracker, domain) -> None:
    tracker = make_tracker("nee, liever niet", "deny", slots={"signalen": ["roodheid"], "huidtype": "droog",
                                                             "requested_slot": "toestemming_gezondheid"},
                           active_loop="huidcheck_form")
    tracker.events = [{"event": "user", "text": "nee, liever niet"}]
    events = asyncio.run(ValidateSkinCheckForm().run(CollectingDispatcher(), tracker, domain))
    assert slot_events(events) == {"toestemming_gezondheid": "nee", "requested_slot": None}


def test_declined_consent_gets_general_safe_advice_and_no_assessment(make_tracker, run) -> None:
    tracker = make_tracker("nee", "deny", slots={"signalen": ["fijne_lijntjes"], "toestemming_gezondheid": "nee"})
    dispatcher, events = run(ActionPhaseResult(), tracker)
    slots = slot_events(events)
    assert "fase" not in slots and "contra_indicaties" not in slots and "intake_samenvatting" not in slots
    assert slots["toestemming_gezondheid"] is None  # asked again if she starts a new skin check
    said = " ".join(texts(dispatcher)).lower()
    assert "microneedling" in said and "huisarts" in said  # never advised as safe: first a professional
    buttons = [b["payload"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert "/afspraak_maken" in buttons


def test_skips_what_is_already_known(make_tracker) -> None:
    tracker = make_tracker(slots={"signalen": ["roodheid"], "huidtype": "droog",
                                  "medicatie": ["bloedverdunners"], "behandeling": "laser"})
    assert _required(tracker) == ["toestemming_gezondheid", "intake_dagen"]  # a health question is still open


def test_a_vague_skin_type_is_asked_again_in_dutch(make_tracker) -> None:
    tracker = make_tracker("weet ik veel", "inform", slots={"requested_slot": "huidtype"}, active_loop="huidcheck_form")
    form = ValidateSkinCheckForm()
    extracted = asyncio.run(form.extract_huidtype(CollectingDispatcher(), tracker, {}))
    assert extracted == {"huidtype": ""}
    dispatcher = CollectingDispatcher()
    assert form.validate_huidtype("", dispatcher, tracker, {}) == {"huidtype": None}
    assert dispatcher.messages[0]["response"] == "utter_huidtype_onbekend"


def test_a_topic_switch_is_not_taken_as_an_answer(make_tracker) -> None:
    tracker = make_tracker("wat is microneedling", "microneedling_info",
                           slots={"requested_slot": "intake_signalen"}, active_loop="huidcheck_form")
    assert asyncio.run(ValidateSkinCheckForm().extract_intake_signalen(CollectingDispatcher(), tracker, {})) == {}


def test_a_concern_answers_the_signal_question(make_tracker) -> None:
    text = "vooral puistjes"
    tracker = make_tracker(text, "acne", slots={"requested_slot": "intake_signalen"}, active_loop="huidcheck_form")
    extracted = asyncio.run(ValidateSkinCheckForm().extract_intake_signalen(CollectingDispatcher(), tracker, {}))
    assert extracted == {"intake_signalen": "puistjes"}


def test_no_to_the_medical_question_is_an_answer(make_tracker) -> None:
    text = "nee geen eczeem"
    tracker = make_tracker(text, "deny", [entity(text, "eczeem", "aandoening")],
                           slots={"requested_slot": "intake_medisch"}, active_loop="huidcheck_form")
    extracted = asyncio.run(ValidateSkinCheckForm().extract_intake_medisch(CollectingDispatcher(), tracker, {}))
    assert extracted == {"intake_medisch": "nee"}


def test_result_names_reset_for_redness_and_fills_the_contract_slots(make_tracker, run) -> None:
    tracker = make_tracker("nee", "deny", slots={"signalen": ["roodheid", "fijne_lijntjes"], "huidtype": "gevoelig"})
    dispatcher, events = run(ActionPhaseResult(), tracker)
    slots = slot_events(events)
    assert slots["fase"] == "reset"  # safety first: calm before building
    assert "Reset" in texts(dispatcher)[0]
    assert slots["intake_samenvatting"]


def test_result_with_blood_thinners_gives_no_treatment_advice(make_tracker, run) -> None:
    tracker = make_tracker("nee", "deny", slots={"signalen": ["fijne_lijntjes"], "medicatie": ["bloedverdunners"]})
    dispatcher, events = run(ActionPhaseResult(), tracker)
    slots = slot_events(events)
    assert slots["fase"] == "repair"
    assert "bloedverdunners" in slots["contra_indicaties"]
    assert "huisarts" in " ".join(texts(dispatcher)).lower()


def test_a_tie_between_two_phases_is_asked_once_and_the_choice_decides(make_tracker, run) -> None:
    known = {"signalen": ["vale_teint", "fijne_lijntjes"], "huidtype": "normaal", "intake_ingreep": "nee",
             "intake_medisch": "nee"}
    assert "intake_keuze" in _required(make_tracker(slots=known))
    assert "intake_keuze" not in _required(make_tracker(slots={**known, "signalen": ["roodheid", "fijne_lijntjes"]}))
    answer = make_tracker("vooral die lijntjes", "inform", slots={**known, "requested_slot": "intake_keuze"},
                          active_loop="huidcheck_form")
    extracted = asyncio.run(ValidateSkinCheckForm().extract_intake_keuze(CollectingDispatcher(), answer, {}))
    assert extracted == {"intake_keuze": "repair"}
    assert "intake_keuze" not in _required(make_tracker(slots={**known, "intake_keuze": "repair"}))
    _, events = run(ActionPhaseResult(), make_tracker(slots={**known, "intake_keuze": "repair"}))
    assert slot_events(events)["fase"] == "repair"


def test_an_urgent_sign_is_never_taken_as_an_intake_answer(make_tracker) -> None:
    tracker = make_tracker("ik heb koorts en de rode plek op mijn wang wordt steeds groter", "dringend",
                           slots={"requested_slot": "intake_signalen"}, active_loop="huidcheck_form")
    assert asyncio.run(ValidateSkinCheckForm().extract_intake_signalen(CollectingDispatcher(), tracker, {})) == {}


def test_an_unsure_answer_in_the_check_is_asked_again_with_examples_not_met_with_bedoel_je(make_tracker) -> None:
    tracker = make_tracker("weet ik niet zo goed", "nlu_fallback", slots={"requested_slot": "intake_signalen"},
                           active_loop="huidcheck_form")
    form = ValidateSkinCheckForm()
    assert asyncio.run(form.extract_intake_signalen(CollectingDispatcher(), tracker, {})) == {"intake_signalen": ""}
    dispatcher = CollectingDispatcher()
    assert form.validate_intake_signalen("", dispatcher, tracker, {}) == {"intake_signalen": None}
    assert dispatcher.messages[0]["response"] == "utter_signalen_onbekend"


def test_a_second_unsure_message_in_a_row_is_no_answer_so_she_is_never_kept_in_the_check(make_tracker) -> None:
    """"stop" after "weet ik niet": the fallback takes over (the form is rejected), as before any answer."""
    tracker = with_turns(make_tracker("stop", "nlu_fallback", slots={"requested_slot": "intake_signalen"},
                                      active_loop="huidcheck_form"),
                         (user_event("weet ik niet zo goed", "nlu_fallback"), ["huidcheck_form"]))
    assert asyncio.run(ValidateSkinCheckForm().extract_intake_signalen(CollectingDispatcher(), tracker, {})) == {}
