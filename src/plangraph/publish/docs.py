"""The HTML page of the plangraph ontology (``plangraph docs``), made with pyLODE.

The page must open offline: pyLODE 3.3.4's OntPub profile inlines its stylesheet and
icons, and links (``<a href>``) to the IRIs of the terms it names, which a browser only
follows on a click. Three pyLODE habits are kept out of plangraph's way here:

- importing pyLODE calls ``logging.basicConfig(level=DEBUG)``, so every later log
  record of the process (pyLODE's own and any library's) would go to stderr;
- it caches the vocabularies it ships (RDF, OWL, SKOS, PROV, ...) as pickles inside its
  installed folder, which fails on a read-only install (it only catches
  ``FileNotFoundError``), so they are parsed in memory instead;
- given a path that does not parse, it prints the error and calls ``exit()``, so the
  ontology is parsed here and handed to it as a graph.

pyLODE never fetches anything for OntPub: it reads the ontology and those bundled files.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from types import ModuleType

from rdflib import DCTERMS, OWL, RDF, RDFS, SDO, SKOS, Graph
from rdflib.namespace import DC

from plangraph.errors import PlangraphError, ReadError
from plangraph.files import write_text_atomic
from plangraph.resources import asset_dir

__all__ = ["write_ontology_docs", "ontology_html", "ontology_path", "PYLODE_VERSION"]

PYLODE_VERSION = "3.3.4"
"""The pyLODE release this module is written against (its 3.4.1 wheel fails on import)."""

_INSTALL_HINT = "pip install 'plangraph[docs]'"

# Markup that makes a browser load something from the network when the page opens.
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>.*?</script\s*>",
                            re.IGNORECASE | re.DOTALL)
_REMOTE_TAG = re.compile(r"<(?:link|img|iframe|source|embed)\b[^>]*\b(?:href|src)\s*=\s*[\"']?"
                         r"(?:https?:)?//[^>]*>", re.IGNORECASE)
_REMOTE_IMPORT = re.compile(r"@import\s+(?:url\()?\s*[\"']?(?:https?:)?//[^;]*;?", re.IGNORECASE)


def ontology_path() -> Path:
    """The bundled ontology file, ``ontology/plangraph.ttl``."""
    return asset_dir("ontology") / "plangraph.ttl"


def write_ontology_docs(out_dir: Path) -> Path:
    """Write the ontology's HTML page to ``out_dir/index.html`` (UTF-8, atomically).

    Parameters
    ----------
    out_dir : Path
        Folder to write into; made if missing.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    PlangraphError
        pyLODE is missing or is not the release plangraph works with.
    ReadError
        The bundled ontology does not parse.
    """
    target = out_dir / "index.html"
    write_text_atomic(target, ontology_html(ontology_path()))
    return target


def ontology_html(path: Path) -> str:
    """Render the ontology in ``path`` (Turtle) as one self-contained HTML page."""
    with _root_logger_kept():
        ontpub = _import_pylode()
        utils = importlib.import_module("pylode.utils")
        graph = _parse(path)
        background = _background_vocabularies(Path(utils.RDF_FOLDER))
        in_memory = {"load_background_onts": lambda: background,
                     "load_background_onts_titles": _vocabulary_titles}
        saved = [(module, name, getattr(module, name)) for module in (ontpub, utils) for name in in_memory]
        for module, name, _ in saved:
            setattr(module, name, in_memory[name])
        try:
            html = str(ontpub.OntPub(ontology=graph).make_html())
        except ontpub.PylodeError as err:
            raise PlangraphError(f"{path}: pyLODE cannot document the ontology: {err}") from err
        finally:
            for module, name, loader in saved:
                setattr(module, name, loader)
    return _offline(html)


def _import_pylode() -> ModuleType:
    try:
        version = importlib.metadata.version("pylode")
    except importlib.metadata.PackageNotFoundError as err:
        raise PlangraphError("plangraph docs needs pyLODE, which is not installed",
                             hint=_INSTALL_HINT) from err
    if version != PYLODE_VERSION:
        raise PlangraphError(f"plangraph docs needs pyLODE {PYLODE_VERSION} (got pyLODE {version})",
                             hint=_INSTALL_HINT)
    try:
        module = importlib.import_module("pylode.profiles.ontpub")
    except Exception as err:  # a broken install fails in many ways; say which one
        raise PlangraphError(f"pyLODE {version} fails on import ({type(err).__name__}: {err})",
                             hint=_INSTALL_HINT) from err
    return module


@contextmanager
def _root_logger_kept() -> Iterator[None]:
    """Undo what pyLODE does to the root logger while it is imported and run."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    placeholder = logging.NullHandler()
    if not handlers:  # basicConfig() does nothing when the root logger has a handler
        root.addHandler(placeholder)
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _parse(path: Path) -> Graph:
    graph = Graph(bind_namespaces="core")
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as err:
        raise ReadError(str(path), None, "the ontology file is missing") from err
    except Exception as err:  # rdflib raises several types for bad Turtle
        raise ReadError(str(path), None, f"not valid Turtle ({err})") from err
    return graph


def _background_vocabularies(folder: Path) -> Graph:
    """What pyLODE 3.3.4's ``load_background_onts`` returns, without its pickle cache."""
    graph = Graph(bind_namespaces="core")
    for file in sorted(folder.glob("*.ttl")):
        graph.parse(file, format="turtle")
    for s, o in list(chain(graph.subject_objects(DC.title), graph.subject_objects(RDFS.label),
                           graph.subject_objects(SKOS.prefLabel), graph.subject_objects(SDO.name))):
        graph.add((s, DCTERMS.title, o))
    for s, o in list(chain(graph.subject_objects(DC.description), graph.subject_objects(RDFS.comment),
                           graph.subject_objects(SKOS.definition),
                           graph.subject_objects(SDO.description))):
        graph.add((s, DCTERMS.description, o))
    return graph


def _vocabulary_titles(graph: Graph) -> dict[str, str]:
    """What pyLODE 3.3.4's ``load_background_onts_titles`` returns, without its cache."""
    titles = {str(s): str(o) for s in graph.subjects(RDF.type, OWL.Ontology)
              for o in graph.objects(s, DCTERMS.title)}
    return dict(sorted(titles.items(), key=lambda item: item[1]))


def _offline(html: str) -> str:
    """Drop markup that would load something from the network; declare the language.

    pyLODE 3.3.4's OntPub emits none (its CSS and icons are inline): this keeps the page
    offline should a template change add a remote script, stylesheet or font.
    """
    for pattern in (_REMOTE_SCRIPT, _REMOTE_TAG, _REMOTE_IMPORT):
        html = pattern.sub("", html)
    return html.replace("<html>", '<html lang="en">', 1)
