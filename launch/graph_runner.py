"""Rasa's model graph run node after node in a fixed order, without dask's scheduler per message.

Rasa 3.6 runs the trained graph (the NLU pipeline for a message, the policies for a prediction)
with `dask.get` on every call: dask orders the graph's tasks again (`dask.order`) and runs its
scheduler loop, for a graph that is the same every time and that Rasa runs in one thread anyway.
On the scaled mode's Rasa workers that was about a tenth of their CPU time for a message
(`scripts/bench.py`, py-spy). `SequentialGraphRunner` runs the same nodes, with the same inputs,
in a topological order that it works out once per set of targets. Everything else (loading,
hooks, the nodes themselves) is Rasa's `DaskGraphRunner`, whose subclass this is.
"""
from __future__ import annotations

from graphlib import TopologicalSorter
from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

Plan = tuple[tuple[str, tuple[str, ...]], ...]


class SequentialGraphRunner(DaskGraphRunner):
    """A `DaskGraphRunner` whose `run` calls the nodes in a cached order instead of through dask."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[str, ...], Plan] = {}

    def _plan(self, targets: tuple[str, ...]) -> Plan:
        """(node, the nodes or inputs it needs) for every node the targets depend on, in order."""
        plan = self._plans.get(targets)
        if plan is None:
            schema = self._graph_schema.minimal_graph_schema(list(targets))
            needs = {name: tuple(node.needs.values()) for name, node in schema.nodes.items()}
            order = TopologicalSorter({name: set(n) & needs.keys() for name, n in needs.items()})
            plan = tuple((name, needs[name]) for name in order.static_order())
            self._plans[targets] = plan
        return plan

    def run(self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict[str, Any]:
        """What `DaskGraphRunner.run` returns: each target's (name, output)."""
        run_targets = tuple(targets if targets else self._graph_schema.target_names)
        plan = self._plan(run_targets)
        outputs: dict[str, Any] = {}
        for name, value in (inputs or {}).items():
            if isinstance(value, str) and value in self._graph_schema.nodes:
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure that none of the "
                    f"input names passed to the `run` method are the same as node names in the graph schema."
                )
            outputs[name] = (name, value)
        try:
            for name, needs in plan:
                # As with dask, a need that nothing provides is passed as its name (GraphNode warns).
                outputs[name] = self._instantiated_nodes[name](*(outputs.get(n, n) for n in needs))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        return dict(outputs[t] for t in run_targets)


def run_graphs_sequentially() -> None:
    """Let Rasa load models for serving with `SequentialGraphRunner` (training keeps dask)."""
    import rasa.core.processor

    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner
