import pytest

from eventstorming import parse_storm
from eventstorming.layout import (
    LINE_HEIGHT,
    NO_LANE,
    assign_columns,
    fit_text,
    layout_board,
    text_width,
    timeline,
    wrap_text,
)
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
    assert layout.x_range(3)[1] < layout.x_range(6)[1] < layout.x_range(10)[1]
    assert layout.x_range(6)[1] - layout.x_range(6)[0] == pytest.approx(6.2 * layout.column_width)


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


# --------------------------------------------------------------------------- read models

def test_a_read_model_goes_before_the_decision_it_informs():
    # the travel-expense pattern: the clerk and the command come first on the timeline; the
    # read models that inform the clerk are written down later (one is even updated by an
    # event that comes after the clerk) and must still be read before the clerk decides
    board = parse_storm(
        "# B\n## Accounting\n"
        "a: Clerk -> c: Transcribe receipt -> e: Receipt transcribed\n"
        "e: Receipt transcribed -> r: Line items\nr: Line items -> a: Clerk\n"
        "r: Expense categories -> a: Clerk\n"
        "r: Policy rates -> p: Whenever a claim is filed\n"
        "## Approval\ne: Receipt transcribed -> p: Whenever a claim is filed -> c: Approve\n")
    cols = assign_columns(board)
    for model, decision in [("r-line-items", "a-clerk"), ("r-expense-categories", "a-clerk"),
                            ("r-policy-rates", "p-whenever-a-claim-is-filed")]:
        assert cols[model] < cols[decision], (model, cols)
    # stickies of one lane still never share a column
    lanes = {s.id: s.lane for s in board.stickies}
    spots = [(lanes[i], c) for i, c in cols.items()]
    assert len(spots) == len(set(spots))
    # the chain it interrupts still reads left to right
    assert cols["a-clerk"] < cols["c-transcribe-receipt"] < cols["e-receipt-transcribed"]
    # and in the wrapped (whole-board) picture, the read model is left of its decision too
    layout = layout_board(board, width=3)
    for model, decision in [("r-line-items", "a-clerk"), ("r-policy-rates",
                                                         "p-whenever-a-claim-is-filed")]:
        a, b = layout.card(model), layout.card(decision)
        assert (a.row, a.column) < (b.row, b.column) if a.lane == b.lane else a.column < b.column


# --------------------------------------------------------------------------- wrapping

def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_a_wrapped_layout_stays_in_its_width_without_overlap():
    from eventstorming.formats.storm import read_storm
    from tests.app.conftest import ROOT

    board = read_storm(ROOT / "examples" / "travel_expenses" / "board.storm")
    plain = layout_board(board)
    wrapped = layout_board(board, width=9)
    assert plain.columns > 20 and wrapped.columns == 9 and wrapped.wrapped
    assert {c.id for c in wrapped.cards} == {s.id for s in board.stickies}
    cards = wrapped.cards
    assert not [(a.id, b.id) for i, a in enumerate(cards) for b in cards[i + 1:]
                if _overlap(a, b)]
    for card in cards:       # every card inside its lane's band
        band = next(b for b in wrapped.bands if b.lane == card.lane)
        assert band.y0 < card.y0 < card.y1 < band.y1
    # a lane reads row by row: timeline order within a lane is (row, column) order
    order = assign_columns(board)
    by_lane: dict = {}
    for card in sorted(cards, key=lambda c: (order[c.id], board.by_id()[c.id].order)):
        by_lane.setdefault(card.lane, []).append((card.row, card.column))
    for spots in by_lane.values():
        assert spots == sorted(spots)
    with pytest.raises(ValueError):
        layout_board(board, width=0)


# --------------------------------------------------------------------------- text fitting

def test_fit_text_wraps_and_shrinks_to_fit_its_box():
    short = fit_text("Receipt submitted", 90, 50)
    assert short.size == 14 and not short.cut
    long = fit_text("Whenever a receipt arrives, an expense clerk transcribes it", 100, 60)
    assert 11 <= long.size < 14 and not long.cut
    for fitted, width, height in [(short, 90, 50), (long, 100, 60)]:
        assert all(text_width(line, fitted.size) <= width for line in fitted.lines)
        assert len(fitted.lines) * fitted.size * LINE_HEIGHT <= height
    # too long even at the smallest size: cut with an ellipsis, still inside the box
    cut = fit_text("word " * 60, 90, 50, min_size=11)
    assert cut.cut and cut.size == 11 and cut.lines[-1].endswith("…")
    assert len(cut.lines) == 3 and all(text_width(x, 11) <= 90 for x in cut.lines)
    # a word longer than the box is broken with a hyphen
    broken = fit_text("Supercalifragilisticexpialidocious", 60, 200)
    assert len(broken.lines) > 1 and broken.lines[0].endswith("-")
    assert all(text_width(x, broken.size) <= 60 for x in broken.lines)
    # bold (hotspots) measures wider
    assert text_width("Hotspot", 12, bold=True) > text_width("Hotspot", 12)
    with pytest.raises(ValueError):
        fit_text("x", 10, 10, min_size=12, max_size=11)
