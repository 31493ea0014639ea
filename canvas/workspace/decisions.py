"""What a product owner decided about a board's opportunities: accepted, dismissed, by hand.

Detection (:func:`eventstorming.detection.detector.detect`) proposes; people decide. The
workshop document ``decisions`` keeps, per opportunity id, the latest mark (``accepted`` or
``dismissed``, with author and time) and the opportunities added or edited by hand::

    marks:   {opp-c-assign-expense-category: {status: accepted, author: Ana, at: ...}}
    manual:  {manual-check-mileage: {...Opportunity JSON, source: manual...}}

An opportunity edited by hand keeps its id, so its marks, scores and canvas stay with it;
the hand-made version replaces the detected one wherever it is shown. Ids are derived from
anchor stickies, so decisions survive a re-detection after the board changed; marks for
opportunities no longer on the board are kept (and come back with the sticky) but are not
shown.

Everything is a pure function over frozen values; only :func:`load_decisions` and
:func:`save_decisions` touch the workspace (atomic, revisioned, ``ConflictError`` when the
document moved on since it was read).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import ValidationError

from eventstorming.detection.opportunity import ML_TASKS, Opportunity, StickyRef
from eventstorming.graph import BoardGraph
from eventstorming.model import Board, Kind, fold, slugify

DECISIONS_DOC = "decisions"
Status = Literal["new", "accepted", "dismissed"]
STATUSES: tuple[str, ...] = ("new", "accepted", "dismissed")
#: Kinds a hand-made opportunity may be anchored on.
ANCHOR_KINDS = (Kind.COMMAND, Kind.POLICY, Kind.OPPORTUNITY, Kind.EVENT, Kind.READMODEL)
#: The detector's confidence given to an opportunity added by hand (people saw it).
MANUAL_SCORE = 0.5


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Mark:
    """One decision about one opportunity: its status, who decided and when."""

    status: Status
    author: str
    at: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status '{self.status}' (expected one of "
                             f"{', '.join(STATUSES)})")
        if not str(self.author).strip():
            raise ValueError("a decision needs an author")

    def to_data(self) -> dict[str, str]:
        return {"status": self.status, "author": self.author, "at": self.at}


@dataclass(frozen=True)
class Decisions:
    """The ``decisions`` document of one workshop (see the module docstring)."""

    marks: Mapping[str, Mark] = field(default_factory=dict)
    manual: Mapping[str, Opportunity] = field(default_factory=dict)

    # ------------------------------------------------------------------ reading
    @classmethod
    def from_data(cls, data: Any) -> Decisions:
        """Decisions from the stored document (``None``: nothing decided yet).

        Raises:
            ValueError: the document is malformed; the message names the entry.
        """
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("the decisions document must be a mapping with 'marks' and "
                             "'manual'")
        marks: dict[str, Mark] = {}
        for opp_id, item in (data.get("marks") or {}).items():
            if not isinstance(item, dict):
                raise ValueError(f"decisions.marks.{opp_id} must be a mapping")
            marks[str(opp_id)] = Mark(item.get("status"), str(item.get("author") or ""),
                                      str(item.get("at") or ""))
        manual: dict[str, Opportunity] = {}
        for opp_id, item in (data.get("manual") or {}).items():
            try:
                manual[str(opp_id)] = Opportunity.model_validate(item)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise ValueError(f"decisions.manual.{opp_id}.{where}: {first['msg']}") \
                    from None
        return cls(marks, manual)

    def to_data(self) -> dict[str, Any]:
        return {"marks": {k: m.to_data() for k, m in self.marks.items()},
                "manual": {k: o.to_json() for k, o in self.manual.items()}}

    def status(self, opportunity_id: str) -> Status:
        mark = self.marks.get(opportunity_id)
        return mark.status if mark else "new"

    # ------------------------------------------------------------------ changing
    def mark(self, opportunity_id: str, status: Status, author: str,
             at: str | None = None) -> Decisions:
        """A copy with ``opportunity_id`` marked ``status`` (``new`` restores it)."""
        if not opportunity_id:
            raise ValueError("a decision needs the id of its opportunity")
        marks = dict(self.marks)
        marks[opportunity_id] = Mark(status, author, at or _now())
        return replace(self, marks=marks)

    def accept(self, opportunity_id: str, author: str, at: str | None = None) -> Decisions:
        return self.mark(opportunity_id, "accepted", author, at)

    def dismiss(self, opportunity_id: str, author: str, at: str | None = None) -> Decisions:
        return self.mark(opportunity_id, "dismissed", author, at)

    def restore(self, opportunity_id: str, author: str, at: str | None = None) -> Decisions:
        """Undo an accept or a dismiss: the opportunity is open again."""
        return self.mark(opportunity_id, "new", author, at)

    def with_manual(self, opportunity: Opportunity) -> Decisions:
        """A copy holding ``opportunity`` as added or edited by hand (same id replaces)."""
        manual = dict(self.manual)
        manual[opportunity.id] = opportunity.model_copy(update={"source": "manual"})
        return replace(self, manual=manual)

    def promote(self, candidate: Opportunity, author: str, at: str | None = None) -> Decisions:
        """Take a near miss of detection as an opportunity: kept with its evidence (and
        without what it lacked) as added by hand, and accepted by ``author``."""
        kept = candidate.model_copy(update={"missing": ()})
        return self.with_manual(kept).accept(candidate.id, author, at)

    def without_manual(self, opportunity_id: str) -> Decisions:
        """Drop a hand-made version: a detected opportunity shows as detected again."""
        manual = {k: v for k, v in self.manual.items() if k != opportunity_id}
        return replace(self, manual=manual)


# --------------------------------------------------------------------------- views

@dataclass(frozen=True)
class OpportunityCard:
    """One opportunity as the app shows it: the (possibly hand-edited) opportunity, its
    status, and whether detection found it and whether a person edited it."""

    opportunity: Opportunity
    status: Status
    detected: bool
    edited: bool
    mark: Mark | None = None

    @property
    def id(self) -> str:
        return self.opportunity.id


def opportunity_cards(detected: Sequence[Opportunity], decisions: Decisions,
                      statuses: Iterable[str] = STATUSES) -> list[OpportunityCard]:
    """Every opportunity to show, best first (the detector's score; hand-made ones at
    :data:`MANUAL_SCORE` or the score they kept), filtered to ``statuses``."""
    wanted = set(statuses)
    cards: list[tuple[float, int, OpportunityCard]] = []
    seen = set()
    for index, opp in enumerate(detected):
        seen.add(opp.id)
        shown = decisions.manual.get(opp.id, opp)
        cards.append((shown.score, index, OpportunityCard(
            shown, decisions.status(opp.id), True, opp.id in decisions.manual,
            decisions.marks.get(opp.id))))
    for index, (opp_id, opp) in enumerate(decisions.manual.items(), start=len(detected)):
        if opp_id not in seen:
            cards.append((opp.score, index, OpportunityCard(
                opp, decisions.status(opp_id), False, True, decisions.marks.get(opp_id))))
    cards.sort(key=lambda item: (-item[0], item[1]))
    return [card for _, _, card in cards if card.status in wanted]


def card_numbers(cards: Sequence[OpportunityCard]) -> dict[str, int]:
    """The number each card shows, by id: the open and accepted cards 1, 2, 3… in the
    order given, then the dismissed ones, so that a dismissal leaves no gap in the list
    people read (and the board picture numbers its anchors the same way)."""
    shown = [c for c in cards if c.status != "dismissed"] + \
        [c for c in cards if c.status == "dismissed"]
    return {card.id: n for n, card in enumerate(shown, start=1)}


def open_candidates(candidates: Sequence[Opportunity],
                    decisions: Decisions) -> list[Opportunity]:
    """The near misses not yet taken: those promoted (kept by hand) drop out."""
    return [c for c in candidates if c.id not in decisions.manual]


def accepted_opportunities(detected: Sequence[Opportunity],
                           decisions: Decisions) -> list[Opportunity]:
    """The accepted opportunities (hand-edited versions where there are), in the order
    they were accepted."""
    cards = {c.id: c for c in opportunity_cards(detected, decisions, ("accepted",))}
    return [cards[i].opportunity for i in sorted(cards, key=lambda i: decisions.marks[i].at)]


# --------------------------------------------------------------------------- by hand

def anchor_choices(board: Board) -> list[str]:
    """Ids of the stickies a hand-made opportunity can be anchored on, in timeline order."""
    kinds = set(ANCHOR_KINDS)
    return [s.id for s in sorted(board.stickies, key=lambda s: s.order) if s.kind in kinds]


def manual_opportunity(board: Board, *, title: str, task: str, anchor_id: str,
                       actor: str | None = None, high_stakes: bool | None = None,
                       opportunity_id: str | None = None,
                       taken: Iterable[str] = (),
                       base: Opportunity | None = None,
                       existing: Iterable[Opportunity] = ()) -> Opportunity:
    """An opportunity written by hand, anchored on a sticky of ``board``.

    Inputs, outcomes, upstream events, hotspots, volume and minutes are read off the board
    around the anchor (as detection would), so a hand-made opportunity scores and prefills
    a canvas like a detected one. ``base`` is the opportunity being edited: it keeps its
    id, score and evidence, and the board context is read again only when the anchor moved.
    ``existing`` are the opportunities already on the list (detected and by hand): a title
    one of them has is refused, so the same opportunity cannot be added twice.

    Raises:
        ValueError: empty title, a title already on the list, unknown task, or an anchor
            that is not on the board; the message says which.
    """
    title = " ".join(str(title or "").split())
    if not title:
        raise ValueError("title: an opportunity needs a title")
    keep = base.id if base is not None else opportunity_id
    twin = next((o for o in existing if o.id != keep and fold(o.title) == fold(title)), None)
    if twin is not None:
        raise ValueError(f"title: “{title}” is already on the list (anchored on "
                         f"“{twin.anchor.text}”); edit that one, or give this one another "
                         "title")
    if task not in ML_TASKS:
        raise ValueError(f"task: '{task}' is not an ML task (expected one of "
                         f"{', '.join(ML_TASKS)})")
    stickies = board.by_id()
    if anchor_id not in stickies:
        raise ValueError(f"anchor: there is no sticky '{anchor_id}' on the board")
    anchor = stickies[anchor_id]
    actor = " ".join(str(actor or "").split()) or None
    if base is not None and base.anchor.id == anchor_id:
        update: dict[str, Any] = {"title": title, "task": task, "actor": actor,
                                  "source": "manual"}
        if high_stakes is not None:
            update["high_stakes"] = high_stakes
        return base.model_copy(update=update)
    graph = BoardGraph(board)
    command_like = anchor.kind == Kind.COMMAND
    inputs = graph.informers(anchor_id) if command_like else \
        graph.predecessors(anchor_id, Kind.READMODEL, Kind.SYSTEM)
    outcomes = graph.outcomes(anchor_id) if command_like else \
        graph.successors(anchor_id, Kind.EVENT)
    upstream = graph.upstream_events(anchor_id) if command_like else \
        graph.predecessors(anchor_id, Kind.EVENT)
    if actor is None and command_like:
        actors = graph.issuers(anchor_id).all_actors
        actor = actors[0].text if actors else None
    volume = next((s.volume_per_day for s in [anchor, *upstream, *outcomes]
                   if s.volume_per_day is not None), None)
    minutes = next((s.minutes for s in [anchor, *outcomes] if s.minutes is not None), None)
    if opportunity_id is None:
        taken = set(taken)
        base_id = f"manual-{slugify(title, max_len=50)}"
        opportunity_id, n = base_id, 2
        while opportunity_id in taken:
            opportunity_id, n = f"{base_id}-{n}", n + 1
    return Opportunity(
        id=opportunity_id, title=title, task=task, anchor=StickyRef.of(anchor), actor=actor,
        inputs=tuple(StickyRef.of(s) for s in [*inputs, *upstream]),
        outcomes=tuple(StickyRef.of(s) for s in outcomes),
        upstream=tuple(StickyRef.of(s) for s in upstream),
        hotspots=tuple(StickyRef.of(s) for s in graph.hotspots(anchor_id)),
        volume_per_day=volume, minutes=minutes, high_stakes=bool(high_stakes),
        score=base.score if base is not None else MANUAL_SCORE, lang=board.lang,
        evidence=base.evidence if base is not None else (), source="manual")


# --------------------------------------------------------------------------- workspace

def load_decisions(workspace: Any, workshop: str) -> tuple[Decisions, int]:
    """The workshop's decisions, with the revision they were read at (0: none yet)."""
    doc = workspace.read(workshop, DECISIONS_DOC)
    return Decisions.from_data(doc.data), doc.revision


def save_decisions(workspace: Any, workshop: str, decisions: Decisions,
                   expected_revision: int, author: str | None = None) -> int:
    """Save as a new revision; ``canvas.workspace.store.ConflictError`` when someone saved since
    ``expected_revision``. Returns the new revision."""
    return workspace.write(workshop, DECISIONS_DOC, decisions.to_data(), expected_revision,
                           author=author)
