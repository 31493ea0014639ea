"""Property-based round trips: generated boards survive .storm and YAML unchanged."""

from __future__ import annotations

import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventstorming import parse_storm, write_storm
from eventstorming.builder import BoardBuilder
from eventstorming.formats.storm import _coerce, storm_safe_text
from eventstorming.formats.yamlio import board_from_yaml, board_to_yaml
from eventstorming.model import Board, Kind

# Letters of several scripts, digits, punctuation and the characters the format gives a
# meaning to (arrows, braces, '#', '//', ':'), so that generated texts exercise escaping.
_ALPHABET = string.ascii_letters + string.digits + "äöüßÄÖÜéçñ漢字 .,;:!?'\"()[]-_/#{}→>*&%€+=@"

texts = st.text(alphabet=_ALPHABET, min_size=1, max_size=40).filter(lambda t: t.strip())
names = st.text(alphabet=string.ascii_letters + "äöü -&", min_size=1, max_size=20).filter(
    lambda t: t.strip())
_TAG_FIRST = string.ascii_letters + "äöü_"
tags = st.builds(lambda first, rest: first + rest, st.sampled_from(_TAG_FIRST),
                 st.text(alphabet=string.ascii_letters + string.digits + "_-", max_size=8))
attr_keys = st.builds(lambda first, rest: first + rest, st.sampled_from(string.ascii_lowercase),
                      st.text(alphabet=string.ascii_lowercase + string.digits + "_",
                              max_size=6))


def _plain_string(value: str) -> bool:
    """A string value the format reads back as that same string (not a number or bool, and
    no ``//`` where it would start a comment: the format has no escaping for it)."""
    return (bool(value) and _coerce(value) == value and isinstance(_coerce(value), str)
            and re.search(r"(^|\s)//", value) is None)


attr_values = st.one_of(
    st.integers(min_value=-10**9, max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.text(alphabet=string.ascii_letters + string.digits + "äö /.-:>→", max_size=15)
    .map(lambda v: " ".join(v.split())).filter(_plain_string),
)


@st.composite
def boards(draw, storm_safe: bool = True) -> Board:
    """A board as the .storm reader would build it: stickies in order, lanes declared in
    order, links between stickies, merged attributes and tags."""
    builder = BoardBuilder(" ".join(draw(names).split()))
    if draw(st.booleans()):
        builder.metadata["lang"] = draw(st.sampled_from(["en", "de"]))
    if draw(st.booleans()):
        builder.metadata["domain"] = " ".join(draw(names).split())
    lanes = draw(st.lists(names, max_size=4, unique_by=lambda n: " ".join(n.split())))
    ids: list[str] = []
    lane: str | None = None
    unlaned_first = draw(st.integers(min_value=0, max_value=3))
    for index in range(draw(st.integers(min_value=1, max_value=15))):
        if lanes and index >= unlaned_first and draw(st.integers(0, 4)) == 0 or \
                (lanes and lane is None and index >= unlaned_first):
            lane = draw(st.sampled_from(lanes))
        text = draw(texts)
        if storm_safe:
            text = storm_safe_text(text)
        ids.append(builder.sticky(
            draw(st.sampled_from(list(Kind))), text, lane=lane,
            attrs=draw(st.dictionaries(attr_keys, attr_values, max_size=3)),
            tags=draw(st.lists(tags, max_size=3))))
    for _ in range(draw(st.integers(min_value=0, max_value=20))):
        builder.link(draw(st.sampled_from(ids)), draw(st.sampled_from(ids)))
    for extra in lanes:  # lanes without stickies are part of the board too
        builder.lane(extra)
    return builder.build()


_SETTINGS = settings(max_examples=80, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(boards())
def test_storm_round_trip(board):
    assert parse_storm(write_storm(board)) == board


@_SETTINGS
@given(boards(storm_safe=False))
def test_storm_writing_is_stable_for_any_text(board):
    """Texts the format cannot hold verbatim are written once in a safe form, which then
    reads and writes back identically; each sticky's text is its safe form."""
    first = parse_storm(write_storm(board))
    assert parse_storm(write_storm(first)) == first
    assert len(first.links) <= len(board.links)
    safe_texts = {(s.kind, storm_safe_text(s.text).casefold()) for s in board.stickies}
    assert {(s.kind, s.text.casefold()) for s in first.stickies} == safe_texts


@_SETTINGS
@given(boards(storm_safe=False))
def test_yaml_round_trip(board):
    assert board_from_yaml(board_to_yaml(board)) == board


@_SETTINGS
@given(boards(), st.sampled_from([None, 0.0, 12.5]))
def test_yaml_keeps_positions_and_imported_ids(board, x):
    stickies = tuple(s.model_copy(update={"id": f"imported-{i}", "x": x, "y": x})
                     for i, s in enumerate(board.stickies))
    mapping = {s.id: f"imported-{i}" for i, s in enumerate(board.stickies)}
    moved = board.model_copy(update={
        "stickies": stickies,
        "links": tuple(link.model_copy(update={"source": mapping[link.source],
                                               "target": mapping[link.target],
                                               "label": "uses"})
                       for link in board.links)})
    moved = Board.model_validate(moved.model_dump())
    assert board_from_yaml(board_to_yaml(moved)) == moved
