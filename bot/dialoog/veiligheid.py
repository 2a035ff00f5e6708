"""The answer to a medical situation: the safety gate, spoken out loud."""
from __future__ import annotations

from bot.dialoog.advies import ASK_DAYS
from bot.dialoog.data import concern_data
from bot.dialoog.geheugen import Memory
from bot.dialoog.reply import Bubble, Reply, buttons_from
from bot.phrasing import explain_verdict
from bot.safety import check_request

# With no treatment named, the question is whether facial massage is safe:
# that is what this bot advises on.
DEFAULT_REQUEST = "gezichtsmassage"


def safety_reply(memory: Memory, fase: str | None, asked: str | None) -> Reply:
    """Verdict on what was asked (or on facial massage) with all known facts."""
    if memory.behandeling is not None and memory.dagen_sinds_behandeling is None:
        question = concern_data()["huidzorgen"]["na_peeling"]["vraag_dagen"]
        return Reply((Bubble(question["vraag"], buttons_from(question["knoppen"])),), open_vraag=ASK_DAYS)
    verzoek = asked or DEFAULT_REQUEST
    verdict = check_request(memory.facts(fase), verzoek)
    bubbles = tuple(Bubble(text) for text in explain_verdict(verdict, verzoek))
    return Reply(bubbles, open_vraag=None, advies=(f"veiligheid:{verzoek}:{verdict.level.value}",))
