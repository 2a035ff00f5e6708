"""Answers to knowledge questions: the specific answer first, at most three short bubbles.

    knowledge_reply("microneedling_info", facts, question="doet het pijn?")
        -> Reply(bubbles=(answer [+ the gate's one warning]), facts=("microneedling.pijn",), ...)

Which answer: a button's `kennis_id`, else the question matched against knowledge/vragen.yml
(bot/replies/questions.py), else the ingredient or treatment named, else the intent's short
general answer. Every answer goes through the one safety gate first: blocked -> one sentence
that acknowledges the question plus the gate's warning, nothing recommended; caution -> the
answer plus the warning. The rest of the topic is a button away ("Meer hierover" shows the
knowledge items behind the answer), never pushed.
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.model import Fase, Vraag
from bot.replies.gate import GateResult, product_outside_text, safety_gate, sentence_count
from bot.replies.questions import CLEAR_SCORE, Match, candidates, match_question, named_topics
from bot.replies.reply import Bubble, Button, Reply, buttons_from, text_bubbles
from bot.replies.texts import answer_data, concern_data
from bot.rules.follow_up import about_treatment, asks_safety, asks_self_care, refers_back, treatments_named
from bot.rules.negation import scan_facts
from bot.rules.safety import Facts
from bot.textnorm import find_words, fold

KNOWLEDGE_INTENTS = (
    "gezichtsmassage_info", "massage_techniek", "microneedling_info",
    "frequentie_duur", "producten_advies", "ingredient_info",
    "fasewiel_info", "huid_info",  # own additions: the phase wheel; skin, nervous system, microbiome
)
ID_ENTITY = "kennis_id"  # /microneedling_info{"kennis_id": "microneedling.herstel"}
MORE = "/meer"  # kennis_id suffix: the knowledge items behind an answer
MAX_BUBBLES = 3
MAX_SENTENCES = 3  # per bubble of a "more" reply
AFTERCARE = "na_peeling"  # an answer that is also aftercare (vragen.yml `ook_bij`)
FREQUENCY = "frequentie_duur"
PRODUCT_INTENT = "producten_advies"
MAX_FOLLOW_UP_WORDS = 8  # a follow-up that points back is short ("en doet dat pijn?")
# A follow-up with no word pointing back ("hoe snel zie ik resultaat?" after a massage answer) is read
# as about that treatment only when its own words match a question well beyond a clear match (one
# signal word more: "hoe lang moet ik wachten met sporten?" matches the massage's minutes at 2.3).
IMPLICIT_SCORE = CLEAR_SCORE + 1.0
SHORT_NAMED = 4  # "helpt acupressuur echt?": a treatment and a few words, no question of its own

# Fields of the knowledge items that hold text, in the order they are told.
_TEXT_FIELDS = ("tekst", "antwoord", "algemeen", "voor", "hoe", "rol", "effect_huid", "toelichting",
                "samenvatting", "omschrijving", "geen_foute_fase", "kernboodschap", "resultaat", "praktisch",
                "waarom")
_LIST_FIELDS = ("punten", "tips", "let_op")
_NESTED_FIELDS = ("groepen", "onderdelen", "thuis", "salon", "kuur", "beste_tijd")


def select_answer(
    intent: str | None,
    question: str = "",
    *,
    treatment: str | None = None,
    ingredient: str | None = None,
    kennis_id: str | None = None,
    skin_type: str | None = None,
    just_said: Iterable[str] = (),
    knowledge: Knowledge | None = None,
) -> Vraag | None:
    """The short answer a question asks for (None: an ingredient the seeds do not know). `just_said`:
    what the previous reply stated; a question whose own words point elsewhere too gets that other
    answer ("hoe maak ik de steen schoon?" right after the gua sha technique)."""
    k = knowledge or load_knowledge()
    chosen = k.question(kennis_id.removesuffix(MORE)) if kennis_id else None
    if chosen is None:
        found = _something_new(candidates(question, intent, knowledge=k), set(just_said))
        chosen = found.entry if found else None
    if chosen is None and ingredient:
        info = k.ingredient(ingredient)
        chosen = k.question(f"ingredient.{info.sleutel}") if info else None
        if chosen is None:
            return None
    if chosen is None and treatment and intent not in ("frequentie_duur", "producten_advies"):
        target = k.vragen.per_behandeling.get(treatment)
        chosen = k.question(target) if target else None
    if chosen is None and intent:
        target = k.vragen.standaard.get(intent)
        chosen = k.question(target) if target else None
    return _for_skin_type(chosen, skin_type, k) if chosen is not None and not kennis_id else chosen


def _for_skin_type(entry: Vraag, skin_type: str | None, k: Knowledge) -> Vraag:
    """The answer's variant for her skin type (vragen.yml `huidtype_varianten`), else the answer."""
    variant = (entry.huidtype_varianten or {}).get(skin_type or "")
    return (k.question(variant) or entry) if variant else entry


def _other_routine(question: str, k: Knowledge) -> Vraag | bool | None:
    """For a question how often or how long that names something other than massaging (taal.yml
    `andere_routines`): the answer about that thing ("hoe vaak reinig ik mijn gua sha?": cleaning the
    tools), or False when the sources have none; None when it names no such thing."""
    named = {fold(question[s:e]) for s, e, _key in find_words({"": k.taal.andere_routines}, question)}
    if not named:
        return None
    about = next((m.entry for m in candidates(question, knowledge=k) if m.score >= CLEAR_SCORE
                  and m.entry.intentie != FREQUENCY and named & {fold(w) for w in m.covered}), None)
    return about or False


def _something_new(found: list[Match], just_said: set[str]) -> Match | None:
    """The best match, unless it is the answer just given and a close one (one signal word less at
    most) covers a word of the question that the best does not: then that one."""
    best = found[0] if found and found[0].score > 0 else None
    if best is None or best.entry.id not in just_said:
        return best
    other = next((m for m in found[1:] if m.score >= max(best.score - 1.0, 1.0)
                  and m.entry.id not in just_said and set(m.covered) - set(best.covered)), None)
    return other or best


def knowledge_reply(
    intent: str,
    facts: Facts,
    skin_type: str | None = None,
    treatment: str | None = None,
    ingredient: str | None = None,
    *,
    question: str = "",
    kennis_id: str | None = None,
    just_said: Iterable[str] = (),
    knowledge: Knowledge | None = None,
) -> Reply:
    """The reply to a knowledge question, answer first; a contraindication is said once.
    `just_said`: what the previous reply stated; asked again in other words ("welke raad je aan?"
    right after that answer), the answer is not repeated word for word but told in full ("Meer
    hierover")."""
    k = knowledge or load_knowledge()
    entry = select_answer(intent, question, treatment=treatment, ingredient=ingredient, kennis_id=kennis_id,
                          skin_type=skin_type, just_said=just_said, knowledge=k)
    if entry is None:
        data = answer_data()
        bubbles = text_bubbles(data["onbekend_ingredient"])
        return Reply((Bubble(bubbles[0].text, buttons_from(data["knoppen_onbekend"])),),
                     advice=(f"{intent}:onbekend",), sources=("whitepaper_fasewiel",))
    if entry.intentie == FREQUENCY and entry.onderwerp == "massage" and not kennis_id:
        routine = _other_routine(question, k)  # "hoe vaak moet ik exfoliëren?": not the massage's times
        # "en hoe vaak dan?" after a peel: the sources time no peel ("hoe vaak masseren na mijn peeling?" the massage)
        peel = treatment in k.contract.ingreep and "massage" not in named_topics(question, knowledge=k)
        if routine is False or peel:
            return Reply((Bubble(k.teksten.frequentie_anders),), advice=(f"{intent}:onbekend",))
        if isinstance(routine, Vraag):  # "hoe vaak reinig ik mijn gua sha?": cleaning the tools
            entry = routine
    more = bool(kennis_id.endswith(MORE)) if kennis_id else entry.id in set(just_said)
    return answer_reply(entry, facts, treatment=treatment, more=more,
                        safety_asked=asks_safety(question, knowledge=k), knowledge=k)


# A message this close to a button's title (rapidfuzz ratio, 0-100) is that button typed: "doet dat pijn"
# for "Doet het pijn?" scores 85, "is het pijnlijk" 64, "pijn" 47.
TYPED_TITLE = 80


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def typed_button_reply(text: str, buttons: Iterable[dict[str, Any]], facts: Facts, skin_type: str | None = None, *,
                       knowledge: Knowledge | None = None) -> Reply | None:
    """"doet het pijn?" typed right under the button "Doet het pijn?": the answer that button gives
    (a knowledge answer's button); None when she typed no such title."""
    k = knowledge or load_knowledge()
    for button in buttons:
        kennis_id = _answer_payloads(k).get(str(button.get("payload") or ""))
        if kennis_id and fuzz.ratio(_plain(text), _plain(str(button.get("title") or ""))) >= TYPED_TITLE:
            entry = k.question(kennis_id.removesuffix(MORE))
            if entry is not None:
                return knowledge_reply(entry.intentie, facts, skin_type, kennis_id=kennis_id, knowledge=k)
    return None


@lru_cache(maxsize=4)
def _answer_payloads(k: Knowledge) -> dict[str, str]:
    """Every answer button's payload (`payload`) -> the kennis_id it asks for."""
    return {payload(e, more): e.id + (MORE if more else "") for e in k.vragen.vragen for more in (False, True)}


def named_treatment_reply(question: str, treatment: str | None, facts: Facts, skin_type: str | None = None, *,
                          knowledge: Knowledge | None = None) -> Reply | None:
    """"wat is gua sha?" that the classifier is unsure of: the answer about the treatment it names, when
    its words match one clearly; None otherwise."""
    k = knowledge or load_knowledge()
    found = match_question(question, knowledge=k)
    if treatment is None:
        return None
    if found is not None and found.score >= CLEAR_SCORE and found.entry.behandeling == treatment:
        return knowledge_reply(found.entry.intentie, facts, skin_type, treatment, question=question, knowledge=k)
    own = k.question(k.vragen.per_behandeling.get(treatment, ""))
    if own is not None and len(question.split()) <= SHORT_NAMED:
        # "helpt acupressuur?": a few words around its name, no clear question about it: its own answer
        return knowledge_reply(own.intentie, facts, skin_type, treatment, kennis_id=own.id, knowledge=k)
    return None


def topic_question_reply(treatment: str, *, knowledge: Knowledge | None = None) -> Reply | None:
    """"dag, ik heb een vraagje over gua sha": one bubble that welcomes her question about the
    treatment, with its answer and the questions people ask next as buttons; None for a treatment
    the knowledge base has no answer for."""
    k = knowledge or load_knowledge()
    target = k.vragen.per_behandeling.get(treatment)
    entry = k.question(target) if target else None
    label = k.teksten.verzoek_labels.get(treatment)
    if entry is None or label is None:
        return None
    t = answer_data()["teksten"]
    buttons = (Button(t["vraag_over_knop"], payload(entry)),
               *(b for b in follow_up_buttons(entry, k) if b.title != t["meer"]))
    return Reply((Bubble(t["vraag_over"].format(label=label), buttons[:3]),))


def referred_reply(question: str, treatment: str | None, facts: Facts, skin_type: str | None = None, *,
                   just_said: Iterable[str] = (), pointer: bool = False,
                   knowledge: Knowledge | None = None) -> Reply | None:
    """A short follow-up the classifier is unsure of, read in the light of the previous turn;
    None when that does not settle it.

    - It points back to the treatment just discussed ("doet dat pijn?" after "hoeveel sessies
      microneedling?"), or asks with no subject of its own ("hoe snel zie ik resultaat?" after a
      massage answer): the answer the knowledge base clearly gives about that treatment.
    - It asks for advice right after a knowledge answer ("en wat zou jij dan aanraden?"): that
      answer told in full ("Meer hierover"), not the same sentence again."""
    k = knowledge or load_knowledge()
    if len(question.split()) > MAX_FOLLOW_UP_WORDS + (4 if pointer else 0):  # "en ..." may say a bit more
        return None
    points_back = pointer or refers_back(question, knowledge=k)  # `pointer`: the caller knows it continues
    words = fold(question).split()
    # "(en) hoe doe ik dat?" right after a treatment was discussed: how that treatment goes
    asks_how = points_back and words[1 if words[:1] in (["en"], ["maar"]) else 0:][:1] == ["hoe"]
    if treatment is not None and (points_back or not treatments_named(question, knowledge=k)):
        about = about_treatment(question, treatment)
        own = [m for m in candidates(about, knowledge=k) if m.entry.behandeling in (None, treatment)]  # not another's
        found = _something_new(own, set(just_said))
        how_of_it = asks_how and found is not None and found.entry.behandeling == treatment
        threshold = 0.0 if how_of_it else CLEAR_SCORE if points_back else IMPLICIT_SCORE
        if found is not None and found.score >= threshold:
            entry = _for_skin_type(found.entry, skin_type, k)
            if found.entry.id not in set(just_said):
                return knowledge_reply(found.entry.intentie, facts, skin_type, treatment, question=about,
                                       kennis_id=entry.id, knowledge=k)
            if found.score >= CLEAR_SCORE and item_texts(entry, k)[0]:
                # asked again in other words ("kan ik daarna naar mijn werk?" right after the recovery):
                # what the sources say beyond the answer just given, never the same sentence again
                return knowledge_reply(found.entry.intentie, facts, skin_type, treatment, question=about,
                                       kennis_id=entry.id + MORE, knowledge=k)
    last = next((entry for entry in map(k.question, just_said) if entry is not None), None)
    # "hoe doe ik dat?" right after what acupressure does: what the sources say beyond it, as "Meer hierover"
    if last is not None and (asks_self_care(question, knowledge=k) or (asks_how and last.behandeling == treatment)):
        return knowledge_reply(last.intentie, facts, skin_type, kennis_id=last.id + MORE, knowledge=k)
    return None


def answer_reply(entry: Vraag, facts: Facts, *, treatment: str | None = None, more: bool = False,
                 safety_asked: bool = False, knowledge: Knowledge | None = None) -> Reply:
    """One answer through the safety gate: blocked, caution or plain. `safety_asked`: the question
    asks whether it is safe ("is gua sha veilig voor mij?"): the verdict comes first, "no objection" too."""
    k = knowledge or load_knowledge()
    # "ik ben zwanger, welke crème voor mijn droge huid?": the sources name no product for her situation,
    # as they judge no ingredient in it (bot/replies/safety_answer.named_ingredient_reply)
    outside = product_outside_text(facts.outside_knowledge, advice=True, knowledge=k)
    if entry.intentie == PRODUCT_INTENT and outside:
        return Reply((Bubble(outside),), advice=(f"{entry.intentie}:buiten_kennis",))
    requests: tuple[str | None, ...] = (entry.behandeling, treatment, default_request(entry, k))
    if AFTERCARE in entry.ook_bij and facts.last_procedure is not None:
        # the recovery after the treatment she had ("mijn huid is rood na de microneedling van
        # gisteren"): telling it is no advice to have that treatment again, so it is not gated
        requests = tuple(r for r in requests if r != facts.last_procedure)
    gates = _gates(facts, requests, k)
    blocked = next((g for g in gates if g.blocked), None)
    contra = tuple(f"contra_indicatie.{c}" for g in gates for c in g.verdict.contraindications)
    if blocked is not None:
        ack = Bubble(answer_data()["teksten"]["erkenning"].format(label=entry.label))
        return Reply((ack, Bubble(blocked.text)), advice=(f"{entry.intentie}:veiligheid",),
                     sources=entry.bron, facts=tuple(dict.fromkeys(contra)))
    # a caution she heard in full is not repeated under every answer about the treatment
    caution = next((g.warning for g in gates if g.warning and (safety_asked or not g.reminder_only)), None)
    if safety_asked and caution is None and gates:
        asked = next((g for g in gates if g.request == treatment), gates[0])
        caution = asked.answer
    if more:
        texts, stated = item_texts(entry, k)
        limit = MAX_BUBBLES - (1 if caution else 0)
        body = [Bubble(t) for t in texts[:limit]] or [
            Bubble(answer_data()["teksten"]["niets_meer"].format(antwoord=_after_colon(answer_text(entry, k))))]
    else:
        body, stated = [Bubble(answer_text(entry, k))], (entry.id,)
    bubbles = ([caution] + body if safety_asked else body + [caution]) if caution else body
    buttons = follow_up_buttons(entry, k, more=more)
    bubbles[-1] = dataclasses.replace(bubbles[-1], buttons=buttons)
    return Reply(tuple(bubbles), advice=(f"{entry.intentie}:{entry.id}",), sources=entry.bron,
                 facts=tuple(dict.fromkeys((*stated, *contra))))


def with_second_question(reply: Reply, question: str, treatment: str | None, *,
                         knowledge: Knowledge | None = None) -> Reply:
    """"doet microneedling pijn en hoeveel sessies heb ik nodig?": both answers, in the order she asked,
    when the reply gave one of them plainly (its first bubble) and each question has a clear answer of
    its own; the reply as it was otherwise (a block, a longer answer, one question)."""
    k = knowledge or load_knowledge()
    given = reply.advice[0].split(":", 1)[1] if reply.advice and ":" in reply.advice[0] else ""
    entry = k.question(given)
    if entry is None or not reply.bubbles or reply.bubbles[0].text != answer_text(entry, k):
        return reply
    asked: list[Vraag] = []
    for part in _question_parts(question, k):
        found = match_question(about_treatment(part, treatment) if treatment else part, knowledge=k)
        if found is not None and found.score >= CLEAR_SCORE and found.entry not in asked:
            asked.append(found.entry)
    if len(asked) < 2 or entry not in asked[:2] or len(reply.bubbles) >= MAX_BUBBLES:
        return reply
    other = asked[1] if asked[0] == entry else asked[0]
    answers = [Bubble(answer_text(e, k)) for e in asked[:2]]
    rest = [dataclasses.replace(b, buttons=()) for b in reply.bubbles[1:]]
    bubbles = [*answers, *rest]
    answered = {payload(e) for e in asked[:2]}  # no button for a question just answered
    buttons = tuple(b for b in reply.bubbles[-1].buttons if b.payload not in answered)
    bubbles[-1] = dataclasses.replace(bubbles[-1], buttons=buttons)
    return dataclasses.replace(reply, bubbles=tuple(bubbles), advice=(*reply.advice, f"{other.intentie}:{other.id}"),
                               facts=(*reply.facts, other.id))


def _question_parts(question: str, k: Knowledge) -> list[str]:
    """The questions in a message: split after "?" and before "en"/"of" + a question word."""
    starts = "|".join(re.escape(w) for w in k.taal.vraagwoorden)
    parts = re.split(rf"\?+\s*|,?\s+(?:en|of)\s+(?=(?:{starts})\b)", question.strip(), flags=re.IGNORECASE)
    return [p for p in parts if len(p.split()) >= 2]


# The fact id of the salon's offer of a treatment for her complaint ("Daarvoor kun je bij ons terecht: …"),
# with the treatment after it: a follow-up that points back ("wat kost dat?") is about that treatment.
OFFERED = "salon_aanbod."


def answered_treatment(fact_ids: Iterable[str], *, knowledge: Knowledge | None = None) -> str | None:
    """The treatment a reply's answers were about (`Reply.facts`: "microneedling.pijn" ->
    microneedling), for a follow-up that points back to it; None when they name none."""
    k = knowledge or load_knowledge()
    facts = list(fact_ids)
    offered = next((f.removeprefix(OFFERED) for f in facts if f.startswith(OFFERED)), None)
    if offered:  # "wat kost dat?" right after the salon offered lymfedrainage for her puffy eyes
        return offered
    entries = [k.question(fact) for fact in facts]
    # an answer about one treatment outweighs one about massage in general ("hoe lang per keer?"
    # answered with the home massage and gua sha: "en mag dat met couperose?" is about gua sha)
    named = next((e.behandeling for e in entries if e is not None and e.behandeling), None)
    if named:
        return named
    for fact, entry in zip(facts, entries, strict=True):
        treatment = default_request(entry, k) if entry else _named_in_advice(fact, k)
        if treatment:
            return treatment
    return None


def answered_ingredient(fact_ids: Iterable[str], *, knowledge: Knowledge | None = None) -> Vraag | None:
    """The ingredient answer among what a reply stated ("ingredient.retinoiden"), for "mag ik dat
    gebruiken?" right after it."""
    k = knowledge or load_knowledge()
    return next((e for e in map(k.question, fact_ids) if e is not None and e.ingredient), None)


def _named_in_advice(fact: str, k: Knowledge) -> str | None:
    """The one treatment a concern's advice sentence names ("lijntjes_littekens.helpt.2": "Microneedling
    stimuleert collageen …"), for "doet dat pijn?" right after it; None for none or several."""
    concern, _, rest = fact.partition(".")
    section, _, index = rest.partition(".")
    items = concern_data()["huidzorgen"].get(concern, {}).get(section)
    if not isinstance(items, list) or not index.isdigit() or int(index) >= len(items):
        return None
    named = treatments_named(items[int(index)].get("tekst", ""), knowledge=k)
    return next(iter(named)) if len(named) == 1 else None


def default_request(entry: Vraag, k: Knowledge) -> str | None:
    """What the gate checks when the answer names no treatment: by its topic, else its intent."""
    poort = k.vragen.poort
    if entry.onderwerp:
        return poort["onderwerp"].get(entry.onderwerp)
    return poort["intentie"].get(entry.intentie)


def _after_colon(sentence: str) -> str:
    """"Zoals ik zei: voor een droge huid …": lower case after the colon, an abbreviation ("SPF") kept."""
    return sentence[:1].lower() + sentence[1:] if sentence[1:2].islower() else sentence


def _gates(facts: Facts, requests: Iterable[str | None], k: Knowledge) -> list[GateResult]:
    wanted = [r for r in dict.fromkeys(requests) if r and r in k.teksten.verzoek_labels]
    return [safety_gate(facts, r, knowledge=k) for r in wanted]


def answer_text(entry: Vraag, knowledge: Knowledge | None = None) -> str:
    """The answer's one or two sentences (an ingredient's from its purposes in the seeds)."""
    if entry.antwoord is not None:
        return entry.antwoord
    k = knowledge or load_knowledge()
    info = k.ingredient(entry.ingredient or "")
    if info is None:
        raise ValueError(f"{entry.id}: no text and no known ingredient")
    texts = answer_data()["teksten"]
    lines = [texts["ingredient"].format(naam=info.naam, doelen="; ".join(info.doelen))]
    if info.fasen:
        lines.append(texts["ingredient_fasen"].format(fasen=", ".join(k.phase(f).naam for f in info.fasen)))
    return " ".join(lines)


def referred_button(question: str, treatment: str | None, *, knowledge: Knowledge | None = None) -> Button | None:
    """"doet het pijn?", too unsure to answer, right after an answer about microneedling: the answer it
    likely points to, as a button under the question what she means (titled as another answer's button
    names it); None when the message does not point back or no answer about that treatment clearly fits."""
    k = knowledge or load_knowledge()
    if treatment is None or len(question.split()) > MAX_FOLLOW_UP_WORDS or not refers_back(question, knowledge=k):
        return None
    own = [m for m in candidates(about_treatment(question, treatment), knowledge=k) if m.entry.behandeling == treatment]
    if not own or own[0].score < CLEAR_SCORE:
        return None
    entry = own[0].entry
    title = next((b.titel for other in k.vragen.vragen for b in other.knoppen if b.id == entry.id), None)
    return Button(title, payload(entry)) if title else None


def payload(entry: Vraag, more: bool = False) -> str:
    """The button payload that asks for this answer (or for the knowledge behind it)."""
    value = entry.id + (MORE if more else "")
    return f"/{entry.intentie}{json.dumps({ID_ENTITY: value})}"


def follow_up_buttons(entry: Vraag, knowledge: Knowledge | None = None, *, more: bool = False) -> tuple[Button, ...]:
    """What a person would ask next, then "more about this" (unless that is what was shown)."""
    k = knowledge or load_knowledge()
    out = []
    for knop in entry.knoppen:
        target = k.question(knop.id) if knop.id else None
        if target is not None:
            out.append(Button(knop.titel, payload(target)))
        elif knop.payload:
            out.append(Button(knop.titel, knop.payload))
    if not more and item_texts(entry, k)[0]:  # only when the sources say more than the answer
        out.append(Button(answer_data()["teksten"]["meer"], payload(entry, more=True)))
    return tuple(out)


def item_texts(entry: Vraag, knowledge: Knowledge | None = None) -> tuple[list[str], tuple[str, ...]]:
    """The knowledge items behind an answer as at most three bubbles' texts, and their paths: what
    they say beyond the answer itself, which was said just before (empty when nothing)."""
    return list(_item_texts(entry.id, knowledge or load_knowledge())), entry.kennis


@lru_cache(maxsize=512)
def _item_texts(entry_id: str, k: Knowledge) -> tuple[str, ...]:
    """Once per answer (every knowledge reply asks whether to offer "Meer hierover")."""
    entry = k.question(entry_id)
    if entry is None:
        return ()
    said = _sentences(answer_text(entry, k))
    pieces: list[str] = []
    for path in entry.kennis:
        if not (entry.ingredient and path.startswith("ingredienten.")):  # an ingredient's answer is that item
            pieces += [p for p in (_new_sentences(t, said) for t in _texts_of(k.item(path))) if p]
    return tuple(_pack(pieces))


# Two sentences this alike say the same ("... kunnen door microneedling vervagen" and "... worden
# vervaagd"; a sentence whose words another one holds): rapidfuzz's token set ratio, 0-100.
SAME_SENTENCE = 85


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _alike(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a.lower().rstrip(".!? "), b.lower().rstrip(".!? ")) >= SAME_SENTENCE


def _new_sentences(text: str, said: list[str]) -> str:
    """`text` without the sentences already said (`said`, which grows): the answer, or another
    knowledge item ("Voor thuisgebruik zijn korte sessies van 3–10 minuten …")."""
    new = [s for s in _sentences(text) if not any(_alike(s, earlier) for earlier in said)]
    said += new
    return " ".join(new)


def _texts_of(node: Any) -> list[str]:
    if isinstance(node, tuple):
        return [t for v in node for t in _texts_of(v)]
    if not dataclasses.is_dataclass(node):
        return []
    out = [getattr(node, f) for f in _TEXT_FIELDS if isinstance(getattr(node, f, None), str)]
    if isinstance(node, Fase):  # "wat is Repair?" "en wat moet ik dan doen?": its care and ingredients
        out += _phase_care(node)
    for name in _LIST_FIELDS:
        out += list(getattr(node, name, ()) or ())
    for name in _NESTED_FIELDS:
        out += _texts_of(getattr(node, name, None))
    return [" ".join(t.split()) for t in out if t]


def _phase_care(phase: Fase) -> list[str]:
    texts = answer_data()["teksten"]
    care = texts["fase_zorg"].format(naam=phase.naam, leefstijl=phase.zorg.leefstijl, ritueel=phase.zorg.ritueel,
                                     behandeling=phase.zorg.behandeling)
    ingredients = ", ".join(f"{i.naam} ({i.doel})" for i in phase.ingredienten)
    return [care, texts["fase_ingredienten"].format(lijst=ingredients)]


def _pack(pieces: list[str]) -> list[str]:
    """Pieces joined into at most MAX_BUBBLES bubbles of at most MAX_SENTENCES sentences each."""
    bubbles: list[str] = []
    current: list[str] = []
    for piece in pieces:
        piece = piece if piece.rstrip()[-1:] in ".!?:" else piece.rstrip() + "."
        if current and sentence_count(" ".join([*current, piece])) > MAX_SENTENCES:
            bubbles.append(" ".join(current))
            current = []
            if len(bubbles) == MAX_BUBBLES:
                return bubbles
        if sentence_count(piece) <= MAX_SENTENCES:
            current.append(piece)
    if current and len(bubbles) < MAX_BUBBLES:
        bubbles.append(" ".join(current))
    return bubbles


def desk_answer(question: str, *, knowledge: Knowledge | None = None) -> dict[str, Any] | None:
    """The receptionist's answer to a knowledge question, as the chat gives it, with its seed named.

    Conditions and medication stated in the question ("mag iemand met couperose gua sha?") go
    through the same safety gate. None when the question asks for no knowledge answer.
    """
    k = knowledge or load_knowledge()
    found = match_question(question, knowledge=k)
    if found is None:
        return None
    said = scan_facts(question, knowledge=k)
    facts = Facts(conditions=said.conditions, medication=said.medication)
    reply = answer_reply(found.entry, facts, knowledge=k)
    titles = [k.bronnen[b].titel for b in found.entry.bron]
    source = answer_data()["teksten"]["bron"].format(titels="; ".join(titles))
    return {
        "kennis_id": found.entry.id,
        "onderwerpen": [],
        "berichten": [b.text for b in reply.bubbles] + [source],
        "knoppen": [b.as_dict() for bubble in reply.bubbles for b in bubble.buttons],
        "bronnen": titles,
        "feiten": list(reply.facts),
        "woorden": list(found.covered),
    }
