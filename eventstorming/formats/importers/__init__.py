"""Importers for the tools facilitators already use: Excalidraw, Miro, draw.io and
prooph board.

Each module translates one tool's file into a :class:`~eventstorming.formats.importers.common.
Drawing`; :func:`~eventstorming.formats.importers.common.assemble` decides what it means (kinds
from colours, lanes, timeline order, identity) the same way for all of them. Use
:func:`eventstorming.formats.io.import_board` rather than these modules directly.
"""

from eventstorming.formats.importers.colors import (
    Classifier,
    Look,
    normalize_color,
    parse_color_map,
)
from eventstorming.formats.importers.common import MAX_ELEMENTS, MAX_TEXT_CHARS, Drawing, assemble
from eventstorming.formats.importers.drawio import MAX_INFLATED_BYTES, read_drawio
from eventstorming.formats.importers.excalidraw import read_excalidraw, write_excalidraw
from eventstorming.formats.importers.miro import read_miro

__all__ = [
    "MAX_ELEMENTS", "MAX_INFLATED_BYTES", "MAX_TEXT_CHARS", "Classifier", "Drawing", "Look",
    "assemble", "normalize_color", "parse_color_map", "read_drawio", "read_excalidraw",
    "read_miro", "write_excalidraw",
]
