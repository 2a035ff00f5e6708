"""explain_verdict: short Dutch bubbles from the templates in teksten.yml."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.phrasing import MAX_SENTENCES, explain_verdict, sentence_count
from bot.safety import Facts, Verdict, VerdictLevel as L, check_request

K = load_knowledge()


def bubbles(verzoek: str, **facts) -> list[str]:
    return explain_verdict(check_request(Facts(**facts), verzoek), verzoek)


@pytest.mark.parametrize(("text", "count"), [
    ("", 0), ("Een zin.", 1), ("Een. Twee! Drie?", 3), ("Zonder punt", 1), ("Een. En nog wat", 2),
    ("Na 2.5 weken kan het.", 1),
])
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


def test_allowed() -> None:
    result = bubbles("gua_sha", fase="repair")
    assert result == [
        "Op basis van wat je me vertelt, zie ik geen bezwaar tegen gua sha.",
        "Twijfel je toch? Je schoonheidsspecialist of huidtherapeut kijkt graag met je mee.",
    ]


def test_wait_says_how_many_days() -> None:
    result = bubbles("gezichtsmassage", laatste_behandeling="chemische_peeling", dagen_sinds_behandeling=2)
    assert result[0] == "Met een gezichtsmassage wacht je nog even: over ongeveer 12 dagen kan het weer."
    assert "herstelperiode van 2 tot 6 weken" in result[1]
    assert result[-1] == "Volg altijd de aanwijzingen van je behandelaar."


def test_one_day_is_singular() -> None:
    result = bubbles("massage", laatste_behandeling="laser", dagen_sinds_behandeling=13)
    assert "over ongeveer 1 dag kan" in result[0]


def test_careful_not_now_and_gp_first() -> None:
    assert bubbles("massage", aandoeningen={"couperose"})[0] == "Massage kan, maar wel met extra zorg."
    assert bubbles("laser", fase="reset")[0] == "Een laserbehandeling raad ik je op dit moment af."
    gp = bubbles("microneedling", medicatie={"bloedverdunners"}, fase="repair")
    assert gp[0] == "Overleg eerst met je huisarts, voordat je aan microneedling begint."
    assert "bloedverdunners" in gp[1]


def test_strictest_reason_comes_first() -> None:
    result = bubbles("laser", aandoeningen={"couperose", "trombose"}, fase="repair")
    assert result[1].startswith("Bij trombose")


def test_wait_without_days_falls_back_to_not_now() -> None:
    result = explain_verdict(Verdict(level=L.WACHT), "massage")
    assert result == [K.teksten.oordeel["niet_nu"].kop.format(Verzoek="Massage")]


def test_unknown_request_is_refused() -> None:
    with pytest.raises(ValueError):
        explain_verdict(Verdict(level=L.TOEGESTAAN), "sauna")


def test_texts_come_from_the_templates(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "teksten.yml", lambda d: d["oordeel"]["toegestaan"].update(kop="Prima: {verzoek}.", slot="Tot ziens."))
    k = load_knowledge(kdir)
    assert explain_verdict(Verdict(level=L.TOEGESTAAN), "laser", knowledge=k) == ["Prima: een laserbehandeling.", "Tot ziens."]


@pytest.mark.parametrize("level", list(L))
def test_every_level_has_a_short_template(level: L) -> None:
    template = K.teksten.oordeel[level.value]
    assert sentence_count(template.kop) <= 2
    assert "{verzoek}" in template.kop or "{Verzoek}" in template.kop


def test_rule_texts_are_short() -> None:
    texts = []
    for regel in K.contra.regels:
        outcomes = [regel] + list(regel.vensters) + [regel.dagen_onbekend] + list((regel.per_fase or {}).values())
        texts += [t for o in outcomes if o is not None for t in (o.reden, o.alternatief) if t]
    assert len(texts) > 20
    for text in texts:
        assert 1 <= sentence_count(text) <= MAX_SENTENCES, text
        assert text[-1] in ".?!", text


facts_strategy = st.builds(
    Facts,
    aandoeningen=st.frozensets(st.sampled_from(K.contract.aandoening), max_size=5),
    medicatie=st.sampled_from([frozenset(), frozenset(K.contract.medicatie)]),
    laatste_behandeling=st.one_of(st.none(), st.sampled_from(K.contract.ingreep)),
    dagen_sinds_behandeling=st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
    fase=st.one_of(st.none(), st.sampled_from(K.contract.fase)),
)


@settings(max_examples=100, deadline=None, database=None)
@given(facts_strategy, st.sampled_from(K.contract.verzoeken))
def test_bubbles_are_short_and_complete(facts: Facts, verzoek: str) -> None:
    verdict = check_request(facts, verzoek)
    result = explain_verdict(verdict, verzoek)
    assert result and all(1 <= sentence_count(b) <= MAX_SENTENCES for b in result)
    assert all("{" not in b and "}" not in b for b in result)
    assert all(b[0].isupper() for b in result)
    joined = " ".join(result)
    assert all(r in joined for r in verdict.redenen)
    if verdict.level is L.WACHT:
        assert f"over ongeveer {verdict.dagen_te_wachten} " in result[0]
