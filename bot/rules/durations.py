"""Dutch time expressions -> number of days ("twee weken geleden" -> 14.0).

All words come from knowledge/taal.yml. Unparseable, future or ambiguous input gives
None rather than a guess: a weekday or month name, "bijna"/"over" before the amount,
or two expressions with different values. A range ("2 à 3 weken") gives its lower
bound: fewer days since a procedure is the safer assumption.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge import Knowledge, load_knowledge
from bot.textnorm import tokens

_Phrases = dict[tuple[str, ...], float]


@dataclass(frozen=True)
class _Lexicon:
    vast: _Phrases
    getallen: _Phrases
    en_een_half: frozenset[tuple[str, ...]]
    eenheden: dict[str, float]
    benadering: str
    bereik: frozenset[str]
    onzeker_ervoor: frozenset[tuple[str, ...]]
    onzeker_overal: frozenset[str]
    net: frozenset[tuple[str, ...]]


@lru_cache(maxsize=4)
def _lexicon(k: Knowledge) -> _Lexicon:
    t = k.taal.tijd
    return _Lexicon(
        vast={tuple(p.split()): v for p, v in t.vaste_uitdrukkingen.items()},
        getallen={tuple(p.split()): v for p, v in t.getallen.items()},
        en_een_half=frozenset(tuple(p.split()) for p in t.en_een_half),
        eenheden={w: u.dagen for u in t.eenheden for w in u.woorden},
        benadering=t.benadering_woord,
        bereik=frozenset(t.bereik_woorden),
        onzeker_ervoor=frozenset(tuple(p.split()) for p in t.onzeker_ervoor),
        onzeker_overal=frozenset(t.onzeker_overal),
        net=frozenset(tuple(p.split()) for p in t.net_woorden),
    )


def parse_days(text: str, *, knowledge: Knowledge | None = None) -> float | None:
    """Days ago that `text` describes, or None if it cannot be read without guessing."""
    lex = _lexicon(knowledge or load_knowledge())
    words = [t.text for t in tokens(text or "") if not t.is_punct]
    if any(w in lex.onzeker_overal for w in words):
        return None
    values: set[float] = set()
    i = 0
    while i < len(words):
        found = _expression(words, i, lex)
        if found is None:
            i += 1
            continue
        value, end = found
        if _uncertain_before(words, i, lex):
            return None
        values.add(round(value, 6))
        i = end
    if not values and any(tuple(words[i:i + len(p)]) == p for p in lex.net for i in range(len(words))):
        return 0.0  # "ik heb net botox laten zetten": just now
    return values.pop() if len(values) == 1 else None


def _match(words: list[str], i: int, phrases: _Phrases) -> tuple[float, int] | None:
    """Longest phrase of `phrases` starting at words[i] -> (value, end index)."""
    best = None
    for phrase, value in phrases.items():
        if tuple(words[i:i + len(phrase)]) == phrase and (best is None or len(phrase) > best[1] - i):
            best = (value, i + len(phrase))
    return best


def _number(words: list[str], i: int, lex: _Lexicon) -> tuple[float, int] | None:
    if i >= len(words):
        return None
    word = words[i]
    if word[0] in "0123456789":
        return float(word.replace(",", ".")), i + 1
    return _match(words, i, lex.getallen)


def _expression(words: list[str], i: int, lex: _Lexicon) -> tuple[float, int] | None:
    fixed = _match(words, i, lex.vast)
    if fixed:
        return fixed
    # "een week of drie", "een maand of twee"
    if words[i] == "een" and i + 2 < len(words) and words[i + 1] in lex.eenheden and words[i + 2] == lex.benadering:
        amount = _number(words, i + 3, lex)
        if amount:
            return amount[0] * lex.eenheden[words[i + 1]], amount[1]
    return _amount_with_unit(words, i, lex)


def _amount_with_unit(words: list[str], i: int, lex: _Lexicon) -> tuple[float, int] | None:
    """"3 wkn", "anderhalve week", "2 à 3 weken", "twee en een halve week"."""
    amount = _number(words, i, lex)
    if amount is None:
        return None
    value, j = amount
    if j < len(words) and words[j] in lex.bereik:
        upper = _number(words, j + 1, lex)
        if upper:
            value, j = min(value, upper[0]), upper[1]
    for half in lex.en_een_half:
        if tuple(words[j:j + len(half)]) == half:
            value, j = value + 0.5, j + len(half)
            break
    if j < len(words) and words[j] in lex.eenheden:
        return value * lex.eenheden[words[j]], j + 1
    return None


def _uncertain_before(words: list[str], i: int, lex: _Lexicon) -> bool:
    """Is there "bijna", "over", "nog geen", ... in the two words before position i?"""
    for phrase in lex.onzeker_ervoor:
        for end in (i, i - 1):
            start = end - len(phrase)
            if start >= 0 and tuple(words[start:end]) == phrase:
                return True
    return False


def days_ahead(text: str, *, knowledge: Knowledge | None = None) -> float | None:
    """"en over een maand?", "twee weken later dan?": how many days from now the message asks about
    (taal.yml `later`); None when it says anything else."""
    k = knowledge or load_knowledge()
    cue = k.taal.later
    words = [t.text for t in tokens(text or "") if not t.is_punct and t.text not in cue.vulwoorden]
    if len(words) < 2 or not (words[0] in cue.ervoor or words[-1] in cue.erna):
        return None
    amount = words[1:] if words[0] in cue.ervoor else words[:-1]
    found = _expression(amount, 0, _lexicon(k))
    return found[0] if found is not None and found[1] == len(amount) else None


@dataclass(frozen=True)
class ToldDuration:
    """How long her complaint has lasted, as a message that says only that ("al twee weken")."""

    days: float | None  # None for "al een tijdje", "al maanden"
    long: bool  # "al maanden", "sinds vorig jaar": long-standing


def complaint_duration(text: str, *, knowledge: Knowledge | None = None) -> ToldDuration | None:
    """"al twee weken", "sinds een week of twee", "al maanden eigenlijk": a message that only says how long
    something has lasted (taal.yml `klachtduur`); None for every other message, also for a question
    ("al twee weken?") and for a moment ahead ("over een maand")."""
    k = knowledge or load_knowledge()
    cue, lex = k.taal.klachtduur, _lexicon(k)
    if "?" in (text or ""):
        return None
    words = [t.text for t in tokens(text or "") if not t.is_punct]
    time_words = {*lex.eenheden, *(w for p in (*lex.vast, *lex.getallen) for w in p), *lex.bereik,
                  lex.benadering, *cue.tijdwoorden, *cue.lang}
    known = {*time_words, *cue.woorden}
    if not words or not any(w in time_words or w[0].isdigit() for w in words) or any(
            w not in known and not w[0].isdigit() for w in words):
        return None
    if days_ahead(text, knowledge=k) is not None:  # "over een maand": a later moment, no duration
        return None
    days = parse_days(text, knowledge=k)
    return ToldDuration(days, any(w in cue.lang for w in words) or (days or 0) >= cue.lang_vanaf_dagen)
