"""Fuzzing of the text readers (issue 17): any ``.storm`` text and any YAML board gives a
board that can be printed and written as UTF-8, or one BoardFormatError that names the file,
never anything else. Kept fast: few examples, no deadline."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.io import import_board
from eventstorming.formats.storm import parse_storm, write_storm
from eventstorming.formats.yamlio import board_to_yaml

_FAST = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
_PIECES = ["# ", "## ", "e: ", "c: ", "a: ", "h: ", "note: ", " -> ", " → ", "{", "}", ":",
           ", ", "#tag", "//", "\n", "\x00", "\x1b[31m", "\ud800", "lang: de", "volume: ",
           "9" * 30, "1e999", "&a ", "*a", "<<: ", "- ", "  ", "stickies:", "title: ", "'", '"']
_TEXTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=25
                  ).map("".join)


def _usable(board) -> None:
    for text in (board.title, write_storm(board), board_to_yaml(board)):
        text.encode("utf-8")
        assert "\x00" not in text and "\x1b" not in text


@_FAST
@given(_TEXTS)
def test_any_storm_text_gives_a_board_or_our_error(text):
    try:
        board = parse_storm(text, "f.storm")
    except BoardFormatError as exc:
        assert str(exc).startswith("f.storm")
        return
    _usable(board)
    assert parse_storm(write_storm(board)).stickies == board.stickies


_YAML_STICKY = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["e-1", "e-2", "c-1"]), st.text(max_size=5)),
     "kind": st.sampled_from(["event", "command", "actor", "nope", 3]),
     "text": st.one_of(st.text(max_size=10), st.sampled_from(["*a", "\x00x", "\ud800"]))},
    optional={"lane": st.sampled_from(["L1", "L2", None, 5]),
              "attrs": st.dictionaries(st.text(max_size=3), st.integers() | st.text(max_size=3),
                                       max_size=2),
              "order": st.integers(-3, 3) | st.text(max_size=2)})
_YAML_BOARD = st.fixed_dictionaries(
    {"stickies": st.lists(_YAML_STICKY, max_size=5)},
    optional={"title": st.text(max_size=10) | st.integers(),
              "lanes": st.lists(st.sampled_from(["L1", "L2", "\x1bL"]), max_size=3),
              "links": st.lists(st.fixed_dictionaries({"from": st.sampled_from(["e-1", "c-1"]),
                                                       "to": st.sampled_from(["e-2", "x"])}),
                                max_size=3),
              "metadata": st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2)})


@_FAST
@given(_YAML_BOARD, st.sampled_from(["json", "yaml"]))
def test_any_yaml_board_gives_a_board_or_our_error(data, how):
    import json

    import yaml

    text = json.dumps(data) if how == "json" else yaml.safe_dump(data, allow_unicode=True)
    try:
        board = import_board(text.encode("utf-8", "surrogatepass"), f"b.{how}", "yaml").board
    except (BoardFormatError, BoardUnreadableError) as exc:
        assert str(exc).startswith(f"b.{how}")
        return
    _usable(board)


@_FAST
@given(_TEXTS)
def test_any_yaml_text_gives_a_board_or_our_error(text):
    try:
        board = import_board(text.encode("utf-8", "replace"), "t.yaml", "yaml").board
    except (BoardFormatError, BoardUnreadableError) as exc:
        assert str(exc).startswith("t.yaml")
        return
    _usable(board)
