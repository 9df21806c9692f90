"""The cyclic garbage collector around a load: paused, then the new objects made old in one pass.

Loading and checking the data allocate many objects, nearly all of which live as long as the
result (the located values, the model, the lifecycle), and none of which form cycles. With the
collector running, every few hundred allocations start a collection, and the full ones walk
everything alive in the process, the host's objects too: at the scale of the benchmarks that is
a fifth to two fifths of a check, and it grows faster than the data. Paused, the objects are
walked once, at the end, by a collection of the two young generations, which moves them to the
old one. The collector's state is the host's again afterwards; a host that turned it off keeps
it off, and nothing is frozen.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the garbage collector paused, then collect the young generations."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():  # the host's choice, or a call from inside a paused one
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()
            gc.collect(1)

    return run
