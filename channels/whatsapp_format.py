"""What one bot message becomes on WhatsApp: pure functions, no network (channels/whatsapp.py sends).

WhatsApp Cloud API limits (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/):

- a text message: at most 4096 characters  -> `split_text` at sentence boundaries;
- reply buttons: 1-3, title <= 20 characters, id <= 256, body <= 1024  -> `reply_buttons`;
- a list message: 1-10 rows, row title <= 24, description <= 72, id <= 200, body <= 4096  -> `list_rows`;
- anything else: the options as a numbered list in the text; the channel then remembers the
  payloads, and a bare number as the customer's next message selects one (`chosen_option`).

Button ids are the payloads themselves, so a tap maps straight back to what the bot offered.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

TEXT_MAX = 4096
BUTTON_BODY_MAX = 1024
LIST_BODY_MAX = 4096
BUTTONS_MAX = 3
BUTTON_TITLE_MAX = 20
BUTTON_ID_MAX = 256
ROWS_MAX = 10
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
ROW_ID_MAX = 200
ELLIPSIS = "…"
# A shortened button title must keep at least this share of the title's characters, else the
# options go into a list, whose rows show 24 characters and the whole title underneath.
KEEP_AT_LEAST = 0.6

_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n+")
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


@dataclass(frozen=True)
class Option:
    """A button as the bot offered it: what the customer sees and what the bot gets back."""

    title: str
    payload: str


@dataclass
class Plan:
    """The WhatsApp messages for one bot message, in order, and the options offered by number."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)  # payloads, option 1 first


@dataclass(frozen=True)
class Labels:
    """The channel's own Dutch words (bot/texts/whatsapp.yml)."""

    list_button: str  # opens a list message, <= 20 characters
    section_title: str  # above the rows of a list, <= 24 characters
    choose: str  # body when the message has buttons but no text
    number_hint: str  # under numbered options


# --- text -----------------------------------------------------------------------------------
def to_whatsapp_markup(text: str) -> str:
    """Markdown from the bot's responses in WhatsApp's own markup: *bold*, links as plain text."""
    text = re.sub(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)",
                  lambda m: m.group(2) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"*\1*", text)
    text = re.sub(r"__(?=\S)(.+?)(?<=\S)__", r"*\1*", text)
    text = re.sub(r"~~(?=\S)(.+?)(?<=\S)~~", r"~\1~", text)
    text = re.sub(r"^#{1,6}\s+(.+?)\s*#*$", r"*\1*", text, flags=re.MULTILINE)
    return text


def split_text(text: str, limit: int = TEXT_MAX) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut after a sentence (or a line) where
    possible, else between words, and only inside a word that is longer than `limit` itself."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    position = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        sentence = text[position:end]
        separator = match.group(0) if match else ""
        position = match.end() if match else len(text)
        if not sentence:
            continue
        joined = f"{current}{sentence}" if current else sentence
        if len(joined) <= limit:
            current = joined + separator
            continue
        if current.strip():
            pieces.append(current.strip())
        while len(sentence) > limit:  # one sentence longer than a whole message: cut between words
            cut = sentence.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].lstrip()
        current = sentence + separator
    if current.strip():
        pieces.append(current.strip())
    return pieces


def shorten(title: str, limit: int) -> str:
    """`title` in at most `limit` characters: as it is when it fits; without a closing ? or .;
    else whole words and an ellipsis; a single word longer than the limit is cut, with an ellipsis."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    bare = title.rstrip("?.!")
    if len(bare) <= limit:
        return bare
    words: list[str] = []
    for word in bare.split(" "):
        candidate = " ".join([*words, word]).rstrip(",;:-–(")
        if len(candidate) + len(ELLIPSIS) > limit:
            break
        words.append(word)
    kept = " ".join(words).rstrip(" ,;:-–(")
    if not kept:
        return bare[: limit - len(ELLIPSIS)] + ELLIPSIS
    return kept + ELLIPSIS


def _sensible(title: str, limit: int) -> bool:
    short = shorten(title, limit).removesuffix(ELLIPSIS)
    return len(short) >= KEEP_AT_LEAST * len(" ".join(title.split()).rstrip("?.!"))


# --- buttons --------------------------------------------------------------------------------
def reply_buttons(options: Sequence[Option]) -> list[dict[str, Any]] | None:
    """Interactive reply buttons for 1-3 options, or None if they do not fit sensibly."""
    if not 1 <= len(options) <= BUTTONS_MAX:
        return None
    titles = [shorten(o.title, BUTTON_TITLE_MAX) for o in options]
    ids = [o.payload for o in options]
    if (not all(_sensible(o.title, BUTTON_TITLE_MAX) for o in options) or not all(titles)
            or len(set(titles)) < len(titles) or not _usable_ids(ids, BUTTON_ID_MAX)):
        return None
    return [{"type": "reply", "reply": {"id": i, "title": t}} for i, t in zip(ids, titles, strict=True)]


def list_rows(options: Sequence[Option]) -> list[dict[str, Any]] | None:
    """List rows for 1-10 options (a shortened title gets the whole one as its description),
    or None if they do not fit."""
    if not 1 <= len(options) <= ROWS_MAX:
        return None
    rows: list[dict[str, Any]] = []
    for option in options:
        whole = " ".join(option.title.split())
        row: dict[str, Any] = {"id": option.payload, "title": shorten(whole, ROW_TITLE_MAX)}
        if row["title"] != whole:
            if len(whole) > ROW_DESCRIPTION_MAX:
                return None
            row["description"] = whole
        rows.append(row)
    titles = [r["title"] for r in rows]
    if not all(titles) or not _usable_ids([o.payload for o in options], ROW_ID_MAX):
        return None
    return rows


def _usable_ids(ids: Sequence[str], limit: int) -> bool:
    return all(0 < len(i) <= limit for i in ids) and len(set(ids)) == len(ids)


def numbered_text(text: str, options: Sequence[Option], hint: str) -> str:
    lines = "\n".join(f"{number}. {' '.join(o.title.split())}" for number, o in enumerate(options, 1))
    return "\n\n".join(part for part in (text.strip(), lines, hint) if part)


def chosen_option(text: str, numbered: Sequence[str]) -> str | None:
    """The payload a bare number ("2", "2.", " 2 ") picks from the options just offered, else None."""
    match = _NUMBER.match(text or "")
    if not match or not numbered:
        return None
    number = int(match.group(1))
    return numbered[number - 1] if 1 <= number <= len(numbered) else None


# --- one bot message ------------------------------------------------------------------------
def text_message(body: str) -> dict[str, Any]:
    # preview_url false: a link stays plain text, WhatsApp fetches nothing for it.
    return {"type": "text", "text": {"body": body, "preview_url": False}}


def plan(text: str, buttons: Sequence[Option], labels: Labels) -> Plan:
    """The WhatsApp messages for a bot message with `text` and `buttons` (see the module doc)."""
    text = to_whatsapp_markup(text or "")
    if not buttons:
        return Plan([text_message(piece) for piece in split_text(text)])
    found = reply_buttons(buttons)
    if found is not None:
        return _interactive(text, BUTTON_BODY_MAX, labels,
                            {"type": "button", "action": {"buttons": found}})
    rows = list_rows(buttons)
    if rows is not None:
        return _interactive(text, LIST_BODY_MAX, labels,
                            {"type": "list", "action": {"button": labels.list_button,
                                                        "sections": [{"title": labels.section_title, "rows": rows}]}})
    pieces = split_text(numbered_text(text, buttons, labels.number_hint))
    return Plan([text_message(piece) for piece in pieces], [o.payload for o in buttons])


def _interactive(text: str, body_max: int, labels: Labels, interactive: dict[str, Any]) -> Plan:
    """Text pieces first; the last piece (within the body limit) carries the buttons or the list."""
    pieces = split_text(text)
    if pieces and len(pieces[-1]) > body_max:
        pieces[-1:] = split_text(pieces[-1], body_max)
    body = pieces.pop() if pieces else labels.choose
    messages = [text_message(piece) for piece in pieces]
    messages.append({"type": "interactive", "interactive": {**interactive, "body": {"text": body}}})
    return Plan(messages)
