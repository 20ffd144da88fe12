"""The format readers: small PDF, Word, Excel and CSV files made here with the libraries
themselves, read into grids, and every cell's text, spans, style, breaks and locator checked
(each locator re-read in the file); and the one-line errors of files that cannot be read."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import getSampleStyleSheet  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from plangraph.errors import ReadError
from plangraph.ingest.formats import FORMATS, read_grids
from plangraph.ingest.grid import Grid, GridLine

LONG = "Improve the uptake of early years provision among families in every district of the county"


def texts(line: GridLine) -> list[str]:
    return [cell.text for cell in line.cells]


def widths(grid: Grid) -> set[tuple[int | None, int]]:
    """Each table's row widths (the sum of its cells' column spans)."""
    return {(line.table, sum(c.col_span for c in line.cells)) for line in grid.lines if line.table}


def read_error(path: Path, **kwargs: str) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_grids(path, **kwargs)
    assert caught.value.exit_code == 3
    assert "\n" not in str(caught.value)
    return caught.value


# --- PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Page 1: a line, a ruled table (bold header, a spanning section row, a wrapped cell, two
    paragraphs in one cell, a <br/>, a cell merged down), a line after. Page 2: a line and a
    table whose header spans a 3.5 pt sliver column (thinner ones pdfplumber
    snaps away itself)."""
    body = getSampleStyleSheet()["BodyText"]

    def para(text: str) -> Paragraph:
        return Paragraph(text, body)

    rows = [
        [para("<b>Action</b>"), para("<b>Lead</b>"), para("<b>Date</b>")],
        [para("<b>Section one: health and wellbeing</b>"), "", ""],
        [para(LONG), [para("Early years lead"), para("The Education People")], para("Mar 2026")],
        [para("Second action"), para("Head of<br/>Service"), ""],
    ]
    first = Table(rows, colWidths=[150, 110, 80])
    first.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("SPAN", (0, 1), (2, 1)), ("SPAN", (2, 2), (2, 3)),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    second = Table([[para("<b>Measure</b>"), "", para("<b>Year</b>")],
                    [para("Fewer smokers"), "", para("2028")]], colWidths=[150, 3.5, 80])
    second.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                ("SPAN", (0, 0), (1, 0))]))
    path = tmp_path_factory.mktemp("pdf") / "plan.PDF"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        para("Plan for children and young people"), Spacer(1, 12), first, Spacer(1, 12),
        para("Text after the table"), PageBreak(), para("<i>Second page heading</i>"), second,
    ])
    return path


@pytest.fixture(scope="module")
def pdf_grid(pdf_path: Path) -> Grid:
    grids = read_grids(pdf_path)
    assert len(grids) == 1
    return grids[0]


def test_pdf_keeps_reading_order_and_numbers_tables_across_pages(pdf_grid: Grid) -> None:
    where = [(line.cells[0].locator.page, line.table, line.cells[0].text.split("\n")[0])
             for line in pdf_grid.lines]
    assert where == [
        (1, None, "Plan for children and young people"),
        (1, 1, "Action"), (1, 1, "Section one: health and wellbeing"),
        (1, 1, "Improve the uptake of early"), (1, 1, "Second action"),
        (1, None, "Text after the table"),
        (2, None, "Second page heading"), (2, 2, "Measure"), (2, 2, "Fewer smokers"),
    ]
    assert (pdf_grid.name, pdf_grid.format, pdf_grid.part) == ("plan.PDF", "pdf", None)


def test_pdf_cells_spans_and_style(pdf_grid: Grid) -> None:
    header, section, third, fourth = [line for line in pdf_grid.lines if line.table == 1]
    assert texts(header) == ["Action", "Lead", "Date"]
    assert all(cell.bold and not cell.italic for cell in header.cells)
    assert texts(section) == ["Section one: health and wellbeing"]
    assert (section.cells[0].col_span, section.cells[0].bold) == (3, True)
    date = third.cells[2]
    assert (date.text, date.row_span, date.col_span, date.bold) == ("Mar 2026", 2, 1, False)
    assert texts(fourth)[0] == "Second action"
    assert fourth.cells[2].covered and fourth.cells[2].text == ""
    assert not any(cell.covered for cell in third.cells)
    italic = pdf_grid.lines[6].cells[0]
    assert (italic.italic, italic.bold) == (True, False)
    assert widths(pdf_grid) == {(1, 3), (2, 2)}


def test_pdf_tells_a_wrap_from_a_hard_break(pdf_grid: Grid) -> None:
    third, fourth = [line for line in pdf_grid.lines if line.table == 1][2:]
    wrapped = third.cells[0]
    assert wrapped.text.replace("\n", " ") == LONG
    assert wrapped.text.count("\n") >= 2 and set(wrapped.breaks) == {False}
    lead = third.cells[1]  # two paragraphs, the second wrapping in the narrow column
    assert lead.text == "Early years lead\nThe Education\nPeople"
    assert lead.breaks == (True, False)
    assert (fourth.cells[1].text, fourth.cells[1].breaks) == ("Head of\nService", (True,))
    assert all(len(c.breaks) == c.text.count("\n") for ln in pdf_grid.lines for c in ln.cells)


def test_pdf_drops_a_sliver_column_without_moving_cells(pdf_grid: Grid) -> None:
    header, row = [line for line in pdf_grid.lines if line.table == 2]
    assert texts(header) == ["Measure", "Year"] and texts(row) == ["Fewer smokers", "2028"]
    assert [c.col_span for c in header.cells] == [1, 1]


def test_pdf_locators_find_the_text_again(pdf_path: Path, pdf_grid: Grid) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        for line in pdf_grid.lines:
            for cell in line.cells:
                box, page = cell.locator.box, cell.locator.page
                assert cell.locator.kind == "pdf" and box is not None and page is not None
                found = pdf.pages[page - 1].crop(box).extract_text()
                assert all(word in found for word in cell.text.split()), (cell, found)
    assert pdf_grid.sha256 == hashlib.sha256(pdf_path.read_bytes()).hexdigest()


def test_pdf_page_without_text_is_noted(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]

    path = tmp_path / "mixed.pdf"
    page = canvas.Canvas(str(path))
    page.drawString(100, 700, "Contents")
    page.showPage()
    page.drawImage(ImageReader(Image.new("RGB", (20, 20), "red")), 100, 100, 50, 50)
    page.save()
    (grid,) = read_grids(path)
    assert [texts(line) for line in grid.lines] == [["Contents"]]
    assert grid.notes == ("p.2 has no text layer (a scanned image?)",)


def test_pdf_errors(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(locked), encrypt="secret")
    page.drawString(100, 700, "Action plan")
    page.save()
    error = read_error(locked)
    assert error.message == f"{locked}: the PDF is encrypted (expected an unprotected PDF)"
    assert "unprotected copy" in (error.hint or "")

    scanned = tmp_path / "scanned.pdf"
    page = canvas.Canvas(str(scanned))
    page.rect(100, 100, 200, 200)
    page.save()
    error = read_error(scanned)
    assert error.message == f"{scanned}: the PDF has no text layer (a scanned image?)"
    assert error.hint == "Run OCR on it first (e.g. ocrmypdf) and give the OCR'd PDF"

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"garbage " * 40)
    assert read_error(broken).problem.startswith("is not a readable PDF (")
    renamed = tmp_path / "renamed.pdf"
    renamed.write_text("Action,Lead\n", encoding="utf-8")
    assert read_error(renamed).problem == "is not a readable PDF (no %PDF header)"


# --- Word ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = docx.Document()
    document.add_heading("Plan for children", 1)  # bold through its style, not its runs
    document.add_paragraph("")
    table = document.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Lead", "Date"]):
        cell.paragraphs[0].add_run(text).bold = True
    table.cell(1, 0).merge(table.cell(1, 2)).text = "Section one"
    table.cell(2, 0).text = "First action"
    lead = table.cell(2, 1)
    lead.text = "Early years lead"
    lead.add_paragraph("The Education People")
    table.cell(2, 2).merge(table.cell(3, 2)).text = "Mar 2026"
    table.cell(3, 0).text = "Second action"
    nested = table.cell(3, 0).add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "nested A", "nested B"
    runs = table.cell(3, 1).paragraphs[0]
    runs.add_run("Head of").add_break()
    runs.add_run("Service")
    document.add_paragraph().add_run("After the table").italic = True
    path = tmp_path_factory.mktemp("docx") / "plan.docx"
    document.save(str(path))
    return path


def test_docx_reads_paragraphs_and_tables_in_order(docx_path: Path) -> None:
    (grid,) = read_grids(docx_path)
    first, last = grid.lines[0], grid.lines[-1]
    assert (first.table, texts(first), first.cells[0].bold) == (None, ["Plan for children"], True)
    assert (texts(last), last.cells[0].italic, last.cells[0].locator.paragraph) == (
        ["After the table"], True, 3)  # the empty 2nd paragraph counts but gives no line
    paragraphs = docx.Document(str(docx_path)).paragraphs
    assert paragraphs[2].text == "After the table" and paragraphs[0].text == "Plan for children"
    assert [line.table for line in grid.lines] == [None, 1, 1, 1, 1, None]
    assert widths(grid) == {(1, 3)}
    digest = hashlib.sha256(docx_path.read_bytes()).hexdigest()
    assert (grid.format, grid.sha256) == ("docx", digest)


def test_docx_merges_breaks_and_style(docx_path: Path) -> None:
    (grid,) = read_grids(docx_path)
    header, section, third, fourth = grid.lines[1:5]
    assert texts(header) == ["Action", "Lead", "Date"] and all(c.bold for c in header.cells)
    assert texts(section) == ["Section one"] and section.cells[0].col_span == 3
    assert not section.cells[0].bold
    lead, date = third.cells[1], third.cells[2]
    assert (lead.text, lead.breaks) == ("Early years lead\nThe Education People", (True,))
    assert (date.text, date.row_span) == ("Mar 2026", 2)
    assert fourth.cells[0].text == "Second action\nnested A\nnested B"
    assert (fourth.cells[1].text, fourth.cells[1].breaks) == ("Head of\nService", (True,))
    assert fourth.cells[2].covered and fourth.cells[2].text == ""


def test_docx_locators_find_the_cells_again(docx_path: Path) -> None:
    (grid,) = read_grids(docx_path)
    tables = docx.Document(str(docx_path)).tables
    checked = 0
    for line in grid.lines:
        for cell in line.cells:
            where = cell.locator
            if where.table is None or cell.covered:
                continue
            assert where.row is not None and where.column is not None
            found = tables[where.table - 1].cell(where.row - 1, where.column - 1).text
            kept = [text for text in found.split("\n") if text]  # a Word cell's empty paragraphs
            assert kept == cell.text.split("\n")[: len(kept)]  # give no line; nested text follows
            checked += 1
    assert checked == 9


# --- Excel -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xlsx_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A title merged across B1:D1 above a header in row 3 (starting in column B), values
    that Excel shows differently from Python, a cell merged down, a hidden and an empty sheet."""
    book = Workbook()
    ws = book.active
    ws.title = "Plan"
    ws["B1"], ws["B1"].font = "Action plan 2025", Font(bold=True)
    ws.merge_cells("B1:D1")
    for ref, text in (("B3", "Action"), ("C3", "Lead"), ("D3", "Due")):
        ws[ref], ws[ref].font = text, Font(bold=True)
    ws["B4"], ws["C4"], ws["D4"] = "First action", "Lead one\r\nLead two", dt.datetime(2026, 3, 31)
    ws.merge_cells("C4:C5")
    ws["B5"], ws["D5"] = "Second action", 3.0
    ws["B6"], ws["B6"].font = "Share", Font(italic=True)
    ws["C6"], ws["C6"].number_format = 0.25, "0%"
    ws["D6"], ws["D6"].number_format = 1234.5, "#,##0.00"
    hidden = book.create_sheet("Notes")
    hidden["A1"], hidden.sheet_state = "kept aside", "hidden"
    book.create_sheet("Blank")
    other = book.create_sheet("Other sheet")
    other["A1"], other["A2"] = "x", 7
    path = tmp_path_factory.mktemp("xlsx") / "plan.xlsx"
    book.save(str(path))
    return path


def test_xlsx_gives_a_grid_per_visible_sheet(xlsx_path: Path) -> None:
    grids = read_grids(xlsx_path)
    assert [g.part for g in grids] == ["Plan", "Other sheet"]
    assert all(g.notes == ("hidden sheet 'Notes' skipped",) for g in grids)
    assert [texts(line) for line in grids[1].lines] == [["x"], ["7"]]
    (notes,) = read_grids(xlsx_path, sheet="Notes")
    assert (notes.part, texts(notes.lines[0])) == ("Notes", ["kept aside"])
    assert grids[0].sha256 == hashlib.sha256(xlsx_path.read_bytes()).hexdigest()


def test_xlsx_values_merges_and_style(xlsx_path: Path) -> None:
    (grid,) = read_grids(xlsx_path, sheet="Plan")
    assert [texts(line) for line in grid.lines] == [
        ["Action plan 2025"],
        ["Action", "Lead", "Due"],
        ["First action", "Lead one\nLead two", "2026-03-31"],
        ["Second action", "", "3"],
        ["Share", "25%", "1,234.50"],
    ]  # the empty row 2 gives no line; columns start at B
    title = grid.lines[0].cells[0]
    assert (title.col_span, title.bold, title.locator.ref) == (3, True, "B1")
    assert all(cell.bold for cell in grid.lines[1].cells)
    lead = grid.lines[2].cells[1]
    assert (lead.row_span, lead.breaks) == (2, (True,))
    assert grid.lines[3].cells[1].covered and grid.lines[3].cells[1].locator.ref == "C5"
    assert grid.lines[4].cells[0].italic and not grid.lines[4].cells[1].italic
    assert {line.table for line in grid.lines} == {1} and widths(grid) == {(1, 3)}


def test_xlsx_locators_find_the_cells_again(xlsx_path: Path) -> None:
    (grid,) = read_grids(xlsx_path, sheet="Plan")
    ws = load_workbook(xlsx_path)["Plan"]
    for line in grid.lines:
        for cell in line.cells:
            where = cell.locator
            assert where.column is not None
            assert where.ref == f"{'ABCD'[where.column - 1]}{where.row}"
            value = ws[where.ref].value
            if cell.text and not isinstance(value, (int, float, dt.datetime)):
                assert value.replace("\r\n", "\n") == cell.text
            elif not cell.text:
                assert value is None
    assert grid.lines[0].cells[0].locator.label == "Plan!B1"


def test_xlsx_errors(tmp_path: Path, xlsx_path: Path) -> None:
    error = read_error(xlsx_path, sheet="Nope")
    assert error.problem == (
        "has no sheet 'Nope' (its sheets: 'Plan', 'Notes', 'Blank', 'Other sheet')")
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(400))
    assert read_error(corrupt).problem.startswith("is not a readable Excel workbook (")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    error = read_error(old)
    assert error.problem == "is an old Excel .xls workbook (expected .xlsx)"
    assert error.hint == "Open it in Excel or LibreOffice and save it as .xlsx"
    renamed = tmp_path / "renamed.xlsx"
    renamed.write_bytes(old.read_bytes())
    assert read_error(renamed).problem == "is an old Excel .xls workbook (expected .xlsx)"
    empty = tmp_path / "empty.xlsx"
    Workbook().save(str(empty))
    assert read_error(empty).message == f"{empty}: every sheet is empty (expected a plan's table)"


def test_corrupt_docx(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(400))
    error = read_error(corrupt)
    assert error.message.startswith(f"{corrupt}: is not a readable Word document (")
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    assert "[Content_Types].xml" in read_error(other).problem
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert read_error(old).problem == "is an old Word .doc document (expected .docx)"
    old.write_bytes(old.read_bytes() + "EncryptedPackage".encode("utf-16-le"))
    assert read_error(old).problem.startswith("the Word document is encrypted")


# --- CSV and TSV -----------------------------------------------------------------------------


def test_csv_with_bom_sniffed_delimiter_and_quoted_line_break(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes("Action;Lead;Notes\n\"First\";Lead one;\"line one\nline two\"\n\n"
                     "Second;Lead two\n".encode("utf-8-sig"))
    (grid,) = read_grids(path)
    assert [texts(line) for line in grid.lines] == [
        ["Action", "Lead", "Notes"], ["First", "Lead one", "line one\nline two"],
        ["Second", "Lead two", ""]]  # the first cell has no byte-order mark; short rows padded
    assert grid.lines[1].cells[2].breaks == (True,)
    assert [line.cells[0].locator.row for line in grid.lines] == [1, 2, 4]  # records, not lines
    assert grid.lines[2].cells[1].locator.label == "row 4"
    assert grid.lines[2].cells[1].locator.column == 2
    assert (grid.notes, grid.format, grid.lines[0].table) == ((), "csv", 1)


def test_csv_in_windows_1252_and_tsv(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes("Caf\u00e9,\u201cquoted\u201d\n1,2\n".encode("cp1252"))
    (grid,) = read_grids(path)
    assert texts(grid.lines[0]) == ["Caf\u00e9", "\u201cquoted\u201d"]
    assert grid.notes == ("read as Windows-1252 (not UTF-8)",)
    tsv = tmp_path / "plan.TSV"
    tsv.write_text("Action\tLead, Deputy\nFirst\tA, B\n", encoding="utf-8")
    (grid,) = read_grids(tsv)
    assert [texts(line) for line in grid.lines] == [["Action", "Lead, Deputy"], ["First", "A, B"]]
    wide = tmp_path / "wide.csv"
    wide.write_bytes("a,b\n1,2\n".encode("utf-16"))
    assert [texts(line) for line in read_grids(wide)[0].lines] == [["a", "b"], ["1", "2"]]


def test_csv_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\n\n")
    assert read_error(empty).problem == "the file is empty (expected rows of delimited values)"
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"a,b\n\x00\x01\x02")
    error = read_error(binary)
    assert error.message == (f"{binary}:2: the file is binary, not text (a NUL byte; "
                             "expected delimited text)")
    error = read_error(binary, sheet="Plan")
    assert error.problem.startswith("a sheet ('Plan') was asked for but the file is not a workbook")


# --- every format ----------------------------------------------------------------------------


def test_the_file_itself_cannot_be_read(tmp_path: Path) -> None:
    assert FORMATS == (".pdf", ".docx", ".xlsx", ".xlsm", ".csv", ".tsv")
    missing = tmp_path / "missing.pdf"
    assert read_error(missing).message == f"{missing}: no such file (expected a plan document)"
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert read_error(folder).problem == "is a folder, not a file (expected a plan document)"
    odt = tmp_path / "plan.odt"
    odt.write_bytes(b"PK")
    assert read_error(odt).message == (
        f"{odt}: unsupported file type '.odt' (expected one of .pdf .docx .xlsx .csv .tsv .txt)")
    text = tmp_path / "plan.txt"
    text.write_text("Action\tLead\n", encoding="utf-8")
    assert read_error(text).problem.startswith("is a plain text file")

