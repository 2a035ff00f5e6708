"""Tailored advice per skin concern, always through the safety gate.

At most three bubbles, the most useful step first: (1) what helps, (2) the caution
if there is one, else the next step, (3) the follow-up question, or its answer when
the message already said it. Asking about the same concern again gives the rest
(what to avoid, what to expect). A blocked technique is said once, in one bubble that
still acknowledges the concern. Texts: texts/huidzorgen.yml.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from bot.knowledge import load_knowledge
from bot.knowledge.model import Vraag
from bot.knowledge.salon_profile import salon_texts
from bot.replies import salon
from bot.replies.answers import OFFERED, answer_reply
from bot.replies.gate import GateResult, safety_gate
from bot.replies.questions import match_question, named_request, named_topics
from bot.replies.reply import Bubble, Button, Reply, buttons_from, question_bubble, text_bubbles, with_lead
from bot.replies.texts import concern_data, intent_data
from bot.rules.durations import ToldDuration
from bot.rules.facts import Memory
from bot.rules.follow_up import (
    asks_about_after,
    asks_cause,
    asks_for_diagnosis,
    asks_for_doctor,
    asks_if_normal,
    asks_permission,
    asks_self_care,
    treatment_forms,
    when_again,
)
from bot.rules.negation import is_negated
from bot.rules.phase import everyday_signals, provisional_phase, signals_in
from bot.rules.safety import Facts
from bot.textnorm import find_words, fold

CONCERNS = (
    "wallen", "acne", "stress", "na_peeling",
    "roodheid_gevoeligheid", "vale_huid", "lijntjes_littekens", "onderhoud",
)
# Turns in which she tells about her own skin: only these set signals and the provisional phase
# ("hoe lang ben ik rood na microneedling?" asks about a treatment, it does not describe her skin).
SKIN_STATEMENT_INTENTS = frozenset({*CONCERNS, "inform", "medische_situatie", "fase_bepalen"})
FOLLOWUP_PREFIX = "vervolg:"
ASK_PROCEDURE = "na_peeling:ingreep"
ASK_DAYS = "na_peeling:dagen"
MAX_BUBBLES = 3
_NEGATION_IN_CUE = re.compile(r"\b(niet|geen|nooit)\b")


def _ids(concern: str, part: str, items: list[dict[str, Any]], first: int = 0) -> tuple[str, ...]:
    return tuple(f"{concern}.{part}.{first + i}" for i in range(len(items)))


def _sources(*groups: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({item["bron"] for group in groups for item in group}))


# "het jeukt niet", "het brandt niet echt": a cue that is a verb, with "niet" right after it (not "niet alleen")
_NOT_AFTER_VERB = re.compile(r"\s+(?:echt\s+|zo\s+|meer\s+)?(?:niet|nooit)(?!\s+alleen)\b")


def already_answered(text: str, cues: dict[str, list[str]]) -> str | None:
    """"ja" or "nee" when the message already answers the follow-up question, else None.

    Longer cues win over the words inside them ("niet ontstoken" over "ontstoken"); a
    plain cue that the message negates ("geen jeuk") counts for the other side.
    """
    folded = fold(text or "")
    taken: list[tuple[int, int]] = []
    sides: set[str] = set()
    ordered = sorted(((fold(c), side) for side in ("ja", "nee") for c in cues[side]), key=lambda c: -len(c[0]))
    for cue, side in ordered:
        for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            flipped = not _NEGATION_IN_CUE.search(cue) and (
                is_negated(text, m.start(), m.end()) or bool(_NOT_AFTER_VERB.match(folded, m.end())))
            sides.add(("nee" if side == "ja" else "ja") if flipped else side)
    return sides.pop() if len(sides) == 1 else None


def concern_signal(intent: str | None) -> tuple[str, ...]:
    """The skin signal a concern intent stands for ("vale_huid" -> vale_teint), if any."""
    data = concern_data()["huidzorgen"].get(intent or "")
    return (data["signaal"],) if data and data.get("signaal") else ()


def concern_of(signals: tuple[str, ...] | list[str]) -> str | None:
    """The concern the first of these signals stands for (wallen -> wallen, vale_teint -> vale_huid), by
    its own signal, else by the phase the signal points to (verslapping -> Repair -> lijntjes_littekens)."""
    concerns = concern_data()["huidzorgen"]
    by_signal = {d["signaal"]: c for c, d in concerns.items() if d.get("signaal")}
    by_phase = {d["fase"]: c for c, d in concerns.items() if d.get("fase")}
    phase_of = load_knowledge().phase_of_signal
    return next((by_signal.get(s) or by_phase.get(phase_of.get(s, "")) for s in signals
                 if s in by_signal or phase_of.get(s) in by_phase), None)


# The concern for a skin that is fine: keeping it so.
KEEPING_IT_GOOD = "onderhoud"


def denied_concern(text: str, signals: Iterable[tuple[str, int, int]]) -> bool:
    """"ik heb nog geen rimpels, moet ik al iets doen?": the message names signals (value, start, end)
    and negates every one: the concern its words are about is not hers."""
    named = list(signals)
    return bool(named) and all(is_negated(text, start, end) for _v, start, end in named)


def about_concern(question: str, concern: str | None) -> str:
    """A question that points back to her concern ("helpt microneedling daartegen?" after the
    advice for acne) read as if it named the concern's signal, for the one answer matcher."""
    data = concern_data()["huidzorgen"].get(concern or "") or {}
    signal = data.get("signaal")
    return f"{question} {signal.replace('_', ' ')}" if signal else question


def asked_knowledge(concern: str, text: str, facts: Facts) -> Vraag | None:
    """The knowledge answer a concern message really asks for, if any: it names a treatment's
    topic ("krijg ik acnelittekens weg met microneedling?") and the answer fits this concern
    (`ook_bij`); after a treatment without a past one known, any aftercare answer that fits."""
    found = match_question(text, concern)
    if found is None or concern not in found.entry.ook_bij:
        return None
    if concern == "na_peeling" and facts.last_procedure is None:
        return found.entry
    return found.entry if found.entry.onderwerp in named_topics(text) else None


def speaks_of_herself(text: str) -> bool:
    """Does a part of the message tell about her ("ik ben erg verbrand", "ben net terug en helemaal
    verbrand"), rather than ask ("hoeveel dagen ben ik daarna rood?", "ben ik verbrand?")?"""
    k = load_knowledge()
    cues = k.taal.ervaarder
    greetings = frozenset(intent_data()["groetwoorden"])
    for part in re.split(r"[,.;:!?]", text or ""):
        words = fold(part).split()
        while words and words[0] in greetings:  # "hoi ik heb last van rode vlekken": no "ben ik …?"
            words = words[1:]
        asks = bool(words) and (words[1:2] in (["ik"], ["je"], ["jij"], ["u"])  # "ben ik verbrand?"
                                or (words[0] in k.taal.vraagwoorden  # "hoeveel dagen ben ik rood na …?"
                                    and words[0] not in cues.over_zichzelf_begin))  # "heb sinds gisteren …"
        if words and not asks and (find_words({"": cues.over_zichzelf}, part) or words[0] in cues.over_zichzelf_begin):
            return True
    return False


def note_skin_statement(memory: Memory, text: str, intent: str | None,
                        open_question: str | None, *, unsure: bool = False) -> tuple[Memory, str | None, bool]:
    """What this message says about her own skin: the memory with the signals it names in
    everyday words, the provisional phase they point to, and whether it spoke about her skin
    at all (when not, the provisional phase stays as it was). `unsure`: `intent` is only the
    classifier's guess behind the fallback. Then, and in a message on another topic, only the signals
    she names of her own skin count ("ik ben erg verbrand"), never the intent's own signal ("doet dat
    pijn?" guessed as stress is no stress)."""
    answering_intake = open_question == "intake_signalen"
    heard = signals_in(text) if answering_intake else everyday_signals(text)
    # unsure, or another topic ("ik heb een afspraak voor microneedling maar mijn puist is ontstoken"):
    # what she says of her own skin still counts; an answer to the skin check is about her skin
    by_the_way = unsure or intent not in SKIN_STATEMENT_INTENTS
    if by_the_way and not answering_intake and not (heard and speaks_of_herself(text)):
        return memory, None, False
    memory = replace(memory, signals=tuple(dict.fromkeys((*memory.signals, *heard))))
    return memory, provisional_phase([*memory.signals, *(() if by_the_way else concern_signal(intent))]), True


# A verdict whose reason is the recovery itself: the aftercare acknowledgement would say it twice.
_RECOVERY = "recente_ingreep"


def _blocked_reply(concern: str, data: dict, gate: GateResult, advice: str) -> Reply:
    """One bubble: the concern acknowledged, then the verdict (a block is said once)."""
    if concern == "na_peeling" and _RECOVERY in gate.verdict.contraindications:
        return Reply((Bubble(gate.text),), advice=(advice,))
    return Reply((Bubble(f"{data['erkenning']} {gate.text}"),), advice=(advice,),
                 facts=(f"{concern}.erkenning",))


def concern_reply(concern: str, facts: Facts, text: str = "", *, again: bool = False,
                  told_all: bool = False, asked: str | None = None, said_before: Iterable[str] = ()) -> Reply:
    """The advice for one concern, given what is known about the person and what she just said.

    `again`: this concern's advice was given before (she asks again, or adds something such as
    her age that changes nothing): the rest of it, not the same bubbles. `told_all`: the rest
    was given too: say so once and offer the next step, instead of repeating it.
    `asked`: a treatment this message asks about ("mag ik microneedling laten doen?"). When what
    is known rules it out, that comes first, whatever the concern (safety on every path).
    `said_before`: the fact ids earlier replies stated; aftercare said once is not said again."""
    data = concern_data()["huidzorgen"][concern]
    asked_gate = safety_gate(facts, asked) if asked is not None else None
    if asked_gate is not None and asked_gate.blocked:
        advice = f"veiligheid:{asked}:{asked_gate.level}"
        if concern == "na_peeling" and facts.last_procedure is None:  # she asks to have it, had nothing
            return Reply((asked_gate.answer,), advice=(advice,))
        return _blocked_reply(concern, data, asked_gate, advice)
    question = asked_knowledge(concern, text, facts) if text else None
    if question is not None:
        return answer_reply(question, facts)
    if concern == "na_peeling" and asked is not None and asked_gate is not None and facts.last_procedure is None:
        recovery = load_knowledge().question(f"{asked}.herstel") if asks_self_care(text) else None
        if recovery is not None:  # "wat moet ik doen na een microneedling?": its recovery, not whether she may
            return answer_reply(recovery, facts)
        if asks_about_after(text, words_naming(asked, text)):  # "mag ik na een massage meteen sporten?"
            return something_else_after_reply(facts, asked)
        return _may_i_have_reply(f"veiligheid:{asked}:{asked_gate.level}", asked_gate, facts)
    if concern == "na_peeling":
        return _aftercare_reply(data, facts, _sources_silent_on(text, facts) if asked is None else None,
                                said_before=frozenset(said_before), asked=asked)

    gate = safety_gate(facts, data["techniek"])
    if gate.blocked or gate.unknown:  # no technique advised that her situation may rule out (zwanger: unknown)
        return _blocked_reply(concern, data, gate, f"{concern}:veiligheid")
    if again:
        return _all_told_reply(concern) if told_all else _more_reply(concern, data)

    first = text_bubbles(data["helpt"][:1])
    facts_said = list(_ids(concern, "helpt", data["helpt"][:1]))
    given: tuple[str, ...] = (f"{concern}:{data['techniek']}",)
    judged = judgement_asked(text)
    cause = cause_bubble(concern) if asks_cause(text) else None
    if asked_gate is not None and asks_permission(text):
        # "mag ik gua sha doen als ik puistjes heb?": her question answered first, then the advice for it
        first, second = [asked_gate.answer, *first], [gate.warning] if gate.warning else []
        given = (f"veiligheid:{asked}:{asked_gate.level}", *given)
    elif cause is not None:
        # "ik word elke ochtend wakker met wallen, hoe komt dat?": what the sources say of the cause first
        first, second = [cause, *first], [gate.warning] if gate.warning else []
        facts_said.insert(0, f"{concern}.oorzaak")
    elif judged is not None:
        # "mijn huid is rood na het sporten, is dat erg?": no judgement (no diagnosis) first, then the advice
        first, second = [Bubble(judged), *first], [gate.warning] if gate.warning else []
    elif gate.warning:
        second = [gate.warning]
    else:
        second = text_bubbles(data["helpt"][1:2])
        facts_said += _ids(concern, "helpt", data["helpt"][1:2], first=1)
    if len(first) + len(second) >= MAX_BUBBLES:  # the verdict, the advice and its caution: no room to ask
        return Reply(tuple([*first, *second]), advice=given, sources=_sources(data["helpt"][:2]),
                     facts=tuple(facts_said))
    followup = data["vervolg"]
    answered = already_answered(text, followup["al_gezegd"])
    more = _more_button(concern)
    if answered:
        last = Bubble(followup[answered][0]["tekst"], (more,))
        facts_said.append(f"{concern}.vervolg.{answered}")
        open_question = None
    else:
        last = Bubble(followup["vraag"], (*buttons_from(followup["knoppen"]), more))
        open_question = FOLLOWUP_PREFIX + concern
    return Reply(
        tuple([*first, *second, last]),
        open_question=open_question,
        advice=given,
        sources=_sources(data["helpt"][:2]),
        facts=tuple(facts_said),
    )


def judgement_asked(text: str) -> str | None:
    """What the bot says to "is dat erg?", "moet ik naar de dokter?" or "wat kan dat zijn?", alone or
    beside a complaint: it does not judge nor diagnose, and who can (teksten.yml `normaal`, `dokter`,
    `wat_is_het`); None for any other message."""
    t = load_knowledge().teksten
    if asks_if_normal(text):
        return t.normaal
    if asks_for_doctor(text):
        return t.dokter
    return t.wat_is_het if asks_for_diagnosis(text) else None


def cause_bubble(concern: str) -> Bubble | None:
    """"hoe komt dat?" about a concern: what the sources say of its cause, and that the bot does not judge
    what causes it for her (huidzorgen.yml `oorzaak`, `oorzaak_slot`); None when they say nothing."""
    data = concern_data()
    cause = data["huidzorgen"].get(concern, {}).get("oorzaak")
    return Bubble(f"{cause['tekst']} {data['oorzaak_slot']}") if cause else None


def cause_reply(concern: str | None, text: str) -> Reply | None:
    """"komt dat door te weinig slaap?" after the advice for wallen: the cause as the sources give it; None when
    the message does not ask for a cause or the sources name none for `concern`."""
    bubble = cause_bubble(concern) if concern in CONCERNS and asks_cause(text) else None
    if bubble is None or concern is None:
        return None
    source = concern_data()["huidzorgen"][concern]["oorzaak"]["bron"]
    return Reply((bubble,), advice=(f"{concern}:oorzaak",), sources=(source,), facts=(f"{concern}.oorzaak",))


def _more_button(concern: str) -> Button:
    return Button(concern_data()["meer_tips"], f"/{concern}")


def _more_reply(concern: str, data: dict[str, Any]) -> Reply:
    """The rest of the advice, for someone who asks about the same concern again."""
    rest = [("helpt", data["helpt"][2:3], 2), ("vermijden", data["vermijden"][:1], 0),
            ("verwachting", data["verwachting"][:1], 0)]
    bubbles = [b for _, items, _ in rest for b in text_bubbles(items)][: MAX_BUBBLES - 1]
    facts_said = [i for part, items, first in rest for i in _ids(concern, part, items, first)][: len(bubbles)]
    offer = question_bubble(concern_data()["huidcheck_aanbod"])
    return Reply((*bubbles, offer), open_question="huidcheck_aanbod", advice=(f"{concern}:meer",),
                 sources=_sources(*(items for _, items, _ in rest)), facts=tuple(facts_said))


def _all_told_reply(concern: str) -> Reply:
    """Everything about this concern was said: no third round of the same tips."""
    texts = concern_data()
    offer = texts["huidcheck_aanbod"]
    bubble = Bubble(f"{texts['alles_gezegd']} {offer['vraag']}", buttons_from(offer["knoppen"]))
    return Reply((bubble,), open_question="huidcheck_aanbod", advice=(f"{concern}:alles_gezegd",))


def salon_for_concern_reply(concern: str, facts: Facts) -> Reply | None:
    """"kan ik bij jullie terecht voor een behandeling tegen acnelittekens?": the treatment that suits the
    concern (huidzorgen.yml `techniek`) as the salon offers it, its price, and the verdict on it for her
    (safety on every path). None when the salon does not offer that treatment."""
    if concern not in CONCERNS or concern in ("na_peeling", KEEPING_IT_GOOD):
        return None
    technique = concern_data()["huidzorgen"][concern]["techniek"]
    if not salon.priced(technique):
        return None
    k = load_knowledge()
    label = intent_data()["intenties"][concern]
    offer = salon_texts()["antwoorden"]["voor_klacht"].format(
        klacht=label[:1].lower() + label[1:], behandeling=k.teksten.verzoek_labels[technique])
    price = salon.answer(topic="prijzen", treatment=technique).bubbles[0]
    gate = safety_gate(facts, technique)
    book = Button(**salon_texts()["knoppen"]["afspraak"])
    return Reply((Bubble(f"{offer} {price}"), Bubble(gate.text, () if gate.blocked else (book,))),
                 advice=(f"veiligheid:{technique}:{gate.level}",), facts=(f"{OFFERED}{technique}",))


LONG_STANDING = "klachtduur.lang"


def with_duration_lead(reply: Reply, told: ToldDuration, said_before: Iterable[str] = ()) -> Reply:
    """"al twee weken" after the advice for a concern: the reply with first a word on how long it has lasted;
    long-standing ("al maanden"), the sources' advice to ask a dermatologist or skin therapist when in doubt,
    once in a conversation and not beside advice that already names them."""
    texts = concern_data()["klachtduur"]
    names_them = find_words({"": texts["verwijzing"]}, " ".join(b.text for b in reply.bubbles))
    if not told.long or names_them or LONG_STANDING in set(said_before):
        return with_lead(reply, texts["kort"])
    return replace(with_lead(reply, texts["lang"]["tekst"]), facts=(LONG_STANDING, *reply.facts),
                   sources=tuple(sorted({*reply.sources, texts["lang"]["bron"]})))


def duration_reply(told: ToldDuration, said_before: Iterable[str] = ()) -> Reply:
    """"al twee weken" after the advice for her skin type, which has nothing more to add: that word and the
    offer of the skin check (the phase decides the next advice)."""
    offer = concern_data()["huidcheck_aanbod"]
    return with_duration_lead(Reply((Bubble(offer["vraag"], buttons_from(offer["knoppen"])),),
                                    open_question="huidcheck_aanbod"), told, said_before)


def pending_followup(concern: str, open_question: str | None, advice_given: Iterable[str],
                     facts_said: Iterable[str]) -> str | None:
    """The follow-up question of this concern's advice while it is unanswered: still open, or asked
    before a question about something else ("kan microneedling daarbij helpen?") and not answered since."""
    own = FOLLOWUP_PREFIX + concern
    if open_question == own:
        return own
    if open_question is not None and open_question.startswith(FOLLOWUP_PREFIX):
        return None  # another concern's question is the open one
    asked = f"{concern}:{concern_data()['huidzorgen'][concern]['techniek']}" in set(advice_given)
    answered = any(f.startswith(f"{concern}.vervolg.") for f in facts_said)
    return own if asked and not answered else None


def answer_to_followup(open_question: str | None, concern: str, text: str) -> str | None:
    """"ja" or "nee" when this message answers the follow-up question still open for `concern`."""
    if open_question != FOLLOWUP_PREFIX + concern:
        return None
    return already_answered(text, concern_data()["huidzorgen"][concern]["vervolg"]["al_gezegd"])


def something_else_after_reply(facts: Facts, treatment: str) -> Reply:
    """"mag ik make-up dragen na een gezichtsmassage?": the sources say nothing about it, and the
    verdict on the treatment too when her facts restrict it (safety on every path)."""
    k = load_knowledge()
    silent = Bubble(k.teksten.na_behandeling_anders.format(verzoek=k.teksten.verzoek_labels[treatment]))
    gate = safety_gate(facts, treatment)
    # with nothing known of her, the general caution on an intensive technique ("in welke fase je huid
    # zit, weet ik nog niet") answers a question she did not ask ("mag ik make-up dragen na microneedling?")
    about_her = facts.conditions or facts.medication or facts.last_procedure or facts.outside_knowledge
    if gate.allowed or not (gate.blocked or about_her):
        return Reply((silent,))
    return Reply((silent, gate.answer), advice=(f"veiligheid:{treatment}:{gate.level}",))


def words_naming(treatment: str, text: str) -> str:
    """The words that name `treatment` in `text` ("gezichtsmassage", "botox"), by its synonyms."""
    found = find_words({treatment: treatment_forms(treatment)}, text)
    return text[found[0][0]:found[0][1]] if found else ""


def _may_i_have_reply(advice: str, gate: GateResult, facts: Facts) -> Reply:
    """"Mag ik microneedling laten doen?" with no treatment had before: read close to
    aftercare, but she asks whether she may have it. The verdict on it answers that (not
    "which treatment did you have?"), then the skin check when the phase it hangs on is unknown."""
    if facts.phase is not None:
        return Reply((gate.answer,), advice=(advice,))
    offer = question_bubble(concern_data()["huidcheck_aanbod"])
    return Reply((gate.answer, offer), open_question="huidcheck_aanbod", advice=(advice,))


def _sources_silent_on(text: str, facts: Facts) -> str | None:
    """After her treatment, a question whether something the sources do not cover may ("mag ik nu
    naar de zonnebank?", "wanneer mag ik weer sporten?"): the sentence that says so, else None."""
    requested = named_request(text) if text else None  # the treatment she had is no request ("na microneedling")
    if facts.last_procedure is None or not text or requested not in (None, facts.last_procedure):
        return None
    k = load_knowledge()
    other = when_again(text)
    if other is not None:  # "wanneer mag ik weer?" alone asks the wait, which the aftercare gives
        return k.teksten.wanneer_anders if other else None
    if requested is None and asks_self_care(text):  # "wat kan ik erop smeren?": her practitioner's aftercare
        return k.teksten.zelf_na
    return k.teksten.mag_anders if asks_permission(text) else None


def _aftercare_reply(data: dict[str, Any], facts: Facts, sources_silent: str | None = None, *,
                     said_before: frozenset[str] = frozenset(), asked: str | None = None) -> Reply:
    """After a peel, laser, injectables or microneedling: first what and when. `sources_silent`:
    her question was about something the sources do not cover; that comes first. Aftercare an
    earlier reply said (`said_before`) is not said again. The verdict is on the treatment she
    asks about (`asked`: "mag ik nu lymfedrainage?"), else on a massage."""
    procedure = facts.last_procedure
    if procedure is None:
        return Reply((*text_bubbles(data["helpt"]), question_bubble(data["vraag_ingreep"])),
                     open_question=ASK_PROCEDURE, facts=_ids("na_peeling", "helpt", data["helpt"]))
    first = (Bubble(sources_silent),) if sources_silent else ()
    prefix = f"na_peeling.nazorg.{procedure}"
    numbered = [(f"{prefix}.tekst.{i}", item) for i, item in enumerate(data["nazorg"].get(procedure, []))]
    aftercare = [(fact, item) for fact, item in numbered if fact not in said_before]
    if facts.days_since_procedure is None:
        if data["vraag_dagen"]["vraag"] in facts.told and not aftercare:
            # asked before and she said something else ("het brandt een beetje"): not the same bare
            # question again, but the verdict for now, which says why the days matter
            gate = safety_gate(facts, asked if asked is not None and asked != procedure else data["techniek"])
            return Reply((*first, gate.answer), open_question=ASK_DAYS, advice=(f"na_peeling:{procedure}",))
        return Reply((*first, *text_bubbles([i for _f, i in aftercare[:1]]), question_bubble(data["vraag_dagen"])),
                     open_question=ASK_DAYS, facts=tuple(f for f, _i in aftercare[:1]))
    gate = safety_gate(facts, asked if asked is not None and asked != procedure else data["techniek"])
    # the recovery is over ("twee maanden geleden fillers"): the aftercare for the first days
    # ("masseer niet zonder toestemming") would contradict the "no objection" before it; during
    # the recovery, aftercare that only restates the verdict would say the warning twice
    told = [] if gate.allowed else [(f, i) for f, i in aftercare if not i.get("zegt_het_oordeel")]
    told = told[:MAX_BUBBLES - 1 - len(first)]
    return Reply((*first, gate.answer, *text_bubbles([i for _f, i in told])), advice=(f"na_peeling:{procedure}",),
                 facts=tuple(f for f, _i in told))


def followup_reply(open_question: str | None, answer_yes: bool, facts: Facts, phase_known: bool) -> Reply:
    """The answer to the follow-up question, then the offer of a phase check."""
    offer = question_bubble(concern_data()["huidcheck_aanbod"])
    if not open_question or not open_question.startswith(FOLLOWUP_PREFIX):
        return Reply((offer,), open_question="huidcheck_aanbod")
    concern = open_question[len(FOLLOWUP_PREFIX):]
    data = concern_data()["huidzorgen"][concern]
    gate = safety_gate(facts, data["techniek"])
    if gate.blocked:  # something changed since the advice
        return Reply((Bubble(f"{data['erkenning']} {gate.text}"),), facts=(f"{concern}.erkenning",))
    side = "ja" if answer_yes else "nee"
    answer = text_bubbles(data["vervolg"][side])
    bubbles = answer if phase_known else answer + [offer]
    return Reply(tuple(bubbles), open_question=None if phase_known else "huidcheck_aanbod",
                 facts=(f"{concern}.vervolg.{side}",))
