"""What the NLU may see of a raw message (bot.rules.input_guard + the Rasa components)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rules.input_guard import MAX_CHARS, InputKind, clean_input, strip_html
from components.input_guard import InputGuard, InputGuardIntent


def test_plain_dutch_passes_unchanged() -> None:
    cleaned = clean_input("ik heb last van wallen")
    assert (cleaned.text, cleaned.kind, cleaned.had_html) == ("ik heb last van wallen", InputKind.OK, False)


def test_html_is_reduced_to_its_visible_text() -> None:
    cleaned = clean_input("<p>ik heb <b>wallen</b></p><script>alert('x')</script>")
    assert cleaned.text == "ik heb wallen"
    assert cleaned.had_html


def test_entities_are_unescaped_but_never_become_tags() -> None:
    assert strip_html("&lt;b&gt;hoi&lt;/b&gt; &amp; doei") == "<b>hoi</b> & doei"


def test_comparison_signs_are_not_taken_for_html() -> None:
    assert clean_input("3 < 5 en 7 > 2").text == "3 < 5 en 7 > 2"


def test_empty_and_blank_messages() -> None:
    assert clean_input("").kind == InputKind.LEEG
    assert clean_input(None).kind == InputKind.LEEG
    assert clean_input(" \n\t ").kind == InputKind.LEEG


def test_emoji_digits_and_punctuation_only_have_no_text() -> None:
    for message in ("😩🙏✨", "!!!???", "12345", "🙂 🙂"):
        assert clean_input(message).kind == InputKind.GEEN_TEKST


def test_long_messages_are_cut_and_flagged() -> None:
    cleaned = clean_input("wallen " * 50_000)
    assert cleaned.kind == InputKind.TE_LANG
    assert len(cleaned.text) <= MAX_CHARS
    assert cleaned.original_length == 350_000


@given(st.text(max_size=5000))
def test_never_raises_and_never_exceeds_the_limit(text: str) -> None:
    cleaned = clean_input(text)
    assert len(cleaned.text) <= MAX_CHARS
    assert cleaned.kind in InputKind


def test_components_shorten_before_and_send_bad_input_to_the_fallback() -> None:
    guard, intent_guard = InputGuard(), InputGuardIntent()
    long_message = Message({TEXT: "x" * 200_000})
    ok_message = Message({TEXT: "hoi"})
    guard.process([long_message, ok_message])
    assert len(long_message.get(TEXT)) == MAX_CHARS
    ok_message.set(INTENT, {"name": "greet", "confidence": 0.9})
    intent_guard.process([long_message, ok_message])
    assert long_message.get(INTENT) == {"name": "nlu_fallback", "confidence": 1.0}
    assert ok_message.get(INTENT)["name"] == "greet"
