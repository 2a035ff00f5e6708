"""Rasa's built-in Telegram connector, with four fixes for running it for real.

In the credentials file (see credentials.telegram.yml and docs/channels.md):

    channels.telegram.HuidbotTelegramInput:
      access_token: ${TELEGRAM_TOKEN}            # from @BotFather
      verify: ${TELEGRAM_BOT_NAME}               # the bot's username, without @
      webhook_url: ${TELEGRAM_WEBHOOK_URL}       # https://<host>/webhooks/telegram/webhook
      secret_token: ${TELEGRAM_SECRET_TOKEN}     # optional, recommended

The webhook path stays /webhooks/telegram/webhook. Differences from
rasa.core.channels.telegram.TelegramInput, everything else is inherited:

1. Bot API server: `api_url` in the credentials or the environment variable
   HUIDBOT_TELEGRAM_API (default https://api.telegram.org). For a self-hosted
   Bot API server, and for tests with a local stand-in (no outside network).
2. Secret token: Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every
   update; other POSTs to the webhook are refused (403), so nobody else can make
   the bot write to its users.
3. Buttons one per row (`button_type: vertical`), so long Dutch titles stay
   readable on a phone; `inline` and `reply` remain possible.
4. A tapped button gets answerCallbackQuery (no endless spinner), getMe is asked
   once instead of on every update, and the HTTP session made while registering
   the webhook at start-up is closed before the server's event loop takes over.
5. Privacy (issue 14): the conversation is stored under
   identity.messaging_key("telegram", chat id), a keyed hash, while replies still go to the
   real chat id; the privacy notice comes as the last bubble of the first reply
   (channels/messaging.py).
"""
from __future__ import annotations

import asyncio
import hmac
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.bot.api import TelegramAPIServer
from aiogram.types import User
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request

from channels.identity import messaging_key
from channels.messaging import MessagingOutput
from channels.ratelimit import limited, limiter_from_env

logger = logging.getLogger(__name__)

API_ENV = "HUIDBOT_TELEGRAM_API"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CALLBACK_KEY = "telegram_callback_query_id"
BUTTON_TYPES = ("inline", "vertical", "reply")


class HuidbotTelegramOutput(TelegramOutput):
    """TelegramOutput with a configurable Bot API server and button layout."""

    def __init__(self, access_token: str | None, api_url: str | None = None,
                 button_type: str = "vertical") -> None:
        super().__init__(access_token)
        if api_url:
            self.server = TelegramAPIServer.from_base(api_url)
        self.button_type = button_type
        self._me: User | None = None

    async def get_me(self) -> User:
        if self._me is None:
            self._me = await super().get_me()
        return self._me

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     button_type: str | None = None, **kwargs: Any) -> None:
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type or self.button_type, **kwargs)

    async def register_webhook(self, url: str | None, secret_token: str | None) -> bool:
        """setWebhook, with the secret token (aiogram 2 does not know that parameter)."""
        payload: dict[str, Any] = {"url": url or "", "allowed_updates": '["message","edited_message","callback_query"]'}
        if secret_token:
            payload["secret_token"] = secret_token
        return bool(await self.request("setWebhook", payload))


class HuidbotTelegramInput(TelegramInput):
    """Telegram input channel (name "telegram": /webhooks/telegram/webhook)."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> HuidbotTelegramInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
            raise AssertionError  # raise_missing_credentials_exception always raises
        button_type = credentials.get("button_type") or "vertical"
        if button_type not in BUTTON_TYPES:
            raise RasaException(f"telegram: button_type must be one of {BUTTON_TYPES}, got {button_type!r}")
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            debug_mode=bool(credentials.get("debug", False)),
            api_url=credentials.get("api_url") or os.environ.get(API_ENV) or None,
            secret_token=credentials.get("secret_token") or None,
            button_type=button_type,
        )

    def __init__(self, access_token: str | None, verify: str | None, webhook_url: str | None,
                 debug_mode: bool = False, api_url: str | None = None, secret_token: str | None = None,
                 button_type: str = "vertical") -> None:
        # debug_mode False: an error answers 200, so Telegram does not re-send the update forever.
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token
        self.button_type = button_type
        self._out: HuidbotTelegramOutput | None = None

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        body = request.json if isinstance(request.json, dict) else {}
        query = body.get("callback_query") or {}
        return {CALLBACK_KEY: query["id"]} if query.get("id") else None

    def get_output_channel(self) -> HuidbotTelegramOutput:
        """One output channel for the server's lifetime; the webhook is registered once."""
        if self._out is not None:
            return self._out
        channel = HuidbotTelegramOutput(self.access_token, self.api_url, self.button_type)

        async def register() -> bool:
            try:
                return await channel.register_webhook(self.webhook_url, self.secret_token)
            finally:
                # This loop ends here; the server's loop opens a new session. (Not Bot.close():
                # that name becomes the Bot API's "close" method in aiogram 3.)
                await channel.session.close()

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            try:
                if not asyncio.run(register()):
                    raise RasaException("Failed to set channel webhook: Telegram answered false")
            except TelegramAPIError as error:
                raise RasaException("Failed to set channel webhook: " + str(error)) from error
        else:  # called inside a running loop (e.g. an external event): register later
            asyncio.ensure_future(channel.register_webhook(self.webhook_url, self.secret_token))
        self._out = channel
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle(message: UserMessage) -> None:
            chat_id = str(message.sender_id)
            output = MessagingOutput(message.output_channel, chat_id) if message.output_channel else None
            await on_new_message(UserMessage(
                message.text, output, messaging_key("telegram", chat_id), input_channel=message.input_channel,
                message_id=message.message_id, metadata=message.metadata))
            if output is not None:
                await output.finish_turn()
            query_id = (message.metadata or {}).get(CALLBACK_KEY)
            if query_id and message.output_channel is not None:
                try:
                    await message.output_channel.answer_callback_query(query_id)
                except TelegramAPIError as error:
                    logger.warning("answerCallbackQuery failed: %s", error)

        telegram_webhook = super().blueprint(limited(handle, limiter_from_env()))  # <= 30 a minute per chat

        if self.secret_token:
            secret = self.secret_token.encode()

            @telegram_webhook.middleware("request")
            async def check_secret(request: Request) -> response.HTTPResponse | None:
                if request.method == "POST" and request.path.rstrip("/").endswith("/webhook"):
                    given = request.headers.get(SECRET_HEADER, "").encode()
                    if not hmac.compare_digest(given, secret):
                        logger.warning("Telegram webhook: request without the right secret token refused")
                        return response.text("forbidden", status=403)
                return None

        return telegram_webhook
