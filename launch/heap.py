"""Objects that live as long as the server are kept out of Python's full garbage collections.

A Rasa worker holds millions of objects that never die: the modules of Rasa, TensorFlow and
scikit-learn, the model, the bot's data. Python's collection of its oldest generation walks all of
them; in a scaled-mode Rasa worker under load one such collection took 0.45 s (measured with
`gc.callbacks`), and the customer whose turn it fell in waited that long. `gc.freeze()` at start
moves every object that exists then into a permanent generation that collections skip; the garbage
of the turns is collected as before. A model replaced over the HTTP API (`PUT /model`) loads and
freezes the new one; the frozen old one stays in memory until the server restarts.
"""
from __future__ import annotations

import gc
from typing import Any


def freeze_long_lived() -> None:
    """Collect what is garbage now, then exempt everything left from later collections."""
    gc.collect()
    gc.freeze()


def freeze_after_model_load() -> None:
    """Freeze once Rasa has loaded the model, in every Sanic worker (each loads it after the fork)."""
    import rasa.core.agent

    load = rasa.core.agent.load_agent

    async def load_agent(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        freeze_long_lived()
        return agent

    rasa.core.agent.load_agent = load_agent
