"""Small text helpers shared by the parsers: case/accent folding and word tokens.

`fold` keeps the length of the text, so offsets found in the folded text are valid
offsets in the original message.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[a-z]+(?:'[a-z]+)?|[^\sa-z0-9]")
_PUNCT = frozenset(".,;:!?()[]\"“”/")


def _fold_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:
        return char
    base = unicodedata.normalize("NFD", lower)[0]
    return base if base.isascii() else lower


def fold(text: str) -> str:
    """Lower case without accents ("Eén" -> "een"), same length as `text`."""
    return "".join(_fold_char(c) for c in text).replace("’", "'").replace("‘", "'")


def key(text: str) -> str:
    """A lookup key: folded, "_" and "-" as spaces, single spaces, stripped."""
    return " ".join(fold(text).replace("_", " ").replace("-", " ").split())


@dataclass(frozen=True)
class Token:
    text: str  # folded
    start: int
    end: int

    @property
    def is_punct(self) -> bool:
        return self.text in _PUNCT


def tokens(text: str) -> list[Token]:
    """Word, number and punctuation tokens of the folded `text`, with offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(fold(text))]


def join_list(items: list[str] | tuple[str, ...], last_word: str) -> str:
    """ "a", "a en b", "a, b en c" (the conjunction comes from taal.yml)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last_word} {items[-1]}"


def word_pattern(word: str) -> str:
    """Regex for a whole folded word or phrase; a trailing * also takes every ending ("jeuk*": jeukt)."""
    tail = r"\w*" if word.endswith("*") else ""
    return rf"(?<!\w){re.escape(fold(word.rstrip('*')))}{tail}(?!\w)"


def find_words(words_by_key: Mapping[str, Iterable[str]], text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every listed word or phrase in `text`, in text order (see word_pattern)."""
    folded = fold(text or "")
    return sorted((m.start(), m.end(), key) for key, words in words_by_key.items()
                  for word in words for m in re.finditer(word_pattern(word), folded))
