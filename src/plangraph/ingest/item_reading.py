"""What the items reader (:mod:`plangraph.ingest.items`) makes of an item's cells: its codes,
its leads and partners, its measures, located in the document."""

from __future__ import annotations

import functools
import re

from plangraph.ingest.document import Cell, Document
from plangraph.ingest.item_cells import Piece, expansion, lead_name, lead_parts, split_entries, split_measures_list
from plangraph.ingest.layouts import Layout
from plangraph.model.items import CodeRef, LeadRef
from plangraph.model.records import Fragment

__all__ = ["CellReader"]


class CellReader:
    """The cell methods of the items reader, which holds the document, the layout and the notes."""

    doc: Document
    layout: Layout

    def note(self, code: str, message: str, start: int, end: int) -> None:
        raise NotImplementedError

    def codes_in(self, cell: Cell) -> list[CodeRef]:
        if self.layout.codes is None:
            return []
        pattern, canonical = self.layout.codes
        refs = []
        rest = cell.text
        for m in pattern.finditer(cell.text):
            code = canonical.format(number=m.group("number").lstrip("0") or "0")
            printed = m.group()
            span = self.doc.span(cell.start + m.start(), cell.start + m.end())
            repaired = printed != code
            refs.append(CodeRef(code, printed, span, repaired))
            if repaired:
                self.note("code-repaired", f"the code printed {printed!r} is read as {code}", span.start, span.end)
            rest = rest.replace(printed, " ", 1)
        left = rest.strip(" ,;/&\u2028").replace("and", "").strip(" ,;/&\u2028")
        if left:
            self.note("code-not-read", f"text in a codes cell that is no code: {left[:40]!r}", cell.start, cell.end)
        return refs

    def leads(self, cells: list[Cell], role: str) -> tuple[LeadRef, ...]:
        out = []
        for cell in cells:
            for entry in split_entries(cell, role):
                for piece, kind in lead_parts(entry, self.lower_words):
                    name = lead_name(piece.text)
                    out.append(LeadRef(name, piece.text, kind, self.doc.span(piece.start, piece.end),
                                       expansion(name)))
        return tuple(out)

    def lower_words(self) -> frozenset[str]:
        """The words the plan prints in lower case (read once, when first asked)."""
        return self._lower

    @functools.cached_property
    def _lower(self) -> frozenset[str]:
        return frozenset(re.findall(r"\b[a-z][a-z'\u2019]*", self.doc.text))

    def measures(self, cells: list[Cell]) -> tuple[Fragment, ...]:
        """The measures of an item's cells; a cell of a row carried over a page break that
        starts in lower case ends the measure before it."""
        groups: list[list[Cell]] = []
        for k, cell in enumerate(cells):
            for n, piece in enumerate(split_measures_list(cell)):
                part = Cell(piece.text, piece.start, piece.end)
                if k and not n and groups and piece.text[:1].islower():
                    groups[-1].append(part)
                else:
                    groups.append([part])
        out = []
        for group in groups:
            fragment = self.doc.fragment(group)
            assert fragment is not None
            out.append(fragment)
        return tuple(out)

    def piece(self, piece: Piece) -> Fragment:
        fragment = self.doc.fragment([Cell(piece.text, piece.start, piece.end)])
        assert fragment is not None
        return fragment
