"""The plangraph error tree.

Every error names where it happened (file and line when there is one) and what was
expected, so that ``plangraph.cli`` can print it as one line and exit with the error's code.

A setting that would fix the problem is named in backquotes, as the Python functions take it
(`encoding`), and listed in ``options``: ``shown`` writes each as the caller's front end names
it (the command line: ``--encoding``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["PlangraphError", "ReadError", "UsageError", "show_options"]

_OPTION = re.compile(r"`([a-z][a-z-]*)`")


class PlangraphError(Exception):
    """Base class of every error plangraph raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None, options: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.options = tuple(options)

    def __str__(self) -> str:
        return f"{self.message}. {self.hint}" if self.hint else self.message

    def shown(self, option: Callable[[str], str]) -> str:
        """The message, each setting it names (see the module notes) written as ``option(name)``.

        >>> err = PlangraphError("not UTF-8", hint="Name its encoding with `encoding`", options=["encoding"])
        >>> err.shown(lambda name: "--" + name)
        'not UTF-8. Name its encoding with --encoding'
        """
        return show_options(str(self), self.options, option)

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt with its own fields (not Exception's args), so that an error raised in a
        # worker process reaches the main process whole
        return (_rebuild, (type(self), dict(self.__dict__)))


def show_options(text: str, options: Iterable[str], option: Callable[[str], str]) -> str:
    """``text`` with each of ``options`` it names in backquotes written as ``option(name)``."""
    named = set(options)
    return _OPTION.sub(lambda m: option(m.group(1)) if m.group(1) in named else m.group(0), text)


class ReadError(PlangraphError):
    """An input document cannot be read: reported as ``file:line: problem``.

    In a format without lines, ``place`` names where instead, in the file's own terms
    (``p.5``, ``Plan!C12``, ``table 2 row 5``):

    >>> str(ReadError("plan.pdf", None, "the page has no text layer", place="p.3"))
    'plan.pdf p.3: the page has no text layer'
    """

    exit_code = 3

    def __init__(
        self, file: str, line: int | None, problem: str, *, hint: str | None = None,
        place: str | None = None, options: Iterable[str] = (),
    ) -> None:
        if place is not None:
            where = f"{file} {place}"
        else:
            where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {problem}", hint=hint, options=options)
        self.file = file
        self.line = line
        self.place = place
        self.problem = problem


def _rebuild(cls: type[PlangraphError], fields: dict[str, object]) -> PlangraphError:
    error = cls.__new__(cls)
    Exception.__init__(error, fields.get("message"))
    error.__dict__.update(fields)
    return error


class UsageError(PlangraphError):
    """The user asked for something that does not exist (a layout, a format, ...)."""

    exit_code = 2
