"""Writing output files so that a failure never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["replace_atomic", "write_text_atomic"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 through a temporary file and a rename
    (:func:`replace_atomic`): whole or not at all, errors naming ``path``."""
    with replace_atomic(path) as tmp:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


@contextmanager
def replace_atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for a library to save a file to; moved to ``path``
    when the block ends without an error (removed otherwise), with the folder's usual
    permissions. Errors name ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from err
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OSError(err.errno, err.strerror, str(path)) from err
        raise
