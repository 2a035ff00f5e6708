"""Rasa's SQL tracker store, plus erasure on request and the retention purger.

In the endpoints (launch/stack.py renders every ``type: SQL`` store as this class):

    tracker_store:
      type: storage.tracker_store.HuidbotTrackerStore
      dialect: sqlite            # or postgresql, with url/port/username/password as for type SQL
      db: var/huidbot.db
      purge_interval_hours: 24   # optional: how often idle conversations are looked for
      max_session_events: 100    # optional: a new session (all slots carried over) after this many events

Erasure: Rasa saves the tracker *after* the actions of a turn have run, so an action cannot
delete the conversation itself (its events would be written back a moment later). Instead,
when a tracker is saved whose new events include the erasure action (ERASE_ACTION, run after
the customer said yes), every stored row of that conversation is deleted and nothing is
written; her next message starts a new, empty conversation.

Retention: one background thread erases conversations idle for longer than
``bewaartermijn_dagen`` (salon/profiel.yml, re-read each time) at start and then every
`purge_interval_hours`. The desk does the same on demand (`python -m desk opschonen`).
"""
from __future__ import annotations

import logging
import threading
from typing import Any

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Engine

from bot.knowledge.salon_profile import retention_days
from storage import conversations
from storage.outage import ResilientSQLTrackerStore, _guarded
from storage.sessions import BoundedSessions
from storage.stored_counts import KnownStoredCounts

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_gegevens_wissen"
DEFAULT_PURGE_HOURS = 24.0


class HuidbotTrackerStore(BoundedSessions, KnownStoredCounts, ResilientSQLTrackerStore):
    """The SQL tracker store (with storage/outage.py's guard) that carries out erasures when it
    saves, purges idle conversations, and keeps long conversations in bounded sessions
    (storage/sessions.py: every slot carried over, so turn 200 costs what turn 5 costs); a turn's
    save needs no count of what is stored (storage/stored_counts.py)."""

    def __init__(self, *args: Any, purge_interval_hours: float | str = DEFAULT_PURGE_HOURS,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.purger = Purger(self.engine, float(purge_interval_hours) * 3600)
        self.purger.start()

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not await _guarded("save", self._erase_if_requested(tracker)):
            await super().save(tracker)

    async def _erase_if_requested(self, tracker: DialogueStateTracker) -> bool:
        """Delete the conversation if this turn ran the erase action; True if it did."""
        if not erase_requested(tracker):
            return False
        deleted = conversations.erase(self.engine, tracker.sender_id)
        logger.info("Conversation erased on request (%d stored events deleted).", deleted)
        return True


def erase_requested(tracker: DialogueStateTracker) -> bool:
    """Did the latest turn run the erase action? Read from the tracker alone, without a query:
    a stored conversation never holds that action (its rows are deleted and nothing is written
    back), so if the tracker has it, it is new."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
        if isinstance(event, UserUttered):
            return False
    return False


class Purger:
    """Erases conversations idle longer than the salon's retention, now and every `interval` seconds."""

    def __init__(self, engine: Engine, interval: float) -> None:
        self.engine = engine
        self.interval = max(interval, 1.0)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="huidbot-purger", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()

    def purge_once(self) -> int:
        days = retention_days()
        purged = conversations.purge_idle(self.engine, days)
        if purged:
            logger.info("Retention: %d conversation(s) idle for more than %g days erased.", len(purged), days)
        return len(purged)

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                self.purge_once()
            except Exception:  # the next round tries again; the bot keeps running
                logger.exception("Retention: purging idle conversations failed")
            self.stopped.wait(self.interval)
