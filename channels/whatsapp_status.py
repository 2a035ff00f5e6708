"""Whether WhatsApp is connected, as the channel last found out: a small JSON file the desk reads.

The channel (channels/whatsapp.py, inside the Rasa server) writes it at start (it asks the Graph API
for the phone number id) and whenever sending starts or stops working; the desk page
(desk/app.py, GET /api/kanalen) shows it. No file: WhatsApp is not set up. The path is
HUIDBOT_WHATSAPP_STATUS, default var/whatsapp_status.json; the desk must see the same file.
Light on purpose (no Rasa), so the desk can import it.
"""
from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

STATUS_ENV = "HUIDBOT_WHATSAPP_STATUS"
DEFAULT_STATUS_FILE = Path(__file__).resolve().parents[1] / "var" / "whatsapp_status.json"


def status_path() -> Path:
    return Path(os.environ.get(STATUS_ENV) or DEFAULT_STATUS_FILE)


class ConnectionStatus:
    """Writes {"verbonden", "foutcode", "http", "gecontroleerd"} to the status file when it changes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or status_path()
        self._last: tuple[bool, int | None] | None = None

    def record(self, connected: bool, code: int | None = None, http_status: int | None = None) -> None:
        if self._last == (connected, code):
            return
        self._last = (connected, code)
        state = {"verbonden": connected, "foutcode": code, "http": http_status,
                 "gecontroleerd": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(state), encoding="utf-8")
            temporary.replace(self.path)
        except OSError as error:
            logger.warning("WhatsApp: could not write %s (%s)", self.path, error)


def read_status(path: Path | None = None) -> dict[str, Any] | None:
    """The last state written, or None when WhatsApp is not set up (no file, or unreadable)."""
    try:
        state = json.loads((path or status_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None
