"""Opportunities page: a card per ML opportunity, best first, with its evidence; accept,
dismiss, restore, add or edit by hand; the board picture with the anchors; automation ideas
that are not ML apart. Every decision is saved (``decisions`` document) before it shows."""

from __future__ import annotations

import streamlit as st

from canvas.priorities.scoring import risk_flag_label
from canvas.workspace.decisions import (
    DECISIONS_DOC,
    Decisions,
    OpportunityCard,
    anchor_choices,
    card_numbers,
    load_decisions,
    manual_opportunity,
    open_candidates,
    opportunity_cards,
    save_decisions,
)
from eventstorming.detection.opportunity import ML_TASKS, Opportunity
from eventstorming.phrasing import frequency
from ui import common, flow
from ui.charts import anchors_figure
from ui.i18n import current_language, labels, number, t
from ui.picture import PLOT_CONFIG
from ui.text import md

KIND_WORDS = {"command": "Command", "policy": "Policy", "opportunity": "Opportunity sticky",
              "event": "Event", "readmodel": "Read model", "system": "System",
              "hotspot": "Hotspot"}
TASK_BADGE = {"classification": "blue", "regression": "orange", "forecasting": "violet",
              "ranking": "green", "anomaly_detection": "red", "extraction": "orange",
              "clustering": "gray"}

#: Cards shown at first (and added by "Show more"): a 500-sticky board has 100+ candidates.
PAGE_SIZE = 15

common.show_flash()
workshop = flow.require_workshop("Opportunities")
EDITING, SHOWN = f"_editing_{workshop}", f"_shown_{workshop}"
shown, detection = flow.board_and_detection(workshop)
board = shown.data
lang = flow.lang_of(board)
st.set_page_config(page_title=f"{t('Opportunities')} · {board.title} · mlcanvas")


def decisions() -> Decisions:
    return flow.shown_doc(workshop, DECISIONS_DOC, load_decisions).data


def save(new: Decisions, note: str, icon: str = ":material/check_circle:") -> bool:
    ok = flow.save_doc(workshop, DECISIONS_DOC, new, lambda rev: save_decisions(
        common.workspace(), workshop, new, rev, flow.author()))
    if ok:
        common.flash(note, icon)
    return ok


def on_mark(opp_id: str, title: str, status: str) -> None:
    new = decisions().mark(opp_id, status, flow.author())
    words = {"accepted": (t("Accepted"), ":material/check_circle:"),
             "dismissed": (t("Dismissed"), ":material/delete:"),
             "new": (t("Back to review"), ":material/undo:")}[status]
    save(new, f"{words[0]}: “{title}”.", words[1])


def on_save_manual(prefix: str, base_id: str | None) -> None:
    s = st.session_state
    current = decisions()
    base = None
    if base_id:
        base = next((c.opportunity for c in opportunity_cards(detection.opportunities,
                                                               current) if c.id == base_id),
                    None)
    taken = {o.id for o in detection.opportunities} | set(current.manual)
    listed = [c.opportunity for c in opportunity_cards(detection.opportunities, current)]
    try:
        opp = manual_opportunity(
            board, title=s.get(f"{prefix}title", ""), task=s.get(f"{prefix}task"),
            anchor_id=s.get(f"{prefix}anchor"), actor=s.get(f"{prefix}actor"),
            high_stakes=s.get(f"{prefix}stakes"), opportunity_id=base_id, taken=taken,
            base=base, existing=listed)
    except ValueError as exc:
        s[f"{prefix}error"] = str(exc)
        return
    s[f"{prefix}error"] = None
    new = current.with_manual(opp)
    if base_id is None:
        new = new.accept(opp.id, flow.author())
    else:
        s[EDITING] = None
    save(new, t("Saved “{title}” and accepted it.", title=opp.title) if base_id is None
         else t("Saved “{title}”.", title=opp.title))


def on_edit(opp_id: str | None) -> None:
    st.session_state[EDITING] = opp_id


def on_more() -> None:
    st.session_state[SHOWN] = st.session_state.get(SHOWN, PAGE_SIZE) + PAGE_SIZE


def on_promote(candidate_id: str) -> None:
    candidate = next((c for c in detection.candidates if c.id == candidate_id), None)
    if candidate is not None:
        save(decisions().promote(candidate, flow.author()),
             t("Promoted and accepted: “{title}”.", title=md(candidate.title)))


def on_revert(opp_id: str) -> None:
    save(decisions().without_manual(opp_id), t("Back to what detection found."),
         ":material/undo:")


def manual_form(prefix: str, opp: Opportunity | None) -> None:
    """The fields of an opportunity written by hand (new, or editing ``opp``)."""
    choices = anchor_choices(board)
    by_id = board.by_id()
    if not choices:
        st.caption(t("The board has no commands or policies to anchor an opportunity on "
                     "yet."))
        return
    with st.form(f"{prefix}form", border=False):
        st.text_input(t("Title"), value=opp.title if opp else "", key=f"{prefix}title",
                      placeholder=t("e.g. Suggest the cost centre"))
        task_col, anchor_col = st.columns(2)
        task_col.selectbox(t("ML task"), ML_TASKS, key=f"{prefix}task",
                           index=ML_TASKS.index(opp.task) if opp else 0,
                           format_func=labels(ML_TASKS, lambda task: t(task.replace("_", " "))))
        anchor = opp.anchor.id if opp and opp.anchor.id in by_id else choices[0]
        anchor_col.selectbox(t("Anchor sticky"), choices, key=f"{prefix}anchor",
                             index=choices.index(anchor),
                             format_func=labels(choices, lambda i: t(kind_word(
                                 by_id[i].kind.value)) + f": {by_id[i].text}"))
        st.text_input(t("Who decides today"), value=(opp.actor or "") if opp else "",
                      key=f"{prefix}actor", placeholder=t("read off the board when empty"))
        st.checkbox(t("High stakes (a decision about people: credit, hiring, health, "
                      "insurance, a fraud suspicion, refusing what someone asked for)"),
                    value=opp.high_stakes if opp else False,
                    key=f"{prefix}stakes")
        st.form_submit_button(t("Save opportunity") if opp else t("Add and accept"),
                              type="primary", icon=":material/save:", on_click=on_save_manual,
                              args=(prefix, opp.id if opp else None))
    if error := st.session_state.get(f"{prefix}error"):
        st.error(error, icon=":material/error:")


def kind_word(kind: str) -> str:
    """A sticky kind id (``readmodel``) as the interface names it."""
    return KIND_WORDS.get(kind, kind)


def refs(items, limit: int = 6) -> str:
    opening, closing = ("„", "“") if lang == "de" else ("“", "”")
    texts = [f"{opening}{md(r.text)}{closing}" for r in items]
    more = t(" and {n} more", n=len(texts) - limit) if len(texts) > limit else ""
    return ", ".join(texts[:limit]) + more if texts else "—"


def volume_text(opp: Opportunity) -> str:
    parts = []
    if opp.volume_per_day is not None:
        parts.append(frequency(opp.volume_per_day, current_language()))
    if opp.minutes is not None:
        parts.append(t("{n} min each", n=number(opp.minutes, "g")))
    return " · ".join(parts) or t("not on the board")


def show_card(number: int, card: OpportunityCard) -> None:
    opp = card.opportunity
    with st.container(border=True, key=f"card_{opp.id}"):
        head, buttons = st.columns([3.2, 1.6], vertical_alignment="top")
        with head:
            badges = [f":{TASK_BADGE[opp.task]}-badge[{t(opp.task.replace('_', ' '))}]"]
            if opp.high_stakes:
                flags = ", ".join(t(risk_flag_label(f)) for f in opp.risk_flags)
                badges.append(t(":red-badge[:material/warning: high stakes]") if not flags
                              else t(":red-badge[:material/warning: high stakes: {flags}]",
                                     flags=md(flags)))
            if card.status == "accepted":
                badges.append(t(":green-badge[:material/check: accepted]"))
            elif card.status == "dismissed":
                badges.append(t(":gray-badge[dismissed]"))
            if not card.detected:
                badges.append(t(":gray-badge[added by hand]"))
            elif card.edited:
                badges.append(t(":gray-badge[edited by hand]"))
            st.markdown(f"#### {number}. {md(opp.title)}")
            # the detector's confidence; a card added by hand has none (people saw it)
            confidence = t(" &nbsp; confidence **{score}**", score=f"{opp.score:.0%}") \
                if opp.evidence else ""
            st.markdown(" ".join(badges) + confidence)
        with buttons:
            left, right, more = st.columns([1.25, 1.25, 0.7])
            if card.status == "accepted":
                left.button(t("Undo"), key=f"undo_{opp.id}", icon=":material/undo:",
                            on_click=on_mark, args=(opp.id, opp.title, "new"),
                            help=t("Back to review"), width="stretch")
            else:
                left.button(t("Accept"), key=f"accept_{opp.id}", type="primary",
                            icon=":material/check:", on_click=on_mark,
                            args=(opp.id, opp.title, "accepted"), width="stretch")
            if card.status == "dismissed":
                right.button(t("Restore"), key=f"restore_{opp.id}", icon=":material/undo:",
                             on_click=on_mark, args=(opp.id, opp.title, "new"),
                             width="stretch")
            else:
                right.button(t("Dismiss"), key=f"dismiss_{opp.id}", icon=":material/close:",
                             on_click=on_mark, args=(opp.id, opp.title, "dismissed"),
                             width="stretch")
            editing = st.session_state.get(EDITING) == opp.id
            more.button("", key=f"edit_{opp.id}", icon=":material/edit:",
                        help=t("Edit by hand"), on_click=on_edit,
                        args=(None if editing else opp.id,), width="stretch",
                        type="primary" if editing else "secondary")
        if editing:
            with st.container(border=True):
                st.markdown(t("**Edit by hand**"))
                manual_form(f"edit_{opp.id}_", opp)
                if card.edited and card.detected:
                    st.button(t("Back to the detected version"), key=f"revert_{opp.id}",
                              on_click=on_revert, args=(opp.id,), icon=":material/undo:")
        facts, context = st.columns(2)
        with facts:
            st.markdown(t("**Anchor** · {kind} {anchor}  \n**Who decides today** · {actor}  \n"
                          "**Volume** · {volume}",
                          kind=t(KIND_WORDS.get(opp.anchor.kind, opp.anchor.kind)),
                          anchor=refs([opp.anchor]),
                          actor=md(opp.actor or t("no person (automatic)")),
                          volume=volume_text(opp)))
        with context:
            st.markdown(t("**Inputs** · {inputs}  \n**Outcomes** · {outcomes}  \n"
                          "**Hotspots** · {hotspots}", inputs=refs(opp.inputs),
                          outcomes=refs(opp.outcomes), hotspots=refs(opp.hotspots)))
        if opp.evidence:
            lines = "\n".join(f"- {md(e.explanations.get(lang, e.explanation))}"
                              for e in opp.evidence)
            st.markdown(t("**Why** (evidence from the board)") + f"\n{lines}")
        if card.mark and card.status != "new":
            st.caption(t("{status} by {author}, {when} UTC",
                         status=t(card.status.capitalize()), author=md(card.mark.author),
                         when=card.mark.at[:16].replace('T', ' ')))


# --------------------------------------------------------------------------- page

current = decisions()
cards = opportunity_cards(detection.opportunities, current)
live = [c for c in cards if c.status != "dismissed"]
dismissed = [c for c in cards if c.status == "dismissed"]
accepted = [c for c in cards if c.status == "accepted"]

head, who = st.columns([4, 1.2], vertical_alignment="bottom")
with head:
    st.title(t("Opportunities"), anchor=False)
    st.caption(t("**{title}** — where a prediction could replace or support a human "
                 "judgment, best first, each with the evidence on the board behind it. Accept "
                 "the ones worth ranking; dismiss the rest (you can restore them).",
                 title=md(board.title)))
with who:
    flow.author_input()
flow.conflict_banner(workshop)

m1, m2, m3, m4 = st.columns(4)
m1.metric(t("ML opportunities"), len(live) + len(dismissed))
m2.metric(t("Accepted"), len(accepted))
m3.metric(t("Dismissed"), len(dismissed))
m4.metric(t("Automation, not ML"), len(detection.automation))

numbers = card_numbers(cards)
with st.expander(t("Where they are on the board — anchors outlined in green"),
                 icon=":material/view_timeline:",
                 expanded=False):
    anchors = [(c.opportunity.anchor.id, str(numbers[c.id])) for c in live]
    figure = anchors_figure(flow.board_layout(workshop), anchors, revision=str(shown.revision))
    st.plotly_chart(figure, config=PLOT_CONFIG, key=f"anchors_{workshop}")
    st.caption(t("Green outlines: the anchor stickies of the opportunities, numbered like "
                 "their cards. Drag sideways to pan."))

cards_col, side = st.columns([3, 1.15], gap="medium")
with cards_col:
    if not live:
        st.info(t("No ML opportunities to review. Add one by hand on the right, or restore a "
                  "dismissed one below."), icon=":material/lightbulb:")
    limit = st.session_state.get(SHOWN, PAGE_SIZE)
    for card in live[:limit]:
        show_card(numbers[card.id], card)
    if len(live) > limit:
        st.button(t("Show {n} more (of {left} left)", n=min(PAGE_SIZE, len(live) - limit),
                    left=len(live) - limit), icon=":material/expand_more:", on_click=on_more,
                  key="show_more")
    if dismissed:
        with st.expander(t("Dismissed ({n})", n=len(dismissed)), icon=":material/delete:"):
            for card in dismissed[:limit]:
                show_card(numbers[card.id], card)
            if len(dismissed) > limit:
                st.caption(t("… and {n} more.", n=len(dismissed) - limit))

with side:
    if accepted:
        st.page_link("ui/prioritize.py", label=t("Prioritize the {n} accepted", n=len(accepted)),
                     icon=":material/arrow_forward:", query_params={"workshop": workshop})
    near = open_candidates(detection.candidates, current)
    if near:
        with st.container(border=True):
            st.markdown(t("**Worth a look** ({n})", n=len(near)))
            st.caption(t("Near misses: some signs of a judgment, not enough to be sure. "
                         "Promote one the team recognises; it joins the list, accepted."))
            for candidate in near[:PAGE_SIZE]:
                st.markdown(f":{TASK_BADGE.get(candidate.task, 'gray')}-badge"
                            f"[{t(candidate.task.replace('_', ' '))}] "
                            f"**{md(candidate.title)}**")
                lacks = "  \n".join(f"· {md(g.explanations.get(lang, g.explanation))}"
                                     for g in candidate.missing)
                shown_evidence = "  \n".join(
                    f"· {md(e.explanations.get(lang, e.explanation))}"
                    for e in candidate.evidence)
                st.caption(t("**Signs**  \n{signs}  \n**Missing**  \n{missing}",
                             signs=shown_evidence, missing=lacks))
                st.button(t("Promote"), key=f"promote_{candidate.id}", icon=":material/add_task:",
                          on_click=on_promote, args=(candidate.id,))
    with st.container(border=True):
        st.markdown(t("**Add an opportunity by hand**"))
        st.caption(t("Something the team sees that detection missed. Inputs, outcomes and "
                     "volume are read off the board around its anchor."))
        manual_form("new_", None)
    with st.container(border=True):
        st.markdown(t("**Worth automating, but not ML** ({n})", n=len(detection.automation)))
        if not detection.automation:
            st.caption(t("None found."))
        for idea in detection.automation:
            kind = t("optimisation") if idea.kind == "optimisation" else t("plain rules")
            st.markdown(f":gray-badge[{kind}] **{md(idea.title)}**")
            st.caption(md(idea.explanations.get(lang, idea.explanation)))
