"""Rebuilds redo only what changed (issue 18): a plan as before is not read, mapped or validated
again, the store is updated rather than loaded whole, and a build with nothing changed finds
its outputs in place. Whatever the cache held, the outputs are those a build from nothing makes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph
import pytest

from conftest import ACTION_PLAN, REVIEW_TABLE
from plangraph.cli import main
from plangraph.pipeline import build
from plangraph.pipeline import cache as cache_module
from plangraph.pipeline.outputs import OUTPUTS
from plangraph.store.folder import META


def outputs(folder: Path) -> dict[str, str]:
    """Every output file's digest, and the store's quads (its files differ by when written)."""
    found = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
             for name in OUTPUTS if name != "store"}
    store = pyoxigraph.Store.read_only(str(folder / "store"))
    found["store"] = hashlib.sha256("\n".join(sorted(map(str, store))).encode()).hexdigest()
    return found


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of four plans (the two text seeds and two synthetic ones) in ``plans/``, and
    their build from nothing (``build(plans, out, jobs=1)``) in ``out/``: made once per module,
    and copied, never changed, by the fixtures below."""
    from plangraph.bench.synth import write_plans

    folder = tmp_path_factory.mktemp("incremental")
    write_plans(2, folder / "plans", seed=3)
    for seed in (ACTION_PLAN, REVIEW_TABLE):
        shutil.copy(seed, folder / "plans" / seed.name)
    result = build(files(folder / "plans"), folder / "out", jobs=1)
    assert result.read == 4 and not result.up_to_date and result.store == "loaded"
    return folder


@pytest.fixture
def plans(tmp_path: Path, first_build: Path) -> Path:
    """Four plans: the two text seeds and two synthetic ones (a copy of the module's)."""
    return Path(shutil.copytree(first_build / "plans", tmp_path / "plans"))


@pytest.fixture
def built(plans: Path, tmp_path: Path, first_build: Path) -> Path:
    """``out``: the build of ``plans`` from nothing, as ``build(files(plans), out, jobs=1)``
    leaves it (a copy of the module's build of the same plans, made once: a build finds its
    outputs and cache by the plans' names and bytes, wherever the folders are)."""
    return Path(shutil.copytree(first_build / "out", tmp_path / "out", symlinks=True))


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".txt")


def fresh(paths: list[Path], tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    result = build(paths, out, jobs=1, cache=False)
    assert result.read == len(paths) and result.store == "loaded"
    return outputs(out)


def test_nothing_changed_finds_the_outputs_in_place(plans: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    first = build(files(plans), out, jobs=1)
    assert first.read == 4 and not first.up_to_date
    before = outputs(out)
    again = build(files(plans), out, jobs=1)
    assert again.up_to_date and again.read == 0 and again.quads == first.quads
    assert again.report == first.report
    assert outputs(out) == before
    assert main(["build", *map(str, files(plans)), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"Up to date: 4 plans, {first.quads} quads in {out}/")


def test_one_plan_changed_is_the_only_one_read_and_the_store_is_updated(plans: Path, built: Path,
                                                                         tmp_path: Path) -> None:
    out = built  # the plans built once: build(files(plans), out, jobs=1)
    plan = plans / REVIEW_TABLE.name
    plan.write_text(plan.read_text(encoding="utf-8").replace("To deliver better assessment",
                                                             "To deliver much better assessment"), encoding="utf-8")
    result = build(files(plans), out, jobs=1)
    assert (result.read, result.mapped, result.store) == (1, 1, "updated")
    assert outputs(out) == fresh(files(plans), tmp_path)
    assert "much better assessment" in (out / "graph.trig").read_text(encoding="utf-8")


def test_a_plan_left_out_leaves_the_store(plans: Path, built: Path, tmp_path: Path) -> None:
    out = built  # the plans built once: build(files(plans), out, jobs=1)
    kept = [p for p in files(plans) if p.name != ACTION_PLAN.name]
    result = build(kept, out, jobs=1)
    assert (result.read, result.store) == (0, "updated")
    graphs = {g.value for g in pyoxigraph.Store.read_only(str(out / "store")).named_graphs()}
    assert not [g for g in graphs if g.endswith("/nottingham-cypp-2016-2020")] and len(graphs) == 4
    assert outputs(out) == fresh(kept, tmp_path)


def test_a_damaged_cache_entry_is_made_again_never_used(plans: Path, built: Path, tmp_path: Path) -> None:
    out = built  # the plans built once: build(files(plans), out, jobs=1)
    entries = sorted((out / META / "cache").glob("*.pickle"))
    assert len(entries) == 2 * 4 + 1  # each plan's reading, its mapping; the report
    rows = sorted((out / META / "cache" / "pages").glob("*.rows"))
    assert len(rows) == 4 + 1  # each graph's rows for the pages: the plans' and the services'
    for entry in entries + rows:  # one byte changed in each: a disk error, an edit
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0xFF
        entry.write_bytes(bytes(data))
    (plans / REVIEW_TABLE.name).write_text(REVIEW_TABLE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = build(files(plans), out, jobs=1)
    assert result.read == 4 and result.mapped == 4
    assert outputs(out) == fresh(files(plans), tmp_path)
    assert len(list((out / META / "cache").glob("*.pickle"))) == 2 * 4 + 1


def test_no_cache_and_a_changed_plangraph_do_everything_anew(plans: Path, built: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = built  # the plans built once: build(files(plans), out, jobs=1)
    assert main(["build", *map(str, files(plans)), "--out", str(out), "--no-cache"]) == 0
    monkeypatch.setattr(cache_module, "code_digest", lambda: "another plangraph")
    result = build(files(plans), out, jobs=1)
    assert not result.up_to_date and result.read == 4 and result.mapped == 4


def test_a_layout_file_changed_reads_the_plans_again(tmp_path: Path) -> None:
    from plangraph.resources import asset_dir

    layout = tmp_path / "mine.yaml"
    shutil.copy(asset_dir("layouts") / "review-table.yaml", layout)
    out = tmp_path / "out"
    build([REVIEW_TABLE], out, layout=str(layout), jobs=1)
    assert build([REVIEW_TABLE], out, layout=str(layout), jobs=1).up_to_date
    layout.write_text(layout.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = build([REVIEW_TABLE], out, layout=str(layout), jobs=1)
    assert not result.up_to_date and result.read == 1
