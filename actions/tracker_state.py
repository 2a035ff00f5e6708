"""Reading what bot/ needs from a Rasa tracker, and writing replies back."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.replies.answers import answered_treatment
from bot.replies.questions import named_request
from bot.replies.reply import Reply
from bot.replies.skin_type import everyday_type, skin_meant, type_told
from bot.replies.tight_skin import TIGHT_QUESTION
from bot.rules.facts import Entity, Memory, asks_for_another, with_someone_elses
from bot.rules.follow_up import asks_permission, short_follow_up
from bot.rules.phase import everyday_signals
from bot.rules.safety import Facts

# Memory field -> the slot that keeps it in the conversation (slot names are the domain's).
MEMORY_SLOTS = {
    "conditions": "aandoeningen",
    "medication": "medicatie",
    "signals": "signalen",
    "last_procedure": "behandeling",
    "days_since_procedure": "dagen_sinds_behandeling",
    "asked_treatment": "gevraagde_behandeling",
    "outside_knowledge": "buiten_kennis",
    "gp_agreed": "akkoord_huisarts",
}
_LISTS = ("conditions", "medication", "signals", "outside_knowledge")
# Every slot action_validate_slot_mappings (actions/remember_facts.py) may set after a message.
FACT_SLOTS = (*MEMORY_SLOTS.values(), "voorlopige_fase", "contra_indicaties")
# ... and the skin type, which Rasa fills from the entity: all a message may tell about her.
TOLD_SLOTS = (*FACT_SLOTS, "huidtype")


def latest_entities(tracker: Tracker) -> list[Entity]:
    return [
        Entity(e["entity"], str(e.get("value", "")), e.get("start"), e.get("end"))
        for e in tracker.latest_message.get("entities", [])
        if e.get("entity")
    ]


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def memory_from(tracker: Tracker) -> Memory:
    values: dict[str, Any] = {field: tracker.get_slot(slot) for field, slot in MEMORY_SLOTS.items()}
    for field in _LISTS:
        values[field] = tuple(values[field] or ())
    days = values["days_since_procedure"]
    values["days_since_procedure"] = float(days) if days is not None else None
    values["gp_agreed"] = bool(values["gp_agreed"])
    return Memory(**values)


def asked_now(tracker: Tracker) -> str | None:
    """The treatment this message asks about (it names one), as the fact memory keeps it."""
    if not any(e.entity == "behandeling" for e in latest_entities(tracker)):
        return None
    return memory_from(tracker).asked_treatment


def treatment_asked(tracker: Tracker) -> str | None:
    """The treatment this message asks about, by its name or in everyday words ("mag ik al masseren?")."""
    return asked_now(tracker) or named_request(tracker.latest_message.get("text") or "")


def days_answered_for(tracker: Tracker) -> str | None:
    """"een week of 8", "ik heb het vorige week laten doen" right after a verdict that waited for how long ago her
    treatment was: the treatment that verdict was about, which the answer is for (not facial massage in general)."""
    days = "dagen_sinds_behandeling"  # told (or corrected: "vorige week eigenlijk") by this message
    if asked_now(tracker) or tracker.get_slot(days) in (None, slot_before_message(tracker, days)):
        return None
    return slot_before_message(tracker, "gevraagde_behandeling")


def skin_type_told(tracker: Tracker) -> tuple[str | None, tuple[str, ...]]:
    """The skin type this message tells ("ik heb een droge huid"), and the signals it names."""
    entities, text = latest_entities(tracker), tracker.latest_message.get("text") or ""
    if not skin_meant(text):  # "ik heb een droge hoest": no dry skin
        return None, tuple(e.value for e in entities if e.entity == "signaal")
    types = [e.value for e in entities if e.entity == "huidtype"]
    everyday = None if types else everyday_type(text, everyday_signals(text))
    if everyday:  # "mijn vel is precies schuurpapier", "mijn gezicht glimt na een paar uur": in everyday words
        types = [everyday]
    return type_told(types), tuple(e.value for e in entities if e.entity == "signaal")


def told_skin_type(tracker: Tracker) -> list[dict[str, Any]]:
    """Her skin type told in everyday words ("droge plekken", "mijn vel is schuurpapier"), kept as the
    `huidtype` slot as one told by name is: later turns (the skin check, "wat kan ik zelf doen?") know it."""
    told, _ = skin_type_told(tracker)
    return [SlotSet("huidtype", told)] if told and told != tracker.get_slot("huidtype") else []


def signals_said(tracker: Tracker) -> list[str]:
    """The skin signals this message names: as entities, and in everyday words ("rood", "dof")."""
    text = tracker.latest_message.get("text") or ""
    return [e.value for e in latest_entities(tracker) if e.entity == "signaal"] + list(everyday_signals(text))


def treatment_words(tracker: Tracker) -> str:
    """The words this message names a treatment with ("gua sha"), as she wrote them."""
    text = tracker.latest_message.get("text") or ""
    return " ".join(text[e.start:e.end] for e in latest_entities(tracker)
                    if e.entity == "behandeling" and e.start is not None and e.end is not None)


def _turns(tracker: Tracker) -> list[tuple[dict[str, Any], list[str]]]:
    """Each of her messages with the actions that answered it, oldest first."""
    turns: list[tuple[dict[str, Any], list[str]]] = []
    for event in tracker.events:
        if event.get("event") == "user":
            turns.append((event, []))
        elif event.get("event") == "action" and event.get("name") and turns:
            turns[-1][1].append(event["name"])
    return turns


def previous_turn(tracker: Tracker) -> tuple[dict[str, Any], list[str]]:
    """Her previous message (its user event) and the actions that answered it."""
    turns = _turns(tracker)
    return turns[-2] if len(turns) > 1 else ({}, [])


def text_told(tracker: Tracker) -> str:
    """This message's text; when it answers "Voelt je huid daarbij ook droog aan?" ("eerder dof eigenlijk"),
    after her message that question was about, so that the advice does not ask what that one told
    ("Voelt je huid daarbij ook wat gespannen?" after "mijn huid trekt")."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("open_vraag") != TIGHT_QUESTION:
        return text
    return f"{previous_turn(tracker)[0].get('text') or ''} {text}".strip()


def slot_before_message(tracker: Tracker, name: str) -> Any:
    """The slot's value before her latest message (and the slot mappings that ran on it)."""
    value = None
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    for event in tracker.events[:users[-1]] if users else tracker.events:
        if event.get("event") == "slot" and event.get("name") == name:
            value = event.get("value")
    return value


def treatment_just_asked(tracker: Tracker) -> str | None:
    """The treatment her previous message asked about ("wat kost microneedling?"), else the one
    the previous answer was about ("doet dat pijn?" answered on microneedling), for a follow-up
    that refers back to it ("en hoe lang duurt dat?") without naming it."""
    previous = (previous_turn(tracker)[0].get("parse_data") or {}).get("entities") or []
    if any(e.get("entity") == "behandeling" for e in previous):
        return memory_from(tracker).asked_treatment
    return answered_treatment(tracker.get_slot("genoemde_feiten") or ())


def after_permission_question(tracker: Tracker) -> bool:
    """Did her previous message ask whether a treatment may, or get a verdict on one?"""
    previous, actions = previous_turn(tracker)
    return "action_veiligheid" in actions or asks_permission(previous.get("text") or "")


def after_salon_answer(tracker: Tracker) -> bool:
    """Was her previous message a salon question: answered by the salon action, or unsure with the
    salon likeliest, which the fallback answers as one ("kan ik ook op zondag komen?")?"""
    previous, actions = previous_turn(tracker)
    if "action_salon_info" in actions:
        return True
    parse = previous.get("parse_data") or {}
    likeliest = [r.get("name") for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    return (parse.get("intent") or {}).get("name") == "nlu_fallback" and likeliest[:1] == ["salon_info"]


# Answers after which "en microneedling?" asks the same practical question (its price).
_SALON_ACTIONS = frozenset({"action_salon_info", "action_afspraak_maken"})


def after_salon_or_booking(tracker: Tracker) -> bool:
    """Was her previous message answered by the salon or the booking action?"""
    return bool(_SALON_ACTIONS & set(previous_turn(tracker)[1]))


def _short_follow_up_in(event: dict[str, Any]) -> bool:
    text = event.get("text") or ""
    entities = (event.get("parse_data") or {}).get("entities") or []
    return short_follow_up(text, [(e["start"], e["end"]) for e in entities
                                  if e.get("entity") == "behandeling" and e.get("start") is not None])


def short_follow_up_kind(tracker: Tracker) -> str | None:
    """What a short follow-up naming a treatment asks ("en microneedling?", "wat met gua sha?"): the
    previous question again, about this treatment. "verdict" after a question whether a treatment
    may, a verdict, or advice ("en microneedling?" after the advice for wallen: may she have that
    too); "knowledge" after a knowledge answer ("hoe lang duurt een gezichtsmassage?"); "salon" after
    a practical one ("wat kost een gezichtsmassage?"); None for every other message. A chain of them
    ("en gua sha?", "en lymfedrainage?") keeps the question of the first."""
    turns = _turns(tracker)
    if not turns or not _short_follow_up_in(turns[-1][0]) or memory_from(tracker).asked_treatment is None:
        return None
    for event, actions in reversed(turns[:-1]):
        if "action_veiligheid" in actions or asks_permission(event.get("text") or ""):
            return "verdict"
        if _short_follow_up_in(event):
            continue
        if "action_kennis" in actions:
            return "knowledge"
        return "salon" if _SALON_ACTIONS & set(actions) else "verdict"
    return "verdict"


def asked_right_after_salon_answer(tracker: Tracker, asks: Callable[[str], bool]) -> bool:
    """Does her message ask `asks` right after a salon answer ("wat kost een gezichtsmassage?" "en hoe
    lang duurt die?"), or repeat such a question for another treatment ("en microneedling?")?"""
    turns = _turns(tracker)
    i = len(turns) - 1
    while i > 0 and _short_follow_up_in(turns[i][0]):
        i -= 1
    if i < 1:
        return False
    return asks(turns[i][0].get("text") or "") and "action_salon_info" in turns[i - 1][1]


def previous_question(tracker: Tracker) -> tuple[str | None, str, dict[str, str]]:
    """The intent, text and entities of the question a short follow-up asks again: her last message
    that was not one itself, its treatment left out ("hoe lang duurt een gezichtsmassage?" -> "hoe
    lang duurt een ?")."""
    turns = [event for event, _actions in _turns(tracker)[:-1] if not _short_follow_up_in(event)]
    if not turns:
        return None, "", {}
    parse = turns[-1].get("parse_data") or {}
    text = turns[-1].get("text") or ""
    entities = parse.get("entities") or []
    for entity in sorted(entities, key=lambda e: -(e.get("start") or 0)):
        if entity.get("entity") == "behandeling" and entity.get("start") is not None:
            text = text[:entity["start"]] + text[entity["end"]:]
    named = {str(e["entity"]): str(e.get("value", "")) for e in entities if e.get("entity") != "behandeling"}
    return (parse.get("intent") or {}).get("name"), text, named


def last_verdict(tracker: Tracker) -> str | None:
    """The treatment the last verdict was on (`advies_gegeven` "veiligheid:<treatment>:<level>"): "kan ik
    een jade roller gebruiken?" got the verdict on a facial massage."""
    verdicts = [a.split(":")[1] for a in tracker.get_slot("advies_gegeven") or () if a.startswith("veiligheid:")]
    return verdicts[-1] if verdicts else None


def treatment_in_question(tracker: Tracker) -> str | None:
    """The treatment a verdict is about: the one this message names (also misspelt, "microneedlin"),
    else, when it adds to a question whether a treatment may ("mag ik microneedling?", "ik heb ook
    geen eczeem"), that treatment, else the one her previous message or its answer was about ("ik wil
    een afspraak voor microneedling" "ik gebruik trouwens roaccutane")."""
    named = treatment_asked(tracker)
    if named is not None:
        return named
    if after_permission_question(tracker):
        return memory_from(tracker).asked_treatment
    return treatment_just_asked(tracker)


def unsure_message_replaced(tracker: Tracker) -> tuple[str, list[Entity]] | None:
    """The unsure message that her latest message replaced, when it did: "ik heb een vette huid
    met grove poriën" got "bedoel je…?", and she went on with "welke olie is dan goed?". Rasa's
    two-stage fallback then reverts the unsure message with what it told (the skin type, the
    signals); the fact memory takes those again from this message (actions/remember_facts.py)."""
    kinds = [e.get("event") for e in tracker.events]
    users = [i for i, kind in enumerate(kinds) if kind == "user"]
    if len(users) < 3 or "rewind" not in kinds[users[-2]:users[-1]]:
        return None
    unsure = tracker.events[users[-3]]
    parse = unsure.get("parse_data") or {}
    if (parse.get("intent") or {}).get("name") != "nlu_fallback":
        return None
    entities = [Entity(e["entity"], str(e.get("value", "")), e.get("start"), e.get("end"))
                for e in parse.get("entities") or [] if e.get("entity")]
    return unsure.get("text") or "", entities


def memory_slots(memory: Memory) -> dict[str, Any]:
    """Slot name -> value for everything the memory holds."""
    return {
        slot: list(getattr(memory, field)) if field in _LISTS else getattr(memory, field)
        for field, slot in MEMORY_SLOTS.items()
    }


def phase_of(tracker: Tracker) -> str | None:
    """The phase every answer uses: the intake's, else the one the signals point to."""
    return tracker.get_slot("fase") or tracker.get_slot("voorlopige_fase")


def facts_from(tracker: Tracker) -> Facts:
    """The safety facts of this conversation, with the phase the bot has named and what it
    already told her in this session (a verdict does not repeat a reason she heard); for a
    message that asks about someone else, with that person's condition or medication too."""
    return facts_and_whose(tracker)[0]


def facts_and_whose(tracker: Tracker) -> tuple[Facts, bool]:
    """`facts_from`, and whether they include someone else's (bot.rules.facts.with_someone_elses)."""
    facts = replace(memory_from(tracker).facts(phase_of(tracker)), told=told_this_session(tracker))
    return with_someone_elses(facts, tracker.latest_message.get("text") or "")


def asks_for_someone_else(tracker: Tracker) -> bool:
    """"mijn dochter heeft acne, mag zij microneedling?": a verdict asked for another person (the answer is
    said in general, bot.rules.facts.with_someone_elses)."""
    text = tracker.latest_message.get("text") or ""
    return (asks_permission(text) or asks_for_another(text)) and facts_and_whose(tracker)[1]


def buttons_just_offered(tracker: Tracker) -> list[dict[str, Any]]:
    """The buttons under the bot's messages since her previous message (title and payload)."""
    offered: list[dict[str, Any]] = []
    users = 0
    for event in reversed(tracker.events):
        users += event.get("event") == "user"
        if users == 2:
            break
        if users == 1 and event.get("event") == "bot":
            offered += list((event.get("data") or {}).get("buttons") or [])
    return offered


def told_this_session(tracker: Tracker) -> frozenset[str]:
    """The texts the bot sent since the session started."""
    told: set[str] = set()
    for event in tracker.events:
        if event.get("event") == "session_started":
            told.clear()
        elif event.get("event") == "bot" and event.get("text"):
            told.add(event["text"])
    return frozenset(told)


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    for bubble in reply.bubbles:
        dispatcher.utter_message(text=bubble.text, buttons=[b.as_dict() for b in bubble.buttons])


def advised(tracker: Tracker, reply: Reply) -> list[str]:
    """The `advies_gegeven` slot after this reply (for the hand-off summary)."""
    so_far = list(tracker.get_slot("advies_gegeven") or [])
    return so_far + [a for a in reply.advice if a not in so_far]


def facts_said_before(tracker: Tracker) -> frozenset[str]:
    """Every fact id a reply of this conversation stated (`genoemde_feiten` holds only the last reply's)."""
    return frozenset(
        fact for e in tracker.events
        if e.get("event") == "slot" and e.get("name") == "genoemde_feiten"
        for fact in e.get("value") or ()
    )


def reply_events(tracker: Tracker, reply: Reply) -> list[dict[str, Any]]:
    """What every reply records: the advice given so far and the facts this reply stated."""
    return [SlotSet("advies_gegeven", advised(tracker, reply)), SlotSet("genoemde_feiten", list(reply.facts))]
