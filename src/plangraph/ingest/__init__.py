"""Readers: one module per table layout, chosen from the header row or by name.

>>> sorted(LAYOUTS)
['action-plan', 'review-table']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plangraph.ingest.document import Document, read_document
from plangraph.errors import UsageError
from plangraph.model.records import Extraction
from plangraph.ingest import action_plan, review_table
from plangraph.ingest import table as _table

__all__ = ["LAYOUTS", "detect_layout", "read_plan", "read_text"]

LAYOUTS: dict[str, tuple[tuple[_table.Column, ...], Callable[[Document], Extraction]]] = {
    action_plan.NAME: (action_plan.COLUMNS, action_plan.read),
    review_table.NAME: (review_table.COLUMNS, review_table.read),
}


def detect_layout(doc: Document) -> str:
    """The layout whose header row appears first in ``doc``.

    A header with a column missing is reported here, naming its line.
    """
    for line in doc.lines:
        for name, (columns, _) in LAYOUTS.items():
            match = _table.match_header(line, columns)
            if match is None:
                continue
            if not match.complete:
                raise doc.error(line.number, _table.header_problem(line, columns, match))
            return name
    expected = "; ".join(
        f"{name}: {' | '.join(c.label or '(number)' for c in cols)}"
        for name, (cols, _) in LAYOUTS.items()
    )
    first_table_line = next((ln.number for ln in doc.lines if len(ln.cells) > 1), 1)
    raise doc.error(
        first_table_line,
        f"unknown layout: no table header row found (expected one of {expected})",
        hint="Name the layout with --layout if the header is worded differently",
    )


def read_text(doc: Document, layout: str | None = None) -> Extraction:
    """Read a decoded document with the named layout, or the one its header shows."""
    if layout is None:
        layout = detect_layout(doc)
    if layout not in LAYOUTS:
        raise UsageError(f"unknown layout {layout!r} (expected one of: {', '.join(sorted(LAYOUTS))})")
    return LAYOUTS[layout][1](doc)


def read_plan(path: Path | str, layout: str | None = None) -> Extraction:
    """Read the plan document at ``path`` into records.

    Raises :class:`~plangraph.errors.ReadError` naming the file and line when it cannot.
    """
    return read_text(read_document(Path(path)), layout)
