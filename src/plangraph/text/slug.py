"""Slugs: the lower-case ASCII words, joined by '-', that name things in IRIs and files.

There are two, and they differ on purpose. :func:`iri_slug` names every node of the
graph: it folds accents to ASCII, drops apostrophes, keeps IRIs short and never returns an
empty string. :func:`file_slug` names a plan after its file when no manifest entry gives
the slug: it turns every character outside ``a-z0-9`` (accented letters and apostrophes
too) into a separator and falls back on ``"plan"``. A plan's slug is part of its IRI and
its output file names, so changing either rule would rename what earlier builds made.

>>> iri_slug("Children's Centres"), file_slug("Children's Centres")
('childrens-centres', 'children-s-centres')
>>> iri_slug("Café Nottingham"), file_slug("Café Nottingham")
('cafe-nottingham', 'caf-nottingham')
>>> iri_slug("***"), file_slug("***")
('596f4162a52f', 'plan')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["content_hash", "file_slug", "iri_slug"]

_MAX_SLUG = 80


def iri_slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' ("Children's Centres" -> "childrens-centres").

    Used for every IRI :func:`plangraph.rdf.iris.mint` makes. A slug longer than 80
    characters is cut and ends with a hash of the whole text, so that two long names that
    start alike stay apart; a text with no letter or digit is named by its hash.

    >>> iri_slug("Nottingham City Council")
    'nottingham-city-council'
    >>> len(iri_slug("word " * 40))
    88
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(out) > _MAX_SLUG:
        out = out[:_MAX_SLUG].rstrip("-") + "-" + content_hash(text, length=8)
    return out or content_hash(text, length=12)


def file_slug(text: str) -> str:
    """A plan's slug made from its file name (a stem), when no manifest entry gives one.

    Used by :func:`plangraph.ingest.table.plan_record`. Unlike :func:`iri_slug` it keeps no
    accented letter (not even folded to ASCII), splits words at apostrophes, does not
    shorten and falls back on ``"plan"``.

    >>> file_slug("Nottingham CYPP 2016-2020 (action plan)")
    'nottingham-cypp-2016-2020-action-plan'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "plan"


def content_hash(*parts: object, length: int = 16) -> str:
    """The first ``length`` hex digits of the SHA-256 of ``parts`` (as text, unit-separated).

    >>> content_hash("Nottingham", 2016, length=12) == content_hash("Nottingham", "2016", length=12)
    True
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]
