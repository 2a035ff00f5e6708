"""The desk answers the chat's knowledge questions: the same first answer, with its seed named."""
from __future__ import annotations

import json

import pytest

from bot.knowledge import load_knowledge
from bot.replies.answers import answer_text
from desk.app import knowledge_answer
from desk.cli import main

QUESTIONS = [
    ("hoe lang is de huid rood na microneedling?", "microneedling.herstel"),
    ("mag iemand met couperose gua sha?", "massage.couperose"),
    ("hoe vaak moet je een gezicht masseren", "massage.hoe_vaak"),
    ("wat doet niacinamide", "ingredient.niacinamide"),
]


@pytest.mark.parametrize("question, expected", QUESTIONS)
def test_desk_command_and_api_give_the_chats_answer_with_its_source(
        question: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    k = load_knowledge()
    vraag = k.question(expected)
    assert vraag is not None
    api = knowledge_answer(question)
    assert api is not None and api["kennis_id"] == expected
    assert api["berichten"][0] == answer_text(vraag)
    titles = [k.bronnen[b].titel for b in vraag.bron]
    assert api["bronnen"] == titles and titles[0] in api["berichten"][-1]
    assert main(["salon", question, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["berichten"] == api["berichten"]
    assert main(["salon", question]) == 0
    out = capsys.readouterr().out
    assert out.startswith(answer_text(vraag)) and titles[0] in out


@pytest.mark.parametrize("question", ["wat kost microneedling", "kan ik hier pinnen", "waar kan ik parkeren"])
def test_salon_questions_stay_salon_answers(question: str) -> None:
    assert knowledge_answer(question) is None
