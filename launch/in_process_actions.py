"""Custom actions run inside the Rasa server, for the embedded mode (`make run`).

An action server costs a turn two HTTP round trips (`action_validate_slot_mappings` after every
message, then the answer's action), each with the whole tracker as JSON: about a sixth of a turn.
With this endpoint the Rasa server runs the same rasa_sdk actions itself:

    action_endpoint:
      actions_module: actions      # instead of  url: http://localhost:5055/webhook

The call stays the action server's protocol, so Rasa treats the answer exactly as it treats an
action server's (the schema check, the responses, the events, a form's rejection): the request
is Rasa's own request body and the answer rasa_sdk's own answer, both passed through JSON so
that the actions and Rasa share no objects. An action that fails is logged and answered as the
action server would answer it (HTTP 500), and Rasa raises the same error. Rasa Pro has the same
setting under the same name; the scaled mode keeps separate action servers (`url:`); its
requests to them are encoded with ujson too (the tracker is most of a request) and go over
connections kept open between calls (launch/kept_sessions.py).
"""
from __future__ import annotations

import functools
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ujson
import yaml
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from launch.kept_sessions import WithKeptSession

logger = logging.getLogger(__name__)

MODULE_KEY = "actions_module"

_http_request = EndpointConfig.request


@functools.cache
def executor(module: str) -> ActionExecutor:
    """rasa_sdk's executor with the actions of `module` registered (once per process)."""
    actions = ActionExecutor()
    actions.register_package(module)
    return actions


def _as_json(data: Any) -> Any:
    """`data` as it arrives after a trip through JSON (ujson, which Rasa itself installs: twice as
    fast as the standard library for a tracker)."""
    return ujson.loads(ujson.dumps(data))


def _refusal(status: int, action_name: str, error: str) -> ClientResponseError:
    """The error Rasa's EndpointConfig.request raises for an action server's non-200 answer."""
    return ClientResponseError(status, error, json.dumps({"error": error, "action_name": action_name}))


async def run_action(module: str, body: dict[str, Any]) -> dict[str, Any]:
    """Run the action named in Rasa's request `body`; rasa_sdk's answer, as an action server sends it."""
    name = str(body.get("next_action"))
    try:
        answer = await executor(module).run(_as_json(body))
    except ActionExecutionRejection as rejection:  # a form refusing to run: Rasa tries another action
        raise _refusal(400, rejection.action_name, rejection.message) from None
    except ActionNotFoundException as missing:
        raise _refusal(404, name, missing.message) from None
    except Exception as error:
        logger.exception("Custom action '%s' failed.", name)
        raise _refusal(500, name, "Internal Server Error") from error
    return _as_json(answer or {})


async def request(self: EndpointConfig, method: str = "post", subpath: str | None = None,
                  content_type: str | None = "application/json", compress: bool = False, **kwargs: Any) -> Any:
    """EndpointConfig.request: in this process for an endpoint with `actions_module`, else over HTTP."""
    module = self.kwargs.get(MODULE_KEY)
    if not module:
        if "json" in kwargs:  # the same body, encoded with ujson rather than aiohttp's json.dumps
            kwargs["data"] = ujson.dumps(kwargs.pop("json"))
        return await _http_request(WithKeptSession(self), method, subpath, content_type, compress, **kwargs)
    return await run_action(str(module), kwargs["json"])


def run_actions_in_process() -> None:
    EndpointConfig.request = request


def preload(argv: Sequence[str]) -> None:
    """If the endpoints file of `rasa run ARGS` names an actions module: import it now, at start,
    not during the first customer's turn."""
    args = list(argv)
    path = next((a.split("=", 1)[1] for a in args if a.startswith("--endpoints=")), None)
    if path is None and "--endpoints" in args[:-1]:
        path = args[args.index("--endpoints") + 1]
    if path is None or not Path(path).is_file():
        return
    endpoint = (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("action_endpoint") or {}
    module = endpoint.get(MODULE_KEY)
    if module:
        executor(str(module))
