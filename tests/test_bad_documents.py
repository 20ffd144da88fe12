"""Bad documents through the command line: one line naming the file (and the page or sheet
where it can), what is wrong, exit 3, and nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from conftest import ACTION_PLAN, REVIEW_TABLE
from plangraph.cli import main
from render_support import render_xlsx


def _scanned(tmp: Path) -> Path:
    path = tmp / "scanned.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(50, 50, 400, 600, fill=1)  # a page that is only an image of a page
    page.showPage()
    page.save()
    return path


def _encrypted(tmp: Path) -> Path:
    path = tmp / "locked.pdf"
    page = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    page.drawString(72, 720, "Priority 1 Health")
    page.save()
    return path


def _corrupt_docx(tmp: Path) -> Path:
    path = tmp / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    return path


def _corrupt_xlsx(tmp: Path) -> Path:
    path = tmp / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return path


def _no_plan_table(tmp: Path) -> Path:
    path = tmp / "budget.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Budget"
    sheet.append(["Cost centre", "Budget 2025", "Spent"])
    sheet.append(["Libraries", 1200, 800])
    book.save(path)
    return path


CASES = {
    "scanned-pdf": (_scanned, ["scanned.pdf", "no text layer", "OCR"]),
    "encrypted-pdf": (_encrypted, ["locked.pdf", "encrypted"]),
    "corrupt-docx": (_corrupt_docx, ["broken.docx", "not a readable Word document"]),
    "corrupt-xlsx": (_corrupt_xlsx, ["broken.xlsx", "not a readable Excel workbook"]),
    "no-plan-table": (_no_plan_table, ["budget.xlsx", "no table header row that a layout recognises",
                                       "Cost centre | Budget 2025 | Spent", "plangraph layout init budget.xlsx > my-layout.yaml", "--layout my-layout.yaml"]),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_bad_document_is_one_line_exit_3_and_nothing_written(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, says = CASES[kind]
    path = make(tmp_path)
    out = tmp_path / "out"
    code = main(["build", str(REVIEW_TABLE), str(path), "--out", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 3, err
    assert err.count("\n") == 1 and err.startswith("plangraph: error: "), err
    for word in says:
        assert word in err, f"{word!r} not in {err!r}"
    assert not out.exists()


def _two_sheets(tmp: Path) -> Path:
    path = render_xlsx(ACTION_PLAN, tmp / "book.xlsx", sheet="City")
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["City"])
    copy.title = "County"
    notes = book.create_sheet("Notes")
    notes.append(["Read me first"])
    book.save(path)
    return path


def test_several_sheets_with_a_plan_table_need_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _two_sheets(tmp_path)
    assert main(["extract", str(path)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{path}: several sheets hold a plan table ('City', 'County')" in err and "--sheet" in err


def test_sheet_names_the_one_to_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _two_sheets(tmp_path)
    assert main(["extract", str(path), "--sheet", "County", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "book.xlsx County!B8" in out and "City!" not in out


def test_an_unknown_sheet_lists_the_sheets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _two_sheets(tmp_path)
    assert main(["extract", str(path), "--sheet", "Summary"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'Summary'" in err and "City" in err and "County" in err


def test_a_workbook_with_no_plan_sheet_names_the_sheets_tried(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Costs"
    first.append(["Cost centre", "Budget"])
    book.create_sheet("Staff").append(["Name", "Post"])
    book.save(path)
    assert main(["extract", str(path)]) == 3
    err = capsys.readouterr().err
    assert "no sheet holds a table header row that a layout recognises (sheets tried: 'Costs', 'Staff')" in err


def test_a_folder_stands_for_the_plan_files_in_it(tmp_path: Path) -> None:
    from plangraph.ingest import plan_files

    for name in ("b.pdf", "a.txt", "c.XLSX", "README.md", "manifest.json", "~$c.xlsx", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    single = tmp_path / "one.docx"
    assert plan_files([tmp_path, single]) == [tmp_path / "a.txt", tmp_path / "b.pdf", tmp_path / "c.XLSX", single]


def test_a_folder_without_plan_files_is_one_line_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{tmp_path}: the folder holds no plan file" in err


def test_the_row_a_failed_detection_quotes_is_the_one_it_names(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A title in a row of its own (its other cells empty) stands above the first row of two
    cells with text; the error quotes that row and names its cell, not the title's."""
    path = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Budget"
    sheet.append(["Spending in 2025", None, None])
    sheet.append([None, None, None])
    sheet.append(["Cost centre", "Budget 2025", "Spent"])
    sheet.append(["Libraries", 1200, 800])
    book.save(path)
    assert main(["extract", str(path)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"plangraph: error: {path} Budget!A3:C3: no table header row that a layout recognises "
                          "(the first table row has: Cost centre | Budget 2025 | Spent;"), err
