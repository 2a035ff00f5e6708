"""Signs that need a doctor now (bot/texts/dringend.yml): they come before any skin advice.

A sign is present when every one of its word groups occurs in the message, not negated
("geen koorts" is no fever). Its level says whom to call: 112, or the huisarts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.datafiles import BOT_DIR, load_data_file
from bot.rules.negation import is_negated
from bot.textnorm import fold, word_pattern

URGENT_FILE = BOT_DIR / "texts" / "dringend.yml"


@dataclass(frozen=True)
class UrgentSign:
    id: str
    level: str  # "112" | "huisarts"


@cache
def urgent_data() -> dict[str, Any]:
    return load_data_file(URGENT_FILE, "dringend")


@cache
def _signs() -> tuple[tuple[UrgentSign, tuple[re.Pattern[str], ...]], ...]:
    out = []
    for sign in urgent_data()["signalen"]:
        groups = tuple(re.compile("|".join(word_pattern(w) for w in group)) for group in sign["groepen"])
        out.append((UrgentSign(sign["id"], sign["niveau"]), groups))
    return tuple(out)


def urgent_sign(text: str | None) -> UrgentSign | None:
    """The first urgent sign in the message (112 before huisarts), or None."""
    folded = fold(text or "")
    found = [sign for sign, groups in _signs() if all(_present(text or "", folded, g) for g in groups)]
    return min(found, key=lambda s: s.level != "112") if found else None


def _present(text: str, folded: str, group: re.Pattern[str]) -> bool:
    return any(not is_negated(text, m.start(), m.end()) for m in group.finditer(folded))
