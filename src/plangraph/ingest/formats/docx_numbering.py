"""The numbers Word prints before the paragraphs of a numbered list ("1.1", "6.1", "a)").

Word does not store them in the text: a list paragraph names a list (``w:numId``) and a
level (``w:ilvl``), and ``word/numbering.xml`` says how each level counts and prints
(``w:start``, ``w:numFmt``, ``w:lvlText`` such as ``%1.%2``). A plan's table whose actions are
numbered that way ("1.1 To work with ...") shows the numbers on the page; :class:`Numbering`
counts the list paragraphs in the order the document holds them and gives each its number, as
Word does: lists that share a definition (``w:abstractNum``) count on together unless a
``w:startOverride`` starts one anew, a level counts from its start value, a deeper level
starts again under each new item of the level above, and a level not used yet prints its start
value ("1.3" for the first item of a level that starts at 3 under an unused level 1).

Bullets print no number and are left out (their symbols are no words of the plan).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

__all__ = ["Numbering"]

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters, "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(),
}


def _val(element: object, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None  # type: ignore[attr-defined]
    return child.get(qn("w:val")) if child is not None else None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""


@dataclass
class _List:
    levels: dict[int, _Level] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)  # level -> the last number printed


class Numbering:
    """The list numbers of one document's paragraphs, asked for in document order."""

    def __init__(self, document: Document) -> None:
        self.lists: dict[str, _List] = {}  # by abstract definition
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract, start overrides)
        self.started: set[str] = set()  # numIds whose start overrides are spent
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: no list prints a number
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                start = _val(lvl, "w:start")
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                    int(start) if start and start.lstrip("-").isdigit() else 1,
                    _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "")
            self.lists[abstract.get(qn("w:abstractNumId"), "")] = _List(levels)
        for num in root.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self.instances[num.get(qn("w:numId"), "")] = (_val(num, "w:abstractNumId") or "", overrides)

    def label(self, paragraph: Paragraph) -> str:
        """The number Word prints before ``paragraph`` ("" when it prints none); counts it."""
        props = paragraph._p.pPr
        numbered = props.find(qn("w:numPr")) if props is not None else None
        num_id, level = _val(numbered, "w:numId"), _val(numbered, "w:ilvl")
        if num_id is None or num_id not in self.instances:
            return ""
        abstract, overrides = self.instances[num_id]
        found = self.lists.get(abstract)
        depth = int(level) if level and level.isdigit() else 0
        if found is None or depth not in found.levels:
            return ""
        if num_id not in self.started:
            self.started.add(num_id)
            for k, start in overrides.items():  # this list starts anew at these levels
                found.counts[k] = start - 1
        this = found.levels[depth]
        found.counts[depth] = found.counts.get(depth, this.start - 1) + 1
        for deeper in [k for k in found.counts if k > depth]:
            del found.counts[deeper]
        if this.fmt not in _FORMATS:
            return ""  # a bullet, or a format that prints no number
        out = this.text
        for k in range(depth + 1):
            level_k = found.levels.get(k, _Level())
            value = found.counts.get(k, level_k.start)
            out = out.replace(f"%{k + 1}", _FORMATS.get(level_k.fmt, str)(value))
        return out.strip()
