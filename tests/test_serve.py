"""``plangraph serve``: the application asked through Starlette's test client (every page, the
forms, the downloads, the SPARQL 1.1 Protocol), and the real server in a process of its own
(``plangraph query --endpoint`` against it, Ctrl-C, a port in use).

The browser's view of it (forms, downloads, no external request, hostile text inert) is in
``test_serve_browser.py``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shlex
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph
import pytest
from openpyxl import load_workbook
from rdflib import URIRef

from conftest import ACTION_PLAN
from serve_support import serving, start
from plangraph.cli import main
from plangraph.sparql import load_query, run_query
from plangraph.store import open_store

CCG = "https://w3id.org/plangraph/id/organisation/nottingham-city-ccg"
PREFIXES = "PREFIX pg: <https://w3id.org/plangraph/def/core#>\n"


@pytest.fixture(scope="module")
def served(seeds_store_dir: Path) -> Iterator[str]:
    with serving(seeds_store_dir) as url:
        yield url




@pytest.fixture(scope="module")
def client(served: str) -> Client:
    return Client(served)


@dataclass
class Got:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.content)


@dataclass
class Client:
    """Requests to a running ``plangraph serve`` (the standard library's, so that nothing but
    the server itself is under test)."""

    url: str

    def request(self, method: str, path: str, *, params: dict[str, str] | None = None,
                data: dict[str, str] | None = None, content: str | None = None,
                headers: dict[str, str] | None = None) -> Got:
        address = self.url.rstrip("/") + path + (("?" + urlencode(params)) if params else "")
        body = urlencode(data).encode() if data is not None else content.encode() if content is not None else None
        sent = urllib.request.Request(address, data=body, method=method, headers=headers or {})
        if data is not None:
            sent.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(sent, timeout=60) as answer:
                return Got(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
        except urllib.error.HTTPError as refused:
            return Got(refused.code, {k.lower(): v for k, v in refused.headers.items()}, refused.read())

    def get(self, path: str, **kw: Any) -> Got:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> Got:
        return self.request("POST", path, **kw)

    def put(self, path: str, **kw: Any) -> Got:
        return self.request("PUT", path, **kw)


class _Text(HTMLParser):
    """The text of a page, and its table cells and links, as a browser would show them."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.options: dict[str, list[tuple[str, str]]] = {}
        self._href: str | None = None
        self._select: str | None = None
        self._option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a":
            self._href = a.get("href")
            self.links.append((a.get("href") or "", ""))
        elif tag == "select":
            self._select = a.get("name")
            self.options[self._select or ""] = []
        elif tag == "option":
            self._option = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._href is not None and self.links:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)
        if self._option is not None and self._select is not None:
            self.options[self._select].append((self._option, data))
            self._option = None


def read_page(html: str) -> _Text:
    page = _Text()
    page.feed(html)
    return page


def test_home_lists_every_plan_with_what_was_read(client: Client, seeds_store_dir: Path) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = read_page(response.text)
    text = " ".join(" ".join(page.text).split())
    store = open_store(seeds_store_dir)
    titles = {row["t"].value: row["p"].value for row in store.query(
        PREFIXES + "PREFIX dct: <http://purl.org/dc/terms/> SELECT ?p ?t WHERE { GRAPH ?p { ?p a pg:Plan ; dct:title ?t } }")}
    assert len(titles) == 2
    for title, plan in titles.items():
        assert title in text
        assert any(text_ == title and href.startswith("/id/plan/") for href, text_ in page.links)
        # each count is the number of things of that kind in the plan's graph
        measures = store.query(PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m a pg:PerformanceMeasure } }",
                               named_graphs=[pyoxigraph.NamedNode(plan)], use_default_graph_as_union=True)
        n = int(next(iter(measures))["n"].value)
        if n:
            assert f"{n} measures" in text
    # the action plan's seed has 43 measures (one per numbered line under its outcomes)
    assert "43 measures" in text
    assert "Every plan conforms" in text or "Some plans have violations" in text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


def test_every_named_question_has_a_page(client: Client) -> None:
    listing = read_page(client.get("/questions").text)
    names = [href.rsplit("/", 1)[1] for href, _ in listing.links if href.startswith("/questions/")]
    assert len(names) >= 14 and "who-leads-what" in names
    for name in names:
        response = client.get(f"/questions/{name}")
        assert response.status_code == 200, name
        assert f"plangraph query {name}" in response.text


def test_a_parameter_offers_the_values_in_the_graph_and_answers_as_the_command_does(
        client: Client, seeds_store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = read_page(client.get("/questions/organisation-leads").text)
    offered = dict(form.options["organisation"])
    assert offered["id:organisation/nottingham-city-ccg"] == "Nottingham City CCG"
    leads = run_query(load_query("lead-counts"), store=open_store(seeds_store_dir))
    organisations = {str(r["leadLabel"]) for r in leads.rows if str(r["leadKind"]) == "organisation"}
    assert organisations <= set(offered.values())
    response = client.get("/questions/organisation-leads", params={"organisation": "id:organisation/nottingham-city-ccg"})
    page = read_page(response.text)
    expected = run_query(load_query("organisation-leads"), store=open_store(seeds_store_dir),
                         params={"organisation": URIRef(CCG)})
    assert len(expected.rows) > 0
    items = [text for href, text in page.links if "/measure/" in href or "/activity/" in href]
    assert sorted(items) == sorted(str(r["itemLabel"]) for r in expected.rows)
    # the command it shows gives the same rows in a terminal
    shown = re.search(r'<code id="command">([^<]+)</code>', response.text)
    assert shown is not None
    words = shlex.split(html.unescape(shown.group(1)))
    assert words[:3] == ["plangraph", "query", "organisation-leads"]
    assert "organisation=id:organisation/nottingham-city-ccg" in words
    assert main([*words[1:], "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\r\n") == len(expected.rows) + 1


def test_downloads_hold_the_same_rows(client: Client, seeds_store_dir: Path) -> None:
    params = {"organisation": "id:organisation/nottingham-city-ccg"}
    expected = run_query(load_query("organisation-leads"), store=open_store(seeds_store_dir),
                         params={"organisation": URIRef(CCG)})
    got_csv = client.get("/questions/organisation-leads.csv", params=params)
    assert got_csv.headers["content-disposition"] == 'attachment; filename="organisation-leads.csv"'
    assert got_csv.content.startswith("\ufeff".encode())  # Excel on Windows reads it as UTF-8
    rows = list(csv.reader(io.StringIO(got_csv.content.decode("utf-8-sig"))))
    book = load_workbook(io.BytesIO(client.get("/questions/organisation-leads.xlsx", params=params).content))
    sheet = [[("" if v is None else str(v)) for v in row] for row in book.active.iter_rows(values_only=True)]
    assert sheet == rows and len(rows) == len(expected.rows) + 1
    data = json.loads(client.get("/questions/organisation-leads.json", params=params).text)
    assert data["head"]["vars"] == expected.columns
    assert len(data["results"]["bindings"]) == len(expected.rows)


def test_a_thing_page_shows_its_links_and_where_the_plan_prints_it(client: Client) -> None:
    response = client.get("/id/organisation/nottingham-city-ccg")
    assert response.status_code == 200
    page = read_page(response.text)
    text = " ".join(page.text)
    assert "Nottingham City CCG" in text and "org:Organization" in text
    # every quote stands at the line it names in the seed (read from the file, not the graph)
    lines = ACTION_PLAN.read_text(encoding="utf-8").splitlines()
    quotes = re.findall(r'<span class="location">([^<]+):(\d+)</span>\s*<blockquote>.*?<mark>([^<]+)</mark>',
                        response.text, re.S)
    assert len(quotes) >= 3
    for file, line, exact in quotes:
        assert file == ACTION_PLAN.name
        assert exact in lines[int(line) - 1]
    # the measure it leads links back to it, by its words
    assert any(href.startswith("/id/plan/") and "smoking" in label for href, label in page.links)


def test_unknown_things_and_questions_are_not_found(client: Client) -> None:
    assert client.get("/thing", params={"iri": "urn:x:nothing"}).status_code == 404
    assert client.get("/thing", params={"iri": "not an iri"}).status_code == 400
    assert client.get("/questions/no-such-question").status_code == 404
    assert client.get("/questions/../../etc/passwd").status_code == 404
    assert client.get("/views/nope").status_code == 404


def test_views_and_audit_are_the_builds_pages(client: Client, seeds_build: Path) -> None:
    for name in ("who-leads-what", "evidence", "partnerships", "across-plans"):
        response = client.get(f"/views/{name}")
        assert response.status_code == 200
        assert response.content == (seeds_build / f"{name}.html").read_bytes()
    assert client.get("/audit").content == (seeds_build / "audit.html").read_bytes()
    assert "problems" in client.get("/validation").text


def test_sparql_protocol_get_and_post_in_every_results_format(client: Client) -> None:
    query = PREFIXES + "SELECT (COUNT(?m) AS ?n) WHERE { ?m a pg:PerformanceMeasure }"
    got = client.get("/sparql", params={"query": query}, headers={"Accept": "*/*"})
    assert got.headers["content-type"].startswith("application/sparql-results+json")
    assert got.json()["results"]["bindings"][0]["n"]["value"] == "43"
    form = client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert form.text == "n\r\n43\r\n"
    direct = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query",
                                                            "Accept": "application/sparql-results+xml"})
    assert "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">43</literal>" in direct.text
    tsv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert tsv.text.splitlines() == ["?n", "43"]  # an integer in TSV is written as a bare number
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert ask.json()["boolean"] is True
    graph = client.get("/sparql", params={"query": PREFIXES + "CONSTRUCT { ?m a pg:PerformanceMeasure } WHERE { ?m a pg:PerformanceMeasure }"},
                       headers={"Accept": "application/n-triples"})
    assert len(graph.text.strip().splitlines()) == 43


def test_sparql_protocol_refuses_writes_and_says_what_is_wrong(client: Client, seeds_store_dir: Path) -> None:
    before = sum(1 for _ in open_store(seeds_store_dir).quads_for_pattern(None, None, None))
    assert client.post("/sparql", data={"update": "DROP ALL"}).status_code == 403
    assert client.post("/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert client.get("/sparql", params={"update": "DROP ALL"}).status_code == 403
    bad = client.get("/sparql", params={"query": "SELEC ?x"})
    assert bad.status_code == 400 and "syntax error" in bad.text
    assert client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}).status_code == 406
    assert client.put("/sparql", content="x").status_code == 405
    assert sum(1 for _ in open_store(seeds_store_dir).quads_for_pattern(None, None, None)) == before


def test_requests_for_another_host_are_refused(client: Client) -> None:
    # a page of another site whose name points at 127.0.0.1 (DNS rebinding) cannot read the plans
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    from plangraph.pipeline import build

    text = (Path(__file__).parent / "data" / "golden" / "westshire.txt").read_text(encoding="utf-8")
    probe = tmp_path / "westshire-xss.txt"
    probe.write_text(text.replace("1a: Children are healthy", "1a: <script>alert(1)</script>"), encoding="utf-8")
    build([probe], tmp_path / "build")
    with serving(tmp_path / "build" / "store") as url:
        c = Client(url)
        outcomes = c.get("/questions/plan-outline").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outcomes and "<script>alert" not in outcomes
        iri = re.search(r'href="(/id/plan/[^"]+/outcome/1a)"', outcomes)
        assert iri is not None
        page = c.get(iri.group(1)).text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_query_endpoint_against_serve_gives_the_local_rows(served: str, seeds_store_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("who-leads-what", "partnership-links", "lead-counts"):
        assert main(["query", name, "--endpoint", served + "sparql", "--format", "csv"]) == 0
        remote = capsys.readouterr().out
        assert main(["query", name, "--store", str(seeds_store_dir), "--format", "csv"]) == 0
        local = capsys.readouterr().out
        assert remote == local and remote.count("\n") > 3, name


def test_ctrl_c_stops_the_server_cleanly(seeds_store_dir: Path) -> None:
    # at once after the line that says it serves (a Ctrl-C there was once lost, or exit 1)
    for _ in range(3):
        process, url = start(seeds_store_dir)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
        assert process.returncode == 0
        assert "stopped serving" in err and "Traceback" not in err


def test_a_port_in_use_is_one_line_and_exit_2(seeds_store_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "plangraph", "serve", "--store", str(seeds_store_dir),
                               "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr


def test_no_store_is_one_line_and_exit_3(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "plangraph", "serve", "--store", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 3 and "no plangraph store here" in done.stderr


def test_a_rebuild_while_serving_shows_at_the_next_page(tmp_path: Path) -> None:
    from conftest import REVIEW_TABLE
    from plangraph.pipeline import build

    out = tmp_path / "build"
    build([ACTION_PLAN], out)
    with serving(out / "store") as url:
        client = Client(url)
        assert "1 plan in the store" in " ".join(client.get("/").text.split())
        build([ACTION_PLAN, REVIEW_TABLE], out)  # the build swaps a new store in while it serves
        home = " ".join(client.get("/").text.split())
        assert "2 plans in the store" in home
        assert "review of key activities" in home
        answer = client.get("/sparql", params={"query": PREFIXES + "SELECT (COUNT(?p) AS ?n) WHERE { ?p a pg:Plan }"},
                            headers={"Accept": "text/csv"})
        assert answer.text == "n\r\n2\r\n"


def test_find_by_a_word_of_a_name(client: Client) -> None:
    page = read_page(client.get("/find", params={"q": "ccg"}).text)
    assert ("/id/organisation/nottingham-city-ccg", "Nottingham City CCG") in page.links
    # any case, any part of the name; organisations before the items that name them
    answer = client.get("/find", params={"q": "NOTTINGHAM city"}).text
    rows = re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a></td><td>([^<]+)</td></tr>', answer)
    names = [name for name, _ in rows]
    assert "Nottingham City CCG" in names and "Nottingham City Council" in names
    # "Public Health England" (a partner) and measures of health both hold "health"
    answer = client.get("/find", params={"q": "Health"}).text
    rows = re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a></td><td>([^<]+)</td></tr>', answer)
    assert ("Public Health England", "organisation") in rows
    kinds = [kind for _, kind in rows]
    assert "organisation" in kinds and len(set(kinds)) > 1  # items that name it too
    assert kinds == sorted(kinds, key=lambda k: k != "organisation")  # organisations first
    nothing = client.get("/find", params={"q": "no name holds this"}).text
    assert "Nothing in the graph has a name holding" in nothing
