"""desk/summaries.py: intake summaries read back from the tracker store and over Rasa's HTTP API."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.replies.handoff import build_summary
from desk import summaries
from tests.desk.fakes import FULL, FakeRasaApi, write_with_rasa


def test_latest_summary_from_the_sqlite_tracker_store(tracker_db: Path) -> None:
    assert summaries.fetch_summary("anna", db=tracker_db) == build_summary(FULL)
    assert summaries.summary_from_db("bert", tracker_db)["signalen"] == ["wallen"]
    assert summaries.fetch_summary("carla", db=tracker_db) is None


def test_recent_summaries_newest_first(tracker_db: Path) -> None:
    rows = summaries.recent_summaries(tracker_db)
    assert [r["sender"] for r in rows] == ["anna", "bert"]
    assert rows[0]["samenvatting"]["fase"] == "reset"
    assert summaries.recent_summaries(tracker_db, limit=1)[0]["sender"] == "anna"


def test_a_store_written_by_rasas_own_sql_tracker_store(tmp_path: Path) -> None:
    db = tmp_path / "rasa.db"
    first, later = build_summary({"signalen": ["wallen"]}), build_summary(FULL)
    write_with_rasa(db, {
        "web-anna": [("ik heb wallen", None), ("intake_samenvatting", first), ("fase", "reset"),
                     ("ik wil een afspraak", None), ("intake_samenvatting", later)],
        "web-bert": [("hoi", None), ("fase", "reset")],
    })
    assert summaries.fetch_summary("web-anna", db=db) == later
    assert summaries.fetch_summary("web-bert", db=db) is None
    assert [row["sender"] for row in summaries.recent_summaries(db)] == ["web-anna"]


def test_a_missing_or_foreign_database_is_reported(tmp_path: Path) -> None:
    with pytest.raises(summaries.SummaryUnavailable, match="bestand niet gevonden"):
        summaries.fetch_summary("anna", db=tmp_path / "nope.db")
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    with pytest.raises(summaries.SummaryUnavailable, match="Kan de gesprekken niet lezen"):
        summaries.recent_summaries(other)  # no events table


def test_summary_over_rasas_http_api(rasa_api: FakeRasaApi) -> None:
    assert summaries.fetch_summary("web-k7m2", url=rasa_api.url, token="geheim")["fase"] == "reset"
    assert summaries.fetch_summary("web leeg/1", url=rasa_api.url, token="geheim") is None
    assert "/conversations/web%20leeg%2F1/tracker" in rasa_api.paths[-1]  # the sender id is escaped
    with pytest.raises(summaries.SummaryUnavailable, match="HTTP 401") as refused:
        summaries.fetch_summary("web-k7m2", url=rasa_api.url, token="fout")
    assert "token=" not in str(refused.value)  # the API token is never shown
    with pytest.raises(ValueError):
        summaries.fetch_summary("web-k7m2", url="file:///etc/passwd")
