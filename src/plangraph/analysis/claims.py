"""Split progress text (end-of-year updates, evidence of achievement) into atomic claims.

A claim is a sentence, a numbered item ("1.Operation Striver ...", "8.21% reduction ...":
8 is the item number, 21% the figure) or a bulleted item ("• Born to Move ..."). Each
claim is a located :class:`~plangraph.model.records.Fragment`, so its anchor quotes exactly the
words of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plangraph.ingest.document import Document
from plangraph.model.records import Fragment
from plangraph.text import BULLET, BULLETS, numbered_items, sentence_ends

__all__ = ["ClaimText", "split_claims"]


@dataclass(frozen=True)
class ClaimText:
    """One claim: its located words and, for a numbered item, the number as printed."""

    fragment: Fragment
    item: str | None


def split_claims(fragment: Fragment | None, doc: Document) -> list[ClaimText]:
    """The claims of a progress text, in order."""
    if fragment is None:
        return []
    text = fragment.text
    # cut points: (position where the previous claim ends, where the next one starts, item)
    cuts: list[tuple[int, int, str | None]] = []
    for end in sentence_ends(text):
        cuts.append((end, end, None))
    for start, body, number in numbered_items(text):
        cuts.append((start, body, number))
    for match in BULLET.finditer(text):
        cuts.append((match.start(), match.end(), None))
    cuts.sort()
    claims: list[ClaimText] = []
    position, item = 0, None
    for end, next_start, next_item in [*cuts, (len(text), len(text), None)]:
        if end < position:
            continue
        piece = text[position:end]
        lead = len(piece) - len(piece.lstrip(" " + BULLETS))
        trail = len(piece) - len(piece.rstrip())
        a, b = position + lead, end - trail
        if b > a and re.search(r"[A-Za-z0-9]", text[a:b]):
            claims.append(ClaimText(fragment.sub(a, b, doc.index), item))
        if next_start >= position:
            position, item = next_start, next_item
    return claims
