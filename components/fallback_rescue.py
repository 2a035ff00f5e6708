"""When the classifier is unsure, what the message plainly names may still settle its intent.

Runs after the FallbackClassifier, only on messages it sent to `nlu_fallback`, in this order:

1. a fact the bot's memory takes from the message (bot/rules/facts.py, the same reading as
   after every turn): her condition or medication ("ik slik xareltoo"), or her own situation the
   sources say nothing about ("ik ben zwanger") -> `medische_situatie`; a treatment she had
   ("pff eergisteren nog botox gezet") -> `na_peeling`. The contract makes the safety question
   the main need, and the fact must be answered, not asked about. It also keeps the fact: the
   two-stage fallback reverts an unsure message once the next one is clear, and its facts with it;
2. a named treatment, with a runner-up intent of at least RUNNER_UP ("mag ik een
   gezichtsmassage nemen?" -> gezichtsmassage_info 0.43) -> that intent;
3. a question the knowledge base's own matcher (bot/replies/questions.py) clearly answers
   (score >= MIN_SCORE) with the classifier's first choice -> that intent: two independent
   signals agree, so the answer comes at once instead of the 'bedoel je…?' question.
   Only on agreement (RESCUE_RANKS = 1), measured in 5-fold cross-validation with the
   sentence-embedding classifier (issue 11, fold seeds 2024/1/2): where the match was one of
   the classifier's three likeliest intents, it was right less often than the
   classifier's first choice (38 vs 45 of 63, 46 vs 57 of 83, 41 vs 44 of 70; held-out set
   4 vs 6 of 6); where the two agree (29-39 unsure messages per pass) the intent is right
   in 80 % (held-out 4 of 4). With the older n-gram classifier the wider rule paid off.

Measured on tests/nlu/out_of_scope_heldout.yml: no off-topic message is rescued (the best
off-topic match scores 1.3); tests/nlu/test_guard_components.py keeps it so.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.replies.questions import CLEAR_SCORE, match_question
from bot.rules.facts import Entity, Memory, update_memory
from components.stateless import StatelessComponent

FALLBACK_INTENT = "nlu_fallback"
SAFETY_INTENT = "medische_situatie"
AFTERCARE_INTENT = "na_peeling"
SAFETY_ENTITIES = frozenset({"aandoening", "medicatie"})
RUNNER_UP = 0.25
MIN_SCORE = CLEAR_SCORE  # a clear match (two content words); the best off-topic one scores 1.3
RESCUE_RANKS = 1  # the knowledge match must be the classifier's first choice (docstring)
CONFIDENCE = 0.8  # what a rescued intent reports: sure enough, below a classifier's certainty


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FallbackRescue(StatelessComponent):
    """Gives an unsure message the intent its named facts or a clear knowledge match point to."""


    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != FALLBACK_INTENT:
                continue
            intent = rescued_intent(message)
            if intent is None:
                continue
            rescued = {"name": intent, "confidence": CONFIDENCE}
            others = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != intent]
            message.set(INTENT, rescued, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [rescued, *others], add_to_output=True)
        return messages


def rescued_intent(message: Message) -> str | None:
    """The intent the message's named facts or a clear knowledge match settle, if any."""
    named = {e.get("entity") for e in message.get(ENTITIES) or []}
    entities = [Entity(str(e.get("entity")), str(e.get("value", "")), e.get("start"), e.get("end"))
                for e in message.get(ENTITIES) or [] if e.get("entity")]
    memory = update_memory(Memory(), message.get(TEXT) or "", FALLBACK_INTENT, entities)
    if named & SAFETY_ENTITIES or memory.conditions or memory.medication or memory.outside_knowledge:
        return SAFETY_INTENT
    if memory.last_procedure is not None:
        return AFTERCARE_INTENT
    ranking = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != FALLBACK_INTENT]
    if "behandeling" in named and ranking and ranking[0].get("confidence", 0) >= RUNNER_UP:
        return str(ranking[0]["name"])
    if not ranking:
        return None
    found = match_question(message.get(TEXT) or "")
    likeliest = {r.get("name") for r in ranking[:RESCUE_RANKS]}
    if found is None or found.score < MIN_SCORE or found.entry.intentie not in likeliest:
        return None
    return str(found.entry.intentie)
