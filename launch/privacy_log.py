"""No health text in the servers' logs (issue 14.6): what customers write never reaches a log line.

Customers tell the bot about blood thinners and eczema; Rasa, the action server and Sanic may put a
message's text into a log line (an error with the message, an exception's text or its local
variables, a URL with a question in its query). Every log record at INFO or above is cleaned
before any handler writes it:

- the message is formatted once; URL query strings are cut off (``?vraag=...``, ``?token=...``);
- Rasa's structured (JSON) lines keep only their event name, level and the places of a traceback;
- an exception keeps its type and its traceback's places, never its text.

DEBUG records are left alone: debugging with customer text is a deliberate choice on a test machine.
Loaded in every server process: Rasa and the action server through ``launch/logging.yml``
(``--logging-config-file``), the desk by ``install()`` in desk/app.py.
"""
from __future__ import annotations

import json
import logging
import re
import traceback
from typing import Any

WITHHELD = "(inhoud weggelaten)"
QUERY = re.compile(r"((?:https?://|/)[^\s?'\"]*)\?[^\s'\"]*")
STRUCTURED_KEYS = ("event", "level", "timestamp", "logger")
_original_handle = logging.Handler.handle


def clean_text(text: str) -> str:
    """`text` with the query strings of its URLs cut off, and a JSON log line reduced to its names."""
    stripped = text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        try:
            return json.dumps(clean_structured(json.loads(stripped)), ensure_ascii=False)
        except ValueError:
            pass
    return QUERY.sub(r"\1?" + WITHHELD, text)


def clean_structured(entry: Any) -> Any:
    """A structlog event: its name and level, a traceback's places; no values, no exception text."""
    if not isinstance(entry, dict):
        return WITHHELD
    kept = {key: entry[key] for key in STRUCTURED_KEYS if key in entry}
    if "event" in kept:
        kept["event"] = QUERY.sub(r"\1?" + WITHHELD, str(kept["event"]))
    if isinstance(entry.get("exception"), list):
        kept["exception"] = [
            {"exc_type": part.get("exc_type"),
             "frames": [{key: frame.get(key) for key in ("filename", "lineno", "name")}
                        for frame in part.get("frames") or [] if isinstance(frame, dict)]}
            for part in entry["exception"] if isinstance(part, dict)]
    return kept


def traceback_places(exc_info: Any) -> str:
    """The traceback of an exception without its message: where it happened, and its type."""
    kind, _, trace = exc_info
    lines = ["Traceback (most recent call last):\n", *traceback.format_tb(trace)]
    return "".join(lines) + f"{getattr(kind, '__name__', kind)}: {WITHHELD}"


def clean_record(record: logging.LogRecord) -> None:
    """Clean `record` in place (once) if it is at INFO or above."""
    if record.levelno < logging.INFO or getattr(record, "privacy_cleaned", False):
        return
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: keep only its template
        message = str(record.msg)
    record.msg, record.args = clean_text(message), ()
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = traceback_places(record.exc_info)
    elif record.exc_text:
        record.exc_text = WITHHELD
    record.exc_info = None
    for name in ("request", "uri"):  # Sanic's access log fields
        value = getattr(record, name, None)
        if isinstance(value, str):
            setattr(record, name, QUERY.sub(r"\1?" + WITHHELD, value))
    record.privacy_cleaned = True


def _handle(self: logging.Handler, record: logging.LogRecord) -> Any:
    clean_record(record)
    return _original_handle(self, record)


def install() -> None:
    """Clean every record before any handler (also those configured later by Rasa or Sanic) writes it."""
    logging.Handler.handle = _handle  # type: ignore[method-assign]


class PrivacyFilter(logging.Filter):
    """For logging configuration files: creating it installs the cleaning for the whole process."""

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        install()

    def filter(self, record: logging.LogRecord) -> bool:
        clean_record(record)
        return True
