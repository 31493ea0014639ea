"""Regressions of the hostile-input audit (issue 17) for the board readers: every input is
read within the limits where it enters (expanded YAML size, one element limit, linear lane
handling, bounded importers) or refused with a message that names the file."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.io import MAX_BOARD_BYTES, import_board, read_board
from eventstorming.formats.safeyaml import YamlError, load_yaml
from eventstorming.formats.storm import parse_storm, write_storm
from eventstorming.formats.yamlio import board_from_yaml, board_to_yaml
from eventstorming.model import MAX_ELEMENTS, Board, clean_text

# -- 1. a YAML alias on plain text counts its expanded size


def test_a_scalar_alias_repeated_counts_its_expanded_size():
    text = ("title: &t " + "x" * 100_000 + "\nstickies:\n"
            + "".join(f"  - {{id: e{n}, kind: event, text: *t}}\n" for n in range(2_000)))
    with pytest.raises(YamlError, match="expands to more than"):
        load_yaml(text, "big.yaml")
    with pytest.raises(BoardFormatError, match="big.yaml: the document expands"):
        import_board(text.encode(), "big.yaml")


def test_aliases_may_not_make_a_document_much_larger_than_its_text():
    text = ("title: &t " + "x" * 1_000 + "\nstickies:\n"
            + "".join(f"  - {{id: e{n}, kind: event, text: *t}}\n" for n in range(2_000)))
    assert len(text) < 100_000  # 2 MB once expanded: refused, though under 5 MiB
    with pytest.raises(YamlError, match="expands to more than"):
        load_yaml(text, "small.yaml")


def test_small_aliases_and_merge_keys_still_read():
    data = load_yaml("a: &x hello\nb: *x\nbase: &m {k: 1}\nc: {<<: *m, z: 2}\n")
    assert data == {"a": "hello", "b": "hello", "base": {"k": 1}, "c": {"k": 1, "z": 2}}


# -- 3. nested merge keys are counted before anything is built


def test_nested_merge_keys_are_refused_before_they_expand():
    text = "m0: &m0 {a: 1}\n" + "".join(
        f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}\n" for i in range(1, 26))
    with pytest.raises(YamlError, match="expands to more than"):
        load_yaml(text, "merge.yaml")


# -- 2. lanes in linear time, one element limit for every reader


def test_many_lanes_read_and_write_in_linear_time():
    count = MAX_ELEMENTS // 2 - 1
    text = "# Lanes\n" + "".join(f"## Lane {n}\ne: Event {n}\n" for n in range(count))
    board = parse_storm(text, "lanes.storm")
    assert len(board.lanes) == count
    assert parse_storm(write_storm(board)).lanes == board.lanes
    assert board_from_yaml(board_to_yaml(board)).lanes == board.lanes


def test_storm_past_the_element_limit_is_refused_with_its_line():
    chain = " -> ".join(f"e: E{n}" for n in range(200_000))
    with pytest.raises(BoardFormatError, match=f"limit is {MAX_ELEMENTS:,}") as caught:
        parse_storm(f"# Chain\n{chain}\n", "chain.storm")
    assert "chain.storm, line 2" in str(caught.value)
    lanes = "".join(f"## L{n}\n" for n in range(MAX_ELEMENTS + 5))
    with pytest.raises(BoardFormatError, match="limit is"):
        parse_storm(lanes, "lanes.storm")


def test_yaml_board_past_the_element_limit_is_refused():
    stickies = "".join(f"- {{id: e{n}, kind: event, text: E{n}}}\n"
                       for n in range(MAX_ELEMENTS + 1))
    with pytest.raises(BoardFormatError, match=f"limit is {MAX_ELEMENTS:,}"):
        board_from_yaml("stickies:\n" + stickies, "big.yaml")


# -- 5. lone surrogates


def test_lone_surrogates_in_json_become_replacement_characters():
    scene = {"type": "excalidraw", "appState": {"name": "Board \ud800"}, "elements": [
        {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 100,
         "backgroundColor": "#ffa94d", "boundElements": [{"id": "t", "type": "text"}]},
        {"id": "t", "type": "text", "x": 5, "y": 5, "width": 50, "height": 20,
         "containerId": "a", "text": "Order \udc00 placed"}]}
    result = import_board(json.dumps(scene).encode(), "s.excalidraw")
    assert result.board.stickies[0].text == "Order \ufffd placed"
    assert result.board.title == "Board \ufffd"
    board_to_yaml(result.board).encode("utf-8")  # writable
    yaml_board = json.dumps({"title": "T\udfff", "stickies": [
        {"id": "e-1", "kind": "event", "text": "x\ud800"}]})
    assert import_board(yaml_board.encode(), "b.json").board.stickies[0].text == "x\ufffd"


# -- 7. Excalidraw text without an id


def test_excalidraw_text_without_id_is_read():
    scene = {"type": "excalidraw", "elements": [
        {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 100,
         "backgroundColor": "#ffa94d"},
        {"type": "text", "x": 5, "y": 5, "width": 50, "height": 20, "containerId": "a",
         "text": "Order placed"},
        {"type": "text", "x": 500, "y": 500, "width": 50, "height": 20, "text": "loose"}]}
    board = import_board(json.dumps(scene).encode(), "s.excalidraw").board
    assert [s.text for s in board.stickies] == ["Order placed"]


# -- 8. slow importer paths under the element limit


def _excalidraw(elements: list[dict]) -> bytes:
    return json.dumps({"type": "excalidraw", "elements": elements}).encode()


def test_many_frames_of_one_name_get_distinct_lanes():
    elements = [{"id": f"f{n}", "type": "frame", "name": "Same", "x": 0, "y": n * 200,
                 "width": 150, "height": 150} for n in range(19_990)]
    elements += [{"id": f"s{n}", "type": "rectangle", "x": 10, "y": n * 200 + 10,
                  "width": 100, "height": 100, "backgroundColor": "#ffa94d", "frameId": f"f{n}",
                  "boundElements": [{"id": f"t{n}", "type": "text"}]} for n in range(4)]
    elements += [{"id": f"t{n}", "type": "text", "x": 15, "y": n * 200 + 15, "width": 50,
                  "height": 20, "containerId": f"s{n}", "text": f"E{n}"} for n in range(4)]
    board = import_board(_excalidraw(elements), "frames.excalidraw").board
    assert board.lanes[:3] == ("Same", "Same (2)", "Same (3)")


def test_free_texts_on_stacked_big_shapes_are_bounded():
    shapes = [{"id": f"s{n}", "type": "rectangle", "x": 0, "y": 0, "width": 100_000,
               "height": 100_000 + n, "backgroundColor": "#ffa94d"} for n in range(5_000)]
    texts = [{"id": f"t{n}", "type": "text", "x": n, "y": n, "width": 10, "height": 10,
              "text": f"T{n}"} for n in range(10_000)]
    board = import_board(_excalidraw(shapes + texts), "big.excalidraw").board
    assert board.stickies[0].text.startswith("T0 T1")  # the smallest shape takes the texts


def test_a_compressed_page_of_percent_escapes_is_decoded_in_linear_memory():
    page = ("%41" * 6_000_000).encode()
    payload = base64.b64encode(zlib.compress(page)[2:-4]).decode()
    with pytest.raises(BoardFormatError, match="p.drawio"):
        import_board(f'<mxfile><diagram name="P">{payload}</diagram></mxfile>', "p.drawio")


def test_percent_escapes_decode_as_urllib_does():
    from urllib.parse import unquote

    from eventstorming.formats.importers.drawio import _unquote
    for text in ("%3CmxGraphModel%3E", "a%C3%A4b%", "%E2%82", "%zz%41ü", "", "ä%C3",
                 "%%%%%%%41", "a=b%41", "x%0A%3d\n%41", "%c3%a4 _ x", "end%4"):
        for chunk in (1, 2, 3, 100):
            assert _unquote(text, chunk) == unquote(text), (text, chunk)


# -- 10. sizes and numbers name the file


def test_a_file_over_the_limit_says_its_size(tmp_path):
    path = tmp_path / "huge.storm"
    with path.open("wb") as out:
        out.truncate(MAX_BOARD_BYTES + 1)
    with pytest.raises(BoardUnreadableError, match=r"huge.storm: the file is 20,971,521 bytes"):
        read_board(path)


def test_huge_integers_name_the_file():
    digits = "9" * 5_000
    with pytest.raises(BoardFormatError, match="n.json: a value cannot be read"):
        import_board(f'{{"type": "excalidraw", "elements": [], "x": {digits}}}', "n.json")
    with pytest.raises(BoardFormatError, match="n.yaml: a value cannot be read"):
        import_board(f"stickies: []\nx: {digits}\n", "n.yaml")
    board = parse_storm(f"e: Paid {{amount: {digits[:150]}, big: 1e999}}\n")
    assert board.stickies[0].attrs == {"amount": digits[:150], "big": "1e999"}
    with pytest.raises(BoardFormatError, match="limit is 2,000"):
        parse_storm(f"e: Paid {{amount: {digits}}}\n", "a.storm")


def test_texts_and_attributes_have_one_limit():
    with pytest.raises(BoardFormatError, match="a.storm, line 1: this sticky has a text of"):
        parse_storm("e: " + "word " * 3_000_000, "a.storm")
    with pytest.raises(BoardFormatError, match="200 attributes"):
        parse_storm("e: x {" + ", ".join(f"k{n}: {n}" for n in range(200)) + "}", "a.storm")
    with pytest.raises(BoardFormatError, match="title: a text of 3,000 characters"):
        parse_storm("# " + "t" * 3_000 + "\ne: x\n", "a.storm")
    message = str(pytest.raises(BoardFormatError, parse_storm, "x" * 100_000, "a.storm").value)
    assert len(message) < 500  # the line shown is cut


def test_deep_yaml_is_refused_before_the_parser_recurses():
    with pytest.raises(YamlError, match="more than 1,000 deep"):
        load_yaml("[" * 100_000 + "]" * 100_000, "d.yaml")


# -- 12. control characters are removed where text enters the model


def test_control_characters_never_enter_the_model():
    board = parse_storm("# Ti\x1b[2Jtle\x00\nlang: e\x07n\n## La\x1b]0;x\x07ne\n"
                        "e: Pa\x00id {note: a\x1bb} #t\x1bag\n")
    assert board.title == "Ti[2Jtle"
    assert board.lanes == ("La]0;xne",)
    assert board.stickies[0].text == "Paid"
    assert board.stickies[0].attrs == {"note": "ab"}
    assert board.metadata == {"lang": "en"}
    assert Board(title="a\x9bb").title == "ab"
    assert clean_text("tab\tand\nline") == "tab\tand\nline"
    with pytest.raises(BoardFormatError, match="no text"):
        parse_storm("e: \x00\x01\n")
