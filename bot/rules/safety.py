"""Contraindication check: may this person have this treatment or technique now?

The rules are data (knowledge/contra_indicaties.yml, with the semantics table); this
module is their only interpreter. `rule_outcomes` lists what a rule can say and under
which condition; `check_request` picks, per rule, the outcome that fits the facts
(the chat) and the desk checklist shows all of them. The most restrictive verdict wins.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from functools import total_ordering

from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.crosscheck import ONBEKEND
from bot.knowledge.model import ContraRegel, Uitkomst, Venster


@total_ordering
class VerdictLevel(Enum):
    """Ordered from mild to strict: TOEGESTAAN < VOORZICHTIG < WACHT < NIET_NU < HUISARTS_EERST."""

    TOEGESTAAN = "toegestaan"
    VOORZICHTIG = "voorzichtig"
    WACHT = "wacht"
    NIET_NU = "niet_nu"
    HUISARTS_EERST = "huisarts_eerst"

    @property
    def rank(self) -> int:
        return list(VerdictLevel).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, VerdictLevel):
            return NotImplemented
        return self.rank < other.rank


def _frozen(values: Iterable[str] | None) -> frozenset[str]:
    if isinstance(values, str):
        return frozenset({values})
    return frozenset(values or ())


@dataclass(frozen=True)
class Facts:
    """What is known about the person. Values are contract values (see contract.yml)."""

    conditions: frozenset[str] = frozenset()
    medication: frozenset[str] = frozenset()
    last_procedure: str | None = None  # chemische_peeling | laser | injectables | microneedling
    days_since_procedure: float | None = None
    phase: str | None = None
    # What the bot already said in this conversation: a verdict does not repeat a reason she heard.
    told: frozenset[str] = frozenset()
    # Her situations the sources say nothing about (taal.yml buiten_kennis): no "kan" for them.
    outside_knowledge: frozenset[str] = frozenset()
    # She told that her GP agreed ("mijn huisarts zegt dat het mag"): see `gp_cleared`.
    gp_agreed: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", _frozen(self.conditions))
        object.__setattr__(self, "medication", _frozen(self.medication))
        object.__setattr__(self, "told", _frozen(self.told))
        object.__setattr__(self, "outside_knowledge", _frozen(self.outside_knowledge))
        days = self.days_since_procedure
        if days is not None and not (isinstance(days, int | float) and math.isfinite(days) and days >= 0):
            raise ValueError(f"days_since_procedure must be a finite number >= 0, got {days!r}")


@dataclass(frozen=True)
class Verdict:
    """The answer of check_request: allowed, allowed with a caution, or blocked.

    `reasons[i]` and `levels[i]` belong to `contraindications[i]` (ids sorted);
    `alternatives` (what instead) are ordered strictest first, without duplicates;
    `wait_days` (when) only for WACHT; `see` (who) is the referral of the strictest id.
    """

    level: VerdictLevel
    contraindications: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    wait_days: int | None = None
    levels: tuple[VerdictLevel, ...] = ()
    see: str | None = None  # huisarts | huidtherapeut | behandelaar

    @property
    def blocked(self) -> bool:
        """Not now: wait, see someone first, or not at all for the time being."""
        return self.level >= VerdictLevel.WACHT

    @property
    def caution(self) -> bool:
        return self.level is VerdictLevel.VOORZICHTIG

    def reasons_strictest_first(self) -> list[str]:
        """The distinct reasons, strictest contraindication first (stable for equal levels)."""
        order = sorted(range(len(self.reasons)), key=lambda i: -self.levels[i].rank)
        return list(dict.fromkeys(self.reasons[i] for i in order))


@dataclass(frozen=True)
class Condition:
    """When an outcome of a rule applies, beyond the rule's own facts."""

    kind: str  # "fact" | "days_below" | "days_unknown" | "phase"
    days: float | None = None  # for days_below
    phase: str | None = None  # for phase: a contract phase or "onbekend"


@dataclass(frozen=True)
class Outcome:
    """What one rule says under one condition."""

    contraindication: str
    condition: Condition
    level: VerdictLevel
    reason: str
    alternative: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class _Hit:
    outcome: Outcome
    wait_days: int | None = None
    by_unknown_phase: bool = False
    specific: bool = False  # the rule names this request itself, not only its group


def check_request(facts: Facts, request: str, *, knowledge: Knowledge | None = None) -> Verdict:
    """Judge `request` (a contract `behandeling` value, or "massage"/"behandeling") for `facts`."""
    k = knowledge or load_knowledge()
    _validate(facts, k)
    if request not in k.contract.verzoeken:
        raise ValueError(f"unknown request {request!r}; expected one of {list(k.contract.verzoeken)}")
    return _verdict(_hits(facts, request, k), k)


def gp_cleared(facts: Facts, *, knowledge: Knowledge | None = None) -> Facts | None:
    """With her GP's agreement told (`facts.gp_agreed`): the facts without what only asks for that agreement
    (the conditions and medication whose rule says "huisarts eerst"), so that every other reason still
    counts; None without an agreement or when none of her facts asked for one."""
    if not facts.gp_agreed:
        return None
    k = knowledge or load_knowledge()
    gp_only = {value for rule in k.contra.regels if rule.soort in ("aandoening", "medicatie")
               and rule.niveau == VerdictLevel.HUISARTS_EERST.value for value in rule.waarden}
    if not (facts.conditions | facts.medication) & gp_only:
        return None
    return replace(facts, conditions=facts.conditions - gp_only, medication=facts.medication - gp_only)


def contraindications_for(facts: Facts, *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """Every contraindication id the facts trigger for any request (for the slot).

    A rule that fires only because the phase is unknown is not a fact and is left out.
    """
    k = knowledge or load_knowledge()
    _validate(facts, k)
    ids = {
        hit.outcome.contraindication
        for request in k.contract.verzoeken
        for hit in _hits(facts, request, k)
        if not hit.by_unknown_phase
    }
    return tuple(sorted(ids))


def rules_for(request: str, *, knowledge: Knowledge | None = None) -> tuple[ContraRegel, ...]:
    """The rules that apply to `request`, in data order."""
    k = knowledge or load_knowledge()
    return tuple(rule for rule in k.contra.regels if k.contra.geldt_voor(rule, request))


def rule_outcomes(rule: ContraRegel, *, procedure: str = ONBEKEND,
                  knowledge: Knowledge | None = None) -> tuple[Outcome, ...]:
    """Everything `rule` can say, in data order, each with the condition it needs.

    `procedure` names the earlier procedure in the texts of a procedure rule
    (default: a cosmetic procedure in general, as the desk checklist says it).
    """
    k = knowledge or load_knowledge()
    if rule.soort in ("aandoening", "medicatie"):
        return (_outcome(rule, Condition("fact"), rule.niveau, rule.reden, rule.alternatief),)  # type: ignore[arg-type]
    if rule.soort == "ingreep":
        label = k.teksten.ingreep_labels[procedure]
        cases: list[tuple[Condition, Venster | Uitkomst]] = [
            (Condition("days_below", days=w.tot_dagen), w) for w in rule.vensters]
        if rule.dagen_onbekend:
            cases.append((Condition("days_unknown"), rule.dagen_onbekend))
        return tuple(_outcome(rule, c, o.niveau, o.reden, o.alternatief, label) for c, o in cases)
    return tuple(_outcome(rule, Condition("phase", phase=phase), o.niveau, o.reden, o.alternatief)
                 for phase, o in (rule.per_fase or {}).items())


def _outcome(rule: ContraRegel, condition: Condition, level: str, reason: str, alternative: str,
             procedure: str = "") -> Outcome:
    return Outcome(rule.contra_indicatie, condition, VerdictLevel(level), reason.format(ingreep=procedure),
                   alternative.format(ingreep=procedure), rule.bron)


def _validate(facts: Facts, k: Knowledge) -> None:
    c = k.contract
    checks = (
        ("conditions", facts.conditions, c.aandoening),
        ("medication", facts.medication, c.medicatie),
        ("last_procedure", {facts.last_procedure} - {None}, c.ingreep),
        ("phase", {facts.phase} - {None}, c.fase),
    )
    for name, values, allowed in checks:
        unknown = sorted(str(v) for v in set(values) - set(allowed))
        if unknown:
            raise ValueError(f"Facts.{name}: unknown value(s) {unknown}; expected contract values {list(allowed)}")


def _hits(facts: Facts, request: str, k: Knowledge) -> list[_Hit]:
    hits = []
    for rule in rules_for(request, knowledge=k):
        hit = _evaluate(rule, facts, k)
        if hit is not None:
            hits.append(_Hit(hit.outcome, hit.wait_days, hit.by_unknown_phase, request in rule.verzoeken))
    return hits


def _evaluate(rule: ContraRegel, facts: Facts, k: Knowledge) -> _Hit | None:
    """The outcome of `rule` whose condition the facts meet, if any."""
    if rule.soort in ("aandoening", "medicatie"):
        present = facts.conditions if rule.soort == "aandoening" else facts.medication
        return None if present.isdisjoint(rule.waarden) else _Hit(rule_outcomes(rule, knowledge=k)[0])
    if rule.soort == "ingreep":
        return _evaluate_procedure(rule, facts, k)
    phase = facts.phase or ONBEKEND
    for outcome in rule_outcomes(rule, knowledge=k):
        if outcome.condition.phase == phase:
            return _Hit(outcome, by_unknown_phase=facts.phase is None)
    return None


def _evaluate_procedure(rule: ContraRegel, facts: Facts, k: Knowledge) -> _Hit | None:
    days = facts.days_since_procedure
    # Days without a named procedure still mean one of the contract's procedures.
    procedure = facts.last_procedure or (ONBEKEND if days is not None else None)
    if procedure is None or procedure not in rule.ingrepen:
        return None
    for outcome in rule_outcomes(rule, procedure=procedure, knowledge=k):
        below = outcome.condition.days
        if days is None and outcome.condition.kind == "days_unknown":
            return _Hit(outcome)
        if days is not None and below is not None and days < below:
            waiting = outcome.level is VerdictLevel.WACHT
            return _Hit(outcome, wait_days=math.ceil(below - days) if waiting else None)
    return None


def _verdict(hits: list[_Hit], k: Knowledge) -> Verdict:
    if not hits:
        return Verdict(level=VerdictLevel.TOEGESTAAN)
    level = max(h.outcome.level for h in hits)
    ids = sorted({h.outcome.contraindication for h in hits})
    # Per id the strictest hit explains it (ties: the longer wait, then the more specific rule).
    strongest = {
        cid: max((h for h in hits if h.outcome.contraindication == cid),
                 key=lambda h: (h.outcome.level, h.wait_days or 0, h.specific))
        for cid in ids
    }
    waits = [h.wait_days for h in hits if h.outcome.level is VerdictLevel.WACHT and h.wait_days]
    strictest_first = sorted(ids, key=lambda cid: -strongest[cid].outcome.level.rank)
    return Verdict(
        level=level,
        contraindications=tuple(ids),
        reasons=tuple(strongest[cid].outcome.reason for cid in ids),
        alternatives=tuple(dict.fromkeys(strongest[cid].outcome.alternative for cid in strictest_first)),
        sources=tuple(sorted({b for h in hits for b in h.outcome.sources})),
        wait_days=max(waits) if level is VerdictLevel.WACHT and waits else None,
        levels=tuple(strongest[cid].outcome.level for cid in ids),
        see=k.contra_indicatie(strictest_first[0]).verwijzing,
    )
