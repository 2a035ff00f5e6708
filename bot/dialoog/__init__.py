"""Dialogue knowledge: advice per concern, follow-up questions, intent labels.

Pure Python over the YAML files in this folder; the Rasa actions in
actions/ are thin wrappers around it.
"""
from bot.dialoog.advies import CONCERNS, concern_reply, followup_reply
from bot.dialoog.data import DialogueDataError, concern_data, intent_data
from bot.dialoog.reply import Bubble, Button, Reply

__all__ = [
    "CONCERNS", "concern_reply", "followup_reply",
    "DialogueDataError", "concern_data", "intent_data",
    "Bubble", "Button", "Reply",
]
