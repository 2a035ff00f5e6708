"""The knowledge: YAML data files in this folder, validated and loaded once.

    from bot.knowledge import load_knowledge
    k = load_knowledge()
    k.phase("reset").ingredienten
"""
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.knowledge_base import Knowledge
from bot.knowledge.loader import load_knowledge

__all__ = ["Knowledge", "KnowledgeError", "load_knowledge"]
