"""Hostile and broken files end in one BoardFormatError or BoardUnreadableError that
names the file and the problem, never in anything else; property-based fuzzing of every
importer checks that for any input."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.importers.common import MAX_ELEMENTS
from eventstorming.formats.importers.drawio import MAX_INFLATED_BYTES
from eventstorming.formats.io import MAX_BOARD_BYTES, import_board
from eventstorming.model import MAX_STICKY_CHARS

FIXTURES = Path(__file__).parent / "fixtures" / "import"
OURS = (BoardFormatError, BoardUnreadableError)
IMPORT_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix != ".md")


def _refused(data: bytes | str, name: str, match: str, fmt: str | None = None,
             error: type[Exception] = BoardFormatError) -> str:
    with pytest.raises(error) as caught:
        import_board(data, name, fmt)
    message = str(caught.value)
    assert message.startswith(name), message
    assert match in message, message
    assert "Traceback" not in message
    return message


@pytest.mark.parametrize("name", IMPORT_FIXTURES)
def test_truncated_files_are_refused_clearly(name):
    text = (FIXTURES / name).read_text()
    for cut in (len(text) // 3, len(text) // 2, len(text) - 40):
        with pytest.raises(OURS) as caught:
            import_board(text[:cut], name)
        assert str(caught.value).startswith(name)


def test_truncated_json_says_the_file_is_cut_off():
    text = (FIXTURES / "miro_rest_items.json").read_text()
    _refused(text[: len(text) // 2], "board.json", "ends too early (is the file cut off?)")


def test_malformed_json_names_the_line():
    message = _refused('{"type": "excalidraw",\n "elements": [1,, 2]}', "x.excalidraw",
                       "line 2: not valid JSON")
    assert "Expecting value" in message


def test_truncated_xml_says_the_file_is_cut_off():
    text = (FIXTURES / "drawio_plain.drawio").read_text()
    _refused(text[:-30], "x.drawio", "not well-formed XML")
    _refused("<mxfile><diagram>", "y.drawio", "ends too early")


def test_entity_expansion_is_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            '<mxGraphModel><root><mxCell id="0" value="&lol3;"/></root></mxGraphModel>')
    _refused(bomb, "laughs.drawio", "refused")


def test_external_entities_are_refused():
    xxe = ('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<mxGraphModel><root><mxCell id="2" value="&x;" vertex="1"/></root></mxGraphModel>')
    message = _refused(xxe, "xxe.drawio", "refused")
    assert "root:" not in message


def _compressed(payload: bytes, name: str = "Page-1") -> str:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(payload) + deflate.flush()
    return (f'<mxfile><diagram name="{name}">{base64.b64encode(packed).decode()}'
            f'</diagram></mxfile>')


def test_decompression_bomb_is_refused():
    bomb = _compressed(b"A" * (MAX_INFLATED_BYTES + 1024))
    assert len(bomb) < 100_000  # tiny file, huge content
    _refused(bomb, "bomb.drawio", "decompression bomb")


def test_bombs_spread_over_pages_count_together():
    page = b"<mxGraphModel>" + b" " * (MAX_INFLATED_BYTES // 3) + b"</mxGraphModel>"
    packed = _compressed(page).split(">")[2].split("<")[0]
    pages = "".join(f'<diagram name="p{n}">{packed}</diagram>' for n in range(4))
    _refused(f"<mxfile>{pages}</mxfile>", "pages.drawio", "inflates to more than")


def test_broken_compressed_pages():
    _refused("<mxfile><diagram>@@not base64@@</diagram></mxfile>", "b.drawio",
             "neither XML nor base64")
    _refused("<mxfile><diagram>////</diagram></mxfile>", "c.drawio", "cannot be inflated")
    whole = base64.b64decode(_compressed(b"<mxGraphModel><root/></mxGraphModel>" * 50)
                             .split(">")[2].split("<")[0])
    cut = base64.b64encode(whole[: len(whole) // 2]).decode()
    _refused(f"<mxfile><diagram>{cut}</diagram></mxfile>", "d.drawio", "cut off")


def test_wrong_types_in_the_right_places_name_the_place():
    _refused('{"type": "excalidraw", "elements": "none"}', "a.excalidraw",
             "the file.elements must be a list, not a text")
    _refused('{"type": "excalidraw", "elements": [{"id": "r", "type": "rectangle", '
             '"x": "left"}]}', "b.excalidraw", "elements[0].x must be a number")
    _refused('{"type": "excalidraw", "elements": [7]}', "c.excalidraw",
             "elements[0] must be a mapping, not a number")
    _refused('{"data": [{"id": "1", "type": "sticky_note", "data": "hello"}]}', "m.json",
             "data[0].data must be a mapping")
    _refused('[{"id": "1", "type": "sticky_note", "x": [1], "content": "A"}]', "s.json",
             "items[0].x must be a number")
    _refused('{"type": "excalidraw", "elements": [{"id": "r", "type": "rectangle", '
             '"x": 1e999}]}', "inf.excalidraw", "finite number")
    _refused('<mxGraphModel><root><mxCell id="7" value="A" vertex="1" parent="1">'
             '<mxGeometry x="abc" as="geometry"/></mxCell></root></mxGraphModel>', "g.drawio",
             "cell '7': x must be a number")
    _refused("<svg><g/></svg>", "pic.xml", "not <mxfile> or <mxGraphModel>")
    _refused('{"hello": "world"}', "other.json", "not a board format mlcanvas knows")


def test_deeply_nested_json_is_refused():
    _refused("[" * 100_000 + "]" * 100_000, "deep.json", "nested too deeply")
    deep = '{"type": "excalidraw", "elements": [' + "[" * 50_000 + "]" * 50_000 + "]}"
    _refused(deep, "deep.excalidraw", "nested too deeply")


def test_deeply_nested_xml_is_read_or_refused_without_recursion():
    deep = "<mxGraphModel><root>" + "<a>" * 50_000 + "</a>" * 50_000 + "</root></mxGraphModel>"
    _refused(deep, "deep.drawio", "no stickies found")


def test_too_many_elements_is_refused():
    element = '{"id": "x", "type": "text", "text": "a"}'
    scene = '{"type": "excalidraw", "elements": [' + ",".join([element] * (MAX_ELEMENTS + 1))
    _refused(scene + "]}", "many.excalidraw", f"the limit is {MAX_ELEMENTS:,}")
    _refused("<mxGraphModel>" + "<b/>" * 500_000 + "</mxGraphModel>", "tags.drawio", "tags")


def test_files_over_the_size_limit_are_unreadable():
    _refused(b" " * (MAX_BOARD_BYTES + 1), "huge.json", "the limit is 20,971,520",
             error=BoardUnreadableError)


def test_not_utf8_is_unreadable():
    _refused(b'{"type": "excalidraw", "elements": ["\xff\xfe"]}', "bin.excalidraw",
             "not UTF-8", error=BoardUnreadableError)


def test_long_texts_are_shortened_and_reported():
    scene = {"type": "excalidraw", "elements": [
        {"id": "r", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 80,
         "backgroundColor": "#ffa94d", "boundElements": [{"id": "t", "type": "text"}]},
        {"id": "t", "type": "text", "text": "word " * 2000, "containerId": "r"}]}
    result = import_board(json.dumps(scene), "long.excalidraw")
    assert len(result.board.stickies[0].text) == MAX_STICKY_CHARS
    assert any("shortened 1 text" in line for line in result.report)


def test_odd_ids_are_replaced_by_derived_ones():
    scene = {"type": "excalidraw", "elements": [
        {"id": "../../etc\npasswd", "type": "rectangle", "x": 0, "y": 0, "width": 100,
         "height": 80, "backgroundColor": "#ffa94d",
         "boundElements": [{"id": "t", "type": "text"}]},
        {"id": "t", "type": "text", "text": "Paid", "containerId": "../../etc\npasswd"}]}
    board = import_board(json.dumps(scene), "ids.excalidraw").board
    assert board.stickies[0].id == "e-paid"


# --- property-based fuzzing ---------------------------------------------------------

_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=False, allow_infinity=False, width=32),
                     st.text(max_size=12))
_JSON = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
_KEYS = ["id", "type", "x", "y", "width", "height", "angle", "backgroundColor", "text",
         "originalText", "containerId", "frameId", "boundElements", "startBinding",
         "endBinding", "points", "isDeleted", "name", "customData", "elementId", "data",
         "content", "style", "fillColor", "position", "geometry", "parent", "parentId",
         "startItem", "endItem", "start", "end", "item", "captions", "title", "childrenIds",
         "rotation", "relativeTo", "shapeType", "mlcanvas", "kind", "attrs", "tags"]
_VALUES = st.one_of(
    _JSON, st.sampled_from(["rectangle", "text", "arrow", "frame", "stickynote", "ellipse",
                            "sticky_note", "shape", "connector", "image", "#ffa94d",
                            "light_yellow", "orange", "parent_top_left", "a", "b", "c",
                            "event", "<p>Hi&nbsp;<br>there</p>"]))
_ELEMENT = st.recursive(
    st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=8),
    lambda inner: st.dictionaries(st.sampled_from(_KEYS), st.one_of(
        _VALUES, inner, st.lists(inner, max_size=3)), max_size=8),
    max_leaves=12)


_IDS = st.sampled_from(["a", "b", "c", "d", "f1"])
_NUM = st.one_of(st.integers(-500, 500), st.floats(-1e4, 1e4, allow_nan=False))
_COLOR = st.sampled_from(["#ffa94d", "#a5d8ff", "#ffec99", "#d0bfff", "#b2f2bb", "#fcc2d7",
                          "#ff4d6d", "transparent", "#e9ecef", "orange", "light_yellow",
                          "violet", "#abc", "#12345678", "rgb(1,2,3)", "nonsense"])


def _strategies(noisy: bool) -> tuple[st.SearchStrategy, st.SearchStrategy]:
    """Excalidraw elements and Miro items with the right keys; with ``noisy`` any value
    may now and then be any JSON at all, to reach the type checks deep inside."""

    def _mostly(strategy: st.SearchStrategy) -> st.SearchStrategy:
        if not noisy:
            return strategy
        return st.one_of(strategy, strategy, strategy, strategy, strategy, strategy, _JSON)

    _BINDING = st.fixed_dictionaries({"elementId": _mostly(_IDS)}, optional={
        "focus": _mostly(_NUM), "gap": _mostly(_NUM), "fixedPoint": _mostly(st.lists(_NUM)),
        "mode": st.sampled_from(["orbit", "inside"])})
    _EXCALIDRAW_ELEMENT = st.fixed_dictionaries(
        {"id": _mostly(_IDS),
         "type": _mostly(st.sampled_from(["rectangle", "text", "arrow", "frame", "stickynote",
                                          "diamond", "image", "line", "freedraw"]))},
        optional={
            "x": _mostly(_NUM), "y": _mostly(_NUM), "width": _mostly(_NUM),
            "height": _mostly(_NUM), "angle": _mostly(_NUM), "backgroundColor": _mostly(_COLOR),
            "text": _mostly(st.text(max_size=15)), "originalText": _mostly(st.text(max_size=15)),
            "containerId": _mostly(_IDS), "frameId": _mostly(_IDS), "name": _mostly(st.text()),
            "isDeleted": _mostly(st.booleans()),
            "boundElements": _mostly(st.lists(st.fixed_dictionaries(
                {"id": _mostly(_IDS), "type": st.sampled_from(["text", "arrow"])}), max_size=3)),
            "startBinding": _mostly(_BINDING), "endBinding": _mostly(_BINDING),
            "points": _mostly(st.lists(st.lists(_NUM, min_size=2, max_size=2), max_size=3)),
            "customData": _mostly(st.fixed_dictionaries({"mlcanvas": _mostly(
                st.fixed_dictionaries({}, optional={
                    "kind": st.sampled_from(["event", "nope"]), "attrs": _JSON,
                    "tags": _JSON}))})),
        })
    _MIRO_ITEM = st.fixed_dictionaries(
        {"id": _mostly(_IDS),
         "type": _mostly(st.sampled_from(["sticky_note", "shape", "text", "frame", "connector",
                                          "card", "image"]))},
        optional={
            "data": _mostly(st.fixed_dictionaries({}, optional={
                "content": _mostly(st.text(max_size=15)), "title": _mostly(st.text())})),
            "content": _mostly(st.text(max_size=15)), "title": _mostly(st.text(max_size=8)),
            "style": _mostly(st.fixed_dictionaries({}, optional={"fillColor": _mostly(_COLOR)})),
            "position": _mostly(st.fixed_dictionaries({}, optional={
                "x": _mostly(_NUM), "y": _mostly(_NUM),
                "relativeTo": st.sampled_from(["canvas_center", "parent_top_left"])})),
            "geometry": _mostly(st.fixed_dictionaries({}, optional={
                "width": _mostly(_NUM), "height": _mostly(_NUM), "rotation": _mostly(_NUM)})),
            "parent": _mostly(st.fixed_dictionaries({"id": _mostly(_IDS)})),
            "parentId": _mostly(_IDS), "x": _mostly(_NUM), "y": _mostly(_NUM),
            "width": _mostly(_NUM), "height": _mostly(_NUM), "rotation": _mostly(_NUM),
            "childrenIds": _mostly(st.lists(_IDS, max_size=3)),
            "startItem": _mostly(st.fixed_dictionaries({"id": _mostly(_IDS)})),
            "endItem": _mostly(st.fixed_dictionaries({"id": _mostly(_IDS)})),
            "start": _mostly(st.fixed_dictionaries({"item": _mostly(_IDS)})),
            "end": _mostly(st.fixed_dictionaries({"item": _mostly(_IDS)})),
            "captions": _mostly(st.lists(st.fixed_dictionaries({"content": _mostly(st.text())}),
                                         max_size=2)),
        })
    return _EXCALIDRAW_ELEMENT, _MIRO_ITEM


_CLEAN_EXCALIDRAW, _CLEAN_MIRO = _strategies(noisy=False)
_NOISY_EXCALIDRAW, _NOISY_MIRO = _strategies(noisy=True)


def _ours_or_board(data: bytes | str, name: str, fmt: str | None = None) -> None:
    try:
        result = import_board(data, name, fmt)
    except OURS as exc:
        assert str(exc).startswith(name)
    else:
        if result.format not in ("storm", "yaml"):  # an empty .storm text is an empty board
            assert result.board.stickies


@_FUZZ
@given(st.binary(max_size=300), st.sampled_from([None, "excalidraw", "miro", "drawio",
                                                 "prooph"]))
def test_any_bytes_give_a_board_or_our_error(data, fmt):
    _ours_or_board(data, "fuzz.bin", fmt)


@_FUZZ
@given(st.text(max_size=300))
def test_any_text_gives_a_board_or_our_error(text):
    _ours_or_board(text, "fuzz.txt")


@_FUZZ
@given(_JSON)
def test_any_json_gives_a_board_or_our_error(data):
    text = json.dumps(data)
    for fmt in (None, "excalidraw", "miro"):
        _ours_or_board(text, "fuzz.json", fmt)


@pytest.mark.slow
@settings(_FUZZ, max_examples=80)
@given(st.lists(st.one_of(_CLEAN_EXCALIDRAW, _NOISY_EXCALIDRAW, _ELEMENT), max_size=10),
       st.booleans())
def test_excalidraw_like_elements_give_a_board_or_our_error(elements, typed):
    scene = {"type": "excalidraw", "elements": elements} if typed else {"elements": elements}
    _ours_or_board(json.dumps(scene), "fuzz.excalidraw", "excalidraw")


@pytest.mark.slow
@settings(_FUZZ, max_examples=80)
@given(st.lists(st.one_of(_CLEAN_MIRO, _NOISY_MIRO, _ELEMENT), max_size=10), st.booleans())
def test_miro_like_items_give_a_board_or_our_error(items, rest):
    data = {"data": items} if rest else items
    _ours_or_board(json.dumps(data), "fuzz.json", "miro")


_XML_NAMES = st.sampled_from(["mxCell", "UserObject", "object", "event", "command", "role",
                              "boundedContext", "feature", "icon", "edge", "mxGeometry",
                              "diagram", "root"])
_XML_ATTRS = st.dictionaries(
    st.sampled_from(["id", "value", "label", "style", "vertex", "edge", "parent", "source",
                     "target", "x", "y", "width", "height", "as", "tags", "volume"]),
    st.one_of(st.sampled_from(["1", "0", "2", "3", "geometry", "-5", "1e3", "abc", "",
                               "fillColor=#ffa94d;html=1", "swimlane;", "text;",
                               "shape=umlActor", "rotation=30;fillColor=pink",
                               "&lt;b&gt;x&lt;/b&gt;"]),
              st.text(alphabet="abc 019#;=<>&\"'", max_size=10)), max_size=6)


def _xml_attrs(attrs: dict[str, str]) -> str:
    from xml.sax.saxutils import quoteattr

    return "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())


_XML = st.recursive(
    st.builds(lambda n, a: f"<{n}{_xml_attrs(a)}/>", _XML_NAMES, _XML_ATTRS),
    lambda inner: st.builds(lambda n, a, kids: f"<{n}{_xml_attrs(a)}>{''.join(kids)}</{n}>",
                            _XML_NAMES, _XML_ATTRS, st.lists(inner, max_size=4)),
    max_leaves=15)


@_FUZZ
@given(st.lists(_XML, max_size=6), st.sampled_from(["mxGraphModel", "mxfile"]))
def test_mxgraph_like_xml_gives_a_board_or_our_error(cells, root):
    body = "".join(cells)
    xml = (f"<mxGraphModel><root>{body}</root></mxGraphModel>" if root == "mxGraphModel"
           else f"<mxfile><diagram><mxGraphModel><root>{body}</root></mxGraphModel>"
                f"</diagram></mxfile>")
    _ours_or_board(xml, "fuzz.drawio")


@_FUZZ
@given(st.binary(max_size=200))
def test_compressed_pages_of_any_bytes_give_a_board_or_our_error(payload):
    _ours_or_board(_compressed(payload), "fuzz.drawio")
    raw = base64.b64encode(payload).decode()
    _ours_or_board(f"<mxfile><diagram>{raw}</diagram></mxfile>", "fuzz2.drawio")


@_FUZZ
@given(st.sampled_from(IMPORT_FIXTURES), st.data())
def test_fixtures_with_random_damage_give_a_board_or_our_error(name, data):
    raw = bytearray((FIXTURES / name).read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.sampled_from(b'{}[]<>"&;:,0 x'))
    _ours_or_board(bytes(raw), name)
