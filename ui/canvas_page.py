"""Canvas page: the ML Canvas of an accepted opportunity as a form (ten boxes with their
guiding questions, prediction details and error costs), lint messages beside the boxes they
concern, a live poster preview, Markdown and HTML downloads. Every valid change is saved
(``canvases`` document) at once; a wrong field shows its problem and nothing is saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from canvas.mlcanvas.agreement import disagreement, take_box, take_details
from canvas.mlcanvas.form import (
    COLUMN_TYPES,
    canvas_for,
    edit_canvas,
    filled_rows,
    form_values,
    load_canvas_doc,
    save_canvas_doc,
)
from canvas.mlcanvas.model import CANVASES_DOC, boxes_for, guess_how, lint_canvas, prefill_canvas
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown
from canvas.priorities.scoring import PRIORITIES_DOC, load_settings, prioritize
from ui import common, flow
from ui.i18n import labels, t
from ui.text import md

#: Fields that follow each other (box 2 and the details' entity and target).
FOLLOWING = frozenset({"prediction_task", "entity", "target"})
LINT_ICONS = {"missing": ":material/error:", "risky": ":material/warning:",
              "guess": ":material/help:"}

page = flow.open_flow_page("Canvas")
workshop, board, accepted = page.workshop, page.board, page.accepted

head, who = st.columns([4, 1.2], vertical_alignment="bottom")
with head:
    st.title(t("ML Canvas"), anchor=False)
    st.caption(t("**{title}** — one page per accepted opportunity: what the prediction "
                 "is worth, what it predicts, from which data, and how it is checked. Prefilled "
                 "from the board; lines starting with **?** are guesses to confirm. Every "
                 "change is saved at once.", title=md(board.title)))
with who:
    flow.author_input()
flow.conflict_banner(workshop)

settings = flow.shown_doc(workshop, PRIORITIES_DOC, load_settings).data
best = prioritize(accepted, board, settings)[0].id if accepted else None
opp = flow.pick_opportunity(workshop, accepted, "canvas",
                            t("Accept an opportunity first: its canvas opens here."),
                            default=best)
opp_id = opp.id

doc = flow.shown_doc(workshop, CANVASES_DOC, load_canvas_doc)
canvas = canvas_for(opp, board, doc.data)
problems_key = f"_canvas_problems_{workshop}_{opp_id}"
problems: dict[str, str] = st.session_state.setdefault(problems_key, {})
prefix = f"cv_{opp_id}_{flow.generation()}_"     # kept across saves: fields keep focus
values = form_values(canvas)


def on_change(field: str) -> None:
    if apply(field, st.session_state[prefix + field]) and field in FOLLOWING:
        # box 2 and the details follow each other: show the side that moved along
        saved = flow.shown_doc(workshop, CANVASES_DOC, load_canvas_doc).data[opp_id]
        now = form_values(saved)
        for other in FOLLOWING - {field}:
            if prefix + other in st.session_state:
                st.session_state[prefix + other] = now[other]


def apply(field: str, value: object) -> bool:
    """Apply one field's new value; save when the canvas stays valid (True when saved)."""
    current = flow.shown_doc(workshop, CANVASES_DOC, load_canvas_doc).data
    base = canvas_for(opp, board, current)
    result = edit_canvas(base, {field: value})
    if not result.ok:
        problems.update(result.problems)
        return False
    problems.pop(field, None)
    assert result.canvas is not None
    new = {**current, opp_id: result.canvas}
    return flow.save_doc(workshop, CANVASES_DOC, new, lambda rev: save_canvas_doc(
        common.workspace(), workshop, opp_id, result.canvas, rev, flow.author()))


def on_take(side: str) -> None:
    """Settle a disagreement between box 2 and the details by taking one side."""
    current = flow.shown_doc(workshop, CANVASES_DOC, load_canvas_doc).data
    base = canvas_for(opp, board, current)
    settled = take_box(base) if side == "box" else take_details(base)
    flow.bump_generation()      # the fields show the settled values
    if flow.save_doc(workshop, CANVASES_DOC, {**current, opp_id: settled},
                     lambda rev: save_canvas_doc(common.workspace(), workshop, opp_id, settled,
                                                 rev, flow.author())):
        common.flash("Box 2 and the prediction details agree again.", ":material/check:")


def show_disagreement(where: str) -> None:
    """Box 2 and the details name different entities or targets: say so, offer both."""
    if differ is None:
        return
    with st.container(border=True):
        st.warning(
            t("Box 2 and the prediction details disagree. Box 2 predicts **{box_target}** for "
              "each **{box_entity}**; the details (used for the spec) say **{target}** for "
              "each **{entity}**. Which is right?", box_target=md(differ.box_target),
              box_entity=md(differ.box_entity),
              target=md(differ.details_target or t("(no target)")),
              entity=md(differ.details_entity or t("(no entity)"))),
            icon=":material/sync_problem:")
        # side by side where there is room (details), stacked in the narrow box
        left, right = st.columns(2) if where == "details" else (st.container(),
                                                                st.container())
        left.button(t("Use box 2's"), key=f"take_box_{where}", on_click=on_take, args=("box",),
                    icon=":material/arrow_downward:", width="stretch",
                    help=t("Set Entity and Target column from box 2's sentence"))
        right.button(t("Use the details'"), key=f"take_details_{where}", on_click=on_take,
                     args=("details",), icon=":material/edit_note:", width="stretch",
                     help=t("Rewrite box 2's sentence with the details' entity and target"))


def on_reset() -> None:
    current = flow.shown_doc(workshop, CANVASES_DOC, load_canvas_doc).data
    fresh = prefill_canvas(opp, board)
    new = {**current, opp_id: fresh}
    problems.clear()
    flow.bump_generation()
    if flow.save_doc(workshop, CANVASES_DOC, new, lambda rev: save_canvas_doc(
            common.workspace(), workshop, opp_id, fresh, rev, flow.author())):
        common.flash(t("Canvas prefilled again from the board."), ":material/refresh:")


def problem(field: str) -> None:
    if message := problems.get(field):
        st.error(t("Not saved — {error}", error=md(message)), icon=":material/error:")


lints = lint_canvas(canvas)
differ = disagreement(canvas)
lint_by_box: dict[str, list] = {}
for lint in lints:
    lint_by_box.setdefault(lint.box, []).append(lint)

saved_note = (t("Saved · revision {revision}", revision=doc.revision) if opp_id in doc.data
              else t("Prefilled from the board (saved with your first change)"))
bar = st.columns([2.2, 1, 1, 1], vertical_alignment="center")
bar[0].markdown(f":green-badge[:material/check_circle: {saved_note}] "
                "&nbsp; " + (t("{n} open points", n=len(lints)) if len(lints) != 1
                             else t("1 open point")) + " · "
                + (t("{n} guesses to confirm", n=canvas.guesses()) if canvas.guesses() != 1
                   else t("1 guess to confirm")))
bar[1].download_button("Markdown", data=canvas_to_markdown(canvas, lints),
                       file_name=f"{canvas.name}-canvas.md", mime="text/markdown",
                       icon=":material/download:", on_click="ignore", key="canvas_md",
                       width="stretch")
bar[2].download_button(t("HTML poster"), data=canvas_to_html(canvas, lints),
                       file_name=f"{canvas.name}-canvas.html", mime="text/html",
                       icon=":material/download:", on_click="ignore", key="canvas_html",
                       width="stretch")
bar[3].button(t("Prefill again"), icon=":material/restart_alt:", on_click=on_reset,
              help=t("Replace this canvas with a fresh one from the board"), width="stretch")

form_col, preview_col = st.columns([1, 1.15], gap="medium")
with form_col:
    boxes_tab, details_tab = st.tabs([t("The ten boxes"), t("Prediction details & features")])
    with boxes_tab:
        pairs = list(boxes_for(canvas.lang))
        for row in range(0, len(pairs), 2):
            cols = st.columns(2)
            for col, box in zip(cols, pairs[row:row + 2], strict=False):
                with col, st.container(border=True):
                    number = pairs.index(box) + 1
                    st.markdown(f"**{number}. {box.title}**")
                    st.caption(box.question)
                    st.text_area(box.title, value=values[box.key], key=prefix + box.key,
                                 height=150, label_visibility="collapsed",
                                 on_change=on_change, args=(box.key,),
                                 help=t("One sentence a line; a line starting with ? is a "
                                        "guess."))
                    problem(box.key)
                    if box.key == "prediction_task":
                        show_disagreement("box")
                    for lint in lint_by_box.get(box.key, []):
                        how = f". {guess_how('form', canvas.lang)}" \
                            if lint.level == "guess" else ""
                        st.caption(f"{LINT_ICONS[lint.level]} {md(lint.message)}{how}")
    with details_tab:
        pred = canvas.prediction
        st.markdown(t("**Task:** {task} · **risk:** {risk}", task=t(pred.task.replace('_', ' ')),
                      risk=t(canvas.risk))
                    + (t(" · **high stakes**") if canvas.high_stakes else ""))
        a, b = st.columns(2)
        a.text_input(t("Title"), value=values["title"], key=prefix + "title",
                     on_change=on_change, args=("title",))
        b.text_input(t("Owner"), value=values["owner"], key=prefix + "owner",
                     on_change=on_change, args=("owner",), placeholder=t("who answers for it"))
        problem("title")
        a, b = st.columns(2)
        a.text_input(t("Entity (what each prediction is about)"), value=values["entity"],
                     key=prefix + "entity", on_change=on_change, args=("entity",))
        b.text_input(t("Target column"), value=values["target"], key=prefix + "target",
                     on_change=on_change, args=("target",))
        problem("target")
        show_disagreement("details")
        st.text_input(t("Possible outcomes (comma-separated)"), value=values["outcomes"],
                      key=prefix + "outcomes", on_change=on_change, args=("outcomes",))
        for lint in lint_by_box.get("prediction_task", []):
            if lint.level != "guess":
                st.caption(f"{LINT_ICONS[lint.level]} {md(lint.message)}")
        a, b = st.columns(2)
        a.text_input(t("Outcome known"), value=values["wait"], key=prefix + "wait",
                     on_change=on_change, args=("wait",))
        b.text_input(t("Heuristic to beat"), value=values["heuristic"], key=prefix + "heuristic",
                     on_change=on_change, args=("heuristic",))
        st.text_area(t("Cost of each kind of error (one `kind: cost` a line)"),
                     value=values["error_costs"], key=prefix + "error_costs", height=100,
                     on_change=on_change, args=("error_costs",))
        problem("error_costs")
        a, b, c = st.columns([1, 1, 1.4])
        a.segmented_control(t("Serving"), ["batch", "realtime"], default=values["serving"],
                            format_func=labels(["batch", "realtime"], t),
                            key=prefix + "serving", on_change=on_change, args=("serving",),
                            required=True)
        b.toggle(t("Human review"), value=values["human_review"], key=prefix + "human_review",
                 on_change=on_change, args=("human_review",))
        c.text_input(t("Monitoring metric"), value=values["monitoring_metric"],
                     key=prefix + "monitoring_metric", on_change=on_change,
                     args=("monitoring_metric",))
        st.text_input(t("Fairness check"), value=values["fairness_check"],
                      key=prefix + "fairness_check", on_change=on_change,
                      args=("fairness_check",),
                      placeholder=t("needed for high-stakes decisions about people"))
        st.markdown(t("**Features** (the columns a model reads; they become the spec's data "
                      "columns)"))
        fields = ["name", "type", "source"]
        edited = st.data_editor(
            pd.DataFrame(values["feature_table"], columns=[*fields, "problem"]),
            key=f"cvt_{opp_id}_{doc.revision}", num_rows="dynamic", hide_index=True,
            width="stretch", column_config={
                "name": st.column_config.TextColumn(t("Name")),
                "type": st.column_config.SelectboxColumn(t("Type"), options=list(COLUMN_TYPES)),
                "source": st.column_config.TextColumn(t("Comes from"), width="medium"),
                "problem": st.column_config.TextColumn(
                    t("Problem"), disabled=True,
                    help=t("An unfinished row is kept as typed; the spec waits until it is "
                           "complete")),
            })
        rows = filled_rows(edited.to_dict("records"), fields)
        if rows != filled_rows(values["feature_table"], fields):
            if apply("feature_table", rows):
                st.rerun()
        else:
            problems.pop("feature_table", None)
        problem("feature_table")
        for lint in lint_by_box.get("features", []):
            st.caption(f"{LINT_ICONS[lint.level]} {md(lint.message)}")

with preview_col:
    st.markdown(t("**Poster preview** (as the HTML download prints)"))
    poster = canvas_to_html(canvas, lints).replace(
        "</style>", ".poster{height:auto;min-height:0} body{zoom:.74}</style>", 1)
    st.iframe(poster, height=740)
    st.page_link("ui/export.py", label=t("Make the spec and the project"),
                 icon=":material/arrow_forward:",
                 query_params={"workshop": workshop, "opportunity": opp_id})
