"""The loader: every file validated, errors name the file and the field, loaded once."""
from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.knowledge import Knowledge, KnowledgeError, load_knowledge
from bot.knowledge.loader import FILES, KNOWLEDGE_DIR, SCHEMA_DIR, display_path, field_path
from bot.replies.texts import TEXTS_DIR

# salon/profiel.yml and salon/teksten.yml (the salon owner's files) have schemas of their own names.
SALON_SCHEMAS = ("profiel", "salon_teksten")


def load_error(directory: Path) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(directory)
    return info.value


def test_real_knowledge_loads_and_is_cached() -> None:
    k = load_knowledge()
    assert isinstance(k, Knowledge)
    assert load_knowledge() is k
    assert load_knowledge(KNOWLEDGE_DIR) is k
    assert load_knowledge(str(KNOWLEDGE_DIR)) is k


def test_copy_loads_too(kdir: Path) -> None:
    assert load_knowledge(kdir).contract == load_knowledge().contract


def test_every_data_file_has_a_valid_schema_and_vice_versa() -> None:
    knowledge = {p.stem for p in KNOWLEDGE_DIR.glob("*.yml")}
    assert knowledge == set(FILES)
    data = knowledge | {p.stem for p in TEXTS_DIR.glob("*.yml")} | set(SALON_SCHEMAS)
    schemas = {p.name[: -len(".schema.yml")] for p in SCHEMA_DIR.glob("*.schema.yml") if not p.name.startswith("_")}
    assert data == schemas
    for name in schemas:
        schema = yaml.safe_load((SCHEMA_DIR / f"{name}.schema.yml").read_text(encoding="utf-8"))
        schema["$defs"] = {**yaml.safe_load((SCHEMA_DIR / "_gemeenschappelijk.schema.yml").read_text())["$defs"],
                           **schema.get("$defs", {})}
        jsonschema.Draft202012Validator.check_schema(schema)


def test_display_path_is_relative_to_the_repository() -> None:
    assert display_path(KNOWLEDGE_DIR / "fasewiel.yml") == "bot/knowledge/fasewiel.yml"
    assert display_path(Path("/elders/x.yml")) == "/elders/x.yml"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [(["fasen", 2, "ingredienten", 0, "doel"], "fasen[2].ingredienten[0].doel"), ([], "(root)"), ([3], "[3]")],
)
def test_field_path(parts: list, expected: str) -> None:
    assert field_path(parts) == expected


def test_missing_required_field_names_file_and_field(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "fasewiel.yml", lambda d: d["fasen"][2]["ingredienten"][0].pop("doel"))
    error = load_error(kdir)
    assert str(error).splitlines()[0] == (
        f"{kdir}/fasewiel.yml: fasen[2].ingredienten[0].doel: 'doel' is a required property"
    )
    assert (error.file, error.field) == (f"{kdir}/fasewiel.yml", "fasen[2].ingredienten[0].doel")


def test_wrong_type_names_the_field(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "microneedling.yml", lambda d: d["duur"].__setitem__("minuten_min", "dertig"))
    error = load_error(kdir)
    assert error.file.endswith("microneedling.yml")
    assert error.field == "duur.minuten_min"
    assert "'dertig' is not of type 'integer'" in error.message


def test_unexpected_field_is_named(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "gezichtsmassage.yml", lambda d: d["faq"][3].__setitem__("antwort", "typo"))
    error = load_error(kdir)
    assert error.field == "faq[3].antwort"
    assert "unexpected" in error.message


def test_empty_text_is_rejected(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "huid_zenuwstelsel.yml", lambda d: d["neurotransmitters"][1].__setitem__("tekort", ""))
    assert load_error(kdir).field == "neurotransmitters[1].tekort"


def test_unknown_level_in_a_rule_is_rejected(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "contra_indicaties.yml", lambda d: d["regels"][0].__setitem__("niveau", "misschien"))
    error = load_error(kdir)
    assert error.file.endswith("contra_indicaties.yml")
    assert error.field == "regels[0].niveau"


def test_ingreep_rule_without_windows_is_rejected(kdir: Path, edit_yaml) -> None:
    def change(d: dict) -> None:
        rule = next(r for r in d["regels"] if r["soort"] == "ingreep")
        del rule["vensters"]
    edit_yaml(kdir / "contra_indicaties.yml", change)
    assert load_error(kdir).field.endswith(".vensters")


def test_all_problems_are_listed(kdir: Path, edit_yaml) -> None:
    def change(d: dict) -> None:
        d["fasen"][0].pop("kernboodschap")
        d["fasen"][4].pop("zenuwstelsel")
    edit_yaml(kdir / "fasewiel.yml", change)
    message = str(load_error(kdir))
    assert "fasen[0].kernboodschap" in message and "fasen[4].zenuwstelsel" in message


def test_missing_file(kdir: Path) -> None:
    (kdir / "teksten.yml").unlink()
    error = load_error(kdir)
    assert error.file == f"{kdir}/teksten.yml"
    assert "not found" in error.message


def test_invalid_yaml_names_file_and_line(kdir: Path) -> None:
    (kdir / "taal.yml").write_text("tijd:\n  getallen: [een, twee\n", encoding="utf-8")
    error = load_error(kdir)
    assert error.file.endswith("taal.yml")
    assert error.field.startswith("line ")
    assert "invalid YAML" in error.message


# --- cross-file checks ---------------------------------------------------------------
def test_unknown_seed_id(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "gezichtsmassage.yml", lambda d: d["technieken"][3].__setitem__("bron", "tiktok"))
    error = load_error(kdir)
    assert (error.field, error.message) == ("technieken[3].bron", "unknown seed id 'tiktok' (not in bronnen.yml)")


def test_unknown_signal_in_a_phase(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "fasewiel.yml", lambda d: d["fasen"][1]["signalen"][0].__setitem__("signaal", "dofheid"))
    error = load_error(kdir)
    assert error.field == "fasen[1].signalen[0].signaal"
    assert "not a contract signal" in error.message


def test_signal_in_two_phases(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "fasewiel.yml",
              lambda d: d["fasen"][3]["signalen"].append({"signaal": "jeuk", "bron": "whitepaper_fasewiel"}))
    error = load_error(kdir)
    assert error.field == "fasen[3].signalen[3].signaal"
    assert "already belongs to reset" in error.message


def test_contract_signal_left_out(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "fasewiel.yml", lambda d: d["neutrale_signalen"].pop())
    error = load_error(kdir)
    assert error.field == "neutrale_signalen" and "droogheid" in error.message


def test_unknown_ingredient_key(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "fasewiel.yml", lambda d: d["fasen"][2]["ingredienten"][4]["sleutels"].__setitem__(0, "retinol"))
    error = load_error(kdir)
    assert error.field == "fasen[2].ingredienten[4].sleutels[0]"
    assert "not an ingredient" in error.message


def test_phase_list_must_match_the_contract(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "fasewiel.yml", lambda d: d["voorrang"].remove("sustain"))
    error = load_error(kdir)
    assert error.field == "voorrang" and "sustain" in error.message


def test_every_contraindication_needs_a_rule(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "contra_indicaties.yml",
              lambda d: d.__setitem__("regels", [r for r in d["regels"] if r["contra_indicatie"] != "open_wond"]))
    error = load_error(kdir)
    assert error.field == "regels" and "open_wond" in error.message


def test_rule_with_unknown_verzoek(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "contra_indicaties.yml", lambda d: d["regels"][1]["verzoeken"].append("sauna"))
    error = load_error(kdir)
    assert error.field == "regels[1].verzoeken[3]" and "'sauna'" in error.message


def test_rule_template_with_unknown_placeholder(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "contra_indicaties.yml", lambda d: d["regels"][0].__setitem__("reden", "Na {behandeling} niet."))
    error = load_error(kdir)
    assert error.field == "regels[0].reden" and "behandeling" in error.message


def test_windows_must_increase(kdir: Path, edit_yaml) -> None:
    def change(d: dict) -> None:
        rule = next(r for r in d["regels"] if r["naam"] == "recente_ingreep")
        rule["vensters"].reverse()
    edit_yaml(kdir / "contra_indicaties.yml", change)
    assert load_error(kdir).message == "tot_dagen must increase"


def test_synonyms_must_cover_every_condition(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "synoniemen.yml", lambda d: d["aandoening"].pop("trombose"))
    error = load_error(kdir)
    assert error.file.endswith("synoniemen.yml") and "trombose" in error.message


def test_label_missing_for_a_signal(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "teksten.yml", lambda d: d["signaal_labels"].pop("glans"))
    error = load_error(kdir)
    assert error.field == "signaal_labels" and "glans" in error.message


def test_unknown_skin_type(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "gezichtsmassage.yml", lambda d: d["huidverzorging"][0].__setitem__("huidtype", "dor"))
    error = load_error(kdir)
    assert error.field == "huidverzorging" and "dor" in error.message


def test_technique_must_map_to_a_contract_treatment(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "gezichtsmassage.yml", lambda d: d["technieken"][0].__setitem__("behandeling", "effleurage"))
    assert load_error(kdir).field == "technieken[0].behandeling"
