"""The action server and the Rasa server (trained model) on free ports, for the REST tests."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers import Bot, running_bot


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    with running_bot(tmp_path_factory.mktemp("e2e")) as running:
        yield running
