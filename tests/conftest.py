"""Fixtures shared by the suites that talk to a running bot (tests/e2e, tests/conversations).

`make test-e2e` runs both in one pytest session, so they share one started server.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers import Bot, running_bot


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    """Action server + Rasa server with the trained model, on free ports, for the whole session."""
    with running_bot(tmp_path_factory.mktemp("bot")) as running:
        yield running
