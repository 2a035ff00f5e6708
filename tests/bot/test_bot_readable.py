"""An unsure message with no word the bot can read (bot/rules/readable.py)."""
from __future__ import annotations

import pytest

from bot.rules.readable import reads_no_word


@pytest.mark.parametrize("text", ["asdfghjkl", "qwp zzkrt", "jkjkjk lplp!!", "ASDF", "zxcvb 123"])
def test_keyboard_mash_reads_as_no_word(text: str) -> None:
    assert reads_no_word(text)


@pytest.mark.parametrize("text", [
    "", "???", "😊😊", "123",  # letterless: the input guard answers those
    "hallo", "ik", "droge huid", "huh",  # ordinary Dutch words
    "xareltoo", "sintromm",  # a misspelt blood thinner is a safety fact, never noise
    "microneedling", "gua sha?", "dermaroller",  # treatment names
])
def test_a_known_word_or_no_letters_is_not_noise(text: str) -> None:
    assert not reads_no_word(text)
