"""Workshops page: list, open, create, rename, duplicate, delete, download and upload."""

from __future__ import annotations

import streamlit as st

from canvas.workspace.store import StoreError
from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.io import BOARD_SUFFIXES, check_board_name, import_board
from eventstorming.phrasing import count
from ui import common
from ui.text import md

LANGUAGES = {"en": "English", "de": "Deutsch"}

st.set_page_config(page_title="Workshops · mlcanvas")
common.show_flash()
ws = common.workspace()
st.title("Workshops")
st.caption(f"Each workshop is one EventStorming board, saved in {ws.describe()} "
           "with its last 20 revisions. Open one to capture stickies; create a new "
           "one for the next session, or bring in a board from a file.")

_confirm = st.session_state.get("confirm_delete")


def _create() -> None:
    title = st.session_state.get("new_title", "")
    try:
        workshop = ws.create(title, st.session_state.get("new_lang") or "en")
    except StoreError as exc:
        st.session_state["create_error"] = str(exc)
        return
    st.session_state["create_error"] = None
    st.session_state["new_title"] = ""
    st.session_state["_open_after_create"] = workshop


left, right = st.columns([3, 2], gap="large")

with right:
    with st.form("new_workshop", border=True, enter_to_submit=True):
        st.subheader("New workshop", anchor=False)
        st.text_input("Workshop title", key="new_title",
                      placeholder="e.g. Travel expenses — as is")
        st.segmented_control("Language", list(LANGUAGES), format_func=LANGUAGES.get,
                             default="en", key="new_lang", required=True,
                             help="The language the board is written in; grammar hints and "
                                  "opportunity detection use it.")
        # A form, so that Enter in the title creates the workshop: keyboard alone suffices.
        st.form_submit_button("Create workshop", type="primary", on_click=_create,
                              icon=":material/add:")
        if error := st.session_state.get("create_error"):
            st.error(error)
    if workshop := st.session_state.pop("_open_after_create", None):
        common.go_to_board(workshop)

    with st.container(border=True):
        st.subheader("Upload a board", anchor=False)
        st.caption("`.storm` text, mlcanvas YAML, Excalidraw, Miro (JSON), draw.io or prooph "
                   "board. It becomes a new workshop; the report says what was recognised.")
        # No type filter: the uploader would refuse a .csv with a bare red icon; the
        # name is checked here instead, and the message says what the file is.
        upload = st.file_uploader("Board file", key="upload",
                                  help="Files ending in " + ", ".join(BOARD_SUFFIXES))
        if upload is not None:
            try:
                check_board_name(upload.name)
                result = import_board(upload.getvalue(), upload.name)
            except (BoardFormatError, BoardUnreadableError) as exc:
                st.error(f"Cannot import this file: {md(exc)}", icon=":material/error:")
            else:
                board = result.board
                show = st.warning if result.warning else st.success
                show(f"**{md(board.title)}** — {count(len(board.stickies), 'sticky')}, "
                           f"{count(len(board.links), 'link')}, "
                           f"{count(len(board.lanes), 'lane')} (read as {result.format})")
                if result.warning:
                    st.caption(f"Careful: {md(result.warning)}. Add it only to start from an "
                               "empty board.")
                for line in result.report:
                    st.caption(f"• {md(line)}")
                if st.button("Add the empty board anyway" if result.warning
                             else "Add as workshop", icon=":material/upload:",
                             type="secondary" if result.warning else "primary",
                             key="add_upload"):
                    try:
                        workshop = ws.create_from_board(board)
                    except (StoreError, OSError, ValueError) as exc:
                        st.error(f"Cannot add this board as a workshop: {md(exc)}")
                    else:
                        common.go_to_board(workshop)

with left:
    workshops = ws.list_workshops()
    current = common.open_workshop_id()
    st.subheader(count(len(workshops), "workshop"), anchor=False)
    if not workshops:
        st.info("No workshops yet: create one on the right.")
    for info in workshops:
        with st.container(border=True):
            title_col, manage_col = st.columns([5, 1.4], vertical_alignment="center")
            with title_col:
                if st.button(f"**{md(info.title)}**", key=f"open_{info.id}", type="tertiary",
                             icon=":material/arrow_forward:" if info.id == current
                             else ":material/view_timeline:",
                             help=f"Open “{md(info.title)}” on the Board page"):
                    common.go_to_board(info.id)
                when = (info.saved_at or "")[:16].replace("T", " ")
                st.caption(f"{count(info.stickies, 'sticky')} · "
                           f"{md(LANGUAGES.get(info.lang, info.lang))}"
                           f" · revision {info.revision} · saved {when} UTC"
                           + (" · open in this tab" if info.id == current else ""))
            with manage_col, st.popover("Manage", icon=":material/more_horiz:"):
                st.text_input("New title", value=info.title, key=f"title_{info.id}")
                if st.button("Rename", key=f"rename_{info.id}", icon=":material/edit:"):
                    try:
                        revision = common.disk_board(info.id).revision
                        ws.rename(info.id, st.session_state[f"title_{info.id}"], revision)
                        common.forget_board(info.id)
                        common.flash("Renamed.")
                    except StoreError as exc:
                        common.flash(str(exc), "⚠️")
                    st.rerun()
                if st.button("Duplicate", key=f"duplicate_{info.id}",
                             icon=":material/content_copy:"):
                    new = ws.duplicate(info.id)
                    common.flash(f"Duplicated as “{ws.load_board(new).data.title}”.")
                    st.rerun()
                st.download_button(
                    "Download zip", data=lambda workshop=info.id: ws.export_zip(workshop),
                    file_name=f"{info.id}.zip", mime="application/zip",
                    key=f"zip_{info.id}", icon=":material/download:", on_click="ignore")
                if st.button("Delete…", key=f"delete_{info.id}", icon=":material/delete:"):
                    st.session_state["confirm_delete"] = info.id
                    st.rerun()
            if _confirm == info.id:
                st.warning(f"Delete “{md(info.title)}”? It moves to {ws.describe_trash()} "
                           "and disappears from this list.")
                yes, no, _ = st.columns([1, 1, 3])
                if yes.button("Delete for good", key=f"really_delete_{info.id}",
                              type="primary"):
                    ws.delete(info.id)
                    common.forget_board(info.id)
                    if st.session_state.get("workshop") == info.id:
                        st.session_state.pop("workshop", None)
                        st.query_params.pop("workshop", None)
                    st.session_state.pop("confirm_delete", None)
                    common.flash(f"Deleted “{info.title}”.")
                    st.rerun()
                if no.button("Cancel", key=f"cancel_delete_{info.id}"):
                    st.session_state.pop("confirm_delete", None)
                    st.rerun()
    if current:
        st.query_params["workshop"] = current
