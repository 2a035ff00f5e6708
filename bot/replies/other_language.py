"""A Dutch answer to a message in another language, with the topic where we see it.

The bot only speaks Dutch. An English question about, say, puffy eyes still
tells us what the customer wants, so the answer offers that topic as a
button: one tap and the conversation goes on in Dutch through the normal
(safety-checked) path for that intent.
"""
from __future__ import annotations

import re
from functools import cache

from bot.replies.reply import Bubble, Button
from bot.replies.texts import intent_data, language_data


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One regex per topic: any of its phrases as whole words, longest first."""
    result = []
    for intent, phrases in language_data()["onderwerpen"].items():
        alternatives = "|".join(re.escape(p.lower()) for p in sorted(phrases, key=len, reverse=True))
        result.append((intent, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return tuple(result)


def recognised_topics(text: str | None) -> list[str]:
    """Intents the message is about, most mentions first (file order breaks ties)."""
    lowered = (text or "").lower()
    counts = [(len(pattern.findall(lowered)), order, intent)
              for order, (intent, pattern) in enumerate(_patterns())]
    return [intent for count, _, intent in sorted(counts, key=lambda c: (-c[0], c[1])) if count]


def other_language_answer(text: str | None) -> Bubble | None:
    """The Dutch answer with topic buttons, or None when no topic is recognised
    (the caller then sends the general response named in the data file)."""
    data = language_data()
    topics = recognised_topics(text)[: data["max_knoppen"]]
    if not topics:
        return None
    labels = intent_data()["intenties"]
    return Bubble(data["antwoord_met_onderwerp"], tuple(Button(labels[t], f"/{t}") for t in topics))


def general_response() -> str:
    """Name of the domain response for a message whose topic we do not see."""
    return language_data()["antwoord_zonder_onderwerp"]
