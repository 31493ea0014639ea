"""What detection asks of a board, asked once: :class:`BoardReader`.

The reader holds the board's graph and language and answers the questions every signal
asks: the words of a sticky (identifiers split, :func:`eventstorming.words.readable`) and
their reading, whether an actor is a person of the business or an outside party, how often
a step happens, which stakes its words name, whether a sticky states a verdict, which
events are alternatives, what stands beside a sticky on a Big Picture wall. Answers are
cached per sticky, so detection stays linear in the size of the board.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from eventstorming.detection import vocabulary as V
from eventstorming.detection.candidate import WEIGHTS
from eventstorming.detection.phrases import LANGS
from eventstorming.detection.reading import (
    VERDICTS,
    Reading,
    at,
    classes,
    condition,
    first_clause,
    read_text,
    verb_slot,
)
from eventstorming.graph import BoardGraph, Relation
from eventstorming.model import Board, Kind, Sticky
from eventstorming.words import readable

K = Kind
#: Kinds that annotate a step rather than take part in the flow.
ANNOTATING = {K.HOTSPOT, K.OPPORTUNITY, K.NOTE}


class BoardReader:
    """One board as detection reads it; caches readings and per-actor indexes."""


    def __init__(self, board: Board) -> None:
        self.board = board
        self.graph = BoardGraph(board)
        self.stickies = self.graph.stickies
        lang = (board.lang or "en").strip().lower()[:2]     # "de-DE" is German too
        self.lang = lang if lang in LANGS else "en"
        self._readings: dict[str, Reading] = {}
        about = " | ".join([board.title, *(str(v) for v in board.metadata.values())])
        self.insurance_board = V.HIGH_STAKES["insurance"].matches(about) or any(
            lexicon.matches(about) for name, lexicon in
            V.HIGH_STAKES_BY_LANG.get(self.lang, {}).items() if name == "insurance")
        self.actor_policies = self._attribute_actor_policies()
        self.no_actors = not board.of_kind(K.ACTOR)
        self._actor_commands: dict[str, tuple[list[Sticky], dict[str, int]]] = {}

    def reading(self, sticky: Sticky) -> Reading:
        """The reading of a sticky's words (computed once per sticky)."""
        found = self._readings.get(sticky.id)
        if found is None:
            found = self._readings[sticky.id] = read_text(self.words(sticky), self.lang)
        return found

    def words(self, sticky: Sticky) -> str:
        """The sticky's text for reading: identifiers split into words."""
        return readable(sticky.text, self.lang)

    def evidence(self, rule: str, stickies: Sequence[Sticky], texts: dict[str, str],
                  weight: float | None = None) -> dict[str, Any]:
        """One piece of evidence: the rule, the stickies it rests on, its sentences and weight."""
        return {"rule": rule, "stickies": tuple(dict.fromkeys(s.id for s in stickies)),
                "texts": texts, "weight": WEIGHTS[rule] if weight is None else weight}

    def texts(self, en: str, de: str) -> dict[str, str]:
        """A sentence in English and German."""
        return {"en": en, "de": de}

    def _attribute_actor_policies(self) -> dict[str, list[Sticky]]:
        """A policy that hands work to a person ("whenever a draft arrives, an underwriter
        reads every clause") concerns that person's next command on the timeline."""
        attributed: dict[str, list[Sticky]] = {}
        for policy in self.board.of_kind(K.POLICY):
            for actor in self.graph.successors(policy.id, K.ACTOR):
                commands = self.graph.successors(actor.id, K.COMMAND)
                if not commands:
                    continue
                later = [c for c in commands if c.order > policy.order]
                target = later[0] if later else commands[0]
                attributed.setdefault(target.id, []).append(policy)
        return attributed

    def is_machine(self, actor: Sticky) -> bool:
        """An actor that is a machine ("System", "Scheduler"), not a person."""
        return V.MACHINE_ACTORS.matches(self.words(actor))

    def is_external(self, actor: Sticky) -> bool:
        """A party outside the business: a customer, an applicant, a supplier… ("Customer
        service agent" is staff). An ambiguous role ("Buyer") is outside only when its lane
        is named after an outside party."""
        text = self.words(actor)
        if V.INTERNAL_ROLE.matches(text):
            return False
        if V.EXTERNAL_ACTORS.matches(text):
            return True
        lane = actor.lane or ""
        return V.EXTERNAL_AMBIGUOUS.matches(text) and (
            V.EXTERNAL_ACTORS.matches(lane) or V.EXTERNAL_AMBIGUOUS.matches(lane))

    def volume(self, sticky: Sticky,
               outcomes: Sequence[Sticky] = ()) -> tuple[float, Sticky] | None:
        """Occurrences per day: the sticky's own, else its outcome events', else the
        nearest upstream sticky that has one (a bounded walk back along the links, through
        each actor only along what stands in front of them at that command)."""
        if sticky.volume_per_day is not None:
            return sticky.volume_per_day, sticky
        own = [(e.volume_per_day, e) for e in outcomes if e.volume_per_day is not None]
        if own:
            return max(own, key=lambda pair: pair[0])
        graph = self.graph
        seen: set[tuple[str, str | None]] = {(sticky.id, None)}
        frontier: list[tuple[str, str | None]] = [(sticky.id, None)]
        for _ in range(10):
            level: list[tuple[str, str | None]] = []
            for node, via in frontier:
                kind = self.stickies[node].kind
                if kind == K.ACTOR:
                    # what stands in front of the person at this command, and the person's
                    # previous command (the work flows through them in order)
                    preds = [s.id for s in graph.actor_context(node).get(via or "", [])]
                    preds += [c.id for c in self._previous_commands(node, via)]
                else:
                    preds = list(graph.graph.predecessors(node))
                for pred in preds:
                    # an actor is met again through another of their commands
                    key = (pred, node if self.stickies[pred].kind == K.ACTOR else None)
                    if key in seen or self.stickies[pred].kind in ANNOTATING:
                        continue
                    seen.add(key)
                    level.append((pred, node if kind == K.COMMAND else via))
            found = [(self.stickies[i].volume_per_day, self.stickies[i]) for i, _ in level
                     if self.stickies[i].volume_per_day is not None]
            if found:
                return max(found, key=lambda pair: (pair[0], -pair[1].order))
            if not level or len(seen) > 200:
                return None
            frontier = level
        return None

    def _previous_commands(self, actor_id: str, command_id: str | None) -> list[Sticky]:
        """The actor's command just before ``command_id`` on the timeline, if any."""
        if actor_id not in self._actor_commands:
            commands = self.graph.successors(actor_id, K.COMMAND)
            self._actor_commands[actor_id] = (
                commands, {c.id: n for n, c in enumerate(commands)})
        commands, index = self._actor_commands[actor_id]
        n = index.get(command_id or "", 0)
        return commands[n - 1:n] if n else []

    def risk_flags(self, stickies: Iterable[Sticky]) -> tuple[str, ...]:
        """The high-stakes domains the stickies' words name, then ``accusation`` (a fraud
        suspicion falls on a person) and ``refusal`` (one sticky refuses what a person asked
        for: "Reject return", "Antrag abgelehnt", "Block account"). Words whose domain
        depends on the language count only in it ("Police"); a bare "claim" is an insurance
        claim only on a board about insurance."""
        stickies = list(stickies)
        text = " | ".join(self.words(s) for s in stickies)
        extra = V.HIGH_STAKES_BY_LANG.get(self.lang, {})
        flags = {name for name, lexicon in V.HIGH_STAKES.items() if lexicon.matches(text)}
        flags |= {name for name, lexicon in extra.items() if lexicon.matches(text)}
        if self.insurance_board and (V.CLAIM.matches(text) or V.APPLICATION.matches(text)):
            flags.add("insurance")
        if V.ACCUSATION.matches(text):
            flags.add("accusation")
        if any(V.REFUSING.matches(self.words(s)) and V.REFUSED.matches(self.words(s))
               for s in stickies):
            flags.add("refusal")
        return tuple(name for name in (*V.HIGH_STAKES, *V.PERSONAL_FLAGS) if name in flags)

    def verdict(self, sticky: Sticky) -> str | None:
        """"positive", "negative" or "pending" where the sticky states a verdict: for a
        command at its verb ("Reject claim", "Antrag ablehnen"), for an event anywhere
        ("Claim rejected", "ApplicationPending")."""
        cache = self.__dict__.setdefault("_verdicts", {})
        if sticky.id not in cache:
            cache[sticky.id] = self._verdict(sticky)
        return cache[sticky.id]

    def _verdict(self, sticky: Sticky) -> str | None:
        text = self.words(sticky)
        if sticky.kind == K.COMMAND:
            slot = verb_slot(first_clause(text), self.lang) or "first"
            clause = first_clause(text)
            for name, lexicon in VERDICTS:
                if at(lexicon, clause, slot) or (
                        self.lang == "de" and at(lexicon, clause, "first")):
                    return name
            return None
        for name, lexicon in VERDICTS:
            if lexicon.matches(text):
                return name
        return None

    def verdict_object(self, sticky: Sticky) -> str:
        """What a verdict is about: the text without its verdict words, folded
        ("Accept Meeting Group Proposal" -> "meeting group proposal")."""
        text = first_clause(self.words(sticky))
        for _, lexicon in VERDICTS:
            text = lexicon.pattern.sub(" ", text)
        return " ".join(text.casefold().split())

    def producers(self, event: Sticky) -> list[Sticky]:
        """The commands an event is the outcome of."""
        index = self.__dict__.get("_producer_index")
        if index is None:
            index = {}
            for command in self.board.of_kind(K.COMMAND):
                for outcome in self.graph.outcomes(command.id):
                    index.setdefault(outcome.id, []).append(command)
            self._producer_index = index
        return index.get(event.id, [])

    def alternatives(self, outcomes: Sequence[Sticky]) -> list[Sticky]:
        """Two or more outcome events of which none leads to another: alternatives."""
        if len(outcomes) < 2:
            return []
        ids = {e.id for e in outcomes}
        for event in outcomes:
            for nxt in self.graph.graph.successors(event.id):
                if nxt in ids and self.graph.relation(event.id, nxt) == Relation.PRECEDES:
                    return []
        return list(outcomes)

    def verdict_events(self, events: Sequence[Sticky]) -> list[Sticky]:
        """The events among ``events`` that are alternative verdicts (a yes and a no,
        maybe a "pending"), or none."""
        verdicts = {e.id: self.verdict(e) for e in events}
        if not {"positive", "negative"} <= set(verdicts.values()):
            return []
        if any(V.VALIDITY.matches(self.words(e)) for e in events if verdicts[e.id]):
            return []     # valid or not is a check against rules
        return [e for e in events if verdicts[e.id]]

    def decided_branch(self, policy: Sticky) -> bool:
        """The policy fires on one of a command's alternative outcomes: the judgment was
        made by that command ("Deckung prüfen" ended in "Deckung abgelehnt"), and whatever
        the condition says, it names the branch taken, not a new judgment."""
        for event in self.graph.predecessors(policy.id, K.EVENT):
            commands = self.graph.predecessors(event.id, K.COMMAND) + [
                c for h in self.graph.predecessors(event.id, K.AGGREGATE, K.SYSTEM)
                for c in self.graph.predecessors(h.id, K.COMMAND)]
            for command in commands:
                alternatives = self.alternatives(self.graph.outcomes(command.id))
                if any(e.id == event.id for e in alternatives):
                    return True
        return False

    def judgment_words(self, policy: Sticky) -> list[str]:
        """The words of a policy's condition that need a judgment, unless the policy only
        restates a judgment already made upstream ("Whenever fraud is confirmed" after the
        event "Fraud confirmed"), says it runs by itself ("accept automatically"), is the name
        of a rule ("FraudReasonPolicy") or states one ("Deliver only within 5 km")."""
        text = self.words(policy)
        if V.AUTOMATIC.matches(text) or V.NAMED_RULE.matches(text) or (
                V.FIXED_RULE.matches(text) and not V.HEURISTIC.matches(text)):
            return []     # runs by itself, names a rule, or states one
        words = V.JUDGMENT_CONDITION.find(condition(self.words(policy)))
        if not words:
            return []
        triggers = " ".join(self.words(e) for e in self.graph.predecessors(policy.id, K.EVENT))
        triggers = triggers.casefold()
        return [w for w in words if w.casefold()[:5] not in triggers]

    def disputed(self, command: Sticky) -> bool:
        """A hotspot says people do this differently: where people disagree, a judgment is
        hidden, even in a step worded as a chore ("Officers convert grades differently")."""
        return any(V.PAIN["disagreement"].matches(self.words(h))
                   for h in self.graph.hotspots(command.id))

    def pained(self, step: Sticky) -> bool:
        """A hotspot on or beside the step reports trouble (errors, disagreement, delay…)."""
        return any(any(lexicon.matches(self.words(h)) for lexicon in V.PAIN.values())
                   for h in self.graph.hotspots(step.id) + self.nearby(step, K.HOTSPOT))

    def nearby(self, sticky: Sticky, kind: Kind) -> list[Sticky]:
        """Unlinked hotspots or actors put beside ``sticky`` on the timeline of its lane: on
        a Big Picture wall a hotspot sits after the event it is about, and a person before
        the event they bring about, without arrows. Hotspots are those that follow it
        until the next sticky of the flow; an actor is one just before it."""
        lanes = self.__dict__.get("_lane_index")
        if lanes is None:
            lanes = {}
            for other in sorted(self.board.stickies, key=lambda s: s.order):
                lanes.setdefault(other.lane, []).append(other)
            self._lane_index = lanes
            self._lane_position = {s.id: n for items in lanes.values()
                                   for n, s in enumerate(items)}
        items = lanes.get(sticky.lane, [])
        n = self._lane_position.get(sticky.id)
        if n is None:
            return []
        found: list[Sticky] = []
        if kind == K.HOTSPOT:
            # past the step's own outcomes, aggregates and read models, to the next step
            own = {s.id for s in self.graph.neighbours(sticky.id)}
            window = [s for s in items[n + 1:n + 9] if s.id not in own][:5]
        else:
            window = items[max(0, n - 2):n][::-1]
        for other in window:
            if other.kind not in (K.HOTSPOT, K.NOTE, K.ACTOR):
                break
            if other.kind == kind and not self.graph.degree(other.id):
                found.append(other)
        return found

    def stated_notes(self, step: Sticky) -> list[Sticky]:
        """Unlinked notes that belong to ``step``: on its lane after it, before the next
        command or policy (the events, read models and hotspots of the step may stand
        between)."""
        self.nearby(step, K.NOTE)     # builds the lane index
        items = self._lane_index.get(step.lane, [])
        n = self._lane_position.get(step.id)
        if n is None:
            return []
        notes: list[Sticky] = []
        for other in items[n + 1:n + 9]:
            if other.kind in (K.COMMAND, K.POLICY):
                break
            if other.kind == K.NOTE and not self.graph.degree(other.id):
                notes.append(other)
        return notes

    def viewing(self, sticky: Sticky) -> bool:
        """A step that only looks at information ("View …", "… ansehen")."""
        return bool(at(V.VIEWING, self.words(sticky), "first")
                    or (self.lang == "de" and at(V.VIEWING, self.words(sticky), "last")))

    def class_names(self, stickies: Sequence[Sticky]) -> tuple[str, ...]:
        """The class names of alternative stickies, read as words."""
        return classes([self.words(s) for s in stickies])
