"""Fixtures for the canvas tests: boards written here and opportunities built by hand.

``hand_opportunity`` builds an :class:`Opportunity` for a command the way the contract in
``eventstorming/opportunity.py`` describes it, from the graph view, so these tests do not
depend on the detector.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eventstorming import parse_storm
from eventstorming.graph import BoardGraph
from eventstorming.model import Board, Kind
from eventstorming.opportunity import Evidence, Opportunity, StickyRef

CLINIC_BOARD = """\
# Veterinary clinic appointments
lang: en
domain: healthcare

## Front desk
a: Pet owner -> c: Request appointment -> g: Appointment -> e: Appointment requested {volume: 120/day}
e: Appointment requested -> p: Whenever a request comes in, the receptionist picks a slot -> a: Receptionist
r: Vet calendar and treatment durations -> a: Receptionist
r: Pet history -> a: Receptionist
a: Receptionist -> c: Estimate treatment duration {minutes: 4} -> e: Treatment duration estimated
c: Estimate treatment duration -> h: Long treatments overrun and the waiting room fills up
e: Treatment duration estimated -> a: Receptionist
a: Receptionist -> c: Triage request -> e: Request marked urgent
c: Triage request -> e: Request marked routine
c: Triage request -> h: Urgent cases wait behind routine check-ups

## Billing
e: Request marked routine -> p: Whenever a routine visit is done, send the invoice -> c: Send invoice -> s: Billing system -> e: Invoice sent
"""


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
