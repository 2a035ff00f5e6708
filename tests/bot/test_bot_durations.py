"""parse_days: Dutch time expressions to days; None instead of a guess."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.rules.durations import parse_days

K = load_knowledge()


@pytest.mark.parametrize(("text", "days"), [
    ("gisteren", 1), ("eergisteren", 2), ("vandaag", 0), ("vanochtend", 0), ("gisteravond", 1),
    ("vorige week", 7), ("twee weken geleden", 14), ("anderhalve week", 10.5), ("10 dagen", 10),
    ("een maand of twee", 60), ("3 wkn", 21), ("3 wkn.", 21), ("een paar dagen", 3), ("een week of drie", 21),
    ("half jaar", 182), ("een half jaar", 182), ("10dgn", 10), ("14 d", 14), ("1 dag", 1), ("5 dagjes", 5),
    ("2 wk", 14), ("een weekje", 7), ("drie mnd", 90), ("2 mndn", 60), ("een maand", 30), ("4 maanden", 120),
    ("1 jaar", 365), ("vorig jaar", 365), ("vorige maand", 30), ("veertien dagen", 14), ("twintig dagen", 20),
    ("dertig dagen", 30), ("Eén week", 7), ("ongeveer 1,5 maand geleden", 45), ("1.5 week", 10.5),
    ("twee en een halve week", 17.5), ("een dag of tien", 10), ("een jaar of 2", 730), ("paar dagen", 3),
    ("zo'n drie weken terug", 21), ("ruim een week", 7), ("Ik had 2 weken geleden een peeling", 14),
    ("3 uur geleden", 0.125), ("Drie Weken Geleden!", 21),
])
def test_examples(text: str, days: float) -> None:
    assert parse_days(text) == pytest.approx(days)


@pytest.mark.parametrize(("text", "days"), [("2-3 weken", 14), ("twee à drie weken", 14), ("2 tot 3 weken", 14),
                                            ("een of twee maanden", 30), ("3 of 2 weken", 14)])
def test_ranges_give_the_lower_bound(text: str, days: float) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", [
    "", "   ", "3", "twee", "weken", "blabla", "lang geleden", "een tijdje terug", "even geleden",
    "over twee weken", "bijna twee weken", "nog geen week", "minder dan 3 weken", "morgen",
    "volgende week", "vorige week dinsdag", "sinds maandag", "op 3 maart", "afgelopen weekend",
    "2 weken geleden een peeling en gisteren laser",
])
def test_unparseable_or_ambiguous_gives_none(text: str) -> None:
    assert parse_days(text) is None


def test_same_value_twice_is_fine() -> None:
    assert parse_days("2 weken, ja echt 2 weken") == 14


@pytest.mark.parametrize("unit", [u for eenheid in K.taal.tijd.eenheden for u in eenheid.woorden])
def test_every_unit_word(unit: str) -> None:
    per = next(e.dagen for e in K.taal.tijd.eenheden if unit in e.woorden)
    assert parse_days(f"3 {unit}") == pytest.approx(3 * per)


@pytest.mark.parametrize(("word", "value"), list(K.taal.tijd.getallen.items()))
def test_every_number_word(word: str, value: float) -> None:
    assert parse_days(f"{word} weken") == pytest.approx(value * 7)


def test_words_come_from_taal_yml(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "taal.yml", lambda d: d["tijd"]["vaste_uitdrukkingen"].__setitem__("laatst", 4))
    assert parse_days("laatst", knowledge=load_knowledge(kdir)) == 4
    assert parse_days("laatst") is None


@settings(max_examples=100, deadline=None, database=None)
@given(st.integers(min_value=0, max_value=99), st.sampled_from([("dagen", 1), ("weken", 7), ("maanden", 30)]))
def test_digits_with_units(n: int, unit: tuple[str, int]) -> None:
    assert parse_days(f"{n} {unit[0]} geleden") == n * unit[1]


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(max_size=60))
def test_never_raises_and_never_negative(text: str) -> None:
    result = parse_days(text)
    assert result is None or result >= 0


@pytest.mark.parametrize(("text", "days"), [
    ("ik heb net fillers laten zetten", 0.0),
    ("heb daarnet een peeling gehad", 0.0),
    ("ik kom zopas van de laser", 0.0),
    ("net drie dagen geleden", 3.0),  # another time said: that one
    ("vorige week, net na mijn verjaardag", 7.0),
])
def test_just_now_is_today_unless_another_time_is_said(text: str, days: float) -> None:
    assert parse_days(text) == days
