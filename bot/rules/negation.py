"""Find conditions, medication and procedures in a Dutch message, and whether each
mention is negated ("ik gebruik geen bloedverdunners", "nooit trombose gehad").

Independent of the NLU: a keyword/synonym scan (knowledge/synoniemen.yml) plus
negation cues (knowledge/taal.yml). Safety first: a mention counts as negated only
when a cue clearly covers it; anything in doubt counts as stated. A term that is
both stated and negated in one message counts as stated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge import Knowledge, load_knowledge
from bot.textnorm import Token, fold, tokens

_CATEGORIES = ("aandoening", "medicatie", "behandeling")


@dataclass(frozen=True)
class Mention:
    value: str  # contract value, e.g. "bloedverdunners"
    category: str  # aandoening | medicatie | behandeling
    start: int
    end: int
    negated: bool


@dataclass(frozen=True)
class FactMentions:
    """Contract values found in a message. `stated` and `negated` never overlap."""

    stated: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()
    mentions: tuple[Mention, ...] = ()

    def _stated_in(self, category: str) -> frozenset[str]:
        return frozenset(m.value for m in self.mentions if m.category == category and m.value in self.stated)

    @property
    def conditions(self) -> frozenset[str]:
        return self._stated_in("aandoening")

    @property
    def medication(self) -> frozenset[str]:
        return self._stated_in("medicatie")

    @property
    def procedures(self) -> frozenset[str]:
        """Procedures mentioned (past or asked about: the caller decides which)."""
        return self._stated_in("behandeling")


def _term_pattern(term: str) -> str:
    wildcard = term.endswith("*")
    parts = re.split(r"[\s\-]+", fold(term.rstrip("*")).strip())
    body = r"[\s\-]*".join(re.escape(p) for p in parts if p)
    return body + (r"\w*" if wildcard else "")


@lru_cache(maxsize=4)
def _lexicon(k: Knowledge) -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    """One regex for all terms (longest first) and, per group, (category, value)."""
    terms = [
        (term, category, value)
        for category in _CATEGORIES
        for value, words in getattr(k.synoniemen, category).items()
        for term in words
    ]
    terms.sort(key=lambda t: -len(t[0].rstrip("*")))
    alternatives = [f"(?P<t{i}>{_term_pattern(term)})" for i, (term, _, _) in enumerate(terms)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    return pattern, tuple((c, v) for _, c, v in terms)


def _find(text: str, k: Knowledge) -> list[tuple[str, str, int, int]]:
    pattern, owners = _lexicon(k)
    found = []
    for m in pattern.finditer(fold(text)):
        category, value = owners[int(m.lastgroup[1:])]  # type: ignore[index]
        found.append((category, value, m.start(), m.end()))
    return found


def scan_facts(text: str, *, knowledge: Knowledge | None = None) -> FactMentions:
    """All aandoening/medicatie/procedure mentions in `text`, split in stated and negated."""
    k = knowledge or load_knowledge()
    found = _find(text or "", k)
    spans = [(s, e) for _, _, s, e in found]
    toks = tokens(text or "")
    mentions = tuple(
        Mention(value, category, s, e, _negated(toks, spans, s, e, k)) for category, value, s, e in found
    )
    stated = frozenset(m.value for m in mentions if not m.negated)
    negated = frozenset(m.value for m in mentions if m.negated) - stated
    return FactMentions(stated=stated, negated=negated, mentions=mentions)


def is_negated(text: str, start: int, end: int, *, knowledge: Knowledge | None = None) -> bool:
    """Is the mention text[start:end] negated? ("geen eczeem meer", "nooit trombose gehad")."""
    k = knowledge or load_knowledge()
    spans = [(s, e) for _, _, s, e in _find(text, k)] + [(start, end)]
    return _negated(tokens(text), spans, start, end, k)


def _in_mention(tok: Token, spans: list[tuple[int, int]]) -> bool:
    return any(s < tok.end and tok.start < e for s, e in spans)


def _negated(toks: list[Token], spans: list[tuple[int, int]], start: int, end: int, k: Knowledge) -> bool:
    inside = [i for i, t in enumerate(toks) if t.start < end and start < t.end]
    if not inside:
        return False
    return _negated_before(toks, spans, inside[0], k) or _negated_after(toks, inside[-1], k)


def _negated_before(toks: list[Token], spans: list[tuple[int, int]], first: int, k: Knowledge) -> bool:
    """A cue before the mention, with only filler words or coordinated mentions between."""
    n = k.taal.negatie
    j = first - 1
    while j >= 0:
        tok = toks[j]
        if tok.is_punct or tok.text in n.grens:
            return False
        if tok.text in n.voor:
            return True
        coordinated = (
            tok.text in n.nevenschikking
            and j > 0
            and _in_mention(toks[j - 1], spans)
            and _in_mention(toks[j + 1], spans)
        )
        if not (coordinated or tok.text in n.tussen or _in_mention(tok, spans)):
            return False
        j -= 1
    return False


def _negated_after(toks: list[Token], last: int, k: Knowledge) -> bool:
    """"bloedverdunners gebruik ik niet (meer)", "mijn eczeem is weg": a verb, then a cue,
    then nothing but tail words until the clause ends."""
    n = k.taal.negatie
    saw_verb = False
    j = last + 1
    while j < len(toks):
        tok = toks[j]
        if tok.is_punct or tok.text in n.grens:
            return False
        if tok.text in n.na and saw_verb:
            return _clause_ends(toks, j + 1, k)
        if tok.text in n.na_werkwoorden:
            saw_verb = True
        elif tok.text not in n.na_tussen:
            return False
        j += 1
    return False


def _clause_ends(toks: list[Token], j: int, k: Knowledge) -> bool:
    n = k.taal.negatie
    for tok in toks[j:]:
        if tok.is_punct or tok.text in n.grens:
            return True
        if tok.text not in n.na_staart:
            return False
    return True
