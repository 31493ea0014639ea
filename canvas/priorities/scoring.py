"""Prioritize ML opportunities: six criteria, adjustable weights, overrides, ROI, quadrant.

Each opportunity is scored 1–5 on six criteria, each with a one-line reason taken from the
board:

========== ====================================================== ===================
criterion  question                                                5 means
========== ====================================================== ===================
value      how much would a good prediction be worth?              a lot
data       do read models and systems feed the decision?           plenty of inputs
labels     do outcome events record the truth to learn from?       clear labels
tolerance  how costly is a wrong prediction? (tolerated?)          errors are cheap
complexity how hard is it technically?                             very hard
risk       high-stakes decisions about people, regulation?         very risky
========== ====================================================== ===================

``complexity`` and ``risk`` count against an opportunity (5 is bad); the others count for
it. The **value score** is the ``value`` criterion, the **feasibility score** the weighted
mean of the other five (complexity and risk turned round: ``6 - score``), the **combined
score** the weighted mean of all six, each on the 1–5 scale. Quadrants split value and
feasibility at 3: quick win (both high), strategic bet (valuable, hard), fill-in (easy,
little value), avoid (neither).

Business value counts the hours of work a year the board shows (volume per calendar day ×
365 × minutes ÷ 60): 1 below 250 hours, 2 from 250, 3 from 1,000, 4 from 4,000, 5 from
16,000 (ten full-time people at :data:`FTE_HOURS`), one more where a hotspot shows pain, and
one more where a hotspot names a cost beyond the work (:func:`stated_cost`: money, people
kept waiting, customers lost, fines), which minutes alone do not count. The
ROI (:func:`estimate_roi`) states its own assumptions (:class:`RoiAssumptions`): half of
today's minutes saved, 50 EUR an hour.

A product owner can override any score; :class:`PrioritySettings` keeps the overrides
(with author, time and an optional reason) and the weights in the workshop document
``priorities`` (see :func:`save_override`), so they survive and are revisioned.

Everything here is a pure function over small frozen values; only the ``load_*`` and
``save_*`` functions touch the workspace.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from canvas.spec.validate import did_you_mean
from eventstorming.detection.opportunity import Opportunity
from eventstorming.model import Board
from eventstorming.phrasing import number

# --------------------------------------------------------------------------- criteria


@dataclass(frozen=True)
class Criterion:
    """One prioritization criterion; ``against`` marks those where 5 is bad."""

    name: str
    label: str
    question: str
    against: bool = False


CRITERIA: tuple[Criterion, ...] = (
    Criterion("value", "Business value",
              "How much is a good prediction worth (volume × minutes saved, pain)?"),
    Criterion("data", "Data availability",
              "Do read models and systems feed the decision today?"),
    Criterion("labels", "Label availability",
              "Do outcome events record the truth a model can learn from?"),
    Criterion("tolerance", "Tolerance for wrong predictions",
              "How well can the process live with a wrong prediction?"),
    Criterion("complexity", "Technical complexity",
              "How hard is the prediction to build? (5: very hard)", against=True),
    Criterion("risk", "Risk",
              "High-stakes decisions about people, regulation? (5: very risky)", against=True),
)
CRITERION_NAMES: tuple[str, ...] = tuple(c.name for c in CRITERIA)
_BY_NAME = {c.name: c for c in CRITERIA}
DEFAULT_WEIGHTS: Mapping[str, float] = {name: 1.0 for name in CRITERION_NAMES}
#: Value and feasibility at or above this count as "high" for the quadrant.
QUADRANT_SPLIT = 3.0
QUADRANTS = ("quick win", "strategic bet", "fill-in", "avoid")
#: A risk score at or above this (high-stakes decisions about people) is never a quick win
#: nor an easy fill-in, however good data and labels look: it needs human review and a
#: fairness check first, so it moves to strategic bet (or avoid when it brings little value).
HIGH_RISK = 5
#: Quadrant names as a German board reads them (JSON and CSV keep the English ones).
QUADRANT_LABELS_DE = {"quick win": "schneller Erfolg", "strategic bet": "strategische Wette",
                      "fill-in": "Lückenfüller", "avoid": "meiden"}


def criterion(name: str) -> Criterion:
    """The criterion called ``name``; ValueError with a suggestion otherwise."""
    if name not in _BY_NAME:
        guess = did_you_mean(name, CRITERION_NAMES)
        hint = f" — did you mean '{guess}'?" if guess else ""
        raise ValueError(f"unknown criterion '{name}'{hint} (criteria: "
                         f"{', '.join(CRITERION_NAMES)})")
    return _BY_NAME[name]


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """All six weights: the given ones over the defaults. Raises ValueError when a name
    is unknown, a weight is negative or not a finite number, or all weights are zero."""
    merged = dict(DEFAULT_WEIGHTS)
    for name, weight in weights.items():
        criterion(name)
        if isinstance(weight, bool) or not isinstance(weight, int | float) \
                or not math.isfinite(weight):
            raise ValueError(f"the weight of '{name}' must be a number (got {weight!r})")
        if weight < 0:
            raise ValueError(f"the weight of '{name}' must not be negative (got {weight})")
        merged[name] = float(weight)
    if not any(merged.values()):
        raise ValueError("at least one weight must be above zero")
    return merged


def parse_weights(text: str) -> dict[str, float]:
    """The weights named in ``"value=2,risk=1"`` (the ``--weights`` option); the others
    keep their weight. ValueError naming the problem when the text is bad."""
    weights: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, number = (s.strip() for s in item.partition("="))
        if not sep or not name or not number:
            raise ValueError(f"'{item}' is not a weight: write name=number, e.g. value=2")
        criterion(name)
        try:
            weights[name] = float(number)
        except ValueError:
            raise ValueError(f"the weight of '{name}' must be a number (got '{number}')") \
                from None
    if not weights:
        raise ValueError("no weights given: write name=number, e.g. value=2,risk=1")
    check_weights(weights)
    return weights


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Override:
    """A product owner's score for one criterion of one opportunity."""

    score: int
    author: str
    at: str
    reason: str | None = None

    def __post_init__(self) -> None:
        _check_score(self.score)
        if not str(self.author).strip():
            raise ValueError("an override needs an author")

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"score": self.score, "author": self.author, "at": self.at}
        if self.reason:
            data["reason"] = self.reason
        return data


def _check_score(score: Any) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ValueError(f"a score is a whole number from 1 to 5 (got {score!r})")
    return score


@dataclass(frozen=True)
class Score:
    """One criterion's score: the suggestion from the board, and an override if any."""

    criterion: str
    suggested: int
    reason: str
    override: Override | None = None

    @property
    def score(self) -> int:
        return self.override.score if self.override else self.suggested

    @property
    def favourable(self) -> int:
        """The score turned so that 5 is always good (complexity, risk: ``6 - score``)."""
        return 6 - self.score if _BY_NAME[self.criterion].against else self.score

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"criterion": self.criterion, "score": self.score,
                                "suggested": self.suggested, "reason": self.reason}
        if self.override:
            data["override"] = self.override.to_data()
        return data


@dataclass(frozen=True)
class RoiAssumptions:
    """What the rough ROI estimate assumes; every figure can be changed.

    ``volume`` on the board is per calendar day (a weekly volume is divided by 7), so a
    year has 365 of them. ``share_saved`` is the part of today's minutes a prediction saves:
    0.5 because a person still looks at most suggestions. ``hourly_rate`` is a loaded cost
    of an hour of office work.
    """

    hourly_rate: float = 50.0
    currency: str = "EUR"
    share_saved: float = 0.5
    days_per_year: float = 365.0

    def __post_init__(self) -> None:
        if not 0 < self.share_saved <= 1:
            raise ValueError("share_saved must be above 0 and at most 1")
        if self.hourly_rate < 0 or self.days_per_year <= 0:
            raise ValueError("hourly_rate must not be negative and days_per_year must be "
                             "positive")

    def describe(self, lang: str = "en") -> str:
        """The assumptions in a sentence, in English or German."""
        if lang == "de":
            return (f"{self.share_saved:.0%} der heutigen Minuten gespart, "
                    f"{self.hourly_rate:g} {self.currency}/Stunde, {self.days_per_year:g} "
                    "Tage im Jahr").replace("%", " %")
        return (f"{self.share_saved:.0%} of today's minutes saved, {self.hourly_rate:g} "
                f"{self.currency}/hour, {self.days_per_year:g} days a year")


@dataclass(frozen=True)
class Roi:
    """Hours and money a year a prediction could save, with what that assumes."""

    hours_per_year: float
    value_per_year: float
    currency: str
    assumptions: str

    def to_json(self) -> dict[str, Any]:
        return {"hours_per_year": round(self.hours_per_year), "value_per_year":
                round(self.value_per_year), "currency": self.currency,
                "assumptions": self.assumptions}


def estimate_roi(opportunity: Opportunity,
                 assumptions: RoiAssumptions = RoiAssumptions()) -> Roi | None:
    """The rough yearly saving when the board gives both volume and minutes, else None."""
    volume, minutes = opportunity.volume_per_day, opportunity.minutes
    if volume is None or minutes is None:
        return None
    hours = volume * assumptions.days_per_year * minutes / 60 * assumptions.share_saved
    return Roi(hours, hours * assumptions.hourly_rate, assumptions.currency,
               f"{rate(volume)} × {number(minutes)} min, {assumptions.describe()}")


@dataclass(frozen=True)
class Priority:
    """An opportunity with its scores, the three summary scores, quadrant, ROI and rank."""

    opportunity: Opportunity
    scores: tuple[Score, ...]
    value: float
    feasibility: float
    combined: float
    quadrant: str
    roi: Roi | None
    rank: int = 0
    quadrant_reason: str = ""

    @property
    def id(self) -> str:
        return self.opportunity.id

    def score_of(self, name: str) -> Score:
        criterion(name)
        return next(s for s in self.scores if s.criterion == name)

    def to_json(self) -> dict[str, Any]:
        opp = self.opportunity
        return {
            "rank": self.rank, "id": opp.id, "title": opp.title, "task": opp.task,
            "score": self.combined, "value": self.value, "feasibility": self.feasibility,
            "quadrant": self.quadrant, "quadrant_reason": self.quadrant_reason,
            "high_stakes": opp.high_stakes,
            "roi": self.roi.to_json() if self.roi else None,
            "criteria": {s.criterion: s.to_json() for s in self.scores},
        }


# --------------------------------------------------------------------------- suggestions

_DOCUMENT_WORDS = re.compile(
    r"scan|pdf|document|image|photo|email|e-mail|mail|letter|clause|free text|dokument|"
    r"beleg|bild|brief|foto|klausel|vertrag|contract|attachment|anhang", re.I)
_REGULATED_WORDS = re.compile(
    r"credit|loan|hiring|applicant|candidate|patient|health|diagnos|insurance|insur|"
    r"underwrit|claim|fraud|gdpr|personal|regulat|compliance|audit|kredit|bewerb|gesundheit|"
    r"versicher|dsgvo|personenbezogen|prüfung|aufsicht|eligib|welfare|sozial", re.I)
_REGULATED_DOMAINS = {"insurance", "health", "healthcare", "banking", "credit", "hr",
                      "lending", "versicherung", "gesundheit", "personal", "public sector",
                      "government", "education", "verwaltung", "öffentliche verwaltung",
                      "bildung", "sozialwesen", "social services"}


def _clamp(score: float) -> int:
    return max(1, min(5, round(score)))


#: The sentences behind each suggested score, in English and German (the board's language).
REASONS: dict[str, dict[str, str]] = {
    "en": {
        "and_more": " and {n} more",
        "hours": "{volume} × {minutes} min ≈ {hours} hours of work a year "
                 "(≈ {fte} full-time people)",
        "volume_only": "{volume} on the board, minutes per case unknown",
        "minutes_only": "{minutes} min per case, volume unknown",
        "no_volume": "no volume or minutes on the board (a guess)",
        "pain": "; {n} hotspot[|s]: {names}",
        "cost": "; {name} names a cost beyond the hours of work ({found}), one point more",
        "sources": "{n} read model[|s] or system[|s] feed[s|] the decision: {names}",
        "plus_events": ", plus {n} upstream event[|s]",
        "only_events": "only upstream events ({names}); no read model or system feeds the "
                       "decision",
        "no_inputs": "nothing on the board feeds the decision: no read model, system or event",
        "no_outcome": "no outcome event records the decision, so there is no label source",
        "alternatives": "{n} alternative outcome events record the truth ({names})",
        "settled_value": "{names} records the value people settle on",
        "happened": "{names} records that it happened; the class itself must be read from "
                    "its data (a guess)",
        "actor_reviews": "{actor} decides today and can review a suggestion",
        "unchecked": "no person decides today, so a wrong prediction acts unchecked",
        "ranking_forgiving": "a wrong suggestion is seen and corrected",
        "extraction_forgiving": "a wrong field is spotted and typed over",
        "high_stakes_call": "a wrong call is a high-stakes decision about people",
        "complexity_2": "{task}: a standard task",
        "complexity_3": "{task}: needs care (time, rare cases or ranking)",
        "complexity_4": "{task}: hard, unstructured input to read",
        "documents": "; it reads documents or free text ('{text}')",
        "many_inputs": "; joins {n} inputs",
        "high_stakes": "high stakes: {flags}",
        "about_people": "a decision about people",
        "no_people": "not marked as a decision about people",
        "regulated": "regulated ground ({found})",
        "no_person": "acts without a person",
    },
    "de": {
        "and_more": " und {n} weitere",
        "hours": "{volume} × {minutes} Min. ≈ {hours} Arbeitsstunden im Jahr "
                 "(≈ {fte} Vollzeitkräfte)",
        "volume_only": "{volume} auf dem Board, Minuten pro Fall unbekannt",
        "minutes_only": "{minutes} Min. pro Fall, Menge unbekannt",
        "no_volume": "keine Menge und keine Minuten auf dem Board (geschätzt)",
        "pain": "; {n} Hotspot[|s]: {names}",
        "cost": "; {name} nennt Kosten über die Arbeitsstunden hinaus ({found}), ein Punkt "
                "mehr",
        "sources": "{n} Read Model[|s] oder System[|e] speis[t|en] die Entscheidung: {names}",
        "plus_events": ", dazu {n} vorgelagerte[s|] Event[|s]",
        "only_events": "nur vorgelagerte Events ({names}); kein Read Model und kein System "
                       "speist die Entscheidung",
        "no_inputs": "nichts auf dem Board speist die Entscheidung: kein Read Model, System "
                     "oder Event",
        "no_outcome": "kein Ergebnis-Event hält die Entscheidung fest, also keine Label-Quelle",
        "alternatives": "{n} alternative Ergebnis-Events halten die Wahrheit fest ({names})",
        "settled_value": "{names} hält den Wert fest, auf den man sich einigt",
        "happened": "{names} hält fest, dass es geschah; die Klasse selbst muss aus den "
                    "Daten gelesen werden (Vermutung)",
        "actor_reviews": "{actor} entscheidet heute und kann einen Vorschlag prüfen",
        "unchecked": "heute entscheidet kein Mensch, eine falsche Vorhersage wirkt ungeprüft",
        "ranking_forgiving": "ein falscher Vorschlag wird gesehen und korrigiert",
        "extraction_forgiving": "ein falsches Feld fällt auf und wird überschrieben",
        "high_stakes_call": "eine Fehlentscheidung betrifft Menschen und hat hohe Tragweite",
        "complexity_2": "{task}: eine Standardaufgabe",
        "complexity_3": "{task}: braucht Sorgfalt (Zeit, seltene Fälle oder Ranking)",
        "complexity_4": "{task}: schwer, unstrukturierte Eingaben sind zu lesen",
        "documents": "; liest Dokumente oder Freitext ('{text}')",
        "many_inputs": "; verbindet {n} Eingaben",
        "high_stakes": "hohe Tragweite: {flags}",
        "about_people": "eine Entscheidung über Menschen",
        "no_people": "nicht als Entscheidung über Menschen markiert",
        "regulated": "regulierter Bereich ({found})",
        "no_person": "wirkt ohne einen Menschen",
    },
}


#: The detector's risk flags as a German board names them (JSON keeps the English names).
RISK_FLAGS_DE = {"credit": "Kredit", "employment": "Beschäftigung", "health": "Gesundheit",
                 "insurance": "Versicherung", "housing": "Wohnen", "education": "Bildung",
                 "justice": "Justiz", "public_benefits": "Sozialleistungen",
                 "migration": "Migration",
                 "accusation": "verdächtigt eine Person (Betrug)",
                 "refusal": "verweigert einer Person, was sie beantragt hat"}
#: The flags that are no domain, in words (the domains read as they are: ``credit``).
RISK_FLAGS_EN = {"accusation": "accuses a person (fraud suspicion)",
                 "refusal": "refuses a person what they asked for"}


def risk_flag_label(flag: str, lang: str = "en") -> str:
    """A risk flag (``credit``, ``public_benefits``, ``accusation``) as people in ``lang``
    say it."""
    if lang == "de":
        return RISK_FLAGS_DE.get(flag, flag.replace("_", " "))
    return RISK_FLAGS_EN.get(flag, flag.replace("_", " "))


def _say(opp: Opportunity, key: str, **values: Any) -> str:
    table = REASONS.get(opp.lang, REASONS["en"])
    text = table[key].format(**values)
    n = values.get("n")
    if isinstance(n, int):  # "[singular|plural]" endings
        text = re.sub(r"\[([^|\]]*)\|([^\]]*)\]", r"\1" if n == 1 else r"\2", text)
    return text


def _names(opp: Opportunity, refs: Iterable[Any], limit: int = 3) -> str:
    texts = [f"'{r.text}'" for r in refs]
    more = len(texts) - limit
    return ", ".join(texts[:limit]) + (_say(opp, "and_more", n=more) if more > 0 else "")


def _num(opp: Opportunity, value: float, spec: str) -> str:
    """A number written the way the board's language writes it (1,947.5 / 1.947,5)."""
    text = format(value, spec)
    if opp.lang == "de":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def rate(per_day: float, lang: str = "en") -> str:
    """A volume as people write it: ``2,500/day``, or per week or month when less than
    daily (``1/week``, not ``0.142857/day``)."""
    units = {"en": ("day", "week", "month"), "de": ("Tag", "Woche", "Monat")}
    day, week, month = units.get(lang, units["en"])
    if per_day >= 1:
        return f"{number(per_day, lang)}/{day}"
    if per_day * 7 >= 1:
        return f"{number(per_day * 7, lang)}/{week}"
    return f"{number(per_day * 365 / 12, lang)}/{month}"


def _rate(opp: Opportunity, per_day: float) -> str:
    return rate(per_day, opp.lang)


_PEOPLE = (r"patients?|customers?|clients?|passengers?|callers?|citizens?|applicants?|"
           r"tenants?|guests?|travell?ers?|users?|kund\w*|patient\w*|fahrg[äa]st\w*|"
           r"b[üu]rger\w*|antragsteller\w*|mieter\w*|g[äa]ste|reisende\w*|anrufer\w*")
#: What a hotspot names as a cost beyond minutes of work, English and German: money,
#: people kept waiting, customers or revenue lost, fines and write-offs.
_COSTS = re.compile(
    r"(?:[€$£]\s?\d[\d.,]*\s?(?:k|m|mio\.?|million|thousand|tsd\.?)?"
    r"|\d[\d.,]*\s?(?:k|m|mio\.?|million|thousand|tsd\.?)?\s?(?:€|eur\b|euros?\b|usd\b|"
    r"dollars?\b|gbp\b|£|chf\b))(?:\s?(?:a|an|per|/|im|pro|je)\s?"
    r"(?:day|week|month|quarter|year|tag|woche|monat|quartal|jahr)\b)?"
    rf"|\b(?:{_PEOPLE})\b[^.;]{{0,40}}?\b(?:wait\w*|queue\w*|stuck|stranded|warte\w*|"
    r"liegen\w*|stehen\w*)\b(?:[^.;]{0,30}?\b(?:hours?|days?|weeks?|stunden\w*|tage\w*|"
    r"wochen\w*|corridors?|fluren?|gängen)\b)?"
    r"|\bwait(?:s|ing)?\s+(?:for\s+)?(?:hours|days|weeks)\b"
    r"|\b(?:churn\w*|customers?\s+(?:leave|leaves|left|walk\s+away|switch\w*|cancel\w*)|"
    r"lost\s+(?:sales|revenue|customers|orders)|revenue\s+loss\w*|write-?offs?|written\s+off|"
    r"penalt(?:y|ies)|fines|late\s+fees?|chargebacks?|"
    r"kunden\s+(?:springen\s+ab|wandern\s+ab|kündigen|gehen)|abwanderung|umsatzverlust\w*|"
    r"abschreibung\w*|abgeschrieben|strafzahlung\w*|vertragsstrafe\w*|bußgeld\w*|"
    r"mahngebühr\w*|verzugszins\w*)\b", re.I)


def stated_cost(text: str) -> str | None:
    """The words in which a hotspot names a cost beyond minutes of work ("€20,000 a month",
    "patients wait in corridors for hours", "customers churn", "Kunden springen ab"),
    or None. The value score counts it, and its reason quotes it."""
    found = _COSTS.search(text)
    return " ".join(found.group(0).split()) if found else None


#: Working hours of one full-time person a year, to put hours saved in proportion.
FTE_HOURS = 1600


def suggest_value(opp: Opportunity, board: Board | None = None) -> tuple[int, str]:
    """Business value from effort saved (volume × minutes) and the pain hotspots show."""
    volume, minutes = opp.volume_per_day, opp.minutes
    pain = len(opp.hotspots)
    if volume is not None and minutes is not None:
        hours = volume * 365 * minutes / 60
        base = 1 + sum(hours >= limit for limit in (250, 1000, 4000, 16000))
        why = _say(opp, "hours", volume=_rate(opp, volume), minutes=number(minutes, opp.lang),
                   hours=_num(opp, hours, ",.0f"), fte=_num(opp, hours / FTE_HOURS, ",.1f"))
    elif volume is not None:
        base = 2 if volume < 50 else 3 if volume < 1000 else 4
        why = _say(opp, "volume_only", volume=_rate(opp, volume))
    elif minutes is not None:
        base = 2 if minutes < 10 else 3
        why = _say(opp, "minutes_only", minutes=number(minutes, opp.lang))
    else:
        base = 2
        why = _say(opp, "no_volume")
    if pain:
        why += _say(opp, "pain", n=pain, names=_names(opp, opp.hotspots, 1))
    cost = next(((h, found) for h in opp.hotspots if (found := stated_cost(h.text))), None)
    if cost:
        why += _say(opp, "cost", name=_names(opp, [cost[0]]), found=cost[1])
    return _clamp(base + (1 if pain else 0) + (1 if cost else 0)), why


def suggest_data(opp: Opportunity, board: Board | None = None) -> tuple[int, str]:
    """Data availability from the read models and systems that feed the decision."""
    sources = [r for r in opp.inputs if r.kind in ("readmodel", "system")]
    events = list(opp.upstream) or [r for r in opp.inputs if r.kind == "event"]
    if sources:
        why = _say(opp, "sources", n=len(sources), names=_names(opp, sources))
        if events:
            why += _say(opp, "plus_events", n=len(events))
        return _clamp(2 + len(sources) + (1 if events else 0)), why
    if events:
        return 2, _say(opp, "only_events", names=_names(opp, events, 2))
    return 1, _say(opp, "no_inputs")


def suggest_labels(opp: Opportunity, board: Board | None = None) -> tuple[int, str]:
    """Label availability from the outcome events that record what was decided."""
    outcomes = list(opp.outcomes)
    if not outcomes:
        return 1, _say(opp, "no_outcome")
    if len(outcomes) >= 2 or len(opp.classes) >= 2:
        return 5, _say(opp, "alternatives", n=len(outcomes), names=_names(opp, outcomes))
    if opp.task in ("extraction", "regression", "forecasting"):
        return 4, _say(opp, "settled_value", names=_names(opp, outcomes, 1))
    return 3, _say(opp, "happened", names=_names(opp, outcomes, 1))


def suggest_tolerance(opp: Opportunity, board: Board | None = None) -> tuple[int, str]:
    """Tolerance for wrong predictions: high stakes lower it, a person in the loop raises
    it, suggestions (ranking, extraction) are forgiving."""
    score, why = 3, []
    if opp.actor:
        score += 1
        why.append(_say(opp, "actor_reviews", actor=opp.actor))
    else:
        score -= 1
        why.append(_say(opp, "unchecked"))
    if opp.task in ("ranking", "extraction"):
        score += 1
        why.append(_say(opp, f"{opp.task}_forgiving"))
    if opp.high_stakes:
        score -= 2
        why.append(_say(opp, "high_stakes_call"))
    return _clamp(score), "; ".join(why)


_TASK_COMPLEXITY = {"classification": 2, "regression": 2, "clustering": 2,
                    "anomaly_detection": 3, "forecasting": 3, "ranking": 3, "extraction": 4}


def suggest_complexity(opp: Opportunity, board: Board | None = None) -> tuple[int, str]:
    """Technical complexity from the task and from unstructured inputs (scans, texts)."""
    score = _TASK_COMPLEXITY[opp.task]
    why = _say(opp, f"complexity_{score}", task=opp.task.replace("_", " "))
    texts = [opp.anchor.text, opp.title] + [r.text for r in opp.inputs]
    documents = [t for t in texts if _DOCUMENT_WORDS.search(t)]
    if documents:
        score += 1
        why += _say(opp, "documents", text=documents[0])
    if len(opp.inputs) > 4:
        score += 1
        why += _say(opp, "many_inputs", n=len(opp.inputs))
    return _clamp(score), why


def suggest_risk(opp: Opportunity, board: Board | None = None) -> tuple[int, str]:
    """Risk: high-stakes decisions about people, regulated domains, decisions without a
    person."""
    if opp.high_stakes:
        flags = ", ".join(risk_flag_label(f, opp.lang) for f in opp.risk_flags) \
            if opp.risk_flags else _say(opp, "about_people")
        return 5, _say(opp, "high_stakes", flags=flags)
    score, why = 2, [_say(opp, "no_people")]
    texts = " ".join([opp.anchor.text, opp.title] + [h.text for h in opp.hotspots])
    domain = (board.metadata.get("domain", "") if board else "").casefold()
    regulated = _REGULATED_WORDS.search(texts)
    if domain in _REGULATED_DOMAINS or regulated:
        score += 1
        found = domain if domain in _REGULATED_DOMAINS else \
            (regulated.group(0) if regulated else "")
        why.append(_say(opp, "regulated", found=found))
    if opp.risk_flags:
        score += 1
        why.append(", ".join(risk_flag_label(f, opp.lang) for f in opp.risk_flags))
    if not opp.actor:
        score += 1
        why.append(_say(opp, "no_person"))
    return _clamp(score), "; ".join(why)


SUGGESTERS = {"value": suggest_value, "data": suggest_data, "labels": suggest_labels,
              "tolerance": suggest_tolerance, "complexity": suggest_complexity,
              "risk": suggest_risk}


def suggest_scores(opp: Opportunity, board: Board | None = None) -> tuple[Score, ...]:
    """The six suggested scores of one opportunity, each with its reason."""
    return tuple(Score(name, *SUGGESTERS[name](opp, board)) for name in CRITERION_NAMES)


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class PrioritySettings:
    """Weights and overrides of one workshop: the ``priorities`` document."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    overrides: Mapping[str, Mapping[str, Override]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", check_weights(self.weights))
        for opp_id, items in self.overrides.items():
            for name in items:
                criterion(name)
            if not isinstance(opp_id, str) or not opp_id:
                raise ValueError("an override needs the id of its opportunity")

    @classmethod
    def from_data(cls, data: Any) -> PrioritySettings:
        """Settings from the stored document (``None``: defaults). ValueError if malformed."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("the priorities document must be a mapping")
        overrides: dict[str, dict[str, Override]] = {}
        for opp_id, items in (data.get("overrides") or {}).items():
            if not isinstance(items, dict):
                raise ValueError(f"priorities.overrides.{opp_id} must be a mapping")
            overrides[str(opp_id)] = {}
            for name, item in items.items():
                if not isinstance(item, dict):
                    raise ValueError(f"priorities.overrides.{opp_id}.{name} must be a mapping")
                overrides[str(opp_id)][name] = Override(
                    score=item.get("score"), author=str(item.get("author") or ""),
                    at=str(item.get("at") or ""), reason=item.get("reason"))
        return cls(weights=data.get("weights") or {}, overrides=overrides)

    def to_data(self) -> dict[str, Any]:
        return {"weights": dict(self.weights),
                "overrides": {opp: {name: o.to_data() for name, o in items.items()}
                              for opp, items in self.overrides.items() if items}}

    def with_override(self, opportunity_id: str, name: str, score: int, author: str,
                      reason: str | None = None, at: str | None = None) -> PrioritySettings:
        criterion(name)
        override = Override(score, author, at or _now(), reason)
        overrides = {k: dict(v) for k, v in self.overrides.items()}
        overrides.setdefault(opportunity_id, {})[name] = override
        return replace(self, overrides=overrides)

    def without_override(self, opportunity_id: str, name: str) -> PrioritySettings:
        criterion(name)
        overrides = {k: dict(v) for k, v in self.overrides.items()}
        overrides.get(opportunity_id, {}).pop(name, None)
        return replace(self, overrides={k: v for k, v in overrides.items() if v})

    def with_weights(self, weights: Mapping[str, float]) -> PrioritySettings:
        return replace(self, weights=check_weights(weights))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- ranking


def _weighted(scores: Iterable[Score], weights: Mapping[str, float]) -> float:
    pairs = [(s.favourable, weights[s.criterion]) for s in scores]
    total = sum(w for _, w in pairs)
    if total == 0:
        return round(sum(v for v, _ in pairs) / len(pairs), 2)
    return round(sum(v * w for v, w in pairs) / total, 2)


def quadrant(value: float, feasibility: float, risk: int | None = None) -> str:
    """quick win, strategic bet, fill-in or avoid, splitting both scores at 3.

    A ``risk`` score of :data:`HIGH_RISK` (a high-stakes decision about people) is never
    easy: a valuable one is a strategic bet, one of little value is to be avoided, however
    feasible the other criteria make it look.
    """
    high_value, feasible = value >= QUADRANT_SPLIT, feasibility >= QUADRANT_SPLIT
    if risk is not None and risk >= HIGH_RISK:
        feasible = False
    if high_value:
        return "quick win" if feasible else "strategic bet"
    return "fill-in" if feasible else "avoid"


_QUADRANT_REASONS = {
    "en": {
        "quick win": "valuable and feasible",
        "strategic bet": "valuable but hard to build",
        "fill-in": "feasible but of little value",
        "avoid": "little value and hard to build",
        "high_risk": "high stakes (risk {risk}/5): a decision about people that needs human "
                     "review and a fairness check before it can go live, so it is no "
                     "{instead} however good the data and labels look",
    },
    "de": {
        "quick win": "wertvoll und machbar",
        "strategic bet": "wertvoll, aber schwer umzusetzen",
        "fill-in": "machbar, aber von geringem Wert",
        "avoid": "wenig Wert und schwer umzusetzen",
        "high_risk": "hohe Tragweite (Risiko {risk}/5): eine Entscheidung über Menschen, die "
                     "vor dem Einsatz menschliche Prüfung und eine Fairness-Prüfung braucht, "
                     "also kein {instead}, so gut Daten und Labels auch aussehen",
    },
}


def quadrant_reason(value: float, feasibility: float, risk: int | None = None,
                    lang: str = "en") -> str:
    """One sentence saying why :func:`quadrant` chose its quadrant, in ``lang``."""
    table = _QUADRANT_REASONS.get(lang, _QUADRANT_REASONS["en"])
    chosen = quadrant(value, feasibility, risk)
    plain = quadrant(value, feasibility)
    if chosen != plain:
        instead = QUADRANT_LABELS_DE[plain] if lang == "de" else plain
        return table["high_risk"].format(risk=risk, instead=instead)
    return table[chosen]


def quadrant_label(name: str, lang: str = "en") -> str:
    """A quadrant's name as a board in ``lang`` reads it."""
    return QUADRANT_LABELS_DE.get(name, name) if lang == "de" else name


def prioritize_one(opp: Opportunity, board: Board | None = None,
                   settings: PrioritySettings = PrioritySettings(),
                   assumptions: RoiAssumptions = RoiAssumptions()) -> Priority:
    """Score one opportunity (suggestions, then the overrides in ``settings``)."""
    overrides = settings.overrides.get(opp.id, {})
    scores = tuple(replace(s, override=overrides.get(s.criterion))
                   for s in suggest_scores(opp, board))
    weights = settings.weights
    value = _weighted([s for s in scores if s.criterion == "value"], weights)
    feasibility = _weighted([s for s in scores if s.criterion != "value"], weights)
    combined = _weighted(scores, weights)
    risk = next(s.score for s in scores if s.criterion == "risk")
    return Priority(opp, scores, value, feasibility, combined,
                    quadrant(value, feasibility, risk), estimate_roi(opp, assumptions),
                    quadrant_reason=quadrant_reason(value, feasibility, risk, opp.lang))


def prioritize(opportunities: Iterable[Opportunity], board: Board | None = None,
               settings: PrioritySettings = PrioritySettings(),
               assumptions: RoiAssumptions = RoiAssumptions()) -> list[Priority]:
    """All opportunities scored and ranked best first (combined score, then value, then
    the detector's confidence, then id, so the order is stable)."""
    scored = [prioritize_one(o, board, settings, assumptions) for o in opportunities]
    scored.sort(key=lambda p: (-p.combined, -p.value, -p.opportunity.score, p.id))
    return [replace(p, rank=i) for i, p in enumerate(scored, start=1)]


# --------------------------------------------------------------------------- output


def to_json(priorities: Iterable[Priority]) -> list[dict[str, Any]]:
    return [p.to_json() for p in priorities]


CSV_COLUMNS = ["rank", "id", "title", "task", "score", "value", "feasibility", "quadrant",
               "quadrant_reason",
               *(f"{name}_score" for name in CRITERION_NAMES), "hours_per_year",
               "value_per_year", "reasons"]


def to_csv(priorities: Iterable[Priority]) -> str:
    """One row per opportunity: the summary scores, each criterion's score as
    ``<criterion>_score``, and the reasons joined in one column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in priorities:
        writer.writerow([
            p.rank, p.id, p.opportunity.title, p.opportunity.task, p.combined, p.value,
            p.feasibility, p.quadrant, p.quadrant_reason,
            *(p.score_of(n).score for n in CRITERION_NAMES),
            round(p.roi.hours_per_year) if p.roi else "",
            round(p.roi.value_per_year) if p.roi else "",
            " | ".join(f"{s.criterion}: {s.reason}" for s in p.scores),
        ])
    return out.getvalue()


_TABLE_WORDS = {
    "en": {"header": ("#", "score", "value", "feas.", "quadrant", "task", "title"),
           "roi": "ROI assumes {assumptions}.", "none": "no ML opportunities found on this board",
           "high_risk": "! high stakes: {titles} — needs human review and a fairness check, "
                        "so it is no quick win."},
    "de": {"header": ("#", "Punkte", "Wert", "Machb.", "Quadrant", "Aufgabe", "Titel"),
           "roi": "ROI nimmt an: {assumptions}.",
           "none": "keine ML-Chancen auf diesem Board gefunden",
           "high_risk": "! hohe Tragweite: {titles} — braucht menschliche Prüfung und eine "
                        "Fairness-Prüfung, also kein schneller Erfolg."},
}


def table_words(lang: str) -> dict[str, Any]:
    """The words of the terminal ranking (headers, ROI line, notes) in ``lang``."""
    return _TABLE_WORDS.get(lang, _TABLE_WORDS["en"])


def to_table(priorities: Iterable[Priority], lang: str = "en") -> str:
    """A plain-text ranking for the terminal, in the board's language ``lang`` (en or de);
    high-stakes opportunities that the risk kept out of the quick wins are named below."""
    from canvas.mlcanvas.model import TASK_WORDS

    priorities = list(priorities)
    words = table_words(lang)
    rows = [words["header"]]
    for p in priorities:
        flag = "!" if p.score_of("risk").score >= HIGH_RISK else ""
        rows.append((str(p.rank), f"{p.combined:.2f}", f"{p.value:.1f}", f"{p.feasibility:.2f}",
                     quadrant_label(p.quadrant, lang) + flag,
                     TASK_WORDS["de"][p.opportunity.task] if lang == "de"
                     else p.opportunity.task,
                     f"{p.opportunity.title} [{p.id}]"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    text = "\n".join("  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=False))
                     + "  " + r[-1] for r in rows)
    risky = [p.opportunity.title for p in priorities if p.score_of("risk").score >= HIGH_RISK]
    if risky:
        text += "\n" + words["high_risk"].format(titles=", ".join(f"'{t}'" for t in risky))
    return text


# --------------------------------------------------------------------------- workspace

PRIORITIES_DOC = "priorities"


def load_settings(workspace: Any, workshop: str) -> tuple[PrioritySettings, int]:
    """The workshop's weights and overrides, with the revision they were read at."""
    doc = workspace.read(workshop, PRIORITIES_DOC)
    return PrioritySettings.from_data(doc.data), doc.revision


def save_settings(workspace: Any, workshop: str, settings: PrioritySettings,
                  expected_revision: int, author: str | None = None) -> int:
    """Save settings as a new revision; ConflictError when someone saved in between."""
    return workspace.write(workshop, PRIORITIES_DOC, settings.to_data(), expected_revision,
                           author=author)


def save_override(workspace: Any, workshop: str, opportunity_id: str, name: str, score: int,
                  author: str, expected_revision: int, reason: str | None = None) -> int:
    """Record a product owner's score for one criterion; returns the new revision.

    Raises:
        ValueError: unknown criterion, score outside 1–5, no author.
        canvas.workspace.store.ConflictError: the document moved on since ``expected_revision``.
    """
    settings, _ = load_settings(workspace, workshop)
    updated = settings.with_override(opportunity_id, name, score, author, reason)
    return save_settings(workspace, workshop, updated, expected_revision, author)


def clear_override(workspace: Any, workshop: str, opportunity_id: str, name: str,
                   author: str, expected_revision: int) -> int:
    """Go back to the suggested score for one criterion; returns the new revision."""
    settings, _ = load_settings(workspace, workshop)
    return save_settings(workspace, workshop, settings.without_override(opportunity_id, name),
                         expected_revision, author)


def save_weights(workspace: Any, workshop: str, weights: Mapping[str, float], author: str,
                 expected_revision: int) -> int:
    """Store adjusted weights (unnamed criteria keep weight 1); returns the new revision."""
    settings, _ = load_settings(workspace, workshop)
    return save_settings(workspace, workshop, settings.with_weights(weights),
                         expected_revision, author)
