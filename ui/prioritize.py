"""Prioritize page: the accepted opportunities scored on six criteria (suggested scores with
their reasons, overridable with the author recorded), weights as sliders, the ranking, a
value-versus-feasibility bubble chart and a CSV download. Weights and overrides are saved
(``priorities`` document) before the page shows them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from canvas.priorities.scoring import (
    CRITERIA,
    HIGH_RISK,
    PRIORITIES_DOC,
    PrioritySettings,
    RoiAssumptions,
    load_settings,
    prioritize,
    save_settings,
    to_csv,
)
from canvas.priorities.table import (
    apply_score_changes,
    chart_points,
    criteria_rows,
    ranking_rows,
    score_changes,
)
from ui import common, flow
from ui.charts import bubble_chart
from ui.i18n import t
from ui.text import md

page = flow.open_flow_page("Prioritize")
workshop, board, accepted = page.workshop, page.board, page.accepted
settings_doc = flow.shown_doc(workshop, PRIORITIES_DOC, load_settings)
settings: PrioritySettings = settings_doc.data
lang = flow.lang_of(board)


def save(new: PrioritySettings, note: str | None = None) -> bool:
    ok = flow.save_doc(workshop, PRIORITIES_DOC, new, lambda rev: save_settings(
        common.workspace(), workshop, new, rev, flow.author()))
    if ok and note:
        common.flash(note)
    return ok


def on_weight(name: str, key: str) -> None:
    current = flow.shown_doc(workshop, PRIORITIES_DOC, load_settings).data
    save(current.with_weights({**current.weights, name: float(st.session_state[key])}))


def on_reset_weights() -> None:
    current = flow.shown_doc(workshop, PRIORITIES_DOC, load_settings).data
    save(current.with_weights({c.name: 1.0 for c in CRITERIA}), t("Weights back to equal."))


head, who = st.columns([4, 1.2], vertical_alignment="bottom")
with head:
    st.title(t("Prioritize"), anchor=False)
    st.caption(t("**{title}** — the accepted opportunities scored 1–5 on six criteria. "
                 "Each suggested score comes with its reason from the board; change a score "
                 "where you know better (your name is recorded), and weigh the criteria. The "
                 "ranking follows at once.", title=md(board.title)))
with who:
    flow.author_input()
flow.conflict_banner(workshop)

if not accepted:
    st.info(t("No accepted opportunities yet: accept the ones worth ranking on the "
              "Opportunities page."), icon=":material/lightbulb:")
    st.page_link("ui/opportunities.py", label=t("Go to Opportunities"),
                 icon=":material/arrow_forward:", query_params={"workshop": workshop})
    st.stop()

assumptions = RoiAssumptions()
ranked = prioritize(accepted, board, settings, assumptions)

weights_col, chart_col = st.columns([1, 2.7], gap="medium")
with weights_col, st.container(border=True):
    st.markdown(t("**Weights**"))
    st.caption(t("How much each criterion counts (0 leaves it out). Complexity and risk count "
                 "against an opportunity."))
    for crit in CRITERIA:
        key = f"weight_{crit.name}_{settings_doc.revision}"
        st.slider(t(crit.label), 0.0, 3.0, float(settings.weights[crit.name]), 0.5, key=key,
                  format="%.1f",
                  help=t(crit.question), on_change=on_weight, args=(crit.name, key))
    st.button(t("Equal weights"), icon=":material/restart_alt:", on_click=on_reset_weights,
              disabled=all(w == 1.0 for w in settings.weights.values()))

with chart_col, st.container(border=True):
    st.markdown(t("**Value against feasibility** — bubble size: volume; colour: ML task; "
                  "numbers: rank"))
    st.plotly_chart(bubble_chart(chart_points(ranked)), key=f"bubbles_{workshop}",
                    config={"displaylogo": False, "modeBarButtonsToRemove":
                            ["select2d", "lasso2d"]})
    st.caption("  ·  ".join(f"**{p.rank}** {md(p.opportunity.title)}" for p in ranked))
    if any(p.high_stakes for p in chart_points(ranked)):
        st.caption(t(":red[**Red ring**]: a high-stakes decision about people (risk 5). It is "
                     "never a quick win, wherever data and labels put it: it needs human "
                     "review and a fairness check first, so it counts as a strategic bet."))

st.subheader(t("Ranking"), anchor=False)
table = pd.DataFrame(ranking_rows(ranked))
table["task"] = [t(task.replace("_", " ")) for task in table["task"]]
table["quadrant"] = [t(q.removesuffix(" ⚠")) + q[len(q.removesuffix(" ⚠")):]
                     for q in table["quadrant"]]
table["hours_saved"] = [t(h) if h == "unknown" else h for h in table["hours_saved"]]
SHORT = {"data": "Data", "labels": "Labels", "tolerance": "Toler.", "complexity": "Compl.",
         "risk": "Risk"}
labels = {c.name: st.column_config.NumberColumn(t(SHORT[c.name]),
                                                help=f"{t(c.label)}: {t(c.question)}",
                                                format="%d", width=62)
          for c in CRITERIA if c.name != "value"}
# the hours as people read them ("unknown", not "None"); every column fits the page width
order = [c for c in table.columns if c not in ("quadrant_reason", "hours_per_year")] + \
    ["quadrant_reason"]
st.dataframe(table, hide_index=True, width="stretch", key="ranking", column_order=order,
             column_config={
    "rank": st.column_config.NumberColumn("#", width=40),
    "title": st.column_config.TextColumn(t("Opportunity"), width=200),
    "task": st.column_config.TextColumn(t("Task"), width=132),
    "score": st.column_config.ProgressColumn(t("Score"), min_value=1, max_value=5,
                                             format="%.2f", width=85),
    "value": st.column_config.NumberColumn(t("Value"), format="%.1f", width=62),
    "feasibility": st.column_config.NumberColumn(t("Feas."), format="%.2f", width=62,
                                                 help=t("Feasibility: the other five criteria")),
    "quadrant": st.column_config.TextColumn(t("Quadrant"), width=110,
                                            help=t("⚠: high stakes kept it from being easy")),
    "quadrant_reason": st.column_config.TextColumn(t("Why this quadrant"), width=225),
    "hours_saved": st.column_config.TextColumn(
        t("Hours saved/yr (at {share})", share=f"{assumptions.share_saved:.0%}"), width=152,
        help=t("Rough estimate: {assumptions} — volume × minutes × {days} ÷ 60 × {share}. The "
               "value reason counts all of today's hours; this column counts the part a "
               "prediction saves.", assumptions=assumptions.describe(lang),
               days=f"{assumptions.days_per_year:g}", share=f"{assumptions.share_saved:g}")),
    "overrides": st.column_config.NumberColumn(t("Changed"), format="%d", width=70,
                                               help=t("Scores changed by a person")),
    **labels,
})
for p in ranked:
    if p.score_of("risk").score >= HIGH_RISK:
        st.caption(f"⚠ **{p.rank}. {md(p.opportunity.title)}** — {t(p.quadrant)}: "
                   f"{md(p.quadrant_reason)}.")
if any(p.roi for p in ranked):
    st.caption(t("**ROI assumptions:** {assumptions}. The value reason counts all "
                 "of today's hours of work; *Hours saved/yr* counts the "
                 "{share} of them a prediction would save, because a "
                 "person still looks at most suggestions.", assumptions=assumptions.describe(lang),
                 share=f"{assumptions.share_saved:.0%}"))
download, forward = st.columns([1, 3], vertical_alignment="center")
download.download_button(t("Download CSV"), data=to_csv(ranked), file_name=f"{workshop}-"
                         "priorities.csv", mime="text/csv", icon=":material/download:",
                         on_click="ignore", key="priorities_csv")
forward.page_link("ui/canvas_page.py", label=t("Describe “{title}” on an ML Canvas",
                                                title=ranked[0].opportunity.title),
                  icon=":material/arrow_forward:",
                  query_params={"workshop": workshop, "opportunity": ranked[0].id})

st.subheader(t("Scores and reasons"), anchor=False)
titles = {p.id: f"{p.rank}. {md(p.opportunity.title)}" for p in ranked}
picked_key = f"scores_of_{workshop}"
if st.session_state.get(picked_key) not in titles:
    st.session_state[picked_key] = ranked[0].id
picked = st.segmented_control(t("Opportunity"), list(titles), format_func=titles.get,
                              key=picked_key, required=True)
priority = next(p for p in ranked if p.id == picked)
note, why = st.columns([2, 1.4], vertical_alignment="bottom")
note.caption(t("Edit the **Score** column to override a suggestion; set it back to the "
               "suggested score to drop your override. Your name, the time and the reason on "
               "the right are recorded with it."))
why.text_input(t("Why (recorded with your next change)"), key="override_reason",
               placeholder=t("e.g. finance confirmed the volume"))
rows = [{**row, "criterion": t(row["criterion"])} for row in criteria_rows(priority)]
edited = st.data_editor(
    pd.DataFrame(rows), key=f"scores_{picked}_{settings_doc.revision}", hide_index=True,
    width="stretch", disabled=["criterion", "suggested", "reason", "override"],
    column_config={
        "criterion": st.column_config.TextColumn(t("Criterion"), width=210),
        "suggested": st.column_config.NumberColumn(t("Suggested"), width=85, format="%d"),
        "score": st.column_config.NumberColumn(t("Score ✎"), min_value=1, max_value=5, step=1,
                                               required=True, width=80, format="%d"),
        "reason": st.column_config.TextColumn(t("Reason (from the board)"), width=760),
        "override": st.column_config.TextColumn(t("Changed by"), width=200),
    })
try:
    changes = score_changes(priority, edited.to_dict("records"))
except ValueError as exc:
    st.error(md(exc), icon=":material/error:")
else:
    if changes:
        updated = apply_score_changes(settings, priority.id, changes, flow.author(),
                                      reason=st.session_state.get("override_reason"))
        save(updated, t("Scores of “{title}” saved.", title=priority.opportunity.title))
        st.rerun()
