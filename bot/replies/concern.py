"""Tailored advice per skin concern, always through the safety gate.

Reads huidzorgen.yml; the gate judges the technique the advice would recommend,
with everything known about the person. A blocked technique replaces the advice
by the one warning bubble; a caution is said once, inside the advice.
"""
from __future__ import annotations

from typing import Any

from bot.replies.gate import safety_gate
from bot.replies.reply import Reply, question_bubble, text_bubbles
from bot.replies.texts import concern_data
from bot.rules.safety import Facts

CONCERNS = (
    "wallen", "acne", "stress", "na_peeling",
    "roodheid_gevoeligheid", "vale_huid", "lijntjes_littekens", "onderhoud",
)
FOLLOWUP_PREFIX = "vervolg:"
ASK_PROCEDURE = "na_peeling:ingreep"
ASK_DAYS = "na_peeling:dagen"


def _sources(*groups: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({item["bron"] for group in groups for item in group}))


def concern_reply(concern: str, facts: Facts) -> Reply:
    """The advice for one concern, given what is known about the person."""
    data = concern_data()["huidzorgen"][concern]
    if concern == "na_peeling":
        return _aftercare_reply(data, facts)

    gate = safety_gate(facts, data["techniek"])
    if gate.blocked:
        return Reply((gate.answer,), advice=(f"{concern}:veiligheid",))

    caution = [gate.warning] if gate.warning else []
    bubbles = (text_bubbles(data["helpt"]) + caution + text_bubbles(data["vermijden"][:1])
               + text_bubbles(data["verwachting"][:1]) + [question_bubble(data["vervolg"])])
    return Reply(
        tuple(bubbles),
        open_question=FOLLOWUP_PREFIX + concern,
        advice=(f"{concern}:{data['techniek']}",),
        sources=_sources(data["helpt"], data["vermijden"], data["verwachting"]),
    )


def _aftercare_reply(data: dict[str, Any], facts: Facts) -> Reply:
    """After a peel, laser, injectables or microneedling: first what and when."""
    procedure = facts.last_procedure
    if procedure is None:
        return Reply((*text_bubbles(data["helpt"]), question_bubble(data["vraag_ingreep"])),
                     open_question=ASK_PROCEDURE)
    aftercare = text_bubbles(data["nazorg"].get(procedure, []))
    if facts.days_since_procedure is None:
        return Reply((*aftercare[:1], question_bubble(data["vraag_dagen"])), open_question=ASK_DAYS)
    gate = safety_gate(facts, data["techniek"])
    return Reply((gate.answer, *aftercare), advice=(f"na_peeling:{procedure}",))


def followup_reply(open_question: str | None, answer_yes: bool, facts: Facts, phase_known: bool) -> Reply:
    """The answer to the follow-up question, then the offer of a phase check."""
    offer = question_bubble(concern_data()["huidcheck_aanbod"])
    if not open_question or not open_question.startswith(FOLLOWUP_PREFIX):
        return Reply((offer,), open_question="huidcheck_aanbod")
    concern = open_question[len(FOLLOWUP_PREFIX):]
    data = concern_data()["huidzorgen"][concern]
    gate = safety_gate(facts, data["techniek"])
    if gate.blocked:  # something changed since the advice
        return Reply((gate.answer,))
    answer = text_bubbles(data["vervolg"]["ja" if answer_yes else "nee"])
    bubbles = answer if phase_known else answer + [offer]
    return Reply(tuple(bubbles), open_question=None if phase_known else "huidcheck_aanbod")
