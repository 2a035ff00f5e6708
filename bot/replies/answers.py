"""Answers to the knowledge intents, adapted to what is known, safety first."""
from __future__ import annotations

from typing import Any

from bot.knowledge import load_knowledge
from bot.replies.gate import safety_gate
from bot.replies.reply import Bubble, Reply, buttons_from, text_bubbles
from bot.replies.texts import answer_data
from bot.rules.safety import Facts

KNOWLEDGE_INTENTS = (
    "gezichtsmassage_info", "massage_techniek", "microneedling_info",
    "frequentie_duur", "producten_advies", "ingredient_info",
)


def _ingredient_bubbles(ingredient: str | None, unknown: list[dict[str, Any]]) -> list[Bubble]:
    """What the seeds say an ingredient does, and in which phases it belongs."""
    info = load_knowledge().ingredient(ingredient) if ingredient else None
    if info is None:
        return text_bubbles(unknown)
    texts = answer_data()["teksten"]
    lines = [texts["ingredient"].format(naam=info.naam, doelen="; ".join(info.doelen))]
    if info.fasen:
        names = ", ".join(load_knowledge().phase(f).naam for f in info.fasen)
        lines.append(texts["ingredient_fasen"].format(fasen=names))
    return [Bubble(" ".join(lines))]


def knowledge_reply(
    intent: str,
    facts: Facts,
    skin_type: str | None = None,
    treatment: str | None = None,
    ingredient: str | None = None,
) -> Reply:
    """The answer to a knowledge question; a contraindication comes first."""
    data = answer_data()["kennis"][intent]
    request = treatment or data.get("techniek")
    caution: list[Bubble] = []
    if request:
        gate = safety_gate(facts, request)
        if gate.blocked:
            # Inform about what it is, but advise nothing that the situation rules out.
            return Reply((*text_bubbles(data["teksten"][:1]), gate.answer), advice=(f"{intent}:veiligheid",))
        caution = [gate.warning] if gate.warning else []

    if intent == "ingredient_info":
        bubbles = _ingredient_bubbles(ingredient, data["onbekend"])
    elif intent == "producten_advies":
        specific = data["per_huidtype"].get(skin_type or "", data["zonder_huidtype"])
        bubbles = text_bubbles(data["teksten"]) + text_bubbles(specific) + text_bubbles(data["slot"])
    elif intent == "massage_techniek" and treatment in data.get("per_behandeling", {}):
        bubbles = text_bubbles(data["per_behandeling"][treatment])
    else:
        bubbles = text_bubbles(data["teksten"])

    offer = Bubble(answer_data()["teksten"]["dieper"], buttons_from(data["verder"]))
    return Reply(tuple(bubbles + caution + [offer]), advice=(f"{intent}:{request or 'info'}",))
