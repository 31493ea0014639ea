from datetime import UTC, datetime

import pytest

from canvas.services.board import commit, export_file_name, hints_by_sticky, saved_status
from canvas.workspace.store import ConflictError, Workspace
from eventstorming import parse_storm
from eventstorming.edit import capture_line


@pytest.fixture
def ws(workspace_root):
    workspace = Workspace(workspace_root)
    workshop = workspace.create_from_board(parse_storm("# Demo\n## L\ne: Started\n"))
    return workspace, workshop


def test_commit_saves_a_new_revision_and_skips_no_change(ws):
    workspace, workshop = ws
    shown = workspace.load_board(workshop)
    assert commit(workspace, workshop, shown, shown.data) is shown
    new = commit(workspace, workshop, shown, capture_line(shown.data, "c: Stop", "L").board)
    assert new.revision == shown.revision + 1
    assert workspace.load_board(workshop).data == new.data


def test_commit_from_a_stale_tab_is_refused(ws):
    workspace, workshop = ws
    tab_a = workspace.load_board(workshop)
    tab_b = workspace.load_board(workshop)
    commit(workspace, workshop, tab_a, capture_line(tab_a.data, "c: A", "L").board)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        commit(workspace, workshop, tab_b, capture_line(tab_b.data, "c: B", "L").board)
    assert workspace.load_board(workshop).data.find("command", "A") is not None
    assert workspace.load_board(workshop).data.find("command", "B") is None


def test_saved_status():
    now = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
    assert saved_status(0, None) == "Not saved yet"
    assert saved_status(3, "2026-11-26T17:59:01+00:00", now) == \
        "Saved · revision 3 · 17:59:01 UTC"
    assert saved_status(3, "2026-11-20T17:59:01+00:00", now) == \
        "Saved · revision 3 · 2026-11-20 17:59 UTC"
    assert saved_status(4, "garbage", now) == "Saved · revision 4"


def test_hints_by_sticky_groups_and_dedupes():
    class W:
        def __init__(self, stickies, message):
            self.stickies, self.message = stickies, message
    grouped = hints_by_sticky([W(("a", "b"), "m1"), W(("a",), "m1"), W(("b",), "m2")])
    assert grouped == {"a": ["m1"], "b": ["m1", "m2"]}


def test_export_file_name():
    assert export_file_name("demo", "mermaid") == ("Mermaid diagram", "demo.mmd", "text/plain")
    assert export_file_name("demo", "odd")[:2] == ("odd", "demo.odd.txt")
