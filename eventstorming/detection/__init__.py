"""Opportunity detection: where on a board could a prediction replace or support a judgment?

The detector (:mod:`.detector`) reads a board through a :class:`~.context.BoardReader`,
anchors candidates on commands, policies and systems, events and opportunity stickies
(:mod:`.anchors`), gathers the signals of a judgment one module each (:mod:`.signals`),
folds the steps of one decision together (:mod:`.merging`) and scores the evidence
(:mod:`.candidate`). Words come from the English and German vocabulary
(:mod:`.vocabulary`); the types it returns are in :mod:`.opportunity`.
"""

from eventstorming.detection.candidate import THRESHOLD
from eventstorming.detection.detector import Detection, detect
from eventstorming.detection.opportunity import (
    ML_TASKS,
    AutomationIdea,
    Evidence,
    Gap,
    MLTask,
    Opportunity,
    StickyRef,
)
from eventstorming.detection.reading import choose_task, read_text

__all__ = [
    "ML_TASKS", "THRESHOLD", "AutomationIdea", "Detection", "Evidence", "Gap", "MLTask",
    "Opportunity", "StickyRef", "choose_task", "detect", "read_text",
]
