"""Concern advice: at most three bubbles, the most useful step first, no question about
what the message already said, a block said once while acknowledging the concern."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.replies.concern import CONCERNS, FOLLOWUP_PREFIX, already_answered, concern_reply, something_else_after_reply
from bot.replies.gate import safety_gate
from bot.replies.texts import concern_data
from bot.rules.safety import Facts

K = load_knowledge()
ADVICE = [c for c in CONCERNS if c != "na_peeling"]


def data(concern: str) -> dict:
    return concern_data()["huidzorgen"][concern]


@pytest.mark.parametrize("concern", ADVICE)
def test_most_useful_step_first_then_the_question(concern: str) -> None:
    reply = concern_reply(concern, Facts(phase="repair"), "")
    assert len(reply.bubbles) <= 3
    assert reply.bubbles[0].text == data(concern)["helpt"][0]["tekst"]
    assert reply.bubbles[-1].text == data(concern)["vervolg"]["vraag"]
    assert reply.open_question == FOLLOWUP_PREFIX + concern
    assert reply.facts[0] == f"{concern}.helpt.0"
    assert any(b.payload == f"/{concern}" for b in reply.bubbles[-1].buttons)  # the rest: one tap away


@pytest.mark.parametrize(("concern", "message", "side"), [
    ("wallen", "als ik opsta zijn mijn ogen helemaal opgezwollen", "ja"),
    ("wallen", "mijn ogen zijn de hele dag dik, niet alleen bij het wakker worden", None),  # both: ask
    ("wallen", "zakjes onder mijn ogen, vooral 's avonds na het werk", "nee"),
    ("acne", "ik heb pukkels op mijn kin en een paar zijn flink ontstoken", "ja"),
    ("acne", "gewoon wat mee-eters, niet ontstoken", "nee"),
    ("stress", "ik klem mijn kaken op elkaar als ik gestrest ben", "ja"),
    ("stress", "stress, vooral in mijn nek en schouders", "nee"),
    ("roodheid_gevoeligheid", "mijn wangen zijn rood en het prikt als ik crème smeer", "ja"),
    ("roodheid_gevoeligheid", "rode vlekken, maar ik heb geen jeuk", "nee"),
    ("vale_huid", "mijn huid ziet grauw en voelt strak aan", "ja"),
    ("lijntjes_littekens", "lijntjes rond mijn ogen, huid is verder rustig", "ja"),
    ("lijntjes_littekens", "acnelittekens en mijn huid jeukt ook", "nee"),
    ("onderhoud", "mijn huid is goed, ik smeer elke dag factor 50", "ja"),
    ("onderhoud", "alles prima, maar ik gebruik nooit spf", "nee"),
    ("onderhoud", "mijn huid is top, hoe hou ik dat zo", None),
])
def test_the_follow_up_is_not_asked_when_the_message_answers_it(concern: str, message: str, side: str | None) -> None:
    assert already_answered(message, data(concern)["vervolg"]["al_gezegd"]) == side
    reply = concern_reply(concern, Facts(phase="repair"), message)
    texts = [b.text for b in reply.bubbles]
    assert len(texts) <= 3
    if side is None:
        assert texts[-1] == data(concern)["vervolg"]["vraag"]
    else:
        assert data(concern)["vervolg"]["vraag"] not in texts
        assert texts[-1] == data(concern)["vervolg"][side][0]["tekst"]
        assert reply.open_question is None and f"{concern}.vervolg.{side}" in reply.facts


@pytest.mark.parametrize("concern", ADVICE)
def test_a_block_is_one_bubble_that_still_acknowledges_the_concern(concern: str) -> None:
    reply = concern_reply(concern, Facts(medication={"bloedverdunners"}, phase="repair"), "")
    assert len(reply.bubbles) == 1
    text = reply.bubbles[0].text
    assert text.startswith(data(concern)["erkenning"]) and "huisarts" in text
    assert data(concern)["helpt"][0]["tekst"] not in text
    assert text.count("huisarts") == 1  # said once
    assert reply.open_question is None


def test_a_caution_takes_the_second_place_once() -> None:
    reply = concern_reply("wallen", Facts(conditions={"couperose"}), "")
    texts = [b.text for b in reply.bubbles]
    assert len(texts) == 3 and "extra zorg" in texts[1]
    assert sum("extra zorg" in t for t in texts) == 1


@pytest.mark.parametrize("concern", ADVICE)
def test_asking_again_gives_the_rest_not_the_same(concern: str) -> None:
    first = concern_reply(concern, Facts(phase="repair"), "")
    again = concern_reply(concern, Facts(phase="repair"), "", again=True)
    assert len(again.bubbles) <= 3
    assert not set(first.facts) & set(again.facts)
    assert again.open_question == "huidcheck_aanbod"


@pytest.mark.parametrize("concern", ADVICE)
def test_a_third_time_says_all_was_told_instead_of_the_same_tips(concern: str) -> None:
    more = concern_reply(concern, Facts(phase="repair"), "", again=True)
    third = concern_reply(concern, Facts(phase="repair"), "", again=True, told_all=True)
    assert len(third.bubbles) == 1
    said = third.bubbles[0].text
    assert all(b.text not in said for b in more.bubbles[:-1])  # no tip a second time
    assert said.startswith(concern_data()["alles_gezegd"])
    assert {b.payload for b in third.bubbles[0].buttons} == {"/affirm", "/deny"}  # the skin check, one tap
    assert third.open_question == "huidcheck_aanbod" and not third.facts


@settings(max_examples=120, deadline=None, database=None)
@given(
    st.sampled_from(ADVICE),
    st.builds(
        Facts,
        conditions=st.frozensets(st.sampled_from(K.contract.aandoening), max_size=3),
        medication=st.sampled_from([frozenset(), frozenset(K.contract.medicatie)]),
        last_procedure=st.one_of(st.none(), st.sampled_from(K.contract.ingreep)),
        days_since_procedure=st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
        phase=st.one_of(st.none(), st.sampled_from(K.contract.fase)),
    ),
    st.booleans(),
)
def test_never_more_than_three_bubbles_and_never_a_repeat(concern: str, facts: Facts, again: bool) -> None:
    reply = concern_reply(concern, facts, "", again=again)
    texts = [b.text for b in reply.bubbles]
    assert 1 <= len(texts) <= 3
    assert len(set(texts)) == len(texts)
    warnings = [t for t in texts if "huisarts" in t or "extra zorg" in t or "raad ik je" in t or "wacht je" in t]
    assert len(warnings) <= 1


@pytest.mark.parametrize(("message", "concern"), [
    ("ik heb wallen en ik slik bloedverdunners", "wallen"),
    ("pukkels op mijn voorhoofd, maar ik gebruik eliquis", "acne"),
    ("mag ik met trombose iets tegen mijn doffe huid doen", "vale_huid"),
])
def test_a_safety_question_still_acknowledges_the_concern_named_with_it(message: str, concern: str) -> None:
    from bot.replies.concern import concern_of
    from bot.replies.safety_answer import safety_reply
    from bot.rules.facts import Memory
    from bot.rules.phase import everyday_signals

    assert concern_of(list(everyday_signals(message))) == concern
    memory = Memory(medication=("bloedverdunners",))
    reply = safety_reply(memory.facts(), None, concern)
    assert len(reply.bubbles) == 1
    text = reply.bubbles[0].text
    assert text.startswith(data(concern)["erkenning"]) and text.count("huisarts") == 1
    assert reply.facts == (f"{concern}.erkenning",)


@pytest.mark.parametrize(("message", "intent", "open_question", "phase"), [
    ("mijn wangen zijn rood en het jeukt", "roodheid_gevoeligheid", None, "reset"),
    ("hoeveel dagen ben ik rood na microneedling", "microneedling_info", None, None),  # about a treatment
    ("rustig en stabiel, niks bijzonders", "inform", "intake_signalen", "sustain"),
    ("ik wil rustig beginnen", "inform", None, None),  # weak words count only in the intake
])
def test_only_what_she_says_about_her_own_skin_sets_a_provisional_phase(
        message: str, intent: str, open_question: str | None, phase: str | None) -> None:
    from bot.replies.concern import note_skin_statement
    from bot.rules.facts import Memory

    memory, provisional, about_her_skin = note_skin_statement(Memory(), message, intent, open_question)
    assert provisional == phase
    assert about_her_skin == (intent != "microneedling_info")
    assert (memory.signals == ()) == (phase is None)


@pytest.mark.parametrize("concern", CONCERNS)
@pytest.mark.parametrize(("facts", "asked"), [
    (Facts(medication={"bloedverdunners"}), "microneedling"),
    (Facts(conditions={"rosacea"}), "microneedling"),
])
def test_a_treatment_asked_about_that_is_ruled_out_comes_first_on_every_concern(
        concern: str, facts: Facts, asked: str) -> None:
    # "mag ik microneedling laten doen?" read as aftercare (or any concern) still gets the verdict
    reply = concern_reply(concern, facts, "mag ik microneedling laten doen?", asked=asked)
    assert len(reply.bubbles) == 1
    text = reply.bubbles[0].text
    if concern == "na_peeling":  # nothing had before: no "your skin needs time after a treatment"
        assert text == safety_gate(facts, asked).text
    else:
        assert text.startswith(data(concern)["erkenning"])
    assert K.teksten.verzoek_labels[asked] in text.lower() or asked in text.lower()
    assert reply.advice[0].startswith(f"veiligheid:{asked}:") and reply.open_question is None


def test_a_treatment_asked_about_that_is_allowed_leaves_the_advice_as_it_was() -> None:
    plain = concern_reply("wallen", Facts(phase="repair"), "")
    assert concern_reply("wallen", Facts(phase="repair"), "", asked="gezichtsmassage") == plain


@pytest.mark.parametrize(("message", "asked"), [
    ("mag ik microneedling laten doen?", "microneedling"),
    ("zou ik binnenkort een laserbehandeling kunnen krijgen", "laser"),
    ("kan ik gewoon een gezichtsmassage boeken", "gezichtsmassage"),
])
def test_may_i_have_a_treatment_read_as_aftercare_gets_the_verdict_not_which_treatment(
        message: str, asked: str) -> None:
    # nothing had before: she asks whether she may have it, and has just named it
    reply = concern_reply("na_peeling", Facts(), message, asked=asked)
    texts = [b.text for b in reply.bubbles]
    assert data("na_peeling")["vraag_ingreep"]["vraag"] not in texts
    assert texts[0] == safety_gate(Facts(), asked).answer.text
    assert reply.advice[0].startswith(f"veiligheid:{asked}:")
    # the verdict hangs on the phase: the skin check is offered while it is unknown, not after
    assert reply.open_question == "huidcheck_aanbod"
    assert concern_reply("na_peeling", Facts(phase="repair"), message, asked=asked).open_question is None


def test_after_a_treatment_she_had_the_aftercare_still_asks_how_long_ago() -> None:
    reply = concern_reply("na_peeling", Facts(last_procedure="chemische_peeling"),
                          "na mijn peeling, mag ik dan microneedling?", asked="microneedling")
    # a peel of unknown date rules microneedling out for now: the verdict asks how long ago
    assert reply.open_question != "huidcheck_aanbod"
    assert "hoe lang geleden" in " ".join(b.text for b in reply.bubbles).lower()


@pytest.mark.parametrize("message", ["mag ik nu al onder de zonnebank na die peeling?",
                                     "kan ik vanavond naar de sauna na mijn peeling"])
def test_after_her_treatment_a_question_the_sources_do_not_cover_says_so_first(message: str) -> None:
    facts = Facts(last_procedure="chemische_peeling", days_since_procedure=3.0)
    silent = (K.teksten.mag_anders, K.teksten.wanneer_anders)  # "mag ik nu al …" asks when again
    bubbles = [b.text for b in concern_reply("na_peeling", facts, message).bubbles]
    assert bubbles[0] in silent
    assert len(bubbles) <= 3 and safety_gate(facts, "gezichtsmassage").text in bubbles  # and the wait she knows of
    unknown_date = concern_reply("na_peeling", Facts(last_procedure="chemische_peeling"), message)
    assert unknown_date.bubbles[0].text in silent and unknown_date.open_question is not None


def test_when_again_about_something_else_says_the_sources_are_silent_on_it() -> None:
    facts = Facts(last_procedure="laser", days_since_procedure=2.0)
    bubbles = [b.text for b in concern_reply("na_peeling", facts, "wanneer mag ik weer zwemmen?").bubbles]
    assert bubbles[0] == K.teksten.wanneer_anders


@pytest.mark.parametrize("message", ["wanneer mag ik weer?", "mag ik al masseren na die peeling?",
                                     "mijn huid schilfert na de peeling"])
def test_questions_the_sources_do_answer_get_no_such_sentence(message: str) -> None:
    facts = Facts(last_procedure="chemische_peeling", days_since_procedure=3.0)
    said = " ".join(b.text for b in concern_reply("na_peeling", facts, message).bubbles)
    assert K.teksten.mag_anders not in said and K.teksten.wanneer_anders not in said


@pytest.mark.parametrize("procedure", ["injectables", "laser", "microneedling"])
def test_once_the_recovery_is_over_no_aftercare_for_the_first_days_contradicts_the_verdict(procedure: str) -> None:
    aftercare = [t["tekst"] for t in data("na_peeling")["nazorg"][procedure]]
    long_ago = [b.text for b in concern_reply("na_peeling", Facts(last_procedure=procedure, days_since_procedure=60.0),
                                              "dat was twee maanden geleden").bubbles]
    assert "geen bezwaar" in long_ago[0] and not set(aftercare) & set(long_ago), long_ago
    recent = [b.text for b in concern_reply("na_peeling", Facts(last_procedure=procedure, days_since_procedure=2.0),
                                            "dat was eergisteren").bubbles]
    restates = data("na_peeling")["nazorg"][procedure][0].get("zegt_het_oordeel", False)
    assert "geen bezwaar" not in recent[0], recent
    assert (aftercare[0] in recent) is not restates, recent  # in the wait, what the verdict says is not said twice


@pytest.mark.parametrize("facts", [Facts(), Facts(medication={"bloedverdunners"})])
def test_something_else_after_a_treatment_gets_that_the_sources_are_silent_and_the_verdict_when_it_matters(
        facts: Facts) -> None:
    message = "mag ik na een gezichtsmassage meteen gaan sporten?"
    bubbles = [b.text for b in concern_reply("na_peeling", facts, message, asked="gezichtsmassage").bubbles]
    if safety_gate(facts, "gezichtsmassage").blocked:
        assert "huisarts" in " ".join(bubbles), bubbles  # her facts rule the massage out: said on this path too
    else:
        expected = K.teksten.na_behandeling_anders.format(verzoek=K.teksten.verzoek_labels["gezichtsmassage"])
        assert bubbles == [expected]


@pytest.mark.parametrize(("message", "answer"), [
    ("awel, ik heb precies altijd dikke ogen smorgens", "ja"),  # "altijd" beside the morning: the morning
    ("ik heb 's morgens van die wallen", "ja"),
    ("ik heb altijd last van wallen, de hele dag", "nee"),
    ("ik heb altijd wallen", None),  # always, or always in the morning: asked
])
def test_the_wallen_question_is_not_asked_when_the_message_answers_it(message: str, answer: str | None) -> None:
    assert already_answered(message, data("wallen")["vervolg"]["al_gezegd"]) == answer


@pytest.mark.parametrize(("signals", "concern"), [
    (["verslapping"], "lijntjes_littekens"),  # a Repair signal: the Repair concern
    (["rimpels"], "lijntjes_littekens"),
    (["spanning"], "stress"),  # a concern's own signal first
    (["droogheid"], None),  # in no phase
])
def test_a_signal_stands_for_its_own_concern_else_the_concern_of_its_phase(signals, concern) -> None:
    from bot.replies.concern import concern_of
    assert concern_of(signals) == concern


@pytest.mark.parametrize("concern", ["wallen", "acne", "stress", "vale_huid"])
def test_a_situation_the_sources_do_not_cover_gets_no_technique_only_that_it_cannot_be_judged(concern) -> None:
    from bot.replies.concern import concern_reply
    from bot.replies.texts import concern_data
    from bot.rules.safety import Facts
    reply = concern_reply(concern, Facts(outside_knowledge=frozenset({"zwangerschap"})))
    data = concern_data()["huidzorgen"][concern]
    said = " ".join(b.text for b in reply.bubbles)
    assert len(reply.bubbles) == 1 and "kan ik niet beoordelen" in said, said
    assert data["helpt"][0]["tekst"] not in said  # no how-to for what may not be safe for her


@pytest.mark.parametrize("message", ["wat kan ik erop smeren?", "wat moet ik nu gebruiken", "tips?"])
def test_what_to_put_on_right_after_a_treatment_is_the_practitioners_aftercare(message: str) -> None:
    from bot.knowledge import load_knowledge
    from bot.replies.concern import concern_reply
    from bot.rules.facts import Memory
    facts = Memory(last_procedure="chemische_peeling", days_since_procedure=2.0).facts()
    reply = concern_reply("na_peeling", facts, message)
    assert reply.bubbles[0].text == load_knowledge().teksten.zelf_na, message
    assert len(reply.bubbles) <= 3 and any("wacht je nog even" in b.text for b in reply.bubbles)


@pytest.mark.parametrize(("facts", "verdict"), [
    (Facts(), False),  # nothing known of her: the general caution on microneedling answers nothing she asked
    (Facts(conditions={"couperose"}), True),  # her condition: the caution that fits her is said
    (Facts(medication={"bloedverdunners"}), True),
])
def test_something_else_after_microneedling_gets_its_caution_only_when_her_facts_make_it(facts: Facts,
                                                                                         verdict: bool) -> None:
    bubbles = [b.text for b in something_else_after_reply(facts, "microneedling").bubbles]
    assert bubbles[0] == K.teksten.na_behandeling_anders.format(verzoek=K.teksten.verzoek_labels["microneedling"])
    assert (len(bubbles) == 2) is verdict, bubbles


@pytest.mark.parametrize(("concern", "message", "asked"), [
    ("acne", "mag ik gua sha doen als ik puistjes heb?", "gua_sha"),
    ("wallen", "kan ik lymfedrainage doen tegen mijn wallen?", "lymfedrainage"),
])
def test_a_may_i_question_beside_a_concern_gets_its_verdict_first(concern: str, message: str, asked: str) -> None:
    reply = concern_reply(concern, Facts(), message, asked=asked)
    texts = [b.text for b in reply.bubbles]
    assert texts[0] == safety_gate(Facts(), asked).text, texts
    assert data(concern)["helpt"][0]["tekst"] in texts and len(texts) <= 3, texts
    assert reply.advice[0].startswith(f"veiligheid:{asked}:"), reply.advice


def test_without_a_may_i_question_the_concern_advice_comes_first() -> None:
    reply = concern_reply("acne", Facts(), "ik heb puistjes en denk aan gua sha", asked="gua_sha")
    assert reply.bubbles[0].text == data("acne")["helpt"][0]["tekst"]


@pytest.mark.parametrize(("concern", "message", "said_first"), [
    ("roodheid_gevoeligheid", "mijn huid is rood na het sporten, is dat erg?", K.teksten.normaal),
    ("acne", "ik heb al weken een ontstoken puist, moet ik naar de huisarts?", K.teksten.dokter),
    ("roodheid_gevoeligheid", "rode schilferige plekjes naast mijn neus, wat kan dat zijn?", K.teksten.wat_is_het),
])
def test_a_complaint_asked_to_judge_hears_first_that_the_bot_does_not_judge(concern: str, message: str,
                                                                            said_first: str) -> None:
    texts = [b.text for b in concern_reply(concern, Facts(), message).bubbles]
    assert texts[0] == said_first and data(concern)["helpt"][0]["tekst"] in texts and len(texts) <= 3, texts


def test_a_complaint_without_such_a_question_gets_the_advice_first() -> None:
    texts = [b.text for b in concern_reply("roodheid_gevoeligheid", Facts(), "mijn huid is rood na het sporten").bubbles]
    assert texts[0] == data("roodheid_gevoeligheid")["helpt"][0]["tekst"], texts


@pytest.mark.parametrize(("message", "side"), [
    ("het jeukt niet", "nee"), ("nee, het brandt niet echt", "nee"), ("het prikt nooit", "nee"),
    ("het jeukt niet alleen, het brandt ook", "ja"), ("het jeukt wel een beetje", "ja"),
])
def test_a_verb_with_niet_right_after_it_answers_no(message: str, side: str) -> None:
    assert already_answered(message, data("roodheid_gevoeligheid")["vervolg"]["al_gezegd"]) == side


@pytest.mark.parametrize(("message", "hers"), [
    ("hoi ik heb last van rode vlekken na het sporten", True), ("goedemiddag, ik ben flink verbrand", True),
    ("hallo ik heb puistjes op mijn kin", True), ("ben ik verbrand?", False), ("hoi, ben ik nu verbrand?", False),
])
def test_a_greeting_first_does_not_make_her_statement_a_question(message: str, hers: bool) -> None:
    from bot.replies.concern import speaks_of_herself
    assert speaks_of_herself(message) is hers


@pytest.mark.parametrize("message", ["wat moet ik doen na een microneedling?", "wat kan ik doen na microneedling behandeling"])
def test_what_to_do_after_a_treatment_she_has_not_had_gets_its_recovery(message: str) -> None:
    from bot.knowledge import load_knowledge
    from bot.rules.follow_up import asks_about_after
    from bot.rules.safety import Facts
    assert not asks_about_after(message, "microneedling")  # not "something else after it"
    reply = concern_reply("na_peeling", Facts(), message, asked="microneedling")
    assert reply.bubbles[0].text == load_knowledge().question("microneedling.herstel").antwoord
