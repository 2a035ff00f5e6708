"""Saving a turn without counting what is already stored.

Rasa's SQL tracker store finds the new events of a tracker by counting, on every save, the stored
events of the conversation's latest session (a query with a sub-query), then writing the events
after that count. The turn that saves the tracker loaded it a moment earlier with exactly those
events, so `KnownStoredCounts` remembers that number at `retrieve` and uses it once, at the next
save of that conversation; a save without such a retrieve counts as Rasa does.

The conversation lock (the lock store) keeps another turn of the same conversation from saving
in between, in this process or another server's.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

MAX_REMEMBERED = 10_000  # conversations retrieved but not (yet) saved, e.g. read through the HTTP API


class KnownStoredCounts:
    """Mixin for Rasa's SQLTrackerStore (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._stored: dict[str, int] = {}

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        tracker: DialogueStateTracker | None = await super().retrieve(sender_id)  # type: ignore[misc]
        if len(self._stored) >= MAX_REMEMBERED:
            self._stored.clear()
        self._stored[sender_id] = len(tracker.events) if tracker is not None else 0
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        stored = self._stored.pop(tracker.sender_id, None)
        if stored is None:
            return super()._additional_events(session, tracker)  # type: ignore[misc]
        return itertools.islice(tracker.events, stored, len(tracker.events))
