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
from bot.replies.answers import answered_ingredient
from bot.replies.concern import concern_of
from bot.replies.reply import with_lead
from bot.replies.safety_answer import (
    ingredient_outside_reply,
    named_ingredient_reply,
    product_question_lead,
    safety_reply,
    taken_back_lead,
    verdict_and_answer,
    when_phase_reply,
)
from bot.rules.diagnosis import asked_diagnosis
from bot.rules.follow_up import refers_back


class ActionSafetyAnswer(Action):
    def name(self) -> str:
        return "action_veiligheid"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        facts, someone_else = facts_and_whose(tracker)  # "mijn moeder heeft rosacea, kan zij …?"
        treatment = treatment_in_question(tracker)
        taken_back = taken_back_lead(facts, text)  # "nee wacht, ik gebruik geen bloedverdunners"
        if taken_back and treatment is None:
            dispatcher.utter_message(text=taken_back)
            return [SlotSet("open_vraag", None)]
        ingredient = (answered_ingredient(tracker.get_slot("genoemde_feiten") or ())
                      if treatment is None and refers_back(text) else None)
        diagnosis = asked_diagnosis(text)
        # "wanneer kan dat?" after "een peeling kan, maar … in welke fase je huid zit, weet ik nog niet"
        when = None if someone_else or diagnosis else when_phase_reply(facts, treatment, text)
        if when is not None:
            send(dispatcher, when)
            return [SlotSet("open_vraag", when.open_question), *reply_events(tracker, when)]
        # "mag ik dat gebruiken als ik zwanger ben?" right after retinoids: about them, not a massage;
        # "hoe vaak mag ik masseren met couperose?": the verdict, then how often
        reply = ((ingredient_outside_reply(facts, ingredient) if ingredient else None)
                 # "mag ik niacinamide gebruiken met roaccutane?": about niacinamide, not a massage
                 or (named_ingredient_reply(facts, text, outside_only=True) if treatment is None else None)
                 or (None if diagnosis or someone_else else verdict_and_answer(facts, treatment, text))
                 or safety_reply(facts, treatment, concern_of(signals_said(tracker)), diagnosis=diagnosis,
                                 someone_else=someone_else))
        # "ik heb rosacea, welke crème kan ik gebruiken?": her question heard first, then the verdict
        # (also when the product names a treatment: "welke olie kan ik gebruiken?" is asked as a massage)
        lead = taken_back or (None if diagnosis or someone_else else product_question_lead(facts, text))
        reply = with_lead(reply, lead) if lead else reply
        send(dispatcher, reply)
        return [SlotSet("open_vraag", reply.open_question), *reply_events(tracker, reply)]

