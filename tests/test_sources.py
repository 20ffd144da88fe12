"""Unit tests of ``split_sources``: an evidence-source cell split into its sources.

The cells are invented in the style of the Nottinghamshire review table (italic titles
as ``<i>…</i>``, "Report to … Month Year - <i>Title</i>", "conversation with the …",
"web pages", URLs broken by the PDF's line wrap); the expected split is read off each
cell by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from plangraph.ingest.document import Document, parse_document
from plangraph.ingest.sources import split_sources
from plangraph.model.records import Fragment, SourceCitation

# The source cell is the third of four cells of a review-table row.
ROW_PREFIX = "7\tTo improve school attendance in Westshire\t"
ROW_SUFFIX = "\tAttendance rose in 2019.\n"


def _doc(text: str) -> Document:
    return parse_document(text.encode("utf-8"), "t.txt")


def _cell(text: str) -> tuple[Fragment, Document]:
    doc = _doc(ROW_PREFIX + text + ROW_SUFFIX)
    fragment = doc.fragment([doc.lines[0].cells[2]])
    assert fragment is not None and fragment.text == text
    return fragment, doc


def _split(text: str) -> tuple[tuple[SourceCitation, ...], Document]:
    fragment, doc = _cell(text)
    return split_sources(fragment, doc), doc


def _printed_from_document(source: SourceCitation, doc: Document) -> str:
    return " ".join(doc.text[p.start:p.end] for p in source.printed.parts)


@dataclass(frozen=True)
class Expect:
    printed: str
    kind: str
    title: str | None = None
    urls: tuple[str, ...] = ()
    role: str | None = None
    date: str | None = None
    text: str | None = None  # None: the printed text without <i> tags


def _check(sources: tuple[SourceCitation, ...], doc: Document, expected: list[Expect]) -> None:
    got = [s.printed.text for s in sources]
    assert got == [e.printed for e in expected], f"split into {got}"
    for source, exp in zip(sources, expected):
        assert source.kind == exp.kind, (source.printed.text, source.kind)
        assert source.title == exp.title, (source.printed.text, source.title)
        assert source.urls == exp.urls, (source.printed.text, source.urls)
        assert source.role == exp.role, (source.printed.text, source.role)
        assert source.date == exp.date, (source.printed.text, source.date)
        plain = exp.text if exp.text is not None else exp.printed.replace("<i>", "").replace("</i>", "")
        assert source.text == plain
        assert _printed_from_document(source, doc) == source.printed.text
        span = source.printed.span
        assert span.line_start >= 1 and span.start < span.end


def test_report_with_italic_title_and_a_conversation() -> None:
    sources, doc = _split(
        "Report to Westshire Schools Forum May 2019 - <i>Attendance, Exclusions and Inclusion Review</i> "
        "; and conversation with the Head of Service, Youth and Families"
    )
    _check(sources, doc, [
        Expect(
            "Report to Westshire Schools Forum May 2019 - <i>Attendance, Exclusions and Inclusion Review</i>",
            kind="document", title="Attendance, Exclusions and Inclusion Review", date="May 2019",
        ),
        Expect(
            "conversation with the Head of Service, Youth and Families",
            kind="personal-communication", role="Head of Service, Youth and Families",
        ),
    ])


def test_web_pages_title_and_information_from() -> None:
    sources, doc = _split(
        "Westshire Partnership web pages, <i>Annual Report 2019/20</i> and information from the "
        "Performance Manager"
    )
    _check(sources, doc, [
        Expect("Westshire Partnership web pages", kind="web-page"),
        Expect("<i>Annual Report 2019/20</i>", kind="document", title="Annual Report 2019/20"),
        Expect("information from the Performance Manager", kind="personal-communication",
               role="Performance Manager"),
    ])


def test_url_broken_by_a_space_is_joined() -> None:
    sources, doc = _split("<i>Plan 2019</i> available at http://example.org/plans/early-he lp")
    _check(sources, doc, [
        Expect("<i>Plan 2019</i> available at http://example.org/plans/early-he lp",
               kind="document", title="Plan 2019", urls=("http://example.org/plans/early-help",)),
    ])


def test_complete_url_is_not_extended_by_the_next_source() -> None:
    sources, doc = _split(
        "<i>Westshire Youth Justice Plan 2018-20</i> http://example.org/media/youth-justice-plan.pdf "
        "and conversation with the Group Manager, Youth Justice"
    )
    _check(sources, doc, [
        Expect("<i>Westshire Youth Justice Plan 2018-20</i> http://example.org/media/youth-justice-plan.pdf",
               kind="document", title="Westshire Youth Justice Plan 2018-20",
               urls=("http://example.org/media/youth-justice-plan.pdf",)),
        Expect("conversation with the Group Manager, Youth Justice", kind="personal-communication",
               role="Group Manager, Youth Justice"),
    ])


def test_quoted_title_is_never_split() -> None:
    # " and " and ", report of" inside the quotes would each start a new source outside them.
    title = ("Survey of Young Carers and Young Adult Carers, report of Westshire University "
             "published in March 2018")
    sources, doc = _split(f"'{title}'")
    _check(sources, doc, [
        Expect(f"'{title}'", kind="document", title=title, date="March 2018"),
    ])


def test_and_inside_a_body_name_does_not_split() -> None:
    sources, doc = _split(
        "Health and Wellbeing Board Report June 2019 - <i>Westshire Joint Strategic Needs Assessment</i>"
    )
    _check(sources, doc, [
        Expect(
            "Health and Wellbeing Board Report June 2019 - <i>Westshire Joint Strategic Needs Assessment</i>",
            kind="document", title="Westshire Joint Strategic Needs Assessment", date="June 2019",
        ),
    ])


def test_semicolons_split_and_minutes_and_email_heads() -> None:
    sources, doc = _split(
        "Minutes of the Westshire Children's Trust Board, 12 March 2019; "
        "<i>Review of Early Help, Westshire</i>; email from the Early Help Co-ordinator"
    )
    _check(sources, doc, [
        Expect("Minutes of the Westshire Children's Trust Board, 12 March 2019", kind="document",
               date="12 March 2019"),
        Expect("<i>Review of Early Help, Westshire</i>", kind="document",
               title="Review of Early Help, Westshire"),
        Expect("email from the Early Help Co-ordinator", kind="personal-communication",
               role="Early Help Co-ordinator"),
    ])


def test_cell_continued_on_the_next_line() -> None:
    # A page break inside the row: the source cell goes on in the next line, whose first
    # cell is empty. The title runs over both parts.
    text = (
        "7\tTo improve school attendance\tReport to Westshire Schools Forum May 2019 - "
        "<i>Attendance, Exclusions\tAttendance rose.\n"
        "\t\tand Inclusion Review</i> and conversation with the Head of Service\t\n"
    )
    doc = _doc(text)
    fragment = doc.fragment([doc.lines[0].cells[2], doc.lines[1].cells[2]])
    assert fragment is not None
    sources = split_sources(fragment, doc)
    _check(sources, doc, [
        Expect(
            "Report to Westshire Schools Forum May 2019 - <i>Attendance, Exclusions and Inclusion Review</i>",
            kind="document", title="Attendance, Exclusions and Inclusion Review", date="May 2019",
        ),
        Expect("conversation with the Head of Service", kind="personal-communication",
               role="Head of Service"),
    ])
    first, second = sources
    assert len(first.printed.parts) == 2
    assert (first.printed.span.line_start, first.printed.span.line_end) == (1, 2)
    assert (second.printed.span.line_start, second.printed.span.line_end) == (2, 2)


def test_offsets_point_into_the_document() -> None:
    cell = "Westshire Partnership web pages, <i>Annual Report 2019/20</i> and information from the Performance Manager"
    sources, doc = _split(cell)
    cell_start = len(ROW_PREFIX)
    assert doc.text[cell_start:cell_start + len(cell)] == cell
    for source in sources:
        (part,) = source.printed.parts
        assert cell_start <= part.start < part.end <= cell_start + len(cell)
        assert doc.text[part.start:part.end] == source.printed.text
    # in the printed order, without overlap
    ends = [(s.printed.span.start, s.printed.span.end) for s in sources]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


def test_empty_cell_has_no_sources() -> None:
    doc = _doc("7\tAn activity\t\tSome evidence.\n")
    fragment = doc.fragment([doc.lines[0].cells[2]])
    assert fragment is None
    assert split_sources(fragment, doc) == ()


@pytest.mark.parametrize(
    "cell, kind, role",
    [
        ("Conversation with the Group Manager, Early Help", "personal-communication", "Group Manager, Early Help"),
        ("Information provided by the Service Director, Education", "personal-communication",
         "Service Director, Education"),
        ("Performance report to Children and Families Committee September 2019", "document", None),
        ("Westshire County Council web page", "web-page", None),
    ],
)
def test_single_source_kinds(cell: str, kind: str, role: str | None) -> None:
    sources, _ = _split(cell)
    assert len(sources) == 1
    assert sources[0].printed.text == cell
    assert sources[0].kind == kind
    assert sources[0].role == role


def test_a_comma_after_a_url_separates_two_sources() -> None:
    # found by the synthetic-plan generator (issue 7): the URL zone used to swallow the comma
    text = "x\t<i>Plan 2019</i> http://example.org/plan.pdf, conversation with the Group Manager, Early Help\n"
    doc = parse_document(text.encode(), "t.txt")
    fragment = doc.fragment(doc.lines[0].cells[1:])
    sources = split_sources(fragment, doc)
    assert [s.printed.text for s in sources] == [
        "<i>Plan 2019</i> http://example.org/plan.pdf",
        "conversation with the Group Manager, Early Help",
    ]
    assert sources[0].urls == ("http://example.org/plan.pdf",)
    assert sources[1].kind == "personal-communication"


@pytest.mark.parametrize(("cell", "urls"), [
    # angle brackets delimit a URL in text (RFC 3986, appendix C)
    ("Annual report (see <http://example.org/report.pdf>)", ["http://example.org/report.pdf"]),
    # a bar may not stand in an IRI: written percent-encoded, as a browser sends it
    ("Annual report http://example.org/a|b", ["http://example.org/a%7Cb"]),
    # the bracket and stop of the sentence around the URL are not the URL's
    ("Annual report (see http://example.org/report.pdf).", ["http://example.org/report.pdf"]),
    # a bracket the URL opened is the URL's own
    ("Annual report http://example.org/wiki/Plan_(2019)", ["http://example.org/wiki/Plan_(2019)"]),
])
def test_a_url_ends_where_the_text_around_it_says(cell: str, urls: list[str]) -> None:
    sources, _ = _split(cell)
    assert [url for source in sources for url in source.urls] == urls
