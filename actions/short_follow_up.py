"""Follow-ups the previous turn settles, whatever intent their few words got: a short follow-up that
names a treatment ("en microneedling?", "wat met gua sha?": the previous question again, about that
treatment), how long a treatment just priced takes, a later moment after a wait ("en over een maand?")
and a question that continues a knowledge question ("en met acne littekens?")."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_answer import ActionKnowledgeAnswer
from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionSalonInfo, salon_duration_follow_up, send_bubbles
from actions.tracker_state import (
    facts_from,
    memory_from,
    previous_turn,
    reply_events,
    send,
    short_follow_up_kind,
    treatment_just_asked,
)
from bot.replies.answers import referred_reply
from bot.replies.concern import something_else_after_reply, words_naming
from bot.replies.reply import Reply
from bot.replies.safety_answer import DEFAULT_REQUEST, answers_more_closely, later_reply
from bot.rules.durations import days_ahead
from bot.rules.facts import with_someone_elses
from bot.rules.follow_up import (
    about_treatment,
    asks_about_after,
    asks_same_for_herself,
    asks_something_else_after,
    continues_question,
    treatments_named,
)
from bot.rules.safety import Facts


async def answer_short_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The verdict ("mag ik microneedling?" "en een gezichtsmassage?") or the knowledge answer
    ("hoe lang duurt een gezichtsmassage?" "en microneedling?") or the practical one ("wat kost een
    gezichtsmassage?" "en microneedling?"), and right after a price "en hoe lang duurt die?" how long it
    takes at the salon, and "en over een maand?" after a wait the verdict then; None for every other message."""
    if how_long := salon_duration_follow_up(tracker):  # "wat kost een gezichtsmassage?" "en hoe lang duurt die?"
        send_bubbles(dispatcher, how_long)
        return []
    # "en over een maand?" after the wait after her fillers; "en met acne littekens?" after "is microneedling
    # geschikt voor een donkere huid?"
    reply = later_follow_up(tracker) or continued_question(tracker) or after_treatment_follow_up(tracker)
    if reply is not None:
        send(dispatcher, reply)
        return reply_events(tracker, reply)
    kind = short_follow_up_kind(tracker)
    if kind == "verdict" or same_for_herself(tracker):  # "en ik?" after "mag mijn zus microneedling?"
        return await ActionSafetyAnswer().run(dispatcher, tracker, domain)
    if kind == "knowledge":
        return await ActionKnowledgeAnswer().run(dispatcher, tracker, domain)
    if kind == "salon":
        return await ActionSalonInfo().run(dispatcher, tracker, domain)
    return None


def same_for_herself(tracker: Tracker) -> bool:
    """"en ik?" right after a verdict for someone else ("mag mijn zus microneedling?"): the same
    verdict, now with her own situation."""
    previous = previous_turn(tracker)[0].get("text") or ""
    return (asks_same_for_herself(tracker.latest_message.get("text") or "")
            and memory_from(tracker).asked_treatment is not None
            and with_someone_elses(Facts(), previous)[1])


def continued_question(tracker: Tracker) -> Reply | None:
    """A question that continues a knowledge question about a treatment ("is microneedling geschikt
    voor een donkere huid?" "en met acne littekens?"): the answer about that treatment, when its words
    match one clearly, whatever intent it got; None for every other message."""
    text = tracker.latest_message.get("text") or ""
    if "action_kennis" not in previous_turn(tracker)[1] or not continues_question(text):
        return None
    treatment = treatment_just_asked(tracker)
    if treatment is None or treatments_named(text):
        return None
    return referred_reply(text, treatment, facts_from(tracker), tracker.get_slot("huidtype"),
                          just_said=tracker.get_slot("genoemde_feiten") or (), pointer=True)


def after_treatment_follow_up(tracker: Tracker) -> Reply | None:
    """"en naar de sauna?" right after "mag ik na microneedling in de zon?" (or "en make-up?" after "mag ik dan
    sporten?" about it): the same question about something else after that treatment; the knowledge answer
    when one fits, else that the sources do not say. None for every other message."""
    text = tracker.latest_message.get("text") or ""
    if not continues_question(text) or treatments_named(text):
        return None
    previous = previous_turn(tracker)[0].get("text") or ""
    named = treatments_named(previous)
    if named:  # "mag ik na microneedling in de zon?"
        treatment = next(iter(named)) if len(named) == 1 else None
        asked_after = treatment is not None and asks_about_after(previous, words_naming(treatment, previous))
    else:  # "mag ik dan sporten?": the treatment of the answer before it, or the last one she asked about
        treatment = treatment_just_asked(tracker) or memory_from(tracker).asked_treatment
        asked_after = treatment is not None and asks_something_else_after(previous, treatment)
    if treatment is None or not asked_after:
        return None
    facts = facts_from(tracker)
    question = about_treatment(f"na {text}", treatment)
    if answers_more_closely(question, treatment_said=treatment.replace("_", " ")):  # not only by its name
        return referred_reply(question, treatment, facts, tracker.get_slot("huidtype"),
                              just_said=tracker.get_slot("genoemde_feiten") or ())
    return something_else_after_reply(facts, treatment)


def later_follow_up(tracker: Tracker) -> Reply | None:
    """"en over een maand?" with her recovery known: the verdict on the treatment asked about (else a
    massage) that many days from now; None for every other message."""
    ahead = days_ahead(tracker.latest_message.get("text") or "")
    facts = facts_from(tracker)
    if ahead is None or facts.last_procedure is None or facts.days_since_procedure is None:
        return None
    asked = memory_from(tracker).asked_treatment
    return later_reply(facts, asked if asked and asked != facts.last_procedure else DEFAULT_REQUEST, ahead)
