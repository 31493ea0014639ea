import math

import pytest

from eventstorming import BoardFormatError, parse_storm
from eventstorming.builder import BoardBuilder
from eventstorming.edit import (
    EditError,
    add_lane,
    add_link,
    apply_table,
    capture_line,
    delete_sticky,
    format_attributes,
    neighbours,
    parse_attributes,
    parse_kind,
    remove_link,
    replace_from_text,
    set_links,
    table_rows,
    update_sticky,
)
from eventstorming.model import Kind

BOARD = parse_storm(
    "# Expenses\nlang: en\n## Employee\na: Employee -> c: Submit receipt -> e: Receipt submitted\n"
    "## Accounting\nc: Categorize receipt {minutes: 2}\n"
)


def test_from_board_round_trips_and_keeps_ids():
    rebuilt = BoardBuilder.from_board(BOARD).build()
    assert rebuilt == BOARD
    odd = BOARD.model_copy(update={"stickies": tuple(
        s.model_copy(update={"id": f"x{i}"}) for i, s in enumerate(BOARD.stickies))
    }).model_copy(update={"links": ()})
    assert [s.id for s in BoardBuilder.from_board(odd).build().stickies] == ["x0", "x1", "x2", "x3"]


def test_capture_single_sticky_goes_to_the_chosen_lane_at_the_end():
    result = capture_line(BOARD, "e: Receipt categorized {volume: 300/day}", "Accounting")
    sticky = result.board.sticky("e-receipt-categorized")
    assert sticky.lane == "Accounting"
    assert sticky.attrs == {"volume": "300/day"}
    assert sticky.order == max(s.order for s in result.board.stickies)
    assert result.added == ("e-receipt-categorized",)


def test_capture_chain_keeps_existing_stickies_in_their_lane_and_links():
    line = "e: Receipt submitted -> p: Check receipt -> c: Categorize receipt"
    result = capture_line(BOARD, line, "Accounting")
    board = result.board
    assert board.sticky("e-receipt-submitted").lane == "Employee"
    assert board.sticky("p-check-receipt").lane == "Accounting"
    assert result.added == ("p-check-receipt",)
    assert result.touched == ("e-receipt-submitted", "p-check-receipt", "c-categorize-receipt")
    pairs = {(link.source, link.target) for link in board.links}
    assert {("e-receipt-submitted", "p-check-receipt"),
            ("p-check-receipt", "c-categorize-receipt")} <= pairs


def test_capture_new_lane_is_added():
    result = capture_line(BOARD, "s: ERP", "Finance")
    assert result.board.lanes[-1] == "Finance"
    assert result.board.sticky("s-erp").lane == "Finance"


def test_capture_lane_line_declares_a_lane():
    result = capture_line(BOARD, "## Approval", None)
    assert result.lane == "Approval"
    assert result.board.lanes == ("Employee", "Accounting", "Approval")
    assert result.added == ()


def test_capture_existing_sticky_returns_the_same_board():
    result = capture_line(BOARD, "a: employee", "Accounting")
    assert result.board == BOARD
    assert result.added == ()


@pytest.mark.parametrize("line, fragment", [
    ("evnt: Receipt submitted", "did you mean 'event'"),
    ("x: y -> e: z", "unknown kind 'x'"),
    ("e: Receipt {volume: 3", "never closes"),
    ("   ", "type a sticky"),
    ("# New title", "quick capture takes a sticky"),
])
def test_capture_bad_line_gives_the_parser_message(line, fragment):
    with pytest.raises(BoardFormatError) as info:
        capture_line(BOARD, line, "Employee")
    assert fragment in info.value.message


def test_replace_from_text_keeps_ids_positions_and_title():
    board = BOARD.model_copy(update={"stickies": tuple(
        s.model_copy(update={"id": "custom", "x": 5.0}) if s.text == "Employee" else s
        for s in BOARD.stickies), "links": ()})
    result = replace_from_text(board, "## Team\na: employee -> c: Pay\n")
    assert result.title == "Expenses"
    assert result.sticky("custom").x == 5.0
    assert result.sticky("custom").lane == "Team"
    assert [(x.source, x.target) for x in result.links] == [("custom", "c-pay")]
    assert replace_from_text(board, "# Renamed\n").title == "Renamed"


def test_replace_from_text_reports_the_line_number():
    with pytest.raises(BoardFormatError) as info:
        replace_from_text(BOARD, "# T\n\ne: ok\nbogus line\n")
    assert info.value.line == 4
    assert "board text, line 4" in str(info.value)


def test_table_round_trip_is_identity():
    assert apply_table(BOARD, table_rows(BOARD)) == BOARD


def test_table_edit_add_delete():
    rows = table_rows(BOARD)
    rows[0]["text"] = "Traveller"                      # edit keeps id
    rows[3]["attributes"] = "minutes: 3, manual: true"
    del rows[2]                                        # delete the event and its link
    rows.append({"id": None, "kind": "h", "text": "Lost receipts", "lane": "Audit",
                 "attributes": float("nan")})
    rows.append({"id": float("nan"), "kind": None, "text": None, "lane": None,
                 "attributes": None})                  # an empty editor row is ignored
    board = apply_table(BOARD, rows)
    assert board.sticky("a-employee").text == "Traveller"
    assert board.sticky("c-categorize-receipt").attrs == {"minutes": 3, "manual": True}
    assert "e-receipt-submitted" not in board.by_id()
    assert all("e-receipt-submitted" not in (x.source, x.target) for x in board.links)
    new = board.sticky("h-lost-receipts")
    assert new.kind is Kind.HOTSPOT and new.lane == "Audit" and "Audit" in board.lanes
    assert new.order > max(s.order for s in BOARD.stickies) - 1


@pytest.mark.parametrize("change, message", [
    ({"kind": "colour"}, "row 1: unknown kind 'colour'"),
    ({"kind": ""}, "row 1: choose a kind"),
    ({"text": "  "}, "row 1: a sticky needs a text"),
    ({"attributes": "volume"}, "row 1, attributes: 'volume' must be written 'key: value'"),
    ({"kind": "command", "text": "submit RECEIPT"}, "row 1: there is already a command"),
])
def test_table_errors_name_the_row(change, message):
    rows = table_rows(BOARD)
    rows[0].update(change)
    with pytest.raises(EditError, match=message.replace("(", r"\(")):
        apply_table(BOARD, rows)


def test_update_sticky_keeps_id_and_refuses_twins():
    board = update_sticky(BOARD, "c-submit-receipt", text="Hand in receipt", kind="cmd",
                          lane="Accounting")
    sticky = board.sticky("c-submit-receipt")
    assert (sticky.text, sticky.lane) == ("Hand in receipt", "Accounting")
    assert update_sticky(BOARD, "a-employee", lane=None).sticky("a-employee").lane is None
    assert update_sticky(BOARD, "a-employee", lane="New").lanes[-1] == "New"
    with pytest.raises(EditError, match="already a command"):
        update_sticky(BOARD, "c-submit-receipt", text="categorize receipt")
    with pytest.raises(EditError, match="needs a text"):
        update_sticky(BOARD, "a-employee", text=" ")
    with pytest.raises(EditError, match="no sticky 'nope'"):
        update_sticky(BOARD, "nope", text="x")


def test_delete_sticky_drops_links():
    board = delete_sticky(BOARD, "c-submit-receipt")
    assert len(board.stickies) == 3 and board.links == ()


def test_links_add_remove_set():
    board = add_link(BOARD, "e-receipt-submitted", "c-categorize-receipt")
    assert add_link(board, "e-receipt-submitted", "c-categorize-receipt") == board
    assert neighbours(board, "e-receipt-submitted") == (["c-categorize-receipt"],
                                                       ["c-submit-receipt"])
    board = remove_link(board, "e-receipt-submitted", "c-categorize-receipt")
    assert board == BOARD
    with pytest.raises(EditError, match="itself"):
        add_link(BOARD, "a-employee", "a-employee")
    board = set_links(BOARD, "c-submit-receipt", successors=["c-categorize-receipt"],
                      predecessors=["a-employee"])
    assert neighbours(board, "c-submit-receipt") == (["c-categorize-receipt"], ["a-employee"])
    with pytest.raises(EditError):
        set_links(BOARD, "c-submit-receipt", ["c-submit-receipt"], [])


def test_kinds_and_attributes():
    assert parse_kind("Read Model") is Kind.READMODEL
    assert parse_attributes("{volume: 3/day, minutes: 2.5, ok: false}") == {
        "volume": "3/day", "minutes": 2.5, "ok": False}
    assert parse_attributes(math.nan) == {}
    assert format_attributes({"minutes": 2, "ok": True}) == "minutes: 2, ok: true"
    assert add_lane(BOARD, "Employee") == BOARD
    with pytest.raises(EditError):
        add_lane(BOARD, "  ")
