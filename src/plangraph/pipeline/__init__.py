"""The stages composed: what ``plangraph build``, the benchmark and the tests all run.

- :mod:`~plangraph.pipeline.pool`: worker processes, one per processor;
- :mod:`~plangraph.pipeline.plans`: the per-plan steps (read, map, validate, TriG);
- :mod:`~plangraph.pipeline.outputs`: the staging folder and the move into place;
- :mod:`~plangraph.pipeline.build`: ``build``, all of them in order.
"""

from __future__ import annotations

from plangraph.pipeline.build import OUTPUTS, BuildResult, build
from plangraph.pipeline.plans import graph_trig, read_all, read_plan

__all__ = ["OUTPUTS", "BuildResult", "build", "graph_trig", "read_all", "read_plan"]
