"""The workspace in PostgreSQL: one database shared by app processes on several machines.

Chosen with ``MLCANVAS_DATABASE_URL=postgresql://user:password@host:5432/dbname`` (see
:func:`canvas.workspace.store.open_workspace`). It keeps the guarantees of the folder store,
and the database enforces them, not this process:

- ``mlcanvas_documents`` holds each document's saved revision. A save is one transaction
  that moves it on with ``UPDATE ... SET revision = revision + 1 WHERE revision = expected``
  (or, for a new document, an ``INSERT`` that the primary key lets through once). When
  another process saved first, the row no longer matches and the save is refused with
  :class:`ConflictError`; PostgreSQL's row lock makes the second of two concurrent saves wait
  for the first and then find the row moved, so two machines can never both win.
- ``mlcanvas_revisions`` holds the content of the last :data:`HISTORY_KEEP` revisions of
  each document, unique per (workshop, document, revision), as a second guard.
- A workshop's id is unique among the workshops not deleted (a partial unique index), so
  two sessions creating "Planning" at once get ``planning`` and ``planning-2``. Deleting
  sets ``deleted_at``: the workshop leaves the list and its id is free again, but its rows
  stay (recover it with ``UPDATE mlcanvas_workshops SET deleted_at = NULL WHERE key = ...``).
- Creating, duplicating and copying a workshop in are single transactions: they happen
  whole or not at all.

Documents are stored as the same YAML text the folder store writes, so a copy between the
two stores (``mlcanvas workspace migrate``) is exact. The tables are created on first use;
``mlcanvas_schema`` records their version so a later mlcanvas can change them.

Connections: each operation borrows one from a small per-process pool (a psycopg connection
is used by one thread at a time; Streamlit runs each session in its own thread).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors

from canvas.workspace.store import (
    BOARD,
    HISTORY_KEEP,
    ConflictError,
    DocumentDump,
    Revision,
    StoredRevision,
    StoreError,
    Versioned,
    WorkshopDump,
    WorkshopInfo,
    WorkshopNotFound,
    WorkspaceStore,
    _now,
    _workshop_info,
    board_to_plain,
    valid_name,
)
from eventstorming.formats.safeyaml import YamlError, dump_block_yaml, load_yaml
from eventstorming.model import Board, slugify

#: The version of the tables below; :func:`_ensure_schema` refuses a newer database.
SCHEMA_VERSION = 1
CONNECT_TIMEOUT_SECONDS = 5
_POOL_IDLE = 8
#: A connection idle longer than this is probed before use, so a database that restarted
#: meanwhile costs a reconnect instead of an error.
PROBE_AFTER_SECONDS = 10.0

_DDL = f"""
CREATE TABLE IF NOT EXISTS mlcanvas_schema (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS mlcanvas_workshops (
    key bigserial PRIMARY KEY,
    id text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9_-]{{0,63}}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS mlcanvas_workshops_live_id
    ON mlcanvas_workshops (id) WHERE deleted_at IS NULL;
CREATE TABLE IF NOT EXISTS mlcanvas_documents (
    workshop bigint NOT NULL REFERENCES mlcanvas_workshops (key),
    name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{{0,63}}$'),
    revision bigint NOT NULL CHECK (revision >= 1),
    PRIMARY KEY (workshop, name)
);
CREATE TABLE IF NOT EXISTS mlcanvas_revisions (
    workshop bigint NOT NULL,
    name text NOT NULL,
    revision bigint NOT NULL CHECK (revision >= 1),
    saved_at text,
    author text,
    previous bigint,
    data text NOT NULL,
    PRIMARY KEY (workshop, name, revision),
    FOREIGN KEY (workshop, name) REFERENCES mlcanvas_documents (workshop, name)
);
INSERT INTO mlcanvas_schema (version) VALUES ({SCHEMA_VERSION}) ON CONFLICT DO NOTHING;
"""

# The content of a document's saved revision, with the workshop's key (NULL revision: the
# workshop exists, the document was never saved).
_READ = """
SELECT w.key, d.revision, r.saved_at, r.author, r.data
FROM mlcanvas_workshops w
LEFT JOIN mlcanvas_documents d ON d.workshop = w.key AND d.name = %(name)s
LEFT JOIN mlcanvas_revisions r
    ON r.workshop = d.workshop AND r.name = d.name AND r.revision = d.revision
WHERE w.id = %(workshop)s AND w.deleted_at IS NULL
"""
_HEAD = """
SELECT w.key, d.revision
FROM mlcanvas_workshops w
LEFT JOIN mlcanvas_documents d ON d.workshop = w.key AND d.name = %(name)s
WHERE w.id = %(workshop)s AND w.deleted_at IS NULL
"""


def redact(url: str) -> str:
    """``url`` without its password (in the user part or as a ``password=`` parameter)."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, host = netloc.rsplit("@", 1)
            netloc = f"{user.split(':', 1)[0]}@{host}"
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                           if k.lower() != "password"])
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        return f"{url.split('://', 1)[0]}://(unreadable URL)"


def _scrub(message: str, url: str) -> str:
    """An error message with any password of ``url`` taken out."""
    try:
        parts = urlsplit(url)
        secrets = [parts.password or ""] + [v for k, v in parse_qsl(parts.query)
                                            if k.lower() == "password"]
    except ValueError:
        secrets = []
    for secret in secrets:
        if secret:
            message = message.replace(secret, "***")
    return " ".join(message.split())


class _Taken(StoreError):
    """A row the operation meant to add is there already (a unique constraint said no)."""


class _Pool:
    """Idle connections of one database for this process. A connection is borrowed by one
    thread at a time; a broken one is dropped. After ``fork`` the parent's connections are
    left alone (closing them would end the parent's sessions) and new ones are made."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = redact(url)
        self._idle: list[tuple[psycopg.Connection, float]] = []
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._inherited: list[psycopg.Connection] = []
        self.schema_ready = False

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True,
                                   connect_timeout=CONNECT_TIMEOUT_SECONDS)
        except psycopg.ProgrammingError as exc:  # a malformed URL or an unknown option
            raise StoreError(f"{self.where}: not a usable database URL "
                             f"({_scrub(str(exc), self.url)})") from None
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the database {self.where}: "
                             f"{_scrub(str(exc), self.url)}") from None

    def take(self) -> psycopg.Connection:
        while True:
            with self._lock:
                if os.getpid() != self._pid:
                    self._inherited.extend(conn for conn, _ in self._idle)
                    self._idle, self._pid = [], os.getpid()
                if not self._idle:
                    break
                conn, since = self._idle.pop()
            if conn.closed:
                continue
            if time.monotonic() - since < PROBE_AFTER_SECONDS:
                return conn
            try:
                conn.execute("SELECT 1")
                return conn
            except psycopg.Error:
                conn.close()  # the server closed it (restart, idle timeout): make a new one
        return self._connect()

    def give_back(self, conn: psycopg.Connection) -> None:
        healthy = (not conn.closed and not conn.broken and os.getpid() == self._pid
                   and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE)
        with self._lock:
            if healthy and len(self._idle) < _POOL_IDLE:
                self._idle.append((conn, time.monotonic()))
                return
        if os.getpid() == self._pid:
            conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn, _ in idle:
            conn.close()


_POOLS: dict[str, _Pool] = {}
_POOLS_LOCK = threading.Lock()


def _pool(url: str) -> _Pool:
    with _POOLS_LOCK:
        if url not in _POOLS:
            _POOLS[url] = _Pool(url)
        return _POOLS[url]


def _text(data: Any) -> str:
    return dump_block_yaml(data)


def _data(text: str, where: str) -> Any:
    try:
        return load_yaml(text, where)
    except YamlError as exc:
        raise StoreError(str(exc)) from None


class PostgresStore(WorkspaceStore):
    """The workspace in a PostgreSQL database (see the module's description). Cheap to
    create: it connects on first use, and stores of one URL share their connections."""

    def __init__(self, url: str) -> None:
        if not url.lower().startswith(("postgresql://", "postgres://")):
            raise StoreError(f"{redact(url)}: not a postgresql:// URL")
        self.url = url
        self._pool = _pool(url)

    @property
    def location(self) -> str:
        return self._pool.where

    def describe(self) -> str:
        return f"the database `{self._pool.where}`"

    def describe_trash(self) -> str:
        return "the database's trash (its rows stay, marked deleted)"

    def close(self) -> None:
        self._pool.close()

    # ------------------------------------------------------------------ connections
    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """A connection for one operation, with the tables in place; database failures come
        out as :class:`StoreError` naming the database (never its password)."""
        conn = self._pool.take()
        try:
            if not self._pool.schema_ready:
                self._ensure_schema(conn)
            yield conn
        except pg_errors.UniqueViolation as exc:
            raise _Taken(f"database {self.location}: {_scrub(str(exc), self.url)}") from None
        except psycopg.Error as exc:
            raise StoreError(f"database {self.location}: {_scrub(str(exc), self.url)}") \
                from None
        finally:
            self._pool.give_back(conn)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection]:
        with self._connection() as conn, conn.transaction():
            yield conn

    def _ensure_schema(self, conn: psycopg.Connection) -> None:
        with conn.transaction():
            # one process creates the tables at a time (CREATE ... IF NOT EXISTS is not safe
            # against a concurrent CREATE of the same table)
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('mlcanvas-schema'))")
            conn.execute(_DDL)
            newest = conn.execute("SELECT max(version) FROM mlcanvas_schema").fetchone()[0]
        if newest > SCHEMA_VERSION:
            raise StoreError(f"the database {self.location} was set up by a newer mlcanvas "
                             f"(schema version {newest}; this one knows {SCHEMA_VERSION}); "
                             f"upgrade mlcanvas")
        self._pool.schema_ready = True

    @staticmethod
    def _check(workshop: str, name: str = BOARD) -> None:
        if not valid_name(workshop):
            raise WorkshopNotFound(workshop)
        if not valid_name(name):
            raise StoreError(f"'{name}' is not a valid document name")

    # ------------------------------------------------------------------ workshops
    def _has_workshops(self) -> bool:
        """Whether any workshop was ever made here (deleted ones count: a team database is
        seeded with the examples once, not again after the team deleted them)."""
        with self._connection() as conn:
            return conn.execute("SELECT EXISTS (SELECT 1 FROM mlcanvas_workshops)"
                                ).fetchone()[0]

    @contextlib.contextmanager
    def _seed_lock(self) -> Iterator[None]:
        with self._connection() as conn:
            key = "SELECT hashtext('mlcanvas-seed:' || current_schema())"
            conn.execute(f"SELECT pg_advisory_lock(({key}))")
            try:
                yield
            finally:
                conn.execute(f"SELECT pg_advisory_unlock(({key}))")

    def workshop_ids(self) -> list[str]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT w.id FROM mlcanvas_workshops w JOIN mlcanvas_documents d "
                "ON d.workshop = w.key AND d.name = %s WHERE w.deleted_at IS NULL "
                "ORDER BY w.id", (BOARD,)).fetchall()
        return [row[0] for row in rows]

    def list_workshops(self) -> list[WorkshopInfo]:
        """All workshops, most recently saved first (one query for all their boards)."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT w.id, d.revision, r.saved_at, r.author, r.data "
                "FROM mlcanvas_workshops w "
                "JOIN mlcanvas_documents d ON d.workshop = w.key AND d.name = %s "
                "JOIN mlcanvas_revisions r ON r.workshop = d.workshop AND r.name = d.name "
                "AND r.revision = d.revision WHERE w.deleted_at IS NULL", (BOARD,)).fetchall()
        infos = []
        for workshop, revision, saved_at, author, text in rows:
            try:
                doc = Versioned(_data(text, f"{workshop}/{BOARD}"), revision, saved_at, author)
            except StoreError:
                continue  # a damaged workshop is left out of the list, not a crash
            if info := _workshop_info(workshop, doc):
                infos.append(info)
        return sorted(infos, key=lambda i: (i.saved_at or "", i.id), reverse=True)

    def exists(self, workshop: str) -> bool:
        if not valid_name(workshop):
            return False
        with self._connection() as conn:
            row = conn.execute(_HEAD, {"workshop": workshop, "name": BOARD}).fetchone()
        return row is not None and row[1] is not None

    @staticmethod
    def _claim_id(conn: psycopg.Connection, title: str, preferred: str | None = None) -> \
            tuple[str, int]:
        """Insert a new workshop row (inside the caller's transaction) and return its id and
        key: ``preferred`` when valid and free, else a slug of the title, numbered when
        taken. The partial unique index decides between two sessions creating at once."""
        base = slugify(title, max_len=40)
        candidates = [preferred] if preferred and valid_name(preferred) else []
        candidates.append(base)
        n = 2
        while True:
            for candidate in candidates:
                row = conn.execute(
                    "INSERT INTO mlcanvas_workshops (id) VALUES (%s) "
                    "ON CONFLICT DO NOTHING RETURNING key", (candidate,)).fetchone()
                if row:
                    return candidate, row[0]
            candidates = [f"{base}-{n}"]
            n += 1

    @staticmethod
    def _insert(conn: psycopg.Connection, key: int, name: str,
                revisions: list[StoredRevision]) -> None:
        """A new document with these revisions (the first is the current one)."""
        conn.execute("INSERT INTO mlcanvas_documents (workshop, name, revision) "
                     "VALUES (%s, %s, %s)", (key, name, revisions[0].revision))
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO mlcanvas_revisions (workshop, name, revision, saved_at, author, "
                "previous, data) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(key, name, r.revision, r.saved_at, r.author, r.previous, _text(r.data))
                 for r in revisions])

    def create_from_board(self, board: Board, workshop_id: str | None = None) -> str:
        first = StoredRevision(1, _now(), None, 0, board_to_plain(board))
        _text(first.data)  # a board that cannot be written fails before anything is made
        with self._transaction() as conn:
            workshop, key = self._claim_id(conn, board.title, workshop_id)
            self._insert(conn, key, BOARD, [first])
        return workshop

    def duplicate(self, workshop: str, title: str | None = None) -> str:
        board = self.load_board(workshop).data
        title = title or f"{board.title} (copy)"
        now = _now()
        with self._transaction() as conn:
            rows = conn.execute(
                "SELECT d.name, r.data FROM mlcanvas_workshops w "
                "JOIN mlcanvas_documents d ON d.workshop = w.key "
                "JOIN mlcanvas_revisions r ON r.workshop = d.workshop AND r.name = d.name "
                "AND r.revision = d.revision "
                "WHERE w.id = %s AND w.deleted_at IS NULL AND d.name <> %s",
                (workshop, BOARD)).fetchall()
            new, key = self._claim_id(conn, title)
            for name, text in rows:
                self._insert(conn, key, name, [
                    StoredRevision(1, now, None, 0, _data(text, f"{workshop}/{name}"))])
            self._insert(conn, key, BOARD, [StoredRevision(
                1, now, None, 0, board_to_plain(board.model_copy(update={"title": title})))])
        return new

    def delete(self, workshop: str) -> str:
        """Take the workshop out of the list; its rows stay (``deleted_at`` is set), so it
        can be recovered. Returns where it went."""
        if not valid_name(workshop):
            raise WorkshopNotFound(workshop)
        with self._transaction() as conn:
            row = conn.execute(
                "UPDATE mlcanvas_workshops SET deleted_at = now() "
                "WHERE id = %s AND deleted_at IS NULL RETURNING key", (workshop,)).fetchone()
        if row is None:
            raise WorkshopNotFound(workshop)
        return f"{self.location} (mlcanvas_workshops key {row[0]}, deleted_at set)"

    def dump_workshop(self, workshop: str) -> WorkshopDump:
        if not valid_name(workshop):
            raise WorkshopNotFound(workshop)
        with self._transaction() as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            found = conn.execute("SELECT key FROM mlcanvas_workshops "
                                 "WHERE id = %s AND deleted_at IS NULL", (workshop,)).fetchone()
            if found is None:
                raise WorkshopNotFound(workshop)
            heads = dict(conn.execute(
                "SELECT name, revision FROM mlcanvas_documents WHERE workshop = %s",
                (found[0],)).fetchall())
            rows = conn.execute(
                "SELECT name, revision, saved_at, author, previous, data "
                "FROM mlcanvas_revisions WHERE workshop = %s ORDER BY name, revision DESC",
                (found[0],)).fetchall()
        kept: dict[str, list[StoredRevision]] = {name: [] for name in heads}
        for name, revision, saved_at, author, previous, text in rows:
            kept[name].append(StoredRevision(revision, saved_at, author, previous,
                                             _data(text, f"{workshop}/{name}")))
        documents = {}
        for name, head in sorted(heads.items()):
            current = next(r for r in kept[name] if r.revision == head)
            documents[name] = DocumentDump(current, tuple(kept[name]))
        return WorkshopDump(workshop, documents)

    def load_workshop(self, dump: WorkshopDump) -> None:
        if not valid_name(dump.id):
            raise StoreError(f"'{dump.id}' is not a valid workshop id")
        with self._transaction() as conn:
            row = conn.execute("INSERT INTO mlcanvas_workshops (id) VALUES (%s) "
                               "ON CONFLICT DO NOTHING RETURNING key", (dump.id,)).fetchone()
            if row is None:
                raise StoreError(f"there is already a workshop '{dump.id}' in {self.location}")
            for name, doc in sorted(dump.documents.items()):
                if not valid_name(name):
                    raise StoreError(f"{dump.id}: '{name}' is not a valid document name")
                older = [r for r in doc.history if r.revision < doc.current.revision]
                older = sorted(older, key=lambda r: r.revision, reverse=True)
                self._insert(conn, row[0], name, [doc.current, *older[:HISTORY_KEEP - 1]])

    # ------------------------------------------------------------------ documents
    def read(self, workshop: str, name: str) -> Versioned:
        self._check(workshop, name)
        with self._connection() as conn:
            row = conn.execute(_READ, {"workshop": workshop, "name": name}).fetchone()
        if row is None:
            raise WorkshopNotFound(workshop)
        _key, revision, saved_at, author, text = row
        if revision is None:
            return Versioned(None, 0)
        return Versioned(_data(text, f"{workshop}/{name}"), revision, saved_at, author)

    def _head(self, workshop: str, name: str) -> tuple[int, int]:
        """The workshop's key and the document's saved revision (0: never saved)."""
        self._check(workshop, name)
        with self._connection() as conn:
            row = conn.execute(_HEAD, {"workshop": workshop, "name": name}).fetchone()
        if row is None:
            raise WorkshopNotFound(workshop)
        return row[0], row[1] or 0

    def revision(self, workshop: str, name: str = BOARD) -> int:
        return self._head(workshop, name)[1]

    def signature(self, workshop: str, name: str = BOARD) -> tuple:
        """The workshop's key (never reused, unlike its id) and the document's revision."""
        try:
            return self._head(workshop, name)
        except StoreError:
            return (workshop, None)

    def write(self, workshop: str, name: str, data: Any, expected_revision: int,
              author: str | None = None, previous: int | None = -1) -> int:
        """Save a document as a new revision in one transaction; returns that revision.

        Raises:
            ConflictError: the saved revision is not ``expected_revision`` (decided by the
                database: the conditional update matches no row).
        """
        self._check(workshop, name)
        text = _text(data)
        expected = int(expected_revision)
        try:
            with self._transaction() as conn:
                found = conn.execute("SELECT key FROM mlcanvas_workshops "
                                     "WHERE id = %s AND deleted_at IS NULL",
                                     (workshop,)).fetchone()
                if found is None:
                    raise WorkshopNotFound(workshop)
                key = found[0]
                if expected == 0:
                    moved = conn.execute(
                        "INSERT INTO mlcanvas_documents (workshop, name, revision) "
                        "VALUES (%s, %s, 1) ON CONFLICT DO NOTHING RETURNING revision",
                        (key, name)).fetchone()
                else:
                    moved = conn.execute(
                        "UPDATE mlcanvas_documents SET revision = revision + 1 "
                        "WHERE workshop = %s AND name = %s AND revision = %s "
                        "RETURNING revision", (key, name, expected)).fetchone()
                if moved is None:
                    actual = conn.execute(
                        "SELECT revision FROM mlcanvas_documents WHERE workshop = %s "
                        "AND name = %s", (key, name)).fetchone()
                    raise ConflictError(workshop, name, expected, actual[0] if actual else 0)
                revision = moved[0]
                conn.execute(
                    "INSERT INTO mlcanvas_revisions (workshop, name, revision, saved_at, "
                    "author, previous, data) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    (key, name, revision, _now(), author,
                     expected if previous == -1 else previous, text))
                # keep the newest HISTORY_KEEP revisions
                conn.execute(
                    "DELETE FROM mlcanvas_revisions WHERE workshop = %(key)s "
                    "AND name = %(name)s AND revision < (SELECT revision FROM "
                    "mlcanvas_revisions WHERE workshop = %(key)s AND name = %(name)s "
                    "ORDER BY revision DESC OFFSET %(keep)s LIMIT 1)",
                    {"key": key, "name": name, "keep": HISTORY_KEEP - 1})
        except _Taken:
            raise ConflictError(workshop, name, expected, self.revision(workshop, name)) \
                from None
        return revision

    def _kept(self, workshop: str, name: str, revision: int | None = None,
              with_data: bool = False) -> list[tuple]:
        """Kept revisions of a document up to its saved one, newest first: (revision,
        saved_at, author, previous[, data]); only ``revision`` when given."""
        key, current = self._head(workshop, name)
        columns = "revision, saved_at, author, previous" + (", data" if with_data else "")
        query = (f"SELECT {columns} FROM mlcanvas_revisions WHERE workshop = %s "
                 f"AND name = %s AND revision <= %s")
        params: list[Any] = [key, name, current]
        if revision is not None:
            query += " AND revision = %s"
            params.append(int(revision))
        with self._connection() as conn:
            return conn.execute(query + " ORDER BY revision DESC", params).fetchall()

    def history(self, workshop: str, name: str = BOARD) -> list[Revision]:
        return [Revision(revision, saved_at, author, previous)
                for revision, saved_at, author, previous in self._kept(workshop, name)]

    def read_revision(self, workshop: str, name: str, revision: int) -> Versioned:
        rows = self._kept(workshop, name, revision, with_data=True)
        if not rows:
            raise StoreError(f"revision {revision} of '{workshop}' is no longer kept "
                             f"(the last {HISTORY_KEEP} are)")
        number, saved_at, author, _previous, text = rows[0]
        return Versioned(_data(text, f"{workshop}/{name}"), number, saved_at, author)

    def can_undo(self, workshop: str, name: str = BOARD) -> bool:
        self._check(workshop, name)
        with self._connection() as conn:
            row = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM mlcanvas_workshops w "
                "JOIN mlcanvas_documents d ON d.workshop = w.key AND d.name = %(name)s "
                "JOIN mlcanvas_revisions r ON r.workshop = d.workshop AND r.name = d.name "
                "AND r.revision = d.revision "
                "JOIN mlcanvas_revisions o ON o.workshop = d.workshop AND o.name = d.name "
                "AND o.revision = r.previous "
                "WHERE w.id = %(workshop)s AND w.deleted_at IS NULL AND r.previous > 0)",
                {"workshop": workshop, "name": name}).fetchone()
        return bool(row[0])

    def undo(self, workshop: str, name: str, expected_revision: int,
             author: str | None = None) -> int:
        current = self._kept(workshop, name, expected_revision)
        previous = current[0][3] if current else None
        if not previous:
            raise StoreError("there is nothing to undo")
        older = self._kept(workshop, name, previous, with_data=True)
        if not older:
            raise StoreError(f"cannot undo further: only the last {HISTORY_KEEP} "
                             f"revisions are kept")
        _revision, _saved_at, _author, older_previous, text = older[0]
        return self.write(workshop, name, _data(text, f"{workshop}/{name}"),
                          expected_revision, author, previous=older_previous)
