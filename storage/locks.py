"""Rasa's Redis lock store, without the wait that never ends after a server crash.

A conversation's turns are serialised by ticket locks in Redis. When a server dies in the
middle of a turn its ticket stays until it expires (`lock_lifetime`). Rasa's waiting loop
checks once a second; if the waiter's own ticket has expired too by then (it was taken
less than a second after the dead one), Rasa waits for ever, because no ticket of its own
is left to be served. Here the waiter takes a new ticket when its own is gone, checks more
often, and the lifetime is an endpoints.yml key:

    lock_store:
      type: storage.locks.RedisLockStore
      url: 127.0.0.1
      port: 6379
      db: 1
      key_prefix: huidbot
      lock_lifetime: 8        # seconds; Rasa's default (TICKET_LOCK_LIFETIME) is 60
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core import lock_store
from rasa.core.lock import TicketLock
from rasa.utils.endpoints import EndpointConfig

POLL_SECONDS = 0.2


class RedisLockStore(lock_store.RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        self.lock_lifetime = float(kwargs.pop("lock_lifetime", lock_store.LOCK_LIFETIME))
        super().__init__(**kwargs)

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float | None = None,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncGenerator[TicketLock, None]:
        lifetime = lock_lifetime or self.lock_lifetime
        ticket = self.issue_ticket(conversation_id, lifetime)
        try:
            while True:
                lock = self.get_lock(conversation_id)
                if lock is None or all(t.number != ticket for t in lock.tickets):
                    ticket = self.issue_ticket(conversation_id, lifetime)  # ours expired while waiting
                    continue
                if not lock.is_locked(ticket):
                    break
                await asyncio.sleep(min(wait_time_in_seconds, POLL_SECONDS))
                self.update_lock(conversation_id)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)
