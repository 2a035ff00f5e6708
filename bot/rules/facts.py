"""What the bot remembers about the person, updated after every message.

Only her own situation counts: the NLU entities pass the same rules as the lexicon
scan (rules/negation.py): negated, someone else's ("mijn vader heeft trombose") and,
for treatments, planned ("ik wil binnenkort fillers": asked about, not had) are no facts.
Safety first: a stated condition, medication or recent procedure is kept for
the whole conversation. A negation ("geen bloedverdunners") stops a fact from
being added, but never removes one that was stated before: the bot does not
advise as if a stated risk had gone away.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from bot.knowledge import load_knowledge
from bot.rules.durations import days_ahead, parse_days
from bot.rules.follow_up import short_follow_up
from bot.rules.negation import (
    Mention,
    counts_as_own,
    had_before,
    is_negated,
    is_planned,
    scan_facts,
    told_as_done,
)
from bot.rules.outside import outside_knowledge_in
from bot.rules.safety import Facts
from bot.textnorm import find_words

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
    conditions: tuple[str, ...] = ()
    medication: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    last_procedure: str | None = None  # the last procedure (peel, laser, ...)
    days_since_procedure: float | None = None
    asked_treatment: str | None = None  # what the person asks about
    outside_knowledge: tuple[str, ...] = ()  # her situations the sources say nothing about (zwanger)
    gp_agreed: bool = False  # "mijn huisarts zegt dat het mag", told as a fact
    notes: tuple[str, ...] = field(default=(), compare=False)

    def facts(self, phase: str | None = None) -> Facts:
        return Facts(
            conditions=frozenset(self.conditions),
            medication=frozenset(self.medication),
            last_procedure=self.last_procedure,
            days_since_procedure=self.days_since_procedure,
            phase=phase,
            outside_knowledge=frozenset(self.outside_knowledge),
            gp_agreed=self.gp_agreed,
        )


def _add(existing: tuple[str, ...], new: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*existing, *new)))


def _stated(text: str, entities: list[Entity], kind: str) -> list[str]:
    """Values of one entity kind that state her own situation: the same rules as the
    lexicon scan (not negated, not someone else's, for a behandeling not only planned).
    An entity without offsets cannot be placed and counts (safety first)."""
    values = []
    for ent in entities:
        if ent.entity != kind:
            continue
        if ent.start is not None and ent.end is not None and not counts_as_own(text, ent.start, ent.end, kind):
            continue
        values.append(ent.value)
    return values


def _planned(text: str, entities: list[Entity]) -> list[str]:
    """Treatments (behandeling entities) she wants or plans: asked about, not had."""
    return [
        ent.value for ent in entities
        if ent.entity == "behandeling" and ent.start is not None and ent.end is not None
        and is_planned(text, ent.start, ent.end) and not is_negated(text, ent.start, ent.end)
    ]


def _talks_about_the_past(text: str, intent: str | None, entities: list[Entity], open_question: str | None,
                          mentions: Sequence[Mention] = (), asked_before: str | None = None) -> bool:
    if open_question in PROCEDURE_QUESTIONS or any(e.entity == "tijdsduur" for e in entities):
        return True
    spans = [(e.start, e.end) for e in entities if e.entity == "behandeling" and e.start is not None
             and e.end is not None]
    spans += [(m.start, m.end) for m in mentions if m.category == "behandeling"]
    if short_follow_up(text, spans):
        # "en microneedling?": the previous question again, not a treatment she had; but "en na een peeling?"
        # after "mag ik microneedling na botox?" asks the same question (about microneedling) after that treatment
        named = {e.value for e in entities if e.entity == "behandeling"} | {
            m.value for m in mentions if m.category == "behandeling"}
        return (asked_before is not None and asked_before not in named
                and any(told_as_done(text, start, end) for start, end in spans))
    if intent in ("na_peeling", "inform"):
        return True
    if any(had_before(text, start, end) for start, end in spans):
        return True  # "na mijn peeling": she had it
    words = re.findall(r"[\w']+", text.lower())  # words only: "gedaan," is "gedaan"
    lowered = " " + " ".join(words) + " "
    past = load_knowledge().taal.verleden

    def said(words: tuple[str, ...]) -> bool:
        return any(f" {word} " in lowered for word in words)

    return (said(past.woorden) or (said(past.met_hebben) and said(past.hebben))
            or (said(past.met_zijn) and said(past.zijn) and not said(past.zijn_niet)))


def _days(text: str, entities: list[Entity]) -> float | None:
    """The days since her treatment this message tells; of several times ("vorig jaar botox, en vorige maand
    weer") the most recent, on the safe side."""
    told = [d for d in (parse_days(e.value) for e in entities if e.entity == "tijdsduur") if d is not None]
    return min(told) if told else parse_days(text)


def update_memory(
    memory: Memory,
    text: str,
    intent: str | None,
    entities: list[Entity],
    open_question: str | None = None,
) -> Memory:
    """The memory after one more user message."""
    contract = load_knowledge().contract
    known_conditions, known_medication, procedures = (
        frozenset(contract.aandoening), frozenset(contract.medicatie), frozenset(contract.ingreep))
    text = text or ""
    scanned = scan_facts(text)
    conditions = set(_stated(text, entities, "aandoening")) | scanned.stated
    medication = set(_stated(text, entities, "medicatie")) | scanned.stated
    treatments = _stated(text, entities, "behandeling")
    treatments += [t for t in sorted(scanned.stated & procedures) if t not in treatments]
    planned = [t for t in _planned(text, entities) if t not in treatments]
    planned += [t for t in sorted(scanned.planned & procedures) if t not in treatments + planned]

    updated = replace(
        memory,
        conditions=_add(memory.conditions, sorted(conditions & known_conditions)),
        medication=_add(memory.medication, sorted(medication & known_medication)),
        signals=_add(memory.signals, _stated(text, entities, "signaal")),
        outside_knowledge=_add(memory.outside_knowledge, outside_knowledge_in(text)),
        gp_agreed=memory.gp_agreed or doctor_agreed(text),
    )

    talks_past = _talks_about_the_past(text, intent, entities, open_question, scanned.mentions,
                                       memory.asked_treatment)
    past = [t for t in treatments if t in procedures] if talks_past else []
    procedure = past[0] if past else None
    asked = [t for t in treatments if t != procedure] + planned
    if asked:
        updated = replace(updated, asked_treatment=asked[-1])
    if procedure and procedure != updated.last_procedure:
        updated = replace(updated, last_procedure=procedure, days_since_procedure=None)

    names_time = any(e.entity == "tijdsduur" for e in entities)
    # unsure, "ik heb het vorige week laten doen": a time since, which the whole message must read as
    # ("over een week" is none)
    unsure_time = intent == "nlu_fallback" and names_time and parse_days(text) is not None
    wants_days = procedure is not None or open_question in DAYS_QUESTIONS or (
        updated.last_procedure is not None and updated.days_since_procedure is None
        and (intent in ("inform", "na_peeling", "medische_situatie") or unsure_time)
    )
    if wants_days and updated.last_procedure is not None:
        days = _days(text, entities)
        if days is not None:
            updated = replace(updated, days_since_procedure=days)
    elif (updated.days_since_procedure is not None
          and ((names_time and intent in ("inform", "na_peeling")) or unsure_time)
          and days_ahead(text) is None):  # not "een week later?"
        # "vorige week" and then "4 dagen geleden": she corrects herself. A more recent time is
        # taken (a longer wait, on the safe side); an older one could be about something else.
        days = _days(text, entities)
        if days is not None and days < updated.days_since_procedure:
            updated = replace(updated, days_since_procedure=days)
    return updated


def with_someone_elses(facts: Facts, text: str) -> tuple[Facts, bool]:
    """The facts a verdict on this message must use, and whether it is about someone else
    (a condition, medication or a recent procedure: "mijn vriendin had gisteren microneedling").

    "mijn moeder heeft rosacea, kan zij terecht voor een massage?" asks about another person: that person's
    condition, medication or procedure decides this answer only (it is never remembered as hers), so the bot
    does not say "geen bezwaar" where their situation rules the treatment out; the answer is then said in
    general. Her own situation (her blood thinners, her phase, her pregnancy) is hers: it does not decide a
    verdict for her sister, unless she is in the question too ("samen met mij", taal.yml `ook_zelf`: then both
    count, safe when in doubt). What the bot already said stays said (`told`). A message that asks for herself
    ("mijn zus heeft eczeem, mag ik wel masseren?", taal.yml `eigen_vraag`) keeps her own facts."""
    k = load_knowledge()
    if find_words({"": k.taal.eigen_vraag}, text):
        return facts, False
    found = scan_facts(text)
    conditions = found.others & frozenset(k.contract.aandoening)
    medication = found.others & frozenset(k.contract.medicatie)
    # "mijn vriendin had gisteren microneedling"; "mag zij microneedling?" asks about one, none took place
    procedures = sorted({m.value for m in found.mentions if m.other and m.value in k.contract.ingreep
                         and told_as_done(text, m.start, m.end)})
    if not (conditions or medication or procedures or asks_for_another(text)):
        return facts, False
    days = next((d for part in re.split(r"[,;?!.]", text) if (d := parse_days(part)) is not None), None)
    if find_words({"": k.taal.vraag_voor_ander.ook_zelf}, text):  # "mag mijn zus samen met mij …": hers count too
        if procedures and facts.last_procedure is None:
            facts = replace(facts, last_procedure=procedures[0], days_since_procedure=days)
        return replace(facts, conditions=facts.conditions | conditions, medication=facts.medication | medication), True
    return Facts(conditions=conditions, medication=medication, last_procedure=procedures[0] if procedures else None,
                 days_since_procedure=days if procedures else None, told=facts.told), True


def asks_for_another(text: str) -> bool:
    """Is the message a question for someone else ("mag zij microneedling?", "kan mijn moeder een
    gezichtsmassage krijgen?"), also when it names none of that person's conditions?"""
    cues = load_knowledge().taal.vraag_voor_ander
    if find_words({"": cues.voornaamwoorden}, text):
        return True
    ervaarder = load_knowledge().taal.ervaarder
    people = {*ervaarder.ander, *ervaarder.ander_met_bezit} - {"hij", "zij", "iemand"}
    words = re.findall(r"[a-z']+", (text or "").lower())
    return any(verb in cues.werkwoorden and owner in ervaarder.bezit and person in people
               for verb, owner, person in zip(words, words[1:], words[2:], strict=False))


def doctor_agreed(text: str) -> bool:
    """Does the message tell that her doctor agreed ("ik heb bloedverdunners maar mijn arts zegt dat massage
    mag", "toestemming van de trombosedienst gekregen")? Only as a fact: not negated in the same clause ("mijn
    arts zegt dat het niet mag"), not a condition or question ("en als mijn huisarts akkoord is?")."""
    cues = load_knowledge().taal.akkoord_arts
    for sentence in re.findall(r"[^.;!?]+[.;!?]*", text or ""):
        if "?" in sentence:  # "mag ik met akkoord van mijn arts?"
            continue
        doctor = False  # "mijn huisarts vindt het prima en gaf toestemming": the doctor of the clause before
        for clause in re.split(r"\b(?:maar|want|en)\b", sentence):
            doctor = doctor or bool(find_words({"": cues.artsen}, clause))
            if not (doctor and find_words({"": cues.akkoord}, clause)):
                continue
            first = len(clause) - len(clause.lstrip())
            conditional = any(start == first for start, _end, _key in find_words({"": cues.voorwaarde}, clause))
            denied = [span for span in find_words({"": cues.niet}, clause)
                      if not find_words({"": ("geen bezwaar", "geen probleem")}, clause[span[0]:span[0] + 14])]
            if not conditional and not denied:
                return True
    return False
