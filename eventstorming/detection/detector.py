"""Opportunity detection: where on a board could a prediction replace or support a judgment?

:func:`detect` reads a board the way an experienced ML consultant would in the room:
structure first, words second.

1. **Anchor** on the command whose execution needs a judgment; on a policy only where no
   command carries the judgment ("whenever a payment looks fraudulent, block the card");
   on an opportunity sticky only where it concerns no detected command (an opportunity
   sticky on a detected command is evidence for that command).
2. **Structural signals**: a person decides with information in front of them (read models
   and systems informing the command or its actor); the command ends in alternative outcome
   events (the classes); a policy whose condition needs a judgment ("looks suspicious");
   hotspots about slowness, disagreement, errors, backlog or problems found late; volume
   and minutes per occurrence; an explicit opportunity sticky.
3. **Words** (:mod:`~eventstorming.detection.vocabulary`, English and German) name the ML
   task and tell chores (send, pay, archive…) apart from judgments. The verb is read where it stands
   (first in English, last in German); a judgment verb elsewhere is likely a noun
   ("interest rate"). Light verbs (create, perform, pick, order, erstellen, vornehmen…) take
   the judgment of their object ("Create demand forecast"); verbs that may be physical acts
   (tag, label, sort) are weak judgments alone. A hotspot about people disagreeing reveals a
   judgment even in a step worded as a chore. Commands of outside parties (customers,
   applicants, suppliers; a "Buyer" only in an outside lane) are not the business's
   judgment. Scheduling, rostering, routing and allocation are optimisation, and policies
   that fire deterministically (restate a judgment already made upstream, or fire on a
   branch a command already decided and only issue chores) are rule automation: both are
   listed as :class:`~eventstorming.detection.opportunity.AutomationIdea`, not as ML opportunities.
4. **Context**: the information in front of a person is what stands before each of their
   commands (:meth:`~eventstorming.graph.BoardGraph.actor_context`); volume is the nearest
   one upstream; decisions about people (credit, employment, health, insurance, housing,
   education, justice, public benefits, migration) are high stakes.

Every signal that fires becomes an :class:`~eventstorming.detection.opportunity.Evidence` with a
weight; an opportunity's score is the noisy-or of its evidence weights
(``1 - prod(1 - w)``), so the score is explained by the evidence list. Each evidence sentence
names the stickies it rests on, in English and German.

Detection is linear in the size of the board: every question asked of the graph looks at a
sticky's neighbours only, and texts are read once per sticky.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from eventstorming.detection import vocabulary as V
from eventstorming.detection.opportunity import AutomationIdea, Evidence, Opportunity, StickyRef
from eventstorming.graph import BoardGraph, Relation
from eventstorming.model import Board, Kind, Sticky

K = Kind

#: Weight of each rule in the score (noisy-or). Rules and their meaning:
WEIGHTS: dict[str, float] = {
    "opportunity_sticky": 0.45,      # the workshop marked it as an opportunity
    "judgment_policy": 0.4,          # a policy whose condition needs a judgment
    "alternative_outcomes": 0.35,    # the command ends in alternative events: the classes
    "task_words": 0.35,              # the wording names a judgment and its task
    "task_words_weak": 0.3,          # the wording names a judgment, not which kind
    "informed_decision": 0.3,        # a person decides with information in front of them
    "human_decision": 0.2,           # a person does it by hand, no information shown
    "informed_step": 0.15,           # read models or systems feed the step
    "hotspot_pain": 0.2,             # a hotspot reports errors, disagreement, backlog…
    "hotspot": 0.1,                  # another hotspot on the step
}

#: An ML opportunity needs at least this score and at least one judgment signal.
THRESHOLD = 0.45

#: Rules that show a judgment is needed (structure or words); one must fire.
JUDGMENT_RULES = frozenset(
    {"opportunity_sticky", "judgment_policy", "alternative_outcomes", "task_words",
     "task_words_weak"})

#: Ties in the task vote go to the more specific task.
TASK_PRIORITY = ("anomaly_detection", "extraction", "forecasting", "regression", "ranking",
                 "clustering", "classification")

TASK_PHRASES: dict[str, dict[str, str]] = {
    "classification": {"en": "a classification", "de": "eine Klassifikation"},
    "regression": {"en": "a number to estimate (regression)",
                   "de": "eine zu schätzende Zahl (Regression)"},
    "forecasting": {"en": "a forecast", "de": "eine Prognose"},
    "ranking": {"en": "a ranking", "de": "eine Rangfolge (Ranking)"},
    "anomaly_detection": {"en": "an anomaly check", "de": "eine Anomalieerkennung"},
    "extraction": {"en": "an extraction from documents",
                   "de": "eine Extraktion aus Dokumenten"},
    "clustering": {"en": "a grouping (clustering)", "de": "eine Gruppierung (Clustering)"},
}

PAIN_PHRASES: dict[str, dict[str, str]] = {
    "waste_shortage": {"en": "waste or shortage", "de": "Verschwendung oder Engpässe"},
    "found_late": {"en": "problems found too late", "de": "zu spät entdeckte Probleme"},
    "errors": {"en": "errors", "de": "Fehler"},
    "disagreement": {"en": "disagreement or inconsistency",
                     "de": "Uneinigkeit oder Uneinheitlichkeit"},
    "search": {"en": "searches that fail", "de": "erfolglose Suche"},
    "slowness": {"en": "slowness or backlog", "de": "Langsamkeit oder Rückstau"},
}

LANGS = ("en", "de")


class Detection(BaseModel):
    """What :func:`detect` finds: ML opportunities best first, and automation ideas apart."""

    model_config = ConfigDict(frozen=True)

    opportunities: list[Opportunity]
    automation: list[AutomationIdea]

    def to_json(self) -> dict[str, Any]:
        return {"opportunities": [o.to_json() for o in self.opportunities],
                "automation": [a.to_json() for a in self.automation]}


def detect(board: Board) -> Detection:
    """Find the ML opportunities and automation ideas on ``board``.

    Args:
        board: the board to read (English or German; ``board.lang``).

    Returns:
        A :class:`Detection` with opportunities sorted by score (best first, ties in
        timeline order) and automation ideas in timeline order. Ids are derived from the
        anchor sticky's id (``opp-c-categorize-receipt``), so they survive a re-read.
    """
    # Detection allocates many small, acyclic objects; the cyclic garbage collector would
    # walk the whole heap again and again for nothing (it doubled the time on 5,000 stickies).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Detector(board).run()
    finally:
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- reading words
@dataclass(frozen=True)
class Reading:
    """What the words of one sticky say.

    ``votes`` are the task votes (verbs 3, or 1.5 off the verb slot; cues 2, anomaly cues
    2.5; objects 2 or 1.5; a generic judgment verb 1 for classification); ``words`` the
    words behind them; ``judgment_words`` the words that show a judgment is needed;
    ``strong`` whether they also say which kind; ``transactional`` the chore verb at the
    verb slot (empty when the step is a judgment); ``vague`` a verb such as "process" that
    needs structure to count; ``optimisation`` the words of a scheduling or allocation step.
    """

    votes: dict[str, float] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    judgment_words: tuple[str, ...] = ()
    strong: bool = False
    transactional: tuple[str, ...] = ()
    vague: bool = False
    optimisation: tuple[str, ...] = ()

    @property
    def judgment(self) -> bool:
        return bool(self.judgment_words)


def _add(votes: dict[str, float], task: str, weight: float) -> None:
    votes[task] = votes.get(task, 0.0) + weight


def _unique_words(words: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(word.casefold(), word)
    return list(seen.values())


def read_text(text: str, lang: str = "en") -> Reading:
    """Read one sticky's text: task votes, judgment words, chores and optimisation.

    ``lang`` tells where a command's verb stands: first in English ("Send invoice"), last
    in German ("Rechnung senden", though "Prüfe Rechnung" works too).
    """
    votes: dict[str, float] = {}
    words: dict[str, list[str]] = {}
    strong = False
    head = V.INPUT_MARKERS.split(f" {text} ", maxsplit=1)[0].strip() or text
    slot = _verb_slot(text, lang)
    judgment: list[str] = []
    for task, lexicon in V.TASK_VERBS.items():
        found = lexicon.find(head)
        if found:
            # a verb where the verb stands counts fully; elsewhere it is likely a noun
            # ("interest rate", "shipping label") and still hints at the task
            at_slot = slot is not None and bool(_at(lexicon, text, slot))
            _add(votes, task, 3.0 if at_slot else 1.5)
            words.setdefault(task, []).extend(found)
            judgment += found
            # "Tag bag" may be a physical act: such a verb alone is a weaker judgment
            strong = strong or not all(V.PHYSICAL_AMBIGUOUS.matches(w) for w in found)
    counted = {w.casefold() for w in judgment}
    for task, lexicon in V.TASK_CUES.items():
        found = [w for w in lexicon.find(text if task == "extraction" else head)
                 if w.casefold() not in counted]     # a word counts once
        if found:
            weight = 2.5 if task == "anomaly_detection" else 2.0
            _add(votes, task, weight * min(len(found), 2))
            words.setdefault(task, []).extend(found)
            judgment += found
            strong = True
    need = V.FORECAST_NEED.find(head)
    if need:
        # "Plan cars needed per station": how many will be needed is a forecast, and the
        # phrase outweighs the verb inside it ("Estimate staff needed")
        _add(votes, "forecasting", 4.0)
        words.setdefault("forecasting", []).extend(need)
        judgment += need
        strong = True
    generic = V.GENERIC_JUDGMENT.find(head)
    suggest = V.SUGGEST.find(head)
    setting = V.SETTING.find(head)
    if generic:
        _add(votes, "classification", 1.0)
        judgment += generic
    if suggest:
        _add(votes, "ranking", 1.5)
        words.setdefault("ranking", []).extend(suggest)
        judgment += suggest
        strong = True
    for task, lexicon in V.TASK_OBJECTS.items():
        if task == "extraction" and (generic or setting):
            continue     # a code or number that is decided is a class, not data to copy
        found = lexicon.find(head)
        if found:
            _add(votes, task, 2.0 if task == "regression" else 1.5)
            words.setdefault(task, []).extend(found)
            if generic or suggest or setting:
                judgment += found + setting
                strong = True
    judgment_words = tuple(_unique_words(judgment))
    chore: list[str] = []
    vague = False
    if slot is not None:
        judged = max((len(w) for lexicon in _JUDGMENT_VERB_LEXICONS
                      for w in _at(lexicon, text, slot)), default=0)
        chore = list(_at(V.TRANSACTIONAL, text, slot))
        if chore and max(len(w) for w in chore) > judged:
            judged = 0     # the longer phrase wins: "Check in guest" is no check
        if chore and _at(V.LIGHT_VERBS, text, slot) and judgment_words:
            chore = []     # "Create demand forecast": the object is the judgment
        if judged:
            chore = []
        vague = bool(_at(V.VAGUE, text, slot)) and not judged
    return Reading(votes=votes, words=words, judgment_words=judgment_words, strong=strong,
                   transactional=tuple(chore), vague=vague,
                   optimisation=tuple(_optimisation(text)))


_JUDGMENT_VERB_LEXICONS = (*V.TASK_VERBS.values(), V.GENERIC_JUDGMENT, V.SUGGEST)
_VERB_LEXICONS = (*_JUDGMENT_VERB_LEXICONS, V.TRANSACTIONAL, V.VAGUE, V.SETTING,
                  V.LIGHT_VERBS)


@lru_cache(maxsize=8192)
def _at(lexicon: V.Lexicon, text: str, slot: str) -> tuple[str, ...]:
    """The match of ``lexicon`` at the start (``slot="first"``) or end (``"last"``) of text."""
    stripped = text.strip().rstrip(".!?:;")
    found = lexicon.at_start(stripped) if slot == "first" else lexicon.at_end(stripped)
    return (found,) if found else ()


def _verb_slot(text: str, lang: str = "en") -> str | None:
    """Where the verb of a command stands: first in English ("Send invoice"); in German
    last ("Rechnung senden") or, for an imperative, first ("Prüfe Rechnung")."""
    for slot in (("last", "first") if lang == "de" else ("first",)):
        if any(_at(lexicon, text, slot) for lexicon in _VERB_LEXICONS):
            return slot
    return None


def _optimisation(text: str) -> list[str]:
    if V.FORECAST_NEED.matches(text):
        return []     # how many are needed is a forecast; who goes where comes after
    intrinsic = V.OPTIMISATION_INTRINSIC.find(text)
    if intrinsic:
        return intrinsic
    verbs = V.OPTIMISATION_VERBS.find(text)
    # the resource must be another word than the verb ("Route ticket" routes no route)
    rest = V.OPTIMISATION_VERBS.pattern.sub(" ", text.lower())
    resources = V.OPTIMISATION_RESOURCES.find(rest)
    if verbs and resources:
        return _unique_words(verbs + resources)
    return []


def choose_task(votes: dict[str, float]) -> tuple[str, tuple[str, ...]]:
    """The task with the most votes (ties to the more specific task), and the others that
    got votes, best first. Classification when nothing voted."""
    ranked = sorted((t for t, v in votes.items() if v > 0),
                    key=lambda t: (-votes[t], TASK_PRIORITY.index(t)))
    if not ranked:
        return "classification", ()
    return ranked[0], tuple(ranked[1:])


# --------------------------------------------------------------------------- sentences
def _q(text: str, lang: str) -> str:
    return f"„{text}“" if lang == "de" else f'"{text}"'


def _qs(texts: Sequence[str], lang: str) -> str:
    quoted = [_q(t, lang) for t in texts]
    if len(quoted) == 1:
        return quoted[0]
    last = " und " if lang == "de" else " and "
    return ", ".join(quoted[:-1]) + last + quoted[-1]


def _the(actor: str, lang: str) -> str:
    if lang == "de":
        return _q(actor, lang)
    first = actor.split()[0].lower() if actor.split() else ""
    return actor if first in {"the", "a", "an", "our", "each", "every"} else f"The {actor}"


def _decision_texts(actor: Sticky, command: Sticky, informers: Sequence[Sticky],
                    task: str) -> dict[str, str]:
    """'The Accountant decides "Categorize receipt" with "Merchant and amount" in front of
    them.' (an extraction is worked through rather than decided)."""
    verb = {"en": "works through", "de": "bearbeitet"} if task == "extraction" else {
        "en": "decides", "de": "entscheidet"}
    names = [s.text for s in informers]
    return {
        "en": f'{_the(actor.text, "en")} {verb["en"]} {_q(command.text, "en")} with '
              f'{_qs(names, "en")} in front of them.',
        "de": f'{_the(actor.text, "de")} {verb["de"]} {_q(command.text, "de")} mit '
              f'{_qs(names, "de")} vor Augen.',
    }


def _number(value: float, lang: str) -> str:
    if value >= 10:
        text = f"{round(value):,}"
        return text.replace(",", ".") if lang == "de" else text
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text


_PERIODS = (  # (days, English, German): the largest unit in which a rare step still happens
    (1.0, "a day", "am Tag"), (7.0, "a week", "pro Woche"),
    (365 / 12, "a month", "im Monat"), (365.0, "a year", "im Jahr"))


def _period(per_day: float) -> tuple[float, str, str]:
    """The time unit to speak of a step in: a day, or a longer one for rare steps, so that
    a step that happens 12 times a year is not said to happen "0 times a day"."""
    for days, en, de in _PERIODS:
        if per_day * days >= 1 - 1e-9:
            return days, en, de
    return _PERIODS[-1]


def _times(count: float, lang: str) -> str:
    """"about 12 times" / "etwa 12-mal", and "about once" / "etwa einmal" for one."""
    number = _number(count, lang)
    if number == "1":
        return "about once" if lang == "en" else "etwa einmal"
    return f"about {number} times" if lang == "en" else f"etwa {number}-mal"


# --------------------------------------------------------------------------- candidates
@dataclass
class _Candidate:
    anchor: Sticky
    task: str
    alternative_tasks: tuple[str, ...]
    actor: str | None
    inputs: list[Sticky]
    upstream: list[Sticky]
    outcomes: list[Sticky]
    classes: tuple[str, ...]
    hotspots: list[Sticky]
    volume: float | None
    minutes: float | None
    evidence: list[dict[str, Any]]
    risk_flags: tuple[str, ...]

    @property
    def score(self) -> float:
        remaining = 1.0
        for item in self.evidence:
            remaining *= 1.0 - item["weight"]
        return round(1.0 - remaining, 3)


class _Detector:
    """One detection run over one board; caches readings and per-actor indexes."""

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
        self._actor_policies = self._attribute_actor_policies()
        self._actor_commands: dict[str, tuple[list[Sticky], dict[str, int]]] = {}

    # ------------------------------------------------------------------ helpers
    def reading(self, sticky: Sticky) -> Reading:
        found = self._readings.get(sticky.id)
        if found is None:
            found = self._readings[sticky.id] = read_text(sticky.text, self.lang)
        return found

    def _evidence(self, rule: str, stickies: Sequence[Sticky], texts: dict[str, str],
                  weight: float | None = None) -> dict[str, Any]:
        return {"rule": rule, "stickies": tuple(dict.fromkeys(s.id for s in stickies)),
                "texts": texts, "weight": WEIGHTS[rule] if weight is None else weight}

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
        return V.MACHINE_ACTORS.matches(actor.text)

    def is_external(self, actor: Sticky) -> bool:
        """A party outside the business: a customer, an applicant, a supplier… ("Customer
        service agent" is staff). An ambiguous role ("Buyer") is outside only when its lane
        is named after an outside party."""
        if V.INTERNAL_ROLE.matches(actor.text):
            return False
        if V.EXTERNAL_ACTORS.matches(actor.text):
            return True
        lane = actor.lane or ""
        return V.EXTERNAL_AMBIGUOUS.matches(actor.text) and (
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
                    if key in seen or self.stickies[pred].kind in _ANNOTATING:
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
        """The high-stakes domains the stickies' words name. Words whose domain depends on
        the language count only in it ("Police"); a bare "claim" is an insurance claim
        only on a board about insurance."""
        text = " | ".join(s.text for s in stickies)
        extra = V.HIGH_STAKES_BY_LANG.get(self.lang, {})
        flags = {name for name, lexicon in V.HIGH_STAKES.items() if lexicon.matches(text)}
        flags |= {name for name, lexicon in extra.items() if lexicon.matches(text)}
        if self.insurance_board and V.CLAIM.matches(text):
            flags.add("insurance")
        return tuple(name for name in V.HIGH_STAKES if name in flags)

    # ------------------------------------------------------------------ run
    def run(self) -> Detection:
        candidates: list[_Candidate] = []
        automation: list[tuple[int, AutomationIdea]] = []
        detected: set[str] = set()
        optimised: set[str] = set()
        chores: set[str] = set()      # commands a plain rule could carry out
        commands = sorted(self.board.of_kind(K.COMMAND), key=lambda s: s.order)
        for command in commands:
            outcome = self._command(command)
            if isinstance(outcome, _Candidate):
                candidates.append(outcome)
                detected.add(command.id)
            elif isinstance(outcome, AutomationIdea):
                automation.append((command.order, outcome))
                optimised.add(command.id)
            elif outcome == "transactional" or (
                    outcome is None and not self.reading(command).judgment):
                chores.add(command.id)

        for policy in sorted(self.board.of_kind(K.POLICY), key=lambda s: s.order):
            issued = self.graph.successors(policy.id, K.COMMAND)
            handed = [c for a in self.graph.successors(policy.id, K.ACTOR)
                      for c in self.graph.successors(a.id, K.COMMAND)]
            if any(c.id in detected for c in issued + handed):
                continue
            if issued and all(c.id in chores for c in issued) and self._decided_branch(policy):
                # "Wenn keine Deckung besteht, … informieren" after "Deckung abgelehnt": the
                # command before made the judgment, the policy only carries out a chore
                automation.append((policy.order, self._rule_idea(policy, issued)))
                continue
            cand = self._policy(policy, issued)
            if cand is not None:
                candidates.append(cand)
                detected.add(policy.id)
                continue
            rest = [c for c in issued if c.id in chores]
            if rest:
                automation.append((policy.order, self._rule_idea(policy, rest)))

        for sticky in sorted(self.board.of_kind(K.OPPORTUNITY), key=lambda s: s.order):
            linked = self.graph.neighbours(sticky.id)
            if any(s.id in detected or s.id in optimised for s in linked):
                continue     # evidence for what is already found
            if self.reading(sticky).optimisation:
                automation.append((sticky.order,
                                   self._optimisation_idea(sticky, self.reading(sticky))))
                continue
            candidates.append(self._opportunity_sticky(sticky, linked))
            detected.add(sticky.id)

        candidates.sort(key=lambda c: (-c.score, c.anchor.order))
        automation.sort(key=lambda pair: pair[0])
        return Detection(opportunities=[self._build(c) for c in candidates],
                         automation=[idea for _, idea in automation])

    # ------------------------------------------------------------------ commands
    def _command(self, command: Sticky) -> _Candidate | AutomationIdea | str | None:
        graph = self.graph
        reading = self.reading(command)
        issuers = graph.issuers(command.id)
        attributed = self._actor_policies.get(command.id, [])
        people = [a for a in issuers.all_actors if not self.is_machine(a)]
        internal = [a for a in people if not self.is_external(a)]
        if people and not internal:
            return "customer"
        if reading.optimisation:
            return self._optimisation_idea(command, reading)
        if reading.transactional and not self._disputed(command):
            return "transactional"

        lang_texts = self._texts
        evidence: list[dict[str, Any]] = []
        informers = graph.local_informers(command.id)
        outcomes = graph.outcomes(command.id)
        policies = list({p.id: p for p in [*issuers.policies, *attributed]}.values())
        hotspots = graph.hotspots(command.id)
        marked = graph.opportunity_stickies(command.id)

        # a person decides, with or without information in front of them
        if internal:
            actor = internal[0]
            if informers:
                evidence.append(self._evidence(
                    "informed_decision", [actor, command, *informers],
                    _decision_texts(actor, command, informers, "classification")))
            else:
                evidence.append(self._evidence(
                    "human_decision", [actor, command],
                    lang_texts(
                        en=f'{_the(actor.text, "en")} carries out {_q(command.text, "en")} '
                           f'by hand: a person\'s judgment is at work.',
                        de=f'{_the(actor.text, "de")} erledigt {_q(command.text, "de")} von '
                           f'Hand: hier urteilt ein Mensch.')))
        elif informers:
            evidence.append(self._evidence(
                "informed_step", [command, *informers],
                lang_texts(
                    en=f'{_q(command.text, "en")} draws on '
                       f'{_qs([s.text for s in informers], "en")}.',
                    de=f'{_q(command.text, "de")} stützt sich auf '
                       f'{_qs([s.text for s in informers], "de")}.')))

        # alternative outcomes: the classes
        alternatives = self._alternatives(outcomes)
        classes: tuple[str, ...] = ()
        if alternatives:
            classes = _classes(alternatives)
            evidence.append(self._evidence(
                "alternative_outcomes", [command, *alternatives],
                lang_texts(
                    en=f'{_q(command.text, "en")} ends in alternative outcomes '
                       f'{_qs([e.text for e in alternatives], "en")}: these are the classes, '
                       f'and past outcomes are the labels.',
                    de=f'{_q(command.text, "de")} endet in alternativen Ergebnissen '
                       f'{_qs([e.text for e in alternatives], "de")}: das sind die Klassen, '
                       f'vergangene Ergebnisse liefern die Labels.')))

        # policies: a judgment condition, or a person handed the work
        votes: dict[str, float] = dict(reading.votes)
        for policy in policies:
            words = self.judgment_words(policy)
            if words:
                evidence.append(self._judgment_policy(policy, command, words))
            for task, weight in self.reading(policy).votes.items():
                _add(votes, task, 0.5 * weight)

        # the wording
        if reading.judgment:
            evidence.append(self._task_words(command, reading, votes))

        # hotspots
        for hotspot in hotspots:
            evidence.append(self._hotspot(hotspot, command))
            for task, lexicon in V.HOTSPOT_TASK_CUES.items():
                if lexicon.matches(hotspot.text):
                    _add(votes, task, 1.0)

        # explicit opportunity stickies
        for sticky in marked:
            evidence.append(self._evidence(
                "opportunity_sticky", [sticky, command],
                lang_texts(
                    en=f'The workshop marked {_q(sticky.text, "en")} as an opportunity on '
                       f'{_q(command.text, "en")}.',
                    de=f'Der Workshop hat {_q(sticky.text, "de")} als Chance an '
                       f'{_q(command.text, "de")} markiert.')))
            for task, weight in self.reading(sticky).votes.items():
                _add(votes, task, 0.7 * weight)

        if alternatives:
            _add(votes, "classification", 1.0)

        # volume and effort
        volume = self.volume(command, outcomes)
        minutes = command.minutes
        if minutes is None:     # written on the outcome event instead
            minutes = next((e.minutes for e in outcomes if e.minutes is not None), None)
        effort = self._effort(command, volume, minutes)
        if effort is not None:
            evidence.append(effort)

        rules = {e["rule"] for e in evidence}
        if not rules & JUDGMENT_RULES:
            return None
        if rules & JUDGMENT_RULES == {"judgment_policy"} and issuers.policies and not internal:
            return None     # the judgment is the policy's; the command just carries it out
        if reading.vague and not rules & {"alternative_outcomes", "judgment_policy",
                                          "opportunity_sticky"}:
            return None
        task, alternatives_tasks = choose_task(votes)
        # the wording sentence names the task finally chosen
        for item in evidence:
            if item["rule"] in ("task_words", "task_words_weak"):
                item["texts"] = self._task_sentence(command, reading, task)
            elif item["rule"] == "informed_decision":
                item["texts"] = _decision_texts(internal[0], command, informers, task)
        actor_text = internal[0].text if internal else command.lane
        upstream = graph.local_upstream_events(command.id)
        candidate = _Candidate(
            anchor=command, task=task, alternative_tasks=alternatives_tasks,
            actor=actor_text, inputs=[*informers, *upstream], upstream=upstream,
            outcomes=outcomes, classes=classes, hotspots=hotspots,
            volume=volume[0] if volume else None, minutes=minutes, evidence=evidence,
            risk_flags=self.risk_flags([command, *people, *informers, *outcomes, *policies,
                                        *marked, *upstream]))
        if candidate.score < THRESHOLD:
            return None
        return candidate

    def _disputed(self, command: Sticky) -> bool:
        """A hotspot says people do this differently: where people disagree, a judgment is
        hidden, even in a step worded as a chore ("Officers convert grades differently")."""
        return any(V.PAIN["disagreement"].matches(h.text) for h in self.graph.hotspots(command.id))

    def _alternatives(self, outcomes: Sequence[Sticky]) -> list[Sticky]:
        """Two or more outcome events of which none leads to another: alternatives."""
        if len(outcomes) < 2:
            return []
        ids = {e.id for e in outcomes}
        for event in outcomes:
            for nxt in self.graph.graph.successors(event.id):
                if nxt in ids and self.graph.relation(event.id, nxt) == Relation.PRECEDES:
                    return []
        return list(outcomes)

    def _decided_branch(self, policy: Sticky) -> bool:
        """The policy fires on one of a command's alternative outcomes: the judgment was
        made by that command ("Deckung prüfen" ended in "Deckung abgelehnt"), and whatever
        the condition says, it names the branch taken, not a new judgment."""
        for event in self.graph.predecessors(policy.id, K.EVENT):
            commands = self.graph.predecessors(event.id, K.COMMAND) + [
                c for h in self.graph.predecessors(event.id, K.AGGREGATE, K.SYSTEM)
                for c in self.graph.predecessors(h.id, K.COMMAND)]
            for command in commands:
                alternatives = self._alternatives(self.graph.outcomes(command.id))
                if any(e.id == event.id for e in alternatives):
                    return True
        return False

    def judgment_words(self, policy: Sticky) -> list[str]:
        """The words of a policy's condition that need a judgment, unless the policy only
        restates a judgment already made upstream ("Whenever fraud is confirmed" after the
        event "Fraud confirmed") or says it runs by itself ("accept automatically")."""
        if V.AUTOMATIC.matches(policy.text):
            return []
        words = V.JUDGMENT_CONDITION.find(_condition(policy.text))
        if not words:
            return []
        triggers = " ".join(e.text for e in self.graph.predecessors(policy.id, K.EVENT))
        triggers = triggers.casefold()
        return [w for w in words if w.casefold()[:5] not in triggers]

    def _judgment_policy(self, policy: Sticky, anchor: Sticky, words: list[str]) -> dict:
        # as an anchor of its own, the judgment policy alone makes the opportunity
        weight = max(WEIGHTS["judgment_policy"], THRESHOLD) if policy.id == anchor.id else None
        return self._evidence(
            "judgment_policy", [policy, anchor] if policy.id != anchor.id else [policy],
            self._texts(
                en=f'The policy {_q(policy.text, "en")} hinges on a judgment '
                   f'({_qs(words, "en")}) that a prediction could make'
                   + (f' for {_q(anchor.text, "en")}.' if policy.id != anchor.id else "."),
                de=f'Die Policy {_q(policy.text, "de")} hängt an einer Einschätzung '
                   f'({_qs(words, "de")}), die eine Vorhersage treffen kann'
                   + (f' – für {_q(anchor.text, "de")}.' if policy.id != anchor.id else ".")),
            weight)

    def _task_words(self, sticky: Sticky, reading: Reading, votes: dict[str, float]) -> dict:
        task, _ = choose_task(votes)
        rule = "task_words" if reading.strong else "task_words_weak"
        return self._evidence(rule, [sticky], self._task_sentence(sticky, reading, task))

    def _task_sentence(self, sticky: Sticky, reading: Reading, task: str) -> dict[str, str]:
        # the words that matched, without the sticky's whole text (already quoted) or repeats
        whole = " ".join(sticky.text.split()).casefold()
        words: list[str] = []
        for word in reading.judgment_words:
            if " ".join(word.split()).casefold() != whole and word.casefold() not in \
                    {w.casefold() for w in words}:
                words.append(word)
        shown = {lang: f" ({_qs(words, lang)})" if words else "" for lang in LANGS}
        return self._texts(
            en=f'The wording of {_q(sticky.text, "en")}{shown["en"]} marks a '
               f'judgment: {TASK_PHRASES[task]["en"]}.',
            de=f'Die Formulierung von {_q(sticky.text, "de")}{shown["de"]} zeigt '
               f'eine Einschätzung an: {TASK_PHRASES[task]["de"]}.')

    def _hotspot(self, hotspot: Sticky, anchor: Sticky) -> dict:
        kind = next((name for name, lexicon in V.PAIN.items()
                     if lexicon.matches(hotspot.text)), None)
        if kind is None:
            return self._evidence(
                "hotspot", [hotspot, anchor],
                self._texts(
                    en=f'The hotspot {_q(hotspot.text, "en")} marks trouble at '
                       f'{_q(anchor.text, "en")}.',
                    de=f'Der Hotspot {_q(hotspot.text, "de")} zeigt Ärger bei '
                       f'{_q(anchor.text, "de")}.'))
        return self._evidence(
            "hotspot_pain", [hotspot, anchor],
            self._texts(
                en=f'The hotspot {_q(hotspot.text, "en")} on {_q(anchor.text, "en")} reports '
                   f'{PAIN_PHRASES[kind]["en"]}.',
                de=f'Der Hotspot {_q(hotspot.text, "de")} an {_q(anchor.text, "de")} meldet '
                   f'{PAIN_PHRASES[kind]["de"]}.'))

    def _effort(self, anchor: Sticky, volume: tuple[float, Sticky] | None,
                minutes: float | None) -> dict | None:
        if volume is None and minutes is None:
            return None
        if volume is not None:
            per_day, source = volume
            stickies = [anchor] if source.id == anchor.id else [anchor, source]
            src = {lang: "" if source.id == anchor.id else f" ({_q(source.text, lang)})"
                   for lang in LANGS}
        if volume is not None and minutes is not None:
            hours = per_day * minutes / 60
            days, en, de = _period(per_day)
            weight = 0.3 if hours >= 40 else 0.25 if hours >= 8 else 0.15 if hours >= 1 else 0.1
            return self._evidence(
                "effort", stickies, self._texts(
                    en=f'{_q(anchor.text, "en")} happens {_times(per_day * days, "en")} '
                       f'{en}{src["en"]} and takes {_number(minutes, "en")} minutes each: '
                       f'about {_number(hours * days, "en")} hours of work {en}.',
                    de=f'{_q(anchor.text, "de")} fällt {_times(per_day * days, "de")} '
                       f'{de} an{src["de"]} und dauert je {_number(minutes, "de")} Minuten: rund '
                       f'{_number(hours * days, "de")} Arbeitsstunden {de}.'), weight)
        if volume is not None:
            days, en, de = _period(per_day)
            weight = 0.15 if per_day >= 1000 else 0.1 if per_day >= 100 else 0.05
            return self._evidence(
                "volume", stickies, self._texts(
                    en=f'{_q(anchor.text, "en")} happens {_times(per_day * days, "en")} '
                       f'{en}{src["en"]}.',
                    de=f'{_q(anchor.text, "de")} fällt {_times(per_day * days, "de")} '
                       f'{de} an{src["de"]}.'), weight)
        assert minutes is not None
        weight = 0.15 if minutes >= 15 else 0.1
        return self._evidence(
            "minutes", [anchor], self._texts(
                en=f'{_q(anchor.text, "en")} takes {_number(minutes, "en")} minutes of a '
                   f'person\'s time each time.',
                de=f'{_q(anchor.text, "de")} kostet jedes Mal {_number(minutes, "de")} '
                   f'Minuten Arbeitszeit.'), weight)

    def _texts(self, en: str, de: str) -> dict[str, str]:
        return {"en": en, "de": de}

    # ------------------------------------------------------------------ policies
    def _policy(self, policy: Sticky, issued: Sequence[Sticky]) -> _Candidate | None:
        """A policy whose condition needs a judgment that no command carries."""
        words = self.judgment_words(policy)
        if not words:
            return None
        graph = self.graph
        # the judgment sits in the condition ("whenever X looks suspicious"), not the action
        reading = read_text(_condition(policy.text), self.lang)
        evidence = [self._judgment_policy(policy, policy, words)]
        votes = dict(reading.votes)
        if reading.judgment:
            evidence.append(self._evidence(
                "task_words" if reading.strong else "task_words_weak", [policy], {}))
        informers = graph.predecessors(policy.id, K.READMODEL, K.SYSTEM)
        if informers:
            evidence.append(self._evidence(
                "informed_step", [policy, *informers], self._texts(
                    en=f'{_q(policy.text, "en")} draws on '
                       f'{_qs([s.text for s in informers], "en")}.',
                    de=f'{_q(policy.text, "de")} stützt sich auf '
                       f'{_qs([s.text for s in informers], "de")}.')))
        hotspots = graph.hotspots(policy.id)
        for hotspot in hotspots:
            evidence.append(self._hotspot(hotspot, policy))
            for task, lexicon in V.HOTSPOT_TASK_CUES.items():
                if lexicon.matches(hotspot.text):
                    _add(votes, task, 1.0)
        outcomes = [e for c in issued for e in graph.outcomes(c.id)]
        volume = self.volume(policy)
        effort = self._effort(policy, volume, None)
        if effort is not None:
            evidence.append(effort)
        task, others = choose_task(votes)
        for item in evidence:
            if item["rule"] in ("task_words", "task_words_weak"):
                item["texts"] = self._task_sentence(policy, reading, task)
        actors = [a for a in graph.neighbours(policy.id, K.ACTOR)
                  if not self.is_machine(a) and not self.is_external(a)]
        upstream = graph.predecessors(policy.id, K.EVENT)
        return _Candidate(
            anchor=policy, task=task, alternative_tasks=others,
            actor=actors[0].text if actors else policy.lane, inputs=[*informers, *upstream],
            upstream=upstream, outcomes=outcomes, classes=(), hotspots=hotspots,
            volume=volume[0] if volume else None, minutes=None, evidence=evidence,
            risk_flags=self.risk_flags([policy, *issued, *actors, *informers, *outcomes]))

    def _rule_idea(self, policy: Sticky, commands: Sequence[Sticky]) -> AutomationIdea:
        events = self.graph.predecessors(policy.id, K.EVENT)
        cmds = [c.text for c in commands]
        on_en = f' fires on {_qs([e.text for e in events], "en")} and' if events else ""
        on_de = f' greift bei {_qs([e.text for e in events], "de")} und' if events else ""
        texts = self._texts(
            en=f'The policy {_q(policy.text, "en")}{on_en} issues {_qs(cmds, "en")}: a fixed '
               f'rule that plain automation can carry out, no prediction needed.',
            de=f'Die Policy {_q(policy.text, "de")}{on_de} löst {_qs(cmds, "de")} aus: eine '
               f'feste Regel, die sich ohne Vorhersage automatisieren lässt.')
        return AutomationIdea(id=f"auto-{policy.id}", title=policy.text, kind="rule_automation",
                              anchor=StickyRef.of(policy), explanation=texts[self.lang],
                              explanations=texts)

    def _optimisation_idea(self, command: Sticky, reading: Reading) -> AutomationIdea:
        informers = self.graph.local_informers(command.id)
        words = reading.optimisation
        feeds_en = feeds_de = ""
        if informers:
            feeds_en = f' It can start from {_qs([s.text for s in informers], "en")}.'
            feeds_de = f' Als Grundlage dienen {_qs([s.text for s in informers], "de")}.'
        if V.TASK_CUES["forecasting"].matches(command.text) or any(
                V.TASK_CUES["forecasting"].matches(s.text) for s in informers):
            feeds_en += " A forecast of demand can feed it."
            feeds_de += " Eine Bedarfsprognose kann sie speisen."
        texts = self._texts(
            en=f'{_q(command.text, "en")} allocates resources to slots ({_qs(words, "en")}): '
               f'an optimisation problem (scheduling, rostering or routing) for a solver, '
               f'not a prediction.{feeds_en}',
            de=f'{_q(command.text, "de")} verteilt Ressourcen auf Plätze ({_qs(words, "de")}): '
               f'ein Optimierungsproblem (Terminplanung, Dienstplan oder Tourenplanung) für '
               f'einen Solver, keine Vorhersage.{feeds_de}')
        return AutomationIdea(id=f"auto-{command.id}", title=command.text, kind="optimisation",
                              anchor=StickyRef.of(command), explanation=texts[self.lang],
                              explanations=texts)

    # ------------------------------------------------------------------ opportunity stickies
    def _opportunity_sticky(self, sticky: Sticky, linked: Sequence[Sticky]) -> _Candidate:
        graph = self.graph
        reading = self.reading(sticky)
        names = [s for s in linked if s.kind not in _ANNOTATING]
        on_en = f' on {_qs([s.text for s in names], "en")}' if names else ""
        on_de = f' an {_qs([s.text for s in names], "de")}' if names else ""
        evidence = [self._evidence(
            "opportunity_sticky", [sticky, *names], self._texts(
                en=f'The workshop wrote {_q(sticky.text, "en")} as an opportunity{on_en}.',
                de=f'Der Workshop hat {_q(sticky.text, "de")} als Chance notiert{on_de}.'))]
        votes = dict(reading.votes)
        for other in names:
            for task, weight in self.reading(other).votes.items():
                _add(votes, task, 0.5 * weight)
        task, others = choose_task(votes)
        if reading.judgment:
            evidence.append(self._evidence(
                "task_words" if reading.strong else "task_words_weak", [sticky],
                self._task_sentence(sticky, reading, task)))
        commands = [s for s in names if s.kind == K.COMMAND]
        informers = [i for c in commands for i in graph.local_informers(c.id)]
        upstream = [e for c in commands for e in graph.local_upstream_events(c.id)]
        outcomes = [e for c in commands for e in graph.outcomes(c.id)]
        actors = [a for c in commands for a in graph.issuers(c.id).all_actors
                  if not self.is_machine(a) and not self.is_external(a)]
        hotspots = [h for s in [sticky, *names] for h in graph.hotspots(s.id)]
        volume = self.volume(names[0]) if names else None
        return _Candidate(
            anchor=sticky, task=task, alternative_tasks=others,
            actor=actors[0].text if actors else (names[0].lane if names else sticky.lane),
            inputs=list({s.id: s for s in [*informers, *upstream]}.values()),
            upstream=upstream, outcomes=outcomes, classes=(), hotspots=hotspots,
            volume=volume[0] if volume else None, minutes=None, evidence=evidence,
            risk_flags=self.risk_flags([sticky, *names, *actors, *informers, *outcomes]))

    # ------------------------------------------------------------------ output
    def _build(self, cand: _Candidate) -> Opportunity:
        evidence = tuple(
            Evidence(rule=item["rule"], stickies=item["stickies"],
                     explanation=item["texts"][self.lang], explanations=item["texts"],
                     weight=item["weight"])
            for item in cand.evidence)
        refs = lambda stickies: tuple(StickyRef.of(s) for s in  # noqa: E731
                                      {s.id: s for s in stickies}.values())
        return Opportunity(
            id=f"opp-{cand.anchor.id}", title=cand.anchor.text, task=cand.task,
            alternative_tasks=cand.alternative_tasks, anchor=StickyRef.of(cand.anchor),
            actor=cand.actor, inputs=refs(cand.inputs), outcomes=refs(cand.outcomes),
            classes=cand.classes, upstream=refs(cand.upstream), hotspots=refs(cand.hotspots),
            volume_per_day=cand.volume, minutes=cand.minutes,
            high_stakes=bool(cand.risk_flags), risk_flags=cand.risk_flags,
            evidence=evidence, score=cand.score, lang=self.lang)


_ANNOTATING = {K.HOTSPOT, K.OPPORTUNITY, K.NOTE}
_CONDITION_END = re.compile(r",|;|:|\s(?:then|dann|so)\s", re.IGNORECASE)


def _condition(text: str) -> str:
    """The condition of a policy: its text up to the first comma or "then"."""
    return _CONDITION_END.split(text, maxsplit=1)[0].strip() or text


_NEGATIONS = frozenset("no not never none without kein keine keinen keiner keinem nicht nie "
                       "ohne".split())


def _classes(events: Sequence[Sticky]) -> tuple[str, ...]:
    """The class names: the contiguous span in which alternative outcome events' texts
    differ, after the words they all begin and end with ("Claim approved" and "Claim
    rejected" give "approved" and "rejected"). Negations keep what they negate: "No
    conflict found" against "Conflict found" stays whole rather than "No" against nothing,
    and "No new damage found" against "New damage recorded" differ throughout."""
    token_lists = [e.text.split() for e in events]
    folded = [[w.casefold() for w in words] for words in token_lists]
    shortest = min(len(words) for words in folded)
    head = 0
    while head < shortest and len({words[head] for words in folded}) == 1:
        head += 1
    tail = 0
    while tail < shortest - head and len({words[-1 - tail] for words in folded}) == 1:
        tail += 1
    spans = [words[head:len(words) - tail] for words in token_lists]
    if any(not span or all(_negation(w) for w in span) for span in spans):
        spans = [words[head:] for words in token_lists]     # the negation needs its words
    return tuple(dict.fromkeys(" ".join(span) if span else event.text
                               for event, span in zip(events, spans, strict=True)))


def _negation(word: str) -> bool:
    return word.casefold().strip(".,;:!?") in _NEGATIONS
