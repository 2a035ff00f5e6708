"""The desk's contraindication checklist: for a treatment, what each contraindication means.

A view of the chat's own rule evaluator (`bot.rules.safety.rules_for` and
`rule_outcomes`): every outcome a rule can have, with its condition, as a line the
receptionist reads out. Texts: salon/teksten.yml (`checklist`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.knowledge import load_knowledge
from bot.knowledge.salon_profile import salon_texts
from bot.replies.salon import resolve_treatment
from bot.rules.safety import Condition, VerdictLevel, rule_outcomes, rules_for


@dataclass(frozen=True)
class ChecklistRule:
    condition: str  # "" for an unconditional rule, else the window/phase it applies to
    level: str      # a VerdictLevel value
    reason: str
    alternative: str

    def as_dict(self) -> dict[str, str]:
        return {"voorwaarde": self.condition, "niveau": self.level, "reden": self.reason,
                "alternatief": self.alternative, "tekst": _rule_text(self)}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    description: str
    question: str
    rules: tuple[ChecklistRule, ...]

    @property
    def applies(self) -> bool:
        return bool(self.rules)

    @property
    def strictest(self) -> str | None:
        return max(VerdictLevel(r.level) for r in self.rules).value if self.rules else None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "omschrijving": self.description, "vraag": self.question, "geldt": self.applies,
                "strengste_niveau": self.strictest, "regels": [r.as_dict() for r in self.rules]}


@dataclass(frozen=True)
class Checklist:
    treatment: str
    label: str
    items: tuple[ChecklistItem, ...]

    def as_dict(self) -> dict[str, Any]:
        t = salon_texts()["checklist"]
        return {"behandeling": self.treatment, "label": self.label, "titel": self.title(), "uitleg": t["uitleg"],
                "geldt_niet": t["geldt_niet"], "punten": [i.as_dict() for i in self.items]}

    def title(self) -> str:
        return salon_texts()["checklist"]["kop"].format(behandeling=self.label)

    def text(self) -> str:
        t = salon_texts()["checklist"]
        out = [self.title(), t["uitleg"], ""]
        for item in self.items:
            if not item.applies:
                out.append(f"    {item.description}: {t['geldt_niet']}")
                continue
            out.append(f"[ ] {item.description}")
            out.append(f"    {item.question}")
            out.extend(f"    - {_rule_text(rule)}" for rule in item.rules)
        return "\n".join(out)


def _rule_text(rule: ChecklistRule) -> str:
    t = salon_texts()["checklist"]
    level = t["niveaus"][rule.level]
    if rule.condition.startswith("dagen<"):
        return t["venster"].format(dagen=rule.condition.split("<", 1)[1], niveau=level, reden=rule.reason)
    if rule.condition == "dagen?":
        return t["dagen_onbekend"].format(niveau=level, reden=rule.reason)
    if rule.condition.startswith("fase="):
        return t["fase"].format(fase=rule.condition.split("=", 1)[1], niveau=level, reden=rule.reason)
    return t["regel"].format(niveau=level, reden=rule.reason)


def checklist_treatments() -> tuple[str, ...]:
    """The treatments (and general requests) a checklist can be asked for."""
    return load_knowledge().contract.verzoeken


def checklist(treatment: str) -> Checklist:
    """For each contraindication id of the contract: what it means for `treatment`.

    Raises ValueError (with the Dutch list of choices) for an unknown treatment.
    """
    k = load_knowledge()
    t = salon_texts()["checklist"]
    canonical = treatment if treatment in k.contract.verzoeken else resolve_treatment(treatment)
    if canonical is None:
        raise ValueError(t["onbekende_behandeling"].format(lijst=", ".join(k.contract.verzoeken)))
    outcomes = [o for rule in rules_for(canonical) for o in rule_outcomes(rule)]
    items = []
    for cid in k.contract.contra_indicatie:
        rules = tuple(ChecklistRule(_condition(o.condition), o.level.value, o.reason, o.alternative)
                      for o in outcomes if o.contraindication == cid)
        info = k.contra_indicatie(cid)
        items.append(ChecklistItem(cid, info.omschrijving, t["vragen"][cid], rules))
    return Checklist(canonical, k.teksten.verzoek_labels.get(canonical, canonical), tuple(items))


def _condition(condition: Condition) -> str:
    """The outcome's condition as the checklist line shows it."""
    if condition.kind == "days_below":
        return f"dagen<{condition.days:g}"
    if condition.kind == "days_unknown":
        return "dagen?"
    if condition.kind == "phase":
        phase = condition.phase or ""
        known = phase in load_knowledge().contract.fase
        name = load_knowledge().phase(phase).naam if known else salon_texts()["checklist"]["fase_onbekend"]
        return f"fase={name}"
    return ""
