"""The hand-off summary for the salon, stored with the conversation."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.replies.handoff import FIELDS, SLOT, build_summary


def handoff_events(tracker: Tracker, pending: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """SlotSet for the summary slot, with the slot events of this turn applied."""
    values = {name: tracker.get_slot(name) for name in FIELDS}
    values.update({e["name"]: e["value"] for e in pending if e.get("event") == "slot" and e["name"] in values})
    return [SlotSet(SLOT, build_summary(values))]
