"""Cleans a raw chat message before the NLU sees it.

Why: Rasa 3.6 featurizes the whole message. A 200 000-character message took
38 s and 11 GB on this kind of machine, stalling every other user. So the NLU
only ever sees the first MAX_CHARS characters, HTML is reduced to its text,
and messages without any letters are flagged so the dialogue can answer them
kindly instead of guessing an intent.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum
from html.parser import HTMLParser

MAX_CHARS = 1000
# Key under which the NLU's parse data carries the InputKind of a message.
INPUT_KIND_KEY = "huidbot_input_kind"

_TAG_LIKE = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_SPACES = re.compile(r"\s+")


class InputKind(str, Enum):
    """What kind of message this is, as far as the guard can tell."""

    OK = "ok"
    LEEG = "leeg"  # empty or only white space
    TE_LANG = "te_lang"  # longer than MAX_CHARS
    GEEN_TEKST = "geen_tekst"  # no letters at all: emoji only, digits, punctuation


@dataclass(frozen=True)
class CleanInput:
    text: str  # what the NLU may see: at most MAX_CHARS characters
    kind: InputKind
    original_length: int
    had_html: bool


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """The visible text of an HTML fragment (scripts and styles dropped)."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return html.unescape("".join(parser.parts))


def clean_input(raw: str | None, max_chars: int = MAX_CHARS) -> CleanInput:
    """Classify and shorten a raw message. Never raises on any string."""
    raw = raw or ""
    original_length = len(raw)
    # Work on a bounded prefix only: stripping HTML from 200 000 characters
    # would itself be slow. Tags cut off at the boundary are harmless.
    text = raw[: max_chars * 4]
    had_html = bool(_TAG_LIKE.search(text))
    if had_html:
        text = strip_html(text)
    text = _SPACES.sub(" ", text).strip()[:max_chars]

    if original_length > max_chars:
        kind = InputKind.TE_LANG
    elif not text:
        kind = InputKind.LEEG
    elif not _LETTER.search(text):
        kind = InputKind.GEEN_TEKST
    else:
        kind = InputKind.OK
    return CleanInput(text=text, kind=kind, original_length=original_length, had_html=had_html)
