"""Unit tests of ``parse_lead_cell``: organisations and officers named in a lead cell.

The cells are those the issue quotes from the Nottingham action plan, plus organisations
that the reference data does not list. Each expectation is read off the cell itself.
"""

from __future__ import annotations

import pytest

from plangraph.ingest.document import Document, parse_document
from plangraph.ingest.leads import parse_lead_cell
from plangraph.model.records import Fragment, LeadCell, Mention

# A lead cell is the last of four tab-separated cells in an action-plan row; the
# prefix makes sure offsets are checked away from the start of the text.
ROW_PREFIX = "\tiv) A measure of something\tAn update on the actions.\t"


def _doc(text: str) -> Document:
    return parse_document(text.encode("utf-8"), "t.txt")


def _whole_line(text: str) -> tuple[Fragment, Document]:
    doc = _doc(text)
    fragment = doc.fragment(doc.lines[0].cells)
    assert fragment is not None
    return fragment, doc


def _lead_cell_of_row(cell: str) -> tuple[Fragment, Document]:
    doc = _doc(ROW_PREFIX + cell + "\n")
    fragment = doc.fragment(doc.lines[0].cells[3:])
    assert fragment is not None and fragment.text == cell
    return fragment, doc


def _names(mentions: tuple[Mention, ...]) -> list[str]:
    return [m.name for m in mentions]


def _check_spans(cell: LeadCell, doc: Document) -> None:
    for mention in (*cell.organisations, *cell.officers):
        assert doc.text[mention.span.start:mention.span.end] == mention.printed, mention
        assert mention.span.file == "t.txt"


@pytest.fixture(params=["whole-line", "last-cell-of-row"])
def parse(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Parse a cell both as a line of its own and as the lead cell of a table row."""

    def run(cell: str) -> tuple[LeadCell, Document]:
        fragment, doc = _whole_line(cell) if request.param == "whole-line" else _lead_cell_of_row(cell)
        result = parse_lead_cell(fragment, doc)
        assert result.raw == fragment
        _check_spans(result, doc)
        return result, doc

    return run


def test_two_organisations_and_two_officers_separated_by_slashes(parse) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse("Nottingham City/ CCG Helene Denness/Alicia Rowley")
    assert _names(cell.organisations) == ["Nottingham City", "CCG"]
    assert _names(cell.officers) == ["Helene Denness", "Alicia Rowley"]
    assert not cell.prose
    # the slashes join them: one joint lead, not two
    assert len(cell.entries) == 1
    assert _names(cell.entries[0].organisations) == ["Nottingham City", "CCG"]
    assert _names(cell.entries[0].officers) == ["Helene Denness", "Alicia Rowley"]


def test_abbreviation_then_two_officers(parse) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse("CCG Claire Tagg/Lucy Peel")
    assert _names(cell.organisations) == ["CCG"]
    assert _names(cell.officers) == ["Claire Tagg", "Lucy Peel"]
    assert [m.printed for m in cell.officers] == ["Claire Tagg", "Lucy Peel"]
    assert len(cell.entries) == 1
    assert not cell.prose


def test_two_officers_without_a_separator_are_two_entries(parse) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse("Nottingham City Council Shelley Nicholls Maria Ward")
    assert _names(cell.organisations) == ["Nottingham City Council"]
    assert _names(cell.officers) == ["Shelley Nicholls", "Maria Ward"]
    assert len(cell.entries) == 2
    first, second = cell.entries
    assert _names(first.organisations) == ["Nottingham City Council"]
    assert _names(first.officers) == ["Shelley Nicholls"]
    # the second entry prints no organisation of its own (nothing is guessed in the cell)
    assert _names(second.organisations) == []
    assert _names(second.officers) == ["Maria Ward"]


def test_line_wrap_hyphen_is_joined_in_the_name_but_kept_as_printed(parse) -> None:  # type: ignore[no-untyped-def]
    cell, doc = parse("Nottingham City Council Marie Cann- Livingstone")
    assert _names(cell.organisations) == ["Nottingham City Council"]
    (officer,) = cell.officers
    assert officer.name == "Marie Cann-Livingstone"
    assert officer.printed == "Marie Cann- Livingstone"
    assert doc.text[officer.span.start:officer.span.end] == "Marie Cann- Livingstone"
    assert len(cell.entries) == 1


def test_name_hyphen_split_over_two_lines_of_the_cell() -> None:
    # The PDF wrapped the lead cell: "Marie Cann-" ends line 1, "Livingstone" is line 2.
    text = (
        "\ti) Measure\tUpdate.\tNottingham City Council Marie Cann-\n"
        "\t\t\tLivingstone\n"
    )
    doc = _doc(text)
    fragment = doc.fragment([doc.lines[0].cells[3], doc.lines[1].cells[3]])
    assert fragment is not None
    assert fragment.text == "Nottingham City Council Marie Cann- Livingstone"
    cell = parse_lead_cell(fragment, doc)
    (officer,) = cell.officers
    assert officer.name == "Marie Cann-Livingstone"
    assert officer.printed == "Marie Cann- Livingstone"
    assert (officer.span.line_start, officer.span.line_end) == (1, 2)
    assert doc.text[officer.span.start:officer.span.start + len("Marie Cann-")] == "Marie Cann-"
    assert doc.text[officer.span.end - len("Livingstone"):officer.span.end] == "Livingstone"
    (org,) = cell.organisations
    assert (org.span.line_start, org.span.line_end) == (1, 1)


def test_repeated_organisation_and_officer_give_two_entries(parse) -> None:  # type: ignore[no-untyped-def]
    cell, doc = parse("Nottingham City Council Nick Lee Nottingham City Council Nick Lee")
    assert len(cell.entries) == 2
    for entry in cell.entries:
        assert _names(entry.organisations) == ["Nottingham City Council"]
        assert _names(entry.officers) == ["Nick Lee"]
    # the two mentions of each name point at the two different places they are printed
    first, second = cell.entries
    assert first.organisations[0].span.start < first.officers[0].span.start
    assert first.officers[0].span.end <= second.organisations[0].span.start
    assert second.organisations[0].span.start < second.officers[0].span.start


@pytest.mark.parametrize("name", ["Helene Denness", "Nick Lee", "Marie Cann-Livingstone"])
def test_cell_naming_only_a_person(parse, name: str) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse(name)
    assert _names(cell.organisations) == []
    assert _names(cell.officers) == [name]
    assert len(cell.entries) == 1
    assert not cell.prose


def test_cell_naming_only_an_organisation(parse) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse("Nottingham City Council")
    assert _names(cell.organisations) == ["Nottingham City Council"]
    assert _names(cell.officers) == []
    assert len(cell.entries) == 1


def test_prose_cell(parse) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse(
        "This is a service commissioned by NHS England but data provided by "
        "Nottingham City Council Helene Denness"
    )
    assert cell.prose
    assert _names(cell.organisations) == ["NHS England", "Nottingham City Council"]
    # "This" starts the sentence: it is not an officer
    assert _names(cell.officers) == ["Helene Denness"]


@pytest.mark.parametrize(
    "text, organisation, officer",
    [
        ("Derby City Council Jane Smith", "Derby City Council", "Jane Smith"),
        ("Westshire Youth Offending Service Sam Patel", "Westshire Youth Offending Service", "Sam Patel"),
        # an organisation word ("Foundation") inside the name: the name runs on to "Trust"
        ("Westshire Healthcare NHS Foundation Trust Ann Lee", "Westshire Healthcare NHS Foundation Trust",
         "Ann Lee"),
        ("Eastshire Safeguarding Children Partnership Tom Hart", "Eastshire Safeguarding Children Partnership",
         "Tom Hart"),
    ],
)
def test_organisation_not_in_the_reference_data(parse, text: str, organisation: str, officer: str) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse(text)
    assert _names(cell.organisations) == [organisation]
    assert _names(cell.officers) == [officer]
    assert len(cell.entries) == 1
    assert not cell.prose


def test_unknown_organisation_with_slash_and_officers(parse) -> None:  # type: ignore[no-untyped-def]
    cell, _ = parse("Derby City Council/ CCG Jane Smith/Raj Patel")
    assert _names(cell.organisations) == ["Derby City Council", "CCG"]
    assert _names(cell.officers) == ["Jane Smith", "Raj Patel"]


def test_mention_spans_reproduce_the_printed_text(parse) -> None:  # type: ignore[no-untyped-def]
    cell, doc = parse("Nottingham City/ CCG Helene Denness/Alicia Rowley")
    spans = [(m.printed, m.span.start, m.span.end) for m in (*cell.organisations, *cell.officers)]
    for printed, start, end in spans:
        assert doc.text[start:end] == printed
    # every mention is a different stretch of the text, in the printed order
    starts = [start for _, start, _ in spans]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(m.span.line_start == m.span.line_end == 1 for m in (*cell.organisations, *cell.officers))


def test_empty_cell_gives_no_entries() -> None:
    doc = _doc("1a: Outcome\ti) Measure\tAn update.\t\n")
    fragment = doc.fragment(doc.lines[0].cells[3:])
    assert fragment is None
    cell = parse_lead_cell(fragment, doc)
    assert cell.raw is None
    assert cell.entries == ()
    assert cell.organisations == () and cell.officers == ()
    assert not cell.prose


def test_blank_cell_gives_no_entries() -> None:
    doc = _doc("x\ty\tz\t   \n")
    fragment = doc.fragment(doc.lines[0].cells[3:])
    assert fragment is None
    assert parse_lead_cell(fragment, doc).entries == ()
