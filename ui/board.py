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
from eventstorming.model import Board
from ui import common, flow
from ui.picture import (
    KIND_LABELS,
    MIN_SCALE,
    PLOT_CONFIG,
    WINDOW_COLUMNS,
    board_figure,
    fit_scale,
    window,
    window_start,
)
from ui.text import md

NO_LANE = "(no lane)"
#: Stickies whose grammar hints the side panel lists (the picture flags all of them).
HINTS_LISTED = 40
VIEWS = {"Picture": ":material/view_timeline:", "Text": ":material/notes:",
         "Table": ":material/table_rows:"}
CAPTURE_TIP = ("Type one line, press **Enter**: `e: Receipt submitted` · a chain with `->` · "
               "attributes `{minutes: 3}` · `## Approval` starts a lane")
CAPTURE_HELP = (
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
    st.title("Board")
    st.info("Choose a workshop to open its board.")
    choices = {info.id: info.title for info in common.workspace().list_workshops()}
    picked = st.selectbox("Workshop", list(choices), index=None, format_func=choices.get)
    if picked:
        common.go_to_board(picked)
    st.page_link(common.WORKSHOPS_PAGE, label="All workshops", icon=":material/groups:")
    st.stop()

st.query_params["workshop"] = workshop
K_CAPTURE, K_LANE, K_SELECTED = f"capture_{workshop}", f"lane_{workshop}", f"sel_{workshop}"
K_PICTURE, K_VIEW = f"picture_{workshop}", f"view_{workshop}"
K_WINDOW = f"window_{workshop}"


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
        names = ", ".join(f"{board[i].kind.value} “{board[i].text}”" for i in result.added)
        st.session_state["capture_note"] = f"Added {names}."
    elif result.lane:
        st.session_state["capture_note"] = f"Lane “{result.lane}” — new stickies go there."
    else:
        st.session_state["capture_note"] = "Already on the board; links and attributes merged."


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
    common.flash("Undone.", ":material/undo:")


def on_apply_text(key: str) -> None:
    text = st.session_state.get(key, "")
    error = common.edit(workshop, lambda b: replace_from_text(b, text))
    st.session_state["text_error"] = error
    if error is None:
        common.flash("Board text applied and saved.")


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
        common.flash("Sticky saved.")


def on_delete_sticky(sticky_id: str) -> None:
    text = common.shown_board(workshop).data.by_id().get(sticky_id)
    error = common.edit(workshop, lambda b: delete_sticky(b, sticky_id))
    st.session_state["panel_error"] = (sticky_id, error) if error else None
    if error is None:
        st.session_state[K_SELECTED] = None
        common.flash(f"Deleted “{text.text if text else sticky_id}” (Undo brings it back).",
                     ":material/delete:")


# --------------------------------------------------------------------------- header

shown = common.shown_board(workshop)
board = shown.data
by_id = board.by_id()
st.set_page_config(page_title=f"{board.title} · mlcanvas")

head, side = st.columns([3, 2], vertical_alignment="bottom")
with head:
    st.title(md(board.title), anchor=False)
    counts = " · ".join(f"{n} {KIND_LABELS.get(k, k).lower()}" for k, n in board.counts().items())
    st.caption(f"{len(board.stickies)} stickies · {len(board.links)} links · "
               f"{len(board.lanes)} lanes" + (f" — {counts}" if counts else ""))
with side:
    status, undo, downloads = st.columns([2.4, 1.1, 1.5], vertical_alignment="center")
    status.markdown(f":green-badge[:material/check_circle: "
                    f"{saved_status(shown.revision, shown.saved_at)}]")
    undo.button("Undo", icon=":material/undo:", on_click=on_undo, args=(shown.revision,),
                disabled=shown.revision <= 1, help="Go back one change (the last 20 are kept)")
    with downloads.popover("Download", icon=":material/download:"):
        for fmt in EXPORTERS:
            label, name, mime = export_file_name(workshop, fmt)
            st.download_button(label, key=f"dl_{fmt}", help=name,
                               data=lambda fmt=fmt, board=board: export_board(board, fmt),
                               file_name=name, mime=mime, on_click="ignore",
                               icon=":material/description:", width="stretch")

if message := common.conflict(workshop):
    with st.container(border=True):
        st.error(f"**Not saved — this workshop was changed in another tab.** {md(message)}",
                 icon=":material/sync_problem:")
        st.button("Reload the latest version", type="primary", icon=":material/refresh:",
                  on_click=on_reload, key="reload_conflict")
elif (newer := common.saved_elsewhere(workshop)) is not None:
    st.warning(f"Another tab saved revision {newer}; you are looking at revision "
               f"{shown.revision}. Reload before you change anything.",
               icon=":material/sync_problem:")
    st.button("Reload the latest version", icon=":material/refresh:", on_click=on_reload,
              key="reload_stale")

# --------------------------------------------------------------------------- quick capture

lanes = [NO_LANE, *board.lanes]
if st.session_state.get(K_LANE) not in lanes:
    latest = max(board.stickies, key=lambda s: s.order, default=None)
    st.session_state[K_LANE] = (latest.lane if latest and latest.lane else
                                (board.lanes[-1] if board.lanes else NO_LANE))
lane_col, capture_col = st.columns([1, 4])
lane_col.selectbox("Lane", lanes, key=K_LANE, help="New stickies go to this lane.")
with capture_col.form(f"capture_form_{workshop}", clear_on_submit=True, enter_to_submit=True,
                      border=False):
    box, add = st.columns([12, 1], vertical_alignment="bottom")
    box.text_input("Quick capture", key=K_CAPTURE, help=CAPTURE_HELP,
                   placeholder="a: Accountant -> c: Categorize receipt -> e: Receipt categorized")
    add.form_submit_button("Add", key="capture_add", on_click=on_capture, width="stretch")
if error := st.session_state.get("capture_error"):
    capture_col.error(md(error), icon=":material/error:")
elif note := st.session_state.pop("capture_note", None):
    capture_col.caption(f":material/check: {md(note)}")
else:
    capture_col.caption(CAPTURE_TIP)

if not st.session_state.get(f"focused_{workshop}"):
    # Opening a board puts the cursor into Quick capture, so capture needs no mouse at all.
    st.session_state[f"focused_{workshop}"] = True
    st.html(FOCUS_CAPTURE, unsafe_allow_javascript=True, width="content")

view = st.segmented_control("View", list(VIEWS), default="Picture", key=K_VIEW,
                            required=True, label_visibility="collapsed",
                            format_func=lambda v: f"{VIEWS[v]} {v}")

# --------------------------------------------------------------------------- the views

hints = common.grammar_hints(workshop)

if view == "Picture":
    picture, panel = st.columns([3, 1], gap="medium")
    with picture:
        if not board.stickies:
            st.info("The board is empty. Type the first sticky into **Quick capture**, for "
                    "example `e: Order placed`, and press Enter.", icon=":material/lightbulb:")
        else:
            selected = st.session_state.get(K_SELECTED)
            layout = flow.board_layout(workshop)      # computed once per saved revision
            start = window_start(layout, selected, st.session_state.get(K_WINDOW, 0))
            figure = board_figure(layout, hints, selected, revision=workshop, start=start)
            st.plotly_chart(figure, key=K_PICTURE, on_select=on_pick,
                            selection_mode="points", config=PLOT_CONFIG)
            if layout.columns > WINDOW_COLUMNS:
                # a long board draws a window of its timeline at a time (fast at 10,000)
                st.session_state[K_WINDOW] = start
                st.slider("Timeline", 0, layout.columns - WINDOW_COLUMNS, key=K_WINDOW,
                          help="Which part of the timeline the picture shows (by column).")
                first, last = window(layout, start)
                where = f"Columns {first + 1}–{last} of {layout.columns}. "
            else:
                where = ("The whole board. " if fit_scale(layout) >= MIN_SCALE else
                         f"{layout.columns} timeline columns. ")
            st.caption(where + "Drag sideways to pan, double-click to return to the start. "
                       "Click a sticky (or pick it in **Sticky**) to edit it; the picture "
                       "centres on it.")
    with panel:
        if st.session_state.get(K_SELECTED) not in by_id:
            st.session_state[K_SELECTED] = None
        order = [s.id for s in sorted(board.stickies, key=lambda s: s.order)]
        sticky_id = st.selectbox("Sticky", order, key=K_SELECTED, index=None,
                                 format_func=lambda i: sticky_label(by_id[i], 40),
                                 placeholder="Click one on the picture, or type to find it")
        if sticky_id:
            sticky = by_id[sticky_id]
            for message in hints.get(sticky_id, []):
                st.warning(md(message), icon=":material/rule:")
            prefix = f"edit_{sticky_id}_{shown.revision}_"
            outgoing, incoming = neighbours(board, sticky_id)
            others = [i for i in order if i != sticky_id]
            with st.form(f"form_{sticky_id}_{shown.revision}", border=False):
                st.text_area("Text", value=sticky.text, key=f"{prefix}text", height=80)
                kind_col, lane_col2 = st.columns(2)
                kind_col.selectbox("Kind", KIND_CHOICES, key=f"{prefix}kind",
                                   index=KIND_CHOICES.index(sticky.kind.value))
                lane_col2.selectbox("Lane", lanes, key=f"{prefix}lane",
                                    index=lanes.index(sticky.lane or NO_LANE))
                st.text_input("Attributes", value=format_attributes(sticky.attrs),
                              key=f"{prefix}attrs", placeholder="volume: 40/day, minutes: 3")
                label = lambda i: sticky_label(by_id[i], 40)  # noqa: E731
                st.multiselect("Arrows to", others, default=outgoing, key=f"{prefix}out",
                               format_func=label)
                st.multiselect("Arrows from", others, default=incoming, key=f"{prefix}in",
                               format_func=label)
                st.form_submit_button("Save sticky", type="primary", icon=":material/save:",
                                      on_click=on_save_sticky, args=(sticky_id, prefix))
            st.button("Delete sticky", icon=":material/delete:", on_click=on_delete_sticky,
                      args=(sticky_id,), key=f"delete_{sticky_id}")
            failed = st.session_state.get("panel_error")
            if failed and failed[0] == sticky_id:
                st.error(md(failed[1]), icon=":material/error:")
        elif hints:
            st.caption("Grammar hints — click a sticky with an orange **!** to see its own.")
        if hints:
            with st.expander(f"Grammar hints ({sum(len(v) for v in hints.values())})",
                             icon=":material/rule:"):
                listed = [(i, m) for i, m in hints.items() if i in by_id]
                for hinted, messages in listed[:HINTS_LISTED]:
                    st.markdown(f"**{md(sticky_label(by_id[hinted], 50))}**")
                    for message in messages:
                        st.markdown(f"- {md(message)}")
                if len(listed) > HINTS_LISTED:
                    # thousands of them (a 10,000-sticky board) took the browser a minute
                    st.caption(f"… and {len(listed) - HINTS_LISTED:,} more stickies with "
                               "hints: pick one in **Sticky**, or run `mlcanvas check`.")

elif view == "Text":
    key = f"text_{workshop}_{shown.revision}"
    st.caption("The whole board as `.storm` text. Nothing changes until it parses; errors "
               "name their line. Stickies keep their identity when only their lane or order "
               "moves.")
    st.html("<style>.st-key-storm_text textarea{font-family:ui-monospace,'SFMono-Regular',"
            "Menlo,Consolas,monospace;font-size:14px;line-height:1.5}</style>")
    with st.container(key="storm_text"):
        st.text_area("Board text", value=write_storm(board), key=key, height=520,
                     label_visibility="collapsed")
    st.button("Apply text", type="primary", icon=":material/check:", on_click=on_apply_text,
              args=(key,))
    if error := st.session_state.get("text_error"):
        st.error(error, icon=":material/error:")

else:
    st.caption("Edit cells, add rows at the bottom, select rows and press Delete to remove "
               "stickies. Each valid change is saved at once; attributes are written "
               "`key: value, key: value`.")
    base = pd.DataFrame(table_rows(board), columns=["id", "kind", "text", "lane", "attributes"])
    edited = st.data_editor(
        base, key=f"table_{workshop}_{shown.revision}", num_rows="dynamic", hide_index=True,
        width="stretch", height=min(720, 38 + 35 * (len(base) + 2)),
        column_config={
            "id": st.column_config.TextColumn("id", disabled=True, width="small"),
            "kind": st.column_config.SelectboxColumn("Kind", options=list(KIND_CHOICES),
                                                     required=True, width="small"),
            "text": st.column_config.TextColumn("Text", width="large", required=True),
            "lane": st.column_config.TextColumn("Lane", width="medium"),
            "attributes": st.column_config.TextColumn("Attributes", width="medium"),
        })
    rows = edited.to_dict("records")
    try:
        new_board = apply_table(board, rows)
    except ValueError as exc:
        st.warning(f"Not saved yet — {md(exc)}", icon=":material/edit_note:")
    else:
        if new_board != board:
            common.save(workshop, new_board)  # a conflict shows its banner after the rerun
            st.rerun()
