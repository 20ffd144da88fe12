"""Sentences, clauses and list items: the stretches of text a figure's words are read in."""

from __future__ import annotations

import re

from plangraph.analysis.figures.tokens import Token

__all__ = ["clause_of", "clause_spans", "list_items", "segment_end", "sentence_spans", "within_words"]

# List items: "N." at the start of the text or after a full stop, colon or semicolon (and
# spaces), as in "1.Operation Striver", "identified: 1. strong", "2017.4. Police",
# "8.21% reduction"; "was 54. A crisis team" is a number ending a sentence.
_ITEM = re.compile(r"(?:^|(?<=[.;:!?])|(?<=[.;:!?]\s)|(?<=[.;:!?]\s\s))(?<!\d\.)(\d{1,2})\.(?=\s*[A-Za-z£'‘\"(]|\d)")
_ABBREVIATIONS = frozenset("e.g i.e etc vs dept no nos approx incl st dr mr mrs ms cf".split())


def list_items(text: str) -> tuple[set[int], set[int]]:
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


def sentence_spans(text: str, item_starts: set[int]) -> list[tuple[int, int]]:
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


def clause_spans(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    """The clauses of a sentence: a semicolon ends one."""
    cuts = [s_start] + [s_start + m.end() for m in re.finditer(";", text[s_start:s_end])] + [s_end]
    return list(zip(cuts, cuts[1:]))


def clause_of(pos: int, clauses: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause ``pos`` stands in (the last when it stands in none)."""
    return next((c for c in clauses if c[0] <= pos < c[1]), clauses[-1])


def segment_end(text: str, toks: list[Token], i: int, clauses: list[tuple[int, int]]) -> int:
    """Where the words that qualify figure ``i`` end: the next figure, the clause end or a comparison."""
    end = min(toks[i + 1].start if i + 1 < len(toks) else len(text), clause_of(toks[i].start, clauses)[1])
    stop = re.compile(r"\b(?:compared|than|versus|vs\b|whereas|while|from|in\s+line\s+with|against)\b")
    found = stop.search(text, toks[i].end, end)
    return found.start() if found else end


def within_words(text: str, start: int, end: int, limit: int = 15) -> bool:
    """Whether ``text[start:end]`` is at most ``limit`` words."""
    return len(text[start:end].split()) <= limit
