"""help: what Huidbot can do; "wat kan ik zelf doen?" after advice is more of that advice, after
a skin type she told ("mijn huid is vet") what the sources advise for it."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.concern_advice import ActionConcernAdvice
from actions.safety_answer import ActionSafetyAnswer
from actions.tracker_state import facts_from, facts_said_before, reply_events, send
from bot.knowledge import load_knowledge
from bot.replies.answers import referred_reply
from bot.replies.concern import CONCERNS, cause_reply
from bot.replies.safety_answer import what_instead_reply
from bot.replies.skin_type import skin_type_reply
from bot.rules.follow_up import asks_for_diagnosis, asks_self_care
from bot.rules.outside import outside_knowledge_in


class ActionHelp(Action):
    def name(self) -> str:
        return "action_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if outside_knowledge_in(text):  # "ik ben vorige maand geopereerd": what that means for a treatment
            return await ActionSafetyAnswer().run(dispatcher, tracker, domain)
        facts, concern = facts_from(tracker), tracker.get_slot("huidzorg")
        # the advice under discussion, not aftercare for a treatment she never had ("mag ik microneedling?")
        advising = concern in CONCERNS and (concern != "na_peeling" or facts.last_procedure is not None)
        # "wat kan ik dan wel doen?" after a verdict (with no advice under discussion also "wat kan ik doen?")
        reply = what_instead_reply(facts, text, self_care=not advising) or cause_reply(concern, text)
        if reply is None and asks_for_diagnosis(text):  # "wat kan dat zijn?" after telling what she sees
            dispatcher.utter_message(text=load_knowledge().teksten.wat_is_het)
            return []
        if reply is None and asks_self_care(text):
            if advising:
                return await ActionConcernAdvice().run(dispatcher, tracker, domain)
            # "en wat moet ik dan doen?" right after what the Reset phase is: that answer told in full
            reply = referred_reply(text, None, facts, tracker.get_slot("huidtype"),
                                   just_said=tracker.get_slot("genoemde_feiten") or ()) or skin_type_reply(
                facts, tracker.get_slot("huidtype"), said_before=facts_said_before(tracker))  # "mijn huid is vet"
        if reply is not None:
            send(dispatcher, reply)
            return [SlotSet("open_vraag", reply.open_question), *reply_events(tracker, reply)]
        dispatcher.utter_message(response="utter_help")
        return []
