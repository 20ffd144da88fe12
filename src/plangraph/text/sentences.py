"""Where sentences and list items end in plan text, for the three stages that cut text.

Each stage cuts for its own purpose, so the rules differ, and each keeps its own:

- a table reader asks whether a cell stops mid-sentence (:func:`ends_open`) and where the
  first sentence of a cell ends (:data:`SENTENCE_END`), as the words are printed;
- claims (:func:`sentence_ends`, :func:`numbered_items`, :data:`BULLET`) cut progress text
  into sentences and the items of numbered and bulleted lists;
- figures (:func:`sentence_spans`, :func:`list_items`) read a number in its sentence, which
  a line break, a tab or a bullet ends too, and tell a list number from a figure.

What they share: the abbreviations after which a full stop ends no sentence, the closing
quotes and brackets that may follow a sentence's last mark, what the next sentence may
start with, and what a list number looks like.

>>> text = 'Seen by J. Smith. Rates fell (see fig. 2). "Done." Next\\tcell'
>>> ends = sentence_ends(text)
>>> [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)])]
['Seen by J. Smith.', ' Rates fell (see fig. 2).', ' "Done."', ' Next\\tcell']
>>> [text[a:b] for a, b in sentence_spans(text, set())]
['Seen by J.', ' Smith.', ' Rates fell (see fig.', ' 2).', ' "Done." Next\\t', 'cell']
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "BULLET", "BULLETS", "SENTENCE_END", "ends_open", "list_items",
           "numbered_items", "sentence_ends", "sentence_spans"]

# A full stop after one of these (case aside) ends no sentence: "e.g. Sure Start", "St. Ann's".
ABBREVIATIONS = frozenset("e.g i.e etc vs dept no nos approx incl st dr mr mrs ms cf".split())
# Closing quotes and brackets that may stand between a sentence's last mark and the space.
_CLOSERS = ")\"'”’"
# What a sentence may start with after the space: a capital, digit, quote, bracket, pound
# sign or bullet.
_NEXT_START = r"[A-Z0-9£\"'‘“(•]"
# A list number: one or two digits and a full stop before a word, a quote, a bracket, a
# pound sign or another number ("1.Operation", "3. Rolling", "8.21% reduction").
_ITEM_NUMBER = r"(\d{1,2})\.(?=\s*[A-Za-z£'‘\"(]|\d)"
# What stands before a place in the text is read back from that place, never from the start
# of the text, so that a text of many sentences costs no more per sentence than a short one.
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_STOPS = frozenset(".;:!?")


def _word_before(text: str, end: int) -> str:
    """The letters and full stops that end ``text[:end]`` ("e.g" of "as e.g"), or ``""``; a
    line break right before ``end`` is stepped over.

    >>> _word_before("as e.g. Sure", 6), _word_before("as e.g\\n", 7), _word_before("done 7", 6)
    ('e.g', 'e.g', '')
    """
    stop = end - 1 if end and text[end - 1] == "\n" else end
    start = stop
    while start and text[start - 1] in _WORD_CHARS:
        start -= 1
    return text[start:stop]


def _list_number_before(text: str, end: int) -> bool:
    """Does ``text[:end]`` end with a one- or two-digit number that starts the text or follows
    a stop (and blanks): "... specific. 7"? A line break right before ``end`` is stepped over.

    >>> _list_number_before("specific. 7", 11), _list_number_before("7", 1), _list_number_before("in 2017", 7)
    (True, True, False)
    """
    for stop in (end, end - 1) if end and text[end - 1] == "\n" else (end,):
        digits = stop
        while digits and stop - digits < 3 and text[digits - 1].isdecimal():
            digits -= 1
        if not 1 <= stop - digits <= 2:
            continue
        blank = digits
        while blank and text[blank - 1].isspace():
            blank -= 1
        if digits == 0 or (blank and text[blank - 1] in _STOPS):
            return True
    return False


def _abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    return word.lower().strip(".") in abbreviations


# --- cells of a table: stops as printed -------------------------------------------------

# The end of a sentence in a cell: a full stop, question or exclamation mark (and closing
# quotes) before a space or the end. What follows does not matter: a cell's text goes on
# wherever the previous row left off.
SENTENCE_END = re.compile(rf"[.!?](?:[{_CLOSERS}]*)(?=\s|$)")
_CLOSED = re.compile(rf"[.!?:;][{_CLOSERS}]*$")


def ends_open(text: str) -> bool:
    """True when ``text`` stops mid-sentence (no full stop, question or exclamation mark).

    Used by the action-plan reader, on a cell as printed. A colon or semicolon counts as
    a stop too (a list follows); abbreviations are not looked at.

    >>> ends_open("The team will report to the"), ends_open("Done (see below)."), ends_open("")
    (True, False, False)
    """
    stripped = text.rstrip()
    return bool(stripped) and not _CLOSED.search(stripped)


# --- claims: sentences and numbered or bulleted items of progress text -----------------

# A full stop ends a sentence when whitespace and a capital, digit, quote, bracket, bullet
# or pound sign follow -- not after an abbreviation or an initial.
_CLAIM_END = re.compile(rf"(?<=[.!?])[{_CLOSERS}\]]*(?=\s+{_NEXT_START})")
_CLAIM_ABBREVIATIONS = ABBREVIATIONS | {"fig"}
# "1.Operation", "3. Rolling", "January 2017.4. Police", "8.21% reduction": a number and a
# full stop at the start, after whitespace or after a full stop or semicolon.
_CLAIM_ITEM = re.compile(rf"(?:(?<=^)|(?<=[\s.;:])){_ITEM_NUMBER}")
# The bullets progress text prints, and one at the start or after whitespace with the
# spaces after it.
BULLETS = "•●▪"
BULLET = re.compile(rf"(?:(?<=^)|(?<=\s))[{BULLETS}]\s*")


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of a progress text ends, for cutting it into claims.

    Used by :mod:`plangraph.analysis.claims`. Unlike :func:`sentence_spans`: closing
    quotes and brackets may stand between the mark and the space (the end comes after
    them), "fig." is an abbreviation too, a single capital before the full stop is an
    initial, and a one- or two-digit number after a stop is a list number, not a
    sentence's end; line breaks, tabs and bullets end nothing here (claims cut bullets
    with :data:`BULLET` and items with :func:`numbered_items`).

    >>> sentence_ends("Led by J. Smith. 7. Developed a plan. Done")
    [16, 37]
    """
    ends = []
    for match in _CLAIM_END.finditer(text):
        before = match.start()  # the text before the marks
        while before and text[before - 1] in ".!?":
            before -= 1
        if _list_number_before(text, before):
            continue  # "... specific. 7. Developed ...": a list number, not a sentence's end
        word = _word_before(text, before)
        if word and (_abbreviation(word, _CLAIM_ABBREVIATIONS) or re.fullmatch(r"[A-Z]", word)):
            continue
        ends.append(match.end())
    return ends


def numbered_items(text: str) -> list[tuple[int, int, str]]:
    """Numbered items that follow each other (1, 2, 3 ...): (start, body start, number).

    Used by :mod:`plangraph.analysis.claims`. Only a number that continues the sequence
    (or a 1 that starts a new one) counts, so "8." in "... 7. Developed ... 8.21%
    reduction" is an item while "6.59 weeks" in running text is not. Unlike
    :func:`list_items`, a number after any whitespace may be an item.

    >>> numbered_items("1.Operation Striver 2. Born to Move 6.59 weeks")
    [(0, 2, '1'), (20, 23, '2')]
    """
    found = []
    expected = 1
    for match in _CLAIM_ITEM.finditer(text):
        number = int(match.group(1))
        if number == expected or (number == 1 and expected > 1):
            body = match.end()
            while body < len(text) and text[body] == " ":
                body += 1
            found.append((match.start(), body, match.group(1)))
            expected = number + 1
    return found


# --- figures: the sentence a number is read in ------------------------------------------

# List items: "N." at the start of the text or after a full stop, colon or semicolon (and
# spaces), as in "1.Operation Striver", "identified: 1. strong", "2017.4. Police",
# "8.21% reduction"; "was 54. A crisis team" is a number ending a sentence.
_FIGURE_ITEM = re.compile(rf"(?:^|(?<=[.;:!?])|(?<=[.;:!?]\s)|(?<=[.;:!?]\s\s))(?<!\d\.){_ITEM_NUMBER}")
_TWO_DIGIT_PERCENT = re.compile(r"\d{2}\s?%")
_FIGURE_CUT = re.compile(rf"[.!?](?=\s+{_NEXT_START})|[\n\t•]")


def list_items(text: str) -> tuple[set[int], set[int]]:
    """Where a list-item number stands: (figure starts after "N." items, "N." starts to skip).

    Used by :mod:`plangraph.analysis.figures`. "N." followed by a word is an item; "N.M"
    (as "8.21%") is item N and figure M when the text is a numbered list (another item N-1
    or N+1 stands at a sentence start) or when, at the very start of the text, M makes a
    two-decimal percentage; otherwise it is a decimal. Unlike :func:`numbered_items`, an
    item stands only at the start or after a stop (and up to two spaces), and the numbers
    need not follow each other.

    >>> list_items("8.21% reduction in crime")
    ({2}, {0})
    >>> list_items("The wait was 6.59 weeks.")
    (set(), set())
    """
    clear = {int(m.group(1)): m.start() for m in _FIGURE_ITEM.finditer(text)
             if not text[m.end():m.end() + 1].isdigit()}
    blank_start = len(text) - len(text.lstrip())  # up to here the text is blank
    item_at: set[int] = set()
    skip_at = set(clear.values())
    for match in _FIGURE_ITEM.finditer(text):
        if not text[match.end():match.end() + 1].isdigit():
            continue
        number = int(match.group(1))
        listed = (number - 1 in clear and clear[number - 1] < match.start()) or number + 1 in clear
        at_start = match.start() <= blank_start and _TWO_DIGIT_PERCENT.match(text, match.end()) is not None
        if listed or at_start:
            skip_at.add(match.start())
            item_at.add(match.end())
    return item_at, skip_at


def sentence_spans(text: str, item_starts: set[int]) -> list[tuple[int, int]]:
    """Sentence spans: a full stop before whitespace and a capital or digit, a line break, a
    tab (a table cell ends), a bullet, or a list item ends a sentence.

    Used by :mod:`plangraph.analysis.figures`, with the item starts :func:`list_items`
    found. Unlike :func:`sentence_ends`, the mark must stand right before the space (a
    closing quote after it hides the end), a single capital before a full stop ends a
    sentence, "fig." is no abbreviation, and line breaks, tabs and bullets end sentences.

    >>> sentence_spans("Rates fell, e.g. in Bulwell. Now 54\\tthen 60", set())
    [(0, 28), (28, 36), (36, 43)]
    """
    cuts = {0, len(text)} | item_starts
    for match in _FIGURE_CUT.finditer(text):
        if match.group() == "." and _abbreviation(_word_before(text, match.start()), ABBREVIATIONS):
            continue
        cuts.add(match.end())
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b > a]
