"""The intake hand-off summary (bot/replies/handoff.py): building it. Reading it back: tests/desk/."""
from __future__ import annotations

import json

from bot.replies import handoff
from tests.desk.fakes import FULL


def test_summary_keeps_the_contract_values_and_is_json() -> None:
    summary = handoff.build_summary(FULL)
    assert json.loads(json.dumps(summary)) == summary
    assert {k: summary[k] for k in FULL} == {**FULL, "dagen_sinds_behandeling": 10}
    assert summary["versie"] == 1


def test_summary_text_is_short_dutch_and_names_what_matters() -> None:
    text = handoff.build_summary(FULL)["tekst"]
    assert text.splitlines() == [
        "Intake van Huidbot",
        "Fase: Reset",
        "Signalen: roodheid en jeuk",
        "Huidtype: gevoelig",
        "Let op (contra-indicaties): Gebruik van bloedverdunners; Recente cosmetische ingreep "
        "(chemische peeling, laser, injectables, microneedling)",
        "Genoemde aandoeningen: couperose",
        "Medicatie: bloedverdunners",
        "Laatste behandeling: een chemische peeling, 10 dagen geleden",
        "Geadviseerd: Roodheid of een gevoelige huid (een gezichtsmassage); huidcheck (Reset)",
    ]


def test_missing_and_empty_values_are_left_out() -> None:
    summary = handoff.build_summary({"fase": None, "signalen": None, "contra_indicaties": [], "huidtype": ""})
    assert summary["signalen"] == [] and summary["fase"] is None and summary["huidtype"] is None
    assert handoff.is_empty(summary)
    assert summary["tekst"] == "Intake van Huidbot\nNog niets over de huid bekend uit het gesprek."


def test_contraindications_are_always_mentioned_once_something_is_known() -> None:
    text = handoff.build_summary({"huidtype": "droog"})["tekst"]
    assert "Contra-indicaties: geen genoemd" in text
    one_day = handoff.build_summary({"dagen_sinds_behandeling": 1})["tekst"]
    assert "Laatste behandeling: een cosmetische ingreep, 1 dag geleden" in one_day


def test_unknown_values_do_not_break_the_summary() -> None:
    summary = handoff.build_summary({"signalen": "wallen", "advies_gegeven": ["iets_nieuws:andere_dingen"],
                                     "dagen_sinds_behandeling": "onbekend"})
    assert summary["signalen"] == ["wallen"] and summary["dagen_sinds_behandeling"] is None
    assert "Geadviseerd: iets nieuws (andere dingen)" in summary["tekst"]


def test_a_situation_huidbot_cannot_judge_is_named_for_the_desk() -> None:
    summary = handoff.build_summary({"buiten_kennis": ["zwangerschap", "pacemaker"],
                                     "advies_gegeven": ["veiligheid:microcurrent:buiten_kennis"]})
    assert summary["buiten_kennis"] == ["zwangerschap", "pacemaker"]
    lines = summary["tekst"].splitlines()
    assert any("zwangerschap en pacemaker" in line and "vraag door" in line for line in lines), lines
    assert any("niet beoordeeld" in line and "geen bezwaar" not in line for line in lines), lines
    assert not handoff.build_summary({})["buiten_kennis"]


def test_a_gps_agreement_she_told_is_in_the_summary_as_not_checked() -> None:
    from bot.replies.handoff import build_summary

    told = build_summary({"medicatie": ["bloedverdunners"], "akkoord_huisarts": True})
    assert told["akkoord_huisarts"] is True and "niet nagegaan" in told["tekst"], told
    assert build_summary({"medicatie": ["bloedverdunners"], "akkoord_huisarts": None})["akkoord_huisarts"] is None
