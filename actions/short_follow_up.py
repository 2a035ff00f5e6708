"""A short follow-up that names a treatment ("en microneedling?", "wat met gua sha?"): the
previous question again, about that treatment, whatever intent the few words got."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_answer import ActionKnowledgeAnswer
from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionSalonInfo, salon_duration_follow_up, send_bubbles
from actions.tracker_state import continued_question, later_follow_up, reply_events, send, short_follow_up_kind


async def answer_short_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The verdict ("mag ik microneedling?" "en een gezichtsmassage?") or the knowledge answer
    ("hoe lang duurt een gezichtsmassage?" "en microneedling?") or the practical one ("wat kost een
    gezichtsmassage?" "en microneedling?"), and right after a price "en hoe lang duurt die?" how long it
    takes at the salon, and "en over een maand?" after a wait the verdict then; None for every other message."""
    if how_long := salon_duration_follow_up(tracker):  # "wat kost een gezichtsmassage?" "en hoe lang duurt die?"
        send_bubbles(dispatcher, how_long)
        return []
    later = later_follow_up(tracker)  # "en over een maand?" after the wait after her fillers
    if later is not None:
        send(dispatcher, later)
        return reply_events(tracker, later)
    continued = continued_question(tracker)  # "en met acne littekens?" after "is microneedling ... geschikt?"
    if continued is not None:
        send(dispatcher, continued)
        return reply_events(tracker, continued)
    kind = short_follow_up_kind(tracker)
    if kind == "verdict":
        return await ActionSafetyAnswer().run(dispatcher, tracker, domain)
    if kind == "knowledge":
        return await ActionKnowledgeAnswer().run(dispatcher, tracker, domain)
    if kind == "salon":
        return await ActionSalonInfo().run(dispatcher, tracker, domain)
    return None
