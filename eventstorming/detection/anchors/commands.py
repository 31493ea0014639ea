"""Commands as anchors: the step whose execution needs a judgment.

:func:`command_candidate` first applies the vetoes (a customer's own business, optimisation,
formulas, administration, chores, data entry, validity checks, stated rules), then gathers
the signals that show a judgment and name its task.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventstorming.detection import vocabulary as V
from eventstorming.detection.candidate import JUDGMENT_RULES, Candidate
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.opportunity import AutomationIdea
from eventstorming.detection.phrases import decision_texts, q, qs, the
from eventstorming.detection.reading import (
    Reading,
    add_vote,
    at,
    choose_task,
    condition,
    first_clause,
    judged_at_verb,
    read_text,
    verb_slot,
)
from eventstorming.detection.signals.customers import customer_step
from eventstorming.detection.signals.documents import is_data_entry, is_validation, read_later
from eventstorming.detection.signals.effort import effort_evidence
from eventstorming.detection.signals.hotspots import hotspot_evidence
from eventstorming.detection.signals.outcomes import alternative_evidence
from eventstorming.detection.signals.people import assigned_person
from eventstorming.detection.signals.rules import (
    judgment_policy,
    optimisation_idea,
    stated_rule,
    stated_rule_idea,
)
from eventstorming.detection.signals.wording import task_sentence, task_words
from eventstorming.model import Sticky


def _veto(r: BoardReader, command: Sticky, reading: Reading, internal: Sequence[Sticky],
          group: Sequence[Sticky], scanned: bool) -> AutomationIdea | str | None:
    """Why ``command`` is no prediction, if it is none: optimisation or a rule (an idea), or
    ``"transactional"`` for a chore, administration, an answer to one's own work, data
    entry or a validity check. The alternatives of a decision are never vetoed as chores."""
    if reading.optimisation:
        return optimisation_idea(r, command, reading)
    issuers = r.graph.issuers(command.id)
    formula = [p for p in issuers.policies if V.FORMULA.matches(r.words(p))]
    if formula and not group:
        return stated_rule_idea(r, command, formula[0])
    if not group and (V.ADMINISTRATION.matches(r.words(command)) or (
            r.verdict(command) and V.OWN_RESPONSE.matches(r.verdict_object(command)))):
        return "transactional"
    if reading.transactional and not r.disputed(command) and not group and not scanned:
        return "transactional"
    if is_data_entry(r, command, reading) or is_validation(r, command):
        return "transactional"
    rule = stated_rule(r, command, reading, internal)
    if rule is not None and not group:
        return stated_rule_idea(r, command, rule)
    return None


def command_candidate(r: BoardReader, command: Sticky, group: Sequence[Sticky] = ()
                      ) -> Candidate | AutomationIdea | str | None:
    """The candidate anchored on ``command``; an automation idea or the reason it is none
    (``"customer"``, ``"transactional"``); ``None`` where no judgment shows. ``group`` are
    the alternatives of a decision that ``command`` takes (:func:`decision_groups`)."""
    graph = r.graph
    reading = r.reading(command)
    issuers = graph.issuers(command.id)
    attributed = r.actor_policies.get(command.id, [])
    people = [a for a in issuers.all_actors if not r.is_machine(a)]
    internal = [a for a in people if not r.is_external(a)]
    if people and not internal:
        return customer_step(r, command, people[0]) or "customer"
    text = r.words(command)
    slot = verb_slot(text, r.lang) or "first"
    # scanning a document is where its extraction starts, unless a later step reads it
    scanned = bool(at(V.SCANNING, first_clause(text), slot)) and \
        V.DOCUMENTS.matches(V.SCANNING.pattern.sub(" ", text)) and not read_later(r, command)
    veto = _veto(r, command, reading, internal, group, scanned)
    if veto is not None:
        return veto

    lang_texts = r.texts
    evidence: list[dict[str, Any]] = []
    informers = graph.local_informers(command.id)
    outcomes = graph.outcomes(command.id)
    policies = list({p.id: p for p in [*issuers.policies, *attributed]}.values())
    hotspots = graph.hotspots(command.id) + r.nearby(command, K.HOTSPOT)
    marked = graph.opportunity_stickies(command.id)

    # a person decides, with or without information in front of them
    if internal:
        actor = internal[0]
        if informers:
            evidence.append(r.evidence(
                "informed_decision", [actor, command, *informers],
                decision_texts(actor, command, informers, "classification")))
        else:
            evidence.append(r.evidence(
                "human_decision", [actor, command],
                lang_texts(
                    en=f'{the(actor.text, "en")} carries out {q(command.text, "en")} '
                       f'by hand: a person\'s judgment is at work.',
                    de=f'{the(actor.text, "de")} erledigt {q(command.text, "de")} von '
                       f'Hand: hier urteilt ein Mensch.')))
    elif informers:
        evidence.append(r.evidence(
            "informed_step", [command, *informers],
            lang_texts(
                en=f'{q(command.text, "en")} draws on '
                   f'{qs([s.text for s in informers], "en")}.',
                de=f'{q(command.text, "de")} stützt sich auf '
                   f'{qs([s.text for s in informers], "de")}.')))
    elif not people and issuers.policies and reading.strong:
        # a policy carries out a judgment today: its rule is the baseline to beat
        policy = issuers.policies[0]
        evidence.append(r.evidence(
            "automated_step", [policy, command], lang_texts(
                en=f'The policy {q(policy.text, "en")} carries out '
                   f'{q(command.text, "en")} today: the rule it follows is the baseline '
                   f'a model has to beat.',
                de=f'Die Policy {q(policy.text, "de")} führt {q(command.text, "de")} '
                   f'heute aus: ihre Regel ist die Messlatte, die ein Modell schlagen muss.')))
    elif not people and not issuers.policies and r.no_actors:
        # a board that draws no actors still has people behind its commands
        evidence.append(r.evidence(
            "unattributed_step", [command], lang_texts(
                en=f'The board draws no actors, so someone takes {q(command.text, "en")} '
                   f'without being named: a step a person or a model has to take.',
                de=f'Das Board zeigt keine Akteure; {q(command.text, "de")} übernimmt '
                   f'also jemand Ungenannter: ein Schritt für einen Menschen oder ein '
                   f'Modell.')))

    # alternative outcomes: the classes
    alternatives = r.alternatives(outcomes)
    classes: tuple[str, ...] = ()
    if group:
        evidence += alternative_evidence(r, command, group)
        # the classes are what the alternatives end in, else the alternatives themselves
        decided = [e for m in group for e in r.graph.outcomes(m.id)]
        if len(decided) >= 2:
            outcomes = decided
        classes = r.class_names(decided if len(decided) >= 2 else group)
    elif alternatives:
        classes = r.class_names(alternatives)
        evidence.append(r.evidence(
            "alternative_outcomes", [command, *alternatives],
            lang_texts(
                en=f'{q(command.text, "en")} ends in alternative outcomes '
                   f'{qs([e.text for e in alternatives], "en")}: these are the classes, '
                   f'and past outcomes are the labels.',
                de=f'{q(command.text, "de")} endet in alternativen Ergebnissen '
                   f'{qs([e.text for e in alternatives], "de")}: das sind die Klassen, '
                   f'vergangene Ergebnisse liefern die Labels.')))

    # policies: a judgment condition, or a person handed the work
    votes: dict[str, float] = dict(reading.votes)
    for policy in policies:
        words = r.judgment_words(policy)
        if words:
            evidence.append(judgment_policy(r, policy, command, words))
            # the judgment the condition names is the one the command makes
            named = read_text(condition(r.words(policy)), r.lang)
            for task, weight in named.votes.items():
                add_vote(votes, task, weight)
            continue
        for task, weight in r.reading(policy).votes.items():
            add_vote(votes, task, 0.5 * weight)

    # a document to read: what a model can pull out of it
    documents = [s for s in graph.predecessors(command.id, K.READMODEL)
                 if V.DOCUMENTS.matches(r.words(s))]
    named = V.DOCUMENTS.matches(V.SCANNING.pattern.sub(" ", r.words(command)))
    if (documents or named) and (scanned or choose_task(votes)[0] == "extraction"):
        source = {lang: f' ({qs([s.text for s in documents], lang)})' if documents else ""
                  for lang in ("en", "de")}
        evidence.append(r.evidence(
            "document_input", [command, *documents], lang_texts(
                en=f'{q(command.text, "en")} works from a document{source["en"]}: a model '
                   f'can read the fields out of it instead of a person typing them.',
                de=f'{q(command.text, "de")} arbeitet mit einem Dokument{source["de"]}: ein '
                   f'Modell kann die Angaben auslesen, statt dass sie jemand abtippt.'), 0.25))
        if scanned:
            add_vote(votes, "extraction", 3.0)

    # assigning a person: matching people to cases
    matched = assigned_person(r, command)
    if matched is not None:
        evidence.append(r.evidence(
            "matching", [command, matched], lang_texts(
                en=f'{q(command.text, "en")} picks one {q(matched.text, "en")} for each '
                   f'case: matching people to work is a ranking of the candidates.',
                de=f'{q(command.text, "de")} wählt für jeden Fall eine Person '
                   f'({q(matched.text, "de")}): Menschen passend zuzuordnen ist ein '
                   f'Ranking der Kandidaten.')))
        add_vote(votes, "ranking", 6.0)

    # the wording; in a yes-or-no decision only a judgment verb counts, not nouns that
    # happen to be verbs elsewhere ("Accept Meeting Group Proposal")
    if reading.judgment and (not group or judged_at_verb(text, r.lang)):
        evidence.append(task_words(r, command, reading, votes))
    elif group:
        votes = {t: w for t, w in votes.items() if t == "classification"}

    # hotspots
    for hotspot in hotspots:
        evidence.append(hotspot_evidence(r, hotspot, command))
        for task, lexicon in V.HOTSPOT_TASK_CUES.items():
            if lexicon.matches(r.words(hotspot)):
                add_vote(votes, task, 1.0)

    # explicit opportunity stickies
    for sticky in marked:
        evidence.append(r.evidence(
            "opportunity_sticky", [sticky, command],
            lang_texts(
                en=f'The workshop marked {q(sticky.text, "en")} as an opportunity on '
                   f'{q(command.text, "en")}.',
                de=f'Der Workshop hat {q(sticky.text, "de")} als Chance an '
                   f'{q(command.text, "de")} markiert.')))
        for task, weight in r.reading(sticky).votes.items():
            add_vote(votes, task, 0.7 * weight)

    if alternatives or group:
        add_vote(votes, "classification", 2.0 if group else 1.0)

    # volume and effort
    volume = r.volume(command, outcomes)
    minutes = command.minutes
    if minutes is None:     # written on the outcome event instead
        minutes = next((e.minutes for e in outcomes if e.minutes is not None), None)
    effort = effort_evidence(r, command, volume, minutes)
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
            item["texts"] = task_sentence(r, command, reading, task)
        elif item["rule"] == "informed_decision":
            item["texts"] = decision_texts(internal[0], command, informers, task)
    # who decides today: a person on the board, never a lane's name
    actor_text = internal[0].text if internal else None
    upstream = graph.local_upstream_events(command.id)
    return Candidate(
        anchor=command, task=task, alternative_tasks=alternatives_tasks,
        actor=actor_text, inputs=[*informers, *upstream], upstream=upstream,
        outcomes=outcomes, classes=classes, hotspots=hotspots,
        volume=volume[0] if volume else None, minutes=minutes, evidence=evidence,
        risk_flags=r.risk_flags([command, *people, *informers, *outcomes, *policies,
                                    *marked, *upstream, *group]), votes=votes)
