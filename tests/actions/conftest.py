"""Real rasa_sdk Trackers and a CollectingDispatcher for action tests."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def entity(text: str, word: str, kind: str, value: str | None = None) -> dict[str, Any]:
    """An NLU entity for `word` as it appears in `text` (with offsets)."""
    start = text.index(word)
    return {"entity": kind, "value": value or word, "start": start, "end": start + len(word)}


@pytest.fixture
def make_tracker(domain: dict[str, Any]) -> Callable[..., Tracker]:
    def make(
        text: str = "",
        intent: str | None = None,
        entities: list[dict[str, Any]] | None = None,
        slots: dict[str, Any] | None = None,
        ranking: list[dict[str, Any]] | None = None,
        active_loop: str | None = None,
    ) -> Tracker:
        all_slots = {name: None for name in domain["slots"]}
        all_slots.update(slots or {})
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0} if intent else {},
            "entities": entities or [],
            "intent_ranking": ranking or [],
        }
        return Tracker(
            sender_id="test",
            slots=all_slots,
            latest_message=latest,
            events=[],
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name="action_listen",
        )

    return make


@pytest.fixture
def run() -> Callable[..., tuple[CollectingDispatcher, list[dict[str, Any]]]]:
    def _run(action: Action, tracker: Tracker, domain: dict[str, Any] | None = None):
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, tracker, domain or {}))
        return dispatcher, events

    return _run


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("text") for m in dispatcher.messages if m.get("text")]


def user_event(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """An earlier user message as a tracker event, with its intent and entities."""
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": entities or []}}


def with_turns(tracker: Tracker, *turns: tuple[dict[str, Any], list[str]]) -> Tracker:
    """The tracker with earlier messages, each with the actions that answered it, before the latest."""
    events: list[dict[str, Any]] = []
    for user, actions in turns:
        events += [user, *({"event": "action", "name": a} for a in actions), {"event": "action", "name": "action_listen"}]
    events.append({"event": "user", "text": tracker.latest_message["text"], "parse_data": tracker.latest_message})
    tracker.events = events
    return tracker
