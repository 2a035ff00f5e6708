"""Reading intake summaries back from where Rasa keeps the conversations.

The actions store each summary in the slot `intake_samenvatting` (bot.replies.handoff.SLOT),
so it lives in the tracker store with the conversation. The desk reads it

- over Rasa's HTTP API (GET /conversations/<id>/tracker, server started with --enable-api), or
- straight from the SQLite tracker store (Rasa's `events` table), also when the server is down.

Messages for people come from salon/teksten.yml.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.knowledge.salon_profile import retention_days
from bot.knowledge.salon_profile import salon_texts as texts
from bot.replies.handoff import SLOT
from channels.identity import conversation_code
from storage.conversations import database_from_endpoints, engine_for, erase, purge_idle, sender_for_code

ROOT = Path(__file__).resolve().parents[1]
ENDPOINTS = ROOT / "endpoints.yml"

Summary = dict[str, Any]


class SummaryUnavailable(RuntimeError):
    """The conversations could not be read (server down, wrong database, bad token)."""


def _unavailable(source: object, error: object) -> SummaryUnavailable:
    return SummaryUnavailable(texts()["samenvatting"]["onbereikbaar"].format(bron=source, fout=error))


# --- Rasa's HTTP API ----------------------------------------------------------------------
def summary_over_http(sender: str, url: str, token: str | None = None, timeout: float = 10) -> Summary | None:
    """The summary slot of `sender` as Rasa's HTTP API reports it (None: not stored yet)."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"url must start with http:// or https://, got {url!r}")
    params = {"include_events": "NONE", **({"token": token} if token else {})}
    address = f"{url.rstrip('/')}/conversations/{quote(sender, safe='')}/tracker"
    try:
        response = requests.get(address, params=params, timeout=timeout)
    except requests.RequestException as err:  # the URL (with the token) stays out of the message
        raise _unavailable(url, type(err).__name__) from err
    if not response.ok:
        raise _unavailable(url, f"HTTP {response.status_code} {response.reason}")
    try:
        tracker = response.json()
    except ValueError as err:
        raise _unavailable(url, err) from err
    return (tracker.get("slots") or {}).get(SLOT) or None


# --- the SQLite tracker store -------------------------------------------------------------
def _connect(db: str | Path) -> sqlite3.Connection:
    path = Path(db)
    if not path.is_file():
        raise _unavailable(db, texts()["meldingen"]["geen_bestand"])
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def summary_events(db: str | Path, sender: str | None = None) -> list[tuple[str, float, Summary | None]]:
    """(sender, timestamp, summary) of every `intake_samenvatting` slot event, oldest first."""
    sql = "select sender_id, timestamp, data from events where type_name = 'slot'"
    args: tuple[str, ...] = ()
    if sender is not None:
        sql += " and sender_id = ?"
        args = (sender,)
    try:
        connection = _connect(db)
        try:
            rows = connection.execute(sql + " order by id", args).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as err:
        raise _unavailable(db, err) from err
    found = []
    for sender_id, timestamp, data in rows:
        event = json.loads(data)
        if event.get("name") == SLOT:
            found.append((sender_id, timestamp, event.get("value")))
    return found


def summary_from_db(sender: str, db: str | Path) -> Summary | None:
    """The latest summary of `sender` in the SQLite tracker store (None: not stored yet)."""
    events = summary_events(db, sender)
    return (events[-1][2] or None) if events else None


def recent_summaries(db: str | Path, limit: int = 20) -> list[dict[str, Any]]:
    """The newest summaries, one per conversation, newest first: {"sender", "tijd", "samenvatting"}."""
    latest: dict[str, tuple[float, Summary | None]] = {}
    for sender, timestamp, summary in summary_events(db):
        latest[sender] = (timestamp, summary)
    rows = [{"sender": sender, "code": conversation_code(sender), "tijd": timestamp, "samenvatting": summary}
            for sender, (timestamp, summary) in latest.items() if summary]
    rows.sort(key=lambda row: float(row["tijd"] or 0), reverse=True)  # type: ignore[arg-type]
    return rows[:limit]


# --- conversations by the customer's code (any SQL tracker store) -------------------------
def default_store() -> str:
    """The tracker store the desk reads: $HUIDBOT_DB (a SQLite path or database URL), else endpoints.yml's."""
    return os.environ.get("HUIDBOT_DB") or database_from_endpoints(ENDPOINTS, ROOT) or str(ROOT / "var" / "huidbot.db")


def _store_engine(store: str | Path) -> Engine:
    if "://" not in str(store) and not Path(store).is_file():
        raise _unavailable(store, texts()["meldingen"]["geen_bestand"])
    return engine_for(store)


def find_sender(code: str, store: str | Path | None = None) -> str | None:
    """The conversation whose desk code is `code` (never looked up by its storage key)."""
    try:
        return sender_for_code(_store_engine(store or default_store()), code)
    except SQLAlchemyError as err:
        raise _unavailable(store, type(err).__name__) from err


def erase_by_code(code: str, store: str | Path | None = None) -> int | None:
    """Erase the conversation with this code: the number of rows deleted, None when no such code."""
    engine = _store_engine(store or default_store())
    try:
        sender = sender_for_code(engine, code)
        return None if sender is None else erase(engine, sender)
    except SQLAlchemyError as err:
        raise _unavailable(store, type(err).__name__) from err


def purge(store: str | Path | None = None) -> tuple[int, int]:
    """Erase every conversation idle past the retention: (number erased, retention in days)."""
    days = retention_days()
    try:
        return len(purge_idle(_store_engine(store or default_store()), days)), days
    except SQLAlchemyError as err:
        raise _unavailable(store, type(err).__name__) from err


def fetch_summary(sender: str, *, url: str | None = None, token: str | None = None,
                  db: str | Path | None = None, timeout: float = 10) -> Summary | None:
    """The latest summary of `sender`: from the SQLite store `db` if given, else from Rasa at `url`."""
    if db is not None:
        return summary_from_db(sender, db)
    return summary_over_http(sender, url or "", token, timeout)
