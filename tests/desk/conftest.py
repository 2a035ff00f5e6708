"""Fixtures of the desk tests: a SQLite tracker store with summaries, a stand-in Rasa HTTP API."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.replies.handoff import build_summary
from tests.desk.fakes import FULL, FakeRasaApi, make_tracker_db


@pytest.fixture
def tracker_db(tmp_path: Path) -> Path:
    path = tmp_path / "huidbot.db"
    first = build_summary({"signalen": ["wallen"]})
    later = build_summary(FULL)
    make_tracker_db(path, [
        ("anna", "user", {"event": "user", "text": "ik heb wallen"}),
        ("anna", "slot", {"event": "slot", "name": "intake_samenvatting", "value": first}),
        ("anna", "slot", {"event": "slot", "name": "fase", "value": "reset"}),
        ("bert", "slot", {"event": "slot", "name": "intake_samenvatting", "value": first}),
        ("anna", "slot", {"event": "slot", "name": "intake_samenvatting", "value": later}),
    ])
    return path


@pytest.fixture
def rasa_api() -> Iterator[FakeRasaApi]:
    api = FakeRasaApi({"web-k7m2": {"intake_samenvatting": build_summary(FULL), "fase": "reset"},
                       "web leeg/1": {"intake_samenvatting": None}}, token="geheim")
    yield api
    api.server.shutdown()
