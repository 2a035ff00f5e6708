"""desk/app.py: the desk's web server, its static files and the JSON API of web/balie.js."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.knowledge import salon_profile
from bot.replies import checklist, salon
from channels.identity import conversation_code
from tests.desk.fakes import DESK_SENDER, DESK_TOKEN, guarded_desk
from tests.servers import running_web


@pytest.fixture(scope="module")
def web_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("desk")
    with running_web(tmp, env={"HUIDBOT_DB": str(tmp / "nog-geen-gesprekken.db")}) as url:
        yield url


@pytest.fixture(scope="module")
def guarded_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with guarded_desk(tmp_path_factory.mktemp("balie")) as url:
        yield url


def get(url: str, **params: str) -> requests.Response:
    return requests.get(url, params=params, timeout=30)


def test_static_files_only_from_web(web_url: str) -> None:
    demo = get(f"{web_url}/demo.html")
    assert demo.status_code == 200 and demo.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in demo.headers["Content-Security-Policy"]
    assert demo.headers["X-Content-Type-Options"] == "nosniff"
    assert demo.headers["X-Frame-Options"] == "SAMEORIGIN" and demo.headers["Referrer-Policy"] == "no-referrer"
    assert demo.content == (Path(__file__).resolve().parents[2] / "web" / "demo.html").read_bytes()
    assert get(f"{web_url}/huidbot-widget.js").headers["Content-Type"].startswith("text/javascript")
    assert requests.get(f"{web_url}/", allow_redirects=False, timeout=30).headers["Location"] == "/demo.html"
    for path in ("/../README.md", "/%2e%2e/README.md", "/..%2fREADME.md", "/nope.html", "/api/nope"):
        assert requests.get(web_url + path, timeout=30).status_code == 404, path
    assert get(f"{web_url}/api/nope").json() == {"fout": "Dit adres bestaat niet."}


def test_salon_api(web_url: str) -> None:
    topics = get(f"{web_url}/api/onderwerpen")
    assert topics.headers["Content-Type"] == "application/json; charset=utf-8"
    assert topics.headers["Cache-Control"] == "no-store"
    assert [t["id"] for t in topics.json()["onderwerpen"]] == list(salon.TOPICS)
    by_topic = get(f"{web_url}/api/salon", onderwerp="parkeren").json()
    assert by_topic["berichten"] == [salon_profile.load_profile()["parkeren"]]
    by_question = get(f"{web_url}/api/salon", vraag="wat kost microneedling").json()
    assert by_question["berichten"][0].startswith("Microneedling kost € 145")
    bad = get(f"{web_url}/api/salon", onderwerp="<script>")
    assert bad.status_code == 400 and "Onbekend onderwerp" in bad.json()["fout"]


def test_checklist_api(web_url: str) -> None:
    treatments = get(f"{web_url}/api/behandelingen").json()["behandelingen"]
    assert {"id": "microneedling", "label": "microneedling"} in treatments
    shown = get(f"{web_url}/api/checklist", behandeling="microneedling").json()
    assert shown["titel"] == "Checklist contra-indicaties voor microneedling"
    assert shown == checklist.checklist("microneedling").as_dict()
    assert get(f"{web_url}/api/checklist", behandeling="tandbleken").status_code == 400


def test_without_a_desk_token_no_route_shows_a_conversation(web_url: str) -> None:
    """No HUIDBOT_DESK_TOKEN configured: refused whatever is sent, with how to set one (issue 14.1)."""
    for path in ("/api/samenvatting", "/api/samenvattingen"):
        for params in ({"code": "K7M2-P9XQ"}, {"code": "K7M2-P9XQ", "token": ""}, {"token": "raden"}):
            response = get(web_url + path, **params)
            assert response.status_code == 403, (path, params)
            assert "HUIDBOT_DESK_TOKEN" in response.json()["fout"]
        head = requests.head(web_url + path, params={"code": "K7M2-P9XQ"}, timeout=30)
        assert head.status_code == 403
    erase = requests.post(f"{web_url}/api/wissen", json={"code": "K7M2-P9XQ"}, timeout=30)
    assert erase.status_code == 403 and "HUIDBOT_DESK_TOKEN" in erase.json()["fout"]


def test_summary_api_reports_an_unreadable_store(tmp_path: Path) -> None:
    env = {"HUIDBOT_DB": str(tmp_path / "nog-geen-gesprekken.db"), "HUIDBOT_DESK_TOKEN": DESK_TOKEN}
    with running_web(tmp_path, env=env) as url:
        response = get(f"{url}/api/samenvatting", code="K7M2-P9XQ", token=DESK_TOKEN)
        assert response.status_code == 502 and "Kan de gesprekken niet lezen" in response.json()["fout"]
        assert get(f"{url}/api/samenvatting", token=DESK_TOKEN).status_code == 400


def test_request_bodies_above_one_megabyte_are_refused(web_url: str) -> None:
    big = requests.get(f"{web_url}/api/salon", data=b"x" * 1_100_000, timeout=30)
    assert big.status_code == 413
    assert requests.get(f"{web_url}/api/onderwerpen", data=b"x" * 900_000, timeout=30).status_code == 200


def test_summary_api_with_desk_token(guarded_web: str) -> None:
    url = f"{guarded_web}/api/samenvatting"
    code = conversation_code(DESK_SENDER)
    assert get(url, code=code).status_code == 401
    assert requests.get(url, params={"code": code}, headers={"Authorization": "Bearer fout"},
                        timeout=30).status_code == 401
    ok = requests.get(url, params={"code": code.lower().replace("-", "")},
                      headers={"Authorization": f"Bearer {DESK_TOKEN}"}, timeout=30)
    assert ok.status_code == 200 and ok.json()["tekst"].startswith("Intake van Huidbot\nSignalen: wallen")
    assert DESK_SENDER not in ok.text  # the storage key is not shown
    by_key = get(url, code=DESK_SENDER, token=DESK_TOKEN)  # the storage key is not a code
    assert by_key.status_code == 404
    missing = get(url, code="AAAA-BBBB", token=DESK_TOKEN)
    assert missing.status_code == 404 and "AAAA-BBBB" in missing.json()["fout"]
    assert get(f"{guarded_web}/api/samenvattingen").status_code == 401
    recent = get(f"{guarded_web}/api/samenvattingen", token=DESK_TOKEN).json()["samenvattingen"]
    assert [r["code"] for r in recent] == [code]
    assert get(f"{guarded_web}/api/salon", onderwerp="contact").status_code == 200  # salon facts stay open


def test_erase_by_code_needs_the_desk_token_and_removes_the_rows(tmp_path: Path) -> None:
    with guarded_desk(tmp_path) as url:
        db = tmp_path / "huidbot.db"
        code = conversation_code(DESK_SENDER)
        assert requests.post(f"{url}/api/wissen", json={"code": code}, timeout=30).status_code == 401
        assert requests.get(f"{url}/api/wissen", params={"code": code}, timeout=30).status_code in (404, 405)
        assert stored(db, DESK_SENDER) > 0
        done = requests.post(f"{url}/api/wissen", json={"code": code}, timeout=30,
                             headers={"Authorization": f"Bearer {DESK_TOKEN}"})
        assert done.status_code == 200 and done.json()["verwijderd"] > 0
        assert stored(db, DESK_SENDER) == 0
        again = requests.post(f"{url}/api/wissen", json={"code": code}, timeout=30,
                              headers={"Authorization": f"Bearer {DESK_TOKEN}"})
        assert again.status_code == 404


def stored(db: Path, sender: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0])


def test_the_desk_says_when_whatsapp_is_not_connected(tmp_path: Path) -> None:
    from channels.whatsapp_status import STATUS_ENV, ConnectionStatus

    status_file = tmp_path / "whatsapp_status.json"
    with running_web(tmp_path, env={STATUS_ENV: str(status_file)}) as url:
        assert get(f"{url}/api/kanalen").json() == {"whatsapp": None}  # not set up: nothing to say
        ConnectionStatus(status_file).record(False, 190, 401)  # what the channel writes for an expired token
        whatsapp = get(f"{url}/api/kanalen").json()["whatsapp"]
        assert whatsapp["verbonden"] is False and whatsapp["foutcode"] == 190
        assert whatsapp["melding"].startswith("WhatsApp is niet verbonden") and "WHATSAPP_TOKEN" in whatsapp["melding"]
        ConnectionStatus(status_file).record(False, 100, 400)  # e.g. a wrong phone number id
        assert "foutcode 100" in get(f"{url}/api/kanalen").json()["whatsapp"]["melding"]
        ConnectionStatus(status_file).record(False)  # Meta could not be reached
        assert "niet bereiken" in get(f"{url}/api/kanalen").json()["whatsapp"]["melding"]
        ConnectionStatus(status_file).record(True)
        assert get(f"{url}/api/kanalen").json()["whatsapp"]["verbonden"] is True
        assert get(f"{url}/api/kanalen").json()["whatsapp"]["melding"] is None
    page = (Path(__file__).resolve().parents[2] / "web" / "balie.js").read_text(encoding="utf-8")
    assert '"/api/kanalen"' in page and "kanaal-melding" in page
