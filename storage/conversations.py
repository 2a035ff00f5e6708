"""Whole conversations in the SQL tracker store: find, erase, purge when idle.

Rasa keeps every event of a conversation as one row of the table `events` (SQLite or
PostgreSQL, `rasa.core.tracker_store.SQLTrackerStore`). Erasing a conversation deletes all its
rows; nothing else holds them. Used by the tracker store (storage/tracker_store.py: erasure on
request, the purger while the bot runs) and by the desk (`python -m desk wissen`, `opschonen`).

A database is named by a SQLAlchemy URL (``sqlite:///var/huidbot.db``,
``postgresql://user:pw@host:5432/huidbot``) or by the path of a SQLite file.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from channels.identity import conversation_code, normalise_code

DAY = 86_400.0
EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))


def engine_for(database: str | Path) -> Engine:
    """An engine for a SQLAlchemy URL or a SQLite file path."""
    text = str(database)
    url = text if "://" in text else f"sqlite:///{Path(text)}"
    return sa.create_engine(url, future=True)


def sender_ids(engine: Engine) -> list[str]:
    """Every conversation in the store."""
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(sa.select(EVENTS.c.sender_id).distinct())]


def sender_for_code(engine: Engine, code: str) -> str | None:
    """The conversation whose desk code is `code` (as typed: spaces, lower case, no dash are fine)."""
    wanted = normalise_code(code)
    if not wanted:
        return None
    return next((s for s in sender_ids(engine) if conversation_code(s) == wanted), None)


def erase(engine: Engine, sender_id: str) -> int:
    """Delete every stored event of one conversation; returns the number of rows deleted."""
    with engine.begin() as connection:
        result = connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == sender_id))
    return int(result.rowcount or 0)


def idle_senders(engine: Engine, days: float, now: float | None = None) -> list[str]:
    """Conversations whose newest event is older than `days` days."""
    cutoff = (time.time() if now is None else now) - days * DAY
    query = (sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
             .having(sa.func.max(EVENTS.c.timestamp) < cutoff))
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]


def purge_idle(engine: Engine, days: float, now: float | None = None) -> list[str]:
    """Erase every conversation idle for more than `days` days; returns their ids."""
    senders = idle_senders(engine, days, now)
    for chunk in _chunks(senders, 500):
        with engine.begin() as connection:
            connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk)))
    return senders


def has_events_table(engine: Engine) -> bool:
    return sa.inspect(engine).has_table("events")


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def database_from_endpoints(endpoints: Path, root: Path) -> str | None:
    """The tracker store's database as a URL or SQLite path, from an endpoints file (None: not SQL)."""
    import os

    import yaml

    config = (yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
    kind = str(config.get("type", "")).lower()
    if kind != "sql" and not kind.endswith("huidbottrackerstore"):
        return None
    dialect = config.get("dialect") or "sqlite"
    if dialect == "sqlite":
        db = Path(str(config.get("db") or "rasa.db"))
        return str(db if db.is_absolute() else root / db)
    password = os.path.expandvars(str(config.get("password") or "")) or None
    url = sa.engine.URL.create(dialect, username=config.get("username"), password=password,
                               host=config.get("url"), port=config.get("port"), database=config.get("db"))
    return url.render_as_string(hide_password=False)
