"""Format readers: a PDF, Word document, workbook or CSV/TSV file turned into grids.

Each reader makes :class:`~plangraph.ingest.grid.Grid` objects (the same shape for every
format) so that the layout readers never see a file format. The reader is chosen by the
file's extension; the file is read once here, so every reader gets its bytes and every grid
its hash. Plain text (``.txt``) is read by :mod:`plangraph.ingest.document`, not here.

>>> FORMATS
('.pdf', '.docx', '.xlsx', '.xlsm', '.csv', '.tsv')
"""

from __future__ import annotations

from pathlib import Path

from plangraph.errors import ReadError
from plangraph.ingest.formats.delimited import read_delimited
from plangraph.ingest.formats.docx import read_docx
from plangraph.ingest.formats.pdf import read_pdf
from plangraph.ingest.formats.xlsx import read_xlsx
from plangraph.ingest.grid import Grid

__all__ = ["FORMATS", "read_grids", "read_pdf", "read_docx", "read_xlsx", "read_delimited"]

FORMATS = (".pdf", ".docx", ".xlsx", ".xlsm", ".csv", ".tsv")
_EXPECTED = "expected one of .pdf .docx .xlsx .csv .tsv .txt"
_WORKBOOKS = (".xlsx", ".xlsm")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or a :class:`ReadError` saying why they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise ReadError(str(path), None, "no such file (expected a plan document)") from err
    except IsADirectoryError as err:
        raise ReadError(
            str(path), None, "is a folder, not a file (expected a plan document)"
        ) from err
    except OSError as err:
        raise ReadError(
            str(path), None, f"cannot be read ({err.strerror}; expected a readable file)"
        ) from err


def read_grids(path: Path, *, sheet: str | None = None) -> list[Grid]:
    """Read the file at ``path`` into grids: one per non-empty sheet of a workbook, else one.

    ``sheet`` restricts a workbook to the sheet of that name. The reader is chosen by the
    extension (in any case); raises :class:`ReadError` for a file it cannot read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    where = str(path)
    if suffix == ".xls":
        raise ReadError(where, None, "is an old Excel .xls workbook (expected .xlsx)",
                        hint="Open it in Excel or LibreOffice and save it as .xlsx")
    if suffix == ".txt":
        raise ReadError(where, None, "is a plain text file, which is read as text, not by a "
                        "format reader (expected one of .pdf .docx .xlsx .csv .tsv here)")
    if suffix not in FORMATS:
        raise ReadError(where, None, f"unsupported file type '{suffix}' ({_EXPECTED})")
    if sheet is not None and suffix not in _WORKBOOKS:
        raise ReadError(where, None, f"a sheet ({sheet!r}) was asked for but the file is "
                        "not a workbook (expected .xlsx or .xlsm)")
    data = _read_bytes(path)
    if suffix == ".pdf":
        return [read_pdf(data, path)]
    if suffix == ".docx":
        return [read_docx(data, path)]
    if suffix in _WORKBOOKS:
        return read_xlsx(data, path, sheet=sheet)
    return [read_delimited(data, path, delimiter="\t" if suffix == ".tsv" else None)]
