"""The answer to a medical situation: the safety gate, spoken out loud."""
from __future__ import annotations

import dataclasses

from bot.knowledge import load_knowledge
from bot.knowledge.model import Vraag
from bot.replies.answers import answer_reply
from bot.replies.concern import ASK_DAYS, judgement_asked, something_else_after_reply
from bot.replies.gate import product_outside_text, render_unknown, safety_gate
from bot.replies.questions import CLEAR_SCORE, match_question
from bot.replies.reply import Bubble, Reply, question_bubble
from bot.replies.texts import concern_data
from bot.rules.follow_up import (
    asks_about_after,
    asks_about_products,
    asks_permission,
    asks_self_care,
    asks_something_else_after,
    asks_what_instead,
    treatment_forms,
    when_again,
)
from bot.rules.negation import scan_facts
from bot.rules.outside import outside_knowledge_in
from bot.rules.safety import Facts, VerdictLevel, check_request, gp_cleared
from bot.textnorm import fold, join_list

# With no treatment named, the question is whether facial massage is safe:
# that is what this bot advises on.
DEFAULT_REQUEST = "gezichtsmassage"


def safety_reply(facts: Facts, asked: str | None, concern: str | None = None, *,
                 diagnosis: str | None = None, someone_else: bool = False) -> Reply:
    """Verdict on what was asked, else on the technique for the concern named with it
    ("wallen en bloedverdunners": lymph drainage, and the wallen acknowledged), else on
    facial massage, with all known facts. One bubble. `diagnosis`: a condition she asks
    whether she has ("is dat rosacea?"): first that the bot cannot tell, then the verdict.
    `someone_else`: the facts include another person's condition (bot.rules.facts.with_someone_elses):
    first that the answer is general."""
    if facts.last_procedure is not None and facts.days_since_procedure is None:
        question = question_bubble(concern_data()["huidzorgen"]["na_peeling"]["vraag_dagen"])
        label = load_knowledge().teksten.verzoek_labels.get(asked or "")
        if label is not None:  # her question heard: "of gua sha al kan, hangt af van je herstel: …"
            question = Bubble(load_knowledge().teksten.hangt_af_van_dagen.format(verzoek=label), question.buttons)
        return Reply((question,), open_question=ASK_DAYS)
    data = concern_data()["huidzorgen"].get(concern or "") if asked is None else None
    request = asked or (data["techniek"] if data else DEFAULT_REQUEST)
    gate = safety_gate(facts, request)
    bubble = Bubble(f"{data['erkenning']} {gate.text}") if data else gate.answer
    if diagnosis is not None:
        t = load_knowledge().teksten
        no_diagnosis = t.geen_diagnose.format(aandoening=t.aandoening_labels.get(diagnosis, diagnosis))
        bubble = Bubble(f"{no_diagnosis} {bubble.text}")
    if someone_else:
        bubble = Bubble(f"{load_knowledge().teksten.voor_een_ander} {bubble.text}")
    said = (f"{concern}.erkenning",) if data else ()
    return Reply((bubble,), advice=(f"veiligheid:{request}:{gate.level}",), facts=said)


PHASE_RULE = "intensief_buiten_fase"


def when_phase_reply(facts: Facts, treatment: str | None, text: str) -> Reply | None:
    """"wanneer kan dat?" after the verdict on an intensive treatment that only her phase holds back
    ("een peeling kan, maar … in welke fase je huid zit, weet ik nog niet"): when the phase wheel allows it,
    then the skin check while her phase is unknown, else what suits her phase now. None otherwise."""
    if treatment is None or facts.last_procedure is not None or when_again(text) != []:
        return None
    gate = safety_gate(facts, treatment)
    if gate.unknown or gate.verdict.contraindications != (PHASE_RULE,):
        return None
    k = load_knowledge()
    when = Bubble(k.teksten.wanneer_fase.format(verzoek=k.teksten.verzoek_labels[treatment]))
    if facts.phase is None:
        return Reply((when, question_bubble(concern_data()["huidcheck_aanbod"])), open_question="huidcheck_aanbod")
    return Reply((Bubble(f"{when.text} {gate.verdict.alternatives[0]}"),) if gate.verdict.alternatives else (when,))


def unsure_message_reply(facts: Facts, request: str | None, text: str) -> Reply | None:
    """The answer to a message the classifier is unsure of, where its words and what is known
    settle what she asks; None leaves the usual question what she means.

    - A treatment is named (`request`) and something known restricts it, or she had a
      treatment ("mag ik vanavond mijn gezicht masseren?" the day after botox): the verdict.
    - A treatment is named in a question whether it may ("mag ik gua sha doen?"): the verdict,
      also when nothing stands in the way.
    - Nothing is named, she had a treatment, and the message asks when again ("wanneer mag ik
      weer?", "hoe lang nog?"): the waiting time, as the aftercare said it; about something the
      sources do not cover ("wanneer mag ik weer sporten?"), first that they do not.
    - Nothing is named, she had a treatment and asks whether something else may ("mag ik er een
      serum op doen?"): the sources do not say, her practitioner knows.
    - Nothing is named and she asks whether what she notices is normal: the bot does not judge
      that, and says who can."""
    if request is None:
        had = facts.last_procedure is not None
        other = when_again(text) if had else None
        judged = judgement_asked(text) if other is None else None  # "is dat normaal?", "wat kan dat zijn?"
        if judged is not None:
            return Reply((Bubble(judged),))
        if other is None:  # "mag ik er een serum op doen?" after her treatment: not in the sources either
            return Reply((Bubble(load_knowledge().teksten.mag_anders),)) if had and asks_permission(text) else None
        reply = safety_reply(facts, DEFAULT_REQUEST)
        if other and reply.open_question is None:  # "wanneer mag ik weer sporten?": not in the sources
            sources_silent = load_knowledge().teksten.wanneer_anders
            reply = dataclasses.replace(reply, bubbles=(Bubble(f"{sources_silent} {reply.bubbles[0].text}"),))
        return reply
    restricted = facts.last_procedure is not None or not safety_gate(facts, request).allowed
    return safety_reply(facts, request) if restricted or asks_permission(text) else None


def permission_reply(facts: Facts, treatment: str | None, question: str, intent: str | None = None,
                     ingredient: str | None = None, treatment_said: str = "") -> Reply | None:
    """"mag ik (zelf) een gezichtsmassage?": a question only whether a treatment may, which no
    answer of the knowledge base answers more closely ("mag ik na microneedling in de zon?" has
    one): the verdict, not what the treatment is. `treatment_said`: the words that named it ("gua
    sha"), which are no more than the request. None for every other question."""
    if treatment is None or ingredient is not None or not asks_permission(question):
        return None
    if answers_more_closely(question, intent, treatment_said):
        return None
    return something_else_reply(facts, treatment, question, treatment_said) or safety_reply(facts, treatment)


def something_else_reply(facts: Facts, treatment: str, question: str, treatment_said: str = "") -> Reply | None:
    """"mag ik make-up dragen na een gezichtsmassage?", and "mag ik dan sporten?" right after the recovery
    after microneedling (the treatment unnamed): whether something else may after it, which the sources
    do not say. None when the question names a condition, medication or situation: that is her verdict."""
    if asks_about_after(question, treatment_said) or (
            not treatment_said and asks_something_else_after(question, treatment)
            and not {m.value for m in scan_facts(question).mentions} - {treatment}
            and not outside_knowledge_in(question)):
        return something_else_after_reply(facts, treatment)
    return None


def _said_facts(conditions: frozenset[str], medication: frozenset[str]) -> str | None:
    """Her conditions and medication as she reads them ("rosacea en bloedverdunners"); None for none."""
    k = load_knowledge()
    t = k.teksten
    labels = [t.aandoening_labels[c] for c in sorted(conditions) if c in t.aandoening_labels]
    labels += [t.medicatie_labels[m] for m in sorted(medication) if m in t.medicatie_labels]
    return join_list(labels, k.taal.opsomming.laatste_voegwoord) if labels else None


def taken_back_lead(facts: Facts, text: str) -> str | None:
    """"nee wacht, ik gebruik geen bloedverdunners" after she said she does: a stated risk is kept for the
    whole conversation (bot/rules/facts.py), and she hears why. None when the message denies nothing she said."""
    denied = {m.value for m in scan_facts(text).mentions if m.negated and not m.other}
    said = _said_facts(facts.conditions & denied, facts.medication & denied)
    return load_knowledge().teksten.ingetrokken.format(feiten=said) if said else None


def product_question_lead(facts: Facts, text: str) -> str | None:
    """"ik heb rosacea, welke crème kan ik het beste gebruiken?": first that the sources name no product
    for her condition or medication, and who can advise her; "ik ben zwanger, welke olie?": none for her
    situation either. The verdict follows. None for other messages."""
    if not asks_about_products(text):
        return None
    said = _said_facts(facts.conditions, facts.medication)
    if said:
        return load_knowledge().teksten.product_bij_aandoening.format(aandoening=said)
    return product_outside_text(facts.outside_knowledge)


def named_ingredient_reply(facts: Facts, text: str, *, outside_only: bool = False) -> Reply | None:
    """"mag ik niacinamide gebruiken?": what the sources say the ingredient does (no rule of the contract is
    about ingredients); when she told a situation the sources say nothing about (borstvoeding), that the bot
    cannot judge it for that ingredient. `outside_only`: only the latter. None for every other message."""
    if not asks_permission(text) or (outside_only and not facts.outside_knowledge):
        return None
    found = match_question(text, "ingredient_info")
    if found is None or found.score < CLEAR_SCORE or not found.entry.ingredient:
        return None
    if facts.outside_knowledge:
        return ingredient_outside_reply(facts, found.entry)
    return answer_reply(found.entry, facts)


def ingredient_outside_reply(facts: Facts, ingredient: Vraag) -> Reply | None:
    """"mag ik dat gebruiken als ik zwanger ben?" right after an ingredient's answer: the sources say
    nothing about it in her situation (`facts.outside_knowledge`), about that ingredient, not a massage."""
    if not facts.outside_knowledge:
        return None
    label = ingredient.label if ingredient.label[:2].isupper() else ingredient.label[:1].lower() + ingredient.label[1:]
    text = render_unknown(facts.outside_knowledge, DEFAULT_REQUEST, label=label)
    return Reply((Bubble(text),), advice=(f"veiligheid:{ingredient.id}:buiten_kennis",))


def verdict_and_answer(facts: Facts, treatment: str | None, question: str) -> Reply | None:
    """"hoe vaak mag ik masseren als ik couperose heb?": a question whether it may that also asks
    what the knowledge base answers. Not blocked: the verdict first, then that answer (one reply
    through the gate). None when blocked (the verdict says all) or no answer matches clearly."""
    named = " ".join(treatment_forms(treatment)) if treatment else ""  # "en de gua sha dan?" asks nothing more
    if not answers_more_closely(question, treatment_said=named):
        return None
    found = match_question(question)
    if found is None:
        return None
    request = treatment or found.entry.behandeling or DEFAULT_REQUEST
    if request in load_knowledge().teksten.verzoek_labels and safety_gate(facts, request).blocked:
        return None
    return answer_reply(found.entry, facts, treatment=treatment, safety_asked=True)


def answers_more_closely(question: str, intent: str | None = None, treatment_said: str = "") -> bool:
    """Does an answer of the knowledge base clearly match the question, on words beyond the
    permission question and the treatment ("kan ik daarna naar mijn werk?": the recovery)?"""
    k = load_knowledge()
    cues = k.taal.toestemmingsvraag
    # "mag ik een gezichtsmassage laten doen?": the treatment's own verbs ask no more than the request
    nothing_more = set(cues.vulwoorden) | set(cues.werkwoorden) | set(fold(treatment_said).split())
    found = match_question(question, intent)
    return found is not None and found.score >= CLEAR_SCORE and not set(found.covered) <= nothing_more


def later_reply(facts: Facts, request: str, ahead: float) -> Reply:
    """"en over een maand?" after a verdict, with her recovery known (`facts.days_since_procedure`):
    the verdict `ahead` days from now. Still in the wait then: today's count of when it can."""
    t = load_knowledge().teksten
    now = facts.days_since_procedure or 0.0
    then = dataclasses.replace(facts, days_since_procedure=now + ahead)
    gate = safety_gate(then, request)
    if gate.blocked:
        gate = safety_gate(facts, request)
        text = f"{t.later_nog_niet} {gate.text}"
    else:
        days = round(now + ahead)
        word = t.dagen_woord.een if days == 1 else t.dagen_woord.meer
        text = f"{t.later.format(dagen=days, dagen_woord=word)} {gate.text}"
    return Reply((Bubble(text),), advice=(f"veiligheid:{request}:{gate.level}",))


def what_instead_reply(facts: Facts, text: str, *, self_care: bool = False) -> Reply | None:
    """"wat kan ik dan wel doen?" after a verdict that rules something out: which of the treatments the
    sources explain her facts still allow, which with extra care, which not now, and what she does first (the
    strictest contraindications' alternatives). None when nothing is ruled out or she asks something else.
    `self_care`: "wat kan ik doen?" with no concern to advise on asks the same, when her own situation (not
    only the phase of her skin) rules something out."""
    own = bool(facts.conditions or facts.medication or facts.last_procedure)
    if not (asks_what_instead(text) or (self_care and own and asks_self_care(text))) or facts.outside_knowledge:
        return None
    k = load_knowledge()
    # the treatments the sources explain (not the peel, laser or injectables she may recover from)
    facts = gp_cleared(facts) or facts  # her GP agreed: only the other reasons rule something out
    verdicts = {t: check_request(facts, t) for t in k.vragen.per_behandeling}
    if not any(v.blocked for v in verdicts.values()):
        return None
    t = k.teksten.wat_wel
    last = k.taal.opsomming.laatste_voegwoord

    def said(level: str, which: list[str]) -> list[str]:
        labels = [k.teksten.verzoek_labels[r] for r in which]
        return [t[level].format(behandelingen=join_list(labels, last))] if labels else []

    allowed = [r for r, v in verdicts.items() if not v.blocked and not v.caution]
    careful = [r for r, v in verdicts.items() if v.caution]
    blocked = [r for r, v in verdicts.items() if v.blocked]
    strictest = sorted(verdicts.values(), key=lambda v: -v.level.rank)[0]
    parts = ([t["geen"]] if not allowed and not careful
             else [*said("kan", allowed), *said("voorzichtig", careful), *said("niet", blocked)])
    first = [t["huisarts"]] if strictest.level is VerdictLevel.HUISARTS_EERST else []
    text_out = " ".join([*parts, *first, *strictest.alternatives[:1]])
    return Reply((Bubble(text_out),), advice=(f"veiligheid:wat_wel:{strictest.level.value}",),
                 sources=strictest.sources)
