"""pySHACL without the text description it writes of every result, while plangraph validates.

pySHACL describes each result in words (shape, focus node and value, each written out in
Turtle) for its text report. plangraph reads only the report graph; and most results are
never reported at all: those of the shapes inside ``sh:or`` and ``sh:qualifiedValueShape``,
which pySHACL computes for every value node and throws away. The descriptions were a third
of the time of validating a plan.

The patch replaces the private method ``ConstraintComponent.make_v_result_description``,
so it is applied only to the pySHACL releases it was written for (``TESTED_VERSIONS``) and
only while that method is still there (``patchable``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from plangraph._compat import installed_in

__all__ = ["without_result_descriptions", "patchable", "TESTED_VERSIONS", "PATCHED_METHOD"]

# the pySHACL releases the patch was written and checked against, by (major, minor): from the
# first up to, not including, the second
TESTED_VERSIONS = ((0, 26), (0, 41))
# the private method of pyshacl.constraints.constraint_component.ConstraintComponent it replaces
PATCHED_METHOD = "make_v_result_description"


@lru_cache(maxsize=1)
def patchable() -> bool:
    """True when the installed pySHACL is a release the patch was written for and its
    ``ConstraintComponent`` still defines the method the patch replaces."""
    if not installed_in("pyshacl", TESTED_VERSIONS):
        return False
    from pyshacl.constraints.constraint_component import ConstraintComponent

    return callable(vars(ConstraintComponent).get(PATCHED_METHOD))


class _Silenced:
    """How many validations run without pySHACL's descriptions, and pySHACL's own method."""

    lock = threading.Lock()
    users = 0
    original: Any = None


@contextmanager
def without_result_descriptions() -> Iterator[None]:
    """pySHACL without the text description it writes of every result.

    While this is in force (in any thread; uses may overlap and nest), pySHACL's text
    reports list no results; its report graphs are unchanged.
    """
    if not patchable():
        # another pySHACL, whose private method may be gone or do something else: it is left
        # alone, and the report graphs are the same; validation is only slower
        yield
        return
    from pyshacl.constraints.constraint_component import ConstraintComponent

    with _Silenced.lock:
        if _Silenced.users == 0:
            _Silenced.original = vars(ConstraintComponent)[PATCHED_METHOD]
            setattr(ConstraintComponent, PATCHED_METHOD, _no_description)
        _Silenced.users += 1
    try:
        yield
    finally:
        with _Silenced.lock:
            _Silenced.users -= 1
            if _Silenced.users == 0:
                setattr(ConstraintComponent, PATCHED_METHOD, _Silenced.original)


def _no_description(*args: Any, **kwargs: Any) -> str:
    return ""
