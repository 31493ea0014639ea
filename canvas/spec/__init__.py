"""Spec v1: the model (:mod:`canvas.spec.model`), validation with field paths and YAML lines
(:mod:`canvas.spec.validate`), the JSON Schema (:mod:`canvas.spec.schema`) and a spec made
from a canvas (:mod:`canvas.spec.from_canvas`)."""
