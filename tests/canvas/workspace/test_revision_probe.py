"""The cheap revision probe the app polls to learn that someone else saved."""


def test_revision_follows_saves_without_reading_data(ws):
    workshop = ws.create("Probe")
    assert ws.revision(workshop) == 1
    ws.write(workshop, "notes", {"a": 1}, expected_revision=0)
    assert ws.revision(workshop, "notes") == 1
    assert ws.revision(workshop, "never-saved") == 0
    ws.rename(workshop, "Probe 2", expected_revision=1)
    assert ws.revision(workshop) == 2


def test_signature_changes_with_every_save_and_with_a_new_workshop_of_the_same_id(ws):
    workshop = ws.create("Signed")
    first = ws.signature(workshop)
    assert ws.signature(workshop) == first  # stable while nothing is saved
    ws.rename(workshop, "Signed again", expected_revision=1)
    second = ws.signature(workshop)
    assert second != first
    ws.delete(workshop)
    assert ws.create("Signed") == workshop
    assert ws.signature(workshop) not in (first, second)
