"""The workspace store: revisions, conflicts, history, undo, seeding and the workspace root.

Tests taking ``ws`` or ``store_location`` run against both stores (the folder and
PostgreSQL, see conftest.py); those taking ``folder`` are about the folder's files."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest

from canvas.workspace.store import (
    HISTORY_KEEP,
    ConflictError,
    StoreError,
    WorkshopNotFound,
    Workspace,
    default_root,
    open_workspace,
)
from eventstorming import parse_storm, read_storm
from tests.conftest import ROOT

BOARD_TEXT = "# Receipts\nlang: en\n## Desk\na: Clerk -> c: Type receipt -> e: Receipt typed\n"


@pytest.fixture
def folder(workspace_root: Path) -> Workspace:
    workspace_root.mkdir()
    return Workspace(workspace_root)


def _zip_texts(ws, workshop: str) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(ws.export_zip(workshop)))
    return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_create_from_board_and_load_it_back(ws):
    board = parse_storm(BOARD_TEXT)
    workshop = ws.create_from_board(board)
    assert workshop == "receipts"
    loaded = ws.load_board(workshop)
    assert loaded.data == board
    assert loaded.revision == 1
    assert loaded.saved_at
    text = _zip_texts(ws, workshop)[f"{workshop}/board.yaml"]
    assert "revision: 1" in text and "text: Type receipt" in text  # readable in a diff


def test_create_empty_workshop_and_unique_ids(ws):
    first = ws.create("Claims intake", lang="de-DE")
    second = ws.create("Claims  intake")
    assert (first, second) == ("claims-intake", "claims-intake-2")
    board = ws.load_board(first).data
    assert board.title == "Claims intake" and board.lang == "de" and not board.stickies
    assert board.metadata["lang"] == "de-DE"  # kept as written
    with pytest.raises(StoreError, match="needs a title"):
        ws.create("   ")
    infos = ws.list_workshops()
    assert {i.id for i in infos} == {first, second}
    assert {i.lang for i in infos} == {"de", "en"}


def test_stale_revision_is_refused(ws):
    workshop = ws.create_from_board(parse_storm(BOARD_TEXT))
    tab_one = ws.load_board(workshop)
    tab_two = ws.load_board(workshop)
    board = tab_one.data.model_copy(update={"title": "Edited in tab one"})
    assert ws.save_board(workshop, board, tab_one.revision) == 2
    with pytest.raises(ConflictError) as info:
        ws.save_board(workshop, tab_two.data.model_copy(update={"title": "Tab two"}),
                      tab_two.revision)
    error = info.value
    assert (error.expected, error.actual) == (1, 2)
    assert "revision 1" in str(error) and "revision 2" in str(error)
    assert "Reload" in str(error)
    assert ws.load_board(workshop).data.title == "Edited in tab one"


def test_generic_documents_start_at_revision_zero(ws):
    workshop = ws.create("Doc test")
    assert ws.read(workshop, "opportunities").revision == 0
    assert ws.read(workshop, "opportunities").data is None
    assert ws.write(workshop, "opportunities", [{"id": "x"}], 0, author="po") == 1
    doc = ws.read(workshop, "opportunities")
    assert (doc.data, doc.revision, doc.author) == ([{"id": "x"}], 1, "po")
    with pytest.raises(ConflictError):
        ws.write(workshop, "opportunities", [], 0)
    with pytest.raises(StoreError, match="not a valid document name"):
        ws.read(workshop, "../board")


def test_history_keeps_the_last_twenty(ws):
    workshop = ws.create("History")
    for revision in range(1, 30):
        ws.write(workshop, "notes", {"n": revision}, revision - 1)
    history = ws.history(workshop, "notes")
    assert HISTORY_KEEP == 20
    assert [r.revision for r in history] == list(range(29, 9, -1))
    kept = [n for n in _zip_texts(ws, workshop) if n.startswith(f"{workshop}/.history/notes/")]
    assert len(kept) == 20
    assert ws.read_revision(workshop, "notes", 10).data == {"n": 10}
    with pytest.raises(StoreError, match="no longer kept"):
        ws.read_revision(workshop, "notes", 9)


def test_undo_walks_back_and_stops(ws):
    workshop = ws.create("Undo")
    for revision, text in enumerate(["A", "B", "C"], start=1):
        ws.write(workshop, "notes", text, revision - 1)
    assert ws.can_undo(workshop, "notes")
    assert ws.undo(workshop, "notes", 3) == 4
    assert ws.read(workshop, "notes").data == "B"
    with pytest.raises(ConflictError):
        ws.undo(workshop, "notes", 3)  # a stale tab cannot undo
    assert ws.undo(workshop, "notes", 4) == 5
    assert ws.read(workshop, "notes").data == "A"
    assert not ws.can_undo(workshop, "notes")
    with pytest.raises(StoreError, match="nothing to undo"):
        ws.undo(workshop, "notes", 5)
    # an edit after undo continues from the restored content
    assert ws.write(workshop, "notes", "D", 5) == 6
    assert ws.undo(workshop, "notes", 6) == 7
    assert ws.read(workshop, "notes").data == "A"


def test_undo_stops_where_history_ends(ws):
    workshop = ws.create("Deep undo")
    for revision in range(1, 26):
        ws.write(workshop, "notes", revision, revision - 1)
    revision, undone = 25, []
    while ws.can_undo(workshop, "notes"):
        revision = ws.undo(workshop, "notes", revision)
        undone.append(ws.read(workshop, "notes").data)
    assert undone[:3] == [24, 23, 22]
    assert len(undone) < 25
    with pytest.raises(StoreError, match="cannot undo further|nothing to undo"):
        ws.undo(workshop, "notes", revision)


def test_undo_board(ws):
    workshop = ws.create_from_board(parse_storm(BOARD_TEXT))
    loaded = ws.load_board(workshop)
    edited = loaded.data.model_copy(update={"title": "Changed"})
    revision = ws.save_board(workshop, edited, loaded.revision)
    ws.undo_board(workshop, revision)
    assert ws.load_board(workshop).data.title == "Receipts"


def test_seeding_a_missing_workspace_with_the_examples(ws):
    created = ws.ensure_seeded()
    examples = sorted((ROOT / "examples").glob("*/board.storm"))
    assert len(created) == len(examples) >= 3
    assert sorted(created) == sorted(p.parent.name for p in examples)
    for path in examples:
        assert ws.load_board(path.parent.name).data == read_storm(path)
    assert ws.ensure_seeded() == []  # a second call changes nothing
    assert len(ws.list_workshops()) == len(examples)


def test_seeding_an_empty_workspace_but_never_one_in_use(ws, tmp_path):
    examples = tmp_path / "examples"
    (examples / "one").mkdir(parents=True)
    (examples / "one" / "board.storm").write_text(BOARD_TEXT, encoding="utf-8")
    used = ws
    used.create("My own workshop")
    assert used.ensure_seeded(examples) == []
    assert [i.id for i in used.list_workshops()] == ["my-own-workshop"]


def test_seeding_a_folder_with_files_that_are_no_workshops(folder, tmp_path):
    (folder.root / "README.txt").write_text("not a workshop")
    examples = tmp_path / "examples"
    (examples / "one").mkdir(parents=True)
    (examples / "one" / "board.storm").write_text(BOARD_TEXT, encoding="utf-8")
    assert folder.ensure_seeded(examples) == ["one"]


def test_workspace_root_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MLCANVAS_WORKSPACE", str(tmp_path / "elsewhere"))
    assert default_root() == tmp_path / "elsewhere"
    assert Workspace().root == tmp_path / "elsewhere"
    monkeypatch.delenv("MLCANVAS_WORKSPACE")
    assert Workspace().root == Path("workspace")


def test_unknown_workshops(ws):
    with pytest.raises(WorkshopNotFound, match="no workshop 'nope'"):
        ws.load_board("nope")
    with pytest.raises(WorkshopNotFound):
        ws.read("../etc", "board")
    with pytest.raises(WorkshopNotFound):
        ws.write("nope", "board", {}, 0)
    assert not ws.exists("nope") and not ws.exists("../etc")
    with pytest.raises(WorkshopNotFound):
        ws.revision("nope", "board")


def test_malformed_workshops(folder):
    ws = folder
    workshop = ws.create("Broken")
    (ws.root / workshop / "board.yaml").write_text("revision: 3\ndata: {stickies: 5}\n")
    with pytest.raises(StoreError, match="stickies"):
        ws.load_board(workshop)
    assert ws.list_workshops() == []
    (ws.root / workshop / "board.yaml").write_text("data: {}\nrevision: many\n")
    with pytest.raises(StoreError, match="'revision' must be a whole number"):
        ws.load_board(workshop)
    with pytest.raises(StoreError, match="'revision' must be a whole number"):
        ws.write(workshop, "board", {}, 1)
    (ws.root / workshop / "board.yaml").write_text("just text")
    with pytest.raises(StoreError, match="not a workspace document"):
        ws.load_board(workshop)
    assert [i.id for i in ws.list_workshops()] == []  # listed workshops stay readable


def test_rename_duplicate_delete_and_export(ws):
    workshop = ws.create_from_board(parse_storm(BOARD_TEXT))
    ws.write(workshop, "canvas", {"box": "value"}, 0)
    revision = ws.rename(workshop, "Receipts 2026", ws.load_board(workshop).revision)
    assert revision == 2 and ws.load_board(workshop).data.title == "Receipts 2026"
    copy = ws.duplicate(workshop)
    assert ws.load_board(copy).data.title == "Receipts 2026 (copy)"
    assert ws.read(copy, "canvas").data == {"box": "value"}
    archive = zipfile.ZipFile(io.BytesIO(ws.export_zip(workshop)))
    assert f"{workshop}/board.yaml" in archive.namelist()
    assert any(name.startswith(f"{workshop}/.history/board/") for name in archive.namelist())
    ws.delete(workshop)
    assert not ws.exists(workshop)
    assert workshop not in [i.id for i in ws.list_workshops()]
    with pytest.raises(WorkshopNotFound):
        ws.load_board(workshop)
    with pytest.raises(WorkshopNotFound):
        ws.delete(workshop)
    # the id is free again; the new workshop starts afresh
    assert ws.create_from_board(parse_storm(BOARD_TEXT)) == workshop
    assert ws.load_board(workshop).revision == 1 and ws.read(workshop, "canvas").revision == 0


def test_delete_moves_the_folder_into_the_trash(folder):
    workshop = folder.create("Trash me")
    moved = folder.delete(workshop)
    assert moved.parent.name == ".trash" and (moved / "board.yaml").exists()


def test_leftovers_of_a_killed_save_are_cleaned_and_ignored(folder):
    ws = folder
    workshop = ws.create("Leftovers")
    folder = ws.root / workshop
    (folder / ".board.yaml.abc.tmp").write_text("half a fi")
    history = folder / ".history" / "board"
    # a save killed after writing its history entry but before the document itself
    (history / "000002.yaml").write_text((history / "000001.yaml").read_text()
                                         .replace("revision: 1", "revision: 2"))
    assert [r.revision for r in ws.history(workshop)] == [1]
    ws.save_board(workshop, ws.load_board(workshop).data, 1)
    assert not list(folder.glob(".*.tmp"))
    assert [r.revision for r in ws.history(workshop)] == [2, 1]


def test_sessions_seeding_at_once_add_the_examples_once(store_location):
    barrier = threading.Barrier(4)
    results: list[list[str]] = []

    def seed() -> None:
        barrier.wait()
        results.append(open_workspace(store_location).ensure_seeded())

    threads = [threading.Thread(target=seed) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    examples = sorted(p.parent.name for p in (ROOT / "examples").glob("*/board.storm"))
    assert sorted(r for result in results for r in result) == examples
    assert sorted(i.id for i in open_workspace(store_location).list_workshops()) == examples


def test_creating_the_same_title_at_once_gives_distinct_workshops(ws):
    barrier = threading.Barrier(6)
    created: list[str] = []

    def create() -> None:
        barrier.wait()
        created.append(ws.create("Same title"))

    threads = [threading.Thread(target=create) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(created) == sorted(["same-title"] + [f"same-title-{n}" for n in range(2, 7)])
    assert all(ws.load_board(w).data.title == "Same title" for w in created)


def test_history_reads_documents_laid_out_by_hand(folder):
    ws = folder
    workshop = ws.create("Hand edited")
    ws.write(workshop, "notes", {"text": "data: not a header"}, 0, author="data: odd")
    ws.write(workshop, "notes", "two", 1)
    history = ws.root / workshop / ".history" / "notes"
    # the same revision written with 'data' first, as a person might
    (history / "000001.yaml").write_text(
        "data: {text: hello}\nrevision: 1\nprevious: 0\nauthor: me\n", encoding="utf-8")
    assert [(r.revision, r.author) for r in ws.history(workshop, "notes")] == \
        [(2, None), (1, "me")]
    assert ws.can_undo(workshop, "notes")
    ws.undo(workshop, "notes", 2)
    assert ws.read(workshop, "notes").data == {"text": "hello"}
    (history / "000002.yaml").write_text("revision: [broken\n", encoding="utf-8")
    assert [r.revision for r in ws.history(workshop, "notes")][-1] == 1


# -- issue 17: the store refuses paths outside the workspace, keeps the newest revisions
#    past 999,999, respects the umask and leaves no workshop behind a failed create


def test_read_revision_and_history_check_the_document_name(ws):
    workshop = ws.create("Names")
    for name in ("../../outside", "..", "board/../../x", "/etc/passwd"):
        with pytest.raises(StoreError, match="not a valid document name"):
            ws.read_revision(workshop, name, 1)
        with pytest.raises(StoreError, match="not a valid document name"):
            ws.history(workshop, name)


def test_history_is_pruned_by_revision_number(ws):
    from canvas.workspace.store import DocumentDump, StoredRevision, WorkshopDump

    workshop = "big-numbers"
    kept = [StoredRevision(revision, None, None, revision - 1, {"n": revision})
            for revision in range(999_999, 999_989, -1)]
    board = StoredRevision(1, None, None, 0, {"title": "Big numbers"})
    ws.load_workshop(WorkshopDump(workshop, {"notes": DocumentDump(kept[0], tuple(kept)),
                                             "board": DocumentDump(board, (board,))}))
    for number in range(1_000_000, 1_000_000 + HISTORY_KEEP + 2):
        assert ws.write(workshop, "notes", {"n": number}, number - 1) == number
    kept = sorted(r.revision for r in ws.dump_workshop(workshop).documents["notes"].history)
    assert kept == list(range(1_000_002, 1_000_002 + HISTORY_KEEP))  # the newest
    assert [r.revision for r in ws.history(workshop, "notes")][:2] == [1_000_021, 1_000_020]
    revision = ws.undo(workshop, "notes", 1_000_021)
    assert ws.read(workshop, "notes").data == {"n": 1_000_020}
    assert revision == 1_000_022


def test_saved_files_get_the_umask_mode(folder):
    ws = folder
    import os
    import stat

    from canvas.workspace import store

    workshop = ws.create("Modes")
    mode = stat.S_IMODE(os.stat(ws.root / workshop / "board.yaml").st_mode)
    assert mode == 0o666 & ~store._UMASK


def test_a_board_that_cannot_be_saved_leaves_no_workshop(folder, monkeypatch):
    ws = folder
    from eventstorming.model import Board

    def broken(*args, **kwargs):
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    before = sorted(p.name for p in ws.root.iterdir())
    monkeypatch.setattr(ws, "save_board", broken)
    with pytest.raises(UnicodeEncodeError):
        ws.create_from_board(Board(title="Broken"))
    assert sorted(p.name for p in ws.root.iterdir()) == before
