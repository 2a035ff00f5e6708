"""`python -m launch.rasa_server ARGS`: Rasa's own command line (`rasa ARGS`), with four speed fixes
and the custom actions in this process where the endpoints ask for it (launch/in_process_actions.py).

Rasa 3.6 checks every action server answer with `jsonschema.validate(answer, schema)`, which
first checks the schema itself against the JSON Schema meta-schema and builds a new validator:
about 20 ms on an idle core (more than 200 ms on a busy 2-core machine) for each custom action
call, and a Huidbot turn makes one or two (`action_validate_slot_mappings` and the answer's
action). `compile_action_response_check` checks the same answers against the same schema with
validators built once, a valid answer per event type (`answer_is_valid`).
The model's graph runs without dask's scheduler (launch/graph_runner.py). The long-lived
objects are frozen out of the garbage collector once the model is loaded (launch/heap.py).
The data of bot/ (used by the NLU components and the actions) is loaded at start (bot/warmup.py).
Everything else is Rasa unchanged. launch.stack starts Rasa this way.
"""
from __future__ import annotations

import copy
import functools
import sys
from typing import Any, NamedTuple

import jsonschema
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from bot.warmup import warm_up
from launch.graph_runner import run_graphs_sequentially
from launch.heap import freeze_after_model_load
from launch.in_process_actions import preload, run_actions_in_process
from launch.kept_sessions import close_them_with_rasas_resources

_resolve_event_type = Event.resolve_by_type


class AnswerValidators(NamedTuple):
    full: Any                # the whole answer schema, as Rasa checks it
    shell: Any               # the schema without its `oneOf` over the event types
    by_type: dict[str, Any]  # a validator per event type (`const` of the branch's `event`)


@functools.cache
def _answer_validators() -> AnswerValidators:
    """The action answer schema's validators, built once.

    The schema lets each event match exactly one of 23 `oneOf` branches, told apart by the
    `const` of their `event` property; jsonschema evaluates all 23 for every event (about 2 ms
    of a turn). An event whose `event` names a branch can match no other branch.
    """
    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    shell = copy.deepcopy(schema)
    branches = shell["properties"]["events"]["items"].pop("oneOf")
    by_type = {branch["properties"]["event"]["const"]: validator_class(branch) for branch in branches}
    if len(by_type) != len(branches):  # a Rasa whose event types share a branch: no shortcut
        by_type = {}
    return AnswerValidators(validator_class(schema), validator_class(shell), by_type)


def answer_is_valid(result: Any) -> bool:
    """True only for answers the full schema accepts (checked per event type, see above)."""
    _, shell, by_type = _answer_validators()
    if not by_type or not shell.is_valid(result):
        return False
    for event in result.get("events") or []:  # objects with a string `event`: the shell checked that
        branch = by_type.get(event["event"])
        if branch is None or not branch.is_valid(event):
            return False
    return True


def check_action_response(self: RemoteAction, result: dict[str, Any]) -> bool:
    """What RemoteAction._validate_action_result does (the same error), with compiled validators:
    a valid answer passes the per-event-type check; any other gets the full check and its error."""
    if answer_is_valid(result):
        return True
    error = jsonschema.exceptions.best_match(_answer_validators().full.iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from "
            f"the Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def compile_action_response_check() -> None:
    RemoteAction._validate_action_result = check_action_response


@functools.cache
def _event_types() -> dict[str, type[Event]]:
    return {cls.type_name: cls for cls in reversed(all_subclasses(Event))}  # the first match wins, as in Rasa


def resolve_event_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """What Event.resolve_by_type returns, from a table; unknown names go to Rasa's own lookup."""
    cls = _event_types().get(type_name)
    return cls if cls is not None else _resolve_event_type(type_name, default)


def cache_event_types() -> None:
    Event.resolve_by_type = staticmethod(resolve_event_type)


def main() -> int:
    compile_action_response_check()
    cache_event_types()
    run_graphs_sequentially()
    freeze_after_model_load()
    run_actions_in_process()
    close_them_with_rasas_resources()
    preload(sys.argv[1:])
    warm_up()  # before Sanic forks its workers (SANIC_WORKERS), so that they share the loaded data
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
