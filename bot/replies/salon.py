"""Answers to practical questions about the salon, from its profile (salon/profiel.yml).

    answer("kan ik hier pinnen?").bubbles     # Dutch answer, one bubble per topic

Every sentence and keyword lives in salon/teksten.yml; the facts in the profile.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from bot.knowledge import load_knowledge
from bot.knowledge.salon_profile import TOPICS, load_profile, opening_ranges, salon_texts
from bot.rules.negation import scan_facts
from bot.textnorm import join_list, tokens

TOPIC_ENTITY = "salon_onderwerp"  # entity in a button payload: /salon_info{"salon_onderwerp": "prijzen"}
__all__ = ["TOPICS", "TOPIC_ENTITY", "SalonAnswer", "answer", "appointment_handover", "asks_duration", "duration",
           "money", "named_day", "resolve_treatment", "topic_buttons", "topics_in"]


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


@cache
def _keywords() -> dict[str, tuple[_Keyword, ...]]:
    out = {}
    for topic, spec in salon_texts()["onderwerpen"].items():
        out[topic] = _parsed(spec["woorden"])
    return out


def _parsed(words: Iterable[str]) -> tuple[_Keyword, ...]:
    return tuple(_Keyword(tuple(_words(w.rstrip("*"))), w.endswith("*")) for w in words if _words(w.rstrip("*")))


def _says(phrases: Iterable[str], text: str | None) -> bool:
    """Does `text` hold one of these phrases of teksten.yml (a trailing * takes any ending)?"""
    words = _words(text or "")
    return any(k.found_in(words) for k in _parsed(phrases))


def asks_duration_here(text: str) -> bool:
    """"hoe lang duurt een gezichtsmassage bij jullie?": how long it takes at the salon (`duur.in_de_salon`)."""
    return asks_duration(text) and _says(salon_texts()["duur"]["in_de_salon"], text)


def asks_duration(text: str) -> bool:
    """"hoe lang duurt die?", "en hoelang duurt microneedling bij jullie?": only how long a treatment
    takes (teksten.yml `duur`); "hoe lang duurt het herstel?" asks something else."""
    spec = salon_texts()["duur"]
    message = _words(text or "")
    if not any(k.found_in(message) for k in _parsed(spec["woorden"])):
        return False
    allowed = {w for phrase in (*spec["woorden"], *spec["mag_erbij"]) for w in _words(phrase)}
    rest = [w for w in message if w not in allowed]
    return not rest or (len(rest) <= 3 and resolve_treatment(" ".join(rest)) is not None)


def asks_price(text: str) -> bool:
    """"hoeveel kost een gezichtsmassage en hoe lang duurt het?": a price question, whatever else it asks
    ("hoeveel behandelingen heb ik nodig?" is none, though it names the price list's word)."""
    return _says(salon_texts()["duur"]["prijsvraag"], text)


def about_same_treatment(text: str) -> bool:
    """Does a follow-up ask about "een kuur", "de behandeling" or "per sessie" (teksten.yml
    `zelfde_behandeling`): the treatment of the previous answer?"""
    return _says(salon_texts()["zelfde_behandeling"], text)


def asks_for_concern(text: str) -> bool:
    """Does the message ask whether the salon treats a complaint ("kan ik bij jullie terecht voor een behandeling
    tegen acnelittekens?", "doen jullie iets tegen wallen?"; teksten.yml `voor_klacht`)?"""
    return _says(salon_texts()["voor_klacht"], text)


def priced(treatment: str | None, *, profile: Mapping[str, Any] | None = None) -> bool:
    """Is `treatment` on the salon's price list?"""
    p = profile or load_profile()
    return treatment is not None and any(i.get("behandeling") == treatment for i in p["prijzen"])


def duration(treatment: str | None, *, profile: Mapping[str, Any] | None = None) -> str | None:
    """How long `treatment` takes at the salon, from the price list; None when it lists no duration."""
    items = [i for i in (profile or load_profile())["prijzen"]
             if treatment and i.get("behandeling") == treatment and i.get("duur_minuten")]
    return " ".join(_fill(salon_texts()["duur"]["tekst"], naam=i["naam"], duur=i["duur_minuten"])
                    for i in items) or None


def topics_in(text: str) -> list[str]:
    """The topics a question is about, in the order of TOPICS (may be empty)."""
    message = _words(text or "")
    found = [t for t in TOPICS if any(k.found_in(message) for k in _keywords()[t])]
    beaten = {loser for t in found for loser in salon_texts()["onderwerpen"][t].get("wint_van", [])}
    return [t for t in found if t not in beaten]


def resolve_treatment(text: str | None) -> str | None:
    """A contract `behandeling` value for an entity value or free text ("peeling")."""
    if not text:
        return None
    value = text.strip().lower().replace(" ", "_")
    if value in load_knowledge().contract.behandeling:
        return value
    found = sorted(scan_facts(text).procedures)
    if not found:
        found = [t for t in load_knowledge().contract.behandeling if t.replace("_", " ") in " ".join(_words(text))]
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


def _hours(value: str) -> str:
    t = salon_texts()["antwoorden"]["openingstijden"]
    ranges = opening_ranges(value) or []
    if not ranges:
        return t["gesloten"]

    def clock(hm: tuple[int, int]) -> str:
        return t["tijd"].format(uur=hm[0], minuut=f"{hm[1]:02d}")

    parts = [t["bereik"].format(van=clock(a), tot=clock(b)) for a, b in ranges]
    return join_list(parts, salon_texts()["antwoorden"]["en"])


def money(amount: float) -> str:
    """Dutch euro amount: € 55, € 79,50, € 1.250."""
    t = salon_texts()["antwoorden"]["prijzen"]
    cents = round(amount * 100)
    euro = f"{cents // 100:,}".replace(",", ".")
    if cents % 100 == 0:
        return t["bedrag_heel"].format(euro=euro)
    return t["bedrag_centen"].format(euro=euro, centen=f"{cents % 100:02d}")


def _openingstijden(p: Mapping[str, Any], question: str, today: date, treatment: str | None) -> str:
    t = salon_texts()["antwoorden"]["openingstijden"]
    days = salon_texts()["dagen"]
    hours = p["openingstijden"]
    first = []
    message = _words(question)
    for word, offset in t["dag_woorden"].items():
        if word in message:
            day = days[(today + timedelta(days=offset)).weekday()]
            template = t["dag_open"] if opening_ranges(hours[day]) else t["dag_gesloten"]
            first.append(_fill(template, wanneer=word, dag=day, tijden=_hours(hours[day])))
    for day in dict.fromkeys(d for w in message if (d := _day_in(w, days))):  # "en op zondag?": that day first
        template = t["weekdag_open"] if opening_ranges(hours[day]) else t["weekdag_gesloten"]
        first.append(_fill(template, dag=day, tijden=_hours(hours[day])))
    table = [_fill(t["dag"], dag=d, tijden=_hours(hours[d])) for d in days]
    special = hours.get("bijzonderheden")
    if special and any(k.found_in(message) for k in _parsed(t["uitzondering_woorden"])):  # "op tweede kerstdag?"
        return _lines(special, *first) if first else _lines(special, _fill(t["kop"], naam=p["naam"]), *table)
    if first:  # "en op zondag?": that day's answer, not the whole week again
        return _lines(*first)
    return _lines(_fill(t["kop"], naam=p["naam"]), *table, special)


def day_words(text: str) -> list[str]:
    """The words of `text` that name a day ("zaterdag", "morgen", "donderdagavond")."""
    t = salon_texts()
    return [w for w in _words(text or "") if w in t["antwoorden"]["openingstijden"]["dag_woorden"]
            or _day_in(w, t["dagen"])]


def _day_in(word: str, days: list[str]) -> str | None:
    """The weekday a word names, also in a compound ("donderdagavond", "zaterdagochtend")."""
    return next((d for d in days if word.startswith(d)), None)


def _adres(p: Mapping[str, Any], *_: Any) -> str:
    t = salon_texts()["antwoorden"]["adres"]
    a = p["adres"]
    return _lines(
        _sentences(_fill(t["tekst"], naam=p["naam"], straat=a["straat"], postcode=a["postcode"], plaats=a["plaats"]),
                   a.get("route")),
        _fill(t["kaart"], kaart=a["kaart"]) if a.get("kaart") else None,
    )


def _price_line(item: Mapping[str, Any], one: bool) -> str:
    t = salon_texts()["antwoorden"]["prijzen"]
    key = ("een" if one else "regel") + ("_duur" if item.get("duur_minuten") else "")
    line = _fill(t[key], naam=item["naam"], prijs=money(item["prijs"]), duur=item.get("duur_minuten"))
    return _sentences(line, item.get("opmerking")) if one else line


def _prijzen(p: Mapping[str, Any], question: str, today: date, treatment: str | None) -> str:
    t = salon_texts()["antwoorden"]["prijzen"]
    items = p["prijzen"]
    if treatment:
        matching = [i for i in items if i.get("behandeling") == treatment]
        if matching:
            return _lines(*(_price_line(i, one=True) for i in matching))
        label = load_knowledge().teksten.verzoek_labels.get(treatment, treatment)
        return _lines(_fill(t["niet_gevonden"], behandeling=label), *(_price_line(i, one=False) for i in items))
    # "wat kost een intake?": the line her words name (profiel.yml `woorden`), else the whole list
    message = _words(question)
    named = [i for i in items if any(k.found_in(message) for k in _parsed(i.get("woorden") or ()))]
    if named:
        return _lines(*(_price_line(i, one=True) for i in named))
    return _lines(_fill(t["kop"], naam=p["naam"]), *(_price_line(i, one=False) for i in items))


def _betalen(p: Mapping[str, Any], *_: Any) -> str:
    t = salon_texts()["antwoorden"]["betalen"]
    return _sentences(t["tekst"].format(manieren=join_list(p["betalen"], salon_texts()["antwoorden"]["en"])),
                      p.get("betalen_opmerking"))


def _parkeren(p: Mapping[str, Any], *_: Any) -> str:
    return salon_texts()["antwoorden"]["parkeren"]["tekst"].format(parkeren=p["parkeren"])


def _producten(p: Mapping[str, Any], *_: Any) -> str:
    t = salon_texts()["antwoorden"]["producten"]
    if p.get("producten"):
        return t["tekst"].format(producten=p["producten"])
    return _fill(t["onbekend"], naam=p["naam"], telefoon=p["contact"]["telefoon"])


def _annuleren(p: Mapping[str, Any], *_: Any) -> str:
    t = salon_texts()["antwoorden"]["annuleren"]
    a = p["annuleren"]
    return _sentences(t["tekst"].format(uren=a["kosteloos_tot_uren"]), a.get("daarna"), a.get("hoe"))


def _contact(p: Mapping[str, Any], *_: Any) -> str:
    t = salon_texts()["antwoorden"]["contact"]
    c = p["contact"]
    return _lines(_fill(t["kop"], naam=p["naam"]),
                  *(t[k].format(**{k: c[k]}) for k in ("telefoon", "email", "whatsapp", "website") if c.get(k)))


def _boeken(p: Mapping[str, Any], *_: Any) -> str:
    t = salon_texts()["antwoorden"]["boeken"]
    b = p["boeken"]
    return _lines(t["tekst"].format(link=b["link"]),
                  _sentences(b.get("opmerking"), t["bellen"].format(telefoon=p["contact"]["telefoon"])))


# One bubble per topic: (profile, question, today, treatment) -> text.
_ANSWERS: dict[str, Callable[[Mapping[str, Any], str, date, str | None], str]] = {
    "openingstijden": _openingstijden, "adres": _adres, "prijzen": _prijzen, "betalen": _betalen,
    "parkeren": _parkeren, "producten": _producten, "annuleren": _annuleren, "contact": _contact, "boeken": _boeken,
}


def topic_buttons(topics: Iterable[str] = TOPICS) -> tuple[dict[str, str], ...]:
    """One button per topic; its payload asks for that topic directly."""
    return tuple(
        {"title": salon_texts()["onderwerpen"][t]["titel"], "payload": f"/salon_info{json.dumps({TOPIC_ENTITY: t})}"}
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
        names = [salon_texts()["onderwerpen"][t]["titel"].lower() for t in TOPICS]
        overview = _fill(salon_texts()["antwoorden"]["overzicht"], naam=p["naam"],
                         onderwerpen=join_list(names, salon_texts()["antwoorden"]["en"]))
        return SalonAnswer((), (overview,), topic_buttons())
    bubbles = [_ANSWERS[t](p, question, today, treatment) for t in topics]
    buttons = () if "boeken" in topics else (salon_texts()["knoppen"]["afspraak"],)
    return SalonAnswer(tuple(topics), tuple(bubbles), tuple(buttons))


def named_day(question: str, *, today: date | None = None, profile: Mapping[str, Any] | None = None) -> str | None:
    """"Op dinsdag zijn we open van 09:00 tot 17:30. Of er dan nog plek is, …" for the first day a
    booking message names ("liefst volgende week dinsdag", "kan het morgen?"); None if it names none."""
    p = profile or load_profile()
    t = salon_texts()["afspraak"]
    days = salon_texts()["dagen"]
    relative = salon_texts()["antwoorden"]["openingstijden"]["dag_woorden"]
    today = today or date.today()
    for word in _words(question or ""):
        day = days[(today + timedelta(days=relative[word])).weekday()] if word in relative else _day_in(word, days)
        if day in days:
            hours = p["openingstijden"][day]
            if not opening_ranges(hours):
                return _fill(t["dag_gesloten"], dag=day)
            return _sentences(_fill(t["dag_open"], dag=day, tijden=_hours(hours)), t["moment"])
    return None


def appointment_handover(code: str | None, *, warning: str | None = None, question: str = "",
                         today: date | None = None, profile: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """What the bot says when someone wants an appointment or a person (`code`: her desk code).
    `warning`: the safety gate's caution or block for the treatment she wants to book ("wanneer
    kan ik weer langskomen voor een massage" after botox); it comes first, in place of the
    welcome, so the booking never reads as a go-ahead and the answer stays at three bubbles.
    Else a day the `question` names gets that day's opening hours in place of the welcome."""
    p = profile or load_profile()
    t = salon_texts()["afspraak"]
    bubbles = [
        warning or named_day(question, today=today, profile=p) or _fill(t["tekst"], naam=p["naam"]),
        t["boeken"].format(link=p["boeken"]["link"], telefoon=p["contact"]["telefoon"]),
    ]
    if code:
        bubbles.append(t["code"].format(code=code))
    return tuple(bubbles)
