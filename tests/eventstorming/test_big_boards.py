"""Quick capture on a 10,000-sticky board does not rebuild the board: every sticky already
on it is reused as it is (re-validating them all made each captured line take seconds)."""

from __future__ import annotations

from eventstorming.builder import BoardBuilder
from eventstorming.edit import capture_line


def big_board(stickies: int = 10_000):
    builder = BoardBuilder("Big")
    previous = None
    for n in range(stickies):
        sticky = builder.sticky("event" if n % 2 else "command", f"Step {n} done",
                                lane=f"Lane {n % 6}", attrs={"minutes": 2})
        if previous and n % 4:
            builder.link(previous, sticky)
        previous = sticky
    return builder.build()


def test_capturing_a_line_reuses_every_sticky_on_a_big_board():
    board = big_board()
    result = capture_line(board, "c: Approve claim -> e: Claim approved", "Lane 2")
    after = result.board
    assert len(after.stickies) == len(board.stickies) + 2
    assert all(a is b for a, b in zip(after.stickies, board.stickies, strict=False))
    assert all(a is b for a, b in zip(after.links, board.links, strict=False))
    assert [after.by_id()[i].text for i in result.added] == ["Approve claim", "Claim approved"]


def test_a_line_that_changes_nothing_returns_the_board_itself():
    board = big_board(2_000)
    result = capture_line(board, "e: Step 1 done", "Lane 1")
    assert result.board is board and result.added == ()
    # a merged attribute is a change: that sticky is new, the others are reused
    merged = capture_line(board, "e: Step 1 done {minutes: 5}", "Lane 1").board
    changed = [a for a, b in zip(merged.stickies, board.stickies, strict=True) if a is not b]
    assert [s.id for s in changed] == ["e-step-1-done"] and changed[0].attrs["minutes"] == 5
