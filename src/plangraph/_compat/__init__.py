"""Every patch of a third-party library lives here, one module per library, each version-guarded.

A patch reaches into a library's private names, which any release may change. Each module
checks the installed version against the range the patch was written for, and that the
names it replaces are still there; otherwise it leaves the library alone, and plangraph
behaves the same, only slower. ``tests/test_compat.py`` checks each patch's contract with
the installed version.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

__all__ = ["installed_in"]


def _release(text: str) -> tuple[int, ...]:
    """(major, minor) of a version number; ``()`` when it does not start with them.

    Examples
    --------
    >>> _release("0.40.1"), _release("1.0rc2"), _release("unknown")
    ((0, 40), (1, 0), ())
    """
    found = re.match(r"(\d+)\.(\d+)", text)
    return () if found is None else (int(found.group(1)), int(found.group(2)))


def installed_in(distribution: str, tested: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    """Whether the installed ``distribution`` is a release in ``tested``: (major, minor) from
    the first, up to but not including the second.

    >>> installed_in("rdflib", ((0, 0), (99, 0))), installed_in("no-such-package", ((0, 0), (99, 0)))
    (True, False)
    """
    try:
        installed = _release(version(distribution))
    except PackageNotFoundError:
        return False
    return tested[0] <= installed < tested[1]
