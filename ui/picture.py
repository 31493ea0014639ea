"""The board picture: draws an :class:`eventstorming.layout.BoardLayout` with plotly.

Only drawing happens here; where things go is decided by :mod:`eventstorming.layout`.
Stickies of one kind are one filled trace (fast at hundreds of stickies, and one legend
entry per kind); an invisible marker at each sticky's centre carries its id for clicks.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import plotly.graph_objects as go

from eventstorming.layout import BoardLayout
from eventstorming.model import Kind
from ui.i18n import t

KIND_LABELS = {
    Kind.EVENT: "Event", Kind.COMMAND: "Command", Kind.ACTOR: "Actor", Kind.POLICY: "Policy",
    Kind.READMODEL: "Read model", Kind.SYSTEM: "System", Kind.AGGREGATE: "Aggregate",
    Kind.HOTSPOT: "Hotspot", Kind.OPPORTUNITY: "Opportunity", Kind.NOTE: "Note",
}
HOTSPOT_BORDER = "#C9184A"
HINT_COLOR = "#F59F00"
SELECTED_BORDER = "#1C7ED6"
ROW_PIXELS = 150
COLUMNS_SHOWN = 8


def figure_height(layout: BoardLayout) -> int:
    return int(min(max(110 + len(layout.bands) * ROW_PIXELS, 250), 1500))


def board_figure(layout: BoardLayout, hints: Mapping[str, list[str]] | None = None,
                 selected: str | None = None, revision: str = "") -> go.Figure:
    """The plotly figure of a board layout; ``hints`` are grammar hints by sticky id."""
    hints = hints or {}
    fig = go.Figure()
    shapes = []
    annotations = []
    for index, band in enumerate(layout.bands):
        shapes.append(dict(
            type="rect", xref="paper", x0=0, x1=1, yref="y", y0=band.y0, y1=band.y1,
            fillcolor="#F4F5F7" if index % 2 == 0 else "#FFFFFF",
            line=dict(width=0), layer="below"))
        shapes.append(dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=band.y1,
                           y1=band.y1, line=dict(color="#DDE1E6", width=1), layer="below"))
        annotations.append(dict(
            xref="paper", x=0.002, xanchor="left", yref="y", y=band.y0 + 0.04,
            yanchor="top", text=f"<b>{escape(band.name)}</b>", showarrow=False,
            font=dict(size=13, color="#52606D"), bgcolor="rgba(255,255,255,0.85)",
            borderpad=3))

    # links first, so stickies are drawn over their ends
    if layout.arrows:
        xs: list[float | None] = []
        ys: list[float | None] = []
        sizes: list[int] = []
        for arrow in layout.arrows:
            points = arrow.points
            xs += [x for x, _ in points] + [None]
            ys += [y for _, y in points] + [None]
            sizes += [0] * (len(points) - 1) + [11, 0]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", line=dict(color="#7B8794", width=1.6),
            hoverinfo="skip", showlegend=False, name="links"))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", hoverinfo="skip", showlegend=False, name="arrowheads",
            marker=dict(symbol="arrow", angleref="previous", size=sizes, color="#52606D")))

    for kind in Kind:
        cards = [c for c in layout.cards if c.kind == kind]
        if not cards:
            continue
        xs, ys = [], []
        for card in cards:
            for x, y in card.outline:
                xs.append(x)
                ys.append(y)
            xs.append(None)
            ys.append(None)
        hot = kind == Kind.HOTSPOT
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=cards[0].color,
            line=dict(color=HOTSPOT_BORDER if hot else "rgba(0,0,0,0.18)", width=4 if hot else 1),
            name=f"⚠ {t(KIND_LABELS[kind])}" if hot else t(KIND_LABELS[kind]),
            legendgroup=kind.value, hoverinfo="skip"))

    if selected and any(c.id == selected for c in layout.cards):
        card = layout.card(selected)
        xs, ys = zip(*card.outline, strict=True)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip",
                                 line=dict(color=SELECTED_BORDER, width=4),
                                 name="selected", showlegend=False))

    texts, hovers = [], []
    for card in layout.cards:
        lines = [escape(line) for line in card.lines]
        if card.hotspot:
            lines[0] = "⚠ " + lines[0]
            lines = [f"<b>{line}</b>" for line in lines]
        texts.append("<br>".join(lines))
        hover = f"<b>{t(KIND_LABELS[card.kind])}</b><br>{escape(card.text)}"
        for message in hints.get(card.id, []):
            hover += f"<br><span style='color:{HINT_COLOR}'>● {escape(message)}</span>"
        hovers.append(hover)
    fig.add_trace(go.Scatter(
        x=[c.cx for c in layout.cards], y=[c.cy for c in layout.cards],
        mode="markers+text", text=texts, textposition="middle center",
        textfont=dict(size=12, color="#1F2933"),
        marker=dict(size=44, symbol="square", color="rgba(0,0,0,0)"),
        customdata=[c.id for c in layout.cards], hovertext=hovers,
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False, name="stickies"))

    flagged = [c for c in layout.cards if c.id in hints]
    if flagged:
        fig.add_trace(go.Scatter(
            x=[c.x1 - 0.05 for c in flagged], y=[c.y0 + 0.05 for c in flagged],
            mode="markers+text", text=["!"] * len(flagged),
            textfont=dict(size=12, color="white", family="Arial Black"),
            marker=dict(size=19, color=HINT_COLOR, line=dict(color="white", width=1.5)),
            customdata=[c.id for c in flagged],
            hovertext=["<br>".join(escape(m) for m in hints[c.id]) for c in flagged],
            hovertemplate="%{hovertext}<extra>" + t("grammar hint") + "</extra>",
            name=t("Grammar hint")))

    x0, x1 = layout.x_range(COLUMNS_SHOWN)
    fig.update_layout(
        height=figure_height(layout), margin=dict(l=8, r=8, t=36, b=8),
        plot_bgcolor="white", paper_bgcolor="white", dragmode="pan",
        hovermode="closest", uirevision=revision, shapes=shapes, annotations=annotations,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0,
                    font=dict(size=12), itemclick=False, itemdoubleclick=False),
        xaxis=dict(range=[x0, x1], visible=False, showgrid=False, zeroline=False),
        yaxis=dict(range=[layout.height + 0.05, -0.05], visible=False, showgrid=False,
                   zeroline=False),
        font=dict(family="Inter, system-ui, sans-serif"),
    )
    return fig


#: plotly options: wheel zoom, no logo, and only the tools a facilitator needs.
PLOT_CONFIG = {
    "scrollZoom": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
    "doubleClick": "reset",
}
