"""The real servers for end-to-end tests: Rasa (trained model, the actions in it), the desk.

Used by tests/e2e, tests/web, tests/telegram and tests/desk. They are started by launch.Stack,
as `make run` starts them (launch.stack.rasa_options: the HTTP API only with a token, CORS for the
salon's origins and the demo page); every server binds to 127.0.0.1 on a free port and writes its
log into the test's temporary folder; the log tail is in the error when one does not start.
The bot's HTTP API gets a random token (Bot.token), which Bot.tracker uses.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from channels.identity import new_web_id
from launch.stack import IN_PROCESS, ROOT, Stack, free_port, rasa_options

__all__ = ["ROOT", "Bot", "free_port", "new_web_id", "running_bot", "running_web"]

# make test trains models/huidbot.tar.gz first; HUIDBOT_TEST_MODEL points at another file.
MODEL = Path(os.environ.get("HUIDBOT_TEST_MODEL") or ROOT / "models" / "huidbot.tar.gz")
HOST = "127.0.0.1"


def require_model() -> Path:
    if not MODEL.exists():
        pytest.fail(f"{MODEL.relative_to(ROOT) if MODEL.is_relative_to(ROOT) else MODEL} is missing: "
                    "run `make train` first (`make test` trains before these tests)")
    return MODEL


@dataclass
class Bot:
    url: str
    db: Path
    logs: dict[str, Path | None]
    token: str = ""  # the HTTP API's token

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        response = requests.post(f"{self.url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": message}, timeout=120)
        response.raise_for_status()
        result: list[dict[str, Any]] = response.json()
        return result

    def tracker(self, sender: str) -> dict[str, Any]:
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", params={"token": self.token},
                                timeout=30)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result


@contextlib.contextmanager
def running_bot(tmp: Path, credentials: str | None = None, env: Mapping[str, str] | None = None,
                web_port: int | None = None) -> Iterator[Bot]:
    """The Rasa server as `make run` starts it (the custom actions in the server itself) with the
    trained model, a fresh SQLite tracker store, the HTTP API with a random token, CORS for the salon's origins (and the demo page on `web_port`).
    `credentials`: YAML text (default: the project's file)."""
    model = require_model()
    db = tmp / "trackers.db"
    default_credentials = (ROOT / "credentials.yml").read_text(encoding="utf-8")
    token = secrets.token_urlsafe(24)
    with Stack(tmp, env=env or {}) as stack:
        rasa = stack.start_rasa(free_port(), IN_PROCESS, model=model, tracker_store=db, host=HOST,
                                credentials=credentials if credentials is not None else default_credentials,
                                **rasa_options({"HUIDBOT_API_TOKEN": token}, web_port))
        stack.wait_until_ready(timeout=300)
        yield Bot(rasa.url, db, {s.name: s.log for s in stack.servers}, token)


@contextlib.contextmanager
def running_web(tmp: Path, rasa_url: str = "http://127.0.0.1:9", env: Mapping[str, str] | None = None,
                db: Path | None = None, port: int | None = None) -> Iterator[str]:
    """The desk's web server (python -m desk serve) on `port` (default: a free one); yields its base URL."""
    with Stack(tmp, env=env or {}) as stack:
        desk = stack.start_desk(port or free_port(), rasa_url, host=HOST, db=db)
        stack.wait_until_ready(timeout=60)
        yield desk.url
