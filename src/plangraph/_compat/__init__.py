"""Every patch of a third-party library lives here, one module per library, each version-guarded.

A patch reaches into a library's private names, which any release may change. Each module
checks the installed version against the range the patch was written for, and that the
names it replaces are still there; otherwise it leaves the library alone, and plangraph
behaves the same, only slower. ``tests/test_compat.py`` checks each patch's contract with
the installed version.
"""

from __future__ import annotations

__all__: list[str] = []
