"""Policies, sagas and outside systems as anchors, where no command carries the judgment.

A policy whose condition needs a judgment, or a saga step or outside system that ends in a
yes and a no ("ApplicationSubmissionCompletedStep" -> accepted / denied / pending), takes a
decision of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventstorming.detection import vocabulary as V
from eventstorming.detection.candidate import Candidate
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.phrases import q, qs
from eventstorming.detection.reading import (
    add_vote,
    choose_task,
    condition,
    read_text,
)
from eventstorming.detection.signals.effort import effort_evidence
from eventstorming.detection.signals.hotspots import hotspot_evidence
from eventstorming.detection.signals.outcomes import alternative_evidence
from eventstorming.detection.signals.rules import judgment_policy
from eventstorming.detection.signals.wording import task_sentence
from eventstorming.model import Sticky


def policy_candidate(r: BoardReader, policy: Sticky, issued: Sequence[Sticky]) -> Candidate | None:
    """A policy whose condition needs a judgment that no command carries."""
    words = r.judgment_words(policy) if policy.kind == K.POLICY else []
    # a saga step or outside system that ends in a yes and a no decides by itself
    verdicts = r.verdict_events(r.graph.successors(policy.id, K.EVENT))
    if not words and not verdicts:
        return None
    graph = r.graph
    # the judgment sits in the condition ("whenever X looks suspicious"), not the action
    reading = read_text(condition(r.words(policy)), r.lang)
    evidence = [judgment_policy(r, policy, policy, words)] if words else []
    votes = dict(reading.votes)
    if verdicts:
        evidence += alternative_evidence(r, policy, verdicts)
        add_vote(votes, "classification", 3.0)
    if reading.judgment:
        evidence.append(r.evidence(
            "task_words" if reading.strong else "task_words_weak", [policy], {}))
    informers = graph.predecessors(policy.id, K.READMODEL, K.SYSTEM)
    if informers:
        evidence.append(r.evidence(
            "informed_step", [policy, *informers], r.texts(
                en=f'{q(policy.text, "en")} draws on '
                   f'{qs([s.text for s in informers], "en")}.',
                de=f'{q(policy.text, "de")} stützt sich auf '
                   f'{qs([s.text for s in informers], "de")}.')))
    hotspots = graph.hotspots(policy.id)
    for hotspot in hotspots:
        evidence.append(hotspot_evidence(r, hotspot, policy))
        for task, lexicon in V.HOTSPOT_TASK_CUES.items():
            if lexicon.matches(r.words(hotspot)):
                add_vote(votes, task, 1.0)
    outcomes = list(verdicts) or [e for c in issued for e in graph.outcomes(c.id)]
    volume = r.volume(policy)
    effort = effort_evidence(r, policy, volume, None)
    if effort is not None:
        evidence.append(effort)
    task, others = choose_task(votes)
    for item in evidence:
        if item["rule"] in ("task_words", "task_words_weak"):
            item["texts"] = task_sentence(r, policy, reading, task)
    actors = [a for a in graph.neighbours(policy.id, K.ACTOR)
              if not r.is_machine(a) and not r.is_external(a)]
    upstream = graph.predecessors(policy.id, K.EVENT)
    return Candidate(
        anchor=policy, task=task, alternative_tasks=others,
        actor=actors[0].text if actors else None, inputs=[*informers, *upstream],
        upstream=upstream, outcomes=outcomes,
        classes=r.class_names(verdicts) if verdicts else (), hotspots=hotspots,
        volume=volume[0] if volume else None, minutes=None, evidence=evidence,
        risk_flags=r.risk_flags([policy, *issued, *actors, *informers, *outcomes, *upstream]),
        votes=votes)


def system_candidate(r: BoardReader, system: Sticky) -> Candidate | None:
    """An outside system that answers with a yes or a no ("Credit bureau" ->
    "Credit approved" / "Credit declined") takes a decision of its own."""
    if not r.verdict_events(r.graph.successors(system.id, K.EVENT)):
        return None
    return policy_candidate(r, system, [])
