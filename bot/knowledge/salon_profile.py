"""The salon's own files: its facts (salon/profiel.yml) and the sentences around them (salon/teksten.yml).

Both are read by the one data loader (bot/datafiles.py) against their schemas; the
profile's errors are said in Dutch, for the salon owner who edits it. The profile is
re-read when the file changes, so the running bot picks up an edit without a restart.
"""
from __future__ import annotations

import logging
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from bot.datafiles import (
    REPO_ROOT,
    DataFileError,
    display_path,
    load_data_file,
    raise_problems,
    read_yaml,
    schema_problems,
)
from bot.knowledge.loader import load_knowledge

log = logging.getLogger(__name__)

PROFILE_PATH = REPO_ROOT / "salon" / "profiel.yml"
TEXTS_PATH = REPO_ROOT / "salon" / "teksten.yml"
PROFILE_ENV = "HUIDBOT_SALON_PROFIEL"  # another profile file (a second salon, a test)

# The topics the salon answers know how to say (their words and titles are in teksten.yml).
TOPICS = (
    "openingstijden", "adres", "prijzen", "betalen", "parkeren", "producten", "annuleren", "contact", "boeken",
)

_TIME = r"([01]?\d|2[0-3]):([0-5]\d)"
_RANGE = re.compile(rf"^\s*{_TIME}\s*-\s*{_TIME}\s*$")
Ranges = list[tuple[tuple[int, int], tuple[int, int]]]


class SalonProfileError(DataFileError):
    """profiel.yml is missing or malformed: ``<file>: <field>: <what is wrong, in Dutch>``."""


@cache
def salon_texts() -> dict[str, Any]:
    """salon/teksten.yml: every sentence and keyword of the salon answers and the desk."""
    data = load_data_file(TEXTS_PATH, "salon_teksten")
    topics = data["onderwerpen"]
    raise_problems(TEXTS_PATH, [(f"onderwerpen.{t}", "missing") for t in TOPICS if t not in topics or
                                t not in data["antwoorden"]] +
                   [(f"onderwerpen.{t}", "unknown topic") for t in topics if t not in TOPICS])
    return data


def opening_ranges(value: str) -> Ranges | None:
    """"09:00-12:30, 13:30-17:30" -> [((9, 0), (12, 30)), ...]; "gesloten" -> []; not valid -> None."""
    if value.strip().lower() == "gesloten":
        return []
    ranges = []
    for part in value.split(","):
        m = _RANGE.match(part)
        if not m:
            return None
        ranges.append(((int(m[1]), int(m[2])), (int(m[3]), int(m[4]))))
    return ranges


def validate_profile(path: str | Path | None = None) -> dict[str, Any]:
    """Read and check a profile now (no cache); raises SalonProfileError."""
    p = _profile_path(path)
    try:
        data = read_yaml(p)
    except DataFileError as err:
        raise SalonProfileError(err.file, err.field, _dutch_read_error(err)) from None
    if not isinstance(data, dict):
        raise SalonProfileError(display_path(p), "(root)", _errors()["type_groep"])
    problems = schema_problems(data, "profiel", _in_dutch) or _content_problems(data)
    if problems:
        (field, message), shown = problems[0], display_path(p)
        raise SalonProfileError(shown, field, message, tuple(f"{shown}: {f}: {m}" for f, m in problems[1:]))
    return data


_cache: dict[Path, tuple[int, dict[str, Any]]] = {}
DEFAULT_RETENTION_DAYS = 30


def retention_days(profile: dict[str, Any] | None = None) -> int:
    """`bewaartermijn_dagen`: after how many idle days a conversation is erased (default 30)."""
    data = profile if profile is not None else load_profile()
    return int(data.get("bewaartermijn_dagen") or DEFAULT_RETENTION_DAYS)


def load_profile(path: str | Path | None = None) -> dict[str, Any]:
    """The validated profile, re-read when the file changes (no restart needed).

    If an edit breaks a profile that loaded before, the error is logged and the
    last good version stays in use until the file is fixed.
    """
    p = _profile_path(path)
    try:
        mtime = p.stat().st_mtime_ns
    except FileNotFoundError:
        mtime = -1
    cached = _cache.get(p)
    if cached and cached[0] == mtime:
        return cached[1]
    try:
        data = validate_profile(p)
    except SalonProfileError as err:
        if cached is None:
            raise
        log.error("%s (the last valid profile stays in use)", err)
        return cached[1]
    _cache[p] = (mtime, data)
    return data


def _profile_path(path: str | Path | None) -> Path:
    return Path(path or os.environ.get(PROFILE_ENV) or PROFILE_PATH)


def _errors() -> dict[str, str]:
    return salon_texts()["fouten"]


def _content_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What the schema cannot say: the days of the week, valid times, known treatments."""
    f = _errors()
    problems = []
    days = salon_texts()["dagen"]
    hours = data["openingstijden"]
    problems += [(f"openingstijden.{d}", f["ontbreekt"]) for d in days if d not in hours]
    unknown = sorted(set(hours) - set(days) - {"bijzonderheden"})
    if unknown:
        problems.append(("openingstijden", f["onbekend_veld"].format(velden=", ".join(unknown))))
    for day in days:
        ranges = opening_ranges(hours.get(day, "gesloten"))
        if ranges is None:
            problems.append((f"openingstijden.{day}", f["tijden"].format(waarde=hours[day])))
        elif any(end <= start for start, end in ranges):
            problems.append((f"openingstijden.{day}", f["tijden_volgorde"].format(waarde=hours[day])))
    treatments = load_knowledge().contract.behandeling
    for i, item in enumerate(data["prijzen"]):
        if "behandeling" in item and item["behandeling"] not in treatments:
            problems.append((f"prijzen[{i}].behandeling", f["behandeling"].format(
                waarde=item["behandeling"], keuzes=", ".join(treatments))))
    return problems


def _in_dutch(err: jsonschema.ValidationError) -> str:
    """A schema violation of the profile, said for the salon owner."""
    f = _errors()
    kind, value = err.validator, err.instance
    if kind == "required":
        return f["ontbreekt"]
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(err.schema.get("properties", {})))
        return f["onbekend_veld"].format(velden=", ".join(extra))
    if kind == "type":
        wanted = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        key = {"string": "type_tekst", "number": "type_getal", "integer": "type_geheel",
               "array": "type_lijst", "object": "type_groep"}.get(wanted, "overig")
        return f[key].format(bericht=err.message)
    if kind in ("minLength", "minItems"):
        return f["leeg"]
    if kind == "minimum":
        return f["te_klein"].format(minimum=err.validator_value)
    if kind == "maximum":
        return f["te_groot"].format(maximum=err.validator_value)
    if kind == "pattern" and list(err.absolute_path)[:1] == ["websites"]:
        return f["website"].format(waarde=value)
    if kind in ("pattern", "anyOf"):
        return f["email" if "@" in str(err.schema.get("pattern", "")) else "link"].format(waarde=value)
    return f["overig"].format(bericht=err.message)


def _dutch_read_error(err: DataFileError) -> str:
    f = _errors()
    if err.message == "file not found":
        return f["niet_gevonden"]
    line = re.match(r"line (\d+)", err.field)
    return f["yaml"].format(regel=line[1] if line else "?", probleem=err.message.removeprefix("invalid YAML: "))
