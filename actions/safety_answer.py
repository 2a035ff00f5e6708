"""medische_situatie: check the known facts before saying anything about a treatment."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import latest_entities, memory_from, reply_events, send
from bot.replies.safety_answer import safety_reply


class ActionSafetyAnswer(Action):
    def name(self) -> str:
        return "action_veiligheid"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        memory = memory_from(tracker)
        names_treatment = any(e.entity == "behandeling" for e in latest_entities(tracker))
        reply = safety_reply(memory, tracker.get_slot("fase"), memory.asked_treatment if names_treatment else None)
        send(dispatcher, reply)
        return [SlotSet("open_vraag", reply.open_question), *reply_events(tracker, reply)]
