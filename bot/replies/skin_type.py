"""A skin type told without a concern ("ik heb een droge huid"): what the sources advise for it.

The massage guide ties each skin type to its oils and serums (vragen.yml `producten.olie`,
`huidtype_varianten`). Signals that stand for a concern or a phase have their own advice, so a
message with one of those is left to it.
"""
from __future__ import annotations

from collections.abc import Iterable

from bot.knowledge import Knowledge, load_knowledge
from bot.replies.answers import answer_reply, follow_up_buttons, item_texts, select_answer
from bot.replies.concern import concern_of
from bot.replies.reply import Bubble, Button, Reply, buttons_from
from bot.replies.texts import concern_data
from bot.rules.safety import Facts
from bot.textnorm import find_words

PRODUCT_INTENT = "producten_advies"
# Signals a skin type explains by itself: a dry skin that "trekt" (feels tight) asks for the dry skin's
# advice, not the stress concern's (whose signal `spanning` is also the word for tight skin).
DRY = "droog"
EXPLAINED_BY_TYPE = {DRY: frozenset({"droogheid", "spanning"})}
# "mijn t-zone is vet maar mijn wangen zijn droog", "soms vet en soms droog": a combination skin
OILY = "vet"
COMBINATION, COMBINED = "gemengd", frozenset({OILY, DRY})


def skin_meant(text: str) -> bool:
    """False for dryness of something other than her skin ("ik heb een droge hoest", "mijn haar is zo droog";
    huidzorgen.yml `niet_huid`), unless the message names her skin too ("mijn huid en lippen zijn droog")."""
    data = concern_data()["niet_huid"]
    return not find_words({"ander": data["woorden"]}, text) or bool(find_words({"huid": data["tenzij"]}, text))


def everyday_type(text: str, signals: Iterable[str]) -> str | None:
    """A skin type told in everyday words: dry by the signal droogheid ("mijn vel is schuurpapier"), oily by
    huidzorgen.yml `vette_huid_woorden` ("mijn gezicht glimt na een paar uur"); None for neither."""
    if "droogheid" in signals:
        return DRY
    return OILY if find_words({OILY: concern_data()["vette_huid_woorden"]}, text) else None


def type_told(types: Iterable[str]) -> str | None:
    """The skin type a message tells by the types it names: a combination skin when it names both oily
    and dry, else the last one named; None for none."""
    named = list(types)
    return COMBINATION if set(named) >= COMBINED else (named[-1] if named else None)


def skin_type_reply(facts: Facts, skin_type: str | None, signals: Iterable[str] = (), *,
                    said_before: Iterable[str] = (), knowledge: Knowledge | None = None) -> Reply | None:
    """The sources' advice for `skin_type`; None without one, for a type they do not name, or
    when a signal in the message has advice of its own (a concern or a phase). Advice she had in this
    conversation (`said_before`: the fact ids of earlier replies) is not said again ("het schilfert ook"
    after the tips for a dry skin): what the sources add to it, once; then that she has all the tips, and
    while her phase is unknown the skin check."""
    k = knowledge or load_knowledge()
    signals = tuple(s for s in signals if s not in EXPLAINED_BY_TYPE.get(skin_type or "", frozenset()))
    if skin_type is None or concern_of(signals) or any(s in k.phase_of_signal for s in signals):
        return None
    entry = select_answer(PRODUCT_INTENT, skin_type=skin_type, knowledge=k)
    if entry is None or entry.id == k.vragen.standaard.get(PRODUCT_INTENT):  # the type has no variant
        return None
    said = set(said_before)
    if entry.id not in said:
        return answer_reply(entry, facts, knowledge=k)
    more = answer_reply(entry, facts, more=True, knowledge=k)  # what the sources say beyond it, once
    if item_texts(entry, k)[0] and not set(more.facts) <= said:
        return more
    # all told: the answer's own next questions stay one button away
    return _all_told_reply(follow_up_buttons(entry, k), phase_known=facts.phase is not None, told_so=ALL_TOLD in said)


ALL_TOLD = "huidtype.alles_gezegd"


def _all_told_reply(buttons: tuple[Button, ...], *, phase_known: bool, told_so: bool) -> Reply:
    """All the tips for her skin type were given: say so (once), with the skin check on offer while her
    phase is unknown, and the answer's own next questions as buttons."""
    texts = concern_data()
    lead = () if told_so else (texts["alles_gezegd"],)
    if phase_known:
        return Reply((Bubble(" ".join(lead) or texts["alles_gezegd"], buttons),), facts=(ALL_TOLD,))
    offer = texts["huidcheck_aanbod"]
    return Reply((Bubble(" ".join((*lead, offer["vraag"])), (*buttons_from(offer["knoppen"]), *buttons)),),
                 open_question="huidcheck_aanbod", facts=(ALL_TOLD,))
