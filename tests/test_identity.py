"""Conversation ids: random on the web, keyed hashes for messaging, a separate desk code."""

from __future__ import annotations

import pytest

from channels import identity


@pytest.fixture(autouse=True)
def fixed_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(identity.SECRET_ENV, "test-secret")
    identity.id_secret.cache_clear()
    yield
    identity.id_secret.cache_clear()


def test_web_ids_are_random_and_recognised() -> None:
    ids = {identity.new_web_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(identity.is_web_id(i) and not identity.is_messaging_id(i) for i in ids)
    assert not identity.is_web_id("web-alice")
    assert not identity.is_web_id("klant-1")


def test_messaging_key_hides_the_phone_number_and_depends_on_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    key = identity.messaging_key("whatsapp", "31612345678")
    assert key.startswith("wa-") and "31612345678" not in key and identity.is_messaging_id(key)
    assert key == identity.messaging_key("whatsapp", "31612345678")
    assert identity.messaging_key("telegram", "31612345678") != key
    monkeypatch.setenv(identity.SECRET_ENV, "other-secret")
    identity.id_secret.cache_clear()
    assert identity.messaging_key("whatsapp", "31612345678") != key


def test_conversation_code_is_short_opaque_and_stable() -> None:
    sender = identity.new_web_id()
    code = identity.conversation_code(sender)
    assert len(code) == 9 and code[4] == "-" and code != sender
    assert identity.normalise_code(code.lower().replace("-", " ")) == code
    assert identity.normalise_code("abc") == ""


def test_secret_file_is_created_once_and_private(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(identity.SECRET_ENV)
    monkeypatch.setenv(identity.SECRET_FILE_ENV, str(tmp_path / "var" / "id_secret"))
    identity.id_secret.cache_clear()
    first = identity.id_secret()
    identity.id_secret.cache_clear()
    assert identity.id_secret() == first and len(first) == 64
    assert (tmp_path / "var" / "id_secret").stat().st_mode & 0o777 == 0o600
