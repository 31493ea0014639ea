"""Opportunity detection: where on a board could a prediction replace or support a judgment?

:func:`detect` reads a board the way an experienced ML consultant would in the room:
structure first, words second, and on boards as practitioners write them (code-style
names, no actors, Big Picture timelines of events, sagas that decide).

1. **Anchors** (:mod:`.anchors`): the command whose execution needs the judgment; a policy,
   saga or outside system only where no command carries it (a condition that needs a
   judgment, or a yes and a no it ends in); on Big Picture boards the event that records
   the judgment's outcome; an opportunity sticky only where it concerns no detected step.
2. **Signals** (:mod:`.signals`, one module each): who decides and with what in front of
   them, alternative outcomes and verdicts (the classes), the wording, hotspots, volume and
   effort, documents to read, customers picking from a catalogue, and the vetoes: chores,
   data entry, validity checks, administration, stated rules, optimisation.
3. **One decision, one opportunity** (:mod:`.merging`): alternatives of one decision ("Accept
   claim" / "Reject claim") and steps that only prepare it ("View Assignment
   Recommendations") are folded into one opportunity.
4. **Near misses**: candidates below the threshold are returned apart, each with what it
   lacks (:mod:`.gaps`), for the workshop to promote.

Every signal is evidence with a weight; the score is their noisy-or (:mod:`.candidate`).
Detection is linear in the size of the board: every question looks at a sticky's
neighbours only, and texts are read once per sticky.
"""

from __future__ import annotations

import gc
from typing import Any

from pydantic import BaseModel, ConfigDict

from eventstorming.detection.anchors.commands import command_candidate
from eventstorming.detection.anchors.events import outcome_event_candidates
from eventstorming.detection.anchors.policies import policy_candidate, system_candidate
from eventstorming.detection.anchors.stickies import opportunity_sticky_candidate
from eventstorming.detection.candidate import THRESHOLD, Candidate, build
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.merging import merge_steps
from eventstorming.detection.opportunity import AutomationIdea, Opportunity
from eventstorming.detection.reading import read_text
from eventstorming.detection.signals.outcomes import decision_groups
from eventstorming.detection.signals.rules import optimisation_idea, rule_idea
from eventstorming.model import Board

#: Kept here too for callers that import them with :func:`detect`.
__all__ = ["THRESHOLD", "Detection", "detect", "read_text"]


class Detection(BaseModel):
    """What :func:`detect` finds: ML opportunities best first, and automation ideas apart."""

    model_config = ConfigDict(frozen=True)

    opportunities: list[Opportunity]
    automation: list[AutomationIdea]
    candidates: list[Opportunity] = []

    def to_json(self) -> dict[str, Any]:
        """The detection as JSON: opportunities, automation ideas and candidates."""
        return {"opportunities": [o.to_json() for o in self.opportunities],
                "automation": [a.to_json() for a in self.automation],
                "candidates": [c.to_json() for c in self.candidates]}


def detect(board: Board) -> Detection:
    """Find the ML opportunities and automation ideas on ``board``.

    Args:
        board: the board to read (English or German; ``board.lang``).

    Returns:
        A :class:`Detection` with opportunities sorted by score (best first, ties in
        timeline order) and automation ideas in timeline order. Ids are derived from the
        anchor sticky's id (``opp-c-categorize-receipt``), so they survive a re-read.
    """
    # Detection allocates many small, acyclic objects; the cyclic garbage collector would
    # walk the whole heap again and again for nothing (it doubled the time on 5,000 stickies).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return run(BoardReader(board))
    finally:
        if enabled:
            gc.enable()


def run(r: BoardReader) -> Detection:
    """One detection run over the board ``r`` reads: anchors, merging, near misses."""
    found: list[Candidate] = []
    automation: list[tuple[int, AutomationIdea]] = []
    detected: set[str] = set()
    optimised: set[str] = set()
    chores: set[str] = set()      # commands a plain rule could carry out
    commands = sorted(r.board.of_kind(K.COMMAND), key=lambda s: s.order)
    groups, merged = decision_groups(r, commands)
    for command in commands:
        if command.id in merged:
            continue     # an alternative of a decision anchored elsewhere
        outcome = command_candidate(r, command, groups.get(command.id, []))
        if isinstance(outcome, Candidate):
            found.append(outcome)
            detected.add(command.id)
        elif isinstance(outcome, AutomationIdea):
            automation.append((command.order, outcome))
            optimised.add(command.id)
        elif outcome == "transactional" or (
                outcome is None and not r.reading(command).judgment):
            chores.add(command.id)
    found = merge_steps(r, found)
    detected = {i for c in found if c.score >= THRESHOLD for i in (c.anchor.id, *c.merged)}
    decided = set(merged) | detected

    for policy in sorted(r.board.of_kind(K.POLICY), key=lambda s: s.order):
        issued = r.graph.successors(policy.id, K.COMMAND)
        handed = [c for a in r.graph.successors(policy.id, K.ACTOR)
                  for c in r.graph.successors(a.id, K.COMMAND)]
        if any(c.id in decided for c in issued + handed):
            continue
        if not r.graph.degree(policy.id):
            continue     # a rule written down on its own decides nothing on the board
        if issued and all(c.id in chores for c in issued) and r.decided_branch(policy):
            # "Wenn keine Deckung besteht, … informieren" after "Deckung abgelehnt": the
            # command before made the judgment, the policy only carries out a chore
            automation.append((policy.order, rule_idea(r, policy, issued)))
            continue
        cand = policy_candidate(r, policy, issued)
        if cand is not None:
            found.append(cand)
            detected.add(policy.id)
            continue
        rest = [c for c in issued if c.id in chores]
        if rest:
            automation.append((policy.order, rule_idea(r, policy, rest)))

    for system in sorted(r.board.of_kind(K.SYSTEM), key=lambda s: s.order):
        if r.graph.predecessors(system.id, K.COMMAND, K.POLICY):
            continue     # a system that handles a command: the command is the anchor
        cand = system_candidate(r, system)
        if cand is not None:
            found.append(cand)
            detected.add(system.id)

    covered = {o.id for c in found for o in c.outcomes}
    found += outcome_event_candidates(r, covered)

    for sticky in sorted(r.board.of_kind(K.OPPORTUNITY), key=lambda s: s.order):
        linked = r.graph.neighbours(sticky.id)
        if any(s.id in detected or s.id in optimised for s in linked):
            continue     # evidence for what is already found
        if r.reading(sticky).optimisation:
            automation.append((sticky.order,
                               optimisation_idea(r, sticky, r.reading(sticky))))
            continue
        found.append(opportunity_sticky_candidate(r, sticky, linked))
        detected.add(sticky.id)

    found.sort(key=lambda c: (-c.score, c.anchor.order))
    automation.sort(key=lambda pair: pair[0])
    confident = [c for c in found if c.score >= THRESHOLD]
    # a near miss next to a confident opportunity is part of it, not a second candidate
    taken = {i for c in confident for i in (c.anchor.id, *c.merged)}
    near = [c for c in found if c.score < THRESHOLD and c.anchor.id not in taken
            and not any(n.id in taken for n in r.graph.neighbours(c.anchor.id))]
    return Detection(opportunities=[build(r, c) for c in confident],
                     automation=[idea for _, idea in automation],
                     candidates=[build(r, c, near_miss=True) for c in near])
