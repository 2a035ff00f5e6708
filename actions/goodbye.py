"""goodbye: the farewell; "en tot hoe laat?" right after the opening hours is no farewell but the next
salon question (the classifier reads "tot" as "tot ziens")."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.salon import ActionSalonInfo
from actions.tracker_state import after_salon_answer
from bot.replies import salon


class ActionGoodbye(Action):
    def name(self) -> str:
        return "action_afscheid"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if text.rstrip().endswith("?") and after_salon_answer(tracker) and salon.topics_in(text):
            return await ActionSalonInfo().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_goodbye")
        return []
