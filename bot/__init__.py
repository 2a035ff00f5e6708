"""Huidbot's knowledge and safety reasoning, as a plain Python package (no Rasa).

Top-down: knowledge/*.yml (data) -> knowledge.loader (validates) -> phase, safety,
durations, negation (reasoning) -> phrasing (Dutch bubbles). See bot/README.md.
"""
from bot.durations import parse_days
from bot.knowledge import Knowledge, KnowledgeError, load_knowledge
from bot.negation import FactMentions, Mention, is_negated, scan_facts
from bot.phase import PhaseAssessment, assess_phase
from bot.phrasing import explain_verdict
from bot.safety import Facts, Verdict, VerdictLevel, check_request, contraindications_for

__all__ = [
    "FactMentions", "Facts", "Knowledge", "KnowledgeError", "Mention", "PhaseAssessment",
    "Verdict", "VerdictLevel", "assess_phase", "check_request", "contraindications_for",
    "explain_verdict", "is_negated", "load_knowledge", "parse_days", "scan_facts",
]
