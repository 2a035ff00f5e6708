"""Answers to the knowledge intents, adapted to what is known, safety first."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from bot.dialoog.data import HERE
from bot.dialoog.reply import Bubble, Reply, buttons_from
from bot.knowledge import load_knowledge
from bot.phrasing import explain_verdict
from bot.safety import Facts, VerdictLevel, check_request

KNOWLEDGE_INTENTS = (
    "gezichtsmassage_info", "massage_techniek", "microneedling_info",
    "frequentie_duur", "producten_advies", "ingredient_info",
)


@lru_cache(maxsize=None)
def answer_data() -> dict[str, Any]:
    with (HERE / "kennis.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _bubbles(items: list[dict[str, Any]]) -> list[Bubble]:
    return [Bubble(item["tekst"]) for item in items]


def _ingredient_bubbles(ingredient: str | None, onbekend: list[dict[str, Any]]) -> list[Bubble]:
    """What the seeds say an ingredient does, and in which phases it belongs."""
    info = load_knowledge().ingredient(ingredient) if ingredient else None
    if info is None:
        return _bubbles(onbekend)
    texts = answer_data()["teksten"]
    lines = [texts["ingredient"].format(naam=info.naam, doelen="; ".join(info.doelen))]
    if info.fasen:
        names = ", ".join(load_knowledge().phase(f).naam for f in info.fasen)
        lines.append(texts["ingredient_fasen"].format(fasen=names))
    return [Bubble(" ".join(lines))]


def knowledge_reply(
    intent: str,
    facts: Facts,
    huidtype: str | None = None,
    behandeling: str | None = None,
    ingredient: str | None = None,
) -> Reply:
    """The answer to a knowledge question; a contraindication comes first."""
    data = answer_data()["kennis"][intent]
    verzoek = behandeling or data.get("techniek")
    caution: list[Bubble] = []
    if verzoek:
        verdict = check_request(facts, verzoek)
        if verdict.level >= VerdictLevel.WACHT:
            # Inform about what it is, but advise nothing that the situation rules out.
            explained = [Bubble(t) for t in explain_verdict(verdict, verzoek)]
            return Reply(tuple(_bubbles(data["teksten"][:1]) + explained), advies=(f"{intent}:veiligheid",))
        if verdict.level == VerdictLevel.VOORZICHTIG:
            caution = [Bubble(t) for t in explain_verdict(verdict, verzoek)]

    if intent == "ingredient_info":
        bubbles = _ingredient_bubbles(ingredient, data["onbekend"])
    elif intent == "producten_advies":
        specific = data["per_huidtype"].get(huidtype or "", data["zonder_huidtype"])
        bubbles = _bubbles(data["teksten"]) + _bubbles(specific) + _bubbles(data["slot"])
    elif intent == "massage_techniek" and behandeling in data.get("per_behandeling", {}):
        bubbles = _bubbles(data["per_behandeling"][behandeling])
    else:
        bubbles = _bubbles(data["teksten"])

    offer = Bubble(answer_data()["teksten"]["dieper"], buttons_from(data["verder"]))
    return Reply(tuple(bubbles + caution + [offer]), advies=(f"{intent}:{verzoek or 'info'}",))
