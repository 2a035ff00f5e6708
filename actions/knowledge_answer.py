"""Knowledge questions: massage, techniques, microneedling, frequency, products, ingredients.

The answer is chosen by bot.replies.answers (a button's `kennis_id`, else the question's words),
and goes through the one safety gate there; Rasa never sends it on its own.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import facts_from, latest_entities, latest_intent, memory_from, reply_events, send
from bot.replies.answers import ID_ENTITY, KNOWLEDGE_INTENTS, knowledge_reply


class ActionKnowledgeAnswer(Action):
    def name(self) -> str:
        return "action_kennis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        if intent not in KNOWLEDGE_INTENTS:
            intent = "gezichtsmassage_info"
        named = {e.entity: e.value for e in latest_entities(tracker)}
        text = tracker.latest_message.get("text") or ""
        memory = memory_from(tracker)
        reply = knowledge_reply(
            intent,
            facts_from(tracker),  # the phase the intake confirmed, else the provisional one
            skin_type=tracker.get_slot("huidtype"),
            treatment=memory.asked_treatment if "behandeling" in named else None,
            ingredient=named.get("ingredient"),
            question="" if text.startswith("/") else text,
            kennis_id=named.get(ID_ENTITY),
        )
        send(dispatcher, reply)
        return reply_events(tracker, reply)
