"""One decision, one opportunity: folding steps that belong together.

A step that only shows information ("View Assignment Recommendations") is folded into the
person's next decision, and consecutive decisions of one person on one aggregate about the
same quantity ("Calculate Market Value", "Set Appraised Value") into the strongest.
"""

from __future__ import annotations

from eventstorming.detection.candidate import Candidate
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.phrases import q
from eventstorming.detection.reading import (
    add_vote,
    choose_task,
    head_noun,
)


def merge_steps(r: BoardReader, found: list[Candidate]) -> list[Candidate]:
    """One decision, one opportunity: a step that only shows information ("View
    Assignment Recommendations") is folded into the person's next decision, and
    consecutive decisions of one person on one aggregate with the same task
    ("Calculate Market Value", "Set Appraised Value") into the strongest of them."""
    by_anchor = {c.anchor.id: c for c in found}
    absorbed: set[str] = set()
    for actor in r.board.of_kind(K.ACTOR):
        steps = r.graph.successors(actor.id, K.COMMAND)
        run: list[Candidate] = []
        for step in [*steps, None]:
            cand = by_anchor.get(step.id) if step is not None else None
            if cand is not None and cand.anchor.id not in absorbed and (
                    not run or same_decision(r, run[-1], cand)):
                run.append(cand)
                continue
            if len(run) > 1:
                keep = max(run, key=lambda c: (not r.viewing(c.anchor), c.score,
                                               -c.anchor.order))
                for other in run:
                    if other is not keep:
                        absorb(r, keep, other)
                        absorbed.add(other.anchor.id)
            run = [cand] if cand is not None and cand.anchor.id not in absorbed else []
    return [c for c in found if c.anchor.id not in absorbed]


def same_decision(r: BoardReader, before: Candidate, after: Candidate) -> bool:
    """Whether ``after`` continues the decision ``before`` started (see the module)."""
    if r.viewing(before.anchor):
        return True
    # the same quantity decided twice ("Calculate Market Value", "Set Appraised Value")
    handlers = {h.id for h in r.graph.handlers(before.anchor.id)}
    shared = handlers & {h.id for h in r.graph.handlers(after.anchor.id)}
    same_place = bool(shared) if handlers else before.anchor.lane == after.anchor.lane
    head = head_noun(r.words(before.anchor))
    return (same_place and before.task == after.task and bool(head)
            and head == head_noun(r.words(after.anchor)))


def absorb(r: BoardReader, keep: Candidate, other: Candidate) -> None:
    """Fold ``other`` into ``keep``: its evidence, inputs and task votes."""
    keep.merged = (*keep.merged, other.anchor.id, *other.merged)
    ruled = {e["rule"] for e in keep.evidence}
    # the same kind of sign counts once; a new kind adds to the score
    keep.evidence += [item for item in other.evidence if item["rule"] not in ruled]
    keep.evidence.append(r.evidence(
        "same_decision", [keep.anchor, other.anchor], r.texts(
            en=f'{q(other.anchor.text, "en")} is part of the same decision and is '
               f'covered here.',
            de=f'{q(other.anchor.text, "de")} gehört zur selben Entscheidung und ist '
               f'hier mit erfasst.'), 0.0))
    keep.inputs = list({s.id: s for s in [*keep.inputs, *other.inputs]}.values())
    keep.hotspots = list({s.id: s for s in [*keep.hotspots, *other.hotspots]}.values())
    votes = dict(keep.votes)
    for task, weight in other.votes.items():
        add_vote(votes, task, weight)
    keep.votes = votes
    keep.task, keep.alternative_tasks = choose_task(votes)
    keep.risk_flags = tuple(dict.fromkeys((*keep.risk_flags, *other.risk_flags)))
