"""Only the customer's own situation counts: negations in every form, someone else's
situation and planned treatments add no fact; her own past does."""
from __future__ import annotations

import pytest

from bot.rules.facts import Entity, Memory, update_memory, with_someone_elses
from bot.rules.negation import counts_as_own, scan_facts
from bot.rules.safety import Facts


@pytest.mark.parametrize("text", [
    "ik slik geen enkele bloedverdunner",
    "nee hoor, ik heb nog nooit trombose gehad",
    "eczeem? neen",
    "qua bloedverdunners: nee",
    "bloedverdunners, die neem ik niet meer",
    "ik neem ze niet, bloedverdunners",
    "ik gebruik al jaren geen sintrom meer",
    "rosacea heb ik niet",
    "ik heb nooit een laserbehandeling gehad",
    "ik ben nog nooit gelaserd",
    "zonder xarelto",
])
def test_every_negation_adds_nothing(text: str) -> None:
    assert not scan_facts(text).stated


@pytest.mark.parametrize(("text", "value"), [
    ("mijn zus heeft psoriasis", "psoriasis"),
    ("m'n schoonvader slikt marcoumar", "bloedverdunners"),
    ("een vriendin van me heeft lupus", "auto_immuunziekte"),
    ("mijn man heeft een koortslip", "actieve_infectie"),
    ("mijn dochtertje heeft eczeem op haar armen", "eczeem"),
    ("rosacea zit bij ons in de familie", "rosacea"),
    ("hij gebruikt bloedverdunners", "bloedverdunners"),
    ("mag iemand met couperose gua sha?", "couperose"),
    ("mijn buurvrouw heeft vorige maand botox laten zetten", "injectables"),
])
def test_someone_elses_situation_adds_nothing(text: str, value: str) -> None:
    found = scan_facts(text)
    assert value not in found.stated and value in found.others


@pytest.mark.parametrize(("text", "value"), [
    ("ik wil volgende maand een peeling nemen", "chemische_peeling"),
    ("ik zit erover te twijfelen, misschien botox", "injectables"),
    ("ik heb interesse in microneedling", "microneedling"),
    ("kan ik na de zomer laser nemen?", "laser"),
    ("ik ben van plan om lipfillers te nemen", "injectables"),
])
def test_a_plan_is_asked_not_had(text: str, value: str) -> None:
    found = scan_facts(text)
    assert value not in found.stated and value in found.planned and value in found.procedures


@pytest.mark.parametrize("text", [
    "ik twijfel nog tussen lipfillers en een laser",
    "overweeg microneedling of anders een peeling",
    "zou graag botox en mijn eerste microneedling plannen",
])
def test_every_treatment_of_a_plan_is_planned_also_after_an_article(text: str) -> None:
    found = scan_facts(text)
    assert not found.stated and len(found.planned) == 2, found


def test_a_treatment_had_and_one_planned_stay_apart() -> None:
    found = scan_facts("vorige maand een laser gehad, nu wil ik een peeling")
    assert found.stated == {"laser"} and found.planned == {"chemische_peeling"}


@pytest.mark.parametrize(("text", "value"), [
    ("twee jaar geleden had ik een longembolie", "trombose"),
    ("ik had vorige week een glycolpeeling", "chemische_peeling"),
    ("mijn moeder heeft eczeem en ik ook", "eczeem"),
    ("sinds mijn vader overleed heb ik psoriasis", "psoriasis"),
    ("ik heb trombose, net als mijn moeder", "trombose"),
    ("mijn vriendin zegt dat ik rosacea heb", "rosacea"),
    ("ik heb eczeem maar mijn broer niet", "eczeem"),
    ("ik heb gisteren laser gehad en wil nu microneedling", "laser"),
    ("ik ben een vrouw met couperose", "couperose"),
    ("ik wil van mijn eczeem af", "eczeem"),          # a wish about a condition: she has it
    ("ik ga binnenkort bloedverdunners slikken", "bloedverdunners"),  # medication: safety first
])
def test_her_own_situation_counts(text: str, value: str) -> None:
    assert value in scan_facts(text).stated


def test_counts_as_own_on_entity_spans() -> None:
    text = "mijn vader heeft trombose maar ik slik zelf sintrom"
    s = text.index("trombose")
    assert not counts_as_own(text, s, s + 8, "aandoening")
    s = text.index("sintrom")
    assert counts_as_own(text, s, s + 7, "medicatie")
    text = "ik denk aan fillers"
    s = text.index("fillers")
    assert not counts_as_own(text, s, s + 7, "behandeling")
    assert counts_as_own(text, s, s + 7, "medicatie")  # plans only concern treatments


@pytest.mark.parametrize(("message", "past", "asked"), [
    ("ik wil een peeling laten doen", None, "chemische_peeling"),
    ("ik ga binnenkort fillers laten zetten", None, "injectables"),
    ("ik heb een peeling laten doen, mag ik masseren", "chemische_peeling", None),
    ("ik had fillers laten zetten, mag dat nu", "injectables", None),
    ("peeling gehad, nu masseren ok?", "chemische_peeling", None),
])
def test_laten_doen_is_past_only_with_hebben(message: str, past: str | None, asked: str | None) -> None:
    from bot.rules.facts import Memory, update_memory

    memory = update_memory(Memory(), message, "medische_situatie", [])
    assert (memory.last_procedure, memory.asked_treatment) == (past, asked)


@pytest.mark.parametrize(("message", "past", "asked"), [
    # the one she asks for comes first, the one she had in a clause of its own ("als", "nadat", "toen")
    ("kan ik een peeling laten doen als ik net een laserbehandeling heb gehad?", "laser", "chemische_peeling"),
    ("Is microneedling oke nadat ik 2 weken terug een peeling heb gehad", "chemische_peeling", "microneedling"),
    ("ik wil graag microneedling, toen ik laatst laser had werd ik wel heel rood", "laser", "microneedling"),
    ("als ik vorige week fillers heb laten zetten, mag ik dan een peeling?", "injectables", "chemische_peeling"),
])
def test_a_treatment_asked_for_and_one_had_in_a_side_clause_stay_apart(message: str, past: str, asked: str) -> None:
    memory = update_memory(Memory(), message, "medische_situatie", [])
    assert (memory.last_procedure, memory.asked_treatment) == (past, asked)


@pytest.mark.parametrize(("message", "intent", "past", "asked"), [
    # right after "na mijn" a treatment was had, whatever plan word ("mag", "kan") stands in
    # the sentence
    ("mag ik sporten na mijn microneedling", "microneedling_info", "microneedling", None),
    ("kan ik na m'n peeling gewoon make-up op", "medische_situatie", "chemische_peeling", None),
    ("is zonnen ok na de laser", "na_peeling", "laser", None),
    # "na een microneedling" in a general question is not hers (answered first, no gate)
    ("hoeveel dagen ben ik rood na een microneedling", "microneedling_info", None, "microneedling"),
    # "na" before something else leaves the plan a plan
    ("mag ik microneedling doen na de zomer", "na_peeling", None, "microneedling"),
    ("kan ik na de vakantie een peeling laten doen", "salon_info", None, "chemische_peeling"),
    ("mag ik microneedling laten doen?", "na_peeling", None, "microneedling"),
])
def test_a_treatment_right_after_na_mijn_was_had(message: str, intent: str, past: str | None, asked: str | None) -> None:
    from bot.rules.facts import Memory, update_memory

    memory = update_memory(Memory(), message, intent, [])
    assert (memory.last_procedure, memory.asked_treatment) == (past, asked)


@pytest.mark.parametrize(("text", "value"), [
    ("voor microneedling graag", "microneedling"),
    ("een plekje voor een chemische peeling", "chemische_peeling"),
])
def test_a_treatment_to_book_for_is_asked_not_had(text: str, value: str) -> None:
    word = "microneedling" if value == "microneedling" else "chemische peeling"
    start = text.index(word)
    memory = update_memory(Memory(), text, "inform", [Entity("behandeling", value, start, start + len(word))])
    assert memory.last_procedure is None and memory.asked_treatment == value


def test_a_visit_for_a_treatment_in_the_past_is_still_had() -> None:
    text = "ik was eergisteren voor microneedling bij de salon"
    start = text.index("microneedling")
    memory = update_memory(Memory(), text, "inform", [Entity("behandeling", "microneedling", start, start + 13)])
    assert memory.last_procedure == "microneedling"


@pytest.mark.parametrize(("text", "condition", "medication"), [
    ("mijn schoonmoeder heeft last van rosacea, is een massage bij jullie iets voor haar?", "rosacea", None),
    ("kan mijn vriend met zijn xarelto een gezichtsbehandeling krijgen", None, "bloedverdunners"),
])
def test_someone_elses_condition_counts_for_the_answer_about_that_person(text: str, condition: str | None,
                                                                        medication: str | None) -> None:
    facts, other = with_someone_elses(Facts(), text)
    assert other
    assert (condition in facts.conditions) if condition else (medication in facts.medication)


@pytest.mark.parametrize("text", [
    "mag mijn schoonmoeder eigenlijk gua sha doen?",
    "kan mijn dochter van 16 een peeling krijgen",
    "mijn vriendin heeft eczeem, mag zij een gezichtsmassage?",
])
def test_her_own_situation_does_not_decide_a_verdict_for_someone_else(text: str) -> None:
    own = Facts(conditions={"rosacea"}, medication={"bloedverdunners"}, last_procedure="laser",
                days_since_procedure=2.0, phase="reset", outside_knowledge={"zwanger"}, gp_agreed=True,
                told={"bloedverdunners"})
    facts, other = with_someone_elses(own, text)
    assert other, text
    assert facts.told == own.told  # what was said stays said
    assert (facts.medication, facts.last_procedure, facts.phase, facts.outside_knowledge, facts.gp_agreed) == (
        frozenset(), None, None, frozenset(), False), facts  # nothing of hers decides
    assert "rosacea" not in facts.conditions


@pytest.mark.parametrize("text", [
    "mag mijn zus samen met mij microneedling doen?",
    "kunnen mijn moeder en ik allebei een peeling krijgen?",
    "mijn vriend wil dat ik gua sha doe, mag dat?",  # not about him at all
])
def test_her_own_situation_still_counts_when_she_is_in_the_question(text: str) -> None:
    own = Facts(medication={"bloedverdunners"}, last_procedure="laser", days_since_procedure=2.0)
    facts, _ = with_someone_elses(own, text)
    assert "bloedverdunners" in facts.medication and facts.last_procedure == "laser", text


@pytest.mark.parametrize("text", [
    "mijn tante heeft rosacea, kan ik wel gewoon masseren?",  # asks for herself
    "mijn broer had vroeger eczeem maar ik zelf niet, is microneedling iets voor mij?",  # asks for herself
    "wat doet een gezichtsmassage",
])
def test_otherwise_only_her_own_facts_count(text: str) -> None:
    facts, other = with_someone_elses(Facts(), text)
    assert not other and not facts.conditions and not facts.medication


@pytest.mark.parametrize(("text", "procedure", "days"), [
    ("mijn vriendin heeft gisteren microneedling gehad, mag zij vandaag sporten?", "microneedling", 1.0),
    ("mijn moeder had vorige week een peeling. mag zij al masseren?", "chemische_peeling", 7.0),
])
def test_someone_elses_recent_procedure_joins_the_facts_for_this_answer_only(text, procedure, days) -> None:
    from bot.rules.facts import with_someone_elses
    from bot.rules.safety import Facts
    facts, someone_else = with_someone_elses(Facts(), text)
    assert someone_else and (facts.last_procedure, facts.days_since_procedure) == (procedure, days)
    # her own laser three days ago is hers: it does not decide whether her friend may
    theirs, _ = with_someone_elses(Facts(last_procedure="laser", days_since_procedure=3.0), text)
    assert (theirs.last_procedure, theirs.days_since_procedure) == (procedure, days)


@pytest.mark.parametrize(("text", "procedure"), [
    ("mag mijn nichtje microneedling laten doen?", None),  # asked about, not had
    ("kan mijn schoonzus een peeling krijgen bij jullie?", None),
    ("mag mijn zus na haar botox een massage?", "injectables"),  # "na haar": it took place
    ("mijn tante heeft een week geleden fillers laten zetten, kan zij al masseren?", "injectables"),
])
def test_someone_elses_treatment_counts_as_had_only_when_told_as_done(text: str, procedure: str | None) -> None:
    facts, _ = with_someone_elses(Facts(), text)
    assert facts.last_procedure == procedure, text


@pytest.mark.parametrize("text", ["ik weet niet wat ik moet kiezen, gua sha of microneedling",
                                  "ik twijfel tussen een peeling en lymfedrainage", "ik wil laser en microneedling vergelijken"])
def test_a_choice_between_treatments_is_no_treatment_she_had(text: str) -> None:
    memory = update_memory(Memory(), text, "na_peeling", [])
    assert memory.last_procedure is None, text


@pytest.mark.parametrize("text", ["microneedling of een peeling, wat past beter bij mij?", "een lymfedrainage of de laser?"])
def test_treatments_with_or_between_are_a_choice(text: str) -> None:
    assert update_memory(Memory(), text, "na_peeling", []).last_procedure is None, text


def test_treatments_with_or_between_told_in_the_past_were_had() -> None:
    memory = update_memory(Memory(), "ik had vorige week een peeling of laser, weet ik niet meer", "na_peeling", [])
    assert memory.last_procedure is not None


@pytest.mark.parametrize(("follow_up", "procedure"), [
    ("en na een peeling?", "chemische_peeling"),
    ("En na fillers dan?", "injectables"),
    ("en na mijn laserbehandeling", "laser"),
])
def test_and_after_another_treatment_is_the_same_question_after_that_one(follow_up: str, procedure: str) -> None:
    first = update_memory(Memory(), "mag ik microneedling na botox?", "medische_situatie", [])
    assert first.asked_treatment == "microneedling"
    then = update_memory(first, follow_up, "na_peeling", [])
    assert (then.asked_treatment, then.last_procedure) == ("microneedling", procedure), then


def test_and_another_treatment_is_still_asked_not_had() -> None:
    first = update_memory(Memory(), "mag ik microneedling?", "medische_situatie", [])
    then = update_memory(first, "en een peeling?", "medische_situatie", [])
    assert (then.asked_treatment, then.last_procedure) == ("chemische_peeling", None), then
