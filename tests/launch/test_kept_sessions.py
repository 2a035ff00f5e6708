"""launch/kept_sessions.py: calls to an action server reuse their connection; Rasa's request code unchanged."""
from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from launch import in_process_actions, kept_sessions
from launch.stack import free_port


async def _calls(bodies: list[dict[str, Any]], status: int = 200) -> tuple[list[Any], list[Any], list[Any]]:
    """POST each body through the request Rasa's actions use; what the server saw, and the answers."""
    peers: list[Any] = []
    received: list[Any] = []

    async def webhook(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername") if request.transport else None)
        received.append((request.headers.get("Content-Type"), request.headers.get("X-Salon"), await request.json()))
        return web.json_response({"events": [], "responses": [{"text": "Hoi"}]}, status=status)

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}/webhook", headers={"X-Salon": "huidstudio"})
    answers: list[Any] = []
    try:
        for body in bodies:
            try:
                answers.append(await in_process_actions.request(endpoint, json=body))
            except ClientResponseError as error:
                answers.append(error.status)
    finally:
        await kept_sessions.close_kept_sessions()
        await runner.cleanup()
    return peers, received, answers


def test_calls_reuse_one_connection_and_send_rasas_request() -> None:
    bodies = [{"next_action": "action_kennis", "tracker": {"sender_id": "web-1", "events": [{"event": "user",
               "text": "mag ik microneedling na mijn peeling? ü/é"}]}}, {"next_action": "action_validate_slot_mappings"}]
    peers, received, answers = asyncio.run(_calls(bodies * 2))
    assert len(peers) == 4 and len(set(peers)) == 1  # one TCP connection for all four calls
    assert received == [("application/json", "huidstudio", body) for body in bodies * 2]
    assert answers == [{"events": [], "responses": [{"text": "Hoi"}]}] * 4


def test_an_error_answer_is_still_rasas_error() -> None:
    _, _, answers = asyncio.run(_calls([{"next_action": "action_kennis"}], status=500))
    assert answers == [500]


def test_the_sessions_of_a_stopping_worker_are_closed() -> None:
    async def scenario() -> bool:
        session = await kept_sessions.KeptSession(EndpointConfig(url="http://127.0.0.1:9/webhook")).__aenter__()
        await kept_sessions.close_kept_sessions()
        return session.closed

    assert asyncio.run(scenario())


def test_concurrent_first_calls_share_one_session() -> None:
    async def scenario() -> int:
        endpoint = EndpointConfig(url="http://127.0.0.1:9/webhook")
        sessions = await asyncio.gather(*(kept_sessions.KeptSession(endpoint).__aenter__() for _ in range(5)))
        await kept_sessions.close_kept_sessions()
        return len({id(s) for s in sessions})

    assert asyncio.run(scenario()) == 1
