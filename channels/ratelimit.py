"""How many messages one sender may send: at most 30 in any 60 seconds (issue 14.7).

The REST channel (channels/rest.py) asks `allow` before a message enters Rasa; the messaging channels
(Telegram, WhatsApp) wrap their message handler with `limited`, which answers "rustig aan" instead.
The count is a sliding window of arrival times per sender: in this process's memory when one Rasa
process serves the bot, in Redis (``HUIDBOT_REDIS_URL``) when several workers or instances share
the conversations, so that a sender cannot spread her messages over them. Redis keys hold a hash of
the sender id, never the id itself, and expire after the window.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

from rasa.core.channels.channel import UserMessage

from bot.replies.texts import access_texts

logger = logging.getLogger(__name__)

LIMIT = 30
WINDOW_S = 60.0
REDIS_URL_ENV = "HUIDBOT_REDIS_URL"
LIMIT_ENV = "HUIDBOT_RATE_LIMIT"  # messages per minute per sender (default 30)


class Counter(Protocol):
    async def hit(self, sender: str, now: float) -> int:
        """Record one message of `sender` at `now`; the number of her messages in the window."""


class MemoryCounter:
    """Arrival times per sender in this process (the embedded mode: one Rasa process)."""

    def __init__(self, window_s: float = WINDOW_S, max_senders: int = 10_000) -> None:
        self.window_s = window_s
        self.max_senders = max_senders
        self.arrivals: dict[str, deque[float]] = {}

    async def hit(self, sender: str, now: float) -> int:
        times = self.arrivals.setdefault(sender, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        times.append(now)
        if len(self.arrivals) > self.max_senders:
            self._forget_idle(now)
        return len(times)

    def _forget_idle(self, now: float) -> None:
        for sender in [s for s, t in self.arrivals.items() if not t or t[-1] <= now - self.window_s]:
            del self.arrivals[sender]


class RedisCounter:
    """Arrival times per sender in a Redis sorted set, shared by every worker and instance."""

    def __init__(self, url: str, window_s: float = WINDOW_S, prefix: str = "huidbot:tempo:") -> None:
        import redis.asyncio  # type: ignore[import-untyped]

        self.client: Any = redis.asyncio.Redis.from_url(url)
        self.window_s = window_s
        self.prefix = prefix

    async def hit(self, sender: str, now: float) -> int:
        key = self.prefix + hashlib.sha256(sender.encode("utf-8")).hexdigest()[:32]
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, 0, now - self.window_s)
            pipe.zadd(key, {f"{now:.6f}-{uuid.uuid4().hex[:8]}": now})
            pipe.zcard(key)
            pipe.expire(key, int(self.window_s) + 1)
            results = await pipe.execute()
        return int(results[2])


class RateLimiter:
    """`await allow(sender)`: False once she has sent more than `limit` messages in the window."""

    def __init__(self, counter: Counter, limit: int = LIMIT) -> None:
        self.counter = counter
        self.limit = limit

    async def allow(self, sender: str, now: float | None = None) -> bool:
        try:
            count = await self.counter.hit(sender, time.time() if now is None else now)
        except Exception as err:  # Redis unreachable: serve her rather than refuse everyone
            logger.warning("rate limit: the counter is unavailable (%s); message allowed", type(err).__name__)
            return True
        return count <= self.limit


def limiter_from_env(env: Mapping[str, str] = os.environ) -> RateLimiter:
    """Redis when HUIDBOT_REDIS_URL is set (the scaled mode), else this process's memory."""
    url = env.get(REDIS_URL_ENV, "").strip()
    counter: Counter = RedisCounter(url) if url else MemoryCounter()
    return RateLimiter(counter, int(env.get(LIMIT_ENV) or LIMIT))


Handler = Callable[[UserMessage], Awaitable[Any]]


def limited(on_new_message: Handler, limiter: RateLimiter) -> Handler:
    """`on_new_message` for senders within the limit; the others get the friendly "rustig aan"."""

    async def handler(message: UserMessage) -> Any:
        sender = message.sender_id or ""
        if await limiter.allow(sender):
            return await on_new_message(message)
        if message.output_channel is not None:
            await message.output_channel.send_text_message(sender, access_texts()["rustig_aan"])
        return None

    return handler
