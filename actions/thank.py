"""thank: "graag gedaan"; a thanks that also says goodbye ("dank je wel voor de tips, doei!") gets a
farewell instead of "heb je nog een vraag?" (taal.yml `afscheid`)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.knowledge import load_knowledge
from bot.textnorm import find_words


def says_goodbye(text: str) -> bool:
    """The message holds a farewell word or phrase."""
    return bool(find_words({"afscheid": load_knowledge().taal.afscheid}, text))


class ActionThank(Action):
    def name(self) -> str:
        return "action_bedanken"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        dispatcher.utter_message(response="utter_thank_goodbye" if says_goodbye(text) else "utter_thank")
        return []
