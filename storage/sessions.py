"""Turns that stay as fast at turn 200 as at turn 5: a conversation goes on in bounded sessions.

Rasa rebuilds the tracker of the current session on every turn (load, state featurisation for
each prediction, the whole tracker sent to the action server once or twice), so a turn costs more
the longer the session is. Rasa's SQL tracker store loads only the events since the latest
`session_started`; `BoundedSessions` starts such a session when the current one has more than
`max_session_events` events, right after a turn has been saved:

    action_session_start, session_started, slot=<value> for EVERY slot that has a value, action_listen

Every slot is carried over whatever `carry_over_slots_to_new_session` says, so no fact of the
conversation is ever forgotten: contraindications, medication, conditions, the last procedure
(the safety slots), the phase, the advice given so far. Earlier sessions stay in the database
(the desk and `GET /conversations/<id>/tracker` still see the whole conversation).

A new session forgets which action came last, so it starts only where no rule continues from
it: no form or loop active, and the bot's last action not one that a rule in data/rules follows
up on (e.g. the yes/no to action_huidadvies' follow-up question); `rule_contexts` reads those
from the rules when the store starts. Both can be set in the endpoints:

    tracker_store:
      type: ...                  # a store class with this mixin (storage/tracker_store.py)
      max_session_events: 100
      keep_context_after: [action_huidadvies, ...]   # default: read from data/rules
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME, REQUESTED_SLOT
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_MAX_SESSION_EVENTS = 100
RULES = Path(__file__).resolve().parents[1] / "data" / "rules"


def rule_contexts(rules_dir: Path = RULES) -> frozenset[str]:
    """Actions that a rule follows up on: an action step right before an intent step."""
    contexts = set()
    for path in sorted(rules_dir.glob("*.yml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            steps = rule.get("steps", [])
            for before, after in zip(steps, steps[1:], strict=False):
                if "action" in before and "intent" in after:
                    contexts.add(str(before["action"]))
    return frozenset(contexts)


def session_events(tracker: DialogueStateTracker) -> int:
    """Events since the latest session start (what Rasa's SQL tracker store loads)."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], SessionStarted):
            return len(events) - index
    return len(events)


def last_bot_action(tracker: DialogueStateTracker) -> str | None:
    """The last action before the bot started listening again."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name not in (ACTION_LISTEN_NAME, None):
            return event.action_name
    return None


def may_start_session(tracker: DialogueStateTracker, max_events: int, keep_context_after: Iterable[str]) -> bool:
    """Is the session long enough, and is this a point where no rule needs what came before?"""
    return (
        tracker.latest_action_name == ACTION_LISTEN_NAME
        and not tracker.active_loop_name
        and session_events(tracker) > max_events
        and last_bot_action(tracker) not in set(keep_context_after)
    )


def carried_over(tracker: DialogueStateTracker) -> list[Event]:
    """One SlotSet per slot that has a value (not Rasa's replay of every SlotSet ever made)."""
    return [SlotSet(name, slot.value) for name, slot in tracker.slots.items()
            if slot.value is not None and name != REQUESTED_SLOT]


def new_session(tracker: DialogueStateTracker) -> list[Event]:
    """The events Rasa's own action_session_start writes, with every slot carried over."""
    return [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), *carried_over(tracker),
            ActionExecuted(ACTION_LISTEN_NAME)]


class BoundedSessions:
    """Mixin for an SQL tracker store: after saving a turn, start a new session (all slots carried
    over) when the current one is longer than `max_session_events`; see the module docstring."""

    def __init__(self, *args: Any, max_session_events: int | str = DEFAULT_MAX_SESSION_EVENTS,
                 keep_context_after: Iterable[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_session_events = int(max_session_events)
        self.keep_context_after = rule_contexts() if keep_context_after is None else frozenset(keep_context_after)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if may_start_session(tracker, self.max_session_events, self.keep_context_after):
            for event in new_session(tracker):
                tracker.update(event)
        await super().save(tracker)  # type: ignore[misc]

