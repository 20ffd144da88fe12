"""What the tests of lead cells assert of every lead read: its name, printed text and kind,
and that it stands on its own words in the file, in the order printed."""

from __future__ import annotations

from plangraph.model.items import Item


def assert_leads_located(item: Item, text: str, cell: str, at: int, want: list[tuple[str, str]]) -> None:
    """``item``'s leads are ``want`` (printed, kind), each located on its words in ``text``,
    whose lead cell ``cell`` starts at ``at``."""
    assert [(x.name, x.printed, x.kind) for x in item.leads] == [(p, p, kind) for p, kind in want]
    found = 0
    for lead, (printed, _) in zip(item.leads, want):
        found = cell.index(printed, found)
        assert (lead.span.start, lead.span.end) == (at + found, at + found + len(printed))
        assert text[lead.span.start:lead.span.end] == printed
        found += len(printed)
