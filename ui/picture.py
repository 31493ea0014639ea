"""The board picture: draws an :class:`eventstorming.layout.BoardLayout` with plotly.

Only drawing happens here; where things go is decided by :mod:`eventstorming.layout`.
Stickies of one kind are one filled trace (fast at hundreds of stickies, and one legend
entry per kind); an invisible marker at each sticky's centre carries its id for clicks.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import plotly.graph_objects as go

from eventstorming.layout import (
    BoardLayout,
    Card,
    FittedText,
    assign_columns,
    fit_text,
    layout_board,
    wrap_text,
)
from eventstorming.model import Board, Kind
from ui.i18n import t

KIND_LABELS = {
    Kind.EVENT: "Event", Kind.COMMAND: "Command", Kind.ACTOR: "Actor", Kind.POLICY: "Policy",
    Kind.READMODEL: "Read model", Kind.SYSTEM: "System", Kind.AGGREGATE: "Aggregate",
    Kind.HOTSPOT: "Hotspot", Kind.OPPORTUNITY: "Opportunity", Kind.NOTE: "Note",
}
HOTSPOT_BORDER = "#C9184A"
HINT_COLOR = "#F59F00"
SELECTED_BORDER = "#1C7ED6"
LANE_NAME_COLOR = "#52606D"
#: Sticky texts are drawn in Arial (Liberation Sans where there is no Arial: the same
#: widths), the font :func:`eventstorming.layout.fit_text` measures.
STICKY_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"

#: The plot area the whole board should fit: the picture beside the sticky panel on a
#: 1920×1080 projector (the page is scrolled so that the picture fills the screen).
FIT_WIDTH, FIT_HEIGHT = 1170, 860
#: Pixels per board unit: no smaller, so that sticky texts stay at least MIN_FONT px with
#: three lines; no larger, so that a small board does not show giant stickies.
MIN_SCALE, MAX_SCALE = 52.0, 88.0
MIN_FONT, MAX_FONT = 11.0, 14.0
#: Space between a sticky's edge and its text, in px (left/right and top/bottom).
TEXT_PAD_X, TEXT_PAD_Y = 6.0, 4.0
#: Margins of the figure in px: lane names on the left, the legend on top.
MARGIN = dict(l=128, r=8, t=38, b=6)
#: Boards up to this many stickies are packed (lanes stack stickies) to fit the screen;
#: larger ones keep the plain timeline, drawn a window of columns at a time.
PACK_LIMIT = 300
#: Columns drawn at once (viewport culling): a 10,000-sticky board draws a few hundred.
WINDOW_COLUMNS = 48
#: Spacing of the picture's layout, in board units (a card is 1.6 × 1.0).
SPACING = dict(gap=0.26, row_gap=0.14, padding=0.18)


def picture_layout(board: Board) -> BoardLayout:
    """The layout the picture draws: the plain timeline when the whole board fits
    :data:`FIT_WIDTH` × :data:`FIT_HEIGHT` with texts readable; else the lanes wrap into
    rows (see :func:`eventstorming.layout.pack_columns`) at the width that shows the
    whole board largest, and when no width fits the screen at :data:`MIN_SCALE`, at the
    screen's width (the page then scrolls down, lane by lane). Boards over
    :data:`PACK_LIMIT` stickies keep the timeline and scroll sideways."""
    columns = assign_columns(board)
    plain = layout_board(board, columns=columns, **SPACING)
    if fit_scale(plain) >= MIN_SCALE or len(board.stickies) > PACK_LIMIT:
        return plain
    step = plain.column_width
    widest = max(1, int(FIT_WIDTH // (MIN_SCALE * step)))
    narrowest = max(1, int(FIT_WIDTH // (MAX_SCALE * step)))
    candidates = [layout_board(board, columns=columns, width=width, **SPACING)
                  for width in range(narrowest, widest + 1)]
    best = max(candidates, key=lambda layout: (min(fit_scale(layout), MAX_SCALE),
                                               layout.columns))
    return best if fit_scale(best) >= MIN_SCALE else candidates[-1]


def fit_scale(layout: BoardLayout) -> float:
    """Pixels per board unit at which the whole of ``layout`` fits FIT_WIDTH × FIT_HEIGHT."""
    return min(FIT_WIDTH / max(layout.width, 1e-9), FIT_HEIGHT / (layout.height + 0.1))


def picture_scale(layout: BoardLayout) -> float:
    """Pixels per board unit the picture draws ``layout`` at: the whole board when that
    keeps texts readable, else :data:`MIN_SCALE` (and the picture scrolls sideways)."""
    return max(MIN_SCALE, min(fit_scale(layout), MAX_SCALE))


def figure_height(layout: BoardLayout) -> int:
    """The figure's height in px: the lanes at the picture's scale, plus the margins."""
    return int(round((layout.height + 0.1) * picture_scale(layout))) + MARGIN["t"] + MARGIN["b"]


def window(layout: BoardLayout, start: int = 0) -> tuple[int, int]:
    """The columns ``[first, last)`` drawn when the picture starts at column ``start``:
    all of them for a board of up to :data:`WINDOW_COLUMNS` columns."""
    if layout.columns <= WINDOW_COLUMNS:
        return 0, max(layout.columns, 1)
    first = max(0, min(start, layout.columns - WINDOW_COLUMNS))
    return first, first + WINDOW_COLUMNS


def window_start(layout: BoardLayout, sticky_id: str | None, current: int = 0) -> int:
    """The window start that shows ``sticky_id`` (``current`` when it is shown already)."""
    first, last = window(layout, current)
    if not sticky_id or not any(c.id == sticky_id for c in layout.cards):
        return first
    column = layout.card(sticky_id).column
    if first <= column < last:
        return first
    return window(layout, column - WINDOW_COLUMNS // 3)[0]


def sticky_texts(card: Card, scale: float) -> FittedText:
    """The text of ``card`` wrapped and sized to fit inside it at ``scale`` px per unit."""
    text = f"⚠ {card.text}" if card.hotspot else card.text
    return fit_text(text, (card.x1 - card.x0) * scale - 2 * TEXT_PAD_X,
                    (card.y1 - card.y0) * scale - 2 * TEXT_PAD_Y, min_size=MIN_FONT,
                    max_size=MAX_FONT, bold=card.hotspot)


def board_figure(layout: BoardLayout, hints: Mapping[str, list[str]] | None = None,
                 selected: str | None = None, revision: str = "",
                 start: int = 0) -> go.Figure:
    """The plotly figure of a board layout; ``hints`` are grammar hints by sticky id.

    The picture has one scale (:func:`picture_scale`) in both directions and no zoom
    (zooming would only grow the stickies, never their fixed-size texts), so a sticky's
    text, wrapped and sized to fit the sticky at that scale, always stays inside it: no two
    texts overlap. Only the columns of :func:`window` from ``start`` are drawn (all of them
    on boards that fit the screen).
    A ``selected`` sticky is outlined, and when the board is wider than the screen the
    picture is centred on it.
    """
    hints = hints or {}
    scale = picture_scale(layout)
    first, last = window(layout, window_start(layout, selected, start))
    cards = [c for c in layout.cards if first <= c.column < last]
    shown_ids = {c.id for c in cards}
    step = layout.column_width
    left = (first - 0.5) * step
    traces: list[dict] = []   # plain dicts: plotly's validation took most of the time
    shapes = []
    annotations = []
    for index, band in enumerate(layout.bands):
        fill = "#F1F3F5" if index % 2 == 0 else "#FFFFFF"
        shapes.append(dict(
            type="rect", xref="paper", x0=0, x1=1, yref="y", y0=band.y0, y1=band.y1,
            fillcolor=fill, line=dict(width=0), layer="below"))
        shapes.append(dict(
            type="rect", xref="paper", xsizemode="pixel", xanchor=0, x0=-MARGIN["l"] + 2,
            x1=0, yref="y", y0=band.y0, y1=band.y1, fillcolor=fill, line=dict(width=0),
            layer="below"))
        shapes.append(dict(type="line", xref="paper", xsizemode="pixel", xanchor=0,
                           x0=-MARGIN["l"] + 2, x1=10_000, yref="y", y0=band.y1, y1=band.y1,
                           line=dict(color="#DDE1E6", width=1), layer="below"))
        name = "<br>".join(escape(line) for line in wrap_text(band.name, 15, 3))
        annotations.append(dict(
            xref="paper", x=0, xanchor="right", xshift=-8, yref="y",
            y=(band.y0 + band.y1) / 2, yanchor="middle", align="right",
            text=f"<b>{name}</b>", showarrow=False,
            font=dict(size=12, color=LANE_NAME_COLOR)))

    # links first, so stickies are drawn over their ends
    arrows = [a for a in layout.arrows if a.source in shown_ids or a.target in shown_ids]
    if arrows:
        xs: list[float | None] = []
        ys: list[float | None] = []
        sizes: list[int] = []
        for arrow in arrows:
            points = arrow.points
            xs += [x for x, _ in points] + [None]
            ys += [y for _, y in points] + [None]
            sizes += [0] * (len(points) - 1) + [10, 0]
        traces.append(dict(type="scatter",
            x=xs, y=ys, mode="lines", line=dict(color="#7B8794", width=1.4),
            hoverinfo="skip", showlegend=False, name="links"))
        traces.append(dict(type="scatter",
            x=xs, y=ys, mode="markers", hoverinfo="skip", showlegend=False, name="arrowheads",
            marker=dict(symbol="arrow", angleref="previous", size=sizes, color="#52606D")))

    for kind in Kind:
        of_kind = [c for c in cards if c.kind == kind]
        if not of_kind:
            continue
        xs, ys = [], []
        for card in of_kind:
            for x, y in card.outline:
                xs.append(x)
                ys.append(y)
            xs.append(None)
            ys.append(None)
        hot = kind == Kind.HOTSPOT
        traces.append(dict(type="scatter",
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=of_kind[0].color,
            line=dict(color=HOTSPOT_BORDER if hot else "rgba(0,0,0,0.18)", width=3 if hot else 1),
            name=f"⚠ {t(KIND_LABELS[kind])}" if hot else t(KIND_LABELS[kind]),
            legendgroup=kind.value, hoverinfo="skip"))

    if selected in shown_ids:
        card = layout.card(selected)
        xs, ys = zip(*card.outline, strict=True)
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", hoverinfo="skip",
                                 line=dict(color=SELECTED_BORDER, width=4),
                                 name="selected", showlegend=False))

    texts, sizes_px, hovers = [], [], []
    for card in cards:
        fitted = sticky_texts(card, scale)
        lines = [escape(line) for line in fitted.lines]
        if card.hotspot:
            lines = [f"<b>{line}</b>" for line in lines]
        texts.append("<br>".join(lines))
        sizes_px.append(fitted.size)
        hover = f"<b>{t(KIND_LABELS[card.kind])}</b><br>{escape(card.text)}"
        for message in hints.get(card.id, []):
            hover += f"<br><span style='color:{HINT_COLOR}'>● {escape(message)}</span>"
        hovers.append(hover)
    if cards:
        traces.append(dict(type="scatter",
            x=[c.cx for c in cards], y=[c.cy for c in cards],
            mode="markers+text", text=texts, textposition="middle center",
            textfont=dict(size=sizes_px, color="#1F2933", family=STICKY_FONT),
            marker=dict(size=int(0.9 * scale), symbol="square", color="rgba(0,0,0,0)"),
            customdata=[c.id for c in cards], hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False, name="stickies"))

    flagged = [c for c in cards if c.id in hints]
    if flagged:
        traces.append(dict(type="scatter",
            x=[c.x1 for c in flagged], y=[c.y0 for c in flagged],
            mode="markers+text", text=["!"] * len(flagged),
            textfont=dict(size=11, color="white", family="Arial Black"),
            marker=dict(size=15, color=HINT_COLOR, line=dict(color="white", width=1.5)),
            customdata=[c.id for c in flagged],
            hovertext=["<br>".join(escape(m) for m in hints[c.id]) for c in flagged],
            hovertemplate="%{hovertext}<extra>" + t("grammar hint") + "</extra>",
            name=t("Grammar hint")))

    # One scale in both directions (x follows y, whose range is the whole board height at
    # the figure's fixed height), so a text fitted at that scale stays inside its sticky.
    # The x range given is narrow on purpose: plotly widens it to the chart's width, from
    # the left edge, or around the selected sticky (when the whole board is not on screen).
    if selected in shown_ids and layout.width * scale > FIT_WIDTH:
        centre = layout.card(selected).cx
        x_range, toward = [centre - 0.5, centre + 0.5], "center"
    else:
        x_range, toward = [left, left + 1.0], "left"
    layout_spec = dict(
        height=figure_height(layout), margin=dict(**MARGIN, autoexpand=False),
        plot_bgcolor="white", paper_bgcolor="white", dragmode="pan",
        hovermode="closest", uirevision=f"{revision}|{selected or ''}|{first}",
        shapes=shapes, annotations=annotations,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0,
                    font=dict(size=12), itemclick=False, itemdoubleclick=False),
        xaxis=dict(range=x_range, visible=False, showgrid=False, zeroline=False,
                   scaleanchor="y", scaleratio=1, constrain="range", constraintoward=toward),
        # Neither axis is fixed (plotly then refuses to pan x) nor bounded (a pan against a
        # bound squeezes that axis's range, which would break the one scale).
        yaxis=dict(range=[layout.height + 0.05, -0.05], visible=False, showgrid=False,
                   zeroline=False),
        font=dict(family="Inter, system-ui, sans-serif"),
    )
    # Built from plain dicts without plotly's per-property validation (12x faster at 270
    # stickies; every live update redraws the picture). The tests draw it in a browser.
    return go.Figure(data=traces, layout=layout_spec, _validate=False)


#: plotly options: wheel zoom, no logo, and only the tools a facilitator needs.
PLOT_CONFIG = {
    "scrollZoom": False,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage", "zoom2d", "zoomIn2d",
                               "zoomOut2d", "autoScale2d"],
    "doubleClick": "reset",
}
