"""launch/heap.py: long-lived objects leave the collector's generations once the model is loaded."""
from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import pytest
import rasa.core.agent

from launch import heap


@pytest.fixture()
def unfrozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(rasa.core.agent, "load_agent", rasa.core.agent.load_agent)  # undone after the test
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_loading_the_model_freezes_what_exists_then(unfrozen: None, monkeypatch: pytest.MonkeyPatch) -> None:
    model = {"woorden": ["wallen", "puistjes"]}

    async def fake_load(path: str) -> dict:
        assert gc.get_freeze_count() == 0  # not before the model is there
        return model

    monkeypatch.setattr(rasa.core.agent, "load_agent", fake_load)
    heap.freeze_after_model_load()
    assert asyncio.run(rasa.core.agent.load_agent("models/huidbot.tar.gz")) is model
    assert gc.get_freeze_count() > 0
    assert not any(model is o for o in gc.get_objects())  # frozen objects are no longer tracked per generation


def test_garbage_of_later_turns_is_still_collected(unfrozen: None) -> None:
    heap.freeze_long_lived()

    class Turn:
        pass

    turn = Turn()
    turn.self = turn  # type: ignore[attr-defined]  # a cycle: only the collector frees it
    gone = weakref.ref(turn)
    del turn
    assert gone() is not None
    gc.collect()
    assert gone() is None
