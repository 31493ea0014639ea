"""The fast YAML writer the workspace saves with reads back to exactly the data written."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventstorming.formats.safeyaml import dump_block_yaml, dump_yaml, load_yaml
from eventstorming.formats.storm import read_storm
from tests.app.conftest import ROOT

TRICKY = ["", " ", "yes", "No", "ON", "null", "~", "y", "N", "true", "1", "1.5", "0x1F",
          "1e3", ".inf", "- item", "? q", "a: b", "a #b", "#c", "'quoted'", '"dq"', "&a",
          "*b", "!tag", "%x", "@x", "`x", "{x}", "[x]", "x, y", "trailing ", " leading",
          "multi\nline", "tab\there", "ünïcödé", "日本語", "emoji 🙂", "\u0085 next line",
          "\ufeffbom", "back\\slash", "2024-01-01", "12:30", "<<", "=", "Straße 3",
          "40/day", "Receipt (photo), paper-based", "O'Brien", "-1", "+1", "a - b"]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_read_back_as_written(text):
    data = {"text": text, "list": [text], text or "k": {"nested": text}}
    assert load_yaml(dump_block_yaml(data)) == data


def test_the_example_boards_read_back_and_look_like_pyyaml():
    from canvas.workspace.store import board_to_plain

    for path in sorted(ROOT.glob("examples/*/board.storm")):
        data = {"revision": 7, "saved_at": "2026-01-01T00:00:00+00:00", "author": None,
                "previous": 6, "data": board_to_plain(read_storm(path))}
        text = dump_block_yaml(data)
        assert load_yaml(text) == data
        assert text.startswith("revision: 7\n")     # the store reads the revision from it
        # the same block layout as PyYAML's (only quoting may differ)
        assert len(text.splitlines()) == pytest.approx(len(dump_yaml(data).splitlines()),
                                                       rel=0.1)


def test_numbers_and_empty_containers():
    data = {"i": -3, "f": 2.5, "small": 1e-05, "big": 1e20, "zero": 0.0, "t": True,
            "none": None, "d": {}, "l": [], "nested": [[1, [2]], [], {}, [{"a": [1]}]]}
    assert load_yaml(dump_block_yaml(data)) == data
    # what it does not write itself (infinity, non-string keys), PyYAML writes
    odd = {"inf": math.inf, 3: "three"}
    assert dump_block_yaml(odd) == dump_yaml(odd)


scalars = st.one_of(st.none(), st.booleans(), st.integers(),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12), inner, max_size=4),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_plain_document_reads_back(data):
    assert load_yaml(dump_block_yaml(data)) == data
