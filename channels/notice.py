"""The bot's signals to a channel: a custom payload ``{"huidbot": {...}}`` next to the text bubbles.

    {"huidbot": {"melding": "<privacy notice>"}}   once per conversation (actions/privacy.py)
    {"huidbot": {"gewist": true}}                  the conversation was erased on her request

The website widget shows the notice above its input and clears its stored history on "gewist";
a messaging channel sends the notice as its own last bubble of the turn (MessagingOutput in
channels/messaging.py) and ignores "gewist"; REST clients see a `custom` item without text.
Senders whose channel would show the payload as raw JSON get plain text instead (see
understands_signals). No Rasa import here: the action server uses these names too.
"""
from __future__ import annotations

from typing import Any

CUSTOM_KEY = "huidbot"
NOTICE_KEY = "melding"
ERASED_KEY = "gewist"
# Plain text instead of the payload: `rasa shell` (sender "default"). A new messaging channel
# whose output does not go through channels/messaging.MessagingOutput belongs here too.
PLAIN_TEXT_PREFIXES: tuple[str, ...] = ()
PLAIN_TEXT_SENDERS = ("default",)


def understands_signals(sender_id: str | None) -> bool:
    sender = sender_id or ""
    return sender not in PLAIN_TEXT_SENDERS and not sender.startswith(PLAIN_TEXT_PREFIXES)


def signal(key: str, value: Any) -> dict[str, Any]:
    return {CUSTOM_KEY: {key: value}}


def signal_in(message: dict[str, Any]) -> dict[str, Any] | None:
    """The huidbot signal of a bot message, if it carries one."""
    custom = message.get("custom")
    if isinstance(custom, dict) and isinstance(custom.get(CUSTOM_KEY), dict):
        return dict(custom[CUSTOM_KEY])
    return None
