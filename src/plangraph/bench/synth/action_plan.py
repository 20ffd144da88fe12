"""A synthetic action plan: priorities, outcomes coded ``1a:``, numbered performance
measures with their lead cells, and end-of-year updates, with the layout's traps."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from plangraph.bench.synth.cells import paragraph, split_cell
from plangraph.bench.synth.pools import generated_organisations, known_organisations, officer_pool
from plangraph.bench.synth.truth import MeasureTruth, PlanTruth
from plangraph.bench.synth.vocabulary import (ACTION_PRIORITIES, GROUPS, INTRO, MEASURE_TEMPLATES,
                                              OUTCOME_TITLES, PLACES, SPILL_CLOSE, SPILL_OPEN, WHATS)

__all__ = ["make_action_plan"]

# a page break must not leave a numeral at the start of a measures cell's second half: the
# reader would take it for a new measure, as it would in a real plan
_STARTS_NUMERAL = re.compile(r"^\(?[ivx]+\)")


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
            other = rng.choice([o for o in known_organisations() if o != org and org not in o])
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
    generated = generated_organisations()
    own = list(generated[place])
    neighbours = [o for p in rng.sample(PLACES, 3) if p != place for o in generated[p]]
    known = [o for o in known_organisations() if len(o.split()) > 1]
    return (rng.sample(own, min(6, len(own))) + rng.sample(neighbours, 3) + rng.sample(known, 3))


def make_action_plan(index: int, seed: int, rng: random.Random) -> tuple[str, str, PlanTruth]:
    """The action plan ``index`` of ``seed``: (file name, text, truth)."""
    place = PLACES[rng.randrange(len(PLACES))]
    year = rng.randint(2015, 2021)
    name = f"synth-{seed}-{index:04d}-{place.lower()}-action-plan.txt"
    header = (f"Outcomes\tPerformance measures\tEnd of Year Update on Actions from {year}-{year + 1}"
              "\tLead organisation")
    orgs = _pick_orgs(rng, place)
    officers = rng.sample(officer_pool(), 14)
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
                update = paragraph(rng, 1, 5) if rng.random() < 0.95 else ""
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
            lines.append(f"All outcomes\tRelevant performance measures\t{paragraph(rng, 1, 2)}\t"
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
                o1, o2 = split_cell(rng, out_cell, lambda h, t: bool(h) and not t[:1].isdigit())
                m1, m2 = split_cell(rng, meas, lambda h, t: " " in h and not _STARTS_NUMERAL.match(t))
                u1, u2 = split_cell(rng, update)
                l1, l2 = split_cell(rng, lead)
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
