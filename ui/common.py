"""What both pages share: the workspace, the open workshop, and the board a tab shows.

A tab keeps the board it shows, with the revision it was read at, in its session. Every
edit is saved through :func:`save` (which calls :func:`canvas.services.board.commit` with that
revision) before the page shows it; a save refused because another tab saved first leaves a
conflict message for the page to show with a "Reload" choice.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from canvas.services.board import commit, hints_by_sticky
from canvas.workspace.store import (
    ConflictError,
    StoreError,
    Versioned,
    WorkspaceStore,
    open_workspace,
)
from eventstorming.grammar import check_board
from eventstorming.model import Board
from ui.i18n import browser_language, t
from ui.text import md

BOARD_PAGE = "ui/board.py"
WORKSHOPS_PAGE = "ui/workshops.py"
_BOARDS = "_boards"          # session: workshop id -> Versioned board this tab shows
_CONFLICT = "_conflict"      # session: workshop id -> conflict message
_FLASH = "_flash"            # session: one message to show after the next rerun


def workspace() -> WorkspaceStore:
    """The store of this server: the database ``MLCANVAS_DATABASE_URL`` names, else the
    folder ``MLCANVAS_WORKSPACE`` (cheap: stores of one database share their connections)."""
    return open_workspace()


@st.cache_resource(show_spinner=False)
def _seeded(location: str) -> list[str]:
    return workspace().ensure_seeded()


def seed_workspace() -> None:
    """Seed the workspace with the examples once per server process and store; a store
    that cannot be opened (a database that is down, a bad URL) stops the app with the
    reason instead of a traceback."""
    try:
        _seeded(workspace().location)
    except StoreError as exc:
        st.error(f"The workspace cannot be opened: {md(exc)}", icon=":material/error:")
        st.stop()


# --------------------------------------------------------------------------- open workshop

def open_workshop_id() -> str | None:
    """The workshop this tab has open: the ``workshop`` query parameter, else the session's."""
    workshop = st.query_params.get("workshop") or st.session_state.get("workshop")
    if workshop and workspace().exists(workshop):
        st.session_state["workshop"] = workshop
        return workshop
    return None


def workshop_language() -> str:
    """The language of the open workshop's board (``en`` or ``de``); without an open
    workshop, or when its board cannot be read, the browser's."""
    workshop = open_workshop_id()
    if workshop is None:
        return browser_language()
    try:
        lang = disk_board(workshop).data.lang
    except StoreError:
        return browser_language()
    return "de" if lang == "de" else "en"


def go_to_board(workshop: str) -> None:
    """Open ``workshop`` on the Board page (the URL carries it, so a reload reopens it)."""
    st.session_state["workshop"] = workshop
    st.switch_page(BOARD_PAGE, query_params={"workshop": workshop})


def flash(message: str, icon: str = ":material/check_circle:") -> None:
    """A message (plain text: it is shown as typed) for the toast after the next rerun."""
    st.session_state[_FLASH] = (message, icon)


def show_flash() -> None:
    if message := st.session_state.pop(_FLASH, None):
        st.toast(md(message[0]), icon=message[1])


# --------------------------------------------------------------------------- the board

def _signature(workshop: str) -> tuple:
    """Changes whenever the saved board does (a cheap probe on either store)."""
    return workspace().signature(workshop)


@st.cache_resource(show_spinner=False, max_entries=32)
def _load(location: str, workshop: str, signature: tuple) -> Versioned:
    return workspace().load_board(workshop)


def disk_board(workshop: str) -> Versioned:
    """The board as saved now (parsed once per saved revision, shared by all sessions;
    boards are immutable)."""
    return _load(workspace().location, workshop, _signature(workshop))


def shown_board(workshop: str) -> Versioned:
    """The board this tab shows and edits, with the revision it was read at."""
    boards = st.session_state.setdefault(_BOARDS, {})
    if workshop not in boards:
        boards[workshop] = disk_board(workshop)
    return boards[workshop]


def saved_elsewhere(workshop: str) -> int | None:
    """The saved revision when another tab saved since this one read the board, else None."""
    try:     # the first line of the file: no parsing a 10,000-sticky board after each save
        disk = workspace().revision(workshop)
    except StoreError:
        return None
    return disk if disk not in (0, shown_board(workshop).revision) else None


def reload_board(workshop: str) -> None:
    """Show the latest saved board (the "Reload" answer to a conflict)."""
    st.session_state.setdefault(_BOARDS, {})[workshop] = disk_board(workshop)
    st.session_state.setdefault(_CONFLICT, {}).pop(workshop, None)


def show_board(workshop: str, board: Versioned) -> None:
    """Show ``board`` (saved by a live change of this tab, or adopted from the store) from
    now on; a conflict message of an earlier whole-board save no longer applies."""
    st.session_state.setdefault(_BOARDS, {})[workshop] = board
    st.session_state.setdefault(_CONFLICT, {}).pop(workshop, None)


def forget_board(workshop: str) -> None:
    st.session_state.setdefault(_BOARDS, {}).pop(workshop, None)


def conflict(workshop: str) -> str | None:
    return st.session_state.get(_CONFLICT, {}).get(workshop)


def set_conflict(workshop: str, exc: ConflictError) -> None:
    st.session_state.setdefault(_CONFLICT, {})[workshop] = t(
        "You were editing revision {expected}; revision {actual} is saved now. "
        "Your change was not saved and nothing was overwritten: reload to see the latest "
        "version, then make your change again.", expected=exc.expected, actual=exc.actual)


def save(workshop: str, board: Board) -> bool:
    """Save ``board`` as this tab's next revision; False (and a conflict message for the
    page) when another tab saved first. Nothing is overwritten either way."""
    shown = shown_board(workshop)
    try:
        st.session_state[_BOARDS][workshop] = commit(workspace(), workshop, shown, board)
    except ConflictError as exc:
        set_conflict(workshop, exc)
        return False
    st.session_state.setdefault(_CONFLICT, {}).pop(workshop, None)
    return True


def edit(workshop: str, change: Callable[[Board], Board]) -> str | None:
    """Apply ``change`` to the shown board and save; the error message or None."""
    try:
        board = change(shown_board(workshop).data)
    except ValueError as exc:
        return str(exc)
    if not save(workshop, board):
        return conflict(workshop)
    return None


@st.cache_resource(show_spinner=False, max_entries=64)
def _hints(root: str, workshop: str, revision: int, saved_at: str | None,
           _board: Board) -> dict[str, list[str]]:
    return hints_by_sticky(check_board(_board))


def grammar_hints(workshop: str) -> dict[str, list[str]]:
    """Grammar hints (``mlcanvas check``) by sticky id for the shown board; computed once
    per saved revision."""
    shown = shown_board(workshop)
    return _hints(workspace().location, workshop, shown.revision, shown.saved_at,
                  shown.data)
