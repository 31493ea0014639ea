"""Read a board from a file in any format mlcanvas knows, and write it back out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.model import Board
from eventstorming.storm import parse_storm, write_storm
from eventstorming.yamlio import board_from_yaml, board_to_yaml

#: Largest board file read, in bytes.
MAX_BOARD_BYTES = 20 * 1024 * 1024

#: Writers by format name: ``mlcanvas export --format NAME``.
EXPORTERS: dict[str, Callable[[Board], str]] = {
    "storm": write_storm,
    "yaml": board_to_yaml,
}


def detect_format(name: str, text: str) -> str:
    """The board format of a file, from its content first and its name second."""
    head = text.lstrip("\ufeff \t\r\n")[:200]
    suffix = Path(name).suffix.lower()
    if suffix in {".yaml", ".yml"} or head.startswith(("format: mlcanvas-board", "title:")):
        return "yaml"
    if suffix == ".storm":
        return "storm"
    return "storm"


def parse_board(text: str, name: str = "<board>", format: str | None = None) -> Board:
    """A board from the text of a file; ``format`` forces a format instead of detecting it."""
    fmt = format or detect_format(name, text)
    if fmt == "storm":
        return parse_storm(text, source=name)
    if fmt == "yaml":
        return board_from_yaml(text, source=name)
    raise BoardFormatError(f"unknown board format '{fmt}'", source=name)


def read_board(path: str | Path, format: str | None = None) -> Board:
    """Read a board file (``.storm`` or YAML).

    Raises:
        BoardUnreadableError: missing, too large or not UTF-8.
        BoardFormatError: readable but not a valid board; says where.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BOARD_BYTES:
            raise BoardUnreadableError(
                f"{path}: the file is {size:,} bytes; the limit is {MAX_BOARD_BYTES:,}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BoardUnreadableError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BoardUnreadableError(f"{path}: is a folder, not a board file") from None
    except OSError as exc:
        raise BoardUnreadableError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BoardUnreadableError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_board(text, str(path), format)


@dataclass(frozen=True)
class ImportResult:
    """A board brought in from a file, and what the reader recognised and skipped, in words."""

    board: Board
    format: str
    report: tuple[str, ...] = ()


def import_board(data: bytes | str, name: str, format: str | None = None,
                 colors: dict[str, str] | None = None) -> ImportResult:
    """Import a board from the bytes of a file in any supported format (an upload, a CLI
    argument). ``colors`` maps colours to kinds for formats that only have colours.

    Raises:
        BoardUnreadableError: too large or not UTF-8.
        BoardFormatError: not a board in the detected (or forced) format; says where.
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
        text = data
    fmt = format or detect_format(name, text)
    board = parse_board(text, name, fmt)
    report = (f"read {len(board.stickies)} stickies, {len(board.links)} links and "
              f"{len(board.lanes)} lanes from {fmt}",)
    return ImportResult(board, fmt, report)


def export_board(board: Board, format: str) -> str:
    try:
        return EXPORTERS[format](board)
    except KeyError:
        raise ValueError(f"unknown export format '{format}'; use one of "
                         f"{', '.join(EXPORTERS)}") from None
