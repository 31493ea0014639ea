import pytest

from eventstorming import parse_storm
from eventstorming.layout import NO_LANE, assign_columns, layout_board, timeline, wrap_text
from eventstorming.model import KIND_COLORS, Kind

BOARD = parse_storm(
    "# B\nh: Where do receipts get lost?\n## Employee\n"
    "a: Employee -> c: Submit receipt -> e: Receipt submitted\n"
    "## Accounting\ne: Receipt submitted -> p: Check -> c: Categorize\nr: Rules\n"
)


def test_columns_follow_the_timeline_and_links_across_lanes():
    cols = assign_columns(BOARD)
    assert [cols[i] for i in ("a-employee", "c-submit-receipt", "e-receipt-submitted")] == [0, 1, 2]
    # the policy follows the event from the other lane, so it is right of it
    assert cols["p-check"] == 3 and cols["c-categorize"] == 4
    # an unlinked sticky takes the next free column of its lane
    assert cols["r-rules"] == 5
    assert cols["h-where-do-receipts-get-lost"] == 0


def test_timeline_uses_x_when_every_sticky_has_one():
    board = BOARD.model_copy(update={"stickies": tuple(
        s.model_copy(update={"x": -float(s.order)}) for s in BOARD.stickies)})
    assert timeline(board) == [s.id for s in sorted(BOARD.stickies, key=lambda s: -s.order)]


def test_layout_bands_cards_and_arrows():
    layout = layout_board(BOARD)
    assert [b.name for b in layout.bands] == [NO_LANE, "Employee", "Accounting"]
    for card in layout.cards:
        band = next(b for b in layout.bands if b.lane == card.lane)
        assert band.y0 < card.y0 < card.y1 < band.y1
        assert card.color == KIND_COLORS[card.kind]
    hot = layout.card("h-where-do-receipts-get-lost")
    assert hot.hotspot and hot.kind is Kind.HOTSPOT
    # cards in one lane never overlap
    for a in layout.cards:
        for b in layout.cards:
            if a.id < b.id and a.lane == b.lane:
                assert a.x1 <= b.x0 or b.x1 <= a.x0
    assert len(layout.arrows) == len(BOARD.links)
    first = next(x for x in layout.arrows if x.source == "a-employee")
    src, tgt = layout.card("a-employee"), layout.card("c-submit-receipt")
    assert first.x0 == pytest.approx(src.x1) and first.x1 == pytest.approx(tgt.x0)
    assert first.angle == pytest.approx(90)      # pointing right
    down = next(x for x in layout.arrows if x.target == "p-check")
    assert 90 < down.angle < 180                 # right and down
    assert layout.columns == 6
    assert layout.x_range(3)[1] < layout.x_range(10)[1] == layout.x_range(6)[1]


def test_empty_board_has_no_cards():
    layout = layout_board(parse_storm("# Empty\n"))
    assert layout.cards == () and layout.bands == () and layout.columns == 0


def test_wrap_text():
    assert wrap_text("Categorize the receipt by merchant", 12) == (
        "Categorize", "the receipt", "by merchant")
    lines = wrap_text("word " * 40, 10, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(len(line) <= 10 for line in wrap_text("x" * 50, 10, 9))
    with pytest.raises(ValueError):
        wrap_text("x", 1)


def test_an_unlinked_source_moves_next_to_what_it_links_to():
    board = parse_storm(
        "# B\n## A\ne: One happened -> e: Two happened -> p: Whenever two\n"
        "## B\na: Clerk -> c: Check\nr: Prices\np: Whenever two -> c: Check\n"
        "r: Prices -> c: Check\n")
    cols = assign_columns(board)
    assert cols["c-check"] == 3
    # the read model (later on the timeline, placed first here) takes the place just
    # before the command; the actor takes the free one before that
    assert cols["r-prices"] == 2 and cols["a-clerk"] == 1


def test_a_same_lane_link_over_a_gap_bends_over_the_stickies_between():
    board = parse_storm("# B\n## L\nc: Start -> e: Started\nn: Aside\ne: Started -> p: Later\n"
                        "c: Start -> p: Later\n")
    layout = layout_board(board, padding=0.3)
    arrow = next(a for a in layout.arrows if (a.source, a.target) == ("c-start", "p-later"))
    source, target = layout.card("c-start"), layout.card("p-later")
    assert target.column - source.column > 1
    band = layout.bands[0]
    assert len(arrow.points) == 4
    assert all(band.y0 < y < source.y0 for _, y in arrow.via)
    assert arrow.points[0] == (source.cx, source.y0) and arrow.points[-1] == (target.cx, target.y0)
    straight = next(a for a in layout.arrows if a.target == "e-started")
    assert straight.via == () and len(straight.points) == 2
