"""Checks on the NLU training data (data/nlu) and the held-out set (tests/nlu).

Fast (no training): counts per intent, overlap between intents and between
training and held-out data, entity names and canonical values of
../shared/spec/conversation-contract.md (copied below, so the test runs
without the shared folder; when the contract file is present it is checked
against this copy).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from bot.rules.spelling import is_dutch_word

ROOT = Path(__file__).resolve().parents[1]
NLU_DIR = ROOT / "data" / "nlu"
HELD_OUT = ROOT / "tests" / "nlu" / "test_nlu.yml"
OOS_HELD_OUT = ROOT / "tests" / "nlu" / "out_of_scope_heldout.yml"
MED_HELD_OUT = ROOT / "tests" / "nlu" / "medicatie_heldout.yml"
TYPO_HELD_OUT = ROOT / "tests" / "nlu" / "typos_heldout.yml"
CONTRACT = ROOT.parent / "shared" / "spec" / "conversation-contract.md"

CONCERN_INTENTS = [
    "wallen", "acne", "stress", "na_peeling", "roodheid_gevoeligheid",
    "vale_huid", "lijntjes_littekens", "onderhoud",
]
KNOWLEDGE_INTENTS = [
    "gezichtsmassage_info", "massage_techniek", "microneedling_info",
    "frequentie_duur", "producten_advies", "ingredient_info", "fase_bepalen",
    "medische_situatie", "afspraak_maken", "salon_info",
]
CONVERSATION_INTENTS = [
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "help",
    "inform", "out_of_scope",
]
OWN_INTENTS = ["andere_taal", "fasewiel_info", "huid_info", "dringend", "gegevens_wissen"]
CONTRACT_INTENTS = CONCERN_INTENTS + KNOWLEDGE_INTENTS + CONVERSATION_INTENTS
ALL_INTENTS = CONTRACT_INTENTS + OWN_INTENTS

# Entities with a closed set of canonical values (contract, "Entities").
CANONICAL = {
    "signaal": [
        "roodheid", "jeuk", "branderigheid", "opvlamming", "gevoeligheid",
        "vale_teint", "spanning", "fijne_lijntjes", "rimpels", "littekens",
        "verslapping", "grove_porien", "pigmentvlekken", "puistjes", "wallen",
        "zwelling", "droogheid", "glans",
    ],
    "behandeling": [
        "chemische_peeling", "laser", "injectables", "microneedling",
        "gezichtsmassage", "gua_sha", "lymfedrainage", "acupressuur", "microcurrent",
    ],
    "aandoening": [
        "actieve_infectie", "eczeem", "psoriasis", "rosacea", "couperose",
        "open_wond", "trombose", "auto_immuunziekte",
    ],
    "medicatie": ["bloedverdunners"],
    "huidtype": ["droog", "vet", "gemengd", "normaal", "gevoelig", "rijp", "acnegevoelig"],
}
FREE_TEXT = ["ingredient", "tijdsduur"]
ENTITIES = list(CANONICAL) + FREE_TEXT
# Ingredients of the seed documents that the training data must cover.
SEED_INGREDIENTS = [
    "niacinamide", "beta-glucan", "ectoin", "panthenol", "haverextract",
    "algenextract", "fruitenzymen", "vitamine c", "groene thee", "peptiden",
    "ceramiden", "hyaluronzuur", "retinol", "squalane", "fermentextract",
    "polyfenolen", "antioxidanten", "adaptogenen", "spf", "probiotica",
    "salicylzuur", "argan", "jojoba",
]

MIN_TRAINING = {**{i: 40 for i in CONCERN_INTENTS + KNOWLEDGE_INTENTS},
                **{i: 20 for i in CONVERSATION_INTENTS + OWN_INTENTS}}
MIN_HELD_OUT = 15
# out_of_scope is a small typical set; the rest goes to the fallback (issue 11).
MAX_OUT_OF_SCOPE = 130
MIN_OOS_HELD_OUT = 60

_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<short>[^)]+)\)|\{(?P<json>[^}]*)\})")


# ------------------------------------------------------------------ helpers
def _parse_example(raw: str) -> tuple[str, list[dict]]:
    """Plain text and entities (entity, value, text) of one annotated example."""
    entities, plain, pos = [], [], 0
    for m in _ANNOTATION.finditer(raw):
        plain.append(raw[pos:m.start()])
        text = m.group("text")
        if m.group("short"):
            name, _, value = m.group("short").partition(":")
            ent = {"entity": name, "value": value or text}
        else:
            ent = json.loads("{" + m.group("json") + "}")
            ent.setdefault("value", text)
        ent["text"] = text
        entities.append(ent)
        plain.append(text)
        pos = m.end()
    plain.append(raw[pos:])
    return "".join(plain), entities


def normalise(raw: str) -> str:
    """Lower case, entity markup removed, punctuation and emojis dropped."""
    text, _ = _parse_example(raw)
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def _load(path: Path) -> list[dict]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []


def _examples(items: list[dict]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        if "intent" in item:
            for line in str(item["examples"]).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    out.append((item["intent"], line[2:].strip()))
    return out


@pytest.fixture(scope="module")
def training_items() -> list[dict]:
    items = []
    for path in sorted(NLU_DIR.glob("*.yml")):
        items.extend(_load(path))
    return items


@pytest.fixture(scope="module")
def training(training_items) -> list[tuple[str, str]]:
    return _examples(training_items)


@pytest.fixture(scope="module")
def held_out() -> list[tuple[str, str]]:
    return _examples(_load(HELD_OUT))


@pytest.fixture(scope="module")
def synonyms(training_items) -> dict[str, str]:
    mapping = {}
    for item in training_items:
        if "synonym" in item:
            for line in str(item["examples"]).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    mapping[line[2:].strip().lower()] = str(item["synonym"])
    return mapping


# -------------------------------------------------------------------- tests
def test_every_intent_present_with_enough_examples(training):
    counts = Counter(intent for intent, _ in training)
    too_few = {i: counts[i] for i, n in MIN_TRAINING.items() if counts[i] < n}
    assert not too_few, f"intents below their minimum number of examples: {too_few}"


def test_only_known_intents(training, held_out):
    unknown = {i for i, _ in training + held_out} - set(ALL_INTENTS)
    assert not unknown, f"intents outside the contract and domain: {unknown}"


def test_intents_match_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    names = {i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents", [])}
    assert set(ALL_INTENTS) <= names, f"missing in domain.yml: {set(ALL_INTENTS) - names}"
    assert set(ENTITIES) <= set(domain.get("entities", []))


def test_no_example_in_two_intents(training):
    where = defaultdict(set)
    for intent, raw in training:
        where[normalise(raw)].add(intent)
    clashes = {text: sorted(i) for text, i in where.items() if len(i) > 1}
    assert not clashes, f"examples in more than one intent: {clashes}"


def test_no_duplicate_examples(training):
    counts = Counter(normalise(raw) for _, raw in training)
    assert not [t for t, n in counts.items() if n > 1]


def test_held_out_has_every_intent(held_out):
    counts = Counter(intent for intent, _ in held_out)
    too_few = {i: counts[i] for i in ALL_INTENTS if counts[i] < MIN_HELD_OUT}
    assert not too_few, f"held-out set needs >= {MIN_HELD_OUT} per intent: {too_few}"


def test_held_out_not_in_training(training, held_out):
    seen = {normalise(raw) for _, raw in training}
    leaked = [raw for _, raw in held_out if normalise(raw) in seen]
    assert not leaked, f"held-out examples that are also training data: {leaked}"


def test_entities_are_known(training, held_out):
    bad = []
    for intent, raw in training + held_out:
        for ent in _parse_example(raw)[1]:
            if ent["entity"] not in ENTITIES or "role" in ent or "group" in ent:
                bad.append((intent, raw))
    assert not bad, f"unknown entity names (or roles/groups, which we do not use): {bad}"


def test_annotated_values_are_canonical(training, held_out, synonyms):
    bad = []
    for _intent, raw in training + held_out:
        for ent in _parse_example(raw)[1]:
            value = synonyms.get(str(ent["value"]).lower(), ent["value"])
            if ent["entity"] in CANONICAL and value not in CANONICAL[ent["entity"]]:
                bad.append((ent["entity"], ent["text"], value))
            if ent["entity"] == "ingredient" and value != value.lower():
                bad.append((ent["entity"], ent["text"], value))
    assert not bad, f"entity values that are not canonical after synonym mapping: {bad}"


def test_every_canonical_value_is_trained(training, synonyms):
    used = defaultdict(set)
    for _, raw in training:
        for ent in _parse_example(raw)[1]:
            used[ent["entity"]].add(synonyms.get(str(ent["value"]).lower(), ent["value"]))
    missing = {
        name: sorted(set(values) - used[name]) for name, values in CANONICAL.items()
        if set(values) - used[name]
    }
    missing_ingredients = sorted(set(SEED_INGREDIENTS) - used["ingredient"])
    assert not missing, f"canonical values never annotated in training: {missing}"
    assert not missing_ingredients, f"seed ingredients never annotated: {missing_ingredients}"
    assert used["tijdsduur"], "no tijdsduur annotated"


def test_synonym_targets_are_canonical(synonyms):
    closed = {v for values in CANONICAL.values() for v in values}
    ingredient_like = [t for t in set(synonyms.values()) if t not in closed]
    assert all(t == t.lower() for t in ingredient_like), ingredient_like
    # a free-text target must not look like a misspelt closed value
    assert not [t for t in ingredient_like if t.replace(" ", "_") in closed]


def test_surface_form_maps_to_one_value(training_items):
    """The synonym mapper matches text only: one surface form, one value."""
    targets = defaultdict(set)
    for item in training_items:
        if "synonym" in item:
            for line in str(item["examples"]).splitlines():
                if line.strip().startswith("- "):
                    targets[line.strip()[2:].strip().lower()].add(item["synonym"])
    for _, raw in _examples(training_items):
        for ent in _parse_example(raw)[1]:
            targets[ent["text"].lower()].add(ent["value"] if ent["value"] != ent["text"]
                                             else ent["text"].lower())
    conflicts = {}
    for text, values in targets.items():
        values = {v for v in values if v != text}
        if len(values) > 1:
            conflicts[text] = sorted(values)
    assert not conflicts, f"surface forms mapped to more than one value: {conflicts}"


def test_negated_mentions_are_annotated(training):
    """Negation is left to the dialogue (bot.rules.negation): the entity must still be
    extracted, so negated examples exist and carry a plain annotation."""
    negated = [
        raw for _, raw in training
        if re.search(r"\b(geen|nooit|niet)\b[^\[]{0,20}\[[^\]]+\]\((aandoening|medicatie)\)", raw)
    ]
    assert len(negated) >= 10, negated


def test_regex_and_lookups_present(training_items):
    regexes = [i for i in training_items if "regex" in i]
    lookups = {i["lookup"] for i in training_items if "lookup" in i}
    assert any(r["regex"] == "tijdsduur" for r in regexes)
    assert {"ingredient", "medicatie"} <= lookups
    for r in regexes:
        for line in str(r["examples"]).splitlines():
            if line.strip().startswith("- "):
                re.compile(line.strip()[2:])


def test_contract_copy_is_current():
    if not CONTRACT.is_file():
        pytest.skip("shared contract not available")
    text = CONTRACT.read_text(encoding="utf-8")
    for intent in CONTRACT_INTENTS:
        assert f"`{intent}`" in text, intent
    for values in CANONICAL.values():
        for value in values:
            assert value in text, value


def test_out_of_scope_is_small_and_typical(training):
    n = sum(1 for intent, _ in training if intent == "out_of_scope")
    assert 40 <= n <= MAX_OUT_OF_SCOPE, f"out_of_scope has {n} examples (keep 40..{MAX_OUT_OF_SCOPE})"


def test_out_of_scope_held_out_list(training):
    lines = _examples(_load(OOS_HELD_OUT))
    assert len(lines) >= MIN_OOS_HELD_OUT
    assert {i for i, _ in lines} == {"out_of_scope"}
    seen = {normalise(raw) for _, raw in training}
    leaked = [raw for _, raw in lines if normalise(raw) in seen]
    assert not leaked, f"held-out out-of-scope lines that are training data: {leaked}"
    assert len({normalise(raw) for _, raw in lines}) == len(lines), "duplicates in the list"


def test_typo_held_out_list_is_in_scope_and_misspelt(training) -> None:
    """Most lines have a word that neither a training line nor the Dutch word list knows; the rest
    misspell into a word that exists ("betekend", "grouw") or that a training line has too."""
    lines = _examples(_load(TYPO_HELD_OUT))
    assert len(lines) >= 50
    assert not {i for i, _ in lines} - set(ALL_INTENTS) and "out_of_scope" not in {i for i, _ in lines}
    seen = {normalise(raw) for _, raw in training}
    assert not [raw for _, raw in lines if normalise(raw) in seen]
    words = set(" ".join(normalise(raw) for _, raw in training).split())
    no_typo = [raw for _, raw in lines
               if all(w in words or is_dutch_word(w) for w in re.findall(r"[a-z]+", normalise(raw)))]
    assert len(no_typo) <= len(lines) // 5, no_typo


def test_medicatie_held_out_names_not_in_training_lines(training):
    names = set()
    for _, raw in _examples(_load(MED_HELD_OUT)):
        names.update(e["text"].lower() for e in _parse_example(raw)[1] if e["entity"] == "medicatie")
    assert len(names) >= 20
    trained = {e["text"].lower() for _, raw in training for e in _parse_example(raw)[1]}
    words = " ".join(normalise(raw) for _, raw in training).split()
    assert not names & trained, names & trained
    assert not [n for n in names if n in words], [n for n in names if n in words]


def test_existing_appointment_is_salon_info(training):
    """Labelling rule (data/nlu/README.md): cancelling, moving or being late for an
    appointment you already have is salon_info; afspraak_maken is a new booking or a person."""
    pattern = re.compile(r"\b(annuleer\w*|annuleren|verzet\w*|verplaats\w*|afzeg\w*|zeg\w* af|omzetten)\b")
    wrong = [raw for intent, raw in training if intent == "afspraak_maken" and pattern.search(normalise(raw))]
    assert not wrong, wrong


def test_signaal_and_huidtype_lookups_follow_the_synonyms(training_items, synonyms):
    """lookups.yml's signaal/huidtype lists are generated from synoniemen.yml (CRF features)."""
    lookups = {i["lookup"]: {line.strip()[2:].strip().lower() for line in str(i["examples"]).splitlines()
                             if line.strip().startswith("- ")}
               for i in training_items if "lookup" in i}
    for entity in ("signaal", "huidtype"):
        forms = {f for f, v in synonyms.items() if v in CANONICAL[entity]}
        missing = sorted(forms - lookups.get(entity, set()))
        assert not missing, f"add to lookup {entity} in lookups.yml: {missing}"
