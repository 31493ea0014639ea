"""Fixtures of the store tests: each behaviour test runs against both stores, the folder and
PostgreSQL (a fresh schema per test; skipped with the reason when no PostgreSQL is
reachable, failing instead under ``CI=true``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from canvas.workspace.store import WorkspaceStore, open_workspace


@pytest.fixture(params=["folder", "postgres"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh, empty store is: a folder path or a ``postgresql://`` URL."""
    if request.param == "folder":
        return str(tmp_path / "workspace")
    return request.getfixturevalue("database_url")


@pytest.fixture
def ws(store_location: str) -> Iterator[WorkspaceStore]:
    store = open_workspace(store_location)
    yield store
    store.close()
