"""A non-editable install (a wheel) still finds the bundled seeds and reference data.

The wheel is built from the working tree and installed with ``pip --target`` into a
folder of its own; the installed copy is then run from another directory, so neither
the source checkout nor the editable install can stand in for it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_NAMES = (
    "nottinghamshire-cyp-plan-review-2018.txt",
    "nottingham-cypp-2016-2020-action-plan.txt",
    "kent-kcc-health-wellbeing-priorities-actions-2025.pdf",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(out.glob("plangraph-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("install") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "plangraph" / "__init__.py").is_file()
    return target


def _run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(site)
    env.pop("PYTHONHOME", None)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_wheel_carries_seeds_and_reference_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "plangraph/_assets/seeds/manifest.json" in names
        for seed in SEED_NAMES:
            assert f"plangraph/_assets/seeds/{seed}" in names
            # the bundled copy is the seed itself, byte for byte
            assert archive.read(f"plangraph/_assets/seeds/{seed}") == (REPO / "seeds" / seed).read_bytes()
        for data in ("organisations.csv", "organisation_words.txt", "source_heads.csv"):
            assert f"plangraph/data/{data}" in names
        for layout in sorted((REPO / "layouts").glob("*.*")):
            assert archive.read(f"plangraph/_assets/layouts/{layout.name}") == layout.read_bytes()
        manifest = json.loads(archive.read("plangraph/_assets/seeds/manifest.json"))
    assert sorted(p["file"] for p in manifest["plans"]) == sorted(SEED_NAMES)


def test_installed_package_finds_its_seeds_from_another_directory(site: Path, tmp_path: Path) -> None:
    probe = (
        "import json, plangraph, plangraph.resources as r\n"
        "print(json.dumps({'file': plangraph.__file__,"
        " 'seeds': [str(p) for p in r.seeds()],"
        " 'exist': [p.is_file() for p in r.seeds()],"
        " 'orgs': str(r.data_file('organisations.csv')),"
        " 'orgs_exist': r.data_file('organisations.csv').is_file()}))\n"
    )
    result = _run_installed(site, tmp_path, "-c", probe)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    site_root = site.resolve()
    assert Path(info["file"]).resolve().is_relative_to(site_root), info["file"]
    assert [Path(s).name for s in info["seeds"]] == list(SEED_NAMES)
    assert all(info["exist"]), info
    for seed in info["seeds"]:
        assert Path(seed).resolve().is_relative_to(site_root / "plangraph" / "_assets" / "seeds"), seed
    assert Path(info["orgs"]).resolve().is_relative_to(site_root)
    assert info["orgs_exist"]


def test_installed_extract_reads_every_seed(site: Path, tmp_path: Path) -> None:
    result = _run_installed(site, tmp_path, "-m", "plangraph", "extract", "--format", "json")
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert len(docs) == 3
    assert [d["plan"]["file"] for d in docs] == list(SEED_NAMES)
    assert [d["plan"]["layout"] for d in docs] == ["review-table", "action-plan", "kent-priorities-actions"]
    # the manifest travelled with the seeds: titles and slugs come from it
    manifest = json.loads((REPO / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    assert [d["plan"]["slug"] for d in docs] == [p["slug"] for p in manifest["plans"]]
    assert docs[1]["measures"] and docs[0]["activities"] and docs[2]["items"]
