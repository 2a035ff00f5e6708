"""Calls to an action server over connections that stay open between calls.

Rasa 3.6 opens a new aiohttp session, and with it a new TCP connection, for every call to the
action server: two per turn in the scaled mode, each with a connect, the server accepting it and
a close. Here Rasa's own request code gets one session per endpoint and event loop (each Sanic
worker has its own loop) whose connections stay open. An idle connection is kept for at most
KEEPALIVE_S, under the 5 s after which the action server (Sanic) closes it, so that no call goes
out on a connection the server is just closing.
"""
from __future__ import annotations

import asyncio
import weakref
from typing import Any

import aiohttp
from rasa.utils.endpoints import EndpointConfig

KEEPALIVE_S = 2.0

_sessions: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple, aiohttp.ClientSession]] = \
    weakref.WeakKeyDictionary()


def _key(endpoint: EndpointConfig) -> tuple:
    return (endpoint.url, tuple(sorted((endpoint.headers or {}).items())),
            tuple(sorted((endpoint.basic_auth or {}).items())))


class KeptSession:
    """For Rasa's `async with endpoint.session() as session`: the loop's shared session, left open."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        self.endpoint = endpoint

    async def __aenter__(self) -> aiohttp.ClientSession:
        per_loop = _sessions.setdefault(asyncio.get_running_loop(), {})
        key = _key(self.endpoint)
        session = per_loop.get(key)
        if session is None or session.closed:
            fresh = self.endpoint.session()  # Rasa's headers, auth and timeout
            session = aiohttp.ClientSession(
                headers=fresh.headers, auth=fresh.auth, timeout=fresh.timeout,
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S))
            per_loop[key] = session  # before the next await: concurrent calls share it
            await fresh.close()
        return session

    async def __aexit__(self, *exc: Any) -> None:
        return None


async def close_kept_sessions() -> None:
    """Close the sessions of the running loop (a Sanic worker stopping)."""
    for session in _sessions.pop(asyncio.get_running_loop(), {}).values():
        await session.close()


def close_them_with_rasas_resources() -> None:
    """Have Rasa's `after_server_stop` listener (`rasa.core.run.close_resources`) close them first."""
    import rasa.core.run

    close_resources = rasa.core.run.close_resources

    async def close_sessions_and_resources(app: Any, loop: asyncio.AbstractEventLoop) -> None:
        await close_kept_sessions()
        await close_resources(app, loop)

    rasa.core.run.close_resources = close_sessions_and_resources


class WithKeptSession:
    """An endpoint as Rasa's `EndpointConfig.request` reads it, whose `session()` is kept open."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        self._endpoint = endpoint

    def __getattr__(self, name: str) -> Any:
        return getattr(self._endpoint, name)

    def session(self) -> KeptSession:
        return KeptSession(self._endpoint)
