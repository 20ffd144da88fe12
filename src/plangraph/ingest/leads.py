"""Split a lead-organisation cell into the organisations and officers it names.

The cell is kept raw; nothing is guessed. Organisations are found by the names in
``data/organisations.csv`` (longest first) and, for bodies that file does not know, by
a run of capitalised words ending in a word of ``data/organisation_words.txt``. What is
left is read as people's names: ``/``, ``&``, ``,`` and ``and`` separate them, and a run
of capitalised words with no separator ("Shelley Nicholls Maria Ward") is split into
two-word names. A cell that reads as a sentence (``prose``) yields only the organisations
and the runs of two or more capitalised words it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plangraph.ingest.document import Document
from plangraph.model.records import Fragment, Lead, LeadCell, Mention
from plangraph.resources import data_words
from plangraph.text import organisations_pattern

__all__ = ["names_a_body", "parse_lead_cell", "prose_words"]

_NAME_TOKEN = r"(?:Mc|Mac|O')?[A-Z][A-Za-z'’]*(?:-\s?[A-Z][A-Za-z'’]*)*"
_TOKEN = re.compile(rf"{_NAME_TOKEN}|[a-z][\w'’]*|[/&,;]|\d+\S*|\S")
_SEPARATORS = {"/", "&", ",", ";", "and"}
_CONNECTORS = {"and", "of", "for", "the", "&"}


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return frozenset(data_words("organisation_words.txt"))


@dataclass
class _Item:
    kind: str  # "org" | "person"
    start: int
    end: int
    joined: bool  # a separator stands between this and the previous item


def _organisations(text: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in organisations_pattern().finditer(text)]
    # Bodies the reference data does not know: capitalised words ending in one or more
    # organisation words ("... NHS Foundation Trust"), searched only outside the names
    # already found. In a stacked cell ("Westshire Council Ann Bell Westshire NHS Trust")
    # the name starts at the earliest word that also begins an organisation found
    # earlier in the cell; otherwise at the start of the run of capitalised words.
    words = _organisation_words()
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    # whether each token starts inside a name found so far: kept per token, so that a cell
    # naming thousands of bodies costs no more per token than a cell naming two
    covered = _covered([t[1] for t in tokens], found)

    def taken(k: int) -> bool:
        return covered[k]

    starters = {text[s:e].split()[0] for s, e in found}
    i = 0
    while i < len(tokens):
        if tokens[i][0] not in words or taken(i):
            i += 1
            continue
        last = i
        while last + 1 < len(tokens) and tokens[last + 1][0] in words and not taken(last + 1):
            last += 1
        j = i
        while j > 0 and not taken(j - 1) and (
            tokens[j - 1][0][:1].isupper() or tokens[j - 1][0] in _CONNECTORS
        ):
            j -= 1
        while j < i and tokens[j][0] in _CONNECTORS:
            j += 1
        first_starter = next((k for k in range(j, i) if tokens[k][0] in starters), None)
        if first_starter is not None:
            j = first_starter
        if j < i or last > i:  # a lone "Council" is not a name
            found.append((tokens[j][1], tokens[last][2]))
            covered[j : last + 1] = [True] * (last + 1 - j)
            starters.add(tokens[j][0])
        i = last + 1
    return sorted(found)


def names_a_body(name: str) -> bool:
    """Does ``name``, whole, read as one organisation's name by this reader's rule: a name of
    ``data/organisations.csv``, or capitalised words ending in words of
    ``data/organisation_words.txt`` ("West Sussex County Council", "Sussex Police"; not a lone
    "Council", not "Nottingham City Council Public Health"). Only organisation words after "The"
    ("The Council", "the Trust") describe a body the plan does not name: not a name.

    >>> names_a_body("Western Sussex Hospitals NHS Foundation Trust"), names_a_body("Head of Environment")
    (True, False)
    >>> names_a_body("The Council"), names_a_body("The Police Service")
    (False, False)
    """
    name = name.strip()
    words = name.split()
    if words[:1] in (["The"], ["the"]) and all(w in _organisation_words() for w in words[1:]):
        return False
    return bool(name) and _organisations(name) == [(0, len(name))]


def prose_words(text: str) -> list[str]:
    """The lower-case words of a lead cell outside the organisations it names ("and" is a
    separator): a cell holding any reads as a sentence to this reader (``prose``).

    >>> prose_words("All partners, led by Sussex Police"), prose_words("Westshire Council and Ann Bell")
    (['partners', 'led', 'by'], [])
    """
    orgs = _organisations(text)
    ends = [0, *(e for _, e in orgs)]
    starts = [*(s for s, _ in orgs), len(text)]
    return _lower_words(" ".join(text[a:b] for a, b in zip(ends, starts)))


def _lower_words(text: str) -> list[str]:
    return [t for t in (m.group() for m in _TOKEN.finditer(text)) if t[:1].islower() and t not in _SEPARATORS]


def _covered(starts: list[int], spans: list[tuple[int, int]]) -> list[bool]:
    """For each of the sorted ``starts``, whether it stands inside one of ``spans`` (sorted,
    not overlapping).

    >>> _covered([0, 4, 9, 12], [(3, 10)])
    [False, True, True, False]
    """
    flags = []
    k = 0
    for start in starts:
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        flags.append(k < len(spans) and spans[k][0] <= start)
    return flags


def _people(text: str, offset: int, prose: bool) -> list[_Item]:
    """Names in a stretch of the cell that holds no organisation."""
    items: list[_Item] = []
    run: list[tuple[int, int]] = []
    joined = True

    def flush(next_joined: bool) -> None:
        nonlocal run, joined
        if prose:
            names = [run] if len(run) >= 2 else []
        elif len(run) <= 3:
            names = [run] if run else []
        else:
            # No separator between names: split into two-word names; an odd count
            # leaves a three-word name at the end.
            cut = [run[k : k + 2] for k in range(0, len(run) - 3 if len(run) % 2 else len(run), 2)]
            if len(run) % 2:
                cut.append(run[-3:])
            names = cut
        for k, name in enumerate(names):
            items.append(_Item("person", offset + name[0][0], offset + name[-1][1], joined and k == 0))
        run = []
        joined = next_joined

    for match in _TOKEN.finditer(text):
        tok = match.group()
        if tok in _SEPARATORS:
            flush(True)
        elif tok[:1].isupper():
            run.append((match.start(), match.end()))
        else:
            flush(False)
    flush(False)
    return items


def parse_lead_cell(raw: Fragment | None, doc: Document) -> LeadCell:
    """Read the organisations and officers a lead cell names, grouped into entries."""
    if raw is None:
        return LeadCell(raw=None, entries=(), prose=False, unparsed=())
    text = raw.text
    orgs = _organisations(text)
    gaps: list[tuple[int, int]] = []
    pos = 0
    for start, end in orgs:
        gaps.append((pos, start))
        pos = end
    gaps.append((pos, len(text)))
    prose = bool(_lower_words(" ".join(text[s:e] for s, e in gaps)))
    items = [_Item("org", s, e, True) for s, e in orgs]
    for start, end in gaps:
        items.extend(_people(text[start:end], start, prose))
    items.sort(key=lambda item: item.start)

    entries: list[tuple[list[Mention], list[Mention]]] = []
    previous: _Item | None = None
    for item in items:
        mention = _mention(raw, item, doc)
        new_entry = (
            not entries
            or (item.kind == "org" and previous is not None and previous.kind == "person")
            or (item.kind == "person" and previous is not None and previous.kind == "person"
                and not item.joined and not prose)
        )
        if new_entry:
            entries.append(([], []))
        (entries[-1][0] if item.kind == "org" else entries[-1][1]).append(mention)
        previous = item
    leads = tuple(Lead(tuple(o), tuple(p)) for o, p in entries)
    return LeadCell(raw=raw, entries=leads, prose=prose, unparsed=())


def _mention(raw: Fragment, item: _Item, doc: Document) -> Mention:
    piece = raw.sub(item.start, item.end, doc.index)
    name = re.sub(r"-\s+", "-", piece.text)
    return Mention(name=name, printed=piece.text, span=piece.span)


def merge(leads: tuple[Lead, ...]) -> Lead:
    """One lead naming every organisation and officer of ``leads`` once, in order."""
    orgs: dict[str, Mention] = {}
    people: dict[str, Mention] = {}
    for lead in leads:
        for m in lead.organisations:
            orgs.setdefault(m.name, m)
        for m in lead.officers:
            people.setdefault(m.name, m)
    return Lead(tuple(orgs.values()), tuple(people.values()))
