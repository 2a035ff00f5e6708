"""A skin that feels tight ("mijn huid trekt na het douchen", "voelt zo strak aan").

The fasewiel's signal `spanning` stands both for tense muscles (the stress concern: "gespannen kaken")
and for a skin that feels tight, which the white paper counts as a light Activate signal. A skin that
only feels tight, without a word of stress or tense muscles, is not the stress concern: the bot asks
first whether it is also dry, as a professional would (huidzorgen.yml `strak_gevoel`).
"""
from __future__ import annotations

from collections.abc import Iterable

from bot.replies.concern import concern_of
from bot.replies.reply import Reply, question_bubble, text_bubbles
from bot.replies.skin_type import DRY, skin_type_reply
from bot.replies.texts import concern_data
from bot.rules.safety import Facts
from bot.textnorm import find_words

TIGHT_QUESTION = "strak_gevoel"
TENSION = "spanning"


def feels_tight(text: str) -> bool:
    """Does the message say her skin feels tight, without a word of stress or tense muscles?"""
    data = concern_data()[TIGHT_QUESTION]
    return bool(find_words({"strak": data["woorden"]}, text)) and not find_words(
        {TENSION: data["spanning_woorden"]}, text)


def concern_of_message(text: str, signals: Iterable[str]) -> str | None:
    """The concern of the signals a message names, where a tight skin is no tension: "mijn wangen voelen
    strak en droog" has no concern (the dry skin's advice answers it), "strak en dof" the dull skin's."""
    named = list(signals)
    return concern_of([s for s in named if s != TENSION] if feels_tight(text) else named)


def tight_question() -> Reply:
    """Whether the tight skin is also dry, with yes/no buttons."""
    return Reply((question_bubble(concern_data()[TIGHT_QUESTION]),), open_question=TIGHT_QUESTION)


def tight_answer(dry: bool, facts: Facts, *, said_before: Iterable[str] = ()) -> Reply:
    """Her answer to the question: a dry skin gets the sources' advice for it; otherwise what the fasewiel
    says of a light tightness (Activate), with the skin check offered while her phase is unknown."""
    if dry:
        reply = skin_type_reply(facts, DRY, said_before=said_before)
        if reply is not None:
            return reply
    data = concern_data()
    bubbles = text_bubbles(data[TIGHT_QUESTION]["nee"])
    if facts.phase is not None:
        return Reply(tuple(bubbles), facts=(f"{TIGHT_QUESTION}.nee",))
    return Reply((*bubbles, question_bubble(data["huidcheck_aanbod"])), open_question="huidcheck_aanbod",
                 facts=(f"{TIGHT_QUESTION}.nee",))
