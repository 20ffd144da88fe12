"""The SHACL shapes: hand-written cases in ``tests/data/shapes`` and the meta-SHACL check.

Each ``ok_*.ttl`` must conform and each ``bad_*.ttl`` must not. The ``# expect:`` lines at
the top of a file give the messages its results must carry: for a bad file, exactly the
violations it was written to cause (so a file tests its own rule and nothing else); for an
ok file, the warnings it is allowed to have.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from plangraph.validate import load_shapes, validate_graph

CASES = Path(__file__).resolve().parent / "data" / "shapes"
OK = sorted(CASES.glob("ok_*.ttl"))
BAD = sorted(CASES.glob("bad_*.ttl"))
EXPECT = "# expect: "


def expected_messages(path: Path) -> set[str]:
    messages = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(EXPECT):
            messages.add(line[len(EXPECT):].strip())
    return messages


def test_there_are_cases() -> None:
    assert len(OK) >= 12 and len(BAD) >= 49


@pytest.mark.parametrize("path", OK, ids=lambda p: p.stem)
def test_ok_case_conforms(path: Path) -> None:
    report = validate_graph(Graph().parse(path, format="turtle"))
    assert report.conforms, [r.message for r in report.results]
    assert not [r for r in report.results if r.severity == "violation"]
    warnings = {r.message for r in report.results if r.severity == "warning"}
    assert warnings == expected_messages(path)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_case_fails_with_its_message(path: Path) -> None:
    expected = expected_messages(path)
    assert expected, f"{path.name} must start with '{EXPECT}<message>'"
    assert path.read_text(encoding="utf-8").startswith(EXPECT)
    report = validate_graph(Graph().parse(path, format="turtle"))
    assert not report.conforms
    violations = {r.message for r in report.results if r.severity == "violation"}
    assert violations == expected


def test_every_message_is_tested_by_a_case() -> None:
    shapes = load_shapes()
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    tested = set().union(*(expected_messages(p) for p in OK + BAD))
    assert messages - tested == set()
    assert tested - messages == set()


RULES = {
    "Plans", "Priorities", "Outcomes", "Outcomes whose title was lost", "Performance measures",
    "Key activities", "Progress reports", "Leads", "Names and links to the text", "Organisations",
    "Links to the text", "Positions in the text", "Claims", "Claims without a source",
    "Claims and their place in the text", "Figures", "Actions", "Text not read",
}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def test_every_shape_with_targets_names_its_rule() -> None:
    # a result names its rule by the label of its shape (or of the node shape a property
    # shape belongs to): every shape that has targets of its own, node or property shape,
    # carries the label of one of the rules, and every rule has its shapes
    shapes = load_shapes()
    targeted = {s for t in TARGETS for s in shapes.subjects(t, None)}
    assert len(targeted) >= 30
    labels = {s: shapes.value(s, RDFS.label) for s in targeted}
    assert [s for s, label in labels.items() if label is None] == []
    assert {str(label) for label in labels.values()} == RULES
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert [s for s in node_shapes if shapes.value(s, RDFS.label) is None] == []


def test_every_message_belongs_to_a_named_rule() -> None:
    shapes = load_shapes()
    # a property shape may belong to a node shape, and a SPARQL constraint to its shape
    for shape in set(shapes.subjects(SH.message, None)):
        owners = [shape, *shapes.subjects(SH.property, shape), *shapes.subjects(SH.sparql, shape)]
        assert {str(shapes.value(o, RDFS.label)) for o in owners if shapes.value(o, RDFS.label)} & RULES, shape


def _select(node: Node | None) -> str:
    shapes = load_shapes()
    return " ".join(str(shapes.value(node, SH.select)).split())


def test_the_claim_position_target_is_the_constraint_with_this_free() -> None:
    # the SPARQL target selects the claims that the SPARQL constraint then reports: the two
    # queries must test the same thing, the target for every claim at once
    shapes = load_shapes()
    shape = URIRef("https://w3id.org/plangraph/def/shapes#ClaimAnchorShape")
    target, constraint = shapes.value(shape, SH.target), shapes.value(shape, SH.sparql)
    assert shapes.value(target, RDF.type) == SH.SPARQLTarget
    head, body = _select(target).split(" WHERE { ", 1)
    claims, body = body.split(" . ", 1)
    assert head == "SELECT ?this"
    # the claims of sh:targetClass pg:Claim, subclasses included
    assert claims == "?this rdf:type/rdfs:subClassOf* pg:Claim"
    assert _select(constraint) == "SELECT $this ?value WHERE { " + body.replace("?this", "$this")


def test_shapes_pass_meta_shacl() -> None:
    # meta_shacl=True validates the shapes graph against SHACL-for-SHACL first and raises
    # ReportableRuntimeError when it does not conform
    conforms, _, text = validate(Graph(), shacl_graph=load_shapes(), meta_shacl=True, inference="none")
    assert conforms, text


def test_meta_shacl_catches_a_broken_shape() -> None:
    broken = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount "one" ] .
    """, format="turtle")
    with pytest.raises(ReportableRuntimeError):
        validate(Graph(), shacl_graph=broken, meta_shacl=True, inference="none")
