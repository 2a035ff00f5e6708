"""Advice per skin concern and the answer to its follow-up question."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import asked_now, facts_from, latest_intent, reply_events, send
from bot.replies.concern import CONCERNS, concern_reply, followup_reply


class ActionConcernAdvice(Action):
    """Tailored advice for the concern of this message (or the last one)."""

    def name(self) -> str:
        return "action_huidadvies"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        concern = intent if intent in CONCERNS else tracker.get_slot("huidzorg")
        if concern not in CONCERNS:
            dispatcher.utter_message(response="utter_help")
            return [SlotSet("open_vraag", None)]
        again = intent == concern and any(a.startswith(f"{concern}:") for a in tracker.get_slot("advies_gegeven") or [])
        reply = concern_reply(concern, facts_from(tracker), tracker.latest_message.get("text") or "",
                              again=again, asked=asked_now(tracker))
        send(dispatcher, reply)
        return [
            SlotSet("huidzorg", concern),
            SlotSet("open_vraag", reply.open_question),
            *reply_events(tracker, reply),
        ]


class ActionFollowupAnswer(Action):
    """Answers yes/no to the follow-up question, then offers the phase check."""

    def name(self) -> str:
        return "action_vervolg_antwoord"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        reply = followup_reply(
            tracker.get_slot("open_vraag"),
            answer_yes=latest_intent(tracker) == "affirm",
            facts=facts_from(tracker),
            phase_known=tracker.get_slot("fase") is not None,
        )
        send(dispatcher, reply)
        return [SlotSet("open_vraag", reply.open_question)]
