"""What a bot turn consists of: message bubbles, buttons, and bookkeeping."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Button:
    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class Bubble:
    text: str
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Reply:
    bubbles: tuple[Bubble, ...]
    # the follow-up question now waiting for an answer (None: nothing open)
    open_question: str | None = None
    # what was advised, for the salon's hand-off summary
    advice: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # ids of the knowledge facts this reply states, answer first (e.g. "microneedling.herstel")
    facts: tuple[str, ...] = ()


def buttons_from(data: list[dict[str, Any]]) -> tuple[Button, ...]:
    return tuple(Button(b["title"], b["payload"]) for b in data)


def text_bubbles(items: list[dict[str, Any]]) -> list[Bubble]:
    """One bubble per `{tekst, bron}` item of a data file."""
    return [Bubble(item["tekst"]) for item in items]


def question_bubble(data: dict[str, Any]) -> Bubble:
    """A `{vraag, knoppen}` item of a data file as a bubble with buttons."""
    return Bubble(data["vraag"], buttons_from(data["knoppen"]))


def with_lead(reply: Reply, lead: str) -> Reply:
    """The reply with `lead` said first, in its first bubble ("Dat gaat over iemand anders, …")."""
    if not reply.bubbles:
        return reply
    first = replace(reply.bubbles[0], text=f"{lead} {reply.bubbles[0].text}")
    return replace(reply, bubbles=(first, *reply.bubbles[1:]))
