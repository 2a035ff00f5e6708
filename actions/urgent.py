"""dringend: a sign that needs a doctor now; whom to call comes first, no skin advice."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import reply_events, send
from bot.replies.urgent import urgent_reply
from bot.rules.urgent import UrgentSign, urgent_sign


class ActionUrgent(Action):
    def name(self) -> str:
        return "action_dringend"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        # The NLU component decided; without a sign in the text (a button), say the stricter one.
        sign = urgent_sign(tracker.latest_message.get("text")) or UrgentSign("onbekend", "112")
        reply = urgent_reply(sign)
        send(dispatcher, reply)
        return [SlotSet("open_vraag", None), *reply_events(tracker, reply)]
