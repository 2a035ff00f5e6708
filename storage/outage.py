"""A tracker store that stops the turn when its database is down, instead of forgetting.

Rasa wraps every tracker store in `FailSafeTrackerStore`, which catches any `Exception`
from the database and carries on with a fresh, empty tracker: the customer's blood
thinners would be forgotten and the turn lost, and its error log would show the SQL
parameters (the message text). `OutageGuard` turns every database error into
`StorageUnavailable`, which derives from BaseException on purpose so that the fail-safe's
`except Exception` lets it through; the channel (channels/resilient.py) catches it and
answers "probeer het zo nog eens". The turn is not stored, so nothing half-done remains
and the conversation goes on from the last stored turn when the database is back.

    tracker_store:
      type: storage.outage.ResilientSQLTrackerStore
      dialect: postgresql
      ...                        # the keys of Rasa's SQL tracker store

`OutageGuard` is a mixin, so another SQL tracker store can add it:
`class MyStore(OutageGuard, SQLTrackerStore)`.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Iterable
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

from storage.lean_sql import LeanSQLTrackerStore

logger = logging.getLogger(__name__)
T = TypeVar("T")


class StorageUnavailable(BaseException):  # noqa: N818 (a condition, not an error of ours)
    """The conversation store cannot be read or written; the turn must not go on.

    A BaseException so that Rasa's FailSafeTrackerStore (`except Exception`) does not
    swallow it and continue with an empty tracker.
    """


async def _guarded(operation: str, call: Awaitable[T]) -> T:
    try:
        return await call
    except SQLAlchemyError as error:
        # Only the error's class: its text holds the SQL parameters, i.e. the message.
        logger.error("tracker store unavailable during %s (%s); the turn is not handled",
                     operation, type(error).__name__)
        raise StorageUnavailable(type(error).__name__) from None


class OutageGuard:
    """Mixin for an SQL tracker store: database errors become StorageUnavailable."""

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await _guarded("retrieve", super().retrieve(sender_id))  # type: ignore[misc]

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        return await _guarded("retrieve", super().retrieve_full_tracker(conversation_id))  # type: ignore[misc]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await _guarded("save", super().save(tracker))  # type: ignore[misc]

    async def keys(self) -> Iterable[str]:
        return await _guarded("keys", super().keys())  # type: ignore[misc]


class ResilientSQLTrackerStore(OutageGuard, LeanSQLTrackerStore):
    """Rasa's SQL tracker store (storage/lean_sql.py) with OutageGuard, and connections checked before use.

    After a database server restart the pooled connections are dead; `pool_pre_ping` replaces
    them, so the first turn after the restart is served instead of failing.

    SQLite runs in write-ahead-log mode with `synchronous=NORMAL` (`sqlite_write_ahead_log`):
    in its default mode every saved turn waits for the disk to flush (a few ms, and over 20 ms
    while the disk is busy); in WAL mode a commit is an append, flushed at checkpoints, and the
    desk can read while the bot writes. A crashed process loses nothing; a power cut may lose
    the last turns before a checkpoint, never the database.
    """

    engine: sa.engine.Engine

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            # A file: keep its connections open (SQLAlchemy 1.4 opens one per session for SQLite).
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", sqlite_write_ahead_log)
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True, **_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


def sqlite_write_ahead_log(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _engine_kwargs(url: Any) -> dict[str, Any]:
    from rasa.core.tracker_store import create_engine_kwargs
    return create_engine_kwargs(url)
