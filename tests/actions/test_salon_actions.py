"""action_salon_info and action_afspraak_maken with real Trackers and a CollectingDispatcher."""
from __future__ import annotations

import json

from actions.salon import ActionAppointment, ActionSalonInfo
from bot.knowledge.salon_profile import PROFILE_ENV, salon_texts
from bot.replies import handoff, salon
from channels.identity import conversation_code
from tests.actions.conftest import entity, slot_events, texts


def test_salon_info_answers_from_the_profile_with_a_booking_button(make_tracker, run) -> None:
    tracker = make_tracker("kan ik hier pinnen?", "salon_info")
    dispatcher, events = run(ActionSalonInfo(), tracker)
    assert events == []
    assert texts(dispatcher) == list(salon.answer(topic="betalen").bubbles)
    assert dispatcher.messages[-1]["buttons"] == [{"title": "Afspraak maken", "payload": "/afspraak_maken"}]


def test_price_question_uses_the_treatment_entity(make_tracker, run) -> None:
    text = "wat kost een gezichtsmassage"
    tracker = make_tracker(text, "salon_info", [entity(text, "gezichtsmassage", "behandeling")])
    dispatcher, _ = run(ActionSalonInfo(), tracker)
    assert texts(dispatcher) == ["Ontspannende gezichtsmassage kost € 55 en duurt 45 minuten."]



def test_a_price_for_a_treatment_the_facts_rule_out_comes_with_the_verdict(make_tracker, run) -> None:
    text = "hoeveel kost microneedling bij jullie"
    tracker = make_tracker(text, "salon_info", [entity(text, "microneedling", "behandeling")],
                           slots={"medicatie": ["bloedverdunners"], "gevraagde_behandeling": "microneedling"})
    dispatcher, _ = run(ActionSalonInfo(), tracker)
    said = texts(dispatcher)
    assert said[0] == salon.answer(text, treatment="microneedling").bubbles[0] and len(said) == 2
    assert "huisarts" in said[1] and "microneedling" in said[1].lower()
    assert dispatcher.messages[-1]["buttons"] == []  # no booking button under a "not now"

def test_a_topic_button_payload_picks_the_topic(make_tracker, run) -> None:
    payload = salon.topic_buttons(["parkeren"])[0]["payload"]
    assert payload == '/salon_info{"salon_onderwerp": "parkeren"}'
    tracker = make_tracker(payload, "salon_info", [{"entity": "salon_onderwerp", "value": "parkeren"}])
    dispatcher, _ = run(ActionSalonInfo(), tracker)
    assert texts(dispatcher) == [salon.load_profile()["parkeren"]]


def test_unclear_salon_question_offers_the_topics(make_tracker, run) -> None:
    tracker = make_tracker("hebben jullie een wachtruimte", "salon_info",
                           [{"entity": "salon_onderwerp", "value": "onzin"}])
    dispatcher, _ = run(ActionSalonInfo(), tracker)
    assert texts(dispatcher)[0].startswith("Over Huidstudio Voorbeeld kan ik je vertellen")
    assert len(dispatcher.messages[-1]["buttons"]) == len(salon.TOPICS)


def test_broken_profile_gets_a_kind_dutch_answer(make_tracker, run, monkeypatch, tmp_path, caplog) -> None:
    broken = tmp_path / "profiel.yml"
    broken.write_text("naam: [\n", encoding="utf-8")
    monkeypatch.setenv(PROFILE_ENV, str(broken))
    dispatcher, events = run(ActionSalonInfo(), make_tracker("kan ik pinnen", "salon_info"))
    assert texts(dispatcher) == [salon_texts()["profiel_fout"]] and events == []
    assert "profiel.yml" in caplog.text


def test_appointment_hands_over_with_link_code_and_stored_summary(make_tracker, run) -> None:
    tracker = make_tracker("ik wil een afspraak maken", "afspraak_maken", slots={
        "signalen": ["wallen"], "huidtype": "droog", "medicatie": ["bloedverdunners"],
        "contra_indicaties": ["bloedverdunners"], "advies_gegeven": ["wallen:veiligheid"]})
    dispatcher, events = run(ActionAppointment(), tracker)
    said = texts(dispatcher)
    assert said == list(salon.appointment_handover(conversation_code("test")))
    assert any("https://www.huidstudio-voorbeeld.nl/afspraak" in t for t in said)
    assert conversation_code("test") in said[-1] and "test" not in said[-1]  # her desk code, not the storage key

    summary = slot_events(events)["intake_samenvatting"]
    assert [e["event"] for e in events] == ["slot"]
    assert json.loads(json.dumps(summary)) == summary
    assert summary["signalen"] == ["wallen"] and summary["contra_indicaties"] == ["bloedverdunners"]
    assert "Medicatie: bloedverdunners" in summary["tekst"]


def test_appointment_without_anything_known_gives_no_code(make_tracker, run) -> None:
    dispatcher, events = run(ActionAppointment(), make_tracker("afspraak", "afspraak_maken"))
    assert texts(dispatcher) == list(salon.appointment_handover(None))
    assert handoff.is_empty(slot_events(events)["intake_samenvatting"])


def test_booking_a_treatment_she_must_wait_for_says_the_wait_first(make_tracker, run) -> None:
    text = "wanneer kan ik weer binnenlopen voor een gezichtsmassage"
    tracker = make_tracker(text, "afspraak_maken", [entity(text, "gezichtsmassage", "behandeling")], slots={
        "behandeling": "injectables", "dagen_sinds_behandeling": 4.0, "contra_indicaties": ["recente_ingreep"]})
    said = texts(run(ActionAppointment(), tracker)[0])
    assert len(said) == 3 and "over ongeveer 10 dagen" in said[0]  # the answer first, in place of the welcome
    assert said[1:] == list(salon.appointment_handover(conversation_code("test")))[1:]


def test_booking_a_treatment_nothing_stands_in_the_way_of_is_the_plain_handover(make_tracker, run) -> None:
    text = "ik wil graag een afspraak voor gua sha"
    tracker = make_tracker(text, "afspraak_maken", [entity(text, "gua sha", "behandeling")],
                           slots={"gevraagde_behandeling": "gua_sha"})
    said = texts(run(ActionAppointment(), tracker)[0])
    assert said == list(salon.appointment_handover(None))


def test_a_day_named_for_the_appointment_gets_the_hours_of_that_day(make_tracker, run) -> None:
    said = texts(run(ActionAppointment(), make_tracker("zaterdagochtend of anders zaterdag", "afspraak_maken"))[0])
    assert said[0].startswith("Op zaterdag zijn we open van 9.00 tot 16.00 uur.") and len(said) == 2


def test_a_price_question_pointing_back_is_about_the_treatment_just_discussed(make_tracker, run) -> None:
    tracker = make_tracker("en wat betaal ik daarvoor?", "salon_info", slots={"genoemde_feiten": ["microneedling.pijn"]})
    dispatcher, _ = run(ActionSalonInfo(), tracker)
    said = " ".join(texts(dispatcher))
    assert "Microneedling" in said and "145" in said and "Gua sha" not in said, said
    dispatcher, _ = run(ActionSalonInfo(), make_tracker("en wat betaal ik daarvoor?", "salon_info"))
    assert "145" not in " ".join(texts(dispatcher))  # nothing discussed before: not that price


def test_a_price_pointing_back_to_a_treatment_the_facts_rule_out_comes_with_the_verdict(make_tracker, run) -> None:
    slots = {"genoemde_feiten": ["microneedling.werking"], "medicatie": ["bloedverdunners"]}
    dispatcher, _ = run(ActionSalonInfo(), make_tracker("hoeveel kost dat?", "salon_info", slots=slots))
    said = texts(dispatcher)
    assert "145" in said[0] and "huisarts" in said[-1], said
    assert not dispatcher.messages[-1].get("buttons")  # no booking button under the verdict


def test_a_price_and_how_long_in_one_question_gets_both_whatever_the_intent(make_tracker, run) -> None:
    from actions.knowledge_answer import ActionKnowledgeAnswer

    text = "wat betaal je voor gua sha bij jullie en hoelang duurt zoiets?"
    tracker = make_tracker(text, "frequentie_duur", [entity(text, "gua sha", "behandeling", "gua_sha")],
                           slots={"gevraagde_behandeling": "gua_sha"})
    said = " ".join(texts(run(ActionKnowledgeAnswer(), tracker)[0]))
    assert "€" in said and "minuten" in said and "3 tot 10" not in said, said


def test_hours_asked_right_after_a_day_are_that_days_hours(make_tracker, run) -> None:
    from tests.actions.conftest import user_event, with_turns

    before = "is de salon op donderdag open?"
    tracker = with_turns(make_tracker("en hoe laat gaan jullie dan dicht?", "salon_info"),
                         (user_event(before, "salon_info"), ["action_salon_info"]))
    said = texts(run(ActionSalonInfo(), tracker)[0])
    hours = salon_texts()["antwoorden"]["openingstijden"]
    assert len(said) == 1 and "donderdag" in said[0].lower() and hours["kop"].split("{")[0] not in said[0], said


def test_until_what_time_read_as_a_goodbye_after_the_hours_is_the_next_salon_question(make_tracker, run) -> None:
    from actions.goodbye import ActionGoodbye
    from tests.actions.conftest import user_event, with_turns

    before = "hebben jullie op vrijdag open"
    tracker = with_turns(make_tracker("en tot hoe laat dan?", "goodbye"), (user_event(before, "salon_info"), ["action_salon_info"]))
    said = texts(run(ActionGoodbye(), tracker)[0])
    assert said and "vrijdag" in said[0].lower(), said
    bye = run(ActionGoodbye(), with_turns(make_tracker("oke tot ziens", "goodbye"),
                                          (user_event(before, "salon_info"), ["action_salon_info"])))[0]
    assert [m.get("response") for m in bye.messages] == ["utter_goodbye"]


def test_an_unsure_question_what_the_salon_sells_gets_the_salon_answer_not_a_booking(make_tracker, run) -> None:
    from actions.fallback import ActionDefaultAskAffirmation
    from bot.knowledge import salon_profile
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "producten_advies", "confidence": 0.32},
               {"name": "salon_info", "confidence": 0.27}]
    tracker = make_tracker("welke spullen verkopen jullie eigenlijk?", "nlu_fallback", ranking=ranking)
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and said[0] == salon_profile.load_profile()["producten"], said


def test_what_does_that_cost_right_after_the_salons_offer_is_that_treatments_price(make_tracker, run) -> None:
    from bot.replies.concern import salon_for_concern_reply
    from bot.rules.safety import Facts
    offer = salon_for_concern_reply("wallen", Facts())
    assert offer is not None
    tracker = make_tracker("en wat kost dat dan?", "salon_info", slots={"genoemde_feiten": list(offer.facts)})
    said = texts(run(ActionSalonInfo(), tracker)[0])
    assert said == [salon.answer(topic="prijzen", treatment="lymfedrainage").bubbles[0]], said  # not the whole list


def test_a_day_asked_unsure_right_after_the_booking_answer_gets_that_days_hours(make_tracker, run) -> None:
    from actions.fallback import ActionDefaultAskAffirmation
    from tests.actions.conftest import user_event, with_turns
    booked = "ik wil graag een afspraak voor microneedling"
    tracker = with_turns(
        make_tracker("lukt het ook op een zaterdag?", "nlu_fallback", slots={"gevraagde_behandeling": "microneedling"},
                     ranking=[{"name": "nlu_fallback", "confidence": 0.5}, {"name": "afspraak_maken", "confidence": 0.4}]),
        (user_event(booked, "afspraak_maken", [entity(booked, "microneedling", "behandeling")]),
         ["action_afspraak_maken"]))
    said = texts(run(ActionDefaultAskAffirmation(), tracker)[0])
    assert said and "zaterdag" in said[0].lower() and "microneedling" not in " ".join(said).lower(), said


def test_and_what_does_a_course_cost_right_after_an_answer_on_microneedling_is_its_price(make_tracker, run) -> None:
    slots = {"genoemde_feiten": ["microneedling.aantal"]}
    said = texts(run(ActionSalonInfo(), make_tracker("en wat kost een kuur?", "salon_info", slots=slots))[0])
    assert said == [salon.answer(topic="prijzen", treatment="microneedling").bubbles[0]], said
    every = texts(run(ActionSalonInfo(), make_tracker("en wat kosten jullie behandelingen?", "salon_info",
                                                      slots=slots))[0])
    assert every[0] == salon.answer(topic="prijzen").bubbles[0], every  # plural: the whole list
