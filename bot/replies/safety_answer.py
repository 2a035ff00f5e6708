"""The answer to a medical situation: the safety gate, spoken out loud."""
from __future__ import annotations

from bot.replies.concern import ASK_DAYS
from bot.replies.gate import safety_gate
from bot.replies.reply import Reply, question_bubble
from bot.replies.texts import concern_data
from bot.rules.facts import Memory

# With no treatment named, the question is whether facial massage is safe:
# that is what this bot advises on.
DEFAULT_REQUEST = "gezichtsmassage"


def safety_reply(memory: Memory, phase: str | None, asked: str | None) -> Reply:
    """Verdict on what was asked (or on facial massage) with all known facts."""
    if memory.last_procedure is not None and memory.days_since_procedure is None:
        question = concern_data()["huidzorgen"]["na_peeling"]["vraag_dagen"]
        return Reply((question_bubble(question),), open_question=ASK_DAYS)
    request = asked or DEFAULT_REQUEST
    gate = safety_gate(memory.facts(phase), request)
    return Reply((gate.answer,), advice=(f"veiligheid:{request}:{gate.verdict.level.value}",))
