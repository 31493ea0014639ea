"""The ``mlcanvas`` commands, one module each, and what they share."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.io import read_board
from eventstorming.formats.safeyaml import YamlError
from eventstorming.model import Board

INVALID = 1
UNREADABLE = 2


class CommandError(Exception):
    """Ends a command with a message on stderr and an exit code (1 invalid, 2 unreadable)."""

    def __init__(self, message: str, exit_code: int = INVALID) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into :class:`CommandError` with the right exit code."""
    try:
        yield
    except CommandError:
        raise
    except (BoardUnreadableError, FileNotFoundError, IsADirectoryError, PermissionError,
            UnicodeDecodeError) as exc:
        raise CommandError(str(exc), UNREADABLE) from None
    except (BoardFormatError, YamlError, ValueError) as exc:
        raise CommandError(str(exc), INVALID) from None


def load_board(path: str, format: str | None = None) -> Board:
    with user_errors():
        return read_board(path, format)


def write_output(text: str, output: str | None) -> None:
    """Write to ``output`` (atomically) or to stdout."""
    if output in (None, "-"):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from canvas.workspace.store import atomic_write

    try:
        atomic_write(Path(output), text)
    except OSError as exc:
        raise CommandError(f"{output}: cannot write ({exc.strerror})", UNREADABLE) from None


Register = Callable[..., None]
