"""The limits every board reader shares, and reading a board file within them."""

from __future__ import annotations

from pathlib import Path

from eventstorming.errors import BoardUnreadableError
from eventstorming.model import MAX_ELEMENTS

#: Largest board file read or imported, in bytes (20 MiB). Compressed draw.io pages may
#: inflate to at most as much again in total (``MAX_INFLATED_BYTES``).
MAX_BOARD_BYTES = 20 * 1024 * 1024

__all__ = ["MAX_BOARD_BYTES", "MAX_ELEMENTS", "read_bytes", "read_text"]


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a board file, refusing missing, unreadable and too large files.

    Raises:
        BoardUnreadableError: missing, a folder, unreadable or larger than
            :data:`MAX_BOARD_BYTES`; the message names the file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size <= MAX_BOARD_BYTES:
            return path.read_bytes()
    except FileNotFoundError:
        raise BoardUnreadableError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BoardUnreadableError(f"{path}: is a folder, not a board file") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BoardUnreadableError(f"{path}: cannot read the file ({reason})") from None
    raise BoardUnreadableError(
        f"{path}: the file is {size:,} bytes; the limit is {MAX_BOARD_BYTES:,}")


def read_text(path: str | Path) -> str:
    """The UTF-8 text of a board file (a BOM is dropped), within :data:`MAX_BOARD_BYTES`.

    Raises:
        BoardUnreadableError: as :func:`read_bytes`, or not UTF-8 (names the byte).
    """
    try:
        return read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BoardUnreadableError(f"{path}: not UTF-8 text (byte {exc.start})") from None
