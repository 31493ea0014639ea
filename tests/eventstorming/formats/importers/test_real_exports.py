"""Imports of real exports, each case from a small excerpt of a published file (see
``fixtures/real/README.md``): HTML labels, comment boxes, icon-only stickies, legend and
pattern frames, prooph's UI stickies, Miro dumps without frames or connectors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventstorming.formats.importers.common import clean_text, has_markup
from eventstorming.formats.io import import_board
from eventstorming.grammar import check_board
from eventstorming.model import Kind

REAL = Path(__file__).parent / "fixtures" / "real"


def _load(name: str):
    return import_board((REAL / name).read_bytes(), name)


def _texts(board) -> list[str]:
    return ([s.text for s in board.stickies] + list(board.lanes)
            + [link.label or "" for link in board.links])


@pytest.fixture(scope="module")
def picture():
    return _load("prooph_picture_excerpt.xml")


@pytest.fixture(scope="module")
def example():
    return _load("prooph_example_excerpt.xml")


@pytest.fixture(scope="module")
def modeling():
    return _load("prooph_event_modeling_excerpt.xml")


# --------------------------------------------------------------------------- plain texts

def test_clean_text_drops_tags_icons_and_entities():
    label = ('<div><b><u>UX</u></b></div><div><br></div>&nbsp;&nbsp;<i><svg xmlns="x" '
             'viewBox="0 0 5 5"><path d="M0 0z"></path><title>heart</title></svg></i>'
             '&nbsp;<div>vs.</div><hr id="null">A&amp;B')
    assert clean_text(label) == "UX vs. A&B"
    # an <img> icon whose quoted src holds an <svg> with ">" inside
    assert clean_text('<img src="data:image/svg+xml;utf8,<svg a=&quot;1&quot;><path/></svg>"'
                      ' width="145">Role') == "Role"
    assert clean_text("<p>Domain</p><p>Event</p>") == "Domain Event"
    assert clean_text("a < b and c > d") == "a < b and c > d"
    assert clean_text("cut <div style='x") == "cut"  # a tag that never ends hides the rest
    assert not has_markup("a < b") and has_markup("a <b>c</b>")


@pytest.mark.parametrize("name", ["prooph_picture_excerpt.xml", "prooph_example_excerpt.xml",
                                  "prooph_event_modeling_excerpt.xml"])
def test_no_markup_in_any_text_of_a_real_export(name):
    board = _load(name).board
    assert not [t for t in _texts(board) if has_markup(t) or "&nbsp;" in t]
    assert not [w.message for w in check_board(board) if has_markup(w.message)]


def test_html_label_of_a_ui_with_icons_is_its_words(modeling):
    ui = modeling.board.sticky("dhEE5hFAm8kv3XMQ4UJEpj")
    assert ui.text == "Guest Registration"


# --------------------------------------------------------------------------- comment boxes

def test_comment_boxes_are_notes_not_stickies(picture, example):
    assert picture.board.sticky("rQDPo79SBR4QZXACYWR8WC").kind == Kind.NOTE  # pink "UX vs."
    credits = picture.board.sticky("2ZgHGEFnRpwEM7xnW8ySvt")
    assert (credits.kind, credits.text) == (
        Kind.NOTE, "Credits Alberto Brandolini https://www.eventstorming.com/")
    note = example.board.sticky("4Tq6bgA8uTVsxDPb6U7quf")  # green box: once a "read model"
    assert note.kind == Kind.NOTE and note.lane == "Hire Employee"
    assert note.text.startswith("HR is responsible for hiring new employees.")


def test_free_text_without_fill_is_no_sticky(modeling):
    assert not modeling.board.find(Kind.NOTE, "Given")
    assert "1 free text" in modeling.report[-1]


# --------------------------------------------------------------------------- icon-only stickies

def test_icon_only_stickies_are_kept_with_their_type_as_text(picture):
    board = picture.board
    role, ui = board.sticky("5h3JkGQGGmqSp5NivxpJZh"), board.sticky("hGy4KgszrJLRDoqDPZkBzS")
    assert (role.kind, role.text) == (Kind.ACTOR, "Role")
    assert (ui.kind, ui.text, ui.is_ui) == (Kind.READMODEL, "UI", True)
    assert [(lk.source, lk.target) for lk in board.links] == [(ui.id, role.id)]
    assert "kept 2 icon-only stickies, named after their type" in picture.report


# --------------------------------------------------------------------------- lanes of copies

def test_a_sticky_drawn_twice_keeps_the_lane_of_the_copy_in_use(example, modeling):
    # "Employee Hired" is drawn in the Big Picture frame and in its feature "Hire Employee"
    assert example.board.find(Kind.EVENT, "Employee Hired").lane == "Hire Employee"
    # "Registered" is repeated in the pattern frame "State Change" below the timeline
    assert modeling.board.find(Kind.EVENT, "Registered").lane == "Registration"


def test_legend_frame_is_one_note_and_no_lane(modeling):
    board = modeling.board
    assert "Legend" not in board.lanes
    legend = [s for s in board.stickies if s.text.startswith("Legend:")]
    assert [(s.kind, s.text) for s in legend] == [
        (Kind.NOTE, "Legend: UI / API / Job, Command, Event, View")]
    assert not board.find(Kind.COMMAND, "Command") and not board.find(Kind.EVENT, "Event")
    assert "read 1 legend frame as notes" in modeling.report
    assert "3 links in legends" in modeling.report[-1]


# --------------------------------------------------------------------------- ui

def test_prooph_ui_is_a_read_model_marked_ui_and_its_links_are_usual(example):
    board = example.board
    employees = board.sticky("g4y9FCAYRbQfdNEe8suEVX")
    assert employees.kind == Kind.READMODEL and employees.attrs["ui"] is True
    assert not board.sticky("rg4rueECaq7NGRkQMZpqPt").is_ui  # a document
    unusual = [w.stickies for w in check_board(board) if w.rule == "unusual-link"]
    assert all(employees.id not in pair for pair in unusual)
    # document -> ui is in the board and is not reported
    assert ("rg4rueECaq7NGRkQMZpqPt", employees.id) in {(lk.source, lk.target)
                                                        for lk in board.links}


# --------------------------------------------------------------------------- Miro dumps

def test_miro_dump_without_frames_gets_no_lanes_from_two_items():
    result = _load("miro_events_excerpt.json")
    assert result.board.lanes == ()
    assert [s.text for s in result.board.stickies][:2] == [
        "Agenda Introduced", "Domain Event Candidate Explained"]


def test_miro_connector_ids_link_the_items_that_name_them():
    items = json.loads((REAL / "miro_events_excerpt.json").read_text())
    # the real dump's items have empty connectorIds; here two pairs name a connector that
    # the file does not hold (a dump of the stickies only), and one names a lone connector
    items[1]["connectorIds"] = ["3458764574660999001", "3458764574660999002"]  # Renamed
    items[2]["connectorIds"] = ["3458764574660999001"]  # Explained
    items[3]["connectorIds"] = ["3458764574660999002"]  # Accepted
    items[4]["connectorIds"] = ["3458764574660999003"]
    result = import_board(json.dumps(items), "dump.json")
    by_text = {s.text: s.id for s in result.board.stickies}
    links = {(lk.source, lk.target) for lk in result.board.links}
    # left to right: Explained (x 1514) -> Renamed (x 1730) -> Accepted (x 1946)
    assert links == {(by_text["Domain Event Candidate Explained"],
                      by_text["Domain Event Candidate Renamed"]),
                     (by_text["Domain Event Candidate Renamed"],
                      by_text["Domain Event Candidate Accepted"])}
    assert "1 connector without two stickies" in result.report[-1]
