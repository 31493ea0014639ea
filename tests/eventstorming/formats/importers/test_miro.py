"""Miro boards from the REST API v2 items response and from the Web SDK item list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventstorming.formats.io import detect_format, import_board
from eventstorming.model import Kind

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture(scope="module")
def rest():
    return import_board((FIXTURES / "miro_rest_items.json").read_bytes(), "miro_rest_items.json")


@pytest.fixture(scope="module")
def sdk():
    return import_board((FIXTURES / "miro_sdk_items.json").read_bytes(), "miro_sdk_items.json")


def test_both_shapes_are_detected_as_miro(rest, sdk):
    assert rest.format == sdk.format == "miro"
    assert "REST API v2" in rest.report[0] and "Web SDK" in sdk.report[0]
    text = (FIXTURES / "miro_sdk_items.json").read_text()
    assert detect_format("board.json", text) == "miro"


def test_rest_kinds_from_named_colours_hex_and_size(rest):
    kinds = {s.text: s.kind for s in rest.board.stickies}
    assert kinds == {
        "Customer": Kind.ACTOR,                      # light_yellow, small
        "Place order": Kind.COMMAND,                 # light_blue
        "Order placed": Kind.EVENT,                  # orange, <strong> stripped
        "Price list": Kind.READMODEL,                # light_green
        "Payment provider (paid by card)": Kind.SYSTEM,  # pink hex, wide; text item on it
        "Payment requested": Kind.EVENT,             # two <p> become one line
        "Why do 8 % of payments fail?": Kind.HOTSPOT,  # red, turned, &#x202f; decoded
        "Order": Kind.AGGREGATE,                     # yellow, large
        "When an order is paid, reserve the stock": Kind.POLICY,  # violet
        "Reserve stock": Kind.COMMAND,               # blue
        "Stock reserved": Kind.EVENT,
        "Warehouse clerk": Kind.ACTOR,
    }


def test_rest_frames_are_lanes_with_html_titles_cleaned(rest):
    board = rest.board
    assert board.lanes == ("Customer places an order", "Fulfilment & shipping")
    assert board.sticky("3458764600000000202").lane == "Fulfilment & shipping"


def test_rest_positions_relative_to_the_parent_frame(rest):
    # position (150, 200) from the top-left of a 2400 x 700 frame centred on (0, 0)
    sticky = rest.board.sticky("3458764600000000101")
    assert (sticky.x, sticky.y) == (-1050.0, -150.0)
    xs = [s.x for s in sorted(rest.board.stickies, key=lambda s: s.order)]
    assert xs == sorted(xs)


def test_rest_connectors_become_links_with_captions(rest):
    links = {(lk.source[-3:], lk.target[-3:]): lk.label for lk in rest.board.links}
    assert links == {("101", "102"): None, ("102", "103"): None, ("103", "201"): "triggers",
                     ("201", "202"): None, ("202", "204"): None, ("105", "106"): None}


def test_rest_report_names_what_was_skipped_and_colours_without_kind(rest):
    report = "\n".join(rest.report)
    assert "skipped 1 image, 1 card, 1 empty shape, 1 free text and 1 connector" in report
    assert "2 shapes in colour #cccccc have no kind — map it with --colors" in report


def test_colour_map_gives_kinds_and_skips(rest):
    data = (FIXTURES / "miro_rest_items.json").read_bytes()
    result = import_board(data, "m.json", colors={"#cccccc": "read model", "#ffffff": "skip",
                                                  "light_yellow": "aggregate"})
    board = result.board
    assert board.find(Kind.READMODEL, "Old status page") is not None
    assert board.find(Kind.AGGREGATE, "Customer") is not None  # the map beats size
    assert "no kind" not in "\n".join(result.report)


def test_sdk_items_with_parent_ids_frames_and_connectors(sdk):
    board = sdk.board
    assert board.lanes == ("Intake", "Review")
    assert {s.text: (s.kind, s.lane) for s in board.stickies} == {
        "Claims handler": (Kind.ACTOR, "Intake"),
        "Register claim": (Kind.COMMAND, "Intake"),
        "Claim registered": (Kind.EVENT, "Intake"),
        "Whenever a claim is registered, assess it": (Kind.POLICY, "Review"),
        "Assess claim": (Kind.COMMAND, "Review"),
        "Claim assessed": (Kind.EVENT, "Review"),
        "Fraud check takes days": (Kind.HOTSPOT, None),  # light pink, turned
    }
    assert len(board.links) == 5
    assert any(lk.label == "then" for lk in board.links)
    assert "skipped 1 image, 1 embed and 1 free text" in "\n".join(sdk.report)


def test_sdk_child_positions_are_relative_to_the_frame(sdk):
    sticky = sdk.board.sticky("3458764611111110102")
    assert (sticky.x, sticky.y) == (400.0, 0.0)  # frame centred on (1000, 0), 2000 x 600


def test_sticky_without_style_is_miro_default_yellow():
    items = [{"id": "1", "type": "sticky_note", "data": {"content": "<p>Clerk</p>"},
              "position": {"x": 0, "y": 0}}]
    board = import_board(json.dumps({"data": items}), "one.json").board
    assert board.stickies[0].kind == Kind.ACTOR
