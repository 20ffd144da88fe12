"""The embedded Oxigraph store: the loader build uses loads every quad, open_store finds it or says why not;
load_graph_file reads a graph file into memory with its named graphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from plangraph.errors import PlangraphError, ReadError
from conftest import store_of
from plangraph.store import NO_STORE, load_graph_file, open_store

PLAN = "https://w3id.org/plangraph/id/plan/"


@pytest.fixture(scope="module")
def dataset(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


def test_write_then_open_round_trips_every_quad(dataset: Dataset, tmp_path: Path) -> None:
    expected = sum(len(g) for g in dataset.graphs())
    assert expected > 10_000  # both seed plans, not an empty dataset
    count = store_of(dataset, tmp_path / "store")
    assert count == expected
    store = open_store(tmp_path / "store")
    assert len(store) == expected
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {g for g in graphs if g.startswith(PLAN)} == {
        PLAN + "nottingham-cypp-2016-2020", PLAN + "nottinghamshire-cyp-plan-review-2018"}


def test_store_holds_the_same_quads_as_the_dataset(dataset: Dataset, tmp_path: Path) -> None:
    store_of(dataset, tmp_path / "store")
    # the quads rdflib holds, in Oxigraph's terms
    expected = set(pyoxigraph.parse(dataset.serialize(format="nquads", encoding="utf-8"),
                                    format=pyoxigraph.RdfFormat.N_QUADS))
    assert len(expected) == sum(len(g) for g in dataset.graphs())
    assert set(open_store(tmp_path / "store")) == expected


def test_another_process_can_open_the_store_for_writing(dataset: Dataset, tmp_path: Path) -> None:
    # Read-write opening takes RocksDB's lock: it fails if the loader left the store open.
    count = store_of(dataset, tmp_path / "store")
    probe = "import sys, pyoxigraph; print(len(pyoxigraph.Store(sys.argv[1])))"
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "store")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == count


def test_writing_over_a_store_replaces_its_contents(dataset: Dataset, tmp_path: Path) -> None:
    small = Dataset()
    stale = URIRef("urn:stale")
    small.graph(URIRef("urn:g")).add((stale, stale, Literal("old")))
    assert store_of(small, tmp_path / "store") == 1
    count = store_of(dataset, tmp_path / "store")
    store = open_store(tmp_path / "store")
    assert len(store) == count == sum(len(g) for g in dataset.graphs())
    assert list(store.quads_for_pattern(pyoxigraph.NamedNode(str(stale)), None, None, None)) == []
    assert "urn:g" not in {g.value for g in store.named_graphs()}


def test_the_loader_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(PlangraphError, match="not a plangraph store"):
        store_of(Dataset(), folder)
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("make", ["missing", "empty", "other"])
def test_open_store_says_build_first_and_creates_nothing(tmp_path: Path, make: str) -> None:
    path = tmp_path / "store"
    if make != "missing":
        path.mkdir()
    if make == "other":
        (path / "graph.trig").write_text("", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ReadError) as caught:
        open_store(path)
    assert caught.value.exit_code == 3
    assert str(caught.value) == f"{path}: {NO_STORE}"
    assert "run plangraph build first" in str(caught.value)
    assert sorted(tmp_path.rglob("*")) == before


# -- graph files loaded in memory (plangraph query/push --graph) ------------------------------

def test_load_graph_file_keeps_the_named_graphs_of_trig_and_nquads(dataset: Dataset, seeds_build: Path,
                                                                   tmp_path: Path) -> None:
    # the quads rdflib holds of the seeds' graph, in Oxigraph's terms
    nquads = dataset.serialize(format="nquads", encoding="utf-8")
    expected = set(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS))
    assert len({q.graph_name for q in expected}) == 3  # two plans and the services
    (tmp_path / "graph.nq").write_bytes(nquads)
    # the TriG that build wrote, and N-Quads that rdflib wrote
    for path in (seeds_build / "graph.trig", tmp_path / "graph.nq"):
        assert set(load_graph_file(path)) == expected, path.name


def test_a_turtle_file_of_one_plan_goes_into_its_plan_graph(dataset: Dataset, tmp_path: Path) -> None:
    plan = URIRef(PLAN + "nottingham-cypp-2016-2020")
    path = tmp_path / "plan.ttl"
    path.write_text(dataset.graph(plan).serialize(format="turtle"), encoding="utf-8")
    store = load_graph_file(path)
    assert [g.value for g in store.named_graphs()] == [str(plan)]
    assert len(store) == len(dataset.graph(plan))
    assert list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())) == []


def test_a_turtle_file_without_one_plan_stays_in_the_default_graph(tmp_path: Path) -> None:
    path = tmp_path / "two.nt"
    plan = "<https://w3id.org/plangraph/def/core#Plan>"
    kind = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    path.write_text(f"<urn:a> {kind} {plan} .\n<urn:b> {kind} {plan} .\n", encoding="utf-8")
    store = load_graph_file(path)
    assert list(store.named_graphs()) == []
    assert len(store) == 2


@pytest.mark.parametrize(("name", "text", "message"), [
    ("graph.json", "{}", "unknown graph format"),
    ("missing.trig", None, "no such graph file"),
    ("bad.ttl", "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n", "not valid Turtle"),
])
def test_load_graph_file_errors_name_the_file(name: str, text: str | None, message: str, tmp_path: Path) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        load_graph_file(path)
    assert caught.value.exit_code == 3 and caught.value.file == str(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    if name == "bad.ttl":
        assert caught.value.line == 2


def test_the_loader_loads_chunks_that_shrink_as_the_end_nears(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from plangraph.store import StoreLoader

    loaded: list[int] = []
    real_load = StoreLoader._load

    def counting_load(self: StoreLoader, store: pyoxigraph.Store, chunk: Path) -> None:
        before = len(store)
        real_load(self, store, chunk)
        loaded.append(len(store) - before)

    monkeypatch.setattr(StoreLoader, "_load", counting_load)
    head = b"@prefix x: <urn:x:> .\n"
    blocks = [f"<urn:g{g}> {{ {' '.join(f'x:s{i} x:p {i} .' for i in range(10))} }}\n".encode()
              for g in range(40)]  # 40 graphs of 10 quads
    with StoreLoader(tmp_path / "store", pyoxigraph.RdfFormat.TRIG, head=head, batch=100) as loader:
        for k, block in enumerate(blocks, start=1):
            loader.add(block, 10, remaining=10 * (len(blocks) - k))
        count = loader.close()
    assert count == 400 == len(open_store(tmp_path / "store"))
    assert sum(loaded) == 400
    # a full batch at a time while much is still to come, then smaller and smaller chunks:
    # what is left to load after the last block is one block, not a batch
    assert loaded[0] == 100 and loaded[-1] == 10
    assert loaded == sorted(loaded, reverse=True)
    assert not list(tmp_path.glob(".load.*"))  # its chunk files are gone


def test_the_loader_reports_a_failed_load_at_the_next_block(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from plangraph.store import StoreLoader

    def failing_load(self: StoreLoader, store: pyoxigraph.Store, chunk: Path) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(StoreLoader, "_load", failing_load)
    block = b"<urn:g> { <urn:s> <urn:p> <urn:o> . }\n"
    added = 0
    with pytest.raises(PlangraphError, match="the store could not be loaded .no space left on device"):
        with StoreLoader(tmp_path / "store", pyoxigraph.RdfFormat.TRIG, batch=1) as loader:
            for _ in range(100):  # each block is a chunk of its own
                loader.add(block, 1)
                added += 1
            loader.close()
    # at most two chunks wait for the loader, which took the second only after the first failed:
    # the fifth add at the latest says so
    assert added <= 4
    assert not list(tmp_path.glob(".load.*"))


def test_the_loader_compacts_the_store_once_after_the_last_chunk(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # a store opened read-only never compacts the files each chunk left: the loader must
    from plangraph.store import StoreLoader

    events: list[str] = []
    real_load, real_optimize = StoreLoader._load, StoreLoader._optimize

    def logging_load(self: StoreLoader, store: pyoxigraph.Store, chunk: Path) -> None:
        real_load(self, store, chunk)
        events.append("load")

    def logging_optimize(self: StoreLoader, store: pyoxigraph.Store) -> None:
        events.append(f"optimize {len(store)}")
        real_optimize(self, store)

    monkeypatch.setattr(StoreLoader, "_load", logging_load)
    monkeypatch.setattr(StoreLoader, "_optimize", logging_optimize)
    blocks = [f"<urn:g{g}> {{ <urn:s> <urn:p> {g} . }}\n".encode() for g in range(5)]
    with StoreLoader(tmp_path / "store", pyoxigraph.RdfFormat.TRIG, batch=2) as loader:
        for block in blocks:
            loader.add(block, 1)
        assert loader.close() == 5
    assert events == ["load", "load", "load", "optimize 5"]
    assert len(open_store(tmp_path / "store")) == 5


def test_a_failed_compaction_is_reported_by_close(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plangraph.store import StoreLoader

    def failing_optimize(self: StoreLoader, store: pyoxigraph.Store) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(StoreLoader, "_optimize", failing_optimize)
    with pytest.raises(PlangraphError, match="the store could not be loaded .no space left on device"):
        with StoreLoader(tmp_path / "store", pyoxigraph.RdfFormat.TRIG) as loader:
            loader.add(b"<urn:g> { <urn:s> <urn:p> <urn:o> . }\n", 1)
            loader.close()
    assert not list(tmp_path.glob(".load.*"))


def _parsed_quads(data: bytes) -> set[pyoxigraph.Quad]:
    return set(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TRIG))


def test_to_trig_writes_the_quads_oxigraph_makes_of_the_same_terms(dataset: Dataset) -> None:
    from plangraph.store.terms import oxigraph_quads, to_trig, trig_prefixes
    from plangraph.rdf.vocab import NAMESPACES

    prefixes = dict(NAMESPACES)
    XSD = "http://www.w3.org/2001/XMLSchema#"
    tricky = [
        Literal('say "hi"'), Literal("back\\slash"), Literal("two\nlines\r\n"), Literal("a\ttab"),
        Literal('"""'), Literal(""), Literal("Åse’s café 🙂"), Literal("colour", lang="en-GB"),
        Literal("12", datatype=URIRef(XSD + "integer")), Literal("1.50", datatype=URIRef(XSD + "decimal")),
        Literal("2018-04-01", datatype=URIRef(XSD + "date")), Literal("true", datatype=URIRef(XSD + "boolean")),
        Literal("plain", datatype=URIRef(XSD + "string")), URIRef("https://example.org/a%20c?q=1#f"),
        URIRef("https://w3id.org/plangraph/id/plan/x.y/z."), URIRef("https://w3id.org/plangraph/id/"),
        URIRef("https://w3id.org/plangraph/id/a%2Fb"), URIRef("urn:isbn:123"),
    ]
    s, p = URIRef("https://w3id.org/plangraph/id/s"), URIRef("https://w3id.org/plangraph/def/core#p")
    graphs = [(URIRef(PLAN + "tricky"), [(s, p, o) for o in tricky])]
    graphs += [(g.identifier, list(g)) for g in dataset.graphs() if len(g)]
    assert sum(len(t) for _, t in graphs) > 10_000
    for graph, triples in graphs:
        data = trig_prefixes(prefixes) + to_trig(triples, graph, prefixes)
        assert _parsed_quads(data) == set(oxigraph_quads(triples, graph)), graph


@pytest.mark.parametrize("term", [URIRef("https://example.org/a b"), URIRef("relative/iri"),
                                  URIRef("https://example.org/<x>"), URIRef('https://example.org/"x"'), BNode("b1")],
                         ids=["space", "relative", "angle-brackets", "quote", "blank-node"])
def test_to_trig_refuses_what_oxigraph_would_refuse(term: Node) -> None:
    from plangraph.store import to_trig

    triple = (URIRef("urn:x:s"), URIRef("urn:x:p"), term)
    with pytest.raises(ValueError):
        to_trig([triple], URIRef("urn:g"), {})
