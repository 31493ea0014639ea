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
from functools import lru_cache

from eventstorming.model import KIND_COLORS, Board, Kind

#: Band name for stickies that are in no lane.
NO_LANE = "(no lane)"


@dataclass(frozen=True)
class Card:
    """One sticky as a rectangle ``(x0, y0)``–``(x1, y1)`` in column ``column``, stacked
    in ``row`` of its lane (the picture wraps the text to the size it draws it at)."""

    id: str
    kind: Kind
    text: str
    lane: str | None
    column: int
    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    row: int = 0

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
    wrapped: bool = False

    def card(self, sticky_id: str) -> Card:
        for card in self.cards:
            if card.id == sticky_id:
                return card
        raise KeyError(f"no card for sticky {sticky_id!r}")

    def x_range(self, columns: int) -> tuple[float, float]:
        """The x range that shows the first ``columns`` columns; a board with fewer keeps
        the same scale (stickies do not grow when a board is small)."""
        shown = max(1, columns)
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


#: Kinds that take a decision a read model informs.
DECIDERS = frozenset({Kind.COMMAND, Kind.ACTOR, Kind.POLICY})


def assign_columns(board: Board) -> dict[str, int]:
    """The timeline column of every sticky (see the module docstring for the rule)."""
    predecessors: dict[str, list[str]] = defaultdict(list)
    successors: dict[str, list[str]] = defaultdict(list)
    for link in board.links:
        predecessors[link.target].append(link.source)
        successors[link.source].append(link.target)
    by_id = board.by_id()
    order = timeline(board)
    next_free: dict[str | None, int] = defaultdict(int)
    columns: dict[str, int] = {}
    for sticky_id in order:
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
    taken = {(by_id[i].lane, c) for i, c in columns.items()}
    for sticky_id in reversed(order):
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
    _read_models_first(board, order, columns, successors, taken)
    return columns


def _read_models_first(board: Board, order: list[str], columns: dict[str, int],
                       successors: dict[str, list[str]],
                       taken: set[tuple[str | None, int]]) -> None:
    """Third pass: a read model is read *before* the decision it informs (a command, an
    actor or a policy it links to), so it goes to the free column of its lane closest
    before the first of them, even when an event that updates it comes later. When its
    lane has no free column there, a column is inserted just before the decision."""
    by_id = board.by_id()
    inserts: dict[int, dict[str | None, list[str]]] = defaultdict(lambda: defaultdict(list))
    for sticky_id in order:
        sticky = by_id[sticky_id]
        decisions = [columns[t] for t in successors[sticky_id] if by_id[t].kind in DECIDERS]
        if sticky.kind != Kind.READMODEL or not decisions:
            continue
        decision = min(decisions)
        if columns[sticky_id] < decision:
            continue
        taken.discard((sticky.lane, columns[sticky_id]))
        target = decision - 1
        while target >= 0 and (sticky.lane, target) in taken:
            target -= 1
        if target >= 0:
            columns[sticky_id] = target
            taken.add((sticky.lane, target))
        else:
            inserts[decision][sticky.lane].append(sticky_id)
    if not inserts:
        return
    # Insert, before each such decision column, as many columns as one lane needs.
    points = sorted(inserts)
    widths = [max(len(ids) for ids in inserts[p].values()) for p in points]
    moved = {i for p in points for ids in inserts[p].values() for i in ids}

    def shifted(column: int) -> int:
        return column + sum(w for p, w in zip(points, widths, strict=True) if p <= column)

    for sticky_id, column in list(columns.items()):
        if sticky_id not in moved:
            columns[sticky_id] = shifted(column)
    for point, width in zip(points, widths, strict=True):
        start = shifted(point) - width
        for ids in inserts[point].values():
            for offset, sticky_id in enumerate(ids):
                columns[sticky_id] = start + offset


def pack_columns(board: Board, columns: dict[str, int], width: int | None = None
                 ) -> dict[str, tuple[int, int]]:
    """``(column, row)`` of every sticky when the board may be at most ``width`` columns
    wide: the compact picture of a whole board. ``None`` is the plain timeline
    (``columns``, one row per lane).

    Stickies are taken in timeline order. Each lane fills its row left to right and, at
    the right edge, goes on in a new row of the lane, the way text wraps into lines. A
    sticky never goes left of a sticky of another lane that links to it on the same row
    (it may stand right under it), and a read model goes left of the decision it informs.
    """
    if width is None:
        return {sticky_id: (column, 0) for sticky_id, column in columns.items()}
    if width < 1:
        raise ValueError("pack_columns needs width >= 1")
    by_id = board.by_id()
    predecessors: dict[str, list[str]] = defaultdict(list)
    for link in board.links:
        predecessors[link.target].append(link.source)
    cursor: dict[str | None, tuple[int, int]] = {}     # lane -> next free (column, row)
    placed: dict[str, tuple[int, int]] = {}
    for sticky_id in sorted(columns, key=lambda i: (columns[i], by_id[i].order)):
        sticky = by_id[sticky_id]
        column, row = cursor.get(sticky.lane, (0, 0))
        for source in predecessors[sticky_id]:
            if source not in placed or by_id[source].lane == sticky.lane:
                continue
            strict = by_id[source].kind == Kind.READMODEL and sticky.kind in DECIDERS
            column = max(column, placed[source][0] + (1 if strict else 0))
        if column >= width:
            column, row = 0, row + 1
        placed[sticky_id] = (column, row)
        cursor[sticky.lane] = (column + 1, row)
    return placed


def layout_board(board: Board, *, width: int | None = None, card_width: float = 1.6,
                 card_height: float = 1.0, gap: float = 0.4, row_gap: float = 0.2,
                 padding: float = 0.3, columns: dict[str, int] | None = None) -> BoardLayout:
    """Where every sticky, lane and link of ``board`` goes on the picture.

    Args:
        width: at most this many columns, a lane going on in a new row at the right edge
            (see :func:`pack_columns`); ``None`` is the plain timeline.
        card_width, card_height: a sticky's size in board units.
        gap, row_gap: space between two columns, and between two stacked stickies.
        padding: space between a sticky and the edges of its lane band.
        columns: the timeline columns when already computed (:func:`assign_columns`).
    """
    if min(card_width, card_height) <= 0 or min(gap, row_gap, padding) < 0:
        raise ValueError("layout_board needs positive sizes")
    spots = pack_columns(board, assign_columns(board) if columns is None else columns,
                         width)
    lane_names: list[str | None] = []
    if any(s.lane is None for s in board.stickies):
        lane_names.append(None)
    lane_names.extend(board.lanes)
    lane_rows: dict[str | None, int] = defaultdict(lambda: 1)
    for sticky in board.stickies:
        lane_rows[sticky.lane] = max(lane_rows[sticky.lane], spots[sticky.id][1] + 1)
    bands = []
    top = 0.0
    for lane in lane_names:
        height = lane_rows[lane] * card_height + (lane_rows[lane] - 1) * row_gap + 2 * padding
        bands.append(Band(name=NO_LANE if lane is None else lane, lane=lane,
                          y0=top, y1=top + height))
        top += height
    band_of = {band.lane: band for band in bands}
    step = card_width + gap
    cards = []
    for sticky in board.stickies:
        column, row = spots[sticky.id]
        band = band_of[sticky.lane]
        x0 = column * step - card_width / 2
        y0 = band.y0 + padding + row * (card_height + row_gap)
        cards.append(Card(
            id=sticky.id, kind=sticky.kind, text=sticky.text, lane=sticky.lane, column=column,
            x0=x0, y0=y0, x1=x0 + card_width, y1=y0 + card_height,
            color=KIND_COLORS[sticky.kind], row=row))
    card_of = {card.id: card for card in cards}
    arrows = tuple(_arrow(card_of[link.source], card_of[link.target], link.label, padding,
                          band_of[card_of[link.source].lane].y0)
                   for link in board.links)
    n_columns = max((c for c, _ in spots.values()), default=-1) + 1
    return BoardLayout(cards=tuple(cards), bands=tuple(bands), arrows=arrows,
                       columns=n_columns, width=max(n_columns, 1) * step, height=top,
                       column_width=step, wrapped=width is not None)


def _edge_point(card: Card, toward_x: float, toward_y: float) -> tuple[float, float]:
    """Where the line from the card's centre toward a point leaves the card."""
    dx, dy = toward_x - card.cx, toward_y - card.cy
    if dx == 0 and dy == 0:
        return card.cx, card.cy
    half_w, half_h = (card.x1 - card.x0) / 2, (card.y1 - card.y0) / 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return card.cx + dx * scale, card.cy + dy * scale


def _arrow(source: Card, target: Card, label: str | None, padding: float,
           band_top: float) -> Arrow:
    if (source.lane == target.lane and source.row == target.row
            and abs(source.column - target.column) > 1):
        # over the top: up from the source, along the lane's margin, down into the target
        span = abs(source.column - target.column)
        lift = band_top + padding * (0.8 - 0.17 * (span % 4))   # staggered, in the margin
        via = ((source.cx, lift), (target.cx, lift))
        return Arrow(source=source.id, target=target.id, x0=source.cx, y0=source.y0,
                     x1=target.cx, y1=target.y0, angle=180.0, label=label, via=via)
    x0, y0 = _edge_point(source, target.cx, target.cy)
    x1, y1 = _edge_point(target, source.cx, source.cy)
    # y grows downwards on screen, so "up" is -y; clockwise from up: atan2(dx, -dy).
    angle = math.degrees(math.atan2(x1 - x0, -(y1 - y0))) % 360
    return Arrow(source=source.id, target=target.id, x0=x0, y0=y0, x1=x1, y1=y1,
                 angle=round(angle, 2), label=label)


# --------------------------------------------------------------------------- text in a box

#: Advance widths of Arial/Helvetica (Liberation Sans has the same metrics), in 1/1000 em,
#: for the printable ASCII characters from the space on; the picture draws sticky texts in
#: that font so that a text measured here fits its sticky on screen.
_ARIAL = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
#: Bold text is up to a tenth wider; other scripts are measured generously.
_BOLD = 1.1
_OTHER, _WIDE = 667, 1000


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in px of ``text`` in Arial at ``size`` px (a close upper estimate)."""
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code < 127:
            total += _ARIAL[code - 32]
        else:
            total += _WIDE if code >= 0x2E80 or 0x2600 <= code < 0x2800 else _OTHER
    return total * size / 1000 * (_BOLD if bold else 1.0)


def _wrap_px(text: str, width: float, size: float, bold: bool) -> list[str]:
    """Greedy word wrap to lines at most ``width`` px wide; a word too long for a line is
    broken (with a hyphen when the word goes on)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        while text_width(word, size, bold) > width:
            cut = 1
            while cut < len(word) and text_width(word[:cut + 1] + "-", size, bold) <= width:
                cut += 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


#: Line height of multi-line text, as a multiple of the font size (plotly's spacing).
LINE_HEIGHT = 1.3


@dataclass(frozen=True)
class FittedText:
    """A text wrapped to fit a box: its ``lines`` at font ``size`` px; ``cut`` when the text
    did not fit even at the smallest size and ends in ``…``."""

    lines: tuple[str, ...]
    size: float
    cut: bool = False


@lru_cache(maxsize=50_000)   # pure; a live board redraws the same texts on every update
def fit_text(text: str, width: float, height: float, *, min_size: float = 11,
             max_size: float = 14, bold: bool = False) -> FittedText:
    """``text`` wrapped into a box of ``width`` × ``height`` px at the largest font size
    from ``max_size`` down to ``min_size`` (in half-pixel steps) at which it fits whole;
    at ``min_size`` what does not fit is cut off with ``…``. Never returns a line wider
    than ``width`` or more lines than fit ``height``."""
    if min_size <= 0 or max_size < min_size:
        raise ValueError("fit_text needs 0 < min_size <= max_size")
    words = " ".join(text.split())
    size = max_size
    while True:
        capacity = max(1, int(height // (size * LINE_HEIGHT)))
        lines = _wrap_px(words, width, size, bold)
        if len(lines) <= capacity:
            return FittedText(tuple(lines), size)
        if size - 0.5 < min_size:
            break
        size -= 0.5
    kept = lines[:capacity]
    last = kept[-1].rstrip("-")
    while last and text_width(last + "…", size, bold) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + "…"
    return FittedText(tuple(kept), size, cut=True)
