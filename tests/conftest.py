"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def workspace_root(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


# --------------------------------------------------------------------------- PostgreSQL

#: Where the tests find a PostgreSQL server they may create schemas in (``bash .ci/run``
#: starts one and sets it).
TEST_DATABASE_URL_ENV = "MLCANVAS_TEST_DATABASE_URL"
_reachable: dict[str, str | None] = {}


def _postgres_or_skip() -> str:
    """The test database URL; skips the test with the reason when there is none or it
    cannot be reached, except under ``CI=true`` where that fails the test."""
    import os

    url = os.environ.get(TEST_DATABASE_URL_ENV, "").strip()
    if not url:
        reason = (f"{TEST_DATABASE_URL_ENV} is not set, so there is no PostgreSQL to test "
                  f"the database store against (bash .ci/run installs and starts one)")
    else:
        if url not in _reachable:
            import psycopg

            from canvas.workspace.postgres import redact
            try:
                psycopg.connect(url, connect_timeout=5).close()
                _reachable[url] = None
            except psycopg.Error as exc:
                _reachable[url] = (f"PostgreSQL at {redact(url)} ({TEST_DATABASE_URL_ENV}) "
                                   f"is not reachable: {' '.join(str(exc).split())}")
        reason = _reachable[url]
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@pytest.fixture
def database_url() -> Iterator[str]:
    """A URL of the test database whose ``search_path`` is a fresh, empty schema of this
    test's own (dropped afterwards), so tests never see each other's workshops."""
    import uuid
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    import psycopg

    url = _postgres_or_skip()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    parts = urlsplit(url)
    query = parse_qsl(parts.query) + [("options", f"-csearch_path={schema}")]
    try:
        yield urlunsplit(parts._replace(query=urlencode(query)))
    finally:
        from canvas.workspace import postgres

        for pool_url, pool in list(postgres._POOLS.items()):
            if schema in pool_url:
                pool.close()
                postgres._POOLS.pop(pool_url, None)
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
