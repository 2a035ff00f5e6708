"""What a bot turn consists of: message bubbles, buttons, and bookkeeping."""
from __future__ import annotations

from dataclasses import dataclass, field
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
    open_vraag: str | None = None
    # what was advised, for the salon's hand-off summary
    advies: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())


def buttons_from(data: list[dict[str, Any]]) -> tuple[Button, ...]:
    return tuple(Button(b["title"], b["payload"]) for b in data)
