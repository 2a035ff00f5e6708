"""actions/privacy.py: the notice once per conversation, and the erase question and answers."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.privacy import ActionAskErase, ActionErase, ActionKeep, ActionSessionStart
from bot.knowledge.salon_profile import load_profile
from bot.replies import privacy
from channels.identity import messaging_key, new_web_id
from channels.notice import signal_in
from storage.tracker_store import ERASE_ACTION


def with_sender(tracker: Tracker, sender: str, events: list[dict[str, Any]] | None = None) -> Tracker:
    tracker.sender_id = sender
    tracker.events = events or []
    return tracker


def signals(dispatcher) -> list[dict[str, Any]]:
    return [found for m in dispatcher.messages if (found := signal_in({"custom": m.get("custom")}))]


def test_the_notice_names_assistant_days_erasure_and_the_privacy_page() -> None:
    text = privacy.notice()
    profile = load_profile()
    assert "digitale assistent" in text and f"{profile['bewaartermijn_dagen']} dagen" in text
    assert "wis mijn gegevens" in text and profile["privacy_url"] in text
    assert "privacy:" not in privacy.notice({**profile, "privacy_url": None, "bewaartermijn_dagen": 14})
    assert "14 dagen" in privacy.notice({**profile, "privacy_url": None, "bewaartermijn_dagen": 14})


def test_session_start_gives_the_notice_once_as_a_signal_for_the_widget(make_tracker, run) -> None:
    tracker = with_sender(make_tracker(), new_web_id(),
                          [{"event": "slot", "name": "huidtype", "value": "droog"}])
    dispatcher, events = run(ActionSessionStart(), tracker)
    assert [e["event"] for e in events][0] == "session_started" and events[-1]["name"] == "action_listen"
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots == {"huidtype": "droog", "privacy_gemeld": True}  # slots carried over, notice recorded
    assert signals(dispatcher) == [{"melding": privacy.notice()}]
    assert not [m for m in dispatcher.messages if m.get("text")]  # no text bubble in the widget's answer

    again = make_tracker(slots={"privacy_gemeld": True})
    dispatcher, events = run(ActionSessionStart(), with_sender(again, new_web_id()))
    assert dispatcher.messages == []  # a new session of the same conversation: not again


def test_messaging_channels_get_the_signal_the_shell_plain_text(make_tracker, run) -> None:
    for sender in (messaging_key("telegram", 42), messaging_key("whatsapp", "31612345678")):
        dispatcher, _ = run(ActionSessionStart(), with_sender(make_tracker(), sender))
        assert signals(dispatcher) == [{"melding": privacy.notice()}]
    dispatcher, _ = run(ActionSessionStart(), with_sender(make_tracker(), "default"))
    assert [m["text"] for m in dispatcher.messages] == [privacy.notice()]


def test_erase_asks_once_then_confirms_or_keeps(make_tracker, run) -> None:
    dispatcher, events = run(ActionAskErase(), make_tracker("vergeet mij", "gegevens_wissen"))
    assert events == [] and len(dispatcher.messages) == 1
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]

    assert ActionErase().name() == ERASE_ACTION  # the tracker store erases when it saves this action
    web = with_sender(make_tracker("ja", "affirm"), new_web_id())
    dispatcher, events = run(ActionErase(), web)
    assert dispatcher.messages[0]["text"] == privacy.erased()
    assert signals(dispatcher) == [{"gewist": True}]  # the widget clears its stored history
    dispatcher, _ = run(ActionErase(), with_sender(make_tracker("ja", "affirm"), "default"))
    assert signals(dispatcher) == []

    dispatcher, events = run(ActionKeep(), make_tracker("nee", "deny"))
    assert events == [] and dispatcher.messages[0]["text"] == privacy.not_erased()
