"""The workspace: workshops, each a set of revisioned YAML documents, in one of two stores.

- :class:`FolderStore` (also known as :class:`Workspace`, the default): a folder on one
  machine, described below.
- :class:`canvas.workspace.postgres.PostgresStore`: a PostgreSQL database shared by several
  app processes on several machines, chosen with ``MLCANVAS_DATABASE_URL``.

Both implement :class:`WorkspaceStore`, the contract the app, the services and the commands
use; :func:`open_workspace` picks one from the environment.

Layout of a folder store::

    workspace/                         (MLCANVAS_WORKSPACE, default ./workspace)
      travel-expenses/                 one folder per workshop; the name is its id
        board.yaml                     {revision, saved_at, previous, author, data: {...}}
        opportunities.yaml             later documents use the same envelope
        .history/board/000007.yaml     the last HISTORY_KEEP revisions of each document
        .lock

Every save is atomic (temporary file, fsync, rename, fsync of the folder), carries a
revision number, and is refused with :class:`ConflictError` when the revision on disk
moved since the caller read it: two browser tabs on one workshop never silently overwrite
each other. ``undo`` walks back through the kept revisions by saving an older content as a
new revision, so nothing is ever overwritten and every kept revision stays readable.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import shutil
import tempfile
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventstorming.builder import BoardBuilder
from eventstorming.errors import BoardFormatError
from eventstorming.formats.safeyaml import YamlError, dump_block_yaml, load_yaml
from eventstorming.formats.storm import read_storm
from eventstorming.formats.yamlio import board_from_dict, board_to_dict
from eventstorming.model import Board, language_code, slugify

#: How many revisions of each document are kept for undo.
HISTORY_KEEP = 20
BOARD = "board"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_REVISION_LINE = re.compile(r"^revision: (\d+)\s*$")
EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


class StoreError(ValueError):
    """A workspace operation that cannot be done as asked."""


class ConflictError(StoreError):
    """The document changed on disk since it was read; the save was refused."""

    def __init__(self, workshop: str, document: str, expected: int, actual: int) -> None:
        self.workshop, self.document = workshop, document
        self.expected, self.actual = expected, actual
        super().__init__(
            f"'{workshop}' was changed elsewhere (for example in another tab): you edited "
            f"revision {expected}, the saved one is now revision {actual}. Reload to see the "
            f"latest version; your change was not saved."
        )


class WorkshopNotFound(StoreError):
    def __init__(self, workshop: str) -> None:
        super().__init__(f"there is no workshop '{workshop}' in the workspace")


@dataclass(frozen=True)
class Versioned:
    """A document's data with the revision it was read at (0: never saved)."""

    data: Any
    revision: int
    saved_at: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class WorkshopInfo:
    id: str
    title: str
    lang: str
    stickies: int
    revision: int
    saved_at: str | None


@dataclass(frozen=True)
class Revision:
    revision: int
    saved_at: str | None
    author: str | None
    previous: int | None


#: The environment variable that names the database of a team server.
DATABASE_URL_ENV = "MLCANVAS_DATABASE_URL"
_DATABASE_SCHEMES = ("postgresql://", "postgres://")


def default_root() -> Path:
    return Path(os.environ.get("MLCANVAS_WORKSPACE") or "workspace")


def is_database_url(location: str | Path) -> bool:
    """Whether ``location`` names a database (``scheme://...``) rather than a folder."""
    return isinstance(location, str) and "://" in location


def open_workspace(location: str | Path | None = None) -> WorkspaceStore:
    """The workspace store at ``location``: a ``postgresql://`` URL opens the database, any
    other value the folder. Without ``location``: ``MLCANVAS_DATABASE_URL`` when set, else the
    folder ``MLCANVAS_WORKSPACE`` (default ``./workspace``). Opening does not connect.

    Raises:
        StoreError: a URL of another kind of database (only PostgreSQL is supported).
    """
    if location is None:
        location = os.environ.get(DATABASE_URL_ENV, "").strip() or default_root()
    if is_database_url(location):
        text = str(location)
        if not text.lower().startswith(_DATABASE_SCHEMES):
            scheme = text.split("://", 1)[0]
            raise StoreError(f"{DATABASE_URL_ENV}: '{scheme}://' databases are not supported; "
                             f"use a postgresql:// URL")
        from canvas.workspace.postgres import PostgresStore

        return PostgresStore(text)
    return FolderStore(location)


@dataclass(frozen=True)
class StoredRevision:
    """One saved revision of a document with its envelope, as a migration copies it."""

    revision: int
    saved_at: str | None
    author: str | None
    previous: int | None
    data: Any

    def envelope(self) -> dict[str, Any]:
        """The document as the folder store writes it (``revision`` first, ``data`` last)."""
        return {"revision": self.revision, "saved_at": self.saved_at, "author": self.author,
                "previous": self.previous, "data": self.data}

    @classmethod
    def from_envelope(cls, envelope: dict[str, Any]) -> StoredRevision:
        return cls(int(envelope["revision"]), envelope.get("saved_at"),
                   envelope.get("author"), envelope.get("previous"), envelope.get("data"))


@dataclass(frozen=True)
class DocumentDump:
    """A document's current revision and its kept history (newest first, the current one
    included when it is kept)."""

    current: StoredRevision
    history: tuple[StoredRevision, ...]


@dataclass(frozen=True)
class WorkshopDump:
    """A whole workshop as one store hands it to another (``mlcanvas workspace migrate``)."""

    id: str
    documents: dict[str, DocumentDump]

    def files(self) -> dict[str, str]:
        """The workshop as the folder store lays it out: relative path -> YAML text."""
        files = {}
        for name, doc in sorted(self.documents.items()):
            files[f"{name}.yaml"] = dump_block_yaml(doc.current.envelope())
            for kept in doc.history:
                files[f".history/{name}/{kept.revision:06d}.yaml"] = dump_block_yaml(kept.envelope())
        return files

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, text in sorted(self.files().items()):
                # a fixed time, so the same workshop always gives the same archive
                entry = zipfile.ZipInfo(f"{self.id}/{path}", date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                archive.writestr(entry, text)
        return buffer.getvalue()


class WorkspaceStore(ABC):
    """What every workspace store guarantees, whatever keeps the documents.

    - Every save of a document is atomic and makes a new revision (1, 2, ...); a save whose
      ``expected_revision`` is not the saved one is refused with :class:`ConflictError`, even
      when the two saves come from different processes or machines.
    - The last :data:`HISTORY_KEEP` revisions of each document are kept and readable;
      ``undo`` saves an older content as a new revision, so nothing is overwritten.
    - Deleting a workshop keeps it recoverable (a trash), it only leaves the list.
    """

    # -------------------------------------------------------------- where it is
    @property
    @abstractmethod
    def location(self) -> str:
        """A string naming this store, unique per store and without secrets: a cache key."""

    @abstractmethod
    def describe(self) -> str:
        """Where the workshops are kept, for a sentence shown to people (no password)."""

    @abstractmethod
    def describe_trash(self) -> str:
        """Where a deleted workshop goes, for a sentence shown to people."""

    def close(self) -> None:
        """Release what the store holds open (connections); it can still be used after."""
        return None

    # -------------------------------------------------------------- workshops
    @abstractmethod
    def workshop_ids(self) -> list[str]:
        """The ids of the workshops that have a board, sorted."""

    @abstractmethod
    def exists(self, workshop: str) -> bool: ...

    @abstractmethod
    def create_from_board(self, board: Board, workshop_id: str | None = None) -> str:
        """A new workshop holding ``board`` as revision 1; its id is ``workshop_id`` when that
        is a valid, free name, else a slug of the title, numbered when taken. Returns it."""

    @abstractmethod
    def duplicate(self, workshop: str, title: str | None = None) -> str:
        """Copy a workshop's current documents (not its history) into a new workshop."""

    @abstractmethod
    def delete(self, workshop: str) -> str | Path:
        """Move a workshop out of the list into the trash; returns where it went."""

    @abstractmethod
    def dump_workshop(self, workshop: str) -> WorkshopDump:
        """The workshop's documents with their kept history, to copy elsewhere."""

    @abstractmethod
    def load_workshop(self, dump: WorkshopDump) -> None:
        """Add a workshop copied from another store under its own id, history included.

        Raises:
            StoreError: a workshop with that id is already here.
        """

    @abstractmethod
    def _has_workshops(self) -> bool:
        """Whether seeding would find the store in use."""

    @abstractmethod
    def _seed_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held while seeding, across every process that shares the store."""

    def ensure_seeded(self, examples: Path = EXAMPLES_DIR) -> list[str]:
        """Seed a missing or empty workspace with the example boards; returns the new ids.

        Safe when several sessions or processes start at once: seeding holds a store-wide
        lock and looks again under it, so the examples are added once.
        """
        if self._has_workshops():
            return []
        with self._seed_lock():
            if self._has_workshops():
                return []
            created = []
            for board_file in sorted(examples.glob("*/board.storm")):
                board = read_storm(board_file)
                created.append(self.create_from_board(
                    board, workshop_id=board_file.parent.name))
            return created

    def list_workshops(self) -> list[WorkshopInfo]:
        """All workshops, most recently saved first."""
        infos = []
        for workshop in self.workshop_ids():
            try:
                doc = self.read(workshop, BOARD)
            except (StoreError, YamlError, AttributeError, TypeError, ValueError):
                continue  # a damaged workshop is left out of the list, not a crash
            if info := _workshop_info(workshop, doc):
                infos.append(info)
        return sorted(infos, key=lambda i: (i.saved_at or "", i.id), reverse=True)

    def create(self, title: str, lang: str = "en") -> str:
        """Create an empty workshop with a board of this title; returns its id."""
        title = " ".join(title.split())
        if not title:
            raise StoreError("a workshop needs a title")
        builder = BoardBuilder(title)
        builder.metadata["lang"] = lang
        return self.create_from_board(builder.build())

    def rename(self, workshop: str, title: str, expected_revision: int) -> int:
        """Give the workshop's board a new title (the id, and so every link, stays)."""
        title = " ".join(title.split())
        if not title:
            raise StoreError("a workshop needs a title")
        board = self.load_board(workshop).data
        return self.save_board(workshop, board.model_copy(update={"title": title}),
                               expected_revision)

    def export_zip(self, workshop: str) -> bytes:
        """The workshop's documents and history as a zip archive, laid out as in a folder
        store (``ID/board.yaml``, ``ID/.history/board/000007.yaml``)."""
        return self.dump_workshop(workshop).zip_bytes()

    # -------------------------------------------------------------- documents
    @abstractmethod
    def read(self, workshop: str, name: str) -> Versioned:
        """A document and its revision; ``Versioned(None, 0)`` when it was never saved."""

    @abstractmethod
    def revision(self, workshop: str, name: str = BOARD) -> int:
        """The saved revision of a document (0: never saved), without reading its data: cheap
        enough to poll every second or two to learn whether someone else saved."""

    @abstractmethod
    def signature(self, workshop: str, name: str = BOARD) -> tuple:
        """A cheap value that changes whenever the saved document changes, also when a
        workshop is deleted and another one made under the same id: a cache key."""

    @abstractmethod
    def write(self, workshop: str, name: str, data: Any, expected_revision: int,
              author: str | None = None, previous: int | None = -1) -> int:
        """Save a document atomically as a new revision; returns that revision.

        Raises:
            ConflictError: the saved revision is not ``expected_revision``.
        """

    @abstractmethod
    def history(self, workshop: str, name: str = BOARD) -> list[Revision]:
        """The kept revisions of a document, newest first (without their data)."""

    @abstractmethod
    def read_revision(self, workshop: str, name: str, revision: int) -> Versioned: ...

    @abstractmethod
    def can_undo(self, workshop: str, name: str = BOARD) -> bool:
        """Whether :meth:`undo` can bring back an earlier content."""

    @abstractmethod
    def undo(self, workshop: str, name: str, expected_revision: int,
             author: str | None = None) -> int:
        """Bring back the content before the current one, as a new revision."""

    def read_keyed(self, workshop: str, name: str,
                   parse: Callable[[str, Any], Any]) -> tuple[dict[str, Any], int]:
        """A document that maps keys (such as opportunity ids) to entries, each read with
        ``parse(key, value)``, and its revision. An entry that no longer parses
        (``ValueError``) is left out rather than breaking the caller."""
        doc = self.read(workshop, name)
        entries: dict[str, Any] = {}
        for key, value in (doc.data or {}).items():
            try:
                entries[str(key)] = parse(str(key), value)
            except ValueError:
                continue
        return entries, doc.revision

    def write_keyed(self, workshop: str, name: str, key: str, value: Any,
                    expected_revision: int, author: str | None = None) -> int:
        """Store one entry of a keyed document, keeping the others; ``ConflictError`` when
        the document moved on since ``expected_revision``. Returns the new revision."""
        data = dict(self.read(workshop, name).data or {})
        data[key] = value
        return self.write(workshop, name, data, expected_revision, author=author)

    # -------------------------------------------------------------- the board
    def load_board(self, workshop: str) -> Versioned:
        """The workshop's board as a :class:`Board`, with its revision."""
        doc = self.read(workshop, BOARD)
        if doc.data is None:
            raise WorkshopNotFound(workshop)
        try:
            board = board_from_dict(doc.data, source=f"{workshop}/{BOARD}.yaml")
        except BoardFormatError as exc:
            raise StoreError(str(exc)) from None
        return Versioned(board, doc.revision, doc.saved_at, doc.author)

    def save_board(self, workshop: str, board: Board, expected_revision: int,
                   author: str | None = None) -> int:
        return self.write(workshop, BOARD, board_to_plain(board), expected_revision, author)

    def undo_board(self, workshop: str, expected_revision: int) -> int:
        return self.undo(workshop, BOARD, expected_revision)


def _workshop_info(workshop: str, doc: Versioned) -> WorkshopInfo | None:
    """The list entry of a workshop from its board document; None when it is damaged."""
    board = doc.data
    try:
        return WorkshopInfo(
            id=workshop, title=str(board.get("title") or workshop),
            lang=language_code((board.get("metadata") or {}).get("lang")),
            stickies=len(board.get("stickies") or []),
            revision=doc.revision, saved_at=doc.saved_at)
    except (AttributeError, TypeError, ValueError):
        return None


def valid_name(name: str | None) -> bool:
    """Whether ``name`` may be a workshop id or a document name."""
    return bool(_NAME.match(name or ""))


#: The process's umask, read once at import (reading it means setting it, which is not
#: safe while other threads create files).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _revision_number(path: Path) -> int:
    """The revision a history file holds, from its name (``000042.yaml``); -1 otherwise."""
    return int(path.stem) if path.stem.isdigit() else -1


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either the old or the new content, never half.
    The file gets the mode any new file gets (``0666`` less the umask), not the ``0600``
    of a temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _remove_leftovers(*folders: Path) -> None:
    """Delete temporary files a save killed half-way left behind. Only called under the
    workshop's lock, when no other save of the workshop can be writing one."""
    for folder in folders:
        for leftover in folder.glob(".*.tmp") if folder.is_dir() else ():
            with contextlib.suppress(OSError):
                leftover.unlink()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FolderStore(WorkspaceStore):
    """A folder of workshops on one machine. Cheap to create; holds no state besides its
    root. Saves are serialised by a lock file per workshop (``flock``), so processes on one
    machine share it safely; several machines need :class:`PostgresStore` instead."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    @property
    def location(self) -> str:
        return str(self.root.resolve())

    def describe(self) -> str:
        return f"the workspace folder `{self.root}`"

    def describe_trash(self) -> str:
        return "the workspace's `.trash` folder"

    # ------------------------------------------------------------------ workshops
    def _has_workshops(self) -> bool:
        return any(self._workshop_dirs())

    @contextlib.contextmanager
    def _seed_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".seed.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _workshop_dirs(self) -> Iterator[Path]:
        if not self.root.is_dir():
            return iter(())
        return (p for p in sorted(self.root.iterdir())
                if p.is_dir() and _NAME.match(p.name) and (p / f"{BOARD}.yaml").exists())

    def workshop_ids(self) -> list[str]:
        return [folder.name for folder in self._workshop_dirs()]

    def exists(self, workshop: str) -> bool:
        return bool(_NAME.match(workshop)) and (self.root / workshop / f"{BOARD}.yaml").exists()

    def _claim_id(self, title: str, preferred: str | None = None) -> str:
        """Create the folder of a new workshop and return its id: ``preferred`` when it is a
        valid, free name, else a slug of the title, numbered when taken. Creating the folder
        is the claim, so two sessions creating at once never share a folder."""
        self.root.mkdir(parents=True, exist_ok=True)
        base = slugify(title, max_len=40)
        candidates = [preferred] if preferred and _NAME.match(preferred) else []
        candidates.append(base)
        n = 2
        while True:
            for candidate in candidates:
                try:
                    (self.root / candidate).mkdir()
                    return candidate
                except FileExistsError:
                    continue
            candidates = [f"{base}-{n}"]
            n += 1

    def create_from_board(self, board: Board, workshop_id: str | None = None) -> str:
        workshop = self._claim_id(board.title, workshop_id)
        try:
            self.save_board(workshop, board, expected_revision=0)
        except BaseException:
            # a board that cannot be saved leaves no workshop behind that cannot be opened
            shutil.rmtree(self.root / workshop, ignore_errors=True)
            raise
        return workshop

    def duplicate(self, workshop: str, title: str | None = None) -> str:
        """Copy a workshop's current documents (not its history) into a new workshop."""
        source = self._dir(workshop)
        board = self.load_board(workshop).data
        title = title or f"{board.title} (copy)"
        new = self._claim_id(title)
        for doc in source.glob("*.yaml"):
            if doc.stem != BOARD:
                data = self.read(workshop, doc.stem).data
                self.write(new, doc.stem, data, expected_revision=0)
        self.save_board(new, board.model_copy(update={"title": title}), expected_revision=0)
        return new

    def delete(self, workshop: str) -> Path:
        """Move a workshop into ``.trash`` (nothing is destroyed); returns where it went."""
        source = self._dir(workshop)
        trash = self.root / ".trash"
        trash.mkdir(exist_ok=True)
        target = trash / f"{workshop}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}"
        shutil.move(str(source), str(target))
        return target

    def dump_workshop(self, workshop: str) -> WorkshopDump:
        """The documents and their kept history; a history file that cannot be read, or
        that a killed save left ahead of its document, is left out."""
        folder = self._dir(workshop)
        documents = {}
        for path in sorted(folder.glob("*.yaml")):
            if not _NAME.match(path.stem):
                continue
            current = StoredRevision.from_envelope(self._read_envelope(path))
            history = []
            kept = folder / ".history" / path.stem
            for old in sorted(kept.glob("*.yaml"), key=_revision_number, reverse=True):
                with contextlib.suppress(StoreError, YamlError, ValueError, TypeError):
                    revision = StoredRevision.from_envelope(self._read_envelope(old))
                    if revision.revision <= current.revision:
                        history.append(revision)
            documents[path.stem] = DocumentDump(current, tuple(history))
        return WorkshopDump(workshop, documents)

    def load_workshop(self, dump: WorkshopDump) -> None:
        if not _NAME.match(dump.id):
            raise StoreError(f"'{dump.id}' is not a valid workshop id")
        self.root.mkdir(parents=True, exist_ok=True)
        target = self.root / dump.id
        try:
            target.mkdir()
        except FileExistsError:
            raise StoreError(f"there is already a workshop '{dump.id}' in {self.root}") from None
        try:
            files = dump.files()
            # history first, the documents last: a copy killed half-way has no board yet
            # and so is no workshop
            for path in sorted(files, key=lambda p: (not p.startswith("."), p)):
                atomic_write(target / path, files[path])
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise

    # ------------------------------------------------------------------ documents
    def _dir(self, workshop: str) -> Path:
        if not _NAME.match(workshop or "") or not (self.root / workshop).is_dir():
            raise WorkshopNotFound(workshop)
        return self.root / workshop

    def _doc_path(self, workshop: str, name: str) -> Path:
        if not _NAME.match(name):
            raise StoreError(f"'{name}' is not a valid document name")
        return self._dir(workshop) / f"{name}.yaml"

    @contextlib.contextmanager
    def _locked(self, workshop: str) -> Iterator[None]:
        with open(self._dir(workshop) / ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def read(self, workshop: str, name: str) -> Versioned:
        """A document and its revision; ``Versioned(None, 0)`` when it was never saved."""
        path = self._doc_path(workshop, name)
        if not path.exists():
            return Versioned(None, 0)
        envelope = self._read_envelope(path)
        return Versioned(envelope.get("data"), int(envelope.get("revision", 0)),
                         envelope.get("saved_at"), envelope.get("author"))

    @staticmethod
    def _read_envelope(path: Path) -> dict[str, Any]:
        try:
            envelope = load_yaml(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror})") from exc
        if not isinstance(envelope, dict) or "revision" not in envelope:
            raise StoreError(f"{path}: not a workspace document (no 'revision')")
        revision = envelope["revision"]
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
            raise StoreError(f"{path}: 'revision' must be a whole number, not {revision!r}")
        return envelope

    def _revision_on_disk(self, path: Path) -> int:
        """The revision of the document at ``path`` (0 when there is none). Documents are
        written with ``revision`` as their first line, so the whole file is parsed only
        when that line is not there (a document edited by hand)."""
        if not path.exists():
            return 0
        try:
            with path.open(encoding="utf-8") as handle:
                first = handle.readline()
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror})") from exc
        match = _REVISION_LINE.match(first)
        if match:
            return int(match.group(1))
        return int(self._read_envelope(path)["revision"])

    def revision(self, workshop: str, name: str = BOARD) -> int:
        """The saved revision of a document (0: never saved), without reading its data: cheap
        enough to poll every second or two to learn whether someone else saved."""
        return self._revision_on_disk(self._doc_path(workshop, name))

    def signature(self, workshop: str, name: str = BOARD) -> tuple:
        """The document file's path, modification time, size and inode (a file replaced by
        hand, or a workshop made again under a deleted one's id, gets a new one)."""
        try:
            path = self._doc_path(workshop, name)
            stat = os.stat(path)
        except (StoreError, OSError):
            return (str(self.root / workshop / f"{name}.yaml"), None)
        return (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def write(self, workshop: str, name: str, data: Any, expected_revision: int,
              author: str | None = None, previous: int | None = -1) -> int:
        """Save a document atomically as a new revision; returns that revision.

        Raises:
            ConflictError: the revision on disk is not ``expected_revision``.
        """
        path = self._doc_path(workshop, name)
        with self._locked(workshop):
            current = self._revision_on_disk(path)
            if current != expected_revision:
                raise ConflictError(workshop, name, expected_revision, current)
            revision = current + 1
            envelope = {
                "revision": revision,
                "saved_at": _now(),
                "author": author,
                "previous": current if previous == -1 else previous,
                "data": data,
            }
            text = dump_block_yaml(envelope)   # fast: big boards are saved per line
            history = path.parent / ".history" / name
            _remove_leftovers(path.parent, history)
            atomic_write(history / f"{revision:06d}.yaml", text)
            atomic_write(path, text)
            for old in sorted(history.glob("*.yaml"), key=_revision_number)[:-HISTORY_KEEP]:
                old.unlink(missing_ok=True)
        return revision

    def history(self, workshop: str, name: str = BOARD) -> list[Revision]:
        """The kept revisions of a document, newest first (only their headers are read)."""
        path = self._doc_path(workshop, name)  # checks the name before any path is made
        folder = path.parent / ".history" / name
        current = self._revision_on_disk(path)
        revisions = []
        for path in sorted(folder.glob("*.yaml"), key=_revision_number, reverse=True):
            with contextlib.suppress(StoreError, YamlError, ValueError):
                head = self._read_header(path)
                if head["revision"] > current:
                    continue  # written by a save that was killed before it finished
                revisions.append(Revision(head["revision"], head.get("saved_at"),
                                          head.get("author"), head.get("previous")))
        return revisions

    @classmethod
    def _read_header(cls, path: Path) -> dict[str, Any]:
        """The envelope of a document without its data: documents are written with
        ``data`` last, so only the lines before it are parsed (the whole file when a
        document edited by hand is laid out differently)."""
        lines = []
        try:
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("data:"):
                        break
                    lines.append(line)
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror})") from exc
        head = load_yaml("".join(lines), str(path)) if lines else None
        if not isinstance(head, dict) or not isinstance(head.get("revision"), int) \
                or isinstance(head.get("revision"), bool):
            head = cls._read_envelope(path)
        return {k: v for k, v in head.items() if k != "data"}

    def read_revision(self, workshop: str, name: str, revision: int) -> Versioned:
        folder = self._doc_path(workshop, name).parent  # checks the document name
        path = folder / ".history" / name / f"{int(revision):06d}.yaml"
        if not path.exists():
            raise StoreError(f"revision {revision} of '{workshop}' is no longer kept "
                             f"(the last {HISTORY_KEEP} are)")
        env = self._read_envelope(path)
        return Versioned(env.get("data"), int(env["revision"]), env.get("saved_at"),
                         env.get("author"))

    def can_undo(self, workshop: str, name: str = BOARD) -> bool:
        """Whether :meth:`undo` can bring back an earlier content (cheap: headers only)."""
        current = self._revision_on_disk(self._doc_path(workshop, name))
        if current == 0:
            return False
        previous = self._envelope_of(workshop, name, current).get("previous")
        folder = self._dir(workshop) / ".history" / name
        return bool(previous) and (folder / f"{int(previous):06d}.yaml").exists()

    def _envelope_of(self, workshop: str, name: str, revision: int,
                     with_data: bool = False) -> dict[str, Any]:
        folder = self._doc_path(workshop, name).parent  # checks the document name
        path = folder / ".history" / name / f"{int(revision):06d}.yaml"
        if not path.exists():
            return {}
        return self._read_envelope(path) if with_data else self._read_header(path)

    def undo(self, workshop: str, name: str, expected_revision: int,
             author: str | None = None) -> int:
        """Bring back the content before the current one, as a new revision."""
        current = self._envelope_of(workshop, name, expected_revision)
        previous = current.get("previous")
        if not previous:
            raise StoreError("there is nothing to undo")
        older = self._envelope_of(workshop, name, int(previous), with_data=True)
        if not older:
            raise StoreError(f"cannot undo further: only the last {HISTORY_KEEP} "
                             f"revisions are kept")
        return self.write(workshop, name, older.get("data"), expected_revision, author,
                          previous=older.get("previous"))



#: The folder store under the name existing callers use.
Workspace = FolderStore


def board_to_plain(board: Board) -> dict[str, Any]:
    """Board data with plain containers only, for the generic YAML dumper."""
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value
    return plain(board_to_dict(board))
