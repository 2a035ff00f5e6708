"""Advice per skin concern and the answer to its follow-up question."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.salon import ActionSalonInfo
from actions.short_follow_up import answer_short_follow_up
from actions.tracker_state import (
    after_salon_answer,
    asked_now,
    days_answered_for,
    facts_and_whose,
    facts_from,
    facts_said_before,
    latest_entities,
    latest_intent,
    previous_turn,
    reply_events,
    send,
    signals_said,
    skin_type_told,
    text_told,
    told_skin_type,
    treatment_asked,
)
from bot.knowledge import load_knowledge
from bot.replies import salon
from bot.replies.concern import (
    CONCERNS,
    FOLLOWUP_PREFIX,
    KEEPING_IT_GOOD,
    answer_to_followup,
    cause_reply,
    concern_reply,
    denied_concern,
    duration_reply,
    followup_reply,
    pending_followup,
    salon_for_concern_reply,
    with_duration_lead,
)
from bot.replies.reply import with_lead
from bot.replies.safety_answer import safety_reply
from bot.replies.skin_type import DRY, skin_type_reply
from bot.replies.tight_skin import TIGHT_QUESTION, concern_of_message, feels_tight, tight_answer, tight_question
from bot.rules.durations import complaint_duration
from bot.rules.follow_up import asks_cause


class ActionConcernAdvice(Action):
    """Tailored advice for the concern of this message (or the last one)."""

    def name(self) -> str:
        return "action_huidadvies"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        follow_up = await answer_short_follow_up(dispatcher, tracker, domain)  # "en gua sha?"
        if follow_up is not None:
            return follow_up
        intent = latest_intent(tracker)
        text = tracker.latest_message.get("text") or ""
        concern = _concern(tracker, intent)
        if concern not in CONCERNS:
            return await _without_concern(dispatcher, tracker, domain)
        offer = salon_for_concern_reply(concern, facts_from(tracker)) if salon.asks_for_concern(text) else None
        if offer is not None:  # "kan ik bij jullie terecht voor iets tegen acnelittekens?": what the salon offers
            send(dispatcher, offer)
            return [SlotSet("huidzorg", concern), SlotSet("open_vraag", None), *reply_events(tracker, offer)]
        given = [a for a in tracker.get_slot("advies_gegeven") or [] if a.startswith(f"{concern}:")]
        cause = cause_reply(concern, text) if given else None  # "komt dat door te weinig slaap?" after the advice
        if cause is not None:
            send(dispatcher, cause)
            return [SlotSet("huidzorg", concern), *reply_events(tracker, cause)]
        # "mijn huid trekt ook", also later ("ik heb geen ontstoken puisten meer hoor" after a question about
        # microneedling): the answer to the question the advice asked
        pending = pending_followup(concern, tracker.get_slot("open_vraag"), tracker.get_slot("advies_gegeven") or (),
                                   facts_said_before(tracker))
        answer = answer_to_followup(pending, concern, text) if given else None
        if answer is not None:
            reply = followup_reply(pending, answer == "ja", facts_from(tracker),
                                   phase_known=tracker.get_slot("fase") is not None)
        else:
            facts, someone_else = facts_and_whose(tracker)  # "mijn vriendin had gisteren microneedling, mag zij …?"
            reply = concern_reply(concern, facts, text_told(tracker), again=bool(given),
                                  told_all=f"{concern}:meer" in given,
                                  asked=asked_now(tracker) or days_answered_for(tracker),
                                  said_before=facts_said_before(tracker))
            reply = with_lead(reply, load_knowledge().teksten.voor_een_ander) if someone_else else reply
        told = complaint_duration(text) if concern != "na_peeling" else None  # "al twee weken"
        reply = with_duration_lead(reply, told, facts_said_before(tracker)) if told is not None else reply
        send(dispatcher, reply)
        return [
            SlotSet("huidzorg", concern),
            SlotSet("open_vraag", reply.open_question),
            *reply_events(tracker, reply),
        ]


def _concern(tracker: Tracker, intent: str | None) -> str | None:
    """The concern of this message: its intent's; for an addition with no concern yet, after a treatment
    she had ("ik ben vorige week gelaserd"), aftercare; else the concern of a signal it names ("vooral
    puistjes op mijn kin"). Signals she denies are not hers ("ik heb nog geen rimpels, moet ik al iets doen?")."""
    current = tracker.get_slot("huidzorg")
    text = tracker.latest_message.get("text") or ""
    if current in CONCERNS and asks_cause(text) and "action_huidadvies" in previous_turn(tracker)[1]:
        return current  # "ligt dat aan mijn slechte slaap?" right after the advice for a dull skin: its cause
    aftercare = "na_peeling" if tracker.get_slot("behandeling") else None
    # "mijn huid voelt zo strak" read as stress: a skin that feels tight is no tension (bot/replies/tight_skin.py)
    tight_not_tense = intent == "stress" and current != "stress" and feels_tight(text)
    own = intent if intent in CONCERNS and not tight_not_tense else None
    concern = own or current or aftercare or concern_of_message(text, signals_said(tracker))
    return unless_denied(tracker, concern) if intent == concern else concern


def unless_denied(tracker: Tracker, concern: str | None) -> str | None:
    """Keeping the skin good instead of a new concern whose signals the message all denies ("ik heb nog
    geen rimpels, moet ik al iets doen?"). For the concern under discussion, "geen ontstoken puisten" answers."""
    text = tracker.latest_message.get("text") or ""
    spans = [(e.value, e.start, e.end) for e in latest_entities(tracker)
             if e.entity == "signaal" and e.start is not None and e.end is not None]
    new = concern in CONCERNS and tracker.get_slot("huidzorg") != concern
    return KEEPING_IT_GOOD if new and denied_concern(text, spans) else concern


async def _without_concern(dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: dict[str, Any]) -> list[dict[str, Any]]:
    """An addition with no concern to add to: "en gua sha thuis?" gets the verdict on it, a skin
    type the sources' advice for it, a day or another salon topic right after a salon answer that answer."""
    asked = treatment_asked(tracker)
    reply = safety_reply(facts_from(tracker), asked) if asked else skin_type_reply(
        facts_from(tracker), *skin_type_told(tracker), said_before=facts_said_before(tracker))  # "super droog"
    text = tracker.latest_message.get("text") or ""
    told = complaint_duration(text)
    if reply is None and told is not None and tracker.get_slot("huidtype"):  # "al twee weken" after a dry skin
        reply = duration_reply(told, facts_said_before(tracker))
    if reply is None and feels_tight(text):  # "mijn huid trekt na het douchen": also dry?
        reply = tight_question()
    if reply is None and after_salon_answer(tracker) and salon.topics_in(text):
        # "oke dan maandag" right after "op zondag zijn we gesloten": that day's hours
        return await ActionSalonInfo().run(dispatcher, tracker, domain)
    if reply is None:
        dispatcher.utter_message(response="utter_help")
        return [SlotSet("open_vraag", None)]
    send(dispatcher, reply)
    return [SlotSet("open_vraag", reply.open_question), *told_skin_type(tracker), *reply_events(tracker, reply)]


# The offer of the phase check, whichever reply made it, and the form that does the check.
SKIN_CHECK_OFFER = "huidcheck_aanbod"
SKIN_CHECK_FORM = "huidcheck_form"


class ActionFollowupAnswer(Action):
    """Answers yes/no to the follow-up question, then offers the phase check."""

    def name(self) -> str:
        return "action_vervolg_antwoord"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        open_question = tracker.get_slot("open_vraag") or ""
        if open_question == TIGHT_QUESTION:  # "Voelt je huid daarbij ook droog aan?" "ja"
            dry = latest_intent(tracker) == "affirm"
            tight = tight_answer(dry, facts_from(tracker), said_before=facts_said_before(tracker))
            send(dispatcher, tight)
            return [SlotSet("open_vraag", tight.open_question), *([SlotSet("huidtype", DRY)] if dry else []),
                    *reply_events(tracker, tight)]
        if (open_question != SKIN_CHECK_OFFER and not open_question.startswith(FOLLOWUP_PREFIX)
                and "action_huidadvies" not in previous_turn(tracker)[1]):  # a "ja" that answers nothing
            dispatcher.utter_message(response="utter_iets_anders")
            return [SlotSet("open_vraag", None)]
        if open_question == SKIN_CHECK_OFFER:  # "ja graag" to "Zal ik een huidcheck doen?", after any answer
            if latest_intent(tracker) == "affirm":
                return [SlotSet("open_vraag", None), FollowupAction(SKIN_CHECK_FORM)]
            dispatcher.utter_message(response="utter_iets_anders")
            return [SlotSet("open_vraag", None)]
        reply = followup_reply(
            tracker.get_slot("open_vraag"),
            answer_yes=latest_intent(tracker) == "affirm",
            facts=facts_from(tracker),
            phase_known=tracker.get_slot("fase") is not None,
        )
        send(dispatcher, reply)
        return [SlotSet("open_vraag", reply.open_question)]
