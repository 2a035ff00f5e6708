"""Signs that need a doctor now win over every other intent (bot/rules/urgent.py).

Runs after the intent classifiers: a message with such a sign gets the intent
`dringend` whatever the classifier thought, so the rule for it answers first on
every path, also in the middle of the intake; and a message without one never
keeps `dringend`, whatever the classifier guessed.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rules.urgent import urgent_sign
from components.stateless import StatelessComponent

URGENT_INTENT = "dringend"
FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UrgentSignIntent(StatelessComponent):
    """Sets the intent `dringend` for a message with an urgent sign."""


    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            others = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != URGENT_INTENT]
            if urgent_sign(message.get(TEXT)) is not None:
                urgent = {"name": URGENT_INTENT, "confidence": 1.0}
                message.set(INTENT, urgent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [urgent, *others], add_to_output=True)
            elif (message.get(INTENT) or {}).get("name") == URGENT_INTENT:
                # Only the signs decide: a classifier's guess never sends someone to 112.
                fallback = others[0] if others else {"name": FALLBACK_INTENT, "confidence": 1.0}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, others, add_to_output=True)
        return messages
