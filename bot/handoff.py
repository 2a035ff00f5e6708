"""The intake hand-off: a short structured summary the salon can read.

    from bot.handoff import build_summary, fetch_summary
    summary = build_summary({"fase": "reset", "signalen": ["roodheid"], ...})
    summary["tekst"]            # short Dutch text for the receptionist
    fetch_summary("web-k7m2p9x4qd", db="var/huidbot.db")

The actions store the summary in the slot `intake_samenvatting` (a SlotSet event,
so it lives in the tracker store with the conversation). It is read back over
Rasa's HTTP API (GET /conversations/<id>/tracker) or straight from the SQL
tracker store. Labels come from bot/knowledge; sentences from salon/teksten.yml.
"""
from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterable, Mapping

SLOT = "intake_samenvatting"
VERSION = 1
LIST_FIELDS = ("signalen", "contra_indicaties", "aandoeningen", "medicatie", "advies_gegeven")
FIELDS = ("fase", "signalen", "huidtype", "contra_indicaties", "behandeling", "dagen_sinds_behandeling",
          "aandoeningen", "medicatie", "advies_gegeven")


class SummaryUnavailable(RuntimeError):
    """The conversations could not be read (server down, wrong database, bad token)."""


def _texts() -> dict[str, Any]:
    from bot.salon import texts

    return texts()


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
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
    `aandoeningen`, `medicatie`, `advies_gegeven`), `versie`, and `tekst`.
    """
    summary: dict[str, Any] = {"versie": VERSION}
    for name in FIELDS:
        value = values.get(name)
        if name in LIST_FIELDS:
            summary[name] = [str(v) for v in _as_list(value)]
        elif name == "dagen_sinds_behandeling":
            summary[name] = _days(value)
        else:
            summary[name] = str(value) if value not in (None, "") else None
    summary["tekst"] = summary_text(summary)
    return summary


def is_empty(summary: Mapping[str, Any] | None) -> bool:
    """True when the summary holds nothing about the skin or the advice."""
    return not summary or not any(summary.get(f) not in (None, [], "") for f in FIELDS)


# --- Dutch text ---------------------------------------------------------------------------
def _labels() -> dict[str, Any]:
    from bot.knowledge import load_knowledge

    k = load_knowledge()
    t = _texts()
    phases = {p.id: p.naam for p in k.fasen}
    contra = {}
    for cid in k.contract.contra_indicatie:
        try:
            contra[cid] = k.contra_indicatie(cid).omschrijving
        except KeyError:
            contra[cid] = cid
    try:
        from bot.dialoog import intent_data

        intents = dict(intent_data()["intenties"])
    except Exception:  # the dialogue data is optional for a summary
        intents = {}
    return {
        "fase": phases,
        "signaal": dict(k.teksten.signaal_labels),
        "contra": contra,
        "behandeling": {**k.teksten.verzoek_labels, **k.teksten.ingreep_labels},
        "aandoening": t["labels"]["aandoening"],
        "medicatie": t["labels"]["medicatie"],
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
    from bot.textnorm import join_list

    t = _texts()["samenvatting"]
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
        lines.append(t["contra_indicaties"].format(waarde="; ".join(_label(c, lab["contra"]) for c in summary["contra_indicaties"])))
    else:
        lines.append(t["geen_contra_indicaties"])
    if summary.get("aandoeningen"):
        lines.append(t["aandoeningen"].format(waarde=listed(summary["aandoeningen"], lab["aandoening"])))
    if summary.get("medicatie"):
        lines.append(t["medicatie"].format(waarde=listed(summary["medicatie"], lab["medicatie"])))
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


# --- reading it back ----------------------------------------------------------------------
def _from_http(sender: str, url: str, token: str | None, timeout: float) -> dict[str, Any] | None:
    query = {"include_events": "NONE"}
    if token:
        query["token"] = token
    address = f"{url.rstrip('/')}/conversations/{urllib.parse.quote(sender, safe='')}/tracker?{urllib.parse.urlencode(query)}"
    try:
        with urllib.request.urlopen(address, timeout=timeout) as response:  # noqa: S310 (http(s) only, see below)
            tracker = json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise SummaryUnavailable(_texts()["samenvatting"]["onbereikbaar"].format(bron=url, fout=err)) from err
    value = (tracker.get("slots") or {}).get(SLOT)
    return value or None


def _connect(db: str | Path) -> sqlite3.Connection:
    path = Path(db)
    if not path.is_file():
        raise SummaryUnavailable(_texts()["samenvatting"]["onbereikbaar"].format(bron=db, fout=_texts()["meldingen"]["geen_bestand"]))
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _slot_rows(db: str | Path, sender: str | None) -> list[tuple[str, float, dict[str, Any]]]:
    """(sender, timestamp, event) of every `intake_samenvatting` slot event, oldest first."""
    sql = "select sender_id, timestamp, data from events where type_name = 'slot'"
    args: tuple[Any, ...] = ()
    if sender is not None:
        sql += " and sender_id = ?"
        args = (sender,)
    try:
        with _connect(db) as con:
            rows = con.execute(sql + " order by id", args).fetchall()
    except sqlite3.Error as err:
        raise SummaryUnavailable(_texts()["samenvatting"]["onbereikbaar"].format(bron=db, fout=err)) from err
    out = []
    for sid, ts, data in rows:
        event = json.loads(data)
        if event.get("name") == SLOT:
            out.append((sid, ts, event))
    return out


def fetch_summary(
    sender: str,
    *,
    url: str | None = None,
    token: str | None = None,
    db: str | Path | None = None,
    timeout: float = 10,
) -> dict[str, Any] | None:
    """The latest stored summary of `sender`, or None if there is none yet.

    With `db`: read the SQLite tracker store directly (the server may be down).
    Otherwise ask the Rasa HTTP API at `url` (started with --enable-api).
    """
    if db is not None:
        rows = _slot_rows(db, sender)
        return (rows[-1][2].get("value") or None) if rows else None
    if not url or not url.startswith(("http://", "https://")):
        raise ValueError(f"url must start with http:// or https://, got {url!r}")
    return _from_http(sender, url, token, timeout)


def recent_summaries(db: str | Path, limit: int = 20) -> list[dict[str, Any]]:
    """The newest summaries in the SQLite tracker store, one per conversation, newest first."""
    latest: dict[str, tuple[float, dict[str, Any]]] = {}
    for sid, ts, event in _slot_rows(db, None):
        latest[sid] = (ts, event.get("value"))
    rows = [{"sender": sid, "tijd": ts, "samenvatting": value} for sid, (ts, value) in latest.items() if value]
    rows.sort(key=lambda r: r["tijd"] or 0, reverse=True)
    return rows[:limit]
