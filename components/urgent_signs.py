"""Signs that need a doctor now win over every other intent (bot/rules/urgent.py).

Runs after the intent classifiers: a message with such a sign gets the intent
`dringend` whatever the classifier thought, so the rule for it answers first on
every path, also in the middle of the intake.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rules.urgent import urgent_sign

URGENT_INTENT = "dringend"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UrgentSignIntent(GraphComponent):
    """Sets the intent `dringend` for a message with an urgent sign."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if urgent_sign(message.get(TEXT)) is None:
                continue
            urgent = {"name": URGENT_INTENT, "confidence": 1.0}
            ranking = [urgent] + [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != URGENT_INTENT]
            message.set(INTENT, urgent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
