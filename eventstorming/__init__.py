"""EventStorming boards: model, text format, graph, grammar checks and opportunity detection.

This package never imports streamlit.
"""

from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.storm import parse_storm, read_storm, write_storm
from eventstorming.model import Board, Kind, Link, Sticky

__all__ = [
    "Board", "BoardFormatError", "BoardUnreadableError", "Kind", "Link", "Sticky",
    "parse_storm", "read_storm", "write_storm",
]
