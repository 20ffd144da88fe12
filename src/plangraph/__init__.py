"""plangraph: read partnership plans into a knowledge graph of plans, partners and evidence.

>>> from plangraph import read_plan, seeds
>>> ex = read_plan(seeds()[1])
>>> ex.plan.layout
'action-plan'
"""

from __future__ import annotations

from plangraph.errors import PlangraphError, ReadError, UsageError
from plangraph.ingest import LAYOUTS, read_plan
from plangraph.resources import seeds

__all__ = ["LAYOUTS", "PlangraphError", "ReadError", "UsageError", "read_plan", "seeds"]
__version__ = "0.1.0"
