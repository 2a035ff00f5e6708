"""thank: a thanks that also takes leave gets a farewell, not "heb je nog een vraag?"."""
from __future__ import annotations

import pytest

from actions.thank import ActionThank
from bot.rules.follow_up import says_goodbye


@pytest.mark.parametrize(("text", "leaves"), [
    ("dank je wel voor de tips, doei!", True),
    ("Super bedankt, fijne avond nog 😊", True),
    ("merci hoor, tot de volgende keer", True),
    ("thanks! ik ga weer", True),
    ("dankjewel", False),
    ("bedankt voor de uitleg over de fases", False),
    ("top, dank je, dagcrème gebruik ik al", False),
    ("bedankt, al heb ik er nog de hele dag last van", False),  # "dag" is no farewell on its own
])
def test_a_farewell_is_read_in_a_thanks(text: str, leaves: bool) -> None:
    assert says_goodbye(text) is leaves


def test_thanks_and_leaving_gets_a_farewell_and_plain_thanks_the_usual_answer(make_tracker, run) -> None:
    leaving = run(ActionThank(), make_tracker("heel erg bedankt, daag!", "thank"))[0]
    assert [m.get("response") for m in leaving.messages] == ["utter_thank_goodbye"]
    staying = run(ActionThank(), make_tracker("bedankt, dat helpt", "thank"))[0]
    assert [m.get("response") for m in staying.messages] == ["utter_thank"]
