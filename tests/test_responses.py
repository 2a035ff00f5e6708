"""Every bubble the bot can say: Dutch, short, and varied where it is frequent."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.replies.answers import answer_data
from bot.replies.gate import sentence_count
from bot.replies.other_language import language_data
from bot.replies.texts import concern_data

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
FREQUENT = ("utter_greet", "utter_goodbye", "utter_thank", "utter_help", "utter_bot_challenge",
            "utter_out_of_scope", "utter_andere_taal", "utter_iets_anders", "utter_ask_rephrase")
ENGLISH = re.compile(r"\b(the|you|your|sorry, i|please|did you mean|i am|what|how|can i)\b", re.I)
BRANDS = re.compile(r"The Ordinary", re.I)  # brand names from the seed are not English text
SEED_IDS = {"gezichtsmassage", "microneedling", "whitepaper_fasewiel"}


def _dialogue_texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "tekst" in node:
            yield node["tekst"]
        for key, value in node.items():
            if key in ("vraag", "title") and isinstance(value, str):
                yield value
            else:
                yield from _dialogue_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _dialogue_texts(item)


def _domain_texts() -> Iterator[tuple[str, str]]:
    for name, variants in DOMAIN["responses"].items():
        for variant in variants:
            yield name, variant["text"]
            for button in variant.get("buttons", []):
                yield name, button["title"]


ALL_TEXTS = ([t for _, t in _domain_texts()] + list(_dialogue_texts(concern_data()))
             + list(_dialogue_texts(answer_data())) + [language_data()["antwoord_met_onderwerp"]])


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_every_text_is_dutch_and_at_most_three_sentences(text: str) -> None:
    assert not ENGLISH.search(BRANDS.sub("", text)), text
    assert sentence_count(text) <= 3, text


@pytest.mark.parametrize("name", FREQUENT)
def test_frequent_responses_have_at_least_two_variations(name: str) -> None:
    assert len(DOMAIN["responses"][name]) >= 2


def test_every_dialogue_fact_names_its_seed() -> None:
    def sources(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if "tekst" in node:
                yield node.get("bron")
            for value in node.values():
                yield from sources(value)
        elif isinstance(node, list):
            for item in node:
                yield from sources(item)
    found = list(sources(concern_data())) + list(sources(answer_data()))
    assert found and set(found) <= SEED_IDS


def test_rasa_default_responses_are_overridden_in_dutch() -> None:
    for name in ("utter_default", "utter_ask_rephrase"):
        assert name in DOMAIN["responses"]


def test_every_follow_up_question_offers_buttons() -> None:
    for concern, data in concern_data()["huidzorgen"].items():
        for key in ("vervolg", "vraag_ingreep", "vraag_dagen"):
            if key in data:
                assert data[key]["knoppen"], f"{concern}.{key}"
