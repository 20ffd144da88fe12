"""Boxes that draw nothing are not table rulings.

Word's PDF export paints a white, unstroked rectangle behind every cell and another behind every
line of text; on a white page they are invisible, but pdfplumber took their sides as rulings and
made each printed line a row. Small PDFs drawn here with reportlab, and a real Word export
(tests/data/plans/wsx-smokefree-action-plan-2022-table.pdf, see SOURCES.md), read against what the
page shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from plangraph.ingest import read
from plangraph.ingest.formats import read_grids
from plangraph.ingest.formats.pdf_rulings import split_rows
from plangraph.ingest.grid import Grid

PLANS = Path(__file__).parent / "data" / "plans"
HEIGHT = 595.0  # A4 landscape
LEADING = 14.0
COLUMNS = [40.0, 200.0, 420.0, 520.0]  # three columns: Action | Partners | Status
ROWS = [
    (["Action"], ["Partners"], ["Status"]),
    (["1 - Integrated stop", "smoking services across", "the maternity system"],
     ["Local Maternity", "System"], ["Complete"]),
    (["2 - Pilot project using", "physical activity as a", "diversion"],
     ["Wellbeing", "programme"], ["Incomplete"]),
    (["3 - Promote e-cigarettes", "as a safer alternative"], ["Fire Service"], ["Complete"]),
]


def _draw(path: Path, *, rules: str, line_fill: tuple[float, float, float] = (1, 1, 1),
          cell_fill: bool = True, background: tuple[float, float, float] | None = None) -> Path:
    """A one-table page in Word's manner: each row's cells are filled white (``cell_fill``),
    each text line has a box of ``line_fill`` behind it, and the rows are separated by
    ``rules``: ``"bars"`` (thin grey filled bars across the table, no vertical rule),
    ``"grid"`` (stroked lines round every cell) or ``"none"``. ``background``, if given, is
    a coloured fill under the whole table."""
    pdf = canvas.Canvas(str(path), pagesize=(842.0, HEIGHT))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(COLUMNS[0], HEIGHT - 40, "Smokefree partnership action plan")
    heights = [len(max(row, key=len)) * LEADING + 8 for row in ROWS]
    tops = [60.0]
    for h in heights:
        tops.append(tops[-1] + h)
    if background:
        pdf.setFillColorRGB(*background)
        pdf.rect(COLUMNS[0] - 6, HEIGHT - tops[-1] - 6, COLUMNS[-1] - COLUMNS[0] + 12,
                 tops[-1] - tops[0] + 12, stroke=0, fill=1)
    for r, row in enumerate(ROWS):
        top, bottom = tops[r], tops[r + 1]
        for c, lines in enumerate(row):
            x0, x1 = COLUMNS[c], COLUMNS[c + 1]
            if cell_fill:
                pdf.setFillColorRGB(1, 1, 1)
                pdf.rect(x0, HEIGHT - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
            for i, text in enumerate(lines):
                line_top = top + 4 + i * LEADING
                pdf.setFillColorRGB(*line_fill)  # the box behind the line, the cell's width
                pdf.rect(x0, HEIGHT - line_top - LEADING, x1 - x0, LEADING, stroke=0, fill=1)
                pdf.setFillColorRGB(0, 0, 0)
                pdf.drawString(x0 + 4, HEIGHT - line_top - 10.5, text)
    if rules == "bars":
        pdf.setFillColorRGB(0.4, 0.4, 0.4)
        for y in tops:
            pdf.rect(COLUMNS[0], HEIGHT - y - 0.5, COLUMNS[-1] - COLUMNS[0], 1.0, stroke=0, fill=1)
    elif rules == "grid":
        pdf.setStrokeColorRGB(0, 0, 0)
        pdf.setLineWidth(0.5)
        for y in tops:
            pdf.line(COLUMNS[0], HEIGHT - y, COLUMNS[-1], HEIGHT - y)
        for x in COLUMNS:
            pdf.line(x, HEIGHT - tops[0], x, HEIGHT - tops[-1])
    pdf.save()
    return path


def _table_rows(grid: Grid) -> list[list[str]]:
    return [[" ".join(cell.text.split()) for cell in line.cells]
            for line in grid.lines if line.table]


WANT = [[" ".join(" ".join(lines).split()) for lines in row] for row in ROWS]


@pytest.mark.parametrize("rules", ["bars", "grid"])
def test_white_boxes_behind_lines_are_not_row_rules(tmp_path: Path, rules: str) -> None:
    """Horizontal bars only (the columns known from the cells' white backgrounds between the
    bars), or a full grid: one row per ruled row either way, and no warning."""
    grid, = read_grids(_draw(tmp_path / "plan.pdf", rules=rules))
    assert _table_rows(grid) == WANT
    assert {line.table for line in grid.lines if line.table} == {1}
    assert grid.notes == ()
    # the running title stays outside the table
    assert grid.lines[0].table is None
    assert grid.lines[0].cells[0].text == "Smokefree partnership action plan"


def test_without_cell_backgrounds_the_line_boxes_still_draw_no_rows(tmp_path: Path) -> None:
    """With a full grid and no cell background, the white boxes behind the lines add nothing."""
    grid, = read_grids(_draw(tmp_path / "plan.pdf", rules="grid", cell_fill=False))
    assert _table_rows(grid) == WANT


def test_white_boxes_with_no_rule_at_all_make_no_table(tmp_path: Path) -> None:
    """Nothing printed rules the text: it is read as running text, not as a table."""
    grid, = read_grids(_draw(tmp_path / "plan.pdf", rules="none"))
    assert all(line.table is None for line in grid.lines)
    assert "1 - Integrated stop Local Maternity Complete" in [line.cells[0].text
                                                             for line in grid.lines]


def test_white_boxes_on_a_coloured_fill_are_visible(tmp_path: Path) -> None:
    """White boxes drawn on a coloured fill show their edges: they still rule the table, one
    row per line here, which is what the page shows."""
    grid, = read_grids(_draw(tmp_path / "plan.pdf", rules="none", cell_fill=False,
                             background=(0.8, 0.85, 0.95)))
    rows = _table_rows(grid)
    assert ["1 - Integrated stop", "Local Maternity", "Complete"] in rows
    assert ["smoking services across", "System", ""] in rows
    assert ["the maternity system", "", ""] in rows


def test_white_line_boxes_in_white_cells_on_a_coloured_fill(tmp_path: Path) -> None:
    """White cells on a coloured fill are visible and rule the table; the white boxes behind
    the lines, on those white cells, are not."""
    grid, = read_grids(_draw(tmp_path / "plan.pdf", rules="none", background=(0.8, 0.85, 0.95)))
    assert _table_rows(grid) == WANT
    assert grid.notes == ()


def test_visible_line_shading_splits_rows_and_is_noted(tmp_path: Path) -> None:
    """Grey boxes behind each line are visible, so they do rule rows; the rows then read as
    the lines of one text, and the reader says so."""
    grid, = read_grids(_draw(tmp_path / "plan.pdf", rules="grid", cell_fill=False,
                             line_fill=(0.85, 0.85, 0.85)))
    assert len(_table_rows(grid)) > len(ROWS)
    assert grid.notes == ("p.1: most table rows are single lines continuing the text of the "
                          "row above; the PDF may draw rules (or boxes) between the lines of "
                          "one cell: check the items against the document",)


def test_split_rows() -> None:
    lines = [["1 - Integrated stop", "Local Maternity", "Complete"],
             ["smoking services", "System", ""],
             ["across the Local", "", ""],
             ["Maternity System", "", ""],
             ["", "", ""],
             ["2 - Pilot project", "Wellbeing", "Incomplete"],
             ["'Actively Quitting'", "programme", ""]]
    assert split_rows(lines)
    rows = [["1 - Integrated stop smoking\nservices", "Local Maternity\nSystem", "Complete"],
            ["2 - Pilot project", "Wellbeing programme", "Incomplete"],
            ["3 - Promote e-cigarettes", "Fire Service", "Complete"],
            ["4 - Greater sharing of intelligence", "Trading Standards", "Complete"]]
    assert not split_rows(rows)
    # one-line rows that each end a sentence are not fragments
    assert not split_rows([["Reduce smoking.", "All"], ["more quits.", "Some"],
                           ["fewer starts.", "None"], ["less harm.", "Any"]])
    assert not split_rows(lines[:3])  # too few rows to tell


# --- the real Word export ----------------------------------------------------------------------

TABLE_PDF = PLANS / "wsx-smokefree-action-plan-2022-table.pdf"


@pytest.fixture(scope="module")
def smokefree() -> list[dict[str, object]]:
    _, ex = read(TABLE_PDF)
    assert ex.notes == ()
    # the action's number is printed in the Action cell ("1 - Integrated ..."): read apart
    return [{"number": item.number, "item": " ".join(item.text.text.split()),
             "description": " ".join(item.description.text.split()) if item.description else None,
             "measures": [" ".join(m.text.split()) for m in item.measures],
             "partners": [p.name for p in item.partners],
             "status": item.status.text if item.status else None,
             "progress": " ".join(item.progress.text.split()) if item.progress else None,
             "page": item.text.span.where[0].page if item.text.span.where else None}
            for item in ex.items]


def test_smokefree_pdf_reads_one_item_per_action(smokefree: list[dict[str, object]]) -> None:
    """88 numbered actions, 1 to 101 with 13 numbers missing, each once, in order; the header
    repeated at the top of pages 2-17 is no item. 52 Complete, 36 Incomplete."""
    numbers = [int(str(row["number"])) for row in smokefree]
    missing = {11, 14, 15, 35, 45, 49, 58, 65, 67, 72, 73, 74, 77}
    assert numbers == [n for n in range(1, 102) if n not in missing]
    assert [row["status"] for row in smokefree].count("Complete") == 52
    assert [row["status"] for row in smokefree].count("Incomplete") == 36
    # actions per page, as printed
    per_page = [5, 3, 5, 4, 4, 5, 6, 6, 5, 5, 7, 6, 5, 5, 6, 6, 5]
    assert [sum(row["page"] == p for row in smokefree) for p in range(1, 18)] == per_page


def test_smokefree_pdf_first_actions(smokefree: list[dict[str, object]]) -> None:
    assert smokefree[:3] == [
        {"number": "1", "item": "Integrated stop smoking services across the Local Maternity System",
         "description": "Integrated stop smoking services across the Sussex and East Surrey "
                        "Local Maternity System",
         "measures": ["Maternity partners across the Sussex and East Surrey Local Maternity "
                      "System work together to enhance integrated stop smoking support for "
                      "mothers and families."],
         "partners": ["Local Maternity System"], "status": "Complete",
         "progress": "Maternity pilot has concluded and learning will directly influence the "
                     "service offer which from April 2022 is part of the NHS Long Term Plan.",
         "page": 1},
        {"number": "2", "item": "Pilot project 'Actively Quitting' using physical activity as a diversion",
         "description": "Pilot project 'Actively Quitting' using physical activity as a diversion",
         "measures": ["Smokers will be referred from SSS to leisure provision"],
         "partners": ["Wellbeing programme"], "status": "Incomplete",
         "progress": "Programme was not fully implemented. We will review evidence to see if "
                     "there are more effective current methods to support engagement in "
                     "smoking cessation services.",
         "page": 1},
        {"number": "3", "item": "Promote e-cigarettes as a safer and healthier alternative to smoking",
         "description": "Promote e-cigarettes as a safer and healthier alternative to smoking. "
                        "Work with Public Health 'approved' Vape Shops to give vouchers to bed "
                        "bound clients",
         "measures": ["Increase in number of bed bound smokers using E-cigs instead of "
                      "cigarettes"],
         "partners": ["Fire Service"], "status": "Complete",
         "progress": "All WSCC services promote e-cigarettes in line with national guidance "
                     "which currently states 95% less harmful. This information will continue "
                     "to be included in safe and well visits unless evidence changes.",
         "page": 1},
    ]


def test_smokefree_pdf_across_the_first_page_break(smokefree: list[dict[str, object]]) -> None:
    """No row of this table breaks across a page (every page opens with the repeated header
    and a numbered action): the last action of page 1 and the first of page 2 stay whole,
    and the header between them adds nothing."""
    last, first = smokefree[4], smokefree[5]
    assert (last["number"], last["item"], last["status"], last["page"]) == ("5", "Enhanced maternity dataset",
                                                            "Complete", 1)
    assert last["progress"] == ("Maternity smoking cessation services now part of NHS Long Term "
                                "Plan with integrated IT system and data capture.")
    assert (first["number"], first["item"], first["status"], first["page"]) == (
        "6", "Improve data capturing from stop smoking services", "Incomplete", 2)
    # "on-" at a line's end and "going." on the next: one word
    assert first["progress"] == ("Community and Pharmacy providers have fit for purpose IT "
                                 "system, challenges are with General Practice and challenges "
                                 "around finding appropriate IT solution which is on-going.")
    final = smokefree[-1]
    assert (final["number"], final["item"], final["status"], final["progress"], final["page"]) == (
        "101", "Develop communications relating to the cost of smoking and support available "
        "to quit", "Incomplete", None, 17)
