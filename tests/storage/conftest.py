"""Databases for the storage tests: a SQLite file, and a private PostgreSQL (launch/services.py)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from launch.services import Postgres, postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    with postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Tracker store options (as in endpoints.yml) of an empty database."""
    if request.param == "sqlite":
        yield {"dialect": "sqlite", "db": str(tmp_path / "trackers.db")}
        return
    server: Postgres = request.getfixturevalue("postgres_server")
    options = {k: v for k, v in server.endpoint().items() if k != "type"}
    options["host"] = options.pop("url")
    yield options
    connection = server.connect()  # every test starts from an empty events table
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS events")
    finally:
        connection.close()
