"""scan_facts / is_negated: a negated condition is never a contraindication, a stated
one is never missed."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.rules.negation import FactMentions, is_negated, scan_facts

K = load_knowledge()


def facts(text: str) -> tuple[set[str], set[str]]:
    found = scan_facts(text)
    return set(found.stated), set(found.negated)


@pytest.mark.parametrize(("text", "stated", "negated"), [
    ("ik gebruik geen bloedverdunners", set(), {"bloedverdunners"}),
    ("geen eczeem meer", set(), {"eczeem"}),
    ("nooit trombose gehad", set(), {"trombose"}),
    ("Ik heb nooit last gehad van trombose", set(), {"trombose"}),
    ("ik heb geen last van rosacea", set(), {"rosacea"}),
    ("ik gebruik niet meer de sintrom", set(), {"bloedverdunners"}),
    ("ik ben gestopt met de xarelto", set(), {"bloedverdunners"}),
    ("zonder bloedverdunners", set(), {"bloedverdunners"}),
    ("bloedverdunners gebruik ik niet", set(), {"bloedverdunners"}),
    ("trombose heb ik nooit gehad", set(), {"trombose"}),
    ("mijn eczeem is weg", set(), {"eczeem"}),
    ("eczeem heb ik niet meer", set(), {"eczeem"}),
    ("ik heb geen eczeem of psoriasis", set(), {"eczeem", "psoriasis"}),
    ("ik heb gelukkig geen enkele bloedverdunner", set(), {"bloedverdunners"}),
    ("Ik gebruik sintrom", {"bloedverdunners"}, set()),
    ("ik slik al jaren acenocoumarol", {"bloedverdunners"}, set()),
    ("ik heb eczeem", {"eczeem"}, set()),
    ("ik heb geen eczeem maar wel psoriasis", {"psoriasis"}, {"eczeem"}),
    ("ik heb eczeem en geen psoriasis", {"eczeem"}, {"psoriasis"}),
    ("geen eczeem, wel couperose", {"couperose"}, {"eczeem"}),
    ("Eén keer trombose gehad maar geen bloedverdunners meer", {"trombose"}, {"bloedverdunners"}),
    ("ik gebruik geen bloedverdunners en heb trombose gehad", {"trombose"}, {"bloedverdunners"}),
])
def test_examples(text: str, stated: set[str], negated: set[str]) -> None:
    assert facts(text) == (stated, negated)


@pytest.mark.parametrize("text", [
    "ik weet niet of ik eczeem heb",      # doubt is not a negation
    "geen idee of het eczeem is",
    "mijn eczeem is niet weg",
    "ik heb niet alleen eczeem",
    "de psoriasis niet",                  # elliptic: no verb, so not a negation
    "ik heb rosacea niet zo erg",
    "vroeger had ik eczeem",              # the past still counts: safety first
    "ik heb eczeem, niet op mijn wangen",
    "ik stop volgende week met sintrom",
    "Heb ik eczeem? Nee, toch wel eczeem",
])
def test_doubtful_mentions_count_as_stated(text: str) -> None:
    stated, negated = facts(text)
    assert stated and not negated


def test_both_stated_and_negated_counts_as_stated() -> None:
    found = scan_facts("ik heb geen eczeem. Of toch wel, eczeem op mijn arm")
    assert found.stated == {"eczeem"} and found.negated == frozenset()
    assert [m.negated for m in found.mentions] == [True, False]


@pytest.mark.parametrize(("text", "value"), [
    ("ik gebruik marcoumar", "bloedverdunners"), ("ik slik Xarelto", "bloedverdunners"),
    ("ik neem eliquis", "bloedverdunners"), ("ik zit op antistolling", "bloedverdunners"),
    ("ik gebruik een bloedverdunner", "bloedverdunners"), ("ik ben bij de trombosedienst", "bloedverdunners"),
    ("ik heb botox laten zetten", "injectables"), ("fillers in mijn lippen", "injectables"),
    ("ik had een peeling", "chemische_peeling"), ("gelaserd vorige week", "laser"),
    ("laserbehandeling gehad", "laser"), ("met een dermaroller gewerkt", "microneedling"),
    ("micro-needling", "microneedling"), ("ik heb een auto-immuunziekte", "auto_immuunziekte"),
    ("ik heb een auto immuunziekte", "auto_immuunziekte"), ("ik heb lupus", "auto_immuunziekte"),
    ("ik heb couperose", "couperose"), ("gesprongen adertjes op mijn wangen", "couperose"),
    ("ik heb thrombose gehad", "trombose"), ("ik heb een huidinfectie", "actieve_infectie"),
    ("ik heb een koortslip", "actieve_infectie"), ("een open wond op mijn kin", "open_wond"),
    ("ik heb een wondje", "open_wond"), ("ik heb ekzeem", "eczeem"), ("psoriasisplekken", "psoriasis"),
    ("rosacia", "rosacea"),
])
def test_synonyms_misspellings_and_brands(text: str, value: str) -> None:
    assert value in scan_facts(text).stated


@pytest.mark.parametrize("text", [
    "alles prikt en is rood", "ik heb wonderlijk genoeg niks", "hyaluronzuur serum",
    "wondgenezing gaat traag", "ik heb een blaasinfectie gehad", "",
])
def test_no_false_alarms(text: str) -> None:
    assert scan_facts(text) == FactMentions()


def _terms():
    for category in ("aandoening", "medicatie", "behandeling"):
        for value, terms in getattr(K.synoniemen, category).items():
            for term in terms:
                yield category, value, term.rstrip("*")


@pytest.mark.parametrize(("category", "value", "term"), list(_terms()))
def test_every_term_stated_and_negated(category: str, value: str, term: str) -> None:
    found = scan_facts(f"ik heb {term} gehad")
    assert value in found.stated
    assert value in {"aandoening": found.conditions, "medicatie": found.medication,
                     "behandeling": found.procedures}[category]
    assert value in scan_facts(f"ik heb geen {term} gehad").negated
    assert value in scan_facts(f"ik heb nooit {term} gehad").negated


def test_categories() -> None:
    found = scan_facts("ik heb eczeem, gebruik sintrom en had vorige week botox, maar geen trombose")
    assert found.conditions == {"eczeem"}
    assert found.medication == {"bloedverdunners"}
    assert found.procedures == {"injectables"}
    assert found.negated == {"trombose"}


def test_is_negated_on_spans() -> None:
    text = "Ik gebruik geen bloedverdunners, maar ik heb wel trombose."
    start = text.index("bloedverdunners")
    assert is_negated(text, start, start + len("bloedverdunners"))
    start = text.index("trombose")
    assert not is_negated(text, start, start + len("trombose"))
    assert not is_negated(text, 0, 0)


def test_is_negated_for_words_outside_the_lexicon() -> None:
    text = "ik heb geen diabetes"
    start = text.index("diabetes")
    assert is_negated(text, start, start + 8)
    assert not is_negated("ik heb diabetes", 7, 15)


def test_offsets_point_into_the_original_text() -> None:
    text = "Ééééh, ik slik Sintrom"
    mention = scan_facts(text).mentions[0]
    assert text[mention.start:mention.end] == "Sintrom"


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(max_size=80))
def test_never_raises_and_never_both(text: str) -> None:
    found = scan_facts(text)
    assert not (found.stated & found.negated)
    assert found.stated | found.negated <= set(K.contract.aandoening) | set(K.contract.medicatie) | set(K.contract.ingreep)


conditions = st.sampled_from([t for c, v, t in _terms() if c != "behandeling"])
prefixes = st.sampled_from(["", "Hoi! ", "Ik twijfel, ", "Mag ik masseren? "])


@settings(max_examples=100, deadline=None, database=None)
@given(prefixes, conditions)
def test_a_stated_condition_is_never_missed(prefix: str, term: str) -> None:
    found = scan_facts(f"{prefix}ik heb geen idee, maar ik heb wel {term}")
    assert found.stated and not found.negated


@settings(max_examples=100, deadline=None, database=None)
@given(prefixes, conditions, st.sampled_from(["geen", "nooit", "geen last van"]))
def test_a_negated_condition_never_becomes_a_fact(prefix: str, term: str, cue: str) -> None:
    found = scan_facts(f"{prefix}ik heb {cue} {term}")
    assert not found.stated and found.negated


@pytest.mark.parametrize(("text", "value"), [
    ("vroeger had ik last van eczeem maar nu niet meer", "eczeem"),
    ("ik heb psoriasis gehad, maar dat is al jaren over", "psoriasis"),
    ("ik nam vroeger ascal maar ik ben ermee gestopt", "bloedverdunners"),
    ("had rosacea maar dat is inmiddels genezen", "rosacea"),
    ("als tiener had ik psoriasis, nu al jaren niet meer", "psoriasis"),
    ("eczeem gehad toen ik klein was. nu nergens meer last van", "eczeem"),
    ("ooit trombose gehad, nu niet meer", "trombose"),
])
def test_a_condition_or_medication_that_is_over_is_not_stated(text: str, value: str) -> None:
    assert value not in scan_facts(text).stated, text


@pytest.mark.parametrize(("text", "value"), [
    ("mijn zus denkt dat ik rosacea heb maar dat klopt niet", "rosacea"),
    ("iedereen zegt psoriasis, maar dat is helemaal niet waar hoor", "psoriasis"),
    ("de kapster dacht dat ik eczeem had, maar de huisarts zegt van niet", "eczeem"),
    ("ze vroegen of ik marcoumar slik maar dat is niet zo", "bloedverdunners"),
    ("mijn man denkt dat ik rosacea heb maar da klopt ni", "rosacea"),
])
def test_a_mention_the_next_clause_denies_is_not_stated(text: str, value: str) -> None:
    found = scan_facts(text)
    assert value not in found.stated and value in found.negated, text

@pytest.mark.parametrize(("text", "value"), [
    ("eczeem heb ik trouwens niet", "eczeem"),
    ("bloedverdunners zijn het eigenlijk niet", "bloedverdunners"),
    ("psoriasis is het echt niet", "psoriasis"),
])
def test_a_negation_after_the_mention_with_a_filler_between(text: str, value: str) -> None:
    found = scan_facts(text)
    assert value not in found.stated and value in found.negated, text


@pytest.mark.parametrize(("text", "value"), [
    ("ik slik de marcoumar niet meer", "bloedverdunners"),
    ("ik gebruik eliquis niet", "bloedverdunners"),
    ("ik neem mijn plavix niet meer sinds twee weken", "bloedverdunners"),
    ("ik heb rosacea niet meer, al een paar jaar", "rosacea"),
    ("ik heb psoriasis niet meer sinds de zomer", "psoriasis"),
    ("ik nam ascal niet meer vanaf vorige maand", "bloedverdunners"),
])
def test_a_verb_before_the_mention_and_the_negation_after_it(text: str, value: str) -> None:
    found = scan_facts(text)
    assert value not in found.stated and value in found.negated, text


@pytest.mark.parametrize(("text", "value"), [
    ("ik slik sintrom nog niet zo lang", "bloedverdunners"),  # she does take it
    ("ik gebruik eliquis niet altijd", "bloedverdunners"),
    ("ik heb eczeem niet alleen op mijn handen", "eczeem"),
    ("eczeem heb ik niet enkel op mijn armen", "eczeem"),
    ("ik heb rosacea niet meer zo erg", "rosacea"),
    ("ik gebruik plavix niet meer sinds gisteren maar wel xarelto", "bloedverdunners"),
    ("ik neem sinds een maand xarelto", "bloedverdunners"),
])
def test_a_negation_after_the_verb_and_mention_that_does_not_end_it(text: str, value: str) -> None:
    assert value in scan_facts(text).stated, text



@pytest.mark.parametrize(("text", "value"), [
    ("ik heb eczeem maar dat is niet erg", "eczeem"),  # played down, not denied
    ("ik slik sintrom, maar dat klopt niet met mijn afspraak", "bloedverdunners"),
    ("ik heb rosacea maar niet waar je het ziet", "rosacea"),
    ("ik heb eczeem maar nu niet meer zo heftig", "eczeem"),  # still there
    ("ik slik xarelto maar vandaag even niet", "bloedverdunners"),  # a day off is no stop
    ("ik heb rosacea maar niet op mijn wangen", "rosacea"),
    ("ik had al eczeem, nu is het erger", "eczeem"),  # past, and still there
    ("ik heb psoriasis, nu niet in mijn gezicht", "psoriasis"),  # no past: elsewhere still
    ("vroeger had ik rosacea, nu weer", "rosacea"),
    ("ik gebruik sintrom, maar niet elke dag", "bloedverdunners"),
    ("geen trombose maar wel psoriasis", "psoriasis"),
])
def test_a_but_that_does_not_end_it_keeps_it_stated(text: str, value: str) -> None:
    assert value in scan_facts(text).stated, text


@pytest.mark.parametrize(("text", "value"), [
    ("ik neem elke ochtend zo'n ascaaltje", "bloedverdunners"),
    ("ik slik een ascalletje per dag", "bloedverdunners"),
    ("'s avonds nog een sintrommetje", "bloedverdunners"),
])
def test_a_medication_in_a_diminutive_is_found(text: str, value: str) -> None:
    assert value in scan_facts(text).stated, text


@pytest.mark.parametrize("text", ["ik neem elke avond een koekje", "nog een bakje koffie", "een pilletje tegen hoofdpijn"])
def test_ordinary_diminutives_name_nothing(text: str) -> None:
    assert not scan_facts(text).stated, text


@pytest.mark.parametrize(("text", "still"), [
    ("ik heb bloedverdunners gebruikt tot vorige maand, nu niet meer", False),
    ("vorig jaar xarelto geslikt. nu gelukkig niet meer", False),
    ("ik slikte eliquis, nu niet meer hoor", False),
    ("ik heb bloedverdunners gebruikt", True),  # used: no sign it stopped, so it counts
    ("ik heb sintrom geslikt, nu nog steeds", True),
])
def test_medication_used_before_and_now_not_any_more_is_over(text: str, still: bool) -> None:
    assert ("bloedverdunners" in scan_facts(text).stated) is still
