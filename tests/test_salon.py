"""The salon: its profile (validation, reloading), answers, the desk checklist and the desk commands."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.knowledge import load_knowledge, salon_profile
from bot.replies import salon
from bot.replies.checklist import checklist
from bot.rules.safety import Facts, VerdictLevel, check_request

ROOT = Path(__file__).resolve().parents[1]
SATURDAY = date(2026, 11, 21)


@pytest.fixture
def profile_copy(tmp_path: Path) -> Path:
    path = tmp_path / "profiel.yml"
    shutil.copyfile(salon_profile.PROFILE_PATH, path)
    return path


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the profile ------------------------------------------------------------------------
def test_example_profile_is_valid_and_fictional() -> None:
    profile = salon_profile.validate_profile()
    assert profile["naam"] == "Huidstudio Voorbeeld"
    assert profile["boeken"]["link"].startswith("https://")
    treatments = {p.get("behandeling") for p in profile["prijzen"]} - {None}
    assert treatments <= set(load_knowledge().contract.behandeling)


def test_retention_defaults_to_30_days(profile_copy: Path) -> None:
    edit(profile_copy, lambda d: d.pop("bewaartermijn_dagen"))
    assert salon_profile.retention_days(salon_profile.validate_profile(profile_copy)) == 30
    assert salon_profile.retention_days({"bewaartermijn_dagen": 7}) == 7


@pytest.mark.parametrize("change, where, words", [
    (lambda d: d["openingstijden"].__setitem__("dinsdag", "9-17"), "openingstijden.dinsdag", "geen geldige tijd"),
    (lambda d: d["openingstijden"].__setitem__("woensdag", "17:00-09:00"), "openingstijden.woensdag", "eindtijd"),
    (lambda d: d["openingstijden"].pop("zondag"), "openingstijden.zondag", "ontbreekt"),
    (lambda d: d["prijzen"][1].__setitem__("prijs", "vijftig"), "prijzen[1].prijs", "getal"),
    (lambda d: d["prijzen"][0].__setitem__("behandeling", "tandbleken"), "prijzen[0].behandeling", "kies uit"),
    (lambda d: d["boeken"].__setitem__("link", "www.example.nl"), "boeken.link", "begin met https://"),
    (lambda d: d["contact"].__setitem__("email", "info-at-salon"), "contact.email", "e-mailadres"),
    (lambda d: d.__setitem__("openingtijden", {}), "openingtijden", "onbekend veld openingtijden"),
    (lambda d: d.pop("parkeren"), "parkeren", "ontbreekt"),
    (lambda d: d.__setitem__("betalen", []), "betalen", "niet leeg"),
    (lambda d: d.__setitem__("bewaartermijn_dagen", 0), "bewaartermijn_dagen", "niet kleiner zijn dan 1"),
    (lambda d: d.__setitem__("bewaartermijn_dagen", "dertig"), "bewaartermijn_dagen", "heel getal"),
    (lambda d: d.__setitem__("bewaartermijn_dagen", 99999), "bewaartermijn_dagen", "niet groter zijn dan 3650"),
    (lambda d: d.__setitem__("privacy_url", "www.salon.nl/privacy"), "privacy_url", "begin met https://"),
])
def test_a_broken_profile_names_file_and_field(profile_copy: Path, change, where: str, words: str) -> None:
    edit(profile_copy, change)
    with pytest.raises(salon_profile.SalonProfileError) as err:
        salon_profile.validate_profile(profile_copy)
    message = str(err.value)
    assert message.startswith(str(profile_copy)), message
    assert err.value.field == where, message
    assert words in message, message


def test_yaml_mistake_names_the_line(profile_copy: Path) -> None:
    lines = profile_copy.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("parkeren:"))
    lines[number] = 'parkeren: "niet afgesloten'
    profile_copy.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(salon_profile.SalonProfileError, match=r"regel \d+"):
        salon_profile.validate_profile(profile_copy)


def test_an_edit_is_picked_up_without_restart_and_a_broken_one_keeps_the_last_good(profile_copy: Path, caplog) -> None:
    assert salon_profile.load_profile(profile_copy)["parkeren"].startswith("Je parkeert")
    edit(profile_copy, lambda d: d.__setitem__("parkeren", "Parkeren kan op ons eigen terrein."))
    os.utime(profile_copy, ns=(1, 2_000_000_000_000_000_000))
    assert salon.answer("waar kan ik parkeren", profile=salon_profile.load_profile(profile_copy)).bubbles == (
        "Parkeren kan op ons eigen terrein.",)
    edit(profile_copy, lambda d: d.pop("naam"))
    os.utime(profile_copy, ns=(1, 3_000_000_000_000_000_000))
    assert salon_profile.load_profile(profile_copy)["parkeren"] == "Parkeren kan op ons eigen terrein."
    assert "naam: ontbreekt" in caplog.text


# --- answers ----------------------------------------------------------------------------
@pytest.mark.parametrize("question, topics", [
    ("wat zijn jullie openingstijden", ["openingstijden"]),
    ("zijn jullie op zondag open", ["openingstijden"]),
    ("wat zijn de openingsuren op zaterdag", ["openingstijden"]),
    ("waar zitten jullie", ["adres"]),
    ("hoe kom ik er met het openbaar vervoer", ["adres"]),
    ("wat is jullie prijslijst", ["prijzen"]),
    ("kan ik pinnen", ["betalen"]),
    ("kan ik bancontact gebruiken", ["betalen"]),
    ("is parkeren gratis", ["parkeren"]),
    ("hoe annuleer ik mijn afspraak", ["annuleren"]),
    ("moet ik betalen als ik afzeg", ["annuleren"]),
    ("ik kan niet komen morgen, hoe zeg ik af", ["annuleren"]),
    ("ik moet mijn afspraak verzetten, hoe doe ik dat", ["annuleren"]),
    ("wat is jullie telefoonnummer", ["contact"]),
    ("kan ik jullie mailen?", ["contact"]),
    ("kan ik online boeken", ["boeken"]),
    ("verkopen jullie ook nachtcrème?", ["producten"]),
    ("hebben jullie een webshop", ["producten"]),
    ("kan ik die olie ook bij jullie kopen", ["producten"]),
    ("waar koop ik zo'n jaderoller", []),  # about the roller, not the salon
    ("Wat zijn jullie OPENINGSTIJDEN en waar kan ik parkeren?", ["openingstijden", "parkeren"]),
    ("vergoedt mijn zorgverzekering een behandeling", []),
])
def test_topics_are_recognised_from_keywords_in_the_data(question: str, topics: list[str]) -> None:
    assert salon.topics_in(question) == topics


def test_keywords_do_not_match_inside_other_words() -> None:
    assert salon.topics_in("openbaar") == []           # "open" is a whole word
    assert salon.topics_in("apparaat") == []           # "app" too
    assert salon.topics_in("annuleringsvoorwaarden") == ["annuleren"]  # "annule*" is a prefix


def test_opening_hours_come_from_the_profile_with_today_first() -> None:
    answer = salon.answer("tot hoe laat zijn jullie vandaag open", today=SATURDAY)
    lines = answer.bubbles[0].splitlines()
    assert lines == ["Vandaag (zaterdag) zijn we open van 9.00 tot 16.00 uur."]  # the day asked, not the week
    sunday = salon.answer("zijn jullie morgen open", today=SATURDAY).bubbles[0].splitlines()
    assert sunday == ["Morgen (zondag) zijn we gesloten."]
    week = salon.answer("wat zijn jullie openingstijden", today=SATURDAY).bubbles[0].splitlines()
    assert "Maandag: gesloten" in week and "Donderdag: 9.00 tot 21.00 uur" in week
    both = salon.answer("zijn jullie woensdag of donderdagavond open", today=SATURDAY).bubbles[0].splitlines()
    assert both == ["Op woensdag zijn we open van 9.00 tot 17.30 uur.", "Op donderdag zijn we open van 9.00 tot 21.00 uur."]


def test_split_opening_hours(profile_copy: Path) -> None:
    edit(profile_copy, lambda d: d["openingstijden"].__setitem__("dinsdag", "09:00-12:30, 13:30-17:30"))
    text = salon.answer(topic="openingstijden", profile=salon_profile.validate_profile(profile_copy)).bubbles[0]
    assert "Dinsdag: 9.00 tot 12.30 uur en 13.30 tot 17.30 uur" in text


def test_price_of_one_treatment_from_the_entity_or_the_words() -> None:
    by_entity = salon.answer("wat kost dat bij jullie", treatment="microneedling")
    assert by_entity.bubbles[0].startswith("Microneedling kost € 145 en duurt 75 minuten.")
    assert "395 euro" in by_entity.bubbles[0]  # the owner's remark
    by_words = salon.answer("hoeveel kost een peeling")
    assert by_words.bubbles == ("Milde fruitzuurpeeling kost € 79,50 en duurt 45 minuten.",)
    by_synonym = salon.answer("wat kost een behandeling", treatment="peeling")
    assert by_synonym.bubbles == by_words.bubbles


def test_a_treatment_not_offered_gets_the_price_list() -> None:
    answer = salon.answer("wat kost laser")
    first, *rest = answer.bubbles[0].splitlines()
    assert first == "Een laserbehandeling staat niet op onze prijslijst. Dit bieden we wel aan:"
    assert len(rest) == len(salon_profile.load_profile()["prijzen"])


def test_money_is_written_the_dutch_way() -> None:
    assert [salon.money(v) for v in (55, 79.5, 0.99, 1250)] == ["€ 55", "€ 79,50", "€ 0,99", "€ 1.250"]


def test_every_topic_has_an_answer_built_from_the_profile() -> None:
    profile = salon_profile.load_profile()
    answers = {t: salon.answer(topic=t).bubbles[0] for t in salon.TOPICS}
    assert profile["adres"]["straat"] in answers["adres"]
    assert profile["contact"]["telefoon"] in answers["contact"]
    assert profile["boeken"]["link"] in answers["boeken"]
    assert f"{profile['annuleren']['kosteloos_tot_uren']} uur" in answers["annuleren"]
    assert "pin, contant, creditcard en Tikkie" in answers["betalen"]
    assert answers["parkeren"] == profile["parkeren"]
    assert answers["producten"] == profile["producten"]


def test_without_a_products_line_the_salon_says_it_does_not_know_and_how_to_ask(profile_copy: Path) -> None:
    edit(profile_copy, lambda data: data.pop("producten"))
    profile = salon_profile.validate_profile(profile_copy)
    text = salon.answer("welke merken verkopen jullie?", profile=profile).bubbles[0]
    assert profile["contact"]["telefoon"] in text and profile["naam"] in text


def test_no_topic_gives_an_overview_with_a_button_per_topic() -> None:
    answer = salon.answer("hebben jullie een wachtruimte")
    assert answer.topics == ()
    assert answer.bubbles[0].startswith("Over Huidstudio Voorbeeld kan ik je vertellen: openingstijden")
    assert [b["payload"] for b in answer.buttons] == [
        f'/salon_info{{"salon_onderwerp": "{t}"}}' for t in salon.TOPICS]


def test_answers_offer_booking_except_when_booking_is_the_answer() -> None:
    assert salon.answer("kan ik pinnen").buttons == ({"title": "Afspraak maken", "payload": "/afspraak_maken"},)
    assert salon.answer(topic="boeken").buttons == ()


def test_appointment_handover_names_link_phone_and_code() -> None:
    bubbles = salon.appointment_handover("web-abc123")
    joined = " ".join(bubbles)
    assert "https://www.huidstudio-voorbeeld.nl/afspraak" in joined and "030 123 45 67" in joined
    assert "web-abc123" in bubbles[-1]
    assert len(salon.appointment_handover(None)) == 2


def test_every_sentence_lives_in_the_texts_file() -> None:
    texts = yaml.safe_load(salon_profile.TEXTS_PATH.read_text(encoding="utf-8"))
    assert list(texts["onderwerpen"]) == list(salon.TOPICS)
    contract = load_knowledge().contract
    assert set(texts["checklist"]["vragen"]) == set(contract.contra_indicatie)
    assert set(texts["checklist"]["niveaus"]) == {v.value for v in VerdictLevel}


# --- checklist --------------------------------------------------------------------------
TRIGGERS = {  # facts that trigger each contraindication id
    "actieve_infectie": Facts(conditions={"actieve_infectie"}),
    "eczeem_psoriasis_opvlamming": Facts(conditions={"eczeem"}),
    "ernstige_rosacea": Facts(conditions={"rosacea"}),
    "open_wond": Facts(conditions={"open_wond"}),
    "trombose": Facts(conditions={"trombose"}),
    "auto_immuunziekte": Facts(conditions={"auto_immuunziekte"}),
    "bloedverdunners": Facts(medication={"bloedverdunners"}),
    "couperose_gevoelig": Facts(conditions={"couperose"}),
}


@pytest.mark.parametrize("treatment", load_knowledge().contract.verzoeken)
def test_checklist_agrees_with_the_safety_check(treatment: str) -> None:
    result = checklist(treatment)
    assert [i.id for i in result.items] == list(load_knowledge().contract.contra_indicatie)
    items = {i.id: i for i in result.items}
    for cid, facts in TRIGGERS.items():
        verdict = check_request(facts, treatment)
        if cid in verdict.contraindications:
            assert items[cid].strictest == verdict.level.value, (treatment, cid)
        else:
            assert not items[cid].applies, (treatment, cid)
    for days in (3, 20, 50):  # the windows of a recent procedure
        verdict = check_request(Facts(last_procedure="laser", days_since_procedure=days, phase="repair"), treatment)
        levels = {r.level for r in items["recente_ingreep"].rules}
        assert verdict.level is VerdictLevel.TOEGESTAAN or verdict.level.value in levels


def test_checklist_for_massage_and_for_microneedling() -> None:
    massage = checklist("gezichtsmassage")
    assert not {i.id: i for i in massage.items}["intensief_buiten_fase"].applies
    needling = {i.id: i for i in checklist("dermapen").items}  # a synonym
    assert needling["intensief_buiten_fase"].applies
    assert "dagen<28" in [r.condition for r in needling["recente_ingreep"].rules]
    assert needling["bloedverdunners"].strictest == "huisarts_eerst"
    text = checklist("microneedling").text()
    assert text.splitlines()[0] == "Checklist contra-indicaties voor microneedling"
    assert "[ ] Gebruik van bloedverdunners" in text and "eerst overleg met de huisarts" in text


def test_checklist_for_an_unknown_treatment_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="Kies uit: chemische_peeling, laser"):
        checklist("tandbleken")


# --- command line -----------------------------------------------------------------------
def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_cli_salon_topic_question_and_everything() -> None:
    out = run_cli("salon", "parkeren")
    assert out.returncode == 0 and out.stdout.strip() == salon_profile.load_profile()["parkeren"]
    out = run_cli("salon", "kan", "ik", "met", "creditcard", "betalen?")
    assert out.returncode == 0 and "creditcard" in out.stdout
    out = run_cli("salon")
    assert out.returncode == 0
    for topic in salon.TOPICS:
        assert salon.answer(topic=topic, today=date.today()).bubbles[0] in out.stdout


def test_cli_checklist() -> None:
    out = run_cli("checklist", "gua", "sha")
    assert out.returncode == 0 and out.stdout.startswith("Checklist contra-indicaties voor gua sha")
    out = run_cli("checklist", "tandbleken")
    assert out.returncode == 2 and "Kies uit" in out.stderr


def test_cli_controleer(profile_copy: Path) -> None:
    out = run_cli("controleer")
    assert out.returncode == 0 and "in orde" in out.stdout
    edit(profile_copy, lambda d: d["openingstijden"].__setitem__("vrijdag", "de hele dag"))
    out = run_cli("controleer", "--profiel", str(profile_copy))
    assert out.returncode == 1
    assert f"{profile_copy}: openingstijden.vrijdag: 'de hele dag' is geen geldige tijd" in out.stderr
    out = run_cli("salon", "parkeren", env={salon_profile.PROFILE_ENV: str(profile_copy)})
    assert out.returncode == 1 and "openingstijden.vrijdag" in out.stderr


def test_a_day_named_for_an_appointment_gets_that_days_hours_in_place_of_the_welcome() -> None:
    sunday = date(2026, 12, 6)
    bubbles = salon.appointment_handover(None, question="het liefst donderdag in de avond", today=sunday)
    assert bubbles[0].startswith("Op donderdag zijn we open van 9.00 tot 21.00 uur.") and len(bubbles) == 2
    assert "vastleggen kan ik zelf niet" in bubbles[0]
    assert salon.appointment_handover(None, question="kan het morgen", today=sunday)[0] == (
        "Op maandag zijn we gesloten: kies gerust een andere dag.")  # tomorrow is a Monday
    assert salon.appointment_handover(None, question="een afspraak graag", today=sunday) == (
        salon.appointment_handover(None))


@pytest.mark.parametrize(("question", "first"), [
    ("en op zondag?", "Op zondag zijn we gesloten."),
    ("zijn jullie zaterdag ook open", "Op zaterdag zijn we open van 9.00 tot 16.00 uur."),
    ("tot hoe laat kan ik donderdag terecht", "Op donderdag zijn we open van 9.00 tot 21.00 uur."),
])
def test_a_day_of_the_week_named_gets_only_that_day(question: str, first: str) -> None:
    text = salon.answer(question, today=date(2026, 12, 7)).bubbles[0]
    assert text == first  # the answer, not the whole week again


def test_without_a_day_named_the_week_comes_first() -> None:
    text = salon.answer("wat zijn jullie openingstijden", today=date(2026, 12, 7)).bubbles[0]
    assert text.startswith("De openingstijden van")


@pytest.mark.parametrize("question", [
    "en hoelang duurt die dan?", "hoeveel minuten ben ik daar mee bezig", "hoe lang duurt een lymfedrainage bij jullie",
    "en gua sha, hoe lang duurt dat?",
])
def test_a_question_how_long_a_treatment_takes(question: str) -> None:
    assert salon.asks_duration(question), question


@pytest.mark.parametrize("question", [
    "hoe lang duurt het herstel", "hoelang blijft mijn huid rood", "hoe lang duurt het voor ik iets zie",
    "wat kost dat", "hoe lang moet ik wachten met sporten",
])
def test_other_questions_with_a_duration_word_are_not_about_the_session(question: str) -> None:
    assert not salon.asks_duration(question), question


def test_how_long_a_treatment_takes_comes_from_the_price_list() -> None:
    profile = salon.load_profile()
    item = next(i for i in profile["prijzen"] if i.get("behandeling") == "gua_sha")
    said = salon.duration("gua_sha")
    assert said is not None and item["naam"] in said and str(item["duur_minuten"]) in said
    assert salon.duration("acupressuur") is None  # not on the list
    assert salon.duration(None) is None


@pytest.mark.parametrize("question", ["zijn jullie open op tweede kerstdag?", "hoe zit het met pasen",
                                      "zijn jullie in de zomervakantie open"])
def test_a_holiday_question_gets_the_exceptions_first(question: str) -> None:
    special = salon.load_profile()["openingstijden"]["bijzonderheden"]
    text = salon.answer(question, topic="openingstijden").bubbles[0]
    assert text.startswith(special) and text.count(special) == 1, text


def test_a_plain_hours_question_keeps_the_exceptions_last() -> None:
    special = salon.load_profile()["openingstijden"]["bijzonderheden"]
    assert salon.answer("wat zijn jullie openingstijden").bubbles[0].endswith(special)


@pytest.mark.parametrize(("question", "day"), [("kan ik donderdagavond terecht?", "donderdag"),
                                               ("zijn jullie zaterdagochtend open", "zaterdag")])
def test_a_day_in_a_compound_gets_that_days_hours_first(question: str, day: str) -> None:
    text = salon.answer(question).bubbles[0]
    assert text.startswith(f"Op {day} zijn we"), text


@pytest.mark.parametrize(("question", "asks"), [
    ("hoeveel kost een gezichtsmassage en hoe lang duurt het?", True),
    ("wat betaal je voor gua sha?", True),
    ("hoe duur is microneedling bij jullie", True),
    ("hoeveel microneedling behandelingen zijn er meestal nodig", False),
    ("welke behandelingen hebben jullie?", False),
])
def test_a_price_question_is_told_from_a_question_about_the_treatments(question: str, asks: bool) -> None:
    assert salon.asks_price(question) is asks


def test_the_days_a_message_names() -> None:
    assert salon.day_words("kan ik donderdagavond of morgen komen?") == ["donderdagavond", "morgen"]
    assert salon.day_words("en tot hoe laat?") == []


@pytest.mark.parametrize(("question", "first_line"), [
    ("wat zijn jullie prijzen eigenlijk?", "De prijzen bij"),
    ("hoeveel moet ik betalen voor een intakegesprek", "Kennismaking en huidanalyse kost"),
    ("wat kost een eerste adviesgesprek?", "Kennismaking en huidanalyse kost"),
])
def test_prices_asked_in_other_words_find_their_lines(question: str, first_line: str) -> None:
    assert salon.answer(question).bubbles[0].startswith(first_line), salon.answer(question).bubbles
