"""Follow-ups the previous turn settles, whatever intent their few words got: a short follow-up that
names a treatment ("en microneedling?", "wat met gua sha?": the previous question again, about that
treatment), how long a treatment just priced takes, a later moment after a wait ("en over een maand?")
and a question that continues a knowledge question ("en met acne littekens?")."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_answer import ActionKnowledgeAnswer
from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionSalonInfo, salon_duration_follow_up, send_bubbles
from actions.tracker_state import (
    facts_from,
    memory_from,
    previous_turn,
    reply_events,
    send,
    short_follow_up_kind,
    treatment_just_asked,
)
from bot.replies.answers import referred_reply
from bot.replies.reply import Reply
from bot.replies.safety_answer import DEFAULT_REQUEST, later_reply
from bot.rules.durations import days_ahead
from bot.rules.follow_up import continues_question, treatments_named


async def answer_short_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The verdict ("mag ik microneedling?" "en een gezichtsmassage?") or the knowledge answer
    ("hoe lang duurt een gezichtsmassage?" "en microneedling?") or the practical one ("wat kost een
    gezichtsmassage?" "en microneedling?"), and right after a price "en hoe lang duurt die?" how long it
    takes at the salon, and "en over een maand?" after a wait the verdict then; None for every other message."""
    if how_long := salon_duration_follow_up(tracker):  # "wat kost een gezichtsmassage?" "en hoe lang duurt die?"
        send_bubbles(dispatcher, how_long)
        return []
    # "en over een maand?" after the wait after her fillers; "en met acne littekens?" after "is microneedling
    # geschikt voor een donkere huid?"
    reply = later_follow_up(tracker) or continued_question(tracker)
    if reply is not None:
        send(dispatcher, reply)
        return reply_events(tracker, reply)
    kind = short_follow_up_kind(tracker)
    if kind == "verdict":
        return await ActionSafetyAnswer().run(dispatcher, tracker, domain)
    if kind == "knowledge":
        return await ActionKnowledgeAnswer().run(dispatcher, tracker, domain)
    if kind == "salon":
        return await ActionSalonInfo().run(dispatcher, tracker, domain)
    return None


def continued_question(tracker: Tracker) -> Reply | None:
    """A question that continues a knowledge question about a treatment ("is microneedling geschikt
    voor een donkere huid?" "en met acne littekens?"): the answer about that treatment, when its words
    match one clearly, whatever intent it got; None for every other message."""
    text = tracker.latest_message.get("text") or ""
    if "action_kennis" not in previous_turn(tracker)[1] or not continues_question(text):
        return None
    treatment = treatment_just_asked(tracker)
    if treatment is None or treatments_named(text):
        return None
    return referred_reply(text, treatment, facts_from(tracker), tracker.get_slot("huidtype"),
                          just_said=tracker.get_slot("genoemde_feiten") or (), pointer=True)


def later_follow_up(tracker: Tracker) -> Reply | None:
    """"en over een maand?" with her recovery known: the verdict on the treatment asked about (else a
    massage) that many days from now; None for every other message."""
    ahead = days_ahead(tracker.latest_message.get("text") or "")
    facts = facts_from(tracker)
    if ahead is None or facts.last_procedure is None or facts.days_since_procedure is None:
        return None
    asked = memory_from(tracker).asked_treatment
    return later_reply(facts, asked if asked and asked != facts.last_procedure else DEFAULT_REQUEST, ahead)
