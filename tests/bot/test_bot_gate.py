"""The one safety gate: a verdict, said once, in one bubble, from the templates in teksten.yml."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.replies.gate import MAX_REASONS, render_verdict, safety_gate, sentence_count
from bot.rules.safety import Facts, Verdict, check_request
from bot.rules.safety import VerdictLevel as L

K = load_knowledge()


def said(request: str, **facts) -> str:
    return render_verdict(check_request(Facts(**facts), request), request)


@pytest.mark.parametrize(("text", "count"), [
    ("", 0), ("Een zin.", 1), ("Een. Twee! Drie?", 3), ("Zonder punt", 1), ("Een. En nog wat", 2),
    ("Na 2.5 weken kan het.", 1),
])
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


def test_allowed_says_no_objection_only_when_asked() -> None:
    gate = safety_gate(Facts(phase="repair"), "gua_sha")
    assert gate.allowed and not gate.blocked and not gate.caution
    assert gate.warning is None
    assert gate.answer.text == ("Op basis van wat je me vertelt, zie ik geen bezwaar tegen gua sha. "
                                "Twijfel je toch? Je schoonheidsspecialist of huidtherapeut kijkt graag met je mee.")


def test_wait_says_how_many_days_why_and_what_instead() -> None:
    text = said("gezichtsmassage", last_procedure="chemische_peeling", days_since_procedure=2)
    assert text.startswith("Met een gezichtsmassage wacht je nog even: over ongeveer 12 dagen kan het weer.")
    assert "herstelperiode van 2 tot 6 weken" in text
    assert text.endswith("Volg altijd de aanwijzingen van je behandelaar.")


def test_one_day_is_singular() -> None:
    assert "over ongeveer 1 dag kan" in said("massage", last_procedure="laser", days_since_procedure=13)


def test_caution_is_one_bubble_without_a_block() -> None:
    gate = safety_gate(Facts(conditions={"couperose"}), "massage")
    assert gate.caution and not gate.blocked
    assert gate.warning is not None and gate.warning.text.startswith("Massage kan, maar wel met extra zorg.")
    assert "lichte druk" in gate.warning.text


def test_not_now_and_gp_first() -> None:
    assert said("laser", phase="reset").startswith("Een laserbehandeling raad ik je op dit moment af.")
    gate = safety_gate(Facts(medication={"bloedverdunners"}, phase="repair"), "microneedling")
    assert gate.blocked and gate.verdict.see == "huisarts"
    assert gate.warning is not None
    assert gate.warning.text.startswith("Overleg eerst met je huisarts, voordat je aan microneedling begint.")
    assert "bloedverdunners" in gate.warning.text


def test_strictest_reason_comes_first() -> None:
    text = said("laser", conditions={"couperose", "trombose"}, phase="repair")
    assert text.index("Bij trombose") < text.index("Bij couperose")


def test_wait_without_days_falls_back_to_not_now() -> None:
    assert render_verdict(Verdict(level=L.WACHT), "massage") == K.teksten.oordeel["niet_nu"].kop.format(Verzoek="Massage")


def test_unknown_request_is_refused() -> None:
    with pytest.raises(ValueError):
        render_verdict(Verdict(level=L.TOEGESTAAN), "sauna")


def test_texts_come_from_the_templates(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "teksten.yml", lambda d: d["oordeel"]["toegestaan"].update(kop="Prima: {verzoek}.", slot="Tot ziens."))
    k = load_knowledge(kdir)
    assert render_verdict(Verdict(level=L.TOEGESTAAN), "laser", knowledge=k) == "Prima: een laserbehandeling. Tot ziens."


@pytest.mark.parametrize("level", list(L))
def test_every_level_has_a_short_template(level: L) -> None:
    template = K.teksten.oordeel[level.value]
    assert sentence_count(template.kop) <= 2
    assert "{verzoek}" in template.kop or "{Verzoek}" in template.kop


def test_rule_texts_are_short() -> None:
    texts = []
    for rule in K.contra.regels:
        outcomes = [rule] + list(rule.vensters) + [rule.dagen_onbekend] + list((rule.per_fase or {}).values())
        texts += [t for o in outcomes if o is not None for t in (o.reden, o.alternatief) if t]
    assert len(texts) > 20
    for text in texts:
        assert 1 <= sentence_count(text) <= 3, text
        assert text[-1] in ".?!", text


facts_strategy = st.builds(
    Facts,
    conditions=st.frozensets(st.sampled_from(K.contract.aandoening), max_size=5),
    medication=st.sampled_from([frozenset(), frozenset(K.contract.medicatie)]),
    last_procedure=st.one_of(st.none(), st.sampled_from(K.contract.ingreep)),
    days_since_procedure=st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
    phase=st.one_of(st.none(), st.sampled_from(K.contract.fase)),
)


@settings(max_examples=150, deadline=None, database=None)
@given(facts_strategy, st.sampled_from(K.contract.verzoeken))
def test_a_warning_is_one_bubble_said_once(facts: Facts, request: str) -> None:
    gate = safety_gate(facts, request)
    verdict = gate.verdict
    assert (gate.warning is None) == (verdict.level is L.TOEGESTAAN)
    text = gate.answer.text
    assert "{" not in text and "}" not in text and text[0].isupper()
    strictest = verdict.reasons_strictest_first()
    for reason in strictest[:MAX_REASONS]:
        assert text.count(reason) == 1, reason  # said, and said once
    assert sum(text.count(r) for r in strictest[MAX_REASONS:]) == 0
    if verdict.blocked and verdict.alternatives:
        assert verdict.alternatives[0] in text
    if verdict.level is L.WACHT:
        assert f"over ongeveer {verdict.wait_days} " in text


def test_a_reason_she_already_heard_is_not_said_again_the_verdict_is() -> None:
    facts = Facts(medication={"bloedverdunners"})
    first = safety_gate(facts, "gezichtsmassage").text
    reason = check_request(facts, "microneedling").reasons_strictest_first()[0]
    assert reason in first
    later = safety_gate(Facts(medication={"bloedverdunners"}, phase="repair", told={"Hallo!", first}),
                        "microneedling").text
    assert later.startswith(K.teksten.oordeel["huisarts_eerst"].kop.format(verzoek="microneedling"))
    assert reason not in later and K.teksten.al_gezegd in later
    again = safety_gate(Facts(medication={"bloedverdunners"}, told={first, later}), "gua_sha").text
    assert again.count(K.teksten.al_gezegd) == 1 and "gua sha" in again
    # microneedling with the phase unknown has a second reason she has not heard: a reminder of the
    # one she heard, then the new one
    other = safety_gate(Facts(medication={"bloedverdunners"}, told={first}), "microneedling").text
    assert reason not in other and "Repair of Sustain" in other and K.teksten.al_gezegd not in other
    assert other.index(K.teksten.al_gezegd_deels) < other.index("Repair of Sustain")


def test_a_new_reason_is_said_beside_a_reminder_and_what_to_do_is_said_each_time() -> None:
    heard = safety_gate(Facts(medication={"bloedverdunners"}), "gezichtsmassage").text
    both = Facts(medication={"bloedverdunners"}, conditions={"open_wond"}, told={heard})
    text = safety_gate(both, "gezichtsmassage").text
    verdict = check_request(both, "gezichtsmassage")
    reasons = verdict.reasons_strictest_first()[:MAX_REASONS]
    assert [r in text for r in reasons].count(True) == 1  # the open wound, not the blood thinners again
    assert all(r not in text for r in reasons if r in heard)
    assert K.teksten.al_gezegd_deels in text and K.teksten.al_gezegd not in text
    again = safety_gate(Facts(conditions={"open_wond"}, told={text}), "gua_sha")
    assert again.verdict.alternatives[0] in again.text and K.teksten.al_gezegd in again.text


def test_nothing_heard_before_gives_the_whole_verdict() -> None:
    facts = Facts(conditions={"open_wond"})
    assert safety_gate(facts, "gua_sha").text == said("gua_sha", conditions={"open_wond"})
    assert K.teksten.al_gezegd not in said("gua_sha", conditions={"open_wond"})
