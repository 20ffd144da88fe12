"""The named queries on plans read by the items reader: Kent's commitments (posts and teams as
leads, due dates, shared outcomes) and a Word action plan with a status column, built together
as plangraph build does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pyoxigraph
import pytest

from conftest import ITEM_QUERIES, KENT
from oxigraph_server import OxigraphServer, oxigraph_server
from rdflib import Dataset, Literal

from plangraph.cli import main
from plangraph.sparql.endpoint import query_endpoint
from plangraph.pipeline import build
from plangraph.sparql import load_query, run_query
from plangraph.store import open_store

SMOKEFREE = Path(__file__).parent / "data" / "plans" / "wsx-smokefree-action-plan-2022.docx"
__all__ = ["oxigraph_server"]  # the fixture, imported for pytest to find
HAND = json.loads((Path(__file__).parent / "data" / "expected" / f"{KENT.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("items") / "build"
    build([KENT, SMOKEFREE], out, jobs=1)
    return out


@pytest.fixture(scope="module")
def store(built: Path) -> pyoxigraph.Store:
    return open_store(built / "store")


@pytest.mark.parametrize("name", sorted(ITEM_QUERIES | {"who-leads-what"}))
def test_the_same_rows_on_rdflib_the_store_and_the_server(name: str, built: Path, store: pyoxigraph.Store,
                                                          oxigraph_server: OxigraphServer) -> None:
    query = load_query(name)
    on_disk = run_query(query, store=store)
    assert on_disk.rows
    in_memory = run_query(query, dataset=Dataset().parse(built / "graph.trig", format="trig"))
    assert in_memory == on_disk
    assert main(["push", "--endpoint", oxigraph_server.store_url, "--store", str(built / "store")]) == 0
    assert query_endpoint(query, oxigraph_server.query_url) == on_disk


def _rows(store: pyoxigraph.Store, name: str) -> list[dict[str, Any]]:
    result = run_query(load_query(name), store=store)
    return [{c: (None if row.get(c) is None else str(row[c])) for c in result.columns} for row in result.rows]


def test_who_leads_what_lists_posts_and_teams(store: pyoxigraph.Store) -> None:
    rows = _rows(store, "who-leads-what")
    kent = [r for r in rows if r["plan"].endswith("/kent-health-wellbeing-priorities-actions-2025")]
    labels = {r["organisationLabel"] for r in kent}
    # leads as the hand reading names them, posts and teams among them
    assert {"Lead for Family Hubs", "People Strategy Team", "CPH lead", "Head of Environment"} <= labels
    assert {r["itemType"] for r in kent} == {"https://w3id.org/plangraph/def/core#Commitment"}
    # every commitment is listed once per lead; the hand reading's leads, commitment by commitment
    items = {}
    for r in kent:
        items.setdefault(r["item"], []).append(r["organisationLabel"])
    assert len(items) == len(HAND["commitments"])


def test_due_by_lists_the_dated_first_in_date_order(store: pyoxigraph.Store) -> None:
    rows = [r for r in _rows(store, "due-by") if "kent" in r["plan"]]
    dues = [r["due"] for r in rows]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[:len(dated)] == dated  # the undated come last
    first = next(r for r in rows if r["itemLabel"].startswith("Optimise the opportunity of family hubs"))
    assert (first["due"], first["timescale"], first["leadLabel"]) == ("2026-03", "Mar 2026", "Lead for Family Hubs")
    with_timescale = [c for c in HAND["commitments"] + HAND["indicators"] if c["timescale"].strip()]
    assert len({r["item"] for r in rows}) == len(with_timescale)


def test_status_summary_counts_the_status_column(store: pyoxigraph.Store) -> None:
    rows = [r for r in _rows(store, "status-summary") if "smokefree" in r["plan"] or "wsx" in r["plan"]]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["statusLabel"]] = counts.get(r["statusLabel"], 0) + int(r["items"])
    # counted again from the Word table itself: its Status column (the fifth)
    table = docx.Document(str(SMOKEFREE)).tables[0]
    printed = [row.cells[4].text.strip() for row in table.rows[1:]]
    assert counts == {"complete": printed.count("Complete"), "in-progress": printed.count("Incomplete")}
    assert sum(counts.values()) == 88


def test_outcome_contributions_follow_the_codes_cells(store: pyoxigraph.Store) -> None:
    rows = [r for r in _rows(store, "outcome-contributions") if "kent" in r["plan"]]
    key = {c["code"]: c["title"] for c in HAND["shared_outcomes"]}
    assert {(r["codeNotation"], r["codeLabel"]) for r in rows} <= set(key.items())
    hand_pairs = sum(len(c["codes"]) for c in HAND["commitments"])
    assert len([r for r in rows if r["itemType"].endswith("#Commitment")]) == hand_pairs
    repaired = {r["printedAs"] for r in rows if r["printedAs"]}
    assert {"S02", "S03"} <= repaired


def test_organisation_leads_finds_what_a_post_leads(store: pyoxigraph.Store) -> None:
    result = run_query(load_query("organisation-leads"), store=store, params={"name": Literal("CPH lead")})
    items = [str(r["itemLabel"]) for r in result.rows]
    # the commitments whose "Led by" cell the hand reading gives as "CPH lead"
    want = [c["text"] for c in HAND["commitments"] if [" ".join(x.split()) for x in c["leads"]] == ["CPH lead"]]
    assert len(items) == len(want) >= 4
    assert [" ".join(i.split()) for i in items] == [" ".join(w.split()) for w in want]
