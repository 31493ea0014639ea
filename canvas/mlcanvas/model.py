"""The Machine Learning Canvas (v1.1): ten boxes, prefilled from an opportunity and its board.

The canvas (after Louis Dorard's ML Canvas v1.1) describes one prediction on one page: the
value it creates, the task, how predictions become decisions, how to simulate their impact,
when predictions are made, how data and labels are collected, where data comes from, how
models are built, the features, and how the system is monitored. Next to the ten boxes,
:class:`PredictionDetails` makes the task concrete (entity, possible outcomes, wait until
the outcome is known, the heuristic a first model must beat, the cost of each kind of error)
and :class:`CanvasFeature` names the columns a spec will read.

:func:`prefill_canvas` writes every box in sentences a person would write, from the actor,
inputs, outcomes, hotspots and volume of the opportunity; each sentence mlcanvas inferred
rather than read off the board is a *guess* (``- guess: ...`` in the YAML; delete
``guess:`` once the team agrees). :func:`lint_canvas` names what is missing or risky, each
finding pointing at its box.

Canvases are stored as YAML (:func:`canvas_to_yaml`, :func:`read_canvas`) and in the
workshop document ``canvases`` (:func:`save_canvas`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from canvas.mlcanvas.quantity import period_of, quantity_of, series_of, series_unit
from canvas.spec.model import CANVAS_BOXES, Rule, Scalar
from eventstorming.detection.opportunity import MLTask, Opportunity, StickyRef
from eventstorming.formats.safeyaml import YamlError, dump_yaml, load_yaml
from eventstorming.graph import BoardGraph
from eventstorming.model import Board, Kind, slugify
from eventstorming.phrasing import frequency, number
from eventstorming.words import readable

CANVAS_VERSION = "mlcanvas/canvas-v1"
CANVASES_DOC = "canvases"
ColumnType = Literal["number", "integer", "text", "category", "boolean", "datetime"]


@dataclass(frozen=True)
class BoxInfo:
    key: str
    title: str
    question: str


#: The ten boxes with the guiding question of each (ML Canvas v1.1, in its reading order).
BOXES: tuple[BoxInfo, ...] = (
    BoxInfo("value_proposition", "Value Proposition",
            "Who is the end user? What are their objectives? How will they benefit from the "
            "ML system?"),
    BoxInfo("prediction_task", "Prediction Task",
            "Type of task? Entity on which predictions are made? Possible outcomes? Wait "
            "time before the outcome is observed?"),
    BoxInfo("decisions", "Decisions",
            "How are predictions turned into proposed value for the end user? Which "
            "parameters of the process that does this?"),
    BoxInfo("impact_simulation", "Impact Simulation",
            "Can models be deployed? Which test data to assess performance? Cost and gain of "
            "right and wrong decisions? Fairness constraints?"),
    BoxInfo("making_predictions", "Making Predictions",
            "When are predictions made, in real time or in batch? How much time is there for "
            "featurization, prediction and post-processing?"),
    BoxInfo("data_collection", "Data Collection",
            "Strategy for the initial training set and continuous updates? Collection rate? "
            "Holdout on production entities? Cost of observing outcomes?"),
    BoxInfo("data_sources", "Data Sources",
            "Where can we get raw information on entities and observed outcomes? Database "
            "tables, API methods, files?"),
    BoxInfo("building_models", "Building Models",
            "How many production models are needed? When are they updated? How much time is "
            "there for this?"),
    BoxInfo("features", "Features",
            "Input representations extracted from the raw data sources, available at "
            "prediction time."),
    BoxInfo("monitoring", "Monitoring",
            "Metrics to quantify value creation and the ML system's impact in production, "
            "on end users and the business?"),
)
BOX_BY_KEY = {b.key: b for b in BOXES}
assert tuple(b.key for b in BOXES) == CANVAS_BOXES

#: The boxes for German workshops (titles as German teams say them, questions translated).
BOXES_DE: tuple[BoxInfo, ...] = (
    BoxInfo("value_proposition", "Nutzenversprechen",
            "Wer nutzt das System? Welche Ziele hat diese Person? Was gewinnt sie durch das "
            "ML-System?"),
    BoxInfo("prediction_task", "Vorhersageaufgabe",
            "Welche Art Aufgabe? Für welche Entität wird vorhergesagt? Mögliche Ergebnisse? "
            "Wie lange dauert es, bis das Ergebnis bekannt ist?"),
    BoxInfo("decisions", "Entscheidungen",
            "Wie werden Vorhersagen zu Nutzen für die Anwender? Mit welchen Parametern des "
            "Prozesses, der das tut?"),
    BoxInfo("impact_simulation", "Wirkungssimulation",
            "Kann ein Modell in Betrieb gehen? Mit welchen Testdaten wird es bewertet? Kosten "
            "und Nutzen richtiger und falscher Entscheidungen? Fairness-Vorgaben?"),
    BoxInfo("making_predictions", "Vorhersagen treffen",
            "Wann wird vorhergesagt, in Echtzeit oder im Batch? Wie viel Zeit bleibt für "
            "Features, Vorhersage und Nachbearbeitung?"),
    BoxInfo("data_collection", "Datensammlung",
            "Wie entsteht der erste Trainingsdatensatz, wie wird er fortgeschrieben? Wie "
            "schnell? Holdout im Betrieb? Was kostet es, Ergebnisse zu beobachten?"),
    BoxInfo("data_sources", "Datenquellen",
            "Woher kommen Rohdaten über die Entitäten und die beobachteten Ergebnisse? "
            "Tabellen, APIs, Dateien?"),
    BoxInfo("building_models", "Modelle bauen",
            "Wie viele Modelle braucht der Betrieb? Wann werden sie aktualisiert? Wie viel "
            "Zeit ist dafür da?"),
    BoxInfo("features", "Features",
            "Welche Eingaben werden aus den Rohdaten abgeleitet und sind zur Zeit der "
            "Vorhersage verfügbar?"),
    BoxInfo("monitoring", "Monitoring",
            "Welche Kennzahlen messen den geschaffenen Wert und die Wirkung des ML-Systems im "
            "Betrieb, bei Anwendern und im Geschäft?"),
)
assert tuple(b.key for b in BOXES_DE) == CANVAS_BOXES


def boxes_for(lang: str) -> tuple[BoxInfo, ...]:
    """The ten boxes with titles and questions in ``lang`` (English where not translated)."""
    return BOXES_DE if lang == "de" else BOXES


# --------------------------------------------------------------------------- model

class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Note(_Frozen):
    """One sentence in a box; ``guess`` marks what mlcanvas inferred and a person should
    confirm. In YAML: a plain string, or ``{guess: text}``."""

    text: str = Field(min_length=1)
    guess: bool = False

    def to_data(self) -> Any:
        return {"guess": self.text} if self.guess else self.text


def _notes(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str | dict | Note):
        value = [value]
    if isinstance(value, tuple):
        value = list(value)
    out = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append({"text": item})
        elif isinstance(item, dict) and set(item) == {"guess"}:
            out.append({"text": item["guess"], "guess": True})
        else:
            out.append(item)
    return out


class Heuristic(_Frozen):
    """The rule of thumb a first model must beat: words, and optionally spec rules."""

    text: str = ""
    rules: tuple[Rule, ...] = ()
    default: Scalar | None = None
    guess: bool = False

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.rules:
            data["rules"] = [r.model_dump(by_alias=True, exclude_none=True)
                             for r in self.rules]
        if self.default is not None:
            data["default"] = self.default
        if self.guess:
            data["guess"] = True
        return data


class PredictionDetails(_Frozen):
    """What makes the prediction task concrete."""

    task: MLTask
    entity: str = ""
    target: str | None = None
    outcomes: tuple[str, ...] = ()
    wait: str = ""
    heuristic: Heuristic = Field(default_factory=Heuristic)
    error_costs: dict[str, str] = Field(default_factory=dict)
    label_source: tuple[str, ...] = ()


class CanvasFeature(_Frozen):
    """A column the model reads: its name, type and where the value comes from."""

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)
    type: ColumnType = "category"
    source: str = ""
    guess: bool = True


class IncompleteFeature(_Frozen):
    """A feature row a person started but did not finish (no name or no type yet). It is
    kept, never dropped, so it shows again on its row; a canvas with one makes no spec
    until it is completed or deleted."""

    name: str = ""
    type: str = ""
    source: str = ""

    def missing(self) -> str:
        """What is missing, in words: ``"the name is missing"``."""
        lacks = [key for key in ("name", "type") if not getattr(self, key).strip()]
        if not lacks:
            return ""
        return f"the {' and the '.join(lacks)} {'are' if len(lacks) > 1 else 'is'} missing"


class MLCanvas(_Frozen):
    """One ML Canvas: header, prediction details, features and the ten boxes."""

    canvas: Literal["mlcanvas/canvas-v1"] = CANVAS_VERSION
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=63)
    title: str = Field(min_length=1)
    board: str | None = None
    opportunity: str | None = None
    lang: str = "en"
    actor: str | None = None
    owner: str | None = None
    risk: Literal["low", "medium", "high"] = "medium"
    high_stakes: bool = False
    human_review: bool = True
    fairness_check: str | None = None
    serving: Literal["batch", "realtime"] = "batch"
    timestamp: str | None = None
    monitoring_metric: str | None = None
    prediction: PredictionDetails
    features: tuple[CanvasFeature, ...] = ()
    incomplete_features: tuple[IncompleteFeature, ...] = ()
    boxes: dict[str, tuple[Note, ...]] = Field(default_factory=dict)

    @field_validator("boxes", mode="before")
    @classmethod
    def _box_notes(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        unknown = [k for k in value if k not in BOX_BY_KEY]
        if unknown:
            from canvas.spec.validate import did_you_mean

            guess = did_you_mean(str(unknown[0]), CANVAS_BOXES)
            hint = f" — did you mean '{guess}'?" if guess else ""
            raise ValueError(f"unknown box '{unknown[0]}'{hint} (boxes: "
                             f"{', '.join(CANVAS_BOXES)})")
        return {k: _notes(v) for k, v in value.items()}

    def box(self, key: str) -> tuple[Note, ...]:
        if key not in BOX_BY_KEY:
            raise KeyError(f"no box {key!r}")
        return self.boxes.get(key, ())

    def guesses(self) -> int:
        return sum(n.guess for notes in self.boxes.values() for n in notes)

    def to_data(self) -> dict[str, Any]:
        """Plain data in the order people read it, guesses as ``{guess: text}``."""
        data = self.model_dump(mode="json", exclude={"boxes", "prediction", "features",
                                                     "incomplete_features"})
        pred = self.prediction
        data["prediction"] = {
            "task": pred.task, "entity": pred.entity, "target": pred.target,
            "outcomes": list(pred.outcomes), "wait": pred.wait,
            "label_source": list(pred.label_source),
            "heuristic": pred.heuristic.to_data(), "error_costs": dict(pred.error_costs),
        }
        data["features"] = [f.model_dump(mode="json") for f in self.features]
        if self.incomplete_features:
            data["incomplete_features"] = [f.model_dump(mode="json")
                                           for f in self.incomplete_features]
        data["boxes"] = {b.key: [n.to_data() for n in self.box(b.key)] for b in BOXES}
        return data


# --------------------------------------------------------------------------- YAML & store

CANVAS_HEADER = ("# ML Canvas (v1.1) made by mlcanvas. Edit freely: '- guess: ...' marks a "
                 "sentence\n# mlcanvas inferred from the board; remove 'guess:' once the team "
                 "agrees.\n# Turn it into a spec with: mlcanvas spec THIS_FILE -o spec.yaml\n")


def canvas_to_yaml(canvas: MLCanvas) -> str:
    return CANVAS_HEADER + dump_yaml(canvas.to_data())


def canvas_from_data(data: Any, source: str = "<canvas>") -> MLCanvas:
    """A canvas from plain data; ValueError naming each field that is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: a canvas is a mapping with name, title, prediction and "
                         f"boxes")
    try:
        return MLCanvas.model_validate(data)
    except ValidationError as exc:
        from canvas.spec.validate import explain_errors, format_path

        problems = explain_errors(exc.errors(), data, root=MLCanvas)
        raise ValueError("\n".join(f"{source}: {format_path(path) or '(top level)'}: {message}"
                                   for path, message in problems)) from None


def read_canvas(path: str | Path) -> MLCanvas:
    """A canvas from a YAML file (read safely). FileNotFoundError / ValueError otherwise."""
    path = Path(path)
    text = path.read_bytes().decode("utf-8")
    try:
        data = load_yaml(text, str(path))
    except YamlError as exc:
        raise ValueError(str(exc)) from None
    return canvas_from_data(data, str(path))


def load_canvases(workspace: Any, workshop: str) -> tuple[dict[str, MLCanvas], int]:
    """The workshop's canvases by opportunity id, with the document's revision."""
    doc = workspace.read(workshop, CANVASES_DOC)
    canvases = {key: canvas_from_data(value, f"{workshop}/{CANVASES_DOC}.yaml: {key}")
                for key, value in (doc.data or {}).items()}
    return canvases, doc.revision


def save_canvas(workspace: Any, workshop: str, canvas: MLCanvas, expected_revision: int,
                author: str | None = None) -> int:
    """Store one canvas under its opportunity id (or name); ConflictError when the document
    changed since ``expected_revision``. Returns the new revision."""
    doc = workspace.read(workshop, CANVASES_DOC)
    data = dict(doc.data or {})
    data[canvas.opportunity or canvas.name] = canvas.to_data()
    return workspace.write(workshop, CANVASES_DOC, data, expected_revision, author=author)


# --------------------------------------------------------------------------- words

def identifier(text: str, fallback: str = "value") -> str:
    """A column name from sticky text: ``"Merchant and amount"`` -> ``merchant_and_amount``."""
    slug = slugify(text, max_len=40).replace("-", "_")
    if not slug or slug == "x" or not slug[0].isalpha():
        slug = f"{fallback}_{slug}" if slug and slug != "x" else fallback
    return slug[:64]


_SPLIT = re.compile(r"\s+(?:and|und|or|oder|&|\+)\s+|\s*[,;/]\s*", re.I)
_NUMBER = re.compile(r"amount|betrag|price|preis|total|summe|cost|kosten|quantity|menge|stock|"
                     r"bestand|level|count|anzahl|minutes|minuten|days|tage|age|alter|score|"
                     r"sales|umsatz|revenue|weight|gewicht|volume|rate|duration|dauer|income|"
                     r"einkommen|value|wert", re.I)
_TIME = re.compile(r"date|datum|time|zeit|_at$|timestamp|zeitpunkt|deadline|frist", re.I)
_TEXT = re.compile(r"scan|pdf|image|photo|foto|bild|email|e_mail|mail|text|description|"
                   r"beschreibung|clause|klausel|note|notiz|comment|kommentar|document|dokument|"
                   r"letter|brief|history|historie|verlauf|message|nachricht|ticket|library|"
                   r"bibliothek", re.I)
_BOOL = re.compile(r"^(is|has|ist|hat)_|flag", re.I)


def guess_type(name: str) -> ColumnType:
    if _BOOL.search(name):
        return "boolean"
    if _TIME.search(name):
        return "datetime"
    if _NUMBER.search(name):
        return "number"
    if _TEXT.search(name):
        return "text"
    return "category"


_IRREGULAR_PARTICIPLES = frozenset(
    "sent paid made taken given done set put sold bought built chosen drawn found held kept "
    "known left lost met read seen shown told written won split begun brought caught cut "
    "dealt drawn driven eaten fallen fed felt forgotten got gotten grown heard hung hit hurt "
    "laid led lent let lit meant overdrawn overridden rung risen run sought shut sung spent "
    "stood struck sworn swept taught thrown understood undone withdrawn".split())
_PREPOSITIONS = {
    "en": frozenset("for to from of in on at by with into onto about after before under over "
                    "via per as the a an and or".split()),
    "de": frozenset("für zu zum zur von vom in im an am auf aus bei beim mit nach über unter "
                    "durch gegen ohne um der die das den dem des ein eine einen einem einer "
                    "und oder".split()),
}


def _is_participle(word: str) -> bool:
    w = word.casefold()
    return w in _IRREGULAR_PARTICIPLES or (len(w) > 3 and w.endswith("ed")
                                            and not w.endswith("eed"))


def _subject(event_text: str, lang: str = "en") -> str:
    """The subject of an event, the thing it happened to: ``"Receipt uploaded"`` ->
    ``"Receipt"``, ``"Patient cleared for discharge"`` -> ``"Patient"``,
    ``"Kreditantrag eingegangen"`` -> ``"Kreditantrag"``.

    English events put the participle after the subject and may go on (``cleared for
    discharge``), so the subject ends before the first participle; German ones end with the
    verb, so the last word goes. Prepositional phrases left over (``in Station``, ``for``)
    are cut off too.
    """
    words = event_text.split()
    if len(words) <= 1:
        return event_text
    cut = next((i for i, w in enumerate(words) if i > 0 and _is_participle(w)), None) \
        if lang != "de" else None
    words = words[:cut] if cut is not None else words[:-1]
    stop = _PREPOSITIONS.get(lang, _PREPOSITIONS["en"])
    head = next((i for i, w in enumerate(words) if i > 0 and w.casefold() in stop), len(words))
    return " ".join(words[:head])


def plural(noun: str) -> str:
    """An English noun phrase in the plural (``patient`` -> ``patients``, ``policy`` ->
    ``policies``, ``claim batch`` -> ``claim batches``); a phrase already ending in s is
    left alone."""
    if not noun or noun.endswith("s"):
        return noun
    if noun.endswith(("x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _common_prefix(texts: list[list[str]]) -> list[str]:
    prefix: list[str] = []
    for column in zip(*texts, strict=False):
        if len({w.casefold() for w in column}) != 1:
            break
        prefix.append(column[0])
    return prefix


def outcome_classes(outcomes: list[str]) -> list[str]:
    """Class names from alternative outcome events: the words in which they differ
    (``Expense report approved`` / ``... rejected`` -> ``approved``, ``rejected``)."""
    if len(outcomes) < 2:
        return []
    words = [t.split() for t in outcomes]
    head = len(_common_prefix(words))
    tail = len(_common_prefix([list(reversed(w)) for w in words]))
    classes = []
    for w in words:
        core = w[head:len(w) - tail] if len(w) - tail > head else w
        classes.append(identifier(" ".join(core), "class"))
    if len(set(classes)) == len(classes):
        return classes
    return _unique([" ".join(t.split()) for t in outcomes])


def _unique(names: list[str]) -> list[str]:
    """Names made unique by numbering repeats (``a``, ``a_2``)."""
    out: list[str] = []
    for name in names:
        candidate, n = name, 2
        while candidate in out:
            candidate, n = f"{name}_{n}", n + 1
        out.append(candidate)
    return out


# --------------------------------------------------------------------------- sentences

_EN: dict[str, str] = {
    "vp_today": "{actor} does '{anchor}' by hand today{volume}.",
    "vp_today_policy": "Today '{anchor}' follows a policy{volume}.",
    "vp_volume": ", {volume} at {minutes} min each",
    "vp_volume_only": ", {volume}",
    "vp_goal_actor": "A prediction of the {target} lets {actor} confirm or correct a "
                     "suggestion instead of deciding from scratch.",
    "vp_goal_auto": "A prediction of the {target} lets the process run without waiting for "
                    "a person.",
    "vp_pain": "It eases a known pain: {hotspot}.",
    "pt_task": "{task} for each {entity}: predict the {target}.",
    "pt_classes": "Possible outcomes: {classes}.",
    "pt_no_classes": "The possible outcomes are not on the board yet: list them.",
    "pt_wait": "The outcome is known when '{outcome}' happens ({wait}).",
    "pt_heuristic": "Heuristic to beat: {heuristic}.",
    "dec_actor": "Show the prediction to {actor} when '{anchor}' is due; {actor} accepts or "
                 "corrects it.",
    "dec_auto": "The prediction drives '{anchor}' directly; cases the model is unsure about "
                "go to a person.",
    "dec_review": "A person reviews every prediction before it takes effect: the decision "
                  "is high stakes.",
    "imp_replay": "Replay past {entities}: compare predictions with what '{outcome}' "
                  "recorded and with the heuristic.",
    "imp_replay_no_label": "Replay past {entities} once their outcome is recorded; the board "
                           "has no outcome event yet.",
    "imp_costs": "Weigh each kind of error by what it costs ({count} listed under prediction "
                 "details) against the time saved.",
    "imp_fairness": "Check that error rates do not differ between groups of people "
                    "(fairness).",
    "mp_realtime": "Predict as soon as '{trigger}' happens, in real time, before "
                   "{actor_or_process} picks the case up.",
    "mp_batch": "Predict in a scheduled batch ({cadence}); nothing on the board needs an "
                "answer within seconds.",
    "dc_label": "Each '{outcome}' records the truth: store it next to the prediction made "
                "for the same {entity}.",
    "dc_no_label": "Nothing records the outcome yet: add an event that does, or ask "
                   "{actor_or_process} to label a sample.",
    "dc_holdout": "Keep a small share of {entities} without predictions as a holdout to "
                  "measure the real effect.",
    "ds_input": "{kind} '{text}'.",
    "ds_event": "The event log of '{text}'.",
    "ds_none": "No read model or system feeds the decision on the board: find where the data "
               "lives.",
    "bm_start": "Start with the heuristic inside the whole pipeline; train a first model "
                "once a few thousand labelled {entities} are collected.",
    "bm_update": "One model; retrain {cadence} and whenever monitoring raises a drift alert.",
    "ft_feature": "{name} ({type}) from '{source}'.",
    "ft_none": "No input on the board yet: name the facts known about a {entity} at "
               "prediction time.",
    "mon_metric": "Track {metric} against the heuristic on the recorded outcomes every week.",
    "mon_drift": "Alert when the inputs drift (population stability index above 0.25).",
    "mon_actor": "Track how often {actor} corrects a prediction.",
    "kind_readmodel": "Read model", "kind_system": "System", "kind_event": "Event",
    "wait_immediate": "right after the decision", "wait_later": "later in the process",
    "cadence_batch": "nightly", "cadence_forecast": "once a week", "cadence_retrain": "monthly",
    "people": "people",
}
_DE: dict[str, str] = {
    "vp_today": "{actor} erledigt '{anchor}' heute von Hand{volume}.",
    "vp_today_policy": "Heute folgt '{anchor}' einer Regel{volume}.",
    "vp_volume": ", {volume} mit je {minutes} Min.",
    "vp_volume_only": ", {volume}",
    "vp_goal_actor": "Eine Vorhersage der Zielgröße „{target}“ lässt {actor} einen Vorschlag "
                     "bestätigen oder korrigieren, statt von vorn zu entscheiden.",
    "vp_goal_auto": "Eine Vorhersage der Zielgröße „{target}“ lässt den Prozess "
                    "weiterlaufen, ohne auf einen Menschen zu warten.",
    "vp_pain": "Sie lindert einen bekannten Schmerz: {hotspot}.",
    "pt_task": "{task} pro {entity}: die Zielgröße „{target}“ vorhersagen.",
    "pt_classes": "Mögliche Ergebnisse: {classes}.",
    "pt_no_classes": "Die möglichen Ergebnisse stehen noch nicht auf dem Board: bitte "
                     "auflisten.",
    "pt_wait": "Das Ergebnis steht fest, wenn '{outcome}' eintritt ({wait}).",
    "pt_heuristic": "Zu schlagende Heuristik: {heuristic}.",
    "dec_actor": "Die Vorhersage wird {actor} gezeigt, wenn '{anchor}' ansteht; {actor} "
                 "übernimmt oder korrigiert sie.",
    "dec_auto": "Die Vorhersage steuert '{anchor}' direkt; unsichere Fälle gehen an einen "
                "Menschen.",
    "dec_review": "Ein Mensch prüft jede Vorhersage, bevor sie wirkt: die Entscheidung hat "
                  "hohe Tragweite.",
    "imp_replay": "Vergangene Fälle nachspielen: Vorhersagen mit dem vergleichen, was "
                  "'{outcome}' festgehalten hat, und mit der Heuristik.",
    "imp_replay_no_label": "Vergangene Fälle nachspielen, sobald ihr Ergebnis erfasst wird; "
                           "das Board hat noch kein Ergebnis-Event.",
    "imp_costs": "Jede Fehlerart nach ihren Kosten gewichten ({count} in den Details der "
                 "Vorhersage) und gegen die gesparte Zeit stellen.",
    "imp_fairness": "Prüfen, dass die Fehlerraten zwischen Personengruppen nicht "
                    "auseinandergehen (Fairness).",
    "mp_realtime": "Vorhersagen, sobald '{trigger}' eintritt, in Echtzeit, bevor "
                   "{actor_or_process} den Fall aufnimmt.",
    "mp_batch": "Vorhersagen in einem geplanten Batch ({cadence}); nichts auf dem Board "
                "braucht eine Antwort in Sekunden.",
    "dc_label": "Jedes '{outcome}' hält die Wahrheit fest: neben der Vorhersage für "
                "denselben Fall speichern.",
    "dc_no_label": "Noch hält nichts das Ergebnis fest: ein Event ergänzen, das es tut, oder "
                   "{actor_or_process} eine Stichprobe labeln lassen.",
    "dc_holdout": "Einen kleinen Teil der Fälle ohne Vorhersage lassen (Holdout), um die "
                  "echte Wirkung zu messen.",
    "ds_input": "{kind} '{text}'.",
    "ds_event": "Das Event-Log von '{text}'.",
    "ds_none": "Auf dem Board speist kein Read Model und kein System die Entscheidung: "
               "herausfinden, wo die Daten liegen.",
    "bm_start": "Mit der Heuristik in der ganzen Pipeline starten; ein erstes Modell "
                "trainieren, sobald einige tausend gelabelte Fälle vorliegen.",
    "bm_update": "Ein Modell; {cadence} neu trainieren und bei jedem Drift-Alarm.",
    "ft_feature": "{name} ({type}) aus '{source}'.",
    "ft_none": "Noch kein Input auf dem Board: die Fakten benennen, die zur Zeit der "
               "Vorhersage über den Fall bekannt sind.",
    "mon_metric": "{metric} wöchentlich an den erfassten Ergebnissen gegen die Heuristik "
                  "verfolgen.",
    "mon_drift": "Alarm, wenn die Inputs driften (Population Stability Index über 0,25).",
    "mon_actor": "Verfolgen, wie oft {actor} eine Vorhersage korrigiert.",
    "kind_readmodel": "Read Model", "kind_system": "System", "kind_event": "Event",
    "wait_immediate": "direkt nach der Entscheidung", "wait_later": "später im Prozess",
    "cadence_batch": "nachts", "cadence_forecast": "einmal pro Woche",
    "cadence_retrain": "monatlich", "people": "Personen",
}
SENTENCES = {"en": _EN, "de": _DE}

TASK_WORDS = {
    "en": {"classification": "Classification", "regression": "Regression",
           "forecasting": "Forecasting", "ranking": "Ranking",
           "anomaly_detection": "Anomaly detection", "extraction": "Extraction",
           "clustering": "Clustering"},
    "de": {"classification": "Klassifikation", "regression": "Regression",
           "forecasting": "Prognose", "ranking": "Ranking",
           "anomaly_detection": "Anomalieerkennung", "extraction": "Extraktion",
           "clustering": "Clustering"},
}

#: Per task: the metric a first model is judged by, and the default heuristic in words.
TASK_DEFAULTS: dict[str, dict[str, str]] = {
    "classification": {"metric": "macro_f1",
                       "en": "always predict the most frequent outcome (majority)",
                       "de": "immer das häufigste Ergebnis vorhersagen (Mehrheit)"},
    "regression": {"metric": "mae", "en": "predict the average of past {entities} (mean)",
                   "de": "den Durchschnitt vergangener Fälle vorhersagen (Mittelwert)"},
    "forecasting": {"metric": "mape",
                    "en": "repeat the value of the same weekday last week (seasonal naive)",
                    "de": "den Wert desselben Wochentags der Vorwoche wiederholen (saisonal "
                          "naiv)"},
    "anomaly_detection": {"metric": "recall",
                          "en": "flag {entities} more than 3 standard deviations from the "
                                "usual (z-score)",
                          "de": "Fälle markieren, die mehr als 3 Standardabweichungen vom "
                                "Üblichen abweichen (z-Score)"},
    "ranking": {"metric": "precision_at_k",
                "en": "rank by how often each item was chosen before (popularity)",
                "de": "nach bisheriger Beliebtheit sortieren (Popularität)"},
    "extraction": {"metric": "exact_match",
                   "en": "fill in the value most often typed before (majority)",
                   "de": "den bisher häufigsten Wert eintragen (Mehrheit)"},
    "clustering": {"metric": "silhouette",
                   "en": "put every {entity} in one group (majority)",
                   "de": "alle Fälle in eine Gruppe legen (Mehrheit)"},
}

_ERROR_COSTS = {
    "en": {
        "false_positive": "a case is marked as {positive} although it is not: {actor_or_process}"
                          " spends time on it or acts wrongly",
        "false_negative": "a real {positive} is missed and noticed only later, if at all",
        "too_high": "the prediction is too high: resources are wasted",
        "too_low": "the prediction is too low: shortage, delay or a missed opportunity",
        "wrong_value": "a wrong value is accepted unnoticed and travels downstream",
        "wrong_class": "a wrong {target} is accepted unnoticed; {actor_or_process} or a later "
                       "step must catch it",
        "mixup": "'{truth}' taken for '{predicted}': {actor_or_process} must notice and undo it",
    },
    "de": {
        "false_positive": "ein Fall gilt fälschlich als {positive}: {actor_or_process} "
                          "verliert Zeit oder handelt falsch",
        "false_negative": "ein echter Fall von {positive} wird übersehen und erst später "
                          "bemerkt",
        "too_high": "die Vorhersage ist zu hoch: Ressourcen werden verschwendet",
        "too_low": "die Vorhersage ist zu niedrig: Mangel, Verzögerung oder verpasste Chance",
        "wrong_value": "ein falscher Wert wird unbemerkt übernommen und wandert weiter",
        "wrong_class": "eine falsche Vorhersage („{target}“) wird unbemerkt übernommen; "
                       "{actor_or_process} oder ein späterer Schritt muss es abfangen",
        "mixup": "'{truth}' für '{predicted}' gehalten: {actor_or_process} muss es bemerken "
                 "und korrigieren",
    },
}


#: German words for the target names mlcanvas makes up in English (the column keeps its
#: name; only sentences use the word).
_TARGET_WORDS_DE = {"outcome": "Ergebnis", "category": "Kategorie", "relevance": "Relevanz",
                    "group": "Gruppe", "class": "Klasse", "rating": "Bewertung",
                    "check_result": "Prüfergebnis", "value": "Wert"}


def target_words(target: str | None, lang: str = "en") -> str:
    """A target column as a sentence says it: ``check_result`` -> ``check result``, and in
    German the words mlcanvas made up translated (``outcome`` -> ``Ergebnis``,
    ``antrag_rating`` -> ``Antrag: Bewertung``)."""
    name = target or "group"
    if lang == "de":
        if name in _TARGET_WORDS_DE:
            return _TARGET_WORDS_DE[name]
        for suffix in ("check_result", "class", "rating", "value"):
            if name.endswith("_" + suffix):
                head = name[:-len(suffix) - 1].replace("_", " ")
                return f"{head.capitalize()}: {_TARGET_WORDS_DE[suffix]}"
    return name.replace("_", " ")


def _t(lang: str, key: str, **values: Any) -> str:
    table = SENTENCES.get(lang, _EN)
    return table.get(key, _EN[key]).format(**values)


# --------------------------------------------------------------------------- prefill

#: Read models that list or summarise many cases rather than being the case itself.
_VIEW_WORDS = re.compile(r"histor|list|übersicht|overview|calendar|kalender|dashboard|report|"
                         r"statisti|stats|katalog|catalog|table|tabelle|log\b|protokoll", re.I)


def _entity(opp: Opportunity, graph: BoardGraph | None) -> str:
    """What a prediction is about, read off the structure before the words, in order: the
    aggregate handling the command; the subject of an upstream event sharing a word with the
    command; the aggregate or subject of the event that starts the case; a read model named
    by a short noun (``Kreditantrag``); the subject of the outcome; the command's object."""
    lang = "de" if opp.lang == "de" else "en"

    def case(text: str) -> str:
        return text if lang == "de" else text.lower()

    if graph is not None and opp.anchor.id in graph.stickies:
        handlers = [s for s in graph.handlers(opp.anchor.id) if s.kind == Kind.AGGREGATE]
        if handlers:
            return case(readable(handlers[0].text, lang))
    anchor_words = {w.casefold() for w in opp.anchor.text.split() if len(w) > 3}
    for event in opp.upstream:
        subject = _subject(event.text, lang)
        if anchor_words & {w.casefold() for w in subject.split()}:
            return case(subject)
    if opp.upstream:
        aggregate, first_event = _walk_upstream(graph, [e.id for e in opp.upstream])
        if aggregate:
            return case(aggregate)
        return case(_subject(first_event or opp.upstream[0].text, lang))
    anchor_stems = {w[:5] for w in anchor_words}
    for ref in opp.inputs:
        words = ref.text.split()
        if (ref.kind == "readmodel" and 0 < len(words) <= 2 and not _SPLIT.search(ref.text)
                and not _VIEW_WORDS.search(ref.text)
                and not anchor_stems & {w.casefold()[:5] for w in words}):
            return case(ref.text)
    outcome = _outcome_subject(opp)
    if outcome:
        return case(outcome)
    words = opp.anchor.text.split()
    if len(words) > 1:
        obj = words[:-1] if lang == "de" else words[1:]
        stop = _PREPOSITIONS[lang]
        head = next((i for i, w in enumerate(obj) if i > 0 and w.casefold() in stop), len(obj))
        return case(" ".join(obj[:head]))
    return case(opp.anchor.text)


def _readable_copy(opp: Opportunity) -> Opportunity:
    """``opp`` with every sticky text and its title as words (:func:`readable`)."""
    lang = "de" if opp.lang == "de" else "en"

    def refs(items: tuple[StickyRef, ...]) -> tuple[StickyRef, ...]:
        return tuple(r.model_copy(update={"text": readable(r.text, lang)}) for r in items)

    return opp.model_copy(update={
        "title": readable(opp.title, lang),
        "anchor": opp.anchor.model_copy(update={"text": readable(opp.anchor.text, lang)}),
        "inputs": refs(opp.inputs), "outcomes": refs(opp.outcomes),
        "upstream": refs(opp.upstream), "hotspots": refs(opp.hotspots)})


def _walk_upstream(graph: BoardGraph | None, start: list[str],
                   depth: int = 6) -> tuple[str, str]:
    """Walk back from these events through commands, actors, policies and events: the nearest
    aggregate, and the text of the farthest event reached (the one that starts the case)."""
    if graph is None:
        return "", ""
    frontier = [i for i in start if i in graph.stickies]
    seen, first_event = set(frontier), ""
    for _ in range(depth):
        found = [s for i in frontier for s in graph.predecessors(i, Kind.AGGREGATE)]
        if found:
            return readable(found[0].text), first_event
        events = [graph.stickies[i] for i in frontier if graph.stickies[i].kind == Kind.EVENT]
        if events:
            first_event = readable(min(events, key=lambda e: e.order).text)
        frontier = [s.id for i in frontier
                    for s in graph.predecessors(i, Kind.EVENT, Kind.COMMAND, Kind.POLICY,
                                                Kind.ACTOR)
                    if s.id not in seen]
        seen.update(frontier)
        if not frontier:
            break
    return "", first_event


def _outcome_subject(opp: Opportunity) -> str:
    words = [o.text.split() for o in opp.outcomes]
    if not words:
        return ""
    prefix = _common_prefix(words) if len(words) > 1 else words[0]
    return _subject(" ".join(prefix), opp.lang) if len(prefix) > 1 else ""


def _target(opp: Opportunity, entity: str, classes: list[str],
            quantity: str = "") -> str | None:
    if opp.task == "clustering":
        return None
    anchor = opp.anchor.text.casefold()
    if opp.task in ("classification", "anomaly_detection"):
        if classes:
            return "outcome"
        for pattern, name in ((r"categor|kategor", "category"), (r"classif|klassif", "class"),
                              (r"rate|assess|bewert", "rating"),
                              (r"check|review|prüf|pruef", "check_result")):
            if re.search(pattern, anchor):
                return f"{identifier(entity, 'case')}_{name}" if name != "category" else name
        outcome = _outcome_subject(opp)
        if outcome and outcome.casefold() != entity.casefold():
            return identifier(outcome, "class")
        return f"{identifier(entity, 'case')}_class"
    if opp.task == "ranking":
        return "relevance"
    if quantity:
        return identifier(quantity, "value")
    return identifier(_outcome_subject(opp) or entity, "value")


def _said(graph: BoardGraph | None, opp: Opportunity) -> list[str]:
    """The anchor's text, then the opportunity stickies the team put on it."""
    texts = [opp.anchor.text]
    if graph is not None and opp.anchor.id in graph.stickies:
        texts += [readable(s.text, opp.lang) for s in graph.opportunity_stickies(opp.anchor.id)]
    return texts


def _predicted_quantity(opp: Opportunity, graph: BoardGraph | None) -> str:
    """What a forecast or an estimate predicts, from what the board says is forecast,
    estimated or predicted — never from the event after the decision (``Staffing plan
    created`` names the decision taken with the forecast, not the forecast).

    In order: the anchor's wording (``Forecast bed demand``, ``Absatz prognostizieren``);
    the opportunity stickies on the anchor (``Predict the daily census per ward``); for a
    forecast, an input that is itself a forecast (``Bed demand forecast published``), then a
    read model reporting a measured series (``Daily census report``); last the outcome
    event's subject with its forecast words dropped (``Travel budget forecast updated`` ->
    ``travel budget``). ``""`` when the board says nothing of the kind.
    """
    lang = "de" if opp.lang == "de" else "en"
    for text in _said(graph, opp):
        found = quantity_of(text, lang)
        if found:
            return found
    if opp.task != "forecasting":
        return ""
    for ref in (*opp.inputs, *opp.upstream):
        if ref.kind in ("readmodel", "event"):
            found = quantity_of(ref.text, lang)
            if found:
                return found
    for ref in opp.inputs:
        if ref.kind == "readmodel" and series_of(ref.text):
            return series_of(ref.text)
    for ref in opp.outcomes:
        found = quantity_of(ref.text, lang)
        if found:
            return found
    return ""


def _series_entity(opp: Opportunity, graph: BoardGraph | None, entity: str,
                   quantity: str) -> str:
    """What one series of a forecast is about: the unit the board names (``... per ward``);
    where the entity read off the structure is the forecast itself (``bed demand
    forecast``, ``Platzbedarf``), the period the anchor names (``next quarter``) or the
    day."""
    lang = "de" if opp.lang == "de" else "en"
    for text in _said(graph, opp):
        unit = series_unit(text, lang)
        if unit:
            return unit if lang == "de" else unit.lower()
    words = {w.casefold() for w in entity.split()}
    said = {w.casefold() for w in quantity.split()}
    read_models = {r.text.casefold() for r in opp.inputs if r.kind == "readmodel"}
    if (words & said or re.search(r"forecast|prognose|outlook|bedarf|demand|plan", entity, re.I)
            or not entity or entity.casefold() in read_models):
        return period_of(opp.anchor.text) or ("Tag" if lang == "de" else "day")
    return entity


def _features(opp: Opportunity, target: str | None) -> list[CanvasFeature]:
    features: dict[str, CanvasFeature] = {}
    for ref in opp.inputs:
        if ref.kind not in ("readmodel", "system"):
            continue
        parts = [p for p in _SPLIT.split(ref.text) if p.strip()] or [ref.text]
        for part in parts:
            name = identifier(part)
            if name == target or name in features:
                continue
            features[name] = CanvasFeature(name=name, type=guess_type(name), source=ref.text)
    return list(features.values())


def _trigger(opp: Opportunity) -> StickyRef | None:
    events = list(opp.upstream) or [r for r in opp.inputs if r.kind == "event"]
    return events[-1] if events else None


def _column_type_for_target(task: str) -> ColumnType:
    return {"regression": "number", "forecasting": "number", "ranking": "number",
            "extraction": "text"}.get(task, "category")


def prefill_canvas(opp: Opportunity, board: Board | None = None) -> MLCanvas:
    """A canvas for one opportunity, every box filled from the opportunity and its board.

    Sentences read off the board (actor, volume, hotspots, inputs, outcome events) are plain
    notes; sentences mlcanvas infers (the target, the decision flow, costs, cadence) are
    marked as guesses.
    """
    lang = opp.lang if opp.lang in SENTENCES else (board.lang if board else "en")
    if lang not in SENTENCES:
        lang = "en"
    graph = BoardGraph(board) if board is not None else None
    # entity, target, features and names are read off words, also where the board writes
    # code ("ApplicationAccepted"); the sentences keep the stickies as written
    read = _readable_copy(opp)
    entity = _entity(read, graph)
    quantity = (_predicted_quantity(read, graph) if opp.task in ("forecasting", "regression")
                else "")
    if opp.task == "forecasting":
        entity = _series_entity(read, graph, entity, quantity)
    entities = entity if lang == "de" else plural(entity)
    outcome_texts = [o.text for o in read.outcomes]
    classes = _unique([str(c) for c in opp.classes]) or (outcome_classes(outcome_texts)
                                    if opp.task in ("classification", "anomaly_detection")
                                    else [])
    target = _target(read, entity, classes, quantity)
    target_said = target_words(target, lang)
    actor = opp.actor
    actor_or_process = actor or ("der Prozess" if lang == "de" else "the process")
    task_word = TASK_WORDS.get(lang, TASK_WORDS["en"])[opp.task]
    defaults = TASK_DEFAULTS[opp.task]
    heuristic_text = defaults.get(lang, defaults["en"]).format(entities=entities,
                                                               entity=entity)
    features = _features(read, target)
    trigger = _trigger(opp)
    realtime = trigger is not None and opp.task not in ("forecasting", "clustering")
    metric = defaults["metric"]
    wait = _t(lang, "wait_immediate") if outcome_texts else _t(lang, "wait_later")
    costs = _error_costs(opp, lang, classes, actor_or_process, target_said)
    start = (list(read.upstream) or [_trigger(read)] if trigger else [None])[0]
    timestamp = f"{identifier(start.text, 'event')}_at"[:64] if start else None
    if opp.task == "forecasting" and timestamp is None:
        timestamp = "date"

    def n(key: str, guess: bool = False, **values: Any) -> Note:
        text = _t(lang, key, **values)
        if text.endswith(".."):     # an abbreviation ends the sentence ("je 10 Min.")
            text = text[:-1]
        return Note(text=text, guess=guess)

    vol, minutes = opp.volume_per_day, opp.minutes
    volume = ""
    if vol is not None and minutes is not None:      # "about once a week at 5 min each"
        volume = _t(lang, "vp_volume", volume=frequency(vol, lang),
                    minutes=number(minutes, lang))
    elif vol is not None:
        volume = _t(lang, "vp_volume_only", volume=frequency(vol, lang))
    boxes: dict[str, list[Note]] = {k: [] for k in CANVAS_BOXES}
    vp = boxes["value_proposition"]
    vp.append(n("vp_today", actor=actor, anchor=opp.anchor.text, volume=volume) if actor
              else n("vp_today_policy", anchor=opp.anchor.text, volume=volume))
    vp.append(n("vp_goal_actor" if actor else "vp_goal_auto", guess=True, target=target_said,
                actor=actor))
    vp += [n("vp_pain", hotspot=h.text) for h in opp.hotspots]

    pt = boxes["prediction_task"]
    pt.append(n("pt_task", guess=True, task=task_word, entity=entity, target=target_said))
    pt.append(n("pt_classes", classes=", ".join(classes)) if classes else
              n("pt_no_classes") if opp.task in ("classification", "anomaly_detection")
              else None)
    if outcome_texts:
        pt.append(n("pt_wait", outcome=" / ".join(outcome_texts), wait=wait))
    pt.append(n("pt_heuristic", guess=True, heuristic=heuristic_text))

    dec = boxes["decisions"]
    dec.append(n("dec_actor", guess=True, actor=actor, anchor=opp.anchor.text) if actor
               else n("dec_auto", guess=True, anchor=opp.anchor.text))
    if opp.high_stakes:
        dec.append(n("dec_review"))

    imp = boxes["impact_simulation"]
    imp.append(n("imp_replay", guess=True, entities=entities, outcome=outcome_texts[0])
               if outcome_texts else n("imp_replay_no_label", guess=True, entities=entities))
    imp.append(n("imp_costs", guess=True, count=len(costs)))
    if opp.high_stakes:
        imp.append(n("imp_fairness"))

    mp = boxes["making_predictions"]
    cadence = _t(lang, "cadence_forecast" if opp.task == "forecasting" else "cadence_batch")
    mp.append(n("mp_realtime", guess=True, trigger=trigger.text,
                actor_or_process=actor_or_process) if realtime and trigger
              else n("mp_batch", guess=True, cadence=cadence))

    dc = boxes["data_collection"]
    dc += [n("dc_label", outcome=o, entity=entity) for o in outcome_texts[:3]] or \
        [n("dc_no_label", guess=True, actor_or_process=actor_or_process)]
    dc.append(n("dc_holdout", guess=True, entities=entities))

    ds = boxes["data_sources"]
    for ref in opp.inputs:
        if ref.kind in ("readmodel", "system"):
            ds.append(n("ds_input", kind=_t(lang, f"kind_{ref.kind}"), text=ref.text))
    for ref in opp.upstream:
        ds.append(n("ds_event", text=ref.text))
    if not ds:
        ds.append(n("ds_none"))

    bm = boxes["building_models"]
    bm.append(n("bm_start", guess=True, entities=entities))
    bm.append(n("bm_update", guess=True, cadence=_t(lang, "cadence_retrain")))

    ft = boxes["features"]
    ft += [n("ft_feature", guess=True, name=f.name, type=f.type, source=f.source)
           for f in features] or [n("ft_none", entity=entity)]

    mon = boxes["monitoring"]
    mon.append(n("mon_metric", guess=True, metric=metric))
    mon.append(n("mon_drift", guess=True))
    if actor:
        mon.append(n("mon_actor", actor=actor))

    name = slugify(read.title or read.anchor.text, max_len=60)
    if not name[0].isalpha():
        name = f"uc-{name}"[:63].rstrip("-")
    risk = "high" if opp.high_stakes else ("medium" if opp.risk_flags else "low")
    return MLCanvas(
        name=name, title=opp.title or opp.anchor.text,
        board=board.title if board else None, opportunity=opp.id, lang=lang, actor=actor,
        risk=risk, high_stakes=opp.high_stakes, human_review=bool(actor) or opp.high_stakes,
        fairness_check=(_t(lang, "imp_fairness") if opp.high_stakes else None),
        serving="realtime" if realtime else "batch", timestamp=timestamp,
        monitoring_metric=metric,
        prediction=PredictionDetails(
            task=opp.task, entity=entity, target=target, outcomes=tuple(classes),
            wait=wait, label_source=tuple(outcome_texts),
            heuristic=Heuristic(text=heuristic_text, guess=True), error_costs=costs),
        features=tuple(features),
        boxes={k: tuple(x for x in v if x is not None) for k, v in boxes.items()},
    )


def _error_costs(opp: Opportunity, lang: str, classes: list[str], actor_or_process: str,
                 target_words: str) -> dict[str, str]:
    words = _ERROR_COSTS.get(lang, _ERROR_COSTS["en"])
    if opp.task in ("regression", "forecasting"):
        return {"too_high": words["too_high"], "too_low": words["too_low"]}
    if opp.task in ("classification", "anomaly_detection") and len(classes) == 2:
        a, b = (c.replace("_", " ") for c in classes)
        ka, kb = (identifier(c, "class") for c in classes)
        return {f"{ka}_as_{kb}": words["mixup"].format(
                    truth=a, predicted=b, actor_or_process=actor_or_process),
                f"{kb}_as_{ka}": words["mixup"].format(
                    truth=b, predicted=a, actor_or_process=actor_or_process)}
    if opp.task == "classification":
        return {"wrong_class": words["wrong_class"].format(target=target_words,
                                                          actor_or_process=actor_or_process)}
    if opp.task == "anomaly_detection":
        positive = "Anomalie" if lang == "de" else "anomaly"
        fill = {"positive": positive, "actor_or_process": actor_or_process}
        return {"false_positive": words["false_positive"].format(**fill),
                "false_negative": words["false_negative"].format(**fill)}
    return {"wrong_value": words["wrong_value"]}


# --------------------------------------------------------------------------- lint

@dataclass(frozen=True)
class CanvasLint:
    """One finding on a canvas: the box it concerns, how serious, and what to do."""

    box: str
    level: Literal["missing", "risky", "guess"]
    message: str

    def format(self, lang: str = "en") -> str:
        title = next(b.title for b in boxes_for(lang) if b.key == self.box)
        return f"{title}: {self.message}"


LINT_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "empty": "the box is empty — {question}",
        "no_label": "no label source: no outcome event records the truth a model could learn "
                    "from",
        "no_target": "no target: name the column that holds the truth",
        "few_outcomes": "fewer than two possible outcomes listed",
        "no_heuristic": "no heuristic: name the simple rule a first model must beat",
        "no_costs": "the cost of each kind of error is not stated",
        "no_features": "no features: the spec needs at least one input column",
        "incomplete_feature": "feature row {row}: {missing} — fill it in or delete the row "
                              "(no spec until then)",
        "no_review": "a high-stakes decision without human review",
        "no_fairness": "a high-stakes decision without a fairness check",
        "no_metric": "no monitoring metric",
        "zscore_needs_number": "the z-score heuristic needs a number among the features",
        "guesses": "{count} sentence[ is|s are] still [a guess|guesses] — confirm or correct "
                   "[it|them]",
    },
    "de": {
        "empty": "das Feld ist leer — {question}",
        "no_label": "keine Label-Quelle: kein Ergebnis-Event hält die Wahrheit fest, aus der "
                    "ein Modell lernen könnte",
        "no_target": "keine Zielgröße: die Spalte benennen, die die Wahrheit enthält",
        "few_outcomes": "weniger als zwei mögliche Ergebnisse aufgeführt",
        "no_heuristic": "keine Heuristik: die einfache Regel benennen, die ein erstes Modell "
                        "schlagen muss",
        "no_costs": "die Kosten der Fehlerarten sind nicht genannt",
        "no_features": "keine Features: die Spec braucht mindestens eine Eingabespalte",
        "incomplete_feature": "Feature-Zeile {row}: {missing} — ausfüllen oder die Zeile "
                              "löschen (bis dahin keine Spec)",
        "no_review": "eine Entscheidung mit hoher Tragweite ohne menschliche Prüfung",
        "no_fairness": "eine Entscheidung mit hoher Tragweite ohne Fairness-Prüfung",
        "no_metric": "keine Kennzahl fürs Monitoring",
        "zscore_needs_number": "die z-Score-Heuristik braucht eine Zahl unter den Features",
        "guesses": "{count} [Satz ist|Sätze sind] noch [eine Vermutung|Vermutungen] — "
                   "bestätigen oder korrigieren",
    },
}


#: How each surface marks a guess and how a person confirms one, in English and German.
GUESS_HOW: dict[str, dict[str, str]] = {
    "en": {"yaml": "In the YAML a guess is written '- guess: ...'; delete 'guess:' once the "
                   "team agrees.",
           "form": "Lines starting with ? are guesses: delete the ? once the team agrees.",
           "markdown": "Sentences starting with _guess:_ were inferred from the board: confirm "
                       "or correct them.",
           "poster": "Sentences with a GUESS badge were inferred from the board: confirm or "
                     "correct them."},
    "de": {"yaml": "Im YAML steht eine Vermutung als '- guess: ...'; 'guess:' löschen, sobald "
                   "das Team zustimmt.",
           "form": "Zeilen, die mit ? beginnen, sind Vermutungen: das ? löschen, sobald das "
                   "Team zustimmt.",
           "markdown": "Sätze, die mit _Vermutung:_ beginnen, wurden aus dem Board abgeleitet: "
                       "bestätigen oder korrigieren.",
           "poster": "Sätze mit dem Zeichen VERMUTUNG wurden aus dem Board abgeleitet: "
                     "bestätigen oder korrigieren."},
}


def guess_how(surface: str, lang: str = "en") -> str:
    """How ``surface`` (yaml, form, markdown, poster) marks a guess, in ``lang``."""
    return GUESS_HOW.get(lang, GUESS_HOW["en"])[surface]


def lint_canvas(canvas: MLCanvas) -> list[CanvasLint]:
    """What is missing or risky on a canvas, each finding pointing at its box (messages in
    the canvas's language, English or German).

    The message about guesses is neutral about how a guess is marked, since that differs by
    surface (``guess:`` in YAML, ``?`` in the app's form, a badge on the poster): each
    surface says how to confirm one (:data:`GUESS_HOW`).
    """
    words = LINT_MESSAGES.get(canvas.lang, LINT_MESSAGES["en"])
    found: list[CanvasLint] = []

    def add(box: str, level: Literal["missing", "risky", "guess"], key: str,
            **values: Any) -> None:
        text = words[key].format(**values)
        if "count" in values:   # "[singular|plural]"
            text = re.sub(r"\[([^|\]]*)\|([^\]]*)\]",
                          r"\1" if values["count"] == 1 else r"\2", text)
        found.append(CanvasLint(box, level, text))

    for box in boxes_for(canvas.lang):
        if not any(n.text.strip() for n in canvas.box(box.key)):
            add(box.key, "missing", "empty", question=box.question)
    pred = canvas.prediction
    if pred.task != "clustering" and not pred.label_source:
        add("data_collection", "missing", "no_label")
    if pred.task != "clustering" and not pred.target:
        add("prediction_task", "missing", "no_target")
    if pred.task in ("classification", "anomaly_detection") and len(pred.outcomes) < 2:
        add("prediction_task", "missing", "few_outcomes")
    if not pred.heuristic.text.strip() and not pred.heuristic.rules:
        add("prediction_task", "missing", "no_heuristic")
    if not pred.error_costs:
        add("impact_simulation", "missing", "no_costs")
    for row_number, row in enumerate(canvas.incomplete_features, start=len(canvas.features) + 1):
        missing = row.missing()
        if canvas.lang == "de":
            missing = missing.replace("the name", "der Name").replace("the type", "der Typ") \
                .replace(" and ", " und ").replace(" are missing", " fehlen") \
                .replace(" is missing", " fehlt")
        add("features", "missing", "incomplete_feature", row=row_number, missing=missing)
    if not canvas.features:
        add("features", "missing", "no_features")
    elif pred.task == "anomaly_detection" and not pred.heuristic.rules and not any(
            f.type in ("number", "integer") for f in canvas.features):
        add("features", "missing", "zscore_needs_number")
    if canvas.high_stakes and not canvas.human_review:
        add("decisions", "risky", "no_review")
    if canvas.high_stakes and not (canvas.fairness_check or "").strip():
        add("impact_simulation", "risky", "no_fairness")
    if not (canvas.monitoring_metric or "").strip():
        add("monitoring", "missing", "no_metric")
    guesses = canvas.guesses()
    if guesses:
        first = next(b.key for b in BOXES if any(n.guess for n in canvas.box(b.key)))
        add(first, "guess", "guesses", count=guesses)
    return found
