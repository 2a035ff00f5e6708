"""Two actions that misbehave, for tests/launch/test_in_process_actions.py."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection


class ActionThatRefuses(Action):
    def name(self) -> str:
        return "action_test_weigert"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        raise ActionExecutionRejection(self.name(), "past nu niet")


class ActionThatBreaks(Action):
    def name(self) -> str:
        return "action_test_kapot"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        raise RuntimeError("stuk")
