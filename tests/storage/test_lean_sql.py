"""storage/lean_sql.py: the same rows and the same trackers as Rasa's own SQLTrackerStore."""
from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import sqlalchemy as sa

with warnings.catch_warnings():  # Rasa 3.6 on SQLAlchemy 1.4: deprecation notes only
    warnings.simplefilter("ignore")
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from storage.lean_sql import LeanSQLTrackerStore

DOMAIN = Domain.from_dict({"slots": {"medicatie": {"type": "list", "mappings": [{"type": "custom"}]}}})
COLUMNS = "sender_id, type_name, timestamp, intent_name, action_name, data"


def conversation(store: SQLTrackerStore) -> list[list[dict]]:
    """Two sessions of a conversation, saved turn by turn as Rasa saves them; the events each
    retrieve returned (before the first session start, and after it)."""
    loaded = []
    tracker = DialogueStateTracker("anna", DOMAIN.slots)
    turns = [("ik slik bloedverdunners", "inform", "action_veiligheid"), ("mag ik microneedling?", "microneedling_info",
             "action_kennis"), ("doei", "goodbye", "action_afscheid")]
    for number, (text, intent, action) in enumerate(turns):
        if number == 2:
            tracker.update(ActionExecuted("action_session_start", timestamp=1_000_000_000.0 + number))
            tracker.update(SessionStarted(timestamp=1_000_000_000.0 + number))
        tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=1_000_000_000.0 + number))
        tracker.update(ActionExecuted(action, timestamp=1_000_000_000.0 + number))
        tracker.update(BotUttered(f"antwoord {number}", timestamp=1_000_000_000.0 + number))
        tracker.update(SlotSet("medicatie", ["bloedverdunners"], timestamp=1_000_000_000.0 + number))
        tracker.update(ActionExecuted("action_listen", timestamp=1_000_000_000.0 + number))
        asyncio.run(store.save(tracker))
        tracker = asyncio.run(store.retrieve("anna")) or tracker
        loaded.append([event.as_dict() for event in tracker.events])
    return loaded


def rows(store: SQLTrackerStore) -> list[tuple]:
    with store.engine.connect() as connection:
        return list(connection.execute(sa.text(f"select {COLUMNS} from events order by id")))


def test_the_same_rows_and_trackers_as_rasas_store(tmp_path: Path) -> None:
    rasa = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    lean = LeanSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "lean.db"))
    assert conversation(lean) == conversation(rasa)  # turn by turn, with and without a session start
    assert rows(lean) == rows(rasa) and len(rows(lean)) > 10
    for read in ("retrieve", "retrieve_full_tracker"):
        ours, theirs = (asyncio.run(getattr(store, read)("anna")) for store in (lean, rasa))
        assert ours is not None and theirs is not None
        assert list(ours.events) == list(theirs.events)
        assert ours.current_slot_values() == theirs.current_slot_values()
    assert asyncio.run(lean.retrieve("niemand")) is None


def test_loads_and_saves_run_in_autocommit_mode_without_transaction_round_trips(tmp_path: Path) -> None:
    store = LeanSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "lean.db"))
    conversation(store)  # the table holds a conversation
    statements: list[tuple[str, str | None]] = []

    def seen(conn: sa.engine.Connection, cursor: object, statement: str, *args: object) -> None:
        statements.append((statement.split()[0].upper(), conn.get_execution_options().get("isolation_level")))

    sa.event.listen(store.engine, "before_cursor_execute", seen)
    tracker = asyncio.run(store.retrieve("anna"))
    assert tracker is not None
    tracker.update(UserUttered("en nu?", {"name": "inform", "confidence": 0.9}))
    asyncio.run(store.save(tracker))
    # the save still asks Rasa's question for what is new (this store alone does not remember the count)
    assert statements[0] == ("SELECT", "AUTOCOMMIT") and statements[-1] == ("INSERT", "AUTOCOMMIT")
    assert all(level == "AUTOCOMMIT" for _, level in statements)
    assert asyncio.run(store.retrieve("anna")).events[-1] == tracker.events[-1]  # type: ignore[union-attr]
