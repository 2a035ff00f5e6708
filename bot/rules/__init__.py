"""Reasoning over the knowledge: safety verdicts, phase, negation, durations, the fact memory."""
