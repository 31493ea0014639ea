"""How evidence adds up: the weight of each rule, the threshold, and a candidate.

Every signal that fires becomes a piece of evidence with a weight; a candidate's score is
the noisy-or of its evidence weights (``1 - prod(1 - w)``), so the evidence list explains
the score. A candidate becomes an :class:`~eventstorming.detection.opportunity.Opportunity`
when it reaches :data:`THRESHOLD` and one of :data:`JUDGMENT_RULES` fired; below it, it is a
near miss that the workshop can promote (with what it lacks, :mod:`.gaps`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventstorming.detection.gaps import gaps
from eventstorming.detection.opportunity import Evidence, Gap, Opportunity, StickyRef
from eventstorming.detection.vocabulary import PERSONAL_FLAGS
from eventstorming.model import Sticky

if TYPE_CHECKING:
    from eventstorming.detection.context import BoardReader

#: Weight of each rule in the score (noisy-or). Rules and their meaning:

WEIGHTS: dict[str, float] = {
    "opportunity_sticky": 0.45,      # the workshop marked it as an opportunity
    "judgment_policy": 0.4,          # a policy whose condition needs a judgment
    "alternative_outcomes": 0.35,    # the command ends in alternative events: the classes
    "task_words": 0.35,              # the wording names a judgment and its task
    "task_words_weak": 0.3,          # the wording names a judgment, not which kind
    "informed_decision": 0.3,        # a person decides with information in front of them
    "human_decision": 0.2,           # a person does it by hand, no information shown
    "informed_step": 0.15,           # read models or systems feed the step
    "hotspot_pain": 0.2,             # a hotspot reports errors, disagreement, backlog…
    "hotspot": 0.1,                  # another hotspot on the step
    "verdict": 0.3,                  # the alternatives are a yes and a no about each case
    "outcome_event": 0.35,           # an event records a judgment's result (Big Picture)
    "recommendation": 0.35,          # a customer picks from a list a model could rank
    "catalogue": 0.2,                # what is in front of them lists the things picked
    "document_input": 0.4,           # a document or image is handed in to be read
    "unstructured_input": 0.15,      # and it is not text yet
    "matching": 0.2,                 # a person is picked for each case
    "same_decision": 0.0,            # another step of the same decision, folded in
    "unattributed_step": 0.15,       # a board without actors: someone takes the step
    "hotspot_judgment": 0.3,         # a hotspot beside an event names the judgment
    "automated_step": 0.15,          # a policy carries out a judgment by a rule today
}


THRESHOLD = 0.45

#: Tasks whose prediction is a verdict on a case, so it can accuse or refuse the person
#: behind it (:data:`~eventstorming.detection.vocabulary.PERSONAL_FLAGS`); an amount, a
#: forecast, a reading or a grouping cannot.
VERDICT_TASKS = frozenset({"classification", "anomaly_detection", "ranking"})


JUDGMENT_RULES = frozenset(
    {"opportunity_sticky", "judgment_policy", "alternative_outcomes", "task_words",
     "task_words_weak", "verdict", "outcome_event", "recommendation", "document_input",
     "hotspot_judgment"})


@dataclass
class Candidate:
    anchor: Sticky
    task: str
    alternative_tasks: tuple[str, ...]
    actor: str | None
    inputs: list[Sticky]
    upstream: list[Sticky]
    outcomes: list[Sticky]
    classes: tuple[str, ...]
    hotspots: list[Sticky]
    volume: float | None
    minutes: float | None
    evidence: list[dict[str, Any]]
    risk_flags: tuple[str, ...]
    merged: tuple[str, ...] = ()      # other stickies of the same decision, folded in
    votes: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        """The noisy-or of the evidence weights: ``1 - prod(1 - w)``."""
        remaining = 1.0
        for item in self.evidence:
            remaining *= 1.0 - item["weight"]
        return round(1.0 - remaining, 3)


def build(r: BoardReader, cand: Candidate, near_miss: bool = False) -> Opportunity:
    """The :class:`Opportunity` a candidate becomes; a near miss carries what it lacks."""
    evidence = tuple(
        Evidence(rule=item["rule"], stickies=item["stickies"],
                 explanation=item["texts"][r.lang], explanations=item["texts"],
                 weight=item["weight"])
        for item in cand.evidence)
    flags = cand.risk_flags
    if cand.task not in VERDICT_TASKS:  # an estimate ("fraud losses next quarter") or a
        flags = tuple(f for f in flags if f not in PERSONAL_FLAGS)  # reading accuses nobody
    refs = lambda stickies: tuple(StickyRef.of(s) for s in  # noqa: E731
                                  {s.id: s for s in stickies}.values())
    return Opportunity(
        id=f"opp-{cand.anchor.id}", title=cand.anchor.text, task=cand.task,
        alternative_tasks=cand.alternative_tasks, anchor=StickyRef.of(cand.anchor),
        actor=cand.actor, inputs=refs(cand.inputs), outcomes=refs(cand.outcomes),
        classes=cand.classes, upstream=refs(cand.upstream), hotspots=refs(cand.hotspots),
        volume_per_day=cand.volume, minutes=cand.minutes,
        high_stakes=bool(flags), risk_flags=flags,
        evidence=evidence, score=cand.score, lang=r.lang,
        missing=tuple(Gap(explanation=gap[r.lang], explanations=gap)
                      for gap in (gaps(r, cand) if near_miss else [])))
