"""`python -m launch.action_server ARGS`: `rasa run actions ARGS`, answering 413 to an oversize body.

Sanic refuses a body above REQUEST_MAX_SIZE (1 MB here, from the launcher) before reading it, but
rasa_sdk's catch-all exception handler turns that refusal into a 500. A handler for exactly that
exception answers 413 instead, without touching the unread body. The data of bot/ is loaded at start
(bot/warmup.py), not in the first turns, and then frozen out of the garbage collector (launch/heap.py).
Everything else is rasa_sdk unchanged; launch.stack starts the action server this way.
"""
from __future__ import annotations

import sys
from typing import Any

import rasa_sdk.endpoint as endpoint
from sanic import Sanic, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request

from bot.warmup import warm_up
from launch.heap import freeze_long_lived

_create_app = endpoint.create_app


def create_app(*args: Any, **kwargs: Any) -> Sanic:
    """rasa_sdk's app, with 413 for a body over the size limit."""
    app = _create_app(*args, **kwargs)

    @app.exception(PayloadTooLarge)
    async def payload_too_large(request: Request, exception: PayloadTooLarge) -> response.HTTPResponse:
        return response.json({"error": "request body too large"}, status=413)

    return app


def main() -> int:
    endpoint.create_app = create_app
    warm_up()  # the data of bot/, loaded before Sanic forks the workers (ACTION_SERVER_SANIC_WORKERS)
    freeze_long_lived()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "run", "actions", *sys.argv[1:]]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
