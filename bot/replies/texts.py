"""The Dutch data files of the replies (bot/texts/*.yml), each read once by the one loader.

    concern_data()   huidzorgen.yml   advice per skin concern, follow-up questions
    answer_data()    kennis.yml       answers to the knowledge intents
    intake_texts()   huidcheck.yml    the phase intake result
    intent_data()    intenties.yml    Dutch labels of intents, "did you mean", past-tense words
    language_data()  andere_taal.yml  English words per topic (cross-checked against intenties.yml)
    outage_text()    storing.yml      the answer while the conversation store is down
    whatsapp_texts() whatsapp.yml     the WhatsApp channel's own sentences (media, list button, numbers)
    access_texts()   toegang.yml      what the website chat's channel says when it refuses a message
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from bot.datafiles import load_data_file, raise_problems

TEXTS_DIR = Path(__file__).resolve().parents[1] / "texts"


def _load(name: str) -> Any:
    return load_data_file(TEXTS_DIR / f"{name}.yml", name)


@cache
def concern_data() -> dict[str, Any]:
    return _load("huidzorgen")


@cache
def answer_data() -> dict[str, Any]:
    return _load("kennis")


@cache
def intake_texts() -> dict[str, str]:
    return _load("huidcheck")["uitslag"]


@cache
def intent_data() -> dict[str, Any]:
    return _load("intenties")


@cache
def outage_text() -> str:
    text: str = _load("storing")["even_niet_bereikbaar"]
    return text


@cache
def language_data() -> dict[str, Any]:
    return checked_language_data(_load("andere_taal"))


@cache
def whatsapp_texts() -> dict[str, str]:
    return _load("whatsapp")


@cache
def access_texts() -> dict[str, str]:
    return _load("toegang")


def checked_language_data(data: dict[str, Any], path: Path = TEXTS_DIR / "andere_taal.yml") -> dict[str, Any]:
    """`data` if every topic is an intent with a Dutch label in intenties.yml."""
    labels = intent_data()["intenties"]
    raise_problems(path, [(f"onderwerpen.{intent}", "not an intent in intenties.yml")
                          for intent in data["onderwerpen"] if intent not in labels])
    return data
