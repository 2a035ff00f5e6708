"""The reception desk: the salon's own facts, and the contraindication checklist.

    from bot.salon import answer, checklist
    answer("kan ik hier pinnen?").bubbles     # Dutch answer from salon/profiel.yml
    checklist("microneedling").text()          # what to ask before a treatment

Facts live in salon/profiel.yml, which the salon owner edits; it is validated on
load and an error names the file and the field. Every sentence and every
keyword lives in salon/teksten.yml. The checklist reads the contraindication
rules of bot/knowledge (the same rules bot.safety applies in the chat).
"""
from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import jsonschema
import yaml

from bot.textnorm import join_list, tokens

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
PROFILE_PATH = ROOT / "salon" / "profiel.yml"
TEXTS_PATH = ROOT / "salon" / "teksten.yml"
PROFILE_ENV = "HUIDBOT_SALON_PROFIEL"  # another profile file (a second salon, a test)

TOPICS = ("openingstijden", "adres", "prijzen", "betalen", "parkeren", "annuleren", "contact", "boeken")
TOPIC_ENTITY = "salon_onderwerp"  # entity in a button payload: /salon_info{"salon_onderwerp": "prijzen"}

_TIME = r"([01]?\d|2[0-3]):([0-5]\d)"
_RANGE = re.compile(rf"^\s*{_TIME}\s*-\s*{_TIME}\s*$")
_URL = r"^https?://\S+$"


class SalonProfileError(ValueError):
    """profiel.yml is missing or malformed; the message names the file and the field."""

    def __init__(self, path: Path, where: str, problem: str) -> None:
        self.path, self.where, self.problem = path, where, problem
        super().__init__(f"{_shown(path)}: {where + ': ' if where else ''}{problem}")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --- data files -------------------------------------------------------------------------
@lru_cache(maxsize=None)
def texts() -> dict[str, Any]:
    """salon/teksten.yml: every sentence and keyword of the desk."""
    data = yaml.safe_load(TEXTS_PATH.read_text(encoding="utf-8"))
    missing = [t for t in TOPICS if t not in data["onderwerpen"] or t not in data["antwoorden"]]
    extra = [t for t in data["onderwerpen"] if t not in TOPICS]
    if missing or extra:
        raise ValueError(f"{_shown(TEXTS_PATH)}: onderwerpen: expected exactly {list(TOPICS)}; "
                         f"missing {missing}, unknown {extra}")
    return data


def _treatments() -> tuple[str, ...]:
    from bot.knowledge import load_knowledge

    return load_knowledge().contract.behandeling


def _profile_schema() -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    optional_text = {"type": ["string", "null"]}
    url = {"type": "string", "pattern": _URL}
    days = texts()["dagen"]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["naam", "adres", "openingstijden", "prijzen", "betalen", "parkeren",
                     "annuleren", "contact", "boeken"],
        "properties": {
            "naam": text,
            "adres": {
                "type": "object", "additionalProperties": False,
                "required": ["straat", "postcode", "plaats"],
                "properties": {"straat": text, "postcode": text, "plaats": text, "land": optional_text,
                               "route": optional_text, "kaart": {"anyOf": [url, {"type": "null"}]}},
            },
            "openingstijden": {
                "type": "object", "additionalProperties": False, "required": list(days),
                "properties": {**{d: text for d in days}, "bijzonderheden": optional_text},
            },
            "prijzen": {
                "type": "array", "minItems": 1,
                "items": {
                    "type": "object", "additionalProperties": False, "required": ["naam", "prijs"],
                    "properties": {
                        "behandeling": {"enum": list(_treatments())},
                        "naam": text,
                        "prijs": {"type": "number", "minimum": 0},
                        "duur_minuten": {"type": "integer", "minimum": 1},
                        "opmerking": optional_text,
                    },
                },
            },
            "betalen": {"type": "array", "minItems": 1, "items": text},
            "betalen_opmerking": optional_text,
            "parkeren": text,
            "annuleren": {
                "type": "object", "additionalProperties": False, "required": ["kosteloos_tot_uren"],
                "properties": {"kosteloos_tot_uren": {"type": "integer", "minimum": 0},
                               "daarna": optional_text, "hoe": optional_text},
            },
            "contact": {
                "type": "object", "additionalProperties": False, "required": ["telefoon"],
                "properties": {"telefoon": text, "email": {"type": ["string", "null"], "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"},
                               "website": {"anyOf": [url, {"type": "null"}]}, "whatsapp": optional_text},
            },
            "boeken": {
                "type": "object", "additionalProperties": False, "required": ["link"],
                "properties": {"link": url, "opmerking": optional_text},
            },
        },
    }


def _dutch_problem(err: jsonschema.ValidationError) -> str:
    f = texts()["fouten"]
    kind, value = err.validator, err.instance
    if kind == "required":
        return f["ontbreekt"]
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(err.schema.get("properties", {})))
        return f["onbekend_veld"].format(velden=", ".join(extra))
    if kind == "type":
        wanted = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        return f.get({"string": "type_tekst", "number": "type_getal", "integer": "type_geheel",
                      "array": "type_lijst", "object": "type_groep"}.get(wanted, "overig"), f["overig"]).format(bericht=err.message)
    if kind in ("minLength", "minItems"):
        return f["leeg"]
    if kind == "minimum":
        return f["te_klein"].format(minimum=err.validator_value)
    if kind == "enum":
        return f["behandeling"].format(waarde=value, keuzes=", ".join(err.validator_value))
    if kind in ("pattern", "anyOf"):
        return f["email" if "@" in str(err.schema.get("pattern", "")) else "link"].format(waarde=value)
    return f["overig"].format(bericht=err.message)


def _where(err: jsonschema.ValidationError) -> str:
    parts = list(err.absolute_path)
    if err.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        parts += missing[:1]
    out = ""
    for p in parts:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _read_profile(path: Path) -> dict[str, Any]:
    f = texts()["fouten"]
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SalonProfileError(path, "", f["niet_gevonden"]) from None
    try:
        data = yaml.safe_load(raw)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else "?"
        raise SalonProfileError(path, "", f["yaml"].format(regel=line, probleem=err.problem)) from None
    if not isinstance(data, dict):
        raise SalonProfileError(path, "", f["type_groep"])
    errors = sorted(jsonschema.Draft7Validator(_profile_schema()).iter_errors(data),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = errors[0]
        raise SalonProfileError(path, _where(err), _dutch_problem(err))
    for day in texts()["dagen"]:
        _opening_ranges(data["openingstijden"][day], path, f"openingstijden.{day}")
    return data


def validate_profile(path: str | Path | None = None) -> dict[str, Any]:
    """Read and check a profile now (no cache); raises SalonProfileError."""
    return _read_profile(_profile_path(path))


def _profile_path(path: str | Path | None) -> Path:
    return Path(path or os.environ.get(PROFILE_ENV) or PROFILE_PATH)


_cache: dict[Path, tuple[int, dict[str, Any]]] = {}


def load_profile(path: str | Path | None = None) -> dict[str, Any]:
    """The validated profile, re-read when the file changes (no restart needed).

    If an edit breaks a profile that loaded before, the error is logged and the
    last good version stays in use until the file is fixed.
    """
    p = _profile_path(path)
    try:
        mtime = p.stat().st_mtime_ns
    except FileNotFoundError:
        mtime = -1
    cached = _cache.get(p)
    if cached and cached[0] == mtime:
        return cached[1]
    try:
        data = _read_profile(p)
    except SalonProfileError as err:
        if cached is None:
            raise
        log.error("%s (the last valid profile stays in use)", err)
        return cached[1]
    _cache[p] = (mtime, data)
    return data


# --- understanding the question ---------------------------------------------------------
def _words(text: str) -> list[str]:
    return [t.text for t in tokens(text) if t.text[0].isalnum()]


@dataclass(frozen=True)
class _Keyword:
    words: tuple[str, ...]
    prefix: bool

    def found_in(self, message: list[str]) -> bool:
        n = len(self.words)
        for i in range(len(message) - n + 1):
            window = message[i:i + n]
            if window[:-1] == list(self.words[:-1]) and (
                window[-1].startswith(self.words[-1]) if self.prefix else window[-1] == self.words[-1]
            ):
                return True
        return False


@lru_cache(maxsize=None)
def _keywords() -> dict[str, tuple[_Keyword, ...]]:
    out = {}
    for topic, spec in texts()["onderwerpen"].items():
        out[topic] = tuple(
            _Keyword(tuple(_words(w.rstrip("*"))), w.endswith("*")) for w in spec["woorden"] if _words(w.rstrip("*"))
        )
    return out


def topics_in(text: str) -> list[str]:
    """The topics a question is about, in the order of TOPICS (may be empty)."""
    message = _words(text or "")
    found = [t for t in TOPICS if any(k.found_in(message) for k in _keywords()[t])]
    beaten = {loser for t in found for loser in texts()["onderwerpen"][t].get("wint_van", [])}
    return [t for t in found if t not in beaten]


def resolve_treatment(text: str | None) -> str | None:
    """A contract `behandeling` value for an entity value or free text ("peeling")."""
    if not text:
        return None
    from bot.negation import scan_facts

    value = text.strip().lower().replace(" ", "_")
    if value in _treatments():
        return value
    found = sorted(scan_facts(text).behandelingen)
    if not found:
        found = [t for t in _treatments() if t.replace("_", " ") in " ".join(_words(text))]
    return found[0] if found else None


# --- answering ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SalonAnswer:
    topics: tuple[str, ...]
    bubbles: tuple[str, ...]
    buttons: tuple[dict[str, str], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {"onderwerpen": list(self.topics), "berichten": list(self.bubbles), "knoppen": list(self.buttons)}


def _fill(template: str, **values: Any) -> str:
    """format() that also knows {Name} as the capitalised {name}."""
    extra = {k[:1].upper() + k[1:]: (v[:1].upper() + v[1:] if isinstance(v, str) else v) for k, v in values.items()}
    return template.format(**values, **extra)


def _lines(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _sentences(*parts: str | None) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _opening_ranges(value: str, path: Path | None = None, where: str = "") -> list[tuple[tuple[int, int], tuple[int, int]]]:
    if value.strip().lower() == "gesloten":
        return []
    ranges = []
    f = texts()["fouten"]
    for part in value.split(","):
        m = _RANGE.match(part)
        if not m:
            raise SalonProfileError(path or PROFILE_PATH, where, f["tijden"].format(waarde=value))
        start, end = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
        if end <= start:
            raise SalonProfileError(path or PROFILE_PATH, where, f["tijden_volgorde"].format(waarde=value))
        ranges.append((start, end))
    return ranges


def _hours(value: str) -> str:
    t = texts()["antwoorden"]["openingstijden"]
    ranges = _opening_ranges(value)
    if not ranges:
        return t["gesloten"]

    def clock(hm: tuple[int, int]) -> str:
        return t["tijd"].format(uur=hm[0], minuut=f"{hm[1]:02d}")

    return join_list([t["bereik"].format(van=clock(a), tot=clock(b)) for a, b in ranges], texts()["antwoorden"]["en"])


def money(amount: float) -> str:
    """Dutch euro amount: € 55, € 79,50, € 1.250."""
    t = texts()["antwoorden"]["prijzen"]
    cents = round(amount * 100)
    euro = f"{cents // 100:,}".replace(",", ".")
    if cents % 100 == 0:
        return t["bedrag_heel"].format(euro=euro)
    return t["bedrag_centen"].format(euro=euro, centen=f"{cents % 100:02d}")


def _openingstijden(p: Mapping[str, Any], question: str, today: date, treatment: str | None) -> str:
    t = texts()["antwoorden"]["openingstijden"]
    days = texts()["dagen"]
    hours = p["openingstijden"]
    first = []
    message = _words(question)
    for word, offset in t["dag_woorden"].items():
        if word in message:
            day = days[(today + timedelta(days=offset)).weekday()]
            template = t["dag_open"] if _opening_ranges(hours[day]) else t["dag_gesloten"]
            first.append(_fill(template, wanneer=word, dag=day, tijden=_hours(hours[day])))
    table = [_fill(t["dag"], dag=d, tijden=_hours(hours[d])) for d in days]
    return _lines(*first, _fill(t["kop"], naam=p["naam"]), *table, hours.get("bijzonderheden"))


def _adres(p: Mapping[str, Any], *_: Any) -> str:
    t = texts()["antwoorden"]["adres"]
    a = p["adres"]
    return _lines(
        _sentences(_fill(t["tekst"], naam=p["naam"], straat=a["straat"], postcode=a["postcode"], plaats=a["plaats"]),
                   a.get("route")),
        _fill(t["kaart"], kaart=a["kaart"]) if a.get("kaart") else None,
    )


def _price_line(item: Mapping[str, Any], one: bool) -> str:
    t = texts()["antwoorden"]["prijzen"]
    key = ("een" if one else "regel") + ("_duur" if item.get("duur_minuten") else "")
    line = _fill(t[key], naam=item["naam"], prijs=money(item["prijs"]), duur=item.get("duur_minuten"))
    return _sentences(line, item.get("opmerking")) if one else line


def _prijzen(p: Mapping[str, Any], question: str, today: date, treatment: str | None) -> str:
    t = texts()["antwoorden"]["prijzen"]
    items = p["prijzen"]
    if treatment:
        matching = [i for i in items if i.get("behandeling") == treatment]
        if matching:
            return _lines(*(_price_line(i, one=True) for i in matching))
        from bot.knowledge import load_knowledge

        label = load_knowledge().teksten.verzoek_labels.get(treatment, treatment)
        return _lines(_fill(t["niet_gevonden"], behandeling=label), *(_price_line(i, one=False) for i in items))
    return _lines(_fill(t["kop"], naam=p["naam"]), *(_price_line(i, one=False) for i in items))


def _betalen(p: Mapping[str, Any], *_: Any) -> str:
    t = texts()["antwoorden"]["betalen"]
    return _sentences(t["tekst"].format(manieren=join_list(p["betalen"], texts()["antwoorden"]["en"])),
                      p.get("betalen_opmerking"))


def _parkeren(p: Mapping[str, Any], *_: Any) -> str:
    return texts()["antwoorden"]["parkeren"]["tekst"].format(parkeren=p["parkeren"])


def _annuleren(p: Mapping[str, Any], *_: Any) -> str:
    t = texts()["antwoorden"]["annuleren"]
    a = p["annuleren"]
    return _sentences(t["tekst"].format(uren=a["kosteloos_tot_uren"]), a.get("daarna"), a.get("hoe"))


def _contact(p: Mapping[str, Any], *_: Any) -> str:
    t = texts()["antwoorden"]["contact"]
    c = p["contact"]
    return _lines(_fill(t["kop"], naam=p["naam"]),
                  *(t[k].format(**{k: c[k]}) for k in ("telefoon", "email", "whatsapp", "website") if c.get(k)))


def _boeken(p: Mapping[str, Any], *_: Any) -> str:
    t = texts()["antwoorden"]["boeken"]
    b = p["boeken"]
    return _lines(t["tekst"].format(link=b["link"]),
                  _sentences(b.get("opmerking"), t["bellen"].format(telefoon=p["contact"]["telefoon"])))


# One bubble per topic: (profile, question, today, treatment) -> text.
_ANSWERS = {
    "openingstijden": _openingstijden, "adres": _adres, "prijzen": _prijzen, "betalen": _betalen,
    "parkeren": _parkeren, "annuleren": _annuleren, "contact": _contact, "boeken": _boeken,
}


def topic_buttons(topics: Iterable[str] = TOPICS) -> tuple[dict[str, str], ...]:
    """One button per topic; its payload asks for that topic directly."""
    return tuple(
        {"title": texts()["onderwerpen"][t]["titel"], "payload": f"/salon_info{json.dumps({TOPIC_ENTITY: t})}"}
        for t in topics
    )


def answer(
    question: str = "",
    topic: str | None = None,
    treatment: str | None = None,
    *,
    today: date | None = None,
    profile: Mapping[str, Any] | None = None,
) -> SalonAnswer:
    """Answer a salon_info question from the profile.

    `topic` (one of TOPICS, e.g. from a button) wins over keywords in `question`;
    `treatment` (the NLU's `behandeling` entity, or found in the question) narrows prices.
    Without a recognisable topic: prices when a treatment is named, else an overview.
    """
    p = profile or load_profile()
    today = today or date.today()
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"unknown salon topic {topic!r}; expected one of {list(TOPICS)}")
    treatment = resolve_treatment(treatment) or resolve_treatment(question)
    topics = [topic] if topic else topics_in(question)
    if not topics and treatment:
        topics = ["prijzen"]
    if not topics:
        names = [texts()["onderwerpen"][t]["titel"].lower() for t in TOPICS]
        overview = _fill(texts()["antwoorden"]["overzicht"], naam=p["naam"],
                         onderwerpen=join_list(names, texts()["antwoorden"]["en"]))
        return SalonAnswer((), (overview,), topic_buttons())
    bubbles = [_ANSWERS[t](p, question, today, treatment) for t in topics]
    buttons = () if "boeken" in topics else (texts()["knoppen"]["afspraak"],)
    return SalonAnswer(tuple(topics), tuple(bubbles), tuple(buttons))


def appointment_handover(sender_id: str | None, *, profile: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """What the bot says when someone wants an appointment or a person."""
    p = profile or load_profile()
    t = texts()["afspraak"]
    bubbles = [
        _fill(t["tekst"], naam=p["naam"]),
        t["boeken"].format(link=p["boeken"]["link"], telefoon=p["contact"]["telefoon"]),
    ]
    if sender_id:
        bubbles.append(t["code"].format(code=sender_id))
    return tuple(bubbles)


# --- contraindication checklist -----------------------------------------------------------
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
        from bot.safety import VerdictLevel

        return max((VerdictLevel(r.level) for r in self.rules), default=None).value if self.rules else None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "omschrijving": self.description, "vraag": self.question, "geldt": self.applies,
                "strengste_niveau": self.strictest, "regels": [r.as_dict() for r in self.rules]}


@dataclass(frozen=True)
class Checklist:
    treatment: str
    label: str
    items: tuple[ChecklistItem, ...]

    def as_dict(self) -> dict[str, Any]:
        t = texts()["checklist"]
        return {"behandeling": self.treatment, "label": self.label, "titel": self.title(), "uitleg": t["uitleg"],
                "geldt_niet": t["geldt_niet"], "punten": [i.as_dict() for i in self.items]}

    def title(self) -> str:
        return texts()["checklist"]["kop"].format(behandeling=self.label)

    def text(self) -> str:
        t = texts()["checklist"]
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
    t = texts()["checklist"]
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
    from bot.knowledge import load_knowledge

    return load_knowledge().contract.verzoeken


def checklist(treatment: str) -> Checklist:
    """For each contraindication id of the contract: what it means for `treatment`.

    Raises ValueError (with the Dutch list of choices) for an unknown treatment.
    """
    from bot.knowledge import load_knowledge

    k = load_knowledge()
    t = texts()["checklist"]
    canonical = treatment if treatment in k.contract.verzoeken else resolve_treatment(treatment)
    if canonical is None:
        raise ValueError(t["onbekende_behandeling"].format(lijst=", ".join(k.contract.verzoeken)))
    label = k.teksten.verzoek_labels.get(canonical, canonical)
    ingreep = k.teksten.ingreep_labels
    items = []
    for cid in k.contract.contra_indicatie:
        rules: list[ChecklistRule] = []
        for regel in k.contra.regels:
            if regel.contra_indicatie != cid or not k.contra.geldt_voor(regel, canonical):
                continue
            procedure = ingreep.get("onbekend", "") if regel.soort == "ingreep" else ""
            if regel.soort in ("aandoening", "medicatie"):
                rules.append(ChecklistRule("", regel.niveau, regel.reden, regel.alternatief))
            elif regel.soort == "ingreep":
                for v in regel.vensters:
                    rules.append(ChecklistRule(f"dagen<{v.tot_dagen:g}", v.niveau, v.reden.format(ingreep=procedure),
                                               v.alternatief.format(ingreep=procedure)))
                if regel.dagen_onbekend:
                    u = regel.dagen_onbekend
                    rules.append(ChecklistRule("dagen?", u.niveau, u.reden.format(ingreep=procedure),
                                               u.alternatief.format(ingreep=procedure)))
            else:
                for fase, u in (regel.per_fase or {}).items():
                    name = t["fase_onbekend"] if fase not in k.contract.fase else k.phase(fase).naam
                    rules.append(ChecklistRule(f"fase={name}", u.niveau, u.reden, u.alternatief))
        info = k.contra_indicatie(cid)
        items.append(ChecklistItem(cid, info.omschrijving, t["vragen"][cid], tuple(rules)))
    return Checklist(canonical, label, tuple(items))
