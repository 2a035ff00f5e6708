"""The answer to a medical situation: the safety gate, spoken out loud."""
from __future__ import annotations

from bot.replies.concern import ASK_DAYS
from bot.replies.gate import safety_gate
from bot.replies.reply import Bubble, Reply, question_bubble
from bot.replies.texts import concern_data
from bot.rules.facts import Memory

# With no treatment named, the question is whether facial massage is safe:
# that is what this bot advises on.
DEFAULT_REQUEST = "gezichtsmassage"


def safety_reply(memory: Memory, phase: str | None, asked: str | None, concern: str | None = None) -> Reply:
    """Verdict on what was asked, else on the technique for the concern named with it
    ("wallen en bloedverdunners": lymph drainage, and the wallen acknowledged), else on
    facial massage, with all known facts. One bubble."""
    if memory.last_procedure is not None and memory.days_since_procedure is None:
        question = concern_data()["huidzorgen"]["na_peeling"]["vraag_dagen"]
        return Reply((question_bubble(question),), open_question=ASK_DAYS)
    data = concern_data()["huidzorgen"].get(concern or "") if asked is None else None
    request = asked or (data["techniek"] if data else DEFAULT_REQUEST)
    gate = safety_gate(memory.facts(phase), request)
    bubble = Bubble(f"{data['erkenning']} {gate.text}") if data else gate.answer
    said = (f"{concern}.erkenning",) if data else ()
    return Reply((bubble,), advice=(f"veiligheid:{request}:{gate.verdict.level.value}",), facts=said)
