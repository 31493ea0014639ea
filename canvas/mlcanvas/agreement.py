"""Box 2 (Prediction Task) and the prediction details say the same entity and target.

Box 2 says in words what is predicted for what ("Forecasting for each ward: predict the bed
demand."); the details hold the entity and the target column the spec is made from. Two
places for one fact disagree silently unless one follows the other, so:

- while the details say what box 2 said, editing the entity or target in box 2 moves the
  details along (:func:`follow`);
- while box 2's sentence is still a guess and says what the details said, editing the
  details rewrites the sentence;
- otherwise both were set by hand: :func:`disagreement` names the difference, and the page
  offers :func:`take_box` or :func:`take_details`.

Box 2 is read by :func:`said_in_box`: the prefilled sentence in English or German, or a
sentence a person writes like it ("predict the daily census per ward").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from canvas.mlcanvas.model import MLCanvas, Note, identifier, target_words

_NAME = r"[^.,:;!?\n]+?"
#: How box 2 names the entity and the target, the prefilled sentence first.
_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "en": (
        re.compile(rf"\bfor (?:each|every) (?P<entity>{_NAME})\s*:\s*predict (?:the )?"
                   rf"(?P<target>{_NAME})\s*\.?\s*$", re.I),
        re.compile(rf"\b(?:predict|forecast|estimate)s? (?:the )?(?P<target>{_NAME}) "
                   rf"(?:for each|for every|per|of each) (?P<entity>{_NAME})\s*\.?\s*$", re.I),
    ),
    "de": (
        re.compile(rf"\b(?:pro|je|für jede[nrs]?) (?P<entity>{_NAME})\s*:\s*die Zielgröße "
                   rf"[„\"'](?P<target>[^“\"'\n]+)[“\"'] vorhersagen", re.I),
        re.compile(rf"\b(?:die )?(?:Zielgröße )?[„\"']?(?P<target>{_NAME})[“\"']? (?:pro|je) "
                   rf"(?P<entity>{_NAME}) (?:vorhersagen|prognostizieren|schätzen)", re.I),
    ),
}


@dataclass(frozen=True)
class Said:
    """The entity and target box 2 names, where in the box, and how."""

    entity: str
    target: str            # as written ("bed demand")
    line: int              # index of the note in box 2
    guess: bool
    spans: tuple[tuple[int, int], tuple[int, int]]   # entity, target in the note's text

    @property
    def target_column(self) -> str:
        return identifier(self.target, "value")


def said_in_box(canvas: MLCanvas) -> Said | None:
    """The entity and target box 2 names (first sentence that names both), or None."""
    patterns = _PATTERNS.get(canvas.lang, _PATTERNS["en"])
    for number, note in enumerate(canvas.box("prediction_task")):
        for pattern in patterns:
            m = pattern.search(note.text)
            if m:
                return Said(entity=m["entity"].strip(), target=m["target"].strip(),
                            line=number, guess=note.guess,
                            spans=(m.span("entity"), m.span("target")))
    return None


def _same_target(said: Said, target: str | None, lang: str) -> bool:
    words = said.target.casefold()
    if not target:      # clustering: the sentence says "group"
        return words == target_words(None, lang).casefold()
    return (said.target_column == target or words == target_words(target, lang).casefold()
            or words == target.replace("_", " ").casefold())


def agrees(said: Said | None, canvas: MLCanvas) -> bool:
    """Whether box 2 names the details' entity and target (True when box 2 names none)."""
    if said is None:
        return True
    pred = canvas.prediction
    return (said.entity.casefold() == pred.entity.strip().casefold()
            and _same_target(said, pred.target, canvas.lang))


@dataclass(frozen=True)
class Disagreement:
    """Box 2 and the details name different entities or targets."""

    box_entity: str
    box_target: str        # column name box 2's words make
    details_entity: str
    details_target: str


def disagreement(canvas: MLCanvas) -> Disagreement | None:
    """How box 2 and the details differ, or None when they agree."""
    said = said_in_box(canvas)
    if agrees(said, canvas):
        return None
    assert said is not None
    return Disagreement(box_entity=said.entity, box_target=said.target_column,
                        details_entity=canvas.prediction.entity,
                        details_target=canvas.prediction.target or "")


def take_box(canvas: MLCanvas) -> MLCanvas:
    """``canvas`` with the details' entity and target set to what box 2 names."""
    said = said_in_box(canvas)
    if said is None:
        return canvas
    pred = canvas.prediction
    # a target box 2 still names in its own words ("Ergebnis" for outcome) keeps its column
    target = pred.target if _same_target(said, pred.target, canvas.lang) else \
        said.target_column
    pred = pred.model_copy(update={"entity": said.entity, "target": target})
    return canvas.model_copy(update={"prediction": pred})


def take_details(canvas: MLCanvas) -> MLCanvas:
    """``canvas`` with box 2's sentence rewritten to name the details' entity and target."""
    said = said_in_box(canvas)
    if said is None:
        return canvas
    notes = list(canvas.box("prediction_task"))
    note = notes[said.line]
    (es, ee), (ts, te) = said.spans
    words = target_words(canvas.prediction.target, canvas.lang)
    text = note.text
    # replace the later span first so the earlier one's offsets stay right
    for (start, end), value in sorted([((es, ee), canvas.prediction.entity),
                                       ((ts, te), words)], reverse=True):
        text = text[:start] + value + text[end:]
    notes[said.line] = Note(text=text, guess=note.guess)
    boxes = {**canvas.boxes, "prediction_task": tuple(notes)}
    return canvas.model_copy(update={"boxes": boxes})


def follow(before: MLCanvas, after: MLCanvas) -> MLCanvas:
    """``after`` (an edit of ``before``) with the side that follows moved along.

    When box 2 changed what it names and the details said what box 2 said before, the
    details take box 2's new entity and target. When the details changed, box 2's sentence
    is still a guess and said what the details said before, the sentence is rewritten. A
    side set by hand is never overwritten: the two then disagree, and
    :func:`disagreement` says so.
    """
    old, new = said_in_box(before), said_in_box(after)
    same_details = (before.prediction.entity == after.prediction.entity
                    and before.prediction.target == after.prediction.target)
    box_changed = before.box("prediction_task") != after.box("prediction_task")
    if box_changed and same_details and new is not None and old is not None \
            and agrees(old, before) and not agrees(new, after):
        return take_box(after)
    if not same_details and not box_changed and old is not None and old.guess \
            and agrees(old, before) and after.prediction.target:
        return take_details(after)
    return after
