"""Read, validate and build the knowledge: YAML file -> JSON schema -> cross-checks -> dataclasses.

Reading and schema checks are the one data loader's (bot/datafiles.py); this module adds
the cross-file checks and builds the frozen model. Every problem raises KnowledgeError
(a DataFileError) naming the file and the field path.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.datafiles import (
    SCHEMA_DIR,
    DataFileError,
    display_path,
    field_path,
    raise_problems,
    read_yaml,
    schema_problems,
)
from bot.knowledge.convert import build, convert
from bot.knowledge.crosscheck import Problem, crosscheck, ingredient_sources
from bot.knowledge.knowledge_base import Knowledge
from bot.knowledge.model import (
    Bron,
    Contract,
    ContraIndicaties,
    Fasewiel,
    Gezichtsmassage,
    HuidZenuwstelsel,
    IngredientEntry,
    Microneedling,
    Synoniemen,
    Taal,
    Teksten,
    Vraag,
    VraagKnop,
    Vragen,
)

KNOWLEDGE_DIR = Path(__file__).resolve().parent
FILES = (
    "bronnen", "contract", "fasewiel", "huid_zenuwstelsel", "gezichtsmassage",
    "microneedling", "ingredienten", "contra_indicaties", "taal", "synoniemen", "teksten", "vragen",
)
__all__ = ["FILES", "KNOWLEDGE_DIR", "SCHEMA_DIR", "display_path", "field_path", "load_knowledge"]


def load_knowledge(directory: str | Path | None = None) -> Knowledge:
    """Load, validate and cache the knowledge in `directory` (default: bot/knowledge/)."""
    return _load(Path(directory).resolve() if directory else KNOWLEDGE_DIR)


@lru_cache(maxsize=8)
def _load(directory: Path) -> Knowledge:
    raw = {}
    for name in FILES:
        path = directory / f"{name}.yml"
        raw[name] = read_yaml(path)
        raise_problems(path, schema_problems(raw[name], name))
    _raise_crosscheck(directory, crosscheck(raw))
    return _build(raw)


def _raise_crosscheck(directory: Path, problems: list[Problem]) -> None:
    if not problems:
        return
    lines = [f"{display_path(directory / f'{p.file}.yml')}: {p.field}: {p.message}" for p in problems]
    first = problems[0]
    raise DataFileError(display_path(directory / f"{first.file}.yml"), first.field, first.message, tuple(lines[1:]))


def _build(raw: dict[str, Any]) -> Knowledge:
    return Knowledge(
        bronnen=MappingProxyType({k: Bron(id=k, **v) for k, v in raw["bronnen"]["bronnen"].items()}),
        contract=build(Contract, raw["contract"]),
        fasewiel=build(Fasewiel, raw["fasewiel"]),
        huid=build(HuidZenuwstelsel, raw["huid_zenuwstelsel"]),
        massage=build(Gezichtsmassage, raw["gezichtsmassage"]),
        microneedling=build(Microneedling, raw["microneedling"]),
        ingredienten=convert(tuple[IngredientEntry, ...], raw["ingredienten"]["ingredienten"]),
        contra=build(ContraIndicaties, raw["contra_indicaties"]),
        taal=build(Taal, raw["taal"]),
        synoniemen=build(Synoniemen, raw["synoniemen"]),
        teksten=build(Teksten, raw["teksten"]),
        vragen=_build_vragen(raw),
    )


def _bronnen(value: str | list[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def _build_vragen(raw: dict[str, Any]) -> Vragen:
    """vragen.yml, plus one generated answer per ingredient (`ingredient.<sleutel>`)."""
    data = raw["vragen"]
    knoppen = convert(tuple[VraagKnop, ...], data["ingredient_knoppen"])
    vragen = [build(Vraag, {**v, "bron": _bronnen(v["bron"]), "ook_bij": v.get("ook_bij", [])})
              for v in data["vragen"]]
    written = {v.id for v in vragen}
    for entry, sources in ingredient_sources(raw):
        if f"ingredient.{entry['sleutel']}" in written:
            continue
        vragen.append(Vraag(
            id=f"ingredient.{entry['sleutel']}", intentie="ingredient_info", label=entry["naam"],
            signalen=tuple(dict.fromkeys([entry["naam"].lower(), *entry["aliassen"]])), antwoord=None,
            bron=sources, kennis=(f"ingredienten.ingredienten.{entry['sleutel']}",), knoppen=knoppen,
            ingredient=entry["sleutel"],
        ))
    return Vragen(
        vulwoorden=tuple(data["vulwoorden"]),
        onderwerpen=MappingProxyType({k: tuple(v) for k, v in data["onderwerpen"].items()}),
        poort=MappingProxyType({k: MappingProxyType(dict(v)) for k, v in data["poort"].items()}),
        standaard=MappingProxyType(dict(data["standaard"])),
        per_behandeling=MappingProxyType(dict(data["per_behandeling"])),
        ingredient_knoppen=knoppen,
        vragen=tuple(vragen),
    )
