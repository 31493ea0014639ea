"""Keyed workspace documents: one entry per opportunity, read and written one at a time."""

from __future__ import annotations

import pytest

from canvas.workspace.store import ConflictError


def _parse(key: str, value: object) -> int:
    if not isinstance(value, int):
        raise ValueError(f"{key}: not a number")
    return value


def test_write_keyed_keeps_the_other_entries_and_read_keyed_skips_broken_ones(ws):
    workshop = ws.create("Keyed")
    rev = ws.write_keyed(workshop, "specs", "opp-a", 1, expected_revision=0, author="Ana")
    rev = ws.write_keyed(workshop, "specs", "opp-b", "broken", expected_revision=rev)
    rev = ws.write_keyed(workshop, "specs", "opp-c", 3, expected_revision=rev)
    assert ws.read(workshop, "specs").data == {"opp-a": 1, "opp-b": "broken", "opp-c": 3}
    assert ws.read_keyed(workshop, "specs", _parse) == ({"opp-a": 1, "opp-c": 3}, rev)
    with pytest.raises(ConflictError):
        ws.write_keyed(workshop, "specs", "opp-a", 9, expected_revision=rev - 1)
    assert ws.read_keyed(workshop, "specs", _parse)[0]["opp-a"] == 1
