"""Which short answer (knowledge/vragen.yml) a question asks for: a deterministic word match.

    match_question("hoe lang is mijn huid rood na microneedling?")   # -> Match(vraag=microneedling.herstel, ...)

Every answer has signals (words and word groups). A signal is found when all its words occur
in the question (any order), with spelling tolerance: one edit for words of five letters or
more, two for nine or more; "word*" also matches what starts with it. An answer scores the
weight of the question's words its signals cover (filler words count little), plus a bonus
when the question names its topic (microneedling, massage, ...) and a penalty when it names
another topic only; the NLU intent, when given, adds a bonus. No training involved.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.model import Vraag
from bot.rules.negation import scan_facts
from bot.textnorm import find_words, key, tokens

try:  # rapidfuzz when installed, else the standard library
    from rapidfuzz.distance import Levenshtein as _levenshtein
except ImportError:  # pragma: no cover - depends on the environment
    _levenshtein = None  # type: ignore[assignment]

FILLER_WEIGHT = 0.3
TOPIC_BONUS = 1.0
OTHER_TOPIC_PENALTY = 1.5
INTENT_BONUS = 1.0  # a question's form ("hoe vaak") outweighs a tool it names ("gua sha")
MIN_COVERAGE = 0.6  # one content word, or two filler words, of the question must be explained
# A clear match: two content words, or one and the answer's topic; the best off-topic message of
# tests/nlu/out_of_scope_heldout.yml scores 1.3 (components/fallback_rescue.py).
CLEAR_SCORE = 1.9


@dataclass(frozen=True)
class _Signal:
    words: tuple[str, ...]  # a trailing "*" marks a prefix
    initials: frozenset[str] = field(init=False, compare=False)  # what a message must hold for a match

    def __post_init__(self) -> None:
        object.__setattr__(self, "initials", frozenset(w[:1] for w in self.words))


@dataclass(frozen=True)
class Match:
    entry: Vraag
    score: float
    covered: tuple[str, ...]  # the question's words the signals explained


def words(text: str) -> list[str]:
    """The folded words of `text` ("'s avonds" -> ["s", "avonds"]; "gua-sha" -> ["gua", "sha"])."""
    return [w for t in tokens(key(text).replace("'", " ")) for w in [t.text] if w[0].isalnum()]


def max_edits(word: str) -> int:
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0


def _distance(a: str, b: str, limit: int) -> int:
    if _levenshtein is not None:
        return int(_levenshtein.distance(a, b, score_cutoff=limit))
    ratio = difflib.SequenceMatcher(None, a, b).ratio()  # fallback: edits estimated from the ratio
    return round((1 - ratio) * max(len(a), len(b)))


def word_matches(signal_word: str, word: str) -> bool:
    """Does a word of the question match one word of a signal (prefix, exact or a small typo)?"""
    if signal_word.endswith("*"):
        return word.startswith(signal_word[:-1])
    if word == signal_word:
        return True
    limit = max_edits(signal_word)
    if not limit or abs(len(word) - len(signal_word)) > limit or word[:1] != signal_word[:1]:
        return False
    return _distance(word, signal_word, limit) <= limit


class _Message:
    """The question's words, with the positions each signal word matches, worked out once per
    question (an answer's signals share many words: "microneedling", "huid*", ...)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self._positions: dict[str, tuple[int, ...]] = {}
        # word_matches needs the same first letter (prefix, exact word or typo alike)
        self._by_initial: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            self._by_initial.setdefault(w[:1], []).append(i)
        self.initials = frozenset(self._by_initial)

    def positions(self, signal_word: str) -> tuple[int, ...]:
        found = self._positions.get(signal_word)
        if found is None:
            found = tuple(i for i in self._by_initial.get(signal_word[:1], ())
                          if word_matches(signal_word, self.words[i]))
            self._positions[signal_word] = found
        return found


def _found(signal: _Signal, message: _Message) -> set[int] | None:
    """Positions in `message` of the signal's words, or None when one of them is missing."""
    if not signal.initials <= message.initials:  # a word cannot match: no word with its first letter
        return None
    positions: set[int] = set()
    for sw in signal.words:
        hit = next((i for i in message.positions(sw) if i not in positions), None)
        if hit is None:
            return None
        positions.add(hit)
    return positions


def _signal(text: str) -> _Signal | None:
    parts = words(text.replace("*", ""))
    if not parts:
        return None
    if text.rstrip().endswith("*"):
        parts[-1] += "*"
    return _Signal(tuple(parts))


def _signal_list(texts: Iterable[str]) -> tuple[_Signal, ...]:
    return tuple(s for s in map(_signal, texts) if s is not None)


@cache
def _signals(knowledge: Knowledge) -> dict[str, tuple[_Signal, ...]]:
    return {v.id: _signal_list(v.signalen) for v in knowledge.vragen.vragen}


@cache
def _topics(knowledge: Knowledge) -> dict[str, tuple[_Signal, ...]]:
    return {name: _signal_list(terms) for name, terms in knowledge.vragen.onderwerpen.items()}


def topics_in(message: _Message, knowledge: Knowledge) -> dict[str, set[int]]:
    """The topics the question names, each with the positions of the words that name it."""
    named: dict[str, set[int]] = {}
    for name, signals in _topics(knowledge).items():
        for signal in signals:
            found = _found(signal, message)
            if found is not None:
                named.setdefault(name, set()).update(found)
    return named


def candidates(question: str, intent: str | None = None, *, knowledge: Knowledge | None = None) -> list[Match]:
    """Every answer whose signals occur in `question`, best first (ties: file order)."""
    k = knowledge or load_knowledge()
    message = words(question or "")
    if not message:
        return []
    fillers = frozenset(k.vragen.vulwoorden)
    matched = _Message(message)
    named = topics_in(matched, k)
    procedures = frozenset(k.contract.ingreep)
    other_procedure = scan_facts(question).procedures  # "na een botox behandeling": not microneedling's
    found: list[Match] = []
    for order, entry in enumerate(k.vragen.vragen):
        if entry.behandeling in procedures and other_procedure and entry.behandeling not in other_procedure:
            continue  # an answer about one procedure never answers a question about another
        covered: set[int] = set()
        for signal in _signals(k)[entry.id]:
            hit = _found(signal, matched)
            if hit is not None:
                covered |= hit - named.get(entry.onderwerp or "", set())  # its own topic is no signal
        weight = sum(FILLER_WEIGHT if message[i] in fillers else 1.0 for i in covered)
        if weight < MIN_COVERAGE:
            continue
        score = weight
        if entry.onderwerp in named:
            score += TOPIC_BONUS
        elif named and (entry.onderwerp or not _same_intent(entry, intent)):
            score -= OTHER_TOPIC_PENALTY
        if intent and _same_intent(entry, intent):
            score += INTENT_BONUS
        found.append(Match(entry, score - order * 1e-6, tuple(message[i] for i in sorted(covered))))
    return sorted(found, key=lambda m: -m.score)


def _same_intent(entry: Vraag, intent: str | None) -> bool:
    return intent is not None and (entry.intentie == intent or intent in entry.ook_bij)


def match_question(question: str, intent: str | None = None, *, knowledge: Knowledge | None = None) -> Match | None:
    """The answer `question` asks for, or None when no answer's signals occur in it."""
    found = candidates(question, intent, knowledge=knowledge)
    return found[0] if found and found[0].score > 0 else None


def named_topics(question: str, *, knowledge: Knowledge | None = None) -> set[str]:
    """The topics (vragen.yml `onderwerpen`) a question names."""
    k = knowledge or load_knowledge()
    return set(topics_in(_Message(words(question or "")), k))


def named_request(text: str, *, knowledge: Knowledge | None = None) -> str | None:
    """The treatment a message asks about without its name ("mag ik al masseren?"), for the
    safety gate: the first topic it names that the gate checks (`poort.onderwerp`: "masseren"
    -> gezichtsmassage), else a general word for a treatment (taal.yml `verzoek`)."""
    k = knowledge or load_knowledge()
    gate_for = k.vragen.poort["onderwerp"]
    named = topics_in(_Message(words(text or "")), k)
    gated = sorted((min(positions), gate_for[topic]) for topic, positions in named.items() if topic in gate_for)
    if gated:
        return gated[0][1]
    found = find_words(k.taal.verzoek, text)
    return found[0][2] if found else None


def ids(matches: Iterable[Match]) -> list[str]:
    return [m.entry.id for m in matches]
