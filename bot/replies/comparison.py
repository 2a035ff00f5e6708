"""A question that compares treatments ("wat is het verschil tussen lymfedrainage en gua sha?").

Each treatment's own answer is about how to do it; what tells them apart is what each one is for, which
the massage guide sums up per technique (kennis.yml `vergelijking`). The reply says that in one bubble,
with a button per treatment to its own answer, and what her situation rules out after it (the gate).
"""
from __future__ import annotations

from bot.knowledge import Knowledge, load_knowledge
from bot.replies.answers import payload
from bot.replies.gate import safety_gate
from bot.replies.reply import Bubble, Button, Reply
from bot.replies.texts import answer_data
from bot.rules.follow_up import treatment_forms
from bot.rules.safety import Facts
from bot.textnorm import find_words


def compared(text: str, *, knowledge: Knowledge | None = None) -> list[str]:
    """The treatments a comparing question names, in the order she named them; [] when it does not compare
    or names fewer than two of them."""
    k = knowledge or load_knowledge()
    data = answer_data()["vergelijking"]
    if not find_words({"vergelijk": data["woorden"]}, text):
        return []
    forms = {t: treatment_forms(t, knowledge=k) for t in data["technieken"]}
    named = list(dict.fromkeys(key for _start, _end, key in find_words(forms, text)))
    return named if len(named) >= 2 else []


def comparison_reply(facts: Facts, text: str, *, knowledge: Knowledge | None = None) -> Reply | None:
    """What each compared treatment is for, then that the choice depends on her skin and goal; the verdict
    on the first one her situation rules out or holds back, once. None when the message compares nothing."""
    k = knowledge or load_knowledge()
    named = compared(text, knowledge=k)
    if not named:
        return None
    data = answer_data()["vergelijking"]
    sentences = [data["technieken"][t]["tekst"] for t in named]
    entries = [e for e in (k.question(k.vragen.per_behandeling.get(t, "")) for t in named) if e is not None]
    buttons = tuple(Button(data["knop"].format(label=e.label), payload(e)) for e in entries)
    answer = Bubble(" ".join((*sentences, data["keuze"]["tekst"])), buttons)
    warning = next((g.warning for g in (safety_gate(facts, t) for t in named) if not g.allowed and g.warning), None)
    return Reply((answer, *((warning,) if warning else ())),
                 advice=(":".join(("vergelijking", *named)),), sources=tuple(
                     dict.fromkeys(data["technieken"][t]["bron"] for t in named)))
