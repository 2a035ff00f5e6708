"""storage/: erasure on request and retention, checked on the rows of Rasa's events table."""
from __future__ import annotations

import asyncio
import time
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from channels.identity import conversation_code, new_web_id
from storage import conversations

with warnings.catch_warnings():  # Rasa 3.6 on SQLAlchemy 1.4: deprecation notes only
    warnings.simplefilter("ignore")
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from storage.tracker_store import ERASE_ACTION, HuidbotTrackerStore

DOMAIN = Domain.from_dict({"slots": {"medicatie": {"type": "list", "mappings": [{"type": "custom"}]}}})
DAY = 86_400


@pytest.fixture
def store(database: dict[str, str]) -> Iterator[HuidbotTrackerStore]:
    tracker_store = HuidbotTrackerStore(DOMAIN, **database)
    yield tracker_store
    tracker_store.purger.stop()


def rows(store: HuidbotTrackerStore, sender: str | None = None) -> int:
    query = "select count(*) from events" + (" where sender_id = :s" if sender else "")
    with store.engine.connect() as connection:
        return int(connection.execute(sa.text(query), {"s": sender}).scalar_one())


def save_turn(store: HuidbotTrackerStore, sender: str, text: str, *actions: str) -> DialogueStateTracker:
    """One customer turn saved the way Rasa saves it: the stored events plus this turn's."""
    tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(UserUttered(text))
    for action in actions:
        tracker.update(ActionExecuted(action))
        tracker.update(BotUttered("ok"))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    return tracker


def test_the_erase_action_deletes_every_stored_event_and_writes_nothing_back(store: HuidbotTrackerStore) -> None:
    anna, other = new_web_id(), new_web_id()
    tracker = save_turn(store, anna, "ik slik bloedverdunners", "action_veiligheid")
    tracker.update(SlotSet("medicatie", ["bloedverdunners"]))
    asyncio.run(store.save(tracker))
    save_turn(store, other, "ik heb wallen", "action_huidadvies")
    save_turn(store, anna, "verwijder mijn gegevens", "action_gegevens_wissen_vragen")
    assert rows(store, anna) > 6

    save_turn(store, anna, "ja", ERASE_ACTION)

    assert rows(store, anna) == 0  # not a restart: the rows are gone
    assert rows(store, other) > 0  # someone else's conversation stays
    assert asyncio.run(store.retrieve(anna)) is None
    fresh = save_turn(store, anna, "hoi")  # she starts afresh: nothing of before comes back
    assert fresh.get_slot("medicatie") is None and rows(store, anna) == 2


def test_without_the_erase_action_every_event_is_stored(store: HuidbotTrackerStore) -> None:
    anna = new_web_id()
    save_turn(store, anna, "verwijder mijn gegevens", "action_gegevens_wissen_vragen")
    save_turn(store, anna, "nee, toch niet", "action_gegevens_wissen_afgezien")
    assert rows(store, anna) == 8


def backdate(store: HuidbotTrackerStore, sender: str, days: float) -> None:
    with store.engine.begin() as connection:
        connection.execute(sa.text("update events set timestamp = :t where sender_id = :s"),
                           {"t": time.time() - days * DAY, "s": sender})


def test_the_purger_erases_conversations_idle_past_the_retention(store: HuidbotTrackerStore,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storage.tracker_store.retention_days", lambda: 30)
    old, recent, lively = new_web_id(), new_web_id(), new_web_id()
    for sender in (old, recent, lively):
        save_turn(store, sender, "hoi", "utter_greet")
    backdate(store, old, 31)
    backdate(store, recent, 29)
    backdate(store, lively, 40)
    save_turn(store, lively, "en nog een vraag")  # her last message is today: she is not idle

    assert store.purger.purge_once() == 1
    assert rows(store, old) == 0 and rows(store, recent) > 0 and rows(store, lively) > 0


def test_the_purger_runs_when_the_store_starts(database: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storage.tracker_store.retention_days", lambda: 30)
    first = HuidbotTrackerStore(DOMAIN, **database)
    first.purger.stop()
    old, recent = new_web_id(), new_web_id()
    save_turn(first, old, "hoi")
    save_turn(first, recent, "hoi")
    backdate(first, old, 45)

    started = HuidbotTrackerStore(DOMAIN, purge_interval_hours="24", **database)  # as the bot starts
    try:
        deadline = time.monotonic() + 30
        while rows(started, old) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rows(started, old) == 0 and rows(started, recent) == 2
        assert started.purger.thread.is_alive()  # and keeps running: next round in 24 hours
    finally:
        started.purger.stop()


def test_the_retention_comes_from_the_salon_profile(store: HuidbotTrackerStore, tmp_path: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    profile = (conversations.Path(__file__).resolve().parents[2] / "salon" / "profiel.yml").read_text(encoding="utf-8")
    edited = tmp_path / "profiel.yml"
    edited.write_text(profile.replace("bewaartermijn_dagen: 30", "bewaartermijn_dagen: 7"), encoding="utf-8")
    monkeypatch.setenv("HUIDBOT_SALON_PROFIEL", str(edited))
    week_old, day_old = new_web_id(), new_web_id()
    save_turn(store, week_old, "hoi")
    save_turn(store, day_old, "hoi")
    backdate(store, week_old, 8)
    backdate(store, day_old, 1)
    assert store.purger.purge_once() == 1
    assert rows(store, week_old) == 0 and rows(store, day_old) == 2


def test_a_conversation_is_found_by_its_desk_code_not_its_key(store: HuidbotTrackerStore) -> None:
    anna, other = new_web_id(), new_web_id()
    save_turn(store, anna, "hoi")
    save_turn(store, other, "hoi")
    code = conversation_code(anna)
    assert conversations.sender_for_code(store.engine, code) == anna
    assert conversations.sender_for_code(store.engine, code.lower().replace("-", " ")) == anna
    assert conversations.sender_for_code(store.engine, anna) is None  # the storage key is not a code
    assert conversations.sender_for_code(store.engine, "AAAA-AAAA") is None
    assert conversations.erase(store.engine, anna) == 2 and rows(store, other) == 2


def test_the_desk_commands_work_on_the_same_database(store: HuidbotTrackerStore, database: dict[str, str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from desk.cli import main

    target = database["db"] if database["dialect"] == "sqlite" else store.engine.url.render_as_string(
        hide_password=False)
    anna, old, recent = new_web_id(), new_web_id(), new_web_id()
    for sender in (anna, old, recent):
        save_turn(store, sender, "hoi")
    backdate(store, old, 45)
    assert main(["wissen", conversation_code(anna), "--db", target]) == 0
    assert rows(store, anna) == 0 and rows(store, old) == 2
    assert main(["opschonen", "--db", target]) == 0  # bewaartermijn_dagen: 30 in salon/profiel.yml
    assert rows(store, old) == 0 and rows(store, recent) == 2
    assert "1 gesprek" in capsys.readouterr().out
