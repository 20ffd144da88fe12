"""The ontology (ontology/plangraph.ttl) against the code and the graph it builds.

Every pg: term the code, the queries, the shapes and the graph model use exists in the
ontology, documented; the standard vocabularies are reused, not redefined; and the
ontology, alone and with the graph of the seed plans, is consistent for the OWL 2 RL
reasoner (owlrl), which does find an inconsistency when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
import rdflib.namespace as rns
from rdflib import OWL, RDF, RDFS, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, QB, SKOS, VANN
from rdflib.term import Node

from plangraph.resources import asset_dir
from plangraph.rdf.vocab import NAMESPACES, OA, PG

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = asset_dir("ontology") / "plangraph.ttl"
ONTOLOGY = URIRef("https://w3id.org/plangraph/def/core")
PG_NS = "https://w3id.org/plangraph/def/core#"
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}

# The classes and properties of the W3C Web Annotation Vocabulary
# (https://www.w3.org/TR/annotation-vocab/, http://www.w3.org/ns/oa#); rdflib has no
# closed namespace for it as it has for the others.
OA_TERMS = frozenset("""
    Annotation Choice CssSelector CssStyle DataPositionSelector Direction FragmentSelector
    HttpRequestState Motivation RangeSelector ResourceSelection Selector SpecificResource
    State Style SvgSelector TextPositionSelector TextQuoteSelector TextualBody TimeState
    XPathSelector annotationService bodyValue cachedSource canonical end exact hasBody
    hasEndSelector hasPurpose hasScope hasSelector hasSource hasStartSelector hasState
    hasTarget motivatedBy prefix processingLanguage refinedBy renderedVia sourceDate
    sourceDateEnd sourceDateStart start styleClass styledBy suffix textDirection via
""".split())
# Reused vocabularies, each with its closed list of terms. (XSD is reached through the
# module: pytest probes the attributes of a test module's globals, which XSD warns about.)
XSD_NS = str(rns.XSD)
CLOSED: dict[str, type[rns.DefinedNamespace]] = {
    str(SKOS): SKOS, str(PROV): PROV, str(FOAF): FOAF, str(DCTERMS): DCTERMS, str(ORG): ORG,
    str(QB): QB, str(RDF): RDF, str(RDFS): RDFS, str(OWL): OWL, XSD_NS: rns.XSD, str(VANN): VANN,
}
STANDARD = [*CLOSED, str(OA)]


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def data(seeds_dataset: Dataset) -> Graph:
    """The graph of the bundled seed plans (all named graphs together)."""
    union = Graph()
    for s, p, o, _ in seeds_dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(union) > 1000
    return union


@pytest.fixture(scope="module")
def closure(ontology: Graph, data: Graph) -> Graph:
    """Ontology + seed data, expanded by the OWL 2 RL reasoner."""
    g = Graph()
    for triple in (*ontology, *data):
        g.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def pg_terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(PG_NS)}


def declared(ontology: Graph, types: Iterable[URIRef]) -> set[URIRef]:
    return {s for t in types for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}


def inconsistencies(g: Graph) -> list[str]:
    """Run owlrl on a copy of ``g``; return what it found inconsistent.

    owlrl does not raise: it adds ``[] a err:ErrorMessage; err:error "..."`` nodes
    (err: = http://www.daml.org/2002/03/agents/agent-ont#) for each violated OWL 2 RL
    rule (cax-dw, cls-nothing2, prp-irp, dt-not-type, ...). An individual inferred to
    be an owl:Nothing is reported the same way; it is checked here too.
    """
    copy = Graph()
    for triple in g:
        copy.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(copy)
    return found_inconsistencies(copy)


def found_inconsistencies(expanded: Graph) -> list[str]:
    errors = [str(expanded.value(m, ERRNS.error)) for m in expanded.subjects(RDF.type, ERRNS.ErrorMessage)]
    errors += [f"{x} is an owl:Nothing" for x in expanded.subjects(RDF.type, OWL.Nothing)]
    return sorted(errors)


# ---------------------------------------------------------------------------- the header

def test_header_has_title_version_iri_and_licence(ontology: Graph) -> None:
    assert list(ontology.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY]
    titles = list(ontology.objects(ONTOLOGY, DCTERMS.title))
    assert len(titles) == 1 and isinstance(titles[0], Literal) and titles[0].language == "en"
    assert str(titles[0]).strip()
    version_iri = ontology.value(ONTOLOGY, OWL.versionIRI)
    version = ontology.value(ONTOLOGY, OWL.versionInfo)
    assert isinstance(version_iri, URIRef) and version is not None
    assert version_iri == URIRef(f"{ONTOLOGY}/{version}")
    assert isinstance(ontology.value(ONTOLOGY, DCTERMS.license), URIRef)
    assert ontology.value(ONTOLOGY, DCTERMS.description) is not None
    assert str(ontology.value(ONTOLOGY, VANN.preferredNamespaceUri)) == PG_NS == NAMESPACES["pg"]
    assert str(ontology.value(ONTOLOGY, VANN.preferredNamespacePrefix)) == "pg"


def test_no_owl_imports(ontology: Graph) -> None:
    # Reused vocabularies are referenced by IRI: an import would make tools fetch them.
    assert list(ontology.objects(None, OWL.imports)) == []


# ---------------------------------------------------------------------------- the terms

def test_every_pg_term_is_declared_labelled_defined(ontology: Graph) -> None:
    terms = pg_terms(ontology)
    assert len(terms) >= 30
    problems = []
    for term in sorted(terms):
        kinds = set(ontology.objects(term, RDF.type)) & TERM_TYPES
        labels = list(ontology.objects(term, RDFS.label))
        definitions = list(ontology.objects(term, SKOS.definition))
        if len(kinds) != 1:
            problems.append(f"{term}: declared as {sorted(kinds)}, expected one of class/property")
        for name, values in (("rdfs:label", labels), ("skos:definition", definitions)):
            if len(values) != 1 or not isinstance(values[0], Literal) or values[0].language != "en" \
                    or not str(values[0]).strip():
                problems.append(f"{term}: expected one non-empty @en {name}, got {values}")
        if list(ontology.objects(term, RDFS.isDefinedBy)) != [ONTOLOGY]:
            problems.append(f"{term}: rdfs:isDefinedBy is not {ONTOLOGY}")
    assert problems == []


def test_labels_are_unique(ontology: Graph) -> None:
    labels = [str(ontology.value(t, RDFS.label)) for t in pg_terms(ontology)]
    assert sorted(label for label in labels if labels.count(label) > 1) == []


def test_every_pg_iri_the_ontology_mentions_is_declared(ontology: Graph) -> None:
    mentioned = {n for triple in ontology for n in triple if isinstance(n, URIRef) and n.startswith(PG_NS)}
    assert mentioned - declared(ontology, TERM_TYPES) == set()


def test_vocab_PG_and_the_ontology_have_the_same_terms(ontology: Graph) -> None:
    in_code = {PG[name] for name in PG.__annotations__}
    assert len(in_code) >= 30
    assert in_code - pg_terms(ontology) == set(), "terms in plangraph.rdf.vocab.PG missing from the ontology"
    assert pg_terms(ontology) - in_code == set(), "ontology terms that plangraph.rdf.vocab.PG rejects"


def test_pg_terms_in_the_seed_graph_exist_with_the_right_kind(ontology: Graph, data: Graph) -> None:
    classes = declared(ontology, [OWL.Class])
    properties = declared(ontology, PROPERTY_TYPES)
    object_properties = declared(ontology, [OWL.ObjectProperty])
    datatype_properties = declared(ontology, [OWL.DatatypeProperty])
    predicates = {p for p in data.predicates() if isinstance(p, URIRef) and p.startswith(PG_NS)}
    types = {o for o in data.objects(None, RDF.type) if isinstance(o, URIRef) and o.startswith(PG_NS)}
    # the seeds use most of the vocabulary; if the mapping stops using pg: terms, say so
    assert len(predicates) >= 20 and len(types) >= 10
    assert predicates - properties == set()
    assert types - classes == set()
    wrong = sorted({f"{p} has object {o!r}" for s, p, o in data
                    if (p in object_properties and not isinstance(o, URIRef))
                    or (p in datatype_properties and not isinstance(o, Literal))})
    assert wrong == []


def _superclasses(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    supers: dict[URIRef, set[URIRef]] = {}
    for cls in {s for s in ontology.subjects(RDFS.subClassOf) if isinstance(s, URIRef)}:
        seen: set[URIRef] = set()
        todo = [cls]
        while todo:
            for sup in ontology.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(sup, URIRef) and sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        supers[cls] = seen
    return supers


def test_domains_and_ranges_fit_the_seed_graph(ontology: Graph, data: Graph) -> None:
    """What the mapping links with a pg: property is of the kind the ontology says."""
    supers = _superclasses(ontology)

    def kinds(node: Node) -> set[URIRef]:
        asserted = {t for t in data.objects(node, RDF.type) if isinstance(t, URIRef)}
        return asserted.union(*(supers.get(t, set()) for t in asserted))

    problems = set()
    checked = 0
    for prop in declared(ontology, PROPERTY_TYPES):
        domain, range_ = ontology.value(prop, RDFS.domain), ontology.value(prop, RDFS.range)
        for s, o in data.subject_objects(prop):
            checked += 1
            if domain is not None and domain not in kinds(s):
                problems.add(f"{prop}: subject {s} is not a {domain}")
            if range_ is None:
                continue
            if str(range_).startswith(XSD_NS):
                plain = isinstance(o, Literal) and not o.language
                datatype = (o.datatype or rns.XSD.string) if plain else None
                if datatype != range_:
                    problems.add(f"{prop}: value {o!r} is not an {range_}")
            elif range_ not in kinds(o):
                problems.add(f"{prop}: object {o} is not a {range_}")
    assert checked > 1000
    assert sorted(problems) == []


_CODE_NAME = re.compile(r"\bPG\.([A-Za-z_]\w*)")
_PREFIXED_NAME = re.compile(r"(?<![\w/#])pg:([A-Za-z_][\w\-]*)")


def _used_names() -> dict[str, set[str]]:
    files = [*sorted((REPO / "src" / "plangraph").rglob("*.py")), *sorted((REPO / "queries").glob("*.rq")),
             *sorted((REPO / "shapes").glob("*.ttl")), REPO / "docs" / "graph-model.md"]
    used: dict[str, set[str]] = {}
    for file in files:
        text = file.read_text(encoding="utf-8")
        names = set(_PREFIXED_NAME.findall(text))
        if file.suffix == ".py":
            names |= {n for n in _CODE_NAME.findall(text) if not n.startswith("_")}
        for name in names:
            used.setdefault(name.rstrip(".-"), set()).add(str(file.relative_to(REPO)))
    return used


def test_pg_names_in_code_queries_shapes_and_docs_exist(ontology: Graph) -> None:
    used = _used_names()
    assert len(used) >= 30  # the scan finds the terms (mapping.py alone uses most of them)
    terms = {str(t)[len(PG_NS):] for t in pg_terms(ontology)}
    missing = {name: sorted(files) for name, files in used.items() if name not in terms}
    assert missing == {}


def test_the_name_scan_sees_a_misspelt_term() -> None:
    assert _CODE_NAME.findall("g.add((x, PG.leadOrganization, y))") == ["leadOrganization"]
    assert _PREFIXED_NAME.findall("?m pg:leadOrganization ?o ; a pg:Plan .") == ["leadOrganization", "Plan"]
    assert _PREFIXED_NAME.findall("PREFIX pg: <https://w3id.org/plangraph/def/core#>") == []


# ---------------------------------------------------------------------------- reuse

def test_standard_vocabularies_are_not_redefined(ontology: Graph) -> None:
    redefined = sorted(str(s) for s in ontology.subjects() if isinstance(s, URIRef)
                       and any(s.startswith(ns) for ns in STANDARD))
    assert redefined == []


def _standard_term_exists(term: URIRef) -> bool | None:
    """True/False for a term of a reused vocabulary; None for another namespace."""
    if term.startswith(str(OA)):
        return term[len(str(OA)):] in OA_TERMS
    for ns, closed in CLOSED.items():
        if term.startswith(ns):
            return term in closed
    return None


def test_reused_terms_exist_in_their_vocabularies(ontology: Graph, data: Graph) -> None:
    used = {p for p in data.predicates()} | set(data.objects(None, RDF.type))
    used |= {n for triple in ontology for n in triple}
    used_standard = {t for t in used if isinstance(t, URIRef) and _standard_term_exists(t) is not None}
    for expected in (OA.hasSelector, SKOS.broader, ORG.Organization, PROV.wasDerivedFrom, FOAF.Person):
        assert expected in used_standard
    assert sorted(t for t in used_standard if not _standard_term_exists(t)) == []
    # and the check itself rejects a misspelling in each kind of namespace
    assert not _standard_term_exists(OA.hasSelecter)
    assert not _standard_term_exists(URIRef(str(ORG) + "Organisation"))


# ---------------------------------------------------------------------------- OWL 2 RL

def test_ontology_is_consistent_for_owl_rl(ontology: Graph) -> None:
    assert inconsistencies(ontology) == []


def test_ontology_with_the_seed_graph_is_consistent_for_owl_rl(closure: Graph) -> None:
    # the reasoner did run: sources are foaf:Documents by pg:SourceDocument's superclass
    source = next(closure.subjects(RDF.type, PG.SourceDocument))
    assert (source, RDF.type, FOAF.Document) in closure
    assert found_inconsistencies(closure) == []


def test_the_check_finds_disjoint_classes_sharing_an_individual() -> None:
    ex = Namespace("http://example.org/")
    g = Graph()
    g.add((ex.A, RDF.type, OWL.Class))
    g.add((ex.B, RDF.type, OWL.Class))
    g.add((ex.A, OWL.disjointWith, ex.B))
    g.add((ex.x, RDF.type, ex.A))
    g.add((ex.x, RDF.type, ex.B))
    found = inconsistencies(g)
    assert len(found) == 1 and "Disjoint classes" in found[0] and str(ex.x) in found[0]
    g.remove((ex.x, RDF.type, ex.B))
    assert inconsistencies(g) == []


def test_the_check_finds_an_owl_nothing() -> None:
    g = Graph()
    g.add((URIRef("http://example.org/x"), RDF.type, OWL.Nothing))
    assert inconsistencies(g) != []


@pytest.mark.parametrize("triples", [
    # a measure's pg:priority pointing at an outcome makes the outcome a priority
    [(URIRef("http://example.org/m"), PG.priority, URIRef("http://example.org/o")),
     (URIRef("http://example.org/o"), RDF.type, PG.Outcome)],
    # one source printed as two kinds
    [(URIRef("http://example.org/s"), RDF.type, PG.WebPage),
     (URIRef("http://example.org/s"), RDF.type, PG.PersonalCommunication)],
    # an activity given an outcome, which only a performance measure has
    [(URIRef("http://example.org/a"), RDF.type, PG.KeyActivity),
     (URIRef("http://example.org/a"), PG.outcome, URIRef("http://example.org/o"))],
], ids=["priority-link-to-outcome", "source-of-two-kinds", "outcome-of-an-activity"])
def test_the_ontology_lets_the_reasoner_catch_misused_terms(
        ontology: Graph, triples: list[tuple[URIRef, URIRef, URIRef]]) -> None:
    g = Graph()
    for triple in ontology:
        g.add(triple)
    for triple in triples:
        g.add(triple)
    assert inconsistencies(g) != []


def test_skos_hierarchy_has_no_redundant_broader_links(closure: Graph) -> None:
    """A concept's skos:broader is its direct parent only (SKOS: broader is not transitive).

    A measure is under its outcome, which is under a priority: were ``pg:priority`` a
    sub-property of skos:broader, the measure would also have the priority as a direct
    parent.
    """
    redundant = sorted(
        f"{c} broader {b1} and {b2}"
        for c, b1 in closure.subject_objects(SKOS.broader)
        for b2 in closure.objects(b1, SKOS.broader)
        if (c, SKOS.broader, b2) in closure and not isinstance(c, BNode)
    )
    assert redundant[:5] == []
