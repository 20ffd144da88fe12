"""Split an evidence-source cell into the sources it names.

Sources are separated by ``;`` and, where the next one plainly starts a new source,
by `` and `` or ``, `` (names themselves hold commas and "and": "conversation with the
Group Manager, Early Help"). Text inside ``<i>…</i>``, inside quote marks or inside a
URL is never split. How a source starts (``data/source_heads.csv``) tells its kind.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from plangraph.ingest.document import Document
from plangraph.model.records import Fragment, SourceCitation
from plangraph.resources import data_rows
from plangraph.text.stretches import Stretches

__all__ = ["split_sources"]

# A title: "<i>…</i>" (found by ``_titles``). A quoted name: an opening mark at the start or
# after a blank, then one character or more on the same line up to a closing mark before a
# blank, ";", "," or "." or the end (found by ``_quotes``).
_OPEN_QUOTE = re.compile(r"(?:(?<=\s)|^)['‘]")
_CLOSE_QUOTE = re.compile(r"['’](?=[\s;,.]|$)")
# A URL ends at a space, or at a character that delimits URLs in text: "<http://…>" or quotes
# (RFC 3986, appendix C)
_URL = re.compile(r"https?://[^\s<>\"]+")
_URL_AT_END = re.compile(r"https?://\S+$")
# the rest of a URL that a line wrap broke off, when it ends the text
_URL_TAIL = re.compile(r"\s+([a-z0-9][\w\-./]*)\s*")
# A URL as a zone the splitter never cuts: without a comma or semicolon that ends it
# ("…plan.pdf, conversation with …" holds two sources)
_URL_ZONE = re.compile(r"https?://[^\s<>\"]+?(?=[,;]?(?:[\s<>\"]|$))")
# Characters an IRI may not hold (RFC 3987), which a browser sends percent-encoded
_NOT_IN_IRI = re.compile(r"[{}|\\^`]")
_CLOSERS = {")": "(", "]": "["}
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\s+(?:19|20)\d\d\b", re.IGNORECASE
)
_WEB_PAGES = re.compile(r"\bweb\s?pages?\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Head:
    pattern: re.Pattern[str]
    kind: str
    role: bool


@lru_cache(maxsize=1)
def _heads() -> tuple[_Head, ...]:
    return tuple(
        _Head(re.compile(row["pattern"], re.IGNORECASE), row["kind"], row["role"] == "yes")
        for row in data_rows("source_heads.csv")
    )


def _titles(text: str) -> list[tuple[int, int]]:
    """Where each title, ``<i>…</i>``, stands: from an opening tag to the first closing tag
    after it, each closing tag looked for once rather than from every opening tag."""
    spans = []
    pos = 0
    while (start := text.find("<i>", pos)) >= 0:
        close = text.find("</i>", start + 3)
        if close < 0:
            break  # no title closes after this one, nor after any later one
        spans.append((start, close + 4))
        pos = close + 4
    return spans


def _quotes(text: str) -> list[tuple[int, int]]:
    """Where each quoted name stands: from an opening mark to the first closing mark after it
    on its line, found among the closing marks by bisection rather than by reading on.

    >>> text = "see 'a' and 'b, 'c'."
    >>> [text[s:e] for s, e in _quotes(text)]
    ["'a'", "'b, 'c'"]
    """
    closers = [m.start() for m in _CLOSE_QUOTE.finditer(text)]
    breaks = [m.start() for m in re.finditer("\n", text)]
    spans: list[tuple[int, int]] = []
    for m in _OPEN_QUOTE.finditer(text):
        start = m.start()
        if spans and start < spans[-1][1]:
            continue
        k = bisect_left(closers, start + 2)  # a quote holds one character at least
        if k == len(closers):
            break
        line_end = bisect_left(breaks, start)
        if line_end < len(breaks) and breaks[line_end] < closers[k]:
            continue
        spans.append((start, closers[k] + 1))
    return spans


def _protected(text: str) -> list[tuple[int, int]]:
    zones = _titles(text)
    zones += _quotes(text)
    zones += [m.span() for m in _URL_ZONE.finditer(text)]
    return zones


def _starts_source(text: str, at: int) -> bool:
    """Does a source start at ``at`` (after blanks)?"""
    while at < len(text) and text[at].isspace():
        at += 1
    return (
        text.startswith(("<i>", "http://", "https://", "'", "‘"), at)
        or any(h.pattern.match(text, at) for h in _heads())
    )


def _ends_source(text: str, end: int) -> bool:
    """Does a source end at ``end`` (before blanks): a title, a quote or a URL?"""
    while end and text[end - 1].isspace():
        end -= 1
    word = end  # the last word, which a URL would be
    while word and not text[word - 1].isspace():
        word -= 1
    return text.endswith(("</i>", "'", "’"), 0, end) or bool(_URL_AT_END.search(text, word, end))


def _boundaries(text: str) -> list[tuple[int, int]]:
    """(start, end) of every separator at which the cell is split."""
    zones = Stretches(_protected(text))
    cuts = [(m.start(), m.end()) for m in re.finditer(r"\s*;\s*(?:and\s+)?", text)
            if not zones.inside(m.start())]
    # a comma or "and" never starts inside another (they do not overlap): only in a semicolon's
    semicolons = Stretches(cuts)
    for m in re.finditer(r"\s*,\s+|\s+and\s+", text):
        if zones.inside(m.start()) or semicolons.overlap(m.start(), m.start() + 1):
            continue
        if _ends_source(text, m.start()) or _starts_source(text, m.end()):
            cuts.append((m.start(), m.end()))
    return sorted(cuts)


def _url_end(url: str) -> str:
    """``url`` without the punctuation of the sentence around it: a final stop, comma, colon or
    semicolon, and a closing bracket that the URL did not open ("(see http://x/a.pdf)").

    >>> _url_end("http://x/a.pdf)."), _url_end("http://x/wiki/Plan_(2019)")
    ('http://x/a.pdf', 'http://x/wiki/Plan_(2019)')
    """
    while True:
        trimmed = url.rstrip(".,;:")
        last = trimmed[-1:]
        if last in _CLOSERS and trimmed.count(last) > trimmed.count(_CLOSERS[last]):
            trimmed = trimmed[:-1]
        if trimmed == url:
            return url
        url = trimmed


def _repair_urls(text: str) -> tuple[str, ...]:
    urls = []
    for m in _URL.finditer(text):
        url = _url_end(m.group())
        # A URL broken by the line wrap: a short lowercase piece, the last of the source.
        tail = _URL_TAIL.fullmatch(text, m.end())
        if tail and not re.search(r"\.(?:pdf|html?|aspx|docx?)$", url, re.IGNORECASE):
            url += tail.group(1)
        urls.append(_NOT_IN_IRI.sub(lambda c: f"%{ord(c.group()):02X}", url))
    return tuple(urls)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"</?i>", "", text).split())


def _citation(piece: Fragment) -> SourceCitation:
    printed = piece.text
    titled = _titles(printed)
    title_at = (titled[0][0] + 3, titled[0][1] - 4) if titled else None
    if title_at is None and (quoted := _quotes(printed)):
        title_at = (quoted[0][0] + 1, quoted[0][1] - 1)
    title = " ".join(printed[title_at[0]:title_at[1]].split()) if title_at else None
    urls = _repair_urls(printed)
    kind, role = "document", None
    for head in _heads():
        match = head.pattern.match(printed)
        if match:
            kind = head.kind
            if head.role:
                role = printed[match.end():].strip().rstrip(".").strip() or None
            break
    else:
        without = _URL.sub("", _without_titles(printed, "")).strip(" .")
        if urls and re.fullmatch(r"[\w\-./]*", without):
            without = ""  # only the piece of a URL broken by a space
        if title is None and (not without or _WEB_PAGES.search(without)):
            kind = "web-page"
    outside_title = _without_titles(printed, " ")
    date = _DATE.search(outside_title)
    return SourceCitation(
        printed=piece, text=_plain(printed), title=title, urls=urls, kind=kind, role=role,
        date=" ".join(date.group().split()) if date else None,
    )


def _without_titles(text: str, instead: str) -> str:
    """``text`` with each ``<i>…</i>`` replaced by ``instead``."""
    pieces = []
    pos = 0
    for start, end in _titles(text):
        pieces += [text[pos:start], instead]
        pos = end
    return "".join(pieces) + text[pos:]


def split_sources(cell: Fragment | None, doc: Document) -> tuple[SourceCitation, ...]:
    """The sources named in an evidence-source cell, in the order printed."""
    if cell is None:
        return ()
    text = cell.text
    pieces = []
    pos = 0
    for start, end in [*_boundaries(text), (len(text), len(text))]:
        a, b = pos, start
        while a < b and text[a] in " ,;":
            a += 1
        if text[a:b].lower().startswith("and "):
            a += 4
        while b > a and text[b - 1] in " ,;":
            b -= 1
        if a < b:
            pieces.append(cell.sub(a, b, doc.index))
        pos = end
    return tuple(_citation(p) for p in pieces)
