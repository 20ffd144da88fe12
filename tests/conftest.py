"""Shared fixtures: the bundled seed plans, what the readers make of them, the seeds built
once per session exactly as ``plangraph build`` builds them (the same function), and the
hand-made expectations in ``tests/data/expected/`` (written from reading the documents,
not from the code's output)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from filelock import FileLock
from rdflib import Dataset

from plangraph.ingest import read_text
from plangraph.ingest.document import Document, read_document
from plangraph.model.records import Extraction
from plangraph.pipeline import build
from plangraph.pipeline.plans import map_one, plan_labels, read_plan, services_graph
from plangraph.resources import seeds
from plangraph.sparql import QueryResult, load_query, run_query
from plangraph.store import StoreLoader

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
ACTION_PLAN = SEEDS / "nottingham-cypp-2016-2020-action-plan.txt"
REVIEW_TABLE = SEEDS / "nottinghamshire-cyp-plan-review-2018.txt"
KENT = SEEDS / "kent-kcc-health-wellbeing-priorities-actions-2025.pdf"
# the two Nottingham plans, read by hand line by line (tests/data/expected/): the session's
# build is theirs, so that its tests can say exactly what each query and view answers; Kent,
# the third bundled plan, has its own build in test_kent.py
TEXT_SEEDS = (REVIEW_TABLE, ACTION_PLAN)
# the named queries about what only the items reader reads (due dates, statuses, shared outcome
# codes): the text seeds give them no rows, so test_items_queries compares the engines on Kent
ITEM_QUERIES = frozenset({"due-by", "status-summary", "outcome-contributions"})


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def action_doc() -> Document:
    return read_document(ACTION_PLAN)


@pytest.fixture(scope="session")
def review_doc() -> Document:
    return read_document(REVIEW_TABLE)


@pytest.fixture(scope="session")
def action_plan(action_doc: Document) -> Extraction:
    return read_text(action_doc)


@pytest.fixture(scope="session")
def review_table(review_doc: Document) -> Extraction:
    return read_text(review_doc)


@pytest.fixture(scope="session")
def action_expected() -> dict[str, Any]:
    return expected(ACTION_PLAN.stem)


@pytest.fixture(scope="session")
def review_expected() -> dict[str, Any]:
    return expected(REVIEW_TABLE.stem)


def shared_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str,
                 paths: list[Path], **options: Any) -> Path:
    """The output folder of ``build(paths, out, **options)``, made once for all the processes
    the suite runs in (the first to ask builds it, under a lock; the others wait for it)."""
    if worker_id == "master":  # one process
        out = tmp_path_factory.mktemp(name) / "build"
        build(paths, out, **options)
        return out
    shared = tmp_path_factory.getbasetemp().parent  # the base folder all the processes share
    out = shared / name / "build"
    with FileLock(str(shared / f"{name}.lock")):
        if not (shared / f"{name}.done").is_file():
            build(paths, out, **options)
            (shared / f"{name}.done").touch()
    return out


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The output folder of the build of the two text seeds (``TEXT_SEEDS``), made once by
    ``plangraph build``'s own function (once for all the processes the suite runs in): tests
    read its graph, store and pages, and must not change them."""
    return shared_build(tmp_path_factory, worker_id, "seeds", list(TEXT_SEEDS))


@pytest.fixture(scope="session")
def kent_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The output folder of Kent's plan built alone (``build([KENT], out, jobs=1)``, about 5 s;
    the seeds' build holds the two text seeds only), made once for all the processes the suite
    runs in: tests read its store and pages, and must not change them."""
    return shared_build(tmp_path_factory, worker_id, "kent", [KENT], jobs=1)


@pytest.fixture(scope="session")
def seeds_store_dir(seeds_build: Path) -> Path:
    """The seeds' store, as ``plangraph query`` finds it after ``plangraph build``."""
    return seeds_build / "store"


@pytest.fixture(scope="session")
def seeds_dataset(seeds_build: Path) -> Dataset:
    """The seeds' ``graph.trig``, read with rdflib (as ``plangraph query --graph`` reads it);
    shared by the whole session, so no test may change it."""
    return Dataset().parse(seeds_build / "graph.trig", format="trig")


@pytest.fixture(scope="session")
def seeds_rdflib_answer(seeds_dataset: Dataset) -> Callable[..., QueryResult]:
    """``answer(name, params)``: the named query's answer on the seeds' graph in rdflib, asked
    once per session (a second or so each; several modules compare it with other engines).
    Answers are shared: no test may change one."""
    answers: dict[tuple[str, tuple[tuple[str, Any], ...]], QueryResult] = {}

    def answer(name: str, params: dict[str, Any] | None = None) -> QueryResult:
        key = (name, tuple(sorted((params or {}).items())))
        if key not in answers:
            answers[key] = run_query(load_query(name), dataset=seeds_dataset, params=params or {})
        return answers[key]

    return answer


def dataset_of(*paths: Path) -> Dataset:
    """The graph ``plangraph build`` makes of ``paths``, as rdflib terms: each plan's triples
    from build's own steps (the ``graph.trig`` build writes holds exactly these quads, which
    test_build checks), without writing and parsing TriG."""
    pairs = [read_plan(path) for path in paths]
    labels = plan_labels(pairs)
    ds = Dataset()
    for plan, triples in [*(map_one(pair, labels) for pair in pairs), services_graph()]:
        graph = ds.graph(plan)
        graph.addN((s, p, o, graph) for s, p, o in triples)
    return ds


def store_of(ds: Dataset, path: Path) -> int:
    """A store at ``path`` holding ``ds``, loaded as ``plangraph build`` loads its store; the
    number of quads loaded."""
    data = ds.serialize(format="nquads", encoding="utf-8")
    with StoreLoader(path, pyoxigraph.RdfFormat.N_QUADS) as loader:
        loader.add(data, sum(len(g) for g in ds.graphs()))
        return loader.close()

