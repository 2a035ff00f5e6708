"""thank: "graag gedaan"; a thanks that also says goodbye ("dank je wel voor de tips, doei!") gets a
farewell instead of "heb je nog een vraag?" (taal.yml `afscheid`)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.rules.follow_up import says_goodbye


class ActionThank(Action):
    def name(self) -> str:
        return "action_bedanken"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        dispatcher.utter_message(response="utter_thank_goodbye" if says_goodbye(text) else "utter_thank")
        return []
