"""A Verdict as short Dutch chat bubbles, from the templates in knowledge/teksten.yml.

Bubbles: the verdict itself, then the reasons (strictest first), then what to do
instead. Each bubble holds at most MAX_SENTENCES sentences.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from bot.knowledge import Knowledge, load_knowledge
from bot.safety import Verdict, VerdictLevel

MAX_SENTENCES = 3
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def sentence_count(text: str) -> int:
    """Number of sentences in `text` (a trailing fragment without full stop counts too)."""
    ends = len(_SENTENCE_END.findall(text))
    tail = _SENTENCE_END.split(text)[-1].strip()
    return ends + (1 if tail else 0)


def explain_verdict(verdict: Verdict, verzoek: str, *, knowledge: Knowledge | None = None) -> list[str]:
    """Short Dutch message bubbles that explain `verdict` for `verzoek`."""
    k = knowledge or load_knowledge()
    if verzoek not in k.teksten.verzoek_labels:
        raise ValueError(f"unknown verzoek {verzoek!r}")
    level = verdict.level
    if level is VerdictLevel.WACHT and not verdict.dagen_te_wachten:
        level = VerdictLevel.NIET_NU  # a wait without a number of days: say "not now"
    templates = k.teksten.oordeel[level.value]
    label = k.teksten.verzoek_labels[verzoek]
    dagen = verdict.dagen_te_wachten or 0
    values = {
        "verzoek": label,
        "Verzoek": label[:1].upper() + label[1:],
        "dagen": dagen,
        "dagen_woord": k.teksten.dagen_woord.een if dagen == 1 else k.teksten.dagen_woord.meer,
    }
    bubbles = [templates.kop.format(**values)]
    bubbles += _group(_strictest_first(verdict))
    bubbles += _group(verdict.alternatieven)
    if templates.slot:
        bubbles.append(templates.slot.format(**values))
    return bubbles


def _strictest_first(verdict: Verdict) -> list[str]:
    """The reasons, strictest contraindication first (stable for equal levels)."""
    if len(verdict.niveaus) != len(verdict.redenen):
        return list(verdict.redenen)
    order = sorted(range(len(verdict.redenen)), key=lambda i: -verdict.niveaus[i].rank)
    return [verdict.redenen[i] for i in order]


def _group(texts: Iterable[str]) -> list[str]:
    """Join texts into bubbles of at most MAX_SENTENCES sentences, keeping their order."""
    bubbles: list[str] = []
    current: list[str] = []
    count = 0
    for text in texts:
        n = sentence_count(text)
        if current and count + n > MAX_SENTENCES:
            bubbles.append(" ".join(current))
            current, count = [], 0
        current.append(text)
        count += n
    if current:
        bubbles.append(" ".join(current))
    return bubbles
