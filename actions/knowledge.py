"""Knowledge questions: massage, techniques, microneedling, frequency, products, ingredients."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import advised, latest_entities, latest_intent, memory_from, send
from bot.dialoog.kennis import KNOWLEDGE_INTENTS, knowledge_reply


class ActionKennis(Action):
    def name(self) -> Text:
        return "action_kennis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = latest_intent(tracker)
        if intent not in KNOWLEDGE_INTENTS:
            intent = "gezichtsmassage_info"
        entities = latest_entities(tracker)
        memory = memory_from(tracker)
        named = {e.entity: e.value for e in entities}
        reply = knowledge_reply(
            intent,
            memory.facts(tracker.get_slot("fase")),
            huidtype=tracker.get_slot("huidtype"),
            behandeling=memory.gevraagde_behandeling if "behandeling" in named else None,
            ingredient=named.get("ingredient"),
        )
        send(dispatcher, reply)
        return [SlotSet("advies_gegeven", advised(tracker, reply))]
