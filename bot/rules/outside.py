"""Situations the seeds say nothing about ("ik ben zwanger", "ik heb een pacemaker").

The contraindication table holds what the sources say; for a pregnancy, diabetes or a
pacemaker they say nothing, so the bot must not answer "kan" or "geen bezwaar" there. The
words are in taal.yml (`buiten_kennis`); a mention counts when it is her own, by the same
rules as a condition (not negated, not someone else's: bot/rules/negation.py).
"""
from __future__ import annotations

import re

from bot.knowledge import Knowledge, load_knowledge
from bot.rules.negation import counts_as_own
from bot.textnorm import fold, word_pattern


def outside_knowledge_in(text: str, *, knowledge: Knowledge | None = None) -> list[str]:
    """The situations (keys of taal.yml `buiten_kennis`) the message states as her own."""
    folded = fold(text or "")
    k = knowledge or load_knowledge()
    spans = {situation: [m.span() for word in words for m in re.finditer(word_pattern(word), folded)]
             for situation, words in k.taal.buiten_kennis.items()}
    every = [span for found in spans.values() for span in found]
    return [situation for situation, found in spans.items()
            if any(counts_as_own(text, start, end, "aandoening", alongside=every, knowledge=k) for start, end in found)]
