"""Detection never fails on odd boards, and what it returns always points at the board."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventstorming.builder import BoardBuilder
from eventstorming.detection.detector import THRESHOLD, detect
from eventstorming.model import Kind

WORDS = ["check", "send", "invoice", "categorize", "customer", "prüfen", "Rechnung", "fraud",
         "next week", "demand", "route", "team", "suspicious", "whenever", "looks", "plan",
         "shifts", "enter", "data", "amount", "approve", "loan", "patient", "", "senden"]


@st.composite
def boards(draw):
    b = BoardBuilder("random")
    b.metadata["lang"] = draw(st.sampled_from(["en", "de", "fr"]))
    ids = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(list(Kind)))
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))).strip()
        attrs = {}
        if draw(st.booleans()):
            attrs["volume"] = draw(st.sampled_from(["10/day", "3/week", "oops", "0/day"]))
        if draw(st.booleans()):
            attrs["minutes"] = draw(st.sampled_from([1, 0, 30, "n/a"]))
        ids.append(b.sticky(kind, text or "x", lane=draw(st.sampled_from(["A", "B"])),
                            attrs=attrs))
    for _ in range(draw(st.integers(0, 40))):
        if len(ids) > 1:
            b.link(draw(st.sampled_from(ids)), draw(st.sampled_from(ids)))
    return b.build()


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(boards())
def test_detection_is_total_and_consistent(board):
    stickies = board.by_id()
    detection = detect(board)
    ids = [o.id for o in detection.opportunities]
    assert len(ids) == len(set(ids))
    scores = [o.score for o in detection.opportunities]
    assert scores == sorted(scores, reverse=True)
    for opp in detection.opportunities:
        assert THRESHOLD <= opp.score <= 1
        assert opp.anchor.id in stickies
        assert opp.anchor.kind in ("command", "policy", "opportunity", "event", "system")
        for ref in (*opp.inputs, *opp.outcomes, *opp.hotspots):
            assert ref.id in stickies
        for evidence in opp.evidence:
            for sticky_id in evidence.stickies:
                assert stickies[sticky_id].text in evidence.explanations["en"]
                assert stickies[sticky_id].text in evidence.explanations["de"]
    anchored = {o.anchor.id for o in detection.opportunities}
    assert not anchored & {a.anchor.id for a in detection.automation}
