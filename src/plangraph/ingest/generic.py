"""The generic layout: an action table recognised by its header words alone, with no file.

Each header cell is given the role of the first entry of ``data/header_synonyms.csv`` whose
pattern it matches ("Led by" -> lead, "What does success look like?" -> measures). A row is
an action table's header when it names the item itself and at least two other roles, and
most of its cells are known; the layout made from it reads the table with the items reader:
priorities from numbered "Priority N" or "Objective N" lines (the table's heading-line entry),
sections from bold rows spanning the table (preambles from regular ones), and a theme from a
column (a merged first column too).

>>> role_of("Led by"), role_of("What does success look like?"), role_of("Which partners are involved")
('lead', 'measures', 'partners')
>>> role_of("Cost centre") is None
True
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from plangraph.ingest.document import HARD_BREAK, Document, Line
from plangraph.ingest.layouts import Column, Layout, Table
from plangraph.resources import data_file, data_rows

__all__ = ["NAME", "generic_layout", "header_roles", "names_role", "role_of"]

NAME = "generic"
_MAX_HEADER = 80  # characters: a longer cell is text, not a column's name


@functools.lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row["role"], re.compile(row["pattern"], re.IGNORECASE))
                 for row in data_rows("header_synonyms.csv"))


def _synonyms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(entry for entry in _table() if entry[0] != "heading-line")


def _headings() -> re.Pattern[str]:
    """The line that starts a priority ("Priority 2. Safer communities"), from the same table."""
    return next(pattern for role, pattern in _table() if role == "heading-line")


def role_of(header: str) -> str | None:
    """The role a header cell names, by the synonyms table; ``None`` if no entry matches."""
    text = " ".join(header.replace(HARD_BREAK, " ").split())
    if not text or len(text) > _MAX_HEADER:
        return None
    for role, pattern in _synonyms():
        if pattern.search(text):
            return role
    return None


def names_role(text: str, role: str) -> bool:
    """Does ``text``, whole, name the column ``role`` by its entry of the synonyms table? A
    label printed in a cell before what it labels ("Lead agencies: CPS") names its cell's role.

    >>> names_role("Lead agencies", "lead"), names_role("Owner", "lead"), names_role("Lead for Family Hubs", "lead")
    (True, True, False)
    """
    words = " ".join(text.replace(HARD_BREAK, " ").split())
    return any(r == role and pattern.fullmatch(words) is not None for r, pattern in _synonyms())


def header_roles(line: Line) -> list[str | None] | None:
    """The roles of ``line``'s cells, if it reads as an action table's header, else ``None``."""
    if len(line.cells) < 3:
        return None
    # an empty first header cell over a column of numbers is the rows' number (checked by
    # the reader, which notes any cell that is no number)
    roles = [role_of(c.text) if c.text else ("number" if k == 0 else None) for k, c in enumerate(line.cells)]
    named = [c for c in line.cells if c.text]
    known = [r for r, c in zip(roles, line.cells) if r is not None and c.text]
    if "item" not in known or len(set(known)) < 3 or len(known) * 3 < len(named) * 2:
        return None
    # a role named twice: the first keeps it, the others are read as nothing (a note each)
    seen: set[str] = set()
    out: list[str | None] = []
    for role in roles:
        out.append(role if role is not None and role not in seen else None)
        if role is not None:
            seen.add(role)
    return out


def generic_layout(doc: Document) -> Layout | None:
    """The generic layout made from the lines of ``doc`` that read as an action table's header,
    or ``None`` when there is none.

    Each different header row is a kind of table of its own: a plan of several tables (one per
    objective, say) whose headers differ (one without a status column, a column named "Review
    Date" in one and "Group Review Date" in another) is read table by table."""
    tables: list[Table] = []
    for line in doc.lines:
        roles = header_roles(line)
        if roles is None:
            continue
        columns = []
        for cell, role in zip(line.cells, roles):
            printed = " ".join(cell.text.replace(HARD_BREAK, " ").split())
            pattern = re.compile(f"^{re.escape(printed.lower())}$" if printed else "^$")
            columns.append(Column(printed or "(number)", pattern, bool(printed), role or "ignore"))
        table = Table("action", tuple(columns))
        if all(t.columns != table.columns for t in tables):
            tables.append(table)
    if not tables:
        return None
    return Layout(NAME, "An action table read from its header words (no layout file)", "items",
                  tables[0].columns, _headings(), {}, data_file("header_synonyms.csv"), tuple(tables), None,
                  (("bold", "section"), ("regular", "preamble")), None)


def draft(doc: Document, plan: Path) -> str:
    """A layout file for the table of ``doc`` (the file ``plan``), for ``plangraph layout init``:
    its header row's cells with the roles their words name, every guess commented.

    The header is the first row the generic layout recognises, else the first row of two or
    more short cells; raises :class:`~plangraph.errors.ReadError` when there is none."""
    line = next((ln for ln in doc.lines if header_roles(ln) is not None), None) or next(
        (ln for ln in doc.lines if len([c for c in ln.cells if c.text]) >= 2
         and all(len(c.text) <= _MAX_HEADER for c in ln.cells)), None)
    if line is None:
        raise doc.error(1, "no table row to draft a layout from (expected a header row of two or more cells)")
    guessed = header_roles(line) or [role_of(c.text) if c.text else None for c in line.cells]
    roles: list[str | None] = []
    for role in guessed:  # a role names one column: the first keeps it
        roles.append(role if role not in roles else None)
    name = re.sub(r"[^a-z0-9]+", "-", plan.stem.lower()).strip("-") or "my-plan"
    labels = [" ".join(c.text.replace(HARD_BREAK, " ").split()) for c in line.cells]
    where = doc.span(line.start, line.start + max(1, len(line.text))).location
    out = [
        f"# A layout file drafted by: plangraph layout init {plan.name}",
        f"# from the header row at {where}. Check each column's role (the comments say which",
        "# were guessed), then: plangraph layout check THIS-FILE.yaml " + plan.name,
        "# Roles: number item description lead partners timescale measures status progress codes",
        "#        theme ignore (see layouts/layout.schema.json)",
        *(["# No column was recognised as the item (the action itself): give one of them role: item"]
          if "item" not in roles else []),
        f"name: {name}",
        f"title: {_yaml(' | '.join(label or '(empty)' for label in labels))}",
        "reader: items",
        "tables:",
        "  - kind: action",
        "    columns:",
    ]
    for label, role in zip(labels, roles):
        why = ("guessed from the header words (data/header_synonyms.csv)" if role and label
               else "an empty header over numbers: guessed" if role
               else "not recognised, or its role already given: say what it holds")
        header = f"^{re.escape(label.lower()).replace(chr(92) + ' ', ' ')}$" if label else "^$"
        out.append(f"      - {{role: {role or 'ignore'}, label: {_yaml(label or '(number)')}, "
                   f"header: [{_yaml(header)}]{', printed-empty: true' if not label else ''}}}  # {why}")
    out += [
        "hierarchy:",
        "  # a line such as 'Priority 2 Safer communities' starts a priority",
        f"  headings: {_yaml(_headings().pattern)}",
        "  # a row spanning the table: bold is a section heading, regular weight a preamble",
        "  spanning-rows: {bold: section, regular: preamble}",
    ]
    return "\n".join(out) + "\n"


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
