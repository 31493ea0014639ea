"""Events as anchors: Big Picture boards, where no command carries the judgment.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventstorming.detection import vocabulary as V
from eventstorming.detection.candidate import Candidate
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.phrases import q, qs, the
from eventstorming.detection.reading import (
    add_vote,
    choose_task,
    unique_words,
)
from eventstorming.detection.signals.documents import is_data_entry
from eventstorming.detection.signals.effort import effort_evidence
from eventstorming.detection.signals.hotspots import hotspot_evidence
from eventstorming.detection.signals.outcomes import alternative_evidence
from eventstorming.model import Sticky


def outcome_event_candidates(r: BoardReader, covered: set[str]) -> list[Candidate]:
    """Events that record a judgment no command, policy or system on the board carries:
    the anchors of Big Picture boards. A yes and a no about the same thing ("Claim
    approved" / "Claim rejected") are a decision; an event worded as a judgment
    ("Risk assessed") is one when a person or a hotspot stands by it."""
    free = [e for e in sorted(r.board.of_kind(K.EVENT), key=lambda s: s.order)
            if e.id not in covered and not r.producers(e)
            and not r.graph.predecessors(e.id, K.COMMAND, K.POLICY, K.SYSTEM,
                                            K.AGGREGATE)]
    found: list[Candidate] = []
    by_subject: dict[str, list[Sticky]] = {}
    for event in free:
        if r.verdict(event):
            by_subject.setdefault(r.verdict_object(event), []).append(event)
    paired: set[str] = set()
    for subject, events in by_subject.items():
        verdicts = r.verdict_events(events)
        if subject and verdicts:
            found.append(event_candidate(r, verdicts[0], verdicts))
            paired |= {e.id for e in verdicts}
    for event in free:
        if event.id in paired:
            continue
        reading = r.reading(event)
        if V.ADMINISTRATION.matches(r.words(event)):
            continue
        if reading.judgment and not (set(reading.votes) <= {"extraction"}
                                     and is_data_entry(r, event, reading)):
            found.append(event_candidate(r, event, []))
        elif any(r.reading(h).strong for h in r.nearby(event, K.HOTSPOT)):
            found.append(event_candidate(r, event, []))
    return found


def event_candidate(r: BoardReader, event: Sticky, verdicts: Sequence[Sticky]) -> Candidate:
    """The candidate anchored on a free event: a verdict pair, an event worded as a
    judgment, or one a hotspot beside it names."""
    graph = r.graph
    reading = r.reading(event)
    votes = dict(reading.votes)
    evidence: list[dict] = []
    if verdicts:
        evidence += alternative_evidence(r, event, verdicts)
        add_vote(votes, "classification", 3.0)
    elif not reading.judgment:
        # the hotspots beside it name the judgment ("60 % der Anträge sind unvollständig")
        named = [h for h in r.nearby(event, K.HOTSPOT) if r.reading(h).strong]
        words = unique_words(w for h in named for w in r.reading(h).judgment_words)
        for h in named:
            for task, weight in r.reading(h).votes.items():
                add_vote(votes, task, weight)
        evidence.append(r.evidence(
            "hotspot_judgment", [event, *named], r.texts(
                en=f'The hotspot {qs([h.text for h in named], "en")} beside '
                   f'{q(event.text, "en")} names a judgment ({qs(words, "en")}) that a '
                   f'prediction could support.',
                de=f'Der Hotspot {qs([h.text for h in named], "de")} bei '
                   f'{q(event.text, "de")} benennt eine Einschätzung ({qs(words, "de")}), '
                   f'die eine Vorhersage unterstützen kann.')))
    else:
        words = [w for w in reading.judgment_words]
        # people judging differently makes even a plain word a judgment
        disputed = any(V.PAIN["disagreement"].matches(r.words(h)) for h in
                       r.graph.hotspots(event.id) + r.nearby(event, K.HOTSPOT))
        evidence.append(r.evidence(
            "outcome_event", [event], r.texts(
                en=f'The event {q(event.text, "en")} records the result of a judgment '
                   f'({qs(words, "en")}): a prediction could prepare it.',
                de=f'Das Ereignis {q(event.text, "de")} hält das Ergebnis einer '
                   f'Einschätzung fest ({qs(words, "de")}): eine Vorhersage kann sie '
                   f'vorbereiten.'), 0.35 if reading.strong or disputed else 0.2))
    stickies = [event, *verdicts]
    actors = [a for s in stickies for a in
              graph.predecessors(s.id, K.ACTOR) + r.nearby(s, K.ACTOR)
              if not r.is_machine(a) and not r.is_external(a)]
    actors = list({a.id: a for a in actors}.values())
    if actors:
        evidence.append(r.evidence(
            "human_decision", [actors[0], event], r.texts(
                en=f'{the(actors[0].text, "en")} brings about {q(event.text, "en")}: '
                   f'a person\'s judgment is at work.',
                de=f'{the(actors[0].text, "de")} führt {q(event.text, "de")} herbei: '
                   f'hier urteilt ein Mensch.')))
    informers = [r for s in stickies for r in graph.predecessors(s.id, K.READMODEL,
                                                                K.SYSTEM)]
    hotspots = list({h.id: h for s in stickies
                     for h in graph.hotspots(s.id) + r.nearby(s, K.HOTSPOT)}.values())
    for hotspot in hotspots:
        evidence.append(hotspot_evidence(r, hotspot, event))
        for task, lexicon in V.HOTSPOT_TASK_CUES.items():
            if lexicon.matches(r.words(hotspot)):
                add_vote(votes, task, 1.0)
    volume = r.volume(event)
    effort = effort_evidence(r, event, volume, event.minutes)
    if effort is not None:
        evidence.append(effort)
    task, others = choose_task(votes)
    upstream = graph.predecessors(event.id, K.EVENT)
    return Candidate(
        anchor=event, task=task, alternative_tasks=others,
        actor=actors[0].text if actors else None, inputs=[*informers, *upstream],
        upstream=upstream, outcomes=list(verdicts), classes=r.class_names(verdicts)
        if verdicts else (), hotspots=hotspots, volume=volume[0] if volume else None,
        minutes=event.minutes, evidence=evidence,
        risk_flags=r.risk_flags([*stickies, *actors, *informers]), votes=votes)
