"""Split an evidence-source cell into the sources it names.

Sources are separated by ``;`` and, where the next one plainly starts a new source,
by `` and `` or ``, `` (names themselves hold commas and "and": "conversation with the
Group Manager, Early Help"). Text inside ``<i>…</i>``, inside quote marks or inside a
URL is never split. How a source starts (``data/source_heads.csv``) tells its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plangraph.ingest.document import Document
from plangraph.model.records import Fragment, SourceCitation
from plangraph.resources import data_rows

__all__ = ["split_sources"]

_TITLE = re.compile(r"<i>(.*?)</i>", re.DOTALL)
_QUOTED = re.compile(r"(?:(?<=\s)|^)['‘](.+?)['’](?=[\s;,.]|$)")
# A URL ends at a space, or at a character that delimits URLs in text: "<http://…>" or quotes
# (RFC 3986, appendix C)
_URL = re.compile(r"https?://[^\s<>\"]+")
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


def _protected(text: str) -> list[tuple[int, int]]:
    zones = [m.span() for m in _TITLE.finditer(text)]
    zones += [m.span() for m in _QUOTED.finditer(text)]
    zones += [m.span() for m in _URL_ZONE.finditer(text)]
    return zones


def _inside(pos: int, zones: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in zones)


def _starts_source(rest: str) -> bool:
    rest = rest.lstrip()
    return (
        rest.startswith(("<i>", "http://", "https://", "'", "‘"))
        or any(h.pattern.match(rest) for h in _heads())
    )


def _ends_source(before: str) -> bool:
    before = before.rstrip()
    return before.endswith(("</i>", "'", "’")) or bool(re.search(r"https?://\S+$", before))


def _boundaries(text: str) -> list[tuple[int, int]]:
    """(start, end) of every separator at which the cell is split."""
    zones = _protected(text)
    cuts = [(m.start(), m.end()) for m in re.finditer(r"\s*;\s*(?:and\s+)?", text)
            if not _inside(m.start(), zones)]
    for m in re.finditer(r"\s*,\s+|\s+and\s+", text):
        if _inside(m.start(), zones) or any(s <= m.start() < e for s, e in cuts):
            continue
        if _ends_source(text[: m.start()]) or _starts_source(text[m.end():]):
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
        tail = re.fullmatch(r"\s+([a-z0-9][\w\-./]*)\s*", text[m.end():])
        if tail and not re.search(r"\.(?:pdf|html?|aspx|docx?)$", url, re.IGNORECASE):
            url += tail.group(1)
        urls.append(_NOT_IN_IRI.sub(lambda c: f"%{ord(c.group()):02X}", url))
    return tuple(urls)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"</?i>", "", text).split())


def _citation(piece: Fragment) -> SourceCitation:
    printed = piece.text
    title_match = _TITLE.search(printed) or _QUOTED.search(printed)
    title = " ".join(title_match.group(1).split()) if title_match else None
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
        without = _URL.sub("", _TITLE.sub("", printed)).strip(" .")
        if urls and re.fullmatch(r"[\w\-./]*", without):
            without = ""  # only the piece of a URL broken by a space
        if title is None and (not without or _WEB_PAGES.search(without)):
            kind = "web-page"
    outside_title = _TITLE.sub(" ", printed)
    date = _DATE.search(outside_title)
    return SourceCitation(
        printed=piece, text=_plain(printed), title=title, urls=urls, kind=kind, role=role,
        date=" ".join(date.group().split()) if date else None,
    )


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
