"""Render a bundled seed plan (tab-separated text) as a PDF, a Word document and an Excel workbook.

Test support only: the suite renders each seed in each format and proves that plangraph reads the
rendered file to the same records as the text.  The renderers are therefore built for fidelity,
not looks: every table cell holds exactly the text of its cell in the seed (whitespace may
collapse, leading and trailing blanks may go in the PDF), in the same order, and the page
breaks of the original PDF -- marked in the text by a repeated header row -- are kept.

The seed text format (see ``seeds/*.txt``):

* a line with no TAB is running text (a title, a paragraph, a heading such as
  ``Priority 1. Promoting ...``);
* a line with TABs is one table row, its cells separated by TABs (4 cells in both seeds);
* an empty (or blank) line separates blocks;
* the header row of a table is repeated where the original PDF had a page break; rows whose
  first cells are empty continue the row above.

:func:`blocks` splits a text into these pieces once, and all three renderers walk its result.
Every renderer is deterministic: rendering the same text twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

__all__ = ["Block", "Row", "blocks", "columns", "lines", "pdf_fonts", "render_docx", "render_pdf", "render_xlsx"]

# ---------------------------------------------------------------------------------------------
# the shared text splitter
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One table line of the text: its cells (exactly as in the text, padded with "" to the
    document's column count), its 1-based line number, and whether it is a header row."""

    cells: tuple[str, ...]
    lineno: int
    header: bool


@dataclass(frozen=True)
class Block:
    """One piece of the text, in order.

    ``kind`` is ``"text"`` (one running-text line, in ``text``), ``"blank"`` (one empty line)
    or ``"table"`` (consecutive table lines, in ``rows``).  A table block starts at the start
    of a run of table rows, at every header row, and after a blank line; so each header
    occurrence starts its own table block.  ``header`` says the block's first row is a header
    row; ``repeat`` says it is a *repeated* header (the second or later occurrence in its run),
    i.e. the original document had a page break right before it.
    """

    kind: Literal["text", "blank", "table"]
    lineno: int
    text: str = ""
    rows: tuple[Row, ...] = ()
    header: bool = False
    repeat: bool = False


def lines(text: str) -> list[str]:
    """The text's lines: split on ``\\n`` only (a ``\\r`` before it goes), with no extra empty
    line for a final newline -- the same lines as ``str.splitlines`` gives for the seeds, but
    never split at form feeds or other characters that ``splitlines`` treats as breaks."""
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [p[:-1] if p.endswith("\r") else p for p in parts]


def _is_row(line: str) -> bool:
    return "\t" in line


def _is_blank(line: str) -> bool:
    return not _is_row(line) and line.strip() == ""


def columns(text: str) -> int:
    """How many columns the text's tables have: the most cells on any table line (at least 1)."""
    return max([line.count("\t") + 1 for line in lines(text) if _is_row(line)] or [1])


def blocks(text: str) -> list[Block]:
    """Split seed text into running-text lines, blank lines and table blocks, in order.

    A *run* is a maximal sequence of table rows between two running-text lines (blank lines
    do not end a run).  The run's first table row is its header; every row of the run equal to
    it (cell by cell, ignoring blanks around cells) is a header row, and the second and later
    ones are *repeats*, where the original PDF broke the page.  Each header occurrence, and
    each table row after a blank line, starts a new table block.  Rows are padded with empty
    cells to :func:`columns` cells.
    """
    width = columns(text)
    out: list[Block] = []
    run_header: tuple[str, ...] | None = None
    pending: list[Row] = []
    pending_start = 0
    pending_repeat = False

    def flush() -> None:
        nonlocal pending
        if pending:
            out.append(
                Block("table", pending_start, rows=tuple(pending), header=pending[0].header, repeat=pending_repeat)
            )
            pending = []

    for number, line in enumerate(lines(text), start=1):
        if _is_row(line):
            cells = tuple(line.split("\t"))
            cells = cells + ("",) * (width - len(cells))
            key = tuple(c.strip() for c in cells)
            first = run_header is None
            if first:
                run_header = key
            header = key == run_header
            if header or not pending:
                flush()
                pending_start = number
                pending_repeat = header and not first
            pending.append(Row(cells, number, header))
        elif _is_blank(line):
            flush()
            out.append(Block("blank", number))
        else:
            flush()
            run_header = None
            out.append(Block("text", number, text=line))
    flush()
    return out


def _fold(value: str) -> str:
    """Whitespace runs to one space, no blanks at the ends (how a renderer may show a cell)."""
    return " ".join(value.split())


# ---------------------------------------------------------------------------------------------
# PDF (reportlab platypus)
# ---------------------------------------------------------------------------------------------

#: Table cell font size (pt) and leading; small so that a page holds a fair number of rows and
#: the longest unbreakable token of the seeds (a 127-character URL) fits in its column.
PDF_CELL_SIZE = 7.0
PDF_CELL_LEADING = 8.4
PDF_TEXT_SIZE = 9.0
PDF_MARGIN = 36.0
_PAD = 4.0  # cell padding, each side


def _column_widths(rows: list[tuple[str, ...]], total: float, font: str, bold: str) -> list[float]:
    """Fixed column widths for the document's tables.

    Each column is at least as wide as its longest unbreakable token (so no word or URL is ever
    split inside a cell) and at least a tenth of an even share; the rest of the width goes to
    the columns in proportion to how much text they hold, so the wide text columns get most.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ncols = len(rows[0])
    floor = total / ncols / 10
    need = [floor] * ncols
    weight = [1.0] * ncols
    for cells in rows:
        for i, cell in enumerate(cells):
            for token in cell.split():
                width = max(stringWidth(token, font, PDF_CELL_SIZE), stringWidth(token, bold, PDF_CELL_SIZE))
                need[i] = max(need[i], width + 2 * _PAD + 1)
            weight[i] += len(_fold(cell))
    if sum(need) > total:
        raise ValueError(f"the longest tokens need {sum(need):.0f}pt, more than the {total:.0f}pt of the page")
    # water-filling: proportional shares, with columns below their need fixed at it
    fixed: dict[int, float] = {}
    while True:
        free = total - sum(fixed.values())
        loose = [i for i in range(ncols) if i not in fixed]
        mass = sum(weight[i] for i in loose)
        share = {i: free * weight[i] / mass for i in loose}
        short = [i for i in loose if share[i] < need[i]]
        if not short:
            break
        for i in short:
            fixed[i] = need[i]
    return [round(fixed.get(i, share.get(i, 0.0)), 2) for i in range(ncols)]


#: TrueType fonts that ship on Debian (fonts-dejavu-core, which fontconfig depends on, then
#: fonts-liberation), as (regular, bold) file paths; the first pair that exists is used.
PDF_FONT_FILES = (
    ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    (
        "LiberationSans",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
)


def pdf_fonts() -> tuple[str, str]:
    """The regular and bold font the PDF is drawn with: DejaVu Sans (or Liberation Sans).

    Not reportlab's standard Helvetica: reportlab draws U+2022 BULLET (seven of them in the
    action plan) in Helvetica as code 0x7F, which pdfplumber reads back as ``(cid:127)``.  A
    TrueType font is embedded as a subset with a ToUnicode map, so every character -- the
    bullets, the en dashes, the pound signs, and anything beyond WinAnsi -- reads back as itself.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, regular, bold in PDF_FONT_FILES:
        if not (Path(regular).is_file() and Path(bold).is_file()):
            continue
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, regular))
            pdfmetrics.registerFont(TTFont(f"{name}-Bold", bold))
        return name, f"{name}-Bold"
    raise RuntimeError("no TrueType font for the test PDFs: install fonts-dejavu-core (or fonts-liberation)")


def render_pdf(text_path: Path, out: Path) -> Path:
    """Render the seed text at ``text_path`` as a ruled PDF at ``out`` (A4 landscape).

    Running-text lines become paragraphs; each table block becomes a ruled table (``GRID``, so
    pdfplumber's default ``lines`` strategy finds it) with one table row per text row, fixed
    column widths and wrapping cell paragraphs in a TrueType font (see :func:`pdf_fonts`);
    header rows are bold.  A repeated header row
    starts a new page, as the text says the original did; a table too long for the rest of a
    page is split by reportlab between rows (never inside a row); a running-text line right above
    a table (a heading) starts a new page unless it fits with the table's first two rows.  Blank
    lines are small spacers.
    """
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import Flowable

    text = text_path.read_text(encoding="utf-8")
    parts = blocks(text)
    regular, bold = pdf_fonts()
    page = landscape(A4)
    frame_width = page[0] - 2 * PDF_MARGIN

    def style(name: str, font: str, size: float, leading: float) -> ParagraphStyle:
        # splitLongWords stays on (reportlab's default) as a safety net; the column widths are
        # chosen so that no token of the text ever needs it.  No hyphenation (reportlab's default).
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, alignment=TA_LEFT, splitLongWords=1
        )

    body = style("body", regular, PDF_TEXT_SIZE, PDF_TEXT_SIZE * 1.25)
    cell = style("cell", regular, PDF_CELL_SIZE, PDF_CELL_LEADING)
    head = style("head", bold, PDF_CELL_SIZE, PDF_CELL_LEADING)

    table_rows = [row.cells for block in parts for row in block.rows]
    widths = _column_widths(table_rows, frame_width, regular, bold) if table_rows else []
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )

    frame_height = page[1] - 2 * PDF_MARGIN
    blank_height = 6.0

    def table(rows: tuple[Row, ...]) -> Table:
        data = [[Paragraph(escape(_fold(c)), head if row.header else cell) for c in row.cells] for row in rows]
        # splitByRow (the default): a table that does not fit is split between rows, and
        # splitInRow=0 (the default) never splits a row, so every row stays whole on a page
        return Table(data, colWidths=widths, style=grid, splitByRow=1, splitInRow=0, hAlign="LEFT")

    story: list[Flowable] = []
    for index, block in enumerate(parts):
        if block.kind == "text":
            paragraph = Paragraph(escape(_fold(block.text)), body)
            # a heading right above a table (blank lines between) is kept on the page of the
            # table's first two rows: start a new page unless heading, blanks and rows fit
            after = index + 1
            while after < len(parts) and parts[after].kind == "blank":
                after += 1
            if after < len(parts) and parts[after].kind == "table" and not parts[after].repeat:
                need = paragraph.wrap(frame_width, frame_height)[1] + blank_height * (after - index - 1)
                need += table(parts[after].rows[:2]).wrap(frame_width, frame_height)[1]
                story.append(CondPageBreak(min(need, frame_height - 1)))
            story.append(paragraph)
        elif block.kind == "blank":
            story.append(Spacer(1, blank_height))
        else:
            if block.repeat:
                story.append(PageBreak())
            story.append(table(block.rows))

    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=page,
        leftMargin=PDF_MARGIN,
        rightMargin=PDF_MARGIN,
        topMargin=PDF_MARGIN,
        bottomMargin=PDF_MARGIN,
        title=text_path.stem,
        author="plangraph test suite",
        creator="plangraph tests/render_support.py",
        invariant=1,  # no timestamp, a fixed document id: the same bytes on every run
    )
    doc.build(story)
    return out


# ---------------------------------------------------------------------------------------------
# OOXML helpers (docx, xlsx): the same bytes on every run
# ---------------------------------------------------------------------------------------------

_FIXED_TIME = dt.datetime(2020, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite an OOXML package with fixed entry timestamps and a fixed modification time in
    ``docProps/core.xml`` (python-docx and openpyxl stamp the current time on both)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _MODIFIED.sub(rb"\g<1>2020-01-01T00:00:00Z\g<2>", blob)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, blob)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Word (python-docx)
# ---------------------------------------------------------------------------------------------


def render_docx(text_path: Path, out: Path) -> Path:
    """Render the seed text at ``text_path`` as a Word document at ``out``.

    Running-text lines become paragraphs, blank lines empty paragraphs.  Each table block
    becomes its own Word table ("Table Grid" style, one column per cell) with one table row per
    text row, so a repeated header row starts a new table, as the text's page breaks did; the
    paragraph before a repeated header's table carries a page break.  Header rows are bold.
    Cell text is exactly the text's cell (leading blanks included).
    """
    from docx import Document
    from docx.enum.text import WD_BREAK

    text = text_path.read_text(encoding="utf-8")
    document = Document()
    core = document.core_properties
    core.created = core.modified = _FIXED_TIME
    core.title = text_path.stem
    core.author = core.last_modified_by = "plangraph test suite"
    core.revision = 1

    last: str | None = None  # what the body ends with: "paragraph", "blank" or "table"
    blank_paragraph = None
    for block in blocks(text):
        if block.kind == "text":
            document.add_paragraph(block.text)
            last = "paragraph"
        elif block.kind == "blank":
            blank_paragraph = document.add_paragraph()
            last = "blank"
        else:
            if block.repeat:
                # the page break goes in the blank line before the header, or in a new empty paragraph
                holder = blank_paragraph if last == "blank" and blank_paragraph is not None else document.add_paragraph()
                holder.add_run().add_break(WD_BREAK.PAGE)
            elif last == "table":
                document.add_paragraph()  # Word would join two adjacent tables into one
            ncols = len(block.rows[0].cells)
            table = document.add_table(rows=len(block.rows), cols=ncols)
            table.style = "Table Grid"
            for row, word_row in zip(block.rows, table.rows):
                for value, word_cell in zip(row.cells, word_row.cells):
                    paragraph = word_cell.paragraphs[0]
                    if value:
                        run = paragraph.add_run(value)
                        run.bold = True if row.header else None
            last = "table"

    buffer = io.BytesIO()
    document.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_deterministic_zip(buffer.getvalue()))
    return out


# ---------------------------------------------------------------------------------------------
# Excel (openpyxl)
# ---------------------------------------------------------------------------------------------

#: Free text put above the plan when ``title_rows`` asks for a title block (cycled).
TITLE_LINES = (
    "Partnership plan: progress workbook",
    "Prepared for the Children's Partnership Board",
    "Status: in progress - figures subject to change",
)


def render_xlsx(text_path: Path, out: Path, sheet: str = "Plan", title_rows: int = 0) -> Path:
    """Render the seed text at ``text_path`` as an Excel workbook at ``out`` with one sheet.

    Every text line is one sheet row (after ``title_rows`` rows of free text in column A, a
    title block above the plan): running text in column A only, table rows across columns A, B,
    C, D..., blank lines as empty rows.  Cells hold exactly the text's cells (empty cells stay
    empty; text starting with ``=`` stays text, never a formula).  Header rows are bold; every
    cell wraps.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    text = text_path.read_text(encoding="utf-8")
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    workbook.properties.created = workbook.properties.modified = _FIXED_TIME
    workbook.properties.creator = workbook.properties.lastModifiedBy = "plangraph test suite"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    def put(row: int, column: int, value: str, header: bool = False) -> None:
        if value == "":
            return
        target = worksheet.cell(row=row, column=column)
        target.value = value
        target.data_type = "s"  # never a formula, whatever the text starts with
        target.alignment = wrap
        if header:
            target.font = bold

    for index in range(title_rows):
        put(index + 1, 1, TITLE_LINES[index % len(TITLE_LINES)])
    offset = title_rows
    for block in blocks(text):
        if block.kind == "text":
            put(offset + block.lineno, 1, block.text)
        elif block.kind == "table":
            for row in block.rows:
                for column, value in enumerate(row.cells, start=1):
                    put(offset + row.lineno, column, value, row.header)

    ncols = columns(text)
    for column in range(1, ncols + 1):
        worksheet.column_dimensions[get_column_letter(column)].width = 60 if column == 3 else 30

    buffer = io.BytesIO()
    workbook.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_deterministic_zip(buffer.getvalue()))
    return out
