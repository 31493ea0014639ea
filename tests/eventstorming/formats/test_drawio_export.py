"""``export --format drawio``: a draw.io file that opens in draw.io (stickies coloured by
kind, lanes as swimlanes, links as connectors) and imports back as the same board."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
from hypothesis import given

from eventstorming.formats.drawio import write_drawio
from eventstorming.formats.io import EXPORTERS, export_board, import_board, read_board
from eventstorming.model import KIND_COLORS, Board, Kind
from tests.eventstorming.formats.test_roundtrip_property import _SETTINGS, boards

ROOT = Path(__file__).resolve().parents[3]
REAL = Path(__file__).parent / "importers" / "fixtures" / "real"


def _without_positions(board: Board) -> dict:
    data = board.model_dump()
    for sticky in data["stickies"]:
        sticky.pop("x")
        sticky.pop("y")
    return data


def _round_trip(board: Board):
    return import_board(export_board(board, "drawio"), "again.drawio")


def test_drawio_is_an_export_format():
    assert EXPORTERS["drawio"] is write_drawio


def test_examples_round_trip_unchanged():
    for path in sorted((ROOT / "examples").glob("*/board.storm")):
        board = read_board(path)
        result = _round_trip(board)
        assert result.format == "drawio"
        assert _without_positions(result.board) == _without_positions(board), path


def test_imported_prooph_board_round_trips_with_its_ui_marker():
    board = import_board((REAL / "prooph_example_excerpt.xml").read_bytes(), "x.xml").board
    again = _round_trip(board).board
    assert _without_positions(again) == _without_positions(board)
    assert again.sticky("g4y9FCAYRbQfdNEe8suEVX").is_ui


@_SETTINGS
@given(boards(storm_safe=False))
def test_any_board_round_trips(board):
    assert _without_positions(_round_trip(board).board) == _without_positions(board)


def test_the_file_is_a_draw_io_diagram_with_swimlanes_colours_and_connectors():
    board = read_board(ROOT / "examples" / "travel_expenses" / "board.storm")
    root = SafeET.fromstring(write_drawio(board))
    assert root.tag == "mxfile"
    model = root.find("diagram/mxGraphModel")
    assert model is not None and root.find("diagram").get("name") == board.title
    cells = model.find("root")
    lanes = [c for c in cells.iter("mxCell") if "swimlane" in (c.get("style") or "")]
    assert [c.get("value") for c in lanes] == list(board.lanes)
    lane_ids = {c.get("id"): c.get("value") for c in lanes}
    stickies = {o.get("id"): o for o in cells.iter("object") if o.get("mlcanvas_kind")}
    assert set(stickies) == {s.id for s in board.stickies}
    for sticky in board.stickies:
        wrapper = stickies[sticky.id]
        cell = wrapper.find("mxCell")
        assert wrapper.get("label") == sticky.text
        assert f"fillColor={KIND_COLORS[sticky.kind]}" in cell.get("style")
        assert lane_ids.get(cell.get("parent")) == sticky.lane
    edges = [c for c in cells.iter("mxCell") if c.get("edge") == "1"]
    assert [(e.get("source"), e.get("target")) for e in edges] == [
        (lk.source, lk.target) for lk in board.links]


def test_text_xml_cannot_hold_never_breaks_the_file():
    # control characters are cleaned where text enters the model; markup and quotes stay
    board = Board(title="Odd \x01 title", stickies=[
        {"id": "e-a", "kind": Kind.EVENT, "text": "Paid \x02 <b>& \"quoted\""}])
    again = _round_trip(board).board
    assert again.title == board.title == "Odd  title"
    assert again.sticky("e-a").text == "Paid <b>& \"quoted\""     # white space folded
