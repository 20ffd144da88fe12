"""The noun phrase a count stands before: "608 young people", "4,000 taxi drivers"."""

from __future__ import annotations

import re

__all__ = ["STOP_WORDS", "noun_phrase"]

STOP_WORDS = frozenset("""a an the of in on at to for from with by into within across through throughout per as
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

_WORD = re.compile(r" {1,2}([A-Za-z][A-Za-z'’-]*)")
_QUOTED = re.compile(r" {1,2}(['‘\"“])([^'’\"”\n]{1,60}?)['’\"”](?=[\s,.;:)]|$)")


def _plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    return (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous", "'s", "’s"))
            and low not in _NOT_PLURAL)


def noun_phrase(text: str, pos: int, heads_only: bool = True) -> tuple[int, str] | None:
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
        if low in STOP_WORDS or (not words and quoted is None and word[0].isupper()):
            break
        if low == "and":
            nxt = _WORD.match(text, w.end())
            if head is not None or not words or nxt is None or nxt.group(1).lower() in STOP_WORDS:
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
