"""Conversation ids that cannot be forged (issue: safe by default).

Every conversation is stored under a key whose form says which channel it came from:

- ``web-<22+ url-safe characters>``: the website widget draws it at random (>= 96 bits, here 128);
- ``<channel>-<keyed hash>``: a messaging channel (``tg`` Telegram, ``wa`` WhatsApp) derives it from
  the platform's user id with HMAC-SHA256, so a phone number is never stored, and nobody can type
  another customer's key into the REST channel without the secret.

The customer's *conversation code* for the desk is a third, separate value: a short keyed hash of the
storage key, so the code she reads aloud at the desk does not reveal or equal the key itself.

The secret comes from ``HUIDBOT_ID_SECRET``; without it one is generated once under ``var/`` (mode
0600). Several servers that share conversations (the scaled mode) must share the secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET_ENV = "HUIDBOT_ID_SECRET"
SECRET_FILE_ENV = "HUIDBOT_ID_SECRET_FILE"
DEFAULT_SECRET_FILE = ROOT / "var" / "id_secret"

WEB_PREFIX = "web"
MESSAGING_PREFIXES = {"telegram": "tg", "whatsapp": "wa"}
WEB_ID = re.compile(r"^web-[A-Za-z0-9_-]{22,64}$")
MESSAGING_ID = re.compile(r"^(?:" + "|".join(MESSAGING_PREFIXES.values()) + r")-[0-9a-f]{32}$")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the desk


@lru_cache(maxsize=1)
def id_secret() -> bytes:
    """The keyed-hash secret: the environment's, else one stored once under var/ (created 0600)."""
    configured = os.environ.get(SECRET_ENV, "").strip()
    if configured:
        return configured.encode("utf-8")
    path = Path(os.environ.get(SECRET_FILE_ENV) or DEFAULT_SECRET_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process won the race; read its secret
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip().encode("ascii")


def new_web_id() -> str:
    """A fresh, unguessable id for a website conversation (128 random bits)."""
    return f"{WEB_PREFIX}-{secrets.token_urlsafe(16)}"


def is_web_id(sender_id: str) -> bool:
    """True for an id of the website's random form."""
    return bool(WEB_ID.match(sender_id or ""))


def is_messaging_id(sender_id: str) -> bool:
    """True for an id in a messaging channel's form (tg-…, wa-…): never accepted from the REST channel."""
    return bool(MESSAGING_ID.match(sender_id or ""))


def messaging_key(channel: str, platform_user_id: str | int) -> str:
    """The storage key of a messaging user: channel prefix + keyed hash of the platform id."""
    prefix = MESSAGING_PREFIXES[channel]
    digest = hmac.new(id_secret(), f"{channel}:{platform_user_id}".encode(), hashlib.sha256).hexdigest()
    return f"{prefix}-{digest[:32]}"


def conversation_code(sender_id: str) -> str:
    """The opaque code a customer gives the desk: 8 characters, shown as XXXX-XXXX, not the storage key."""
    digest = hmac.new(id_secret(), f"desk:{sender_id}".encode(), hashlib.sha256).digest()
    letters = base64.b32encode(digest).decode("ascii")
    code = "".join(CODE_ALPHABET[ord(char) % len(CODE_ALPHABET)] for char in letters[:8])
    return f"{code[:4]}-{code[4:]}"


def normalise_code(text: str) -> str:
    """A code as typed at the desk (spaces, lower case, no dash) in the XXXX-XXXX form."""
    letters = re.sub(r"[^A-Za-z0-9]", "", text or "").upper()
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else ""
