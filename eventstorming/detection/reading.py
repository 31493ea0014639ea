"""Reading one sticky's words: is a judgment needed, which ML task, or is it a chore?

:func:`read_text` reads a text the way a consultant reads a sticky: the verb where it stands
(first in English, last in German; a judgment verb elsewhere is likely a noun, "interest
rate"), task cues and objects ("category", "how much"), light verbs that take their object's
judgment ("Create demand forecast"), chores (send, pay, archive) and optimisation
(scheduling, rostering, routing). The helpers below it read the parts of a step that the
signals need: its first clause, the thing it acts on, its head noun, the class names of
alternative outcomes. Pure functions of text; the vocabulary is in
:mod:`eventstorming.detection.vocabulary`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from eventstorming.detection import vocabulary as V

TASK_PRIORITY = ("anomaly_detection", "extraction", "forecasting", "regression", "ranking",
                 "clustering", "classification")


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
        """Whether any words show that a judgment is needed."""
        return bool(self.judgment_words)


def add_vote(votes: dict[str, float], task: str, weight: float) -> None:
    """Add ``weight`` to ``task`` in ``votes``."""
    votes[task] = votes.get(task, 0.0) + weight


def unique_words(words: Iterable[str]) -> list[str]:
    """The words once each (case folded), in the order first seen."""
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
    slot = verb_slot(text, lang)
    judgment: list[str] = []
    for task, lexicon in V.TASK_VERBS.items():
        found = lexicon.find(head)
        if found:
            # a verb where the verb stands counts fully; elsewhere it is likely a noun
            # ("interest rate", "shipping label") and still hints at the task
            at_slot = slot is not None and bool(at(lexicon, text, slot))
            add_vote(votes, task, 3.0 if at_slot else 1.5)
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
            add_vote(votes, task, weight * min(len(found), 2))
            words.setdefault(task, []).extend(found)
            judgment += found
            strong = True
    need = V.FORECAST_NEED.find(head)
    if need:
        # "Plan cars needed per station": how many will be needed is a forecast, and the
        # phrase outweighs the verb inside it ("Estimate staff needed")
        add_vote(votes, "forecasting", 4.0)
        words.setdefault("forecasting", []).extend(need)
        judgment += need
        strong = True
    generic = V.GENERIC_JUDGMENT.find(head)
    suggest = V.SUGGEST.find(head)
    setting = V.SETTING.find(head)
    if generic:
        add_vote(votes, "classification", 1.0)
        judgment += generic
    if suggest:
        add_vote(votes, "ranking", 1.5)
        words.setdefault("ranking", []).extend(suggest)
        judgment += suggest
        strong = True
    for task, lexicon in V.TASK_OBJECTS.items():
        if task == "extraction" and (generic or setting):
            continue     # a code or number that is decided is a class, not data to copy
        found = lexicon.find(head)
        if found:
            add_vote(votes, task, 2.0 if task == "regression" else 1.5)
            words.setdefault(task, []).extend(found)
            if generic or suggest or setting:
                judgment += found + setting
                strong = True
    judgment_words = tuple(unique_words(judgment))
    chore: list[str] = []
    vague = False
    if slot is not None:
        judged = max((len(w) for lexicon in _JUDGMENT_VERB_LEXICONS
                      for w in at(lexicon, text, slot)), default=0)
        chore = list(at(V.TRANSACTIONAL, text, slot))
        if chore and max(len(w) for w in chore) > judged:
            judged = 0     # the longer phrase wins: "Check in guest" is no check
        if chore and at(V.LIGHT_VERBS, text, slot) and judgment_words:
            chore = []     # "Create demand forecast": the object is the judgment
        if judged:
            chore = []
        vague = bool(at(V.VAGUE, text, slot)) and not judged
    return Reading(votes=votes, words=words, judgment_words=judgment_words, strong=strong,
                   transactional=tuple(chore), vague=vague,
                   optimisation=tuple(optimisation_words(text)))


_JUDGMENT_VERB_LEXICONS = (*V.TASK_VERBS.values(), V.GENERIC_JUDGMENT, V.SUGGEST)


_VERB_LEXICONS = (*_JUDGMENT_VERB_LEXICONS, V.TRANSACTIONAL, V.VAGUE, V.SETTING,
                  V.LIGHT_VERBS)


_REMARK = re.compile(r"\s*\([^)]*\)")


@lru_cache(maxsize=65536)
def at(lexicon: V.Lexicon, text: str, slot: str) -> tuple[str, ...]:
    """The match of ``lexicon`` at the start (``slot="first"``) or end (``"last"``) of text."""
    # a remark in brackets is no part of the wording: "Zahlbetrag eingeben (Teilbetrag)"
    stripped = _REMARK.sub(" ", text).strip().rstrip(".!?:;").strip() or text.strip()
    found = lexicon.at_start(stripped) if slot == "first" else lexicon.at_end(stripped)
    return (found,) if found else ()


def judged_at_verb(text: str, lang: str = "en") -> bool:
    """Whether the verb of a step names a judgment where the verb stands ("Assess claim"),
    not only a noun elsewhere that is a verb too ("Meeting Group Proposal")."""
    slot = verb_slot(text, lang)
    return slot is not None and any(at(lexicon, text, slot) for lexicon in
                                    _JUDGMENT_VERB_LEXICONS)


def verb_slot(text: str, lang: str = "en") -> str | None:
    """Where the verb of a command stands: first in English ("Send invoice"); in German
    last ("Rechnung senden") or, for an imperative, first ("Prüfe Rechnung")."""
    for slot in (("last", "first") if lang == "de" else ("first",)):
        if any(at(lexicon, text, slot) for lexicon in _VERB_LEXICONS):
            return slot
    return None


def optimisation_words(text: str) -> list[str]:
    """The words that make a step scheduling, rostering or routing (none for a forecast of need)."""
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
        return unique_words(verbs + resources)
    return []


def choose_task(votes: dict[str, float]) -> tuple[str, tuple[str, ...]]:
    """The task with the most votes (ties to the more specific task), and the others that
    got votes, best first. Classification when nothing voted."""
    ranked = sorted((t for t, v in votes.items() if v > 0),
                    key=lambda t: (-votes[t], TASK_PRIORITY.index(t)))
    if not ranked:
        return "classification", ()
    return ranked[0], tuple(ranked[1:])


_CONDITION_END = re.compile(r",|;|:|\s(?:then|dann|so)\s", re.IGNORECASE)


def condition(text: str) -> str:
    """The condition of a policy: its text up to the first comma or "then"."""
    return _CONDITION_END.split(text, maxsplit=1)[0].strip() or text


_NEGATIONS = frozenset("no not never none without kein keine keinen keiner keinem nicht nie "
                       "ohne".split())


def classes(texts: Sequence[str]) -> tuple[str, ...]:
    """The class names: the contiguous span in which alternative outcome events' texts
    differ, after the words they all begin and end with ("Claim approved" and "Claim
    rejected" give "approved" and "rejected"). Negations keep what they negate: "No
    conflict found" against "Conflict found" stays whole rather than "No" against nothing,
    and "No new damage found" against "New damage recorded" differ throughout."""
    token_lists = [text.split() for text in texts]
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
    return tuple(dict.fromkeys(" ".join(span) if span else text
                               for text, span in zip(texts, spans, strict=True)))


def _negation(word: str) -> bool:
    return word.casefold().strip(".,;:!?") in _NEGATIONS


VERDICTS = (("positive", V.VERDICT_POSITIVE), ("negative", V.VERDICT_NEGATIVE),
             ("pending", V.VERDICT_PENDING))


_CLAUSE_END = re.compile(r"\s(?:and|und|&|\+|then|dann)\s", re.IGNORECASE)


def first_clause(text: str) -> str:
    """A compound sticky's first step: "Accept claim and schedule payment" -> "Accept
    claim" (the judgment stands first; what follows carries it out)."""
    return _CLAUSE_END.split(text, maxsplit=1)[0].strip() or text


_LINKING = re.compile(r"\s(?:to|into|in|from|for|with|on|zu|zum|zur|in|aus|für|mit|auf)\s",
                      re.IGNORECASE)


def object_head(text: str, verb: str) -> str:
    """The thing a step acts on: the words after the verb, up to a preposition ("Add meal
    to meal plan" -> "meal")."""
    rest = text[len(verb):] if text.lower().startswith(verb.lower()) else text[:-len(verb)]
    rest = _LINKING.split(f" {rest.strip()} ", maxsplit=1)[0].strip()
    return rest


def stem(word: str) -> str:
    """A crude stem for matching plural and singular ("meals", "meal")."""
    word = word.casefold()
    for suffix in ("ies", "es", "s", "en", "e", "n"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def mentions(text: str, thing: str) -> bool:
    """Whether ``text`` names ``thing`` (word stems, so "meals" names "meal")."""
    words = {stem(w) for w in re.findall(r"\w+", text)}
    wanted = [stem(w) for w in re.findall(r"\w+", thing)]
    return bool(wanted) and all(w in words for w in wanted)


def head_noun(text: str) -> str:
    """The last word of a step's first clause, stemmed: what the step is about ("Set
    Appraised Value" -> "valu")."""
    clause = re.sub(r"\([^)]*\)", " ", first_clause(text))
    # the head stands before its complements: "Classify the urgency of the repair"
    clause = _COMPLEMENT.split(f" {clause} ", maxsplit=1)[0]
    words = re.findall(r"\w+", clause)
    return stem(words[-1]) if len(words) > 1 else ""


_COMPLEMENT = re.compile(r"\s(?:of|to|into|in|from|for|with|on|by|at|per|von|für|mit|aus|"
                         r"nach|bei|je)\s", re.IGNORECASE)
