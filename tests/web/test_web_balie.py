"""scripts/serve_web.py: the JSON API of the receptionist's page, and the page itself in Chromium."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator

import pytest
import requests
from playwright.sync_api import expect

from bot import handoff, salon
from tests.servers import running_web

TOKEN = "balie-geheim"


def get(url: str, **params: str) -> requests.Response:
    return requests.get(url, params=params, timeout=30)


def test_static_files_only_from_web(web_url: str) -> None:
    demo = get(f"{web_url}/demo.html")
    assert demo.status_code == 200 and demo.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in demo.headers["Content-Security-Policy"]
    assert demo.headers["X-Content-Type-Options"] == "nosniff"
    assert get(f"{web_url}/huidbot-widget.js").headers["Content-Type"].startswith("text/javascript")
    assert requests.get(f"{web_url}/", allow_redirects=False, timeout=30).headers["Location"] == "/demo.html"
    for path in ("/../README.md", "/%2e%2e/README.md", "/..%2fREADME.md", "/nope.html", "/api/nope"):
        assert requests.get(web_url + path, timeout=30).status_code == 404, path


def test_salon_api(web_url: str) -> None:
    topics = get(f"{web_url}/api/onderwerpen").json()["onderwerpen"]
    assert [t["id"] for t in topics] == list(salon.TOPICS)
    by_topic = get(f"{web_url}/api/salon", onderwerp="parkeren").json()
    assert by_topic["berichten"] == [salon.load_profile()["parkeren"]]
    by_question = get(f"{web_url}/api/salon", vraag="wat kost microneedling").json()
    assert by_question["berichten"][0].startswith("Microneedling kost € 145")
    bad = get(f"{web_url}/api/salon", onderwerp="<script>")
    assert bad.status_code == 400 and "Onbekend onderwerp" in bad.json()["fout"]


def test_checklist_api(web_url: str) -> None:
    treatments = get(f"{web_url}/api/behandelingen").json()["behandelingen"]
    assert {"id": "microneedling", "label": "microneedling"} in treatments
    checklist = get(f"{web_url}/api/checklist", behandeling="microneedling").json()
    assert checklist["titel"] == "Checklist contra-indicaties voor microneedling"
    assert checklist == salon.checklist("microneedling").as_dict()
    assert get(f"{web_url}/api/checklist", behandeling="tandbleken").status_code == 400


def test_summary_api_reports_an_unreachable_bot(web_url: str) -> None:
    response = get(f"{web_url}/api/samenvatting", sender="web-abc")
    assert response.status_code == 502 and "Kan de gesprekken niet lezen" in response.json()["fout"]
    assert get(f"{web_url}/api/samenvatting").status_code == 400


@pytest.fixture(scope="module")
def guarded_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web server reading a SQLite tracker store, with a desk token."""
    tmp = tmp_path_factory.mktemp("balie")
    db = tmp / "huidbot.db"
    with sqlite3.connect(db) as con:
        con.execute("create table events (id integer primary key, sender_id varchar(255) not null, "
                    "type_name varchar(255) not null, timestamp float, intent_name varchar(255), "
                    "action_name varchar(255), data text)")
        summary = handoff.build_summary({"signalen": ["wallen"], "huidtype": "droog",
                                         "advies_gegeven": ["wallen:lymfedrainage"]})
        con.execute("insert into events (sender_id, type_name, timestamp, data) values (?, 'slot', 1700000000, ?)",
                    ("web-k7m2p9x4qd", json.dumps({"event": "slot", "name": "intake_samenvatting", "value": summary})))
    with running_web(tmp, env={"HUIDBOT_DB": str(db), "HUIDBOT_BALIE_TOKEN": TOKEN}) as url:
        yield url


def test_summary_api_with_desk_token(guarded_web: str) -> None:
    url = f"{guarded_web}/api/samenvatting"
    assert get(url, sender="web-k7m2p9x4qd").status_code == 401
    assert requests.get(url, params={"sender": "web-k7m2p9x4qd"}, headers={"Authorization": "Bearer fout"},
                        timeout=30).status_code == 401
    ok = requests.get(url, params={"sender": "web-k7m2p9x4qd"}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert ok.status_code == 200 and ok.json()["tekst"].startswith("Intake van Huidbot\nSignalen: wallen")
    missing = get(url, sender="web-onbekend", token=TOKEN)
    assert missing.status_code == 404 and "web-onbekend" in missing.json()["fout"]
    recent = get(f"{guarded_web}/api/samenvattingen", token=TOKEN).json()["samenvattingen"]
    assert [r["sender"] for r in recent] == ["web-k7m2p9x4qd"]
    assert get(f"{guarded_web}/api/salon", onderwerp="contact").status_code == 200  # salon facts stay open


def test_balie_page_in_the_browser(new_page, guarded_web: str) -> None:
    page = new_page()
    page.goto(f"{guarded_web}/balie.html")
    page.get_by_role("button", name="Parkeren").click()
    expect(page.locator("#salon-antwoord")).to_have_text(salon.load_profile()["parkeren"])
    page.fill("#vraag", "kan ik met creditcard betalen?")
    page.get_by_role("button", name="Antwoord").click()
    expect(page.locator("#salon-antwoord")).to_contain_text("creditcard")

    page.select_option("#behandeling", "microneedling")
    page.get_by_role("button", name="Toon checklist").click()
    expect(page.locator("#checklist-uitkomst h3")).to_have_text("Checklist contra-indicaties voor microneedling")
    expect(page.locator("#checklist-uitkomst input[type=checkbox]")).to_have_count(10)
    page.get_by_label("Gebruik van bloedverdunners").check()

    page.fill("#sender", "web-k7m2p9x4qd")
    page.get_by_role("button", name="Zoek samenvatting").click()
    expect(page.locator("#token")).to_be_visible()  # the desk token is asked for
    expect(page.locator("#token")).to_be_focused()
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Zoek samenvatting").click()
    expect(page.locator("#samenvatting-uitkomst")).to_contain_text("Signalen: wallen")
    expect(page.locator("#samenvatting-uitkomst")).to_contain_text("Huidtype: droog")
