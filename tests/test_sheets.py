"""A query's rows for a spreadsheet (issue 16): an Excel workbook and a CSV that Excel reads
right, with labels and readable headers; the same rows in both; no cell run as a formula."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Literal, URIRef

from plangraph.cli import main
from plangraph.sparql.engine import QueryResult
from plangraph.sparql.sheets import result_to_excel_csv, write_xlsx


def csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # Excel reads the file as UTF-8 only with it
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(path: Path) -> list[list[str]]:
    sheet = load_workbook(path).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def test_the_workbook_and_the_csv_hold_the_same_rows(seeds_build: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store = str(seeds_build / "store")
    assert main(["query", "who-leads-what", "--store", store, "--out", str(tmp_path / "leads.xlsx")]) == 0
    assert main(["query", "who-leads-what", "--store", store, "--out", str(tmp_path / "leads.csv")]) == 0
    assert capsys.readouterr().err.count("rows to") == 2
    text = (tmp_path / "leads.csv").read_text(encoding="utf-8")
    rows = csv_rows(text)
    assert rows == xlsx_rows(tmp_path / "leads.xlsx")
    assert rows[0] == ["Plan", "Priority", "Outcome", "Item", "Item type", "Item notation", "Organisation",
                       "Officer"]
    assert main(["query", "who-leads-what", "--store", store, "--format", "csv"]) == 0
    w3c = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(w3c) > 50 and "https://w3id.org/plangraph" not in text  # labels, not IRIs
    assert {r[4] for r in rows[1:]} == {"Performance measure", "Key activity"}  # pg:PerformanceMeasure ...
    mask = os.umask(0o022)
    os.umask(mask)
    assert (tmp_path / "leads.xlsx").stat().st_mode & 0o777 == 0o666 & ~mask


def test_formulas_stay_text_and_numbers_stay_numbers(tmp_path: Path) -> None:
    from rdflib import XSD  # (a module-level closed namespace makes pytest's collection warn)

    hostile = "=HYPERLINK(\"http://evil.example/\",\"click\")"
    result = QueryResult(["nameLabel", "name", "count"], [
        {"name": URIRef("http://x/1"), "nameLabel": Literal(hostile), "count": Literal(3, datatype=XSD.integer)},
        {"name": URIRef("http://x/2"), "nameLabel": Literal("+44 115 000"), "count": Literal("-2", datatype=XSD.integer)},
        {"name": URIRef("http://x/3"), "nameLabel": Literal("Children’s Trust – Board"), "count": None},
    ])
    rows = csv_rows(result_to_excel_csv(result))
    assert rows == [["Name", "Count"], ["'" + hostile, "3"], ["'+44 115 000", "-2"], ["Children’s Trust – Board", ""]]
    write_xlsx(result, tmp_path / "rows.xlsx", "names")
    sheet = load_workbook(tmp_path / "rows.xlsx").active
    assert sheet["A2"].value == hostile and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3 and sheet["B3"].value == -2
    assert sheet.freeze_panes == "A2" and sheet.title == "names"


@pytest.mark.parametrize(("argv", "problem"), [
    (["--format", "xlsx"], "--format xlsx writes a workbook: give the file with --out FILE.xlsx"),
    (["--format", "table", "--out", "rows.txt"], "--format table is for the terminal"),
])
def test_formats_that_need_a_file_or_a_terminal(seeds_build: Path, argv: list[str], problem: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "plan-outline", "--store", str(seeds_build / "store"), *argv]) == 2
    assert capsys.readouterr().err.startswith(f"plangraph: error: {problem}")
