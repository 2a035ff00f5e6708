"""Find conditions, medication and procedures in a Dutch message, and whether each
mention is the customer's own, current or past, situation.

Independent of the NLU: a keyword/synonym scan (knowledge/synoniemen.yml), with
spelling tolerance for words that are not ordinary Dutch words (rules/spelling.py),
plus cues from knowledge/taal.yml:
- negation ("ik gebruik geen bloedverdunners", "nooit trombose gehad",
  "bloedverdunners? nee", "bloedverdunners, die slik ik niet");
- someone else's situation ("mijn vader heeft trombose");
- a planned or wished-for treatment ("ik wil binnenkort fillers"): the person asks
  about it, it did not happen.
Safety first: a mention counts as not-hers only when a cue clearly covers it;
anything in doubt counts as stated. A term that is both stated and negated in one
message counts as stated.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge import Knowledge, load_knowledge
from bot.rules.follow_up import treatment_forms
from bot.rules.spelling import FuzzyTerm, SpellingLexicon
from bot.textnorm import Token, fold, tokens

_CATEGORIES = ("aandoening", "medicatie", "behandeling")
_PROCEDURE = "behandeling"
_SPLIT = re.compile(r"[\s\-]+")
Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    value: str  # contract value, e.g. "bloedverdunners"
    category: str  # aandoening | medicatie | behandeling
    start: int
    end: int
    negated: bool
    other: bool = False  # someone else's situation ("mijn vader heeft trombose")
    planned: bool = False  # a treatment she wants or plans, not one she had
    fuzzy: bool = False  # found with spelling tolerance

    @property
    def own(self) -> bool:
        """Her own situation, stated: not negated, not someone else's, not a plan."""
        return not (self.negated or self.other or self.planned)


@dataclass(frozen=True)
class FactMentions:
    """Contract values found in a message. `stated` (her own situation) never overlaps
    `negated`, `others` or `planned`."""

    stated: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()
    mentions: tuple[Mention, ...] = ()
    others: frozenset[str] = frozenset()  # someone else's situation only
    planned: frozenset[str] = frozenset()  # treatments she wants or plans only

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
        """Procedures talked about and not negated (hers, past or planned, or someone
        else's): the caller decides which."""
        return frozenset(m.value for m in self.mentions if m.category == _PROCEDURE and not m.negated)


@dataclass(frozen=True)
class _Cues:
    """taal.yml cues as sets and phrases, built once per Knowledge."""

    answer_no: frozenset[Phrase]
    other_people: frozenset[str]
    other_with_possessive: frozenset[str]
    possessive: frozenset[str]
    after_preposition: frozenset[str]
    self_words: frozenset[str]
    self_too: frozenset[Phrase]
    clause_bounds: frozenset[str]
    plan: frozenset[Phrase]
    past: frozenset[Phrase]
    past_with_have: frozenset[Phrase]
    have: frozenset[Phrase]
    past_right_before: frozenset[str]
    between: frozenset[str]
    own_possessive: frozenset[str]
    denials: frozenset[Phrase]
    past_clause: frozenset[Phrase]  # negatie.voorbij_verleden
    wait: frozenset[Phrase]  # verleden.wachten
    other_treatment: frozenset[Phrase]  # every treatment's name and verleden.wachten_op
    longest_clause_cue: int
    longest_phrase: int


def _phrases(words: tuple[str, ...]) -> frozenset[Phrase]:
    return frozenset(tuple(fold(w).split()) for w in words)


def _term_pattern(term: str) -> str:
    wildcard = term.endswith("*")
    parts = _SPLIT.split(fold(term.rstrip("*")).strip())
    body = r"[\s\-]*".join(re.escape(p) for p in parts if p)
    return body + (r"\w*" if wildcard else "")


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern[str]
    owners: tuple[tuple[str, str], ...]  # per term: (category, value)
    spelling: SpellingLexicon
    cues: _Cues


_BY_ID: dict[int, tuple[Knowledge, _Lexicon]] = {}


def _lexicon(k: Knowledge) -> _Lexicon:
    """The lexicon of `k`, looked up by identity first (hashing a Knowledge is not free and
    this runs several times per mention)."""
    hit = _BY_ID.get(id(k))
    if hit is not None and hit[0] is k:
        return hit[1]
    lex = _build_lexicon(k)
    if len(_BY_ID) > 8:
        _BY_ID.clear()
    _BY_ID[id(k)] = (k, lex)
    return lex


@lru_cache(maxsize=4)
def _build_lexicon(k: Knowledge) -> _Lexicon:
    """One regex for all terms (longest first), the spelling lexicon and the cues."""
    terms = [
        (term, category, value)
        for category in _CATEGORIES
        for value, words in getattr(k.synoniemen, category).items()
        for term in words
    ]
    terms.sort(key=lambda t: -len(t[0].rstrip("*")))
    alternatives = [f"(?P<t{i}>{_term_pattern(term)})" for i, (term, _, _) in enumerate(terms)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    fuzzy = [
        FuzzyTerm("".join(_SPLIT.split(fold(term.rstrip("*")))), term.endswith("*"), i)
        for i, (term, _, _) in enumerate(terms)
        if " " not in term.strip()
    ]
    t = k.taal
    cues = _Cues(
        answer_no=_phrases(t.negatie.antwoord_nee),
        other_people=frozenset(t.ervaarder.ander),
        other_with_possessive=frozenset(t.ervaarder.ander_met_bezit),
        possessive=frozenset(t.ervaarder.bezit),
        after_preposition=frozenset(t.ervaarder.na_voorzetsel),
        self_words=frozenset(t.ervaarder.zelf),
        self_too=_phrases(t.ervaarder.zelf_ook),
        clause_bounds=frozenset(t.ervaarder.grens),
        plan=_phrases(t.plan.woorden),
        past=_phrases(t.verleden.woorden),
        past_with_have=_phrases(t.verleden.met_hebben),
        have=_phrases(t.verleden.hebben),
        past_right_before=frozenset(fold(w) for w in t.verleden.direct_ervoor),
        between=frozenset(fold(w) for w in t.verleden.tussenwoorden),
        own_possessive=frozenset(fold(w) for w in t.verleden.eigen_bezit),
        denials=frozenset(_without_fillers(p, k) for p in _phrases(t.negatie.ontkend_na)),
        past_clause=_phrases(t.negatie.voorbij_verleden),
        wait=_phrases(t.verleden.wachten),
        other_treatment=_phrases(_treatment_words(k)),
        longest_clause_cue=max(len(p) for p in _phrases(t.verleden.wachten + _treatment_words(k)
                                                  + t.negatie.voorbij_verleden)),
        longest_phrase=max(len(p) for p in _phrases(
            t.plan.woorden + t.verleden.woorden + t.verleden.met_hebben + t.negatie.antwoord_nee
            + t.ervaarder.zelf_ook)),
    )
    spelling = SpellingLexicon(fuzzy, k.synoniemen.gewone_woorden)
    return _Lexicon(pattern, tuple((c, v) for _, c, v in terms), spelling, cues)


def _treatment_words(k: Knowledge) -> tuple[str, ...]:
    """Every way of writing a treatment, and `verleden.wachten_op` ("masseren")."""
    forms = tuple(w for t in k.contract.behandeling for w in treatment_forms(t, knowledge=k))
    return forms + k.taal.verleden.wachten_op


def _find(text: str, toks: list[Token], k: Knowledge) -> list[tuple[str, str, int, int, bool]]:
    """(category, value, start, end, fuzzy) of every mention: exact terms first, then
    the remaining words that are a misspelt term."""
    lex = _lexicon(k)
    found = []
    for m in lex.pattern.finditer(fold(text)):
        category, value = lex.owners[int(m.lastgroup[1:])]  # type: ignore[index]
        found.append((category, value, m.start(), m.end(), False))
    spans = [(s, e) for _, _, s, e, _ in found]
    for tok in toks:
        if len(tok.text) < 6 or any(s < tok.end and tok.start < e for s, e in spans):
            continue
        for owner in lex.spelling.match(tok.text):
            category, value = lex.owners[owner]
            found.append((category, value, tok.start, tok.end, True))
    found.sort(key=lambda f: f[2])
    return found


def scan_facts(text: str, *, knowledge: Knowledge | None = None) -> FactMentions:
    """All aandoening/medicatie/procedure mentions in `text`: her own (stated), negated,
    someone else's (others) and planned treatments (planned)."""
    k = knowledge or load_knowledge()
    text = text or ""
    toks = tokens(text)
    found = _find(text, toks, k)
    if not found:
        return FactMentions()
    spans = [(s, e) for _, _, s, e, _ in found]
    mentions = tuple(
        Mention(value, category, s, e, *_context(toks, spans, s, e, category, k), fuzzy=fuzzy)
        for category, value, s, e, fuzzy in found
    )
    stated = frozenset(m.value for m in mentions if m.own)
    negated = frozenset(m.value for m in mentions if m.negated) - stated
    others = frozenset(m.value for m in mentions if m.other and not m.negated) - stated
    planned = frozenset(m.value for m in mentions if m.planned and not m.negated and not m.other) - stated
    return FactMentions(stated=stated, negated=negated, mentions=mentions, others=others, planned=planned)


def is_negated(text: str, start: int, end: int, *, knowledge: Knowledge | None = None) -> bool:
    """Is the mention text[start:end] negated? ("geen eczeem meer", "nooit trombose gehad")."""
    k = knowledge or load_knowledge()
    toks = tokens(text)
    spans = [(s, e) for _, _, s, e, _ in _find(text, toks, k)] + [(start, end)]
    return _negated(toks, spans, start, end, k)


def counts_as_own(text: str, start: int, end: int, category: str, *, alongside: Sequence[tuple[int, int]] = (),
                  knowledge: Knowledge | None = None) -> bool:
    """Does the mention text[start:end] (e.g. an NLU entity) state her own situation?
    False when it is negated, someone else's, or (for a behandeling) only planned.
    `alongside`: other mentions of the message the lexicon does not know, so that one
    negation covers a list of them ("geen diabetes of epilepsie")."""
    k = knowledge or load_knowledge()
    toks = tokens(text)
    spans = [(s, e) for _, _, s, e, _ in _find(text, toks, k)] + [*alongside, (start, end)]
    return not any(_context(toks, spans, start, end, category, k))


def is_planned(text: str, start: int, end: int, *, knowledge: Knowledge | None = None) -> bool:
    """Is the treatment text[start:end] wished for or planned rather than done?"""
    k = knowledge or load_knowledge()
    toks = tokens(text)
    spans = [(s, e) for _, _, s, e, _ in _find(text, toks, k)] + [(start, end)]
    return _context(toks, spans, start, end, _PROCEDURE, k)[2]


def _in_mention(tok: Token, spans: list[tuple[int, int]]) -> bool:
    return any(s < tok.end and tok.start < e for s, e in spans)


def _inside(toks: list[Token], start: int, end: int) -> list[int]:
    return [i for i, t in enumerate(toks) if t.start < end and start < t.end]


def _context(
    toks: list[Token], spans: list[tuple[int, int]], start: int, end: int, category: str, k: Knowledge,
) -> tuple[bool, bool, bool]:
    """(negated, someone else's, planned) for the mention text[start:end]."""
    inside = _inside(toks, start, end)
    if not inside:
        return False, False, False
    negated = _negated_at(toks, spans, inside, k)
    lo, hi = _clause(toks, spans, inside[0], inside[-1], k)
    other = _someone_else(toks, spans, lo, inside[0], inside[-1], hi, k)
    planned = (category == _PROCEDURE and (_planned(toks, lo, hi, k) or _a_choice(toks, spans, inside, lo, hi, k))
               and not _right_after_na_mijn(toks, inside[0], inside[-1], k))
    return negated, other, planned


def _negated(toks: list[Token], spans: list[tuple[int, int]], start: int, end: int, k: Knowledge) -> bool:
    inside = _inside(toks, start, end)
    return bool(inside) and _negated_at(toks, spans, inside, k)


def _negated_at(toks: list[Token], spans: list[tuple[int, int]], inside: list[int], k: Knowledge) -> bool:
    first, last = inside[0], inside[-1]
    return (
        _negated_before(toks, spans, first, k)
        or _negated_after(toks, first, last, k)
        or _answered_no(toks, spans, first, last, k)
        or _referred_back(toks, spans, first, last, k)
        or _over_since(toks, last, k)
        or _past_then_not(toks, first, last, k)
    )


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


def _negated_after(toks: list[Token], first: int, last: int, k: Knowledge) -> bool:
    """"bloedverdunners gebruik ik niet (meer)", "mijn eczeem is weg": a verb, then a cue,
    then nothing but tail words until the clause ends. The verb may also stand right before
    the mention: "ik gebruik xarelto niet meer (sinds een maand)"."""
    n = k.taal.negatie
    saw_verb = _verb_right_before(toks, first, k)
    j = last + 1
    while j < len(toks):
        tok = toks[j]
        if tok.is_punct or tok.text in n.grens:
            return False
        if tok.text in n.na and saw_verb:
            only = j + 1 < len(toks) and toks[j + 1].text in n.niet_alleen  # "niet alleen op mijn wangen"
            return not only and _clause_ends(toks, j + 1, k)
        if tok.text in n.na_werkwoorden:
            saw_verb = True
        elif tok.text not in n.na_tussen:
            return False
        j += 1
    return False


def _verb_right_before(toks: list[Token], first: int, k: Knowledge) -> bool:
    """A verb of `na_werkwoorden` right before the mention, only `werkwoord_tussen` words between."""
    n = k.taal.negatie
    j = first - 1
    while j >= 0 and toks[j].text in n.werkwoord_tussen:
        j -= 1
    return j >= 0 and toks[j].text in n.na_werkwoorden


def _over_since(toks: list[Token], last: int, k: Knowledge) -> bool:
    """"vroeger had ik eczeem maar nu niet meer", "ik slikte sintrom, maar dat is over": right after
    the mention "maar" and a clause of nothing but a negation and filler words."""
    n = k.taal.negatie
    j = last + 1
    lead = {",", *n.na_staart, *n.na_werkwoorden, *n.na_tussen}  # "eczeem gehad, maar", "eczeem heb maar"
    while j < len(toks) and toks[j].text in lead:
        j += 1
    if j >= len(toks) or toks[j].text not in n.voorbij_na:
        return False
    texts = [t.text for t in _segment(toks, j + 1, 1)]
    return _only_negation(texts, k) or _denies(texts, k)


def _only_negation(texts: list[str], k: Knowledge) -> bool:
    """"nu niet meer", "dat is al jaren over": a negation cue and nothing but filler words."""
    n = k.taal.negatie
    allowed = set(n.na_tussen) | set(n.na_werkwoorden) | set(n.verwijswoorden) | set(n.na_staart) | set(
        n.voorbij_tussen)
    cues = set(n.na) | set(n.voor)
    return any(t in cues for t in texts) and all(t in allowed or t in cues for t in texts)


def _past_then_not(toks: list[Token], first: int, last: int, k: Knowledge) -> bool:
    """"ik had eczeem, nu niet meer", "eczeem gehad als kind. nu nergens meer last van": the mention's
    clause speaks of the past (`negatie.voorbij_verleden`) and the next clause is only a negation."""
    cues = _lexicon(k).cues
    lo, hi = first, last
    while lo > 0 and not (toks[lo - 1].is_punct or toks[lo - 1].text in _SENTENCE_PUNCT):
        lo -= 1
    while hi + 1 < len(toks) and not (toks[hi + 1].is_punct or toks[hi + 1].text in _SENTENCE_PUNCT):
        hi += 1
    if hi + 1 >= len(toks) or not _phrase_in(toks, lo, hi, cues.past_clause, cues.longest_clause_cue):
        return False
    j = hi + 1
    while j < len(toks) and (toks[j].is_punct or toks[j].text in _SENTENCE_PUNCT):
        j += 1
    return _only_negation([t.text for t in _segment(toks, j, 1)], k)


def _denies(texts: list[str], k: Knowledge) -> bool:
    """"maar dat klopt (echt) niet (hoor)": the clause is one of `negatie.ontkend_na`."""
    return _without_fillers(texts, k) in _lexicon(k).cues.denials


def _without_fillers(words: Sequence[str], k: Knowledge) -> Phrase:
    skip = set(k.taal.tussenwoorden) | set(k.taal.negatie.na_staart) | {"helemaal"}
    return tuple(w for w in words if w not in skip)


def _clause_ends(toks: list[Token], j: int, k: Knowledge) -> bool:
    """Only tail words until the clause ends; a time since may close it ("niet meer sinds een maand")."""
    n = k.taal.negatie
    since = False
    for tok in toks[j:]:
        if tok.is_punct or tok.text in n.grens:
            return True
        if tok.text in n.sinds:
            since = True
        elif not (tok.text in n.na_staart or (since and (tok.text in n.sinds_tijd or tok.text.isdigit()))):
            return False
    return True


_SENTENCE_PUNCT = frozenset(".,;:!?-")


def _skip_coordinated(toks: list[Token], spans: list[tuple[int, int]], j: int, step: int, k: Knowledge) -> int:
    """From j, skip mention tokens and coordination words between mentions ("eczeem of
    psoriasis"); the first index that is neither."""
    n = k.taal.negatie
    while 0 <= j < len(toks):
        tok = toks[j]
        if _in_mention(tok, spans) or (tok.text in n.nevenschikking and 0 < j < len(toks) - 1
                                       and _in_mention(toks[j - 1], spans) and _in_mention(toks[j + 1], spans)):
            j += step
            continue
        break
    return j


def _bare_lead(toks: list[Token], spans: list[tuple[int, int]], first: int, k: Knowledge) -> bool:
    """Only answer-lead words ("qua", "en") stand between the sentence start and the mention."""
    j = _skip_coordinated(toks, spans, first - 1, -1, k)
    while j >= 0:
        tok = toks[j]
        if tok.is_punct or tok.text in _SENTENCE_PUNCT:
            return True
        if tok.text not in k.taal.negatie.antwoord_voor:
            return False
        j -= 1
    return True


def _phrase_at(toks: list[Token], j: int, phrases: frozenset[Phrase], longest: int) -> int:
    """Length of the longest phrase of `phrases` starting at toks[j], or 0."""
    for n in range(min(longest, len(toks) - j), 0, -1):
        if tuple(t.text for t in toks[j:j + n]) in phrases:
            return n
    return 0


def _answered_no(toks: list[Token], spans: list[tuple[int, int]], first: int, last: int, k: Knowledge) -> bool:
    """"bloedverdunners? nee", "trombose: nooit", "qua bloedverdunners: neen hoor"."""
    if not _bare_lead(toks, spans, first, k):
        return False
    cues = _lexicon(k).cues
    j = _skip_coordinated(toks, spans, last + 1, 1, k)
    while j < len(toks) and toks[j].text in _SENTENCE_PUNCT - {"."}:
        j += 1
    n = _phrase_at(toks, j, cues.answer_no, cues.longest_phrase) if j < len(toks) else 0
    return n > 0 and _clause_ends(toks, j + n, k)


def _negating_clause(words: list[Token], k: Knowledge) -> bool:
    """"die slik ik niet", "ik slik ze niet meer": a pronoun, a verb and a negation cue,
    and nothing else but filler and tail words."""
    n = k.taal.negatie
    allowed = set(n.na_tussen) | set(n.na_werkwoorden) | set(n.verwijswoorden) | set(n.na) | set(n.voor) | set(
        n.na_staart)
    texts = [t.text for t in words]
    return (
        bool(texts) and all(t in allowed for t in texts)
        and any(t in n.verwijswoorden for t in texts)
        and any(t in n.na_werkwoorden for t in texts)
        and any(t in n.na or t in n.voor for t in texts)
    )


def _segment(toks: list[Token], j: int, step: int) -> list[Token]:
    """Tokens from j in direction `step` up to the next punctuation."""
    out = []
    while 0 <= j < len(toks) and not (toks[j].is_punct or toks[j].text in _SENTENCE_PUNCT):
        out.append(toks[j])
        j += step
    return out[::step]


def _referred_back(toks: list[Token], spans: list[tuple[int, int]], first: int, last: int, k: Knowledge) -> bool:
    """"bloedverdunners, die slik ik niet" and "ik slik ze niet, bloedverdunners": a bare
    mention and a negating clause that points at it with a pronoun."""
    j = _skip_coordinated(toks, spans, first - 1, -1, k)
    if j > 0 and toks[j].text in _SENTENCE_PUNCT and _negating_clause(_segment(toks, j - 1, -1), k):
        return _clause_ends(toks, _skip_coordinated(toks, spans, last + 1, 1, k), k)
    if not _bare_lead(toks, spans, first, k):
        return False
    j = _skip_coordinated(toks, spans, last + 1, 1, k)
    if j >= len(toks) or toks[j].text not in _SENTENCE_PUNCT:
        return False
    while j < len(toks) and toks[j].text in _SENTENCE_PUNCT:
        j += 1
    return _negating_clause(_segment(toks, j, 1), k)


def _clause(toks: list[Token], spans: list[tuple[int, int]], first: int, last: int, k: Knowledge) -> tuple[int, int]:
    """Token range (lo, hi) of the clause around a mention: up to punctuation or a clause
    boundary word, crossing coordination between mentions ("trombose en eczeem", also with an
    article or "mijn" before the next one: "microneedling of een peeling")."""
    cues = _lexicon(k).cues
    bounds = cues.clause_bounds

    def mention_next_to(j: int, step: int) -> bool:
        i = j + step
        while 0 <= i < len(toks) and toks[i].text in cues.between and abs(i - j) <= 2:
            i += step
        return 0 <= i < len(toks) and _in_mention(toks[i], spans)

    def is_bound(j: int) -> bool:
        tok = toks[j]
        if not (tok.is_punct or tok.text in _SENTENCE_PUNCT or tok.text in bounds):
            return False
        between_mentions = (0 < j < len(toks) - 1 and tok.text in {",", *bounds, *k.taal.negatie.nevenschikking}
                            and mention_next_to(j, -1) and mention_next_to(j, 1))
        return not between_mentions

    lo = first
    while lo > 0 and not is_bound(lo - 1):
        lo -= 1
    hi = last
    while hi < len(toks) - 1 and not is_bound(hi + 1):
        hi += 1
    return lo, hi


def _someone_else(
    toks: list[Token], spans: list[tuple[int, int]], lo: int, first: int, last: int, hi: int, k: Knowledge,
) -> bool:
    """"mijn vader heeft trombose", "een vriendin van me slikt bloedverdunners",
    "trombose bij mijn moeder"; not when "ik" stands between ("sinds mijn moeder ziek is
    heb ik eczeem") or she says it is hers too ("mijn zus heeft eczeem en ik ook")."""
    cues = _lexicon(k).cues

    def is_person(j: int) -> bool:
        text = toks[j].text
        if _in_mention(toks[j], spans):
            return False
        if text in cues.other_people:
            return True
        return text in cues.other_with_possessive and j > 0 and toks[j - 1].text in cues.possessive

    if _phrase_in(toks, 0, len(toks) - 1, cues.self_too, cues.longest_phrase):
        return False
    for j in range(first - 1, lo - 1, -1):
        if toks[j].text in cues.self_words:
            break
        if is_person(j):
            return True
    for j in range(last + 1, hi + 1):
        if is_person(j) and any(t.text in cues.after_preposition for t in toks[max(last + 1, j - 3):j]):
            return True
    return False


def _phrase_in(toks: list[Token], lo: int, hi: int, phrases: frozenset[Phrase], longest: int) -> bool:
    return any(_phrase_at(toks[: hi + 1], j, phrases, longest) for j in range(lo, hi + 1))


def _planned(toks: list[Token], lo: int, hi: int, k: Knowledge) -> bool:
    """A plan or wish word in the clause ("ik wil binnenkort fillers", "ik denk aan een
    peeling") and no word that places it in the past ("vorige week", "gehad")."""
    cues = _lexicon(k).cues
    return _phrase_in(toks, lo, hi, cues.plan, cues.longest_phrase) and not _past_in(toks, lo, hi, cues)


def _a_choice(toks: list[Token], spans: list[tuple[int, int]], inside: list[int], lo: int, hi: int,
              k: Knowledge) -> bool:
    """"massage of microneedling": two treatments with "of" between them are a choice, not one she
    had, unless the clause places them in the past ("ik had een peeling of laser, weet ik niet meer")."""
    n = k.taal.negatie.nevenschikking
    cues = _lexicon(k).cues
    first, last = inside[0], inside[-1]

    def treatment_ending_at(j: int) -> bool:
        return _in_mention(toks[j], spans) or any(
            _phrase_at(toks[: j + 1], i, cues.other_treatment, cues.longest_clause_cue) == j - i + 1
            for i in range(max(0, j - cues.longest_clause_cue + 1), j + 1))

    articles = set(k.taal.verleden.tussenwoorden)  # "microneedling of een peeling"
    j = first - 1
    while j >= 0 and toks[j].text in articles:
        j -= 1
    before = j >= 1 and toks[j].text in n and treatment_ending_at(j - 1)
    j = last + 2
    while j < len(toks) and toks[j].text in articles:
        j += 1
    after = last + 1 < len(toks) and toks[last + 1].text in n and j < len(toks) and (
        _in_mention(toks[j], spans) or _phrase_at(toks, j, cues.other_treatment, cues.longest_clause_cue) > 0)
    return (before or after) and not _past_in(toks, lo, hi, cues)


def _right_after_na_mijn(toks: list[Token], first: int, last: int, k: Knowledge) -> bool:
    """"na mijn peeling": the message speaks of the time after a treatment she had herself ("na een
    peeling" may be anyone's, a general question), or asks how long to wait after it before another
    treatment ("hoe lang wachten na een peeling voor ik mag masseren?": its recovery applies)."""
    cues = _lexicon(k).cues
    i, own = first - 1, False
    while i >= 0 and first - i <= 2 and toks[i].text in cues.between:
        own = own or toks[i].text in cues.own_possessive
        i -= 1
    if i < 0 or toks[i].text not in cues.past_right_before:
        return False
    return own or (_phrase_in(toks, 0, len(toks) - 1, cues.wait, cues.longest_clause_cue) and (
        _phrase_in(toks, 0, i - 1, cues.other_treatment, cues.longest_clause_cue)
        or _phrase_in(toks, last + 1, len(toks) - 1, cues.other_treatment, cues.longest_clause_cue)))


def had_before(text: str, start: int, end: int, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message speak of the time after her own treatment text[start:end] ("na mijn peeling")?"""
    k = knowledge or load_knowledge()
    toks = tokens(text)
    inside = _inside(toks, start, end)
    return bool(inside) and _right_after_na_mijn(toks, inside[0], inside[-1], k)


def told_as_done(text: str, start: int, end: int, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message tell that the treatment text[start:end] took place ("ze had vorige week een
    peeling", "na haar botox"), rather than ask about it ("mag zij microneedling?")?"""
    k = knowledge or load_knowledge()
    toks = tokens(text)
    spans = [(s, e) for _, _, s, e, _ in _find(text, toks, k)] + [(start, end)]
    inside = _inside(toks, start, end)
    if not inside:
        return False
    lo, hi = _clause(toks, spans, inside[0], inside[-1], k)
    cues = _lexicon(k).cues
    j = inside[0] - 1
    between = {*k.taal.verleden.tussenwoorden, *k.taal.ervaarder.bezit}  # "na haar botox"
    while j >= 0 and toks[j].text in between:
        j -= 1
    return _past_in(toks, lo, hi, cues) or (j >= 0 and toks[j].text in cues.past_right_before)


def _past_in(toks: list[Token], lo: int, hi: int, cues: _Cues) -> bool:
    """A past word in the clause, or "laten doen" and the like with a form of "hebben"."""
    if _phrase_in(toks, lo, hi, cues.past, cues.longest_phrase):
        return True
    return (_phrase_in(toks, lo, hi, cues.past_with_have, cues.longest_phrase)
            and _phrase_in(toks, lo, hi, cues.have, cues.longest_phrase))
