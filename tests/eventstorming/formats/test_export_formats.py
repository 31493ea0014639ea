"""Export to Mermaid and Excalidraw; an Excalidraw export imported again is the same
board (kinds, texts, lanes, links, order, attributes), also for generated boards."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventstorming.builder import BoardBuilder
from eventstorming.formats.importers.colors import Classifier, Look
from eventstorming.formats.io import EXPORTERS, export_board, import_board, parse_board
from eventstorming.formats.mermaid import mermaid_text
from eventstorming.model import KIND_COLORS, Board, Kind

BOARD = """# Receipts in accounting
lang: en

## Employee
a: Employee -> c: Submit receipt {volume: 300/day} -> e: Receipt submitted #manual

## Accounting
e: Receipt submitted -> p: Whenever a receipt arrives, an accountant categorises it -> a: Accountant
r: Chart of accounts -> a: Accountant
a: Accountant -> c: Categorize receipt {minutes: 4} -> g: Receipt -> e: Receipt categorized
c: Categorize receipt -> h: Takes long, often wrong
c: Categorize receipt -> o: Suggest the category
s: Banking app -> e: Receipt categorized
n: Ask about the VAT rules
"""


def _board() -> Board:
    return parse_board(BOARD, "receipts.storm")


def _shape(board: Board):
    ordered = sorted(board.stickies, key=lambda s: s.order)
    return {
        "stickies": [(s.kind, s.text, s.lane, dict(s.attrs), s.tags) for s in ordered],
        "lanes": board.lanes,
        "links": {(board.sticky(lk.source).text, board.sticky(lk.target).text, lk.label)
                  for lk in board.links},
        "title": " ".join(board.title.split()),
        "metadata": board.metadata,
    }


def test_exporters_are_registered():
    assert {"storm", "yaml", "mermaid", "excalidraw"} <= set(EXPORTERS)


def test_excalidraw_round_trip_of_a_real_board():
    board = _board()
    text = export_board(board, "excalidraw")
    again = import_board(text.encode(), "receipts.excalidraw")
    assert again.format == "excalidraw"
    assert _shape(again.board) == _shape(board)
    assert [s.id for s in again.board.stickies] == [
        s.id for s in sorted(board.stickies, key=lambda s: s.order)]


def test_excalidraw_export_is_a_scene_with_frames_bound_text_and_bound_arrows():
    board = _board()
    scene = json.loads(export_board(board, "excalidraw"))
    assert scene["type"] == "excalidraw" and scene["version"] == 2
    by_id = {e["id"]: e for e in scene["elements"]}
    frames = [e for e in scene["elements"] if e["type"] == "frame"]
    assert [f["name"] for f in frames] == list(board.lanes)
    for sticky in board.stickies:
        box = by_id[sticky.id]
        assert box["type"] == "rectangle"
        assert box["backgroundColor"] == KIND_COLORS[sticky.kind].lower()
        texts = [b["id"] for b in box["boundElements"] if b["type"] == "text"]
        assert len(texts) == 1 and by_id[texts[0]]["containerId"] == sticky.id
        assert by_id[texts[0]]["text"] == sticky.text
        if sticky.lane:
            assert by_id[box["frameId"]]["name"] == sticky.lane
    arrows = [e for e in scene["elements"] if e["type"] == "arrow"]
    assert len(arrows) == len(board.links)
    for arrow in arrows:
        start, end = arrow["startBinding"]["elementId"], arrow["endBinding"]["elementId"]
        for end_id in (start, end):
            assert {"id": arrow["id"], "type": "arrow"} in by_id[end_id]["boundElements"]


def test_export_colours_read_back_as_their_kinds_without_custom_data():
    classifier = Classifier()
    sizes = {Kind.ACTOR: (120, 80), Kind.AGGREGATE: (200, 160), Kind.SYSTEM: (220, 100)}
    for kind in Kind:
        if kind in (Kind.OPPORTUNITY, Kind.NOTE):
            continue  # green like a read model / grey: told apart by customData only
        w, h = sizes.get(kind, (160, 100))
        look = Look(KIND_COLORS[kind].lower(), w, h)
        assert classifier.kind(look) == kind, kind


def test_excalidraw_without_custom_data_still_reads_kinds_by_colour():
    board = _board()
    scene = json.loads(export_board(board, "excalidraw"))
    for element in scene["elements"]:
        element.pop("customData", None)
    result = import_board(json.dumps(scene), "plain.excalidraw")
    # by colour alone an opportunity is as green as a read model, and a grey rectangle
    # (rather than a sticky note) is no sticky at all
    expected = [(Kind.READMODEL if s.kind == Kind.OPPORTUNITY else s.kind, s.text)
                for s in sorted(board.stickies, key=lambda s: s.order) if s.kind != Kind.NOTE]
    assert [(s.kind, s.text) for s in result.board.stickies] == expected
    assert any("#e9ecef has no kind" in line for line in result.report)


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=30).filter(lambda t: t.split())
_ATTR = st.one_of(st.text(max_size=10), st.integers(-1000, 1000), st.booleans())


@st.composite
def boards(draw) -> Board:
    builder = BoardBuilder(draw(_TEXT))
    lanes = draw(st.lists(_TEXT, max_size=3, unique_by=lambda t: " ".join(t.split())))
    ids = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(list(Kind)))
        lane = draw(st.sampled_from([None, *lanes])) if lanes else None
        attrs = draw(st.dictionaries(st.sampled_from(["volume", "minutes", "owner"]), _ATTR,
                                     max_size=2))
        tags = draw(st.lists(st.sampled_from(["manual", "ml", "slow"]), max_size=2))
        ids.append(builder.sticky(kind, draw(_TEXT), lane=lane, attrs=attrs, tags=tags))
    for _ in range(draw(st.integers(0, 10))):
        builder.link(draw(st.sampled_from(ids)), draw(st.sampled_from(ids)),
                     draw(st.one_of(st.none(), _TEXT)))
    for lane in lanes:
        builder.lane(lane)
    return builder.build()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(boards())
def test_excalidraw_round_trip_of_generated_boards(board):
    again = import_board(export_board(board, "excalidraw").encode(), "gen.excalidraw").board
    expected = _shape(board)
    expected["links"] = {(a, b, " ".join(c.split()) if c else None)
                         for a, b, c in expected["links"]}
    assert _shape(again) == expected


def test_mermaid_flowchart_with_class_per_kind_and_lanes():
    board = _board()
    text = export_board(board, "mermaid")
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    for kind in {s.kind for s in board.stickies}:
        assert f"  classDef {kind.value} fill:{KIND_COLORS[kind]}," in text
    assert text.count("subgraph ") == len(board.lanes)
    assert len(re.findall(r"^\s+s\d+ -->", text, re.M)) == len(board.links)
    assert len(re.findall(r":::\w+$", text, re.M)) == len(board.stickies)


def test_mermaid_escapes_text_so_nothing_is_interpreted():
    builder = BoardBuilder('Quotes "and" <b>tags</b>')
    a = builder.sticky("command", 'Say "hi" <script>alert(1)</script> [x] (y) {z} a|b; #1 & `c`',
                       lane="end")
    b = builder.sticky("event", "end", lane="subgraph")
    builder.link(a, b, 'if "yes" -->')
    text = export_board(builder.build(), "mermaid")
    assert "<script>" not in text and '"hi"' not in text
    assert '"Say #quot;hi#quot; #lt;script#gt;alert#40;1#41;#lt;/script#gt; #91;x#93; ' \
           '#40;y#41; #123;z#125; a#124;b#59; #35;1 #amp; #96;c#96;"' in text
    assert 'subgraph lane1["end"]' in text  # lane names are quoted, ids generated
    assert '-->|"if #quot;yes#quot; --#gt;"|' in text
    for line in text.splitlines()[1:]:
        # every label is one quoted string without raw quotes inside
        for label in re.findall(r'"([^"]*)"', line):
            assert not set(label) & set('"<>[](){}|`')


def test_mermaid_text_folds_white_space():
    assert mermaid_text("a\n b\tc") == "a b c"
