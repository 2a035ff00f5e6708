"""Test data for the desk: intake summaries in a SQLite tracker store, and a stand-in Rasa HTTP API.

`write_with_rasa` stores conversations with Rasa's own SQLTrackerStore (the real table,
written by the real code); `make_tracker_db` writes rows into a table of the same shape
by hand, for the tests that need exact timestamps and no Rasa import.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import threading
import warnings
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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


def make_tracker_db(path: Path, rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    """The events table of Rasa's SQLTrackerStore (same columns), rows (sender, type, event)."""
    with sqlite3.connect(path) as db:
        db.execute("create table events (id integer primary key, sender_id varchar(255) not null, "
                   "type_name varchar(255) not null, timestamp float, intent_name varchar(255), "
                   "action_name varchar(255), data text)")
        for i, (sender, kind, event) in enumerate(rows):
            db.execute("insert into events (sender_id, type_name, timestamp, data) values (?, ?, ?, ?)",
                       (sender, kind, 1_700_000_000 + i, json.dumps(event)))


def write_with_rasa(path: Path, conversations: Mapping[str, list[tuple[str, Any]]]) -> None:
    """Conversations saved by Rasa's SQLTrackerStore (sqlite): sender -> [(user text | slot name, value)]."""
    with warnings.catch_warnings():  # Rasa 3.6 on SQLAlchemy 1.4: deprecation notes only
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core.domain import Domain
        from rasa.shared.core.events import SlotSet, UserUttered
        from rasa.shared.core.trackers import DialogueStateTracker

        slots = {"intake_samenvatting", "fase"}
        domain = Domain.from_dict({"slots": {name: {"type": "any", "mappings": [{"type": "custom"}]}
                                             for name in sorted(slots)}})
        store = SQLTrackerStore(domain, dialect="sqlite", db=str(path))

    async def save_all() -> None:
        for sender, turns in conversations.items():
            events = [SlotSet(key, value) if key in slots else UserUttered(key) for key, value in turns]
            await store.save(DialogueStateTracker.from_events(sender, events, slots=domain.slots))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        asyncio.run(save_all())
    store.engine.dispose()


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


DESK_TOKEN = "balie-geheim"
DESK_SENDER = "web-k7m2p9x4qd"


@contextlib.contextmanager
def guarded_desk(tmp: Path) -> Iterator[str]:
    """The desk's web server reading a SQLite tracker store with one summary, behind a desk token."""
    from bot.replies.handoff import build_summary
    from tests.servers import running_web

    db = tmp / "huidbot.db"
    summary = build_summary({"signalen": ["wallen"], "huidtype": "droog", "advies_gegeven": ["wallen:lymfedrainage"]})
    make_tracker_db(db, [(DESK_SENDER, "slot", {"event": "slot", "name": "intake_samenvatting", "value": summary})])
    with running_web(tmp, env={"HUIDBOT_DB": str(db), "HUIDBOT_DESK_TOKEN": DESK_TOKEN}) as url:
        yield url
