"""channels/ratelimit.py: at most 30 messages a minute per sender, in memory or shared in Redis.

The Redis counter is tested against a real redis-server (Debian's, installed by `make setup`),
started on a free port by this test; two limiters on it stand for two workers or instances.
"""
from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.replies.texts import access_texts
from channels.identity import messaging_key, new_web_id
from channels.ratelimit import LIMIT, MemoryCounter, RateLimiter, RedisCounter, limited, limiter_from_env
from channels.rest import refusal
from launch.stack import free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def allowed(limiter: RateLimiter, sender: str, times: list[float]) -> list[bool]:
    async def run() -> list[bool]:
        return [await limiter.allow(sender, now) for now in times]

    return asyncio.run(run())


def test_the_31st_message_within_a_minute_is_refused_in_memory() -> None:
    limiter = RateLimiter(MemoryCounter())
    anna, bert = new_web_id(), new_web_id()
    start = 1_000_000.0
    assert allowed(limiter, anna, [start + i for i in range(LIMIT)]) == [True] * LIMIT
    assert allowed(limiter, anna, [start + 30.5]) == [False]
    assert allowed(limiter, bert, [start + 31]) == [True]  # someone else is served
    # A sliding window: once her first messages are a minute old, she may go on.
    assert allowed(limiter, anna, [start + 62.5]) == [True]


def test_memory_counter_forgets_idle_senders() -> None:
    counter = MemoryCounter(max_senders=3)
    limiter = RateLimiter(counter)
    for i in range(5):
        allowed(limiter, f"web-idle{i}", [100.0 + i])
    allowed(limiter, "web-new", [1000.0])
    assert set(counter.arrivals) == {"web-new"}


def test_without_redis_url_the_counter_is_in_memory() -> None:
    assert isinstance(limiter_from_env({}).counter, MemoryCounter)
    limiter = limiter_from_env({"HUIDBOT_REDIS_URL": "redis://127.0.0.1:1/0", "HUIDBOT_RATE_LIMIT": "5"})
    assert isinstance(limiter.counter, RedisCounter) and limiter.limit == 5


def test_an_unreachable_redis_lets_messages_through() -> None:
    limiter = RateLimiter(RedisCounter(f"redis://127.0.0.1:{free_port()}/0"), limit=1)
    assert allowed(limiter, new_web_id(), [1.0, 2.0]) == [True, True]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(REDIS_SERVER).exists():
        pytest.fail(f"{REDIS_SERVER} not found: `make setup` installs Debian's redis-server")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(workdir)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def test_the_count_is_shared_by_workers_through_redis(redis_url: str) -> None:
    async def run() -> tuple[list[bool], list[bool], bool]:
        worker_a, worker_b = RateLimiter(RedisCounter(redis_url)), RateLimiter(RedisCounter(redis_url))
        anna, bert = new_web_id(), new_web_id()
        now = time.time()
        first = [await worker_a.allow(anna, now + i * 0.1) for i in range(20)]
        second = [await worker_b.allow(anna, now + 2 + i * 0.1) for i in range(12)]
        other = await worker_b.allow(bert, now + 4)
        await worker_a.counter.client.close()  # type: ignore[attr-defined]
        await worker_b.counter.client.close()  # type: ignore[attr-defined]
        return first, second, other

    first, second, other = asyncio.run(run())
    assert first == [True] * 20
    assert second == [True] * 10 + [False] * 2  # together more than 30 in the minute
    assert other


def test_redis_keeps_no_sender_id_and_lets_keys_expire(redis_url: str) -> None:
    sender = new_web_id()

    async def run() -> None:
        limiter = RateLimiter(RedisCounter(redis_url))
        await limiter.allow(sender)
        await limiter.counter.client.close()  # type: ignore[attr-defined]

    asyncio.run(run())
    client = redis.Redis.from_url(redis_url)
    keys = [key.decode() for key in client.keys("huidbot:tempo:*")]
    assert keys and not any(sender in key for key in keys)
    assert all(0 < client.ttl(key) <= 61 for key in keys)


def test_rest_refuses_other_channels_and_made_up_ids() -> None:
    assert refusal(new_web_id()) is None
    assert refusal(messaging_key("telegram", 42))[0] == 403  # type: ignore[index]
    for made_up in ("anna", "web-abc", "", None, 7, "web-" + "a" * 65):
        assert refusal(made_up)[0] == 400, made_up  # type: ignore[index]


def test_messaging_channels_answer_rustig_aan_above_the_limit() -> None:
    """channels/telegram.py and channels/whatsapp.py wrap their handler with `limited`."""
    handled: list[str] = []

    async def on_new_message(message: UserMessage) -> None:
        handled.append(message.text or "")

    async def run() -> list[list[str]]:
        handler = limited(on_new_message, RateLimiter(MemoryCounter(), limit=3))
        said = []
        for i in range(5):
            output = CollectingOutputChannel()
            await handler(UserMessage(f"bericht {i}", output, messaging_key("telegram", 77)))
            said.append([m.get("text") for m in output.messages])
        return said

    said = asyncio.run(run())
    assert handled == ["bericht 0", "bericht 1", "bericht 2"]
    assert said[3:] == [[access_texts()["rustig_aan"]]] * 2 and said[:3] == [[]] * 3
