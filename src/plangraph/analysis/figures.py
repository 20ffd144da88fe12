"""The figures in a claim's text: value, unit, area, period and comparator of each.

``find_figures`` reads the quantities a sentence of a plan reports ("18.7% of women in
Nottingham City", "£70m", "6.59 weeks", "608 young people registered") and, for each, the
area and period the sentence ties it to and the figure it is compared with ("compared to
74.3% in England", "from 16.3 days in 2014/15 to 11.2 days in 2016/17"). It is pure text:
offsets are code points of the string given, and nothing is guessed from outside it: an
area or a period is returned only when the text prints it. Area names come from
``data/areas.csv`` (name as printed, canonical name, ONS GSS code).

Not figures: years and dates; ages ("aged 16 plus", "under 25's", "16- 18 year olds");
numbers in names ("Tier 2", "Key Stage 4", "Year 6", "Progress 8", "Quarter 3", "s136");
ranges ("6-8 weeks", "0-19"); compound adjectives ("6-week programme", "5 year contract");
ratios ("1:1"); ordinals; limits ("up to 12 weeks"); horizons ("over the next 5 years");
rates per week ("3 days per week"); list-item numbers ("7. Developed", and the "8." of
"8.21% reduction" when the text is a numbered list or the figure is a two-decimal
percentage); and bare numbers, unless the sentence says what they count ("the number of
admissions ... was 54") or compares them ("the England average of 20.8", "target was 1136").

Units (``UNITS``): percent, percentage-points, count (``unit_printed`` is the noun phrase:
"young people", "taxi drivers"), per-1000 / per-10000 / per-100000, gbp (value in pounds:
"£5.2m" is 5200000), days, weeks, months, years, and number (a quantity printed with no unit,
"received 2K"). A bare number compared with a figure takes that figure's unit.

Examples
--------
>>> from plangraph.analysis.figures import find_figures
>>> [fig] = find_figures("In 2017, 12.5% of pupils in Nottinghamshire met the standard, "
...                      "compared to 10.1% in England.")
>>> fig.printed, fig.value, fig.unit, fig.area, fig.period
('12.5%', Decimal('12.5'), 'percent', 'Nottinghamshire', '2017')
>>> fig.comparator.value, fig.comparator.area, fig.comparator.role
(Decimal('10.1'), 'England', 'comparator')
>>> [(f.value, f.unit, f.unit_printed) for f in find_figures("We trained 4,000 taxi drivers.")]
[(Decimal('4000'), 'count', 'taxi drivers')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from plangraph.resources import data_rows

__all__ = ["UNITS", "Area", "Figure", "areas", "area_gss", "find_figures"]

UNITS: dict[str, str] = {
    "percent": "a percentage: '18.7%', '71.1 %', '5 per cent'",
    "percentage-points": "a difference of percentages: '23.0 percentage points'",
    "count": "a number of things: '608 young people', '132 clubs'",
    "per-1000": "a rate per 1,000: '31.2 pregnancies per 1000 girls'",
    "per-10000": "a rate per 10,000",
    "per-100000": "a rate per 100,000",
    "gbp": "money in pounds sterling: '£1.5m' is 1500000",
    "days": "a duration: '16.3 days'",
    "weeks": "a duration: '6.59 weeks'",
    "months": "a duration",
    "years": "a duration",
    "number": "a quantity printed without a unit: 'received 2K'",
}


@dataclass(frozen=True)
class Figure:
    """One figure of a text; a comparator is a Figure nested in the figure it is compared with."""

    start: int
    end: int
    printed: str
    value: Decimal
    unit: str
    unit_printed: str
    area: str | None
    period: str | None
    comparator: Figure | None
    role: str


@dataclass(frozen=True)
class Area:
    printed: str
    canonical: str
    gss: str
    form: str
    source: str


@lru_cache(maxsize=1)
def areas() -> tuple[Area, ...]:
    """Every line of ``data/areas.csv``, in file order."""
    rows = data_rows("areas.csv")
    return tuple(Area(r["printed"], r["canonical"], r["gss"], r["form"], r["source"]) for r in rows)


def area_gss(name: str) -> str | None:
    """The ONS GSS code of canonical area ``name`` (``area_gss("England") == "E92000001"``)."""
    return next((a.gss for a in areas() if a.canonical == name), None)


# ---------------------------------------------------------------------------------------
# Words and patterns

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number: "£" (then "5.2m", "70m", "1.5 million"), or digits with thousands commas and a
# decimal part; "2K" carries its multiplier. What may stand before it is checked in code.
_NUMBER = re.compile(
    rf"(?P<pound>£\s?)?(?P<num>{_NUM})(?![\d])"
    r"(?:(?P<mult>bn|m|k|K)(?![A-Za-z])|\s(?P<word>million|billion|thousand)\b)?"
)
_MULTIPLIERS = {"k": 1000, "K": 1000, "thousand": 1000, "m": 10**6, "million": 10**6,
                "bn": 10**9, "billion": 10**9}
_YEAR = r"(?:19|20)\d{2}(?:\s?[/-]\s?(?:(?:19|20)\d{2}|\d{2})(?!\d))?(?!\d)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
# A time expression, most specific first; the matched text is the period as printed.
_TIME = re.compile(
    rf"""(?:first|second|third|last|past|previous)\s+\d\s+quarters?\s+of\s+{_YEAR}  # First 2 Quarters of 2017/18
    | (?:the\s+)?(?:first|last|past|previous)\s+\d{{1,2}}\s+(?:weeks|months|years)  # first 12 months
    | (?:quarter|q)\s?[1-4]\s+(?:of\s+)?{_YEAR}                 # Quarter 3 2017/18
    | {_YEAR}\s+(?:quarter|q)\s?[1-4](?!\d)                      # 2017/18 Quarter 3
    | (?:{_ORDINAL}\s+)?{_MONTH}(?:\s+{_ORDINAL})?,?\s+{_YEAR}   # 28th June 2017, October 20th 2017
    | (?:early|mid|late)[- ]{_YEAR}                             # early 2018
    | (?:spring|summer|autumn|winter)\s+(?:of\s+)?{_YEAR}       # spring 2018
    | (?:academic|financial|calendar)\s+year\s+{_YEAR}          # academic year 2016/17
    | same\s+period\s+(?:in|of|last)\s+{_YEAR}                  # same period in 2016
    | {_YEAR}""",
    re.IGNORECASE | re.VERBOSE,
)
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
# List items: "N." at the start of the text or after a full stop, colon or semicolon (and
# spaces), as in "1.Operation Striver", "identified: 1. strong", "2017.4. Police",
# "8.21% reduction"; "was 54. A crisis team" is a number ending a sentence.
_ITEM = re.compile(r"(?:^|(?<=[.;:!?])|(?<=[.;:!?]\s)|(?<=[.;:!?]\s\s))(?<!\d\.)(\d{1,2})\.(?=\s*[A-Za-z£'‘\"(]|\d)")
_DURATION = re.compile(r"\s(days?|weeks?|months?|years?)\b(?![- ]olds?\b)(?!\s+per\b)")
_PERCENT = re.compile(r"\s?%|\s(?:per\s?cent|percent)\b")
_POINTS = re.compile(r"\s(percentage[- ]points?)\b")
_RATE = re.compile(r"((?:\s[a-z]+){0,2}?)\s(per\s(1,000|1000|thousand|10,000|10000|100,000|100000))\s")
_RATE_UNITS = {"1,000": "per-1000", "1000": "per-1000", "thousand": "per-1000",
               "10,000": "per-10000", "10000": "per-10000", "100,000": "per-100000",
               "100000": "per-100000"}

_STOP = frozenset("""a an the of in on at to for from with by into within across through throughout per as
    than over under about after before between during since until via who which that whose where when
    while whilst whom is are was were be been being has have had will would can could may might must
    shall should do does did this these those their its our we they it he she his her them us or but
    not nor so if also both each all aged age there here up out off such other""".split())
_NOT_PLURAL = frozenset("""was has is this its does goes as us always perhaps across less unless whereas
    thus plus towards besides yes gas bus lens sometimes afterwards nevertheless hers ours yours
    theirs series""".split())
_IRREGULAR_PLURALS = frozenset("people children women men staff police personnel".split())
# Heads that make a duration or a statistic, not a count: "15 hours", "2 Quarters", "2015 figures".
_NOT_COUNTED = frozenset("""day days week weeks month months year years hour hours minute minutes
    quarter quarters times figures results statistics data points""".split())
_TEMPORAL = frozenset("""in since by from to of during until till between and before after for early
    late mid the this that through throughout spring summer autumn winter year academic financial
    calendar end beginning""".split())
_CHANGE = r"(?:increase|decrease|reduction|rise|fall|drop|narrowing|widening|improvement)"
_CHANGED = r"(?:increased|decreased|reduced|fell|rose|dropped|grew|grown|narrowed|widened|improved|declined)"
_STAT = r"(?:average|rate|figure|level|mean|benchmark)"


@dataclass
class _Tok:
    """A figure while it is being read."""

    start: int
    end: int
    value: Decimal
    unit: str | None
    unit_printed: str
    change: bool = False
    keep: bool = False            # a bare number the sentence gives a role
    comparator_of: _Tok | None = None
    kind: str = ""                # of a comparator: benchmark | previous | target
    comparators: list[_Tok] = field(default_factory=list)
    area: str | None = None
    period: str | None = None
    period_fixed: bool = False


# ---------------------------------------------------------------------------------------
# Reading the text


def find_figures(text: str) -> list[Figure]:
    """The main figures of ``text`` in order, each with its comparator nested."""
    times = _times(text)
    blocked = [(t[0], t[1]) for t in times] + [m.span() for p in _MASKS for m in p.finditer(text)]
    item_at, skip_at = _items(text)
    tokens: list[_Tok] = []
    for start in _number_starts(text, item_at, skip_at):
        if tokens and start < tokens[-1].end:
            continue
        match = _NUMBER.match(text, start)
        if match is None or _overlaps(match.start("num"), match.end("num"), blocked):
            continue
        tok = _read(text, match)
        if tok is not None:
            tokens.append(tok)
    figures: list[Figure] = []
    for s_start, s_end in _sentences(text, skip_at):
        sentence = [t for t in tokens if s_start <= t.start < s_end]
        if sentence:
            figures.extend(_sentence_figures(text, s_start, s_end, sentence, times))
    return sorted(figures, key=lambda f: f.start)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _times(text: str) -> list[tuple[int, int, str]]:
    """Time expressions; a lone year followed by what it counts ("making 2000 meals") is not one."""
    found = []
    for match in _TIME.finditer(text):
        printed = match.group()
        if re.fullmatch(r"\d{4}", printed):
            before = re.search(r"([A-Za-z]+)\W*$", text[: match.start()])
            word = before.group(1) if before else ""
            if word and word.lower() not in _TEMPORAL and word not in _MONTH_WORDS and word[0].islower() \
                    and _noun_phrase(text, match.end()) is not None:
                continue
        found.append((match.start(), match.end(), printed))
    return found


_MONTH_WORDS = frozenset(re.findall(r"[A-Za-z]+", _MONTH))


def _items(text: str) -> tuple[set[int], set[int]]:
    """Where a list-item number stands: (figure starts after "N." items, "N." starts to skip).

    "N." followed by a word is an item; "N.M" (as "8.21%") is item N and figure M when the
    text is a numbered list (another item N-1 or N+1 stands at a sentence start) or when,
    at the very start of the text, M makes a two-decimal percentage; otherwise it is a decimal.
    """
    clear = {int(m.group(1)): m.start() for m in _ITEM.finditer(text) if not text[m.end():m.end() + 1].isdigit()}
    item_at: set[int] = set()
    skip_at = set(clear.values())
    for match in _ITEM.finditer(text):
        if not text[match.end():match.end() + 1].isdigit():
            continue
        number = int(match.group(1))
        listed = (number - 1 in clear and clear[number - 1] < match.start()) or number + 1 in clear
        at_start = not text[: match.start()].strip() and re.match(r"\d{2}\s?%", text[match.end():]) is not None
        if listed or at_start:
            skip_at.add(match.start())
            item_at.add(match.end())
    return item_at, skip_at


def _number_starts(text: str, item_at: set[int], skip_at: set[int]) -> list[int]:
    starts = set(item_at)
    for match in _NUMBER.finditer(text):
        start = match.start()
        before = text[start - 1] if start else " "
        if start in skip_at or ((before.isalnum() or before in "._/-'’") and not match.group("pound")):
            continue
        starts.add(start)
    return sorted(starts)


def _read(text: str, match: re.Match[str]) -> _Tok | None:
    """Unit and extent of the number at ``match`` (a bare number has no unit), or None when
    it is not a figure."""
    value = _tidy(Decimal(match.group("num").replace(",", "")))
    num_end = match.end("num")
    mult = match.group("mult") or match.group("word")
    if match.group("pound"):
        if mult:
            value, num_end = value * _MULTIPLIERS[mult], match.end()
        return _Tok(match.start(), num_end, _tidy(value), "gbp", "£")
    if mult in ("k", "K") and match.group("mult"):
        return _Tok(match.start(), match.end(), _tidy(value * 1000), "number", "")
    if mult:
        return None
    start, tail = match.start("num"), text[num_end:]
    found = _POINTS.match(tail)
    if found:
        return _Tok(start, num_end + found.end(), value, "percentage-points", found.group(1))
    found = _PERCENT.match(tail)
    if found:
        return _Tok(start, num_end + found.end(), value, "percent", found.group().strip())
    found = _RATE.match(tail)
    if found and not _STOP.intersection(found.group(1).split()):
        np = _noun_phrase(text, num_end + found.end() - 1) or _noun_phrase(text, num_end + found.end() - 1, False)
        if np is not None:
            end = np[0]
            return _Tok(start, end, value, _RATE_UNITS[found.group(3)], text[num_end:end].strip())
    found = _DURATION.match(tail)
    if found:
        unit = found.group(1)
        if unit.endswith("s") or value == 1:
            return _Tok(start, num_end + found.end(), value, unit if unit.endswith("s") else unit + "s", unit)
    np = _noun_phrase(text, num_end)
    if np is not None:
        return _Tok(start, np[0], value, "count", np[1])
    return _Tok(start, num_end, value, None, "")


def _tidy(value: Decimal) -> Decimal:
    """The canonical decimal: "23.0" is 23 and "5.2" x 10**6 is 5200000 (RDF stores keep it so)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


_WORD = re.compile(r" {1,2}([A-Za-z][A-Za-z'’-]*)")
_QUOTED = re.compile(r" {1,2}(['‘\"“])([^'’\"”\n]{1,60}?)['’\"”](?=[\s,.;:)]|$)")


def _plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    return (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous", "'s", "’s"))
            and low not in _NOT_PLURAL)


def _noun_phrase(text: str, pos: int, heads_only: bool = True) -> tuple[int, str] | None:
    """The noun phrase a count stands before: (end, words as printed), or None.

    Up to four modifiers ("taxi", "less active", "healthy and delicious", a quoted name)
    and a plural head ("drivers", "young people"), extended by a following plural
    ("nurseries schools"). With ``heads_only`` false (the "per 1000 girls" of a rate) any
    lower-case word may end the phrase.
    """
    words: list[tuple[int, int, str]] = []
    quoted: tuple[int, int, str] | None = None
    head: int | None = None
    while len(words) < 6:
        q = _QUOTED.match(text, pos)
        if q is not None and head is None:
            quoted, pos, words = (q.start(1), q.end(), q.group(2)), q.end(), []
            continue
        w = _WORD.match(text, pos)
        if w is None:
            break
        word = w.group(1)
        low = word.lower()
        if low in _STOP or (not words and quoted is None and word[0].isupper()):
            break
        if low == "and":
            nxt = _WORD.match(text, w.end())
            if head is not None or not words or nxt is None or nxt.group(1).lower() in _STOP:
                break
            words.append((w.start(1), w.end(), word))
            pos = w.end()
            continue
        if head is not None and not _plural(word):
            break
        words.append((w.start(1), w.end(), word))
        pos = w.end()
        if _plural(word) or (not heads_only and word.islower()):
            head = len(words)
            if not heads_only:
                break
        elif len(words) > 4:
            break
    if head is not None:
        phrase = words[:head]
        if phrase[-1][2].lower() in _NOT_COUNTED:
            return None
        return phrase[-1][1], text[phrase[0][0]:phrase[-1][1]]
    if quoted is not None and not words and _plural(quoted[2].split()[-1]):
        return quoted[1], quoted[2]
    return None


def _sentences(text: str, item_starts: set[int]) -> list[tuple[int, int]]:
    """Sentence spans: a full stop before whitespace and a capital or digit, a line break, a
    tab (a table cell ends), a bullet, or a list item ends a sentence."""
    cuts = {0, len(text)} | item_starts
    for match in re.finditer(r"[.!?](?=\s+[A-Z0-9£\"'‘“(•])|[\n\t•]", text):
        word = re.search(r"([A-Za-z.]+)$", text[: match.start()])
        if match.group() == "." and word and word.group(1).lower().strip(".") in _ABBREVIATIONS:
            continue
        cuts.add(match.end())
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b > a]


_ABBREVIATIONS = frozenset("e.g i.e etc vs dept no nos approx incl st dr mr mrs ms cf".split())


# ---------------------------------------------------------------------------------------
# Reading a sentence: roles, areas and periods


@lru_cache(maxsize=1)
def _area_patterns() -> tuple[dict[str, str], str, str, str]:
    """(printed -> canonical, place names, place and adjective names, adverbs) as alternations."""
    canonical = {a.printed: a.canonical for a in areas()}

    def alternation(forms: tuple[str, ...]) -> str:
        names = sorted((a.printed for a in areas() if a.form in forms), key=len, reverse=True)
        return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) or "(?!)"

    return canonical, alternation(("place",)), alternation(("place", "adjective")), alternation(("adverb",))


def _canonical(printed: str) -> str | None:
    names = _area_patterns()[0]
    printed = " ".join(printed.split())
    return names.get(printed) or names.get(printed.lower())


def _untime(gap: str) -> str:
    return _TIME.sub("TIME", gap)


def _sentence_figures(text: str, s_start: int, s_end: int, toks: list[_Tok],
                      times: list[tuple[int, int, str]]) -> list[Figure]:
    clauses = _clauses(text, s_start, s_end)
    _link(text, s_start, s_end, toks)
    toks = _settle_units(text, toks, times, clauses)
    claimed: set[int] = set()
    for i, tok in enumerate(toks):
        _direct_area(text, toks, i, clauses, claimed)
    _pair_benchmarks(text, toks)
    for tok in toks:
        _choose_comparator(tok)
    for tok in toks:
        if tok.area is None and tok.comparator_of is None:
            tok.area = _clause_area(text, tok, clauses, claimed)
    used: set[int] = set()
    for i, tok in enumerate(toks):
        _direct_period(text, toks, i, clauses, times, used)
    for tok in toks:
        if tok.period is None and tok.comparator_of is None:
            tok.period = _lead_period(text, tok, clauses, times, used)
    return [_figure(text, t) for t in toks if t.comparator_of is None]


def _clauses(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    cuts = [s_start] + [s_start + m.end() for m in re.finditer(";", text[s_start:s_end])] + [s_end]
    return list(zip(cuts, cuts[1:]))


def _clause_of(pos: int, clauses: list[tuple[int, int]]) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= pos < c[1]), clauses[-1])


# Cues that make a figure a comparator: a benchmark ("compared to 74.3%", "than the England
# average of 11.2%", "in line with national average of 62%") ...
def _bench_cue() -> re.Pattern[str]:
    _, _, adjectives, _ = _area_patterns()
    return re.compile(
        rf"""(?:\bcompared\s+(?:to|with)|\bin\s+comparison\s+(?:to|with)
        |\b(?:than|in\s+line\s+with|above|below)\s+(?:the\s+)?(?:(?:{adjectives}|regional)\s+)?
           (?i:{_STAT})(?:\s+(?:of|was|is|at))?
        |\b(?:{adjectives}|regional)\s+(?i:{_STAT})\s+(?:of|was|is|at|stood\s+at))\s*$""",
        re.VERBOSE,
    )


# ... or a previous value ("down from the 2014 rate of 32.8", "an increase from the 22.6").
_FROM_CUE = re.compile(
    rf"\b(?:down|up|{_CHANGE}s?|{_CHANGED})\s+from\s+(?:the\s+)?(?:TIME\s+)?"
    r"(?:(?:rate|figure|level|average|total|number)\s+(?:of\s+)?)?$", re.IGNORECASE)
_FROM_TO = re.compile(r"^\s*(?:(?:in|during|by)\s+TIME\s*)?(?:up\s+|down\s+)?to\s+$", re.IGNORECASE)
_UP_TO = re.compile(r"^\s*(?:(?:in|during|by)\s+TIME\s*)?(?:up|down|rising|falling|increasing|decreasing"
                    r"|rose|fell|increased|decreased|reduced|dropped)\s+to\s+$", re.IGNORECASE)
_TARGET = re.compile(r"\btarget\s+(?:was|is|of|:)\s*$", re.IGNORECASE)
_ACHIEVED = re.compile(r"^[^.;]*\b(?:and|but|while|whereas)\b[^.;]*$", re.IGNORECASE)
_IS_CHANGE_AFTER = re.compile(rf"^\s+(?:{_CHANGE}|more|less|fewer|higher|lower)\b", re.IGNORECASE)
_IS_CHANGE_BEFORE = re.compile(
    rf"(?:\b{_CHANGE}\s+of|\b{_CHANGED}\s+by(?:\s+(?:over|around|about|almost|nearly|more\s+than))?)\s+$",
    re.IGNORECASE)


def _compatible(a: _Tok, b: _Tok) -> bool:
    return a.unit is None or b.unit is None or a.unit == b.unit


def _link(text: str, s_start: int, s_end: int, toks: list[_Tok]) -> None:
    """Give each figure its role: comparator (benchmark, previous, target) or main, and mark changes."""
    bench = _bench_cue()
    drop: list[_Tok] = []
    for i, tok in enumerate(toks):
        before = text[toks[i - 1].end if i else s_start:tok.start]
        after_end = toks[i + 1].start if i + 1 < len(toks) else s_end
        after = text[tok.end:after_end]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        tok.change = bool(_IS_CHANGE_AFTER.match(text[tok.end:s_end]) or _IS_CHANGE_BEFORE.search(before))
        if re.search(r"\bup\s+to\s+$", before, re.IGNORECASE) and not tok.keep:
            drop.append(tok)  # a limit ("up to 12 weeks support"), not a measurement
            continue
        if nxt is not None and _compatible(tok, nxt):
            if (re.search(r"\bfrom\s+(?:the\s+)?$", before, re.IGNORECASE) and _FROM_TO.match(_untime(after))) \
                    or _UP_TO.match(_untime(after)) or (_TARGET.search(before) and _ACHIEVED.match(after)):
                tok.comparator_of, tok.kind = nxt, "target" if _TARGET.search(before) else "previous"
                tok.keep = nxt.keep = True
                continue
        kind = "benchmark" if bench.search(before) else None
        if kind is None and (_FROM_CUE.search(_untime(before))
                             or (re.search(r",\s*from\s+$", before) and i and re.search(
                                 r"\bto\s+$", text[toks[i - 2].end if i > 1 else s_start:toks[i - 1].start]))):
            kind = "previous"
        if kind is not None:
            target = next((t for t in reversed(toks[:i]) if t.comparator_of is None and not t.change
                           and (t.unit is not None or t.keep) and _compatible(t, tok)), None)
            if target is not None:
                tok.comparator_of, tok.kind, tok.keep = target, kind, True
    for tok in drop:
        toks.remove(tok)


_NUMBER_OF = re.compile(r"\bnumber\s+of\s+")
# What "the number of ..." counts: lower-case words up to a stop word, and "per month".
_COUNTED = re.compile(r"[a-z][a-z'-]*(?:\s+(?!(?:" + "|".join(sorted(_STOP)) + r")\b)[a-z][a-z'-]*)*"
                      r"(?:\s+per\s+(?:day|week|month|quarter|year))?")
_NUMBER_OF_VERB = re.compile(r"(?:^\s*|\b(?:was|is|were|are|stood\s+at|reached|totalled|of)\s*|:\s*)$")


def _settle_units(text: str, toks: list[_Tok], times: list[tuple[int, int, str]],
                  clauses: list[tuple[int, int]]) -> list[_Tok]:
    """Read what a bare number counts, or take the unit of the figure it is compared with; drop the rest."""
    for tok in toks:
        if tok.unit is not None:
            continue
        c_start, _ = _clause_of(tok.start, clauses)
        found = list(_NUMBER_OF.finditer(text, c_start, tok.start))
        if not found:
            continue
        np_start = found[-1].end()
        words = _COUNTED.match(text, np_start, tok.start)
        if words is None:
            continue
        np_end = words.end()
        if _NUMBER_OF_VERB.search(text[np_end:tok.start]) and not any(np_end <= t.start < tok.start for t in toks):
            tok.unit, tok.unit_printed, tok.keep = "count", words.group(), True
            inside = [t for t in times if np_end <= t[0] and t[1] <= tok.start
                      and re.search(r"\b(?:in|during|for)\s+$", text[np_end:t[0]])]
            if inside:
                tok.period, tok.period_fixed = inside[-1][2], True
    for _ in range(2):  # a unit passes along a chain: "1,408 ... up to 2,066"
        for tok in toks:
            other = tok.comparator_of
            if other is None:
                continue
            if tok.unit is None and other.unit is not None:
                tok.unit, tok.unit_printed = other.unit, other.unit_printed
            elif other.unit is None and tok.unit is not None:
                other.unit, other.unit_printed = tok.unit, tok.unit_printed
            elif tok.unit is None and other.unit is None and tok.kind == "target":
                tok.unit = other.unit = "count"
    kept = [t for t in toks if t.unit is not None]
    for tok in kept:
        if tok.comparator_of is not None and tok.comparator_of.unit is None:
            tok.comparator_of, tok.kind = None, ""
    return kept


def _segment_end(text: str, toks: list[_Tok], i: int, clauses: list[tuple[int, int]]) -> int:
    """Where the words that qualify figure ``i`` end: the next figure, the clause end or a comparison."""
    end = min(toks[i + 1].start if i + 1 < len(toks) else len(text), _clause_of(toks[i].start, clauses)[1])
    stop = re.compile(r"\b(?:compared|than|versus|vs\b|whereas|while|from|in\s+line\s+with|against)\b")
    found = stop.search(text, toks[i].end, end)
    return found.start() if found else end


def _within_words(text: str, start: int, end: int, limit: int = 15) -> bool:
    return len(text[start:end].split()) <= limit


def _direct_area(text: str, toks: list[_Tok], i: int, clauses: list[tuple[int, int]], claimed: set[int]) -> None:
    """The area printed right after the figure ("18.7% of women in Nottingham City", "43.1% in
    England", "the gap reported nationally") or right before it ("Nottingham's ... rate was",
    "the England average of", "national average of", "Nationally 42.9%", "In England, ...")."""
    _, places, adjectives, adverbs = _area_patterns()
    tok = toks[i]
    seg_end = _segment_end(text, toks, i, clauses)
    following = re.compile(
        rf"(?:\b(?:in|across|within|throughout)|(?<=%)in)\s+(?:the\s+)?(?P<a>{places})(?![\w'’])(?!\s+[A-Z])"
        rf"|\b(?P<b>{adverbs})\b")
    found = following.search(text, tok.end, seg_end)
    if found and _within_words(text, tok.end, found.start()) and found.start() not in claimed:
        claimed.add(found.start())
        tok.area = _canonical(found.group("a") or found.group("b"))
        return
    c_start, _ = _clause_of(tok.start, clauses)
    gap_start = max([t.end for t in toks[:i]] + [c_start])
    preceding = re.compile(
        rf"\b(?P<a>{adjectives})\s+(?i:{_STAT})s?\b|\b(?P<p>{places})['’]s\b(?!\s+[A-Z])")
    for found in reversed(list(preceding.finditer(text, gap_start, tok.start))):
        if found.start() not in claimed:
            claimed.add(found.start())
            tok.area = _canonical(found.group("a") or found.group("p"))
            return
    initial = re.compile(rf"\s*(?:(?:In|Across|in|across)\s+(?:the\s+)?(?P<a>{places})\b\s*,|(?P<b>(?i:{adverbs}))\b)")
    found = initial.match(text, c_start, tok.start)
    if found and found.end() <= tok.start:
        tok.area = _canonical(found.group("a") or found.group("b"))


def _clause_area(text: str, tok: _Tok, clauses: list[tuple[int, int]], claimed: set[int]) -> str | None:
    """The one area named ("in Nottinghamshire ...") earlier in the figure's clause and not
    taken by another figure: "A-Level entries in Nottinghamshire ... increased to 50.2%"."""
    _, places, _, _ = _area_patterns()
    c_start, _ = _clause_of(tok.start, clauses)
    mentions = [m for m in re.finditer(rf"\b(?:in|across|within|throughout)\s+(?:the\s+)?(?P<a>{places})"
                                       rf"(?![\w'’])(?!\s+[A-Z])", text[:tok.start])
                if m.start() >= c_start and m.start() not in claimed]
    names = {_canonical(m.group("a")) for m in mentions}
    return names.pop() if len(names) == 1 else None


def _pair_benchmarks(text: str, toks: list[_Tok]) -> None:
    """"(47.7% in Nottingham, 43.1% in England)": two figures of one unit for two areas, side
    by side: the second is the benchmark of the first."""
    for a, b in zip(toks, toks[1:]):
        if (a.comparator_of is None and b.comparator_of is None and not a.change and not b.change
                and a.unit == b.unit and a.area and b.area and a.area != b.area
                and re.fullmatch(r"\s*(?:in|across)\s+(?:the\s+)?[^,;()]*?(?:,|\band\b|\bvs\.?|\bversus\b)\s*",
                                 text[a.end:b.start])):
            b.comparator_of, b.kind = a, "benchmark"


def _choose_comparator(tok: _Tok) -> None:
    """One comparator per figure: a benchmark before a previous value or target; the others
    become figures of their own ("down from the 2014 rate of 32.8")."""
    target = tok.comparator_of
    if target is None:
        return
    target.comparators.append(tok)
    ranked = sorted(target.comparators, key=lambda t: (t.kind != "benchmark", t.start))
    for loser in ranked[1:]:
        loser.comparator_of, loser.kind = None, ""
    target.comparators = ranked[:1]


_PERIOD_PREP = re.compile(r"\b(?:in|during|by|for|as\s+of|at\s+the\s+end\s+of|throughout)\s+(?:the\s+)?$",
                          re.IGNORECASE)
_PERIOD_STAT = re.compile(r"^\s+(?:rate|figure|level|average|total|value|score)s?\s+(?:of|was|is|at)\s+$",
                          re.IGNORECASE)
_LEAD_PREP = re.compile(
    r"(?:^|[,;(]|\band)\s*(?:in|during|by|as\s+of|at\s+the\s+end\s+of|throughout"
    r"|in\s+the\s+(?:full\s+)?(?:year|period)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:results|figures|data|statistics|outcomes|rates?|numbers?|percentages?|proportions?"
                        r"|performance|levels?)\s+(?:for|in|during|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _period_text(printed: str) -> str:
    return " ".join(re.sub(r"^(?:the\s+)", "", printed, flags=re.IGNORECASE).split())


def _direct_period(text: str, toks: list[_Tok], i: int, clauses: list[tuple[int, int]],
                   times: list[tuple[int, int, str]], used: set[int]) -> None:
    """The period printed right after the figure ("20.8 in 2015", "6.59 weeks by January 2017",
    "72% same period in 2016") or right before it ("the 2014 rate of 32.8")."""
    tok = toks[i]
    if tok.period_fixed:
        return
    seg_end = _segment_end(text, toks, i, clauses)
    for t_start, t_end, printed in times:
        if tok.end <= t_start and t_end <= seg_end and t_start not in used \
                and _within_words(text, tok.end, t_start) \
                and (_PERIOD_PREP.search(text[tok.end:t_start]) or printed.lower().startswith("same")):
            used.add(t_start)
            tok.period = _period_text(printed)
            return
    gap_start = toks[i - 1].end if i else _clause_of(tok.start, clauses)[0]
    for t_start, t_end, printed in times:
        if gap_start <= t_start and t_end <= tok.start and _PERIOD_STAT.match(text[t_end:tok.start]):
            used.add(t_start)
            tok.period = _period_text(printed)
            return


def _lead_period(text: str, tok: _Tok, clauses: list[tuple[int, int]], times: list[tuple[int, int, str]],
                 used: set[int]) -> str | None:
    """The period that opens the figure's clause ("During 2016-17, ...", "In November 2017 92%",
    "First 2 Quarters of 2017/18 608 ...", "and by quarter 3 2017/18 the gap ...") or that
    dates its subject ("Final results for 2017 shows that 45.5%")."""
    c_start, _ = _clause_of(tok.start, clauses)
    for t_start, t_end, printed in reversed(times):
        if not (c_start <= t_start and t_end <= tok.start) or t_start in used:
            continue
        before = text[c_start:t_start]
        if not before.strip() or _LEAD_PREP.search(before) or _REPORTING.search(before):
            return _period_text(printed)
    return None


def _figure(text: str, tok: _Tok, role: str = "value") -> Figure:
    comparator = tok.comparators[0] if tok.comparators and role == "value" else None
    return Figure(
        start=tok.start, end=tok.end, printed=text[tok.start:tok.end], value=tok.value,
        unit=tok.unit or "number", unit_printed=tok.unit_printed, area=tok.area, period=tok.period,
        comparator=None if comparator is None else _figure(text, comparator, "comparator"), role=role,
    )
