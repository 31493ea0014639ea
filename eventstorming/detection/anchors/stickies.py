"""Opportunity stickies as anchors, where they concern no detected step.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventstorming.detection.candidate import Candidate
from eventstorming.detection.context import ANNOTATING, BoardReader, K
from eventstorming.detection.phrases import q, qs
from eventstorming.detection.reading import add_vote, choose_task
from eventstorming.detection.signals.wording import task_sentence
from eventstorming.model import Sticky


def opportunity_sticky_candidate(r: BoardReader, sticky: Sticky,
                                 linked: Sequence[Sticky]) -> Candidate:
    """The candidate anchored on an opportunity sticky the workshop wrote."""
    graph = r.graph
    reading = r.reading(sticky)
    names = [s for s in linked if s.kind not in ANNOTATING]
    on_en = f' on {qs([s.text for s in names], "en")}' if names else ""
    on_de = f' an {qs([s.text for s in names], "de")}' if names else ""
    evidence = [r.evidence(
        "opportunity_sticky", [sticky, *names], r.texts(
            en=f'The workshop wrote {q(sticky.text, "en")} as an opportunity{on_en}.',
            de=f'Der Workshop hat {q(sticky.text, "de")} als Chance notiert{on_de}.'))]
    votes = dict(reading.votes)
    for other in names:
        for task, weight in r.reading(other).votes.items():
            add_vote(votes, task, 0.5 * weight)
    task, others = choose_task(votes)
    if reading.judgment:
        evidence.append(r.evidence(
            "task_words" if reading.strong else "task_words_weak", [sticky],
            task_sentence(r, sticky, reading, task)))
    commands = [s for s in names if s.kind == K.COMMAND]
    informers = [i for c in commands for i in graph.local_informers(c.id)]
    upstream = [e for c in commands for e in graph.local_upstream_events(c.id)]
    outcomes = [e for c in commands for e in graph.outcomes(c.id)]
    actors = [a for c in commands for a in graph.issuers(c.id).all_actors
              if not r.is_machine(a) and not r.is_external(a)]
    hotspots = [h for s in [sticky, *names] for h in graph.hotspots(s.id)]
    volume = r.volume(names[0]) if names else None
    return Candidate(
        anchor=sticky, task=task, alternative_tasks=others,
        actor=actors[0].text if actors else (names[0].lane if names else sticky.lane),
        inputs=list({s.id: s for s in [*informers, *upstream]}.values()),
        upstream=upstream, outcomes=outcomes, classes=(), hotspots=hotspots,
        volume=volume[0] if volume else None, minutes=None, evidence=evidence,
        risk_flags=r.risk_flags([sticky, *names, *actors, *informers, *outcomes]))
