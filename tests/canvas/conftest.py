"""Fixtures for the canvas tests: boards written here and opportunities built by hand.

``hand_opportunity`` builds an :class:`Opportunity` for a command the way the contract in
``eventstorming/detection/opportunity.py`` describes it, from the graph view, so these tests do not
depend on the detector.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventstorming import parse_storm
from eventstorming.detection.opportunity import Evidence, Opportunity, StickyRef
from eventstorming.graph import BoardGraph
from eventstorming.model import Board, Kind

BOARDS = Path(__file__).resolve().parent / "fixtures" / "boards"
CLINIC_BOARD = (BOARDS / "clinic.storm").read_text(encoding="utf-8")


def _ref(sticky: Any) -> StickyRef:
    return StickyRef.of(sticky)


def build_opportunity(board: Board, anchor: str, task: str, **extra: Any) -> Opportunity:
    """An opportunity anchored on the command ``anchor``, filled from the graph view."""
    graph = BoardGraph(board)
    command = board.find(Kind.COMMAND, anchor)
    assert command is not None, anchor
    issuers = graph.issuers(command.id)
    actors = issuers.all_actors
    upstream = graph.upstream_events(command.id)
    volume = command.volume_per_day or next(
        (e.volume_per_day for e in upstream if e.volume_per_day), None)
    fields: dict[str, Any] = dict(
        id=command.id, title=command.text, task=task, anchor=_ref(command),
        actor=actors[0].text if actors else None,
        inputs=tuple(_ref(s) for s in graph.informers(command.id)),
        outcomes=tuple(_ref(s) for s in graph.outcomes(command.id)),
        upstream=tuple(_ref(s) for s in upstream),
        hotspots=tuple(_ref(s) for s in graph.hotspots(command.id)),
        volume_per_day=volume, minutes=command.minutes, lang=board.lang,
        evidence=(Evidence(rule="hand", stickies=(command.id,),
                           explanation="built by hand for a test"),),
        score=0.5,
    )
    fields.update(extra)
    return Opportunity(**fields)


@pytest.fixture
def clinic_board() -> Board:
    return parse_storm(CLINIC_BOARD, "clinic.storm")


@pytest.fixture
def make_opportunity() -> Callable[..., Opportunity]:
    return build_opportunity
