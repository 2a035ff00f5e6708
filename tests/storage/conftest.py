"""Databases for the storage tests: a SQLite file, and PostgreSQL when a server can be started."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Tracker store options (as in endpoints.yml) of an empty database."""
    yield {"dialect": "sqlite", "db": str(tmp_path / "trackers.db")}
