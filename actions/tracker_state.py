"""Reading what bot/ needs from a Rasa tracker, and writing replies back."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.dialoog.geheugen import Entity, Memory
from bot.dialoog.reply import Reply


def latest_entities(tracker: Tracker) -> list[Entity]:
    return [
        Entity(e["entity"], str(e.get("value", "")), e.get("start"), e.get("end"))
        for e in tracker.latest_message.get("entities", [])
        if e.get("entity")
    ]


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def memory_from(tracker: Tracker) -> Memory:
    days = tracker.get_slot("dagen_sinds_behandeling")
    return Memory(
        aandoeningen=tuple(tracker.get_slot("aandoeningen") or ()),
        medicatie=tuple(tracker.get_slot("medicatie") or ()),
        signalen=tuple(tracker.get_slot("signalen") or ()),
        behandeling=tracker.get_slot("behandeling"),
        dagen_sinds_behandeling=float(days) if days is not None else None,
        gevraagde_behandeling=tracker.get_slot("gevraagde_behandeling"),
    )


def memory_slots(memory: Memory) -> dict[str, Any]:
    return {
        "aandoeningen": list(memory.aandoeningen),
        "medicatie": list(memory.medicatie),
        "signalen": list(memory.signalen),
        "behandeling": memory.behandeling,
        "dagen_sinds_behandeling": memory.dagen_sinds_behandeling,
        "gevraagde_behandeling": memory.gevraagde_behandeling,
    }


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    for bubble in reply.bubbles:
        dispatcher.utter_message(text=bubble.text, buttons=[b.as_dict() for b in bubble.buttons])


def advised(tracker: Tracker, reply: Reply) -> list[str]:
    """The `advies_gegeven` slot after this reply (for the hand-off summary)."""
    so_far = list(tracker.get_slot("advies_gegeven") or [])
    return so_far + [a for a in reply.advies if a not in so_far]
