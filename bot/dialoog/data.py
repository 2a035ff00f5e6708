"""Loads and validates the dialogue data files in this folder."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

HERE = Path(__file__).parent


class DialogueDataError(ValueError):
    """A dialogue data file is malformed; the message names file and field."""


def _read(name: str) -> Any:
    path = HERE / name
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=None)
def concern_data() -> dict[str, Any]:
    """huidzorgen.yml, validated against schema.yml."""
    data = _read("huidzorgen.yml")
    try:
        jsonschema.validate(data, _read("schema.yml"))
    except jsonschema.ValidationError as err:
        field = ".".join(str(p) for p in err.absolute_path) or "(root)"
        raise DialogueDataError(f"bot/dialoog/huidzorgen.yml: {field}: {err.message}") from None
    return data


@lru_cache(maxsize=None)
def intent_data() -> dict[str, Any]:
    """intenties.yml: Dutch labels for intents and words for past treatments."""
    data = _read("intenties.yml")
    for key in ("intenties", "ander_antwoord", "vraag", "verleden_woorden"):
        if key not in data:
            raise DialogueDataError(f"bot/dialoog/intenties.yml: {key}: missing")
    return data
