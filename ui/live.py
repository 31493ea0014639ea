"""The Board page's live capture: changes as operations on the latest board, each person's
own undo, what others changed just before you, the poll that shows others' stickies within
a second or two, and the facilitator's controls (close for additions, who added what).

Every decision is made in :mod:`canvas.services.live`; this module keeps the per-tab state
(the undo stack, the notices) and draws the controls.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from canvas.services.board import saved_status
from canvas.services.live import (
    CAPTURE_DOC,
    CONTRIBUTIONS_DOC,
    Applied,
    CaptureState,
    Contribution,
    LiveError,
    Operation,
    apply_change,
    capture_state,
    contribution_counts,
    load_contributions,
    set_capture_open,
)
from canvas.workspace.store import BOARD, ConflictError, StoreError, Versioned
from eventstorming.errors import BoardFormatError
from ui import common, identity
from ui.i18n import t
from ui.text import md

#: Seconds between two looks at the saved revision (others' stickies show within this
#: plus one page run).
POLL_SECONDS = 1.0
#: While others add, the picture follows at every poll; the rest of the page (counts, who
#: added, the sticky list) at most this often, so a busy board does not redraw it all.
FULL_PAGE_SECONDS = 3.0
UNDO_KEEP = 20
#: The browser side of Quick capture, which sends lines one at a time (a constant script,
#: read once per process; the Board page puts it into a hidden container).
CAPTURE_QUEUE = ("<style>.st-key-capture_queue{display:none}</style>"
                 f"<script>{(Path(__file__).parent / 'capture_queue.js').read_text()}</script>")
#: The help of "Your name" on the Board page (translated where it is shown).
NAME_HELP = ("Shown to the others as who added each sticky. Remembered in this browser; "
             "the same name is used on every page.")


def author() -> str:
    return identity.name() or "Facilitator"


def _mine(workshop: str) -> list[tuple[str, Operation]]:
    return st.session_state.setdefault(f"_mine_{workshop}", [])


def _latest_known(workshop: str) -> Versioned:
    """The saved board without parsing it again where possible: this tab's own board when it
    is still the saved revision (after its own last save, say), else the board parsed once
    per revision for all sessions."""
    shown = common.shown_board(workshop)
    try:
        if shown.revision == common.workspace().revision(workshop):
            return shown
    except StoreError:
        pass
    return common.disk_board(workshop)


def change(workshop: str, operation: Operation) -> Applied | None:
    """Apply one person's change to the latest board and show the result; None (and an
    error for the page) when it could not be made. Its inverse goes on this tab's undo
    stack; what others changed just before is kept for :func:`show_notices`."""
    try:
        applied = apply_change(common.workspace(), workshop, operation, author(),
                               known=_latest_known(workshop))
    except BoardFormatError as exc:
        st.session_state["live_error"] = exc.message
        return None
    except (LiveError, ValueError, StoreError) as exc:
        st.session_state["live_error"] = str(exc)
        return None
    st.session_state["live_error"] = None
    st.session_state["live_notices"] = list(applied.notices)
    common.show_board(workshop, applied.board)
    polled = st.session_state.get(f"_polled_{workshop}")
    if polled:   # our own save needs no rerun from the poll
        st.session_state[f"_polled_{workshop}"] = (applied.board.revision, polled[1])
    if applied.inverse is not None:
        stack = _mine(workshop)
        stack.append((applied.summary, applied.inverse))
        del stack[:-UNDO_KEEP]
    return applied


def on_undo_mine(workshop: str) -> None:
    stack = _mine(workshop)
    if not stack:
        return
    summary, inverse = stack[-1]
    try:
        applied = apply_change(common.workspace(), workshop, inverse, author())
    except (LiveError, ValueError, StoreError) as exc:
        stack.pop()        # it cannot be undone any more; the message says why
        common.flash(f"Could not undo: {exc}", "⚠️")
        return
    stack.pop()
    st.session_state["live_notices"] = list(applied.notices)
    common.show_board(workshop, applied.board)
    common.flash(f"Undone: {summary}", ":material/undo:")


def on_undo_last_save(workshop: str) -> None:
    """The facilitator's undo: the revision before the last save, whoever made it."""
    try:
        common.workspace().undo_board(workshop, common.workspace().revision(workshop))
    except ConflictError:
        common.flash(t("Someone saved just now; look again and press once more."), "⚠️")
        return
    except StoreError as exc:
        common.flash(str(exc), "⚠️")
        return
    common.reload_board(workshop)
    common.flash(t("The last save (by anyone) was undone."), ":material/undo:")


def undo_button(workshop: str, container: object = st) -> None:
    stack = _mine(workshop)
    last = stack[-1][0] if stack else None
    container.button(t("Undo"), icon=":material/undo:", on_click=on_undo_mine, args=(workshop,),
                     disabled=not stack, key="undo_mine",
                     help=(t("Undo your last change: {last}", last=last) if last else
                           t("Undo your own last change (others' changes stay).")))


def show_notices() -> None:
    if error := st.session_state.get("live_error"):
        st.error(md(error), icon=":material/error:")
    for notice in st.session_state.get("live_notices") or ():
        st.warning(md(notice), icon=":material/group:")


# --------------------------------------------------------------------------- others

@st.cache_resource(show_spinner=False, max_entries=32)
def _contributions(root: str, workshop: str, revision: int) -> dict[str, Contribution]:
    return load_contributions(common.workspace(), workshop)


def contributions(workshop: str) -> dict[str, Contribution]:
    """Who added and changed each sticky (read once per saved revision of the document,
    shared by all sessions; the revision probe is cheap)."""
    workspace = common.workspace()
    try:
        return _contributions(workspace.location, workshop,
                              workspace.revision(workshop, CONTRIBUTIONS_DOC))
    except StoreError:
        return {}


def capture(workshop: str) -> CaptureState:
    try:
        return capture_state(common.workspace(), workshop)
    except StoreError:
        return CaptureState()


def credit(entry: Contribution | None) -> str:
    """``Added by Ana · last changed by Ben`` (empty when nobody is noted)."""
    if entry is None:
        return ""
    parts = []
    if entry.added_by:
        parts.append(f"Added by {entry.added_by}")
    if entry.changed_by and entry.changed_by != entry.added_by:
        parts.append(f"last changed by {entry.changed_by}")
    elif entry.changed_by:
        parts.append("changed since")
    return " · ".join(parts)


def who_added(workshop: str, sticky_ids: set[str]) -> str:
    """``Ana 12 · Ben 9`` for the stickies on the board, or "" when nobody is noted."""
    counts = contribution_counts(contributions(workshop), sticky_ids)
    return " · ".join(f"{name} {n}" for name, n in counts.items())


def _time(stamp: str | None) -> str:
    try:
        return datetime.fromisoformat(stamp or "").strftime("%H:%M UTC")
    except ValueError:
        return ""


def closed_message(state: CaptureState) -> str:
    by = t(" by {name}", name=state.by) if state.by else ""
    at = t(" at {time}", time=_time(state.at)) if _time(state.at) else ""
    return t("The board is closed for additions{by}{at} (for example while the timeline is "
             "walked). You can still edit stickies; Quick capture opens again when the "
             "facilitator reopens the board.", by=by, at=at)


def on_toggle_capture(workshop: str, key: str) -> None:
    try:
        set_capture_open(common.workspace(), workshop, bool(st.session_state.get(key)),
                         author())
    except (LiveError, StoreError) as exc:
        common.flash(str(exc), "⚠️")


def facilitator_menu(workshop: str, state: CaptureState, sticky_ids: set[str],
                     container: object = st) -> None:
    with container.popover(t("Facilitator"), icon=":material/co_present:"):
        key = f"open_{workshop}_{state.revision}"
        st.toggle(t("Open for additions"), value=state.open, key=key,
                  on_change=on_toggle_capture, args=(workshop, key),
                  help=t("Close the board while the timeline is walked: nobody can add "
                         "stickies until it is open again; edits still work."))
        if (counts := who_added(workshop, sticky_ids)):
            st.markdown(t("**Who added the stickies:** {counts}", counts=md(counts)))
        st.button(t("Undo the last save (anyone's)"), icon=":material/history:",
                  on_click=on_undo_last_save, args=(workshop,), key="undo_last_save",
                  help=t("Goes back one saved revision, whoever saved it (the last 20 are "
                         "kept). Your own Undo button reverts only your changes."))


def _look(workshop: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The saved revisions of the board and of the capture document now, and as this tab
    last looked at them (which becomes now); None when the store cannot be reached. Cheap:
    no board is read."""
    try:
        seen = (common.workspace().revision(workshop, BOARD),
                common.workspace().revision(workshop, CAPTURE_DOC))
    except StoreError:
        return None
    key = f"_polled_{workshop}"
    before = st.session_state.setdefault(key, (common.shown_board(workshop).revision, seen[1]))
    st.session_state[key] = seen
    return seen, before


def poll(workshop: str) -> None:
    """For the text and table views, where a person edits the whole board: look at the
    saved revisions every :data:`POLL_SECONDS` and rerun the page when someone saved, so it
    says that a newer revision is saved (the board shown stays the one being edited)."""

    @st.fragment(run_every=POLL_SECONDS)
    def _poll() -> None:
        looked = _look(workshop)
        if looked is not None and looked[0] != looked[1]:
            st.rerun()

    _poll()


def page_ran(workshop: str) -> None:
    """Note that the whole Board page ran with the board it shows now."""
    st.session_state[f"_page_{workshop}"] = (common.shown_board(workshop).revision,
                                             time.monotonic())


def _catch_up(workshop: str) -> bool:
    """Adopt a board others saved since the last look; True when the whole page should run
    again: the board was closed or opened, or the rest of the page shows an older revision
    than the picture and last ran :data:`FULL_PAGE_SECONDS` ago (the picture is drawn first:
    not in the same look that adopted a newer board, unless that has gone on for three
    times as long)."""
    looked = _look(workshop)
    if looked is None:
        return False
    seen, polled = looked
    adopted = False
    if seen != polled:
        if seen[0] != common.shown_board(workshop).revision:
            common.reload_board(workshop)
            adopted = True
            if not _picture_only():
                return True       # the page around the picture drew the older board
        if seen[1] != polled[1]:
            return True
    page = st.session_state.get(f"_page_{workshop}")
    if page is None or page[0] == common.shown_board(workshop).revision:
        return False
    # the picture first (now), the rest of the page on a later look, or at the latest
    # after three times the interval while others keep adding
    waited = time.monotonic() - page[1]
    return waited >= (3 * FULL_PAGE_SECONDS if adopted else FULL_PAGE_SECONDS)


def _picture_only() -> bool:
    """Whether this run is the picture's own (a fragment run), not the whole page's."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


def live_picture(workshop: str, draw: Callable[[], None]) -> None:
    """Draw the picture with ``draw`` and draw it again whenever someone saves: every
    :data:`POLL_SECONDS` the saved revision is looked at (cheap: no board is read), and only
    the picture runs again, not the whole page (see :func:`_catch_up`)."""

    @st.fragment(run_every=POLL_SECONDS)
    def _live_picture() -> None:
        if _catch_up(workshop):
            st.rerun(scope="app")
        draw()

    _live_picture()


def t_status(status: str) -> str:
    """:func:`saved_status` (English) in the interface language."""
    for english in ("Not saved yet", "Saved · revision"):
        status = status.replace(english, t(english))
    return status


def status(workshop: str, container: object = st) -> None:
    shown = common.shown_board(workshop)
    container.markdown(f":green-badge[:material/check_circle: "
                       f"{t_status(saved_status(shown.revision, shown.saved_at))}]",
                       help=t("Live: stickies others add show here within a second or two."))
