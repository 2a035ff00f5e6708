"""REST and socket.io channels that answer "probeer het zo nog eens" while the database is down.

In the credentials file, instead of `rest:` and `socketio:` (same URLs, same options):

    channels.resilient.RestInput:
    channels.resilient.SocketIOInput:
      user_message_evt: user_uttered
      ...

When the tracker store raises StorageUnavailable (storage/outage.py: the conversation
cannot be read or saved), the message is not handled: whatever the turn produced is
dropped and the customer gets the Dutch retry text from bot/texts/storing.yml. No
message text is logged. With HUIDBOT_WORKER_HEADER=1 every REST answer carries
`X-Huidbot-Worker: <pid>` (the scaled mode's tests show which worker process answered).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import rest, socketio
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.replies.texts import outage_text
from storage.outage import StorageUnavailable

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]
WORKER_HEADER = "X-Huidbot-Worker"


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


class RestInput(rest.RestInput):
    """Rasa's REST channel (/webhooks/rest/webhook) with the outage answer."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = super().blueprint(guarded(on_new_message))
        if os.environ.get("HUIDBOT_WORKER_HEADER") == "1":

            @blueprint.middleware("response")
            async def worker_header(request: Request, response: HTTPResponse) -> None:
                response.headers[WORKER_HEADER] = str(os.getpid())  # the worker's, not the main process's

        return blueprint


class SocketIOInput(socketio.SocketIOInput):
    """Rasa's socket.io channel (the website widget's alternative) with the outage answer."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(guarded(on_new_message))
