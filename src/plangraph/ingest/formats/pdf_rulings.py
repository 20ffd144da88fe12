"""Which drawings on a PDF page are table rulings, and a check on tables that look split by lines.

pdfplumber's line strategy takes every side of every rectangle as a ruling. Word's PDF export
(and others) paints a white, unstroked rectangle behind each cell and another behind each line
of text; on a white page they draw nothing, yet their sides cut each printed line into a table
row of its own. Here a filled, unstroked rectangle whose fill is white, painted on white (the
page, or a white fill drawn before it), is *invisible*: its sides are not rulings. One
exception: a box that fills the whole height between two printed horizontal rules is a cell's
background, and its left and right sides are where the cell ends -- the only mark of it when a
table prints horizontal rules alone. The box behind one line of text is as wide as its cell but
(unless the line is the whole cell) not as high, so it never counts. Everything else (lines,
stroked boxes, dark, grey or coloured fills and bars, white boxes on a coloured fill) keeps
pdfplumber's default behaviour.
"""

from __future__ import annotations

import re
from typing import Any

from pdfplumber.page import Page
from pdfplumber.utils.geometry import rect_to_edges

__all__ = ["split_rows", "split_rows_note", "table_finder"]

Obj = dict[str, Any]

TOLERANCE = 3.0  # points: pdfplumber's default snap tolerance, how near a side must end to a rule
PALE = 0.01  # a colour component this far from white still counts as white


def _white(color: object) -> bool:
    """Whether a pdfplumber colour (grey, RGB or CMYK components) is white."""
    if isinstance(color, (int, float)):
        values: tuple[float, ...] = (float(color),)
    elif isinstance(color, (tuple, list)) and color and all(
            isinstance(v, (int, float)) for v in color):
        values = tuple(float(v) for v in color)
    else:
        return False  # no colour (black by default), a pattern, or something unknown
    if len(values) in (1, 3):
        return all(v >= 1 - PALE for v in values)
    return len(values) == 4 and all(v <= PALE for v in values)


def _coloured(obj: Obj) -> bool:
    return bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))


def _inside(x: float, y: float, obj: Obj) -> bool:
    return bool(obj["x0"] <= x <= obj["x1"] and obj["top"] <= y <= obj["bottom"])


def _invisible(rects: list[Obj], curves: list[Obj]) -> list[Obj]:
    """The rectangles filled white and not stroked, painted on white: at their centre the
    last filled rectangle drawn before them (else a filled curve, taken as drawn first, else
    the page) is white too."""
    out = []
    for n, rect in enumerate(rects):
        if not rect.get("fill") or rect.get("stroke") or not _white(rect.get("non_stroking_color")):
            continue
        x, y = (rect["x0"] + rect["x1"]) / 2, (rect["top"] + rect["bottom"]) / 2
        under = next((o for o in reversed(rects[:n]) if o.get("fill") and _inside(x, y, o)),
                     None)
        if under is None:
            under = next((o for o in curves if _coloured(o) and _inside(x, y, o)), None)
        if under is None or not _coloured(under):
            out.append(rect)
    return out


def _on_rule(x: float, y: float, rules: list[Obj]) -> bool:
    """Whether the point lies on one of the horizontal ``rules``."""
    return any(abs(rule["top"] - y) <= TOLERANCE
               and rule["x0"] - TOLERANCE <= x <= rule["x1"] + TOLERANCE for rule in rules)


def _cell_sides(invisible: list[Obj], visible: list[Obj]) -> list[Obj]:
    """The left and right sides of the invisible rectangles that fill the whole height between
    two visible horizontal rules: each side's both ends lie on a rule. Shading behind a line
    of text is as wide as its cell but, unless the line is the whole cell, not as high: its
    sides end inside the cell."""
    rules = [e for e in visible if e["orientation"] == "h"]
    return [side for rect in invisible for side in rect_to_edges(rect)
            if side["orientation"] == "v" and _on_rule(side["x0"], side["top"], rules)
            and _on_rule(side["x0"], side["bottom"], rules)]


def table_finder(page: Page) -> tuple[Page, dict[str, Any]]:
    """The page to run pdfplumber's table finder on and its table settings: the page itself
    and pdfplumber's defaults where it has no invisible rectangle; else the page without them
    and, as explicit lines, the sides of theirs that mark cells between visible rules."""
    invisible = _invisible(page.rects, page.curves)
    if not invisible:
        return page, {}
    hidden = {id(rect) for rect in invisible}
    visible_page = page.filter(lambda obj: id(obj) not in hidden)
    return visible_page, {"explicit_vertical_lines": _cell_sides(invisible, visible_page.edges)}


# ---------------------------------------------------------------------------------------------
# the safety net: rows that are the lines of one text
# ---------------------------------------------------------------------------------------------

MIN_ROWS = 4  # fewer rows say too little
ENDS_SENTENCE = re.compile(r"[.!?:;)\]]\s*$")


def _continues(upper: str, lower: str) -> bool:
    """Whether ``lower`` reads as the next line of ``upper``'s text: ``upper`` stops
    mid-sentence and ``lower`` starts with a small letter."""
    upper, lower = upper.strip(), lower.strip()
    return bool(upper and lower and lower[0].islower() and not ENDS_SENTENCE.search(upper))


def split_rows(rows: list[list[str]]) -> bool:
    """Whether a table's rows are mostly single lines that continue the row above (the sign
    of rulings drawn between the lines of one cell): at least two thirds of the rows hold one
    line in every cell, and at least half of them continue the text of the row above in some
    column. ``rows`` holds each row's cell texts, by column; empty rows are left out."""
    rows = [row for row in rows if any(text.strip() for text in row)]
    if len(rows) < MIN_ROWS:
        return False
    single = sum(all("\n" not in text for text in row) for row in rows)
    joins = sum(any(_continues(a, b) for a, b in zip(upper, lower))
                for upper, lower in zip(rows, rows[1:]))
    return single * 3 >= len(rows) * 2 and joins * 2 >= len(rows) - 1


def split_rows_note(pages: list[int]) -> str:
    """The reading note for the pages holding tables that :func:`split_rows` doubts."""
    where = ", ".join(f"p.{page}" for page in pages)
    return (f"{where}: most table rows are single lines continuing the text of the row above; "
            "the PDF may draw rules (or boxes) between the lines of one cell: check the items "
            "against the document")
