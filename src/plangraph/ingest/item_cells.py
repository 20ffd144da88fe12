"""The named cell parsers of the items reader: lead cells, measure lists, statuses and codes
(timescales: :mod:`plangraph.ingest.timescales`). What they know of words comes from
reference data (``data/lead_words.csv``, ``data/lead_abbreviations.csv``, ``data/statuses.csv``,
``data/organisations.csv``), never from one plan.

>>> rag("  Amber "), rag("G"), rag("tbc")
('amber', 'green', None)
>>> lead_kind("Head of Environment"), lead_kind("People Strategy Team"), lead_kind("DPH")
('post', 'team', 'post')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Set as AbstractSet
from dataclasses import dataclass

from plangraph.ingest.document import HARD_BREAK, Cell
from plangraph.ingest.generic import names_role
from plangraph.ingest.leads import names_a_body, prose_words
from plangraph.ingest.numerals import leading_number
from plangraph.ingest.stated import baseline_target
from plangraph.ingest.table import FUNCTION_WORDS
from plangraph.resources import data_rows
from plangraph.text import known_organisations, organisations_pattern

__all__ = ["lead_kind", "lead_name", "lead_parts", "unlabelled", "expansion", "rag", "split_entries",
           "split_number", "split_measures_list", "Piece", "baseline_target"]

# lower-case words, other than function words, that make a lead entry a sentence ("All partners,
# led by a particular agency e.g. Police"), not the name of a post ("Early years lead")
_PROSE = 4
_PERSON = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Prof)\.?\s+)?[A-Z][a-z'’]+(?:[- ][A-Z][a-z'’]+){1,2}$")


@functools.lru_cache(maxsize=1)
def _statuses() -> dict[str, str]:
    return {row["printed"].strip().lower(): row["status"] for row in data_rows("statuses.csv")}


def rag(printed: str) -> str | None:
    """A status or RAG rating as printed, normalised ("RED", " Green", "G" -> "green")."""
    return _statuses().get(" ".join(printed.replace(HARD_BREAK, " ").split()).lower().rstrip("."))


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, str]]:
    return {row["abbreviation"]: (row["expansion"], row["kind"]) for row in data_rows("lead_abbreviations.csv")}


@functools.lru_cache(maxsize=1)
def _lead_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(row["pattern"], re.IGNORECASE), row["kind"]) for row in data_rows("lead_words.csv"))


def expansion(name: str) -> str | None:
    """What an abbreviated post stands for ("DPH" -> "Director of Public Health")."""
    found = _abbreviations().get(name.strip())
    return found[0] if found else None


def lead_kind(name: str) -> str:
    """``organisation``, ``person``, ``post``, ``team`` or ``unknown``: what a lead entry names,
    from the reference data only (never guessed from the plan).

    A name the reference data does not list is an organisation when it reads as a body's name
    by the rule of the action-plan reader (:func:`~plangraph.ingest.leads.names_a_body`:
    capitalised words ending in words of ``data/organisation_words.txt``, "Sussex Police"),
    unless the words of ``data/lead_words.csv`` say otherwise: a post's words anywhere ("Head
    of Service"), or a team's word as its last word, which names what it is ("Youth Offending
    Service"); a team's word inside the name of a body does not ("Dudley Group NHS Foundation
    Trust" is a trust). A sentence (four or more lower-case words that are no function words,
    outside the organisations it names: :func:`~plangraph.ingest.leads.prose_words`) is
    ``unknown``, not a kind its words happen to hold.

    >>> lead_kind("West Sussex County Council"), lead_kind("Sussex Police"), lead_kind("Head of Service")
    ('organisation', 'organisation', 'post')
    >>> lead_kind("Dudley Group NHS Foundation Trust"), lead_kind("All partners, led by a particular agency")
    ('organisation', 'unknown')
    """
    name = name.strip()
    if name in known_organisations():
        return "organisation"
    if name in _abbreviations():
        return _abbreviations()[name][1]
    words = name.split()
    if words and all(w in _abbreviations() for w in re.split(r"[/&,]|\s+", name) if w):
        return "post"
    if len([w for w in prose_words(name) if w not in FUNCTION_WORDS]) >= _PROSE:
        return "unknown"
    body = names_a_body(name)
    for pattern, kind in _lead_words():
        if pattern.search(name):
            return "organisation" if body and kind != "post" and not pattern.search(words[-1]) else kind
    if body:
        return "organisation"
    if _PERSON.match(name) and not _organisation_word(name) and _surname(name):
        return "person"
    return "unknown"


@functools.lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    from plangraph.resources import data_words

    return frozenset(w.lower() for w in data_words("organisation_words.txt")) | {"the"}


def _organisation_word(name: str) -> bool:
    """Does ``name`` hold a word that names a body ("Council", "Trust") or start with "The"?"""
    return any(w.lower() in _org_words() for w in re.findall(r"[A-Za-z]+", name))


def _surname(name: str) -> bool:
    """A name with a title ("Dr Ali"), or whose last word is no English word ("Denness"): a
    person's. "Public Health" ends on a word, so it is not taken for one."""
    from plangraph.text.cuts import _dictionary

    words = name.replace("’", "'").split()
    if words[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Prof"):
        return True
    return words[-1].lower() not in _dictionary()[0]


@dataclass(frozen=True)
class Piece:
    """A part of a cell, located: its text and its offsets in the document."""

    text: str
    start: int
    end: int


def _pieces(cell: Cell, cuts: list[int]) -> list[Piece]:
    out = []
    for a, b in zip([0, *cuts], [*cuts, len(cell.text)]):
        raw = cell.text[a:b]
        lead = len(raw) - len(raw.lstrip(" \u2028\t"))
        body = raw.strip(" \u2028\t;,")
        if body:
            out.append(Piece(body, cell.start + a + lead, cell.start + a + lead + len(body)))
    return out


_JOINS = ("/", "&", ",", "-", " and", " or")
# words no name of a person, post or body ends on: a line ending on one runs on ("Head of" /
# "Safeguarding and Advocacy", a post broken over two paragraphs in a narrow Word column)
_RUNS_ON = frozenset("of for the to with in on at by from".split())
def split_entries(cell: Cell, role: str | None = None) -> list[Piece]:
    """The entries of a lead cell: one per hard line break (a wrap joins; a hard break, which
    a Word paragraph or a PDF line ending short makes, separates), and at ";". A line that
    ends on "/", "&", "," or "and" runs on into the next ("DPH /" then "PH Consultant"), and
    so does one that ends on a word no name ends on ("Head of" then "Safeguarding"). Given the
    cell's ``role`` (lead or partners), each entry is read without its label (:func:`unlabelled`)."""
    before = _Before(cell.text)
    cuts = []
    for m in re.finditer(rf"[{HARD_BREAK};]", cell.text):
        before.move(m.start())
        if m.group() == ";" or not (cell.text.endswith(_JOINS, 0, before.end)
                                    or before.word().lower() in _RUNS_ON or _runs_on(cell.text, m.end())):
            cuts.append(m.start())
    pieces = _pieces(cell, cuts)
    if role is None:
        return pieces
    return [entry for entry in (unlabelled(piece, role) for piece in pieces) if entry is not None]


# a label before what it labels: a few words, then ":" or a spaced dash
_LABEL = re.compile(r"([A-Za-z][A-Za-z ]{0,30}?)\s*(?::|\s[-–](?=\s))\s*")


def unlabelled(piece: Piece, role: str) -> Piece | None:
    """An entry of a lead or partners cell (``role``) without the label printed before it, when
    the label's words, whole, name that role in ``data/header_synonyms.csv`` ("Lead agencies:
    CPS" -> "CPS", "Owner - Head of Early Help" -> "Head of Early Help"; not "Lead for Family
    Hubs: Jo Bloggs", whose words name a post); ``None`` when the entry is the label alone.

    >>> unlabelled(Piece("Lead: Sussex Police", 10, 29), "lead")
    Piece(text='Sussex Police', start=16, end=29)
    """
    m = _LABEL.match(piece.text)
    if m is None or not names_role(m.group(1), role):
        return piece
    if m.end() == len(piece.text):
        return None
    return Piece(piece.text[m.end():], piece.start + m.end(), piece.end)


def split_number(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """The number printed at the start of an item's cells ("1 - Integrated stop smoking services",
    read by :func:`~plangraph.ingest.numerals.leading_number`) and the cells of its text after
    it, for a table with no number column; no number and the cells as they are if none is."""
    found = leading_number(cells[0].text) if cells else None
    if found is None:
        return [], cells
    first, (printed, skip) = cells[0], found
    return ([Cell(printed, first.start, first.start + len(printed))],
            [Cell(first.text[skip:], first.start + skip, first.end), *cells[1:]])


def _runs_on(text: str, start: int) -> bool:
    """Does the line that starts at ``start`` go on with the line before: it starts with "/" or
    "&" ("Kim-Ann Williamson" / "/Warren Poole"), or is one word that names a post's kind in the
    reference data (``data/lead_words.csv``) and so nobody by itself ("Welsh Government
    Anti-Slavery" / "Co-ordinator", a manual line break in a narrow column)?"""
    end = text.find(HARD_BREAK, start)
    line = text[start:end if end >= 0 else len(text)].strip(" ;,.")
    if line.startswith(("/", "&")):
        return True
    return len(line.split()) == 1 and any(kind == "post" and pattern.search(line) for pattern, kind in _lead_words())


# what stands between two leads printed on one line ("Council, Police", "Council and Police",
# "Council / Jo Bloggs", "Council (Jo Bloggs)", "Council - Jo Bloggs")
_BETWEEN = re.compile(r"(?:\s*(?:[/&,;()]|\band\b|(?<=\s)[-–](?=\s))\s*)+")
_OWN_NAMES = frozenset({"organisation", "person"})


def lead_name(printed: str) -> str:
    """A lead as printed, on one line and without the punctuation after it."""
    return " ".join(printed.replace(HARD_BREAK, " ").split()).rstrip(" .,;:")


def lead_parts(piece: Piece, lower: Callable[[], AbstractSet[str]]) -> list[tuple[Piece, str]]:
    """The leads one entry of a lead cell names, each with its kind (:func:`lead_kind`).

    An entry printed on one line is parted where it names a known organisation
    (``data/organisations.csv``, longest name first, so a name holding "and" is never cut) and
    at "/", "&", ",", ";", "and", brackets and a spaced dash; parts next to each other that are
    neither an organisation nor a person are one lead ("Head of Early Help and Youth Services").
    Only if every part is a known organisation, a person, or a post or team by the reference
    words, and two parts with no separator between them are each an organisation or a person,
    is the entry read as several leads; otherwise it is one, as printed. Nothing but the
    separators stands outside the leads read. In an entry that names an organisation (a known
    one, or a body by its words: :func:`lead_kind`), two or three capitalised words (the person
    pattern) with no organisation word, none of which the plan prints in lower case (``lower()``:
    the plan's lower-case words), name a person ("Council / Jo Bloggs"; not "Council Public
    Health" in a plan about public health).
    An entry over several lines (joined by :func:`split_entries`) is kept whole.
    """
    whole = [(piece, lead_kind(lead_name(piece.text)))]
    body = piece.text.rstrip(" .,;:")
    if HARD_BREAK in body or lead_name(body) in known_organisations() or lead_name(body) in _abbreviations():
        return whole
    orgs = [m.span() for m in organisations_pattern().finditer(body)]
    if not orgs and not _BETWEEN.search(body):
        return whole
    beside = bool(orgs) or any(names_a_body(lead_name(body[a:b])) for a, b in _between(body, 0, len(body)))
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for start, end in [*orgs, (len(body), len(body))]:
        spans += [(a, b, _part_kind(body[a:b], beside, lower)) for a, b in _between(body, pos, start)]
        spans += [(start, end, "organisation")] if start < end else []
        pos = end
    parts: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if parts and "organisation" not in (parts[-1][2], kind) and "person" not in (parts[-1][2], kind):
            start = parts.pop()[0]
            kind = lead_kind(lead_name(body[start:end]))
        parts.append((start, end, kind))
    if len(parts) < 2 or any(kind == "unknown" or not body[start].isupper() for start, _, kind in parts):
        return whole
    if any(not body[a[1]:b[0]].strip() and not {a[2], b[2]} <= _OWN_NAMES for a, b in zip(parts, parts[1:])):
        return whole
    return [(Piece(body[a:b], piece.start + a, piece.start + b), kind) for a, b, kind in parts]


def _between(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` that stand between separators, blanks stripped."""
    cuts = [m.span() for m in _BETWEEN.finditer(text, start, end)]
    out = []
    for a, b in zip([start, *(e for _, e in cuts)], [*(s for s, _ in cuts), end]):
        stretch = text[a:b]
        a, b = a + len(stretch) - len(stretch.lstrip()), b - len(stretch) + len(stretch.rstrip())
        if a < b:
            out.append((a, b))
    return out


def _part_kind(printed: str, beside_organisation: bool, lower: Callable[[], AbstractSet[str]]) -> str:
    name = lead_name(printed)
    kind = lead_kind(name)
    if kind == "unknown" and beside_organisation and _PERSON.match(name) and not _organisation_word(name) \
            and not any(word.lower() in lower() for word in re.findall(r"[A-Za-z'’]+", name)):
        return "person"
    return kind


class _Before:
    """What the text before a place holds, for places asked in order: where it ends once
    blanks are stripped, its last word, and how many brackets it leaves open. Each place is
    read on from the one before, never again from the start of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.end = 0  # len(text[:pos].rstrip())
        self.open = 0  # text[:pos].count("(") - text[:pos].count(")")
        self._word = (0, "")

    def move(self, pos: int) -> None:
        text = self.text
        last = _LAST_NOT_BLANK.search(text, self.pos, pos)
        if last is not None:
            self.end = last.end()
        self.open += text.count("(", self.pos, pos) - text.count(")", self.pos, pos)
        self.pos = pos

    def word(self) -> str:
        """The last word before the place (``text[:pos].split()[-1]``), or ``""``."""
        if self._word[0] != self.end:
            start = self.end
            while start and not self.text[start - 1].isspace():
                start -= 1
            self._word = (self.end, self.text[start:self.end])
        return self._word[1]


_LAST_NOT_BLANK = re.compile(r"\S(?=\s*$)")
_NOT_GAP = re.compile("[^ \u2028]")


# bullets as printed, and as symbol fonts map them into Unicode's private use area (Symbol's
# U+F0B7, Wingdings' U+F0A7 and U+F076)
BULLETS = "•▪●◦‣∙·*\uf0b7\uf0a7\uf076"
_BULLET = re.compile(rf"\s*(?:[{BULLETS}]|[-–]\s|\d{{1,2}}[.)]\s)")
_KPI = re.compile(r"\s*KPI\s*\d+\s*[:.)-]", re.IGNORECASE)


def _line_starts(text: str) -> set[int]:
    """Where each line that a hard break starts begins, unless the line before runs on into it:
    a bracket the next line closes ("(June" / "’24)"), a line ending on a word no sentence
    ends on ("Access to" / "Psychological Therapies"), or the next line starting in lower
    case ("Invites" / "from")."""
    before = _Before(text)
    starts = set()
    line = -1  # where the next line's text starts, blanks and breaks passed over
    closes = False
    for m in re.finditer(HARD_BREAK, text):
        at = m.end()
        before.move(at)
        if line < at:  # else the breaks since the last one were blank lines: the same line
            found = _NOT_GAP.search(text, at)
            line = found.start() if found else len(text)
            end = text.find(HARD_BREAK, line)
            end = len(text) if end < 0 else end
            close, open_ = text.find(")", line, end), text.find("(", line, end)
            closes = close >= 0 and (open_ < 0 or close < open_)
        dangling = before.end > 0 and before.word().lower() in FUNCTION_WORDS
        if not ((before.open > 0 and closes) or text[line:line + 1].islower() or dangling):
            starts.add(at)
    return starts


def split_measures_list(cell: Cell) -> list[Piece]:
    """The measures of a cell: one per line that a hard break starts (unless the line runs
    on), and one per list item (a bullet, a dash or a number starting a line, dropped; "KPI 3:"
    kept, as its name). A line ending on ":" followed by short items (a few words each:
    "spend with:" / "• SMEs" / "• VCSEs") keeps them, as printed."""
    text = cell.text
    cuts = _line_starts(text)
    cuts |= {m.start() for m in re.finditer(r"(?<=\S)\s+(?=KPI\s*\d+\s*[:.)-])", text, re.IGNORECASE)}
    cuts |= {m.start() + 1 for m in re.finditer(rf"\s[{BULLETS}](?=\s)", text)}
    pieces = _pieces(cell, sorted(c for c in cuts if 0 < c < len(text)))
    # for each piece, where the run of list items from it ends and where the first long one
    # (of more than four words) stands, read once from the end
    item_run = [len(pieces)] * (len(pieces) + 1)
    long_from = [len(pieces)] * (len(pieces) + 1)
    for j in range(len(pieces) - 1, -1, -1):
        item_run[j] = item_run[j + 1] if _BULLET.match(pieces[j].text) else j
        long_from[j] = j if len(pieces[j].text.split()) > 4 else long_from[j + 1]
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        run = item_run[k + 1]
        if piece.text.endswith(":") and run > k + 1 and long_from[k + 1] >= run:
            last = pieces[run - 1]
            out.append(Piece(text[piece.start - cell.start:last.end - cell.start], piece.start, last.end))
            k = run
            continue
        bullet = _BULLET.match(piece.text)
        if bullet and not _KPI.match(piece.text) and bullet.end() < len(piece.text):
            skip = bullet.end() + len(piece.text[bullet.end():]) - len(piece.text[bullet.end():].lstrip())
            piece = Piece(piece.text[skip:], piece.start + skip, piece.end)
        out.append(piece)
        k += 1
    return out
