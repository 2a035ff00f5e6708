"""The scaled stack (launch/scaled.py), started once for tests/scale: PostgreSQL, Redis,
two action servers, two Rasa servers with a Sanic worker per core, HAProxy in front."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from launch.scaled import Scaled, scaled_stack
from tests.servers import require_model


@pytest.fixture(scope="session")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scaled]:
    with scaled_stack(tmp_path_factory.mktemp("scaled"), model=require_model(), worker_header=True) as running:
        yield running
