"""Read a board from a file in any format mlcanvas knows, and write it back out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.drawio import write_drawio
from eventstorming.formats.importers.colors import parse_color_map
from eventstorming.formats.importers.common import assemble, load_json, plural
from eventstorming.formats.importers.drawio import looks_like_prooph, read_drawio
from eventstorming.formats.importers.excalidraw import read_excalidraw, write_excalidraw
from eventstorming.formats.importers.miro import is_miro, read_miro
from eventstorming.formats.limits import MAX_BOARD_BYTES, read_bytes  # noqa: F401 - re-exported
from eventstorming.formats.mermaid import write_mermaid
from eventstorming.formats.storm import parse_storm, write_storm
from eventstorming.formats.yamlio import board_from_dict, board_from_yaml, board_to_yaml
from eventstorming.model import Board, Kind

#: Writers by format name: ``mlcanvas export --format NAME``.
EXPORTERS: dict[str, Callable[[Board], str]] = {
    "storm": write_storm,
    "yaml": board_to_yaml,
    "mermaid": write_mermaid,
    "excalidraw": write_excalidraw,
    "drawio": write_drawio,
}

#: Formats a board can be read or imported from: ``mlcanvas import --format NAME``.
IMPORT_FORMATS = ("storm", "yaml", "excalidraw", "miro", "drawio", "prooph")

#: File name endings of the board files mlcanvas reads (an upload checks them first).
BOARD_SUFFIXES = (".storm", ".txt", ".yaml", ".yml", ".excalidraw", ".json", ".drawio",
                  ".dio", ".xml")
#: What a file that is no board usually is, to say so in words.
_NOT_BOARDS = {".csv": "a CSV table", ".tsv": "a table", ".xlsx": "an Excel workbook",
               ".xls": "an Excel workbook", ".parquet": "a Parquet table", ".pdf": "a PDF",
               ".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".svg": "an image",
               ".zip": "a zip archive", ".docx": "a Word document", ".md": "a Markdown text"}

_DRAWING_SUFFIXES = {".excalidraw": "excalidraw", ".drawio": "drawio", ".xml": "drawio",
                     ".dio": "drawio"}


def _sniff(name: str, text: str) -> tuple[str, Any]:
    """The format of a file from its content (its name only where the content does not
    tell), and the parsed JSON where finding out meant parsing it."""
    head = text.lstrip("\ufeff \t\r\n")
    suffix = Path(name).suffix.lower()
    if head.startswith("<"):
        return ("prooph" if looks_like_prooph(head) else "drawio"), None
    if head.startswith(("{", "[")):
        data = load_json(head, name)
        if isinstance(data, dict):
            kind = data.get("type")
            if isinstance(kind, str) and kind.startswith("excalidraw"):
                return "excalidraw", data
            if "stickies" in data:
                return "yaml", data
            if isinstance(data.get("elements"), list):
                return "excalidraw", data
        if is_miro(data):
            return "miro", data
        raise BoardFormatError(
            "this JSON is not a board format mlcanvas knows: expected an Excalidraw scene "
            "(\"type\": \"excalidraw\"), Miro items ({\"data\": [...]} from the REST API "
            "or a list of Web SDK items) or an mlcanvas board", source=name)
    if suffix in _DRAWING_SUFFIXES:
        return _DRAWING_SUFFIXES[suffix], None
    if suffix in {".yaml", ".yml"} or head.startswith(("format: mlcanvas-board", "title:")):
        return "yaml", None
    return "storm", None


def check_board_name(name: str) -> None:
    """Refuse a file whose name says it is no board (``data.csv``), before reading it.

    Raises:
        BoardFormatError: the name ends in none of :data:`BOARD_SUFFIXES`; the message
            says what the file looks like and which files are boards.
    """
    suffix = Path(name).suffix.lower()
    if suffix in BOARD_SUFFIXES:
        return
    what = _NOT_BOARDS.get(suffix, f"a '{suffix}' file" if suffix else "a file without an "
                                                                         "ending")
    raise BoardFormatError(
        f"this is {what}, not a board. A board file ends in "
        f"{', '.join(BOARD_SUFFIXES[:-1])} or {BOARD_SUFFIXES[-1]}: .storm text, mlcanvas "
        "YAML, or a drawing from Excalidraw, Miro (JSON), draw.io or prooph board",
        source=name)


def detect_format(name: str, text: str) -> str:
    """The board format of a file, from its content first and its name second:
    ``excalidraw`` (JSON with ``"type": "excalidraw"``), ``miro`` (``{"data": [...]}`` or
    a list of items), ``drawio`` or ``prooph`` (XML ``<mxfile>``/``<mxGraphModel>``),
    ``yaml`` or ``storm``.

    Raises:
        BoardFormatError: JSON that is broken or of no known kind.
    """
    return _sniff(name, text)[0]


def parse_board(text: str, name: str = "<board>", format: str | None = None) -> Board:
    """A board from the text of a file in any format mlcanvas reads; ``format`` forces a
    format instead of detecting it."""
    return import_board(text, name, format).board


def read_board(path: str | Path, format: str | None = None) -> Board:
    """Read a board file in any format mlcanvas reads (``.storm``, YAML, or a drawing
    from Excalidraw, Miro, draw.io or prooph board).

    Raises:
        BoardUnreadableError: missing, too large or not UTF-8.
        BoardFormatError: readable but not a valid board; says where.
    """
    return import_board(read_bytes(path), str(path), format).board


@dataclass(frozen=True)
class ImportResult:
    """A board brought in from a file, and what the reader recognised and skipped, in words."""

    board: Board
    format: str
    report: tuple[str, ...] = ()

    @property
    def warning(self) -> str | None:
        """What a person should know before keeping the board: that it is empty (an empty
        file reads as a valid "Untitled board" without a single sticky)."""
        if self.board.stickies:
            return None
        return ("the file holds no stickies, so the board would be empty"
                + (f" (\u201c{self.board.title}\u201d)" if self.board.title else ""))


def _title(name: str) -> str:
    """A board title from a file name: ``Checkout flow.drawio`` -> ``Checkout flow``."""
    path = Path(name)
    stem = path.name
    for _ in range(2):
        if Path(stem).suffix.lower() in {*_DRAWING_SUFFIXES, ".json", ".txt", ".svg"}:
            stem = Path(stem).stem
    return stem.strip() or "Imported board"


def import_board(data: bytes | str, name: str, format: str | None = None,
                 colors: Mapping[str, str | Kind | None] | None = None) -> ImportResult:
    """Import a board from the bytes of a file in any supported format (an upload, a CLI
    argument), with a report in words of what was recognised and what was skipped.

    ``format`` forces one of :data:`IMPORT_FORMATS` instead of detecting it. ``colors``
    maps colours (``"#ffec99"``, ``light_yellow``) to kinds (or ``skip``) for the formats
    that only have colours; it comes before the built-in reading of colours.

    Raises:
        BoardUnreadableError: too large or not UTF-8.
        BoardFormatError: not a board in the detected (or forced) format, or a broken or
            unsafe file; the message names the file and the problem.
    """
    if len(data) > MAX_BOARD_BYTES:
        raise BoardUnreadableError(
            f"{name}: the file is {len(data):,} bytes; the limit is {MAX_BOARD_BYTES:,}")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BoardUnreadableError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    else:
        text = data.removeprefix("\ufeff")
    if format is not None and format not in IMPORT_FORMATS:
        raise BoardFormatError(f"unknown board format '{format}'; use one of "
                               f"{', '.join(IMPORT_FORMATS)}", source=name)
    color_map = parse_color_map(dict(colors), "the colour map") if colors is not None else None
    try:
        fmt, parsed = (format, None) if format else _sniff(name, text)
        if fmt == "storm":
            board = parse_storm(text, source=name)
        elif fmt == "yaml":
            board = (board_from_dict(parsed, name) if parsed is not None
                     else board_from_yaml(text, source=name))
        else:
            if fmt == "excalidraw":
                drawing = read_excalidraw(_json(parsed, text, name), name)
            elif fmt == "miro":
                drawing = read_miro(_json(parsed, text, name), name)
            else:
                drawing = read_drawio(text, name)
                fmt = "prooph" if drawing.format_label == "prooph board" else "drawio"
            drawing.title = drawing.title or _title(name)
            board, report = assemble(drawing, name, color_map)
            return ImportResult(board, fmt, report)
    except RecursionError:
        raise BoardFormatError("the file is nested too deeply to be a board",
                               source=name) from None
    report = (f"read {plural(len(board.stickies), 'sticky')}, {plural(len(board.links), 'link')} "
              f"and {plural(len(board.lanes), 'lane')} from {fmt}",)
    return ImportResult(board, fmt, report)


def _json(parsed: Any, text: str, name: str) -> Any:
    return parsed if parsed is not None else load_json(text.lstrip("\ufeff \t\r\n"), name)


def export_board(board: Board, format: str) -> str:
    """A board written in one of :data:`EXPORTERS`' formats.

    Raises:
        ValueError: an unknown format (names the known ones).
    """
    try:
        return EXPORTERS[format](board)
    except KeyError:
        raise ValueError(f"unknown export format '{format}'; use one of "
                         f"{', '.join(EXPORTERS)}") from None
