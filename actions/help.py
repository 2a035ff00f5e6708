"""help: what Huidbot can do; right after advice, "wat kan ik zelf doen?" is more of that advice."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.concern_advice import ActionConcernAdvice
from bot.replies.concern import CONCERNS
from bot.rules.follow_up import asks_self_care


class ActionHelp(Action):
    def name(self) -> str:
        return "action_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if tracker.get_slot("huidzorg") in CONCERNS and asks_self_care(text):
            return await ActionConcernAdvice().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_help")
        return []
