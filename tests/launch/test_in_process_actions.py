"""launch/in_process_actions.py: the actions run in the Rasa server answer as the action server does."""
from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from launch import in_process_actions
from launch.stack import ROOT, Stack, free_port

DOMAIN = Domain.load(ROOT / "domain.yml")
FAILING = "tests.launch.failing_actions"


@pytest.fixture(autouse=True)
def in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EndpointConfig, "request", in_process_actions.request)


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with Stack(tmp_path_factory.mktemp("actions")) as stack:
        server = stack.start_actions(free_port())
        stack.wait_until_ready(timeout=120)
        yield server.url


def customer_said(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> DialogueStateTracker:
    tracker = DialogueStateTracker("web-test", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}, entities or []))
    return tracker


def run(action: str, tracker: DialogueStateTracker, endpoint: EndpointConfig) -> list[Any]:
    remote = RemoteAction(action, endpoint)
    return asyncio.run(remote.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(DOMAIN.responses),
                                  tracker, DOMAIN))


def test_the_same_events_and_messages_as_from_the_action_server(action_server: str) -> None:
    tracker = customer_said("ik slik sinds kort bloedverdunners, mag microneedling?", "microneedling_info",
                            [{"entity": "medicatie", "value": "bloedverdunners", "start": 13, "end": 28}])
    for action in ("action_validate_slot_mappings", "action_kennis"):
        over_http = run(action, tracker, EndpointConfig(url=f"{action_server}/webhook"))
        in_process = run(action, tracker, EndpointConfig(actions_module="actions"))
        assert in_process == over_http
        assert in_process  # each action did something: slots set, or an answer
    remembered = run("action_validate_slot_mappings", tracker, EndpointConfig(actions_module="actions"))
    assert SlotSet("medicatie", ["bloedverdunners"]) in remembered


def test_only_the_form_validation_is_sent_the_domain() -> None:
    endpoint = EndpointConfig(actions_module="actions", enable_selective_domain=True)  # as render_endpoints writes it
    tracker = customer_said("ik heb wallen", "wallen")
    assert "domain" not in RemoteAction("action_kennis", endpoint)._action_call_format(tracker, DOMAIN)
    assert "domain" not in RemoteAction("action_validate_slot_mappings", endpoint)._action_call_format(tracker, DOMAIN)
    assert "domain" in RemoteAction("validate_huidcheck_form", endpoint)._action_call_format(tracker, DOMAIN)


def test_a_refusal_reaches_rasa_as_a_refusal() -> None:
    with pytest.raises(ActionExecutionRejection, match="past nu niet"):
        run("action_test_weigert", customer_said("hoi", "greet"), EndpointConfig(actions_module=FAILING))


def test_a_failing_action_is_logged_and_rasa_raises_its_own_error(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(RasaException, match="action_test_kapot"):
        run("action_test_kapot", customer_said("hoi", "greet"), EndpointConfig(actions_module=FAILING))
    assert "action_test_kapot" in caplog.text and "RuntimeError" in caplog.text


def test_an_unknown_action_is_an_error() -> None:
    with pytest.raises(RasaException, match="action_bestaat_niet"):
        run("action_bestaat_niet", customer_said("hoi", "greet"), EndpointConfig(actions_module="actions"))


def test_other_endpoints_still_go_over_http(tmp_path: Path) -> None:
    with Stack(tmp_path) as stack:
        server = stack.start_actions(free_port())
        stack.wait_until_ready(timeout=120)
        answer = asyncio.run(EndpointConfig(url=f"{server.url}/health").request(method="get"))
        assert answer == requests.get(f"{server.url}/health", timeout=30).json()


def test_the_actions_module_is_imported_at_start(tmp_path: Path) -> None:
    in_process_actions.executor.cache_clear()
    over_http = tmp_path / "http.yml"
    over_http.write_text('action_endpoint:\n  url: "http://127.0.0.1:9/webhook"\n', encoding="utf-8")
    in_process_actions.preload(["run", "--endpoints", str(over_http)])
    assert in_process_actions.executor.cache_info().currsize == 0

    here = tmp_path / "here.yml"
    here.write_text(f"action_endpoint:\n  actions_module: {FAILING}\n", encoding="utf-8")
    in_process_actions.preload(["run", "--model", "m.tar.gz", f"--endpoints={here}"])
    assert in_process_actions.executor.cache_info().currsize == 1
    assert "action_test_kapot" in in_process_actions.executor(FAILING).actions
