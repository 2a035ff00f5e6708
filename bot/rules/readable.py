"""Does an unsure message hold any word the bot can read ("asdfghjkl", "qwp zzkrt" do not)?

Why: the fallback question offers the classifier's likeliest meanings as buttons; for
keyboard mash those are noise ("Gewoon even hallo zeggen", "Bedanken"). A message
with no ordinary Dutch word (Debian's `wdutch`), no term of the safety lexicon (with
its spelling tolerance: "xareltoo") and no treatment name gets a plain "tell me in a
few words" instead.
"""
from __future__ import annotations

import re

from bot.rules.follow_up import treatments_named
from bot.rules.negation import scan_facts
from bot.rules.spelling import is_dutch_word
from bot.textnorm import fold

_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def reads_no_word(text: str) -> bool:
    """True when `text` has letters but no word the bot knows."""
    words = _LETTERS.findall(fold(text))
    if not words or any(is_dutch_word(w) for w in words):
        return False
    return not (scan_facts(text).mentions or treatments_named(text))
