"""bot/warmup.py: what the replies load lazily is loaded by one call, at start."""
from __future__ import annotations

from bot.knowledge.loader import _load
from bot.rules.spelling import dutch_words
from bot.warmup import warm_up


def test_warm_up_loads_the_knowledge_and_the_word_list() -> None:
    _load.cache_clear()
    dutch_words.cache_clear()
    warm_up()
    assert _load.cache_info().currsize == 1
    assert dutch_words.cache_info().currsize == 1
    warm_up()  # a second call finds everything loaded
    assert _load.cache_info().hits >= 1
