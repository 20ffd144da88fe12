"""The cells of an action table read with the generic layout (no layout file), in a tab-separated
plan written for these tests as real plans print them: lead cells naming bodies the reference
data does not list. Each value expected is worked out from the cell as printed, and each lead
is located on its own words in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Literal
from rdflib.namespace import ORG

from conftest import dataset_of
from lead_support import assert_leads_located
from plangraph.ingest import read
from plangraph.model.items import Item
from plangraph.model.records import Extraction
from plangraph.rdf.iris import mint
from plangraph.rdf.vocab import PG
from plangraph.sparql import load_query, run_query

HEADER = "Action\tLead\tPartners involved\tTimescale\tStatus"

# Lead cells and the leads they name, as (printed, kind). A body data/organisations.csv does
# not list is an organisation when it reads as a body's name (capitalised words ending in a word
# of data/organisation_words.txt), as the action-plan reader reads it (ingest/leads.py).
LEAD_CELLS = [
    ("West Sussex County Council", [("West Sussex County Council", "organisation")]),
    ("Sussex Police", [("Sussex Police", "organisation")]),
    ("Western Sussex Hospitals NHS Foundation Trust", [("Western Sussex Hospitals NHS Foundation Trust",
                                                        "organisation")]),
    # a post's words come first: "Public Health" is no organisation word; a lone "Police" no name
    ("Head of Public Health", [("Head of Public Health", "post")]),
    ("Public Health", [("Public Health", "unknown")]),
    ("Police", [("Police", "unknown")]),
    # organisation words after "The" describe a body the plan does not name
    ("The Council", [("The Council", "unknown")]),
    # a team's word last names what it is (data/lead_words.csv): a council's service; inside a
    # body's name it does not ("Group" is a team's word, "Trust" names the body)
    ("Youth Offending Service", [("Youth Offending Service", "team")]),
    ("Dudley Group NHS Foundation Trust", [("Dudley Group NHS Foundation Trust", "organisation")]),
    # one line naming two bodies, and a body and a person: parted (lead_parts)
    ("West Sussex County Council, Sussex Police",
     [("West Sussex County Council", "organisation"), ("Sussex Police", "organisation")]),
    ("Sussex Police / Tariq Doyle", [("Sussex Police", "organisation"), ("Tariq Doyle", "person")]),
]


def _write(path: Path, rows: list[tuple[str, ...]]) -> str:
    lines = ["Cell readings test plan 2024", "", HEADER, *("\t".join(row) for row in rows)]
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def _row_start(text: str, k: int) -> int:
    """Where the ``k``-th row (0-based) after the header starts in ``text``."""
    at = text.index(HEADER) + len(HEADER) + 1
    for _ in range(k):
        at = text.index("\n", at) + 1
    return at


def _cell_start(text: str, k: int, column: int) -> int:
    at = _row_start(text, k)
    for _ in range(column):
        at = text.index("\t", at) + 1
    return at


@pytest.fixture(scope="module")
def lead_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Extraction]:
    path = tmp_path_factory.mktemp("cells") / "lead-kinds-plan.txt"
    rows = [("Do the work", cell, "", "March 2025", "Green") for cell, _ in LEAD_CELLS]
    text = _write(path, rows)
    return path, text, read(path)[1]


@pytest.mark.parametrize("k", range(len(LEAD_CELLS)), ids=[cell for cell, _ in LEAD_CELLS])
def test_a_body_the_reference_data_does_not_list(lead_plan: tuple[Path, str, Extraction], k: int) -> None:
    _, text, plan = lead_plan
    assert plan.plan.layout == "generic" and len(plan.items) == len(LEAD_CELLS)
    cell, want = LEAD_CELLS[k]
    item: Item = plan.items[k]
    assert_leads_located(item, text, cell, _cell_start(text, k, 1), want)


def test_a_body_read_from_its_words_is_a_node_that_leads(lead_plan: tuple[Path, str, Extraction]) -> None:
    """An organisation no reference data lists is a node minted from its name (as the action-plan
    reader's are), of kind "unknown" in the graph, that leads what it leads, in who-leads-what;
    a lead the words do not name stays a printed literal."""
    path, _, _ = lead_plan
    ds = dataset_of(path)
    council, police = mint("organisation", "West Sussex County Council"), mint("organisation", "Sussex Police")
    trust = mint("organisation", "Western Sussex Hospitals NHS Foundation Trust")
    for node in (council, police, trust):
        assert any(ds.quads((node, RDF.type, ORG.Organization, None)))
        assert {q[2] for q in ds.quads((node, PG.organisationKind, None, None))} == {Literal("unknown")}
    leads = run_query(load_query("who-leads-what"), dataset=ds)
    by_org: dict[str, list[str]] = {}
    for r in leads.rows:
        if r.get("organisation") is not None:
            by_org.setdefault(str(r["organisation"]), []).append(str(r["organisationLabel"]))
    # rows 1, 2, 3 name one each; row 10 names the council and the police; row 11 the police
    assert by_org[str(council)] == ["West Sussex County Council"] * 2
    assert by_org[str(police)] == ["Sussex Police"] * 3
    assert by_org[str(trust)] == ["Western Sussex Hospitals NHS Foundation Trust"]
    assert str(mint("organisation", "The Council")) not in by_org
    assert str(mint("organisation", "Public Health")) not in by_org
    printed = {str(q[2]) for q in ds.quads((None, PG.leadAsPrinted, None, None))}
    assert printed == {"Public Health", "Police", "The Council"}


# Lead and partners cells that print a label before what they name, and cells that are prose:
# (lead cell, partners cell, leads as (printed, kind), partners as (printed, kind)). A label is
# words that, whole, name the cell's column in data/header_synonyms.csv, then ":" or a spaced
# dash; the lead is what follows, located on its own words.
LABELLED = [
    ("Lead agencies: CPS", "", [("CPS", "unknown")], []),
    ("Lead: Sussex Police", "", [("Sussex Police", "organisation")], []),
    ("Owner - Head of Early Help", "", [("Head of Early Help", "post")], []),
    ("Led by: West Sussex County Council, Sussex Police", "Partners: NHS England",
     [("West Sussex County Council", "organisation"), ("Sussex Police", "organisation")],
     [("NHS England", "organisation")]),
    # a label of the other column is no label here: "Partners" names no lead
    ("Partners: NHS England", "", [("Partners: NHS England", "unknown")], []),
    # words before ":" that name a post, not the column: kept (the name without the ":")
    ("Lead for Family Hubs:", "", [("Lead for Family Hubs:", "post")], []),
    # prose (lower-case words, a sentence): no kind rather than a wrong one ("Commissioner"
    # would make it a post, "Services" a team)
    ("All partners, led by a particular agency e.g. Police, Office of the Police and Crime Commissioner",
     "Relevant partner agencies including Local Authority services",
     [("All partners, led by a particular agency e.g. Police, Office of the Police and Crime Commissioner",
       "unknown")],
     [("Relevant partner agencies including Local Authority services", "unknown")]),
    # few lower-case words: a post's name
    ("Early years lead", "", [("Early years lead", "post")], []),
]


@pytest.fixture(scope="module")
def label_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Extraction]:
    path = tmp_path_factory.mktemp("labels") / "labelled-leads-plan.txt"
    text = _write(path, [("Do the work", lead, partners, "March 2025", "Green") for lead, partners, _, _ in LABELLED])
    return text, read(path)[1]


def _located(text: str, cell_at: int, cell: str, refs: tuple, want: list[tuple[str, str]]) -> None:
    """Each lead read is named and located as ``want`` says, on its own words in ``cell``."""
    assert [(x.printed, x.kind) for x in refs] == want
    found = 0
    for ref, (printed, _) in zip(refs, want):
        found = cell.index(printed, found)
        assert (ref.span.start, ref.span.end) == (cell_at + found, cell_at + found + len(printed))
        assert text[ref.span.start:ref.span.end] == printed
        assert ref.name == printed.rstrip(":")
        found += len(printed)


@pytest.mark.parametrize("k", range(len(LABELLED)), ids=[row[0] for row in LABELLED])
def test_a_label_before_the_lead_and_prose(label_plan: tuple[str, Extraction], k: int) -> None:
    text, plan = label_plan
    assert plan.plan.layout == "generic" and len(plan.items) == len(LABELLED)
    lead, partners, want_leads, want_partners = LABELLED[k]
    item = plan.items[k]
    _located(text, _cell_start(text, k, 1), lead, item.leads, want_leads)
    _located(text, _cell_start(text, k, 2), partners, item.partners, want_partners)
    # the lead cell is kept whole, label and all
    assert item.lead_cell is not None and item.lead_cell.text == lead


# Timescales and the date each falls due, worked out by hand: UK public bodies plan by financial
# year (1 April - 31 March), so "2023/24" ends in March 2024 and its Q3 is October-December 2023;
# a calendar year's Q3 is July-September; a range falls due at its end.
TIMESCALES = [
    ("2024", "2024"), ("By end of 2024", "2024"), ("End of 2024", "2024"), ("End of March 2024", "2024-03"),
    ("By March 2024", "2024-03"), ("31/03/2024", "2024-03-31"), ("Sept 2023", "2023-09"),
    ("2023/24", "2024-03"), ("2023-24", "2024-03"), ("2023/2024", "2024-03"),
    ("Q1 2023/24", "2023-06"), ("Q3 2023/24", "2023-12"), ("Q4 2023/24", "2024-03"),
    ("Q3 2023", "2023-09"), ("Q4 2023", "2023-12"),
    ("Dec-24", "2024-12"), ("Dec 24", "2024-12"),
    ("April 2023 - March 2024", "2024-03"), ("Apr 2023 – Mar 2024", "2024-03"),
    # no single time: kept as printed, with no date
    ("Ongoing", None), ("Within 6 months", None), ("Spring 2025", None),
    ("2023/25", None), ("2023-2025", None), ("Q3 2023/25", None), ("March 2024 - April 2023", None),
]


@pytest.fixture(scope="module")
def timescale_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Extraction]:
    path = tmp_path_factory.mktemp("timescales") / "timescales-plan.txt"
    text = _write(path, [("Do the work", "Public Health", "", printed, "Green") for printed, _ in TIMESCALES])
    return path, text, read(path)[1]


def test_timescales_fall_due_by_the_financial_year(timescale_plan: tuple[Path, str, Extraction]) -> None:
    _, text, plan = timescale_plan
    assert [(i.timescale.text if i.timescale else None, i.due) for i in plan.items] == TIMESCALES
    for k, item in enumerate(plan.items):
        assert item.timescale is not None
        at = _cell_start(text, k, 3)
        assert (item.timescale.span.start, item.timescale.span.end) == (at, at + len(TIMESCALES[k][0]))
    # each timescale that names no date is a note, located on it; none other is
    noted = sorted(n.span.start for n in plan.notes if n.code == "timescale-as-printed")
    assert noted == [_cell_start(text, k, 3) for k, (_, due) in enumerate(TIMESCALES) if due is None]


def test_a_financial_year_is_a_year_month_in_the_graph(timescale_plan: tuple[Path, str, Extraction]) -> None:
    from rdflib.namespace import XSD  # here: pytest, looking for tests, trips on the namespace at module level

    path, _, plan = timescale_plan
    ds = dataset_of(path)
    dues = sorted((str(q[2]), str(q[2].datatype)) for q in ds.quads((None, PG.due, None, None)))
    want = sorted((due, str(XSD.gYearMonth if len(due) == 7 else XSD.date if len(due) == 10 else XSD.gYear))
                  for _, due in TIMESCALES if due is not None)
    assert dues == want


# Action cells of a table with no number column: (as printed, the number read, the text read).
# A numbering is digits, dotted or not, then ".", ")", a spaced "-" or "–"; or a dotted number
# then a capitalised word. A figure the text starts with is no number, nor is a whole number
# followed by a word with no separator ("3 Develop comms" reads like "3 Schools join").
ACTIONS = [
    ("1 - Integrated stop smoking services", "1", "Integrated stop smoking services"),
    ("1. Promote e-cigarettes", "1", "Promote e-cigarettes"),
    ("1.2 Deliver training", "1.2", "Deliver training"),
    ("2) Review the pathway", "2", "Review the pathway"),
    ("12 – Refresh the audit", "12", "Refresh the audit"),
    ("2.3.1. Map the services", "2.3.1", "Map the services"),
    ("3 Develop comms", None, "3 Develop comms"),
    ("2 new hubs opened", None, "2 new hubs opened"),
    ("10% fewer smokers", None, "10% fewer smokers"),
    ("2024 campaign launched", None, "2024 campaign launched"),
    ("2.5 FTE recruited", None, "2.5 FTE recruited"),
    ("1-2 sessions a week", None, "1-2 sessions a week"),
]


@pytest.fixture(scope="module")
def numbered_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Extraction]:
    path = tmp_path_factory.mktemp("numbers") / "numbered-actions-plan.txt"
    text = _write(path, [(printed, "Public Health", "", "March 2025", "Green") for printed, _, _ in ACTIONS])
    return text, read(path)[1]


def test_a_number_printed_in_the_action_cell(numbered_plan: tuple[str, Extraction]) -> None:
    text, plan = numbered_plan
    assert [(i.number, i.text.text) for i in plan.items] == [(number, rest) for _, number, rest in ACTIONS]
    for k, item in enumerate(plan.items):
        at, printed = _cell_start(text, k, 0), ACTIONS[k][0]
        # the text is located on its own words, after the number and its separator
        assert text[item.text.span.start:item.text.span.end] == ACTIONS[k][2]
        assert item.text.span.end == at + len(printed)
        assert item.span.start == at  # the item (its row) still starts at the cell


def test_a_number_column_keeps_the_text_whole(tmp_path: Path) -> None:
    """With a number column, a number inside the action cell is part of its text, as printed."""
    path = tmp_path / "numbered-column-plan.txt"
    path.write_text("Numbered plan 2025\n\nRef\tAction\tLead\tTimescale\n"
                    "4\t1. Promote e-cigarettes\tPublic Health\tMarch 2025\n", encoding="utf-8")
    item = read(path)[1].items[0]
    assert (item.number, item.text.text) == ("4", "1. Promote e-cigarettes")
