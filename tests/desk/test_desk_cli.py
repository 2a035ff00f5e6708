"""`python -m desk ...`: the desk's commands (salon, checklist, samenvatting, controleer)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge import salon_profile
from bot.replies import checklist
from bot.replies.handoff import build_summary
from desk.cli import main
from launch.stack import ROOT
from tests.desk.fakes import FULL, FakeRasaApi


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


def test_samenvatting(rasa_api: FakeRasaApi, tracker_db: Path) -> None:
    expected = build_summary(FULL)["tekst"]
    out = run_desk("samenvatting", "web-k7m2", "--url", rasa_api.url, env={"HUIDBOT_API_TOKEN": "geheim"})
    assert out.returncode == 0 and out.stdout.strip() == expected
    out = run_desk("samenvatting", "web-k7m2", env={"HUIDBOT_URL": rasa_api.url, "HUIDBOT_API_TOKEN": "geheim"})
    assert out.returncode == 0 and out.stdout.strip() == expected
    out = run_desk("samenvatting", "anna", "--db", str(tracker_db), "--json")
    assert out.returncode == 0 and json.loads(out.stdout) == build_summary(FULL)
    out = run_desk("samenvatting", "carla", "--db", str(tracker_db))
    assert out.returncode == 1 and "carla" in out.stderr
    out = run_desk("samenvatting", "--recent", "--db", str(tracker_db))
    assert out.returncode == 0 and out.stdout.index("anna") < out.stdout.index("bert")
    out = run_desk("samenvatting", "anna", "--url", "http://127.0.0.1:9")
    assert out.returncode == 2 and "Kan de gesprekken niet lezen" in out.stderr
