"""The "probeer het zo nog eens" answer while the database is down, for every channel.

`guarded(on_new_message)` wraps a channel's message handler: when the tracker store raises
StorageUnavailable (storage/outage.py: the conversation cannot be read or saved), the message is
not handled, whatever the turn produced is dropped and the customer gets the Dutch retry text from
bot/texts/storing.yml. No message text is logged. The project's REST channel (channels/rest.py)
uses it; for socket.io, name `channels.resilient.SocketIOInput` in the credentials instead of
`socketio:` (same options).
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import socketio
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint

from bot.replies.texts import outage_text
from storage.outage import StorageUnavailable

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]


def guarded(on_new_message: Handler) -> Handler:
    """`on_new_message`, answering the retry text instead when the conversation store is down."""

    async def handler(message: UserMessage) -> Any:
        try:
            return await on_new_message(message)
        except StorageUnavailable:
            logger.warning("conversation store unavailable: the customer is asked to try again")
            output = message.output_channel
            if isinstance(output, CollectingOutputChannel):
                output.messages.clear()  # nothing of an unsaved turn reaches her
            await output.send_text_message(message.sender_id or "", outage_text())
            return None

    return handler


class SocketIOInput(socketio.SocketIOInput):
    """Rasa's socket.io channel (the website widget's alternative) with the outage answer."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(guarded(on_new_message))
