"""Patterns that find known names (organisations, services, places) in text.

A text may print a short name inside a longer one ("Nottingham City" in "Nottingham City
Council"), so the forms are tried longest first: the regular expression engine takes the
first alternative that matches, and the longest name wins.

>>> pattern = forms_pattern(["Nottingham City", "Nottingham City Council", "NCC"])
>>> pattern.pattern
"(?<![\\\\w'])(?:Nottingham\\\\ City\\\\ Council|Nottingham\\\\ City|NCC)(?![\\\\w'])"
>>> [m.group() for m in pattern.finditer("Nottingham City Council and NCC staff, not NCCG")]
['Nottingham City Council', 'NCC']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["alternation", "forms_pattern"]


def alternation(forms: Iterable[str], *, any_spacing: bool = False,
                any_case: Callable[[str], bool] | None = None) -> str:
    """``forms`` as one regular-expression alternation, longest first, each matched literally.

    ``any_spacing``: a space of a form matches any run of whitespace (a line break of the
    text too). ``any_case``: the forms for which it returns true match in any case (the
    others as printed). Forms of equal length keep their order. With no form at all the
    alternation matches nothing.

    >>> alternation(["City", "Nottingham City"], any_spacing=True)
    'Nottingham\\\\s+City|City'
    >>> alternation(["NHS", "health visiting"], any_case=lambda form: form.islower())
    '(?i:health\\\\ visiting)|NHS'
    >>> alternation([])
    '(?!)'
    """
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        body = re.escape(form)
        if any_spacing:
            body = body.replace(r"\ ", r"\s+")
        alternatives.append(f"(?i:{body})" if any_case is not None and any_case(form) else body)
    return "|".join(alternatives) or "(?!)"


def forms_pattern(forms: Iterable[str], *, apart_from: str = r"\w'", any_spacing: bool = False,
                  any_case: Callable[[str], bool] | None = None, flags: int = 0) -> re.Pattern[str]:
    """A pattern that finds any of ``forms`` as a whole name (see :func:`alternation`).

    ``apart_from``: the characters (a character-class body) that may not touch a match on
    either side. The default, word characters and the apostrophe, keeps "NCC" out of
    "NCCG" and out of "O'NCC"; the services vocabulary passes ``r"\\w-"`` so that a
    service's name is not read inside a hyphenated word.
    """
    body = alternation(forms, any_spacing=any_spacing, any_case=any_case)
    return re.compile(rf"(?<![{apart_from}])(?:{body})(?![{apart_from}])", flags)
