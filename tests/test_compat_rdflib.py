"""The contract of the rdflib patch in ``plangraph._compat.rdflib_joins`` with the installed
rdflib: the private names it relies on are still there, and it is applied and undone."""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import version
from typing import Any

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.sparql import FrozenDict

import plangraph._compat.rdflib_joins as compat_rdflib
from plangraph._compat import _release
from plangraph._compat.rdflib_joins import RELIES_ON, TESTED_VERSIONS, hash_joins, patchable
from plangraph.sparql import run_query


def test_the_installed_rdflib_is_one_the_patch_was_written_for() -> None:
    # when this fails after an upgrade, check the contract below with the new rdflib and widen
    # TESTED_VERSIONS; until then queries on rdflib run unpatched, correct but slower
    installed = _release(version("rdflib"))
    assert TESTED_VERSIONS[0] <= installed < TESTED_VERSIONS[1], installed
    assert patchable()


@pytest.mark.parametrize(("module", "name"), RELIES_ON, ids=[f"{m}.{n}" for m, n in RELIES_ON])
def test_rdflib_still_has_each_name_the_patch_relies_on(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name)


def test_rdflib_still_evaluates_the_parts_the_patch_takes_over_as_it_did() -> None:
    from rdflib.plugins.sparql import evaluate

    # custom evaluation functions are asked first, and may decline with NotImplementedError
    assert "CUSTOM_EVALS.items()" in inspect.getsource(evaluate.evalPart)
    assert "except NotImplementedError" in inspect.getsource(evaluate.evalPart)
    # an eager join and a MINUS compare every pair, with the functions the patch reproduces
    assert "join.lazy" in inspect.getsource(evaluate.evalJoin)
    assert "_join(a, b)" in inspect.getsource(evaluate.evalJoin)
    assert "_minus(a, b)" in inspect.getsource(evaluate.evalMinus)
    # a solution: its bindings in _d, and the methods the patch compares and merges it with
    solution = FrozenDict({"a": Literal("x")})
    assert solution._d == {"a": Literal("x")}
    assert solution.compatible(FrozenDict({"a": Literal("x")}))
    assert solution.disjointDomain(FrozenDict({"b": Literal("y")}))
    assert dict(solution.merge(FrozenDict({"b": Literal("y")}))) == {"a": Literal("x"), "b": Literal("y")}


def test_the_patch_is_applied_while_in_force_and_undone_after() -> None:
    before = dict(CUSTOM_EVALS)
    with hash_joins():
        added = {k: v for k, v in CUSTOM_EVALS.items() if k not in before}
        assert list(added.values()) == [compat_rdflib._evaluate_by_hashing]
    assert CUSTOM_EVALS == before


def test_the_patch_is_undone_when_the_query_fails() -> None:
    before = dict(CUSTOM_EVALS)
    with pytest.raises(RuntimeError), hash_joins():
        raise RuntimeError("the query failed")
    assert CUSTOM_EVALS == before


def test_a_query_gives_the_same_rows_with_and_without_the_patch(monkeypatch: pytest.MonkeyPatch) -> None:
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    for i in range(6):
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i % 3)))
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:q"), Literal(f"n{i % 2}")))
    text = """SELECT ?s ?o ?n ?m WHERE {
      { SELECT ?s ?o WHERE { ?s <urn:p> ?o } }
      { SELECT ?s ?n WHERE { ?s <urn:q> ?n } }
      { SELECT ?s (COUNT(*) AS ?m) WHERE { ?s ?p ?x } GROUP BY ?s }
      OPTIONAL { SELECT ?s WHERE { ?s <urn:p> 1 } }
      MINUS { ?s <urn:p> 2 }
    } ORDER BY ?s"""
    hashed: list[str] = []
    evaluate = compat_rdflib._evaluate_by_hashing

    def spy(ctx: Any, part: Any) -> Any:
        found = evaluate(ctx, part)
        hashed.append(part.name)
        return found

    monkeypatch.setattr(compat_rdflib, "_evaluate_by_hashing", spy)
    patched = run_query(text, dataset=ds)
    assert sorted(hashed) == ["Join", "LeftJoin", "Minus"]  # each kind of part the patch takes over
    hashed.clear()
    monkeypatch.setattr(compat_rdflib, "patchable", lambda: False)  # as on an rdflib it does not know
    assert run_query(text, dataset=ds) == patched
    assert hashed == []
    assert len(patched.rows) == 4
