"""Synthetic plans in both seed layouts, with their traps, and the truth they print.

``generate_plan(index, seed)`` writes one plan (even index: an action plan; odd: a
review table) and returns what a correct reader must read from it; with ``delivery=True``
(the benchmark's way) every third is a delivery plan read with the generic layout, whose
actions have a lead, a timescale and a RAG status. Organisations,
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

The words come from ``vocabulary`` and the shared pools from ``pools``; ``cells`` makes
the text of cells, ``action_plan``, ``review_table`` and ``delivery_plan`` write one layout each, ``truth``
holds what they print and ``generate`` picks the layout by index.
"""

from __future__ import annotations

from plangraph.bench.synth.generate import generate_plan, write_plans
from plangraph.bench.synth.truth import ActionTruth, ActivityTruth, MeasureTruth, PlanTruth

__all__ = ["ActionTruth", "ActivityTruth", "MeasureTruth", "PlanTruth", "generate_plan", "write_plans"]
