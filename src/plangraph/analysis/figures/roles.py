"""The roles of a sentence's figures: which is compared with which (a benchmark, a previous
value or a target), which states a change, and what a bare number counts."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from plangraph.analysis.figures.nouns import STOP_WORDS
from plangraph.analysis.figures.places import STAT, area_patterns
from plangraph.analysis.figures.sentences import clause_of, ends_with
from plangraph.analysis.figures.times import Times, untime
from plangraph.analysis.figures.tokens import Token

__all__ = ["assign_roles", "choose_comparator", "pair_benchmarks", "settle_units"]

_CHANGE = r"(?:increase|decrease|reduction|rise|fall|drop|narrowing|widening|improvement)"
_CHANGED = r"(?:increased|decreased|reduced|fell|rose|dropped|grew|grown|narrowed|widened|improved|declined)"


# Cues that make a figure a comparator: a benchmark ("compared to 74.3%", "than the England
# average of 11.2%", "in line with national average of 62%") ...
def _bench_cue() -> re.Pattern[str]:
    _, _, adjectives, _ = area_patterns()
    return re.compile(
        rf"""(?:\bcompared\s+(?:to|with)|\bin\s+comparison\s+(?:to|with)
        |\b(?:than|in\s+line\s+with|above|below)\s+(?:the\s+)?(?:(?:{adjectives}|regional)\s+)?
           (?i:{STAT})(?:\s+(?:of|was|is|at))?
        |\b(?:{adjectives}|regional)\s+(?i:{STAT})\s+(?:of|was|is|at|stood\s+at))\s*$""",
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
# matched where a figure ends, up to the end of its sentence
_CHANGE_AFTER = re.compile(rf"\s+(?:{_CHANGE}|more|less|fewer|higher|lower)\b", re.IGNORECASE)
_IS_CHANGE_BEFORE = re.compile(
    rf"(?:\b{_CHANGE}\s+of|\b{_CHANGED}\s+by(?:\s+(?:over|around|about|almost|nearly|more\s+than))?)\s+$",
    re.IGNORECASE)


def _compatible(a: Token, b: Token) -> bool:
    return a.unit is None or b.unit is None or a.unit == b.unit


def assign_roles(text: str, s_start: int, s_end: int, toks: list[Token]) -> None:
    """Give each figure its role: comparator (benchmark, previous, target) or main, and mark changes."""
    bench = _bench_cue()
    drop: list[Token] = []
    targets = _Targets()
    for i, tok in enumerate(toks):
        if _assign_role(text, s_start, s_end, toks, i, bench, targets):
            drop.append(tok)
        targets.add(i, tok)
    dropped = {id(tok) for tok in drop}
    toks[:] = [tok for tok in toks if id(tok) not in dropped]


def _assign_role(text: str, s_start: int, s_end: int, toks: list[Token], i: int,
                 bench: re.Pattern[str], targets: _Targets) -> bool:
    """The role of figure ``i``; True when it is no measurement and is dropped."""
    tok = toks[i]
    before = text[toks[i - 1].end if i else s_start:tok.start]
    after_end = toks[i + 1].start if i + 1 < len(toks) else s_end
    after = text[tok.end:after_end]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    tok.change = bool(_CHANGE_AFTER.match(text, tok.end, s_end) or _IS_CHANGE_BEFORE.search(before))
    if re.search(r"\bup\s+to\s+$", before, re.IGNORECASE) and not tok.keep:
        return True  # a limit ("up to 12 weeks support"), not a measurement
    if nxt is not None and _compatible(tok, nxt):
        if (re.search(r"\bfrom\s+(?:the\s+)?$", before, re.IGNORECASE) and _FROM_TO.match(untime(after))) \
                or _UP_TO.match(untime(after)) or (_TARGET.search(before) and _ACHIEVED.match(after)):
            tok.comparator_of, tok.kind = nxt, "target" if _TARGET.search(before) else "previous"
            tok.keep = nxt.keep = True
            return False
    kind = "benchmark" if bench.search(before) else None
    if kind is None and (_FROM_CUE.search(untime(before))
                         or (re.search(r",\s*from\s+$", before) and i and re.search(
                             r"\bto\s+$", text[toks[i - 2].end if i > 1 else s_start:toks[i - 1].start]))):
        kind = "previous"
    if kind is not None:
        target = targets.nearest(tok)
        if target is not None:
            tok.comparator_of, tok.kind, tok.keep = target, kind, True
    return False


class _Targets:
    """The figures read so far that a comparator may be compared with: neither a comparator
    nor a change, with a unit or a role. Once its own role is read a figure's standing does
    not change, so the nearest one is kept per unit rather than searched for."""

    def __init__(self) -> None:
        self.last: tuple[int, Token] | None = None
        self.unitless: tuple[int, Token] | None = None
        self.by_unit: dict[str, tuple[int, Token]] = {}

    def add(self, i: int, tok: Token) -> None:
        if tok.comparator_of is not None or tok.change or (tok.unit is None and not tok.keep):
            return
        self.last = (i, tok)
        if tok.unit is None:
            self.unitless = (i, tok)
        else:
            self.by_unit[tok.unit] = (i, tok)

    def nearest(self, tok: Token) -> Token | None:
        """The nearest figure before ``tok`` whose unit agrees with its own (or either has none)."""
        if tok.unit is None:
            found = self.last
        else:
            found = max((c for c in (self.unitless, self.by_unit.get(tok.unit)) if c is not None),
                        key=lambda c: c[0], default=None)
        return found[1] if found is not None else None


_NUMBER_OF = re.compile(r"\bnumber\s+of\s+")
# What "the number of ..." counts: lower-case words up to a stop word, and "per month".
_COUNTED = re.compile(r"[a-z][a-z'-]*(?:\s+(?!(?:" + "|".join(sorted(STOP_WORDS)) + r")\b)[a-z][a-z'-]*)*"
                      r"(?:\s+per\s+(?:day|week|month|quarter|year))?")
_NUMBER_OF_VERB = re.compile(r"(?:^\s*|\b(?:was|is|were|are|stood\s+at|reached|totalled|of)\s*|:\s*)$")
_IN_TIME = re.compile(r"\b(?:in|during|for)\s+$")


def settle_units(text: str, toks: list[Token], times: Times, clauses: list[tuple[int, int]]) -> list[Token]:
    """Read what a bare number counts, or take the unit of the figure it is compared with; drop the rest."""
    # "number of" is found once in the sentence, each figure taking the last before it in its clause
    marks = list(_NUMBER_OF.finditer(text, clauses[0][0], clauses[-1][1]))
    mark_ends = [m.end() for m in marks]
    starts = [t.start for t in toks]
    counted: dict[int, re.Match[str] | None] = {}
    for tok in toks:
        if tok.unit is not None:
            continue
        c_start, _ = clause_of(tok.start, clauses)
        k = bisect_right(mark_ends, tok.start) - 1
        if k < 0 or marks[k].start() < c_start:
            continue
        np_start = marks[k].end()
        words = _counted(text, np_start, tok.start, counted)
        if words is None:
            continue
        np_end = words.end()
        if ends_with(_NUMBER_OF_VERB, text, np_end, tok.start, words=3) \
                and bisect_left(starts, np_end) == bisect_left(starts, tok.start):
            tok.unit, tok.unit_printed, tok.keep = "count", words.group(), True
            inside = next((t for t in reversed(times.inside(np_end, tok.start))
                           if ends_with(_IN_TIME, text, np_end, t[0], words=2)), None)
            if inside is not None:
                tok.period, tok.period_fixed = inside[2], True
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


def _counted(text: str, np_start: int, end: int, cache: dict[int, re.Match[str] | None]) -> re.Match[str] | None:
    """What "the number of" at ``np_start`` counts, up to a figure at ``end``.

    The words stop before any figure (a digit or "£"), so the match is the same for every
    figure after them and is made once; unless a letter stands right before the figure
    ("an£5"), which only the figure's own end tells apart.
    """
    if text[end - 1].isalnum():
        return _COUNTED.match(text, np_start, end)
    if np_start not in cache:
        cache[np_start] = _COUNTED.match(text, np_start)
    return cache[np_start]


def pair_benchmarks(text: str, toks: list[Token]) -> None:
    """"(47.7% in Nottingham, 43.1% in England)": two figures of one unit for two areas, side
    by side: the second is the benchmark of the first."""
    for a, b in zip(toks, toks[1:]):
        if (a.comparator_of is None and b.comparator_of is None and not a.change and not b.change
                and a.unit == b.unit and a.area and b.area and a.area != b.area
                and re.fullmatch(r"\s*(?:in|across)\s+(?:the\s+)?[^,;()]*?(?:,|\band\b|\bvs\.?|\bversus\b)\s*",
                                 text[a.end:b.start])):
            b.comparator_of, b.kind = a, "benchmark"


def choose_comparator(tok: Token) -> None:
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
