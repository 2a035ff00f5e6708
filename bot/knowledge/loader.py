"""Read, validate and build the knowledge: YAML file -> JSON schema -> cross-checks -> dataclasses.

Every problem raises KnowledgeError naming the file and the field path.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import yaml

from bot.knowledge.convert import build, convert
from bot.knowledge.crosscheck import Problem, crosscheck
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.knowledge_base import Knowledge
from bot.knowledge.model import (
    Bron, ContraIndicaties, Contract, Fasewiel, Gezichtsmassage, HuidZenuwstelsel,
    IngredientEntry, Microneedling, Synoniemen, Taal, Teksten,
)

KNOWLEDGE_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = KNOWLEDGE_DIR.parent / "schemas"
REPO_ROOT = KNOWLEDGE_DIR.parent.parent
COMMON_SCHEMA = "_gemeenschappelijk"
FILES = (
    "bronnen", "contract", "fasewiel", "huid_zenuwstelsel", "gezichtsmassage",
    "microneedling", "ingredienten", "contra_indicaties", "taal", "synoniemen", "teksten",
)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_QUOTED = re.compile(r"'([^']+)' (?:is a required property|was unexpected)")


def load_knowledge(directory: str | Path | None = None) -> Knowledge:
    """Load, validate and cache the knowledge in `directory` (default: bot/knowledge/)."""
    return _load(Path(directory).resolve() if directory else KNOWLEDGE_DIR)


@lru_cache(maxsize=8)
def _load(directory: Path) -> Knowledge:
    raw = {name: _read_valid(directory / f"{name}.yml", name) for name in FILES}
    problems = crosscheck(raw)
    if problems:
        raise _error(directory, problems)
    return _build(raw)


def display_path(path: Path) -> str:
    """`path` relative to the repository when it lies inside it (bot/knowledge/x.yml)."""
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def field_path(parts: Any) -> str:
    """["fasen", 2, "doel"] -> "fasen[2].doel"; empty -> "(root)"."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


@lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = _read_yaml(SCHEMA_DIR / f"{name}.schema.yml")
    common = _read_yaml(SCHEMA_DIR / f"{COMMON_SCHEMA}.schema.yml")
    schema["$defs"] = {**common["$defs"], **schema.get("$defs", {})}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except FileNotFoundError:
        raise KnowledgeError(display_path(path), "(root)", "file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(root)"
        raise KnowledgeError(display_path(path), where, f"invalid YAML: {exc}") from None


def _read_valid(path: Path, name: str) -> Any:
    data = _read_yaml(path)
    errors = sorted(_validator(name).iter_errors(data), key=_error_sort_key)
    if errors:
        problems = [Problem(name, _error_field(e), e.message) for e in errors]
        raise _error(path.parent, problems)
    return data


def _error_sort_key(error: jsonschema.ValidationError) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in error.absolute_path)


def _error_field(error: jsonschema.ValidationError) -> str:
    parts = list(error.absolute_path)
    if error.validator in ("required", "additionalProperties"):
        quoted = _QUOTED.search(error.message)
        if quoted:
            parts.append(quoted.group(1))
    return field_path(parts)


def _error(directory: Path, problems: list[Problem]) -> KnowledgeError:
    lines = [f"{display_path(directory / f'{p.bestand}.yml')}: {p.veld}: {p.melding}" for p in problems]
    first = problems[0]
    return KnowledgeError(
        display_path(directory / f"{first.bestand}.yml"), first.veld, first.melding, tuple(lines[1:])
    )


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
    )
