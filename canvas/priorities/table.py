"""The prioritization as tables and chart points, and a person's edits to it.

:mod:`canvas.priorities.scoring` scores; this module turns a :class:`~.scoring.Priority`
into the rows a table shows (each criterion with its suggested score, current score and
reason), reads back what a person changed in such a table (:func:`score_changes`), and
gives the points of the value-versus-feasibility chart (bubble size by volume).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from canvas.priorities.scoring import (
    CRITERIA,
    CRITERION_NAMES,
    HIGH_RISK,
    QUADRANT_SPLIT,
    Priority,
    PrioritySettings,
    criterion,
)
from eventstorming.phrasing import number

LABELS = {c.name: c.label for c in CRITERIA}


def criteria_rows(priority: Priority) -> list[dict[str, Any]]:
    """One row per criterion: ``criterion`` (its label), ``suggested``, ``score``,
    ``reason`` and ``override`` (who changed it and when, or empty)."""
    rows = []
    for score in priority.scores:
        override = score.override
        who = ""
        if override:
            who = f"{override.author}, {override.at[:16].replace('T', ' ')}"
            if override.reason:
                who += f": {override.reason}"
        rows.append({"criterion": LABELS[score.criterion], "suggested": score.suggested,
                     "score": score.score, "reason": score.reason, "override": who})
    return rows


def score_changes(priority: Priority, rows: Sequence[Mapping[str, Any]]
                  ) -> list[tuple[str, int | None]]:
    """What a person changed in the rows of :func:`criteria_rows` (same order): pairs of
    criterion name and new score, ``None`` where the score went back to the suggestion and
    an override is to be dropped.

    Raises:
        ValueError: a score that is not a whole number from 1 to 5; the message names the
            criterion.
    """
    if len(rows) != len(priority.scores):
        raise ValueError(f"expected {len(priority.scores)} rows, one per criterion "
                         f"(got {len(rows)})")
    changes: list[tuple[str, int | None]] = []
    for score, row in zip(priority.scores, rows, strict=True):
        value = row.get("score")
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError(f"{LABELS[score.criterion]}: a score from 1 to 5 is needed")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValueError(f"{LABELS[score.criterion]}: a score is a whole number from 1 "
                             f"to 5 (got {value!r})")
        if value == score.score:
            continue
        changes.append((score.criterion, None if value == score.suggested else value))
    return changes


def apply_score_changes(settings: PrioritySettings, opportunity_id: str,
                        changes: Iterable[tuple[str, int | None]], author: str,
                        at: str | None = None, reason: str | None = None
                        ) -> PrioritySettings:
    """``settings`` with the overrides of ``changes`` recorded for ``author``, with
    ``reason`` when given (``None`` as a score drops the override)."""
    reason = " ".join(str(reason or "").split()) or None
    for name, value in changes:
        criterion(name)
        if value is None:
            settings = settings.without_override(opportunity_id, name)
        else:
            settings = settings.with_override(opportunity_id, name, value, author,
                                              reason=reason, at=at)
    return settings


def ranking_rows(priorities: Iterable[Priority]) -> list[dict[str, Any]]:
    """The ranked list: rank, title, task, combined score, value (the value criterion's
    score), feasibility, quadrant (marked ``⚠`` where high stakes kept it from being easy),
    why that quadrant, hours saved a year (after the share a prediction saves, see
    :class:`~canvas.priorities.scoring.RoiAssumptions`) as a number and as people read it
    (``hours_saved``: ``11,406``, or ``unknown`` where the board gives no volume or
    minutes), the other criteria's scores, and how many scores a person changed."""
    rows = []
    for p in priorities:
        row: dict[str, Any] = {
            "rank": p.rank, "title": p.opportunity.title, "task": p.opportunity.task,
            "score": p.combined, "value": p.value, "feasibility": p.feasibility,
            "quadrant": p.quadrant + (" ⚠" if p.score_of("risk").score >= HIGH_RISK else ""),
            "quadrant_reason": p.quadrant_reason,
            "hours_per_year": round(p.roi.hours_per_year) if p.roi else None,
            "hours_saved": number(round(p.roi.hours_per_year)) if p.roi else "unknown",
        }
        row.update({name: p.score_of(name).score for name in CRITERION_NAMES
                    if name != "value"})   # the value score is the value criterion
        row["overrides"] = sum(1 for s in p.scores if s.override)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class ChartPoint:
    """One bubble: where it sits, how big it is, its colour group and its label."""

    id: str
    title: str
    task: str
    value: float
    feasibility: float
    size: float
    volume_per_day: float | None
    quadrant: str
    rank: int
    high_stakes: bool = False
    quadrant_reason: str = ""


#: Bubble diameters in pixels: the smallest (no volume known) and the largest.
MIN_SIZE, MAX_SIZE = 18.0, 64.0


def chart_points(priorities: Sequence[Priority]) -> list[ChartPoint]:
    """The bubbles of the value-versus-feasibility chart. Area grows with volume (the
    diameter with its square root), scaled to the largest volume; an opportunity without
    a volume gets the smallest bubble. Points that would sit on each other are spread a
    little around their place, so every bubble stays visible."""
    volumes = [p.opportunity.volume_per_day or 0.0 for p in priorities]
    top = max(volumes, default=0.0)
    points = []
    seen: dict[tuple[float, float], int] = {}
    for p, volume in zip(priorities, volumes, strict=True):
        size = MIN_SIZE if top <= 0 or volume <= 0 else \
            MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(volume / top)
        place = (round(p.feasibility, 1), round(p.value, 1))
        n = seen.get(place, 0)
        seen[place] = n + 1
        dx = dy = 0.0
        if n:
            angle = n * 2.4
            dx, dy = 0.12 * math.cos(angle), 0.12 * math.sin(angle)
        points.append(ChartPoint(p.id, p.opportunity.title, p.opportunity.task,
                                 p.value + dy, p.feasibility + dx, round(size, 1),
                                 p.opportunity.volume_per_day, p.quadrant, p.rank,
                                 p.score_of("risk").score >= HIGH_RISK, p.quadrant_reason))
    return points


QUADRANT_LABELS = {
    "quick win": (QUADRANT_SPLIT, 5.0, QUADRANT_SPLIT, 5.0),
    "strategic bet": (1.0, QUADRANT_SPLIT, QUADRANT_SPLIT, 5.0),
    "fill-in": (QUADRANT_SPLIT, 5.0, 1.0, QUADRANT_SPLIT),
    "avoid": (1.0, QUADRANT_SPLIT, 1.0, QUADRANT_SPLIT),
}
"""Each quadrant as (feasibility from, to, value from, to) on the 1–5 scales."""
