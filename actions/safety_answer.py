"""medische_situatie: check the known facts before saying anything about a treatment."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import (
    facts_and_whose,
    reply_events,
    send,
    signals_said,
    treatment_in_question,
)
from bot.replies.concern import concern_of
from bot.replies.safety_answer import safety_reply
from bot.rules.diagnosis import asked_diagnosis


class ActionSafetyAnswer(Action):
    def name(self) -> str:
        return "action_veiligheid"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        facts, someone_else = facts_and_whose(tracker)  # "mijn moeder heeft rosacea, kan zij …?"
        reply = safety_reply(facts, treatment_in_question(tracker), concern_of(signals_said(tracker)),
                             diagnosis=asked_diagnosis(text), someone_else=someone_else)
        send(dispatcher, reply)
        return [SlotSet("open_vraag", reply.open_question), *reply_events(tracker, reply)]

