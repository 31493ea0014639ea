"""Saving a workshop's board from the app: one edit, one revision, never a silent overwrite.

The app keeps, per browser tab, the board it shows and the revision it was read at. Every
edit goes through :func:`commit`: the new board is saved with that revision as the expected
one, so when another tab saved in between the save is refused with
:class:`~canvas.workspace.store.ConflictError` and nothing is overwritten. Only after the save does
the page show the new board.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from canvas.workspace.store import Versioned, WorkspaceStore
from eventstorming.model import Board


def commit(workspace: WorkspaceStore, workshop: str, shown: Versioned, board: Board,
           author: str | None = None) -> Versioned:
    """Save ``board`` as the successor of ``shown`` (the board and revision the tab shows).

    Returns the board with its new revision, or ``shown`` itself when nothing changed (no
    empty revisions, so undo steps are real changes).

    Raises:
        ConflictError: the workshop was saved elsewhere since ``shown`` was read.
    """
    if board == shown.data:
        return shown
    revision = workspace.save_board(workshop, board, expected_revision=shown.revision,
                                    author=author)
    return Versioned(board, revision, datetime.now(UTC).isoformat(timespec="seconds"), author)


def saved_status(revision: int, saved_at: str | None, now: datetime | None = None) -> str:
    """``Saved · revision 7 · 14:02:11`` (the time in UTC, with the date when not today)."""
    if revision <= 0:
        return "Not saved yet"
    if not saved_at:
        return f"Saved · revision {revision}"
    try:
        when = datetime.fromisoformat(saved_at)
    except ValueError:
        return f"Saved · revision {revision}"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    when = when.astimezone(UTC)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    stamp = when.strftime("%H:%M:%S UTC") if when.date() == now.date() \
        else when.strftime("%Y-%m-%d %H:%M UTC")
    return f"Saved · revision {revision} · {stamp}"


def hints_by_sticky(warnings: Iterable[object]) -> dict[str, list[str]]:
    """Grammar warnings grouped by the stickies they concern (a warning about two stickies
    is listed at both), in the order the checks gave them, without repeats."""
    grouped: dict[str, list[str]] = {}
    for warning in warnings:
        message = str(getattr(warning, "message", warning))
        for sticky_id in getattr(warning, "stickies", ()) or ():
            messages = grouped.setdefault(sticky_id, [])
            if message not in messages:
                messages.append(message)
    return grouped


#: Label, file name extension and MIME type of the export formats offered for download.
EXPORT_FILES: Mapping[str, tuple[str, str, str]] = {
    "storm": (".storm text", ".storm", "text/plain"),
    "yaml": ("YAML", ".yaml", "application/yaml"),
    "mermaid": ("Mermaid diagram", ".mmd", "text/plain"),
    "excalidraw": ("Excalidraw drawing", ".excalidraw", "application/json"),
    "drawio": ("draw.io diagram", ".drawio", "application/xml"),
}


def export_file_name(workshop: str, fmt: str) -> tuple[str, str, str]:
    """Button label, file name and MIME type for downloading ``workshop`` as ``fmt``."""
    label, suffix, mime = EXPORT_FILES.get(fmt, (fmt, f".{fmt}.txt", "text/plain"))
    return label, f"{workshop}{suffix}", mime
