"""draw.io files (plain and compressed pages, UserObject/object wrappers, swimlanes) and
prooph board exports (typed elements)."""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

import pytest

from eventstorming.formats.io import detect_format, import_board
from eventstorming.model import Kind

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def _load(name: str):
    return import_board((FIXTURES / name).read_bytes(), name)


@pytest.fixture(scope="module")
def plain():
    return _load("drawio_plain.drawio")


def test_plain_kinds_from_drawio_palette_and_uml_actor(plain):
    assert {s.id: s.kind for s in plain.board.stickies} == {
        "act-agent": Kind.ACTOR, "evt-received": Kind.EVENT, "rm-history": Kind.READMODEL,
        "cmd-classify": Kind.COMMAND, "evt-classified": Kind.EVENT, "pol-route": Kind.POLICY,
        "hot-misrouted": Kind.HOTSPOT, "cmd-route": Kind.COMMAND, "sys-crm": Kind.SYSTEM,
        "evt-routed": Kind.EVENT,
    }


def test_html_labels_arrive_clean(plain):
    board = plain.board
    assert board.sticky("cmd-classify").text == "Classify ticket"  # <br>
    assert board.sticky("evt-classified").text == "Ticket classified"  # &nbsp;
    assert board.sticky("rm-history").text == "Customer history"  # <b>
    assert board.sticky("pol-route").text.startswith('Whenever a ticket is classified as "billing"')


def test_user_object_properties_become_attributes_and_tags(plain):
    sticky = plain.board.sticky("cmd-classify")
    assert sticky.attrs == {"volume": "1200/day", "minutes": 3}
    assert sticky.volume_per_day == 1200 and sticky.minutes == 3
    assert sticky.tags == ("triage", "manual")
    assert plain.board.sticky("rm-history").attrs == {"source": "CRM"}


def test_swimlanes_are_lanes_and_positions_are_absolute(plain):
    board = plain.board
    assert board.lanes == ("Customer service", "Back office")
    assert board.sticky("cmd-route").lane == "Back office"
    assert board.sticky("cmd-route").y == 360 + 120 + 40  # lane y + cell y + half height


def test_edges_and_edge_label_cells_become_links(plain):
    links = {(lk.source, lk.target): lk.label for lk in plain.board.links}
    assert links[("sys-crm", "cmd-route")] == "lookup"
    assert links[("rm-history", "cmd-classify")] == "informs"
    assert ("act-agent", "cmd-classify") in links
    assert len(links) == 9
    report = "\n".join(plain.report)
    assert "skipped 1 icon, 1 image, 1 free text and 1 connector" in report
    assert "1 shape in colour #f5f5f5 has no kind" in report


def test_compressed_pages_inflate_and_pages_become_lanes():
    result = _load("drawio_compressed.drawio")
    board = result.board
    assert result.format == "drawio"
    assert board.lanes == ("Intake", "Payout")
    assert {(s.text, s.kind, s.lane) for s in board.stickies} == {
        ("Claims handler", Kind.ACTOR, "Intake"), ("Register claim", Kind.COMMAND, "Intake"),
        ("Claim registered", Kind.EVENT, "Intake"), ("Claim approved", Kind.EVENT, "Payout"),
        ("Pay out claim", Kind.COMMAND, "Payout"), ("Claim paid", Kind.EVENT, "Payout"),
        ("Payment system", Kind.SYSTEM, "Payout"),
    }
    # the same cell ids on both pages do not clash
    assert len(board.links) == 5
    assert "lanes come from pages" in result.report


def test_compressed_page_equals_its_plain_model():
    plain_text = (FIXTURES / "drawio_plain.drawio").read_text()
    start = plain_text.index("<mxGraphModel")
    end = plain_text.index("</mxGraphModel>") + len("</mxGraphModel>")
    from urllib.parse import quote

    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(quote(plain_text[start:end]).encode()) + deflate.flush()
    compressed = (plain_text[:plain_text.index("<mxGraphModel")]
                  + base64.b64encode(packed).decode() + "</diagram></mxfile>")
    assert import_board(compressed, "c.drawio").board == import_board(plain_text,
                                                                      "c.drawio").board


def test_bare_graph_model_and_object_wrapper():
    xml = ('<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
           '<object label="Invoice &lt;br&gt;paid" id="x1"><mxCell style="fillColor=#ffe6cc;html=1"'
           ' vertex="1" parent="1"><mxGeometry x="0" y="0" width="120" height="60" '
           'as="geometry"/></mxCell></object></root></mxGraphModel>')
    board = import_board(xml, "b.xml").board
    assert [(s.id, s.kind, s.text) for s in board.stickies] == [("x1", Kind.EVENT, "Invoice paid")]


@pytest.fixture(scope="module")
def prooph():
    return _load("prooph_board.xml")


def test_prooph_is_detected_and_types_map_to_kinds(prooph):
    assert prooph.format == "prooph"
    assert detect_format("x.xml", (FIXTURES / "prooph_board.xml").read_text()) == "prooph"
    assert {s.id: s.kind for s in prooph.board.stickies} == {
        "r-shopper": Kind.ACTOR, "ui-checkout": Kind.READMODEL, "d-cart": Kind.READMODEL,
        "c-place": Kind.COMMAND, "a-order": Kind.AGGREGATE, "e-placed": Kind.EVENT,
        "p-pay": Kind.POLICY, "x-psp": Kind.SYSTEM, "h-timeout": Kind.HOTSPOT,
        "c-ship": Kind.COMMAND, "e-shipped": Kind.EVENT,
    }
    assert prooph.board.sticky("d-cart").text == "Cart Summary"


def test_prooph_features_and_bounded_contexts_are_lanes(prooph):
    board = prooph.board
    assert board.lanes == ("Checkout", "Shipping")  # the feature inside "Ordering"
    assert board.sticky("c-place").lane == "Checkout"
    assert board.sticky("e-shipped").lane == "Shipping"
    assert "lanes come from bounded contexts and features" in prooph.report


def test_prooph_edges_icons_and_images(prooph):
    links = {(lk.source, lk.target) for lk in prooph.board.links}
    assert ("e-placed", "c-ship") in links  # an <edge> wrapper
    assert len(links) == 10
    assert "skipped 1 icon, 1 image and 1 free text" in prooph.report


def test_editable_drawio_svg_with_doctype():
    from xml.sax.saxutils import quoteattr

    mxfile = (FIXTURES / "drawio_plain.drawio").read_text()
    svg = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
           ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
           f'<svg xmlns="http://www.w3.org/2000/svg" content={quoteattr(mxfile)}><g/></svg>')
    result = import_board(svg, "board.drawio.svg")
    assert result.format == "drawio"
    assert result.board == import_board(mxfile, "board.drawio").board


def test_page_model_written_as_escaped_text():
    from xml.sax.saxutils import escape

    model = ('<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" '
             'value="Paid" style="fillColor=#ffe6cc" vertex="1" parent="1"><mxGeometry '
             'width="120" height="60" as="geometry"/></mxCell></root></mxGraphModel>')
    board = import_board(f"<mxfile><diagram>{escape(model)}</diagram></mxfile>", "e.drawio").board
    assert [(s.kind, s.text) for s in board.stickies] == [(Kind.EVENT, "Paid")]
