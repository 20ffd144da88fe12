"""plangraph build: the outputs, an independent parser, and a failed build that leaves
the previous outputs as they were."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pyoxigraph
import pytest

from conftest import TEXT_SEEDS, dataset_of
from plangraph.cli import main
from plangraph.errors import ReadError
from plangraph.resources import seeds


def digest(folder: Path) -> dict[str, str]:
    """Every file's hash but the cache's (what a build read before it failed is kept there)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "cache" not in p.relative_to(folder).parts}


@pytest.fixture(scope="module")
def built(seeds_build: Path) -> Path:
    return seeds_build


def test_build_writes_every_output(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("graph.trig", "validation.txt", "validation.json"):
        assert (built / name).is_file() and (built / name).stat().st_size > 0, name
    assert (built / "store").is_dir()
    assert not [p for p in built.parent.iterdir() if p.name.startswith(".build.")]


def test_build_writes_the_pages_plangraph_viz_and_audit_draw_from_its_store(built: Path, tmp_path: Path) -> None:
    # build asks the pages' questions of each plan's graph in turn, in several processes
    from plangraph.publish.viz import VIEW_NAMES

    assert main(["audit", "--store", str(built / "store"), "--out", str(tmp_path / "audit.html")]) == 0
    assert (tmp_path / "audit.html").read_bytes() == (built / "audit.html").read_bytes()
    for name in VIEW_NAMES:
        assert main(["viz", name, "--store", str(built / "store"), "--out", str(tmp_path / f"{name}.html")]) == 0
        assert (tmp_path / f"{name}.html").read_bytes() == (built / f"{name}.html").read_bytes(), name
    # no rows of the pages left, and of the build's own folder only its record and locks
    assert [p.name for p in built.iterdir() if p.name.startswith(".")] == [".plangraph"]
    assert {p.name for p in (built / ".plangraph").iterdir()} <= {"build.lock", "cache", "outputs.json",
                                                                 "publish.lock"}


def test_graph_trig_parses_with_oxigraph(built: Path) -> None:
    quads = list(pyoxigraph.parse(path=str(built / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    graphs = {q.graph_name for q in quads}
    names = {str(g.value) for g in graphs if isinstance(g, pyoxigraph.NamedNode)}
    assert "https://w3id.org/plangraph/id/plan/nottingham-cypp-2016-2020" in names
    assert "https://w3id.org/plangraph/id/plan/nottinghamshire-cyp-plan-review-2018" in names
    assert len(quads) > 10000


def test_store_holds_the_same_quads_as_the_trig(built: Path) -> None:
    store = pyoxigraph.Store.read_only(str(built / "store"))
    quads = list(pyoxigraph.parse(path=str(built / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert len(store) == len(set(quads))


def test_build_prints_where_it_wrote_and_the_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"{out}/graph.trig" in printed
    assert "Validation:" in printed and "validation.txt" in printed


def test_unreadable_input_leaves_the_previous_build_intact(built: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = shutil.copytree(built, tmp_path / "build")  # a previous build
    before = digest(out)
    bad = tmp_path / "broken-plan.txt"
    bad.write_bytes(b"Priority 1. A\n\nOutcomes\tPerformance measures\tLead organisation\n")
    capsys.readouterr()
    assert main(["build", str(seeds()[0]), str(bad), "--out", str(out)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken-plan.txt:3:" in err[0]
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken-plan.txt", "build"]


def _loader_fails_at_once(self: object, store: object, chunk: Path) -> None:
    # the store's loader fails on the first chunk it is given
    raise OSError("disk full")


def _loader_fails_half_way(self: object, store: object, chunk: Path) -> None:
    # it loads the first chunk, then the disk fills up
    if chunk.name != "chunk-1":
        raise OSError("disk full half way")
    store.bulk_load(path=str(chunk), format=self.fmt)  # type: ignore[attr-defined]


# the first updates the previous build's store with the plan it lacks; the second loads it whole
@pytest.mark.parametrize(("broken_load", "message", "options"), [(_loader_fails_at_once, "disk full", []),
                                                                 (_loader_fails_half_way, "disk full half way",
                                                                  ["--no-cache"])])
def test_a_failure_while_writing_leaves_the_previous_build_intact(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    broken_load: object, message: str, options: list[str],
) -> None:
    out = shutil.copytree(built, tmp_path / "build")  # a previous build
    before = digest(out)
    monkeypatch.setattr("plangraph.store.StoreLoader._load", broken_load)
    capsys.readouterr()
    assert main(["build", "--out", str(out), *options]) != 0
    assert message in capsys.readouterr().err
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def _console_script() -> str:
    return str(Path(sys.executable).parent / "plangraph")


def test_progress_shows_on_a_terminal_and_nothing_otherwise(tmp_path: Path) -> None:
    import os
    import pty
    import select
    import subprocess

    out = tmp_path / "b"
    small = Path(__file__).resolve().parent / "data" / "golden" / "westshire.txt"  # what is read does not matter
    quiet = subprocess.run([_console_script(), "build", str(small), "--out", str(out)], capture_output=True,
                           text=True, timeout=300)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""

    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="100", TERM="xterm")
    # into another folder: the same build again would find its outputs in place, with nothing to show
    proc = subprocess.Popen([_console_script(), "build", str(small), "--out", str(tmp_path / "c")], stdin=slave,
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    os.close(master)
    assert proc.returncode == 0
    # the display is redrawn ten times a second, so a quick step may never be drawn; the last
    # one always is, as the display stops
    assert b"moving the outputs into place" in seen and b"\x1b[?25l" in seen, seen[:500]


def _quads(path: Path) -> set[pyoxigraph.Quad]:
    return set(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG))


def test_build_writes_the_quads_of_the_rdflib_mapping(built: Path) -> None:
    """The fast path (triples -> Oxigraph's N-Quads -> store -> TriG) loses and changes nothing
    of what the mapping makes, read back through rdflib's own N-Quads serializer."""
    ds = dataset_of(*TEXT_SEEDS)
    expected = set(pyoxigraph.parse(input=ds.serialize(format="nquads", encoding="utf-8"),
                                    format=pyoxigraph.RdfFormat.N_QUADS))
    assert _quads(built / "graph.trig") == expected


def test_parallel_and_serial_builds_write_the_same_files(built: Path, tmp_path: Path) -> None:
    from plangraph.pipeline import build

    serial = build(list(TEXT_SEEDS), tmp_path / "serial", jobs=1)
    parallel = build(list(TEXT_SEEDS), tmp_path / "parallel", jobs=2)
    assert serial.quads == parallel.quads > 10000
    for name in ("graph.trig", "validation.txt", "validation.json"):
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes(), name
        assert (built / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes(), name


def test_an_error_in_a_worker_process_names_the_file_and_line(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken-plan.txt"
    bad.write_bytes(b"Priority 1. A\n\nOutcomes\tPerformance measures\tLead organisation\n")
    out = tmp_path / "build"
    files = [str(seeds()[0]), str(bad), str(seeds()[1])]
    assert main(["build", *files, "--jobs", "2", "--out", str(out)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken-plan.txt:3:" in err[0], err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken-plan.txt"]


def test_two_plans_with_one_slug_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    from plangraph.pipeline import build

    # the slug comes from the file's name: the same name in another folder is another plan
    twin = tmp_path / "copy" / "westshire-plan.txt"
    twin.parent.mkdir()
    twin.write_bytes(seeds()[0].read_bytes())
    other = tmp_path / "westshire-plan.txt"
    other.write_bytes(seeds()[1].read_bytes())
    with pytest.raises(ReadError, match="share the plan slug"):
        build([other, twin], tmp_path / "out", jobs=2)
    assert not (tmp_path / "out").exists()


def test_slugs_that_differ_only_in_case_or_punctuation_are_refused(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A manifest whose slugs differ only in case or punctuation merged two plans into one
    named graph, silently (issue 17): they name the same plan IRI, so the build refuses them."""
    import json

    folder = tmp_path / "plans"
    folder.mkdir()
    for k, seed in enumerate(TEXT_SEEDS):
        (folder / f"plan-{k}.txt").write_bytes(seed.read_bytes())
    (folder / "manifest.json").write_text(json.dumps({"plans": [
        {"file": "plan-0.txt", "slug": "City-Plan"}, {"file": "plan-1.txt", "slug": "city plan"}]}),
        encoding="utf-8")
    code = main(["build", str(folder / "plan-0.txt"), str(folder / "plan-1.txt"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1
    assert f"{folder / 'plan-1.txt'}: would share the plan slug 'city-plan' with {folder / 'plan-0.txt'}" in err
    assert not (tmp_path / "out").exists()


def test_validating_a_plans_triples_reports_what_validating_its_graph_reports() -> None:
    """build validates each plan from its triples, without an rdflib graph: same report."""
    from rdflib import Graph

    from plangraph.ingest import read
    from plangraph.rdf.mapping import map_plan
    from plangraph.validate import validate_graph, validate_triples

    for path in seeds():  # every bundled plan, the PDF too
        doc, ex = read(path)
        plan, triples = map_plan(doc, ex, {})
        graph = Graph(identifier=plan)
        graph.addN((s, p, o, graph) for s, p, o in triples)
        expected = validate_graph(graph)
        assert expected.results and expected.plans  # the seeds have warnings to compare
        assert validate_triples(triples, plan) == expected


def test_a_url_in_angle_brackets_or_holding_a_bar_is_built(tmp_path: Path) -> None:
    """An evidence cell printing "(see <http://…>)" or a URL with "|" stopped the build with an
    internal error (issue 17): the URL is read without the brackets, the bar percent-encoded."""
    from plangraph.pipeline import build

    county = seeds()[0]
    lines = county.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.split("\t")[0].strip().isdigit())
    cells = lines[row].split("\t")
    cells[2] += " (see <http://example.org/report.pdf>) and http://example.org/a|b"
    lines[row] = "\t".join(cells)
    plan = tmp_path / county.name
    plan.write_text("\n".join(lines), encoding="utf-8")
    build([plan], tmp_path / "out")
    pages = {str(q.object.value) for q in pyoxigraph.parse(path=str(tmp_path / "out" / "graph.trig"),
                                                          format=pyoxigraph.RdfFormat.TRIG)
             if q.predicate.value == "http://xmlns.com/foaf/0.1/page"}
    assert {"http://example.org/report.pdf", "http://example.org/a%7Cb"} <= pages


def test_ctrl_c_exits_130_with_one_line_and_leaves_nothing_half_written(built: Path, tmp_path: Path) -> None:
    """Ctrl-C during a build printed a traceback per process and exited 1 (issue 17): now one
    line, exit 130, the previous output as it was and no staging folder left."""
    import os
    import signal
    import subprocess
    import time

    from plangraph.bench.synth import write_plans

    write_plans(8, tmp_path / "plans", seed=1)  # a build of a few seconds, to interrupt
    out = shutil.copytree(built, tmp_path / "build")
    before = digest(out)
    # Ctrl-C goes to the terminal's whole process group: the build and its workers
    proc = subprocess.Popen([_console_script(), "build", *map(str, sorted((tmp_path / "plans").glob("*.txt"))),
                             "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    # interrupted once the build is under way (its staging folder made): earlier, under load, the
    # signal could land while a library was being imported, and a library's bare except swallow it
    deadline = time.monotonic() + 60
    while not any(out.rglob("staging-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    # click starts a new line first, after the terminal's "^C"
    assert err.decode().lstrip("\n") == "plangraph: interrupted\n"
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "plans"]
