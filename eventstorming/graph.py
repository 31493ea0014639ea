"""The board as a directed graph, with each link's meaning inferred from the kinds it joins.

:class:`BoardGraph` answers the questions opportunity detection and the grammar checks ask:
who issues a command, what informs it, what it results in, what happened before it, which
hotspots and opportunity stickies concern it, and the timeline order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from eventstorming.model import Board, Kind, Sticky

K = Kind


class Relation(StrEnum):
    """What a link means, given the kinds of its two ends."""

    ISSUES = "issues"              # actor -> command, policy -> command
    HANDLED_BY = "handled_by"      # command -> aggregate | system
    RESULTS_IN = "results_in"      # command | aggregate | system -> event
    TRIGGERS = "triggers"          # event -> policy | command
    ASSIGNS = "assigns"            # policy -> actor (the policy hands work to a person)
    INFORMS = "informs"            # readmodel | system -> actor | command | policy
    UPDATES = "updates"            # event | system -> readmodel
    NOTIFIES = "notifies"          # event -> actor
    CONCERNS = "concerns"          # hotspot | opportunity | note <-> anything
    PRECEDES = "precedes"          # event -> event
    UNUSUAL = "unusual"            # any other pair; the grammar check explains it


#: (source kind, target kind) -> relation, for links drawn the usual way round.
RELATIONS: dict[tuple[Kind, Kind], Relation] = {
    (K.ACTOR, K.COMMAND): Relation.ISSUES,
    (K.POLICY, K.COMMAND): Relation.ISSUES,
    (K.COMMAND, K.AGGREGATE): Relation.HANDLED_BY,
    (K.COMMAND, K.SYSTEM): Relation.HANDLED_BY,
    (K.COMMAND, K.EVENT): Relation.RESULTS_IN,
    (K.AGGREGATE, K.EVENT): Relation.RESULTS_IN,
    (K.SYSTEM, K.EVENT): Relation.RESULTS_IN,
    (K.EVENT, K.POLICY): Relation.TRIGGERS,
    (K.EVENT, K.COMMAND): Relation.TRIGGERS,
    (K.POLICY, K.ACTOR): Relation.ASSIGNS,
    (K.READMODEL, K.ACTOR): Relation.INFORMS,
    (K.READMODEL, K.COMMAND): Relation.INFORMS,
    (K.READMODEL, K.POLICY): Relation.INFORMS,
    (K.SYSTEM, K.ACTOR): Relation.INFORMS,
    (K.SYSTEM, K.COMMAND): Relation.INFORMS,
    (K.SYSTEM, K.POLICY): Relation.INFORMS,
    (K.EVENT, K.READMODEL): Relation.UPDATES,
    (K.SYSTEM, K.READMODEL): Relation.UPDATES,  # a system feeds the data a read model shows
    (K.EVENT, K.ACTOR): Relation.NOTIFIES,
    (K.EVENT, K.EVENT): Relation.PRECEDES,
    (K.EVENT, K.SYSTEM): Relation.TRIGGERS,
}

_ANNOTATING = {K.HOTSPOT, K.OPPORTUNITY, K.NOTE}


def infer_relation(source: Kind, target: Kind) -> Relation:
    """The meaning of a link from a ``source`` sticky to a ``target`` sticky."""
    if source in _ANNOTATING or target in _ANNOTATING:
        return Relation.CONCERNS
    return RELATIONS.get((source, target), Relation.UNUSUAL)


def link_relation(source: Sticky, target: Sticky) -> Relation:
    """The meaning of a link between two stickies: :func:`infer_relation` of their kinds,
    and for a UI (a read model marked ``ui: true``, see :attr:`Sticky.is_ui`) the links a
    UI usually has: a read model or another UI shown in it, an actor working with it."""
    relation = infer_relation(source.kind, target.kind)
    if relation is Relation.UNUSUAL and (source.is_ui or target.is_ui):
        other = target if source.is_ui else source
        if other.kind in (K.READMODEL, K.ACTOR):
            return Relation.INFORMS
    return relation


@dataclass(frozen=True)
class Issuers:
    """Who issues a command: people directly, policies, and people behind those policies."""

    actors: tuple[Sticky, ...]
    policies: tuple[Sticky, ...]
    policy_actors: tuple[Sticky, ...]

    @property
    def all_actors(self) -> tuple[Sticky, ...]:
        return _unique(self.actors + self.policy_actors)


def _unique(stickies) -> tuple[Sticky, ...]:
    return tuple({s.id: s for s in stickies}.values())


class BoardGraph:
    """A read-only graph view of a board (a :class:`networkx.DiGraph`)."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.stickies: dict[str, Sticky] = board.by_id()
        graph = nx.DiGraph()
        for sticky in board.stickies:
            graph.add_node(sticky.id, sticky=sticky, kind=sticky.kind)
        for link in board.links:
            relation = link_relation(self.stickies[link.source], self.stickies[link.target])
            graph.add_edge(link.source, link.target, relation=relation)
        self.graph = graph

    # ------------------------------------------------------------------ basics
    def relation(self, source: str, target: str) -> Relation:
        return self.graph.edges[source, target]["relation"]

    def successors(self, sticky_id: str, *kinds: Kind) -> list[Sticky]:
        return self._filter(self.graph.successors(sticky_id), kinds)

    def predecessors(self, sticky_id: str, *kinds: Kind) -> list[Sticky]:
        return self._filter(self.graph.predecessors(sticky_id), kinds)

    def neighbours(self, sticky_id: str, *kinds: Kind) -> list[Sticky]:
        """Linked either way, in timeline order."""
        ids = set(self.graph.successors(sticky_id)) | set(self.graph.predecessors(sticky_id))
        return self._filter(ids, kinds)

    def _filter(self, ids, kinds) -> list[Sticky]:
        found = [self.stickies[i] for i in ids]
        if kinds:
            found = [s for s in found if s.kind in kinds]
        return sorted(found, key=lambda s: s.order)

    def degree(self, sticky_id: str) -> int:
        return self.graph.degree(sticky_id)

    def timeline(self) -> list[Sticky]:
        """All stickies in timeline order: by x where the board has positions, else by order."""
        return sorted(self.board.stickies,
                      key=lambda s: (s.x if s.x is not None else float("inf"), s.order))

    # ------------------------------------------------------------------ command questions
    def issuers(self, command_id: str) -> Issuers:
        """Who issues a command: actors linked to it, policies linked to it, and the actors
        those policies hand work to (or that are linked to them)."""
        actors = self.predecessors(command_id, K.ACTOR)
        policies = self.predecessors(command_id, K.POLICY)
        behind = [a for p in policies for a in self.neighbours(p.id, K.ACTOR)]
        return Issuers(tuple(actors), tuple(policies), _unique(behind))

    def handlers(self, command_id: str) -> list[Sticky]:
        """Aggregates and systems that handle a command."""
        return self.successors(command_id, K.AGGREGATE, K.SYSTEM)

    def informers(self, command_id: str) -> list[Sticky]:
        """Read models and systems that inform a command, directly or through its actors."""
        found = self.predecessors(command_id, K.READMODEL, K.SYSTEM)
        for actor in self.issuers(command_id).all_actors:
            found += self.predecessors(actor.id, K.READMODEL, K.SYSTEM)
        for policy in self.issuers(command_id).policies:
            found += self.predecessors(policy.id, K.READMODEL, K.SYSTEM)
        return sorted(_unique(found), key=lambda s: s.order)

    def outcomes(self, command_id: str) -> list[Sticky]:
        """Events a command results in: linked directly, or through the aggregate or system
        that handles it. An aggregate shared by several commands gives each command the
        events that follow it on the timeline before the next of those commands."""
        direct = self.successors(command_id, K.EVENT)
        if direct:
            return direct
        found: list[Sticky] = []
        for handler in self.handlers(command_id):
            found += self._handler_events(handler.id).get(command_id, [])
        return sorted(_unique(found), key=lambda s: s.order)

    def _handler_events(self, handler_id: str) -> dict[str, list[Sticky]]:
        """Which of a handler's events belong to which of its commands (computed once per
        handler, so that a large aggregate shared by many commands stays linear)."""
        cache = self.__dict__.setdefault("_handler_cache", {})
        if handler_id in cache:
            return cache[handler_id]
        commands = self.predecessors(handler_id, K.COMMAND)   # sorted by order
        orders = [c.order for c in commands]
        owned: dict[str, list[Sticky]] = {}
        if commands:
            for event in self.successors(handler_id, K.EVENT):
                index = bisect_left(orders, event.order) - 1
                owner = commands[index] if index >= 0 else commands[0]
                owned.setdefault(owner.id, []).append(event)
        cache[handler_id] = owned
        return owned

    def upstream_events(self, command_id: str) -> list[Sticky]:
        """Events that lead to a command: those that trigger it or its policies, those that
        notify its actors, and those that update the read models it is informed by."""
        found = self.predecessors(command_id, K.EVENT)
        issuers = self.issuers(command_id)
        for policy in issuers.policies:
            found += self.predecessors(policy.id, K.EVENT)
        for actor in issuers.all_actors:
            found += self.predecessors(actor.id, K.EVENT)
            for policy in self.predecessors(actor.id, K.POLICY):
                found += self.predecessors(policy.id, K.EVENT)
        for source in self.informers(command_id):
            found += self.predecessors(source.id, K.EVENT)
        own = {e.id for e in self.outcomes(command_id)}
        return sorted((e for e in _unique(found) if e.id not in own), key=lambda s: s.order)

    def hotspots(self, sticky_id: str) -> list[Sticky]:
        return self.neighbours(sticky_id, K.HOTSPOT)

    def opportunity_stickies(self, sticky_id: str) -> list[Sticky]:
        return self.neighbours(sticky_id, K.OPPORTUNITY)

    def commands_issued_by(self, policy_id: str) -> list[Sticky]:
        return self.successors(policy_id, K.COMMAND)

    # ------------------------------------------------------------------ local context
    def actor_context(self, actor_id: str) -> dict[str, list[Sticky]]:
        """What stands in front of an actor at each of their commands.

        The read models and systems linked to an actor are shared out over the actor's
        commands in the same lane (the lane is where the work happens; an actor who works in
        several lanes is not shown one lane's read models in another): each goes to the
        actor's next command after it in its lane, or, written after all of them, to the
        lane's first (it stands for the whole lane); in a lane where the actor has no command
        it goes by the timeline. Events and policies that hand the actor work go to the
        actor's next command on the timeline. A command whose share holds no read model or
        system keeps the ones of the actor's command before it in the same lane (the
        information is still in front of the person).
        Computed once per actor, so an actor with hundreds of commands stays linear.
        """
        cache = self.__dict__.setdefault("_actor_cache", {})
        if actor_id in cache:
            return cache[actor_id]
        commands = self.successors(actor_id, K.COMMAND)
        windows: dict[str, list[Sticky]] = {c.id: [] for c in commands}
        if commands:
            by_lane: dict[str | None, list[Sticky]] = {}
            for command in commands:
                by_lane.setdefault(command.lane, []).append(command)
            orders = {lane: [c.order for c in items] for lane, items in by_lane.items()}
            all_orders = [c.order for c in commands]
            for item in self.predecessors(actor_id, K.READMODEL, K.SYSTEM, K.EVENT, K.POLICY):
                # information goes by lane; what happens (events, policies) by the timeline
                lane_commands = by_lane.get(item.lane) \
                    if item.kind in (K.READMODEL, K.SYSTEM) else None
                if lane_commands:
                    index = bisect_right(orders[item.lane], item.order)
                    target = lane_commands[index if index < len(lane_commands) else 0]
                else:
                    target = commands[min(bisect_right(all_orders, item.order),
                                          len(commands) - 1)]
                windows[target.id].append(item)
            shown: list[Sticky] = []
            lane: str | None = None
            for command in commands:
                if command.lane != lane:
                    shown, lane = [], command.lane
                own = [s for s in windows[command.id] if s.kind in (K.READMODEL, K.SYSTEM)]
                if own:
                    shown = own
                else:
                    windows[command.id] = windows[command.id] + shown
        cache[actor_id] = windows
        return windows

    def local_informers(self, command_id: str) -> list[Sticky]:
        """Read models and systems in front of a command: linked to it, to the policies that
        issue it, or in its actors' :meth:`actor_context` (unlike :meth:`informers`, an
        actor's information for other commands is left out)."""
        issuers = self.issuers(command_id)
        found = self.predecessors(command_id, K.READMODEL, K.SYSTEM)
        for policy in issuers.policies:
            found += self.predecessors(policy.id, K.READMODEL, K.SYSTEM)
        for actor in issuers.actors:
            found += [s for s in self.actor_context(actor.id).get(command_id, [])
                      if s.kind in (K.READMODEL, K.SYSTEM)]
        for actor in issuers.policy_actors:
            found += self.predecessors(actor.id, K.READMODEL, K.SYSTEM)
        return sorted(_unique(found), key=lambda s: s.order)

    def local_upstream_events(self, command_id: str) -> list[Sticky]:
        """Events that lead to a command, like :meth:`upstream_events` but through its
        actors' :meth:`actor_context` only."""
        issuers = self.issuers(command_id)
        found = self.predecessors(command_id, K.EVENT)
        for policy in issuers.policies:
            found += self.predecessors(policy.id, K.EVENT)
        for actor in issuers.actors:
            for item in self.actor_context(actor.id).get(command_id, []):
                if item.kind == K.EVENT:
                    found.append(item)
                elif item.kind == K.POLICY:
                    found += self.predecessors(item.id, K.EVENT)
        for source in self.local_informers(command_id):
            found += self.predecessors(source.id, K.EVENT)
        own = {e.id for e in self.outcomes(command_id)}
        return sorted((e for e in _unique(found) if e.id not in own), key=lambda s: s.order)
