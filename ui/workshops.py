"""Workshops page: list, open, create, rename, duplicate, delete, download and upload."""

from __future__ import annotations

import streamlit as st

from canvas.workspace.store import StoreError
from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.io import BOARD_SUFFIXES, check_board_name, import_board
from ui import common
from ui.i18n import counted, t, trash_of, where_kept
from ui.text import md

LANGUAGES = {"en": "English", "de": "Deutsch"}

st.set_page_config(page_title=t("Workshops") + " · mlcanvas")
common.show_flash()
ws = common.workspace()
st.title(t("Workshops"))
st.caption(t("Each workshop is one EventStorming board, saved in {where} with its last 20 "
             "revisions. Open one to capture stickies; create a new one for the next session, "
             "or bring in a board from a file.", where=where_kept(ws)))

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
        st.subheader(t("New workshop"), anchor=False)
        st.text_input(t("Workshop title"), key="new_title",
                      placeholder=t("e.g. Travel expenses — as is"))
        st.segmented_control(t("Language"), list(LANGUAGES), format_func=LANGUAGES.get,
                             default="en", key="new_lang", required=True,
                             help=t("The language the board is written in; grammar hints, "
                                    "opportunity detection and this app's labels use it."))
        # A form, so that Enter in the title creates the workshop: keyboard alone suffices.
        st.form_submit_button(t("Create workshop"), type="primary", on_click=_create,
                              icon=":material/add:")
        if error := st.session_state.get("create_error"):
            st.error(error)
    if workshop := st.session_state.pop("_open_after_create", None):
        common.go_to_board(workshop)

    with st.container(border=True):
        st.subheader(t("Upload a board"), anchor=False)
        st.caption(t("`.storm` text, mlcanvas YAML, Excalidraw, Miro (JSON), draw.io or prooph "
                     "board. It becomes a new workshop; the report says what was recognised."))
        # No type filter: the uploader would refuse a .csv with a bare red icon; the
        # name is checked here instead, and the message says what the file is.
        upload = st.file_uploader(t("Board file"), key="upload",
                                  help=t("Files ending in {suffixes}",
                                         suffixes=", ".join(BOARD_SUFFIXES)))
        if upload is not None:
            try:
                check_board_name(upload.name)
                result = import_board(upload.getvalue(), upload.name)
            except (BoardFormatError, BoardUnreadableError) as exc:
                st.error(t("Cannot import this file: {error}", error=md(exc)),
                         icon=":material/error:")
            else:
                board = result.board
                show = st.warning if result.warning else st.success
                show(t("**{title}** — {stickies}, {links}, {lanes} (read as {format})",
                       title=md(board.title), stickies=counted(len(board.stickies), "sticky"),
                       links=counted(len(board.links), "link"),
                       lanes=counted(len(board.lanes), "lane"), format=result.format))
                if result.warning:
                    st.caption(t("Careful: {warning}. Add it only to start from an empty board.",
                                 warning=md(result.warning)))
                for line in result.report:
                    st.caption(f"• {md(line)}")
                if st.button(t("Add the empty board anyway") if result.warning
                             else t("Add as workshop"), icon=":material/upload:",
                             type="secondary" if result.warning else "primary",
                             key="add_upload"):
                    try:
                        workshop = ws.create_from_board(board)
                    except (StoreError, OSError, ValueError) as exc:
                        st.error(t("Cannot add this board as a workshop: {error}", error=md(exc)))
                    else:
                        common.go_to_board(workshop)

with left:
    workshops = ws.list_workshops()
    current = common.open_workshop_id()
    st.subheader(counted(len(workshops), "workshop"), anchor=False)
    if not workshops:
        st.info(t("No workshops yet: create one on the right."))
    for info in workshops:
        with st.container(border=True):
            title_col, manage_col = st.columns([5, 1.4], vertical_alignment="center")
            with title_col:
                if st.button(f"**{md(info.title)}**", key=f"open_{info.id}", type="tertiary",
                             icon=":material/arrow_forward:" if info.id == current
                             else ":material/view_timeline:",
                             help=t("Open “{title}” on the Board page", title=md(info.title))):
                    common.go_to_board(info.id)
                when = (info.saved_at or "")[:16].replace("T", " ")
                st.caption(t("{stickies} · {language} · revision {revision} · saved {when} UTC",
                             stickies=counted(info.stickies, "sticky"),
                             language=md(LANGUAGES.get(info.lang, info.lang)),
                             revision=info.revision, when=when)
                           + (t(" · open in this tab") if info.id == current else ""))
            with manage_col, st.popover(t("Manage"), icon=":material/more_horiz:"):
                st.text_input(t("New title"), value=info.title, key=f"title_{info.id}")
                if st.button(t("Rename"), key=f"rename_{info.id}", icon=":material/edit:"):
                    try:
                        revision = common.disk_board(info.id).revision
                        ws.rename(info.id, st.session_state[f"title_{info.id}"], revision)
                        common.forget_board(info.id)
                        common.flash(t("Renamed."))
                    except StoreError as exc:
                        common.flash(str(exc), "⚠️")
                    st.rerun()
                if st.button(t("Duplicate"), key=f"duplicate_{info.id}",
                             icon=":material/content_copy:"):
                    new = ws.duplicate(info.id)
                    common.flash(t("Duplicated as “{title}”.", title=ws.load_board(new).data.title))
                    st.rerun()
                st.download_button(
                    t("Download zip"), data=lambda workshop=info.id: ws.export_zip(workshop),
                    file_name=f"{info.id}.zip", mime="application/zip",
                    key=f"zip_{info.id}", icon=":material/download:", on_click="ignore")
                if st.button(t("Delete…"), key=f"delete_{info.id}", icon=":material/delete:"):
                    st.session_state["confirm_delete"] = info.id
                    st.rerun()
            if _confirm == info.id:
                st.warning(t("Delete “{title}”? It moves to {trash} and disappears from this "
                             "list.", title=md(info.title), trash=trash_of(ws)))
                yes, no, _ = st.columns([1, 1, 3])
                if yes.button(t("Delete for good"), key=f"really_delete_{info.id}",
                              type="primary"):
                    ws.delete(info.id)
                    common.forget_board(info.id)
                    if st.session_state.get("workshop") == info.id:
                        st.session_state.pop("workshop", None)
                        st.query_params.pop("workshop", None)
                    st.session_state.pop("confirm_delete", None)
                    common.flash(t("Deleted “{title}”.", title=info.title))
                    st.rerun()
                if no.button(t("Cancel"), key=f"cancel_delete_{info.id}"):
                    st.session_state.pop("confirm_delete", None)
                    st.rerun()
    if current:
        st.query_params["workshop"] = current
