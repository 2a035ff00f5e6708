"""launch/rasa_server.py: Rasa's own behaviour, reached faster."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events
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
