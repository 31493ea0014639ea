"""Live capture: operations applied to the latest board merge, retry and undo per person."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from canvas.services.live import (
    AddLine,
    CaptureClosed,
    DeleteSticky,
    EditSticky,
    LiveError,
    StickyState,
    apply_change,
    capture_state,
    contribution_counts,
    load_contributions,
    set_capture_open,
)
from canvas.workspace.store import ConflictError, Workspace
from eventstorming import parse_storm

STORM = """# Orders
## Shop
a: Customer -> c: Place order -> e: Order placed
"""


@pytest.fixture
def ws(tmp_path: Path) -> tuple[Workspace, str]:
    workspace = Workspace(tmp_path / "ws")
    return workspace, workspace.create_from_board(parse_storm(STORM))


def texts(workspace: Workspace, workshop: str) -> set[str]:
    return {s.text for s in workspace.load_board(workshop).data.stickies}


def test_additions_from_a_stale_view_land_and_credit_their_author(ws):
    workspace, workshop = ws
    first = apply_change(workspace, workshop, AddLine("e: Order paid", "Shop"), "Ana")
    second = apply_change(workspace, workshop, AddLine("e: Order shipped -> e: Order paid"),
                          "Ben")
    assert texts(workspace, workshop) >= {"Order paid", "Order shipped", "Order placed"}
    assert second.board.revision == first.board.revision + 1
    who = load_contributions(workspace, workshop)
    assert who["e-order-paid"].added_by == "Ana"          # the first to write it added it
    assert who["e-order-shipped"].added_by == "Ben"
    assert contribution_counts(who) == {"Ana": 1, "Ben": 1}
    links = {(link.source, link.target) for link in workspace.load_board(workshop).data.links}
    assert ("e-order-shipped", "e-order-paid") in links


def test_an_addition_retries_after_someone_else_saved(ws, monkeypatch):
    workspace, workshop = ws
    real_save = Workspace.save_board
    calls = {"n": 0}

    def racing_save(self, workshop_, board, expected_revision, author=None):
        calls["n"] += 1
        if calls["n"] == 1:   # someone else saves between our read and our save
            real_save(self, workshop_, parse_storm(STORM + "e: Parallel sticky\n"),
                      expected_revision, "Ben")
        return real_save(self, workshop_, board, expected_revision, author)

    monkeypatch.setattr(Workspace, "save_board", racing_save)
    applied = apply_change(workspace, workshop, AddLine("e: Mine"), "Ana")
    assert applied.attempts == 2
    assert {"Mine", "Parallel sticky"} <= texts(workspace, workshop)


def test_threads_hammering_one_workshop_lose_nothing(ws):
    workspace, workshop = ws
    errors: list[BaseException] = []

    def participant(n: int) -> None:
        try:
            for i in range(8):
                apply_change(Workspace(workspace.root), workshop,
                             AddLine(f"e: Sticky {n}-{i}"), f"P{n}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    expected = {f"Sticky {n}-{i}" for n in range(6) for i in range(8)}
    assert expected <= texts(workspace, workshop)
    counts = contribution_counts(load_contributions(workspace, workshop))
    assert counts == {f"P{n}": 8 for n in range(6)}


def test_edits_of_different_fields_merge_and_same_field_later_wins_with_a_notice(ws):
    workspace, workshop = ws
    board = workspace.load_board(workshop).data
    shown = StickyState.of(board, "e-order-placed")       # both opened the panel now
    apply_change(workspace, workshop, EditSticky(
        "e-order-placed", shown, StickyState.make("Order submitted", "event", "Shop", {})),
        "Ana")
    applied = apply_change(workspace, workshop, EditSticky(
        "e-order-placed", shown, StickyState.make("Order received", "event", "Shop",
                                                  {"minutes": 2})), "Ben")
    sticky = workspace.load_board(workshop).data.sticky("e-order-placed")
    assert sticky.text == "Order received" and sticky.attrs == {"minutes": 2}
    assert applied.notices == ("Ana changed the text from “Order placed” to “Order "
                               "submitted” just before you; your text “Order received” "
                               "replaced it.",)
    # a field only the other person changed stays theirs
    shown = StickyState.of(workspace.load_board(workshop).data, "e-order-placed")
    apply_change(workspace, workshop, EditSticky(
        "e-order-placed", shown, StickyState.make("Order received", "event", "Shop",
                                                  {"minutes": 5})), "Ana")
    apply_change(workspace, workshop, EditSticky(
        "e-order-placed", shown, StickyState.make("Order in", "event", "Shop",
                                                  {"minutes": 2})), "Ben")
    sticky = workspace.load_board(workshop).data.sticky("e-order-placed")
    assert sticky.text == "Order in" and sticky.attrs == {"minutes": 5}


def test_editing_a_sticky_someone_deleted_is_refused_with_a_message(ws):
    workspace, workshop = ws
    board = workspace.load_board(workshop).data
    shown = StickyState.of(board, "e-order-placed")
    apply_change(workspace, workshop, DeleteSticky("e-order-placed",
                                                   board.sticky("e-order-placed")), "Ana")
    revision = workspace.revision(workshop)
    with pytest.raises(LiveError, match="was deleted by .* your edit was not saved"):
        apply_change(workspace, workshop, EditSticky(
            "e-order-placed", shown, StickyState.make("Order sent", "event", "Shop", {})),
            "Ben")
    assert workspace.revision(workshop) == revision


def test_undo_reverts_my_last_change_on_top_of_the_others(ws):
    workspace, workshop = ws
    mine = apply_change(workspace, workshop, AddLine("e: Mine -> e: Order placed"), "Ana")
    apply_change(workspace, workshop, AddLine("e: Theirs"), "Ben")
    undone = apply_change(workspace, workshop, mine.inverse, "Ana")
    board = workspace.load_board(workshop).data
    assert "Mine" not in texts(workspace, workshop)
    assert "Theirs" in texts(workspace, workshop)
    assert not any("e-mine" in (link.source, link.target) for link in board.links)
    # undoing a delete brings the sticky back with its links
    before = board.sticky("c-place-order")
    deleted = apply_change(workspace, workshop, DeleteSticky("c-place-order", before), "Ana")
    apply_change(workspace, workshop, deleted.inverse, "Ana")
    board = workspace.load_board(workshop).data
    assert board.sticky("c-place-order") == before
    assert {("a-customer", "c-place-order"), ("c-place-order", "e-order-placed")} <= {
        (link.source, link.target) for link in board.links}
    assert undone.inverse is not None


def test_undo_of_an_edit_restores_only_my_fields(ws):
    workspace, workshop = ws
    board = workspace.load_board(workshop).data
    shown = StickyState.of(board, "e-order-placed")
    mine = apply_change(workspace, workshop, EditSticky(
        "e-order-placed", shown, StickyState.make("Order booked", "event", "Shop", {},
                                                  predecessors=("c-place-order",),
                                                  successors=("a-customer",))), "Ana")
    shown2 = StickyState.of(workspace.load_board(workshop).data, "e-order-placed")
    apply_change(workspace, workshop, EditSticky(
        "e-order-placed", shown2, StickyState.make("Order booked", "event", "Shop",
                                                   {"volume": "40/day"},
                                                   predecessors=("c-place-order",),
                                                   successors=("a-customer",))), "Ben")
    apply_change(workspace, workshop, mine.inverse, "Ana")
    board = workspace.load_board(workshop).data
    sticky = board.sticky("e-order-placed")
    assert sticky.text == "Order placed" and sticky.attrs == {"volume": "40/day"}
    assert ("e-order-placed", "a-customer") not in {(x.source, x.target) for x in board.links}


def test_a_closed_board_refuses_additions_but_takes_edits(ws):
    workspace, workshop = ws
    assert capture_state(workspace, workshop).open
    set_capture_open(workspace, workshop, False, "Facilitator")
    state = capture_state(workspace, workshop)
    assert not state.open and state.by == "Facilitator"
    revision = workspace.revision(workshop)
    with pytest.raises(CaptureClosed, match="closed for additions by Facilitator"):
        apply_change(workspace, workshop, AddLine("e: Too late"), "Ben")
    assert workspace.revision(workshop) == revision
    board = workspace.load_board(workshop).data
    apply_change(workspace, workshop, EditSticky(
        "e-order-placed", StickyState.of(board, "e-order-placed"),
        StickyState.make("Order placed!", "event", "Shop", {})), "Ben")
    set_capture_open(workspace, workshop, True, "Facilitator")
    apply_change(workspace, workshop, AddLine("e: In time"), "Ben")
    assert "In time" in texts(workspace, workshop)


def test_gives_up_after_bounded_attempts_and_saves_nothing(ws, monkeypatch):
    workspace, workshop = ws

    def always_conflict(self, workshop_, board, expected_revision, author=None):
        raise ConflictError(workshop_, "board", expected_revision, expected_revision + 1)

    monkeypatch.setattr(Workspace, "save_board", always_conflict)
    with pytest.raises(LiveError, match="nothing of yours was saved"):
        apply_change(workspace, workshop, AddLine("e: Never"), "Ana", max_attempts=3)


class CountingLoads(Workspace):
    """The folder store, counting how often a board is read and parsed."""

    loads = 0

    def load_board(self, workshop):
        type(self).loads += 1
        return super().load_board(workshop)


def test_a_known_current_board_is_not_parsed_again_and_a_stale_one_is(tmp_path):
    store = CountingLoads(tmp_path)
    workshop = store.create_from_board(parse_storm(STORM))
    known = store.load_board(workshop)
    CountingLoads.loads = 0

    first = apply_change(store, workshop, AddLine("e: Mine", None), "Ana", known=known)
    assert CountingLoads.loads == 0, "the board the caller holds is the saved one"

    apply_change(store, workshop, AddLine("e: Theirs", None), "Ben")   # someone else saves
    CountingLoads.loads = 0
    apply_change(store, workshop, AddLine("e: Mine again", None), "Ana", known=first.board)
    assert CountingLoads.loads == 1, "a stale board is read again, never saved over"
    assert {"Mine", "Theirs", "Mine again"} <= texts(store, workshop)
