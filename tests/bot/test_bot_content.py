"""Every section of the three seeds is in the data, correct and traceable to its seed."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest

from bot.knowledge import Knowledge

PHASE_INGREDIENTS = {
    "reset": ["Niacinamide", "Beta-Glucan", "Ectoin", "Panthenol", "Haverextract", "Algenextracten"],
    "activate": ["Fruitenzymen", "Niacinamide", "Vitamine C (stabiele vormen)", "Groene thee-extract", "Algenextracten"],
    "repair": ["Peptiden", "Vitamine C-derivaten", "Ceramiden", "Hyaluronzuur", "Retinoïden (milde vormen)", "Niacinamide"],
    "radiance": ["Fermentextracten", "Lichte antioxidanten", "Hyaluronzuur", "Polyfenolen", "Squalane"],
    "sustain": ["Adaptogenen", "Antioxidanten", "SPF (breed spectrum)", "Ceramiden & squalane", "Pre- en probiotica"],
}
PHASE_SIGNALS = {
    "reset": {"roodheid", "jeuk", "branderigheid", "opvlamming", "gevoeligheid"},
    "activate": {"vale_teint", "spanning"},
    "repair": {"fijne_lijntjes", "rimpels", "littekens", "verslapping", "grove_porien", "pigmentvlekken"},
    "radiance": {"glans", "egale_teint", "veerkracht"},
    "sustain": {"rustige_huid", "stabiel_beeld"},
}
FAQ_QUESTIONS = [
    "Wat is een gezichtsmassage precies en hoe werkt het?",
    "Welke directe voordelen levert een gezichtsmassage voor de huid?",
    "Hoe helpt een gezichtsmassage bij lymfedrainage en vochtbalans?",
    "Kan een gezichtsmassage huidproblemen zoals acne of rosacea verergeren?",
    "Welke massagetechnieken bestaan er en wat doen ze?",
    "Welke producten en hulpmiddelen verbeteren het resultaat?",
    "Hoe vaak en hoe lang moet iemand een gezichtsmassage doen?",
    "Wanneer is het beter om een professional te bezoeken?",
    "Zijn er risico’s of voorzorgsmaatregelen bij gezichtsmassage?",
    "Werkt gezichtsmassage ook tegen stress en huidveroudering?",
    "Welke merken en producten zijn geschikt in Nederland?",
    "Wat zijn realistische verwachtingen na een gezichtsmassage?",
]
BRANDS = ["La Roche-Posay", "Vichy", "The Ordinary", "Maria Åkerberg", "Dermalogica", "SkinCeuticals"]
CONTRACT = {
    "signaal": ["roodheid", "jeuk", "branderigheid", "opvlamming", "gevoeligheid", "vale_teint", "spanning",
                "fijne_lijntjes", "rimpels", "littekens", "verslapping", "grove_porien", "pigmentvlekken",
                "puistjes", "wallen", "zwelling", "droogheid", "glans"],
    "behandeling": ["chemische_peeling", "laser", "injectables", "microneedling", "gezichtsmassage", "gua_sha",
                    "lymfedrainage", "acupressuur", "microcurrent"],
    "aandoening": ["actieve_infectie", "eczeem", "psoriasis", "rosacea", "couperose", "open_wond", "trombose",
                   "auto_immuunziekte"],
    "medicatie": ["bloedverdunners"],
    "huidtype": ["droog", "vet", "gemengd", "normaal", "gevoelig", "rijp", "acnegevoelig"],
    "fase": ["reset", "activate", "repair", "radiance", "sustain"],
    "contra_indicatie": ["actieve_infectie", "eczeem_psoriasis_opvlamming", "ernstige_rosacea", "open_wond",
                         "recente_ingreep", "trombose", "auto_immuunziekte", "bloedverdunners",
                         "couperose_gevoelig", "intensief_buiten_fase"],
}


# --- contract and sources ---------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_values_are_the_public_names(k: Knowledge, name: str) -> None:
    assert list(getattr(k.contract, name)) == CONTRACT[name]


def test_contract_file_matches_the_spec_when_available(k: Knowledge, spec_dir) -> None:
    spec = spec_dir / "conversation-contract.md"
    if not spec.exists():
        pytest.skip("spec not available")
    text = spec.read_text(encoding="utf-8")
    for name in ("signaal", "behandeling", "aandoening", "medicatie", "huidtype"):
        row = re.search(rf"^\| `{name}` \| (.+?) \|$", text, re.MULTILINE)
        assert row, name
        assert [v.strip() for v in row.group(1).split(",")] == list(getattr(k.contract, name))
    ids = re.findall(r"`([a-z_]+)`", text.split("## Contraindication ids")[1])
    assert set(ids) == set(k.contract.contra_indicatie)


def test_sources_map_to_seed_files(k: Knowledge) -> None:
    assert {b: s.bestand for b, s in k.bronnen.items()} == {
        "gezichtsmassage": "000_09dd3261299bd27a.txt",
        "microneedling": "001_9e67a72207b93fad.txt",
        "whitepaper_fasewiel": "004_c948a03a6c65740c.txt",
    }
    assert all(s.titel for s in k.bronnen.values())


def _bron_fields(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "bron":
                yield f"{path}.bron", value
            else:
                yield from _bron_fields(value, f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for i, v in enumerate(obj):
            yield from _bron_fields(v, f"{path}[{i}]")
    elif hasattr(obj, "items"):
        for key, v in obj.items():
            yield from _bron_fields(v, f"{path}.{key}")


def test_every_seed_item_names_a_known_seed(k: Knowledge) -> None:
    found = list(_bron_fields(k))
    assert len(found) > 150
    for path, bron in found:
        for b in bron if isinstance(bron, tuple) else (bron,):
            assert b in k.bronnen, path
    used = {b for _, bron in found for b in (bron if isinstance(bron, tuple) else (bron,))}
    assert used == set(k.bronnen)


# --- fasewiel ---------------------------------------------------------------------------
def test_five_phases_in_wheel_order(k: Knowledge) -> None:
    assert [(f.nummer, f.id, f.naam) for f in k.fasen] == [
        (1, "reset", "Reset"), (2, "activate", "Activate"), (3, "repair", "Repair"),
        (4, "radiance", "Radiance"), (5, "sustain", "Sustain"),
    ]
    assert k.fasewiel.voorrang == ("reset", "activate", "repair", "radiance", "sustain")


@pytest.mark.parametrize("phase", PHASE_INGREDIENTS)
def test_phase_has_all_its_ingredients_with_a_purpose(k: Knowledge, phase: str) -> None:
    fase = k.phase(phase)
    assert [i.naam for i in fase.ingredienten] == PHASE_INGREDIENTS[phase]
    assert all(i.doel and i.bron == "whitepaper_fasewiel" for i in fase.ingredienten)


@pytest.mark.parametrize("phase", PHASE_SIGNALS)
def test_phase_signals(k: Knowledge, phase: str) -> None:
    assert set(k.phase(phase).signaalwaarden) == PHASE_SIGNALS[phase]
    assert k.phase(phase).signalen_seed


def test_phase_care_nervous_system_and_core_message(k: Knowledge) -> None:
    reset = k.phase("reset")
    assert reset.zenuwstelsel == "sympathisch overactief, cortisol piekt"
    assert (reset.zorg.leefstijl, reset.zorg.ritueel, reset.zorg.behandeling) == (
        "rustmomenten, ademhaling, stressreductie", "minimalistisch, kalmerend", "zachte aanraking, veiligheid")
    assert "micro-needling of peelings" in k.phase("repair").zorg.behandeling
    assert k.phase("sustain").zorg.ritueel == "basisroutine met SPF en hydratatie"
    assert k.phase("radiance").zorg.behandeling == "glow-massages"
    assert k.phase("Activate").kernboodschap.startswith("De huid vraagt om een zachte stimulans")
    for fase in k.fasen:
        assert fase.kernboodschap and fase.zenuwstelsel and fase.kort and fase.titel


def test_phase_lookup(k: Knowledge) -> None:
    assert k.phase("RESET").id == "reset"
    with pytest.raises(KeyError):
        k.phase("winterslaap")


def test_professional_rules_and_consumer_tips(k: Knowledge) -> None:
    assert [r.id for r in k.professionals] == [
        "intake_instrument", "signalen_in_fase", "intensief_alleen_repair_sustain", "aanraking_uitleggen"]
    assert k.professionals[0].tekst == "Gebruik het fasewiel als intake-instrument"
    assert k.intensive_phases == ("repair", "sustain")
    assert len(k.consumenten) == 3
    assert "boodschapper" in k.consumenten[0].tekst


def test_neutral_signals_are_documented(k: Knowledge) -> None:
    assert set(k.neutral_signals) == {"puistjes", "wallen", "zwelling", "droogheid"}
    assert all(n.waarom for n in k.fasewiel.neutrale_signalen)


# --- huid en zenuwstelsel ---------------------------------------------------------------------
def test_neurotransmitter_table(k: Knowledge) -> None:
    assert [n.id for n in k.neurotransmitters] == ["serotonine", "dopamine", "noradrenaline", "oxytocine"]
    for n in k.neurotransmitters:
        assert all((n.rol, n.effect_huid, n.tekort, n.zichtbaar, n.toelichting))
    assert k.neurotransmitter("Noradrenaline").zichtbaar == "Vale teint, grauwheid, couperose, grillige doorbloeding"
    assert "5-HT2A" in k.neurotransmitter("serotonine").effect_huid
    assert k.neurotransmitter("adrenaline") is None


def test_autonomic_nervous_system(k: Knowledge) -> None:
    parts = {o.id: o.rol for o in k.zenuwstelsel_onderdelen}
    assert parts == {"sympathisch": "het gaspedaal", "parasympathisch": "de rem", "nervus_vagus": "de boodschapper"}
    assert "rem" in k.zenuwstelsel.praktisch


def test_network_and_messengers(k: Knowledge) -> None:
    assert [o.id for o in k.netwerk.onderdelen] == ["brein", "huid", "darmen", "immuunsysteem"]
    assert "90%" in k.netwerk.onderdelen[2].rol
    assert "neuro-immuno-cutaan" in k.netwerk.samenvatting
    assert [o.id for o in k.boodschappers.onderdelen] == ["neurotransmitters", "hormonen"]


def test_touch_microbiome_plasticity_devices(k: Knowledge) -> None:
    assert "C-tactiele (CT)" in k.aanraking.punten[0]
    assert any("insula" in p for p in k.aanraking.punten)
    assert "neurobiologische noodzaak" in k.aanraking.praktisch
    assert "ecosysteem" in k.microbioom.tekst and len(k.microbioom.punten) == 3
    assert "plasticiteit" in k.plasticiteit.tekst and "leervermogen" in k.plasticiteit.praktisch
    assert "microschade" in k.aanraking_vs_apparaten.tekst
    assert "herstelstand" in k.aanraking_vs_apparaten.punten[0]
    assert k.huid.besluit.punten[0] == "Het fasewiel geeft taal en richting"


# --- gezichtsmassage --------------------------------------------------------------------------
def test_massage_effects(k: Knowledge) -> None:
    effects = {e.id: e for e in k.massage_effecten}
    assert set(effects) == {"doorbloeding", "lymfedrainage", "stress"}
    assert "cortisol" in effects["stress"].tekst
    assert any("hals en sleutelbeen" in t for t in (effects["lymfedrainage"].tekst, *effects["lymfedrainage"].punten))


def test_techniques_with_purpose_how_and_caution(k: Knowledge) -> None:
    assert [t.id for t in k.technieken] == ["effleurage", "kneden", "pompmassage", "gua_sha", "acupressuur", "microcurrent"]
    for t in k.technieken:
        assert t.voor and t.hoe and t.let_op and t.bron == "gezichtsmassage"
    assert "blauwe plekken" in " ".join(k.technique("gua sha").let_op)
    assert "kaak en slapen" in k.technique("acupressuur").voor


@pytest.mark.parametrize(("name", "technique"), [
    ("gezichtsmassage", "effleurage"), ("gua_sha", "gua_sha"), ("Jade-roller", "gua_sha"),
    ("lymfedrainage", "pompmassage"), ("acupressuur", "acupressuur"), ("microcurrent", "microcurrent"),
    ("kneden", "kneden"),
])
def test_technique_lookup(k: Knowledge, name: str, technique: str) -> None:
    assert k.technique(name).id == technique


def test_every_massage_treatment_has_a_technique(k: Knowledge) -> None:
    for behandeling in ("gezichtsmassage", "gua_sha", "lymfedrainage", "acupressuur", "microcurrent"):
        assert k.techniques_for(behandeling)
    assert k.technique("sauna") is None


@pytest.mark.parametrize(("huidtype", "expected"), [
    ("droog", {"argan", "jojoba", "squalane", "hyaluronzuur"}),
    ("rijp", {"argan", "jojoba", "squalane", "hyaluronzuur"}),
    ("vet", {"lichte formules", "niet-comedogene oliën", "niacinamide", "salicylzuur"}),
    ("acnegevoelig", {"lichte formules", "niet-comedogene oliën", "niacinamide", "salicylzuur"}),
    ("gevoelig", {"hypoallergene serums"}),
    ("normaal", set()),
    ("gemengd", set()),
])
def test_oils_and_serums_per_skin_type(k: Knowledge, huidtype: str, expected: set[str]) -> None:
    care = k.skin_care(huidtype)
    assert set(care.olien) | set(care.serums) == expected
    assert care.tips


def test_sensitive_skin_advice(k: Knowledge) -> None:
    tips = " ".join(k.skin_care("gevoelig").tips)
    assert "hypoallergene" in tips and "fragrance-free" in tips and "patchtest" in tips
    assert k.skin_care("onbekend") is None


def test_hygiene(k: Knowledge) -> None:
    text = " ".join(t.tekst for t in k.hygiene)
    for phrase in ("schone handen", "antibacteriële reiniger", "patchtest", "hals en het sleutelbeen", "juiste druk"):
        assert phrase in text


def test_frequency_duration_best_time(k: Knowledge) -> None:
    f = k.frequentie
    assert (f.thuis.keer_per_week_min, f.thuis.keer_per_week_max, f.thuis.minuten_min, f.thuis.minuten_max) == (2, 4, 3, 10)
    assert (f.salon.minuten_min, f.salon.minuten_max) == (30, 75)
    assert (f.kuur.weken_min, f.kuur.weken_max) == (6, 8)
    assert [b.moment for b in f.beste_tijd] == ["avond", "ochtend"]


def test_salon_courses_audience_expectations(k: Knowledge) -> None:
    assert "6–8 weken" in k.salonkuren.tekst
    assert any("lavendel" in p for p in k.salonkuren.punten)
    assert [v.id for v in k.voor_wie] == ["volwassenen", "ouderen", "vochtophoping", "kaakspanning"]
    assert "directe glow" in k.verwachtingen.tekst
    assert any("vervangt geen medische behandeling" in p for p in k.verwachtingen.punten)
    assert "Nederland" in k.massage.doelgroep.tekst
    assert "microcurrent" in k.massage.professional.tekst


def test_all_faq_questions_with_answers(k: Knowledge) -> None:
    assert [f.vraag for f in k.faq] == FAQ_QUESTIONS
    assert all(len(f.antwoord) > 80 for f in k.faq)


def test_all_brands(k: Knowledge) -> None:
    assert [m.naam for m in k.merken] == BRANDS
    assert "fragrance-free" in k.massage.merken.gevoelige_huid


def test_tools(k: Knowledge) -> None:
    assert {h.id for h in k.hulpmiddelen} == {"gua_sha", "jade_roller", "microcurrent", "vibrerende_massager"}


# --- microneedling ----------------------------------------------------------------------
def test_microneedling_sections(k: Knowledge) -> None:
    mn = k.microneedling
    assert "ultrafijne naaldjes" in mn.wat_is.tekst and "collageen en elastine" in mn.wat_is.tekst
    assert [g.id for g in mn.voor_wie.groepen] == ["lijntjes_rimpels", "littekens", "grove_porien",
                                                   "hyperpigmentatie", "huidverslapping"]
    assert "alle leeftijden" in mn.voor_wie.algemeen
    assert "verdovende crème" in mn.werking.punten[0]
    assert (mn.duur.minuten_min, mn.duur.minuten_max) == (30, 60)
    assert (mn.sessies.interval_weken_min, mn.sessies.interval_weken_max) == (4, 6)
    assert [v.id for v in mn.voordelen] == ["collageen", "huidtextuur", "porien", "natuurlijk", "huidtypes"]
    assert mn.herstel.roodheid_dagen_max == 2
    assert any("zonnebrandcrème" in p for p in mn.herstel.punten)
    differences = " ".join(mn.verschillen.punten)
    for phrase in ("hitte of chemicaliën", "hyperpigmentatie", "donkere huid", "hersteltijd"):
        assert phrase in differences
    assert "laserbehandelingen of chemische peelings" in mn.verschillen.tekst


def test_microneedling_groups_use_repair_signals(k: Knowledge) -> None:
    signals = {s for g in k.microneedling.voor_wie.groepen for s in g.signalen}
    assert signals <= set(k.phase("repair").signaalwaarden)


# --- ingredients index -------------------------------------------------------------------
def test_every_phase_ingredient_is_in_the_index(k: Knowledge) -> None:
    for fase in k.fasen:
        for item in fase.ingredienten:
            for sleutel in item.sleutels:
                info = k.ingredient_index[sleutel]
                assert fase.id in info.fasen and item.doel in info.doelen


@pytest.mark.parametrize(("name", "key", "phases"), [
    ("niacinamide", "niacinamide", ("reset", "activate", "repair")),
    ("retinol", "retinoiden", ("repair",)),
    ("Vitamine C", "vitamine_c", ("activate", "repair")),
    ("hyaluronzuur", "hyaluronzuur", ("repair", "radiance")),
    ("squalane", "squalane", ("radiance", "sustain")),
    ("ceramiden", "ceramiden", ("repair", "sustain")),
    ("antioxidanten", "antioxidanten", ("radiance", "sustain")),
    ("probiotica", "pre_en_probiotica", ("sustain",)),
    ("argan", "argan", ()),
    ("jojoba olie", "jojoba", ()),
    ("salicylzuur", "salicylzuur", ()),
    ("lavendel", "lavendel", ()),
])
def test_ingredient_lookup(k: Knowledge, name: str, key: str, phases: tuple[str, ...]) -> None:
    info = k.ingredient(name)
    assert info.sleutel == key
    assert info.fasen == phases
    assert info.doelen and info.bronnen


def test_massage_ingredients_carry_their_skin_types(k: Knowledge) -> None:
    hyaluron = k.ingredient("hyaluronzuur")
    assert "gezichtsmassage" in hyaluron.bronnen
    assert any(set(g.huidtypes) == {"droog", "rijp"} for g in hyaluron.gebruik)
    assert k.ingredient("kokosolie") is None


# --- contraindications ------------------------------------------------------------------
def test_contraindications_exactly_as_the_contract(k: Knowledge) -> None:
    assert [c.id for c in k.contra.contra_indicaties] == CONTRACT["contra_indicatie"]
    assert k.contra_indicatie("recente_ingreep").bron == ("gezichtsmassage", "microneedling")
    with pytest.raises(KeyError):
        k.contra_indicatie("zonnebrand")


# --- verbatim against the seed files (skipped when the seeds are not on this machine) -------
def test_verbatim_fasewiel(k: Knowledge, seed_text, normalize) -> None:
    seed = seed_text("whitepaper_fasewiel")
    texts = [k.fasewiel.fasewiel.geen_foute_fase]
    for fase in k.fasen:
        texts += [fase.kernboodschap, fase.zorg.leefstijl, fase.zorg.ritueel, fase.zorg.behandeling, fase.titel]
        texts += [f"{i.naam} – {i.doel}" for i in fase.ingredienten]
    texts += [r.tekst for r in (*k.professionals, *k.consumenten)]
    for n in k.neurotransmitters:
        texts += [n.rol, n.effect_huid, n.tekort, n.zichtbaar]
    texts += list(k.aanraking.punten) + list(k.microbioom.punten) + [k.aanraking_vs_apparaten.tekst]
    assert [t for t in texts if normalize(t) not in seed] == []


def test_verbatim_faq_and_brands(k: Knowledge, seed_text, normalize) -> None:
    seed = seed_text("gezichtsmassage")
    for f in k.faq:
        assert normalize(f.vraag) in seed and normalize(f.antwoord) in seed, f.id
    for m in k.merken:
        assert normalize(m.naam) in seed
    questions = re.findall(r"(?:^|(?<=\. ))([A-Z][^.?]*\?)", seed.split(" FAQ ")[1])
    assert len([q for q in questions if q in [normalize(f.vraag) for f in k.faq]]) == len(k.faq) == 12


def test_verbatim_microneedling(k: Knowledge, seed_text, normalize) -> None:
    seed = seed_text("microneedling")
    mn = k.microneedling
    texts = [mn.wat_is.tekst, mn.duur.tekst, mn.sessies.tekst, mn.voor_wie.algemeen]
    texts += [g.tekst for g in mn.voor_wie.groepen] + [v.tekst for v in mn.voordelen] + list(mn.herstel.punten)
    assert [t for t in texts if normalize(t) not in seed] == []
