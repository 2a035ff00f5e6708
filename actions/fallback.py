"""First stage of the two-stage fallback, in Dutch."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import (
    TOLD_SLOTS,
    facts_from,
    reply_events,
    send,
    skin_type_told,
    treatment_asked,
    treatment_just_asked,
)
from bot.replies.answers import referred_reply
from bot.replies.clarify import likeliest_intent, likely_meanings, response_for_bad_input
from bot.replies.concern import CONCERNS, concern_reply
from bot.replies.safety_answer import unsure_message_reply
from bot.replies.skin_type import skin_type_reply
from bot.rules.input_guard import INPUT_KIND_KEY

# Likeliest meanings that the knowledge base does not answer: an unsure "is dat duur?" after a
# microneedling answer asks a price (salon_info), "wat vind je van het weer?" nothing of ours.
NOT_KNOWLEDGE = frozenset({"out_of_scope", "salon_info", "afspraak_maken"})


class ActionDefaultAskAffirmation(Action):
    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message
        response = response_for_bad_input(message.get("text"), message.get(INPUT_KIND_KEY))
        if response:
            dispatcher.utter_message(response=response)
            return []
        text = message.get("text") or ""
        facts = facts_from(tracker)
        ranking = message.get("intent_ranking", [])
        answer = (unsure_message_reply(facts, treatment_asked(tracker), text)
                  or skin_type_reply(facts, *skin_type_told(tracker)))
        if answer is None and likeliest_intent(ranking) not in NOT_KNOWLEDGE:  # "doet dat pijn?" after microneedling
            answer = referred_reply(text, treatment_just_asked(tracker), facts, tracker.get_slot("huidtype"),
                                    just_said=tracker.get_slot("genoemde_feiten") or ())
        if answer is not None:  # "mag ik al masseren?" the day after botox: the answer, not a question
            send(dispatcher, answer)
            return [*answered_from_context(tracker), *reply_events(tracker, answer)]
        concern = between_two_concerns(ranking)
        if concern is not None:  # "stress, een doffe huid en puistjes": advice for the likeliest
            reply = concern_reply(concern, facts, text, asked=treatment_asked(tracker))
            send(dispatcher, reply)
            return [*answered_from_context(tracker), SlotSet("huidzorg", concern),
                    SlotSet("open_vraag", reply.open_question), *reply_events(tracker, reply)]
        bubble = likely_meanings(ranking)
        dispatcher.utter_message(text=bubble.text, buttons=[b.as_dict() for b in bubble.buttons])
        return []


def between_two_concerns(ranking: list[dict[str, Any]]) -> str | None:
    """Unsure only which of two skin concerns a message is about ("veel stress, mijn huid is dof en
    ik krijg puistjes"): it is about her skin either way, so the likeliest gets its advice instead
    of "bedoel je…?". Aftercare needs a treatment she had, which FallbackRescue settles."""
    likeliest = [r.get("name") for r in ranking if r.get("name") != "nlu_fallback"][:2]
    skin = [name for name in likeliest if name in CONCERNS and name != "na_peeling"]
    return skin[0] if len(skin) == 2 else None


def answered_from_context(tracker: Tracker) -> list[dict[str, Any]]:
    """Close the two-stage fallback as answered, the way Rasa's own default fallback does: the
    unsure message leaves the dialogue state (so a next unsure one is not "two in a row", which
    gives up), its text stays in the history, and the facts it added are kept."""
    return [UserUtteranceReverted(), *(SlotSet(name, tracker.get_slot(name)) for name in TOLD_SLOTS)]
