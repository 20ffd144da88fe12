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

__all__ = ["ClaimText", "split_claims"]

# A full stop ends a sentence when whitespace and a capital, digit, quote, bracket, bullet
# or pound sign follow -- not after an abbreviation or an initial.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)\]]*(?=\s+[A-Z0-9•\"'‘“(£])")
_ABBREVIATIONS = frozenset("e.g i.e etc dept no nos vs mr mrs ms dr st approx incl cf fig".split())
# "1.Operation", "3. Rolling", "January 2017.4. Police", "8.21% reduction": a number and a
# full stop at the start, after whitespace or after a full stop or semicolon.
_ITEM = re.compile(r"(?:(?<=^)|(?<=[\s.;:]))(\d{1,2})\.(?=\s*[A-Za-z£'‘\"(]|\d)")
_BULLET = re.compile(r"(?:(?<=^)|(?<=\s))[•●▪]\s*")


@dataclass(frozen=True)
class ClaimText:
    """One claim: its located words and, for a numbered item, the number as printed."""

    fragment: Fragment
    item: str | None


def _items(text: str) -> list[tuple[int, int, str]]:
    """Numbered items that follow each other (1, 2, 3 ...): (start, body start, number).

    Only a number that continues the sequence counts, so "8." in "... 7. Developed ...
    8.21% reduction" is an item while "6.59 weeks" in running text is not.
    """
    found = []
    expected = 1
    for match in _ITEM.finditer(text):
        number = int(match.group(1))
        if number == expected or (number == 1 and expected > 1):
            body = match.end()
            while body < len(text) and text[body] == " ":
                body += 1
            found.append((match.start(), body, match.group(1)))
            expected = number + 1
    return found


def _sentence_ends(text: str) -> list[int]:
    ends = []
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rstrip(".!?")
        if re.search(r"(?:^|[.;:!?]\s*)\d{1,2}$", before):
            continue  # "... specific. 7. Developed ...": a list number, not a sentence's end
        word = re.search(r"([A-Za-z.]+)$", before)
        if word and (word.group(1).lower().strip(".") in _ABBREVIATIONS
                     or re.fullmatch(r"[A-Z]", word.group(1))):
            continue
        ends.append(match.end())
    return ends


def split_claims(fragment: Fragment | None, doc: Document) -> list[ClaimText]:
    """The claims of a progress text, in order."""
    if fragment is None:
        return []
    text = fragment.text
    # cut points: (position where the previous claim ends, where the next one starts, item)
    cuts: list[tuple[int, int, str | None]] = []
    for end in _sentence_ends(text):
        cuts.append((end, end, None))
    for start, body, number in _items(text):
        cuts.append((start, body, number))
    for match in _BULLET.finditer(text):
        cuts.append((match.start(), match.end(), None))
    cuts.sort()
    claims: list[ClaimText] = []
    position, item = 0, None
    for end, next_start, next_item in [*cuts, (len(text), len(text), None)]:
        if end < position:
            continue
        piece = text[position:end]
        lead = len(piece) - len(piece.lstrip(" •●▪"))
        trail = len(piece) - len(piece.rstrip())
        a, b = position + lead, end - trail
        if b > a and re.search(r"[A-Za-z0-9]", text[a:b]):
            claims.append(ClaimText(fragment.sub(a, b, doc.index), item))
        if next_start >= position:
            position, item = next_start, next_item
    return claims
