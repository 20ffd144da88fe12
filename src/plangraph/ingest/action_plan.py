"""Reader for the *action plan* layout.

Columns: Outcomes | Performance measures | End of Year Update | Lead organisation.
A row starts where an outcome code ("1a:", "2.a:") or a measure numeral ("i)", "iv).")
stands; lines whose first cells are empty continue the row above, also across a page
break (where the header row repeats). What the reader cannot be sure of it keeps as
printed and reports as a :class:`~plangraph.model.records.Note`. A measures cell is split at
its numerals by :mod:`plangraph.ingest.numerals`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plangraph.ingest.document import Cell, Document, Line
from plangraph.model.records import (
    ActionRow,
    Extraction,
    Fragment,
    Lead,
    Measure,
    Note,
    Outcome,
    Priority,
)
from plangraph.ingest import table as _table
from plangraph.ingest.layouts import Layout
from plangraph.ingest.table import FUNCTION_WORDS, last_word, note
from plangraph.ingest.leads import merge, parse_lead_cell
from plangraph.ingest.numerals import roman, split_measures
from plangraph.text import SENTENCE_END, ends_open, known_organisations
from plangraph.text.phrases import WordPairs

__all__ = ["ROLES", "read"]

# the columns this reader reads, by role; a layout file says where each is printed and what
# its header says (layouts/action-plan.yaml)
ROLES = ("outcome", "measures", "update", "lead")


@dataclass
class _OutcomeB:
    key: str
    priority: str
    code: str | None
    printed: str | None
    title_cells: list[Cell]
    label_missing: bool
    first_cell: Cell
    last_numeral: int | None = None


@dataclass
class _MeasureB:
    numeral: str | None
    printed: str | None
    cells: list[Cell]
    outcome: _OutcomeB


@dataclass
class _RowB:
    priority: str
    outcome: _OutcomeB | None
    measures: list[_MeasureB] = field(default_factory=list)
    update: list[Cell] = field(default_factory=list)
    lead: list[Cell] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    plan_wide: Cell | None = None
    plan_wide_measures: list[Cell] = field(default_factory=list)


def _cut(cell: Cell, at: int) -> tuple[Cell, Cell]:
    """Split ``cell`` before character ``at`` into two trimmed cells."""
    head = cell.text[:at].rstrip()
    tail_raw = cell.text[at:]
    tail = tail_raw.lstrip()
    tail_start = cell.start + at + (len(tail_raw) - len(tail))
    return Cell(head, cell.start, cell.start + len(head)), Cell(tail, tail_start, tail_start + len(tail))


class _Reader:
    def __init__(self, doc: Document, layout: Layout) -> None:
        self.doc = doc
        self.layout = layout
        self.outcome_code = layout.pattern("outcome-code")
        self.plan_wide = layout.pattern("plan-wide")
        self.notes: list[Note] = []
        self.priorities: list[Priority] = []
        self.outcomes: list[_OutcomeB] = []
        self.rows: list[_RowB] = []
        self.priority: str | None = None
        self.outcome: _OutcomeB | None = None
        self.unlabelled = 0
        self.at_boundary = True  # no spill into a row across a priority or a lost label
        self.codes: Counter[str] = Counter()  # outcomes read so far, by code
        self.pairs = WordPairs(doc.text)  # indexed when a spill first asks

    # -- notes -----------------------------------------------------------------------
    def note(self, code: str, message: str, start: int, end: int) -> None:
        self.notes.append(note(code, message, self.doc.span(start, max(end, start + 1))))

    def cell_text(self, cells: list[Cell]) -> str:
        fragment = self.doc.fragment(cells)
        return fragment.text if fragment else ""

    # -- lines -----------------------------------------------------------------------
    def line(self, line: Line) -> None:
        if line.blank:
            return
        heading = _table.priority_heading(self.doc, line, len(self.priorities), self.layout)
        if heading:
            self.priorities.append(heading)
            self.priority = heading.notation
            self.outcome = None
            self.at_boundary = True
            return
        columns = self.layout.columns
        header = _table.match_header(line, columns)
        if header is not None:
            if not header.complete:
                raise self.doc.error(line.number, _table.header_problem(line, columns, header))
            return
        if len(line.cells) != len(columns):
            raise self.doc.error(
                line.number,
                f"expected a table row of {len(columns)} cells ({self.layout.expected}), "
                f"got {len(line.cells)}",
            )
        if self.priority is None:
            # its priority's heading is missing: kept as a note, not read into a priority it may not be in
            unread = _table.row_before_header(self.doc, line)
            if unread is not None:
                self.notes.append(unread)
            return
        self.row_line(line)

    def row_line(self, line: Line) -> None:
        c_out, c_measure, c_update, c_lead = self.layout.cells(line, ROLES)
        for column, cell in self.layout.ignored(line):
            self.note("column-not-read", f"text in the {column.label} column, which the layout does "
                      f"not read: {cell.text[:60]!r}", cell.start, cell.end)
        new_outcome = plan_wide = False
        if c_out.text:
            match = self.outcome_code.match(c_out.text)
            if match:
                self.start_outcome(c_out, match)
                new_outcome = True
            elif self.plan_wide.match(c_out.text):
                plan_wide = True
            elif self.outcome is not None and not self.outcome.label_missing:
                self.outcome.title_cells.append(c_out)
            else:
                self.note(
                    "outcomes-column-text",
                    f"text in the Outcomes column that is not an outcome code: {c_out.text!r}",
                    c_out.start, c_out.end,
                )
        pieces = split_measures(c_measure) if c_measure.text else []
        starts_measure = bool(pieces) and pieces[0][0] is not None
        row = self.rows[-1] if self.rows else None
        if new_outcome or plan_wide or starts_measure:
            previous = row
            row = _RowB(priority=self.priority or "", outcome=None if plan_wide else self.outcome)
            spill_ok = not self.at_boundary
            if plan_wide:
                row.plan_wide = c_out
                row.plan_wide_measures.extend(p[2] for p in pieces)
            else:
                for k, (numeral, printed, cell) in enumerate(pieces):
                    spill_ok &= self.add_measure(row, numeral, printed, cell, first=(k == 0), line=line)
            if c_update.text and previous is not None and spill_ok:
                c_update = self.spill(previous, c_update)
            self.rows.append(row)
            self.at_boundary = False
        elif row is None:
            raise self.doc.error(
                line.number,
                "a continuation line (its first cells empty) before the first row of the table "
                "(expected an outcome code such as '1a:' or a measure numeral such as 'i)')",
            )
        else:
            for numeral, printed, cell in pieces:
                if numeral is None and row.measures:
                    row.measures[-1].cells.append(cell)
                elif numeral is None and row.plan_wide is not None:
                    row.plan_wide_measures.append(cell)
                else:
                    self.add_measure(row, numeral, printed, cell, first=not row.measures, line=line)
        if c_update.text:
            row.update.append(c_update)
        if c_lead.text:
            row.lead.append(c_lead)
        row.lines.append(line.number)

    def start_outcome(self, cell: Cell, match: re.Match[str]) -> None:
        code = f"{match.group('number')}{match.group('letter').lower()}"
        printed = cell.text[: match.end()].rstrip().rstrip(":.)").strip()
        title = cell.text[match.end() :]
        title_cell = Cell(title, cell.start + match.end(), cell.end) if title else None
        if self.priority is not None and not code.startswith(self.priority):
            self.note(
                "outcome-priority",
                f"outcome {printed} is printed under priority {self.priority}",
                cell.start, cell.end,
            )
        code_key = f"{code}-{self.codes[code] + 1}" if self.codes[code] else code
        if self.codes[code]:
            self.note("outcome-repeated", f"outcome code {printed} is printed twice", cell.start, cell.end)
        self.codes[code] += 1
        self.outcome = _OutcomeB(
            key=code_key, priority=self.priority or "", code=code, printed=printed,
            title_cells=[title_cell] if title_cell else [], label_missing=False, first_cell=cell,
        )
        self.outcomes.append(self.outcome)

    def add_measure(
        self, row: _RowB, numeral: str | None, printed: str | None, cell: Cell, *, first: bool, line: Line
    ) -> bool:
        """Add a measure to ``row``; returns False when it starts after a lost label."""
        outcome = self.outcome
        value = roman(numeral) if numeral else None
        contiguous = True
        restart = (
            first and value is not None and value <= 2 and outcome is not None
            and outcome.last_numeral is not None and value <= outcome.last_numeral
        )
        if outcome is None or restart:
            outcome = self.lost_label(cell, numeral, line)
            row.outcome = outcome
            contiguous = False
        elif value is not None and outcome.last_numeral is not None:
            if value == outcome.last_numeral:
                where = outcome.code or "with the missing label"
                self.note(
                    "numeral-repeated",
                    f"measure numeral {numeral}) is printed twice under outcome {where}; "
                    "both are kept as separate measures",
                    cell.start, cell.end,
                )
            elif value < outcome.last_numeral:
                self.note(
                    "numeral-order",
                    f"measure numeral {numeral}) follows {outcome.last_numeral} under outcome {outcome.code}",
                    cell.start, cell.end,
                )
        if value is not None:
            outcome.last_numeral = value
        elif outcome.last_numeral is None:
            self.note("measure-without-numeral", "a measure printed without a numeral",
                      cell.start, cell.end)
        row.measures.append(_MeasureB(numeral, printed, [cell] if cell.text else [], outcome))
        return contiguous

    def lost_label(self, cell: Cell, numeral: str | None, line: Line) -> _OutcomeB:
        self.unlabelled += 1
        priority = self.priority or ""
        previous = self.outcome.code if self.outcome else None
        after = f" after outcome {previous}" if previous else ""
        self.note(
            "outcome-label-missing",
            f"measures start again at {numeral}) with no outcome code{after}: the outcome's label "
            "is missing from the document (lost at a page break?); these measures are kept under "
            "an outcome without a label, not folded into the previous one",
            cell.start, cell.end,
        )
        outcome = _OutcomeB(
            key=f"p{priority}-unlabelled-{self.unlabelled}", priority=priority, code=None, printed=None,
            title_cells=[], label_missing=True, first_cell=Cell("", line.start, line.start),
        )
        self.outcomes.append(outcome)
        self.outcome = outcome
        return outcome

    def spill(self, previous: _RowB, cell: Cell) -> Cell:
        """Move the start of ``cell`` that ends the previous row's sentence; return the rest."""
        before = self.cell_text(previous.update)
        if not before or not ends_open(before):
            return cell
        first = re.match(r"[\w'’]+", cell.text)
        if not first:
            return cell
        lower = cell.text[0].islower()
        after_function_word = last_word(before) in FUNCTION_WORDS
        if not (lower or after_function_word or self.known_phrase(before.split()[-1], first.group(), cell.text)):
            return cell
        end = SENTENCE_END.search(cell.text)
        at = end.end() if end else len(cell.text)
        head, rest = _cut(cell, at)
        previous.update.append(head)
        self.note(
            "spill",
            f"the start of this update cell ({head.text[:60]!r}) ends the previous row's sentence "
            f"({before[-40:]!r}) and is read as part of that row",
            head.start, head.end,
        )
        return rest

    def known_phrase(self, last: str, first: str, cell_text: str) -> bool:
        """Is "``last`` ``first``" inside a known organisation's name, or printed elsewhere in
        the document (outside ``cell_text``)?"""
        return any(f"{last} {first}" in name for name in known_organisations()) \
            or self.pairs.printed(last, first, apart_from=cell_text)

    # -- records ---------------------------------------------------------------------
    def extraction(self, title: Fragment | None) -> Extraction:
        doc = self.doc
        outcomes = []
        for o in self.outcomes:
            title_fragment = doc.fragment(o.title_cells)
            span = doc.span(o.first_cell.start, max(o.first_cell.end, o.first_cell.start + 1))
            if title_fragment is not None:
                span = span.cover(title_fragment.span)
            outcomes.append(Outcome(o.key, o.priority, o.code, o.printed, title_fragment, o.label_missing, span))
        measures: list[Measure] = []
        rows: list[ActionRow] = []
        uses: dict[str, int] = {}  # measure keys by outcome and numeral (no numeral holds "-")
        for index, row in enumerate(self.rows):
            lead_fragment = doc.fragment(row.lead)
            lead_cell = parse_lead_cell(lead_fragment, doc)
            stacked = len(row.measures) > 1 and len(lead_cell.entries) == len(row.measures)
            merged = None if stacked else merge(lead_cell.entries)
            if stacked:
                self.note_stacked(row, lead_fragment)
            row_keys = []
            for k, m in enumerate(row.measures):
                text = doc.fragment(m.cells)
                if text is None:
                    raise doc.error(row.lines[0], f"measure {m.printed} has no text")
                base = f"{m.outcome.key}/{m.numeral or 'measure'}"
                uses[base] = uses.get(base, 0) + 1  # a numeral printed again: "-2", "-3" ...
                key = base if uses[base] == 1 else f"{base}-{uses[base]}"
                row_keys.append(key)
                lead = lead_cell.entries[k] if merged is None else merged
                if stacked and not lead.organisations and lead_cell.entries[0].organisations:
                    lead = Lead(lead_cell.entries[0].organisations, lead.officers, organisation_inherited=True)
                measures.append(
                    Measure(key, row.priority, m.outcome.key, m.outcome.code, m.numeral, m.printed,
                            text, index, lead, stacked)
                )
            update = doc.fragment(row.update)
            span = doc.span(doc.lines[row.lines[0] - 1].start, doc.lines[row.lines[-1] - 1].start
                            + len(doc.lines[row.lines[-1] - 1].text))
            if update is not None and ends_open(update.text) and index + 1 < len(self.rows):
                nxt = self.rows[index + 1]
                if nxt.outcome is not None and nxt.outcome.label_missing and not row.plan_wide:
                    self.note("cut-text", f"the update ends mid-sentence ({update.text[-40:]!r}); "
                              "the rest is not in the document", update.span.end - 1, update.span.end)
            rows.append(
                ActionRow(
                    index=index, priority=row.priority,
                    outcome_key=row.outcome.key if row.outcome else None,
                    measure_keys=tuple(row_keys), update=update, lead=lead_cell, span=span,
                    plan_wide_label=doc.fragment([row.plan_wide]) if row.plan_wide else None,
                    measure_cell=doc.fragment(row.plan_wide_measures),
                )
            )
            if row.plan_wide:
                self.note("plan-wide-row", f"the row {row.plan_wide.text!r} applies to all outcomes "
                          "and is not read as a measure", row.plan_wide.start, row.plan_wide.end)
        plan = _table.plan_record(doc, self.layout.name, title)
        return Extraction(
            plan=plan, priorities=tuple(self.priorities), outcomes=tuple(outcomes),
            measures=tuple(measures), rows=tuple(rows),
            notes=tuple(sorted(self.notes, key=lambda n: n.span.start)),
        )

    def note_stacked(self, row: _RowB, lead: Fragment | None) -> None:
        assert lead is not None
        self.note("stacked-lead", f"one lead cell names {len(row.measures)} leads for the "
                  f"{len(row.measures)} measures of its row; each measure gets its own",
                  lead.span.start, lead.span.end)


def read(doc: Document, layout: Layout) -> Extraction:
    """Read an action-plan document into records."""
    reader = _Reader(doc, layout)
    title: Fragment | None = None
    started = False
    for line in doc.lines:
        if not started:
            header = _table.match_header(line, layout.columns)
            heading = _table.priority_heading(doc, line, 0, layout)
            if header is None and heading is None:
                if title is None and _table.running_text(line):
                    title = doc.fragment(line.cells)
                elif (unread := _table.row_before_header(doc, line)) is not None:
                    reader.notes.append(unread)
                continue
            started = True
        reader.line(line)
    if not started:
        raise doc.error(1, f"no {layout.name} table header found (expected a row {layout.expected})")
    return reader.extraction(title)
