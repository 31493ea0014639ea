"""Board page: quick capture, the board picture with a sticky panel, text and table modes,
grammar hints, downloads, undo. Every edit is saved before the page shows it.

Many people capture into one board at once (live capture, :mod:`ui.live`): Quick capture and
the sticky panel apply their change to the latest saved board (never a conflict), the
picture follows what others add within a second or two, and Undo reverts your own last
change. The text and table views replace the whole board and keep the conflict check."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from canvas.services.board import export_file_name
from canvas.services.live import AddLine, DeleteSticky, EditSticky, StickyState
from eventstorming.edit import (
    KIND_CHOICES,
    apply_table,
    format_attributes,
    parse_attributes,
    replace_from_text,
    sticky_label,
    table_rows,
)
from eventstorming.formats.io import EXPORTERS, export_board
from eventstorming.formats.storm import write_storm
from eventstorming.model import Board, Kind
from ui import common, flow, identity, live
from ui.i18n import counted, current_language, labels, t
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
K_QUEUE = f"capture_queue_{workshop}"
K_WINDOW = f"window_{workshop}"


def lane_label(choice: str) -> str:
    """A lane as the lane choosers show it: "(no lane)" in the interface language."""
    return t(NO_LANE) if choice == NO_LANE else choice


def kind_word(kind: Kind) -> str:
    """A sticky kind in running text: "event" in English, "Ereignis" in German."""
    word = t(KIND_LABELS[kind])
    return word.lower() if current_language() == "en" else word


def lane_value(choice: str | None) -> str | None:
    return None if choice in (None, NO_LANE) else choice


# --------------------------------------------------------------------------- callbacks

def on_capture(key: str) -> None:
    """Add the line in ``key``: the Quick capture box (its own form, without JavaScript) or
    the queue box the browser sends each line through (``capture_queue.js``)."""
    line = st.session_state.get(key, "")
    st.session_state[_seen(key)] = line
    applied = live.change(workshop, AddLine(line, lane_value(st.session_state.get(K_LANE))))
    if applied is None:
        # refused (a line that does not parse, the board closed for additions): the browser
        # cleared the box on Enter, so give the line back; the message says why
        st.session_state["capture_error"] = st.session_state.pop("live_error", None)
        st.session_state[K_CAPTURE] = line
        return
    st.session_state["capture_error"] = None
    if applied.lane:
        st.session_state[K_LANE] = applied.lane
    # The box is already empty: the browser clears it the moment Enter is pressed, so the
    # next line can be typed at once. Setting it here would race with that typing and
    # could wipe a half-typed line.
    st.session_state["capture_note"] = applied.summary


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
            st.rerun()     # the whole page: the side panel shows the picked sticky


def on_apply_text(key: str) -> None:
    text = st.session_state.get(key, "")
    error = common.edit(workshop, lambda b: replace_from_text(b, text))
    st.session_state["text_error"] = error
    if error is None:
        common.flash(t("Board text applied and saved."))


def on_save_sticky(sticky_id: str, prefix: str) -> None:
    s = st.session_state
    try:
        after = StickyState.make(s[f"{prefix}text"], s[f"{prefix}kind"],
                                 lane_value(s[f"{prefix}lane"]),
                                 parse_attributes(s[f"{prefix}attrs"]),
                                 s[f"{prefix}out"], s[f"{prefix}in"])
    except ValueError as exc:
        st.session_state["panel_error"] = (sticky_id, str(exc))
        return
    applied = live.change(workshop, EditSticky(sticky_id, s[f"{prefix}before"], after))
    error = st.session_state.pop("live_error", None) if applied is None else None
    st.session_state["panel_error"] = (sticky_id, error) if error else None
    if applied is not None:
        _fresh_panel(sticky_id)
        common.flash(applied.summary)


def on_delete_sticky(sticky_id: str) -> None:
    sticky = common.shown_board(workshop).data.by_id().get(sticky_id)
    if sticky is None:
        return
    applied = live.change(workshop, DeleteSticky(sticky_id, sticky))
    error = st.session_state.pop("live_error", None) if applied is None else None
    st.session_state["panel_error"] = (sticky_id, error) if error else None
    if applied is not None:
        st.session_state[K_SELECTED] = None
        common.flash(applied.summary, ":material/delete:")


def _fresh_panel(sticky_id: str) -> None:
    """Show the sticky as saved now in its panel (after a save, or on request)."""
    generations = st.session_state.setdefault(f"_panel_gen_{workshop}", {})
    generations[sticky_id] = generations.get(sticky_id, 0) + 1


def panel_prefix(board: Board, sticky_id: str, lanes: list[str]) -> str:
    """The keys of one sticky's panel. They stay while others change the board, so what a
    person types is never reset by a sticky someone else added; the values are those of
    the sticky when the panel was first shown (kept as ``before`` to merge the edit)."""
    gen = st.session_state.setdefault(f"_panel_gen_{workshop}", {}).get(sticky_id, 0)
    prefix = f"edit_{sticky_id}_{gen}_"
    state = st.session_state
    if f"{prefix}before" not in state:
        before = StickyState.of(board, sticky_id)
        state[f"{prefix}before"] = before
        state[f"{prefix}text"] = before.text
        state[f"{prefix}kind"] = before.kind
        state[f"{prefix}lane"] = before.lane or NO_LANE
        state[f"{prefix}attrs"] = format_attributes(dict(before.attrs))
        state[f"{prefix}out"] = list(before.successors)
        state[f"{prefix}in"] = list(before.predecessors)
    ids = board.by_id()
    for key in (f"{prefix}out", f"{prefix}in"):        # a linked sticky deleted since
        if any(i not in ids for i in state[key]):
            state[key] = [i for i in state[key] if i in ids]
    if state[f"{prefix}lane"] not in lanes:
        state[f"{prefix}lane"] = NO_LANE
    return prefix


def _seen(key: str) -> str:
    return f"_seen_{key}"


def capture_dropped_submit(key: str) -> None:
    """Capture a line whose Enter reached the server without its submit: Streamlit can drop
    a form's trigger when it coalesces with another rerun, but the line itself arrives. A
    line differs from the last one seen only when it was submitted."""
    line = st.session_state.get(key)
    if line and line != st.session_state.get(_seen(key)):
        on_capture(key)
    st.session_state[_seen(key)] = st.session_state.get(key)


capture_dropped_submit(K_CAPTURE)
capture_dropped_submit(K_QUEUE)

# --------------------------------------------------------------------------- header

shown = common.shown_board(workshop)
board = shown.data
by_id = board.by_id()
live.page_ran(workshop)
st.set_page_config(page_title=f"{board.title} · mlcanvas")

head, side = st.columns([3, 2], vertical_alignment="bottom")
with head:
    st.title(md(board.title), anchor=False)
    counts = " · ".join(t("{n} {kind}", n=n, kind=kind_word(Kind(k)))
                        for k, n in board.counts().items())
    st.caption(" · ".join([counted(len(board.stickies), "sticky"),
                           counted(len(board.links), "link"), counted(len(board.lanes), "lane")])
               + (f" — {counts}" if counts else ""))
    if added_by := live.who_added(workshop, set(by_id)):
        st.caption(t(":material/group: Added by {names}", names=md(added_by)))
with side:
    live.status(workshop, head)
    undo, facilitator, downloads = st.columns([1, 1.25, 1.25], vertical_alignment="center")
    live.undo_button(workshop, undo)
    capture = live.capture(workshop)
    live.facilitator_menu(workshop, capture, set(by_id), facilitator)
    with downloads.popover(t("Download"), icon=":material/download:"):
        for fmt in EXPORTERS:
            label, name, mime = export_file_name(workshop, fmt)
            st.download_button(t(label), key=f"dl_{fmt}", help=name,
                               data=lambda fmt=fmt: export_board(
                                   common.disk_board(workshop).data, fmt),
                               file_name=name, mime=mime, on_click="ignore",
                               icon=":material/description:", width="stretch")

if message := common.conflict(workshop):
    with st.container(border=True):
        st.error(t("**Not saved — this workshop was changed in another tab.** {message}",
                   message=md(message)), icon=":material/sync_problem:")
        st.button(t("Reload the latest version"), type="primary", icon=":material/refresh:",
                  on_click=on_reload, key="reload_conflict")
elif (newer := common.saved_elsewhere(workshop)) is not None and \
        st.session_state.get(K_VIEW, "Picture") != "Picture":
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
name_col, lane_col, capture_col = st.columns([1, 1, 4])
identity.name_input(t(live.NAME_HELP), placeholder=t("Facilitator"), container=name_col)
lane_col.selectbox(t("Lane"), lanes, key=K_LANE, help=t("New stickies go to this lane."),
                   format_func=labels(lanes, lane_label))
with capture_col.container(key="quick_capture"), \
        st.form(f"capture_form_{workshop}", clear_on_submit=True, enter_to_submit=True,
                border=False):
    box, add = st.columns([10.5, 1.5], vertical_alignment="bottom")  # room for "Hinzufügen"
    box.text_input(t("Quick capture"), key=K_CAPTURE, help=CAPTURE_HELP,
                   disabled=not capture.open,
                   placeholder=t("a: Accountant -> c: Categorize receipt -> "
                                 "e: Receipt categorized"))
    add.form_submit_button(t("Add"), key="capture_add", on_click=on_capture, args=(K_CAPTURE,),
                           width="stretch", disabled=not capture.open)
# In a browser each line goes through this hidden form, one at a time (see the script).
with capture_col.container(key="capture_queue"), \
        st.form(f"capture_queue_form_{workshop}", clear_on_submit=True, enter_to_submit=False,
                border=False):
    st.text_input("Queued line", key=K_QUEUE, label_visibility="collapsed",
                  disabled=not capture.open)
    st.form_submit_button("Send", key="capture_send", on_click=on_capture, args=(K_QUEUE,),
                          disabled=not capture.open)
    st.html(live.CAPTURE_QUEUE, unsafe_allow_javascript=True, width="content")
if not capture.open:
    capture_col.info(md(live.closed_message(capture)), icon=":material/lock:")
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
live.show_notices()
if view != "Picture":          # the picture follows others' saves by itself (live_picture)
    live.poll(workshop)

# --------------------------------------------------------------------------- the views

hints = common.grammar_hints(workshop)

if view == "Picture":
    picture, panel = st.columns([3, 1], gap="medium")

    def draw_picture() -> None:
        """The picture of the board this tab shows (the latest, when others saved)."""
        shown = common.shown_board(workshop)
        hints = common.grammar_hints(workshop)
        if not shown.data.stickies:
            st.info(t("The board is empty. Type the first sticky into **Quick capture**, for "
                      "example `e: Order placed`, and press Enter."), icon=":material/lightbulb:")
        else:
            selected = st.session_state.get(K_SELECTED)
            layout = flow.board_layout(workshop)      # computed once per saved revision
            start = window_start(layout, selected, st.session_state.get(K_WINDOW, 0))
            # the picture runs again every second: the figure is built once per state
            drawn = (shown.revision, selected, start, current_language())
            memo = st.session_state.get(f"_figure_{workshop}")
            if memo is None or memo[0] != drawn:
                memo = (drawn, board_figure(layout, hints, selected, revision=workshop,
                                            start=start))
                st.session_state[f"_figure_{workshop}"] = memo
            st.plotly_chart(memo[1], key=K_PICTURE, on_select=on_pick,
                            selection_mode="points", config=PLOT_CONFIG)
            if layout.columns > WINDOW_COLUMNS:
                # a long board draws a window of its timeline at a time (fast at 10,000)
                st.session_state[K_WINDOW] = start
                st.slider(t("Timeline"), 0, layout.columns - WINDOW_COLUMNS, key=K_WINDOW,
                          help=t("Which part of the timeline the picture shows (by column)."))
                first, last = window(layout, start)
                where = t("Columns {first}–{last} of {columns}. ", first=first + 1, last=last,
                          columns=layout.columns)
            else:
                where = (t("The whole board. ") if fit_scale(layout) >= MIN_SCALE else
                         t("{columns} timeline columns. ", columns=layout.columns))
            st.caption(where + t("Drag sideways to pan, double-click to return to the start. "
                                 "Click a sticky (or pick it in **Sticky**) to edit it; the "
                                 "picture centres on it."))

    with picture:
        live.live_picture(workshop, draw_picture)
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
            if credit := live.credit(live.contributions(workshop).get(sticky_id)):
                st.caption(f":material/person: {md(credit)}")
            prefix = panel_prefix(board, sticky_id, lanes)
            if StickyState.of(board, sticky_id) != st.session_state[f"{prefix}before"]:
                st.info(t("Someone changed this sticky since you opened it. Saving keeps "
                          "their changes to the fields you did not touch."),
                        icon=":material/group:")
                st.button(t("Show the latest"), key=f"fresh_{sticky_id}",
                          on_click=_fresh_panel, args=(sticky_id,), icon=":material/refresh:")
            others = [i for i in order if i != sticky_id]
            with st.form(f"form_{prefix}", border=False):
                st.text_area(t("Text"), key=f"{prefix}text", height=80)
                kind_col, lane_col2 = st.columns(2)
                kind_col.selectbox(t("Kind"), KIND_CHOICES, key=f"{prefix}kind",
                                   format_func=labels(KIND_CHOICES,
                                                      lambda k: t(KIND_LABELS[Kind(k)])))
                lane_col2.selectbox(t("Lane"), lanes, key=f"{prefix}lane",
                                    format_func=labels(lanes, lane_label))
                st.text_input(t("Attributes"), key=f"{prefix}attrs",
                              placeholder=t("volume: 40/day, minutes: 3"))
                label = lambda i: sticky_label(by_id[i], 40)  # noqa: E731
                st.multiselect(t("Arrows to"), others, key=f"{prefix}out", format_func=label)
                st.multiselect(t("Arrows from"), others, key=f"{prefix}in", format_func=label)
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
