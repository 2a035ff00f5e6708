"""A real conversation over the REST channel, with the action server."""
from __future__ import annotations

import sqlite3

import pytest

from bot.replies import salon
from bot.replies.texts import concern_data
from channels.identity import new_web_id

ENGLISH_MARKERS = ("sorry, i", "did you mean", "i am a bot", "how can i")


def _texts(replies: list[dict]) -> list[str]:
    return [r["text"] for r in replies if r.get("text")]


def test_greeting_then_wallen_answered_by_custom_action(bot) -> None:
    sender = new_web_id()
    greeting = _texts(bot.say(sender, "hoi"))
    assert greeting and "advies" in " ".join(greeting).lower()  # says it advises, not diagnoses

    replies = bot.say(sender, "ik heb last van wallen")
    texts = _texts(replies)
    expected = concern_data()["huidzorgen"]["wallen"]
    # These sentences exist only in the action's data: the action server answered.
    assert texts[0] == expected["helpt"][0]["tekst"] and len(texts) <= 3
    assert texts[-1] == expected["vervolg"]["vraag"]
    titles = [b["title"] for b in replies[-1]["buttons"]]
    assert titles[:2] == [k["title"] for k in expected["vervolg"]["knoppen"]] and titles[2] == concern_data()["meer_tips"]


def test_what_the_message_already_said_is_not_asked(bot) -> None:
    wallen = concern_data()["huidzorgen"]["wallen"]
    texts = _texts(bot.say(new_web_id(), "elke ochtend als ik wakker word zitten er dikke wallen onder mijn ogen"))
    assert wallen["vervolg"]["vraag"] not in texts and len(texts) <= 3
    assert texts[-1] == wallen["vervolg"]["ja"][0]["tekst"]
    rood = concern_data()["huidzorgen"]["roodheid_gevoeligheid"]
    texts = _texts(bot.say(new_web_id(), "mijn wangen zijn rood, het jeukt en brandt"))
    assert rood["vervolg"]["vraag"] not in texts and len(texts) <= 3


def test_a_block_is_said_once_and_still_acknowledges_the_concern(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik heb wallen en ik slik bloedverdunners"))
    joined = " ".join(texts).lower()
    assert joined.count("huisarts") == 1, texts
    assert "wallen" in joined


def test_conversation_is_stored_in_sqlite(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "hallo")
    with sqlite3.connect(bot.db) as db:
        (count,) = db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()
    assert count > 0


def test_bad_input_gets_a_dutch_answer(bot) -> None:
    for message in ["", "   ", "😩🙏✨", "<b>hallo</b><script>alert(1)</script>", "asdfgh qwerty zxcv", "x" * 200_000]:
        texts = _texts(bot.say(new_web_id(), message))
        assert texts, f"no answer to {message[:30]!r}"
        joined = " ".join(texts).lower()
        assert not any(marker in joined for marker in ENGLISH_MARKERS), joined
        assert "<script>" not in joined


def test_too_long_message_is_answered_kindly(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik heb wallen " * 10_000))
    assert any("lang" in t.lower() for t in texts), texts


def test_blood_thinners_stated_early_block_massage_advice_later(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "hoi, ik gebruik bloedverdunners")
    texts = _texts(bot.say(sender, "ik heb last van wallen"))
    joined = " ".join(texts).lower()
    assert "huisarts" in joined
    assert concern_data()["huidzorgen"]["wallen"]["helpt"][0]["tekst"] not in texts



def test_a_ruled_out_treatment_gets_the_verdict_whatever_the_intent_reads(bot) -> None:
    # "mag ik … laten doen" reads close to aftercare (na_peeling); the verdict on the
    # treatment she asks about still comes first, with what is known from earlier turns.
    for first, then in [("ik heb rosacea", "mag ik binnenkort een microneedling sessie laten doen"),
                        ("ik slik sintrom", "zou ik dan nog microneedling mogen doen?")]:
        sender = new_web_id()
        bot.say(sender, first)
        joined = " ".join(_texts(bot.say(sender, then))).lower()
        assert "microneedling" in joined and ("huisarts" in joined or "dermatoloog" in joined), joined


def test_a_reason_is_said_once_and_each_later_answer_still_gives_the_verdict(bot) -> None:
    sender = new_web_id()
    said = [_texts(bot.say(sender, message)) for message in
            ["ik neem elke ochtend eliquis", "hoeveel kost een gezichtsmassage bij jullie",
             "en zelf thuis wat gua sha doen, mag dat wel?"]]
    joined = " ".join(t for turn in said for t in turn)
    assert joined.count("Wie bloedverdunners gebruikt") == 1, said
    for turn in said[1:]:
        assert "huisarts" in " ".join(turn), said


def test_a_treatment_told_in_passing_still_holds_after_a_topic_switch(bot) -> None:
    # casual words the classifier is unsure of; the fact must not be lost with the fallback
    for first in ["zaterdag lipfillers gehad hihi", "pff eergisteren nog botox gezet"]:
        sender = new_web_id()
        bot.say(sender, first)
        joined = " ".join(_texts(bot.say(sender, "wat kost een gezichtsmassage bij jullie")))
        # the price, and the verdict of the recovery period (its reason was said with the first answer)
        assert "wacht je nog even" in joined or "op dit moment af" in joined, (first, joined)


def test_asked_whether_it_is_rosacea_the_bot_does_not_diagnose(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "rode vlekken op mijn wangen die soms branden"))
    asked = concern_data()["huidzorgen"]["roodheid_gevoeligheid"]["vervolg"]["vraag"]
    assert asked not in first, first  # "branden" already answers "jeuk of een branderig gevoel?"
    later = _texts(bot.say(sender, "zou dat rosacea kunnen zijn?"))
    assert later[0].startswith("Of het rosacea is, kan ik niet beoordelen"), later


def test_pregnancy_gets_no_verdict_the_sources_cannot_give(bot) -> None:
    for first, then in [("ik ben 4 maanden zwanger", "is een peeling dan een goed idee?"),
                        ("sinds vorig jaar heb ik een pacemaker", "wat doet microcurrent met mijn gezicht")]:
        sender = new_web_id()
        bot.say(sender, first)
        joined = " ".join(_texts(bot.say(sender, then)))
        assert "niet beoordelen" in joined and "huisarts" in joined, (first, then, joined)
        assert "geen bezwaar" not in joined and " kan, maar" not in joined, joined


def test_just_given_birth_gets_no_verdict_and_thanks_with_a_farewell_gets_no_new_question(bot) -> None:
    sender = new_web_id()
    joined = " ".join(_texts(bot.say(sender, "ben 5 weken geleden bevallen, kan ik al microneedling doen?")))
    assert "niet beoordelen" in joined and "kort na een bevalling" in joined, joined
    assert " kan, maar" not in joined and "geen bezwaar" not in joined, joined
    # the next treatment gets its own answer; why and whom to ask is not said again in full
    again = " ".join(_texts(bot.say(sender, "en een peeling dan?")))
    assert "peeling" in again and "niet beoordelen" in again and "daar gaat wat ik weet niet over" not in again, again
    bye = _texts(bot.say(sender, "oke dankjewel, fijne dag nog!"))
    assert bye and all("?" not in t for t in bye), bye


def test_may_i_have_it_gets_the_verdict_and_after_it_gets_the_aftercare(bot) -> None:
    aftercare = concern_data()["huidzorgen"]["na_peeling"]
    # she asks whether she may have it, and has just named it: not "welke behandeling heb je gehad?"
    texts = _texts(bot.say(new_web_id(), "zou ik een laserbehandeling mogen laten doen"))
    assert aftercare["vraag_ingreep"]["vraag"] not in texts and len(texts) <= 3
    assert "laserbehandeling kan" in texts[0].lower(), texts
    # "na mijn microneedling": she had it, so the aftercare and how long ago, not "microneedling kan, maar…"
    texts = _texts(bot.say(new_web_id(), "mag ik gaan zwemmen na mijn microneedling"))
    assert not any("microneedling kan, maar" in t.lower() for t in texts), texts
    assert aftercare["vraag_dagen"]["vraag"] in texts and aftercare["vraag_ingreep"]["vraag"] not in texts


def test_a_follow_up_about_massage_after_a_treatment_gets_the_wait_not_a_question(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb afgelopen dinsdag fillers in mijn lippen gekregen")
    bot.say(sender, "dat was 3 dagen geleden")
    # two unsure messages in a row, each answered from what she told (not "kun je het anders zeggen")
    for later in ["mag ik al masseren", "en mijn gezicht masseren vanavond, kan dat al?"]:
        texts = _texts(bot.say(sender, later))
        assert len(texts) == 1 and "wacht je nog even" in texts[0] and "11 dagen" in texts[0], (later, texts)
    assert bot.tracker(sender)["slots"]["behandeling"] == "injectables"


def test_short_follow_ups_are_answered_not_asked_back(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "vier dagen terug heb ik een laserbehandeling gehad")
    for later in ["hoelang nog dan?", "en wanneer mag het weer"]:  # nothing named: the wait she just heard
        texts = _texts(bot.say(sender, later))
        assert len(texts) == 1 and "over ongeveer 10 dagen" in texts[0], (later, texts)
    swim = _texts(bot.say(sender, "wanneer kan ik weer zwemmen"))  # the sources say nothing about it
    assert len(swim) == 1 and swim[0].startswith("Wanneer dat weer kan, staat niet in mijn bronnen."), swim
    booking = _texts(bot.say(sender, "wanneer kan ik dan weer langskomen voor een massage?"))
    assert len(booking) <= 3 and "over ongeveer 10 dagen" in booking[0], booking  # the wait before the link

    fresh = new_web_id()
    asked = _texts(bot.say(fresh, "is een gua sha steen veilig voor mij?"))
    assert asked and "geen bezwaar" in asked[0] and "bedoel je" not in " ".join(asked).lower(), asked


def test_a_day_asked_for_after_the_booking_link_gets_that_days_hours(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik wil graag langskomen")
    texts = _texts(bot.say(sender, "liefst volgende week dinsdag"))
    assert texts and texts[0].startswith("Op dinsdag zijn we open"), texts
    assert any("huidstudio-voorbeeld.nl/afspraak" in t for t in texts)


def test_a_follow_up_that_refers_back_stays_with_the_treatment_asked_about(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "hoeveel betaal ik voor een microneedling behandeling")
    texts = _texts(bot.say(sender, "hoelang duurt dat ongeveer?"))
    # the salon's own session (its price list, said with the price), not the home massage's 3 to 10 minutes
    assert texts and texts[0] == salon.duration("microneedling"), texts


def test_what_can_i_do_myself_after_advice_gets_more_advice_not_the_help_text(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "ik krijg steeds puistjes op mijn voorhoofd"))
    later = _texts(bot.say(sender, "en wat kan ik er zelf aan doen?"))
    help_text = _texts(bot.say(new_web_id(), "wat kan ik zelf doen?"))  # no advice yet: what Huidbot does
    assert later and not set(first) & set(later) and not set(help_text) & set(later), (first, later, help_text)


def test_asked_whether_it_is_normal_the_bot_does_not_diagnose(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "eergisteren een laserbehandeling gehad en mijn wangen gloeien nog")
    texts = _texts(bot.say(sender, "hoort dat zo?"))
    assert texts and texts[0].startswith("Of dit bij jou normaal is, kan ik niet beoordelen"), texts


def test_a_skin_type_told_without_a_concern_gets_the_advice_for_it(bot) -> None:
    dry = _texts(bot.say(new_web_id(), "mijn huid voelt altijd erg droog aan"))
    assert dry and "argan" in dry[0] and "bedoel je" not in " ".join(dry).lower(), dry
    sender = new_web_id()
    first = _texts(bot.say(sender, "ik heb een gevoelige huid"))
    assert first and "fragrance-free" in first[0], first
    later = _texts(bot.say(sender, "wat raad je me aan?"))  # asked again: what the sources add, not the same tip
    assert later and not set(later) & set(first) and "bedoel je" not in " ".join(later).lower(), later


def test_a_treatment_told_with_a_form_of_zijn_is_remembered(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik ben zaterdag nog gelaserd")
    texts = _texts(bot.say(sender, "mag ik gua sha doen?"))
    assert texts and texts[-1].startswith("Of gua sha al kan"), texts  # her question heard, then how long ago
    assert bot.tracker(sender)["slots"]["behandeling"] == "laser"


def test_what_she_adds_after_the_advice_does_not_bring_the_same_bubbles_again(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "ik zie er de laatste tijd zo grauw en moe uit"))
    later = _texts(bot.say(sender, "ik ben 52"))
    assert first and later and not set(first) & set(later), (first, later)


def test_off_topic_questions_hear_that_the_bot_cannot_help(bot) -> None:
    # Sure or not, an off-topic reading gets "daar kan ik je (waarschijnlijk) niet mee helpen"
    # (or the other out_of_scope wording) first, never a skin answer (issue 11).
    for message in ["welke route neem ik best naar antwerpen", "hoe krijg ik vlekken uit mijn tapijt",
                    "mijn kleinzoon wil een playstation, welke is goed", "hoeveel kost een nieuwe winterjas"]:
        texts = _texts(bot.say(new_web_id(), message))
        assert len(texts) == 1, (message, texts)
        assert "niet mee helpen" in texts[0] or "buiten wat ik weet" in texts[0], (message, texts)


def test_english_question_gets_dutch_answer_and_one_tap_continues_in_dutch(bot) -> None:
    sender = new_web_id()
    replies = bot.say(sender, "hi, what can I do about puffy eyes in the morning?")
    joined = " ".join(_texts(replies)).lower()
    assert "nederlands" in joined
    assert not any(marker in joined for marker in ENGLISH_MARKERS), joined
    payloads = [b["payload"] for r in replies for b in r.get("buttons", [])]
    assert "/wallen" in payloads, replies

    texts = _texts(bot.say(sender, "/wallen"))
    assert concern_data()["huidzorgen"]["wallen"]["helpt"][0]["tekst"] in texts


def test_short_follow_ups_stay_with_the_treatment_just_discussed(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat gebeurt er eigenlijk bij microneedling")
    pain = _texts(bot.say(sender, "en voel je daar veel van?"))
    assert pain and "verdovende crème" in pain[0], pain
    redness = _texts(bot.say(sender, "hoeveel dagen zie je daarna rood?"))
    assert redness and "lichte zonnebrand" in redness[0], redness


def test_may_i_already_after_a_peel_gives_the_wait_and_says_what_the_sources_do_not_cover(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "vorige week dinsdag een chemische peeling gehad")
    bot.say(sender, "4 dagen geleden")
    texts = _texts(bot.say(sender, "kan ik nu al een korrelscrub gebruiken?"))
    assert texts and texts[0].startswith("Wanneer dat weer kan, staat niet in mijn bronnen."), texts


def test_the_same_question_again_gets_more_not_the_same_sentence(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "welke producten passen bij een gevoelige huid"))
    again = _texts(bot.say(sender, "en wat zou jij dan aanraden?"))
    assert first and again and first[0] != again[0], (first, again)


def test_acne_medication_is_a_situation_the_bot_cannot_judge(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik zit sinds een maand aan de roaccutane")
    texts = _texts(bot.say(sender, "kan ik dan wel microneedling laten doen?"))
    assert texts and "kan ik niet beoordelen" in texts[0] and "huisarts" in texts[0], texts


def test_asked_only_whether_a_treatment_may_the_verdict_comes_not_what_it_is(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "mag ik eigenlijk een gezichtsmassage?"))
    assert texts and "geen bezwaar" in texts[0], texts
    assert not any("manuele behandeling" in t for t in texts), texts


def test_a_price_asked_after_an_answer_is_the_price_of_that_treatment(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "hoe gaat een lymfedrainage in zijn werk")
    texts = _texts(bot.say(sender, "en wat kost zoiets bij jullie?"))
    assert texts and "Lymfedrainage" in texts[0] and "60" in texts[0] and "Microneedling" not in texts[0], texts


def test_a_skin_type_told_is_not_asked_again_for_a_product(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "vette huid en grote poriën op mijn wangen")
    texts = _texts(bot.say(sender, "wat voor serum neem ik dan?"))
    assert texts and "vette huid" in texts[0], texts


def test_after_a_treatment_a_question_the_sources_do_not_cover_is_sent_to_the_practitioner(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "eergisteren een microneedling behandeling gehad")
    texts = _texts(bot.say(sender, "kan ik er dan al vaseline op smeren?"))
    assert texts and "staat niet in mijn bronnen" in texts[0], texts


def test_a_question_for_someone_else_with_a_condition_never_gets_no_objection(bot) -> None:
    sender = new_web_id()
    texts = _texts(bot.say(sender, "mijn moeder slikt sintrom, kan ze bij jullie een gua sha behandeling krijgen?"))
    said = " ".join(texts)
    assert "huisarts" in said and "geen bezwaar" not in said, texts
    later = _texts(bot.say(sender, "en mag ik zelf een gezichtsmassage?"))  # her own: nothing known about her
    assert later and "geen bezwaar" in later[0], later


def test_a_message_naming_several_skin_concerns_gets_advice_not_a_question(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "sinds de verbouwing slaap ik slecht, mijn huid is grauw en ik krijg pukkels"))
    assert texts and not texts[0].startswith("Ik weet niet zeker"), texts
    assert len(texts) <= 3


def test_how_often_then_after_a_microneedling_question_is_about_microneedling(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wordt mijn acne litteken minder door microneedling?")
    texts = _texts(bot.say(sender, "hoe vaak moet ik dan terugkomen?"))
    assert texts and "sessies" in texts[0] and "per week" not in texts[0], texts


def test_a_short_safety_question_after_a_treatment_answer_gets_the_verdict_on_it(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik slik elke dag ascal")
    bot.say(sender, "hoe gaat een dermapen behandeling in zijn werk")
    texts = _texts(bot.say(sender, "en is dat niet gevaarlijk?"))
    assert texts and "huisarts" in " ".join(texts), texts


def test_how_long_to_keep_it_up_gets_the_weeks_not_the_minutes(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik masseer al een week tegen mijn wallen maar zie weinig verschil")
    texts = _texts(bot.say(sender, "hoelang moet ik dit volhouden voor ik iets merk?"))
    assert texts and "6 tot 8 weken" in texts[0], texts


def test_answering_the_bots_own_question_is_never_asked_what_she_means(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "mijn wangen zijn vaak rood en voelen warm aan"))
    assert first and first[-1].endswith("?"), first  # the advice asks one follow-up question
    texts = _texts(bot.say(sender, "ja het jeukt ook wel"))
    assert texts and not texts[0].startswith("Ik weet niet zeker"), texts


def test_a_short_follow_up_after_a_pregnancy_question_is_not_read_as_a_treatment_she_had(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik ben zwanger van mijn tweede, kan een gezichtsmassage dan wel?")
    texts = _texts(bot.say(sender, "en de dermapen?"))
    said = " ".join(texts)
    assert texts and "zwangerschap" in said and "niet beoordelen" in said, texts
    assert "herstel" not in said and "hoe lang geleden" not in said, texts  # not aftercare for a treatment she had
    assert "geen bezwaar" not in said


def test_short_follow_ups_keep_the_question_whether_it_may(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb een open wondje op mijn kin, mag ik gua sha doen?")
    second = " ".join(_texts(bot.say(sender, "en lymfedrainage dan")))
    third = " ".join(_texts(bot.say(sender, "en een gewone gezichtsmassage?")))
    for said in (second, third):
        assert "raad ik je op dit moment af" in said and "geen bezwaar" not in said, said
    assert "lymfedrainage" in second.lower() and "gezichtsmassage" in third.lower()


def test_a_short_follow_up_after_a_price_gets_that_price(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat betaal ik bij jullie voor microneedling")
    texts = _texts(bot.say(sender, "en voor lymfedrainage?"))
    assert texts and "€" in texts[0] and "ymfedrainage" in texts[0], texts


def test_what_she_adds_after_a_verdict_stays_about_the_treatment_she_asked(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik neem geen medicijnen, kan ik microneedling laten doen")
    texts = _texts(bot.say(sender, "rosacea heb ik ook niet"))
    assert texts and "icroneedling" in texts[0] and "gezichtsmassage" not in texts[0], texts


def test_two_unsure_messages_in_a_row_still_get_an_answer_the_conversation_settles(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "vertel eens over microneedling")
    first = _texts(bot.say(sender, "pff lastig"))  # unsure, and nothing in the conversation settles it
    assert first and first[0].startswith("Ik weet niet zeker"), first
    texts = _texts(bot.say(sender, "en hoelang duurt het herstel"))
    assert texts and "ik kan je nog niet goed volgen" not in texts[0], texts
    assert "dagen" in texts[0], texts


def test_after_her_treatment_a_question_the_sources_do_not_cover_is_said_to_be_so(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik heb gisteren een laserbehandeling gehad, kan ik morgen gaan zwemmen?"))
    assert texts and "staat niet in mijn bronnen" in texts[0], texts
    assert len(texts) <= 3


def test_a_short_follow_up_after_a_knowledge_answer_gets_that_answer_for_its_treatment(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "na hoeveel tijd zie je iets van een gezichtsmassage")
    texts = _texts(bot.say(sender, "en van microneedling?"))
    said = " ".join(texts)
    assert texts and "hoe lang geleden" not in said and "raad ik je op dit moment af" not in said, texts
    assert "weken" in said and "minuten" not in said, texts  # when results show, not how long a session lasts


def test_a_day_after_the_opening_hours_gets_that_day(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat zijn jullie openingsuren")
    texts = _texts(bot.say(sender, "en op zondag?"))
    assert texts == ["Op zondag zijn we gesloten."], texts  # that day, not the whole week again


def test_is_that_expensive_after_a_treatment_answer_gets_its_price(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat doet microneedling met je huid")
    texts = _texts(bot.say(sender, "is dat duur?"))
    assert texts and "€" in texts[0] and "icroneedling" in texts[0], texts


def test_does_it_help_against_that_after_acne_advice_is_about_acne(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb steeds van die ontstoken pukkels op mijn kaaklijn")
    texts = _texts(bot.say(sender, "helpt microneedling daartegen?"))
    said = " ".join(texts)
    # about microneedling and acne (scars, and with inflamed spots not now), not what microneedling is
    assert texts and "littekens" in said and "raad ik je op dit moment af" in said, texts
    assert "ultrafijne naaldjes" not in said


def test_a_condition_that_is_over_does_not_rule_out_a_massage_one_that_is_not_does(bot) -> None:
    over = _texts(bot.say(new_web_id(), "vroeger had ik psoriasis maar dat is al lang over, mag ik een gezichtsmassage?"))
    assert over and "geen bezwaar" in over[0], over
    still = _texts(bot.say(new_web_id(), "ik heb psoriasis maar nu minder erg, mag ik een gezichtsmassage?"))
    assert still and "raad ik je op dit moment af" in still[0], still


@pytest.mark.parametrize("message", ["mag ik na een gezichtsmassage mijn make-up meteen weer opdoen?",
                                     "kan ik na een gezichtsmassage direct gaan zwemmen?"])
def test_something_else_after_a_massage_is_not_answered_with_the_massage_verdict(bot, message) -> None:
    texts = _texts(bot.say(new_web_id(), message))
    assert texts and "staat niet in mijn bronnen" in texts[0], texts
    assert "geen bezwaar tegen een gezichtsmassage" not in " ".join(texts)


def test_flemish_morning_puffiness_is_not_asked_again_and_what_to_do_gets_more(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "amai, ik sta elke dag op met dikke ogen smorgens"))
    assert first and "'s ochtends last" not in " ".join(first), first  # she said so
    more = _texts(bot.say(sender, "en wa kan ik daar nog aan doen?"))
    assert more and not more[0].startswith("Ik weet niet zeker"), more


def test_a_misspelt_treatment_in_a_safety_question_gets_its_verdict(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik heb rosacae, mag ik microneedlin?"))
    assert texts and texts[0].startswith("Microneedling"), texts


def test_how_often_then_a_short_follow_up_is_how_often_for_that_treatment(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "hoe vaak mag ik gua sha doen?")
    texts = _texts(bot.say(sender, "en lymfedrainage?"))
    assert texts and "geen bezwaar" not in texts[0], texts  # a frequency, not a verdict


def test_a_condition_someone_else_suspects_and_she_denies_does_not_rule_out_a_massage(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "mijn moeder zegt dat ik rosacea heb, maar dat is niet waar. kan ik gua sha doen?"))
    assert texts and "geen bezwaar" in texts[0], texts


def test_how_long_right_after_a_price_is_the_salon_session_and_a_next_treatment_too(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "hoeveel betaal ik voor lymfedrainage bij jullie")
    first = _texts(bot.say(sender, "en hoelang duurt dat?"))
    assert first and first[0].startswith("Lymfedrainage") and "45 minuten" in first[0], first
    second = _texts(bot.say(sender, "en gua sha?"))
    assert second and "40 minuten" in second[0], second


def test_a_late_answer_to_the_question_about_inflamed_spots_gets_its_answer(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik krijg steeds pukkels rond mijn kin")
    bot.say(sender, "kan een gezichtsmassage daar iets aan doen?")
    texts = _texts(bot.say(sender, "ontstoken zijn ze trouwens niet"))
    assert texts and texts[0].startswith("Dan kun je rustig beginnen"), texts


def test_a_results_question_without_subject_after_a_massage_answer_is_about_the_massage(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat doet een gezichtsmassage eigenlijk voor je huid")
    texts = _texts(bot.say(sender, "na hoeveel tijd zie ik resultaat?"))
    assert texts and not texts[0].startswith("Ik weet niet zeker"), texts


def test_waiting_after_a_laser_before_gua_sha_is_the_recovery_not_a_go_ahead(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "hoeveel weken na een laser mag je weer gua sha doen?"))
    said = " ".join(texts)
    assert texts and "geen bezwaar" not in said and "herstelperiode" in said, texts


def test_the_days_after_a_peel_do_not_bring_the_same_aftercare_again(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "ik heb laatst een peeling laten doen, mag ik alweer masseren?"))
    second = _texts(bot.say(sender, "5 dagen geleden"))
    assert second and not set(first) & set(second), (first, second)


def test_what_can_i_do_instead_after_a_no_is_more_of_the_advice(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "mijn wangen worden heel snel rood en branderig")
    bot.say(sender, "kan ik dan microneedling proberen?")
    texts = _texts(bot.say(sender, "wat mag ik dan wel doen?"))
    assert texts and "Je kunt me vertellen wat je aan je huid merkt" not in texts[0], texts


def test_a_holiday_question_gets_the_holiday_hours_first(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "zijn jullie met pasen open?"))
    assert texts and texts[0].startswith("Op feestdagen zijn we gesloten"), texts


def test_no_wrinkles_yet_gets_the_advice_for_keeping_the_skin_good(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik ben 26 en heb nog helemaal geen rimpels, moet ik er al iets aan doen?"))
    assert texts and texts[0].startswith("Wat fijn dat je huid goed is"), texts


def test_a_later_moment_after_the_wait_gets_the_verdict_then(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb 10 dagen geleden botox laten zetten")
    bot.say(sender, "mag ik al gua sha doen?")
    texts = _texts(bot.say(sender, "en over 6 weken?"))
    assert texts and texts[0].startswith("Dan is je behandeling 52 dagen geleden") and "geen bezwaar" in texts[0], texts


def test_the_same_question_on_a_condition_after_a_verdict_gets_the_verdict_again(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik slik marcoumar, kan ik thuis een jade roller gebruiken?")
    texts = _texts(bot.say(sender, "ook als ik maar heel licht druk?"))
    assert texts and "huisarts" in texts[0] and not texts[0].startswith("Ik weet niet zeker"), texts


def test_what_to_do_after_a_phase_explanation_is_its_care(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "leg de reset fase eens uit")
    texts = _texts(bot.say(sender, "en wat moet ik dan doen?"))
    assert texts and "(leefstijl)" in " ".join(texts), texts


def test_two_questions_about_microneedling_get_both_answers(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik twijfel over microneedling: is het pijnlijk en hoeveel keer moet ik komen?"))
    said = " ".join(texts)
    assert len(texts) <= 3 and "pijnlijker" in said and "sessies" in said, texts


def test_cleaning_the_stone_after_the_gua_sha_technique_is_the_hygiene_answer(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "hoe werk ik met een gua sha steen langs mijn jukbeenderen")
    texts = _texts(bot.say(sender, "en hoe houd ik die steen schoon?"))
    assert texts and not texts[0].startswith("Ik weet niet zeker") and "reinig" in texts[0].lower(), texts


def test_should_i_see_a_doctor_gets_no_diagnosis_but_when(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "mijn wangen zijn al weken schilferig en rood")
    texts = _texts(bot.say(sender, "moet ik daarmee naar de huisarts?"))
    assert texts and "kan ik niet beoordelen" in texts[0] and "huisarts" in texts[0], texts


def test_a_condition_from_childhood_that_is_gone_does_not_rule_out_microneedling(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "als kind had ik eczeem, nu al jaren nergens meer last van. mag microneedling?"))
    assert texts and "eczeem" not in texts[0].lower() and "raad ik je op dit moment af" not in texts[0], texts


def test_sagging_skin_in_the_menopause_gets_advice_not_a_question_what_she_means(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik ben 54, zit in de overgang en mijn huid wordt steeds slapper"))
    assert texts and not texts[0].startswith("Ik weet niet zeker"), texts


def test_how_often_to_exfoliate_is_not_answered_with_massage_times(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "hoe vaak per week moet ik eigenlijk exfoliëren?"))
    assert texts and "staat niet in mijn bronnen" in texts[0] and "2 tot 4 keer" not in texts[0], texts


def test_a_medication_told_after_booking_a_treatment_is_judged_for_that_treatment(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik wil graag een afspraak voor microneedling inplannen")
    texts = _texts(bot.say(sender, "oh ik gebruik wel isotretinoine"))
    assert texts and "microneedling" in texts[0].lower() and "gezichtsmassage" not in texts[0].lower(), texts


def test_a_continuing_question_about_the_sun_after_microneedling_gets_the_sun_answer(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "helpt microneedling tegen pigmentvlekken?")
    texts = _texts(bot.say(sender, "en hoe lang moet ik daarna uit de zon blijven?"))
    assert texts and not texts[0].startswith("Ik weet niet zeker") and "zon" in texts[0], texts


def test_pregnant_with_a_swollen_face_gets_no_massage_instructions(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "ik ben 36 weken zwanger en mijn gezicht is zo opgezwollen"))
    said = " ".join(texts)
    assert texts and "kan ik niet beoordelen" in said and "richting hals en sleutelbeen" not in said, texts


def test_a_friends_treatment_is_answered_in_general_without_asking_which_she_had(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "mijn schoonzus had gisteren een peeling, mag zij vandaag al zwemmen?"))
    said = " ".join(texts)
    assert texts and texts[0].startswith("Dat gaat over iemand anders") and "Welke behandeling" not in said, texts


def test_a_blood_thinner_in_a_diminutive_is_a_safety_fact(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik neem elke ochtend een ascalletje")
    texts = _texts(bot.say(sender, "kan ik gewoon gua sha doen?"))
    assert texts and "huisarts" in texts[0] and "geen bezwaar" not in texts[0], texts


def test_the_skin_check_result_is_at_most_three_bubbles(bot) -> None:
    sender = new_web_id()
    for message in ("kun je mijn huidfase bepalen?", "mijn huid is vooral dof en grauw", "normaal", "ja hoor",
                    "nee, niks gehad"):
        bot.say(sender, message)
    texts = _texts(bot.say(sender, "nee, niets daarvan"))
    assert 1 <= len(texts) <= 3 and texts[0].startswith("Je huid lijkt in de Activate-fase"), texts


def test_typing_a_buttons_question_gets_its_answer_not_the_off_topic_one(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat is microneedling eigenlijk?")
    texts = _texts(bot.say(sender, "doet het pijn?"))
    assert texts and "pijnlijker dan het is" in texts[0], texts


def test_a_continuing_question_after_a_price_and_its_total_stay_with_that_treatment(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat kost bij jullie een microneedling behandeling")
    said = " ".join(_texts(bot.say(sender, "en hoeveel sessies zijn er nodig?")))
    assert "weken" in said and "minuten" not in said, said  # microneedling's sessions, not a home massage
    total = " ".join(_texts(bot.say(sender, "hoeveel betaal ik daar in totaal voor?")))
    assert "icroneedling" in total and "€" in total, total


def test_a_stopped_blood_thinner_is_no_blood_thinner(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik slik de eliquis niet meer sinds twee maanden")
    said = " ".join(_texts(bot.say(sender, "mag ik een gezichtsmassage?")))
    assert "huisarts" not in said and "geen bezwaar" in said, said


def test_a_sunburn_rules_out_microneedling(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ben net terug uit spanje en helemaal verbrand")
    said = " ".join(_texts(bot.say(sender, "kan microneedling mijn huid dan helpen herstellen?")))
    assert "raad ik je op dit moment af" in said and "Reset" in said, said


def test_does_that_hurt_after_advice_naming_a_treatment_is_answered_about_it(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb littekens van vroegere puistjes")
    bot.say(sender, "wat kan ik daar tegen doen")
    said = " ".join(_texts(bot.say(sender, "doet zoiets pijn?")))
    assert "Ik weet niet zeker" not in said and "verdov" in said, said


def test_a_greeting_with_a_topic_is_about_that_topic_and_so_is_the_next_message(bot) -> None:
    sender = new_web_id()
    hello = " ".join(_texts(bot.say(sender, "hallo, vraagje over microneedling")))
    assert "icroneedling" in hello and "Ik denk mee over je huid" not in hello, hello  # not the plain greeting
    said = " ".join(_texts(bot.say(sender, "hoe lang ben je daarna rood?")))
    assert "zonnebrand" in said, said


def test_what_could_it_be_gets_no_diagnosis(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb rode schilferige plekjes naast mijn neus")
    said = " ".join(_texts(bot.say(sender, "wat zou dat kunnen zijn?")))
    assert "geen diagnose" in said and "dermatoloog" in said, said


def test_how_long_at_the_salon_is_the_salons_own_session(bot) -> None:
    said = " ".join(_texts(bot.say(new_web_id(), "hoelang duurt een gua sha behandeling bij jullie?")))
    assert "bij ons 40 minuten" in said and "3 tot 10" not in said, said


def test_a_pregnancy_question_about_an_ingredient_is_about_that_ingredient(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "wat doet retinol eigenlijk")
    said = " ".join(_texts(bot.say(sender, "mag ik dat gebruiken nu ik zwanger ben?")))
    assert "niet beoordelen" in said and "gezichtsmassage" not in said, said


def test_choosing_between_two_treatments_is_no_treatment_she_had(bot) -> None:
    sender = new_web_id()
    said = " ".join(_texts(bot.say(sender, "ik twijfel: lymfedrainage of een peeling, wat past bij mij?")))
    assert "hoe lang geleden" not in said.lower() and "herstelperiode" not in said, said


def test_how_often_with_couperose_gets_the_caution_and_how_often(bot) -> None:
    said = _texts(bot.say(new_web_id(), "hoe vaak per week mag ik masseren met couperose?"))
    joined = " ".join(said)
    assert "extra zorg" in joined and "per week" in joined and len(said) <= 3, said


def test_keyboard_mash_is_asked_for_words_not_offered_random_meanings(bot) -> None:
    replies = bot.say(new_web_id(), "jkjkjk qwrtz")
    texts = _texts(replies)
    assert any("paar nederlandse woorden" in t.lower() for t in texts), texts
    titles = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert "Bedanken" not in titles and "Gewoon even hallo zeggen" not in titles, titles


@pytest.mark.parametrize("message, expected", [
    ("wlalen onder mn oogen elke ochtent", "wallen"),  # two typos in the subject word and around it
    ("wat doet niacinamyde eigenlijk", "niacinamide"),
    ("wat is mirconeedling", "microneedling"),
])
def test_a_typo_in_the_subject_still_gets_its_answer(bot, message: str, expected: str) -> None:
    joined = " ".join(_texts(bot.say(new_web_id(), message))).lower()
    assert expected in joined and "bedoel je" not in joined, joined


def test_yes_to_the_check_offered_with_the_advice_starts_the_check(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik ben zo gestrest de laatste tijd en mijn huid reageert op alles")
    offered = " ".join(_texts(bot.say(sender, "ja vooral in mijn kaken")))
    assert "huidcheck" in offered.lower(), offered
    started = " ".join(_texts(bot.say(sender, "ja graag")))
    # the check's first open question (her signals are known already: the skin type)
    assert "huidcheck" not in started.lower() and "huidtype" in started.lower(), started


def test_an_unsure_answer_in_the_check_gets_the_question_again_and_a_second_lets_her_out(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "in welke fase zit mijn huid eigenlijk")
    again = " ".join(_texts(bot.say(sender, "geen idee eigenlijk hoor")))
    assert "huidsignaal" in again and "bedoel je" not in again.lower(), again
    out = " ".join(_texts(bot.say(sender, "pfff stop")))
    assert "huidsignaal" not in out, out  # not kept in the check


def test_having_a_massage_done_gets_the_verdict_not_when_to_see_a_professional(bot) -> None:
    said = " ".join(_texts(bot.say(new_web_id(), "zou ik bij jullie een lymfedrainage kunnen laten doen?")))
    assert "geen bezwaar" in said and "gediplomeerde" not in said, said


def test_a_price_and_a_duration_in_one_message_get_both(bot) -> None:
    said = _texts(bot.say(new_web_id(), "hoeveel betaal ik voor een microcurrent sessie en hoelang duurt die?"))
    assert len(said) <= 2 and "€" in said[0] and "minuten" in said[0], said


def test_after_a_gp_verdict_what_is_possible_gets_what_she_can_do(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb een auto-immuunziekte")
    said = " ".join(_texts(bot.say(sender, "welke behandeling kan dan wel?")))
    assert "geen van de behandelingen" in said and "huisarts" in said and "Welke behandeling" not in said, said


def test_a_blood_thinner_taken_back_is_heard_and_still_kept(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik neem dagelijks clopidogrel")
    back = " ".join(_texts(bot.say(sender, "oeps, vergeten te zeggen: ik gebruik geen clopidogrel meer")))
    assert "Je noemde eerder bloedverdunners" in back and "Overleg eerst" not in back, back
    later = " ".join(_texts(bot.say(sender, "mag ik dan een gezichtsmassage?")))
    assert "huisarts" in later, later  # a stated risk is kept for the whole conversation


def test_a_question_for_a_friend_is_answered_in_general(bot) -> None:
    said = _texts(bot.say(new_web_id(), "mijn vriendin twijfelt over microneedling, kan zij dat gewoon doen?"))
    assert said and said[0].startswith("Dat gaat over iemand anders"), said


def test_where_a_complaint_comes_from_is_answered_first(bot) -> None:
    said = _texts(bot.say(new_web_id(), "mijn gezicht ziet er zo grauw en moe uit, waar komt dat door?"))
    assert said and "Activate" in said[0] and "geen diagnose" in said[0] and len(said) <= 3, said
    sender = new_web_id()
    bot.say(sender, "ik heb al weken last van mee-eters en puistjes")
    cause = " ".join(_texts(bot.say(sender, "hoe komt dat eigenlijk?")))
    assert "cortisol" in cause and "geen diagnose" in cause and "bedoel je" not in cause.lower(), cause


def test_until_when_after_a_day_gets_that_day(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "kan ik op donderdag bij jullie terecht?")
    said = " ".join(_texts(bot.say(sender, "en tot hoe laat?")))
    assert "onderdag" in said and "Maandag: gesloten" not in said and "Dag!" not in said, said


def test_a_gps_agreement_is_heard_and_remembered(bot) -> None:
    sender = new_web_id()
    first = " ".join(_texts(bot.say(sender, "ik heb trombose gehad, maar de huisarts heeft toestemming gegeven")))
    assert "huisarts akkoord" in first and "Overleg eerst" not in first, first
    later = " ".join(_texts(bot.say(sender, "kan ik dan lymfedrainage krijgen?")))
    assert "akkoord van je huisarts" in later and "Overleg eerst" not in later, later
    bot.say(sender, "dan wil ik graag een afspraak inplannen")
    summary = bot.tracker(sender)["slots"]["intake_samenvatting"]  # what the salon reads at the hand-off
    assert summary["akkoord_huisarts"] is True and "Akkoord huisarts" in summary["tekst"], summary


def test_an_ingredient_while_breastfeeding_is_not_judged(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik geef nog borstvoeding")
    said = " ".join(_texts(bot.say(sender, "kan ik dan wel niacinamide gebruiken?")))
    assert "niacinamide" in said.lower() and "niet beoordelen" in said and "bedoel je" not in said.lower(), said


def test_the_same_after_question_about_something_else_is_answered_for_that_treatment(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "mag ik na microneedling gaan zwemmen?")
    said = " ".join(_texts(bot.say(sender, "en in de sauna dan?")))
    assert "na microneedling" in said and "staat niet in mijn bronnen" in said and "bedoel je" not in said.lower(), said


def test_may_i_use_an_ingredient_gets_what_it_does(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb couperose op mijn wangen")
    said = " ".join(_texts(bot.say(sender, "mag ik hyaluronzuur gebruiken?")))
    assert "hyaluronzuur" in said.lower() and "bedoel je" not in said.lower(), said


def test_how_to_right_after_what_a_technique_does_gets_more_of_it(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "helpt acupressuur bij een gespannen kaak?")
    said = " ".join(_texts(bot.say(sender, "en hoe doe ik dat dan?")))
    assert "kaak" in said and "bedoel je" not in said.lower(), said


def test_a_verdict_asked_again_for_another_spot_keeps_the_verdict(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb een open plekje op mijn wang, kan ik lymfedrainage doen?")
    said = " ".join(_texts(bot.say(sender, "en alleen op mijn voorhoofd?")))
    assert "af" in said and "bedoel je" not in said.lower(), said


def test_how_long_the_complaint_lasts_is_taken_after_the_advice(bot) -> None:
    durations = concern_data()["klachtduur"]
    sender = new_web_id()
    bot.say(sender, "mijn huid voelt heel droog aan")
    short = _texts(bot.say(sender, "nog maar een week of drie"))
    assert short and short[0].startswith(durations["kort"]) and len(short) <= 3, short
    sender = new_web_id()
    bot.say(sender, "ik zie er altijd zo moe uit met die wallen")
    long = _texts(bot.say(sender, "al jaren eigenlijk"))
    assert long and long[0].startswith(durations["lang"]["tekst"]) and len(long) <= 3, long


def test_her_own_situation_answers_for_her_and_not_for_her_sister(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik slik sinds kort xarelto")
    sister = " ".join(_texts(bot.say(sender, "zou mijn zus een microneedling behandeling mogen?")))
    assert "huisarts" not in sister and "eerder" not in sister, sister  # her blood thinners are not her sister's
    own = " ".join(_texts(bot.say(sender, "en ik dan?")))
    assert "huisarts" in own and "microneedling" in own, own


def test_and_after_another_treatment_keeps_the_treatment_asked(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "kan ik microneedling doen na botox")
    then = " ".join(_texts(bot.say(sender, "en na een laser?")))
    assert "microneedling" in then.lower() and "laser kan" not in then.lower(), then


def test_a_dry_skin_in_everyday_words_gets_its_tips_once_and_yes_starts_the_check(bot) -> None:
    sender = new_web_id()
    first = _texts(bot.say(sender, "mijn wangen zijn zo schraal en ruw de laatste tijd"))
    again = _texts(bot.say(sender, "en het bladdert ook een beetje"))
    assert first and again and not set(first) & set(again), (first, again)
    assert again[0].startswith(concern_data()["alles_gezegd"]), again
    check = _texts(bot.say(sender, "ja doe maar"))  # the check starts (its consent question first)
    assert check and not any(t.startswith(concern_data()["alles_gezegd"]) for t in check), check
    first_question = _texts(bot.say(sender, "ja, dat is goed"))
    assert first_question and "huidtype" not in " ".join(first_question).lower(), first_question  # told already


def test_a_cause_asked_right_after_the_advice_is_about_that_concern(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb de laatste tijd zoveel pukkels op mijn voorhoofd")
    cause = " ".join(_texts(bot.say(sender, "kan dat door mijn hormonen komen?")))
    assert concern_data()["huidzorgen"]["acne"]["oorzaak"]["tekst"] in cause, cause
    assert concern_data()["oorzaak_slot"] in cause, cause  # no diagnosis


def test_her_doctors_yes_in_her_own_words_is_not_met_with_see_your_gp_first(bot) -> None:
    sender = new_web_id()
    told = " ".join(_texts(bot.say(sender, "de cardioloog zegt dat ik met mijn eliquis gewoon mag masseren")))
    assert "akkoord" in told and "Overleg eerst" not in told, told
    stopped = " ".join(_texts(bot.say(new_web_id(), "ik heb xarelto geslikt tot de zomer, nu niet meer. mag ik gua sha?")))
    assert "Overleg eerst" not in stopped and "gua sha" in stopped.lower(), stopped


def test_pregnant_she_hears_the_same_about_products_however_she_asks(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik ben 20 weken zwanger")
    asked = " ".join(_texts(bot.say(sender, "welke crème raad je aan voor mijn droge huid?")))
    assert "niet in mijn bronnen" in asked and "squalane" not in asked, asked
    direct = " ".join(_texts(bot.say(new_web_id(), "ik ben in verwachting, welke olie kan ik gebruiken?")))
    assert "niet in mijn bronnen" in direct and "argan" not in direct, direct


def test_whether_the_salon_treats_acne_scars_is_answered_with_what_it_offers(bot) -> None:
    texts = _texts(bot.say(new_web_id(), "Kan ik bij jullie terecht voor een behandeling tegen mijn acne littekens?"))
    joined = " ".join(texts)
    assert "bij ons terecht" in joined and "microneedling" in joined.lower() and "€" in joined, texts
    assert len(texts) <= 3


def test_a_skin_that_feels_tight_after_washing_is_asked_about_not_given_stress_advice(bot) -> None:
    stress = concern_data()["huidzorgen"]["stress"]["helpt"][0]["tekst"]
    question = concern_data()["strak_gevoel"]["vraag"]
    sender = new_web_id()
    asked = _texts(bot.say(sender, "als ik uit de douche kom trekt mijn gezicht helemaal"))
    assert asked == [question], asked
    dry = " ".join(_texts(bot.say(sender, "ja")))
    assert "jojoba" in dry and stress not in dry, dry
    both = " ".join(_texts(bot.say(new_web_id(), "mijn wangen voelen altijd strak en droog aan")))
    assert "jojoba" in both and stress not in both, both


def test_a_sunburn_in_everyday_words_is_redness_and_keeps_microneedling_off(bot) -> None:
    sender = new_web_id()
    told = " ".join(_texts(bot.say(sender, "ik heb zonnebrand op mijn wangen van het terras gisteren")))
    assert concern_data()["huidzorgen"]["stress"]["helpt"][0]["tekst"] not in told, told
    verdict = " ".join(_texts(bot.say(sender, "kan ik dan morgen nog microneedling laten doen?")))
    assert "raad ik je op dit moment af" in verdict, verdict
    cough = " ".join(_texts(bot.say(new_web_id(), "ik heb een droge hoest al dagen")))
    assert "jojoba" not in cough and "argan" not in cough, cough


def test_her_answer_to_how_long_ago_is_for_the_treatment_she_asked_about(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik heb botox gehad, mag ik gua sha doen?")
    answer = " ".join(_texts(bot.say(sender, "ik heb het vorige week laten zetten")))
    assert "gua sha" in answer.lower() and "wacht je nog even" in answer, answer
    sender = new_web_id()
    bot.say(sender, "ik heb fillers gehad, kan ik lymfedrainage krijgen?")
    later = " ".join(_texts(bot.say(sender, "is al ruim twee maanden geleden")))
    assert "lymfedrainage" in later.lower() and "gezichtsmassage" not in later.lower(), later


def test_after_the_birth_she_is_expecting_is_outside_the_sources_too(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "ik ben zwanger van de tweede, mag ik lymfedrainage?")
    after = " ".join(_texts(bot.say(sender, "en als ik bevallen ben?")))
    assert "bevalling" in after and "niet beoordelen" in after, after


def test_a_question_that_compares_two_techniques_gets_both(bot) -> None:
    from bot.replies.texts import answer_data
    techniques = answer_data()["vergelijking"]["technieken"]
    texts = _texts(bot.say(new_web_id(), "wat is eigenlijk het verschil tussen gua sha en lymfedrainage"))
    joined = " ".join(texts)
    assert techniques["gua_sha"]["tekst"] in joined and techniques["lymfedrainage"]["tekst"] in joined, texts
    assert len(texts) <= 3


def test_practical_follow_ups_after_an_offer_or_a_booking_answer_what_was_asked(bot) -> None:
    sender = new_web_id()
    bot.say(sender, "doen jullie ook iets tegen wallen?")
    price = _texts(bot.say(sender, "wat kost dat?"))
    assert len(price) == 1 and "€" in price[0] and "Microneedling" not in price[0], price  # one line, not the list
    sender = new_web_id()
    bot.say(sender, "ik wil graag een afspraak voor microneedling")
    day = " ".join(_texts(bot.say(sender, "kan het ook zaterdag?")))
    assert "zaterdag" in day.lower() and "extra zorg" not in day, day


def test_is_it_bad_with_a_greeting_gets_the_advice_and_it_does_not_itch_is_a_no(bot) -> None:
    rood = concern_data()["huidzorgen"]["roodheid_gevoeligheid"]
    sender = new_web_id()
    first = _texts(bot.say(sender, "hallo, ik krijg altijd rode vlekken in mijn nek en gezicht na het sporten. is dat erg?"))
    assert rood["helpt"][0]["tekst"] in first and rood["vervolg"]["vraag"] in first, first
    no = _texts(bot.say(sender, "nee het jeukt niet"))
    assert rood["vervolg"]["nee"][0]["tekst"] in no and rood["vervolg"]["ja"][0]["tekst"] not in no, no


def test_what_to_do_after_microneedling_and_what_a_course_costs(bot) -> None:
    from bot.knowledge import load_knowledge
    after = _texts(bot.say(new_web_id(), "wat moet ik eigenlijk doen na een microneedling behandeling?"))
    assert after and after[0] == load_knowledge().question("microneedling.herstel").antwoord, after
    sender = new_web_id()
    bot.say(sender, "hoeveel sessies microneedling heb ik nodig?")
    course = _texts(bot.say(sender, "en wat kost een kuur?"))
    assert len(course) == 1 and "Microneedling" in course[0] and "Gua sha" not in course[0], course
