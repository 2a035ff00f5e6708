"""Spelling tolerance of the safety scan: misspelt terms are found, ordinary Dutch
words and negated / someone else's / planned mentions never become a fact."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from bot.knowledge import load_knowledge
from bot.rules.negation import scan_facts
from bot.rules.spelling import WordCorrector, WordListMissing, _prefix_distance, dutch_words, is_dutch_word, max_edits
from bot.textnorm import fold

K = load_knowledge()
SETTINGS = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


def _terms() -> list[tuple[str, str, str]]:
    """(category, value, single-word term without '*') for every term."""
    out = []
    for category in ("aandoening", "medicatie", "behandeling"):
        for value, terms in getattr(K.synoniemen, category).items():
            for term in terms:
                out.append((category, value, fold(term.rstrip("*"))))
    return out


# Terms ending in "*" ("dermapen*") take any ending: "dermapetitis" is one edit from such a term's beginning.
PREFIXED = frozenset(fold(t.rstrip("*")) for c in ("aandoening", "medicatie", "behandeling")
                     for terms in getattr(K.synoniemen, c).values() for t in terms if t.endswith("*"))


def _distance(word: str, term: str) -> int:
    """The distance the spelling lexicon measures: to the term's beginning for a "*" term."""
    whole, k = OSA.distance(word, term), max_edits(len(term))
    start = _prefix_distance(word, term, k) if term in PREFIXED else k + 1
    return start if start <= k and start < whole else whole


TERMS = _terms()
SINGLE = [(c, v, t) for c, v, t in TERMS if re.fullmatch(r"[a-z]+", t)]
LONG = [(c, v, t) for c, v, t in SINGLE if max_edits(len(t)) > 0]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
EXACT = {t for _, _, t in SINGLE}
# Loan words listed as never a misspelt term ("feeling" is not "peeling"): not a misspelling either.
ORDINARY = frozenset(fold(w) for w in K.synoniemen.gewone_woorden)


def _edit(word: str, kind: int, pos: int, letter: str) -> str:
    pos %= len(word) if kind != 1 else len(word) + 1
    if kind == 0:  # substitute
        return word[:pos] + letter + word[pos + 1:]
    if kind == 1:  # insert
        return word[:pos] + letter + word[pos:]
    if kind == 2:  # delete
        return word[:pos] + word[pos + 1:]
    pos = min(pos, len(word) - 2)  # swap neighbours
    return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]


@st.composite
def misspelt(draw: st.DrawFn, pool: list[tuple[str, str, str]] = LONG) -> tuple[str, str, str]:
    """(category, value, misspelling) with as many edits as the term's length allows."""
    category, value, term = draw(st.sampled_from(pool))
    word = term
    for _ in range(max_edits(len(term))):
        word = _edit(word, draw(st.integers(0, 3)), draw(st.integers(0, 40)), draw(st.sampled_from(LETTERS)))
    assume(len(word) >= 6 and word != term and word not in EXACT | ORDINARY and not is_dutch_word(word))
    # the misspelling must not be at least as close to a term of another value
    d = OSA.distance(word, term)
    assume(d <= max_edits(len(term)))
    assume(not any(v != value and _distance(word, t) <= d for _, v, t in SINGLE))
    return category, value, word


def test_tolerance_by_length() -> None:
    assert [max_edits(n) for n in (3, 5, 6, 9, 10, 16)] == [0, 0, 1, 1, 2, 2]


def test_word_list_is_debians_dutch_list_and_missing_fails_loudly(tmp_path) -> None:
    words = dutch_words()
    assert len(words) > 100_000 and {"trombone", "peeling", "filters", "later", "lader"} <= words
    with pytest.raises(WordListMissing, match="wdutch"):
        dutch_words(tmp_path / "nope")


@SETTINGS
@given(misspelt())
def test_a_misspelt_term_in_an_own_sentence_is_found(case: tuple[str, str, str]) -> None:
    _, value, word = case
    found = scan_facts(f"ik heb {word} gehad")
    assert value in found.stated, word


NEGATED = ["ik heb geen {t}", "ik heb nog nooit {t} gehad", "nooit {t} gehad", "{t}? nee", "{t}: neen hoor",
           "zonder {t}", "{t} heb ik niet", "{t} heb ik niet meer", "ik heb niet meer {t}", "{t}, die heb ik niet",
           "geen {t} of zo"]
OTHER = ["mijn vader heeft {t}", "mijn vriendin heeft {t}", "m'n schoonmoeder had {t}", "een collega van me heeft {t}",
         "mijn man heeft vorig jaar {t} gehad", "{t} zit bij ons in de familie", "hij heeft {t}"]
PLAN = ["ik wil binnenkort {t}", "ik denk aan {t}", "ik overweeg {t}", "volgende maand {t}", "ik zou graag {t} willen",
        "mag ik {t}?", "ik twijfel over {t}", "ik heb een afspraak voor {t}"]


def _any_term(pool: list[tuple[str, str, str]]):
    exact = st.sampled_from(pool)
    return st.one_of(exact, misspelt([p for p in pool if p in LONG] or LONG))


@SETTINGS
@given(_any_term(TERMS), st.sampled_from(NEGATED))
def test_b_negated_terms_never_become_a_fact(case: tuple[str, str, str], template: str) -> None:
    _, value, word = case
    found = scan_facts(template.format(t=word))
    assert value not in found.stated, template.format(t=word)


@SETTINGS
@given(_any_term(TERMS), st.sampled_from(OTHER))
def test_b_someone_elses_terms_never_become_a_fact(case: tuple[str, str, str], template: str) -> None:
    _, value, word = case
    assert value not in scan_facts(template.format(t=word)).stated, template.format(t=word)


PROCEDURES = [t for t in TERMS if t[0] == "behandeling"]


@SETTINGS
@given(_any_term(PROCEDURES), st.sampled_from(PLAN))
def test_b_planned_treatments_are_asked_not_had(case: tuple[str, str, str], template: str) -> None:
    _, value, word = case
    found = scan_facts(template.format(t=word))
    assert value not in found.stated and value in found.planned, template.format(t=word)


_ORDINARY = sorted(w for w in dutch_words() if w.isalpha() and len(w) >= 4)


@SETTINGS
@given(st.sampled_from(_ORDINARY))
def test_c_ordinary_dutch_words_are_never_corrected(word: str) -> None:
    found = scan_facts(f"ik heb {word}")
    assert not any(m.fuzzy for m in found.mentions), word


@pytest.mark.parametrize("word", ["trombone", "peeling", "filters", "later", "lader", "lasser", "eczemen",
                                  "stolpen", "wondere", "herpen", "reumatiek", "lasagne", "feeling", "spelling", "healing"])
def test_close_ordinary_words_stay_themselves(word: str) -> None:
    assert not any(m.fuzzy for m in scan_facts(f"ik heb {word}").mentions)


@pytest.mark.parametrize(("text", "value"), [
    ("ik gebruik bloedverdunnners", "bloedverdunners"),
    ("ik slik bloedverduners sinds mijn operatie", "bloedverdunners"),
    ("ik neem elke ochtend acenocoumarool", "bloedverdunners"),
    ("mijn huisarts gaf me apixabam", "bloedverdunners"),
    ("ik spuit mezelf fraxiparien", "bloedverdunners"),
    ("ik zit aan de clopidogreel", "bloedverdunners"),
    ("ik slik ascal cardio", "bloedverdunners"),
    ("ik neem een aspirientje per dag voor mijn hart", "bloedverdunners"),
    ("ik gebruik een plaatjesremmer", "bloedverdunners"),
    ("sinds mijn stent slik ik brillique", "bloedverdunners"),
    ("ik heb last van psoriasus op mijn ellebogen", "psoriasis"),
    ("ik heb ekseem op mijn wangen", "eczeem"),
    ("couperosse rond mijn neus", "couperose"),
    ("ik had een bloedklonter in mijn been", "trombose"),
    ("een koortsblaasje op mijn lip", "actieve_infectie"),
    ("ik heb een open wonde op mijn kin", "open_wond"),
    ("gisteren microneedeling gehad", "microneedling"),
    ("ik kreeg vorige week een glycolpeling", "chemische_peeling"),
    ("ik heb vorig jaar trombosse gehad", "trombose"),
])
def test_own_misspelt_and_flemish_facts(text: str, value: str) -> None:
    assert value in scan_facts(text).stated


def test_misspelt_mention_keeps_its_offsets() -> None:
    text = "Ik gebruik Bloedverdunnners."
    mention = scan_facts(text).mentions[0]
    assert mention.fuzzy and text[mention.start:mention.end] == "Bloedverdunnners"


@pytest.mark.parametrize(("token", "stem"), [("ascaaltje", "ascal"), ("ascalletje", "ascal"),
                                             ("sintrommetje", "sintrom"), ("laserbehandelingetje", "laserbehandeling")])
def test_a_diminutive_gives_the_word_it_comes_from(token: str, stem: str) -> None:
    from bot.rules.spelling import diminutive_stems
    assert stem in diminutive_stems(token)


def test_a_word_that_is_no_diminutive_gives_no_stems() -> None:
    from bot.rules.spelling import diminutive_stems
    assert diminutive_stems("marcoumar") == [] and diminutive_stems("tje") == []


def test_word_corrector_reads_typos_as_vocabulary_words() -> None:
    corrector = WordCorrector({"wallen": 40, "puistjes": 30, "puisjes": 1, "gezichtsmassage": 20,
                               "microneedling": 25, "microneedeling": 1, "mikroneedling": 1})
    assert corrector.correct("wlalen en puisjtes") == "wallen en puistjes"  # the word used most wins a tie
    assert corrector.correct("een gezichtsmasage") == "een gezichtsmassage"  # 2 edits from 10 letters on
    assert corrector.correct("microneedlinng") == "microneedling"
    # kept: short words, ordinary Dutch words, words close to nothing, vocabulary words
    assert corrector.correct("walen") == "walen"
    assert corrector.correct("wallet vallen") == "wallet vallen"
    assert corrector.correct("asdfghjkl") == "asdfghjkl"
    assert corrector.correct("mikroneedling") == "mikroneedling"


def test_word_corrector_keeps_a_word_two_vocabulary_words_are_equally_close_to() -> None:
    assert WordCorrector({"wallen": 3, "wolken": 3}).correct("wolen") == "wolen"  # too short
    assert WordCorrector({"kaakje": 3, "kaakjes": 3}).correct("kaakjse") == "kaakjse"
