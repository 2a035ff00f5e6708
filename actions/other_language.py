"""Answer in Dutch to a message in another language (intent andere_taal)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.replies.other_language import general_response, other_language_answer


class ActionOtherLanguage(Action):
    def name(self) -> str:
        return "action_andere_taal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        bubble = other_language_answer(tracker.latest_message.get("text"))
        if bubble is None:
            dispatcher.utter_message(response=general_response())
        else:
            dispatcher.utter_message(text=bubble.text, buttons=[b.as_dict() for b in bubble.buttons])
        return []
