"""The opportunity contract: what detection produces and prioritization, canvas and app read.

DESIGN.md ("Opportunities") fixes the JSON of ``mlcanvas opportunities --json``; each item
has at least ``id``, ``title``, ``task``, ``anchor`` (``{id, kind, text}``), ``actor``,
``inputs``, ``outcomes``, ``evidence`` (list of ``{rule, stickies, explanation}``),
``high_stakes`` and ``score``. :meth:`Opportunity.to_json` gives exactly that and more.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from eventstorming.model import Sticky

MLTask = Literal["classification", "regression", "forecasting", "ranking",
                 "anomaly_detection", "extraction", "clustering"]
ML_TASKS: tuple[str, ...] = MLTask.__args__  # type: ignore[attr-defined]


class StickyRef(BaseModel):
    """A pointer to a sticky, with its kind and text for people reading the JSON."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    text: str

    @classmethod
    def of(cls, sticky: Sticky) -> StickyRef:
        return cls(id=sticky.id, kind=sticky.kind.value, text=sticky.text)


class Evidence(BaseModel):
    """One rule that fired, the stickies it rests on, and a sentence a workshop can read.

    ``explanation`` is in the board's language; ``explanations`` holds it in English
    (``en``) and German (``de``).
    """

    model_config = ConfigDict(frozen=True)

    rule: str
    stickies: tuple[str, ...]
    explanation: str
    explanations: dict[str, str] = Field(default_factory=dict)
    weight: float = 0.0


class Opportunity(BaseModel):
    """A place on the board where a prediction could replace or support a human judgment."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    task: MLTask
    alternative_tasks: tuple[MLTask, ...] = ()
    anchor: StickyRef
    actor: str | None = None
    inputs: tuple[StickyRef, ...] = ()
    outcomes: tuple[StickyRef, ...] = ()
    classes: tuple[str, ...] = ()
    upstream: tuple[StickyRef, ...] = ()
    hotspots: tuple[StickyRef, ...] = ()
    volume_per_day: float | None = None
    minutes: float | None = None
    high_stakes: bool = False
    risk_flags: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    score: float = Field(ge=0.0, le=1.0)
    lang: str = "en"
    source: Literal["detected", "manual"] = "detected"
    missing: tuple[Gap, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Gap(BaseModel):
    """What a near miss lacks to be a confident opportunity, as a question for the room."""

    model_config = ConfigDict(frozen=True)

    explanation: str
    explanations: dict[str, str] = Field(default_factory=dict)


class AutomationIdea(BaseModel):
    """A step worth automating that is not an ML prediction: optimisation or plain rules."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    kind: Literal["optimisation", "rule_automation"]
    anchor: StickyRef
    explanation: str
    explanations: dict[str, str] = Field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

