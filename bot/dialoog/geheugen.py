"""What the bot remembers about the person, updated after every message.

Safety first: a stated condition, medication or recent procedure is kept for
the whole conversation. A negation ("geen bloedverdunners") stops a fact from
being added, but never removes one that was stated before: the bot does not
advise as if a stated risk had gone away.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from bot.dialoog.data import intent_data
from bot.durations import parse_days
from bot.negation import is_negated, scan_facts
from bot.safety import Facts

PROCEDURES = frozenset({"chemische_peeling", "laser", "injectables", "microneedling"})
CONDITION_VALUES = frozenset({
    "actieve_infectie", "eczeem", "psoriasis", "rosacea", "couperose",
    "open_wond", "trombose", "auto_immuunziekte",
})
MEDICATION_VALUES = frozenset({"bloedverdunners"})
# open questions whose answer is a duration
DAYS_QUESTIONS = frozenset({"na_peeling:dagen", "intake_dagen"})
# open questions whose answer names a procedure that already happened
PROCEDURE_QUESTIONS = frozenset({"na_peeling:ingreep", "intake_ingreep"})


@dataclass(frozen=True)
class Entity:
    entity: str
    value: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Memory:
    aandoeningen: tuple[str, ...] = ()
    medicatie: tuple[str, ...] = ()
    signalen: tuple[str, ...] = ()
    behandeling: str | None = None  # the last procedure (peel, laser, ...)
    dagen_sinds_behandeling: float | None = None
    gevraagde_behandeling: str | None = None  # what the person asks about
    notes: tuple[str, ...] = field(default=(), compare=False)

    def facts(self, fase: str | None = None) -> Facts:
        return Facts(
            aandoeningen=frozenset(self.aandoeningen),
            medicatie=frozenset(self.medicatie),
            laatste_behandeling=self.behandeling,
            dagen_sinds_behandeling=self.dagen_sinds_behandeling,
            fase=fase,
        )


def _add(existing: tuple[str, ...], new: Iterable[str]) -> tuple[str, ...]:
    result = list(existing)
    for value in new:
        if value not in result:
            result.append(value)
    return tuple(result)


def _stated(text: str, entities: list[Entity], kind: str) -> list[str]:
    """Values of one entity kind that the message asserts (not negated)."""
    values = []
    for ent in entities:
        if ent.entity != kind:
            continue
        if ent.start is not None and ent.end is not None and is_negated(text, ent.start, ent.end):
            continue
        values.append(ent.value)
    return values


def _talks_about_the_past(text: str, intent: str | None, entities: list[Entity], open_vraag: str | None) -> bool:
    if intent in ("na_peeling", "inform") or open_vraag in PROCEDURE_QUESTIONS:
        return True
    if any(e.entity == "tijdsduur" for e in entities):
        return True
    lowered = f" {text.lower()} "
    return any(f" {word} " in lowered for word in intent_data()["verleden_woorden"])


def _days(text: str, entities: list[Entity]) -> float | None:
    for ent in entities:
        if ent.entity == "tijdsduur":
            days = parse_days(ent.value)
            if days is not None:
                return days
    return parse_days(text)


def update_memory(
    memory: Memory,
    text: str,
    intent: str | None,
    entities: list[Entity],
    open_vraag: str | None = None,
) -> Memory:
    """The memory after one more user message."""
    text = text or ""
    scanned = scan_facts(text)
    conditions = set(_stated(text, entities, "aandoening")) | (scanned.stated & CONDITION_VALUES)
    medication = set(_stated(text, entities, "medicatie")) | (scanned.stated & MEDICATION_VALUES)
    treatments = _stated(text, entities, "behandeling")
    treatments += [t for t in sorted(scanned.stated & PROCEDURES) if t not in treatments]

    updated = replace(
        memory,
        aandoeningen=_add(memory.aandoeningen, sorted(conditions & CONDITION_VALUES)),
        medicatie=_add(memory.medicatie, sorted(medication & MEDICATION_VALUES)),
        signalen=_add(memory.signalen, _stated(text, entities, "signaal")),
    )

    past = [t for t in treatments if t in PROCEDURES] if _talks_about_the_past(text, intent, entities, open_vraag) else []
    procedure = past[0] if past else None
    asked = [t for t in treatments if t != procedure]
    if asked:
        updated = replace(updated, gevraagde_behandeling=asked[-1])
    if procedure and procedure != updated.behandeling:
        updated = replace(updated, behandeling=procedure, dagen_sinds_behandeling=None)

    wants_days = procedure is not None or open_vraag in DAYS_QUESTIONS or (
        updated.behandeling is not None and updated.dagen_sinds_behandeling is None
        and intent in ("inform", "na_peeling", "medische_situatie")
    )
    if wants_days and updated.behandeling is not None:
        days = _days(text, entities)
        if days is not None:
            updated = replace(updated, dagen_sinds_behandeling=days)
    return updated
