"""WhatsApp through Meta's WhatsApp Cloud API, as a Rasa input channel (name "whatsapp").

In the credentials file (credentials.whatsapp.yml, added by `make run` when WHATSAPP_TOKEN is set):

    channels.whatsapp.WhatsAppInput:
      token: ${WHATSAPP_TOKEN}                       # a permanent system-user access token
      phone_number_id: ${WHATSAPP_PHONE_NUMBER_ID}   # the business number's id (not the number)
      app_secret: ${WHATSAPP_APP_SECRET}             # the Meta app's secret: signs every webhook POST
      verify_token: ${WHATSAPP_VERIFY_TOKEN}         # chosen by you, typed into Meta's webhook form

The Graph API base URL (with version) comes from WHATSAPP_API_URL, default DEFAULT_API_URL; the
tests point it at a local stand-in. Webhook: /webhooks/whatsapp/webhook.

- GET  /webhook: Meta's handshake (hub.mode=subscribe, hub.verify_token -> hub.challenge; else 403).
- POST /webhook: refused with 403 unless X-Hub-Signature-256 is the HMAC-SHA256 of the raw body with
  the app secret. Texts, reply-button taps and list-row taps (their id is the payload the bot offered)
  go to the bot; status updates are acknowledged only; media get the Dutch "text only" answer
  (bot/texts/whatsapp.yml), once a minute at most (an album of photos is several messages). A
  message id seen before (Meta retries) is not answered again.
- The conversation key is channels.identity.messaging_key("whatsapp", wa_id) (wa-<keyed hash>); the
  replies go to the wa_id of the message being answered, never anywhere else: the bot only answers
  within the customer-service window, and `get_output_channel` is None (no unsolicited messages).
- Sending (channels/whatsapp_format.py decides the shape): 429, 5xx and Graph's throttling codes are
  retried with backoff; then the error code is logged (never the text or the number) and the
  conversation goes on. A refused token (401, code 190) is logged loudly, at start (the phone number
  id is asked for) and on every failure, and written to the status file the desk page reads
  (channels/whatsapp_status.py: HUIDBOT_WHATSAPP_STATUS, default var/whatsapp_status.json).
- Seen message ids and numbered options are kept in memory (bounded), or in Redis when
  HUIDBOT_REDIS_URL is set, so several Rasa servers behind one webhook share them.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request

from bot.replies.texts import outage_text, whatsapp_texts
from channels import whatsapp_format as fmt
from channels.identity import messaging_key
from channels.messaging import MessagingOutput
from channels.ratelimit import limited, limiter_from_env
from channels.whatsapp_status import ConnectionStatus
from storage.outage import StorageUnavailable

logger = logging.getLogger(__name__)

API_ENV = "WHATSAPP_API_URL"
DEFAULT_API_URL = "https://graph.facebook.com/v19.0"
REDIS_ENV = "HUIDBOT_REDIS_URL"
SIGNATURE_HEADER = "X-Hub-Signature-256"
REQUIRED = ("token", "phone_number_id", "app_secret", "verify_token")
SERVICE_WINDOW = 24 * 3600  # seconds: WhatsApp's customer-service window
TEXT_ONLY_TYPES = {"image", "audio", "voice", "video", "document", "sticker", "location", "contacts",
                   "unsupported", "order"}  # get the "text only" answer; reactions and system messages: nothing
TOKEN_REFUSED_CODES = {190}  # OAuthException: expired, revoked or invalid access token
RETRY_CODES = {1, 2, 4, 80007, 130429, 131000, 131056, 133004}  # transient / throttled (Graph error codes)
RETRY_DELAYS = (0.5, 1.0, 2.0)  # seconds before the 2nd, 3rd, 4th attempt
SEEN_MAX = 10_000  # message ids remembered in memory (Meta retries within hours)
SEEN_TTL = 7 * 24 * 3600  # in Redis: Meta retries for up to seven days
TEXT_ONLY_QUIET = 60  # seconds: one "text only" answer for an album of photos, not one per photo


# --- what is remembered between webhook calls -------------------------------------------------
class Memory(Protocol):
    async def first_time(self, name: str, ttl: float = SEEN_TTL) -> bool: ...
    async def offer(self, key: str, payloads: Sequence[str]) -> None: ...
    async def take_offer(self, key: str) -> list[str]: ...


class LocalMemory:
    """Seen message ids and numbered options of this process, each bounded (oldest forgotten first)."""

    def __init__(self, size: int = SEEN_MAX) -> None:
        self.size = size
        self._seen: OrderedDict[str, float] = OrderedDict()  # name -> when it may count as new again
        self._offers: OrderedDict[str, list[str]] = OrderedDict()

    async def first_time(self, name: str, ttl: float = SEEN_TTL) -> bool:
        """True once for `name` (a message id, ...) within `ttl` seconds."""
        now = time.monotonic()
        if self._seen.get(name, 0.0) > now:
            return False
        self._seen.pop(name, None)
        self._seen[name] = now + ttl
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True

    async def offer(self, key: str, payloads: Sequence[str]) -> None:
        self._offers.pop(key, None)
        self._offers[key] = list(payloads)
        while len(self._offers) > self.size:
            self._offers.popitem(last=False)

    async def take_offer(self, key: str) -> list[str]:
        return self._offers.pop(key, [])


class RedisMemory:
    """The same in Redis (shared by several Rasa servers); on a Redis error it behaves as if new."""

    def __init__(self, client: Any, prefix: str = "huidbot:wa:") -> None:
        self.client = client
        self.prefix = prefix

    async def first_time(self, name: str, ttl: float = SEEN_TTL) -> bool:
        digest = hashlib.sha256(name.encode()).hexdigest()[:32]
        try:
            return bool(await self.client.set(f"{self.prefix}seen:{digest}", "1", nx=True, ex=max(1, int(ttl))))
        except Exception as error:  # noqa: BLE001 - answering twice beats not answering
            logger.warning("WhatsApp: Redis unavailable for duplicate detection (%s)", type(error).__name__)
            return True

    async def offer(self, key: str, payloads: Sequence[str]) -> None:
        try:
            await self.client.set(f"{self.prefix}offer:{key}", json.dumps(list(payloads)), ex=SERVICE_WINDOW)
        except Exception as error:  # noqa: BLE001
            logger.warning("WhatsApp: Redis unavailable for numbered options (%s)", type(error).__name__)

    async def take_offer(self, key: str) -> list[str]:
        name = f"{self.prefix}offer:{key}"
        try:
            async with self.client.pipeline(transaction=True) as pipe:
                stored, _ = await pipe.get(name).delete(name).execute()
        except Exception as error:  # noqa: BLE001
            logger.warning("WhatsApp: Redis unavailable for numbered options (%s)", type(error).__name__)
            return []
        return list(json.loads(stored)) if stored else []


def make_memory() -> Memory:
    url = os.environ.get(REDIS_ENV, "").strip()
    if not url:
        return LocalMemory()
    import redis.asyncio  # type: ignore[import-untyped]  # (no stubs pinned; Rasa depends on redis)

    return RedisMemory(redis.asyncio.from_url(url))


# --- the Graph API ------------------------------------------------------------------------------
class GraphError(Exception):
    def __init__(self, http_status: int | None, code: int | None, subcode: int | None = None) -> None:
        super().__init__(f"HTTP {http_status}, Graph error code {code}, subcode {subcode}")
        self.http_status, self.code, self.subcode = http_status, code, subcode

    @property
    def token_refused(self) -> bool:
        return self.http_status == 401 or self.code in TOKEN_REFUSED_CODES

    @property
    def transient(self) -> bool:
        return (self.http_status is None or self.http_status == 429 or self.http_status >= 500
                or self.code in RETRY_CODES)


class GraphApi:
    """POST {api_url}/{phone_number_id}/messages with retries; one HTTP session per server loop."""

    def __init__(self, token: str, phone_number_id: str, api_url: str, status: ConnectionStatus,
                 delays: Sequence[float] = RETRY_DELAYS) -> None:
        self.token = token
        self.phone_number_id = phone_number_id
        self.api_url = api_url.rstrip("/")
        self.status = status
        self.delays = tuple(delays)
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={"Authorization": f"Bearer {self.token}"}, timeout=aiohttp.ClientTimeout(total=20))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            async with self.session().request(method, f"{self.api_url}/{path}", json=body) as answer:
                try:
                    data = await answer.json(content_type=None)
                except (ValueError, aiohttp.ContentTypeError):
                    data = {}
                if answer.status >= 400 or (isinstance(data, dict) and "error" in data):
                    error = (data.get("error") if isinstance(data, dict) else None) or {}
                    raise GraphError(answer.status, error.get("code"), error.get("error_subcode"))
                return data if isinstance(data, dict) else {}
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise GraphError(None, None) from error

    async def check(self) -> bool:
        """Ask for the phone number id: is the token accepted? Reported loudly when it is not."""
        try:
            await self._call("GET", f"{self.phone_number_id}?fields=id,display_phone_number")
        except GraphError as error:
            self._failed(error, "checking the access token and phone number id at start", at_start=True)
            return False
        self.status.record(True)
        logger.info("WhatsApp: connected (the Graph API accepts the access token)")
        return True

    async def send(self, to: str, message: dict[str, Any]) -> bool:
        """Send one message; False (logged with the error code) if it could not be sent."""
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, **message}
        attempts = len(self.delays) + 1
        for attempt in range(1, attempts + 1):
            try:
                await self._call("POST", f"{self.phone_number_id}/messages", body)
            except GraphError as error:
                if error.transient and attempt < attempts:
                    logger.info("WhatsApp: sending failed (%s), attempt %d of %d; retrying",
                                error, attempt, attempts)
                    await asyncio.sleep(self.delays[attempt - 1])
                    continue
                self._failed(error, f"sending a {message.get('type')} message after {attempt} attempt(s)")
                return False
            self.status.record(True)
            return True
        return False

    def _failed(self, error: GraphError, doing: str, at_start: bool = False) -> None:
        if error.token_refused:
            self.status.record(False, error.code, error.http_status)
            logger.error(
                "\n%s\nWhatsApp: the Graph API refused the access token (%s) while %s.\n"
                "The token is expired or revoked: replace WHATSAPP_TOKEN (a permanent system-user token)\n"
                "and restart. Until then no WhatsApp message can be sent.\n%s", "!" * 78, error, doing, "!" * 78)
        elif at_start:  # e.g. a wrong phone number id (code 100), or Meta not reachable
            self.status.record(False, error.code, error.http_status)
            logger.error("WhatsApp: NOT connected: %s failed (%s, Graph API %s)", doing, error, self.api_url)
        else:
            logger.error("WhatsApp: %s failed (%s); the conversation is kept", doing, error)


# --- the output channel: replies to one incoming message ------------------------------------
class WhatsAppOutput(OutputChannel):
    """Sends the bot's answers to the wa_id of the message being answered (recipient_id is the
    conversation key, a hash: it is not used as an address)."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    def __init__(self, api: GraphApi, wa_id: str, key: str, memory: Memory) -> None:
        self.api = api
        self.wa_id = wa_id
        self.key = key
        self.memory = memory
        self.broken = False  # a message of this turn could not be sent: skip the rest of the turn
        texts = whatsapp_texts()
        self.labels = fmt.Labels(texts["lijst_knop"], texts["lijst_kop"], texts["kies"], texts["nummer_keuze"])

    async def _send_plan(self, plan: fmt.Plan) -> None:
        for message in plan.messages:
            if self.broken:
                logger.warning("WhatsApp: a %s message of this turn was not sent (an earlier one failed)",
                               message.get("type"))
                continue
            self.broken = not await self.api.send(self.wa_id, message)
        if plan.numbered and not self.broken:
            await self.memory.offer(self.key, plan.numbered)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_plan(fmt.plan(text, [], self.labels))

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        options = [fmt.Option(str(b.get("title") or ""), str(b.get("payload") or b.get("title") or ""))
                   for b in buttons]
        await self._send_plan(fmt.plan(text, options, self.labels))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        if isinstance(json_message, dict) and isinstance(json_message.get("text"), str):
            await self.send_text_message(recipient_id, json_message["text"])
        else:
            logger.warning("WhatsApp: a custom message without text was not sent")


# --- the input channel ----------------------------------------------------------------------
def signature_ok(raw: bytes, header: str | None, secret: str) -> bool:
    """X-Hub-Signature-256 is "sha256=" + the HMAC-SHA256 of the raw body with the app secret."""
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (header or "").strip().encode())


def incoming_text(message: dict[str, Any], offered: Sequence[str]) -> str | None:
    """What a message says to the bot: its text, the payload of a tapped button or row, the option
    a bare number picks from the numbered options just offered; None for anything else."""
    kind = message.get("type")
    if kind == "text":
        text = str((message.get("text") or {}).get("body") or "")
        return fmt.chosen_option(text, offered) or text
    if kind == "interactive":
        interactive = message.get("interactive") or {}
        reply = interactive.get("button_reply") or interactive.get("list_reply") or {}
        return str(reply.get("id") or reply.get("title") or "") or None
    if kind == "button":  # a quick-reply button of a template message
        button = message.get("button") or {}
        return str(button.get("payload") or button.get("text") or "") or None
    return None


def within_service_window(message: dict[str, Any], now: float | None = None) -> bool:
    try:
        sent = float(message.get("timestamp") or 0)
    except (TypeError, ValueError):
        return True
    return not sent or (now or time.time()) - sent < SERVICE_WINDOW


class WhatsAppInput(InputChannel):
    """WhatsApp Cloud API webhook (/webhooks/whatsapp/webhook)."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
            raise AssertionError  # raise_missing_credentials_exception always raises
        missing = [key for key in REQUIRED if not str(credentials.get(key) or "").strip()]
        if missing:
            raise RasaException(f"whatsapp: missing in the credentials: {', '.join(missing)}")
        return cls(str(credentials["token"]), str(credentials["phone_number_id"]), str(credentials["app_secret"]),
                   str(credentials["verify_token"]),
                   api_url=credentials.get("api_url") or os.environ.get(API_ENV) or DEFAULT_API_URL)

    def __init__(self, token: str, phone_number_id: str, app_secret: str, verify_token: str,
                 api_url: str = DEFAULT_API_URL, memory: Memory | None = None,
                 status: ConnectionStatus | None = None) -> None:
        self.phone_number_id = phone_number_id
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.api = GraphApi(token, phone_number_id, api_url, status or ConnectionStatus())
        self.memory = memory or make_memory()

    def get_output_channel(self) -> OutputChannel | None:
        """None: nothing is sent to WhatsApp except replies to a customer's message (24-hour rule)."""
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whatsapp_webhook", __name__)
        on_new_message = limited(on_new_message, limiter_from_env())  # <= 30 messages a minute per number

        @webhook.listener("after_server_start")
        async def check_token(app: Any, loop: Any) -> None:
            await self.api.check()

        @webhook.listener("before_server_stop")
        async def close(app: Any, loop: Any) -> None:
            await self.api.close()

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def handshake(request: Request) -> response.HTTPResponse:
            given = request.args.get("hub.verify_token") or ""
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                    given.encode(), self.verify_token.encode()):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("WhatsApp: webhook verification with a wrong verify token refused")
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not signature_ok(request.body or b"", request.headers.get(SIGNATURE_HEADER), self.app_secret):
                logger.warning("WhatsApp: a webhook POST without a valid %s was refused", SIGNATURE_HEADER)
                return response.text("forbidden", status=403)
            try:
                update = json.loads(request.body)
            except ValueError:
                return response.text("bad request", status=400)
            for value in _values(update):
                metadata = value.get("metadata") or {}
                if str(metadata.get("phone_number_id") or self.phone_number_id) != self.phone_number_id:
                    continue  # another number of the same app
                for status in value.get("statuses") or []:
                    _note_status(status)
                for message in value.get("messages") or []:
                    if isinstance(message, dict):
                        await self._handle(message, on_new_message)
            return response.text("ok")

        return webhook

    async def _handle(self, message: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        message_id, wa_id = str(message.get("id") or ""), str(message.get("from") or "")
        if not message_id or not wa_id:
            return
        if not await self.memory.first_time(message_id):
            logger.info("WhatsApp: message delivered again, answered already")
            return
        if not within_service_window(message):
            logger.info("WhatsApp: a message older than 24 hours is not answered (outside the service window)")
            return
        key = messaging_key("whatsapp", wa_id)
        # The privacy notice comes as the last bubble of the first reply (channels/messaging.py).
        output = MessagingOutput(WhatsAppOutput(self.api, wa_id, key, self.memory), key)
        text = incoming_text(message, await self.memory.take_offer(key))
        if text is None:
            if message.get("type") in TEXT_ONLY_TYPES and await self.memory.first_time(f"media:{key}",
                                                                                          TEXT_ONLY_QUIET):
                await output.send_text_message(key, whatsapp_texts()["alleen_tekst"])
            return
        try:
            await on_new_message(UserMessage(text, output, key, input_channel=self.name(), message_id=message_id,
                                             metadata={"whatsapp_type": message.get("type")}))
            await output.finish_turn()
        except StorageUnavailable:  # the conversation store is down (storage/outage.py): say so, keep nothing
            logger.error("WhatsApp: conversation store unavailable; the customer is asked to try again")
            await output.send_text_message(key, outage_text())
        except Exception as error:  # noqa: BLE001 - Meta would re-send the message forever
            logger.error("WhatsApp: the bot could not handle a %s message (%s)", message.get("type"),
                         type(error).__name__)


def _values(update: Any) -> list[dict[str, Any]]:
    if not isinstance(update, dict):
        return []
    return [change["value"] for entry in update.get("entry") or [] if isinstance(entry, dict)
            for change in entry.get("changes") or []
            if isinstance(change, dict) and isinstance(change.get("value"), dict)]


def _note_status(status: Any) -> None:
    """delivered / read / sent: nothing to do; a failed delivery: its error code in the log."""
    if isinstance(status, dict) and status.get("status") == "failed":
        codes = [error.get("code") for error in status.get("errors") or [] if isinstance(error, dict)]
        logger.error("WhatsApp: a message could not be delivered (Graph error codes %s)", codes)
