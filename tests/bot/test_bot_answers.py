"""Knowledge questions: the matcher picks the answer, the reply says it first, in at most three bubbles."""
from __future__ import annotations

import re

import pytest

from bot.datafiles import read_yaml
from bot.knowledge import load_knowledge
from bot.knowledge.crosscheck import knowledge_items
from bot.knowledge.loader import KNOWLEDGE_DIR
from bot.replies.answers import answer_text, item_texts, knowledge_reply, select_answer
from bot.replies.gate import sentence_count
from bot.replies.questions import match_question, word_matches
from bot.rules.safety import Facts

# (intent the NLU would give, question in everyday words, expected answer id)
CASES = [
    ("microneedling_info", "doet microneedling erg pijn?", "microneedling.pijn"),
    ("microneedling_info", "is het pijnlijk, dat naaldjes gedoe?", "microneedling.pijn"),
    ("microneedling_info", "krijg ik een verdovende creme bij microneedling", "microneedling.pijn"),
    ("microneedling_info", "hoe lang blijft je gezicht rood na microneedling", "microneedling.herstel"),
    ("microneedling_info", "hoelang is de hersteltijd na microneedeling", "microneedling.herstel"),
    ("microneedling_info", "kan ik de dag na microneedling weer werken", "microneedling.herstel"),
    ("microneedling_info", "mag ik na microneedling in de zon", "microneedling.zon"),
    ("microneedling_info", "hoeveel weken moet er tussen twee microneedling sessies zitten", "microneedling.interval"),
    ("microneedling_info", "om de hoeveel tijd kan ik microneedling doen", "microneedling.interval"),
    ("microneedling_info", "hoeveel sessies microneedling heb ik nodig", "microneedling.aantal"),
    ("microneedling_info", "is één keer microneedling genoeg?", "microneedling.aantal"),
    ("microneedling_info", "hoe lang duurt een microneedling behandeling", "microneedling.duur"),
    ("microneedling_info", "voor wie is microneedling geschikt", "microneedling.voor_wie"),
    ("microneedling_info", "ben ik niet te jong voor microneedling", "microneedling.voor_wie"),
    ("microneedling_info", "wat is het verschil tussen microneedling en laseren", "microneedling.verschil"),
    ("microneedling_info", "microneedling of liever een chemische peeling?", "microneedling.verschil"),
    ("microneedling_info", "helpt microneedling tegen acnelittekens", "microneedling.littekens"),
    ("microneedling_info", "werkt microneedling bij rimpels", "microneedling.lijntjes"),
    ("microneedling_info", "kan microneedling mijn pigmentvlekken weghalen", "microneedling.pigment"),
    ("microneedling_info", "wordt mijn slappe huid steviger van microneedling", "microneedling.stevigheid"),
    ("microneedling_info", "is microneedling ok voor een donkere huid", "microneedling.donkere_huid"),
    ("microneedling_info", "kun je microneedling ook op je buik doen", "microneedling.lichaam"),
    ("microneedling_info", "wanneer zie je resultaat van microneedling", "microneedling.resultaat"),
    ("microneedling_info", "hoe werkt microneedling eigenlijk", "microneedling.werking"),
    ("microneedling_info", "wat is microneedling", "microneedling.wat_is"),
    ("microneedling_info", "in welke fase mag microneedling", "microneedling.fase"),
    ("frequentie_duur", "hoe vaak moet ik mijn gezicht masseren", "massage.hoe_vaak"),
    ("frequentie_duur", "mag je elke dag masseren?", "massage.hoe_vaak"),
    ("frequentie_duur", "hoe lang moet een gezichtsmassage duren", "massage.hoe_lang"),
    ("frequentie_duur", "hoeveel minuten masseer ik per keer", "massage.hoe_lang"),
    ("frequentie_duur", "kan ik beter 's ochtends of 's avonds masseren", "massage.beste_tijd"),
    ("frequentie_duur", "wat is het beste tijdstip voor een gezichtsmassage", "massage.beste_tijd"),
    ("frequentie_duur", "hoe lang duurt een kuur in de salon", "massage.salonkuur"),
    ("producten_advies", "welke olie voor een droge huid", "producten.droog"),
    ("producten_advies", "wat smeer ik op een vette huid bij het masseren", "producten.vet"),
    ("producten_advies", "welk serum bij een gevoelige huid", "producten.gevoelig"),
    ("producten_advies", "welke olie is goed als je acnegevoelig bent", "producten.acnegevoelig"),
    ("producten_advies", "welke merken raad je aan", "producten.merken"),
    ("producten_advies", "wat voor olie gebruik ik bij een massage", "producten.olie"),
    ("producten_advies", "olie voor een rijpere huid?", "producten.rijp"),
    ("ingredient_info", "wat doet niacinamide", "ingredient.niacinamide"),
    ("ingredient_info", "waar is retinol goed voor", "ingredient.retinoiden"),
    ("ingredient_info", "wat doet vitamine c voor mijn huid", "ingredient.vitamine_c"),
    ("ingredient_info", "wat doet hyaluronzuur", "ingredient.hyaluronzuur"),
    ("ingredient_info", "zijn ceramides goed?", "ingredient.ceramiden"),
    ("ingredient_info", "wat doen peptides eigenlijk", "ingredient.peptiden"),
    ("ingredient_info", "wat is squalaan", "ingredient.squalane"),
    ("massage_techniek", "hoe gebruik je een gua sha", "massage.gua_sha"),
    ("massage_techniek", "ik krijg blauwe plekken van mijn guasha", "massage.gua_sha"),
    ("massage_techniek", "welke kant op masseer je bij lymfedrainage", "massage.lymfedrainage"),
    ("massage_techniek", "mag iemand met couperose gua sha doen", "massage.couperose"),
    ("massage_techniek", "hoe hard moet ik drukken bij het masseren", "massage.druk"),
    ("massage_techniek", "welke massagetechnieken zijn er", "massage.technieken"),
    ("massage_techniek", "helpt acupressuur bij een gespannen kaak", "massage.acupressuur"),
    ("massage_techniek", "hoe maak ik mijn jade roller schoon", "massage.hygiene"),
    ("massage_techniek", "welke reiniger gebruik ik voor mijn apparaat", "massage.hygiene"),
    ("massage_techniek", "moet ik eerst mijn handen wassen", "massage.hygiene"),
    ("massage_techniek", "wat doet een microcurrent apparaat", "massage.microcurrent"),
    ("massage_techniek", "helpt masseren tegen wallen", "massage.wallen"),
    ("gezichtsmassage_info", "wat levert een gezichtsmassage op", "massage.voordelen"),
    ("gezichtsmassage_info", "werkt gezichtsmassage tegen stress", "massage.stress"),
    ("gezichtsmassage_info", "kan massage mijn acne erger maken", "massage.acne"),
    ("gezichtsmassage_info", "is het effect van een massage blijvend", "massage.verwachtingen"),
    ("gezichtsmassage_info", "wanneer kan ik beter naar een huidtherapeut", "massage.professional"),
    ("gezichtsmassage_info", "wanneer mag je niet masseren, zijn er risico's", "massage.risicos"),
    ("gezichtsmassage_info", "waarom werkt aanraking zo goed", "huid.aanraking"),
    ("gezichtsmassage_info", "wat heeft mijn darmflora met mijn huid te maken", "huid.darmen"),
    ("gezichtsmassage_info", "wat doet oxytocine", "huid.oxytocine"),
    ("gezichtsmassage_info", "wat is het fasewiel", "fasewiel.wat_is"),
    ("producten_advies", "wat hoort bij de reset fase", "fasewiel.reset"),
    ("gezichtsmassage_info", "wat is het parasympathisch zenuwstelsel", "huid.zenuwstelsel"),
    # a massage she has done for her ("laten doen") is the salon's, not the one she gives herself at home
    ("frequentie_duur", "hoe vaak moet ik een gezichtsmassage laten doen om resultaat te zien", "massage.salonkuur"),
    ("frequentie_duur", "om de hoeveel weken kan ik best een lymfedrainage laten doen", "massage.salonkuur"),
    ("frequentie_duur", "hoe vaak per week masseer ik mijn gezicht zelf", "massage.hoe_vaak"),
]


@pytest.mark.parametrize("intent, question, expected", CASES, ids=[c[1] for c in CASES])
def test_the_matcher_picks_the_expected_answer(intent: str, question: str, expected: str) -> None:
    found = match_question(question, intent)
    assert found is not None and found.entry.id == expected, found and found.entry.id


@pytest.mark.parametrize("intent, question, expected", CASES, ids=[c[1] for c in CASES])
def test_the_reply_says_the_answer_first_in_three_short_bubbles(intent: str, question: str, expected: str) -> None:
    reply = knowledge_reply(intent, Facts(phase="repair"), question=question)
    entry = load_knowledge().question(expected)
    assert entry is not None
    assert reply.bubbles[0].text == answer_text(entry)
    assert reply.facts[0] == expected
    assert len(reply.bubbles) <= 3
    texts = [b.text for b in reply.bubbles]
    assert len(set(texts)) == len(texts)
    assert any(b.buttons for b in reply.bubbles)


def test_there_are_at_least_sixty_questions() -> None:
    assert len(CASES) >= 60


def test_every_written_answer_is_one_or_two_sentences_with_a_seed() -> None:
    k = load_knowledge()
    for entry in k.vragen.vragen:
        if entry.antwoord is not None:
            assert sentence_count(entry.antwoord) <= 2, entry.id
        assert entry.bron and set(entry.bron) <= set(k.bronnen), entry.id


def test_every_knowledge_item_is_reachable() -> None:
    raw = {n: read_yaml(KNOWLEDGE_DIR / f"{n}.yml")
           for n in ("microneedling", "gezichtsmassage", "fasewiel", "huid_zenuwstelsel", "ingredienten")}
    covered = [p for v in load_knowledge().vragen.vragen for p in v.kennis]
    items = knowledge_items(raw)
    assert len(items) > 100
    assert not [i for i in items if not any(p == i or p.startswith(i + ".") for p in covered)]


def test_blood_thinners_and_microneedling_acknowledge_and_warn_once() -> None:
    facts = Facts(medication=frozenset({"bloedverdunners"}), phase="repair")
    reply = knowledge_reply("microneedling_info", facts, question="doet microneedling pijn")
    assert len(reply.bubbles) == 2
    assert load_knowledge().question("microneedling.pijn").label in reply.bubbles[0].text  # type: ignore[union-attr]
    assert "huisarts" in reply.bubbles[1].text
    assert "microneedling.pijn" not in reply.facts


def test_couperose_and_gua_sha_answer_plus_one_caution() -> None:
    facts = Facts(conditions=frozenset({"couperose"}))
    reply = knowledge_reply("massage_techniek", facts, question="mag ik met couperose gua sha gebruiken")
    assert reply.facts[0] == "massage.couperose"
    assert len(reply.bubbles) == 2 and "contra_indicatie.couperose_gevoelig" in reply.facts


def test_a_general_question_gets_the_short_general_answer() -> None:
    reply = knowledge_reply("frequentie_duur", Facts(), question="")
    assert reply.facts[0] == "massage.hoe_vaak" and len(reply.bubbles) <= 3


def test_more_shows_the_knowledge_items_in_at_most_three_bubbles() -> None:
    reply = knowledge_reply("microneedling_info", Facts(phase="repair"), kennis_id="microneedling.herstel/meer")
    assert reply.facts[0] == "microneedling.herstel" and len(reply.bubbles) <= 3
    assert all(sentence_count(b.text) <= 3 for b in reply.bubbles)


def test_spelling_tolerance_is_bounded() -> None:
    assert word_matches("microneedling", "microneedeling")
    assert word_matches("pijnlijk", "pijnlik")
    assert not word_matches("pijn", "pijl")  # short words must be exact
    assert match_question("wat kost microneedling") is None


@pytest.mark.parametrize("question", ["welke reiniger raad je aan?", "met wat voor reiniger was ik mijn gezicht",
                                      "hoe reinig ik mijn huid 's avonds"])
def test_a_cleanser_for_the_face_is_not_answered_with_cleaning_the_tools(question: str) -> None:
    chosen = select_answer("producten_advies", question)
    assert chosen is not None and chosen.id != "massage.hygiene", question


def test_the_longer_version_of_an_answer_never_says_a_sentence_twice() -> None:
    k = load_knowledge()
    for entry in k.vragen.vragen:
        texts, _ = item_texts(entry, k)
        sentences = [s.lower().rstrip(".!?") for t in texts for s in re.split(r"(?<=[.!?])\s+", t)]
        assert len(sentences) == len(set(sentences)), (entry.id, texts)


def test_the_longer_version_never_repeats_the_answer_it_follows() -> None:
    from rapidfuzz import fuzz
    k = load_knowledge()
    for entry in k.vragen.vragen:
        said = re.split(r"(?<=[.!?])\s+", answer_text(entry, k))
        more = [s for t in item_texts(entry, k)[0] for s in re.split(r"(?<=[.!?])\s+", t)]
        same = [s for s in more for a in said
                if fuzz.token_set_ratio(s.lower().rstrip(".!?"), a.lower().rstrip(".!?")) >= 85]
        assert not same, (entry.id, same)


@pytest.mark.parametrize(("entry_id", "has_more"), [("producten.droog", False), ("microneedling.littekens", False),
                                                     ("massage.hoe_vaak", True), ("microneedling.herstel", True),
                                                     ("fasewiel.repair", True)])
def test_more_is_offered_only_when_the_sources_say_more(entry_id: str, has_more: bool) -> None:
    k = load_knowledge()
    entry = k.question(entry_id)
    reply = knowledge_reply(entry.intentie, Facts(phase="repair"), kennis_id=entry_id)
    titles = [b.title for b in reply.bubbles[-1].buttons]
    assert ("Meer hierover" in titles) is has_more, titles
    more = knowledge_reply(entry.intentie, Facts(phase="repair"), kennis_id=entry_id + "/meer")
    said = " ".join(b.text for b in more.bubbles)
    if has_more:
        assert answer_text(entry, k) not in said, said
    else:  # nothing more: the answer once more, not a bare "no more" that reads like a refusal
        answer = answer_text(entry, k)
        assert said.startswith("Zoals ik zei: " + answer[0].lower() + answer[1:]), said
        assert "Meer vertellen mijn bronnen" in said, said


def test_the_longer_answer_about_a_phase_tells_its_care_and_ingredients() -> None:
    k = load_knowledge()
    more = " ".join(item_texts(k.question("fasewiel.reset"), k)[0])
    assert "rustmomenten, ademhaling, stressreductie (leefstijl)" in more and "Haverextract" in more, more


@pytest.mark.parametrize(("question", "intent", "treatment", "first", "second"), [
    ("doet microneedling erg zeer en hoeveel behandelingen zijn er nodig?", "microneedling_info", "microneedling",
     "microneedling.pijn", "microneedling.aantal"),
    ("hoe vaak per week masseer ik, en hoe lang per keer?", "frequentie_duur", "gezichtsmassage",
     "massage.hoe_vaak", "massage.hoe_lang"),
])
def test_two_questions_in_one_message_get_both_answers_in_their_order(question, intent, treatment, first,
                                                                        second) -> None:
    from bot.replies.answers import with_second_question
    k = load_knowledge()
    reply = with_second_question(knowledge_reply(intent, Facts(phase="repair"), treatment=treatment, question=question),
                                 question, treatment)
    texts = [b.text for b in reply.bubbles]
    assert texts[:2] == [answer_text(k.question(first), k), answer_text(k.question(second), k)], texts
    assert len(texts) <= 3 and {first, second} <= set(reply.facts)


@pytest.mark.parametrize("question", ["hoe lang duurt het herstel na microneedling?",
                                      "wat is gua sha en hoe gaat het met jou?"])
def test_one_question_keeps_its_one_answer(question: str) -> None:
    from bot.replies.answers import with_second_question
    reply = knowledge_reply("microneedling_info", Facts(phase="repair"), question=question)
    assert with_second_question(reply, question, None) == reply


@pytest.mark.parametrize("question", ["hoe vaak per week mag ik scrubben?", "hoe lang laat ik een gezichtsmasker zitten",
                                      "en hoe vaak exfolieer ik best"])
def test_how_often_something_other_than_massage_is_not_answered_with_massage_times(question: str) -> None:
    reply = knowledge_reply("frequentie_duur", Facts(phase="repair"), question=question)
    assert reply.bubbles[0].text == load_knowledge().teksten.frequentie_anders, reply


@pytest.mark.parametrize("question", ["hoe vaak maak ik de roller schoon", "hoe vaak moet ik mijn gua sha reinigen"])
def test_how_often_to_clean_the_tools_is_the_hygiene_answer(question: str) -> None:
    reply = knowledge_reply("frequentie_duur", Facts(phase="repair"), question=question)
    assert "massage.hygiene" in reply.facts, reply


def test_how_often_to_massage_keeps_the_massage_times() -> None:
    reply = knowledge_reply("frequentie_duur", Facts(phase="repair"), question="hoe vaak masseer ik met olie")
    assert "massage.hoe_vaak" in reply.facts, reply


def test_how_often_to_clean_the_stone_is_the_hygiene_answer() -> None:
    from bot.replies.questions import match_question
    found = match_question("hoe vaak moet ik die gua sha steen van mij schoonmaken")
    assert found is not None and found.entry.id == "massage.hygiene"


def test_how_often_to_come_to_the_salon_is_the_salon_course() -> None:
    from bot.replies.questions import match_question
    found = match_question("om de hoeveel tijd moet ik dan naar de salon, hoe vaak komen?")
    assert found is not None and found.entry.id == "massage.salonkuur"


@pytest.mark.parametrize(("intent", "question", "expected"), [
    ("gezichtsmassage_info", "doet een gezichtsmassage pijn?", "massage.druk"),  # the sources: light to medium pressure
    ("gezichtsmassage_info", "is masseren pijnlijk", "massage.druk"),
    ("microneedling_info", "doet microneedling pijn?", "microneedling.pijn"),  # its own answer
])
def test_whether_it_hurts_gets_the_answer_about_that_treatment(intent: str, question: str, expected: str) -> None:
    entry = select_answer(intent, question)
    assert entry is not None and entry.id == expected
