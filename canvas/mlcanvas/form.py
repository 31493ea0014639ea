"""The ML canvas as a form: plain texts in, a validated :class:`MLCanvas` out.

A form edits each box as text, one sentence a line; a line starting with ``?`` is a guess
(mlcanvas inferred it; remove the ``?`` once the team agrees). Error costs are lines
``kind of error: what it costs``; outcomes are a comma-separated list; features are rows
``{name, type, source}`` (the field ``feature_table``; ``features`` is the box).
:func:`edit_canvas` applies what the form holds to a canvas and returns either the new
canvas or, for each field that is wrong, a message under that field's key, so a page can
show every problem beside its input before anything is saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from canvas.mlcanvas.agreement import follow
from canvas.mlcanvas.model import (
    BOX_BY_KEY,
    CANVASES_DOC,
    CanvasFeature,
    Heuristic,
    IncompleteFeature,
    MLCanvas,
    Note,
    canvas_from_data,
    identifier,
    prefill_canvas,
)
from eventstorming.detection.opportunity import Opportunity
from eventstorming.model import Board

GUESS_MARK = "?"
COLUMN_TYPES = ("number", "integer", "text", "category", "boolean", "datetime")


def notes_to_text(notes: Iterable[Note]) -> str:
    """One note a line; guesses start with ``? ``."""
    return "\n".join(f"{GUESS_MARK} {n.text}" if n.guess else n.text for n in notes)


def notes_from_text(text: str) -> tuple[Note, ...]:
    """Notes from lines (blank lines skipped; ``? text`` is a guess)."""
    notes = []
    for line in str(text or "").splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if line.startswith(GUESS_MARK):
            body = line[len(GUESS_MARK):].strip()
            if body:
                notes.append(Note(text=body, guess=True))
            continue
        notes.append(Note(text=line))
    return tuple(notes)


def costs_to_text(costs: Mapping[str, str]) -> str:
    return "\n".join(f"{key.replace('_', ' ')}: {value}" for key, value in costs.items())


def costs_from_text(text: str) -> dict[str, str]:
    """``kind of error: what it costs`` lines as a mapping (keys become identifiers).

    Raises:
        ValueError: a line without a colon, or a kind named twice; the message names the line.
    """
    costs: dict[str, str] = {}
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        kind, sep, cost = line.partition(":")
        if not sep or not kind.strip() or not cost.strip():
            raise ValueError(f"line {number}: write 'kind of error: what it costs' "
                             f"(got '{line.strip()}')")
        key = identifier(kind.strip(), "error")
        if key in costs:
            raise ValueError(f"line {number}: '{kind.strip()}' is named twice")
        costs[key] = " ".join(cost.split())
    return costs


def outcomes_from_text(text: str) -> tuple[str, ...]:
    """Possible outcomes from a comma-separated list, without repeats, in order."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,\n]", str(text or "")):
        part = " ".join(part.split())
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def clean_rows(rows: Iterable[Mapping[str, Any]], fields: Iterable[str]
               ) -> list[dict[str, str]]:
    """Table rows as plain text in ``fields`` (empty cells, ``None`` and NaN become ``""``),
    so a table read back from an editor compares equal to the rows it was given."""
    fields = tuple(fields)
    cleaned = []
    for row in rows:
        item = {}
        for name in fields:
            value = row.get(name)
            item[name] = "" if value is None or value != value else str(value).strip()
        cleaned.append(item)
    return cleaned


def filled_rows(rows: Iterable[Mapping[str, Any]], fields: Iterable[str]
                ) -> list[dict[str, str]]:
    """:func:`clean_rows` without the rows that hold nothing: an editor adds an empty row
    before a person types into it, and saving that would redraw the table and lose the
    row being typed."""
    return [row for row in clean_rows(rows, fields) if any(row.values())]


def feature_rows(canvas: MLCanvas) -> list[dict[str, Any]]:
    """The feature table: each feature, then each unfinished row with what it lacks under
    ``problem``."""
    return [{"name": f.name, "type": f.type, "source": f.source, "problem": ""}
            for f in canvas.features] + [
        {"name": f.name, "type": f.type, "source": f.source,
         "problem": "missing: " + ", ".join(k for k in ("name", "type")
                                            if not getattr(f, k).strip())}
        for f in canvas.incomplete_features]


def incomplete_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[IncompleteFeature, ...]:
    """The rows a person started but did not finish: something typed, but no name or no
    type. They are kept (:class:`IncompleteFeature`), never dropped."""
    found = []
    for row in clean_rows(rows, ("name", "type", "source")):
        if any(row.values()) and not (row["name"] and row["type"]):
            found.append(IncompleteFeature(**row))
    return tuple(found)


def features_from_rows(rows: Iterable[Mapping[str, Any]],
                       previous: Iterable[CanvasFeature] = ()) -> tuple[CanvasFeature, ...]:
    """Features from table rows (rows without a name or a type are not features yet:
    :func:`incomplete_rows` keeps them). A row that is exactly
    one of the ``previous`` features keeps whether it was a guess; any other row is a
    person's word.

    Raises:
        ValueError: a bad name or type, or a name twice; the message names the row.
    """
    features: list[CanvasFeature] = []
    names: set[str] = set()
    for number, row in enumerate(rows, start=1):
        name = str(row.get("name") or "").strip()
        kind = str(row.get("type") or "").strip()
        if not name or name.lower() in ("none", "nan") or not kind or kind == "nan":
            continue        # unfinished: kept apart by incomplete_rows, never dropped
        if kind not in COLUMN_TYPES:
            raise ValueError(f"row {number}: type '{kind}' is not one of "
                             f"{', '.join(COLUMN_TYPES)}")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", name):
            raise ValueError(f"row {number}: '{name}' is not a column name (letters, digits "
                             f"and '_', not starting with a digit, e.g. "
                             f"'{identifier(name)}')")
        if name in names:
            raise ValueError(f"row {number}: the feature '{name}' is named twice")
        names.add(name)
        source = row.get("source")
        source = "" if source is None or str(source).lower() == "nan" else str(source)
        guess = any(f.guess and (f.name, f.type, f.source) == (name, kind, source)
                    for f in previous)
        features.append(CanvasFeature(name=name, type=kind, source=source, guess=guess))
    return tuple(features)


@dataclass(frozen=True)
class CanvasEdit:
    """The outcome of applying a form: the canvas, or the problems by field key."""

    canvas: MLCanvas | None
    problems: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.canvas is not None and not self.problems


#: Form fields (besides the ten boxes, keyed by box key) that :func:`edit_canvas` reads.
FORM_FIELDS = ("title", "owner", "entity", "target", "outcomes", "wait", "heuristic",
               "error_costs", "feature_table", "serving", "human_review", "fairness_check",
               "monitoring_metric")


def form_values(canvas: MLCanvas) -> dict[str, Any]:
    """What a form shows for ``canvas``: every box's text and every field of
    :data:`FORM_FIELDS`."""
    pred = canvas.prediction
    values: dict[str, Any] = {key: notes_to_text(canvas.box(key)) for key in BOX_BY_KEY}
    values.update({
        "title": canvas.title, "owner": canvas.owner or "", "entity": pred.entity,
        "target": pred.target or "", "outcomes": ", ".join(pred.outcomes),
        "wait": pred.wait, "heuristic": pred.heuristic.text,
        "error_costs": costs_to_text(pred.error_costs),
        "feature_table": feature_rows(canvas),
        "serving": canvas.serving, "human_review": canvas.human_review,
        "fairness_check": canvas.fairness_check or "",
        "monitoring_metric": canvas.monitoring_metric or "",
    })
    return values


def edit_canvas(canvas: MLCanvas, values: Mapping[str, Any]) -> CanvasEdit:
    """Apply form ``values`` (keys as :func:`form_values` gives; missing keys keep the
    canvas's value) to ``canvas``.

    Returns a :class:`CanvasEdit` with the new canvas, or with one message per field key
    that is wrong (and no canvas). Box 2 and the details' entity and target follow each
    other as :func:`canvas.mlcanvas.agreement.follow` says.
    """
    problems: dict[str, str] = {}
    data = canvas.to_data()
    boxes = dict(data["boxes"])
    for key in BOX_BY_KEY:
        if key in values:
            boxes[key] = [n.to_data() for n in notes_from_text(values[key])]
    data["boxes"] = boxes
    pred = dict(data["prediction"])

    def text(key: str) -> str | None:
        return " ".join(str(values[key] or "").split()) if key in values else None

    if (title := text("title")) is not None:
        if not title:
            problems["title"] = "a canvas needs a title"
        data["title"] = title
    if (owner := text("owner")) is not None:
        data["owner"] = owner or None
    if (entity := text("entity")) is not None:
        pred["entity"] = entity
    if (target := text("target")) is not None:
        if target and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", target):
            problems["target"] = (f"'{target}' is not a column name (letters, digits and "
                                  f"'_', e.g. '{identifier(target)}')")
        pred["target"] = target or None
    if "outcomes" in values:
        pred["outcomes"] = list(outcomes_from_text(values["outcomes"]))
    if (wait := text("wait")) is not None:
        pred["wait"] = wait
    if (heuristic := text("heuristic")) is not None:
        old = canvas.prediction.heuristic
        pred["heuristic"] = Heuristic(text=heuristic, rules=old.rules, default=old.default,
                                      guess=old.guess and heuristic == old.text).to_data()
    if "error_costs" in values:
        try:
            pred["error_costs"] = costs_from_text(values["error_costs"])
        except ValueError as exc:
            problems["error_costs"] = str(exc)
    if "feature_table" in values:
        # unfinished rows are kept apart and shown again with what they lack
        table = list(values["feature_table"])
        try:
            data["features"] = [f.model_dump(mode="json")
                                for f in features_from_rows(table,
                                                            canvas.features)]
        except ValueError as exc:
            problems["feature_table"] = str(exc)
        data["incomplete_features"] = [f.model_dump(mode="json")
                                       for f in incomplete_rows(table)]
    if "serving" in values:
        if values["serving"] not in ("batch", "realtime"):
            problems["serving"] = "serving is batch or realtime"
        data["serving"] = values["serving"]
    if "human_review" in values:
        data["human_review"] = bool(values["human_review"])
    if (fairness := text("fairness_check")) is not None:
        data["fairness_check"] = fairness or None
    if (metric := text("monitoring_metric")) is not None:
        data["monitoring_metric"] = metric or None
    data["prediction"] = pred
    if problems:
        return CanvasEdit(None, problems)
    try:
        return CanvasEdit(follow(canvas, canvas_from_data(data, "canvas")))
    except ValueError as exc:
        for line in str(exc).splitlines():
            where, _, message = line.removeprefix("canvas: ").partition(": ")
            parts = where.split(".")
            key = parts[1] if parts[0] == "boxes" and len(parts) > 1 else \
                "feature_table" if parts[0] == "features" else parts[-1]
            problems[key if key in FORM_FIELDS or key in BOX_BY_KEY else "canvas"] = \
                message or line
        return CanvasEdit(None, problems)


# --------------------------------------------------------------------------- workspace

def canvas_for(opportunity: Opportunity, board: Board | None,
               stored: Mapping[str, MLCanvas]) -> MLCanvas:
    """The canvas of an opportunity: the stored one, else prefilled from the board."""
    return stored.get(opportunity.id) or prefill_canvas(opportunity, board)


def load_canvas_doc(workspace: Any, workshop: str) -> tuple[dict[str, MLCanvas], int]:
    """The workshop's stored canvases by opportunity id, with the document's revision.
    A canvas that no longer reads is left out (it is prefilled again) rather than
    breaking the page."""
    return workspace.read_keyed(workshop, CANVASES_DOC, lambda key, value: canvas_from_data(
        value, f"{workshop}/{CANVASES_DOC}: {key}"))


def save_canvas_doc(workspace: Any, workshop: str, opportunity_id: str, canvas: MLCanvas,
                    expected_revision: int, author: str | None = None) -> int:
    """Store one canvas under ``opportunity_id``; ``ConflictError`` when the document moved
    on since ``expected_revision``. Returns the new revision."""
    return workspace.write_keyed(workshop, CANVASES_DOC, opportunity_id, canvas.to_data(),
                                 expected_revision, author)
