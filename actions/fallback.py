"""The two-stage fallback, in Dutch: its first stage and its give-up."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.concern_advice import ActionConcernAdvice, unless_denied
from actions.safety_answer import ActionSafetyAnswer
from actions.salon import ActionAppointment, ActionSalonInfo
from actions.short_follow_up import answer_short_follow_up
from actions.tracker_state import (
    TOLD_SLOTS,
    after_salon_answer,
    after_salon_or_booking,
    asks_for_someone_else,
    buttons_just_offered,
    days_answered_for,
    facts_from,
    facts_said_before,
    last_verdict,
    reply_events,
    send,
    signals_said,
    skin_type_told,
    text_told,
    told_skin_type,
    treatment_asked,
    treatment_in_question,
    treatment_just_asked,
)
from bot.replies import salon
from bot.replies.answers import named_treatment_reply, referred_button, referred_reply, typed_button_reply
from bot.replies.clarify import likeliest_intent, likely_meanings, response_for_bad_input
from bot.replies.concern import (
    CONCERNS,
    answer_to_followup,
    cause_reply,
    concern_of,
    concern_reply,
    salon_for_concern_reply,
    speaks_of_herself,
)
from bot.replies.reply import Reply
from bot.replies.safety_answer import (
    answers_more_closely,
    named_ingredient_reply,
    something_else_reply,
    unsure_message_reply,
    what_instead_reply,
    when_phase_reply,
)
from bot.replies.skin_type import skin_type_reply
from bot.replies.tight_skin import concern_of_message, feels_tight, tight_question
from bot.rules.durations import complaint_duration
from bot.rules.follow_up import (
    about_treatment,
    asks_on_condition,
    asks_permission,
    asks_safety,
    asks_self_care,
    refers_back,
)
from bot.rules.input_guard import INPUT_KIND_KEY
from bot.rules.readable import reads_no_word
from bot.rules.safety import Facts

# Likeliest meanings that the knowledge base does not answer: an unsure "is dat duur?" after a
# microneedling answer asks a price (salon_info), "wat vind je van het weer?" nothing of ours.
NOT_KNOWLEDGE = frozenset({"out_of_scope", "salon_info", "afspraak_maken"})
# Two skin concerns likeliest: advice for the first only when it has at least this confidence. "stress, een
# doffe huid en puistjes" has 0.43 for stress; "ik heb zonnebrand in mijn gezicht" 0.13 (a guess, not advice).
SKIN_EITHER_WAY = 0.25
# Unsure between these two, a message is about the salon either way: the likeliest answers it.
SALON_PAIR = frozenset({"salon_info", "afspraak_maken"})


class ActionDefaultAskAffirmation(Action):
    """First stage: answer what the conversation settles, else ask "bedoel je…?"."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        response = bad_input_response(tracker)
        if response:
            dispatcher.utter_message(response=response)
            return []
        answered = await answer_unsure(dispatcher, tracker, domain)
        if answered is not None:
            return answered
        message = tracker.latest_message  # "asdfghjkl": no meanings to offer; an entity the NLU found is one
        if reads_no_word(message.get("text") or "") and not message.get("entities"):
            dispatcher.utter_message(response="utter_niet_leesbaar")
            return []
        # "doet het pijn?" right after an answer about microneedling: that answer first among the buttons
        referred = referred_button(message.get("text") or "", treatment_just_asked(tracker))
        bubble = likely_meanings(message.get("intent_ranking", []), referred=referred)
        dispatcher.utter_message(text=bubble.text, buttons=[b.as_dict() for b in bubble.buttons])
        return []


class ActionDefaultFallback(Action):
    """Rasa's give-up after two unsure messages in a row ("is dat duur?", "en hoelang duurt het
    herstel"), and the core fallback: the second unsure message also gets what the conversation
    settles before "ik kan je nog niet goed volgen"."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        unsure = (tracker.latest_message.get("intent") or {}).get("name") == "nlu_fallback"
        if unsure and not bad_input_response(tracker):
            answered = await answer_unsure(dispatcher, tracker, domain)
            if answered is not None:
                return answered
        dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted()]  # as Rasa's own: the message it could not follow leaves the state


def bad_input_response(tracker: Tracker) -> str | None:
    """The response for an empty, letterless or too long message (components/input_guard.py), if it is one."""
    message = tracker.latest_message
    return response_for_bad_input(message.get("text"), message.get(INPUT_KIND_KEY))


async def answer_unsure(dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The answer to an unsure message where the conversation settles it, as events that close the
    fallback; None when it does not (then the caller asks what she means)."""
    offer = salon_offer(tracker)  # "doen jullie ook iets tegen puistjes?", "kan ik daarvoor bij jullie terecht?"
    if offer is not None:
        send(dispatcher, offer[1])
        return [*answered_from_context(tracker), SlotSet("huidzorg", offer[0]), *reply_events(tracker, offer[1])]
    text = tracker.latest_message.get("text") or ""
    if after_salon_or_booking(tracker) and salon.day_words(text) and not treatment_asked(tracker):
        # "kan het ook zaterdag?" right after the booking answer: that day's hours, not the verdict again
        return [*answered_from_context(tracker), *await ActionSalonInfo().run(dispatcher, tracker, domain)]
    follow_up = await answer_short_follow_up(dispatcher, tracker, domain)  # "en lymfedrainage dan?"
    if follow_up is not None:
        return [*answered_from_context(tracker), *follow_up]
    if asks_for_someone_else(tracker):  # "mijn dochter heeft acne, mag zij microneedling?": in general
        return [*answered_from_context(tracker), *await ActionSafetyAnswer().run(dispatcher, tracker, domain)]
    message = tracker.latest_message
    ranking, facts = message.get("intent_ranking", []), facts_from(tracker)
    # "doet het pijn?" typed under the button "Doet het pijn?": that button's answer
    answer = (typed_button_reply(text, buttons_just_offered(tracker), facts, tracker.get_slot("huidtype"))
              or answer_from_context(tracker, text, ranking, facts))
    if answer is not None:  # "mag ik al masseren?" the day after botox: the answer, not a question
        send(dispatcher, answer)
        return [*answered_from_context(tracker), *told_skin_type(tracker), SlotSet("open_vraag", answer.open_question),
                *reply_events(tracker, answer)]
    if answers_open_question(tracker, text) or (  # "het jeukt ook" to "Heb je ook jeuk?": its answer
            asks_self_care(text) and tracker.get_slot("huidzorg") in CONCERNS) or (  # "wa kan ik daaraan doen?": more
            tells_more_of_her_concern(tracker, ranking)) or (  # "ja het jeukt erg" after the advice for redness
            tells_how_long(tracker, text)):  # "al maanden" after the advice for puffy eyes
        return [*answered_from_context(tracker), *await ActionConcernAdvice().run(dispatcher, tracker, domain)]
    if only_tight(tracker, text):  # "mijn huid trekt na het douchen": is it also dry?
        reply = tight_question()
        send(dispatcher, reply)
        return [*answered_from_context(tracker), SlotSet("open_vraag", reply.open_question),
                *reply_events(tracker, reply)]
    concern = unless_denied(tracker, skin_concern_of(ranking, tracker))
    if concern is not None:  # "stress, een doffe huid en puistjes": advice for the likeliest
        reply = concern_reply(concern, facts, text_told(tracker), asked=treatment_asked(tracker))
        send(dispatcher, reply)
        return [*answered_from_context(tracker), SlotSet("huidzorg", concern),
                SlotSet("open_vraag", reply.open_question), *reply_events(tracker, reply)]
    if salon_follow_up(tracker, text, ranking):  # "en op zondag?" after the hours, "is dat duur?" after an answer
        return [*answered_from_context(tracker), *await ActionSalonInfo().run(dispatcher, tracker, domain)]
    if set(likely(ranking)) == SALON_PAIR or salon_question(text, ranking):  # "kan ik donderdagavond terecht?"
        # "welke producten verkopen jullie?", likeliest product advice: the salon answer, not a booking
        action = ActionAppointment() if likeliest_intent(ranking) == "afspraak_maken" else ActionSalonInfo()
        return [*answered_from_context(tracker), *await action.run(dispatcher, tracker, domain)]
    return None


def salon_offer(tracker: Tracker) -> tuple[str, Reply] | None:
    """"doen jullie ook iets tegen puistjes?" (a concern among the two likeliest meanings), "kan ik daarvoor bij
    jullie terecht?" right after the advice for a concern: the concern and what the salon offers for it."""
    text, ranking = tracker.latest_message.get("text") or "", tracker.latest_message.get("intent_ranking", [])
    if not salon.asks_for_concern(text):
        return None
    current = tracker.get_slot("huidzorg") if refers_back(text) else None
    concern = next((c for c in (*likely(ranking), current) if c in CONCERNS), None)
    reply = salon_for_concern_reply(concern, facts_from(tracker)) if concern else None
    return (concern, reply) if concern and reply else None


def tells_how_long(tracker: Tracker, text: str) -> bool:
    """"al maanden", "al een tijdje" after advice for a concern or a skin type: how long it has lasted."""
    concern = tracker.get_slot("huidzorg")
    return complaint_duration(text) is not None and (
        (concern in CONCERNS and concern != "na_peeling") or bool(tracker.get_slot("huidtype")))


def likely(ranking: list[dict[str, Any]], how_many: int = 2) -> list[str]:
    """The classifier's likeliest intents behind `nlu_fallback`."""
    return [str(r.get("name")) for r in ranking if r.get("name") != "nlu_fallback"][:how_many]


def salon_question(text: str, ranking: list[dict[str, Any]]) -> bool:
    """"kan ik vanavond nog terecht?" read as likely a goodbye or a booking: one of the two likeliest meanings is
    the salon or a booking, the other is not off-topic, and the message asks a salon topic."""
    meanings = set(likely(ranking))
    return bool(meanings & SALON_PAIR) and "out_of_scope" not in meanings and bool(salon.topics_in(text))


def salon_follow_up(tracker: Tracker, text: str, ranking: list[dict[str, Any]]) -> bool:
    """A practical question that the conversation settles: another salon topic right after a salon
    answer ("en op zondag?"), or, likeliest a salon question, one that points back to the treatment
    just discussed ("is dat duur?" after a microneedling answer: its price)."""
    if after_salon_answer(tracker) and salon.topics_in(text):
        return True
    # ... when it asks a salon topic: "en waar koop ik die?" after an oil is no price of a massage
    return (likeliest_intent(ranking) == "salon_info" and refers_back(text)
            and treatment_just_asked(tracker) is not None and bool(salon.topics_in(text) or salon.asks_price(text)))


def answer_from_context(tracker: Tracker, text: str, ranking: list[dict[str, Any]], facts: Facts) -> Reply | None:
    """What the words and the conversation so far settle for an unsure message, if anything:
    a verdict ("mag ik al masseren?" after botox; "en gevaarlijk?" right after a microneedling
    answer), the advice for a skin type she told, or a follow-up pointing back ("doet dat pijn?")."""
    instead = (what_instead_reply(facts, text)  # "wat mag wel?" after a verdict that rules something out
               # "wanneer kan dat?" after a verdict that waits for her phase alone
               or when_phase_reply(facts, treatment_in_question(tracker) or last_verdict(tracker), text)
               or cause_reply(tracker.get_slot("huidzorg"), text)  # "komt dat door te weinig slaap?"
               or named_ingredient_reply(facts, text))  # "mag ik niacinamide gebruiken?" (breastfeeding: no judgement)
    if instead is not None:
        return instead
    named = treatment_asked(tracker) or days_answered_for(tracker)  # "ik heb het vorige week laten doen"
    asked = (named
             # "en gevaarlijk?", "en mag ik die?" right after an answer on a treatment: its verdict
             or (treatment_just_asked(tracker) if asks_safety(text) or (asks_permission(text) and refers_back(text))
                 else None)
             # "en als ik heel zachtjes doe?" after a verdict: that verdict again
             or ((treatment_in_question(tracker) or last_verdict(tracker)) if asks_on_condition(text) else None))
    # "kan ik daarna naar mijn werk?" after microneedling: its recovery (gated as every answer), not the verdict
    about_it = (named is None and asked is not None and not asks_on_condition(text)
                and answers_more_closely(about_treatment(text, asked)))
    # "mag ik dan sporten?" right after the recovery after microneedling: something else after it
    other = something_else_reply(facts, asked, text) if asked and not named and not about_it else None
    # "rode vlekken na het sporten, is dat erg?": her concern's advice answers it (no judgement first), below
    own_concern = asked is None and facts.last_procedure is None and tells_her_concern(tracker, text)
    settled = None if about_it or own_concern else unsure_message_reply(facts, asked, text)
    answer = other or settled or skin_type_reply(
        facts, *skin_type_told(tracker), said_before=facts_said_before(tracker))
    if answer is None and (about_it or likeliest_intent(ranking) not in NOT_KNOWLEDGE):
        answer = referred_reply(text, treatment_just_asked(tracker), facts, tracker.get_slot("huidtype"),
                                just_said=tracker.get_slot("genoemde_feiten") or ())
    if answer is None and named and likeliest_intent(ranking) != "out_of_scope":  # "wat is gua sha"
        answer = named_treatment_reply(text, named, facts, tracker.get_slot("huidtype"))
    return answer


def tells_her_concern(tracker: Tracker, text: str) -> bool:
    """Does the message name a signal of a skin concern of her own ("ik heb rode vlekken na het sporten")?"""
    return speaks_of_herself(text) and concern_of_message(text, signals_said(tracker)) in CONCERNS


def answers_open_question(tracker: Tracker, text: str) -> bool:
    """Does the message answer the question the last advice asked ("Heb je ook jeuk?" "het jeukt
    ook")? Then it gets that answer, never "bedoel je…?" about what she just told."""
    concern, question = tracker.get_slot("huidzorg"), tracker.get_slot("open_vraag")
    return bool(concern in CONCERNS and question) and answer_to_followup(question, concern, text) is not None


def tells_more_of_her_concern(tracker: Tracker, ranking: list[dict[str, Any]]) -> bool:
    """An unsure message naming a signal of the concern under discussion ("ja het jeukt erg" after
    the advice for redness): more about her skin, which that concern's advice goes on with."""
    current = tracker.get_slot("huidzorg")
    likeliest = likely(ranking)
    return (current in CONCERNS and current != "na_peeling" and bool(likeliest)
            and likeliest[0] not in NOT_KNOWLEDGE and concern_of(signals_said(tracker)) == current)


def only_tight(tracker: Tracker, text: str) -> bool:
    """Her skin feels tight and the message names no concern's signal besides: the likeliest concern would be
    a guess ("na het wassen voelt mijn gezicht heel strak", "mijn huid trekt ook" after the advice for acne)."""
    return feels_tight(text) and concern_of_message(text, signals_said(tracker)) is None


def skin_concern_of(ranking: list[dict[str, Any]], tracker: Tracker) -> str | None:
    """An unsure message that is about her skin either way: the likeliest concern, when the next
    likeliest is a skin concern too ("veel stress, mijn huid is dof en ik krijg puistjes") or the
    message names a concern's signal ("droge huid en fijne lijntjes rond mijn ogen", "ik ben erg
    verbrand": that concern, unless the likeliest meaning is off-topic or the salon).
    Aftercare needs a treatment she had, which FallbackRescue settles."""
    likeliest = likely(ranking)
    text = tracker.latest_message.get("text") or ""
    named = concern_of_message(text, signals_said(tracker)) if speaks_of_herself(text) else None
    # ... or when off-topic is only a weak guess ("ik heb last van zonnebrand op mijn neus": 0.11)
    weak_off_topic = likeliest[:1] == ["out_of_scope"] and top_confidence(ranking) < SKIN_EITHER_WAY
    if named in CONCERNS and named != "na_peeling" and likeliest and (
            likeliest[0] not in NOT_KNOWLEDGE or weak_off_topic):
        return named  # "ik ben erg verbrand": the concern of the signal she names, whatever the likeliest
    skin = [name for name in likeliest if name in CONCERNS and name != "na_peeling"]
    if not skin or skin[0] != likeliest[0] or top_confidence(ranking) < SKIN_EITHER_WAY:
        return None
    return skin[0] if len(skin) == 2 else None


def top_confidence(ranking: list[dict[str, Any]]) -> float:
    """The confidence of the likeliest intent behind `nlu_fallback`."""
    return next((float(r.get("confidence") or 0.0) for r in ranking if r.get("name") != "nlu_fallback"), 0.0)


def answered_from_context(tracker: Tracker) -> list[dict[str, Any]]:
    """Close the two-stage fallback as answered, the way Rasa's own default fallback does: the
    unsure message leaves the dialogue state (so a next unsure one is not "two in a row", which
    gives up), its text stays in the history, and the facts it added are kept."""
    return [UserUtteranceReverted(), *(SlotSet(name, tracker.get_slot(name)) for name in TOLD_SLOTS)]
