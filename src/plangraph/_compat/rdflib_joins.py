"""rdflib's SPARQL joins, OPTIONAL subqueries and MINUS evaluated by hashing, while asked.

rdflib evaluates a join lazily (the second part once for each solution of the first, with its
bindings) only when neither part holds a join; otherwise, and for MINUS, it compares every
solution of one side with every solution of the other. It evaluates an OPTIONAL subquery once
for each solution of the group, too. The named queries join subqueries so that Oxigraph can
hash them; rdflib's nested loops over those take minutes even on the two seed plans.

The functions here give rdflib's own rows in its own order, comparing a solution only with
those that agree with it on the variables the other side always binds; an OPTIONAL subquery
is evaluated once, on its own, as SPARQL evaluates a subquery. ``hash_joins()`` registers them
as an rdflib custom evaluation function for the duration of a query.

They reach into rdflib's private evaluator (``evalPart``, the algebra's ``lazy``, ``p1``,
``p2`` and ``expr``, a solution's ``_d``) and replace what ``evalJoin``, ``evalLeftJoin`` and
``evalMinus`` do, so they are registered only on the rdflib releases they were written for
(``TESTED_VERSIONS``) and only while every name they rely on is there (``patchable``).
Elsewhere rdflib's own evaluation runs: the same rows, only slower.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from plangraph._compat import installed_in

__all__ = ["hash_joins", "hash_join", "patchable", "TESTED_VERSIONS", "RELIES_ON"]

# the rdflib releases whose SPARQL evaluator the patch was written and checked against, by
# (major, minor): from the first up to, not including, the second
TESTED_VERSIONS = ((7, 0), (8, 0))
# (module, name): what of rdflib's the patch calls, reads or stands in for
RELIES_ON = (
    ("rdflib.plugins.sparql", "CUSTOM_EVALS"),
    ("rdflib.plugins.sparql.evaluate", "evalPart"),
    ("rdflib.plugins.sparql.evaluate", "evalJoin"),
    ("rdflib.plugins.sparql.evaluate", "evalLeftJoin"),
    ("rdflib.plugins.sparql.evaluate", "evalMinus"),
    ("rdflib.plugins.sparql.evalutils", "_join"),
    ("rdflib.plugins.sparql.evalutils", "_minus"),
    ("rdflib.plugins.sparql.operators", "TrueFilter"),
    ("rdflib.plugins.sparql.sparql", "FrozenDict"),
)
# what the patch asks of a solution (an rdflib FrozenDict), besides its private dict ``_d``
_SOLUTION_METHODS = ("compatible", "merge", "disjointDomain")
_HASH_JOINS = "plangraph-hash-joins"


@lru_cache(maxsize=1)
def patchable() -> bool:
    """True when the installed rdflib is a release the patch was written for
    (``TESTED_VERSIONS``) and still has every name of ``RELIES_ON``."""
    if not installed_in("rdflib", TESTED_VERSIONS):
        return False
    try:
        found = [getattr(importlib.import_module(module), name) for module, name in RELIES_ON]
    except (ImportError, AttributeError):
        return False
    frozen_dict = found[-1]
    return (all(callable(getattr(frozen_dict, m, None)) for m in _SOLUTION_METHODS)
            and hasattr(frozen_dict({}), "_d"))


@contextmanager
def hash_joins() -> Iterator[None]:
    """While inside, rdflib joins by hashing where it would compare every pair of solutions.

    rdflib evaluates lazily: read the rows inside. Outside, and on an rdflib the patch was not
    written for (``patchable``), rdflib evaluates queries as it always does.
    """
    if not patchable():
        # its private evaluator may be gone or work otherwise: left alone, rdflib gives the
        # same rows, only slower
        yield
        return
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS[_HASH_JOINS] = _evaluate_by_hashing
    try:
        yield
    finally:
        CUSTOM_EVALS.pop(_HASH_JOINS, None)


def _evaluate_by_hashing(ctx: Any, part: Any) -> Iterator[Any]:
    """rdflib's evaluation of a join, an OPTIONAL subquery or a MINUS, by hashing."""
    from rdflib.plugins.sparql.evaluate import evalPart
    from rdflib.plugins.sparql.operators import TrueFilter

    if part.name == "Join" and not part.lazy:
        return hash_join(evalPart(ctx, part.p1), set(evalPart(ctx, part.p2)))
    if part.name == "LeftJoin" and part.p2.name == "ToMultiSet" and part.expr is TrueFilter:
        return _hash_left_join(evalPart(ctx, part.p1), list(evalPart(ctx, part.p2)))
    if part.name == "Minus":
        return _hash_minus(evalPart(ctx, part.p1), set(evalPart(ctx, part.p2)))
    raise NotImplementedError  # rdflib's own evaluation


class _Buckets:
    """The solutions of one side of a join, found by the variables all of them bind.

    For a solution of the other side, ``candidates`` gives those that agree with it on the
    variables both bind among those (any other one disagrees on one of them, so is not
    compatible), in their order; all of them where it binds none.
    """

    def __init__(self, solutions: list[Any]) -> None:
        self.solutions = solutions
        self.shared = (sorted(set.intersection(*(set(s._d) for s in solutions)), key=str)
                       if solutions else [])
        self.indexes: dict[tuple[Any, ...], dict[tuple[Any, ...], list[Any]]] = {}

    def candidates(self, solution: Any) -> list[Any]:
        bound = solution._d
        keys = tuple(k for k in self.shared if k in bound)
        if not keys:
            return self.solutions
        index = self.indexes.get(keys)
        if index is None:
            index = self.indexes[keys] = defaultdict(list)
            for s in self.solutions:
                index[tuple(s._d[k] for k in keys)].append(s)
        return index.get(tuple(bound[k] for k in keys), [])


def hash_join(left: Iterable[Any], right: Iterable[Any]) -> Iterator[Any]:
    """rdflib's ``_join(left, right)``: the compatible pairs, merged, in the order of its
    nested loop."""
    buckets = _Buckets(list(right))
    for solution in left:
        for r in buckets.candidates(solution):
            if solution.compatible(r):
                yield solution.merge(r)


def _hash_left_join(left: Iterable[Any], right: list[Any]) -> Iterator[Any]:
    """SPARQL's LeftJoin with no filter: each left solution merged with every compatible right
    one, or alone where none is."""
    buckets = _Buckets(right)
    for solution in left:
        matched = False
        for r in buckets.candidates(solution):
            if solution.compatible(r):
                matched = True
                yield r.merge(solution)
        if not matched:
            yield solution


def _hash_minus(left: Iterable[Any], right: Iterable[Any]) -> Iterator[Any]:
    """rdflib's ``_minus(left, right)``: the left solutions that no right solution sharing a
    variable with them is compatible with."""
    buckets = _Buckets(list(right))
    for solution in left:
        if all(not solution.compatible(r) or solution.disjointDomain(r)
               for r in buckets.candidates(solution)):
            yield solution
