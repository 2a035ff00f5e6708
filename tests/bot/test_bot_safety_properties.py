"""Safety invariants, checked with hypothesis over all combinations of facts."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.rules.safety import Facts, check_request, contraindications_for
from bot.rules.safety import VerdictLevel as L

K = load_knowledge()
C = K.contract
MASSAGE = set(K.contra.verzoekgroepen["massage"])
INTENSIVE = set(K.contra.verzoekgroepen["intensief"])
SETTINGS = settings(max_examples=100, deadline=None, database=None)

days = st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False))
facts_strategy = st.builds(
    Facts,
    conditions=st.frozensets(st.sampled_from(C.aandoening), max_size=4),
    medication=st.sampled_from([frozenset(), frozenset(C.medicatie)]),
    last_procedure=st.one_of(st.none(), st.sampled_from(C.ingreep)),
    days_since_procedure=days,
    phase=st.one_of(st.none(), st.sampled_from(C.fase)),
)
requests = st.sampled_from(C.verzoeken)


@SETTINGS
@given(facts_strategy, requests, st.sampled_from(["trombose", "auto_immuunziekte", "bloedverdunners"]))
def test_medical_facts_never_allowed(facts: Facts, asked: str, medical: str) -> None:
    if medical == "bloedverdunners":
        facts = dataclasses.replace(facts, medication=facts.medication | {medical})
    else:
        facts = dataclasses.replace(facts, conditions=facts.conditions | {medical})
    result = check_request(facts, asked)
    assert result.level is not L.TOEGESTAAN
    assert result.level is L.HUISARTS_EERST
    assert medical in result.contraindications


@SETTINGS
@given(facts_strategy, st.sampled_from(sorted(MASSAGE | INTENSIVE)),
       st.sampled_from(["chemische_peeling", "laser", "injectables"]),
       st.floats(min_value=0, max_value=13.999, allow_nan=False))
def test_recent_peel_laser_injectables_never_allowed(facts: Facts, asked: str, procedure: str, days: float) -> None:
    facts = dataclasses.replace(facts, last_procedure=procedure, days_since_procedure=days)
    result = check_request(facts, asked)
    assert result.level is not L.TOEGESTAAN
    assert result.level >= L.WACHT
    assert "recente_ingreep" in result.contraindications


def _add_fact(facts: Facts, draw) -> Facts:
    """One more fact: a condition, a medication, a procedure where none was known, or a
    phase where none was known (reset/activate/radiance: knowing repair or sustain is
    information that may lift the 'phase unknown' caution, by design)."""
    kind = draw(st.sampled_from(["aandoening", "medicatie", "ingreep", "fase"]))
    if kind == "aandoening":
        return dataclasses.replace(facts, conditions=facts.conditions | {draw(st.sampled_from(C.aandoening))})
    if kind == "medicatie":
        return dataclasses.replace(facts, medication=facts.medication | {draw(st.sampled_from(C.medicatie))})
    if kind == "ingreep" and facts.last_procedure is None:
        return dataclasses.replace(facts, last_procedure=draw(st.sampled_from(C.ingreep)))
    if kind == "fase" and facts.phase is None:
        return dataclasses.replace(facts, phase=draw(st.sampled_from(["reset", "activate", "radiance"])))
    return facts


@SETTINGS
@given(facts_strategy, requests, st.data())
def test_adding_a_fact_never_lowers_the_verdict(facts: Facts, asked: str, data) -> None:
    more = _add_fact(facts, data.draw)
    before, after = check_request(facts, asked), check_request(more, asked)
    assert after.level >= before.level
    assert set(after.contraindications) >= set(before.contraindications)
    assert set(contraindications_for(more)) >= set(contraindications_for(facts))


@SETTINGS
@given(facts_strategy, requests, st.floats(min_value=0, max_value=200, allow_nan=False),
       st.floats(min_value=0, max_value=200, allow_nan=False))
def test_more_days_since_a_procedure_never_stricter(facts: Facts, asked: str, a: float, b: float) -> None:
    early, late = sorted((a, b))
    at = lambda d: check_request(dataclasses.replace(facts, days_since_procedure=d), asked)  # noqa: E731
    assert at(early).level >= at(late).level


@SETTINGS
@given(facts_strategy, requests)
def test_verdict_shape(facts: Facts, asked: str) -> None:
    result = check_request(facts, asked)
    ids = result.contraindications
    assert list(ids) == sorted(set(ids))
    assert set(ids) <= set(C.contra_indicatie)
    assert len(result.reasons) == len(ids) == len(result.levels)
    assert (result.level is L.TOEGESTAAN) == (ids == ())
    assert result.level == max(result.levels, default=L.TOEGESTAAN)
    assert set(result.sources) <= set(K.bronnen) and list(result.sources) == sorted(set(result.sources))
    if result.level is L.WACHT:
        assert result.wait_days is not None and result.wait_days >= 1
    else:
        assert result.wait_days is None
    assert all("{" not in r for r in result.reasons + result.alternatives)
    from_facts = set(contraindications_for(facts))
    assert set(ids) - {"intensief_buiten_fase"} <= from_facts
