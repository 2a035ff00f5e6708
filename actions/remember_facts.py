"""The fact memory, run after every user message through Rasa's hook action
`action_validate_slot_mappings`: keeps conditions, medication, the last procedure
and signals up to date, recomputes the provisional phase and the contract slot `contra_indicaties`,
whatever the topic."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import (
    latest_entities,
    latest_intent,
    memory_from,
    memory_slots,
    slot_before_message,
    unsure_message_replaced,
)
from bot.replies.clarify import likeliest_intent
from bot.replies.concern import note_skin_statement
from bot.replies.skin_type import skin_meant
from bot.rules.facts import update_memory
from bot.rules.safety import contraindications_for


class ActionRememberFacts(Action):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        open_question = tracker.get_slot("requested_slot") or tracker.get_slot("open_vraag")
        text, intent = tracker.latest_message.get("text") or "", latest_intent(tracker)
        unsure = intent == "nlu_fallback"
        # unsure, "ik ben erg verbrand" still tells about her skin: read by the likeliest intent
        skin_intent = likeliest_intent(tracker.latest_message.get("intent_ranking", [])) if unsure else intent
        before, told, earlier_phase = memory_from(tracker), {}, tracker.get_slot("voorlopige_fase")
        replaced = unsure_message_replaced(tracker)
        if replaced is not None:  # what the reverted unsure message told stays known
            said, named = replaced
            before = update_memory(before, said, None, named)
            # "ik heb last van zonnebrand op mijn neus": her skin's signals and the phase they point to, too
            before, provisional, about_her_skin = note_skin_statement(before, said, None, None, unsure=True)
            earlier_phase = provisional if about_her_skin else earlier_phase
            types = [e.value for e in named if e.entity == "huidtype"] if skin_meant(said) else []
            told = {"huidtype": types[-1]} if types and not tracker.get_slot("huidtype") else {}
        after = update_memory(before, text, intent, latest_entities(tracker), open_question)
        after, provisional, about_her_skin = note_skin_statement(after, text, skin_intent, open_question,
                                                                 unsure=unsure)
        slots = {**told, **memory_slots(after)}
        if not skin_meant(text):  # "ik heb een droge hoest": the slot mapping took "droog" as her skin type
            slots["huidtype"] = slot_before_message(tracker, "huidtype")
        slots["voorlopige_fase"] = provisional if about_her_skin else earlier_phase
        phase = tracker.get_slot("fase") or slots["voorlopige_fase"]
        slots["contra_indicaties"] = list(contraindications_for(after.facts(phase)))
        return [
            SlotSet(name, value)
            for name, value in slots.items()
            if value != tracker.get_slot(name) and not (value == [] and tracker.get_slot(name) is None)
        ]
