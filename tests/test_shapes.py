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
from rdflib import Graph
from rdflib.namespace import SH

from plangraph.validation import load_shapes, validate_graph

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
    assert len(OK) >= 7 and len(BAD) >= 38


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


def test_every_node_shape_names_its_rule() -> None:
    shapes = load_shapes()
    node_shapes = set(shapes.subjects(predicate=None, object=SH.NodeShape))
    assert len(node_shapes) >= 10
    from rdflib import RDFS

    assert [s for s in node_shapes if shapes.value(s, RDFS.label) is None] == []


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
