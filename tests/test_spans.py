"""Every record points back to the exact text it was read from."""

from __future__ import annotations

import pytest

from fuzz_support import walk
from plangraph.ingest.document import Document, collapse
from plangraph.model.records import Extraction, Fragment, Mention, Note


def check_fragment(doc: Document, fragment: Fragment) -> None:
    pieces = [collapse(doc.text[p.start : p.end]) for p in fragment.parts]
    assert " ".join(pieces) == fragment.text
    for part in fragment.parts:
        assert part.file == doc.name
        assert 0 <= part.start < part.end <= len(doc.text)
        assert doc.index.line_of(part.start) == part.line_start
        assert doc.index.line_of(part.end - 1) == part.line_end
        assert "\n" not in doc.text[part.start : part.end]  # a part is one cell of one line
    span = fragment.span
    assert span.start == min(p.start for p in fragment.parts)
    assert span.end == max(p.end for p in fragment.parts)


def check_mention(doc: Document, mention: Mention) -> None:
    stretch = doc.text[mention.span.start : mention.span.end]
    words = mention.printed.split()
    assert stretch.startswith(words[0]) and stretch.endswith(words[-1])
    position = 0
    for word in words:
        position = stretch.index(word, position) + len(word)


@pytest.mark.parametrize("which", ["action", "review"])
def test_every_span_contains_its_text(which: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(f"{which}_doc")
    extraction: Extraction = request.getfixturevalue("action_plan" if which == "action" else "review_table")
    fragments = mentions = 0
    for value in walk(extraction):
        if isinstance(value, Fragment):
            check_fragment(doc, value)
            fragments += 1
        elif isinstance(value, Mention):
            check_mention(doc, value)
            mentions += 1
        elif isinstance(value, Note):
            assert 0 <= value.span.start < value.span.end <= len(doc.text)
    assert fragments > 50 and mentions > 10


def test_a_row_continued_across_a_page_break_has_one_part_per_line(action_plan: Extraction) -> None:
    # "1b: Children and young" ... "people adopt healthy lifestyles" (lines 18-19)
    outcome = next(o for o in action_plan.outcomes if o.code == "1b")
    assert outcome.title is not None
    assert [p.line_start for p in outcome.title.parts] == [18, 19]
    # "v) Number of children ceasing to be" / page break / "subject to, a CSE strategy meeting."
    measure = next(m for m in action_plan.measures if m.text.text.startswith("Number of children ceasing"))
    assert [p.line_start for p in measure.text.parts] == [81, 84]


def test_offsets_are_code_points_not_bytes(review_doc: Document, review_table: Extraction) -> None:
    # The review holds '£' (two bytes in UTF-8): offsets after it must still slice the text.
    assert "£" in review_doc.text
    last = review_table.activities[-1]
    assert last.evidence is not None
    part = last.evidence.parts[-1]
    assert review_doc.text[part.start : part.end].endswith(last.evidence.text.split()[-1])
    # bytes and code points differ before this part, so a byte offset would miss it
    assert len(review_doc.text[: part.start].encode("utf-8")) > part.start
