"""Huidbot's knowledge, safety reasoning and replies, as a plain Python package (no Rasa, no SQL).

Layers, each importing only the ones before it (tests/bot/test_bot_package.py checks this):
data files + the one loader (datafiles, knowledge/, texts/, schemas/) -> rules (safety,
phase, negation, durations, facts) -> replies (what to say, always through the one
safety gate). See bot/README.md.
"""
from bot.datafiles import DataFileError
from bot.knowledge import Knowledge, KnowledgeError, load_knowledge
from bot.replies.gate import GateResult, render_verdict, safety_gate
from bot.rules.durations import parse_days
from bot.rules.negation import FactMentions, Mention, is_negated, scan_facts
from bot.rules.phase import PhaseAssessment, assess_phase
from bot.rules.safety import Facts, Verdict, VerdictLevel, check_request, contraindications_for

__all__ = [
    "DataFileError", "FactMentions", "Facts", "GateResult", "Knowledge", "KnowledgeError", "Mention",
    "PhaseAssessment", "Verdict", "VerdictLevel", "assess_phase", "check_request", "contraindications_for",
    "is_negated", "load_knowledge", "parse_days", "render_verdict", "safety_gate", "scan_facts",
]
