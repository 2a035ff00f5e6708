"""Privacy in the chat (issue 14): the notice once per conversation, erasing on request.

The erasure itself is carried out by the tracker store when it saves this turn
(storage/tracker_store.py, ERASE_ACTION), so nothing of the conversation is written back.
The website widget and the messaging channels receive the notice and the "erased" signal as a
custom payload ``{"huidbot": {...}}`` (see channels/notice.py); `rasa shell` gets plain text.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker_state import send
from bot.knowledge.salon_profile import SalonProfileError
from bot.replies import privacy
from channels.notice import ERASED_KEY, NOTICE_KEY, signal, understands_signals

NOTICE_SLOT = "privacy_gemeld"


def _signals(tracker: Tracker) -> bool:
    """Does this sender's channel understand the custom payload (widget, REST, Telegram, WhatsApp)?"""
    return understands_signals(tracker.sender_id)


class ActionSessionStart(Action):
    """Rasa's session start (slots carried over), plus the privacy notice once per conversation."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = [SessionStarted()]
        events += [SlotSet(e["name"], e.get("value")) for e in tracker.applied_events() if e.get("event") == "slot"]
        if not tracker.get_slot(NOTICE_SLOT):
            try:
                text = privacy.notice()
            except SalonProfileError:
                text = None
            if text and _signals(tracker):
                dispatcher.utter_message(json_message=signal(NOTICE_KEY, text))
            elif text:
                dispatcher.utter_message(text=text)
            events.append(SlotSet(NOTICE_SLOT, True))
        return events + [ActionExecuted("action_listen")]


class ActionAskErase(Action):
    """One confirmation question before a conversation is erased."""

    def name(self) -> str:
        return "action_gegevens_wissen_vragen"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, privacy.erase_question())
        return []


class ActionErase(Action):
    """She said yes: confirm; the tracker store deletes every stored event of this conversation."""

    def name(self) -> str:
        return "action_gegevens_wissen"  # = storage.tracker_store.ERASE_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=privacy.erased())
        if _signals(tracker):
            dispatcher.utter_message(json_message=signal(ERASED_KEY, True))
        return []


class ActionKeep(Action):
    """She said no: nothing changes."""

    def name(self) -> str:
        return "action_gegevens_wissen_afgezien"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=privacy.not_erased())
        return []
