"""launch/stack.py: the endpoints file written in one place, and starting and stopping servers."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import requests
import yaml

from launch.stack import (
    ENDPOINTS_TEMPLATE,
    IN_MEMORY,
    IN_PROCESS,
    STORE_CLASS,
    Stack,
    StartError,
    free_port,
    project_credentials,
    render_endpoints,
)

TEMPLATE = """# comment
action_endpoint:
  url: "http://localhost:5055/webhook"

tracker_store:
  type: SQL
  dialect: "sqlite"
  db: "var/huidbot.db"

# tracker_store:
#   type: SQL
#   dialect: "postgresql"
lock_store:
  type: in_memory
"""


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "endpoints.yml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


def test_the_template_keeps_its_tracker_store_with_our_action_server(template: Path) -> None:
    out = yaml.safe_load(render_endpoints("http://127.0.0.1:6123", template=template))
    assert out["action_endpoint"] == {"url": "http://127.0.0.1:6123/webhook", "enable_selective_domain": True}
    assert out["tracker_store"] == {"type": STORE_CLASS, "dialect": "sqlite", "db": "var/huidbot.db"}
    assert out["lock_store"] == {"type": "in_memory"}


def test_a_sqlite_file_or_no_tracker_store(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "trackers.db"
    out = yaml.safe_load(render_endpoints("http://127.0.0.1:6123/", db, template=template))
    assert out["tracker_store"] == {"type": STORE_CLASS, "dialect": "sqlite", "db": str(db)}
    assert out["action_endpoint"]["url"] == "http://127.0.0.1:6123/webhook"
    memory = yaml.safe_load(render_endpoints("http://127.0.0.1:6123", IN_MEMORY, template=template))
    assert "tracker_store" not in memory and memory["lock_store"] == {"type": "in_memory"}


def test_the_projects_endpoints_file_is_the_template() -> None:
    out = yaml.safe_load(render_endpoints("http://127.0.0.1:6123", IN_MEMORY))
    assert out["action_endpoint"]["url"] == "http://127.0.0.1:6123/webhook"
    assert "tracker_store" not in out
    rendered = yaml.safe_load(render_endpoints("http://x:1"))["tracker_store"]
    assert rendered == {**yaml.safe_load(ENDPOINTS_TEMPLATE.read_text(encoding="utf-8"))["tracker_store"],
                        "type": STORE_CLASS}  # every SQL store erases on request and purges idle conversations


def test_make_run_has_the_rasa_server_run_the_actions() -> None:
    project = yaml.safe_load(ENDPOINTS_TEMPLATE.read_text(encoding="utf-8"))["action_endpoint"]
    assert yaml.safe_load(render_endpoints(IN_PROCESS))["action_endpoint"] == project == {
        "actions_module": "actions", "enable_selective_domain": True}


def test_telegram_credentials_only_when_configured() -> None:
    assert "HuidbotTelegramInput" not in project_credentials(telegram=False)
    both = yaml.safe_load(project_credentials(telegram=True))
    assert "channels.rest.HuidbotRestInput" in both and "channels.telegram.HuidbotTelegramInput" in both


def test_whatsapp_credentials_only_when_configured() -> None:
    assert "WhatsAppInput" not in project_credentials(telegram=False)
    channels = yaml.safe_load(project_credentials(telegram=False, whatsapp=True))
    assert channels["channels.whatsapp.WhatsAppInput"] == {
        "token": "${WHATSAPP_TOKEN}", "phone_number_id": "${WHATSAPP_PHONE_NUMBER_ID}",
        "app_secret": "${WHATSAPP_APP_SECRET}", "verify_token": "${WHATSAPP_VERIFY_TOKEN}"}


def test_the_desk_starts_and_stops(tmp_path: Path) -> None:
    with Stack(tmp_path) as stack:
        desk = stack.start_desk(free_port(), "http://127.0.0.1:9")
        stack.wait_until_ready(timeout=60)
        assert requests.get(f"{desk.url}/api/onderwerpen", timeout=10).ok
        assert stack.exited() is None
    assert desk.process.poll() is not None
    assert "demo.html" in (tmp_path / "web.log").read_text()


def test_a_server_that_exits_early_is_reported_with_its_log(tmp_path: Path) -> None:
    with Stack(tmp_path) as stack:
        stack._start("web", [sys.executable, "-c", "print('kapot'); raise SystemExit(3)"],
                     "http://127.0.0.1:9", "/")
        with pytest.raises(StartError, match="(?s)exited with code 3.*kapot"):
            stack.wait_until_ready(timeout=30)


@pytest.mark.parametrize("secret", ["-i4jE6nE0UbfP5WmWBpoAe8Rk3Vc1awu", "--gewoon", "a&b=c"])
def test_rasa_reads_a_token_or_secret_that_looks_like_an_option(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secret: str) -> None:
    """secrets.token_urlsafe may begin with "-": Rasa's argument parser must still read it as the value."""
    from rasa.__main__ import create_argument_parser

    started: list[tuple[list[str], str]] = []
    monkeypatch.setattr(Stack, "_start", lambda self, name, command, url, ready_path, **kw:
                        started.append((command, ready_path)))
    Stack(tmp_path).start_rasa(free_port(), "http://127.0.0.1:9", auth_token=secret, jwt_secret=secret)
    command, ready_path = started[0]
    args = create_argument_parser().parse_args(command[command.index("run"):])
    assert (args.auth_token, args.jwt_secret, args.enable_api) == (secret, secret, True)
    path, query = ready_path.split("?")
    assert (path, parse_qs(query)) == ("/status", {"token": [secret]})
