"""`make run` with no settings (issue 14.1, 14.6): the servers started as python -m launch starts
them, with an environment that sets no token: the Rasa server (which runs the custom actions itself)
and the desk; plus an action server as `make actions` and the scaled mode start it. Rasa's HTTP API
is off, the channels work, `make run` opens no action server port, the action server listens on
127.0.0.1 only, the desk shows no conversation without its token, and no server writes what a
customer said about her health into its log, errors included.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
import requests

from channels.identity import new_web_id
from launch.stack import IN_PROCESS, Stack, free_port, rasa_options
from tests.e2e.test_security import API_ROUTES
from tests.servers import require_model


@dataclass
class Started:
    rasa: str
    actions: str
    desk: str
    pids: dict[str, int]
    logs: dict[str, Path]


@pytest.fixture(scope="module")
def default_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Started]:
    tmp = tmp_path_factory.mktemp("default")
    web_port = free_port()
    with Stack(tmp) as stack:  # as launch/__main__.py: default hosts, options from the environment
        actions = stack.start_actions(free_port())  # not used by this Rasa server: as `make actions` starts it
        desk = stack.start_desk(web_port, "http://127.0.0.1:9", db=tmp / "trackers.db")
        rasa = stack.start_rasa(free_port(), IN_PROCESS, model=require_model(), tracker_store=tmp / "trackers.db",
                                **rasa_options({}, web_port))
        stack.wait_until_ready(timeout=300)
        yield Started(rasa.url, actions.url, desk.url, {s.name: s.process.pid for s in stack.servers},
                      {s.name: s.log for s in stack.servers if s.log is not None})


def listening_addresses(pid: int) -> set[str]:
    process = psutil.Process(pid)
    found = set()
    for proc in [process, *process.children(recursive=True)]:
        for conn in proc.net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN:
                found.add(conn.laddr.ip)
    return found


def test_the_http_api_is_off_without_a_token(default_stack: Started) -> None:
    for method, path in API_ROUTES:
        response = requests.request(method, default_stack.rasa + path, json={}, timeout=60)
        assert response.status_code in (404, 405), (method, path, response.status_code)  # not served at all
    replies = requests.post(f"{default_stack.rasa}/webhooks/rest/webhook", timeout=120,
                            json={"sender": new_web_id(), "message": "hoi"})
    assert replies.ok and any(r.get("text") for r in replies.json())  # the website chat still works


def test_the_action_server_listens_on_localhost_only(default_stack: Started) -> None:
    assert listening_addresses(default_stack.pids["actions"]) == {"127.0.0.1"}
    assert listening_addresses(default_stack.pids["web"]) == {"127.0.0.1"}


def test_make_run_opens_one_rasa_port_and_no_action_server(default_stack: Started) -> None:
    rasa = psutil.Process(default_stack.pids["rasa"])
    ports = {conn.laddr.port for proc in [rasa, *rasa.children(recursive=True)]
             for conn in proc.net_connections(kind="inet") if conn.status == psutil.CONN_LISTEN}
    assert ports == {int(default_stack.rasa.rsplit(":", 1)[1])}
    sender = new_web_id()  # and its actions run: the safety fact is remembered, the answer names the huisarts
    rest = f"{default_stack.rasa}/webhooks/rest/webhook"
    requests.post(rest, json={"sender": sender, "message": "ik gebruik bloedverdunners"}, timeout=120).raise_for_status()
    replies = requests.post(rest, json={"sender": sender, "message": "kan ik microneedling laten doen?"}, timeout=120).json()
    assert "huisarts" in " ".join(r.get("text") or "" for r in replies).lower()


def test_the_action_server_refuses_a_body_over_1_mb_with_413(default_stack: Started) -> None:
    oversize = requests.post(f"{default_stack.actions}/webhook", data=b"x" * 1_100_000, timeout=60,
                             headers={"Content-Type": "application/json"})
    assert oversize.status_code == 413
    assert requests.get(f"{default_stack.actions}/health", timeout=30).ok  # and it goes on serving


def test_the_desk_refuses_conversations_without_a_configured_token(default_stack: Started) -> None:
    for path in ("/api/samenvatting", "/api/samenvattingen"):
        response = requests.get(default_stack.desk + path, params={"sender": new_web_id(), "token": "x"}, timeout=30)
        assert response.status_code == 403 and "HUIDBOT_DESK_TOKEN" in response.json()["fout"]


def test_no_health_text_in_any_log_line(default_stack: Started) -> None:
    marker = f"zorgmerk{secrets.token_hex(6)}"
    health = f"ik gebruik bloedverdunners {marker} sinds mijn trombose"
    rest = f"{default_stack.rasa}/webhooks/rest/webhook"
    sender = new_web_id()
    # An ordinary turn, and a second one that goes on from it.
    assert requests.post(rest, json={"sender": sender, "message": health}, timeout=120).ok
    assert requests.post(rest, json={"sender": sender, "message": f"mag ik microneedling {marker}?"},
                         timeout=120).ok
    # Refused and broken requests, and an error inside the action server.
    requests.post(rest, json={"sender": "anna", "message": health}, timeout=60)
    requests.post(rest, data=f'{{"sender": "{sender}", "message": "{health}"', timeout=60,
                  headers={"Content-Type": "application/json"})
    requests.post(f"{rest}?vraag={marker}", json={"sender": sender, "message": health}, timeout=120)
    requests.post(rest, data=json.dumps({"sender": sender, "message": health * 20_000}), timeout=60)
    requests.post(f"{default_stack.actions}/webhook", timeout=60, json={
        "next_action": "action_validate_slot_mappings", "sender_id": sender,
        "tracker": {"sender_id": sender, "latest_message": {"text": health, "intent": marker}, "events": marker},
        "domain": {"slots": marker}})
    requests.get(f"{default_stack.desk}/api/salon", params={"vraag": health}, timeout=30)
    requests.get(f"{default_stack.desk}/api/checklist", params={"behandeling": health}, timeout=30)
    requests.get(f"{default_stack.desk}/api/samenvatting", params={"sender": health}, timeout=30)

    for name, log in default_stack.logs.items():
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        assert lines, f"{name} wrote no log at all"
        leaking = [line for line in lines if marker in line or "bloedverdunners" in line]
        assert not leaking, f"{name}: {leaking[:3]}"
