"""The salon desk in the chat: practical questions, and the hand-off to a person."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff_events import handoff_events
from actions.tracker_state import (
    after_salon_answer,
    asked_now,
    asked_right_after_salon_answer,
    facts_from,
    previous_question,
    previous_turn,
    short_follow_up_kind,
    treatment_asked,
    treatment_just_asked,
)
from bot.knowledge.salon_profile import SalonProfileError, salon_texts
from bot.replies import salon
from bot.replies.gate import safety_gate
from bot.replies.handoff import is_empty
from bot.rules.follow_up import about_treatment, asks_permission, continues_question, refers_back
from channels.identity import conversation_code

log = logging.getLogger(__name__)


def _entity(tracker: Tracker, name: str) -> str | None:
    values = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == name]
    return str(values[-1]) if values and values[-1] else None


def send_bubbles(dispatcher: CollectingDispatcher, bubbles: tuple[str, ...], buttons: tuple[dict, ...] = ()) -> None:
    for i, text in enumerate(bubbles):
        last = i == len(bubbles) - 1
        dispatcher.utter_message(text=text, buttons=list(buttons) if last else [])


class ActionSalonInfo(Action):
    """salon_info: opening hours, address, prices, ... from salon/profiel.yml."""

    def name(self) -> str:
        return "action_salon_info"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        topic = _entity(tracker, salon.TOPIC_ENTITY)
        text = tracker.latest_message.get("text") or ""
        if topic is None and (how_long := salon_duration_follow_up(tracker)):
            send_bubbles(dispatcher, how_long)
            return []
        named = _entity(tracker, "behandeling")
        if named and short_follow_up_kind(tracker) == "salon":  # "wat kost een gezichtsmassage?" "en microneedling?"
            _intent, previous_text, previous_named = previous_question(tracker)
            text, topic = about_treatment(previous_text, named), previous_named.get(salon.TOPIC_ENTITY)
        # "zijn jullie zaterdag open?" "en tot hoe laat?": that day's hours, not the whole week
        if after_salon_answer(tracker) and "openingstijden" in salon.topics_in(text) and not salon.day_words(text):
            text = " ".join([text, *salon.day_words(previous_turn(tracker)[0].get("text") or "")])
        # "wat kost dat?" right after a microneedling answer: the price of microneedling
        # ... and "en wat kost een kuur?" after it: its price with the course, not the whole list
        follows = refers_back(text) or (continues_question(text) and salon.about_same_treatment(text))
        earlier = None if named else (treatment_just_asked(tracker) if follows else None)
        try:
            reply = salon.answer(text, topic=topic if topic in salon.TOPICS else None, treatment=named or earlier)
        except SalonProfileError as err:
            log.error("%s", err)
            dispatcher.utter_message(text=salon_texts()["profiel_fout"])
            return []
        verdict = _verdict(tracker, asked_now(tracker) or earlier)  # then no booking button under it
        # "mag ik morgen naar mijn afspraak voor een massage?" asks the verdict first, the hours second
        bubbles = (*verdict, *reply.bubbles[:2]) if asks_permission(text) else (*reply.bubbles[:2], *verdict)
        send_bubbles(dispatcher, bubbles, () if verdict else reply.buttons)
        return []


def salon_duration_follow_up(tracker: Tracker) -> tuple[str, ...]:
    """"wat kost een gezichtsmassage?" "en hoe lang duurt die?" (and then "en microneedling?"): right
    after a salon answer, how long that treatment takes at the salon, whatever intent the question
    got, and "hoe lang duurt een gezichtsmassage bij jullie?" at any time; with the verdict when her facts
    rule it out. Empty for every other message."""
    text = tracker.latest_message.get("text") or ""
    if salon.asks_price(text):  # "wat kost microneedling en hoe lang duurt het?": the price line says both
        return ()
    here = salon.asks_duration_here(text)  # "… bij jullie?"
    if not (here or asked_right_after_salon_answer(tracker, salon.asks_duration)):
        return ()
    treatment = asked_now(tracker) or treatment_just_asked(tracker)
    try:
        how_long = salon.duration(treatment)
    except SalonProfileError as err:
        log.error("%s", err)
        return ()
    return (how_long, *_verdict(tracker, treatment)) if how_long else ()


def asks_salon_price(tracker: Tracker) -> bool:
    """"hoeveel kost een gezichtsmassage en hoe lang duurt het?": the price of a treatment on the salon's
    list (its line says how long it takes too), whatever intent the question got."""
    return salon.asks_price(tracker.latest_message.get("text") or "") and salon.priced(asked_now(tracker))


def _verdict(tracker: Tracker, asked: str | None) -> tuple[str, ...]:
    """The verdict on the treatment the question is about (its price, say) when the known facts
    rule it out: a practical answer must not read as a go-ahead."""
    gate = safety_gate(facts_from(tracker), asked) if asked else None
    return (gate.text,) if gate is not None and gate.blocked else ()


class ActionAppointment(Action):
    """afspraak_maken: hand over to a person, with the summary stored for the salon."""

    def name(self) -> str:
        return "action_afspraak_maken"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        events = handoff_events(tracker, [])
        summary = events[0]["value"]
        code = None if is_empty(summary) else conversation_code(tracker.sender_id)  # never the storage key
        text = tracker.latest_message.get("text") or ""
        asked = treatment_asked(tracker)
        warning = safety_gate(facts_from(tracker), asked).warning if asked else None
        try:
            bubbles = salon.appointment_handover(code, warning=warning.text if warning else None,
                                                 question="" if text.startswith("/") else text)
        except SalonProfileError as err:
            log.error("%s", err)
            bubbles = (salon_texts()["profiel_fout"],)
        send_bubbles(dispatcher, bubbles)
        return events
