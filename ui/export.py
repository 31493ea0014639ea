"""Export page: the spec made from a canvas, as YAML with its validation result; editing of
the data columns and the baseline rules, each problem shown against its field before
anything is saved (``specs`` document); Download spec, Download scaffold (a zip of the
generated project) and the project's file tree."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from canvas.mlcanvas.form import canvas_for, filled_rows, load_canvas_doc
from canvas.mlcanvas.model import CANVASES_DOC
from canvas.services.export import (
    COLUMN_TYPES,
    SPECS_DOC,
    SpecEdits,
    baseline_from_text,
    baseline_to_text,
    check_spec,
    column_roles,
    columns_from_rows,
    load_spec_edits,
    project_tree,
    save_spec_edits,
    scaffold_zip,
    tree_text,
)
from canvas.spec.validate import Problem
from ui import common, flow
from ui.i18n import t
from ui.text import md

page = flow.open_flow_page("Export")
workshop, board, accepted = page.workshop, page.board, page.accepted

head, who = st.columns([4, 1.2], vertical_alignment="bottom")
with head:
    st.title(t("Export"), anchor=False)
    st.caption(t("**{title}** — the use-case spec made from the canvas, validated as "
                 "`mlcanvas validate` does, and the baseline project generated from it. Correct "
                 "the data columns and the baseline rules here; a change is saved only when "
                 "the spec stays valid (a row still missing a field is kept and marked on its "
                 "row).", title=md(board.title)))
with who:
    flow.author_input()
flow.conflict_banner(workshop)

opp = flow.pick_opportunity(workshop, accepted, "export",
                             t("Accept an opportunity and describe it on a canvas first."))
opp_id = opp.id

canvases = flow.shown_doc(workshop, CANVASES_DOC, load_canvas_doc).data
canvas = canvas_for(opp, board, canvases)
specs_doc = flow.shown_doc(workshop, SPECS_DOC, load_spec_edits)
edits: SpecEdits = specs_doc.data.get(opp_id, SpecEdits())
check = check_spec(canvas, edits)
drafts_key = f"_export_drafts_{workshop}_{opp_id}"
drafts: dict[str, list[Problem]] = st.session_state.setdefault(drafts_key, {})
prefix = f"spec_{opp_id}_{flow.generation()}_"
roles = column_roles(check.data) if check.data else {}
row_problems = check.row_problems()
columns = [{**c, "role": roles.get(c.get("name"), ""), "problem": row_problems.get(n, "")}
           for n, c in enumerate(check.data["data"]["columns"] if check.data else [])]
baseline = dict(check.data["baseline"]) if check.data else {}


def try_save(field: str, new: SpecEdits, prefixes: tuple[str, ...]) -> bool:
    """Save ``new`` when the spec it makes is valid; else keep the problems for ``field``."""
    result = check_spec(canvas, new)
    if not result.ok and not result.only_incomplete_rows:
        drafts[field] = result.problems_at(*prefixes) or list(result.problems)
        return False
    # a row missing a field is saved as it is: never lost, shown on its row, and the spec
    # is not valid (nor downloadable) until the row is complete
    drafts.pop(field, None)
    current = flow.shown_doc(workshop, SPECS_DOC, load_spec_edits).data
    return flow.save_doc(workshop, SPECS_DOC, {**current, opp_id: new}, lambda rev: save_spec_edits(
        common.workspace(), workshop, opp_id, new, rev, flow.author()))


def on_baseline() -> None:
    try:
        parsed = baseline_from_text(st.session_state[prefix + "baseline"])
    except ValueError as exc:
        drafts["baseline"] = [Problem("baseline", str(exc))]
        return
    try_save("baseline", SpecEdits(edits.columns, parsed), ("baseline",))


def on_reset() -> None:
    drafts.clear()
    flow.bump_generation()
    current = flow.shown_doc(workshop, SPECS_DOC, load_spec_edits).data
    flow.save_doc(workshop, SPECS_DOC, {**current, opp_id: SpecEdits()},
                  lambda rev: save_spec_edits(common.workspace(), workshop, opp_id,
                                              SpecEdits(), rev, flow.author()))
    common.flash(t("Spec made from the canvas again."), ":material/refresh:")


def show_problems(problems: list[Problem], saved: bool = False) -> None:
    for p in problems:
        where = f"**{md(p.path)}**" if p.path else t("the spec")
        lead = "" if saved else t("Not saved — ")
        st.error(f"{lead}{where}: {md(p.message)}", icon=":material/error:")


spec_col, edit_col = st.columns([1.15, 1], gap="medium")
with edit_col:
    with st.container(border=True):
        st.markdown(t("**Data columns** — the table the project reads (CSV or Parquet)"))
        st.caption(t("Name each column as in your data; the target and features must be "
                     "among them. New columns become features."))
        edited = st.data_editor(
            pd.DataFrame(columns, columns=["name", "type", "role", "problem"]),
            key=f"cols_{opp_id}_{specs_doc.revision}",
            num_rows="dynamic", hide_index=True, width="stretch",
            column_config={
                "name": st.column_config.TextColumn(t("Column")),
                "type": st.column_config.SelectboxColumn(t("Type"), options=list(COLUMN_TYPES)),
                "role": st.column_config.TextColumn(t("Role"), disabled=True,
                                                    help=t("target: the truth to learn; "
                                                           "feature: a model input; timestamp: "
                                                           "for the time split and drift")),
                "problem": st.column_config.TextColumn(
                    t("Problem"), disabled=True, width="medium",
                    help=t("What is wrong with the row; the spec is valid once every row is "
                           "complete"))})
        rows = filled_rows(edited.to_dict("records"), ["name", "type"])
        if rows != filled_rows(columns, ["name", "type"]):
            new = SpecEdits(columns_from_rows(rows), edits.baseline)
            if try_save("columns", new, ("data", "features", "prediction.target")):
                st.rerun()
        else:
            drafts.pop("columns", None)
        show_problems(drafts.get("columns", []))
        if "columns" not in drafts:
            show_problems([p for p in check.problems_at("data", "features", "prediction")
                           if not p.path.startswith("data.columns[")
                           or int(p.path[13:].partition("]")[0]) not in row_problems],
                          saved=True)
            if row_problems:
                st.error(f"{len(row_problems)} row{'s' if len(row_problems) != 1 else ''} "
                         "of the table above need attention: see the Problem column. Kept "
                         "as typed; the spec is not valid until they are fixed or deleted.",
                         icon=":material/error:")
    with st.container(border=True):
        st.markdown(t("**Baseline** — the heuristic the first model must beat"))
        st.caption(t("YAML: `method` (rules, majority, mean, median, seasonal_naive, zscore, "
                     "popularity); for rules, a list of `when`/`predict` (first match wins) and "
                     "a `default`. Example rule: `- when: {feature: merchant, contains_any: "
                     "[shell, aral]}` / `predict: fuel`."))
        st.text_area(t("Baseline (YAML)"), value=baseline_to_text(baseline),
                     key=prefix + "baseline", height=170, on_change=on_baseline,
                     label_visibility="collapsed")
        show_problems(drafts.get("baseline", []))
        if "baseline" not in drafts:
            show_problems(check.problems_at("baseline"), saved=True)
            for message in check.scaffold_problems:
                st.warning(md(message), icon=":material/construction:")
    st.button(t("Make the spec from the canvas again"), icon=":material/restart_alt:",
              on_click=on_reset, disabled=edits == SpecEdits(),
              help=t("Drop your column and baseline changes"))

with spec_col:
    if drafts:
        st.warning(t("Your last change is not saved: see the problems beside it. The spec "
                     "below is the last saved one."), icon=":material/edit_off:")
    if check.ok:
        st.success(t("**Valid spec** — `{name}` passes `mlcanvas validate`.",
                     name=check.spec.metadata.name)
                   + (t(" Saved with your changes.") if edits != SpecEdits()
                      else t(" Made from the canvas.")),
                   icon=":material/verified:")
    else:
        st.error(t("**The spec is not valid yet** — {n} problems.", n=len(check.problems))
                 if len(check.problems) != 1 else t("**The spec is not valid yet** — 1 problem."),
                 icon=":material/error:")
        show_problems(check.other_problems("data", "features", "prediction", "baseline"),
                      saved=True)
        st.page_link("ui/canvas_page.py", label=t("Fix it on the canvas"),
                     icon=":material/arrow_back:",
                     query_params={"workshop": workshop, "opportunity": opp_id})
    name = check.spec.metadata.name if check.spec else canvas.name
    one, two = st.columns(2)
    one.download_button(t("Download spec"), data=check.yaml, file_name=f"{name}.yaml",
                        mime="application/yaml", type="primary", disabled=not check.ok,
                        icon=":material/description:", on_click="ignore", key="download_spec",
                        width="stretch")
    spec = check.spec
    two.download_button(t("Download scaffold"),
                        data=(lambda: scaffold_zip(spec)) if check.can_scaffold and spec
                        else b"", file_name=f"{name}.zip", mime="application/zip",
                        disabled=not check.can_scaffold, icon=":material/folder_zip:",
                        on_click="ignore", key="download_scaffold", width="stretch",
                        help=t("The generated project: pipeline, tests, API, Dockerfile, CI; "
                               "`make pipeline` and `make test` run at once."))
    spec_tab, tree_tab = st.tabs(["spec.yaml", t("Generated project")])
    with spec_tab:
        st.code(check.yaml, language="yaml", height=560, wrap_lines=False)
    with tree_tab:
        if spec is not None:
            st.code(tree_text(project_tree(spec), f"{name}/"), language=None, height=560)
            st.caption(t("Unzip, then `make pipeline` (prepare, train, evaluate the baseline on "
                         "a synthetic sample until you add real data) and `make test`."))
        else:
            st.caption(t("The project tree shows once the spec is valid."))
