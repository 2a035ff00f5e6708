"""storage/locks.py on a real redis-server: a crashed server's conversation lock holds the
conversation only for the lock's lifetime, also when the next message comes right after."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.lock_store import RedisLockStore as RasaRedisLockStore
from rasa.utils.endpoints import EndpointConfig

from launch.services import Redis, redis
from storage.locks import RedisLockStore

LIFETIME = 1.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Redis]:
    with redis(tmp_path_factory.mktemp("redis")) as running:
        yield running


def ours(server: Redis) -> RedisLockStore:
    config = EndpointConfig.from_dict(server.endpoint("storage.locks.RedisLockStore", lock_lifetime=LIFETIME))
    return RedisLockStore(endpoint_config=config)


async def take_turn(store: RasaRedisLockStore, conversation: str) -> float:
    started = time.monotonic()
    async with store.lock(conversation, lock_lifetime=LIFETIME):
        return time.monotonic() - started


def test_the_next_message_waits_for_the_dead_servers_ticket_to_expire(server: Redis) -> None:
    store = ours(server)
    store.issue_ticket("na-crash", LIFETIME)  # a server died holding this ticket
    waited = asyncio.run(asyncio.wait_for(take_turn(store, "na-crash"), timeout=10))
    assert waited > LIFETIME / 2  # it did wait for the dead ticket
    assert store.get_lock("na-crash") is None  # and cleaned up after its turn


def test_rasas_own_lock_store_would_wait_for_ever_in_the_same_case(server: Redis) -> None:
    store = RasaRedisLockStore(host="127.0.0.1", port=server.port, db=2)
    store.issue_ticket("na-crash-rasa", LIFETIME)
    with pytest.raises(asyncio.TimeoutError):  # its own ticket expired within its 1-second nap
        asyncio.run(asyncio.wait_for(take_turn(store, "na-crash-rasa"), timeout=4 * LIFETIME))


def test_lifetime_comes_from_the_endpoint(server: Redis, tmp_path: Path) -> None:
    store = ours(server)
    assert store.lock_lifetime == LIFETIME
    assert store.key_prefix == "huidbot:lock:"
