"""Shared fixtures: the bundled seed plans, what the readers make of them, and the
hand-made expectations in ``tests/data/expected/`` (written from reading the documents,
not from the code's output)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plangraph.ingest.document import Document, read_document
from plangraph.ingest import read_text
from plangraph.model.records import Extraction

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
ACTION_PLAN = SEEDS / "nottingham-cypp-2016-2020-action-plan.txt"
REVIEW_TABLE = SEEDS / "nottinghamshire-cyp-plan-review-2018.txt"


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def action_doc() -> Document:
    return read_document(ACTION_PLAN)


@pytest.fixture(scope="session")
def review_doc() -> Document:
    return read_document(REVIEW_TABLE)


@pytest.fixture(scope="session")
def action_plan(action_doc: Document) -> Extraction:
    return read_text(action_doc)


@pytest.fixture(scope="session")
def review_table(review_doc: Document) -> Extraction:
    return read_text(review_doc)


@pytest.fixture(scope="session")
def action_expected() -> dict[str, Any]:
    return expected(ACTION_PLAN.stem)


@pytest.fixture(scope="session")
def review_expected() -> dict[str, Any]:
    return expected(REVIEW_TABLE.stem)
