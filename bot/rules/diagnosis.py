"""Does she ask whether she has a condition ("is dat rosacea?") rather than tell it?

The bot informs, it does not diagnose: such a question first hears that it cannot tell.
The condition still counts for the safety gate (safety first: as if she has it). A question
cue (taal.yml `diagnosevraag`) before the condition in its clause, in a sentence that ends in "?".
"""
from __future__ import annotations

import re

from bot.knowledge import Knowledge, load_knowledge
from bot.rules.negation import scan_facts
from bot.textnorm import fold, word_pattern

_SENTENCE = re.compile(r"[^.!?]*[.!?]?")


def asked_diagnosis(text: str, *, knowledge: Knowledge | None = None) -> str | None:
    """The condition (contract value) she asks about having, if any."""
    k = knowledge or load_knowledge()
    folded = fold(text or "")
    cues = [word_pattern(cue) for cue in k.taal.diagnosevraag]
    for mention in scan_facts(text, knowledge=k).mentions:
        if mention.category != "aandoening" or mention.negated or mention.other:
            continue
        sentence = next(m for m in _SENTENCE.finditer(folded) if m.start() <= mention.start <= m.end())
        before = folded[sentence.start():mention.start].split(",")[-1]  # the same clause
        if sentence.group().rstrip().endswith("?") and any(re.search(cue, before) for cue in cues):
            return mention.value
    return None
