"""A question that compares treatments gets what each one is for, not the first one's answer alone."""
from __future__ import annotations

import pytest

from bot.replies.comparison import compared, comparison_reply
from bot.replies.texts import answer_data
from bot.rules.safety import Facts

TECHNIQUES = answer_data()["vergelijking"]["technieken"]


@pytest.mark.parametrize(("text", "named"), [
    ("wat is het verschil tussen lymfedrainage en gua sha?", ["lymfedrainage", "gua_sha"]),
    ("Wat werkt nou beter tegen wallen: gua sha of lymfedrainage", ["gua_sha", "lymfedrainage"]),
    ("is acupressuur eigenlijk hetzelfde als lymfedrainage", ["acupressuur", "lymfedrainage"]),
    ("verschil microneedling en een gewone gezichtsmassage?", ["microneedling", "gezichtsmassage"]),
    ("wat is gua sha?", []),  # nothing compared
    ("wat is het verschil tussen reset en activate", []),  # phases: not treatments
    ("is gua sha beter dan niets doen?", []),  # one treatment
])
def test_the_treatments_compared_in_her_order(text: str, named: list[str]) -> None:
    assert compared(text) == named


def test_each_is_said_with_what_it_is_for_and_a_button_to_its_own_answer() -> None:
    reply = comparison_reply(Facts(), "wat is het verschil tussen lymfedrainage en gua sha?")
    assert reply is not None and len(reply.bubbles) == 1
    text = reply.bubbles[0].text
    assert text.index(TECHNIQUES["lymfedrainage"]["tekst"]) < text.index(TECHNIQUES["gua_sha"]["tekst"])
    assert [b.title for b in reply.bubbles[0].buttons] == ["Meer over lymfedrainage", "Meer over gua sha"]


def test_what_her_situation_rules_out_is_said_after_it_once() -> None:
    eczema = Facts(conditions=frozenset({"eczeem"}))
    reply = comparison_reply(eczema, "microneedling of gua sha, wat is beter voor mijn littekens?")
    assert reply is not None and len(reply.bubbles) == 2
    assert "raad ik je op dit moment af" in reply.bubbles[1].text
    assert comparison_reply(Facts(phase="repair"), "verschil tussen lymfedrainage en gua sha").bubbles[1:] == ()
