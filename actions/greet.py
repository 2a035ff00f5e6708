"""greet: the greeting; one that names a treatment ("dag, ik heb een vraagje over gua sha") welcomes
that question instead of listing what Huidbot can do."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import asked_now, send
from bot.replies.answers import topic_question_reply


class ActionGreet(Action):
    def name(self) -> str:
        return "action_groet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        treatment = asked_now(tracker)
        reply = topic_question_reply(treatment) if treatment else None
        if reply is None:
            dispatcher.utter_message(response="utter_greet")
            return []
        send(dispatcher, reply)
        return []
