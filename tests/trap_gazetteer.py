"""A gazetteer for the isolation tests: the packaged actors plus two made-up states that break
extraction in the process that reads them (it is pickled to worker processes, like any given
gazetteer, so the breakage travels to --jobs and Dask workers).

* ``Zorbania``: looking the actor up raises ``ValueError`` (an extraction that fails);
* ``Killistan``: looking the actor up kills the process with SIGKILL (the OOM killer's way).

The actor ruler matches both names exactly, so the lookups happen whatever the model tags.
"""

from __future__ import annotations

import os
import signal

from kgraph.know.actors import Gazetteer, load_actors
from kgraph.model import Actor

TRAP = "Zorbania"
KILLER = "Killistan"


class TrapGazetteer(Gazetteer):
    """The packaged gazetteer with a trap actor and a killer actor (see the module docstring)."""

    def get(self, actor_id: str) -> Actor | None:
        if actor_id == TRAP.lower():
            raise ValueError(f"the {TRAP} trap")
        if actor_id == KILLER.lower():
            os.kill(os.getpid(), signal.SIGKILL)
        return super().get(actor_id)


def trap_gazetteer() -> TrapGazetteer:
    """The packaged actors plus Zorbania and Killistan."""
    base = load_actors()
    extra = [Actor(name.lower(), name, "State") for name in (TRAP, KILLER)]
    names = {**base.names(), **{(a.label,): a.id for a in extra}}
    return TrapGazetteer([*base, *extra], names=names, demonyms={})


GOOD = [
    "Iran has backed Hezbollah since 1982.",
    "Turkey attacked the YPG near the border in July 2019.",
    "The United States sanctioned Iran in 2018.",
    "Hamas and Fatah agreed to cooperate, officials said.",
    "Russia backed the Syrian government in the civil war.",
]
"""Texts of good articles, each with at least one assertion."""
