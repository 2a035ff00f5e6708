"""Knowledge questions: massage, techniques, microneedling, frequency, products, ingredients.

The answer is chosen by bot.replies.answers (a button's `kennis_id`, else the question's words),
and goes through the one safety gate there; Rasa never sends it on its own.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionSalonInfo, asks_salon_price, salon_duration_follow_up, send_bubbles
from actions.tracker_state import (
    asks_for_someone_else,
    facts_from,
    latest_entities,
    latest_intent,
    memory_from,
    previous_question,
    previous_turn,
    reply_events,
    send,
    short_follow_up_kind,
    treatment_just_asked,
    treatment_words,
)
from bot.knowledge import load_knowledge
from bot.replies.answers import (
    ID_ENTITY,
    KNOWLEDGE_INTENTS,
    answered_treatment,
    knowledge_reply,
    select_answer,
    with_second_question,
)
from bot.replies.comparison import comparison_reply
from bot.replies.concern import about_concern, cause_reply
from bot.replies.questions import named_topics
from bot.replies.safety_answer import named_ingredient_reply, permission_reply, what_instead_reply
from bot.rules.follow_up import (
    about_treatment,
    continues_question,
    refers_back,
    refers_to_concern,
    treatments_named,
)


class ActionKnowledgeAnswer(Action):
    def name(self) -> str:
        return "action_kennis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        if how_long := salon_duration_follow_up(tracker):  # "wat kost een gezichtsmassage?" "hoe lang duurt die?"
            send_bubbles(dispatcher, how_long)
            return []
        if asks_salon_price(tracker):  # "hoeveel kost een gezichtsmassage en hoe lang duurt het?"
            return await ActionSalonInfo().run(dispatcher, tracker, domain)
        follow_up = short_follow_up_kind(tracker)  # "en gua sha?" after "mag ik microneedling?"
        text = tracker.latest_message.get("text") or ""
        # "mag zij microneedling?" about her daughter: the verdict, said in general
        if follow_up == "verdict" or asks_for_someone_else(tracker):
            return await ActionSafetyAnswer().run(dispatcher, tracker, domain)
        facts = facts_from(tracker)  # the phase the intake confirmed, else the provisional one
        instead = (what_instead_reply(facts, text)  # "wat mag wel?" after a verdict that rules something out
                   or comparison_reply(facts, text)  # "wat is het verschil tussen lymfedrainage en gua sha?"
                   or named_ingredient_reply(facts, text, outside_only=True)  # "mag ik retinol?" pregnant: not judged
                   # "komt dat door hormonen?" right after the advice for acne: what the sources say of its cause
                   or (cause_reply(tracker.get_slot("huidzorg"), text)
                       if "action_huidadvies" in previous_turn(tracker)[1] else None))
        if instead is not None:
            send(dispatcher, instead)
            return reply_events(tracker, instead)
        named = {e.entity: e.value for e in latest_entities(tracker)}
        intent, question, treatment = _question(tracker, "behandeling" in named, follow_up == "knowledge")
        reply = permission_reply(facts, treatment, question, intent, named.get("ingredient"),
                                 treatment_words(tracker)) or knowledge_reply(
            intent,
            facts,
            skin_type=tracker.get_slot("huidtype"),
            treatment=treatment,
            ingredient=named.get("ingredient"),
            question=question,
            kennis_id=named.get(ID_ENTITY),
            just_said=tracker.get_slot("genoemde_feiten") or (),
        )
        if follow_up == "knowledge" and reply.advice and reply.advice[0].endswith(":veiligheid"):
            # "en een gezichtsmassage?" after a product question her facts blocked: the verdict, not that block again
            return await ActionSafetyAnswer().run(dispatcher, tracker, domain)
        reply = with_second_question(reply, question, treatment)  # "doet het pijn en hoeveel sessies?"
        send(dispatcher, reply)
        return reply_events(tracker, reply)


def _question(tracker: Tracker, names_treatment: bool, asks_again: bool) -> tuple[str, str, str | None]:
    """The intent, the question and the treatment the answer is chosen by, with what the
    conversation adds to a message that points back."""
    intent = latest_intent(tracker)
    text = tracker.latest_message.get("text") or ""
    question = "" if text.startswith("/") else text
    treatment = memory_from(tracker).asked_treatment if names_treatment else None
    if asks_again and treatment:  # "hoe lang duurt een gezichtsmassage?" "en microneedling?"
        previous_intent, previous_text, _named = previous_question(tracker)
        intent = previous_intent if previous_intent in KNOWLEDGE_INTENTS else intent
        question = about_treatment(previous_text, treatment)
    elif treatment is None and refers_back(question):  # "wat kost microneedling?" "en hoe lang duurt dat?"
        treatment = treatment_just_asked(tracker)
        question = about_treatment(question, treatment) if treatment else question
    elif treatment is None and continues_question(question):  # "en hoeveel sessies heb ik nodig?"
        earlier = treatment_just_asked(tracker)
        read = about_treatment(question, earlier) if earlier else question
        # only when the answer is about that treatment: "en hoe vaak moet ik masseren?" is not; after a
        # peel, laser or injectables (no answer of ours is about them) when the question names nothing else
        if earlier and (_answer_treatment(intent, read, earlier) == earlier or (
                earlier not in load_knowledge().vragen.per_behandeling and not treatments_named(question)
                and not named_topics(question))):
            treatment, question = earlier, read
    elif treatment is not None and refers_to_concern(question):  # "helpt microneedling daartegen?" after acne
        question = about_concern(question, tracker.get_slot("huidzorg"))
    return (intent if intent in KNOWLEDGE_INTENTS else "gezichtsmassage_info"), question, treatment


def _answer_treatment(intent: str | None, question: str, treatment: str) -> str | None:
    """The treatment the answer to `question` would be about."""
    entry = select_answer(intent if intent in KNOWLEDGE_INTENTS else "gezichtsmassage_info", question,
                          treatment=treatment)
    return answered_treatment((entry.id,)) if entry else None
