"""English (or other-language) messages: a Dutch answer, and the topic where we see it."""
from __future__ import annotations

import copy

import pytest
import yaml

from bot.datafiles import DataFileError, load_data_file
from bot.replies.other_language import general_response, other_language_answer, recognised_topics
from bot.replies.texts import checked_language_data, intent_data, language_data


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("hi, what can I do about puffy eyes?", "wallen"),
        ("I have Dark Circles every morning", "wallen"),
        ("how do I get rid of pimples on my chin", "acne"),
        ("is microneedling painful?", "microneedling_info"),
        ("my skin stings after my peel", "na_peeling"),
        ("I have red patches on my cheeks, what can I do", "roodheid_gevoeligheid"),
        ("can I get a facial massage when I'm pregnant", "medische_situatie"),
        ("what time do you open on saturday", "salon_info"),
        ("can I book an appointment", "afspraak_maken"),
        ("what does retinol do", "ingredient_info"),
    ],
)
def test_the_topic_of_an_english_question_is_recognised(text: str, topic: str) -> None:
    assert topic in recognised_topics(text)


def test_a_medical_mention_comes_first_on_a_tie() -> None:
    # one mention each: the data file's order puts the medical situation first,
    # so the customer is led to the path that asks about it
    assert recognised_topics("microneedling while pregnant?")[0] == "medische_situatie"


def test_more_mentions_rank_higher() -> None:
    assert recognised_topics("acne, pimples and spots, and a bit of redness")[:2] == [
        "acne", "roodheid_gevoeligheid"]


@pytest.mark.parametrize("text", ["scarlet", "spreading", "bookworm", "the capital of germany", "", None])
def test_only_whole_words_count(text: str | None) -> None:
    assert recognised_topics(text) == []


def test_the_answer_is_dutch_with_at_most_the_configured_buttons() -> None:
    bubble = other_language_answer("acne, redness, wrinkles and dark circles: help!")
    assert bubble is not None
    assert "Nederlands" in bubble.text
    labels = intent_data()["intenties"]
    assert len(bubble.buttons) == language_data()["max_knoppen"]
    assert [b.title for b in bubble.buttons] == [labels[p.payload[1:]] for p in bubble.buttons]
    assert all(b.payload.startswith("/") for b in bubble.buttons)


def test_no_topic_means_the_general_domain_response() -> None:
    assert other_language_answer("do you speak english or only dutch") is None
    assert general_response() == "utter_andere_taal"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["onderwerpen"].update(zonnebrand=["sunburn"]), "onderwerpen.zonnebrand"),
        (lambda d: d["onderwerpen"].update(acne=[]), "onderwerpen.acne"),
        (lambda d: d.pop("max_knoppen"), "max_knoppen"),
    ],
)
def test_a_broken_data_file_names_the_field(change, field: str, tmp_path) -> None:
    data = copy.deepcopy(language_data())
    change(data)
    path = tmp_path / "andere_taal.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match=field):
        checked_language_data(load_data_file(path, "andere_taal"), path)
