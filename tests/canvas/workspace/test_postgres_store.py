"""What only the PostgreSQL store has: choosing it from the environment, errors that name
the database but never its password, the trash, and the constraints that hold even
against a writer that skips the store."""

from __future__ import annotations

import psycopg
import pytest

from canvas.workspace.store import FolderStore, StoreError, open_workspace


def test_the_environment_chooses_the_store(monkeypatch, tmp_path, database_url):
    from canvas.workspace.postgres import PostgresStore

    monkeypatch.setenv("MLCANVAS_WORKSPACE", str(tmp_path / "folder"))
    monkeypatch.delenv("MLCANVAS_DATABASE_URL", raising=False)
    assert isinstance(open_workspace(), FolderStore)
    monkeypatch.setenv("MLCANVAS_DATABASE_URL", database_url)
    store = open_workspace()
    assert isinstance(store, PostgresStore)
    assert "mlcanvas_test:" not in store.location and store.location in store.describe()
    monkeypatch.setenv("MLCANVAS_DATABASE_URL", "mysql://u:p@db/x")
    with pytest.raises(StoreError, match="'mysql://' databases are not supported"):
        open_workspace()


@pytest.mark.parametrize("url, expected", [
    ("postgresql://ana:s3cr3t-pw@127.0.0.1:1/team", r"cannot connect to the database "
     r"postgresql://ana@127\.0\.0\.1:1/team: .*port 1 failed"),
    ("postgresql://ana:s3cr3t-pw@127.0.0.1:notaport/team", r"127\.0\.0\.1:notaport"),
    ("postgresql://ana@127.0.0.1:1/team?password=s3cr3t-pw&sslmode=bogus",
     r"not a usable database URL|cannot connect"),
])
def test_an_unusable_database_is_a_store_error_without_the_password(url, expected):
    store = open_workspace(url)
    with pytest.raises(StoreError, match=expected) as info:
        store.list_workshops()
    assert "s3cr3t" not in str(info.value)
    assert "s3cr3t" not in store.location and "s3cr3t" not in store.describe()


def test_a_wrong_password_is_refused_by_name_not_by_password(database_url):
    host_part = database_url.split("@", 1)[1]
    store = open_workspace(f"postgresql://mlcanvas_test:wrong-s3cr3t@{host_part}")
    with pytest.raises(StoreError, match="password authentication failed|cannot connect") \
            as info:
        store.exists("anything")
    assert "wrong-s3cr3t" not in str(info.value)


def test_deleted_workshops_stay_in_the_database(database_url):
    ws = open_workspace(database_url)
    workshop = ws.create("Keep me")
    ws.write(workshop, "canvas", {"box": 1}, 0)
    where = ws.delete(workshop)
    assert "deleted_at" in where and not ws.exists(workshop)
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT w.deleted_at IS NOT NULL, d.name FROM mlcanvas_workshops w "
            "JOIN mlcanvas_documents d ON d.workshop = w.key WHERE w.id = %s "
            "ORDER BY d.name", (workshop,)).fetchall()
    assert rows == [(True, "board"), (True, "canvas")]  # recoverable: nothing was removed
    # a database in use is not seeded again, even when everything was deleted
    assert ws.ensure_seeded() == []


def test_the_database_refuses_a_second_copy_of_a_revision(database_url):
    ws = open_workspace(database_url)
    workshop = ws.create("Constraints")
    with psycopg.connect(database_url) as conn, pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("INSERT INTO mlcanvas_revisions (workshop, name, revision, data) "
                     "SELECT key, 'board', 1, 'x' FROM mlcanvas_workshops WHERE id = %s",
                     (workshop,))
    with psycopg.connect(database_url) as conn, pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("INSERT INTO mlcanvas_workshops (id) VALUES (%s)", (workshop,))


def test_a_database_set_up_by_a_newer_mlcanvas_is_refused(database_url):
    from canvas.workspace import postgres

    ws = open_workspace(database_url)
    ws.create("Old")
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("INSERT INTO mlcanvas_schema (version) VALUES (%s)",
                     (postgres.SCHEMA_VERSION + 1,))
    ws.close()
    postgres._POOLS.pop(database_url).close()
    with pytest.raises(StoreError, match="newer mlcanvas"):
        open_workspace(database_url).list_workshops()


def test_a_connection_the_server_closed_is_replaced_not_an_error(database_url, monkeypatch):
    from canvas.workspace import postgres

    import uuid

    name = f"restart-{uuid.uuid4().hex[:8]}"
    ws = open_workspace(f"{database_url}&application_name={name}")
    workshop = ws.create("Restart")
    with psycopg.connect(database_url, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s", (name,)).fetchone()[0]
    assert killed >= 1  # the store's pooled connection is gone (as after a restart)
    monkeypatch.setattr(postgres, "PROBE_AFTER_SECONDS", 0.0)
    assert ws.load_board(workshop).revision == 1
    ws.close()
