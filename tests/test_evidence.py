"""Claims: split, anchored, attributed and cited; the evidence queries and shapes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDFS

from plangraph.analysis.claims import split_claims
from plangraph.ingest.document import parse_document
from plangraph.rdf.iris import mint
from conftest import dataset_of
from plangraph.sparql import QueryResult
from plangraph.resources import seeds
from plangraph.validate import report_to_text, validate_dataset
from plangraph.rdf.vocab import OA, PG

CITY = mint("plan", "nottingham-cypp-2016-2020")
COUNTY = mint("plan", "nottinghamshire-cyp-plan-review-2018")


@pytest.fixture(scope="module")
def ds(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def unsourced(seeds_rdflib_answer: Callable[..., QueryResult]) -> set[URIRef]:
    rows = seeds_rdflib_answer("unsourced-claims").rows
    return {row["claim"] for row in rows}


def claims_of(text: str) -> list[tuple[str | None, str]]:
    doc = parse_document(("x\t" + text + "\n").encode(), "t.txt")
    fragment = doc.fragment(doc.lines[0].cells[1:])
    return [(c.item, c.fragment.text) for c in split_claims(fragment, doc)]


# -- splitting -----------------------------------------------------------------------

def test_sentences_and_numbered_items_are_claims() -> None:
    text = ("Key achievements include: 1. care leavers now routinely receive health information; "
            "2. pathway plans are more specific. 7. Developed a Career Pathway. 8.21% reduction in "
            "agency spend from £5.2m in 2016/17 to £4m in 2017/18. 9. Fewer days lost.")
    assert claims_of(text) == [
        (None, "Key achievements include:"),
        ("1", "care leavers now routinely receive health information;"),
        ("2", "pathway plans are more specific."),
        (None, "7. Developed a Career Pathway."),  # 7 does not follow 2: a sentence, not an item
        (None, "8.21% reduction in agency spend from £5.2m in 2016/17 to £4m in 2017/18."),
        (None, "9. Fewer days lost."),
    ]


def test_the_item_number_is_not_read_as_part_of_the_figure() -> None:
    items = [f"{n}. Item {n}." for n in range(1, 8)]
    got = claims_of(" ".join(items) + " 8.21% reduction in spend.")
    assert got[-1] == ("8", "21% reduction in spend.")
    assert [item for item, _ in got] == [str(n) for n in range(1, 9)]


def test_decimals_abbreviations_and_bullets() -> None:
    assert claims_of("Waiting fell to 6.59 weeks by January 2017. This increased to 10.9 weeks, e.g. in "
                     "April. • Born to Move: in development. • Review of provision.") == [
        (None, "Waiting fell to 6.59 weeks by January 2017."),
        (None, "This increased to 10.9 weeks, e.g. in April."),
        (None, "Born to Move: in development."),
        (None, "Review of provision."),
    ]


def test_seed_claims_read_from_the_review(ds: Dataset) -> None:
    county = ds.graph(COUNTY)
    texts = {str(o) for o in county.objects(None, RDF.value) if isinstance(o, Literal)}
    # P1 activity 5: ten numbered items; item 8 is "21% reduction ..."
    assert "21% reduction in agency spend from £5.2m in 2016/17 to £4m in 2017/18." in texts
    assert "Rolling recruitment programme." in texts
    # P1 activity 4: "... by January 2017.4. Police & Crime Commissioner ..."
    assert "Approximately 4,000 taxi drivers trained to recognise and respond to CSE by January 2017." in texts
    assert "Police & Crime Commissioner funding secured to deliver training in licensed premises." in texts


# -- anchors -------------------------------------------------------------------------

def test_every_anchor_resolves(ds: Dataset) -> None:
    checked = 0
    for plan in (CITY, COUNTY):
        g = ds.graph(plan)
        text = str(g.value(URIRef(f"{plan}/text"), RDF.value))
        for anchor in g.subjects(RDF.type, OA.SpecificResource):
            quote, position = URIRef(f"{anchor}/quote"), URIRef(f"{anchor}/position")
            start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
            assert text[start:end] == str(g.value(quote, OA.exact))
            assert text[max(0, start - 32):start] == str(g.value(quote, OA.prefix))
            checked += 1
    assert checked > len(set(ds.subjects(RDF.type, PG.Claim)))


def test_every_claim_is_anchored_to_its_words(ds: Dataset) -> None:
    g = ds.graph(CITY)
    text = str(g.value(URIRef(f"{CITY}/text"), RDF.value))
    claims = list(g.subjects(RDF.type, PG.Claim))
    assert len(claims) > 150
    for claim in claims:
        anchor = g.value(claim, PROV.wasDerivedFrom)
        position = URIRef(f"{anchor}/position")
        words = text[int(g.value(position, OA.start)):int(g.value(position, OA.end))]
        assert " ".join(words.split()).startswith(str(g.value(claim, RDF.value)).split()[0])


def test_a_shifted_offset_fails_validation_naming_the_claim_and_its_line(ds: Dataset) -> None:
    original = ds.graph(CITY)
    copy = Dataset()
    shifted = copy.graph(CITY)
    for triple in original:
        shifted.add(triple)
    claim = next(c for c in original.subjects(RDF.type, PG.Claim)
                 if str(original.value(c, RDF.value)).startswith("18.7% of women"))
    position = URIRef(f"{original.value(claim, PROV.wasDerivedFrom)}/position")
    start = int(original.value(position, OA.start))
    shifted.set((position, OA.start, Literal(start + 1)))
    report = validate_dataset(copy)
    assert not report.conforms
    text = report_to_text(report)
    assert "The words this claim quotes are not at the place its link gives" in text
    assert "18.7% of women in Nottingham City" in text
    assert "nottingham-cypp-2016-2020-action-plan.txt:8" in text
    assert validate_dataset(ds).conforms  # the untouched graph passes


# -- sources and attribution -------------------------------------------------------

def test_every_county_claim_cites_its_rows_sources(ds: Dataset, unsourced: set[URIRef]) -> None:
    county = ds.graph(COUNTY)
    activities = set(county.subjects(RDF.type, PG.KeyActivity))
    assert len(activities) == 21
    checked = 0
    for activity in activities:
        row_sources = set(county.objects(activity, PG.evidenceSource))
        assert row_sources
        for claim in county.subjects(PG.about, activity):
            assert row_sources <= set(county.objects(claim, PROV.hadPrimarySource))
            assert claim not in unsourced
            checked += 1
    assert checked == len(set(county.subjects(RDF.type, PG.Claim))) > 100


def test_city_figure_claims_without_a_source_are_unsourced(ds: Dataset, unsourced: set[URIRef],
                                                           seeds_rdflib_answer: Callable[..., QueryResult]) -> None:
    city = ds.graph(CITY)
    figures = {c for c in city.subjects(PG.observation, None)}
    assert len(figures) > 10
    assert all((c, PROV.hadPrimarySource, None) not in city for c in figures)
    assert figures <= unsourced
    rows = seeds_rdflib_answer("unsourced-claims").rows
    first = rows[0]
    assert first["plan"] == CITY and first["claim"] in figures  # figures come first
    assert str(first["location"]) == "nottingham-cypp-2016-2020-action-plan.txt:8"


def test_city_claims_are_attributed_to_their_lead_else_the_publisher(ds: Dataset) -> None:
    city = ds.graph(CITY)
    smoking = next(c for c in city.subjects(RDF.type, PG.Claim)
                   if str(city.value(c, RDF.value)).startswith("18.7% of women"))
    assert set(city.objects(smoking, PROV.wasAttributedTo)) == {
        mint("organisation", "Nottingham City CCG"), mint("organisation", "Nottingham City")}
    # 2a v names officers only: its claims stand on the plan's publisher
    publisher = mint("organisation", "Nottingham Children's Partnership")
    delivered = next(c for c in city.subjects(RDF.type, PG.Claim)
                     if str(city.value(c, RDF.value)).startswith("Delivered the multi-agency action plan"))
    assert set(city.objects(delivered, PROV.wasAttributedTo)) == {publisher}
    assert (CITY, URIRef("http://purl.org/dc/terms/publisher"), publisher) in city


def test_in_text_citations_are_sources_of_their_claim(ds: Dataset) -> None:
    county = ds.graph(COUNTY)
    def cited(start: str) -> set[str]:
        claim = next(c for c in county.subjects(RDF.type, PG.Claim)
                     if str(county.value(c, RDF.value)).startswith(start))
        return {str(county.value(s, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
                for s in county.objects(claim, PROV.hadPrimarySource)}
    assert "2011 census" in cited("Estimated 981 women born in Female Genital Mutilation")
    assert "Quarter 3 statistics" in cited("61.8% of pupils at the end of primary education")
    assert "Ofsted during 2015 inspection" in cited("Considered well established by Ofsted")


def test_source_usage_and_claim_sources_agree(seeds_rdflib_answer: Callable[..., QueryResult]) -> None:
    usage = seeds_rdflib_answer("source-usage")
    assert usage.columns == ["source", "sourceLabel", "claims", "plans"]
    pairs = seeds_rdflib_answer("claim-sources")
    assert pairs.columns == ["plan", "claim", "text", "source", "sourceLabel"]
    counted: dict[URIRef, set[URIRef]] = {}
    plans: dict[URIRef, set[URIRef]] = {}
    for row in pairs.rows:
        counted.setdefault(row["source"], set()).add(row["claim"])
        plans.setdefault(row["source"], set()).add(row["plan"])
    assert {row["source"]: int(row["claims"]) for row in usage.rows} == {s: len(c) for s, c in counted.items()}
    assert {row["source"]: int(row["plans"]) for row in usage.rows} == {s: len(p) for s, p in plans.items()}
    counts = [int(row["claims"]) for row in usage.rows]
    assert counts == sorted(counts, reverse=True)


def test_a_claim_with_neither_source_nor_agency_is_a_violation(tmp_path: Path) -> None:
    ds = dataset_of(seeds()[0])
    g = ds.graph(COUNTY)
    claim = next(g.subjects(RDF.type, PG.Claim))
    g.remove((claim, PROV.hadPrimarySource, None))
    g.remove((claim, PROV.wasAttributedTo, None))
    report = validate_dataset(ds)
    assert not report.conforms
    assert "neither cites a source nor names the agency" in report_to_text(report)
    first_words = " ".join(str(g.value(claim, RDFS.label)).split()[:8])
    assert f"{first_words}" in report_to_text(report)
    assert "nottinghamshire-cyp-plan-review-2018.txt:6" in report_to_text(report)
