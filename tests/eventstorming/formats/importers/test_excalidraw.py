"""Excalidraw boards: bound text both ways, free text on shapes, sticky notes, frames,
arrows in both binding styles, deleted elements, bands where there are no frames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventstorming.errors import BoardFormatError
from eventstorming.formats.io import detect_format, import_board
from eventstorming.model import Kind

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def _load(name: str):
    return import_board((FIXTURES / name).read_bytes(), name)


@pytest.fixture(scope="module")
def framed():
    return _load("excalidraw_frames.excalidraw")


def _kinds(board) -> dict[str, Kind]:
    return {s.text: s.kind for s in board.stickies}


def test_detected_by_content_not_name(framed):
    text = (FIXTURES / "excalidraw_frames.excalidraw").read_text()
    assert detect_format("upload.json", text) == "excalidraw"
    assert import_board(text, "whatever.txt").format == "excalidraw"
    assert framed.format == "excalidraw"


def test_kinds_from_excalidraw_palette_and_shape(framed):
    assert _kinds(framed.board) == {
        "Employee": Kind.ACTOR,
        "Travel policy": Kind.READMODEL,
        "Submit expense report": Kind.COMMAND,
        "Expense report submitted": Kind.EVENT,
        "Whenever a report is submitted, check the receipts": Kind.POLICY,
        "Who approves more than 500 €?": Kind.HOTSPOT,
        "Check receipts": Kind.COMMAND,
        "Receipts checked": Kind.EVENT,
        "Card provider": Kind.SYSTEM,
        "Expense report": Kind.AGGREGATE,
    }


def test_texts_bound_from_either_side_and_free_text_on_a_shape(framed):
    board = framed.board
    # containerId only on the text; boundElements only on the container; a free text
    # element lying on the read model; originalText wins over the wrapped text
    assert board.sticky("cmd-submit").text == "Submit expense report"
    assert board.sticky("evt-submitted").text == "Expense report submitted"
    assert board.sticky("rm-policy").text == "Travel policy"


def test_stickynote_element_is_a_sticky(framed):
    assert framed.board.sticky("stk-check").kind == Kind.COMMAND


def test_frames_are_lanes_and_ids_are_kept(framed):
    board = framed.board
    assert board.lanes == ("Employee", "Accounting")
    assert board.sticky("act-employee").lane == "Employee"
    assert board.sticky("agg-report").lane == "Accounting"


def test_timeline_order_follows_x(framed):
    xs = [s.x for s in sorted(framed.board.stickies, key=lambda s: s.order)]
    assert xs == sorted(xs)


def test_arrows_in_both_binding_styles_unbound_ends_and_labels(framed):
    links = {(lk.source, lk.target): lk.label for lk in framed.board.links}
    assert links == {
        ("act-employee", "cmd-submit"): None,           # elementId + focus/gap
        ("cmd-submit", "evt-submitted"): None,          # elementId + fixedPoint/mode
        ("evt-submitted", "pol-check"): None,           # mixed
        ("pol-check", "stk-check"): None,
        ("stk-check", "evt-checked"): None,
        ("evt-checked", "hot-approve"): "raises",       # text bound to the arrow
        ("sys-card", "evt-checked"): None,              # start drawn inside, not bound
    }


def test_deleted_images_and_unknown_colours_are_reported(framed):
    report = "\n".join(framed.report)
    assert "Report printed" not in {s.text for s in framed.board.stickies}
    assert "2 deleted elements" in report
    assert "1 image" in report and "1 freehand drawing" in report
    assert "1 connector without a sticky at both ends" not in report  # singular form
    assert "1 connector without two stickies" in report
    assert "1 shape in colour #e9ecef has no kind — map it with --colors" in report
    assert "lanes come from frames" in report


def test_without_frames_bands_become_lanes_named_by_their_labels():
    result = _load("excalidraw_bands.excalidraw")
    board = result.board
    assert board.lanes == ("Sales", "Shipping")
    assert board.sticky("s2").lane == "Sales" and board.sticky("s7").lane == "Shipping"
    assert any("2 horizontal bands became lanes" in line for line in result.report)


def test_same_event_twice_is_one_sticky_but_hotspots_stay_apart():
    result = _load("excalidraw_bands.excalidraw")
    board = result.board
    assert [s.text for s in board.of_kind(Kind.EVENT)].count("Order placed") == 1
    # the copy's arrow now starts at the first one
    assert ("s3", "s6") in {(lk.source, lk.target) for lk in board.links}
    hotspots = board.of_kind(Kind.HOTSPOT)
    assert [h.text for h in hotspots] == ["?", "?"]  # rotated pink stickies, not merged
    assert {h.lane for h in hotspots} == {"Sales", "Shipping"}
    assert any("merged 1 repeated sticky" in line for line in result.report)


def test_grey_stickynote_is_a_note():
    board = _load("excalidraw_bands.excalidraw").board
    assert board.sticky("s9").kind == Kind.NOTE


def test_clipboard_scene_and_missing_optional_fields():
    scene = {"type": "excalidraw/clipboard", "elements": [
        {"id": "r", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 80,
         "backgroundColor": "#ffa94d", "boundElements": [{"id": "t", "type": "text"}]},
        {"id": "t", "type": "text", "text": "Paid", "containerId": "r"},
    ]}
    board = import_board(json.dumps(scene), "clip.json").board
    assert [(s.kind, s.text) for s in board.stickies] == [(Kind.EVENT, "Paid")]


def test_a_scene_without_stickies_says_why():
    scene = {"type": "excalidraw", "elements": [
        {"id": "r", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 80,
         "backgroundColor": "#cccccc", "boundElements": [{"id": "t", "type": "text"}]},
        {"id": "t", "type": "text", "text": "Legend", "containerId": "r"},
    ]}
    with pytest.raises(BoardFormatError, match=r"empty\.excalidraw: no stickies found.*#cccccc"):
        import_board(json.dumps(scene), "empty.excalidraw")


def test_arrow_bound_to_a_stickys_text_links_the_sticky():
    def sticky(sid, text, color, x):
        return [{"id": sid, "type": "rectangle", "x": x, "y": 0, "width": 160, "height": 100,
                 "backgroundColor": color, "boundElements": [{"id": f"{sid}t", "type": "text"}]},
                {"id": f"{sid}t", "type": "text", "text": text, "containerId": sid}]
    elements = sticky("c", "Pay", "#a5d8ff", 0) + sticky("e", "Paid", "#ffa94d", 300) + [
        {"id": "a", "type": "arrow", "x": 160, "y": 50, "points": [[0, 0], [140, 0]],
         "startBinding": {"elementId": "ct", "focus": 0, "gap": 1},
         "endBinding": {"elementId": "e", "fixedPoint": [0, 0.5], "mode": "orbit"}}]
    board = import_board(json.dumps({"type": "excalidraw", "elements": elements}),
                         "t.excalidraw").board
    assert [(lk.source, lk.target) for lk in board.links] == [("c", "e")]
