"""The ML canvas: the model, prefill and lint (:mod:`canvas.mlcanvas.model`), the form a
page edits (:mod:`canvas.mlcanvas.form`) and the Markdown and HTML poster
(:mod:`canvas.mlcanvas.render`).

The model's main names are re-exported here."""

from canvas.mlcanvas.model import (
    BOXES,
    CANVAS_HEADER,
    CANVASES_DOC,
    MLCanvas,
    canvas_from_data,
    canvas_to_yaml,
    lint_canvas,
    load_canvases,
    prefill_canvas,
    read_canvas,
)

__all__ = [
    "BOXES", "CANVASES_DOC", "CANVAS_HEADER", "MLCanvas", "canvas_from_data", "canvas_to_yaml",
    "lint_canvas", "load_canvases", "prefill_canvas", "read_canvas",
]
