"""Reader for *items* layouts: tables whose rows are actions, commitments or indicators.

The layout file names the kinds of table the plan holds (each told apart by its header
row) and each column's role; the hierarchy comes from page titles, rows spanning the
table (a bold one a heading that carries over to the next page, a regular one a
preamble), heading lines and a theme column. A row whose item cell is empty continues
the item above (a row split across a page). What the reader cannot place becomes a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plangraph.ingest import table as _table
from plangraph.ingest.document import HARD_BREAK, Cell, Document, Line
from plangraph.ingest.item_cells import baseline_target, rag, split_number
from plangraph.ingest.item_reading import CellReader
from plangraph.ingest.layouts import Layout, Table
from plangraph.ingest.timescales import parse_due
from plangraph.model.items import CodeDef, CodeRef, Heading, Item, Preamble
from plangraph.model.records import Extraction, Fragment, Note, Priority

__all__ = ["read"]

_ROLES = ("number", "item", "description", "lead", "partners", "timescale", "measures", "status", "progress", "codes",
          "outcome", "update", "activity", "sources", "evidence")


_ALIGNED = 6.0  # points: cells whose left edges are this close stand in one column


@dataclass
class _ItemB:
    kind: str
    priority: str | None
    headings: tuple[str, ...]
    numbered: bool  # its table has a number column (else a number printed before its text is read)
    cells: dict[str, list[Cell]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


class _Reader(CellReader):
    def __init__(self, doc: Document, layout: Layout) -> None:
        self.doc, self.layout = doc, layout
        self.notes: list[Note] = []
        self.priorities: list[Priority] = []
        self.current: str | None = None  # the notation of the priority the next items fall under
        self.headings: list[Heading] = []
        self.in_force: dict[str, Heading] = {}  # level -> heading, in the order levels appeared
        self.preambles: list[Preamble] = []
        self.items: list[_ItemB] = []
        self.code_key: list[CodeDef] = []
        self.table: Table | None = None
        self.grid_table: int | None = None  # the grid's table (a PDF page's) the kind applies to
        self.headers = 0  # header rows met
        self.page: int | None = None  # the page of the last row read
        self.unknown: set[int | None] = set()  # the grid's tables that are none of the layout's
        self.header_x: list[float | None] = []  # a PDF header's cells' left edges
        self.carried = False  # the next row is the first of a table continued from the last page
        self.title: Fragment | None = None
        self.spanning = dict(layout.spanning)
        self.loose: list[Cell] = []  # running text not placed, since the last line that was

    def note(self, code: str, message: str, start: int, end: int) -> None:
        self.notes.append(_table.note(code, message, self.doc.span(start, max(end, start + 1))))

    # -- the hierarchy ---------------------------------------------------------------
    def heading(self, level: str, cell: Cell, text: str | None = None, start: int | None = None) -> None:
        current = self.in_force.get(level)
        words = " ".join((text if text is not None else cell.text).split())
        if current is not None and current.text.text == words:
            return  # the same heading printed again on the next page: it carries over
        rank = self.rank(level)
        kept = {lv: h for lv, h in self.in_force.items() if self.rank(lv) < rank}
        begin = cell.start if start is None else start
        fragment = self.doc.fragment([Cell(words, begin, begin + len(text or cell.text))]) \
            if text is not None else self.doc.fragment([cell])
        assert fragment is not None
        parent = next(reversed(kept.values())).key if kept else None
        heading = Heading(f"{level}-{sum(h.level == level for h in self.headings) + 1}", level, fragment, parent)
        self.headings.append(heading)
        kept[level] = heading
        self.in_force = kept

    def rank(self, level: str) -> int:
        """How high a level stands: a page title's above a row spanning the table, which stands
        above a theme column (a new heading ends those below it)."""
        order = [self.layout.page_titles[1]] if self.layout.page_titles else []
        order += [what for _, what in self.layout.spanning if what != "preamble"]
        order.append("theme")
        return order.index(level) if level in order else len(order)

    def running(self, line: Line) -> None:
        cell = next(c for c in line.cells if c.text)
        if self.layout.page_titles is not None:
            pattern, level = self.layout.page_titles
            m = pattern.search(cell.text)
            if m:
                title = m.group("title")
                self.heading(level, cell, title, cell.start + m.start("title"))
                return
        if self.enter(line):
            return
        if self.title is None and self.table is None and not self.items:
            self.title = self.doc.fragment([cell])
            return
        self.loose.append(cell)

    def loose_text(self) -> None:
        """One note for the run of text outside the tables just ended that is neither the
        plan's title nor a heading (an introduction, a paragraph between two tables): the user
        sees it was not read. It is a plan's prose, not a row lost, so validation does not warn."""
        if self.loose:
            first, last = self.loose[0], self.loose[-1]
            lines = f"{len(self.loose)} lines" if len(self.loose) > 1 else "a line"
            self.note("text-outside-tables", f"{lines} of text outside the plan's tables, not read: "
                      f"{' '.join(first.text.replace(HARD_BREAK, ' ').split())[:60]!r}", first.start, last.end)
            self.loose = []

    def enter(self, line: Line) -> bool:
        """Is ``line`` a priority's heading ("Priority 2 ...", "Objective 2: ...")? The items after
        it fall under that priority; a priority already listed (a plan that lists its objectives
        first, then heads each table with one) is entered again, not listed twice."""
        priority = _table.priority_heading(self.doc, line, len(self.priorities), self.layout)
        if priority is None:
            return False
        if all(p.notation != priority.notation for p in self.priorities):
            self.priorities.append(priority)
        self.current = priority.notation
        return True

    def lefts(self, line: Line) -> list[float | None]:
        """The left edge of each cell of ``line`` on its page (PDF only; None elsewhere)."""
        out: list[float | None] = []
        for cell in line.cells:
            where = self.doc.index.locators(cell.start, cell.end) if cell.text else ()
            out.append(where[0].box[0] if where and where[0].box else None)
        return out

    def aligned(self, line: Line) -> bool:
        """Do the cells of ``line`` stand in the columns of the last header (a table continued on
        the next page keeps its columns; another table has its own)?"""
        if self.table is None:
            return False
        lefts = self.lefts(_table.fit_line(line, len(self.table.columns)))
        return all(a is None or b is None or abs(a - b) <= _ALIGNED for a, b in zip(lefts, self.header_x))

    def heads_table(self, line: Line) -> bool:
        """Is ``line`` (a row spanning its table) above the header row of a kind of table the
        layout knows, in the same table, with only other spanning rows between?"""
        for after in self.doc.lines[line.number:]:
            if after.blank:
                continue
            if after.table != line.table:
                return False
            if not after.spanning:
                return any(_table.match_header(_table.fit_line(after, len(t.columns)), t.columns) is not None
                           for t in self.layout.tables)
        return False

    def spanning_row(self, line: Line, cell: Cell) -> None:
        self.enter(line)  # a table's title row may name its priority too; it is read as a heading still
        weight = "bold" if line.bold else "regular"
        what = self.spanning.get(weight)
        if what == "preamble":
            fragment = self.doc.fragment([cell])
            assert fragment is not None
            self.preambles.append(Preamble(f"preamble-{len(self.preambles) + 1}",
                                           tuple(h.key for h in self.in_force.values()), fragment))
        elif what:
            self.heading(what, cell)
        else:
            self.note("row-not-read", f"a {weight} row spanning the table, which the layout does not place: "
                      f"{cell.text[:60]!r}", cell.start, cell.end)

    # -- rows ------------------------------------------------------------------------
    def line(self, line: Line) -> None:
        if line.blank:
            return
        loose = len(self.loose)
        self.place(line)
        if len(self.loose) == loose:
            self.loose_text()

    def place(self, line: Line) -> None:
        matches: list[tuple[bool, int, Table, Line, _table.HeaderMatch]] = []
        for table in self.layout.tables:
            fitted = _table.fit_line(line, len(table.columns)) if self.doc.format != "text" else line
            match = _table.match_header(fitted, table.columns)
            if match is not None:
                matches.append((not match.complete, len(matches), table, fitted, match))
        if matches:  # the header of a kind of table: one it matches whole, else the first it resembles
            _, _, table, fitted, match = min(matches, key=lambda m: m[:2])
            if not match.complete:
                raise self.doc.error(line.number, _table.header_problem(fitted, table.columns, match))
            self.table = table
            self.grid_table = line.table
            self.unknown.discard(line.table)  # its title rows above were held back, not read as a table
            self.page = line.page
            self.headers += 1
            self.header_x = self.lefts(fitted)
            return
        filled = [c for c in line.cells if c.text]
        outside = line.table is None if self.doc.format != "text" else len(line.cells) == 1
        if len(filled) == 1 and not line.spanning and (
                self.table is None or _table.priority_heading(self.doc, line, 0, self.layout) is not None):
            outside = True  # a sheet's title or "Priority 2 ..." row, typed in a cell of its own
        if outside:
            self.running(line)
            return
        if line.spanning and line.table != self.grid_table and self.heads_table(line):
            self.spanning_row(line, filled[0])  # a table's title row above its header ("Objective 2: ...")
            return
        if self.table is not None and self.doc.format != "text" and line.table != self.grid_table:
            # a table with no header row of its own: the last one's rows go on (a table broken
            # across pages) when it starts a new page and is as wide; another table (a second
            # one on the page, a one-column box) is none the layout knows
            wide = len(_table.fit_line(line, len(self.table.columns)).cells) == len(self.table.columns)
            if line.table not in self.unknown and line.page != self.page \
                    and (line.spanning or wide and len(line.cells) > 1 and self.aligned(line)):
                self.grid_table = line.table
                self.carried = True
            else:
                self.unknown.add(line.table)
        if self.table is None or line.table in self.unknown:
            text = " | ".join(c.text.replace(HARD_BREAK, " / ") for c in filled)
            self.note("table-not-read", f"a row of a table under no header row the layout knows, not read: "
                      f"{text[:80]!r}", filled[0].start, filled[-1].end)
            return
        if line.spanning or (len(line.cells) == 1 and self.doc.format == "text"):
            self.spanning_row(line, filled[0])  # one cell merged across the table
            return
        self.page = line.page
        self.row(_table.fit_line(line, len(self.table.columns)), self.table)

    def row(self, line: Line, table: Table) -> None:
        if len(line.cells) != len(table.columns):
            text = " | ".join(c.text for c in line.cells if c.text)
            self.note("row-shape", f"a row of {len(line.cells)} cells in a table of {len(table.columns)} "
                      f"({table.expected}), not read: {text[:80]!r}", line.start, line.start + len(line.text))
            return
        for column, cell in zip(table.columns, line.cells):
            if column.role == "ignore" and cell.text:
                self.note("column-not-read", f"text in the {column.label} column, which the layout does not "
                          f"read: {cell.text[:60]!r}", cell.start, cell.end)
        if table.kind == "code-key":
            self.key_row(line, table)
            return
        theme = table.cell(line, "theme")
        if theme is not None and theme.text:
            self.heading("theme", theme)
        item = table.cell(line, "item")
        assert item is not None
        current = self.items[-1] if self.items else None
        carried, self.carried = self.carried, False
        if carried and item.text[:1].islower() and current is not None and current.kind == table.kind \
                and (theme is None or not theme.text):
            # the first row of a table continued from the last page, its item cell going on with
            # the words of the last row's (a row split by the page break)
            item = Cell("", item.start, item.start)
        if not item.text:
            if current is None or current.kind != table.kind:
                first = next((c for c in line.cells if c.text), None)
                if first is not None and first is not theme:
                    self.note("row-without-item", f"a row with no {table.columns[0].label} and no item above "
                              f"it, not read: {first.text[:60]!r}", first.start, first.end)
                return
        else:
            current = _ItemB(table.kind, self.current, tuple(h.key for h in self.in_force.values()),
                             any(c.role == "number" for c in table.columns))
            self.items.append(current)
        for column, cell in zip(table.columns, line.cells):
            if cell.text and column.role in _ROLES:
                current.cells.setdefault(column.role, []).append(cell)
        current.lines.append(line.number)

    def key_row(self, line: Line, table: Table) -> None:
        code, title = table.cell(line, "code"), table.cell(line, "title")
        assert code is not None and title is not None
        if not code.text or not title.text:
            return
        refs = self.codes_in(code) or [CodeRef(code.text, code.text, self.doc.span(code.start, code.end), False)]
        fragment = self.doc.fragment([title])
        assert fragment is not None
        self.code_key.append(CodeDef(refs[0].code, fragment, self.doc.span(code.start, code.end)))

    def item(self, k: int, b: _ItemB) -> Item:
        doc = self.doc
        cells = b.cells
        numbered, texts = ([], cells.get("item", [])) if b.numbered else split_number(cells.get("item", []))
        text = doc.fragment(texts)
        assert text is not None
        number = doc.fragment(cells.get("number", []) or numbered)
        timescale = doc.fragment(cells.get("timescale", []))
        due = parse_due(timescale.text) if timescale else None
        if timescale is not None and due is None:
            self.note("timescale-as-printed", f"{b.kind} {k}: the timescale {timescale.text!r} names no date; "
                      "kept as printed", timescale.span.start, timescale.span.end)
        status = doc.fragment(cells.get("status", []))
        normal = rag(status.text) if status else None
        if status is not None and normal is None:
            self.note("status-as-printed", f"{b.kind} {k}: the status {status.text!r} is not one plangraph "
                      "knows (data/statuses.csv); kept as printed", status.span.start, status.span.end)
        measures = self.measures(cells.get("measures", []))
        found = [r for c in cells.get("codes", []) for r in self.codes_in(c)]
        codes = tuple(r for k, r in enumerate(found) if r.code not in {x.code for x in found[:k]})
        progress = doc.fragment(cells.get("progress", []) + cells.get("update", []))
        bounds: tuple[Fragment | None, Fragment | None] = (None, None)
        if b.kind == "indicator" and (stated := baseline_target(text.text)) is not None:
            bounds = (text.sub(*stated[0], doc.index), text.sub(*stated[1], doc.index))
        lines = (doc.lines[b.lines[0] - 1], doc.lines[b.lines[-1] - 1])
        span = doc.span(lines[0].start, lines[1].start + max(1, len(lines[1].text)))
        return Item(
            key=f"{b.kind}-{k}", kind=b.kind, priority=b.priority, headings=b.headings,
            number=number.text if number else None, text=text,
            leads=self.leads(cells.get("lead", []), "lead"), lead_cell=doc.fragment(cells.get("lead", [])),
            partners=self.leads(cells.get("partners", []), "partners"), timescale=timescale, due=due,
            measures=measures, status=status, rag=normal, progress=progress, codes=codes,
            baseline=bounds[0], target=bounds[1], span=span, description=doc.fragment(cells.get("description", [])),
        )

    def extraction(self) -> Extraction:
        counts: dict[str, int] = {}
        items = []
        for b in self.items:
            counts[b.kind] = counts.get(b.kind, 0) + 1
            items.append(self.item(counts[b.kind], b))
        return Extraction(
            plan=_table.plan_record(self.doc, self.layout.name, self.title),
            priorities=tuple(self.priorities), headings=tuple(self.headings), preambles=tuple(self.preambles),
            items=tuple(items), code_key=tuple(self.code_key),
            notes=tuple(sorted(self.notes, key=lambda n: n.span.start)),
        )


def read(doc: Document, layout: Layout) -> Extraction:
    """Read a document whose tables hold actions, commitments or indicators into records."""
    reader = _Reader(doc, layout)
    for line in doc.lines:
        reader.line(line)
    reader.loose_text()
    if not reader.headers:
        raise doc.error(1, f"no {layout.name} table header found (expected a row {layout.expected})")
    return reader.extraction()
