"""storage/outage.py and channels/resilient.py: a database that fails stops the turn with
"probeer het zo nog eens" instead of Rasa's fail-safe carrying on with an empty tracker."""
from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.replies.texts import outage_text
from channels.resilient import guarded
from storage.outage import ResilientSQLTrackerStore, StorageUnavailable

SECRET = "ik slik bloedverdunners sinds maart"


def store(db: Path) -> FailSafeTrackerStore:
    """As Rasa's Agent wraps it."""
    return FailSafeTrackerStore(ResilientSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db)))


def test_saved_turns_come_back(tmp_path: Path) -> None:
    trackers = store(tmp_path / "t.db")
    tracker = DialogueStateTracker("anna", [])
    tracker.update(UserUttered(SECRET))
    asyncio.run(trackers.save(tracker))
    again = asyncio.run(trackers.retrieve("anna"))
    assert again is not None and again.latest_message.text == SECRET


def test_sqlite_writes_ahead_and_another_reader_sees_every_saved_turn(tmp_path: Path) -> None:
    trackers = store(tmp_path / "t.db")
    tracker = DialogueStateTracker("anna", [])
    for turn in range(3):
        tracker.update(UserUttered(f"{SECRET} ({turn})"))
        asyncio.run(trackers.save(tracker))
    with sqlite3.connect(tmp_path / "t.db") as reader:  # as the desk reads: a separate connection
        assert reader.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert reader.execute("select count(*) from events where sender_id = 'anna'").fetchone() == (3,)


def test_a_broken_database_gets_through_the_fail_safe_without_the_message_in_the_log(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "t.db"
    trackers = store(db)
    tracker = DialogueStateTracker("anna", [])
    tracker.update(UserUttered(SECRET))
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE events")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StorageUnavailable):
        asyncio.run(trackers.save(tracker))
    with pytest.raises(StorageUnavailable):
        asyncio.run(trackers.retrieve("anna"))  # not None: that would start an empty conversation
    assert "tracker store unavailable" in caplog.text
    assert SECRET not in caplog.text and "InMemoryTrackerStore" not in caplog.text


def test_the_channel_answers_try_again_and_drops_what_the_unsaved_turn_said() -> None:
    async def failing_turn(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "half antwoord")
        raise StorageUnavailable("OperationalError")

    output = CollectingOutputChannel()
    asyncio.run(guarded(failing_turn)(UserMessage(SECRET, output, "anna")))
    assert [m["text"] for m in output.messages] == [outage_text()]
    assert "probeer het zo nog eens" in outage_text().lower()
