"""The intake hand-off: a short structured summary the salon can read.

    from bot.replies.handoff import build_summary
    summary = build_summary({"fase": "reset", "signalen": ["roodheid"], ...})
    summary["tekst"]            # short Dutch text for the receptionist

The actions store the summary in the slot `intake_samenvatting` (a SlotSet event,
so it lives in the tracker store with the conversation); the desk reads it back
(desk/summaries.py). Labels come from bot/knowledge; sentences from salon/teksten.yml.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.knowledge import load_knowledge
from bot.knowledge.salon_profile import salon_texts
from bot.replies.texts import intent_data
from bot.textnorm import join_list

SLOT = "intake_samenvatting"
VERSION = 1
LIST_FIELDS = ("signalen", "contra_indicaties", "aandoeningen", "medicatie", "buiten_kennis", "advies_gegeven")
FIELDS = ("fase", "signalen", "huidtype", "contra_indicaties", "behandeling", "dagen_sinds_behandeling",
          "aandoeningen", "medicatie", "buiten_kennis", "advies_gegeven", "akkoord_huisarts")


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return list(dict.fromkeys(v for v in value if v not in (None, "")))
    return [value]


def _days(value: Any) -> float | int | None:
    if value in (None, ""):
        return None
    try:
        days = float(value)
    except (TypeError, ValueError):
        return None
    return int(days) if days.is_integer() else round(days, 1)


def build_summary(values: Mapping[str, Any]) -> dict[str, Any]:
    """The hand-off summary for slot values (missing or None values are fine).

    Returns a JSON-serialisable dict: the contract values (`fase`, `signalen`,
    `huidtype`, `contra_indicaties`, `behandeling`, `dagen_sinds_behandeling`,
    `aandoeningen`, `medicatie`, `advies_gegeven`), her situations Huidbot cannot judge
    (`buiten_kennis`: zwangerschap, pacemaker, ...), whether she told that her GP agreed
    (`akkoord_huisarts`: true or None), `versie`, and `tekst`.
    """
    summary: dict[str, Any] = {"versie": VERSION}
    for name in FIELDS:
        value = values.get(name)
        if name in LIST_FIELDS:
            summary[name] = [str(v) for v in _as_list(value)]
        elif name == "dagen_sinds_behandeling":
            summary[name] = _days(value)
        elif name == "akkoord_huisarts":  # she told that her GP agreed (not checked by anyone)
            summary[name] = True if value is True else None
        else:
            summary[name] = str(value) if value not in (None, "") else None
    summary["tekst"] = summary_text(summary)
    return summary


def is_empty(summary: Mapping[str, Any] | None) -> bool:
    """True when the summary holds nothing about the skin or the advice."""
    return not summary or not any(summary.get(f) not in (None, [], "") for f in FIELDS)


# --- Dutch text ---------------------------------------------------------------------------
def _labels() -> dict[str, Any]:
    k = load_knowledge()
    t = salon_texts()
    phases = {p.id: p.naam for p in k.fasen}
    contra = {}
    for cid in k.contract.contra_indicatie:
        try:
            contra[cid] = k.contra_indicatie(cid).omschrijving
        except KeyError:
            contra[cid] = cid
    intents = dict(intent_data()["intenties"])
    return {
        "fase": phases,
        "signaal": dict(k.teksten.signaal_labels),
        "contra": contra,
        "behandeling": {**k.teksten.verzoek_labels, **k.teksten.ingreep_labels},
        "aandoening": dict(k.teksten.aandoening_labels),
        "medicatie": dict(k.teksten.medicatie_labels),
        "intent": intents,
        "soort": t["samenvatting"]["advies_soorten"],
        "niveau": t["checklist"]["niveaus"],
        "dagen": (k.teksten.dagen_woord.een, k.teksten.dagen_woord.meer),
        "en": k.taal.opsomming.laatste_voegwoord,
    }


def _label(value: str, *maps: Mapping[str, str]) -> str:
    for m in maps:
        if value in m:
            return m[value]
    return value.replace("_", " ")


def _advice(item: str, labels: Mapping[str, Any]) -> str:
    """"wallen:lymfedrainage" -> "Wallen of een opgezwollen gezicht (lymfedrainage)"."""
    head, *rest = item.split(":")
    parts = [_label(r, labels["behandeling"], labels["fase"], labels["niveau"], labels["signaal"], labels["soort"])
             for r in rest]
    name = _label(head, labels["soort"], labels["intent"])
    return f"{name} ({', '.join(parts)})" if parts else name


def summary_text(summary: Mapping[str, Any]) -> str:
    """A few short Dutch lines; only what is known is mentioned (contraindications always)."""
    t = salon_texts()["samenvatting"]
    lab = _labels()

    def listed(values: Iterable[str], *maps: Mapping[str, str]) -> str:
        return join_list([_label(v, *maps) for v in values], lab["en"])

    lines = [t["kop"]]
    if is_empty(summary):
        return "\n".join(lines + [t["leeg"]])
    if summary.get("fase"):
        lines.append(t["fase"].format(waarde=_label(summary["fase"], lab["fase"])))
    if summary.get("signalen"):
        lines.append(t["signalen"].format(waarde=listed(summary["signalen"], lab["signaal"])))
    if summary.get("huidtype"):
        lines.append(t["huidtype"].format(waarde=summary["huidtype"]))
    if summary.get("contra_indicaties"):
        contra = "; ".join(_label(c, lab["contra"]) for c in summary["contra_indicaties"])
        lines.append(t["contra_indicaties"].format(waarde=contra))
    else:
        lines.append(t["geen_contra_indicaties"])
    if summary.get("aandoeningen"):
        lines.append(t["aandoeningen"].format(waarde=listed(summary["aandoeningen"], lab["aandoening"])))
    if summary.get("medicatie"):
        lines.append(t["medicatie"].format(waarde=listed(summary["medicatie"], lab["medicatie"])))
    if summary.get("akkoord_huisarts"):
        lines.append(t["akkoord_huisarts"])
    if summary.get("buiten_kennis"):
        lines.append(t["buiten_kennis"].format(waarde=listed(summary["buiten_kennis"])))
    days = summary.get("dagen_sinds_behandeling")
    if summary.get("behandeling") or days is not None:
        treatment = _label(summary.get("behandeling") or "onbekend", lab["behandeling"])
        if days is None:
            lines.append(t["behandeling"].format(waarde=treatment))
        else:
            word = lab["dagen"][0] if days == 1 else lab["dagen"][1]
            lines.append(t["behandeling_dagen"].format(waarde=treatment, dagen=days, dagen_woord=word))
    if summary.get("advies_gegeven"):
        lines.append(t["advies"].format(waarde="; ".join(_advice(a, lab) for a in summary["advies_gegeven"])))
    return "\n".join(lines)
