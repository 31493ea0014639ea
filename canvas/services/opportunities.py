"""From a board to its opportunities, and one opportunity by the id a user typed.

A thin seam between the commands and the detector (``eventstorming.detection.detector.detect``),
so that prioritization, canvases and examples all see the same opportunities.
"""

from __future__ import annotations

from eventstorming.detection.opportunity import Opportunity
from eventstorming.model import Board, slugify


class DetectorMissing(RuntimeError):
    """The opportunity detector is not installed in this checkout."""


def detect_opportunities(board: Board) -> list[Opportunity]:
    """The board's opportunities, best first, as the detector finds them."""
    try:
        from eventstorming.detection.detector import detect
    except ImportError as exc:  # the detector lands on main separately
        raise DetectorMissing("opportunity detection (eventstorming.detection.detector) is not "
                              "available in this checkout") from exc
    return list(detect(board).opportunities)


def find_opportunity(opportunities: list[Opportunity], key: str) -> Opportunity:
    """The opportunity whose id, anchor id or title slug is ``key``.

    Raises:
        ValueError: none matches; the message lists the ids and suggests the closest.
    """
    wanted = key.strip()
    for opp in opportunities:
        if wanted in (opp.id, opp.anchor.id) or slugify(wanted) == slugify(opp.title):
            return opp
    ids = [o.id for o in opportunities]
    if not ids:
        raise ValueError("the board has no ML opportunities")
    from canvas.spec.validate import did_you_mean

    guess = did_you_mean(wanted, ids)
    hint = f" — did you mean '{guess}'?" if guess else ""
    raise ValueError(f"no opportunity '{wanted}'{hint} (the board has: {', '.join(ids)})")
