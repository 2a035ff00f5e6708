"""Short follow-up questions, read from their words (the word lists are in taal.yml).

- "mag ik gua sha doen?" asks whether a treatment is all right, "is gua sha veilig?" whether it
  is safe (`toestemmingsvraag`);
- "wanneer mag ik weer?" or "hoe lang nog?" after aftercare asks for the waiting time, and
  "wanneer mag ik weer sporten?" about something else (`wanneer_weer`);
- "is dat normaal?" asks the bot to judge what she notices (`normaal_vraag`).
The fallback answers these instead of asking "bedoel je…?" (bot/replies/safety_answer.py).
- "en hoe lang duurt dat?" after "wat kost microneedling?" refers back (`verwijzing`), "helpt
  microneedling daartegen?" to her concern (`verwijzing_klacht`);
- "wat kan ik zelf doen?" after advice asks for more of it (`zelf_doen`), "wat kan ik dan wel doen?"
  after a verdict what her facts still allow (`wat_wel`), "hoe komt dat?" where a complaint comes from
  (`oorzaak_vraag`);
- "en microneedling?" asks the previous question again, about that treatment (`korte_vervolgvraag`);
- "en ik?" after a verdict for someone else asks the same for herself (`vraag_voor_ander.en_ik`);
- "dank je wel, doei!" thanks and takes leave in one message (`afscheid`), read as written.
Each list is also found with the words of `tussenwoorden` left out ("wat moet ik dan gebruiken?").
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from bot.knowledge import Knowledge, load_knowledge
from bot.textnorm import find_words, fold

_WORD = re.compile(r"[a-z0-9']+")


def _says(words: tuple[str, ...], text: str, knowledge: Knowledge | None = None) -> bool:
    """Does the message contain one of the listed words or phrases, also with the words that do not
    change a question left out ("wat moet ik dan gebruiken?" says "wat moet ik gebruiken")?"""
    if find_words({"": words}, text):
        return True
    fillers = set((knowledge or load_knowledge()).taal.tussenwoorden)
    return bool(find_words({"": words}, " ".join(w for w in _WORD.findall(fold(text or "")) if w not in fillers)))


def asks_permission(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask whether something may be done ("mag ik …", "is het veilig")?"""
    k = knowledge or load_knowledge()
    cues = k.taal.toestemmingsvraag
    if asks_safety(text, knowledge=k):
        return True
    folded = fold(text or "")
    for start, _end, _key in find_words({"toestemming": cues.woorden}, text):
        before = _WORD.findall(folded[:start])
        if not set(before[-2:]) & set(cues.niet_na):  # "hoe vaak mag ik …" asks how often, not whether
            return True
    return False


def continues_question(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Is the message a question that continues the previous one ("en met acne littekens?", "en hoe
    zit het met de zon?")? It opens with a word of `korte_vervolgvraag.begin` and is a question."""
    k = knowledge or load_knowledge()
    first = len(text) - len(text.lstrip())
    opening = [end for start, end, _key in find_words({"": k.taal.korte_vervolgvraag.begin}, text) if start == first]
    if not opening:
        return False
    next_word = text[max(opening):].split()[:1]
    return text.rstrip().endswith("?") or bool(next_word and fold(next_word[0]) in k.taal.vraagwoorden)


def asks_on_condition(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask the previous question again under a condition ("en als ik heel zachtjes
    masseer?", "ook met een akkoord van mijn arts?")? It opens with one of `voorwaarde_vervolg`."""
    k = knowledge or load_knowledge()
    first = len(text) - len(text.lstrip())
    return any(start == first for start, _end, _key in find_words({"": k.taal.voorwaarde_vervolg}, text))


def asks_safety(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask whether something is safe ("is gua sha veilig voor mij?")? Narrower
    than `asks_permission`: "mag ik na microneedling in de zon?" is a question about aftercare."""
    k = knowledge or load_knowledge()
    return _says(k.taal.toestemmingsvraag.veilig, text, k)


def when_again(text: str, *, knowledge: Knowledge | None = None) -> list[str] | None:
    """The other words of a "when may I again?" message ("wanneer mag ik weer sporten?" ->
    ["sporten"]; "hoe lang nog?" -> []), None when it does not ask that."""
    k = knowledge or load_knowledge()
    found = find_words({"wanneer_weer": k.taal.wanneer_weer.vragen}, text)
    if not found:
        return None
    folded = fold(text or "")
    rest = "".join(folded[i] if not any(s <= i < e for s, e, _ in found) else " " for i in range(len(folded)))
    fillers = set(k.taal.wanneer_weer.vulwoorden)
    return [word for word in _WORD.findall(rest) if word not in fillers]


def refers_back(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message point back ("en hoe lang duurt dat?", "hoe vaak moet ik het doen")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.verwijzing, text, k)


def treatments_named(text: str, *, knowledge: Knowledge | None = None) -> set[str]:
    """The treatments a message names, by the contract's values and their synonyms ("gua sha", "botox")."""
    k = knowledge or load_knowledge()
    forms = {t: treatment_forms(t, knowledge=k) for t in k.contract.behandeling}
    return {key for _start, _end, key in find_words(forms, text or "")}


def treatment_forms(treatment: str, *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """Every way of writing `treatment`: its value and its synonyms ("botox" for injectables)."""
    k = knowledge or load_knowledge()
    return (treatment.replace("_", " "), *k.synoniemen.behandeling.get(treatment, ()))


def short_follow_up(text: str, spans: Iterable[tuple[int, int]], *, knowledge: Knowledge | None = None) -> bool:
    """Is the message nothing but a treatment (its `spans` in `text`) and words that ask the previous
    question again ("en microneedling?", "en een gezichtsmassage dan?", "wat met gua sha?")? It opens
    with one of those words or is a question; a bare "microneedling" can answer "welke behandeling had je?"."""
    spans = list(spans)
    if not spans or not text:
        return False
    cues = (knowledge or load_knowledge()).taal.korte_vervolgvraag
    rest = fold("".join(" " if any(s <= i < e for s, e in spans) else c for i, c in enumerate(text)))
    if any(word not in cues.vulwoorden for word in _WORD.findall(rest)):
        return False
    first = len(text) - len(text.lstrip())
    opens = any(start == first for start, _end, _key in find_words({"": cues.begin}, text))
    return opens or text.rstrip().endswith("?")


def asks_about_after(text: str, treatment_said: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the question ask about something else after a treatment ("mag ik make-up dragen na een
    gezichtsmassage?"): "na" right before the treatment's words (`treatment_said`), and words that are
    neither the permission question, nor fillers, nor the treatment?"""
    k = knowledge or load_knowledge()
    said = _WORD.findall(fold(treatment_said))
    words = _WORD.findall(fold(text or ""))
    if not said or said[0] not in words or asks_self_care(text, knowledge=k):  # "wat moet ik doen na …?": aftercare
        return False
    before = [w for w in words[:words.index(said[0])] if w not in k.taal.verleden.tussenwoorden]
    if not before or before[-1] not in k.taal.verleden.direct_ervoor:
        return False
    cues = k.taal.toestemmingsvraag
    known = {*said, *cues.vulwoorden, *(w for phrase in cues.woorden for w in phrase.split()), *k.vragen.vulwoorden,
             *k.taal.verleden.tussenwoorden, *k.taal.verleden.direct_ervoor}
    return any(w not in known for w in words)


def asks_something_else_after(text: str, treatment: str, *, knowledge: Knowledge | None = None) -> bool:
    """"mag ik dan sporten?" right after an answer on `treatment`, which the message neither names nor
    points to ("mag ik dat in de zomer doen?" points to it): whether she may do something else after it.
    Not when the message names another treatment. (A condition or medication it names is for the caller.)"""
    k = knowledge or load_knowledge()
    if not asks_permission(text, knowledge=k):
        return False
    words = _WORD.findall(fold(text or ""))
    if set(words) & set(k.taal.negatie.verwijswoorden) or treatments_named(text, knowledge=k) - {treatment}:
        return False
    cues = k.taal.toestemmingsvraag
    known = {*(w for f in treatment_forms(treatment, knowledge=k) for w in _WORD.findall(fold(f))),
             *(w for phrase in (*cues.woorden, *cues.erna, *cues.werkwoorden) for w in phrase.split()),
             *cues.vulwoorden, *k.vragen.vulwoorden, *k.taal.tussenwoorden}
    return any(w not in known for w in words)


def refers_to_concern(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message point back to her concern ("helpt microneedling daartegen?")?"""
    k = knowledge or load_knowledge()
    cues = k.taal.verwijzing_klacht
    if _says(cues.woorden, text, k):
        return True
    words = _WORD.findall(fold(text or ""))
    first = next((i for i, word in enumerate(words) if word in cues.eerst), None)
    return first is not None and any(word in cues.dan for word in words[first + 1:])


def about_treatment(text: str, treatment: str) -> str:
    """A follow-up read as if it named the treatment it points back to ("doet dat pijn?" after a
    microneedling question -> "doet dat pijn? microneedling"), for the one answer matcher."""
    return f"{text} {treatment.replace('_', ' ')}"


def asks_same_for_herself(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Is the whole message "en ik?", "en voor mij dan?", "geldt dat ook voor mij?" (taal.yml
    `vraag_voor_ander.en_ik`): after a verdict for someone else, the same question for herself?"""
    cues = (knowledge or load_knowledge()).taal.vraag_voor_ander
    words = _WORD.findall(fold(text or ""))
    phrases = {tuple(p.split()) for p in cues.en_ik}
    return any(tuple(w for w in words if w not in cues.en_ik_vulwoorden or w in p) == p for p in phrases)


def says_goodbye(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message take leave ("doei", "fijne avond", "tot ziens")? Words as written: with
    `tussenwoorden` left out, "de hele dag" could come closer to a farewell than she meant."""
    return bool(find_words({"": (knowledge or load_knowledge()).taal.afscheid}, text))


def asks_self_care(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask what she can do herself ("wat kan ik zelf doen?", "tips?")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.zelf_doen, text, k)


def asks_what_instead(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask what she can do instead ("wat kan ik dan wel doen?", "wat mag wel?")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.wat_wel, text, k)


def asks_cause(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask where a complaint comes from ("hoe komt dat?", "komt dat door te weinig slaap?")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.oorzaak_vraag, text, k)


def asks_for_diagnosis(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask what she has ("wat kan dat zijn?", "wat mankeert mijn huid?")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.diagnose_vraag, text, k)


def asks_about_products(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask which product to use ("welke crème kan ik het beste gebruiken?")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.productvraag, text, k)


def asks_for_doctor(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask whether she should see a doctor ("moet ik daarmee naar de huisarts?")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.dokter_vraag, text, k)


def asks_if_normal(text: str, *, knowledge: Knowledge | None = None) -> bool:
    """Does the message ask whether what she notices is normal ("is dat normaal?", "hoort dat zo?")?"""
    k = knowledge or load_knowledge()
    return _says(k.taal.normaal_vraag, text, k)
