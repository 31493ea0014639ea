"""AppTest: the board picture follows the sticky a facilitator picks (in the side panel, or
by typing to search it), and a long board draws a window of its timeline at a time."""

from __future__ import annotations

import json

import pytest

from canvas.workspace.store import Workspace
from tests.app.boards import HOSPITAL_LANES, hospital_board
from tests.app.conftest import open_board
from ui.picture import WINDOW_COLUMNS, picture_layout


def figure(at) -> dict:
    return json.loads(at.get("plotly_chart")[-1].proto.spec)


def trace(fig: dict, name: str) -> dict | None:
    return next((t for t in fig["data"] if t.get("name") == name), None)


def visible_centre(fig: dict) -> float:
    x0, x1 = fig["layout"]["xaxis"]["range"]
    return (x0 + x1) / 2


@pytest.fixture
def long_board(app_env):
    board = hospital_board(320)       # more than the picture packs: a timeline to pan along
    workshop = Workspace(app_env).create_from_board(board)
    return workshop, board


def test_picking_a_sticky_pans_the_picture_to_it(make_app, long_board):
    workshop, board = long_board
    at = open_board(make_app().run(), workshop)
    assert not at.exception, at.exception
    layout = picture_layout(board)
    assert layout.columns > WINDOW_COLUMNS and not layout.wrapped
    start = figure(at)
    assert start["layout"]["xaxis"]["constraintoward"] == "left"
    assert trace(start, "selected") is None
    # one scale in both directions: x follows y, and the picture has no zoom
    assert start["layout"]["xaxis"]["scaleanchor"] == "y"
    # a sticky late on the timeline, picked in the side panel (a searchable select box)
    late = max(layout.cards, key=lambda c: c.column)
    at.selectbox(key=f"sel_{workshop}").set_value(late.id).run()
    assert not at.exception, at.exception
    fig = figure(at)
    assert visible_centre(fig) == pytest.approx(late.cx)
    assert fig["layout"]["xaxis"]["constraintoward"] == "center"
    outline = trace(fig, "selected")
    assert outline and min(x for x in outline["x"]) == pytest.approx(late.x0)
    # the window of drawn columns moved with it: the sticky is drawn, the start is not
    drawn = set(trace(fig, "stickies")["customdata"])
    assert late.id in drawn and layout.cards[0].id not in drawn
    assert len(drawn) < len(board.stickies) / 2
    assert at.slider(key=f"window_{workshop}").value > 0
    # another sticky, early on the timeline: the picture follows again
    early = min(layout.cards, key=lambda c: (c.column, c.row))
    at.selectbox(key=f"sel_{workshop}").set_value(early.id).run()
    assert visible_centre(figure(at)) == pytest.approx(early.cx)


def test_the_timeline_slider_moves_the_drawn_window(make_app, long_board):
    workshop, board = long_board
    at = open_board(make_app().run(), workshop)
    layout = picture_layout(board)
    first = set(trace(figure(at), "stickies")["customdata"])
    assert first == {c.id for c in layout.cards if c.column < WINDOW_COLUMNS}
    at.slider(key=f"window_{workshop}").set_value(WINDOW_COLUMNS).run()
    assert not at.exception, at.exception
    moved = set(trace(figure(at), "stickies")["customdata"])
    assert moved == {c.id for c in layout.cards
                     if WINDOW_COLUMNS <= c.column < 2 * WINDOW_COLUMNS}
    assert any("Columns 49–96 of" in c.value for c in at.caption)


def test_a_board_that_fits_stays_whole_when_a_sticky_is_picked(make_app, app_env):
    board = hospital_board(60)
    workshop = Workspace(app_env).create_from_board(board)
    at = open_board(make_app().run(), workshop)
    assert any("The whole board." in c.value for c in at.caption)
    pick = board.stickies[-1].id
    at.selectbox(key=f"sel_{workshop}").set_value(pick).run()
    fig = figure(at)
    # every sticky is on screen already: outlined where it is, the whole board still shown
    assert trace(fig, "selected") is not None
    assert set(trace(fig, "stickies")["customdata"]) == {s.id for s in board.stickies}
    assert fig["layout"]["xaxis"]["constraintoward"] == "left"


def test_the_hospital_board_has_the_stickies_it_says():
    for size in (60, 150):
        board = hospital_board(size)
        assert len(board.stickies) == size and len(board.lanes) == len(HOSPITAL_LANES)
        kinds = {s.kind.value for s in board.stickies}
        assert {"actor", "command", "event", "policy", "readmodel"} <= kinds


def test_a_10000_sticky_picture_draws_one_window_of_its_timeline():
    from ui.picture import board_figure

    board = hospital_board(3_000)       # a timeline thousands of columns long
    layout = picture_layout(board)
    fig = board_figure(layout).to_plotly_json()
    drawn = next(t for t in fig["data"] if t.get("name") == "stickies")["customdata"]
    assert set(drawn) == {c.id for c in layout.cards if c.column < WINDOW_COLUMNS}
    assert len(drawn) < len(board.stickies) / 10
    # the arrows drawn are only those of the window
    links = next(t for t in fig["data"] if t.get("name") == "links")
    assert sum(1 for x in links["x"] if x is None) < len(board.links) / 10
