"""Readers: a file of any format becomes one text with located cells, read by a layout.

A text file is decoded (:mod:`plangraph.ingest.document`); a PDF, Word, Excel or CSV
file is read by its format reader into a grid (:mod:`plangraph.ingest.formats`) whose
text has the same shape. The layout, named or detected from the table's header row,
is a file (:mod:`plangraph.ingest.layouts`) naming the reader that assembles the rows.

>>> sorted(LAYOUTS)
['action-plan', 'kent-priorities-actions', 'review-table']
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from plangraph.errors import ReadError
from plangraph.ingest import action_plan, items, review_table
from plangraph.ingest import table as _table
from plangraph.ingest.document import Document, Line, grid_document, read_document
from plangraph.ingest.generic import generic_layout
from plangraph.ingest.layouts import Layout, bundled_layouts, resolve_layout
from plangraph.model.records import Extraction, Note

__all__ = ["LAYOUTS", "READERS", "detect_layout", "read", "read_plan", "read_text", "read_documents", "plan_files", "PLAN_SUFFIXES"]

READERS: dict[str, Callable[[Document, Layout], Extraction]] = {
    "action-plan": action_plan.read,
    "review-table": review_table.read,
    "items": items.read,
}


class _Layouts(Mapping[str, Layout]):
    """The bundled layouts by name, loaded when first asked for."""

    def __getitem__(self, name: str) -> Layout:
        return bundled_layouts()[name]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(bundled_layouts())

    def __len__(self) -> int:
        return len(bundled_layouts())


LAYOUTS: Mapping[str, Layout] = _Layouts()


def _find_header(doc: Document, layouts: list[Layout]) -> tuple[Layout, int] | None:
    """The first layout whose header row appears in ``doc`` (and the line it is on)."""
    for line in doc.lines:
        for layout in layouts:
            for columns in layout.header_sets:
                fitted = _table.fit_line(line, len(columns)) if doc.format != "text" else line
                match = _table.match_header(fitted, columns)
                if match is None:
                    continue
                if not match.complete:
                    raise doc.error(line.number, _table.header_problem(fitted, columns, match))
                return layout, line.number
    return None


def _first_table_row(doc: Document) -> Line | None:
    """The first row of two or more cells with text: the one a failed detection names."""
    return next((ln for ln in doc.lines if len([c for c in ln.cells if c.text]) > 1), None)


def _header_cells_found(first: Line | None) -> str:
    if first is None:
        return "no table row with two or more cells"
    return "the first table row has: " + " | ".join(c.text[:30] for c in first.cells)


def detect_layout(doc: Document, layouts: list[Layout] | None = None) -> Layout:
    """The layout whose header row appears first in ``doc``.

    A header with a column missing is reported here, naming its line.
    """
    candidates = layouts if layouts is not None else list(bundled_layouts().values())
    found = _find_header(doc, candidates)
    if found is not None:
        return found[0]
    generic = generic_layout(doc) if layouts is None else None
    if generic is not None:
        return generic
    expected = "; ".join(f"{layout.name}: {layout.expected}" for layout in candidates)
    first = _first_table_row(doc)  # the error names the row it quotes, and where it stands
    raise doc.error(
        first.number if first is not None else 1,
        f"no table header row that a layout recognises ({_header_cells_found(first)}; "
        f"expected one of {expected}, or an action table's header words: see data/header_synonyms.csv)",
        hint=f"Draft a layout file with: plangraph layout init {doc.name} > my-layout.yaml, "
             "then read it with `layout` my-layout.yaml",
        options=["layout"],
    )


def read_text(doc: Document, layout: str | Layout | None = None) -> Extraction:
    """Read a decoded document with the named layout, or the one its header shows."""
    if layout is None:
        chosen = detect_layout(doc)
    elif isinstance(layout, str):
        chosen = resolve_layout(layout)
    else:
        chosen = layout
    if doc.format != "text" and not chosen.tables:
        # a grid's rows are as wide as its widest: fitted to the layout's columns
        doc.lines = tuple(_table.fit_line(line, len(chosen.columns)) for line in doc.lines)
    extraction = READERS[chosen.reader](doc, chosen)
    if doc.notes:
        extraction = _with_reading_notes(doc, extraction)
    return extraction


def _with_reading_notes(doc: Document, extraction: Extraction) -> Extraction:
    first = next((ln for ln in doc.lines if not ln.blank), doc.lines[0])
    span = doc.span(first.start, first.start + max(1, len(first.text)))
    notes = tuple(Note("reading", text, span) for text in doc.notes)
    return Extraction(**{**extraction.__dict__, "notes": notes + extraction.notes})


PLAN_SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx", ".xlsm", ".csv", ".tsv")


def plan_files(paths: list[Path]) -> list[Path]:
    """``paths`` with each folder replaced by the plan files in it (by extension, sorted;
    hidden files and Office's ``~$`` lock files left out)."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES
                        and not p.name.startswith((".", "~$")))
        if not inside:
            raise ReadError(str(path), None, "the folder holds no plan file (expected files ending "
                            f"{' '.join(PLAN_SUFFIXES)})")
        found.extend(inside)
    return found


def read_documents(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> list[Document]:
    """The documents in the file at ``path``: one, or one per sheet of a workbook."""
    _check_regular(path)
    if path.suffix.lower() not in (".txt", ".text", ""):
        # imported when needed: the PDF, Word and Excel libraries take a while to load
        from plangraph.ingest.formats import read_grids

        return [grid_document(grid) for grid in read_grids(path, sheet=sheet)]
    return [read_document(path, encoding=encoding)]


def _check_regular(path: Path) -> None:
    """Refuse a pipe, a device or a socket, which reading could wait on or never finish
    (``/dev/zero``); a missing file or a folder is left to the readers to name."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ReadError(str(path), None, "not a regular file (a pipe, a device or a socket; expected "
                        "a plan's file)")


def _choose(path: Path, docs: list[Document], layout: Layout | None) -> tuple[Document, Layout | None]:
    """The one document (sheet) of a workbook that holds a plan table."""
    if len(docs) == 1:
        return docs[0], layout
    layouts = [layout] if layout else list(bundled_layouts().values())
    holding: list[tuple[Document, Layout]] = []
    for doc in docs:
        found = _find_header(doc, layouts)
        if found is not None:
            holding.append((doc, found[0]))
        elif layout is None and (generic := generic_layout(doc)) is not None:
            holding.append((doc, generic))
    tried = ", ".join(repr(d.part) for d in docs)
    if not holding:
        raise ReadError(str(path), None, f"no sheet holds a table header row that a layout recognises "
                        f"(sheets tried: {tried})", hint="Name the sheet with `sheet`, or write a "
                        "layout file and give it with `layout` FILE.yaml", options=["sheet", "layout"])
    if len(holding) > 1:
        names = ", ".join(repr(d.part) for d, _ in holding)
        raise ReadError(str(path), None, f"several sheets hold a plan table ({names})",
                        hint="Name the one to read with `sheet`", options=["sheet"])
    return holding[0][0], holding[0][1]


def read(path: Path | str, layout: str | Layout | None = None, *,
         encoding: str | None = None, sheet: str | None = None) -> tuple[Document, Extraction]:
    """The document at ``path`` as plangraph reads it (its text, its cells' locators) and its records."""
    path = Path(path)
    chosen = resolve_layout(layout) if isinstance(layout, str) else layout
    doc, chosen = _choose(path, read_documents(path, encoding=encoding, sheet=sheet), chosen)
    return doc, read_text(doc, chosen)


def read_plan(path: Path | str, layout: str | Layout | None = None, *,
              encoding: str | None = None, sheet: str | None = None) -> Extraction:
    """Read the plan document at ``path`` (.txt, .pdf, .docx, .xlsx, .csv, .tsv) into records.

    Raises :class:`~plangraph.errors.ReadError` naming the file and the line, page or cell.
    """
    return read(path, layout, encoding=encoding, sheet=sheet)[1]
