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
    """Names the phase, explains it in a few sentences and gives its care.

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
    bubbles = [Bubble(texts["fase"].format(naam=phase.naam, kort=phase.kort, kernboodschap=phase.kernboodschap))]
    if len(assessment.matched) > 1:
        bubbles.append(Bubble(texts["onzeker"]))
    bubbles.append(Bubble(texts["zenuwstelsel"].format(
        zenuwstelsel=phase.zenuwstelsel, leefstijl=care.leefstijl, ritueel=care.ritueel)))

    gate = safety_gate(memory.facts(assessment.phase), CARE_TREATMENT[assessment.phase])
    if gate.blocked:
        bubbles.append(gate.answer)
    else:
        bubbles.append(Bubble(texts["behandeling"].format(behandeling=care.behandeling)))
        bubbles += [gate.warning] if gate.warning else []
    names = ", ".join(f"{i.naam} ({i.doel})" for i in phase.ingredienten[:4])
    bubbles.append(Bubble(texts["ingredienten"].format(lijst=names)))
    bubbles.append(Bubble(texts["overdracht"]))
    return Reply(tuple(bubbles), advice=(f"huidcheck:{assessment.phase}",)), assessment
