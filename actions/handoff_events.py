"""The hand-off summary for the salon, stored with the conversation."""
from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

SUMMARY_SLOTS = (
    "fase", "contra_indicaties", "huidtype", "behandeling", "dagen_sinds_behandeling",
    "signalen", "aandoeningen", "medicatie", "advies_gegeven",
)


def handoff_events(tracker: Tracker, pending: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """SlotSet for `intake_samenvatting`, with the slot events of this turn applied."""
    from bot.handoff import build_summary

    values = {name: tracker.get_slot(name) for name in SUMMARY_SLOTS}
    values.update({e["name"]: e["value"] for e in pending if e.get("event") == "slot" and e["name"] in values})
    return [SlotSet("intake_samenvatting", build_summary(values))]
