"""The seed renderers (``tests/render_support.py``) are faithful.

Each bundled seed is rendered as a PDF, a Word document and an Excel workbook, and each file is
read back with the reading library itself (pdfplumber, python-docx, openpyxl) -- independently
of plangraph -- and compared with the seed text: every table line's cells, in order, every
running-text line, and the page structure the text records (a repeated header row = the
original PDF's page break).  The expectations are taken from the raw text here, not from
:func:`render_support.blocks`, so that a bug in the shared splitter cannot hide itself.
"""

from __future__ import annotations

import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from render_support import blocks, pdf_fonts, render_docx, render_pdf, render_xlsx

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ACTION_PLAN = SEEDS / "nottingham-cypp-2016-2020-action-plan.txt"
REVIEW_TABLE = SEEDS / "nottinghamshire-cyp-plan-review-2018.txt"
SEED_FILES = [ACTION_PLAN, REVIEW_TABLE]


def fold(value: str | None) -> str:
    """Whitespace runs (line breaks included) to one space, no blanks at the ends."""
    return " ".join((value or "").split())


# --- what the raw text says (independent of render_support.blocks) ----------------------------


@dataclass
class Seed:
    path: Path
    lines: list[str]  # every text line, in order
    running: list[str] = field(default_factory=list)  # running-text lines (no TAB, not blank)
    rows: list[list[str]] = field(default_factory=list)  # table lines, split at TABs
    header_at: list[int] = field(default_factory=list)  # indexes into rows: header occurrences
    repeat_at: list[int] = field(default_factory=list)  # indexes into rows: repeated headers
    first_header_after: dict[int, str] = field(default_factory=dict)  # first header -> text line above


def read_seed(path: Path) -> Seed:
    text = path.read_text(encoding="utf-8")
    raw = text.split("\n")
    if raw[-1] == "":
        raw.pop()
    seed = Seed(path, raw)
    run_first: list[str] | None = None
    last_running = ""
    for line in raw:
        if "\t" in line:
            cells = line.split("\t")
            if run_first is None:
                run_first = cells
                seed.header_at.append(len(seed.rows))
                seed.first_header_after[len(seed.rows)] = last_running
            elif [c.strip() for c in cells] == [c.strip() for c in run_first]:
                seed.header_at.append(len(seed.rows))
                seed.repeat_at.append(len(seed.rows))
            seed.rows.append(cells)
        elif line.strip():
            seed.running.append(line)
            last_running = line
            run_first = None
    return seed


@pytest.fixture(scope="module", params=SEED_FILES, ids=lambda p: p.stem)
def seed(request: pytest.FixtureRequest) -> Seed:
    path: Path = request.param
    return read_seed(path)


def test_seeds_are_what_the_renderers_expect() -> None:
    """The facts the brief states about the seeds, so that the tests below test something."""
    action, review = read_seed(ACTION_PLAN), read_seed(REVIEW_TABLE)
    assert len(action.lines) == 123 and len(review.lines) == 38
    assert all(len(r) == 4 for s in (action, review) for r in s.rows)
    assert len(action.repeat_at) == 17 and len(action.header_at) == 21
    assert len(review.repeat_at) == 0 and len(review.header_at) == 4
    assert action.rows[0][0] == "Outcomes" and review.rows[0][0] == ""
    assert any("<i>" in c for r in review.rows for c in r)
    assert any(c != c.strip() for r in action.rows for c in r)  # leading/trailing blanks


# --- the shared splitter -----------------------------------------------------------------------


def test_blocks_splits_running_text_blank_lines_and_tables() -> None:
    text = "Title\n\nH1\tH2\na\tb\n\nH1\tH2\n\tc\n\nd\te\nPara\n H1 \tH2\nH1\tH2\nx\n"
    got = [(b.kind, b.lineno, [r.cells for r in b.rows], b.header, b.repeat) for b in blocks(text)]
    assert got == [
        ("text", 1, [], False, False),
        ("blank", 2, [], False, False),
        ("table", 3, [("H1", "H2"), ("a", "b")], True, False),
        ("blank", 5, [], False, False),
        ("table", 6, [("H1", "H2"), ("", "c")], True, True),
        ("blank", 8, [], False, False),
        ("table", 9, [("d", "e")], False, False),  # after a blank line: a new block, no header
        ("text", 10, [], False, False),
        ("table", 11, [(" H1 ", "H2")], True, False),  # a new run: its first row is its header
        ("table", 12, [("H1", "H2")], True, True),  # a repeat with no blank line before it
        ("text", 13, [], False, False),
    ]
    # short rows are padded to the widest row
    assert [b.rows[1].cells for b in blocks("a\tb\tc\nd\te\n")] == [("d", "e", "")]


def test_blocks_agree_with_the_raw_text(seed: Seed) -> None:
    parts = blocks(seed.path.read_text(encoding="utf-8"))
    rows = [list(r.cells) for b in parts for r in b.rows]
    assert rows == seed.rows
    assert [b.text for b in parts if b.kind == "text"] == seed.running
    assert sum(1 for b in parts if b.kind == "blank") == sum(1 for line in seed.lines if not line.strip())
    starts = [i for i, r in enumerate(r for b in parts for r in b.rows) if r.header]
    assert starts == seed.header_at
    tables = [b for b in parts if b.kind == "table"]
    assert len(tables) == len(seed.header_at) and all(b.header for b in tables)
    assert sum(1 for b in tables if b.repeat) == len(seed.repeat_at)


# --- PDF ---------------------------------------------------------------------------------------


@dataclass
class PdfRead:
    path: Path
    pages: int
    rows: list[list[str | None]]  # every extracted table row, in page order, top to bottom
    row_page: list[int]  # the page of each row
    row_first_on_page: list[bool]  # the row is the topmost table row of its page
    row_fonts: list[set[str]]  # the fonts of each row's characters
    page_text: list[str]  # each page's text outside its tables
    nothing_above_first_table: list[bool]  # no character above the page's first table
    overflow: list[str]  # characters that lie outside every cell of their table
    first_table_top: list[float]


def read_pdf(path: Path) -> PdfRead:
    read = PdfRead(path, 0, [], [], [], [], [], [], [], [])
    with pdfplumber.open(path) as pdf:
        read.pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages):
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            for order, table in enumerate(tables):
                extracted = table.extract()
                assert len(extracted) == len(table.rows)
                for position, (cells, row) in enumerate(zip(extracted, table.rows)):
                    read.rows.append(cells)
                    read.row_page.append(number)
                    read.row_first_on_page.append(order == 0 and position == 0)
                    top, bottom = row.bbox[1], row.bbox[3]
                    read.row_fonts.append(
                        {c["fontname"] for c in page.chars if top < (c["top"] + c["bottom"]) / 2 < bottom and c["text"].strip()}
                    )
                # every character within the table lies wholly inside one cell of its row
                x0, top, x1, bottom = table.bbox
                for char in page.chars:
                    middle = (char["top"] + char["bottom"]) / 2
                    if not (top < middle < bottom) or not char["text"].strip():
                        continue
                    inside = any(
                        cell is not None
                        and cell[1] <= middle <= cell[3]
                        and cell[0] - 0.5 <= char["x0"]
                        and char["x1"] <= cell[2] + 0.5
                        for row in table.rows
                        for cell in row.cells
                    )
                    if not inside:
                        read.overflow.append(f"page {number + 1}: {char['text']!r} at x={char['x0']:.1f}")
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]] = boxes) -> bool:
                if obj.get("object_type") != "char":
                    return True
                mx, my = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= mx <= b[2] and b[1] <= my <= b[3] for b in boxes)

            read.page_text.append(page.filter(outside).extract_text() or "")
            if tables:
                first_top = tables[0].bbox[1]
                read.first_table_top.append(first_top)
                read.nothing_above_first_table.append(not any(c["bottom"] <= first_top for c in page.chars))
            else:
                read.first_table_top.append(-1.0)
                read.nothing_above_first_table.append(False)
    return read


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, PdfRead]:
    folder = tmp_path_factory.mktemp("pdf")
    return {p: read_pdf(render_pdf(p, folder / f"{p.stem}.pdf")) for p in SEED_FILES}


def test_pdf_has_ruled_tables_with_one_row_per_table_line(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    read = pdfs[seed.path]
    assert read.pages > 1
    assert all(len(cells) == 4 for cells in read.rows), "every table row has 4 cells"
    assert len(read.rows) == len(seed.rows)


def test_pdf_cells_read_back_as_the_text(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    read = pdfs[seed.path]
    for number, (want, got) in enumerate(zip(seed.rows, read.rows)):
        assert [fold(c) for c in got] == [fold(c) for c in want], f"table line {number + 1}"
    # the markup-like text is text: drawn literally, never taken as markup
    assert sum(fold(c).count("<i>") for r in read.rows for c in r) == sum(c.count("<i>") for r in seed.rows for c in r)


def test_pdf_keeps_every_non_ascii_character(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    want = Counter(ch for r in seed.rows for c in r for ch in c if ord(ch) > 127)
    got = Counter(ch for r in pdfs[seed.path].rows for c in r for ch in (c or "") if ord(ch) > 127)
    assert want, "the seed has non-ASCII characters"
    assert got == want, {unicodedata.name(ch): (want[ch], got[ch]) for ch in want | got}


def test_pdf_text_stays_inside_its_cell(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    assert pdfs[seed.path].overflow == []


def test_pdf_urls_are_unbroken_in_their_cells(pdfs: dict[Path, PdfRead]) -> None:
    """The review table's long URLs read back whole: no line break inside them (the column
    is wide enough), and (test above) no character of them outside their cell."""
    seed = read_seed(REVIEW_TABLE)
    read = pdfs[REVIEW_TABLE]
    urls = [t for r in seed.rows for c in r for t in c.split() if t.startswith("http")]
    assert len(urls) >= 5 and max(len(u) for u in urls) > 100
    for want, got in zip(seed.rows, read.rows):
        for w, g in zip(want, got):
            for url in (t for t in w.split() if t.startswith("http")):
                assert url in (g or "").split(), url  # one token: no line break inside it


def test_pdf_repeated_headers_start_pages(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    read = pdfs[seed.path]
    for index in seed.repeat_at:
        assert read.row_first_on_page[index], f"repeated header at table line {index + 1}"
        page = read.row_page[index]
        assert read.nothing_above_first_table[page]
        assert read.row_page[index - 1] == page - 1, "the row before a repeated header is on the page before"
    # pages that start with a table start with a repeated header (or continue a split table)
    starting = [i for i, first in enumerate(read.row_first_on_page) if first and read.nothing_above_first_table[read.row_page[i]]]
    assert set(seed.repeat_at) <= set(starting)


def test_pdf_first_header_stays_with_its_heading(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    """A first header occurrence gets no page break of its own: it follows the running text
    above it on the same page, with the row after it (no header or heading alone at a page's foot)."""
    read = pdfs[seed.path]
    for index, heading in seed.first_header_after.items():
        page = read.row_page[index]
        assert fold(heading) in fold(read.page_text[page]), heading
        assert not read.nothing_above_first_table[page] or not read.row_first_on_page[index]
        assert read.row_page[index + 1] == page


def test_pdf_running_text_outside_the_tables(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    read = pdfs[seed.path]
    text = " ".join(fold(t) for t in read.page_text)
    at = 0
    for line in seed.running:
        found = text.find(fold(line), at)
        assert found >= 0, line
        at = found + len(fold(line))
    # and nothing else is outside the tables
    assert fold(text) == " ".join(fold(line) for line in seed.running)


def test_pdf_header_rows_are_bold(seed: Seed, pdfs: dict[Path, PdfRead]) -> None:
    read = pdfs[seed.path]
    headers = set(seed.header_at)
    regular, bold = pdf_fonts()
    assert bold != regular
    for index, fonts in enumerate(read.row_fonts):
        if not fonts:
            continue
        names = {name.split("+")[-1] for name in fonts}  # subset fonts are named ABCDEF+Name
        assert names == ({bold} if index in headers else {regular}), index


# --- Word --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docxs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    folder = tmp_path_factory.mktemp("docx")
    return {p: render_docx(p, folder / f"{p.stem}.docx") for p in SEED_FILES}


def test_docx_one_table_per_header_occurrence(seed: Seed, docxs: dict[Path, Path]) -> None:
    document = Document(str(docxs[seed.path]))
    tables = document.tables
    assert len(tables) == len(seed.header_at)
    assert all(t.style is not None and t.style.name == "Table Grid" for t in tables)
    assert all(len(t.columns) == 4 for t in tables)
    rows = [[cell.text for cell in row.cells] for table in tables for row in table.rows]
    assert rows == seed.rows  # exactly, leading and trailing blanks included
    # each table starts with the header row, in bold; no other row is bold
    starts = [sum(len(t.rows) for t in tables[:i]) for i in range(len(tables))]
    assert starts == seed.header_at
    for table in tables:
        for number, row in enumerate(table.rows):
            runs = [run for cell in row.cells for p in cell.paragraphs for run in p.runs if run.text.strip()]
            assert runs
            assert all(bool(run.bold) == (number == 0) for run in runs)


def test_docx_running_text_and_page_breaks(seed: Seed, docxs: dict[Path, Path]) -> None:
    document = Document(str(docxs[seed.path]))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts == seed.running
    body = document.element.body
    breaks = body.xpath('./w:p[.//w:br[@w:type="page"]]')
    assert len(breaks) == len(seed.repeat_at)
    for paragraph in breaks:  # each page break sits right before a table
        following = paragraph.getnext()
        assert following is not None and following.tag.endswith("}tbl")


# --- Excel -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xlsxs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[Path, int], Path]:
    folder = tmp_path_factory.mktemp("xlsx")
    return {
        (p, title): render_xlsx(p, folder / f"{p.stem}-{title}.xlsx", title_rows=title)
        for p in SEED_FILES
        for title in (0, 3)
    }


@pytest.mark.parametrize("title_rows", [0, 3])
def test_xlsx_one_row_per_text_line(seed: Seed, xlsxs: dict[tuple[Path, int], Path], title_rows: int) -> None:
    workbook = load_workbook(xlsxs[seed.path, title_rows])
    assert workbook.sheetnames == ["Plan"]
    sheet = workbook["Plan"]
    assert sheet.max_column == 4
    for row in range(1, title_rows + 1):
        assert isinstance(sheet.cell(row, 1).value, str) and sheet.cell(row, 1).value
        assert [sheet.cell(row, c).value for c in range(2, 5)] == [None] * 3
    headers = {tuple(seed.rows[i]) for i in seed.header_at}
    for number, line in enumerate(seed.lines, start=title_rows + 1):
        got = [sheet.cell(number, c).value for c in range(1, 5)]
        if "\t" in line:
            want = [c if c else None for c in line.split("\t")]
        elif line.strip():
            want = [line, None, None, None]
        else:
            want = [None] * 4
        assert got == want, f"text line {number - title_rows}"
        for column, value in enumerate(got, start=1):
            if value is not None:
                cell = sheet.cell(number, column)
                assert cell.alignment.wrap_text
                assert bool(cell.font.bold) == (tuple(line.split("\t")) in headers), (number, column)
    assert sheet.max_row <= title_rows + len(seed.lines)


def test_xlsx_sheet_name_and_formula_like_text(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("=SUM(A1)\n\nA\tB\n=1+1\t x \n", encoding="utf-8")
    workbook = load_workbook(render_xlsx(source, tmp_path / "plan.xlsx", sheet="Actions"))
    sheet = workbook["Actions"]
    assert sheet["A1"].value == "=SUM(A1)" and sheet["A1"].data_type == "s"
    assert [c.value for c in sheet[4]] == ["=1+1", " x "]


# --- all formats -------------------------------------------------------------------------------


@pytest.mark.parametrize("render", [render_pdf, render_docx, render_xlsx], ids=["pdf", "docx", "xlsx"])
def test_rendering_is_deterministic_and_fast(render: Any, seed: Seed, tmp_path: Path) -> None:
    started = time.perf_counter()
    first = render(seed.path, tmp_path / "one.out")
    assert time.perf_counter() - started < 2.0
    second = render(seed.path, tmp_path / "two.out")
    assert first.read_bytes() == second.read_bytes()  # the same bytes, timestamps included


def test_characters_beyond_winansi_read_back_from_the_pdf(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("Plan \u2192 review \u0141\u00f3d\u017a\n\nA\tB\n\u201cq\u201d \u2013 \u2022\t\u03b1\u03b2\n", encoding="utf-8")
    with pdfplumber.open(render_pdf(source, tmp_path / "plan.pdf")) as pdf:
        page = pdf.pages[0]
        assert [[fold(c) for c in r] for r in page.extract_tables()[0]] == [["A", "B"], ["\u201cq\u201d \u2013 \u2022", "\u03b1\u03b2"]]
        assert "Plan \u2192 review \u0141\u00f3d\u017a" in page.extract_text()
