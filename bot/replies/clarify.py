"""When the bot is unsure: a kind word for bad input, or the two likeliest meanings."""
from __future__ import annotations

from typing import Any

from bot.replies.reply import Bubble, Button
from bot.replies.texts import intent_data
from bot.rules.input_guard import InputKind, clean_input

# Response names in domain.yml for input the NLU never saw whole.
RESPONSE_FOR_KIND = {
    InputKind.LEEG: "utter_leeg_bericht",
    InputKind.TE_LANG: "utter_te_lang_bericht",
    InputKind.GEEN_TEKST: "utter_geen_tekst",
}
NOT_OFFERED = {"nlu_fallback", "affirm", "deny", "inform", "out_of_scope", "andere_taal"}


def response_for_bad_input(text: str | None, kind: str | None = None) -> str | None:
    """The domain response for empty, too long or letterless input, else None.

    `kind` is what the NLU's input guard saw: the text a Rasa action gets is
    already shortened, so only the guard knows that the original was too long.
    """
    return RESPONSE_FOR_KIND.get(InputKind(kind) if kind else clean_input(text).kind)


def likeliest_intent(intent_ranking: list[dict[str, Any]]) -> str | None:
    """The classifier's first choice, behind the FallbackClassifier's `nlu_fallback`."""
    return next((r.get("name") for r in intent_ranking if r.get("name") != "nlu_fallback"), None)


def likely_meanings(intent_ranking: list[dict[str, Any]], how_many: int = 2, referred: Button | None = None) -> Bubble:
    """A question with the most likely intents as buttons, plus 'something else'.

    When the likeliest reading is off-topic (out_of_scope, but not surely), the
    question says first that the bot probably cannot help with it (issue 11):
    an off-topic message then hears that at once, and a skin question the NLU
    misread is still one button away. `referred`: the answer a short follow-up likely points to
    ("doet het pijn?" right after microneedling), offered first, and then not as off-topic.
    """
    data = intent_data()
    labels = data["intenties"]
    buttons = [
        Button(labels[r["name"]], f"/{r['name']}")
        for r in intent_ranking
        if r.get("name") in labels and r["name"] not in NOT_OFFERED
    ][:how_many]
    buttons = [referred, *buttons][:how_many] if referred else buttons
    other = data["ander_antwoord"]
    # a follow-up that points back to a treatment's answer is no off-topic message, whatever the classifier leans to
    off_topic = likeliest_intent(intent_ranking) == "out_of_scope" and referred is None
    question = data["vraag_buiten_bereik"] if off_topic else data["vraag"]
    return Bubble(question, (*buttons, Button(other["title"], other["payload"])))
