"""The pools every synthetic plan draws from: organisations (the reference data's and
generated ones for each place), officers, services and evidence sources.

Shared by every plan and made once, so that a region of generated plans cites the same
bodies, people and reports again and again, as real plans of neighbouring councils do.
"""

from __future__ import annotations

import csv
import random
import re
from functools import lru_cache

from plangraph.bench.synth.vocabulary import (BODIES, FIRST_NAMES, LAST_NAMES, MONTHS, ORG_KINDS, PLACES,
                                              TITLE_HEADS)
from plangraph.resources import data_file
from plangraph.text import forms_pattern, organisation_names

__all__ = ["known_organisations", "service_names", "generated_organisations", "officer_pool", "source_pool"]


def _csv_rows(name: str) -> list[dict[str, str]]:
    with data_file(name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def known_organisations() -> tuple[str, ...]:
    return tuple(o.name for o in organisation_names())


@lru_cache(maxsize=1)
def service_names() -> tuple[str, ...]:
    return tuple(row["label"] for row in _csv_rows("services.csv"))


@lru_cache(maxsize=1)
def generated_organisations() -> dict[str, tuple[str, ...]]:
    """Each place's bodies; a name holding a known organisation's name is left out
    (the reader would find the known name inside it)."""
    known = forms_pattern(known_organisations())
    return {
        place: tuple(f"{place} {kind}" for kind in ORG_KINDS if not known.search(f"{place} {kind}"))
        for place in PLACES
    }


@lru_cache(maxsize=1)
def officer_pool() -> tuple[str, ...]:
    pool = random.Random("plangraph-officers")
    names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    pool.shuffle(names)
    return tuple(names[:240])


@lru_cache(maxsize=1)
def source_pool() -> tuple[str, ...]:
    """A fixed pool of evidence sources, cited again and again across plans."""
    rng = random.Random("plangraph-sources")
    pool: list[str] = []
    for k in range(90):
        y = rng.choice((2016, 2017, 2018, 2019))
        head = rng.choice(TITLE_HEADS).format(q=rng.randint(1, 4), y=y, y1=(y + 1) % 100, y3=y + 3)
        title = f"<i>{head}</i>"
        when = f"{rng.choice(MONTHS)} {y + rng.choice((0, 1))}"
        place = rng.choice(PLACES)
        kind = k % 9
        if kind in (0, 1):
            pool.append(f"Report to {rng.choice(BODIES)} {when} - {title}")
        elif kind == 2:
            pool.append(f"{rng.choice(BODIES[:3])} report {when} - {title}")
        elif kind == 3:
            pool.append(title)
        elif kind == 4:
            slug = re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-")[:40].strip("-")
            pool.append(f"{title} http://www.{place.lower()}.gov.uk/media/{rng.randint(10000, 99999)}/"
                        f"{slug}.pdf")
        elif kind == 5:
            pool.append(f"Appendix {rng.randint(1, 3)} to {rng.choice(BODIES[:3])} report {when} - "
                        f"{title}")
        elif kind == 6:
            pool.append(f"{place} Safeguarding Children Partnership web pages")
        elif kind == 7:
            pool.append(f"Minutes of {rng.choice(BODIES)} {when}")
        else:
            pool.append(f"Meeting document from {rng.choice(BODIES)} {when} - {title}")
    return tuple(dict.fromkeys(pool))
