"""The one loader for every data file: YAML -> JSON schema -> data, with one error format.

Knowledge, dialogue texts, the salon profile and the other-language words all go
through `load_data_file`. A file is valid when it matches `schemas/<name>.schema.yml`
(shared definitions in `_gemeenschappelijk.schema.yml`); checks a schema cannot
express (cross-file references) are the caller's, reported with the same
`DataFileError`. Every error reads ``<file>: <field path>: <what is wrong>``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

BOT_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = BOT_DIR / "schemas"
REPO_ROOT = BOT_DIR.parent
COMMON_SCHEMA = "_gemeenschappelijk"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_QUOTED = re.compile(r"'([^']+)' (?:is a required property|was unexpected)")

# Turns one schema violation into the text after "<file>: <field>: " (default: jsonschema's own).
Describe = Callable[[jsonschema.ValidationError], str]


class DataFileError(Exception):
    """A data file is missing, unreadable or does not match its schema.

    `file` is the path (relative to the repository when possible), `field` the field
    path inside it (e.g. ``fasen[2].ingredienten[0].doel``), `message` what is wrong.
    ``str(error)`` is ``"<file>: <field>: <message>"``; further problems follow on
    the next lines (`more`).
    """

    def __init__(self, file: str, field: str, message: str, more: tuple[str, ...] = ()) -> None:
        self.file = file
        self.field = field
        self.message = message
        self.more = more
        super().__init__("\n".join((f"{file}: {field}: {message}", *more)))


def display_path(path: Path) -> str:
    """`path` relative to the repository when it lies inside it (bot/knowledge/x.yml)."""
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def field_path(parts: Iterable[Any]) -> str:
    """["fasen", 2, "doel"] -> "fasen[2].doel"; empty -> "(root)"."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def read_yaml(path: Path) -> Any:
    """The parsed YAML of `path`; a missing or malformed file raises DataFileError."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except FileNotFoundError:
        raise DataFileError(display_path(path), "(root)", "file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(root)"
        raise DataFileError(display_path(path), where, f"invalid YAML: {exc}") from None


@cache
def validator(schema: str) -> jsonschema.Draft202012Validator:
    """The checked validator for `schemas/<schema>.schema.yml`, with the shared definitions."""
    document = read_yaml(SCHEMA_DIR / f"{schema}.schema.yml")
    common = read_yaml(SCHEMA_DIR / f"{COMMON_SCHEMA}.schema.yml")
    document["$defs"] = {**common["$defs"], **document.get("$defs", {})}
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def schema_problems(data: Any, schema: str, describe: Describe | None = None) -> list[tuple[str, str]]:
    """(field path, message) for every place where `data` breaks its schema, in file order."""
    errors = sorted(validator(schema).iter_errors(data), key=_sort_key)
    return [(error_field(e), describe(e) if describe else e.message) for e in errors]


def error_field(error: jsonschema.ValidationError) -> str:
    """The field a violation is about; for a missing or unexpected key, that key itself."""
    parts = list(error.absolute_path)
    if error.validator in ("required", "additionalProperties"):
        quoted = _QUOTED.search(error.message)
        if quoted:
            parts.append(quoted.group(1))
    return field_path(parts)


def raise_problems(path: Path, problems: Sequence[tuple[str, str]]) -> None:
    """Raise one DataFileError for `problems` of `path` (the first, then the rest); none: return."""
    if not problems:
        return
    shown = display_path(path)
    (field, message), rest = problems[0], problems[1:]
    raise DataFileError(shown, field, message, tuple(f"{shown}: {f}: {m}" for f, m in rest))


def load_data_file(path: Path, schema: str, describe: Describe | None = None) -> Any:
    """Read `path` and check it against its schema; raises DataFileError."""
    data = read_yaml(path)
    raise_problems(path, schema_problems(data, schema, describe))
    return data


def _sort_key(error: jsonschema.ValidationError) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path)
