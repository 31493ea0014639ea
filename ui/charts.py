"""Drawing for the pages after the board: the board picture with opportunity anchors
highlighted, and the value-versus-feasibility bubble chart. Only drawing happens here;
the numbers come from :mod:`eventstorming.layout` and :mod:`canvas.priorities.table`."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import plotly.graph_objects as go

from canvas.priorities.scoring import QUADRANT_SPLIT
from canvas.priorities.table import QUADRANT_LABELS, ChartPoint
from eventstorming.layout import BoardLayout
from eventstorming.phrasing import frequency
from ui.i18n import current_language, t
from ui.picture import FIT_WIDTH, board_figure, picture_scale

ANCHOR_BORDER = "#2F9E44"
TASK_COLORS = {
    "classification": "#1C7ED6", "regression": "#E8590C", "forecasting": "#7048E8",
    "ranking": "#0CA678", "anomaly_detection": "#E03131", "extraction": "#F08C00",
    "clustering": "#5C940D",
}
QUADRANT_TEXT = {"quick win": "Quick wins", "strategic bet": "Strategic bets",
                 "fill-in": "Fill-ins", "avoid": "Avoid for now"}
QUADRANT_FILL = {"quick win": "rgba(47,158,68,0.07)", "strategic bet": "rgba(28,126,214,0.06)",
                 "fill-in": "rgba(240,140,0,0.06)", "avoid": "rgba(134,142,150,0.07)"}


def anchors_figure(layout: BoardLayout, anchors: Sequence[tuple[str, str]],
                   revision: str = "") -> go.Figure:
    """The board picture with each anchor ``(sticky id, label)`` outlined in green and
    numbered like its card."""
    ids = {card.id for card in layout.cards}
    shown = [(sticky, label) for sticky, label in anchors if sticky in ids]
    first = min((layout.card(sticky).column for sticky, _ in shown), default=0)
    fig = board_figure(layout, revision=revision, start=max(0, first - 1))
    xs: list[float | None] = []
    ys: list[float | None] = []
    for sticky, _ in shown:
        card = layout.card(sticky)
        for x, y in card.outline:
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)
    if shown:
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip",
                                 line=dict(color=ANCHOR_BORDER, width=5),
                                 name=t("ML opportunity")))
        cards = [layout.card(s) for s, _ in shown]
        fig.add_trace(go.Scatter(
            x=[c.x0 for c in cards], y=[c.y0 for c in cards],
            mode="markers+text", text=[label for _, label in shown],
            textfont=dict(size=12, color="white", family="Arial Black"),
            marker=dict(size=21, color=ANCHOR_BORDER, line=dict(color="white", width=2)),
            hovertext=[escape(c.text) for c in cards],
            hovertemplate="%{hovertext}<extra>" + t("opportunity") + "</extra>", showlegend=False,
            name="opportunity numbers"))
        # start at the first anchor when the board is wider than the screen; the x range
        # stays narrow (plotly widens it at the picture's one scale, see board_figure)
        if layout.width * picture_scale(layout) > FIT_WIDTH:
            left = (first - 1) * layout.column_width
            fig.update_xaxes(range=[left, left + 1.0], constraintoward="left")
    return fig


def bubble_chart(points: Sequence[ChartPoint]) -> go.Figure:
    """Value (up) against feasibility (right): quadrants shaded and labelled, bubble size
    by volume, colour by task, each bubble numbered with its rank (the page lists the
    numbers with their titles; hovering shows the title too)."""
    fig = go.Figure()
    shapes = []
    annotations = []
    for quadrant, (x0, x1, y0, y1) in QUADRANT_LABELS.items():
        shapes.append(dict(type="rect", x0=x0 - (0.5 if x0 == 1 else 0),
                           x1=x1 + (0.5 if x1 == 5 else 0), y0=y0 - (0.5 if y0 == 1 else 0),
                           y1=y1 + (0.5 if y1 == 5 else 0), fillcolor=QUADRANT_FILL[quadrant],
                           line=dict(width=0), layer="below"))
        right, top = x1 == 5.0, y1 == 5.0
        annotations.append(dict(
            x=5.55 if right else 0.45, y=5.75 if top else 0.35,
            xanchor="right" if right else "left", yanchor="top" if top else "bottom",
            text=f"<b>{t(QUADRANT_TEXT[quadrant])}</b>", showarrow=False,
            font=dict(size=14, color="#52606D")))
    for axis in ("x", "y"):
        shapes.append(dict(type="line", line=dict(color="#9AA5B1", width=1.5, dash="dot"),
                           **({"x0": QUADRANT_SPLIT, "x1": QUADRANT_SPLIT, "y0": 0.5, "y1": 5.5}
                              if axis == "x" else
                              {"y0": QUADRANT_SPLIT, "y1": QUADRANT_SPLIT, "x0": 0.5,
                               "x1": 5.5})))
    # one trace a bubble, largest first, so a small bubble is never hidden under a big one;
    # the rank stands in the bubble, the title in the hover and the key below the chart
    legend_done: set[str] = set()
    for p in sorted(points, key=lambda p: -p.size):
        volume = frequency(p.volume_per_day, current_language()) if p.volume_per_day \
            else t("unknown")
        fig.add_trace(go.Scatter(
            x=[p.feasibility], y=[p.value], mode="markers+text",
            name=t(p.task.replace("_", " ")), legendgroup=p.task,
            showlegend=p.task not in legend_done, text=[str(p.rank)],
            textposition="middle center",
            textfont=dict(color="white", size=13, family="Arial Black"),
            marker=dict(size=[p.size], color=TASK_COLORS.get(p.task, "#868E96"), opacity=0.88,
                        # high stakes: a red ring, since the quadrant is not where it sits
                        line=dict(color="#C92A2A" if p.high_stakes else "white",
                                  width=4 if p.high_stakes else 2)),
            customdata=[[escape(p.title), t(p.quadrant), volume, escape(p.quadrant_reason)]],
            hovertemplate=t("<b>%{customdata[0]}</b><br>value %{y:.1f} · feasibility "
                            "%{x:.2f}<br>%{customdata[1]}: %{customdata[3]}<br>volume "
                            "%{customdata[2]}<extra></extra>")))
        legend_done.add(p.task)
    fig.update_layout(
        height=540, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white",
        paper_bgcolor="white", shapes=shapes, annotations=annotations,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0,
                    title_text=t("Task") + " "),
        xaxis=dict(title=t("Feasibility →  (data, labels, tolerance, complexity, risk)"),
                   range=[0.4, 5.6], dtick=1, gridcolor="#EEF1F4", zeroline=False),
        yaxis=dict(title=t("Business value →"), range=[0.3, 5.8], dtick=1,
                   gridcolor="#EEF1F4", zeroline=False),
        font=dict(family="Inter, system-ui, sans-serif"),
    )
    return fig


