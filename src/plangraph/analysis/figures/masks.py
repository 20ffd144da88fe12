"""Numbers that are never figures: ages, numbers in names, ranges, ratios, compound
adjectives, rates per week, horizons and limits."""

from __future__ import annotations

import re

__all__ = ["masked"]

# Ages are never figures: "aged 16 plus", "aged under 15", "age 1 year to 2 years", "under
# the age of 19", "under 25's", "under 5 years", "16- 18 year olds", "3 and 4 year olds",
# "16+", "post 16", "0-19s".
_AGE = re.compile(
    r"""\b(?:aged?|ages)\s+(?:(?:under|over|between|from|of)\s+)?\d+(?:\s*(?:years?|yrs))?
        (?:\s*(?:-|–|to)\s*\d+(?:\s*(?:years?|yrs))?|\s+(?:and|or)\s+\d+\s*(?:years?|yrs))?
        (?:\s*(?:\+|plus\b|or\s+(?:older|over|above|younger|under)\b))?
    | \bage\s+of\s+\d+
    | \bunder[- ]\d+(?!\.\d|\d|\s*(?:%|per\b|percent|weeks?\b|days?\b|months?\b|hours?\b))(?:['’]?s\b|\s+years?\b)?
    | \d+(?:\s*(?:,|and|or|&|-|–|to)\s*\d+)*\s*[- ]?years?[- ]olds?\b
    | \d+\s?\+
    | \bpost[- ]?\d+
    | \d+\s*[-–]\s*\d+s\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Numbers in names: "Tier 2", "tiers 2 and 3", "Key Stage 1&2", "Year 10 and Year 11",
# "Progress 8", "Quarter 3" (no year), "Level 2", "Phase 2", "grade 5", "graded 9 to 1",
# "Head 2 Head", "Take 5"; a year number ("year 2016") is a date, not a name.
_NAME = re.compile(
    r"""\b(?:tiers?|levels?|phases?|stages?|ks|priority|priorities|grades?|graded|progress|appendix
         |section|table|page|chapter|step|part|item|band|category|outcome|measure|objective|head
         |take|route|version|wave|cohort|round|option|ward|no\.?|years?|quarters?|q)
        \s+\d{1,2}(?![\d.,]\d)(?:\s*(?:,|and|or|&|to|/)\s*\d{1,2}(?!\d))*""",
    re.IGNORECASE | re.VERBOSE,
)
_MASKS = (
    _AGE,
    _NAME,
    re.compile(r"\d+(?:\.\d+)?\s*[-–—]\s*\d+(?:\.\d+)?"),  # ranges: "6-8 weeks", "0 -19", "16- 18"
    re.compile(r"\d+\s?:\s?\d+"),                           # ratios: "1:1"
    re.compile(r"\d+(?:\.\d+)?-(?=[A-Za-z])"),              # compound adjectives: "6-week", "12-month"
    # "5 year contract", "30 hour entitlement", "1 year extension": a singular time word
    # followed by the noun it qualifies.
    re.compile(r"\d+\s+(?:hour|day|week|month|year)\s+(?=[a-z])"
               r"(?!(?:of|in|on|to|and|or|for|from|by|with|at|was|is|are|were|olds?|ago|later|after|before)\b)"),
    re.compile(r"\b(?:next|every|per)\s+\d[\d,]*", re.IGNORECASE),  # "next 5 years", "per 1000"
    re.compile(r"\bwithin\s+\d+\s+(?:days?|weeks?|months?|years?)\b", re.IGNORECASE),  # a time limit
)


def masked(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` where a number is not a figure."""
    return [m.span() for p in _MASKS for m in p.finditer(text)]
