"""launch/graph_runner.py runs a Rasa graph to the same results as Rasa's dask runner."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.exceptions import GraphComponentException, GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from launch.graph_runner import SequentialGraphRunner

CALLS: list[str] = []


class Step(GraphComponent):
    """Writes down that it ran; joins its inputs with its own word."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.word = config["word"]

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: Any, resource: Any, execution_context: Any) -> Step:
        return cls(config)

    def run(self, first: str = "", second: str = "") -> str:
        CALLS.append(self.word)
        if self.word == "kapot":
            raise RuntimeError("kapot")
        return "+".join(p for p in (first, second, self.word) if p)


def node(word: str, **needs: str) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Step, constructor_name="create", fn="run", config={"word": word}, eager=True)


# a diamond (tekst -> woorden, lexicon -> intent), a node no target needs, one that fails
SCHEMA = GraphSchema({
    "intent": node("intent", first="woorden", second="lexicon"),
    "woorden": node("woorden", first="tekst"),
    "lexicon": node("lexicon", first="tekst"),
    "tekst": node("tekst", first="__message__"),
    "los": node("los"),
    "kapot": node("kapot", first="tekst"),
})


def runners(tmp_path: Path) -> list[DaskGraphRunner]:
    context = ExecutionContext(SCHEMA, "model")
    return [cls(SCHEMA, LocalModelStorage(tmp_path / cls.__name__), context)
            for cls in (DaskGraphRunner, SequentialGraphRunner)]


@pytest.mark.parametrize("targets", [["intent"], ["woorden", "lexicon"], ["los", "intent"], ["tekst"]])
def test_same_outputs_as_the_dask_runner(tmp_path: Path, targets: list[str]) -> None:
    results, calls = [], []
    for runner in runners(tmp_path):
        CALLS.clear()
        results.append(runner.run(inputs={"__message__": "hoi"}, targets=targets))
        calls.append(sorted(CALLS))
    assert results[0] == results[1]
    assert calls[0] == calls[1]  # only the nodes the targets need, each once
    assert set(results[1]) == set(targets)


def test_nodes_run_after_the_nodes_they_need(tmp_path: Path) -> None:
    runner = runners(tmp_path)[1]
    for _ in range(2):  # the second run uses the cached order
        CALLS.clear()
        assert runner.run(inputs={"__message__": "hoi"}, targets=["intent"]) == {
            "intent": "hoi+tekst+woorden+hoi+tekst+lexicon+intent"}
        assert CALLS.index("tekst") < CALLS.index("woorden") < CALLS.index("intent")
        assert CALLS.index("lexicon") < CALLS.index("intent")


def test_a_failing_node_and_a_clashing_input_raise_as_with_dask(tmp_path: Path) -> None:
    for runner in runners(tmp_path):
        with pytest.raises(GraphComponentException, match="node kapot"):
            runner.run(inputs={"__message__": "hoi"}, targets=["kapot"])
        with pytest.raises(GraphRunError, match="clashes with a node name"):
            runner.run(inputs={"__message__": "tekst"}, targets=["tekst"])
