"""Customers' steps a model can still help with: recommendations and documents they hand in.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventstorming.detection import vocabulary as V
from eventstorming.detection.candidate import Candidate
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.phrases import q, qs, the
from eventstorming.detection.reading import (
    add_vote,
    at,
    choose_task,
    first_clause,
    mentions,
    object_head,
)
from eventstorming.model import Sticky


def customer_step(r: BoardReader, command: Sticky, person: Sticky) -> Candidate | None:
    """A customer's step that a model can still help with: picking from a catalogue
    or their own history is a recommendation (a ranking), and a document or image
    they hand in is an extraction. Anything else a customer does is their business."""
    informers = r.graph.predecessors(command.id, K.READMODEL, K.SYSTEM)
    documents = [s for s in informers if V.DOCUMENTS.matches(r.words(s))]
    evidence: list[dict] = []
    votes: dict[str, float] = {}
    if documents:
        names = qs([s.text for s in documents], "en"), qs([s.text for s in documents], "de")
        evidence.append(r.evidence(
            "document_input", [command, *documents], r.texts(
                en=f'{q(command.text, "en")} takes in {names[0]}: a model can read '
                   f'what it says instead of a person typing it.',
                de=f'{q(command.text, "de")} nimmt {names[1]} entgegen: ein Modell kann '
                   f'den Inhalt auslesen, statt dass ihn jemand abtippt.'), 0.4))
        if any(V.UNSTRUCTURED.matches(r.words(s)) for s in documents):
            evidence.append(r.evidence(
                "unstructured_input", documents, r.texts(
                    en=f'{qs([s.text for s in documents], "en")} is not text yet (an '
                       f'image or scan): reading it is work for a model.',
                    de=f'{qs([s.text for s in documents], "de")} ist noch kein Text '
                       f'(Bild oder Scan): das Auslesen ist Arbeit für ein Modell.'), 0.15))
        add_vote(votes, "extraction", 3.0)
    else:
        ranked = recommendation(r, command, person, informers)
        if ranked:
            evidence += ranked
            add_vote(votes, "ranking", 3.0)
    if not evidence:
        return None
    task, others = choose_task(votes)
    outcomes = r.graph.outcomes(command.id)
    return Candidate(
        anchor=command, task=task, alternative_tasks=others, actor=None,
        inputs=informers, upstream=[], outcomes=outcomes, classes=(),
        hotspots=r.graph.hotspots(command.id),
        volume=command.volume_per_day, minutes=command.minutes, evidence=evidence,
        risk_flags=r.risk_flags([command, *informers, *outcomes]), votes=votes)


def recommendation(r: BoardReader, command: Sticky, person: Sticky,
                    informers: Sequence[Sticky]) -> list[dict]:
    """Evidence that a customer picks from a list a recommender could rank: the step
    adds or chooses a thing, and what is in front of them lists such things or their
    history. Things the person makes themselves on the board ("CreateEmptyMealPlan"
    before "AddMealPlanToShoppingList") are theirs to pick, not to be recommended."""
    text = first_clause(r.words(command))
    verb = at(V.CHOOSING, text, "first") or (
        at(V.CHOOSING, text, "last") if r.lang == "de" else ())
    if not verb:
        return []
    thing = object_head(text, verb[0])
    if not thing or made_by_person(r, thing, person, command):
        return []
    history = [s for s in informers if V.HISTORY.matches(r.words(s))]
    listed = [s for s in informers if V.CATALOGUE.matches(r.words(s))
              and mentions(r.words(s), thing)]
    if not history and not listed:
        return []
    shown = history or listed
    evidence = [r.evidence(
        "recommendation", [command, person, *shown], r.texts(
            en=f'{the(person.text, "en")} picks {q(thing, "en")} at '
               f'{q(command.text, "en")} from {qs([s.text for s in shown], "en")}: '
               f'suggesting the likeliest ones first is a ranking.',
            de=f'{the(person.text, "de")} wählt bei {q(command.text, "de")} '
               f'{q(thing, "de")} aus {qs([s.text for s in shown], "de")}: die '
               f'wahrscheinlichsten zuerst vorzuschlagen ist ein Ranking.'),
        0.45 if history else 0.35)]
    if any(mentions(r.words(s), thing) for s in shown):
        evidence.append(r.evidence(
            "catalogue", [command, *shown], r.texts(
                en=f'{qs([s.text for s in shown], "en")} lists the very things chosen '
                   f'({q(thing, "en")}): the candidates to rank.',
                de=f'{qs([s.text for s in shown], "de")} listet genau das Gewählte '
                   f'({q(thing, "de")}): die Kandidaten für das Ranking.'), 0.2))
    return evidence


def made_by_person(r: BoardReader, thing: str, person: Sticky, command: Sticky) -> bool:
    """Whether the person makes ``thing`` themselves in another step of theirs on the board."""
    for other in r.graph.successors(person.id, K.COMMAND):
        if other.id == command.id:
            continue
        text = r.words(other)
        verb = at(V.CREATING, text, "first") or at(V.CREATING, text, "last")
        if verb and " ".join(text.casefold().split()).endswith(thing.casefold()):
            return True
    return False
