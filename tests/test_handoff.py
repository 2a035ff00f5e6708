"""The intake hand-off summary (bot/handoff.py): building it and reading it back."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from bot import handoff

ROOT = Path(__file__).resolve().parents[1]

FULL = {
    "fase": "reset",
    "signalen": ["roodheid", "jeuk"],
    "huidtype": "gevoelig",
    "contra_indicaties": ["bloedverdunners", "recente_ingreep"],
    "behandeling": "chemische_peeling",
    "dagen_sinds_behandeling": 10.0,
    "aandoeningen": ["couperose"],
    "medicatie": ["bloedverdunners"],
    "advies_gegeven": ["roodheid_gevoeligheid:gezichtsmassage", "huidcheck:reset"],
}


def test_summary_keeps_the_contract_values_and_is_json() -> None:
    summary = handoff.build_summary(FULL)
    assert json.loads(json.dumps(summary)) == summary
    assert {k: summary[k] for k in FULL} == {**FULL, "dagen_sinds_behandeling": 10}
    assert summary["versie"] == 1


def test_summary_text_is_short_dutch_and_names_what_matters() -> None:
    text = handoff.build_summary(FULL)["tekst"]
    assert text.splitlines() == [
        "Intake van Huidbot",
        "Fase: Reset",
        "Signalen: roodheid en jeuk",
        "Huidtype: gevoelig",
        "Let op (contra-indicaties): Gebruik van bloedverdunners; Recente cosmetische ingreep "
        "(chemische peeling, laser, injectables, microneedling)",
        "Genoemde aandoeningen: couperose",
        "Medicatie: bloedverdunners",
        "Laatste behandeling: een chemische peeling, 10 dagen geleden",
        "Geadviseerd: Roodheid of een gevoelige huid (een gezichtsmassage); huidcheck (Reset)",
    ]


def test_missing_and_empty_values_are_left_out() -> None:
    summary = handoff.build_summary({"fase": None, "signalen": None, "contra_indicaties": [], "huidtype": ""})
    assert summary["signalen"] == [] and summary["fase"] is None and summary["huidtype"] is None
    assert handoff.is_empty(summary)
    assert summary["tekst"] == "Intake van Huidbot\nNog niets over de huid bekend uit het gesprek."


def test_contraindications_are_always_mentioned_once_something_is_known() -> None:
    text = handoff.build_summary({"huidtype": "droog"})["tekst"]
    assert "Contra-indicaties: geen genoemd" in text
    one_day = handoff.build_summary({"dagen_sinds_behandeling": 1})["tekst"]
    assert "Laatste behandeling: een cosmetische ingreep, 1 dag geleden" in one_day


def test_unknown_values_do_not_break_the_summary() -> None:
    summary = handoff.build_summary({"signalen": "wallen", "advies_gegeven": ["iets_nieuws:andere_dingen"],
                                     "dagen_sinds_behandeling": "onbekend"})
    assert summary["signalen"] == ["wallen"] and summary["dagen_sinds_behandeling"] is None
    assert "Geadviseerd: iets nieuws (andere dingen)" in summary["tekst"]


# --- reading it back ----------------------------------------------------------------------
def make_tracker_db(path: Path, rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    """The events table of Rasa's SQLTrackerStore (same columns)."""
    with sqlite3.connect(path) as db:
        db.execute("create table events (id integer primary key, sender_id varchar(255) not null, "
                   "type_name varchar(255) not null, timestamp float, intent_name varchar(255), "
                   "action_name varchar(255), data text)")
        for i, (sender, kind, event) in enumerate(rows):
            db.execute("insert into events (sender_id, type_name, timestamp, data) values (?, ?, ?, ?)",
                       (sender, kind, 1_700_000_000 + i, json.dumps(event)))


@pytest.fixture
def tracker_db(tmp_path: Path) -> Path:
    path = tmp_path / "huidbot.db"
    first = handoff.build_summary({"signalen": ["wallen"]})
    later = handoff.build_summary(FULL)
    make_tracker_db(path, [
        ("anna", "user", {"event": "user", "text": "ik heb wallen"}),
        ("anna", "slot", {"event": "slot", "name": "intake_samenvatting", "value": first}),
        ("anna", "slot", {"event": "slot", "name": "fase", "value": "reset"}),
        ("bert", "slot", {"event": "slot", "name": "intake_samenvatting", "value": first}),
        ("anna", "slot", {"event": "slot", "name": "intake_samenvatting", "value": later}),
    ])
    return path


def test_latest_summary_from_the_sqlite_tracker_store(tracker_db: Path) -> None:
    assert handoff.fetch_summary("anna", db=tracker_db) == handoff.build_summary(FULL)
    assert handoff.fetch_summary("bert", db=tracker_db)["signalen"] == ["wallen"]
    assert handoff.fetch_summary("carla", db=tracker_db) is None


def test_recent_summaries_newest_first(tracker_db: Path) -> None:
    rows = handoff.recent_summaries(tracker_db)
    assert [r["sender"] for r in rows] == ["anna", "bert"]
    assert rows[0]["samenvatting"]["fase"] == "reset"


def test_a_missing_database_is_reported(tmp_path: Path) -> None:
    with pytest.raises(handoff.SummaryUnavailable, match="bestand niet gevonden"):
        handoff.fetch_summary("anna", db=tmp_path / "nope.db")


class FakeRasaApi:
    """GET /conversations/<id>/tracker like Rasa's HTTP API (with ?token=)."""

    def __init__(self, trackers: dict[str, dict[str, Any]], token: str | None = None) -> None:
        self.paths: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.paths.append(self.path)
                if token and f"token={token}" not in self.path:
                    self.send_response(401)
                    self.end_headers()
                    return
                sender = self.path.split("/")[2]
                body = json.dumps({"sender_id": sender, "slots": trackers.get(sender, {}), "events": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def rasa_api() -> Iterator[FakeRasaApi]:
    api = FakeRasaApi({"web-k7m2": {"intake_samenvatting": handoff.build_summary(FULL), "fase": "reset"},
                       "web leeg/1": {"intake_samenvatting": None}}, token="geheim")
    yield api
    api.server.shutdown()


def test_summary_over_rasas_http_api(rasa_api: FakeRasaApi) -> None:
    assert handoff.fetch_summary("web-k7m2", url=rasa_api.url, token="geheim")["fase"] == "reset"
    assert handoff.fetch_summary("web leeg/1", url=rasa_api.url, token="geheim") is None
    assert "/conversations/web%20leeg%2F1/tracker" in rasa_api.paths[-1]  # the sender id is escaped
    with pytest.raises(handoff.SummaryUnavailable):
        handoff.fetch_summary("web-k7m2", url=rasa_api.url, token="fout")
    with pytest.raises(ValueError):
        handoff.fetch_summary("web-k7m2", url="file:///etc/passwd")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_cli_samenvatting(rasa_api: FakeRasaApi, tracker_db: Path) -> None:
    expected = handoff.build_summary(FULL)["tekst"]
    out = run_cli("samenvatting", "web-k7m2", "--url", rasa_api.url, env={"HUIDBOT_API_TOKEN": "geheim"})
    assert out.returncode == 0 and out.stdout.strip() == expected
    out = run_cli("samenvatting", "web-k7m2", env={"HUIDBOT_URL": rasa_api.url, "HUIDBOT_API_TOKEN": "geheim"})
    assert out.returncode == 0 and out.stdout.strip() == expected
    out = run_cli("samenvatting", "anna", "--db", str(tracker_db), "--json")
    assert out.returncode == 0 and json.loads(out.stdout) == handoff.build_summary(FULL)
    out = run_cli("samenvatting", "carla", "--db", str(tracker_db))
    assert out.returncode == 1 and "carla" in out.stderr
    out = run_cli("samenvatting", "--recent", "--db", str(tracker_db))
    assert out.returncode == 0 and out.stdout.index("anna") < out.stdout.index("bert")
    out = run_cli("samenvatting", "anna", "--url", "http://127.0.0.1:9")
    assert out.returncode == 2 and "Kan de gesprekken niet lezen" in out.stderr
