"""Python's cyclic garbage collector paused for loops that make millions of objects.

Feature rows, scored pairs and clustering create one or more tuples, lists or sets
per mention and per pair; none of them forms a reference cycle. Python's collector
still walks every live object each time enough of them have been made, and with a
million mentions (and their fields) alive that walking was a quarter of the time of
building the mention table. Reference counting still frees everything as usual; only
the search for cycles waits until the loop is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block; restore it as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
