"""The exception the knowledge loader raises: the one data loader's DataFileError."""
from __future__ import annotations

from bot.datafiles import DataFileError

KnowledgeError = DataFileError

__all__ = ["KnowledgeError"]
