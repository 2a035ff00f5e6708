"""The result of the phase intake: the phase, why, and its care, safety first."""
from __future__ import annotations

from functools import lru_cache
import yaml

from bot.dialoog.data import HERE
from bot.dialoog.geheugen import Memory
from bot.dialoog.reply import Bubble, Reply
from bot.knowledge import load_knowledge
from bot.phase import PhaseAssessment, assess_phase
from bot.phrasing import explain_verdict
from bot.safety import VerdictLevel, check_request

# The treatment each phase's care recommends; checked against the facts.
CARE_TREATMENT = {
    "reset": "gezichtsmassage",
    "activate": "gezichtsmassage",
    "repair": "microneedling",
    "radiance": "gezichtsmassage",
    "sustain": "gezichtsmassage",
}


@lru_cache(maxsize=None)
def _texts() -> dict[str, str]:
    with (HERE / "huidcheck.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["uitslag"]



def phase_reply(memory: Memory) -> tuple[Reply, PhaseAssessment]:
    """Names the phase, explains it in a few sentences and gives its care."""
    texts = _texts()
    assessment = assess_phase(memory.signalen)
    if assessment.phase is None:
        return Reply((Bubble(texts["geen_fase"]),), advies=("huidcheck:geen_fase",)), assessment

    phase = load_knowledge().phase(assessment.phase)
    care = phase.zorg
    bubbles = [Bubble(texts["fase"].format(naam=phase.naam, kort=phase.kort, kernboodschap=phase.kernboodschap))]
    if len(assessment.matched) > 1:
        bubbles.append(Bubble(texts["onzeker"]))
    bubbles.append(Bubble(texts["zenuwstelsel"].format(
        zenuwstelsel=phase.zenuwstelsel, leefstijl=care.leefstijl, ritueel=care.ritueel)))

    verdict = check_request(memory.facts(assessment.phase), CARE_TREATMENT[assessment.phase])
    if verdict.level >= VerdictLevel.WACHT:
        bubbles += [Bubble(t) for t in explain_verdict(verdict, CARE_TREATMENT[assessment.phase])]
    else:
        bubbles.append(Bubble(texts["behandeling"].format(behandeling=care.behandeling)))
        bubbles += [Bubble(t) for t in explain_verdict(verdict, CARE_TREATMENT[assessment.phase])][: 1 if verdict.level == VerdictLevel.VOORZICHTIG else 0]
    names = ", ".join(f"{i.naam} ({i.doel})" for i in phase.ingredienten[:4])
    bubbles.append(Bubble(texts["ingredienten"].format(lijst=names)))
    bubbles.append(Bubble(texts["overdracht"]))
    return Reply(tuple(bubbles), advies=(f"huidcheck:{assessment.phase}",)), assessment
