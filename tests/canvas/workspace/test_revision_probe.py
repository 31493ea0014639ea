"""The cheap revision probe the app polls to learn that someone else saved."""

from canvas.workspace.store import Workspace


def test_revision_follows_saves_without_reading_data(tmp_path):
    ws = Workspace(tmp_path)
    workshop = ws.create("Probe")
    assert ws.revision(workshop) == 1
    ws.write(workshop, "notes", {"a": 1}, expected_revision=0)
    assert ws.revision(workshop, "notes") == 1
    assert ws.revision(workshop, "never-saved") == 0
    ws.rename(workshop, "Probe 2", expected_revision=1)
    assert ws.revision(workshop) == 2
