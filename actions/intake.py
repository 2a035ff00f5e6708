"""The phase intake form: ask only what is still open, validate each answer."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff_events import handoff_events
from actions.tracker_state import latest_entities, latest_intent, memory_from, previous_turn, reply_events, send
from bot.replies import intake, privacy
from bot.replies.phase_result import phase_reply
from bot.replies.texts import intake_texts
from bot.rules.safety import contraindications_for


def answer_intent(tracker: Tracker) -> str | None:
    """The intent a message answers an intake question with. A second unsure message in a row is no
    answer: then the fallback takes over, so an unsure "stop" never keeps her in the check."""
    intent = latest_intent(tracker)
    if intent == "nlu_fallback" and (previous_turn(tracker)[0].get("parse_data") or {}).get(
            "intent", {}).get("name") == "nlu_fallback":
        return None
    return intent


class ValidateSkinCheckForm(FormValidationAction):
    def name(self) -> str:
        return "validate_huidcheck_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = {name: tracker.get_slot(name) for name in intake.INTAKE_SLOTS}
        return intake.still_needed(slots, memory_from(tracker), tracker.get_slot("requested_slot"))

    def _requested(self, tracker: Tracker, slot: str) -> bool:
        """Is this message an answer to the question for `slot`? Never an urgent sign: the form
        then rejects it, so the rule for `dringend` answers first and the intake stops."""
        return tracker.get_slot("requested_slot") == slot and latest_intent(tracker) != "dringend"

    # --- extraction: None means "not an answer" (a topic switch) ---
    async def extract_intake_keuze(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._requested(tracker, "intake_keuze") or answer_intent(tracker) not in intake.ANSWER_INTENTS:
            return {}
        text = tracker.latest_message.get("text") or ""
        return {"intake_keuze": intake.choice_answer(latest_entities(tracker), text, memory_from(tracker))}

    def validate_intake_keuze(
        self, value: str | None, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not value:
            dispatcher.utter_message(text=intake_texts()["keuze_onbekend"])
            return {"intake_keuze": None}
        return {"intake_keuze": value}

    async def extract_intake_signalen(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._requested(tracker, "intake_signalen"):
            return {}
        text = tracker.latest_message.get("text") or ""
        value = intake.signals_answer(answer_intent(tracker), latest_entities(tracker), memory_from(tracker), text)
        return {} if value is None else {"intake_signalen": value}

    async def extract_huidtype(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # A named skin type is filled by the slot's own from_entity mapping;
        # here only an answer without one is turned into a re-ask.
        if not self._requested(tracker, "huidtype") or any(e.entity == "huidtype" for e in latest_entities(tracker)):
            return {}
        return {"huidtype": ""} if answer_intent(tracker) in intake.ANSWER_INTENTS else {}

    async def extract_intake_ingreep(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._requested(tracker, "intake_ingreep"):
            return {}
        value = intake.procedure_answer(answer_intent(tracker), memory_from(tracker))
        return {} if value is None else {"intake_ingreep": value}

    async def extract_intake_dagen(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._requested(tracker, "intake_dagen"):
            return {}
        value = intake.days_answer(answer_intent(tracker), memory_from(tracker))
        return {} if value is None else {"intake_dagen": value}

    async def extract_intake_medisch(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._requested(tracker, "intake_medisch"):
            return {}
        value = intake.medical_answer(answer_intent(tracker), latest_entities(tracker), memory_from(tracker))
        return {} if value is None else {"intake_medisch": value}

    async def extract_toestemming_gezondheid(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._requested(tracker, intake.CONSENT):
            return {}
        value = intake.consent_answer(answer_intent(tracker))
        return {} if value is None else {intake.CONSENT: value}

    # --- validation: an empty or vague answer gets a Dutch re-ask ---
    def validate_toestemming_gezondheid(
        self, value: str | None, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value not in (intake.YES_UNSPECIFIED, intake.NO):
            dispatcher.utter_message(text=privacy.consent_unclear())
            return {intake.CONSENT: None}
        return {intake.CONSENT: value}

    def validate_intake_signalen(
        self, value: str | None, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not value:
            dispatcher.utter_message(response="utter_signalen_onbekend")
            return {"intake_signalen": None}
        return {"intake_signalen": value}

    def validate_huidtype(
        self, value: str | None, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not value:
            dispatcher.utter_message(response="utter_huidtype_onbekend")
            return {"huidtype": None}
        return {"huidtype": value}

    def validate_intake_ingreep(
        self, value: str | None, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not value or value == intake.YES_UNSPECIFIED:
            dispatcher.utter_message(response="utter_vraag_welke_ingreep")
            return {"intake_ingreep": None}
        return {"intake_ingreep": value}

    def validate_intake_dagen(
        self, value: str | None, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not value:
            dispatcher.utter_message(response="utter_dagen_onbekend")
            return {"intake_dagen": None}
        return {"intake_dagen": value}

    def validate_intake_medisch(
        self, value: str | None, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not value or value == intake.YES_UNSPECIFIED:
            dispatcher.utter_message(response="utter_vraag_welke_aandoening")
            return {"intake_medisch": None}
        return {"intake_medisch": value}


class ActionAskPhaseChoice(Action):
    """The intake's question when two phases are equally likely (buttons per phase)."""

    def name(self) -> str:
        return "action_ask_intake_keuze"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        send(dispatcher, intake.choice_question(memory_from(tracker)))
        return []


class ActionAskConsent(Action):
    """Before the first health question: may I ask about your health (GDPR art. 9)?"""

    def name(self) -> str:
        return "action_ask_toestemming_gezondheid"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        send(dispatcher, privacy.consent_question())
        return []


class ActionPhaseResult(Action):
    """After the intake: the phase, its explanation and care, and the hand-off summary."""

    def name(self) -> str:
        return "action_fase_uitslag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot(intake.CONSENT) == intake.NO:  # declined: general, safe advice; asked again next time
            send(dispatcher, privacy.without_consent())
            return [SlotSet(intake.CONSENT, None), SlotSet("open_vraag", None)]
        memory = memory_from(tracker)
        reply, assessment = phase_reply(memory, tracker.get_slot("intake_keuze"))
        send(dispatcher, reply)
        events = [
            SlotSet("fase", assessment.phase),
            SlotSet("contra_indicaties", list(contraindications_for(memory.facts(assessment.phase)))),
            *reply_events(tracker, reply),
            SlotSet("open_vraag", None),
        ]
        return events + handoff_events(tracker, events)
