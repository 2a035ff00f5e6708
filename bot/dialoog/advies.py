"""Tailored advice per skin concern, always filtered through the safety gate.

Reads huidzorgen.yml; asks bot.safety for a verdict on the technique the
advice would recommend, with everything known about the person. A verdict of
WACHT or stricter replaces the treatment advice by the explanation of why not
(yet) and what to do instead; VOORZICHTIG adds the caution to the advice.
"""
from __future__ import annotations

from typing import Any

from bot.dialoog.data import concern_data
from bot.dialoog.reply import Bubble, Reply, buttons_from
from bot.phrasing import explain_verdict
from bot.safety import Facts, VerdictLevel, check_request

CONCERNS = (
    "wallen", "acne", "stress", "na_peeling",
    "roodheid_gevoeligheid", "vale_huid", "lijntjes_littekens", "onderhoud",
)
FOLLOWUP_PREFIX = "vervolg:"
ASK_PROCEDURE = "na_peeling:ingreep"
ASK_DAYS = "na_peeling:dagen"


def _texts(items: list[dict[str, Any]]) -> list[Bubble]:
    return [Bubble(item["tekst"]) for item in items]


def _sources(*groups: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({item["bron"] for group in groups for item in group}))


def _question(data: dict[str, Any]) -> Bubble:
    return Bubble(data["vraag"], buttons_from(data["knoppen"]))


# "Allowed with care" is said in at most this many bubbles inside advice.
CAUTION_BUBBLES = 2


def _safety_bubbles(facts: Facts, verzoek: str) -> tuple[VerdictLevel, list[Bubble]]:
    """The verdict and what to say about it: everything when it blocks, a short caution otherwise."""
    verdict = check_request(facts, verzoek)
    if verdict.level == VerdictLevel.TOEGESTAAN:
        return verdict.level, []
    bubbles = [Bubble(text) for text in explain_verdict(verdict, verzoek)]
    return verdict.level, bubbles if verdict.level >= VerdictLevel.WACHT else bubbles[:CAUTION_BUBBLES]


def concern_reply(concern: str, facts: Facts) -> Reply:
    """The advice for one concern, given what is known about the person."""
    data = concern_data()["huidzorgen"][concern]
    if concern == "na_peeling":
        return _aftercare_reply(data, facts)

    level, caution = _safety_bubbles(facts, data["techniek"])
    if level >= VerdictLevel.WACHT:
        return Reply(tuple(caution), open_vraag=None, advies=(f"{concern}:veiligheid",))

    bubbles = _texts(data["helpt"]) + caution + _texts(data["vermijden"][:1]) + _texts(data["verwachting"][:1])
    bubbles.append(_question(data["vervolg"]))
    return Reply(
        tuple(bubbles),
        open_vraag=FOLLOWUP_PREFIX + concern,
        advies=(f"{concern}:{data['techniek']}",),
        sources=_sources(data["helpt"], data["vermijden"], data["verwachting"]),
    )


def _aftercare_reply(data: dict[str, Any], facts: Facts) -> Reply:
    """After a peel, laser, injectables or microneedling: first what and when."""
    procedure = facts.laatste_behandeling
    if procedure is None:
        return Reply((*_texts(data["helpt"]), _question(data["vraag_ingreep"])), open_vraag=ASK_PROCEDURE)
    aftercare = _texts(data["nazorg"].get(procedure, []))
    if facts.dagen_sinds_behandeling is None:
        return Reply((*aftercare[:1], _question(data["vraag_dagen"])), open_vraag=ASK_DAYS)
    verdict = check_request(facts, data["techniek"])
    verdict_bubbles = [Bubble(text) for text in explain_verdict(verdict, data["techniek"])]
    return Reply(tuple(verdict_bubbles + aftercare), open_vraag=None, advies=(f"na_peeling:{procedure}",))


def followup_reply(open_vraag: str | None, answer_yes: bool, facts: Facts, phase_known: bool) -> Reply:
    """The answer to the follow-up question, then the offer of a phase check."""
    offer = concern_data()["huidcheck_aanbod"]
    offer_bubble = Bubble(offer["vraag"], buttons_from(offer["knoppen"]))
    if not open_vraag or not open_vraag.startswith(FOLLOWUP_PREFIX):
        return Reply((offer_bubble,), open_vraag="huidcheck_aanbod")
    concern = open_vraag[len(FOLLOWUP_PREFIX):]
    data = concern_data()["huidzorgen"][concern]
    level, caution = _safety_bubbles(facts, data["techniek"])
    if level >= VerdictLevel.WACHT:  # something changed since the advice
        return Reply(tuple(caution), open_vraag=None)
    answer = _texts(data["vervolg"]["ja" if answer_yes else "nee"])
    bubbles = answer if phase_known else answer + [offer_bubble]
    return Reply(tuple(bubbles), open_vraag=None if phase_known else "huidcheck_aanbod")
