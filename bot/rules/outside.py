"""Situations the seeds say nothing about ("ik ben zwanger", "ik heb een pacemaker").

The contraindication table holds what the sources say; for a pregnancy, diabetes or a
pacemaker they say nothing, so the bot must not answer "kan" or "geen bezwaar" there. The
words are in taal.yml (`buiten_kennis`); a mention counts when it is her own, by the same
rules as a condition (not negated, not someone else's: bot/rules/negation.py).
"""
from __future__ import annotations

from bot.knowledge import Knowledge, load_knowledge
from bot.rules.negation import counts_as_own
from bot.textnorm import find_words


def outside_knowledge_in(text: str, *, knowledge: Knowledge | None = None) -> list[str]:
    """The situations (keys of taal.yml `buiten_kennis`) the message states as her own."""
    k = knowledge or load_knowledge()
    found = find_words(k.taal.buiten_kennis, text)
    every = [(start, end) for start, end, _ in found]
    own = (situation for start, end, situation in found
           if counts_as_own(text, start, end, "aandoening", alongside=every, knowledge=k))
    return list(dict.fromkeys(own))
