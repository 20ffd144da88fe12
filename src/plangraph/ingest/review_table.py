"""Reader for the *review table* layout.

Columns: (number) | Key activities | Evidence source | Evidence of achievement, under
"Priority N TITLE" headings, printed in any order. Numbers restart in each priority.
A line whose first cell is empty continues the row above (a page break in the middle
of a row); numbered lists inside a cell ("1.Operation Striver") are cell text, not rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plangraph.ingest.document import Cell, Document, Line
from plangraph.model.records import Activity, Extraction, Fragment, Mention, Note, Priority
from plangraph.ingest import table as _table
from plangraph.ingest.layouts import Layout
from plangraph.ingest.table import FUNCTION_WORDS, last_word, note
from plangraph.text.cuts import Vocabulary, cut_words
from plangraph.ingest.sources import split_sources

__all__ = ["ROLES", "read"]

# the columns this reader reads, by role (layouts/review-table.yaml says where and what)
ROLES = ("number", "activity", "sources", "evidence")


@dataclass
class _RowB:
    priority: str
    number: str
    number_cell: Cell
    activity: list[Cell] = field(default_factory=list)
    sources: list[Cell] = field(default_factory=list)
    evidence: list[Cell] = field(default_factory=list)


def read(doc: Document, layout: Layout) -> Extraction:
    """Read a review-table document into records."""
    priorities: list[Priority] = []
    rows: list[_RowB] = []
    notes: list[Note] = []
    started = False
    title: Fragment | None = None
    for line in doc.lines:
        if line.blank:
            continue
        heading = _table.priority_heading(doc, line, len(priorities), layout)
        if heading:
            priorities.append(heading)
            started = True
            continue
        header = _table.match_header(line, layout.columns)
        if header is not None:
            if not header.complete:
                raise doc.error(line.number, _table.header_problem(line, layout.columns, header))
            started = True
            continue
        if not started:
            if title is None and _table.running_text(line):
                title = doc.fragment(line.cells)
            elif (unread := _table.row_before_header(doc, line)) is not None:
                notes.append(unread)
            continue
        _row_line(doc, layout, line, priorities, rows, notes)
    if not rows and not priorities:
        raise doc.error(1, f"no {layout.name} table header found (expected a row {layout.expected})")
    vocabulary = Vocabulary(Counter(w.lower() for w in re.findall(r"[A-Za-z]+", doc.text)))
    activities = [_activity(doc, row, vocabulary, notes) for row in rows]
    return Extraction(
        plan=_table.plan_record(doc, layout.name, title),
        priorities=tuple(priorities),
        activities=tuple(activities),
        notes=tuple(sorted(notes, key=lambda n: n.span.start)),
    )


def _row_line(doc: Document, layout: Layout, line: Line, priorities: list[Priority],
              rows: list[_RowB], notes: list[Note]) -> None:
    if len(line.cells) != len(layout.columns):
        raise doc.error(
            line.number,
            f"expected a table row of {len(layout.columns)} cells ({layout.expected}), "
            f"got {len(line.cells)}",
        )
    number, activity, sources, evidence = layout.cells(line, ROLES)
    for column, cell in layout.ignored(line):
        notes.append(note("column-not-read", f"text in the {column.label} column, which the layout "
                          f"does not read: {cell.text[:60]!r}", doc.span(cell.start, cell.end)))
    if not priorities:
        # its priority's heading is missing: kept as a note, not read into a priority it may not be in
        unread = _table.row_before_header(doc, line)
        if unread is not None:
            notes.append(unread)
        return
    if number.text:
        if not layout.pattern("item-number").match(number.text):
            raise doc.error(line.number, f"expected an activity number in the first column, "
                            f"got {number.text[:40]!r}")
        rows.append(_RowB(priorities[-1].notation, number.text.rstrip("."), number))
    elif not rows or rows[-1].priority != priorities[-1].notation:
        raise doc.error(line.number, "a continuation line (first cell empty) with no numbered "
                        "activity above it in this priority (expected an activity number)")
    row = rows[-1]
    for cells, cell in ((row.activity, activity), (row.sources, sources), (row.evidence, evidence)):
        if cell.text:
            cells.append(cell)


def _activity(doc: Document, row: _RowB, vocabulary: Vocabulary, notes: list[Note]) -> Activity:
    key = f"p{row.priority}/{row.number}"
    text = doc.fragment(row.activity)
    if text is None:
        raise doc.error(doc.index.line_of(row.number_cell.start),
                        f"activity {row.number} of priority {row.priority} has no text "
                        "(expected the activity's text in its column)")
    source_cell = doc.fragment(row.sources)
    evidence = doc.fragment(row.evidence)
    cuts: list[Mention] = []
    for fragment in (text, evidence):
        if fragment is None:
            continue
        for start, end in cut_words(fragment.text, vocabulary):
            piece = fragment.sub(start, end, doc.index)
            cuts.append(Mention(piece.text, piece.text, piece.span))
    if cuts:
        words = ", ".join(repr(c.name) for c in cuts[:8])
        notes.append(note("cut-text", f"priority {row.priority} activity {row.number}: text cut at "
                          f"the column edge ({words}); kept as printed", cuts[0].span))
    if last_word(text.text) in FUNCTION_WORDS:
        notes.append(note("cut-text", f"priority {row.priority} activity {row.number}: the "
                          f"activity ends mid-sentence ({text.text[-30:]!r}); kept as printed",
                          text.span))
    sources = split_sources(source_cell, doc)
    for source in sources:
        if len(source.urls) and any(u not in source.printed.text for u in source.urls):
            notes.append(note("url-repaired", f"a URL broken by a space was joined: {source.urls}",
                              source.printed.span))
    return Activity(key, row.priority, row.number, text, source_cell, sources, evidence, tuple(cuts))
