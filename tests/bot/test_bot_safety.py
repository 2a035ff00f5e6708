"""check_request and contraindications_for: every rule of the table, every branch."""
from __future__ import annotations

import math

import pytest

from bot.knowledge import Knowledge, load_knowledge
from bot.rules.safety import Facts, Verdict, check_request, contraindications_for
from bot.rules.safety import VerdictLevel as L

K = load_knowledge()
MASSAGE = ["gezichtsmassage", "gua_sha", "lymfedrainage", "acupressuur", "microcurrent", "massage", "behandeling"]
INTENSIVE = ["microneedling", "chemische_peeling", "laser"]
ALL = MASSAGE + INTENSIVE + ["injectables"]
PROCEDURES = ["chemische_peeling", "laser", "injectables", "microneedling"]
SAFE_PHASE = "repair"  # so intensive requests are judged on the rule under test only


def verdict(asked: str, **facts) -> Verdict:
    facts.setdefault("phase", SAFE_PHASE)
    return check_request(Facts(**facts), asked)


# --- the level enum -----------------------------------------------------------------------
def test_levels_are_ordered_with_contract_values() -> None:
    assert [lvl.value for lvl in L] == ["toegestaan", "voorzichtig", "wacht", "niet_nu", "huisarts_eerst"]
    assert L.TOEGESTAAN < L.VOORZICHTIG < L.WACHT < L.NIET_NU < L.HUISARTS_EERST
    assert max(L.WACHT, L.VOORZICHTIG) is L.WACHT
    assert L("niet_nu") is L.NIET_NU
    assert L.WACHT >= L.WACHT and not (L.WACHT > L.NIET_NU)
    assert L.WACHT.__lt__("wacht") is NotImplemented


# --- nothing applies ---------------------------------------------------------------------
@pytest.mark.parametrize("asked", ALL)
def test_nothing_known_is_allowed_except_phase_check_for_intensive(asked: str) -> None:
    result = check_request(Facts(), asked)
    if asked in INTENSIVE:
        assert result.level is L.VOORZICHTIG and result.contraindications == ("intensief_buiten_fase",)
    else:
        assert result == Verdict(level=L.TOEGESTAAN)


@pytest.mark.parametrize("asked", ALL)
@pytest.mark.parametrize("phase_id", ["repair", "sustain"])
def test_repair_and_sustain_allow_everything(asked: str, phase_id: str) -> None:
    assert check_request(Facts(phase=phase_id), asked) == Verdict(level=L.TOEGESTAAN)


# --- conditions ------------------------------------------------------------------------
@pytest.mark.parametrize("asked", ALL)
@pytest.mark.parametrize(("condition", "cid"), [
    ("actieve_infectie", "actieve_infectie"),
    ("open_wond", "open_wond"),
    ("eczeem", "eczeem_psoriasis_opvlamming"),
    ("psoriasis", "eczeem_psoriasis_opvlamming"),
    ("rosacea", "ernstige_rosacea"),
])
def test_skin_conditions_mean_not_now(asked: str, condition: str, cid: str) -> None:
    result = verdict(asked, conditions={condition})
    assert result.level is L.NIET_NU
    assert result.contraindications == (cid,)
    assert result.levels == (L.NIET_NU,)
    assert result.sources == ("gezichtsmassage",)
    assert result.reasons[0] and result.alternatives
    assert result.wait_days is None


def test_condition_reasons_say_what_the_seed_says() -> None:
    assert "hersteld" in verdict("massage", conditions={"eczeem"}).reasons[0]
    assert "niet beoordelen" in verdict("massage", conditions={"rosacea"}).reasons[0]
    assert "professional" not in verdict("massage", conditions={"rosacea"}).reasons[0]
    assert "dermatoloog" in verdict("massage", conditions={"rosacea"}).alternatives[0]


@pytest.mark.parametrize("asked", ALL)
@pytest.mark.parametrize(("field", "value"), [
    ("conditions", "trombose"), ("conditions", "auto_immuunziekte"), ("medication", "bloedverdunners"),
])
def test_medical_conditions_mean_gp_first(asked: str, field: str, value: str) -> None:
    result = verdict(asked, **{field: {value}})
    assert result.level is L.HUISARTS_EERST
    assert result.contraindications == (value,)
    assert result.see == "huisarts" and result.reasons[0] and result.alternatives[0]


@pytest.mark.parametrize("asked", MASSAGE)
def test_couperose_massage_with_light_pressure(asked: str) -> None:
    result = verdict(asked, conditions={"couperose"})
    assert (result.level, result.contraindications) == (L.VOORZICHTIG, ("couperose_gevoelig",))
    assert "lichte druk" in result.reasons[0] and "gua sha" in result.reasons[0]


@pytest.mark.parametrize("asked", INTENSIVE + ["injectables"])
def test_couperose_intensive_at_least_careful(asked: str) -> None:
    result = verdict(asked, conditions={"couperose"})
    assert (result.level, result.contraindications) == (L.VOORZICHTIG, ("couperose_gevoelig",))
    assert "kwetsbaar" in result.reasons[0]


# --- recent procedures ------------------------------------------------------------------
@pytest.mark.parametrize("procedure", PROCEDURES)
@pytest.mark.parametrize(("days", "level", "wait"), [
    (0, L.WACHT, 14), (1, L.WACHT, 13), (10.5, L.WACHT, 4), (13.2, L.WACHT, 1), (13.999, L.WACHT, 1),
    (14, L.VOORZICHTIG, None), (30, L.VOORZICHTIG, None), (41.9, L.VOORZICHTIG, None),
    (42, L.TOEGESTAAN, None), (400, L.TOEGESTAAN, None),
])
def test_recent_procedure_windows(procedure: str, days: float, level: L, wait: int | None) -> None:
    for asked in ALL:
        if asked == procedure == "microneedling" and days < 28:
            continue  # the interval rule, tested below
        result = verdict(asked, last_procedure=procedure, days_since_procedure=days)
        assert (result.level, result.wait_days) == (level, wait), asked
        if level is L.TOEGESTAAN:
            assert result.contraindications == ()
        else:
            assert result.contraindications == ("recente_ingreep",)
            assert K.teksten.ingreep_labels[procedure] in result.reasons[0]
            assert "behandelaar" in result.alternatives[0]
            assert set(result.sources) == {"gezichtsmassage", "microneedling"}


@pytest.mark.parametrize("asked", ALL)
@pytest.mark.parametrize("procedure", PROCEDURES)
def test_recent_procedure_with_unknown_days_is_not_now(asked: str, procedure: str) -> None:
    result = verdict(asked, last_procedure=procedure)
    assert result.level is L.NIET_NU
    assert result.contraindications == ("recente_ingreep",)
    assert result.wait_days is None
    expected = "vorige sessie" if asked == procedure == "microneedling" else "hoe lang geleden"
    assert expected in " ".join(result.reasons + result.alternatives)


def test_days_without_a_named_procedure_still_count() -> None:
    result = verdict("massage", days_since_procedure=5)
    assert (result.level, result.wait_days) == (L.WACHT, 9)
    assert K.teksten.ingreep_labels["onbekend"] in result.reasons[0]
    assert verdict("massage", days_since_procedure=50).level is L.TOEGESTAAN


def test_reason_names_the_procedure() -> None:
    result = verdict("gezichtsmassage", last_procedure="chemische_peeling", days_since_procedure=2)
    assert result.reasons[0].startswith("Na een chemische peeling geldt vaak een herstelperiode van 2 tot 6 weken.")
    assert "{" not in result.reasons[0]


@pytest.mark.parametrize(("days", "level", "wait"), [
    (0, L.WACHT, 28), (10, L.WACHT, 18), (13.5, L.WACHT, 15), (20, L.WACHT, 8), (27.2, L.WACHT, 1),
    (28, L.VOORZICHTIG, None), (41, L.VOORZICHTIG, None), (42, L.TOEGESTAAN, None),
])
def test_repeat_microneedling_interval(days: float, level: L, wait: int | None) -> None:
    result = verdict("microneedling", last_procedure="microneedling", days_since_procedure=days)
    assert (result.level, result.wait_days) == (level, wait)
    if days < 28:
        assert result.contraindications == ("recente_ingreep",)
        assert "vier tot zes weken" in result.reasons[0]


def test_repeat_microneedling_with_unknown_days() -> None:
    result = verdict("microneedling", last_procedure="microneedling")
    assert result.level is L.NIET_NU
    assert "vorige sessie" in result.reasons[0]


def test_interval_only_for_microneedling_after_microneedling() -> None:
    assert verdict("microneedling", last_procedure="laser", days_since_procedure=20).level is L.VOORZICHTIG
    assert verdict("laser", last_procedure="microneedling", days_since_procedure=20).level is L.VOORZICHTIG


# --- intensive techniques and the phase -----------------------------------------------------
@pytest.mark.parametrize("asked", INTENSIVE)
@pytest.mark.parametrize(("phase_id", "level"), [
    ("reset", L.NIET_NU), ("activate", L.NIET_NU), ("radiance", L.VOORZICHTIG), (None, L.VOORZICHTIG),
    ("repair", L.TOEGESTAAN), ("sustain", L.TOEGESTAAN),
])
def test_intensive_only_in_repair_or_sustain(asked: str, phase_id: str | None, level: L) -> None:
    result = check_request(Facts(phase=phase_id), asked)
    assert result.level is level
    assert result.contraindications == (() if level is L.TOEGESTAAN else ("intensief_buiten_fase",))
    if level is not L.TOEGESTAAN:
        assert result.sources == ("whitepaper_fasewiel",)


def test_phase_reasons() -> None:
    assert "eerst kalmeren" in check_request(Facts(phase="reset"), "laser").reasons[0]
    assert "sterke basis" in check_request(Facts(phase="activate"), "laser").reasons[0]
    assert "fase bepalen" in check_request(Facts(), "laser").alternatives[0]


@pytest.mark.parametrize("asked", MASSAGE + ["injectables"])
@pytest.mark.parametrize("phase_id", ["reset", "activate", "radiance", None])
def test_phase_does_not_limit_massage(asked: str, phase_id: str | None) -> None:
    assert check_request(Facts(phase=phase_id), asked).level is L.TOEGESTAAN


# --- combining -----------------------------------------------------------------------------
def test_most_restrictive_wins_and_every_id_is_listed() -> None:
    result = check_request(
        Facts(conditions={"couperose", "eczeem", "psoriasis"}, medication={"bloedverdunners"},
              last_procedure="laser", days_since_procedure=3, phase="reset"),
        "microneedling",
    )
    assert result.level is L.HUISARTS_EERST
    assert result.contraindications == ("bloedverdunners", "couperose_gevoelig", "eczeem_psoriasis_opvlamming",
                                        "intensief_buiten_fase", "recente_ingreep")
    assert result.levels == (L.HUISARTS_EERST, L.VOORZICHTIG, L.NIET_NU, L.NIET_NU, L.WACHT)
    assert len(result.reasons) == len(result.contraindications)
    assert result.wait_days is None  # only for a WACHT verdict
    assert result.sources == ("gezichtsmassage", "microneedling", "whitepaper_fasewiel")
    assert result.alternatives[0] == "Heb je een akkoord, dan kijkt je behandelaar wat kan."  # strictest first
    assert result.see == "huisarts"


def test_shared_alternatives_are_not_repeated() -> None:
    result = verdict("massage", conditions={"trombose", "auto_immuunziekte"}, medication={"bloedverdunners"})
    assert result.contraindications == ("auto_immuunziekte", "bloedverdunners", "trombose")
    assert len(result.reasons) == 3 and len(set(result.reasons)) == 3
    assert len(result.alternatives) == 1


def test_wait_with_careful_stays_wait() -> None:
    result = verdict("gua_sha", conditions={"couperose"}, last_procedure="injectables", days_since_procedure=7)
    assert (result.level, result.wait_days) == (L.WACHT, 7)
    assert result.contraindications == ("couperose_gevoelig", "recente_ingreep")


def test_facts_accept_plain_iterables() -> None:
    facts = Facts(conditions=["eczeem"], medication="bloedverdunners")  # type: ignore[arg-type]
    assert facts.conditions == frozenset({"eczeem"}) and facts.medication == frozenset({"bloedverdunners"})
    assert Facts(conditions=None).conditions == frozenset()  # type: ignore[arg-type]


# --- every rule and outcome in the data is implemented ---------------------------------------------
def _cases(k: Knowledge):
    """For every rule outcome in contra_indicaties.yml: facts, a verzoek and the expected result."""
    for rule in k.contra.regels:
        asked = next(v for v in ALL if k.contra.geldt_voor(rule, v))
        if rule.soort in ("aandoening", "medicatie"):
            for value in rule.waarden:
                field = "conditions" if rule.soort == "aandoening" else "medication"
                yield rule, Facts(phase=SAFE_PHASE, **{field: {value}}), asked, rule.niveau, rule.reden
        elif rule.soort == "ingreep":
            for procedure in rule.ingrepen:
                named = None if procedure == "onbekend" else procedure
                label = k.teksten.ingreep_labels[procedure]
                if named:
                    u = rule.dagen_onbekend
                    yield rule, Facts(phase=SAFE_PHASE, last_procedure=named), asked, u.niveau, u.reden.format(ingreep=label)
                low = 0.0
                for v in rule.vensters:
                    facts = Facts(phase=SAFE_PHASE, last_procedure=named, days_since_procedure=low)
                    yield rule, facts, asked, v.niveau, v.reden.format(ingreep=label)
                    low = v.tot_dagen
        else:
            for phase_id, u in rule.per_fase.items():
                yield rule, Facts(phase=None if phase_id == "onbekend" else phase_id), asked, u.niveau, u.reden


@pytest.mark.parametrize(("rule", "facts", "asked", "level", "reason"), list(_cases(K)),
                         ids=lambda x: getattr(x, "naam", None))
def test_every_rule_outcome_in_the_data(rule, facts: Facts, asked: str, level: str, reason: str) -> None:
    result = check_request(facts, asked)
    assert rule.contra_indicatie in result.contraindications
    i = result.contraindications.index(rule.contra_indicatie)
    assert result.levels[i] is L(level)
    assert result.reasons[i] == reason
    assert result.level >= L(level)


def test_every_contract_id_has_a_tested_outcome() -> None:
    assert {r.contra_indicatie for r, *_ in _cases(K)} == set(K.contract.contra_indicatie)


# --- contraindications_for ---------------------------------------------------------------
def test_contraindications_for_collects_what_the_facts_trigger() -> None:
    assert contraindications_for(Facts()) == ()
    assert contraindications_for(Facts(phase="radiance")) == ("intensief_buiten_fase",)
    assert contraindications_for(Facts(phase="repair")) == ()
    facts = Facts(conditions={"couperose", "rosacea"}, medication={"bloedverdunners"},
                  last_procedure="laser", days_since_procedure=20, phase="activate")
    assert contraindications_for(facts) == ("bloedverdunners", "couperose_gevoelig", "ernstige_rosacea",
                                            "intensief_buiten_fase", "recente_ingreep")
    assert contraindications_for(Facts(last_procedure="laser", days_since_procedure=42)) == ()


def test_unknown_phase_alone_is_not_a_contraindication() -> None:
    assert "intensief_buiten_fase" in check_request(Facts(), "laser").contraindications
    assert contraindications_for(Facts()) == ()


# --- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize("facts", [
    dict(conditions={"hoofdpijn"}), dict(medication={"paracetamol"}), dict(phase="winter"),
    dict(last_procedure="gezichtsmassage", days_since_procedure=3),
])
def test_non_contract_values_are_refused(facts: dict) -> None:
    with pytest.raises(ValueError, match="unknown value"):
        check_request(Facts(**facts), "massage")
    with pytest.raises(ValueError):
        contraindications_for(Facts(**facts))


@pytest.mark.parametrize("days", [-1, math.nan, math.inf, "3"])
def test_bad_days_are_refused(days) -> None:
    with pytest.raises(ValueError, match="days_since_procedure"):
        Facts(days_since_procedure=days)


def test_unknown_request_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown request"):
        check_request(Facts(), "sauna")
