"""The website chat's channel: Rasa's REST channel, closed to forged ids and to floods (issue 14).

    POST /webhooks/rest/webhook  {"sender": "web-<22+ random url-safe characters>", "message": "..."}

- a sender id in a messaging channel's form (``tg-…``, ``wa-…``) is refused with 403, any other id
  that is not of the website's random form (channels/identity.py) with 400, so nobody can continue
  or read back another channel's conversation or a guessed one;
- more than 30 messages a minute from one sender get a friendly "rustig aan" instead of an answer
  (channels/ratelimit.py), while other senders are served as usual;
- the message's text is never logged (launch/privacy_log.py cleans what Rasa itself logs);
- while the conversation store is down she is asked to try again (channels/resilient.py: `guarded`),
  and with HUIDBOT_WORKER_HEADER=1 every answer names the worker process (the scaled mode's tests).

Configured in credentials.yml as ``channels.rest.HuidbotRestInput``; its name stays ``rest``, so the
address and the widget are unchanged. Refusals are JSON ``{"fout": "<Dutch text>"}`` (bot/texts/toegang.yml).
"""
from __future__ import annotations

import logging
import os
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, Request, response
from sanic.response import HTTPResponse

from bot.replies.texts import access_texts
from channels.identity import is_messaging_id, is_web_id
from channels.ratelimit import RateLimiter, limiter_from_env
from channels.resilient import guarded

logger = logging.getLogger(__name__)
WORKER_HEADER = "X-Huidbot-Worker"  # names the worker process that answered (scaled-mode tests)


def refusal(sender: Any) -> tuple[HTTPStatus, str] | None:
    """Why the REST channel refuses `sender` (status, Dutch text), or None when it is a website id."""
    texts = access_texts()
    if not isinstance(sender, str) or not sender:
        return HTTPStatus.BAD_REQUEST, texts["ongeldige_code"]
    if is_messaging_id(sender):
        return HTTPStatus.FORBIDDEN, texts["ander_kanaal"]
    if not is_web_id(sender):
        return HTTPStatus.BAD_REQUEST, texts["ongeldige_code"]
    return None


def _error(status: HTTPStatus, text: str) -> HTTPResponse:
    return response.json({"fout": text}, status=status, ensure_ascii=False)


class HuidbotRestInput(RestInput):
    """REST for the website widget: only website ids, at most 30 messages a minute per sender."""

    def __init__(self, limiter: RateLimiter | None = None) -> None:
        self.limiter = limiter or limiter_from_env()

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> HuidbotRestInput:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("huidbot_rest_webhook", __name__)
        on_new_message = guarded(on_new_message)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = request.json
            except Exception:  # not JSON: nothing of it is logged
                payload = None
            if not isinstance(payload, dict) or not isinstance(payload.get("message"), str):
                return _error(HTTPStatus.BAD_REQUEST, access_texts()["geen_bericht"])
            sender = payload.get("sender")
            refused = refusal(sender)
            if refused is not None:
                return _error(*refused)
            sender = str(sender)
            if not await self.limiter.allow(sender):
                return response.json([{"recipient_id": sender, "text": access_texts()["rustig_aan"]}],
                                     headers={"Retry-After": "60"}, ensure_ascii=False)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(payload["message"], collector, sender,
                                                 input_channel=self.name(), metadata=None))
            except CancelledError:
                logger.error("rest: the answer to a message took too long (text withheld)")
            except Exception as err:
                logger.error("rest: a message could not be handled: %s (text withheld)", type(err).__name__)
            return response.json(collector.messages, ensure_ascii=False)

        if os.environ.get("HUIDBOT_WORKER_HEADER") == "1":

            @webhook.middleware("response")
            async def worker_header(request: Request, answer: HTTPResponse) -> None:
                answer.headers[WORKER_HEADER] = str(os.getpid())  # the worker process, not the parent

        return webhook
