"""Alternative outcomes: a decision between a yes and a no is a classification.

Commands that follow one event or concern one case with a positive and a negative verdict
("Accept claim" / "Reject claim") are the alternatives of one decision, anchored on the
judgment that leads to them; their outcomes are the classes and past choices the labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventstorming.detection import vocabulary as V
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.phrases import q, qs
from eventstorming.model import Sticky


def decision_groups(r: BoardReader, commands: Sequence[Sticky]
                     ) -> tuple[dict[str, list[Sticky]], set[str]]:
    """Commands that are the alternatives of one decision, by the command that takes
    the decision (the anchor).

    Alternatives are commands with a positive and a negative verdict that follow the
    same event ("Assessment performed" -> "Accept claim…" / "Reject claim") or concern
    the same case ("Accept Meeting Group Proposal" / "Reject Meeting Group Proposal").
    The anchor is the judgment that leads to them ("Check insurance") where there is
    one, else the first alternative. Answers to one's own work ("Accept Assignment")
    and access administration are no decisions about a case.
    """
    groups: dict[str, list[Sticky]] = {}
    merged: set[str] = set()

    def add(anchor: Sticky, members: Sequence[Sticky]) -> None:
        if anchor.id in merged:
            return
        others = [m for m in members if m.id != anchor.id and m.id not in groups]
        if not others:
            return
        groups.setdefault(anchor.id, [])
        for member in others:
            if member.id not in merged and member not in groups[anchor.id]:
                groups[anchor.id].append(member)
                merged.add(member.id)

    def decision(members: Sequence[Sticky]) -> bool:
        verdicts = {r.verdict(m) for m in members}
        if not {"positive", "negative"} <= verdicts:
            return False
        return not any(V.OWN_RESPONSE.matches(r.verdict_object(m))
                       or V.ADMINISTRATION.matches(r.words(m)) for m in members)

    for event in sorted(r.board.of_kind(K.EVENT), key=lambda s: s.order):
        followers = r.graph.successors(event.id, K.COMMAND) + [
            c for p in r.graph.successors(event.id, K.POLICY)
            for c in r.graph.successors(p.id, K.COMMAND)]
        followers = list({c.id: c for c in followers}.values())
        if len(followers) < 2 or not decision(followers):
            continue
        makers = [c for c in r.producers(event)
                  if c.id not in {f.id for f in followers}
                  and not r.reading(c).transactional]
        add(makers[0] if makers else followers[0], followers)
    by_case: dict[str, list[Sticky]] = {}
    for command in commands:
        if r.verdict(command) in ("positive", "negative", "pending"):
            case = r.verdict_object(command)
            if case:
                by_case.setdefault(case, []).append(command)
    for members in by_case.values():
        if len(members) >= 2 and decision(members):
            add(members[0], members)
    return groups, merged


def alternative_evidence(r: BoardReader, anchor: Sticky, members: Sequence[Sticky]) -> list[dict]:
    """Evidence that ``anchor`` decides between ``members``: the classes, and a verdict
    where a yes and a no are among them."""
    names = [m for m in members if m.id != anchor.id]
    options = [m for m in members] if anchor in members else names
    texts = r.texts(
        en=f'{q(anchor.text, "en")} is decided one way or another: '
           f'{qs([m.text for m in options], "en")} are the alternatives (the classes), '
           f'and past choices are the labels.',
        de=f'{q(anchor.text, "de")} wird so oder so entschieden: '
           f'{qs([m.text for m in options], "de")} sind die Alternativen (die Klassen), '
           f'vergangene Entscheidungen liefern die Labels.')
    if anchor not in members:
        texts = r.texts(
            en=f'{q(anchor.text, "en")} leads to the alternatives '
               f'{qs([m.text for m in options], "en")}: these are the classes, and past '
               f'choices are the labels.',
            de=f'{q(anchor.text, "de")} führt zu den Alternativen '
               f'{qs([m.text for m in options], "de")}: das sind die Klassen, '
               f'vergangene Entscheidungen liefern die Labels.')
    evidence = [r.evidence("alternative_outcomes", [anchor, *names], texts)]
    verdicts = {r.verdict(m) for m in options}
    if {"positive", "negative"} <= verdicts:
        evidence.append(r.evidence(
            "verdict", [anchor, *names], r.texts(
                en=f'{qs([m.text for m in options], "en", "or")} is a yes or no about each '
                   f'case at {q(anchor.text, "en")}: a verdict a model can learn from past '
                   f'cases.',
                de=f'{qs([m.text for m in options], "de", "oder")} ist ein Ja oder Nein zu '
                   f'jedem Fall bei {q(anchor.text, "de")}: ein Urteil, das ein Modell aus '
                   f'vergangenen Fällen lernen kann.')))
    return evidence
