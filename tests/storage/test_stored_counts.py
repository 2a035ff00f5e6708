"""storage/stored_counts.py: a turn's save writes exactly its new events, without a count query,
also when two servers take turns in one conversation (the scaled mode)."""
from __future__ import annotations

import asyncio
import json
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from channels.identity import new_web_id

with warnings.catch_warnings():  # Rasa 3.6 on SQLAlchemy 1.4: deprecation notes only
    warnings.simplefilter("ignore")
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from storage.tracker_store import HuidbotTrackerStore

DOMAIN = Domain.from_dict({"slots": {"medicatie": {"type": "list", "mappings": [{"type": "custom"}]}}})


@pytest.fixture
def two_servers(database: dict[str, str]) -> Iterator[tuple[HuidbotTrackerStore, HuidbotTrackerStore]]:
    first, second = HuidbotTrackerStore(DOMAIN, **database), HuidbotTrackerStore(DOMAIN, **database)
    yield first, second
    first.purger.stop()
    second.purger.stop()


def turn(store: HuidbotTrackerStore, sender: str, text: str) -> None:
    tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(UserUttered(text))
    tracker.update(ActionExecuted("action_kennis"))
    tracker.update(BotUttered(f"antwoord op {text}"))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))


def stored_texts(store: HuidbotTrackerStore, sender: str) -> list[str]:
    with store.engine.connect() as connection:
        data = connection.execute(sa.text("select data from events where sender_id = :s order by id"),
                                  {"s": sender}).scalars()
        return [json.loads(d).get("text") for d in data if json.loads(d)["event"] in ("user", "bot")]


def test_turns_alternating_between_two_servers_are_stored_once_and_in_order(
        two_servers: tuple[HuidbotTrackerStore, HuidbotTrackerStore]) -> None:
    anna = new_web_id()
    messages = [f"vraag {n}" for n in range(6)]
    for n, text in enumerate(messages):
        turn(two_servers[n % 2], anna, text)
    expected = [t for text in messages for t in (text, f"antwoord op {text}")]
    assert stored_texts(two_servers[0], anna) == expected


def test_a_save_without_a_retrieve_counts_as_rasa_does(
        two_servers: tuple[HuidbotTrackerStore, HuidbotTrackerStore]) -> None:
    first, second = two_servers
    anna = new_web_id()
    turn(first, anna, "hoi")
    tracker = asyncio.run(first.retrieve(anna))  # loaded by the first server ...
    assert tracker is not None
    tracker.update(UserUttered("ik heb wallen"))
    asyncio.run(second.save(tracker))  # ... saved by the second, which never loaded it
    assert stored_texts(first, anna) == ["hoi", "antwoord op hoi", "ik heb wallen"]


def test_the_save_after_a_retrieve_runs_no_count_query(
        two_servers: tuple[HuidbotTrackerStore, HuidbotTrackerStore]) -> None:
    store, _ = two_servers
    anna = new_web_id()
    turn(store, anna, "hoi")
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement.lower())

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        tracker = asyncio.run(store.retrieve(anna))
        assert tracker is not None
        loaded = len(statements)
        tracker.update(UserUttered("en nu?"))
        asyncio.run(store.save(tracker))
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", record)
    assert not any("count(" in s for s in statements[loaded:]), statements[loaded:]
    assert any(s.startswith("insert") for s in statements[loaded:])
