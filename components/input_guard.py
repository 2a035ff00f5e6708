"""Two small graph components around the NLU pipeline.

`InputGuard` runs first: the pipeline only sees the cleaned, shortened text
(see bot.rules.input_guard). `InputGuardIntent` runs last: messages that are empty,
too long or without letters get the intent `nlu_fallback`, so the dialogue's
fallback answers them in Dutch (the full original text stays in the tracker).
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rules.input_guard import INPUT_KIND_KEY as INPUT_KIND
from bot.rules.input_guard import InputKind, clean_input
from components.stateless import StatelessComponent

FALLBACK_INTENT = "nlu_fallback"
# Emptied text would leave the tokenizer without tokens; the intent is
# overridden afterwards anyway.
PLACEHOLDER = "?"




@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False
)
class InputGuard(StatelessComponent):
    """Shortens and cleans the text before tokenization."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            cleaned = clean_input(message.get(TEXT))
            message.set(TEXT, cleaned.text or PLACEHOLDER)
            # In the parse data too: the dialogue sees only the shortened text.
            message.set(INPUT_KIND, cleaned.kind.value, add_to_output=True)
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class InputGuardIntent(StatelessComponent):
    """Sends empty, over-long and letterless messages to the fallback."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if message.get(INPUT_KIND, InputKind.OK.value) == InputKind.OK.value:
                continue
            fallback = {"name": FALLBACK_INTENT, "confidence": 1.0}
            ranking = [fallback] + [
                r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != FALLBACK_INTENT
            ]
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
