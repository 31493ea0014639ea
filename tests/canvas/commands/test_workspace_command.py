"""``mlcanvas workspace migrate``: a folder workspace into PostgreSQL and back, documents
with their kept history, nothing overwritten, errors without passwords or tracebacks."""

from __future__ import annotations

import pytest

from canvas.commands.cli import main
from canvas.workspace.store import FolderStore, open_workspace
from eventstorming import parse_storm

BOARD = "# Receipts\nlang: en\n## Desk\na: Clerk -> c: Type receipt -> e: Receipt typed\n"


def _workspace_with_history(root) -> FolderStore:
    ws = FolderStore(root)
    ws.ensure_seeded()
    workshop = ws.create_from_board(parse_storm(BOARD))
    for n in range(1, 26):  # more than the kept 20
        ws.write(workshop, "notes", {"n": n}, n - 1, author="Ana")
    ws.undo(workshop, "notes", 25)
    ws.write_keyed(workshop, "specs", "opp-a", {"rules": []}, 0)
    return ws


def _dumps(ws):
    return {w: ws.dump_workshop(w) for w in ws.workshop_ids()}


def test_migrate_a_folder_into_the_database_and_back(tmp_path, database_url, capsys):
    folder = _workspace_with_history(tmp_path / "workspace")
    assert main(["workspace", "migrate", "--from", str(folder.root), "--to", database_url]) == 0
    out = capsys.readouterr()
    assert "copied 4 workshop(s)" in out.out and "mlcanvas_test:" not in out.out
    database = open_workspace(database_url)
    assert _dumps(database) == _dumps(folder)  # every kept revision, author and time
    # the history works on in the database as it did in the folder
    assert [r.revision for r in database.history("receipts", "notes")][:2] == [26, 25]
    assert database.can_undo("receipts", "notes")
    assert database.read("receipts", "notes").data == {"n": 24}

    back = tmp_path / "back"
    assert main(["workspace", "migrate", "--from", database_url, "--to", str(back)]) == 0
    assert _dumps(FolderStore(back)) == _dumps(folder)
    assert FolderStore(back).export_zip("receipts") == folder.export_zip("receipts")

    # a second run copies nothing and overwrites nothing
    database.write("receipts", "notes", "changed in the database", 26)
    assert main(["workspace", "migrate", "--from", str(folder.root), "--to", database_url]) == 0
    out = capsys.readouterr()
    assert "copied 0 workshop(s)" in out.out and "skipped  receipts" in out.err
    assert database.read("receipts", "notes").data == "changed in the database"
    database.close()


def test_migrate_from_the_default_folder(tmp_path, monkeypatch, database_url, capsys):
    _workspace_with_history(tmp_path / "here")
    monkeypatch.setenv("MLCANVAS_WORKSPACE", str(tmp_path / "here"))
    assert main(["workspace", "migrate", "--to", database_url]) == 0
    assert "receipts" in open_workspace(database_url).workshop_ids()


def test_migrate_errors_say_what_without_password_or_traceback(tmp_path, capsys):
    FolderStore(tmp_path / "ws").create("One")
    code = main(["workspace", "migrate", "--from", str(tmp_path / "ws"),
                 "--to", "postgresql://ana:s3cr3t@127.0.0.1:1/team"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot connect to the database postgresql://ana@127.0.0.1:1/team" in err
    assert "s3cr3t" not in err and "Traceback" not in err
    assert main(["workspace", "migrate", "--from", str(tmp_path / "nope"),
                 "--to", str(tmp_path / "x")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["workspace", "migrate", "--from", str(tmp_path / "ws"),
                 "--to", str(tmp_path / "ws")]) == 2
    assert "both the source and the target" in capsys.readouterr().err


def test_migrate_is_documented_in_help(capsys):
    with pytest.raises(SystemExit):
        main(["workspace", "migrate", "--help"])
    text = capsys.readouterr().out
    assert "--from" in text and "--to" in text and "postgresql://" in text
