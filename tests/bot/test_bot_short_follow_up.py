"""A short follow-up that names a treatment ("en microneedling?") asks the previous question again;
it is not a treatment she had. And fixed question phrases are found with words such as "dan" in them."""
from __future__ import annotations

import pytest

from bot.replies.concern import about_concern
from bot.rules.facts import Entity, Memory, update_memory
from bot.rules.follow_up import (
    asks_about_after,
    asks_if_normal,
    asks_permission,
    asks_self_care,
    refers_to_concern,
    short_follow_up,
)
from tests.bot.conftest import span


@pytest.mark.parametrize(("text", "word"), [
    ("en microneedling?", "microneedling"),
    ("En de gua sha dan", "gua sha"),
    ("maar lymfedrainage?", "lymfedrainage"),
    ("wat met een chemische peeling", "chemische peeling"),
    ("hoe zit het met microneedling eigenlijk", "microneedling"),
    ("ook een gezichtsmassage", "gezichtsmassage"),
    ("gua sha thuis?", "gua sha"),
    ("en van microneedling?", "microneedling"),
    ("en na een laserbehandeling?", "laserbehandeling"),
])
def test_nothing_but_a_treatment_and_words_that_ask_again_is_a_short_follow_up(text: str, word: str) -> None:
    assert short_follow_up(text, [span(text, word)])


@pytest.mark.parametrize(("text", "word"), [
    ("microneedling", "microneedling"),  # a bare name can answer "welke behandeling had je?"
    ("en microneedling, twee weken geleden", "microneedling"),
    ("ik had gisteren microneedling?", "microneedling"),
    ("en microneedling bij rosacea?", "microneedling"),
    ("en na mijn microneedling?", "microneedling"),  # "mijn": the one she had
    ("wat kost microneedling?", "microneedling"),
])
def test_a_message_that_says_more_is_not_a_short_follow_up(text: str, word: str) -> None:
    assert not short_follow_up(text, [span(text, word)])


def test_without_a_treatment_nothing_is_a_short_follow_up() -> None:
    assert not short_follow_up("en dan?", [])
    assert not short_follow_up("", [])


@pytest.mark.parametrize("intent", ["inform", "na_peeling", "microneedling_info"])
@pytest.mark.parametrize("text", ["en microneedling dan?", "en na microneedling?"])
def test_a_short_follow_up_is_a_treatment_asked_about_not_one_she_had(intent: str, text: str) -> None:
    start, end = span(text, "microneedling")
    memory = update_memory(Memory(), text, intent, [Entity("behandeling", "microneedling", start, end)])
    assert memory.asked_treatment == "microneedling"
    assert memory.last_procedure is None


def test_a_treatment_named_to_the_question_which_one_she_had_is_one_she_had() -> None:
    text = "microneedling?"
    memory = update_memory(Memory(), text, "inform", [Entity("behandeling", "microneedling", 0, 13)],
                           open_question="na_peeling:ingreep")
    assert memory.last_procedure == "microneedling"


@pytest.mark.parametrize("text", ["wat moet ik dan gebruiken?", "wat kan ik nu eigenlijk het beste gebruiken",
                                  "tips dan?", "wat raad je me dus aan", "wat kan ik dan wel doen?",
                                  "wat mag ik wel doen", "wat kan ik proberen"])
def test_a_request_for_more_advice_is_found_with_words_in_between(text: str) -> None:
    assert asks_self_care(text)


@pytest.mark.parametrize("text", ["is dat nou normaal?", "is dit echt normaal", "hoort dat eigenlijk zo?"])
def test_is_that_normal_is_found_with_words_in_between(text: str) -> None:
    assert asks_if_normal(text)


@pytest.mark.parametrize("text", ["wat moet ik dan kopen bij de drogist", "is dat nou een normale prijs",
                                  "wat moet ik nu eigenlijk betalen", "wat mag ik na mijn peeling wel eten"])
def test_words_in_between_do_not_make_another_question_one_of_them(text: str) -> None:
    assert not asks_if_normal(text) and not asks_self_care(text)


@pytest.mark.parametrize(("text", "refers"), [
    ("helpt microneedling daartegen?", True),
    ("is gua sha daar ook goed voor", True),
    ("werkt lymfedrainage er echt tegen?", True),
    ("helpt microneedling tegen rimpels?", False),  # names what it is against
    ("daar heb ik geen zin in", False),
])
def test_a_question_that_points_back_to_her_concern(text: str, refers: bool) -> None:
    assert refers_to_concern(text) is refers


def test_pointing_back_to_her_concern_reads_as_naming_its_signal() -> None:
    assert about_concern("helpt dat daartegen?", "wallen") == "helpt dat daartegen? wallen"
    assert about_concern("helpt dat daartegen?", "lijntjes_littekens") == "helpt dat daartegen? fijne lijntjes"
    assert about_concern("helpt dat daartegen?", None) == "helpt dat daartegen?"
    assert about_concern("helpt dat daartegen?", "na_peeling") == "helpt dat daartegen?"  # no signal of its own


@pytest.mark.parametrize(("text", "said", "after"), [
    ("mag ik make-up dragen na een gezichtsmassage?", "gezichtsmassage", True),
    ("kan ik na de gua sha nog buiten hardlopen", "gua sha", True),
    ("mag ik na een gezichtsmassage?", "gezichtsmassage", False),  # only whether the massage may
    ("mag ik zelf een gezichtsmassage doen?", "gezichtsmassage", False),  # no "na"
    ("mag ik na mijn peeling een gezichtsmassage?", "gezichtsmassage", False),  # "na" is about the peeling
])
def test_a_question_about_something_else_after_a_treatment(text: str, said: str, after: bool) -> None:
    assert asks_about_after(text, said) is after


@pytest.mark.parametrize("text", ["wa kan ik daaraan doen?", "en wat kan ik ertegen doen dan"])
def test_flemish_and_split_forms_of_what_can_i_do(text: str) -> None:
    assert asks_self_care(text)


@pytest.mark.parametrize("text", ["en is da erg?", "is da normaal"])
def test_flemish_is_that_normal(text: str) -> None:
    assert asks_if_normal(text)


@pytest.mark.parametrize(("text", "permission"), [
    ("hoe vaak mag ik gua sha doen?", False),  # how often, not whether
    ("hoeveel keer per week mag ik masseren", True),  # "per week" between: still asks whether that many may
    ("hoe lang mag ik masseren", False),
    ("mag ik gua sha doen?", True),
    ("en mag ik dan ook lymfedrainage?", True),
])
def test_a_question_word_just_before_may_i_asks_something_else(text: str, permission: bool) -> None:
    assert asks_permission(text) is permission
