"""The phase intake (huidcheck): which questions are still open, and what an
answer means. Answers already given elsewhere in the conversation are not
asked again."""
from __future__ import annotations

from typing import Any

from bot.knowledge import load_knowledge
from bot.replies.concern import concern_signal
from bot.replies.reply import Bubble, Button, Reply
from bot.replies.texts import intake_texts
from bot.rules.facts import Entity, Memory
from bot.rules.phase import phase_signal, signals_in, tied_phases

CONSENT = "toestemming_gezondheid"
INTAKE_SLOTS = ("intake_signalen", "intake_keuze", "huidtype", CONSENT, "intake_ingreep", "intake_dagen",
                "intake_medisch")
# The health questions (GDPR art. 9): asked only after explicit consent.
HEALTH_SLOTS = ("intake_ingreep", "intake_dagen", "intake_medisch")
NO = "nee"
YES_UNSPECIFIED = "ja"
# Intents that answer an intake question; anything else is a topic switch. An unsure message
# ("weet ik niet zo goed") is read as an attempt to answer: its words are tried, and when they answer
# nothing the question comes again with examples, instead of "bedoel je…?" in the middle of the check.
ANSWER_INTENTS = frozenset({"inform", "affirm", "deny", "medische_situatie", "na_peeling", "nlu_fallback"})


def still_needed(slots: dict[str, Any], memory: Memory, requested: str | None) -> list[str]:
    """The intake questions that still need an answer, in order (the one being asked stays)."""
    known = {
        "intake_signalen": bool(memory.signals),
        "intake_keuze": bool(slots.get("intake_keuze")) or not tied_phases(memory.signals),
        "huidtype": bool(slots.get("huidtype")),
        "intake_ingreep": bool(memory.last_procedure),
        "intake_dagen": memory.days_since_procedure is not None or not _had_procedure(slots, memory),
        "intake_medisch": bool(memory.conditions or memory.medication),
    }
    if slots.get(CONSENT) == NO:  # she declined: no health questions; the result gives general, safe advice
        return [CONSENT] if requested == CONSENT else []  # (kept while her "nee" is validated)
    # Consent is asked once, just before the first health question that is still open.
    known[CONSENT] = slots.get(CONSENT) == YES_UNSPECIFIED or all(known[s] for s in HEALTH_SLOTS)
    return [slot for slot in INTAKE_SLOTS if slot == requested or not known[slot]]


def consent_answer(intent: str | None) -> str | None:
    """"ja" or "nee" to the consent question; "" for an answer that is neither, None for a topic switch."""
    if intent == "affirm":
        return YES_UNSPECIFIED
    if intent == "deny":
        return NO
    return "" if intent in ANSWER_INTENTS else None


def _had_procedure(slots: dict[str, Any], memory: Memory) -> bool:
    return memory.last_procedure is not None or slots.get("intake_ingreep") not in (None, NO)


def signals_answer(intent: str | None, entities: list[Entity], memory: Memory, text: str = "") -> str | None:
    """Signals named in this message (by the NLU or in everyday words), or the signal a concern intent stands for."""
    named = list(dict.fromkeys([e.value for e in entities if e.entity == "signaal"] + list(signals_in(text))))
    named = named or list(concern_signal(intent))
    if named:
        return ", ".join(named)
    return "" if intent in ANSWER_INTENTS else None


def procedure_answer(intent: str | None, memory: Memory) -> str | None:
    if intent == "deny":
        return NO
    if memory.last_procedure:
        return memory.last_procedure
    if intent == "affirm":
        return YES_UNSPECIFIED
    return "" if intent in ANSWER_INTENTS else None


def days_answer(intent: str | None, memory: Memory) -> str | None:
    if memory.days_since_procedure is not None:
        return f"{memory.days_since_procedure:g}"
    return "" if intent in ANSWER_INTENTS else None


def medical_answer(intent: str | None, entities: list[Entity], memory: Memory) -> str | None:
    named = [e.value for e in entities if e.entity in ("aandoening", "medicatie")]
    if memory.conditions or memory.medication:
        return ", ".join((*memory.conditions, *memory.medication))
    if intent == "deny" or named:  # only negated mentions: "nee, geen eczeem"
        return NO
    if intent == "affirm":
        return YES_UNSPECIFIED
    return "" if intent in ANSWER_INTENTS else None


def choice_question(memory: Memory) -> Reply:
    """One question when two phases are equally likely: which fits the skin best now."""
    texts = intake_texts()
    buttons = tuple(
        Button(texts["keuze_knop"].format(naam=p.naam, kort=p.kort),
               f'/inform{{"signaal": "{phase_signal(p.id)}"}}')
        for p in (load_knowledge().phase(pid) for pid in tied_phases(memory.signals))
    )
    return Reply((Bubble(texts["keuze_vraag"], buttons),), open_question="intake_keuze")


def choice_answer(entities: list[Entity], text: str, memory: Memory) -> str | None:
    """The phase the answer chooses among the tied ones ("" when it chooses none of them)."""
    tied = tied_phases(memory.signals)
    said = [e.value for e in entities if e.entity == "signaal"] + list(signals_in(text))
    k = load_knowledge()
    chosen = [p for p in tied if any(k.phase_of_signal.get(s) == p for s in said)]
    return chosen[0] if len(chosen) == 1 else ""
