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
        # the group lists every alternative, the anchor too where it is one of them
        if anchor.id in merged:
            return
        others = [m for m in members if m.id != anchor.id and m.id not in groups]
        if not others:
            return
        group = groups.setdefault(anchor.id, [])
        if any(m.id == anchor.id for m in members) and anchor not in group:
            group.insert(0, anchor)
        for member in others:
            if member.id not in merged and member not in group:
                group.append(member)
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


_COUNT = {"en": {2: "two", 3: "three", 4: "four"}, "de": {2: "zwei", 3: "drei", 4: "vier"}}


def alternative_evidence(r: BoardReader, anchor: Sticky,
                         members: Sequence[Sticky]) -> list[dict]:
    """Evidence that ``anchor`` decides between ``members`` (the anchor among them where it
    is one of the alternatives): the classes, and a verdict where a yes and a no are among
    them."""
    names = [m for m in members if m.id != anchor.id]
    among = any(m.id == anchor.id for m in members)
    options = list(members) if among else names
    listed = {lang: qs([m.text for m in options], lang) for lang in ("en", "de")}
    if among:
        texts = r.texts(
            en=f'Each case goes one of {_COUNT["en"].get(len(options), "several")} ways, '
               f'{listed["en"]}: these are the classes, and past choices are the labels.',
            de=f'Jeder Fall geht einen von {_COUNT["de"].get(len(options), "mehreren")} '
               f'Wegen, {listed["de"]}: das sind die Klassen, vergangene Entscheidungen '
               f'liefern die Labels.')
    else:
        texts = r.texts(
            en=f'{q(anchor.text, "en")} leads to the alternatives {listed["en"]}: these are '
               f'the classes, and past choices are the labels.',
            de=f'{q(anchor.text, "de")} führt zu den Alternativen {listed["de"]}: das sind '
               f'die Klassen, vergangene Entscheidungen liefern die Labels.')
    evidence = [r.evidence("alternative_outcomes", [anchor, *names], texts)]
    verdicts = {r.verdict(m) for m in options}
    if {"positive", "negative"} <= verdicts:
        yes = [m for m in options if r.verdict(m) == "positive"]
        no = [m for m in options if r.verdict(m) == "negative"]
        evidence.append(r.evidence(
            "verdict", [anchor, *names], r.texts(
                en=f'{q(anchor.text, "en")} says yes ({qs([m.text for m in yes], "en")}) or '
                   f'no ({qs([m.text for m in no], "en")}) to each case: a verdict a model '
                   f'can learn from past cases.',
                de=f'{q(anchor.text, "de")} sagt Ja ({qs([m.text for m in yes], "de")}) oder '
                   f'Nein ({qs([m.text for m in no], "de")}) zu jedem Fall: ein Urteil, das '
                   f'ein Modell aus vergangenen Fällen lernen kann.')))
    return evidence
