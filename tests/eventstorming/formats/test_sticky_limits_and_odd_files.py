"""Issue 16: a 51,000-character sticky was accepted; an empty file was a valid "Untitled
board" without a word; a .csv upload got no words at all."""

from __future__ import annotations

import pytest

from eventstorming.edit import EditError, apply_table, table_rows, update_sticky
from eventstorming.errors import BoardFormatError
from eventstorming.formats.io import check_board_name, import_board
from eventstorming.formats.storm import parse_storm
from eventstorming.formats.yamlio import board_from_yaml
from eventstorming.model import MAX_STICKY_CHARS

LONG = "word " * 10_200   # 51,000 characters


def test_the_sticky_limit_is_sized_for_real_stickies():
    assert 300 <= MAX_STICKY_CHARS <= 1_000


def test_a_storm_line_past_the_limit_names_its_line_and_the_limit():
    text = f"# Board\n## Lane\ne: Paid\ne: {LONG.strip()}\n"
    error = pytest.raises(BoardFormatError, parse_storm, text, "b.storm").value
    message = str(error)
    assert "b.storm, line 4" in message
    assert "50,999 characters; the limit is 500" in message
    assert len(message) < 600, "the line is not echoed in full"
    parse_storm(f"# Board\ne: {'x' * MAX_STICKY_CHARS}\n")   # at the limit: fine


def test_editing_a_sticky_past_the_limit_is_refused_with_the_limit():
    board = parse_storm("# Board\ne: Paid\n")
    with pytest.raises(EditError, match="at most 500 characters \\(this one has 51,000\\)"):
        update_sticky(board, "e-paid", text="x" * 51_000)
    rows = table_rows(board)
    rows[0]["text"] = "x" * 501
    with pytest.raises(EditError, match="row 1: a sticky's text may have at most 500"):
        apply_table(board, rows)


def test_a_yaml_sticky_past_the_limit_is_refused():
    text = f"title: B\nstickies:\n  - {{id: e1, kind: event, text: {'x' * 600}}}\n"
    with pytest.raises(BoardFormatError, match="at most 500 characters"):
        board_from_yaml(text, "b.yaml")


@pytest.mark.parametrize("data", [b"", b"\n\n", b"// only a comment\n", b"# Title only\n"])
def test_an_empty_board_reads_with_a_warning(data):
    result = import_board(data, "empty.storm")
    assert result.board.stickies == ()
    assert result.warning and "no stickies" in result.warning


def test_a_board_with_stickies_has_no_warning():
    assert import_board(b"e: Paid\n", "b.storm").warning is None


@pytest.mark.parametrize("name, what", [("data.csv", "a CSV table"),
                                        ("notes.pdf", "a PDF"),
                                        ("board.abc", "a '.abc' file"),
                                        ("README", "a file without an ending")])
def test_a_file_that_is_no_board_says_what_it_is(name, what):
    message = str(pytest.raises(BoardFormatError, check_board_name, name).value)
    assert message.startswith(f"{name}: this is {what}, not a board")
    assert ".storm" in message and ".excalidraw" in message


@pytest.mark.parametrize("name", ["b.storm", "B.YAML", "x.excalidraw", "m.json", "d.drawio",
                                  "t.txt"])
def test_board_files_pass_the_name_check(name):
    check_board_name(name)
