"""A skin type told without a concern ("ik heb een droge huid"): what the sources advise for it.

The massage guide ties each skin type to its oils and serums (vragen.yml `producten.olie`,
`huidtype_varianten`). Signals that stand for a concern or a phase have their own advice, so a
message with one of those is left to it.
"""
from __future__ import annotations

from collections.abc import Iterable

from bot.knowledge import Knowledge, load_knowledge
from bot.replies.answers import answer_reply, select_answer
from bot.replies.concern import concern_of
from bot.replies.reply import Reply
from bot.rules.safety import Facts

PRODUCT_INTENT = "producten_advies"
# Signals a skin type explains by itself: a dry skin that "trekt" (feels tight) asks for the dry skin's
# advice, not the stress concern's (whose signal `spanning` is also the word for tight skin).
DRY = "droog"
EXPLAINED_BY_TYPE = {DRY: frozenset({"droogheid", "spanning"})}


def skin_type_reply(facts: Facts, skin_type: str | None, signals: Iterable[str] = (), *,
                    knowledge: Knowledge | None = None) -> Reply | None:
    """The sources' advice for `skin_type`; None without one, for a type they do not name, or
    when a signal in the message has advice of its own (a concern or a phase)."""
    k = knowledge or load_knowledge()
    signals = tuple(s for s in signals if s not in EXPLAINED_BY_TYPE.get(skin_type or "", frozenset()))
    if skin_type is None or concern_of(signals) or any(s in k.phase_of_signal for s in signals):
        return None
    entry = select_answer(PRODUCT_INTENT, skin_type=skin_type, knowledge=k)
    if entry is None or entry.id == k.vragen.standaard.get(PRODUCT_INTENT):  # the type has no variant
        return None
    return answer_reply(entry, facts, knowledge=k)
