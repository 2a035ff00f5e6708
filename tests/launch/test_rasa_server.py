"""launch/rasa_server.py: Rasa's own behaviour, reached faster."""
from __future__ import annotations

import datetime

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    Event,
    FollowupAction,
    LoopInterrupted,
    ReminderCancelled,
    ReminderScheduled,
    Restarted,
    SessionStarted,
    SlotSet,
    StoryExported,
    UserUtteranceReverted,
    UserUttered,
    deserialise_events,
)
from rasa.shared.utils.common import all_subclasses

from launch import rasa_server


def test_every_event_type_resolves_to_the_class_rasa_finds() -> None:
    for cls in all_subclasses(Event):
        assert rasa_server.resolve_event_type(cls.type_name) is rasa_server._resolve_event_type(cls.type_name)


def test_unknown_event_types_keep_rasas_answer() -> None:
    assert rasa_server.resolve_event_type("topic") is None
    assert rasa_server.resolve_event_type("geen_event", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="geen_event"):
        rasa_server.resolve_event_type("geen_event")


def test_stored_events_read_back_the_same_with_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)  # undone after the test
    rasa_server.cache_event_types()
    events = [UserUttered("ik slik bloedverdunners", {"name": "inform"}), SlotSet("medicatie", ["bloedverdunners"]),
              ActionExecuted("action_veiligheid")]
    assert deserialise_events([e.as_dict() for e in events]) == events


def test_action_answers_are_checked_as_rasa_checks_them() -> None:
    action = RemoteAction("action_kennis", None)
    good = {"events": [{"event": "slot", "name": "fase", "value": "Repair"}], "responses": [{"text": "Hoi"}]}
    assert rasa_server.check_action_response(action, good)
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        rasa_server.check_action_response(action, {"events": [{"name": "fase"}]})


def _answers() -> list[object]:
    """Answers as actions send them (every kind of event Rasa has), and broken variants of them."""
    events = [UserUttered("ik slik bloedverdunners", {"name": "inform", "confidence": 0.9},
                          [{"entity": "medicatie", "value": "bloedverdunners", "start": 7, "end": 23}]),
              SlotSet("contra_indicaties", ["CI_BLOEDVERDUNNERS"]), SlotSet("fase", None), ActionExecuted("action_kennis"),
              BotUttered("Ga eerst naar je huisarts.", {"buttons": [{"title": "Ja", "payload": "/affirm"}]}),
              SessionStarted(), Restarted(), ActiveLoop("huidcheck_form"), ActiveLoop(None), FollowupAction("action_listen"),
              AllSlotsReset(), UserUtteranceReverted(), ConversationPaused(), ConversationResumed(), StoryExported(),
              ReminderScheduled("EXTERNAL_herinnering", datetime.datetime(2026, 11, 29, 12, 0)), ReminderCancelled("herinnering"),
              LoopInterrupted(True), ActionExecutionRejected("action_kennis")]
    dicts = [e.as_dict() for e in events]
    answers: list[object] = [{"events": dicts, "responses": [{"text": "Hoi"}]}, {"events": []}, {}, {"responses": []}]
    answers += [{"events": [d]} for d in dicts]
    for d in dicts:
        answers += [{"events": [{k: v for k, v in d.items() if k != "event"}]},     # no type
                    {"events": [{**d, "event": "geen_event"}]},                      # unknown type
                    {"events": [{**d, "timestamp": "gisteren"}]},                    # wrong timestamp
                    {"events": [{**d, "event": 7}]}, {"events": [d, "slot"]}]
    answers += [{"events": [{"event": "slot", "name": 3, "value": 1}]}, {"events": [{"event": "user", "text": 5}]},
                {"events": {"event": "slot"}}, {"events": None}, {"responses": "Hoi"}, [], "events", None]
    return answers


def test_the_per_event_type_check_agrees_with_the_full_schema() -> None:
    full = rasa_server._answer_validators().full
    verdicts = [(rasa_server.answer_is_valid(a), full.is_valid(a)) for a in _answers()]
    assert all(fast == whole for fast, whole in verdicts)
    assert sum(whole for _, whole in verdicts) > 20 and sum(not whole for _, whole in verdicts) > 60
