"""Spelling tolerance for the safety lexicon: "bloedverdunnners" is "bloedverdunner*".

A token may differ from a term by one edit (terms of 6 letters or more) or two edits
(10 or more); a swap of two neighbouring letters counts as one edit (OSA distance,
rapidfuzz). Only tokens of at least 6 letters that are NOT ordinary Dutch words are
corrected: "trombone", "peeling", "filters" and "later" stay themselves. The Dutch
word list is Debian's `wdutch` (/usr/share/dict/dutch, installed by scripts/setup.sh);
without it the scan fails loudly rather than guessing.

The hot path is cheap: dictionary membership is one set lookup, and the fuzzy match
of a token is cached (the same unknown words come back in every conversation).
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz.distance import OSA

DEFAULT_WORD_LIST = Path("/usr/share/dict/dutch")
WORD_LIST_ENV = "HUIDBOT_DUTCH_WORDS"
MIN_LENGTH = 6  # shorter tokens are never corrected
_COMBINING = re.compile(r"[\u0300-\u036f]")


class WordListMissing(RuntimeError):
    """The Dutch word list that guards the spelling tolerance is not installed."""


def max_edits(length: int) -> int:
    """Edits tolerated for a term of `length` letters: 0 below 6, 1 from 6, 2 from 10."""
    if length >= 10:
        return 2
    return 1 if length >= MIN_LENGTH else 0


def word_list_path() -> Path:
    return Path(os.environ.get(WORD_LIST_ENV) or DEFAULT_WORD_LIST)


@cache
def dutch_words(path: Path | None = None) -> frozenset[str]:
    """The folded words of the Dutch word list (lower case, no accents), read once."""
    path = path or word_list_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WordListMissing(
            f"Dutch word list {path} not found. The spelling tolerance of the safety scan needs it: "
            f"run scripts/setup.sh (installs Debian's 'wdutch' package) or set {WORD_LIST_ENV}."
        ) from None
    folded = _COMBINING.sub("", unicodedata.normalize("NFD", raw.lower())).replace("’", "'")
    return frozenset(folded.split())


def is_dutch_word(word: str) -> bool:
    return word in dutch_words()


@dataclass(frozen=True)
class FuzzyTerm:
    text: str  # folded, without spaces or hyphens
    prefix: bool  # the term ends in "*": any ending is allowed
    owner: int  # the caller's index for (category, value)


class SpellingLexicon:
    """Single-word terms of the lexicon, matched with spelling tolerance."""

    def __init__(self, terms: Iterable[FuzzyTerm], ordinary: Iterable[str] = ()) -> None:
        self._all = tuple(terms)
        self._terms = tuple(t for t in self._all if max_edits(len(t.text)) > 0)
        self._ordinary = frozenset(ordinary)  # extra ordinary words (loan words) besides the list
        self._cache: dict[str, tuple[int, ...]] = {}

    def match(self, token: str) -> tuple[int, ...]:
        """Owners of the closest term(s) within tolerance; () for dictionary words,
        short tokens and tokens close to nothing."""
        if len(token) < MIN_LENGTH or not token.isalpha():
            return ()
        found = self._cache.get(token)
        if found is None:
            found = () if token in self._ordinary or is_dutch_word(token) else (
                self._closest(token) or self._diminutive(token))
            if len(self._cache) < 50_000:
                self._cache[token] = found
        return found

    def _diminutive(self, token: str) -> tuple[int, ...]:
        """"ascaaltje", "sintrommetje": a term in a diminutive, also a short one (exactly)."""
        for stem in diminutive_stems(token):
            exact = tuple(dict.fromkeys(t.owner for t in self._all if stem == t.text
                                        or (t.prefix and stem.startswith(t.text))))
            found = exact or (self._closest(stem) if len(stem) >= MIN_LENGTH else ())
            if found:
                return found
        return ()

    def _closest(self, token: str) -> tuple[int, ...]:
        best, owners = 3, list[int]()
        for term in self._terms:
            k = max_edits(len(term.text))
            d = _prefix_distance(token, term.text, k) if term.prefix else OSA.distance(
                token, term.text, score_cutoff=k)
            if d > k or d > best:
                continue
            if d < best:
                best, owners = d, []
            owners.append(term.owner)
        return tuple(dict.fromkeys(owners))


def _prefix_distance(token: str, stem: str, k: int) -> int:
    """Smallest distance between `stem` and a beginning of `token` (the rest is the free
    ending of a "*" term)."""
    if len(token) < len(stem) - k:
        return k + 1
    lengths = range(max(1, len(stem) - k), min(len(token), len(stem) + k) + 1)
    return min((OSA.distance(token[:n], stem, score_cutoff=k) for n in lengths), default=k + 1)


_DIMINUTIVE = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "kjes", "kje", "jes", "je")
_LONG_VOWEL = re.compile(r"([aeou])\1([^aeiou]+)$")


def diminutive_stems(token: str) -> list[str]:
    """The words a Dutch diminutive may come from: "ascaaltje" -> "ascaal", "ascal"; "sintrommetje" ->
    "sintromm", "sintrom" (a doubled last consonant or long vowel written single again)."""
    stems: list[str] = []
    for suffix in _DIMINUTIVE:
        stem = token[: -len(suffix)]
        if not token.endswith(suffix) or len(stem) < 4:
            continue
        stems.append(stem)
        if stem[-1] == stem[-2]:
            stems.append(stem[:-1])
        if m := _LONG_VOWEL.search(stem):
            stems.append(stem[: m.start()] + m.group(1) + m.group(2))
    return list(dict.fromkeys(stems))


class WordCorrector:
    """Typos in a message, read as the vocabulary's words ("wlalen" -> "wallen",
    "puisjtes" -> "puistjes", "gezichtsmasage" -> "gezichtsmassage").

    A word is corrected only when it is at least MIN_LENGTH letters, neither in the
    vocabulary nor an ordinary Dutch word, and a vocabulary word lies closest to it
    within `max_edits` of the word's length; of several equally close, the one used
    most often (`vocabulary` counts uses), unless two tie. The intent classifier
    reads the corrected text; the message itself (and the entity spans in it) stays
    as she typed it.
    """

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self._known = dict(vocabulary)
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self._known):
            if word.isalpha() and len(word) >= MIN_LENGTH - 2:
                self._by_length.setdefault(len(word), []).append(word)
        self._cache: dict[str, str] = {}

    @property
    def vocabulary(self) -> dict[str, int]:
        return dict(self._known)

    def correct(self, text: str) -> str:
        """`text` (lower case, no accents) with its typos replaced."""
        return _WORD.sub(lambda m: self.word(m.group(0)), text)

    def word(self, token: str) -> str:
        if len(token) < MIN_LENGTH or not token.isalpha() or token in self._known or is_dutch_word(token):
            return token
        found = self._cache.get(token)
        if found is None:
            found = self._closest(token)
            if len(self._cache) < 50_000:
                self._cache[token] = found
        return found

    def _closest(self, token: str) -> str:
        k = max_edits(len(token))
        best, words = k + 1, list[str]()
        for length in range(len(token) - k, len(token) + k + 1):
            for word in self._by_length.get(length, ()):
                d = OSA.distance(token, word, score_cutoff=k)
                if d > k:
                    continue
                if d < best:
                    best, words = d, [word]
                elif d == best:
                    words.append(word)
        uses = sorted((self._known[w] for w in words), reverse=True)
        if not words or (len(uses) > 1 and uses[0] == uses[1]):
            return token
        return max(words, key=self._known.__getitem__)


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
