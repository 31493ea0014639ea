"""Board page: quick capture, the board picture with a sticky panel, text and table modes,
grammar hints, downloads, undo. Every edit is saved before the page shows it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from canvas.services.board import export_file_name, saved_status
from canvas.workspace.store import ConflictError, StoreError
from eventstorming.edit import (
    KIND_CHOICES,
    apply_table,
    capture_line,
    delete_sticky,
    format_attributes,
    neighbours,
    parse_attributes,
    replace_from_text,
    set_links,
    sticky_label,
    table_rows,
    update_sticky,
)
from eventstorming.errors import BoardFormatError
from eventstorming.formats.io import EXPORTERS, export_board
from eventstorming.formats.storm import write_storm
from eventstorming.layout import layout_board
from eventstorming.model import Board, Kind
from ui import common
from ui.i18n import current_language, labels, t
from ui.picture import COLUMNS_SHOWN, KIND_LABELS, PLOT_CONFIG, board_figure
from ui.text import md

NO_LANE = "(no lane)"
VIEWS = {"Picture": ":material/view_timeline:", "Text": ":material/notes:",
         "Table": ":material/table_rows:"}
CAPTURE_TIP = t("Type one line, press **Enter**: `e: Receipt submitted` · a chain with `->` · "
                "attributes `{minutes: 3}` · `## Approval` starts a lane")
CAPTURE_HELP = t(
    "One line of `.storm` text: a sticky `kind: text`, or a chain "
    "`a: Accountant -> c: Categorize receipt -> e: Receipt categorized`. "
    "Kinds: e = event, c = command, a = actor, p = policy, r = read model, s = system, "
    "g = aggregate, h = hotspot, o = opportunity, n = note. "
    "Attributes in braces: `{volume: 40/day, minutes: 3}`; tags: `#tag`. "
    "`## Lane name` starts a lane."
)

#: Focus the Quick capture box once it is on the page (a constant script, no user data).
FOCUS_CAPTURE = """<script>
(function focusCapture(tries) {
  const box = document.querySelector('input[aria-label="Quick capture"]');
  if (box) { box.focus(); } else if (tries > 0) { setTimeout(() => focusCapture(tries - 1), 100); }
})(30);
</script>"""

common.show_flash()
workshop = common.open_workshop_id()
if workshop is None:
    st.title(t("Board"))
    st.info(t("Choose a workshop to open its board."))
    choices = {info.id: info.title for info in common.workspace().list_workshops()}
    picked = st.selectbox(t("Workshop"), list(choices), index=None, format_func=choices.get)
    if picked:
        common.go_to_board(picked)
    st.page_link(common.WORKSHOPS_PAGE, label=t("All workshops"), icon=":material/groups:")
    st.stop()

st.query_params["workshop"] = workshop
K_CAPTURE, K_LANE, K_SELECTED = f"capture_{workshop}", f"lane_{workshop}", f"sel_{workshop}"
K_PICTURE, K_VIEW = f"picture_{workshop}", f"view_{workshop}"


def lane_label(choice: str) -> str:
    """A lane as the lane choosers show it: "(no lane)" in the interface language."""
    return t(NO_LANE) if choice == NO_LANE else choice


def kind_word(kind: Kind) -> str:
    """A sticky kind in running text: "event" in English, "Ereignis" in German."""
    word = t(KIND_LABELS[kind])
    return word.lower() if current_language() == "en" else word


def t_status(status: str) -> str:
    """:func:`saved_status` (English) in the interface language."""
    for english in ("Not saved yet", "Saved · revision"):
        status = status.replace(english, t(english))
    return status


def lane_value(choice: str | None) -> str | None:
    return None if choice in (None, NO_LANE) else choice


# --------------------------------------------------------------------------- callbacks

def on_capture() -> None:
    line = st.session_state.get(K_CAPTURE, "")
    try:
        result = capture_line(common.shown_board(workshop).data, line,
                              lane_value(st.session_state.get(K_LANE)))
    except BoardFormatError as exc:
        st.session_state["capture_error"] = exc.message
        st.session_state[K_CAPTURE] = line  # the browser cleared it on Enter: give it back
        return
    st.session_state["capture_error"] = None
    if not common.save(workshop, result.board):
        st.session_state[K_CAPTURE] = line  # the conflict banner explains; keep the line
        st.session_state["pending_capture"] = line
        return
    st.session_state.pop("pending_capture", None)
    if result.lane:
        st.session_state[K_LANE] = result.lane
    # The box is already empty: the form clears it in the browser the moment Enter is
    # pressed, so the next line can be typed at once. Setting it here would race with
    # that typing and could wipe a half-typed line.
    board = common.shown_board(workshop).data.by_id()
    if result.added:
        names = ", ".join(f"{kind_word(board[i].kind)} “{board[i].text}”"
                          for i in result.added)
        st.session_state["capture_note"] = t("Added {names}.", names=names)
    elif result.lane:
        st.session_state["capture_note"] = t("Lane “{lane}” — new stickies go there.",
                                               lane=result.lane)
    else:
        st.session_state["capture_note"] = t("Already on the board; links and attributes "
                                               "merged.")


def on_reload() -> None:
    """Show the latest saved board; a captured line the conflict refused stays in the box."""
    common.reload_board(workshop)
    if pending := st.session_state.pop("pending_capture", None):
        st.session_state[K_CAPTURE] = pending


def on_pick() -> None:
    state = st.session_state.get(K_PICTURE)
    points = (state or {}).get("selection", {}).get("points", []) if state else []
    if points:
        picked = points[0].get("customdata")
        if isinstance(picked, list):
            picked = picked[0] if picked else None
        if picked:
            st.session_state[K_SELECTED] = picked


def on_undo(revision: int) -> None:
    try:
        common.workspace().undo_board(workshop, revision)
    except ConflictError as exc:
        common.set_conflict(workshop, exc)
        return
    except StoreError as exc:
        common.flash(str(exc), "⚠️")
        return
    common.reload_board(workshop)
    common.flash(t("Undone."), ":material/undo:")


def on_apply_text(key: str) -> None:
    text = st.session_state.get(key, "")
    error = common.edit(workshop, lambda b: replace_from_text(b, text))
    st.session_state["text_error"] = error
    if error is None:
        common.flash(t("Board text applied and saved."))


def on_save_sticky(sticky_id: str, prefix: str) -> None:
    s = st.session_state

    def change(board: Board) -> Board:
        board = update_sticky(board, sticky_id, text=s[f"{prefix}text"], kind=s[f"{prefix}kind"],
                              lane=lane_value(s[f"{prefix}lane"]),
                              attrs=parse_attributes(s[f"{prefix}attrs"]))
        return set_links(board, sticky_id, s[f"{prefix}out"], s[f"{prefix}in"])

    error = common.edit(workshop, change)
    st.session_state["panel_error"] = (sticky_id, error) if error else None
    if error is None:
        common.flash(t("Sticky saved."))


def on_delete_sticky(sticky_id: str) -> None:
    text = common.shown_board(workshop).data.by_id().get(sticky_id)
    error = common.edit(workshop, lambda b: delete_sticky(b, sticky_id))
    st.session_state["panel_error"] = (sticky_id, error) if error else None
    if error is None:
        st.session_state[K_SELECTED] = None
        common.flash(t("Deleted “{text}” (Undo brings it back).",
                       text=text.text if text else sticky_id),
                     ":material/delete:")


# --------------------------------------------------------------------------- header

shown = common.shown_board(workshop)
board = shown.data
by_id = board.by_id()
st.set_page_config(page_title=f"{board.title} · mlcanvas")

head, side = st.columns([3, 2], vertical_alignment="bottom")
with head:
    st.title(md(board.title), anchor=False)
    counts = " · ".join(t("{n} {kind}", n=n, kind=kind_word(Kind(k)))
                        for k, n in board.counts().items())
    st.caption(t("{stickies} stickies · {links} links · {lanes} lanes",
                 stickies=len(board.stickies), links=len(board.links), lanes=len(board.lanes))
               + (f" — {counts}" if counts else ""))
with side:
    status, undo, downloads = st.columns([2.4, 1.1, 1.5], vertical_alignment="center")
    status.markdown(f":green-badge[:material/check_circle: "
                    f"{t_status(saved_status(shown.revision, shown.saved_at))}]")
    undo.button(t("Undo"), icon=":material/undo:", on_click=on_undo, args=(shown.revision,),
                disabled=shown.revision <= 1,
                help=t("Go back one change (the last 20 are kept)"))
    with downloads.popover(t("Download"), icon=":material/download:"):
        for fmt in EXPORTERS:
            label, name, mime = export_file_name(workshop, fmt)
            st.download_button(t(label), key=f"dl_{fmt}", help=name,
                               data=lambda fmt=fmt, board=board: export_board(board, fmt),
                               file_name=name, mime=mime, on_click="ignore",
                               icon=":material/description:", width="stretch")

if message := common.conflict(workshop):
    with st.container(border=True):
        st.error(t("**Not saved — this workshop was changed in another tab.** {message}",
                   message=md(message)), icon=":material/sync_problem:")
        st.button(t("Reload the latest version"), type="primary", icon=":material/refresh:",
                  on_click=on_reload, key="reload_conflict")
elif (newer := common.saved_elsewhere(workshop)) is not None:
    st.warning(t("Another tab saved revision {newer}; you are looking at revision "
                 "{revision}. Reload before you change anything.", newer=newer,
                 revision=shown.revision), icon=":material/sync_problem:")
    st.button(t("Reload the latest version"), icon=":material/refresh:", on_click=on_reload,
              key="reload_stale")

# --------------------------------------------------------------------------- quick capture

lanes = [NO_LANE, *board.lanes]
if st.session_state.get(K_LANE) not in lanes:
    latest = max(board.stickies, key=lambda s: s.order, default=None)
    st.session_state[K_LANE] = (latest.lane if latest and latest.lane else
                                (board.lanes[-1] if board.lanes else NO_LANE))
lane_col, capture_col = st.columns([1, 4])
lane_col.selectbox(t("Lane"), lanes, key=K_LANE, help=t("New stickies go to this lane."),
                   format_func=labels(lanes, lane_label))
with capture_col.form(f"capture_form_{workshop}", clear_on_submit=True, enter_to_submit=True,
                      border=False):
    box, add = st.columns([10.5, 1.5], vertical_alignment="bottom")  # room for "Hinzufügen"
    box.text_input(t("Quick capture"), key=K_CAPTURE, help=CAPTURE_HELP,
                   placeholder=t("a: Accountant -> c: Categorize receipt -> "
                                 "e: Receipt categorized"))
    add.form_submit_button(t("Add"), key="capture_add", on_click=on_capture, width="stretch")
if error := st.session_state.get("capture_error"):
    capture_col.error(md(error), icon=":material/error:")
elif note := st.session_state.pop("capture_note", None):
    capture_col.caption(f":material/check: {md(note)}")
else:
    capture_col.caption(CAPTURE_TIP)

if not st.session_state.get(f"focused_{workshop}"):
    # Opening a board puts the cursor into Quick capture, so capture needs no mouse at all.
    st.session_state[f"focused_{workshop}"] = True
    st.html(FOCUS_CAPTURE.replace("Quick capture", t("Quick capture")),
            unsafe_allow_javascript=True, width="content")

view = st.segmented_control("View", list(VIEWS), default="Picture", key=K_VIEW,
                            required=True, label_visibility="collapsed",
                            format_func=labels(VIEWS, lambda v: f"{VIEWS[v]} {t(v)}"))

# --------------------------------------------------------------------------- the views

hints = common.grammar_hints(workshop)

if view == "Picture":
    picture, panel = st.columns([3, 1], gap="medium")
    with picture:
        if not board.stickies:
            st.info(t("The board is empty. Type the first sticky into **Quick capture**, for "
                      "example `e: Order placed`, and press Enter."), icon=":material/lightbulb:")
        else:
            selected = st.session_state.get(K_SELECTED)
            layout = layout_board(board)
            figure = board_figure(layout, hints, selected, revision=workshop)
            st.plotly_chart(figure, key=K_PICTURE, on_select=on_pick,
                            selection_mode="points", config=PLOT_CONFIG)
            shown_cols = min(layout.columns, COLUMNS_SHOWN)
            st.caption(t("Showing {shown} of {columns} timeline columns. Drag to "
                         "pan, scroll to zoom, the autoscale button (top right of the picture) "
                         "shows the whole board, double-click returns to the start. Click a "
                         "sticky to edit it.", shown=shown_cols, columns=layout.columns))
    with panel:
        if st.session_state.get(K_SELECTED) not in by_id:
            st.session_state[K_SELECTED] = None
        order = [s.id for s in sorted(board.stickies, key=lambda s: s.order)]
        sticky_id = st.selectbox(t("Sticky"), order, key=K_SELECTED, index=None,
                                 format_func=lambda i: sticky_label(by_id[i], 40),
                                 placeholder=t("Click one on the picture, or type to find it"))
        if sticky_id:
            sticky = by_id[sticky_id]
            for message in hints.get(sticky_id, []):
                st.warning(md(message), icon=":material/rule:")
            prefix = f"edit_{sticky_id}_{shown.revision}_"
            outgoing, incoming = neighbours(board, sticky_id)
            others = [i for i in order if i != sticky_id]
            with st.form(f"form_{sticky_id}_{shown.revision}", border=False):
                st.text_area(t("Text"), value=sticky.text, key=f"{prefix}text", height=80)
                kind_col, lane_col2 = st.columns(2)
                kind_col.selectbox(t("Kind"), KIND_CHOICES, key=f"{prefix}kind",
                                   format_func=labels(KIND_CHOICES,
                                                      lambda k: t(KIND_LABELS[Kind(k)])),
                                   index=KIND_CHOICES.index(sticky.kind.value))
                lane_col2.selectbox(t("Lane"), lanes, key=f"{prefix}lane",
                                    format_func=labels(lanes, lane_label),
                                    index=lanes.index(sticky.lane or NO_LANE))
                st.text_input(t("Attributes"), value=format_attributes(sticky.attrs),
                              key=f"{prefix}attrs", placeholder=t("volume: 40/day, minutes: 3"))
                label = lambda i: sticky_label(by_id[i], 40)  # noqa: E731
                st.multiselect(t("Arrows to"), others, default=outgoing, key=f"{prefix}out",
                               format_func=label)
                st.multiselect(t("Arrows from"), others, default=incoming, key=f"{prefix}in",
                               format_func=label)
                st.form_submit_button(t("Save sticky"), type="primary", icon=":material/save:",
                                      on_click=on_save_sticky, args=(sticky_id, prefix))
            st.button(t("Delete sticky"), icon=":material/delete:", on_click=on_delete_sticky,
                      args=(sticky_id,), key=f"delete_{sticky_id}")
            failed = st.session_state.get("panel_error")
            if failed and failed[0] == sticky_id:
                st.error(md(failed[1]), icon=":material/error:")
        elif hints:
            st.caption(t("Grammar hints — click a sticky with an orange **!** to see its own."))
        if hints:
            with st.expander(t("Grammar hints ({n})", n=sum(len(v) for v in hints.values())),
                             icon=":material/rule:"):
                for hinted, messages in hints.items():
                    if hinted in by_id:
                        st.markdown(f"**{md(sticky_label(by_id[hinted], 50))}**")
                        for message in messages:
                            st.markdown(f"- {md(message)}")

elif view == "Text":
    key = f"text_{workshop}_{shown.revision}"
    st.caption(t("The whole board as `.storm` text. Nothing changes until it parses; errors "
                 "name their line. Stickies keep their identity when only their lane or order "
                 "moves."))
    st.html("<style>.st-key-storm_text textarea{font-family:ui-monospace,'SFMono-Regular',"
            "Menlo,Consolas,monospace;font-size:14px;line-height:1.5}</style>")
    with st.container(key="storm_text"):
        st.text_area(t("Board text"), value=write_storm(board), key=key, height=520,
                     label_visibility="collapsed")
    st.button(t("Apply text"), type="primary", icon=":material/check:", on_click=on_apply_text,
              args=(key,))
    if error := st.session_state.get("text_error"):
        st.error(error, icon=":material/error:")

else:
    st.caption(t("Edit cells, add rows at the bottom, select rows and press Delete to remove "
                 "stickies. Each valid change is saved at once; attributes are written "
                 "`key: value, key: value`."))
    base = pd.DataFrame(table_rows(board), columns=["id", "kind", "text", "lane", "attributes"])
    edited = st.data_editor(
        base, key=f"table_{workshop}_{shown.revision}", num_rows="dynamic", hide_index=True,
        width="stretch", height=min(720, 38 + 35 * (len(base) + 2)),
        column_config={
            "id": st.column_config.TextColumn("id", disabled=True, width="small"),
            "kind": st.column_config.SelectboxColumn(t("Kind"), options=list(KIND_CHOICES),
                                                     required=True, width="small"),
            "text": st.column_config.TextColumn(t("Text"), width="large", required=True),
            "lane": st.column_config.TextColumn(t("Lane"), width="medium"),
            "attributes": st.column_config.TextColumn(t("Attributes"), width="medium"),
        })
    rows = edited.to_dict("records")
    try:
        new_board = apply_table(board, rows)
    except ValueError as exc:
        st.warning(t("Not saved yet — {error}", error=md(exc)), icon=":material/edit_note:")
    else:
        if new_board != board:
            common.save(workshop, new_board)  # a conflict shows its banner after the rerun
            st.rerun()
