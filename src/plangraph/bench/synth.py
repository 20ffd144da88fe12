"""Synthetic plans in both seed layouts, with their traps, and the truth they print.

``generate_plan(index, seed)`` writes one plan (even index: an action plan; odd: a
review table) and returns what a correct reader must read from it. Organisations,
officers, services and evidence sources come from pools shared by every plan, so a
region of generated plans cites the same bodies, people and reports again and again.

Traps made (each one read correctly by the readers; see ``tests/test_synth.py``):
page breaks every few rows (a blank line and the header row repeated), page breaks in
the middle of a row (every cell cut at a space, the row continued on the next line
with its first cells empty), update or evidence text continued over several lines, two
measures in one cell with stacked or shared leads, numerals printed ``i)``, ``iii).``,
``iv).Text``, ``(v)``, ``ii)Text``; outcome codes ``1a:`` and ``2.a:``; a lead cell with
only a person, an empty lead cell, officers run together with no separator, a sentence
spilling into the next row's update cell (previous update ends on a function word, the
next cell starts lower case), an "All outcomes" row; review priorities in any order,
1-4 evidence sources per cell joined by `` ; ``, `` ; and ``, `` and `` and ``, `` with
``<i>titles</i>`` holding commas and "and", URLs, and evidence with figures.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plangraph.resources import data_file

__all__ = ["ActivityTruth", "MeasureTruth", "PlanTruth", "generate_plan", "write_plans"]


@dataclass(frozen=True)
class MeasureTruth:
    priority: str
    outcome: str | None
    numeral: str
    text: str
    organisations: tuple[str, ...]
    officers: tuple[str, ...]


@dataclass(frozen=True)
class ActivityTruth:
    priority: str
    number: str
    text: str
    sources: tuple[str, ...]  # each source as printed (with <i> tags)


@dataclass(frozen=True)
class PlanTruth:
    file: str
    layout: str
    priorities: tuple[str, ...]
    outcomes: tuple[str | None, ...]
    measures: tuple[MeasureTruth, ...]
    activities: tuple[ActivityTruth, ...]


# -- pools -------------------------------------------------------------------------------

PLACES = (
    "Westshire", "Eastford", "Northbridge", "Southmoor", "Kingsbury", "Ashdale", "Brackenfield",
    "Coldwater", "Dunmere", "Elmstead", "Fairhaven", "Greywell", "Hartmoor", "Larkhill",
    "Millbrook", "Oakhurst", "Pennington", "Redcliffe", "Stonebury", "Thornfield", "Whitecross",
    "Yarrowby", "Bramley", "Copperdale",
)
ORG_KINDS = (
    "Borough Council", "County Council", "City Council", "NHS Foundation Trust", "NHS Trust",
    "Integrated Care Board", "Police", "Safeguarding Children Partnership",
    "Community Health Services", "Youth Justice Service", "Children and Families Partnership",
    "Voluntary Sector Forum", "College", "Fire and Rescue Service", "Public Health Directorate",
    "Housing Alliance",
)
FIRST_NAMES = (
    "Ann", "Tom", "Priya", "Daniel", "Grace", "Omar", "Helen", "Mark", "Aisha", "Peter", "Ruth",
    "Sanjay", "Claire", "Liam", "Fatima", "Gareth", "Joanne", "Kwame", "Lucy", "Martin", "Nadia",
    "Owen", "Rachel", "Simon", "Tariq", "Una", "Victor", "Wendy", "Yusuf", "Zoe",
)
LAST_NAMES = (
    "Bell", "Cole", "Patel", "Hughes", "Osei", "Walsh", "Khan", "Price", "Turner", "Doyle", "Reid",
    "Shah", "Morgan", "Fraser", "Begum", "Lloyd", "Okafor", "Quinn", "Barker", "Ellis", "Nolan",
    "Sharma", "Porter", "Dixon", "Marsh", "Rowe", "Hale", "Finch", "Lowe", "Baines",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September",
          "October", "November", "December")
ROLES = (
    "Group Manager, Early Help", "Senior Public Health and Commissioning Manager",
    "Service Director, Youth, Families and Social Work",
    "Performance Business Partner, Performance, Intelligence and Policy Resources",
    "Children's Workforce Development Manager", "Head of Service, Education Improvement",
    "Designated Nurse, Safeguarding Children", "Team Manager, Leaving Care",
)
BODIES = (
    "Children's Trust Executive", "Children & Young People's Committee", "Children's Trust Board",
    "the Health and Wellbeing Board", "the Schools Forum", "the Corporate Parenting Panel",
)
TITLE_HEADS = (
    "Mid-Year Review of the Children, Young People and Families Plan",
    "Performance Reporting (Quarter {q} {y}/{y1}) Services for Children and Young People",
    "Early Help, Prevention and Family Support Annual Report {y}/{y1}",
    "Annual Refresh of the Local Transformation Plan for Emotional and Mental Health",
    "Looked After Children and Care Leavers Strategy {y}-{y3}",
    "Special Educational Needs and Disabilities (SEND) Strategic Action Plan",
    "Child Sexual Exploitation, Missing and Trafficked Children: six monthly progress",
    "Closing the Gaps in Attainment, Progress and Attendance",
    "School Place Planning, Admissions and Sufficiency Strategy",
    "Youth Justice Strategy {y}-{y1}, Annual Progress and Next Steps",
    "Healthy Child Programme and Public Health Nursing Service, Year One Review",
    "Recruitment and Retention of Social Workers, Progress Report",
)

ACTION_PRIORITIES = (
    "Promoting the health and wellbeing of babies, children and young people",
    "Safeguarding and supporting children and families",
    "Supporting achievement and academic attainment",
    "Empowering families to be strong and achieve economic wellbeing",
    "Helping young people prepare for adult life and work",
    "Reducing the impact of poverty on children",
)
OUTCOME_TITLES = (
    "Good maternal health and healthy babies", "Children and young people adopt healthy lifestyles",
    "Children and young people have positive mental health", ("Young people have a positive "
    "approach towards risk taking"), "Young people are ready for independence",
    "Children and young people are safe", "Children are ready for school",
    "Children from disadvantaged groups achieve their potential",
    "Parents feel confident and equipped to address family issues",
    "Parents are supported into education, employment or training",
    "Young carers are identified and supported", "Care leavers have a settled home",
)
MEASURE_TEMPLATES = (
    "Percentage of {group} who {what}", "Number of {group} who {what}",
    "Rate of {group} who {what} per 1000 population", "Proportion of {group} who {what}",
    "Number and rate of {group} who {what}", "Gap between {group} and their peers who {what}",
)
GROUPS = (
    "year 6 children", "children aged five", "young people aged 16-18", "looked after children",
    "care leavers", "pupils with SEND", "eligible 2 year olds", "mothers", "young carers",
    "children in need", "families supported", "young people leaving treatment",
)
WHATS = (
    "are obese", "have tooth decay", "are not in education, employment or training",
    "achieve a good level of development", "are admitted to hospital for self-harm",
    "take up free nursery provision", "smoke at the time of delivery", "are permanently excluded",
    "become subject to a child protection plan for a second time",
    "enter the youth justice system for the first time", "reoffend within a year",
    "breastfeed at 6-8 weeks", "have received 3 doses of vaccine by their first birthday",
    "leave school with no qualifications", "are persistently absent from school",
)
ACTIVITY_TEMPLATES = (
    "To deliver better {x} across {y}", "To improve the timeliness of {x}",
    "To implement plans for {x} and review their impact on {y}", "To strengthen {x} so that {y} are supported",
    "To continue to develop an effective working relationship with {y} to improve {x}",
    "To commission {x} for {y} by March {year}", "To embed fully {x} and review it",
)
ACTIVITY_X = (
    "assessment and planning for families", "access to mental health services",
    "early identification of emerging threats", "transitions between children's and adult services",
    "take up of early education places", "the health pathway for children in care",
    "the recruitment and retention of social workers", "support for young carers",
    "preventative work with families", "the local offer for disabled children",
)
ACTIVITY_Y = (
    "early help services", "children and young people", "all publicly funded schools",
    "families with complex needs", "partners in health and social care", "care leavers",
    "young people at risk of exploitation", "disabled young people",
)
SPILL_OPEN = (
    "Work is led jointly with the clinics and", "Sessions were delivered in partnership with",
    "Referrals are now accepted directly from", "The new pathway is being shared with",
)
SPILL_CLOSE = (
    "pharmacies across the county.", "schools and colleges in every locality.",
    "health visitors and school nurses.", "voluntary sector partners and faith groups.",
)
INTRO = ("Please note that this action plan is marked 'in progress'. It is intended to be a 'live' "
         "document, kept current by partners sharing their actions as plans are developed.")


def _csv_rows(name: str) -> list[dict[str, str]]:
    with data_file(name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def _known_organisations() -> tuple[str, ...]:
    return tuple(row["name"] for row in _csv_rows("organisations.csv"))


@lru_cache(maxsize=1)
def _services() -> tuple[str, ...]:
    return tuple(row["label"] for row in _csv_rows("services.csv"))


@lru_cache(maxsize=1)
def _generated_organisations() -> dict[str, tuple[str, ...]]:
    """Each place's bodies; a name holding a known organisation's name is left out
    (the reader would find the known name inside it)."""
    known = re.compile(r"(?<![\w'])(?:" + "|".join(
        re.escape(n) for n in sorted(_known_organisations(), key=len, reverse=True)) + r")(?![\w'])")
    return {
        place: tuple(f"{place} {kind}" for kind in ORG_KINDS if not known.search(f"{place} {kind}"))
        for place in PLACES
    }


@lru_cache(maxsize=1)
def _officers() -> tuple[str, ...]:
    pool = random.Random("plangraph-officers")
    names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    pool.shuffle(names)
    return tuple(names[:240])


@lru_cache(maxsize=1)
def _sources() -> tuple[str, ...]:
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


PERSONAL = ("conversation with the {r}", "conversations with the {r}", "information from the {r}",
            "information provided by the {r}")


# -- text ----------------------------------------------------------------------------------

def _figure_sentence(rng: random.Random) -> str:
    service = rng.choice(_services())
    choices = (
        f"{rng.randint(5, 95)}.{rng.randint(1, 9)}% of pupils in the area now use {service}.",
        (f"{rng.randint(1, 9)},{rng.randint(100, 999)} referrals were received by {service} during "
        f"{rng.choice(('2017/18', '2018/19', 'the year'))}."),
        (f"{service} supported {rng.randint(12, 900)} young people and trained {rng.randint(10, 400)} "
        "professionals."),
        (f"The rate fell from {rng.randint(20, 40)}.{rng.randint(0, 9)} to {rng.randint(10, 19)}."
        f"{rng.randint(0, 9)} per 1000, below the England average of {rng.randint(15, 25)}.{rng.randint(0, 9)}."),
        (f"An independent evaluation of {service} identified strengths and a number of areas for "
        "improvement."),
        f"Partners agreed a joint action plan with {service}, reviewed every quarter by the board.",
        (f"Waiting times for {service} reduced to an average of {rng.randint(2, 12)}.{rng.randint(10, 99)} "
        "weeks."),
        f"Work with {service} continues and a further {rng.randint(2, 30)} sessions are planned.",
    )
    return rng.choice(choices)


def _paragraph(rng: random.Random, low: int, high: int) -> str:
    return " ".join(_figure_sentence(rng) for _ in range(rng.randint(low, high)))


def _cut_points(text: str) -> list[int]:
    return [m.start() for m in re.finditer(" ", text)]


def _split_cell(
    rng: random.Random, text: str, ok: Callable[[str, str], bool] = lambda head, tail: True
) -> tuple[str, str]:
    """Cut ``text`` at a space near its middle into two halves (the second may be empty)."""
    spaces = [s for s in _cut_points(text) if ok(text[:s], text[s + 1:])]
    if not spaces:
        return text, ""
    middle = len(spaces) // 2
    cut = spaces[max(0, min(len(spaces) - 1, middle + rng.randint(-2, 2)))]
    return text[:cut], text[cut + 1:]


_STARTS_NUMERAL = re.compile(r"^\(?[ivx]+\)")


# -- action plan ---------------------------------------------------------------------------

@dataclass
class _ARow:
    cells: list[str]  # outcome, measures, update, lead
    spill_target: bool = False


def _numeral(n: int) -> str:
    return ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")[n - 1]


def _print_numeral(rng: random.Random, numeral: str, text: str, second: bool) -> str:
    style = rng.random()
    if style < 0.55:
        return f"{numeral}) {text}"
    if style < 0.7:
        return f"{numeral}). {text}"
    if style < 0.82:
        return f"{numeral}).{text}"
    if style < 0.9 and not second:
        return f"{numeral}){text}"
    return f"({numeral}) {text}"


def _measure_text(rng: random.Random) -> str:
    text = rng.choice(MEASURE_TEMPLATES).format(group=rng.choice(GROUPS), what=rng.choice(WHATS))
    if rng.random() < 0.2:
        text += f" ({rng.choice(PLACES)} Plan target)"
    return text


def _lead(rng: random.Random, orgs: list[str], officers: list[str], measures: int,
          ) -> tuple[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """A lead cell and what each of ``measures`` measures reads from it."""
    org = rng.choice(orgs)
    p1, p2 = rng.sample(officers, 2)
    r = rng.random()
    if measures == 2:
        if r < 0.3:  # stacked, one organisation printed twice
            return f"{org} {p1} {org} {p2}", [((org,), (p1,)), ((org,), (p2,))]
        if r < 0.45:  # stacked, the second body from the reference data
            other = rng.choice([o for o in _known_organisations() if o != org and org not in o])
            return f"{org} {p1} {other} {p2}", [((org,), (p1,)), ((other,), (p2,))]
        if r < 0.6:  # two officers run together: the second inherits the organisation
            return f"{org} {p1} {p2}", [((org,), (p1,)), ((org,), (p2,))]
        if r < 0.7:
            return "", [((), ()), ((), ())]
        if r < 0.85:
            return f"{org} {p1}/{p2}", [((org,), (p1, p2))] * 2
        return f"{org} {p1}", [((org,), (p1,))] * 2
    if r < 0.45:
        return f"{org} {p1}", [((org,), (p1,))]
    if r < 0.55:
        return f"{org} {p1}/{p2}", [((org,), (p1, p2))]
    if r < 0.62:
        return f"{org} {p1} & {p2}", [((org,), (p1, p2))]
    if r < 0.7:
        return f"{org} {p1} {p2}", [((org,), (p1, p2))]
    if r < 0.8:
        return org, [((org,), ())]
    if r < 0.9:
        return p1, [((), (p1,))]
    return "", [((), ())]


def _pick_orgs(rng: random.Random, place: str) -> list[str]:
    generated = _generated_organisations()
    own = list(generated[place])
    neighbours = [o for p in rng.sample(PLACES, 3) if p != place for o in generated[p]]
    known = [o for o in _known_organisations() if len(o.split()) > 1]
    return (rng.sample(own, min(6, len(own))) + rng.sample(neighbours, 3) + rng.sample(known, 3))


def _action_plan(index: int, seed: int, rng: random.Random) -> tuple[str, str, PlanTruth]:
    place = PLACES[rng.randrange(len(PLACES))]
    year = rng.randint(2015, 2021)
    name = f"synth-{seed}-{index:04d}-{place.lower()}-action-plan.txt"
    header = (f"Outcomes\tPerformance measures\tEnd of Year Update on Actions from {year}-{year + 1}"
              "\tLead organisation")
    orgs = _pick_orgs(rng, place)
    officers = rng.sample(_officers(), 14)
    target = round(40 * rng.uniform(0.7, 1.3))
    n_priorities = rng.randint(3, 5)
    titles = rng.sample(ACTION_PRIORITIES, n_priorities)
    per_priority = [target // n_priorities + (1 if k < target % n_priorities else 0)
                    for k in range(n_priorities)]
    dotted = rng.random() < 0.3

    lines = [f"{place} Children and Young People's Plan {year}-{year + 4} Action Plan", "", INTRO, ""]
    measures: list[MeasureTruth] = []
    outcomes: list[str] = []
    for p, (title, count) in enumerate(zip(titles, per_priority), 1):
        lines += [f"Priority {p}. {title}", "", header]
        rows: list[_ARow] = []
        letters = "abcdefgh"
        remaining = count
        o = 0
        while remaining > 0:
            in_outcome = min(remaining, rng.randint(2, 7))
            remaining -= in_outcome
            code = f"{p}{letters[o]}"
            printed_code = f"{p}.{letters[o]}:" if dotted else f"{code}:"
            outcomes.append(code)
            o += 1
            n = 1
            first = True
            while n <= in_outcome:
                two = n + 1 <= in_outcome and rng.random() < 0.15
                k = 2 if two else 1
                texts = [_measure_text(rng) for _ in range(k)]
                cell = " ".join(_print_numeral(rng, _numeral(n + j), texts[j], j > 0) for j in range(k))
                lead, reads = _lead(rng, orgs, officers, k)
                for j in range(k):
                    measures.append(MeasureTruth(str(p), code, _numeral(n + j), texts[j], *reads[j]))
                update = _paragraph(rng, 1, 5) if rng.random() < 0.95 else ""
                out_cell = f"{printed_code} {rng.choice(OUTCOME_TITLES)}" if first else ""
                rows.append(_ARow([out_cell, cell, update, lead]))
                first = False
                n += k
        # A sentence spilling into the next row's update cell.
        for r in range(len(rows) - 1):
            if rng.random() < 0.12 and rows[r].cells[2] and not rows[r].spill_target:
                rows[r].cells[2] += " " + rng.choice(SPILL_OPEN)
                rows[r + 1].cells[2] = (rng.choice(SPILL_CLOSE) + " " + rows[r + 1].cells[2]).strip()
                rows[r + 1].spill_target = True
        lines += _layout_action(rng, rows, header)
        if p == n_priorities and rng.random() < 0.5:
            lines.append(f"All outcomes\tRelevant performance measures\t{_paragraph(rng, 1, 2)}\t"
                         f"{rng.choice(orgs)}")
        lines.append("")
    truth = PlanTruth(name, "action-plan", tuple(str(p) for p in range(1, n_priorities + 1)),
                      tuple(outcomes), tuple(measures), ())
    return name, "\n".join(lines) + "\n", truth


def _layout_action(rng: random.Random, rows: list[_ARow], header: str) -> list[str]:
    out: list[str] = []
    every = rng.randint(3, 6)
    since = 0
    for row in rows:
        out_cell, meas, update, lead = row.cells
        if since >= every:
            since = 0
            if not row.spill_target and rng.random() < 0.5:
                # The page breaks in the middle of this row.
                o1, o2 = _split_cell(rng, out_cell, lambda h, t: bool(h) and not t[:1].isdigit())
                m1, m2 = _split_cell(rng, meas, lambda h, t: " " in h and not _STARTS_NUMERAL.match(t))
                u1, u2 = _split_cell(rng, update)
                l1, l2 = _split_cell(rng, lead)
                out += [f"{o1}\t{m1}\t{u1}\t{l1}", "", header, f"{o2}\t{m2}\t{u2}\t{l2}"]
                since = 1
                continue
            out += ["", header]
        if update and rng.random() < 0.15 and not row.spill_target:
            sentences = re.split(r"(?<=\.) (?=[A-Z])", update)
            if len(sentences) > 1:
                cut = rng.randint(1, len(sentences) - 1)
                out.append("\t".join((out_cell, meas, " ".join(sentences[:cut]), lead)))
                out += [f"\t\t{s}\t" for s in sentences[cut:]]
                since += 1
                continue
        out.append("\t".join(row.cells))
        since += 1
    return out


# -- review table --------------------------------------------------------------------------

REVIEW_PRIORITIES = (
    "CHILDREN AND YOUNG PEOPLE ARE SAFE IN {P}", "CHILDREN AND YOUNG PEOPLE ARE HAPPY AND HEALTHY IN {P}",
    "CHILDREN AND YOUNG PEOPLE ACHIEVE THEIR POTENTIAL IN {P}",
    "CHILDREN, YOUNG PEOPLE AND FAMILIES RECEIVE SUPPORT WHEN NEEDED IN {P}",
    "YOUNG PEOPLE ARE READY FOR ADULT LIFE IN {P}",
)
REVIEW_HEADER = "\tKey activities\tEvidence source\tEvidence of achievement"


def _source_cell(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    pool = _sources()
    count = rng.choices((1, 2, 3, 4), weights=(3, 4, 3, 2))[0]
    personal = rng.random() < 0.45
    docs = count - 1 if personal else count
    picked: list[str] = []
    while len(picked) < docs:
        # Skewed towards the front of the pool: many plans cite the same sources.
        source = pool[min(int(rng.expovariate(1 / 18)), len(pool) - 1)]
        if source not in picked:
            picked.append(source)
    if personal:
        picked.append(rng.choice(PERSONAL).format(r=rng.choice(ROLES)))
    if not picked:
        picked.append(pool[0])
    cell = picked[0]
    for k, source in enumerate(picked[1:], 1):
        before = picked[k - 1]
        joins = [" ; ", " ; ", " ; and "]
        if source.startswith(("conversation", "information")) or before.endswith("</i>"):
            joins.append(" and ")
        # ", " after a URL is not offered: the reader's URL zone swallows the comma
        # ("...plan.pdf, conversation with ...") and the two sources stay one.
        if source.startswith(("<i>", "conversation", "information")) and not re.search(
                r"https?://\S+$", before):
            joins.append(", ")
        cell += rng.choice(joins) + source
    return cell, tuple(picked)


def _review_table(index: int, seed: int, rng: random.Random) -> tuple[str, str, PlanTruth]:
    place = PLACES[rng.randrange(len(PLACES))]
    year = rng.randint(2016, 2022)
    name = f"synth-{seed}-{index:04d}-{place.lower()}-plan-review.txt"
    n_priorities = rng.randint(3, 5)
    order = list(range(1, n_priorities + 1))
    rng.shuffle(order)
    target = round(20 * rng.uniform(0.7, 1.3))
    counts = [target // n_priorities + (1 if k < target % n_priorities else 0) for k in range(n_priorities)]
    lines = [f"{place} Children, Young People and Families Plan: Review {year}", ""]
    activities: list[ActivityTruth] = []
    for p, count in zip(order, counts):
        heading = REVIEW_PRIORITIES[p - 1].format(P=place.upper())
        lines += [f"Priority {p} {heading}", "", REVIEW_HEADER]
        every = rng.randint(3, 5)
        since = 0
        for number in range(1, count + 1):
            text = rng.choice(ACTIVITY_TEMPLATES).format(
                x=rng.choice(ACTIVITY_X), y=rng.choice(ACTIVITY_Y), year=year + 1)
            cell, sources = _source_cell(rng)
            evidence = _paragraph(rng, 2, 6)
            activities.append(ActivityTruth(str(p), str(number), text, sources))
            printed_number = f"{number}." if rng.random() < 0.1 else str(number)
            cells = (printed_number, text, cell, evidence)
            if since >= every:
                since = 0
                if rng.random() < 0.5:
                    halves = [_split_cell(rng, c) for c in cells[1:]]
                    lines.append("\t".join((printed_number, *(h for h, _ in halves))))
                    lines += ["", REVIEW_HEADER, "\t".join(("", *(t for _, t in halves)))]
                    since = 1
                    continue
                lines += ["", REVIEW_HEADER]
            if rng.random() < 0.12:
                sentences = re.split(r"(?<=\.) (?=[A-Z])", evidence)
                if len(sentences) > 1:
                    lines.append("\t".join((printed_number, text, cell, sentences[0])))
                    lines.append("\t".join(("", "", "", " ".join(sentences[1:]))))
                    since += 1
                    continue
            lines.append("\t".join(cells))
            since += 1
        lines.append("")
    truth = PlanTruth(name, "review-table", tuple(str(p) for p in order), (), (), tuple(activities))
    return name, "\n".join(lines) + "\n", truth


# -- API -----------------------------------------------------------------------------------

def generate_plan(index: int, seed: int = 0) -> tuple[str, str, PlanTruth]:
    """One synthetic plan: (file name, text, truth). Even index: action plan; odd: review."""
    rng = random.Random(f"{seed}-{index}")
    if index % 2 == 0:
        return _action_plan(index, seed, rng)
    return _review_table(index, seed, rng)


def write_plans(n: int, out_dir: Path, seed: int = 0) -> list[PlanTruth]:
    """Write ``n`` synthetic plans into ``out_dir``; return their truth in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for index in range(n):
        name, text, truth = generate_plan(index, seed)
        (out_dir / name).write_text(text, encoding="utf-8")
        truths.append(truth)
    return truths
