"""storage/sessions.py: long conversations go on in bounded sessions that forget no fact.

With Rasa's real SQLTrackerStore (SQLite file) and the project's domain: the tracker Rasa loads
for a turn stays small however long the conversation, every slot survives every new session,
and no session starts where a rule still needs the action before it. The same over REST with
the real servers: tests/e2e/test_long_conversation.py.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage.sessions import BoundedSessions, may_start_session, rule_contexts, session_events
from storage.tracker_store import HuidbotTrackerStore

ROOT = Path(__file__).resolve().parents[2]
MAX_EVENTS = 40
SAFETY = {"medicatie": ["bloedverdunners"], "contra_indicaties": ["bloedverdunners"],
          "aandoeningen": ["eczeem"], "behandeling": "chemische_peeling", "dagen_sinds_behandeling": 5.0}


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


class Store(BoundedSessions, SQLTrackerStore):
    """Rasa's own SQL tracker store with the mixin (the project's store: storage/tracker_store.py)."""


def _store(domain: Domain, tmp_path: Path, keep: tuple[str, ...] = ()) -> Store:
    return Store(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"),
                 max_session_events=MAX_EVENTS, keep_context_after=keep)


def _turn(tracker: DialogueStateTracker, intent: str, action: str, slots: dict | None = None) -> None:
    tracker.update(UserUttered(f"/{intent}", {"name": intent, "confidence": 1.0}))
    for name, value in (slots or {}).items():
        tracker.update(SlotSet(name, value))
    tracker.update(ActionExecuted(action))
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))


async def _talk(store: SQLTrackerStore, sender: str, turns: list[tuple[str, str, dict]]) -> list[int]:
    """Each turn as Rasa does it: load, add the turn, save. Returns the loaded sizes."""
    sizes = []
    for intent, action, slots in turns:
        tracker = await store.get_or_create_tracker(sender)
        sizes.append(len(tracker.events))
        _turn(tracker, intent, action, slots)
        await store.save(tracker)
    return sizes


def test_a_long_conversation_loads_a_bounded_tracker_and_keeps_every_fact(
        domain: Domain, database: dict[str, Any]) -> None:
    """With the project's tracker store, on SQLite and on PostgreSQL."""
    store = HuidbotTrackerStore(domain, max_session_events=MAX_EVENTS, **database)
    store.purger.stop()
    turns = [("medische_situatie", "action_veiligheid", SAFETY)]
    turns += [("greet", "utter_greet", {}), ("thank", "utter_thank", {"genoemde_feiten": ["x"]})] * 150
    sizes = asyncio.run(_talk(store, "lang", turns))

    assert max(sizes) <= MAX_EVENTS + 4 + len(domain.slots) + 2  # one turn more than the limit, plus carry-over
    assert sizes[-1] < sizes[10] * 3
    last = asyncio.run(store.retrieve("lang"))
    assert last is not None
    for name, value in SAFETY.items():
        assert last.get_slot(name) == value, name
    full = asyncio.run(store.retrieve_full_tracker("lang"))
    assert full is not None
    sessions = sum(isinstance(e, SessionStarted) for e in full.events)
    assert sessions >= 10
    assert sum(isinstance(e, UserUttered) for e in full.events) == len(turns)  # nothing lost, nothing doubled


def test_without_a_limit_reached_nothing_changes(domain: Domain, tmp_path: Path) -> None:
    store = _store(domain, tmp_path)
    asyncio.run(_talk(store, "kort", [("greet", "utter_greet", {})] * 5))
    tracker = asyncio.run(store.retrieve_full_tracker("kort"))
    assert tracker is not None and not any(isinstance(e, SessionStarted) for e in tracker.events)


def _long_tracker(domain: Domain, last_action: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events("t", [], slots=domain.slots)
    for _ in range(MAX_EVENTS):
        _turn(tracker, "greet", "utter_greet")
    _turn(tracker, "wallen", last_action)
    return tracker


def test_no_new_session_where_a_rule_continues_or_a_form_is_active(domain: Domain) -> None:
    keep = ("action_huidadvies",)
    assert may_start_session(_long_tracker(domain, "utter_greet"), MAX_EVENTS, keep)
    assert not may_start_session(_long_tracker(domain, "action_huidadvies"), MAX_EVENTS, keep)
    in_form = _long_tracker(domain, "huidcheck_form")
    in_form.update(ActiveLoop("huidcheck_form"))
    in_form.update(ActionExecuted(ACTION_LISTEN_NAME))
    assert not may_start_session(in_form, MAX_EVENTS, keep)


def test_a_follow_up_answer_after_the_limit_still_has_its_context(domain: Domain, tmp_path: Path) -> None:
    store = _store(domain, tmp_path, keep=("action_huidadvies",))
    asyncio.run(_talk(store, "vervolg", [("greet", "utter_greet", {})] * 13 + [("wallen", "action_huidadvies", {})]))
    tracker = asyncio.run(store.retrieve("vervolg"))
    assert tracker is not None and session_events(tracker) > MAX_EVENTS
    assert tracker.latest_action_name == ACTION_LISTEN_NAME
    assert [e.action_name for e in tracker.events if isinstance(e, ActionExecuted)][-2] == "action_huidadvies"
    assert not any(isinstance(e, SessionStarted) for e in tracker.events)
    asyncio.run(_talk(store, "vervolg", [("affirm", "action_vervolg_antwoord", {})]))  # now it may start
    tracker = asyncio.run(store.retrieve("vervolg"))
    assert tracker is not None and isinstance(tracker.events[0], SessionStarted) and session_events(tracker) < 10


def test_the_actions_rules_follow_up_on_are_read_from_data_rules(tmp_path: Path) -> None:
    assert {"action_huidadvies", "action_vervolg_antwoord", "action_veiligheid"} <= rule_contexts()
    assert "utter_greet" not in rule_contexts()
    (tmp_path / "r.yml").write_text(yaml.safe_dump({"rules": [
        {"rule": "a", "steps": [{"intent": "greet"}, {"action": "utter_greet"}]},
        {"rule": "b", "steps": [{"action": "action_x"}, {"intent": "affirm"}, {"action": "action_y"}]},
    ]}), encoding="utf-8")
    assert rule_contexts(tmp_path) == {"action_x"}
