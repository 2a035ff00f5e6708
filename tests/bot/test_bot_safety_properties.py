"""Safety invariants, checked with hypothesis over all combinations of facts."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.safety import Facts, VerdictLevel as L, check_request, contraindications_for

K = load_knowledge()
C = K.contract
MASSAGE = set(K.contra.verzoekgroepen["massage"])
INTENSIVE = set(K.contra.verzoekgroepen["intensief"])
SETTINGS = settings(max_examples=100, deadline=None, database=None)

days = st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False))
facts_strategy = st.builds(
    Facts,
    aandoeningen=st.frozensets(st.sampled_from(C.aandoening), max_size=4),
    medicatie=st.sampled_from([frozenset(), frozenset(C.medicatie)]),
    laatste_behandeling=st.one_of(st.none(), st.sampled_from(C.ingreep)),
    dagen_sinds_behandeling=days,
    fase=st.one_of(st.none(), st.sampled_from(C.fase)),
)
verzoeken = st.sampled_from(C.verzoeken)


@SETTINGS
@given(facts_strategy, verzoeken, st.sampled_from(["trombose", "auto_immuunziekte", "bloedverdunners"]))
def test_medical_facts_never_allowed(facts: Facts, verzoek: str, medical: str) -> None:
    if medical == "bloedverdunners":
        facts = dataclasses.replace(facts, medicatie=facts.medicatie | {medical})
    else:
        facts = dataclasses.replace(facts, aandoeningen=facts.aandoeningen | {medical})
    result = check_request(facts, verzoek)
    assert result.level is not L.TOEGESTAAN
    assert result.level is L.HUISARTS_EERST
    assert medical in result.contra_indicaties


@SETTINGS
@given(facts_strategy, st.sampled_from(sorted(MASSAGE | INTENSIVE)),
       st.sampled_from(["chemische_peeling", "laser", "injectables"]),
       st.floats(min_value=0, max_value=13.999, allow_nan=False))
def test_recent_peel_laser_injectables_never_allowed(facts: Facts, verzoek: str, ingreep: str, dagen: float) -> None:
    facts = dataclasses.replace(facts, laatste_behandeling=ingreep, dagen_sinds_behandeling=dagen)
    result = check_request(facts, verzoek)
    assert result.level is not L.TOEGESTAAN
    assert result.level >= L.WACHT
    assert "recente_ingreep" in result.contra_indicaties


def _add_fact(facts: Facts, draw) -> Facts:
    """One more fact: a condition, a medication, a procedure where none was known, or a
    phase where none was known (reset/activate/radiance: knowing repair or sustain is
    information that may lift the 'phase unknown' caution, by design)."""
    kind = draw(st.sampled_from(["aandoening", "medicatie", "ingreep", "fase"]))
    if kind == "aandoening":
        return dataclasses.replace(facts, aandoeningen=facts.aandoeningen | {draw(st.sampled_from(C.aandoening))})
    if kind == "medicatie":
        return dataclasses.replace(facts, medicatie=facts.medicatie | {draw(st.sampled_from(C.medicatie))})
    if kind == "ingreep" and facts.laatste_behandeling is None:
        return dataclasses.replace(facts, laatste_behandeling=draw(st.sampled_from(C.ingreep)))
    if kind == "fase" and facts.fase is None:
        return dataclasses.replace(facts, fase=draw(st.sampled_from(["reset", "activate", "radiance"])))
    return facts


@SETTINGS
@given(facts_strategy, verzoeken, st.data())
def test_adding_a_fact_never_lowers_the_verdict(facts: Facts, verzoek: str, data) -> None:
    more = _add_fact(facts, data.draw)
    before, after = check_request(facts, verzoek), check_request(more, verzoek)
    assert after.level >= before.level
    assert set(after.contra_indicaties) >= set(before.contra_indicaties)
    assert set(contraindications_for(more)) >= set(contraindications_for(facts))


@SETTINGS
@given(facts_strategy, verzoeken, st.floats(min_value=0, max_value=200, allow_nan=False),
       st.floats(min_value=0, max_value=200, allow_nan=False))
def test_more_days_since_a_procedure_never_stricter(facts: Facts, verzoek: str, a: float, b: float) -> None:
    early, late = sorted((a, b))
    at = lambda d: check_request(dataclasses.replace(facts, dagen_sinds_behandeling=d), verzoek)  # noqa: E731
    assert at(early).level >= at(late).level


@SETTINGS
@given(facts_strategy, verzoeken)
def test_verdict_shape(facts: Facts, verzoek: str) -> None:
    result = check_request(facts, verzoek)
    ids = result.contra_indicaties
    assert list(ids) == sorted(set(ids))
    assert set(ids) <= set(C.contra_indicatie)
    assert len(result.redenen) == len(ids) == len(result.niveaus)
    assert (result.level is L.TOEGESTAAN) == (ids == ())
    assert result.level == max(result.niveaus, default=L.TOEGESTAAN)
    assert set(result.bronnen) <= set(K.bronnen) and list(result.bronnen) == sorted(set(result.bronnen))
    if result.level is L.WACHT:
        assert result.dagen_te_wachten is not None and result.dagen_te_wachten >= 1
    else:
        assert result.dagen_te_wachten is None
    assert all("{" not in r for r in result.redenen + result.alternatieven)
    from_facts = set(contraindications_for(facts))
    assert set(ids) - {"intensief_buiten_fase"} <= from_facts
