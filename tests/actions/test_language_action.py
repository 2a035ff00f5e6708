"""action_andere_taal with a real Tracker and a CollectingDispatcher."""
from __future__ import annotations

from actions.other_language import ActionOtherLanguage
from tests.actions.conftest import texts


def test_english_question_gets_dutch_answer_with_the_topic_as_button(make_tracker, run) -> None:
    dispatcher, events = run(ActionOtherLanguage(), make_tracker("what can I do about puffy eyes?", "andere_taal"))
    assert events == []
    [message] = dispatcher.messages
    assert "Nederlands" in message["text"]
    assert {"title": "Wallen of een opgezwollen gezicht", "payload": "/wallen"} in message["buttons"]


def test_unrecognised_topic_gets_the_general_dutch_response(make_tracker, run) -> None:
    dispatcher, _ = run(ActionOtherLanguage(), make_tracker("bonjour, j'ai besoin d'aide", "andere_taal"))
    assert [m.get("response") for m in dispatcher.messages] == ["utter_andere_taal"]
    assert texts(dispatcher) == []
