"""medische_situatie: check the known facts before saying anything about a treatment."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import advised, latest_entities, memory_from, send
from bot.dialoog.veiligheid import safety_reply


class ActionVeiligheid(Action):
    def name(self) -> Text:
        return "action_veiligheid"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        memory = memory_from(tracker)
        names_treatment = any(e.entity == "behandeling" for e in latest_entities(tracker))
        asked = memory.gevraagde_behandeling if names_treatment else None
        reply = safety_reply(memory, tracker.get_slot("fase"), asked)
        send(dispatcher, reply)
        return [SlotSet("open_vraag", reply.open_vraag), SlotSet("advies_gegeven", advised(tracker, reply))]
