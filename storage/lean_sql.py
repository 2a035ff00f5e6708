"""Rasa's SQL tracker store, reading and writing its events table without ORM objects.

Rasa 3.6 builds an ORM query for every load (SQLAlchemy works out its cache key anew each time),
an ORM object for every stored event it loads (only to read its `data` column) and for every
event it saves (then flushed one unit of work at a time): in the scaled mode about a third of a
Rasa worker's time. `LeanSQLTrackerStore` reads the `data` column with one fixed SQL text that
selects what Rasa's `_event_query` selects (the events since the latest `session_started`, or
all of them when there is none, in id order), and writes the same rows with one multi-row
INSERT. Same table, same rows, same order; everything else is Rasa's SQLTrackerStore.

Both run on a connection in autocommit mode: the load is one SELECT and the save one INSERT
statement, each atomic on its own, so the BEGIN, COMMIT and ROLLBACK that a transaction adds
would be three more round trips to PostgreSQL per turn for nothing.
"""
from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

# Rasa's _event_query: `timestamp >= the latest session start, or no session start at all`.
LATEST_SESSION = sa.text(
    "SELECT e.data FROM events e WHERE e.sender_id = :sender AND ("
    " e.timestamp >= (SELECT MAX(s.timestamp) FROM events s WHERE s.sender_id = :sender AND s.type_name = :started)"
    " OR NOT EXISTS (SELECT 1 FROM events s WHERE s.sender_id = :sender AND s.type_name = :started)"
    ") ORDER BY e.id")
ALL_SESSIONS = sa.text("SELECT e.data FROM events e WHERE e.sender_id = :sender ORDER BY e.id")


def event_row(sender_id: str, event: Event) -> dict[str, Any]:
    """The events-table row Rasa's SQLTrackerStore.save writes for `event`."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


class LeanSQLTrackerStore(SQLTrackerStore):
    """See the module docstring."""

    @contextlib.contextmanager
    def _single_statement_scope(self) -> Iterator[sa.orm.Session]:
        """Rasa's session_scope, on a connection where every statement commits by itself."""
        with self.engine.connect() as connection, \
                sa.orm.Session(bind=connection.execution_options(isolation_level="AUTOCOMMIT")) as session:
            ensure_schema_exists(session)
            yield session

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        query = ALL_SESSIONS if fetch_events_from_all_sessions else LATEST_SESSION
        with self._single_statement_scope() as session:
            rows = session.execute(query, {"sender": sender_id, "started": SessionStarted.type_name}).all()
        events = [json.loads(data) for (data,) in rows]
        if not (self.domain and events):
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self._single_statement_scope() as session:
            rows = [event_row(tracker.sender_id, event) for event in self._additional_events(session, tracker)]
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()
        logger.debug("Tracker with sender_id '%s' stored to database", tracker.sender_id)
