"""A treatment asked about without its name ("mag ik al masseren?") still reaches the safety check."""
from __future__ import annotations

import pytest

from bot.replies.questions import named_request
from bot.replies.safety_answer import restricted_request_reply
from bot.rules.facts import Memory


@pytest.mark.parametrize(("message", "wanted"), [
    ("mag ik vanavond mijn gezicht al masseren", "gezichtsmassage"),
    ("Masseer ik best niet?", "gezichtsmassage"),
    ("kan ik vrijdag gewoon naar mijn gezichtsbehandeling", "behandeling"),
    ("een facial, kan dat nu", "behandeling"),
    ("eerst masseren, daarna een behandeling?", "gezichtsmassage"),  # the first one named
    ("mag ik al sporten", None),
    ("massagetafel", None),  # a word that only starts like one
    ("", None),
])
def test_everyday_words_name_the_request(message: str, wanted: str | None) -> None:
    assert named_request(message) == wanted


def test_a_restriction_or_a_recent_treatment_gets_the_verdict() -> None:
    after_botox = Memory(last_procedure="injectables", days_since_procedure=1.0)
    reply = restricted_request_reply(after_botox.facts(), "gezichtsmassage")
    assert reply is not None and "13 dagen" in reply.bubbles[0].text
    infection = Memory(conditions=("actieve_infectie",))
    reply = restricted_request_reply(infection.facts(), "behandeling")
    assert reply is not None and reply.bubbles[0].text.startswith("Een behandeling raad ik je op dit moment af")
    days_unknown = Memory(last_procedure="laser")
    reply = restricted_request_reply(days_unknown.facts(), "gezichtsmassage")
    assert reply is not None and reply.open_question == "na_peeling:dagen"


def test_nothing_known_leaves_the_question_what_she_means() -> None:
    assert restricted_request_reply(Memory().facts(), "gezichtsmassage") is None
    assert restricted_request_reply(Memory(conditions=("actieve_infectie",)).facts(), None) is None
