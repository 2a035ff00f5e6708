"""Which treatment a message asks about when it does not name it ("mag ik al masseren?").

The NLU tags treatments by name ("gezichtsmassage", "gua sha"); people also ask with a verb
or a general word ("masseren", "mijn gezichtsbehandeling"). Those words are in taal.yml
(`verzoek`), so the safety check can hear the question on every path.
"""
from __future__ import annotations

import re

from bot.knowledge import Knowledge, load_knowledge
from bot.textnorm import fold, word_pattern


def named_request(text: str, *, knowledge: Knowledge | None = None) -> str | None:
    """The request (a key of `verzoek_labels`) the message's first request word stands for."""
    folded = fold(text or "")
    k = knowledge or load_knowledge()
    found = [(m.start(), request) for request, words in k.taal.verzoek.items()
             for word in words for m in re.finditer(word_pattern(word), folded)]
    return min(found)[1] if found else None
