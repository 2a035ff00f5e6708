"""`python -m desk ...`: the desk's commands (salon, checklist, samenvatting, controleer)."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.knowledge import salon_profile
from bot.replies import checklist
from bot.replies.handoff import build_summary
from channels.identity import conversation_code
from desk.cli import main
from launch.stack import ROOT
from tests.desk.fakes import FULL, FakeRasaApi, make_tracker_db


def run_desk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_python_m_desk_salon_and_checklist() -> None:
    out = run_desk("salon", "parkeren")
    assert out.returncode == 0 and out.stdout.strip() == salon_profile.load_profile()["parkeren"]
    out = run_desk("checklist", "tandbleken")
    assert out.returncode == 2 and "Kies uit" in out.stderr


def test_salon_question_and_checklist_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["salon", "kan", "ik", "met", "creditcard", "betalen?"]) == 0
    assert "creditcard" in capsys.readouterr().out
    assert main(["checklist", "gua", "sha"]) == 0
    assert capsys.readouterr().out.startswith("Checklist contra-indicaties voor gua sha")
    assert main(["checklist", "microneedling", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == checklist.checklist("microneedling").as_dict()


def test_controleer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["controleer"]) == 0
    assert "in orde" in capsys.readouterr().out
    broken = tmp_path / "profiel.yml"
    broken.write_text("naam: [\n", encoding="utf-8")
    assert main(["controleer", "--profiel", str(broken)]) == 1
    assert str(broken) in capsys.readouterr().err


def test_samenvatting(rasa_api: FakeRasaApi, tracker_db: Path, tmp_path: Path) -> None:
    expected = build_summary(FULL)["tekst"]
    web = tmp_path / "web.db"  # the code is looked up in the tracker store, the summary then over the API
    make_tracker_db(web, [("web-k7m2", "user", {"event": "user", "text": "hoi"})])
    code = conversation_code("web-k7m2")
    out = run_desk("samenvatting", code, "--url", rasa_api.url, env={"HUIDBOT_API_TOKEN": "geheim", "HUIDBOT_DB": str(web)})
    assert out.returncode == 0 and out.stdout.strip() == expected
    out = run_desk("samenvatting", code.lower(), env={"HUIDBOT_URL": rasa_api.url, "HUIDBOT_API_TOKEN": "geheim",
                                                      "HUIDBOT_DB": str(web)})
    assert out.returncode == 0 and out.stdout.strip() == expected
    out = run_desk("samenvatting", conversation_code("anna"), "--db", str(tracker_db), "--json")
    assert out.returncode == 0 and json.loads(out.stdout) == build_summary(FULL)
    out = run_desk("samenvatting", "anna", "--db", str(tracker_db))  # a storage key is not a code
    assert out.returncode == 1 and "Geen gesprek gevonden" in out.stderr
    out = run_desk("samenvatting", conversation_code("carla"), "--db", str(tracker_db))
    assert out.returncode == 1
    out = run_desk("samenvatting", "--recent", "--db", str(tracker_db))
    assert out.returncode == 0 and out.stdout.index(conversation_code("anna")) < out.stdout.index(conversation_code("bert"))
    out = run_desk("samenvatting", code, "--url", "http://127.0.0.1:9", env={"HUIDBOT_DB": str(web)})
    assert out.returncode == 2 and "Kan de gesprekken niet lezen" in out.stderr


def rows(db: Path, sender: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0])


def test_wissen_erases_one_conversation_by_its_code(tracker_db: Path) -> None:
    out = run_desk("wissen", conversation_code("anna").lower(), "--db", str(tracker_db))
    assert out.returncode == 0 and "gewist" in out.stdout
    assert rows(tracker_db, "anna") == 0 and rows(tracker_db, "bert") == 1
    out = run_desk("wissen", conversation_code("anna"), "--db", str(tracker_db))
    assert out.returncode == 1 and "Geen gesprek gevonden" in out.stderr
    assert run_desk("wissen", "bert", "--db", str(tracker_db)).returncode == 1 and rows(tracker_db, "bert") == 1


def test_opschonen_erases_conversations_idle_past_the_retention(tmp_path: Path) -> None:
    db = tmp_path / "huidbot.db"
    now = time.time()
    make_tracker_db(db, [("web-oud", "user", {"event": "user", "text": "hoi"}),
                         ("web-nieuw", "user", {"event": "user", "text": "hoi"})])
    with sqlite3.connect(db) as connection:
        connection.execute("update events set timestamp = ? where sender_id = 'web-oud'", (now - 31 * 86_400,))
        connection.execute("update events set timestamp = ? where sender_id = 'web-nieuw'", (now - 29 * 86_400,))
    out = run_desk("opschonen", env={"HUIDBOT_DB": str(db)})  # bewaartermijn_dagen: 30 in salon/profiel.yml
    assert out.returncode == 0 and out.stdout.startswith("1 ")
    assert rows(db, "web-oud") == 0 and rows(db, "web-nieuw") == 1
