"""What the Opportunities, Prioritize, Canvas and Export pages share.

- The open workshop (or a chooser when none is open), its board and its detection
  (computed once per saved board revision and shared by all sessions).
- The workshop documents these pages decide into (``decisions``, ``priorities``,
  ``canvases``, ``specs``). A tab keeps each document with the revision it read; a save goes
  through the domain's ``save_*`` function with that revision, so a save after another tab
  saved is refused (``ConflictError``) and the page shows a conflict message with a reload
  choice, as the Board page does. Nothing is ever silently overwritten.
- Who is deciding (``Your name``), recorded with every decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from canvas.workspace.decisions import DECISIONS_DOC, accepted_opportunities, load_decisions
from canvas.workspace.store import ConflictError, StoreError, Versioned
from eventstorming.detection.detector import Detection, detect
from eventstorming.detection.opportunity import Opportunity
from eventstorming.layout import BoardLayout
from eventstorming.model import Board
from ui import common, identity
from ui.i18n import t
from ui.picture import picture_layout
from ui.text import md

_DOCS = "_docs"            # session: (workshop, name) -> Versioned(parsed value, revision)
_DOC_CONFLICT = "_doc_conflict"   # session: workshop -> message
_GENERATION = "_doc_generation"
DEFAULT_AUTHOR = "Product owner"


def require_workshop(title: str) -> str:
    """The open workshop; otherwise a chooser, and the page stops."""
    workshop = common.open_workshop_id()
    if workshop is not None:
        st.query_params["workshop"] = workshop
        return workshop
    st.title(t(title), anchor=False)
    st.info(t("Choose a workshop first."), icon=":material/groups:")
    choices = {info.id: info.title for info in common.workspace().list_workshops()}
    picked = st.selectbox(t("Workshop"), list(choices), index=None, format_func=choices.get,
                          key=f"choose_{title}")
    if picked:
        st.session_state["workshop"] = picked
        st.query_params["workshop"] = picked
        st.rerun()
    st.page_link(common.WORKSHOPS_PAGE, label=t("All workshops"), icon=":material/groups:")
    st.stop()
    raise AssertionError("unreachable")


@st.cache_resource(show_spinner=False, max_entries=32)
def _detect(root: str, workshop: str, revision: int, saved_at: str | None,
            _board: Board) -> Detection:
    return detect(_board)


def board_and_detection(workshop: str) -> tuple[Versioned, Detection]:
    """The board this tab shows, and its opportunities (detected once per revision)."""
    shown = common.shown_board(workshop)
    detection = _detect(common.workspace().location, workshop, shown.revision,
                        shown.saved_at, shown.data)
    return shown, detection


@st.cache_resource(show_spinner=False, max_entries=32)
def _layout(root: str, workshop: str, revision: int, saved_at: str | None,
            _board: Board) -> BoardLayout:
    return picture_layout(_board)


def board_layout(workshop: str) -> BoardLayout:
    """The picture geometry of the board this tab shows (computed once per revision)."""
    shown = common.shown_board(workshop)
    return _layout(common.workspace().location, workshop, shown.revision,
                   shown.saved_at, shown.data)


# --------------------------------------------------------------------------- documents

def shown_doc(workshop: str, name: str,
              load: Callable[[Any, str], tuple[Any, int]]) -> Versioned:
    """The document ``name`` as this tab read it: ``load(workspace, workshop)`` gives
    ``(value, revision)``; read once, then kept until this tab saves or reloads."""
    docs = st.session_state.setdefault(_DOCS, {})
    key = (workshop, name)
    if key not in docs:
        try:
            value, revision = load(common.workspace(), workshop)
        except (StoreError, ValueError) as exc:
            st.error(t("The saved {name} of this workshop cannot be read: {error}",
                       name=t(name), error=md(exc)), icon=":material/error:")
            st.stop()
        docs[key] = Versioned(value, revision)
    return docs[key]


def save_doc(workshop: str, name: str, value: Any,
             write: Callable[[int], int]) -> bool:
    """Save through ``write(expected_revision) -> new revision`` and keep ``value`` as this
    tab's document. False, and a conflict message for the page, when another tab saved
    first; nothing is overwritten either way."""
    docs = st.session_state.setdefault(_DOCS, {})
    shown = docs.get((workshop, name), Versioned(None, 0))
    try:
        revision = write(shown.revision)
    except ConflictError as exc:
        st.session_state.setdefault(_DOC_CONFLICT, {})[workshop] = str(exc)
        return False
    docs[(workshop, name)] = Versioned(value, revision)
    st.session_state.setdefault(_DOC_CONFLICT, {}).pop(workshop, None)
    return True


def generation() -> int:
    """Part of the keys of text inputs that show saved documents. Saving keeps it, so a
    field keeps focus while another one saves; a reload (or a reset) bumps it, so every
    field shows the saved text again."""
    return int(st.session_state.get(_GENERATION, 0))


def bump_generation() -> None:
    st.session_state[_GENERATION] = generation() + 1


def reload_docs(workshop: str) -> None:
    """Read every document of ``workshop`` again (the "Reload" answer to a conflict)."""
    bump_generation()
    docs = st.session_state.setdefault(_DOCS, {})
    for key in [k for k in docs if k[0] == workshop]:
        docs.pop(key)
    st.session_state.setdefault(_DOC_CONFLICT, {}).pop(workshop, None)
    common.reload_board(workshop)


def conflict_banner(workshop: str) -> None:
    """The conflict message with a reload button, when this tab's last save was refused."""
    message = st.session_state.get(_DOC_CONFLICT, {}).get(workshop)
    if not message:
        return
    with st.container(border=True):
        st.error(t("**Not saved — this workshop was changed in another tab.** {message}",
                   message=md(message)), icon=":material/sync_problem:")
        st.button(t("Reload the latest version"), type="primary", icon=":material/refresh:",
                  on_click=reload_docs, args=(workshop,), key="reload_doc_conflict")


def author() -> str:
    """Who is deciding (recorded with every decision): the name remembered in this browser."""
    return identity.name() or DEFAULT_AUTHOR


def author_input() -> None:
    """The ``Your name`` input; the name outlives the page and a reload (a cookie)."""
    identity.name_input(help=t("Recorded with every decision you make on these pages (accept, "
                               "dismiss, scores, weights, canvas, spec). Remembered in this "
                               "browser."), placeholder=DEFAULT_AUTHOR)


def lang_of(board: Board) -> str:
    return "de" if board.lang == "de" else "en"


def pick_opportunity(workshop: str, accepted: list[Opportunity], page: str,
                     empty_message: str, default: str | None = None) -> Opportunity:
    """The accepted opportunity a page works on, chosen in a select box and kept in the URL
    (``?opportunity=ID``) so a reload or a shared link opens the same one; without one, the
    ``default`` (the best-ranked, say), else the first. Stops the page with a pointer to
    Opportunities when nothing is accepted yet."""
    if not accepted:
        st.info(empty_message, icon=":material/lightbulb:")
        st.page_link("ui/opportunities.py", label=t("Go to Opportunities"),
                     icon=":material/arrow_forward:", query_params={"workshop": workshop})
        st.stop()
    by_id = {o.id: o for o in accepted}
    wanted = st.query_params.get("opportunity")
    key_pick, key_wanted = f"{page}_of_{workshop}", f"_{page}_wanted"
    if wanted in by_id and st.session_state.get(key_wanted) != wanted:
        st.session_state[key_pick] = wanted
        st.session_state[key_wanted] = wanted
    if st.session_state.get(key_pick) not in by_id:
        st.session_state[key_pick] = default if default in by_id else accepted[0].id
    opp_id = st.selectbox(t("Opportunity"), list(by_id), key=key_pick,
                          format_func=lambda i: by_id[i].title)
    st.query_params["opportunity"] = opp_id
    st.session_state[key_wanted] = opp_id     # the URL follows the choice, not the other way
    return by_id[opp_id]


@dataclass(frozen=True)
class FlowPage:
    """What the pages after the board start from: the open workshop, its board, the
    detected opportunities and the ones the team accepted."""

    workshop: str
    board: Board
    detection: Detection
    accepted: list[Opportunity]


def open_flow_page(title: str) -> FlowPage:
    """The start the Prioritize, Canvas and Export pages share: the pending toast, the open
    workshop (or a choice of one), its board with detection, the page title and the accepted
    opportunities."""
    common.show_flash()
    workshop = require_workshop(title)
    shown, detection = board_and_detection(workshop)
    board = shown.data
    st.set_page_config(page_title=f"{t(title)} · {board.title} · mlcanvas")
    decisions = shown_doc(workshop, DECISIONS_DOC, load_decisions).data
    return FlowPage(workshop, board, detection,
                    accepted_opportunities(detection.opportunities, decisions))
