"""Rules, not predictions: judgment conditions of policies, stated rules, rule automation
and optimisation ideas.

A policy whose condition needs a judgment ("whenever a payment looks suspicious") is
evidence for a prediction; a note or policy that states how a step is decided ("Rejected
when origin equals destination", "Deliver only within 5 km") makes the step rule
automation; scheduling, rostering and routing are optimisation for a solver.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventstorming.detection import vocabulary as V
from eventstorming.detection.candidate import THRESHOLD, WEIGHTS
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.opportunity import AutomationIdea, StickyRef
from eventstorming.detection.phrases import q, qs
from eventstorming.detection.reading import (
    Reading,
)
from eventstorming.model import Sticky


def judgment_policy(r: BoardReader, policy: Sticky, anchor: Sticky, words: list[str]) -> dict:
    # as an anchor of its own, the judgment policy alone makes the opportunity
    """Evidence that a policy's condition needs a judgment a prediction could make."""
    weight = max(WEIGHTS["judgment_policy"], THRESHOLD) if policy.id == anchor.id else None
    return r.evidence(
        "judgment_policy", [policy, anchor] if policy.id != anchor.id else [policy],
        r.texts(
            en=f'The policy {q(policy.text, "en")} hinges on a judgment '
               f'({qs(words, "en")}) that a prediction could make'
               + (f' for {q(anchor.text, "en")}.' if policy.id != anchor.id else "."),
            de=f'Die Policy {q(policy.text, "de")} hängt an einer Einschätzung '
               f'({qs(words, "de")}), die eine Vorhersage treffen kann'
               + (f' – für {q(anchor.text, "de")}.' if policy.id != anchor.id else ".")),
        weight)


def _idea(r: BoardReader, anchor: Sticky, kind: str, texts: dict[str, str]) -> AutomationIdea:
    """An automation idea anchored on ``anchor``, its sentence in the board's language."""
    return AutomationIdea(id=f"auto-{anchor.id}", title=anchor.text, kind=kind,
                          anchor=StickyRef.of(anchor), explanation=texts[r.lang],
                          explanations=texts)


def rule_idea(r: BoardReader, policy: Sticky, commands: Sequence[Sticky]) -> AutomationIdea:
    """A policy that only issues chores: rule automation, no prediction needed."""
    events = r.graph.predecessors(policy.id, K.EVENT)
    cmds = [c.text for c in commands]
    on_en = f' fires on {qs([e.text for e in events], "en")} and' if events else ""
    on_de = f' greift bei {qs([e.text for e in events], "de")} und' if events else ""
    texts = r.texts(
        en=f'The policy {q(policy.text, "en")}{on_en} issues {qs(cmds, "en")}: a fixed '
           f'rule that plain automation can carry out, no prediction needed.',
        de=f'Die Policy {q(policy.text, "de")}{on_de} löst {qs(cmds, "de")} aus: eine '
           f'feste Regel, die sich ohne Vorhersage automatisieren lässt.')
    return _idea(r, policy, "rule_automation", texts)


def stated_rule_idea(r: BoardReader, step: Sticky, rule: Sticky) -> AutomationIdea:
    """``step`` is decided by the rule the board states in ``rule`` (a note or a policy)."""
    texts = r.texts(
        en=f'{q(step.text, "en")} follows the rule {q(rule.text, "en")}: plain automation '
           f'can carry it out, no prediction needed.',
        de=f'{q(step.text, "de")} folgt der Regel {q(rule.text, "de")}: das lässt sich ohne '
           f'Vorhersage automatisieren.')
    return _idea(r, step, "rule_automation", texts)


def optimisation_idea(r: BoardReader, command: Sticky, reading: Reading) -> AutomationIdea:
    """A step that allocates resources to slots: optimisation for a solver."""
    informers = r.graph.local_informers(command.id)
    words = reading.optimisation
    feeds_en = feeds_de = ""
    if informers:
        feeds_en = f' It can start from {qs([s.text for s in informers], "en")}.'
        feeds_de = f' Als Grundlage dienen {qs([s.text for s in informers], "de")}.'
    if V.TASK_CUES["forecasting"].matches(r.words(command)) or any(
            V.TASK_CUES["forecasting"].matches(r.words(s)) for s in informers):
        feeds_en += " A forecast of demand can feed it."
        feeds_de += " Eine Bedarfsprognose kann sie speisen."
    texts = r.texts(
        en=f'{q(command.text, "en")} allocates resources to slots ({qs(words, "en")}): '
           f'an optimisation problem (scheduling, rostering or routing) for a solver, '
           f'not a prediction.{feeds_en}',
        de=f'{q(command.text, "de")} verteilt Ressourcen auf Plätze ({qs(words, "de")}): '
           f'ein Optimierungsproblem (Terminplanung, Dienstplan oder Tourenplanung) für '
           f'einen Solver, keine Vorhersage.{feeds_de}')
    return _idea(r, command, "optimisation", texts)


def stated_rule(r: BoardReader, step: Sticky, reading: Reading,
                 people: Sequence[Sticky]) -> Sticky | None:
    """The note or policy that states how ``step`` is decided, if the board gives one:
    a note right after it ("Rejected when origin equals destination", "Account managers
    are assigned round-robin"), or a policy with a fixed rule that issues a plainly
    worded check no person makes ("Deliver only within 5 km" -> "Check delivery
    zone"). A weighted heuristic ("Location Proximity (40%)") is no such rule: it is
    what a model would replace."""
    if r.pained(step) or V.TASK_CUES["anomaly_detection"].matches(r.words(step)):
        return None     # the rule does not work well: a model is the way to improve it
    for note in r.stated_notes(step):
        text = r.words(note)
        if V.RULE_STATEMENT.matches(text) and not V.HEURISTIC.matches(text):
            return note
    # a rule can decide a yes or a no by itself ("DisputeDeadlinePolicy" -> "Reject…")
    if (reading.strong and not r.verdict(step)) or people or r.graph.hotspots(step.id):
        return None
    for policy in r.graph.predecessors(step.id, K.POLICY):
        text = r.words(policy)
        if V.FIXED_RULE.matches(text) and not V.HEURISTIC.matches(text):
            return policy
    return None
