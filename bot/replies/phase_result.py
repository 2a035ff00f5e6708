"""The result of the phase intake: the phase, why, and its care, safety first."""
from __future__ import annotations

import dataclasses

from bot.knowledge import load_knowledge
from bot.replies.gate import safety_gate
from bot.replies.reply import Bubble, Reply
from bot.replies.texts import intake_texts
from bot.rules.facts import Memory
from bot.rules.phase import PhaseAssessment, assess_phase, tied_phases

# The treatment each phase's care recommends; checked against the facts.
CARE_TREATMENT = {
    "reset": "gezichtsmassage",
    "activate": "gezichtsmassage",
    "repair": "microneedling",
    "radiance": "gezichtsmassage",
    "sustain": "gezichtsmassage",
}


def phase_reply(memory: Memory, choice: str | None = None) -> tuple[Reply, PhaseAssessment]:
    """Names the phase, explains it in a few sentences and gives its care: three bubbles (the phase;
    why and the care, or a block on its own; the ingredients and the hand-over).

    `choice`: the phase she chose when two were equally likely (see intake.choice_question).
    """
    texts = intake_texts()
    assessment = assess_phase(memory.signals)
    if choice and choice in tied_phases(memory.signals):
        assessment = dataclasses.replace(assessment, phase=choice)
    if assessment.phase is None:
        return Reply((Bubble(texts["geen_fase"]),), advice=("huidcheck:geen_fase",)), assessment

    phase = load_knowledge().phase(assessment.phase)
    care = phase.zorg
    verdict = texts["fase"].format(naam=phase.naam, kort=phase.kort, kernboodschap=phase.kernboodschap)
    first = _joined(verdict, texts["onzeker"] if len(assessment.matched) > 1 else None)
    why = texts["zenuwstelsel"].format(zenuwstelsel=phase.zenuwstelsel, leefstijl=care.leefstijl, ritueel=care.ritueel)
    names = ", ".join(f"{i.naam} ({i.doel})" for i in phase.ingredienten[:4])
    rest = _joined(texts["ingredienten"].format(lijst=names), texts["overdracht"])
    gate = safety_gate(memory.facts(assessment.phase), CARE_TREATMENT[assessment.phase])
    if gate.blocked:  # the block on its own, the care after it
        bubbles = [Bubble(first), gate.answer, Bubble(_joined(why, rest))]
    else:
        care_text = _joined(why, texts["behandeling"].format(behandeling=care.behandeling),
                            gate.warning.text if gate.warning else None)
        bubbles = [Bubble(first), Bubble(care_text), Bubble(rest)]
    return Reply(tuple(bubbles), advice=(f"huidcheck:{assessment.phase}",)), assessment


def _joined(*texts: str | None) -> str:
    return " ".join(t for t in texts if t)
