"""What `make run` starts with when nobody configured anything (issue 14.1), and the log cleaning
of launch/privacy_log.py (issue 14.6). The servers themselves: tests/e2e/test_closed_by_default.py."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml

from bot.knowledge import salon_profile
from launch import privacy_log
from launch.stack import LOGGING_CONFIG, SERVER_ENV, allowed_origins, rasa_options, sqlite_tracker_store

MARKER = "bloedverdunnersMERK"


def test_no_api_and_no_wildcard_origin_without_settings() -> None:
    options = rasa_options({}, web_port=8080)
    assert options["auth_token"] is None and options["jwt_secret"] is None
    assert "*" not in options["cors"]
    assert options["cors"] == [*salon_profile.load_profile()["websites"], "http://localhost:8080",
                               "http://127.0.0.1:8080"]
    assert rasa_options({"HUIDBOT_API_TOKEN": "t"})["auth_token"] == "t"
    assert rasa_options({"HUIDBOT_JWT_SECRET": "s"})["jwt_secret"] == "s"


def test_origins_come_from_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = yaml.safe_load(salon_profile.PROFILE_PATH.read_text(encoding="utf-8"))
    profile["websites"] = ["https://www.mijn-salon.nl", "http://localhost:9000"]
    path = tmp_path / "profiel.yml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(salon_profile.PROFILE_ENV, str(path))
    assert allowed_origins() == ["https://www.mijn-salon.nl", "http://localhost:9000"]
    assert allowed_origins(9000) == ["https://www.mijn-salon.nl", "http://localhost:9000", "http://127.0.0.1:9000"]
    del profile["websites"]
    without = tmp_path / "zonder.yml"
    without.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(salon_profile.PROFILE_ENV, str(without))
    assert allowed_origins(9000) == ["http://localhost:9000", "http://127.0.0.1:9000"]


def test_a_website_with_a_path_is_explained_in_dutch(tmp_path: Path) -> None:
    profile = yaml.safe_load(salon_profile.PROFILE_PATH.read_text(encoding="utf-8"))
    profile["websites"] = ["https://www.mijn-salon.nl/chat"]
    path = tmp_path / "profiel.yml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    with pytest.raises(salon_profile.SalonProfileError, match=r"websites\[0\].*zonder / of pad"):
        salon_profile.validate_profile(path)


def test_every_server_gets_the_limits_and_no_telemetry() -> None:
    assert SERVER_ENV["RASA_TELEMETRY_ENABLED"] == "false"
    assert SERVER_ENV["SANIC_REQUEST_MAX_SIZE"] == "1000000"
    config = yaml.safe_load(LOGGING_CONFIG.read_text(encoding="utf-8"))
    assert config["filters"]["privacy"]["()"] == "launch.privacy_log.PrivacyFilter"
    assert sqlite_tracker_store() is not None and sqlite_tracker_store().name == "huidbot.db"  # type: ignore[union-attr]


def record(message: str, *args: object, level: int = logging.ERROR, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("rasa.test", level, __file__, 1, message, args or None, None)
    made.__dict__.update(extra)
    return made


def formatted(made: logging.LogRecord) -> str:
    privacy_log.clean_record(made)
    return logging.Formatter("%(message)s").format(made) + str(made.__dict__.get("request", ""))


def test_query_strings_exception_text_and_structured_values_are_removed() -> None:
    assert MARKER not in formatted(record("GET /api/salon?vraag=%s 200", MARKER))
    assert MARKER not in formatted(record("ok", level=logging.INFO, request=f"GET http://h/api/salon?vraag={MARKER}"))
    structured = json.dumps({"event": "rest.message.received.failure", "text": MARKER, "level": "error",
                             "exception": [{"exc_type": "ValueError", "exc_value": MARKER,
                                            "frames": [{"filename": "x.py", "lineno": 1, "name": "f",
                                                        "locals": {"text": MARKER}}]}]})
    cleaned = formatted(record(structured))
    assert MARKER not in cleaned and "rest.message.received.failure" in cleaned and "x.py" in cleaned
    try:
        raise KeyError(MARKER)
    except KeyError:
        import sys

        failing = record("failed", exc_info=None)
        failing.exc_info = sys.exc_info()
    text = formatted(failing)
    assert MARKER not in text and "KeyError" in text and "test_privacy_settings.py" in text


def test_debug_records_are_left_alone() -> None:
    assert MARKER in formatted(record("parsed %s", MARKER, level=logging.DEBUG))
