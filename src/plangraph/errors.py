"""The plangraph error tree.

Every error names where it happened (file and line when there is one) and what was
expected, so that ``plangraph.cli`` can print it as one line and exit with the error's code.
"""

from __future__ import annotations

__all__ = ["PlangraphError", "ReadError", "UsageError"]


class PlangraphError(Exception):
    """Base class of every error plangraph raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}. {self.hint}" if self.hint else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt with its own fields (not Exception's args), so that an error raised in a
        # worker process reaches the main process whole
        return (_rebuild, (type(self), dict(self.__dict__)))


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
        place: str | None = None,
    ) -> None:
        if place is not None:
            where = f"{file} {place}"
        else:
            where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {problem}", hint=hint)
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
