"""Contraindication check: may this person have this treatment or technique now?

The rules are data (knowledge/contra_indicaties.yml, with the semantics table); this
module only evaluates them. The most restrictive verdict wins.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import total_ordering

from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.crosscheck import ONBEKEND
from bot.knowledge.model import ContraRegel


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

    aandoeningen: frozenset[str] = frozenset()
    medicatie: frozenset[str] = frozenset()
    laatste_behandeling: str | None = None  # chemische_peeling | laser | injectables | microneedling
    dagen_sinds_behandeling: float | None = None
    fase: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "aandoeningen", _frozen(self.aandoeningen))
        object.__setattr__(self, "medicatie", _frozen(self.medicatie))
        dagen = self.dagen_sinds_behandeling
        if dagen is not None and not (isinstance(dagen, (int, float)) and math.isfinite(dagen) and dagen >= 0):
            raise ValueError(f"dagen_sinds_behandeling must be a finite number >= 0, got {dagen!r}")


@dataclass(frozen=True)
class Verdict:
    """The answer of check_request.

    `redenen[i]` and `niveaus[i]` belong to `contra_indicaties[i]` (ids sorted);
    `alternatieven` are ordered strictest first, without duplicates.
    """

    level: VerdictLevel
    contra_indicaties: tuple[str, ...] = ()
    redenen: tuple[str, ...] = ()
    alternatieven: tuple[str, ...] = ()
    bronnen: tuple[str, ...] = ()
    dagen_te_wachten: int | None = None  # only for WACHT: whole days left, rounded up
    niveaus: tuple[VerdictLevel, ...] = ()


@dataclass(frozen=True)
class _Hit:
    contra_indicatie: str
    niveau: VerdictLevel
    reden: str
    alternatief: str
    bronnen: tuple[str, ...]
    dagen_te_wachten: int | None = None
    door_onbekende_fase: bool = False
    specifiek: bool = False  # the rule names this verzoek itself, not only its group


def check_request(facts: Facts, verzoek: str, *, knowledge: Knowledge | None = None) -> Verdict:
    """Judge `verzoek` (a contract `behandeling` value, or "massage"/"behandeling") for `facts`."""
    k = knowledge or load_knowledge()
    _validate(facts, k)
    if verzoek not in k.contract.verzoeken:
        raise ValueError(f"unknown verzoek {verzoek!r}; expected one of {list(k.contract.verzoeken)}")
    return _verdict(_hits(facts, verzoek, k))


def contraindications_for(facts: Facts, *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """Every contraindication id the facts trigger for any request (for the slot).

    A rule that fires only because the phase is unknown is not a fact and is left out.
    """
    k = knowledge or load_knowledge()
    _validate(facts, k)
    ids = {
        hit.contra_indicatie
        for verzoek in k.contract.verzoeken
        for hit in _hits(facts, verzoek, k)
        if not hit.door_onbekende_fase
    }
    return tuple(sorted(ids))


def _validate(facts: Facts, k: Knowledge) -> None:
    c = k.contract
    checks = (
        ("aandoeningen", facts.aandoeningen, c.aandoening),
        ("medicatie", facts.medicatie, c.medicatie),
        ("laatste_behandeling", {facts.laatste_behandeling} - {None}, c.ingreep),
        ("fase", {facts.fase} - {None}, c.fase),
    )
    for veld, values, allowed in checks:
        unknown = sorted(set(values) - set(allowed))
        if unknown:
            raise ValueError(f"Facts.{veld}: unknown value(s) {unknown}; expected contract values {list(allowed)}")


def _hits(facts: Facts, verzoek: str, k: Knowledge) -> list[_Hit]:
    hits = []
    for regel in k.contra.regels:
        if k.contra.geldt_voor(regel, verzoek):
            hit = _evaluate(regel, facts, k)
            if hit is not None:
                hits.append(dataclasses.replace(hit, specifiek=verzoek in regel.verzoeken))
    return hits


def _evaluate(regel: ContraRegel, facts: Facts, k: Knowledge) -> _Hit | None:
    if regel.soort in ("aandoening", "medicatie"):
        present = facts.aandoeningen if regel.soort == "aandoening" else facts.medicatie
        if present.isdisjoint(regel.waarden):
            return None
        return _hit(regel, regel.niveau, regel.reden, regel.alternatief)  # type: ignore[arg-type]
    if regel.soort == "ingreep":
        return _evaluate_ingreep(regel, facts, k)
    return _evaluate_fase(regel, facts)


def _evaluate_ingreep(regel: ContraRegel, facts: Facts, k: Knowledge) -> _Hit | None:
    dagen = facts.dagen_sinds_behandeling
    # Days without a named procedure still mean one of the contract's procedures.
    ingreep = facts.laatste_behandeling or (ONBEKEND if dagen is not None else None)
    if ingreep is None or ingreep not in regel.ingrepen:
        return None
    label = k.teksten.ingreep_labels[ingreep]
    if dagen is None:
        u = regel.dagen_onbekend
        return _hit(regel, u.niveau, u.reden, u.alternatief, label=label)  # type: ignore[union-attr]
    for venster in regel.vensters:
        if dagen < venster.tot_dagen:
            wacht = math.ceil(venster.tot_dagen - dagen) if venster.niveau == VerdictLevel.WACHT.value else None
            return _hit(regel, venster.niveau, venster.reden, venster.alternatief, label=label, dagen=wacht)
    return None


def _evaluate_fase(regel: ContraRegel, facts: Facts) -> _Hit | None:
    uitkomst = (regel.per_fase or {}).get(facts.fase or ONBEKEND)
    if uitkomst is None:
        return None
    return _hit(regel, uitkomst.niveau, uitkomst.reden, uitkomst.alternatief, onbekend=facts.fase is None)


def _hit(regel: ContraRegel, niveau: str, reden: str, alternatief: str, *, label: str = "",
         dagen: int | None = None, onbekend: bool = False) -> _Hit:
    return _Hit(
        contra_indicatie=regel.contra_indicatie,
        niveau=VerdictLevel(niveau),
        reden=reden.format(ingreep=label),
        alternatief=alternatief.format(ingreep=label),
        bronnen=regel.bron,
        dagen_te_wachten=dagen,
        door_onbekende_fase=onbekend,
    )


def _verdict(hits: list[_Hit]) -> Verdict:
    if not hits:
        return Verdict(level=VerdictLevel.TOEGESTAAN)
    level = max(h.niveau for h in hits)
    ids = sorted({h.contra_indicatie for h in hits})
    # Per id the strictest hit explains it (ties: the longer wait, then the more specific rule).
    strongest = {
        cid: max((h for h in hits if h.contra_indicatie == cid),
                 key=lambda h: (h.niveau, h.dagen_te_wachten or 0, h.specifiek))
        for cid in ids
    }
    waits = [h.dagen_te_wachten for h in hits if h.niveau is VerdictLevel.WACHT and h.dagen_te_wachten]
    strictest_first = sorted(ids, key=lambda cid: -strongest[cid].niveau.rank)
    return Verdict(
        level=level,
        contra_indicaties=tuple(ids),
        redenen=tuple(strongest[cid].reden for cid in ids),
        alternatieven=tuple(dict.fromkeys(strongest[cid].alternatief for cid in strictest_first)),
        bronnen=tuple(sorted({b for h in hits for b in h.bronnen})),
        dagen_te_wachten=max(waits) if level is VerdictLevel.WACHT and waits else None,
        niveaus=tuple(strongest[cid].niveau for cid in ids),
    )
