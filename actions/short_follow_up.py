"""A short follow-up that names a treatment ("en microneedling?", "wat met gua sha?"): the
previous question again, about that treatment, whatever intent the few words got."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_answer import ActionKnowledgeAnswer
from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionSalonInfo
from actions.tracker_state import short_follow_up_kind


async def answer_short_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The verdict ("mag ik microneedling?" "en een gezichtsmassage?") or the knowledge answer
    ("hoe lang duurt een gezichtsmassage?" "en microneedling?") or the practical one ("wat kost een
    gezichtsmassage?" "en microneedling?"); None for every other message."""
    kind = short_follow_up_kind(tracker)
    if kind == "verdict":
        return await ActionSafetyAnswer().run(dispatcher, tracker, domain)
    if kind == "knowledge":
        return await ActionKnowledgeAnswer().run(dispatcher, tracker, domain)
    if kind == "salon":
        return await ActionSalonInfo().run(dispatcher, tracker, domain)
    return None
