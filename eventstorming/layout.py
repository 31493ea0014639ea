"""The geometry of the board picture, as plain data.

The app draws what :func:`layout_board` computes; everything that decides where a sticky
goes lives here and is tested here. Coordinates are in "board units" with ``y`` growing
downwards (the first lane is at the top), so a renderer flips the y axis.

- The timeline runs left to right: stickies are taken in timeline order (``order``, or
  ``x`` when every sticky has a drawing position) and each goes into the next free column
  of its lane, but never left of, or level with, a sticky that links to it. A chain thus
  reads left to right even across lanes, while lanes that run in parallel stay compact.
  A sticky that nothing links to (an actor, a read model) then moves to the free column
  closest before the first sticky it links to.
- Each lane is a horizontal band with its name; stickies without a lane get a band of their
  own at the top.
- A link is an arrow between the edges of two stickies, with the angle of its head. A link
  between two stickies of one lane that are not neighbours bends over the top of the
  stickies in between, through the lane's margin, instead of crossing them.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from dataclasses import dataclass

from eventstorming.model import KIND_COLORS, Board, Kind

#: Band name for stickies that are in no lane.
NO_LANE = "(no lane)"


@dataclass(frozen=True)
class Card:
    """One sticky as a rectangle ``(x0, y0)``–``(x1, y1)`` with its text wrapped in lines."""

    id: str
    kind: Kind
    text: str
    lane: str | None
    column: int
    x0: float
    y0: float
    x1: float
    y1: float
    lines: tuple[str, ...]
    color: str

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def hotspot(self) -> bool:
        return self.kind == Kind.HOTSPOT

    @property
    def outline(self) -> tuple[tuple[float, float], ...]:
        """The corners in drawing order, closed (five points)."""
        return ((self.x0, self.y0), (self.x1, self.y0), (self.x1, self.y1),
                (self.x0, self.y1), (self.x0, self.y0))


@dataclass(frozen=True)
class Band:
    """A lane: a horizontal band from ``y0`` to ``y1`` across the whole board."""

    name: str
    lane: str | None
    y0: float
    y1: float


@dataclass(frozen=True)
class Arrow:
    """A link from the edge of one card to the edge of another.

    ``angle`` is the direction of the head in degrees clockwise from "up" on screen, which
    is how plotly rotates a ``triangle-up`` marker.
    """

    source: str
    target: str
    x0: float
    y0: float
    x1: float
    y1: float
    angle: float
    label: str | None = None
    via: tuple[tuple[float, float], ...] = ()

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """The whole line: start, the bends (``via``), end."""
        return ((self.x0, self.y0), *self.via, (self.x1, self.y1))


@dataclass(frozen=True)
class BoardLayout:
    cards: tuple[Card, ...]
    bands: tuple[Band, ...]
    arrows: tuple[Arrow, ...]
    columns: int
    width: float
    height: float
    column_width: float

    def card(self, sticky_id: str) -> Card:
        for card in self.cards:
            if card.id == sticky_id:
                return card
        raise KeyError(f"no card for sticky {sticky_id!r}")

    def x_range(self, columns: int) -> tuple[float, float]:
        """The x range that shows the first ``columns`` columns (all when fewer)."""
        shown = max(1, min(columns, self.columns))
        return (-0.6 * self.column_width, (shown - 0.4) * self.column_width)


def wrap_text(text: str, width: int = 18, max_lines: int = 4) -> tuple[str, ...]:
    """``text`` in lines of at most ``width`` characters, at most ``max_lines`` of them;
    what does not fit ends in ``…``. Long words are broken."""
    if width < 2 or max_lines < 1:
        raise ValueError("wrap_text needs width >= 2 and max_lines >= 1")
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True,
                          break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        kept[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
        lines = kept
    return tuple(lines)


def timeline(board: Board) -> list[str]:
    """Sticky ids in timeline order: by ``x`` when every sticky has one, else by ``order``."""
    stickies = list(board.stickies)
    if stickies and all(s.x is not None for s in stickies):
        stickies.sort(key=lambda s: (s.x, s.order))
    else:
        stickies.sort(key=lambda s: s.order)
    return [s.id for s in stickies]


def assign_columns(board: Board) -> dict[str, int]:
    """The column of every sticky (see the module docstring for the rule)."""
    predecessors: dict[str, list[str]] = defaultdict(list)
    for link in board.links:
        predecessors[link.target].append(link.source)
    by_id = board.by_id()
    next_free: dict[str | None, int] = defaultdict(int)
    columns: dict[str, int] = {}
    for sticky_id in timeline(board):
        lane = by_id[sticky_id].lane
        column = next_free[lane]
        for source in predecessors[sticky_id]:
            if source in columns:
                column = max(column, columns[source] + 1)
        columns[sticky_id] = column
        next_free[lane] = column + 1
    # Second pass: a sticky nothing links to (an actor, a read model, a system) moves to the
    # free column closest before the first sticky it links to, so that "actor -> command"
    # reads as a pair even when the command comes late.
    successors: dict[str, list[str]] = defaultdict(list)
    for link in board.links:
        successors[link.source].append(link.target)
    taken = {(by_id[i].lane, c) for i, c in columns.items()}
    for sticky_id in reversed(timeline(board)):
        if predecessors[sticky_id] or not successors[sticky_id]:
            continue
        lane = by_id[sticky_id].lane
        taken.discard((lane, columns[sticky_id]))
        target = min(columns[t] for t in successors[sticky_id]) - 1
        while target > 0 and (lane, target) in taken:
            target -= 1
        if target >= 0 and (lane, target) not in taken:
            columns[sticky_id] = target
        taken.add((lane, columns[sticky_id]))
    return columns


def layout_board(board: Board, *, card_width: float = 1.6, card_height: float = 1.0,
                 gap: float = 0.4, padding: float = 0.3, wrap: int = 15,
                 max_lines: int = 5) -> BoardLayout:
    """Where every sticky, lane and link of ``board`` goes on the picture.

    Args:
        card_width, card_height: a sticky's size in board units.
        gap: horizontal space between two columns.
        padding: space between a sticky and the edges of its lane band.
        wrap, max_lines: characters per line and lines of a sticky's text.
    """
    if min(card_width, card_height) <= 0 or gap < 0 or padding < 0:
        raise ValueError("layout_board needs positive sizes")
    columns = assign_columns(board)
    lane_names: list[str | None] = []
    if any(s.lane is None for s in board.stickies):
        lane_names.append(None)
    lane_names.extend(board.lanes)
    band_height = card_height + 2 * padding
    bands = tuple(
        Band(name=NO_LANE if lane is None else lane, lane=lane,
             y0=index * band_height, y1=(index + 1) * band_height)
        for index, lane in enumerate(lane_names)
    )
    band_of = {band.lane: band for band in bands}
    step = card_width + gap
    cards = []
    for sticky in board.stickies:
        column = columns[sticky.id]
        band = band_of[sticky.lane]
        x0 = column * step - card_width / 2
        y0 = band.y0 + padding
        cards.append(Card(
            id=sticky.id, kind=sticky.kind, text=sticky.text, lane=sticky.lane, column=column,
            x0=x0, y0=y0, x1=x0 + card_width, y1=y0 + card_height,
            lines=wrap_text(sticky.text, wrap, max_lines), color=KIND_COLORS[sticky.kind]))
    card_of = {card.id: card for card in cards}
    arrows = tuple(_arrow(card_of[link.source], card_of[link.target], link.label, padding)
                   for link in board.links)
    n_columns = max(columns.values(), default=-1) + 1
    return BoardLayout(cards=tuple(cards), bands=bands, arrows=arrows, columns=n_columns,
                       width=max(n_columns, 1) * step, height=len(bands) * band_height,
                       column_width=step)


def _edge_point(card: Card, toward_x: float, toward_y: float) -> tuple[float, float]:
    """Where the line from the card's centre toward a point leaves the card."""
    dx, dy = toward_x - card.cx, toward_y - card.cy
    if dx == 0 and dy == 0:
        return card.cx, card.cy
    half_w, half_h = (card.x1 - card.x0) / 2, (card.y1 - card.y0) / 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return card.cx + dx * scale, card.cy + dy * scale


def _arrow(source: Card, target: Card, label: str | None, padding: float) -> Arrow:
    if source.lane == target.lane and abs(source.column - target.column) > 1:
        # over the top: up from the source, along the lane's margin, down into the target
        span = abs(source.column - target.column)
        lift = source.y0 - padding * (0.2 + 0.17 * (span % 4))   # staggered, in the margin
        via = ((source.cx, lift), (target.cx, lift))
        return Arrow(source=source.id, target=target.id, x0=source.cx, y0=source.y0,
                     x1=target.cx, y1=target.y0, angle=180.0, label=label, via=via)
    x0, y0 = _edge_point(source, target.cx, target.cy)
    x1, y1 = _edge_point(target, source.cx, source.cy)
    # y grows downwards on screen, so "up" is -y; clockwise from up: atan2(dx, -dy).
    angle = math.degrees(math.atan2(x1 - x0, -(y1 - y0))) % 360
    return Arrow(source=source.id, target=target.id, x0=x0, y0=y0, x1=x1, y1=y1,
                 angle=round(angle, 2), label=label)
