"""Nothing about the seeds is hard-coded: rewrite a copy of each seed (other officers,
other activity texts, priorities in another order, page breaks in other places) and
the readers follow. Expectations are the hand-made ones, rewritten the same way."""

from __future__ import annotations

import copy
import re

from plangraph.ingest.document import Document, parse_document
from plangraph.ingest import read_text
from plangraph.model.records import Extraction

from conftest import ACTION_PLAN, REVIEW_TABLE, expected
from test_spans import check_fragment, walk

FIRST = ["Amara", "Bryn", "Carys", "Dev", "Eilidh", "Femi", "Gwen", "Hamza", "Ines", "Jonah",
         "Kezia", "Lowri", "Milo", "Nkechi", "Oisin", "Petra", "Quinn", "Rhian", "Soren", "Tomasz"]
LAST = ["Abara", "Bexley", "Crane", "Dunmore", "Ellery", "Fenwick", "Garside", "Holloway",
        "Iqbal", "Jessop", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Oduya", "Pemberton",
        "Quarry", "Rees", "Sandoval", "Thorne"]
PAGE_HEADER = "Outcomes\tPerformance measures\tEnd of Year Update on Actions from 2016-2017\tLead organisation"
REVIEW_HEADER = "\tKey activities\tEvidence source\tEvidence of achievement"


def read(text: str, name: str) -> tuple[Document, Extraction]:
    doc = parse_document(text.encode("utf-8"), name)
    return doc, read_text(doc)


def blocks(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Split lines into the preamble and one block per 'Priority N' heading."""
    starts = [i for i, line in enumerate(lines) if re.match(r"Priority \d", line)]
    return lines[: starts[0]], [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]


def move_page_breaks(block: list[str], header: str, every: int) -> list[str]:
    """Drop the page breaks inside a priority block and put new ones every few rows."""
    heading, body = block[0], block[1:]
    rows = [line for line in body if line.strip() and line != header]
    out = [heading, "", header]
    for k, row in enumerate(rows, 1):
        out.append(row)
        if k % every == 0 and k < len(rows):
            out += ["", header]
    return out + [""]


def split_row(line: str, columns: int) -> list[str]:
    """Print one row over two pages: every cell cut at a space near its middle.

    Returns the first half, a blank line, a placeholder for the repeated header and the
    second half; a review row's number stays on the first half.
    """
    cells = line.split("\t")
    assert len(cells) == columns
    first, second = [], []
    for cell in cells:
        text = cell.strip()
        spaces = [m.start() for m in re.finditer(" ", text)]
        if not spaces:
            first.append(text)
            second.append("")
            continue
        cut = spaces[len(spaces) // 2]
        first.append(text[:cut])
        second.append(text[cut + 1 :])
    return ["\t".join(first), "", "", "\t".join(second)]


def test_action_plan_rewritten() -> None:
    want = copy.deepcopy(expected(ACTION_PLAN.stem))
    lines = ACTION_PLAN.read_text(encoding="utf-8").split("\n")
    # 1. other officers: every officer the hand reading found gets another name
    officers = sorted({o for m in want["measures"] for o in m["officers"]}, key=len, reverse=True)
    rename = {name: f"{FIRST[k]} {LAST[k]}" for k, name in enumerate(officers)}
    for k, line in enumerate(lines):
        cells = line.split("\t")
        if len(cells) == 4:
            for old, new in rename.items():
                printed = [old, old.replace("-", "- ")]
                for variant in printed:
                    cells[3] = cells[3].replace(variant, new)
            lines[k] = "\t".join(cells)
    for m in want["measures"]:
        m["officers"] = [rename[o] for o in m["officers"]]
    # 2. priorities in another order, 3. page breaks in other places, one row over two pages
    preamble, parts = blocks(lines)
    parts = [move_page_breaks(b, PAGE_HEADER, every=3) for b in reversed(parts)]
    row_1a = next(i for i, line in enumerate(parts[-1]) if line.startswith("1a:"))
    first_half, blank, _, second_half = split_row(parts[-1][row_1a], 4)
    parts[-1][row_1a : row_1a + 1] = [first_half, blank, PAGE_HEADER, second_half]
    text = "\n".join(preamble + [line for b in parts for line in b])
    doc, ex = read(text, "rewritten-action-plan.txt")

    assert [p.notation for p in ex.priorities] == ["4", "3", "2", "1"]
    order = {p: k for k, p in enumerate(["4", "3", "2", "1"])}
    want_measures = sorted(want["measures"], key=lambda m: order[m["priority"]])  # stable
    got = [
        {"priority": m.priority, "outcome": m.outcome_code, "numeral": m.numeral, "text": m.text.text,
         "organisations": [o.name for o in m.lead.organisations], "officers": [o.name for o in m.lead.officers]}
        for m in ex.measures
    ]
    assert got == [{k: m[k] for k in got[0]} for m in want_measures]
    want_outcomes = sorted(want["outcomes"], key=lambda o: order[o["priority"]])
    assert [(o.code, o.title.text if o.title else None) for o in ex.outcomes] == [
        (o["code"], o["title"]) for o in want_outcomes
    ]
    # the row printed over two pages is one row, its pieces on both sides of the break
    first = next(m for m in ex.measures if m.outcome_code == "1a")
    assert len(first.text.parts) == 2 and first.text.parts[1].line_start - first.text.parts[0].line_start == 3
    for value in walk(ex):
        if hasattr(value, "parts") and hasattr(value, "index"):
            check_fragment(doc, value)
    assert not any(name in text for name in officers if " " in name)


def test_review_table_rewritten() -> None:
    want = copy.deepcopy(expected(REVIEW_TABLE.stem))
    lines = REVIEW_TABLE.read_text(encoding="utf-8").split("\n")
    # 1. other activity texts
    for k, line in enumerate(lines):
        cells = line.split("\t")
        if len(cells) == 4 and re.fullmatch(r"\d+", cells[0]):
            cells[1] = f"To rewrite activity {cells[0]} so that its text is not the seed's"
            lines[k] = "\t".join(cells)
    for a in want["activities"]:
        a["text"] = f"To rewrite activity {a['number']} so that its text is not the seed's"
    # 2. priorities in ascending order, 3. a page break inside every second row
    preamble, parts = blocks(lines)
    parts = sorted(parts, key=lambda b: b[0])
    new_parts = []
    for block in parts:
        out: list[str] = []
        row_count = 0
        for line in block:
            if re.match(r"\d+\t", line):
                row_count += 1
                if row_count % 2 == 0:
                    first_half, blank, _, second_half = split_row(line, 4)
                    out += [first_half, blank, REVIEW_HEADER, second_half]
                    continue
            out.append(line)
        new_parts.append(out)
    text = "\n".join(preamble + [line for b in new_parts for line in b])
    doc, ex = read(text, "rewritten-review.txt")

    assert [p.notation for p in ex.priorities] == ["1", "2", "3", "4"]
    want_acts = sorted(want["activities"], key=lambda a: a["priority"])
    assert [(a.priority, a.number, a.text.text) for a in ex.activities] == [
        (a["priority"], str(a["number"]), a["text"]) for a in want_acts
    ]
    assert [[s.printed.text for s in a.sources] for a in ex.activities] == [
        [s["printed"] for s in a["sources"]] for a in want_acts
    ]
    assert [[s.kind for s in a.sources] for a in ex.activities] == [
        [s["kind"] for s in a["sources"]] for a in want_acts
    ]
    split = [a for a in ex.activities if a.evidence is not None and len(a.evidence.parts) == 2]
    assert len(split) >= 8  # every second row was printed over two pages
    for a, w in zip(ex.activities, want_acts):
        assert a.evidence is not None
        assert " ".join(a.evidence.text.split()[:6]) == w["evidence_first_words"]
    for value in walk(ex):
        if hasattr(value, "parts") and hasattr(value, "index"):
            check_fragment(doc, value)
