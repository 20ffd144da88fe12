"""Where a build's outputs are made and how they reach the output folder.

Everything is written into a staging folder beside the output folder and moved into
place only when all of it is complete: a failure never leaves a half-written output
folder and never touches the previous one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plangraph.publish.viz import VIEW_NAMES

__all__ = ["OUTPUTS", "publish_outputs", "staging_folder"]

# What build writes into its output folder (and may replace there); nothing else is touched.
OUTPUTS = ("graph.trig", "validation.txt", "validation.json", "store", "audit.html",
           *(f"{v}.html" for v in VIEW_NAMES))


@contextmanager
def staging_folder(out: Path) -> Iterator[Path]:
    """A new, empty folder beside ``out`` (so that its outputs move by a rename), removed
    on leaving whatever happened."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish_outputs(staging: Path, out: Path) -> None:
    """Move every output of ``staging`` into ``out``, replacing the previous build's."""
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        new = staging / name
        target = out / name
        if new.is_dir():
            old = None
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{name}.old.", dir=out))
                os.replace(target, old / name)
            os.replace(new, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, target)
