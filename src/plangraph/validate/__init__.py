"""Graph -> validation report: the SHACL shapes of ``shapes/`` checked plan by plan.

Results are named for people: each focus node by its label and the ``file:line`` it was
read from, grouped by rule and message. Only Violations make a graph non-conforming;
Warnings and Infos are reported for a person to check.

The stage's modules, one concern each: ``shacl`` runs pySHACL on each plan's graph, which
``indexed`` serves from plain dict indexes; ``labels`` names nodes for people; ``report``
holds the results and ``render`` writes them out as text or JSON-ready data.
"""

from __future__ import annotations

from plangraph.validate.labels import label_of, location_of
from plangraph.validate.render import report_to_dict, report_to_text, summary_line
from plangraph.validate.report import ValidationReport, ValidationResult
from plangraph.validate.shacl import load_shapes, plan_graphs, validate_dataset, validate_graph, validate_triples

__all__ = [
    "ValidationResult",
    "ValidationReport",
    "load_shapes",
    "plan_graphs",
    "validate_graph",
    "validate_triples",
    "validate_dataset",
    "label_of",
    "location_of",
    "summary_line",
    "report_to_text",
    "report_to_dict",
]
