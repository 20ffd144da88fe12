"""Where an indicator's text states its baseline and its target ("... will have fallen from
22.3% in 2020/21 to 20%", "... decreased by 9 percentage points from 28.1% in 2021").

Each is a stretch of one sentence holding a number: it runs from where it starts to the
first place after its first number where what must follow it does ("to", "from", the end
of the sentence). The stretches are found from lists of those places, each made once, so
that a long text costs no more per word than a short one, whatever it holds.

>>> t = "Rates will have fallen from 7.9% in 2021/22 to below 5%."
>>> ((a, b), (c, d)) = baseline_target(t); t[a:b], t[c:d]
('7.9% in 2021/22', 'below 5%')
>>> t = "Reduce the % inactive from 20.9% in 2023 to the pre-pandemic level of 18.5% in 2019"
>>> ((a, b), (c, d)) = baseline_target(t); t[a:b], t[c:d]
('20.9% in 2023', '18.5%')
>>> t = "Smoking will have decreased by 9 percentage points from 28.1% in 2021."
>>> ((a, b), (c, d)) = baseline_target(t); t[a:b], t[c:d]
('28.1% in 2021', 'decreased by 9 percentage points')
>>> baseline_target("The suicide rate will be similar or better than the England average") is None
True
"""

from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["baseline_target"]

Span = tuple[int, int]

# What ends a sentence's stretch: a semicolon, or a full stop that is not a decimal point.
_STOP = re.compile(r";|\.(?!\d)")
_DIGIT = re.compile(r"\d")
# "... from 22.3% in 2020/21 to 20% in 2023": the baseline after "from", the target after "to"
# (or after "to the ... level of"), up to where the sentence goes on ("in 2019", "across
# Kent", "by 2030") or ends.
_FROM = re.compile(r"\bfrom\s+")
_TO = re.compile(r"(?=\s+to\s)")
_TO_GAP = re.compile(r"\s+to\s+")
_LEVEL_OF = re.compile(r"\blevel\s+of\s+")
_NOT_LEVEL_WORD = re.compile(r"[^\w\s-]")
_TARGET_END = re.compile(r"(?=\s+in\s+(?:\d{4}|[A-Z])|\s+across\b|\s+by\s+\d{4}|[.;]\s|[.;]?$)")
# "... decreased by 9 percentage points from 28.1% in 2021": the change is the target, the
# baseline runs to the end of the sentence
_CHANGED_BY = re.compile(r"\b(?:increased|decreased|reduced|fallen|risen|improved)\s+by\s+")
_FROM_GAP_AT = re.compile(r"(?=\s+from\s)")
_FROM_GAP = re.compile(r"\s+from\s+")
_BASELINE_END = re.compile(r"(?=[.;]\s|[.;]?$)")


class _Places:
    """Sorted places of one text, asked for the first at or after a place."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.at = [m.start() for m in pattern.finditer(text)]

    def first(self, lo: int, hi: int) -> int | None:
        """The first place in ``[lo, hi]``, or None."""
        k = bisect_left(self.at, lo)
        return self.at[k] if k < len(self.at) and self.at[k] <= hi else None


class _Text:
    """A text with its stops and digits found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stops = _Places(_STOP, text)
        self.digits = _Places(_DIGIT, text)

    def limit(self, pos: int) -> int:
        """Where the sentence's stretch from ``pos`` ends: the first stop at or after it."""
        found = self.stops.first(pos, len(self.text))
        return len(self.text) if found is None else found

    def number_end(self, start: int, ends: _Places, *, first_any: bool = False) -> Span | None:
        """The stretch from ``start`` to the first of ``ends`` after its first number (within
        the sentence); with ``first_any`` its first character may be any but a blank."""
        after = start + 1 if first_any else start
        if first_any and (start >= len(self.text) or self.text[start].isspace()):
            return None
        limit = self.limit(after)
        digit = self.digits.first(after, limit - 1)
        if digit is None:
            return None
        end = ends.first(digit + 1, limit)
        return None if end is None else (start, end)


def _from_to(t: _Text) -> tuple[Span, Span] | None:
    text = t.text
    gaps, level_of = _Places(_TO, text), _Places(_LEVEL_OF, text)
    not_level_word, ends = _Places(_NOT_LEVEL_WORD, text), _Places(_TARGET_END, text)
    for m in _FROM.finditer(text):
        baseline = t.number_end(m.end(), gaps, first_any=True)
        if baseline is None:
            continue
        after = _gap_end(_TO_GAP, text, baseline[1])
        # "to the pre-pandemic level of 18.5%": the target after the first "level of"
        if text.startswith("the", after) and text[after + 3:after + 4].isspace():
            words_end = not_level_word.first(after + 4, len(text))
            level = level_of.first(after + 4, len(text) if words_end is None else words_end)
            if level is not None:
                target = t.number_end(_gap_end(_LEVEL_OF, text, level), ends)
                if target is not None:
                    return baseline, target
        target = t.number_end(after, ends)
        if target is not None:
            return baseline, target
        # else no later "to" either: its target would start later in the same sentence
    return None


def _gap_end(pattern: re.Pattern[str], text: str, at: int) -> int:
    """Where ``pattern``, known to match at ``at``, ends."""
    found = pattern.match(text, at)
    assert found is not None
    return found.end()


def _change_from(t: _Text) -> tuple[Span, Span] | None:
    text = t.text
    gaps, ends = _Places(_FROM_GAP_AT, text), _Places(_BASELINE_END, text)
    for m in _CHANGED_BY.finditer(text):
        change = t.number_end(m.end(), gaps)
        if change is None:
            continue
        for gap_at in (change[1], _gap_before(text, t.limit(m.end()), change[1])):
            if gap_at is None:
                continue
            baseline = t.number_end(_gap_end(_FROM_GAP, text, gap_at), ends, first_any=True)
            if baseline is not None:
                return baseline, (m.start(), gap_at)
    return None


def _gap_before(text: str, stop: int, after: int) -> int | None:
    """Where " from " ends right at the stop ending the stretch (whose baseline then starts
    with that stop, "from ;5"), if it starts after ``after``: the one later "from" whose
    baseline is not in the stretch."""
    end = stop
    while end and text[end - 1].isspace():
        end -= 1
    if end == stop or not text.endswith("from", 0, end) or end < 5 or not text[end - 5].isspace():
        return None
    start = end - 5
    while start and text[start - 1].isspace():
        start -= 1
    start = max(start, after + 1)
    return start if start <= end - 5 else None


def baseline_target(text: str) -> tuple[Span, Span] | None:
    """Where an indicator's text states its baseline and its target: (start, end) of each, or
    ``None`` when it does not state both. A change and the value it starts from ("decreased
    by 9 percentage points from 28.1%") are looked for first, then a value and the one it
    goes to ("from 7.9% in 2021/22 to below 5%")."""
    t = _Text(text)
    return _change_from(t) or _from_to(t)
