"""``plangraph docs``: the ontology's HTML page, complete, UTF-8 and readable offline."""

from __future__ import annotations

import html
import importlib.metadata
import pickle
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from plangraph.cli import main
from plangraph.publish.docs import _offline, ontology_html, ontology_path, write_ontology_docs
from plangraph.errors import ReadError

REPO = Path(__file__).resolve().parent.parent
PG_NS = "https://w3id.org/plangraph/def/core#"
# Attributes through which a browser loads something when the page opens.
LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "background"}
REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)


class _Resources(HTMLParser):
    """Collects what a page would load: tag attributes and CSS in <style> and style=."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.css: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attributes.items():
            if value is None:
                continue
            if name in LOADING_ATTRIBUTES or (name == "href" and tag == "link"):
                self.loads.append(f"<{tag} {name}={value}>")
            if name == "style":
                self.css.append(value)
        if tag == "script":
            self.scripts.append(attributes)
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.css.append(data)
        elif self._in != "script":
            self.text.append(data)


def _resources(page: str) -> _Resources:
    parser = _Resources()
    parser.feed(page)
    parser.close()
    return parser


def remote_references(page: str) -> list[str]:
    found = _resources(page)
    remote = [load for load in found.loads if REMOTE.search(load.split("=", 1)[1])]
    for css in found.css:
        remote += re.findall(r"@import[^;]*", css, re.IGNORECASE)
        remote += [u for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not u.startswith("data:")]
    return remote


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    assert main(["docs", "--out", str(out)]) == 0
    return out / "index.html"


@pytest.fixture(scope="module")
def page(page_file: Path) -> str:
    return page_file.read_bytes().decode("utf-8")  # strict: fails on bytes that are not UTF-8


def test_docs_command_prints_the_file_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site" / "docs"  # made if missing
    assert main(["docs", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{out / 'index.html'}\n"
    assert captured.err == ""
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # no temporary file left


def test_docs_default_folder_is_build_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["docs"]) == 0
    assert capsys.readouterr().out.strip() == str(Path("build") / "docs" / "index.html")
    assert (tmp_path / "build" / "docs" / "index.html").is_file()


def test_page_is_utf8_html_that_says_so(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert re.search(r"<meta[^>]*charset=utf-8", page, re.IGNORECASE)
    assert '<html lang="en">' in page


def test_page_names_the_ontology_and_every_term(page: str, ontology: Graph) -> None:
    text = html.unescape(" ".join(_resources(page).text))
    title = ontology.value(URIRef("https://w3id.org/plangraph/def/core"), DCTERMS.title)
    assert str(title) == "plangraph core ontology"
    assert f"<title>{title}</title>" in page
    for label in ("Performance measure", "Key activity", "Progress report", "Evidence source"):
        assert label in text
    terms = {s for s in ontology.subjects(RDFS.label) if str(s).startswith(PG_NS)}
    assert len(terms) >= 30
    missing = [f"{t}: {ontology.value(t, RDFS.label)}" for t in sorted(terms)
               if str(ontology.value(t, RDFS.label)) not in text or str(t) not in page]
    assert missing == []
    classes = [ontology.value(c, RDFS.label) for c in ontology.subjects(RDF.type, OWL.Class)]
    assert len(classes) >= 13


def test_page_shows_definitions(page: str, ontology: Graph) -> None:
    text = re.sub(r"\s+", " ", html.unescape(" ".join(_resources(page).text)))
    for term, definition in ontology.subject_objects(SKOS.definition):
        assert re.sub(r"\s+", " ", str(definition)) in text, term


def test_page_loads_nothing_from_the_network(page: str) -> None:
    assert remote_references(page) == []
    found = _resources(page)
    # pyLODE inlines its stylesheet; its only script is the page's schema.org JSON-LD
    assert found.css and any("#pylode" in css for css in found.css)
    assert [s.get("type") for s in found.scripts] == ["application/ld+json"]
    assert all("src" not in s for s in found.scripts)


def test_the_network_check_finds_remote_assets() -> None:
    page = """<html><head>
        <link rel="stylesheet" href="https://cdn.example.org/x.css">
        <script src="//cdn.example.org/x.js"></script>
        <style>@import url("https://fonts.googleapis.com/css?family=Roboto");
               body { background: url(http://example.org/bg.png) }</style>
        </head><body><img src="https://example.org/logo.png">
        <a href="https://example.org/">a link is not a load</a></body></html>"""
    found = remote_references(page)
    for url in ("x.css", "x.js", "Roboto", "bg.png", "logo.png"):
        assert any(url in ref for ref in found), url
    assert not any("example.org/\"" in ref or ref.startswith("<a") for ref in found)


def test_remote_assets_are_dropped_from_the_page() -> None:
    page = """<html><head>
        <link href="data:image/png;base64,AAAA" rel="icon">
        <link rel="stylesheet" href="https://cdn.example.org/x.css">
        <script src="https://cdn.example.org/x.js"></script>
        <script type="application/ld+json">{"a": 1}</script>
        <style>@import url("https://fonts.googleapis.com/css?family=Roboto");
        p { color: red }</style>
        </head><body><a href="https://example.org/">kept</a></body></html>"""
    cleaned = _offline(page)
    assert remote_references(cleaned) == []
    for kept in ('href="data:image/png;base64,AAAA"', '{"a": 1}', "p { color: red }",
                 '<a href="https://example.org/">kept</a>', '<html lang="en">'):
        assert kept in cleaned


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise AssertionError(f"tried to use the network: {args!r}")


def test_rendering_needs_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    assert write_ontology_docs(tmp_path).is_file()


def test_rendering_leaves_pylode_install_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyLODE caches its vocabularies as pickles in its own folder (failing when that is
    read-only); plangraph parses them in memory instead, reading and writing no pickle."""
    import pylode.utils

    folder = Path(pylode.utils.RDF_FOLDER)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir())
    monkeypatch.setattr(pickle, "load", _refuse)
    monkeypatch.setattr(pickle, "dump", _refuse)
    assert write_ontology_docs(tmp_path).is_file()
    assert sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir()) == before


def test_output_is_the_same_every_time(page: str, tmp_path: Path) -> None:
    assert write_ontology_docs(tmp_path).read_text(encoding="utf-8") == page


def test_docs_command_prints_only_the_path(tmp_path: Path) -> None:
    """Importing pyLODE turns on DEBUG logging to stderr for the whole process; the command
    must not show that (or any later library's debug output)."""
    out = tmp_path / "docs"
    code = ("import logging, sys; from plangraph.cli import main; code = main(sys.argv[1:]); "
            "logging.getLogger('later').info('not shown'); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, "docs", "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{out / 'index.html'}\n"
    assert done.stderr == ""


def test_missing_pylode_is_reported_with_the_install_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert main(["docs", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("plangraph: error: ") and "pip install 'plangraph[docs]'" in err
    assert not (tmp_path / "index.html").exists()


def test_wrong_pylode_version_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "3.4.1")
    assert main(["docs", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "pyLODE 3.3.4 (got pyLODE 3.4.1)" in err


def test_an_ontology_that_does_not_parse_is_a_read_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix pg: <https://w3id.org/plangraph/def/core#> .\npg:Plan a \n", encoding="utf-8")
    with pytest.raises(ReadError) as err:
        ontology_html(bad)
    assert err.value.file == str(bad) and "not valid Turtle" in str(err.value)
