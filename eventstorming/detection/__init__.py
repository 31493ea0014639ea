"""Opportunity detection: the detector (:mod:`eventstorming.detection.detector`), its
English and German vocabulary (:mod:`eventstorming.detection.vocabulary`) and the
opportunity types it returns (:mod:`eventstorming.detection.opportunity`)."""

from eventstorming.detection.detector import THRESHOLD, Detection, detect, read_text
from eventstorming.detection.opportunity import (
    ML_TASKS,
    AutomationIdea,
    Evidence,
    MLTask,
    Opportunity,
    StickyRef,
)

__all__ = [
    "ML_TASKS", "THRESHOLD", "AutomationIdea", "Detection", "Evidence", "MLTask", "Opportunity",
    "StickyRef", "detect", "read_text",
]
