"""What every importer shares: the drawing it reads, clean texts, checked fields, limits,
and :func:`assemble`, which turns a drawing into a board and a report in words.

Each tool's reader only translates its file into a :class:`Drawing` (shapes with text,
colour and geometry; free texts; frames; connectors; what it skipped). Everything that
decides what the drawing *means* lives here, once: kinds from colours, lanes from frames
or horizontal bands, timeline order from x, which shape a free text belongs to, and the
identity of stickies.

Identity: the same kind and text is the same sticky (the rule of the ``.storm`` format),
so an actor drawn five times along the timeline is one actor with five links. Hotspots
and notes are the exception (``merge=False``): two "?" stickies are two questions about
two different places.
"""

from __future__ import annotations

import bisect
import html
import json
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eventstorming.builder import BoardBuilder
from eventstorming.errors import BoardFormatError
from eventstorming.formats.importers.colors import Classifier, Look, to_hex
from eventstorming.model import (
    MAX_ELEMENTS,
    MAX_STICKY_CHARS,
    MAX_TEXT_CHARS,  # noqa: F401 - re-exported by eventstorming.formats.importers
    AttrValue,
    Board,
    Kind,
    fold,
)
from eventstorming.model import clean_text as clean_model_text

#: (:data:`MAX_ELEMENTS` is the one element limit of every reader, kept in the model.)
#: Kinds whose stickies are never merged by text: each one is a remark about one place.
UNMERGED_KINDS = frozenset({Kind.HOTSPOT, Kind.NOTE})
#: Fewest stickies in a horizontal band without a name for it to be a lane of its own.
MIN_BAND_STICKIES = 3
#: Frame names that say the frame explains the notation, not the process.
_LEGEND_NAME = re.compile(r"^\W*(legend|legende|legenda|légende|key|colou?r key|notation|"
                          r"how to read)\b", re.I)
#: Sticky texts that only name a kind: a frame made mostly of them is a legend.
_KIND_WORDS = frozenset({
    "event", "events", "domain event", "command", "commands", "actor", "role", "user",
    "persona", "policy", "process", "reaction", "read model", "readmodel", "view",
    "information", "document", "projection", "ui", "ui / api / job", "aggregate", "system",
    "external system", "hotspot", "hot spot", "opportunity", "note", "comment", "decision",
    "ereignis", "befehl", "akteur", "regel", "lesemodell", "aggregat", "fremdsystem",
})

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_ATTRS = r"""(?:[^>"']++|"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))*+"""
#: One HTML tag, comment or declaration. Attribute values in quotes may hold ``>`` (an
#: ``<img src="data:image/svg+xml;utf8,<svg ...>">`` icon does). A tag, quote or comment that
#: never ends runs to the end of the text (hidden, as in a browser), so no match is tried
#: twice over the same text: hostile labels cost linear time.
_TAG = re.compile(r"<(?:!--.*?(?:-->|\Z)|/?[A-Za-z][\w:.-]*+" + _ATTRS + r"(?:>|\Z)"
                  r"|[!?][^>]*+(?:>|\Z))", re.S)
#: Tags that end a line of text: they become a space.
_BREAK = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|td|th|hr|h[1-6]|blockquote|pre|table|section)"
                    r"\b" + _ATTRS + r"(?:>|\Z)", re.I)
#: Elements whose content is never text: inline icons, styles, scripts (with their content).
_HIDDEN = re.compile(r"<(svg|style|script|math|template|title|object|iframe)\b" + _ATTRS
                     + r"(?:(?<=/)>|>.*?(?:</\1\s*>|\Z)|\Z)", re.S | re.I)


def strip_markup(value: str) -> str:
    """The text of an HTML label: tags dropped, inline ``<svg>`` icons, styles and scripts
    dropped with their content, line-ending tags (``<br>``, ``</div>``, ``<hr>``) as spaces;
    entities are left for :func:`html.unescape`."""
    if "<" not in value:
        return value
    return _TAG.sub("", _BREAK.sub(" ", _HIDDEN.sub("", value)))


def has_markup(value: str) -> bool:
    """Whether a text holds an HTML tag (what no imported text should)."""
    return any(match.group(0)[1:2] not in "!?" for match in _TAG.finditer(value))


def clean_text(value: str, markup: bool = True) -> str:
    """Plain text from a label: ``<br>``, ``</p>`` and friends become spaces, other tags
    go, inline icons (``<svg>``, ``<img>``) go with their content, entities (``&nbsp;``,
    ``&amp;``, ``&#8217;``) are decoded, white space is folded.
    With ``markup=False`` (Excalidraw, whose texts are plain) only white space is folded.
    """
    if markup:
        value = html.unescape(strip_markup(value))
    value = clean_model_text(value).replace("\u00a0", " ").replace("\u200b", "")
    return " ".join(value.split())


def safe_id(value: object) -> str | None:
    """A tool's own id, kept when it is a short plain token; ``None`` otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _SAFE_ID.match(value):
        return value
    return None


def load_json(text: str, source: str) -> Any:
    """Parse JSON, turning every way it can fail into one :class:`BoardFormatError`."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise BoardFormatError("the JSON is nested too deeply to be a board",
                               source=source) from None
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        problem = ("the JSON ends too early (is the file cut off?)" if cut
                   else f"not valid JSON: {exc.msg}")
        raise BoardFormatError(problem, source=source, line=exc.lineno) from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise BoardFormatError(f"a value cannot be read ({str(exc).split(';')[0]})",
                               source=source) from None
    return _clean_strings(data) if _ESCAPED_SURROGATE.search(text) else data


#: ``\ud800`` … ``\udfff`` written as a JSON escape: a lone one decodes to a string that
#: cannot be written as UTF-8.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _clean_strings(data: Any) -> Any:
    """The data with every text cleaned as the model cleans it (lone surrogates replaced),
    walked without recursion."""
    def fix(value: Any) -> Any:
        return clean_model_text(value) if isinstance(value, str) else value

    root = [data]
    stack: list[list[Any] | dict[str, Any]] = [root]
    while stack:
        item = stack.pop()
        pairs = list(item.items()) if isinstance(item, dict) else list(enumerate(item))
        if isinstance(item, dict):
            item.clear()
        for key, value in pairs:
            item[fix(key)] = fix(value)
            if isinstance(value, dict | list):
                stack.append(value)
    return root[0]


class Fields:
    """Typed access to one mapping of a file, with errors that name the path.

    ``None`` (JSON ``null``) counts as missing; a value of the wrong type is an error
    that says where (``elements[3].x must be a number, not a text``).
    """

    _TYPE_WORDS = {str: "a text", int: "a number", float: "a number", bool: "true or false",
                   list: "a list", dict: "a mapping", type(None): "null"}

    def __init__(self, data: Any, path: str, source: str) -> None:
        if not isinstance(data, dict):
            raise BoardFormatError(f"{path} must be a mapping, not {self._word(data)}",
                                   source=source)
        self.data, self.path, self.source = data, path, source

    def _word(self, value: Any) -> str:
        return self._TYPE_WORDS.get(type(value), type(value).__name__)

    def _fail(self, key: str, expected: str, value: Any) -> BoardFormatError:
        return BoardFormatError(f"{self.path}.{key} must be {expected}, not "
                                f"{self._word(value)}", source=self.source)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def str(self, key: str, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self._fail(key, "a text", value)
        return value

    def num(self, key: str, default: float = 0.0) -> float:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise self._fail(key, "a number", value) from None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._fail(key, "a number", value)
        if not math.isfinite(value) or abs(value) > 1e12:
            raise BoardFormatError(f"{self.path}.{key} must be a finite number of "
                                   f"reasonable size", source=self.source)
        return float(value)

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self._fail(key, "true or false", value)
        return value

    def list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._fail(key, "a list", value)
        return value

    def obj(self, key: str) -> Fields | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self._fail(key, "a mapping", value)
        return Fields(value, f"{self.path}.{key}", self.source)

    def id(self, key: str = "id") -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self._fail(key, "a text", value)
        return value


def check_count(count: int, what: str, source: str) -> None:
    """Refuse files with more than :data:`MAX_ELEMENTS` elements, before reading them."""
    if count > MAX_ELEMENTS:
        raise BoardFormatError(f"the file has {count:,} {what}; the limit is "
                               f"{MAX_ELEMENTS:,}", source=source)


@dataclass
class Shape:
    """One shape of a drawing that may be a sticky: its text, look and centre."""

    id: str
    text: str
    cx: float
    cy: float
    width: float = 0.0
    height: float = 0.0
    color: str | None = None
    angle: float = 0.0
    sticky_note: bool = False
    kind: Kind | None = None  #: from a typed format (prooph board, our own export)
    frame: str | None = None  #: id of the frame it belongs to
    attrs: dict[str, AttrValue] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    #: drawn as an icon only, its text is the name of its type: never merged with another
    named_by_type: bool = False
    #: its place on the timeline, where the file says (an mlcanvas export): then the
    #: place is not read from the geometry, and the sticky is never merged with another
    rank: int | None = None

    def contains(self, x: float, y: float) -> bool:
        return (abs(x - self.cx) <= self.width / 2 + 1e-6
                and abs(y - self.cy) <= self.height / 2 + 1e-6)


@dataclass
class FreeText:
    """A text on its own: a title, a lane label, or the text of the shape it lies on."""

    id: str
    text: str
    cx: float
    cy: float
    frame: str | None = None


@dataclass
class Frame:
    """A frame, container or swimlane: its name becomes a lane."""

    id: str
    name: str
    cx: float = 0.0
    cy: float = 0.0
    parent: str | None = None  #: the frame this one sits in, if any


@dataclass
class Connection:
    """A connector or arrow between two elements (by the tool's ids)."""

    source: str | None
    target: str | None
    label: str | None = None


@dataclass
class Drawing:
    """What a reader found in a file, before anything is decided about its meaning."""

    format_label: str  #: the format in words, for the report ("Excalidraw")
    title: str = ""  #: empty: the importer names the board after the file
    shapes: list[Shape] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    #: other ids that stand for a shape (a bound text stands for its container)
    aliases: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    frame_words: str = "frames"  #: what the tool calls its frames, for the report


#: Plurals of the things the report counts.
_PLURALS = {
    "free text": "free texts", "icon": "icons", "image": "images",
    "freehand drawing": "freehand drawings", "empty shape": "empty shapes",
    "line": "lines", "card": "cards", "embed": "embeds",
    "document": "documents", "connector": "connectors", "deleted element": "deleted elements",
    "connector without two stickies": "connectors without a sticky at both ends",
    "element of unknown type": "elements of unknown types", "group": "groups",
    "table": "tables", "mind map node": "mind map nodes", "misc element": "misc elements",
    "edge label": "edge labels",
    "shape in a colour mapped to skip": "shapes in colours mapped to skip",
    "sticky": "stickies", "repeated sticky": "repeated stickies",
    "icon-only sticky": "icon-only stickies", "link in a legend": "links in legends",
}


def plural(count: int, noun: str) -> str:
    """``1 icon``, ``18 icons``."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {_PLURALS.get(noun, noun + 's')}"


def words_list(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _median(values: Iterable[float]) -> float:
    values = [v for v in values if v > 0]
    return statistics.median(values) if values else 0.0


def _bands(shapes: list[Shape]) -> list[list[Shape]]:
    """Shapes grouped into horizontal bands: a new band starts where the vertical gap
    between one row and the next is larger than one and a half typical shapes."""
    if not shapes:
        return []
    gap = 1.5 * max(_median(s.height for s in shapes), 1.0)
    ordered = sorted(shapes, key=lambda s: s.cy)
    bands: list[list[Shape]] = [[ordered[0]]]
    bottom = ordered[0].cy + ordered[0].height / 2
    for shape in ordered[1:]:
        top = shape.cy - shape.height / 2
        if top - bottom > gap:
            bands.append([])
        bands[-1].append(shape)
        bottom = max(bottom, shape.cy + shape.height / 2)
    return bands


class _TextIndex:
    """Shapes by grid cell, to find the shape a free text lies on without comparing
    every text with every shape.

    Each shape sits on the finest of several grids (cells 400, 3,200, 25,600 … wide) on
    which it covers at most 64 cells, so a large shape is compared only with the texts
    near it. Identical rectangles are kept once (the first, as the smallest shape wins
    and the first wins a tie), and the comparisons of one drawing are capped at
    :attr:`BUDGET`: past it the remaining texts stay free texts (a drawing of thousands of
    shapes stacked on one spot), which keeps the time linear in the size of the file."""

    CELL = 400.0
    MAX_CELLS = 64
    BUDGET = 2_000_000

    def __init__(self, shapes: list[Shape]) -> None:
        self.levels: list[tuple[float, dict[tuple[int, int], list[Shape]]]] = []
        self.budget = self.BUDGET
        seen: set[tuple[float, float, float, float]] = set()
        for shape in sorted(shapes, key=lambda s: s.width * s.height):
            box = (shape.cx, shape.cy, shape.width, shape.height)
            if box in seen:
                continue
            seen.add(box)
            half_w, half_h = shape.width / 2, shape.height / 2
            level, size = 0, self.CELL
            while True:
                x0, x1 = math.floor((shape.cx - half_w) / size), math.floor((shape.cx + half_w)
                                                                            / size)
                y0, y1 = math.floor((shape.cy - half_h) / size), math.floor((shape.cy + half_h)
                                                                            / size)
                if (x1 - x0 + 1) * (y1 - y0 + 1) <= self.MAX_CELLS:
                    break
                level, size = level + 1, size * 8
            while len(self.levels) <= level:
                self.levels.append((self.CELL * 8 ** len(self.levels), {}))
            cells = self.levels[level][1]
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    cells.setdefault((cx, cy), []).append(shape)

    def at(self, x: float, y: float) -> Shape | None:
        best: Shape | None = None
        for size, cells in self.levels:
            for shape in cells.get((math.floor(x / size), math.floor(y / size)), ()):
                self.budget -= 1
                if self.budget < 0:
                    return best
                if shape.contains(x, y):  # cells hold shapes smallest first
                    if best is None or shape.width * shape.height < best.width * best.height:
                        best = shape
                    break
        return best


def assemble(drawing: Drawing, source: str,
             colors: Mapping[str, Kind | None] | None = None) -> tuple[Board, tuple[str, ...]]:
    """Turn what a reader found into a board, and say in words what was recognised
    and what was skipped.

    Raises:
        BoardFormatError: the drawing holds no sticky with a kind (says why).
    """
    skipped = Counter(drawing.skipped)
    _unique_ids(drawing.shapes)
    loose = _attach_free_texts(drawing)
    kinds, by_color, unknown = _classify(drawing.shapes, colors, skipped)
    placed = [s for s in drawing.shapes if s.id in kinds]
    if not placed:
        why = ("none of its shapes has a colour that means a kind"
               if any(s.text for s in drawing.shapes) else "it holds no shapes with text")
        raise BoardFormatError(f"no stickies found in this {drawing.format_label} file: {why}"
                               + _color_hint(unknown), source=source)
    # An mlcanvas export says where each sticky goes: no legends, no copies to weigh.
    ranked = all(s.rank is not None for s in placed)
    legends = set() if ranked else _legend_frames(drawing, placed)
    legend_ids: set[str] = set()
    if legends:
        placed, legend_ids = _legend_notes(drawing, placed, legends, kinds)
    lanes, lane_of, loose, lane_note = _lanes(drawing, placed, loose, legends)
    if loose:
        skipped["free text"] += len(loose)
    home = {} if ranked else _homes(drawing, placed, kinds)
    try:
        return _build(drawing, placed, kinds, (lanes, lane_of, lane_note), by_color, unknown,
                      skipped, (home, ranked, legend_ids, legends))
    except ValueError as exc:  # the builder's element limit, over all pages of a file
        raise BoardFormatError(str(exc), source=source) from None


def _build(drawing: Drawing, placed: list[Shape], kinds: dict[str, Kind],
           lanes_found: tuple[list[str], dict[str, str | None], str | None],
           by_color: Counter[tuple[str, Kind]], unknown: Counter[str],
           skipped: Counter[str],
           copies: tuple[dict[str, Shape], bool, set[str], set[str]]
           ) -> tuple[Board, tuple[str, ...]]:
    """The board and its report from the classified shapes of :func:`assemble`
    (``copies``: the copy of each repeated sticky that counts, whether an mlcanvas export
    ranks them, the ids of legend stickies, the legend frames)."""
    lanes, lane_of, lane_note = lanes_found
    home, ranked, legend_ids, legends = copies

    # Build in timeline order: left to right, then top to bottom.
    builder = BoardBuilder(drawing.title or "Untitled board")
    builder.metadata.update(drawing.metadata)
    for lane in lanes:
        builder.lane(lane)
    ids: dict[str, str] = {}
    seen: set[str] = set()
    shortened = merged = 0
    def timeline(shape: Shape) -> tuple[float, float, float, bool, float, float]:
        first = home.get(shape.id, shape)  # the copy of a repeated sticky that counts
        rank = float(shape.rank) if ranked and shape.rank is not None else 0.0
        return rank, first.cx, first.cy, first is not shape, shape.cx, shape.cy

    for shape in sorted(placed, key=timeline):
        kind, text = kinds[shape.id], shape.text
        if len(text) > MAX_STICKY_CHARS:
            text = text[:MAX_STICKY_CHARS - 1].rstrip() + "…"
            shortened += 1
        new_id = builder.sticky(kind, text, lane=lane_of.get(shape.id), attrs=shape.attrs,
                                tags=shape.tags, id=safe_id(shape.id), x=shape.cx, y=shape.cy,
                                merge=(kind not in UNMERGED_KINDS and not shape.named_by_type
                                       and shape.rank is None))
        merged += new_id in seen
        seen.add(new_id)
        ids[shape.id] = new_id
    for alias, target in drawing.aliases.items():
        if target in ids:
            ids.setdefault(alias, ids[target])
    for connection in drawing.connections:
        start, end = ids.get(connection.source or ""), ids.get(connection.target or "")
        if legend_ids & {connection.source, connection.target}:
            skipped["link in a legend"] += 1
        elif start is None or end is None:
            skipped["connector without two stickies"] += 1
        elif start != end:
            builder.link(start, end, connection.label or None)
    board = builder.build()

    counts = ", ".join(f"{n} {k}" for k, n in board.counts().items())
    report = [f"read {plural(len(board.stickies), 'sticky')} ({counts}), "
              f"{plural(len(board.links), 'link')} and {plural(len(board.lanes), 'lane')} "
              f"from {drawing.format_label}"]
    if by_color:
        parts = [f"{color} as {kind.value} ({n})" for (color, kind), n in
                 sorted(by_color.items(), key=lambda item: -item[1])[:8]]
        report.append("kinds from colours: " + ", ".join(parts))
    if lane_note:
        report.append(lane_note)
    named = sum(s.named_by_type for s in placed)
    if named:
        report.append(f"kept {plural(named, 'icon-only sticky')}, named after "
                      f"{'its' if named == 1 else 'their'} type")
    if legends:
        report.append(f"read {plural(len(legends), 'legend frame')} as notes")
    if merged:
        report.append(f"merged {plural(merged, 'repeated sticky')} (same kind and text) into "
                      f"the first of each")
    if shortened:
        report.append(f"shortened {plural(shortened, 'text')} longer than "
                      f"{MAX_STICKY_CHARS:,} characters")
    if skipped:
        report.append("skipped " + words_list([plural(n, what) for what, n in
                                               skipped.most_common()]))
    for color, n in unknown.most_common(5):
        verb = "has" if n == 1 else "have"
        if color == "no fill":
            report.append(f"{plural(n, 'shape')} without a fill colour {verb} no kind")
        else:
            report.append(f"{plural(n, 'shape')} in colour {color} {verb} no kind — map it "
                          f"with --colors")
    return board, tuple(report)


def _unique_ids(shapes: list[Shape]) -> None:
    """Two elements with one id (a broken or hand-edited file): the first keeps it."""
    taken: set[str] = set()
    for number, shape in enumerate(shapes):
        if shape.id in taken:
            shape.id = f"{shape.id}~{number}"
        taken.add(shape.id)


def _attach_free_texts(drawing: Drawing) -> list[FreeText]:
    """Free texts lying on a shape become (part of) that shape's text; the others are
    returned (titles, lane labels, remarks)."""
    index = _TextIndex(drawing.shapes)
    loose: list[FreeText] = []
    for text in drawing.texts:
        shape = index.at(text.cx, text.cy)
        if shape is None:
            loose.append(text)
            continue
        shape.text = f"{shape.text} {text.text}".strip()
        drawing.aliases.setdefault(text.id, shape.id)
    return loose


def _classify(shapes: list[Shape], colors: Mapping[str, Kind | None] | None,
              skipped: Counter[str]) -> tuple[dict[str, Kind], Counter[tuple[str, Kind]],
                                              Counter[str]]:
    """Kinds of the shapes with text: from a typed format, else from colour and shape.
    Also counts which colour gave which kind, and the colours that gave none."""
    typical = _median(s.width * s.height for s in shapes if s.kind is None and s.color)
    classifier = Classifier(colors, typical)
    kinds: dict[str, Kind] = {}
    by_color: Counter[tuple[str, Kind]] = Counter()
    unknown: Counter[str] = Counter()
    for shape in shapes:
        if not shape.text:
            skipped["empty shape"] += 1
            continue
        kind = shape.kind
        if kind is None:
            kind = classifier.kind(Look(shape.color, shape.width, shape.height, shape.angle,
                                        shape.sticky_note))
            if kind is None:
                if classifier.overridden(shape.color)[0]:
                    skipped["shape in a colour mapped to skip"] += 1
                else:
                    unknown[shape.color or "no fill"] += 1
                continue
            by_color[(shape.color or "no fill", kind)] += 1
        kinds[shape.id] = kind
    return kinds, by_color, unknown


def _lanes(drawing: Drawing, placed: list[Shape], loose: list[FreeText],
           legends: set[str] = frozenset()  # type: ignore[assignment]
           ) -> tuple[list[str], dict[str, str | None], list[FreeText], str | None]:
    """Lanes in order (top to bottom), the lane of each sticky, the free texts still
    unused and a note for the report. Frames where there are any (legends are no lanes);
    otherwise horizontal bands, named by a free text at their left where there is one."""
    lanes: list[str] = []
    lane_of: dict[str, str | None] = {}
    if drawing.frames:
        names = _frame_names(drawing.frames)
        # A frame is a lane unless it only holds other frames (a bounded context around
        # its features): then the inner frames are the lanes.
        used = {s.frame for s in placed}
        outer = {f.parent for f in drawing.frames if f.parent}
        for frame in sorted(drawing.frames, key=lambda f: (f.cy, f.cx)):
            if frame.id not in legends and (frame.id in used or frame.id not in outer):
                lanes.append(names[frame.id])
        for shape in placed:
            lane_of[shape.id] = names.get(shape.frame) if shape.frame else None
        return lanes, lane_of, loose, f"lanes come from {drawing.frame_words}"
    bands = _bands(placed)
    labels = _band_labels(bands, loose)
    bands, labels = _join_small_bands(bands, labels)
    if len(bands) < 2:
        return lanes, lane_of, loose, None
    taken: set[str] = set()
    for number, band in enumerate(bands, 1):
        name = labels.get(number) or f"Lane {number}"
        while name in taken:
            name += f" ({number})"
        lanes.append(name)
        taken.add(name)
        for shape in band:
            lane_of[shape.id] = name
    named = set(labels.values())
    loose = [t for t in loose if t.text not in named]
    return lanes, lane_of, loose, f"no frames: {len(bands)} horizontal bands became lanes"


def _join_small_bands(bands: list[list[Shape]], labels: dict[int, str]
                      ) -> tuple[list[list[Shape]], dict[int, str]]:
    """Bands of fewer than :data:`MIN_BAND_STICKIES` stickies that no text names join the
    nearest band: two stickies set apart are no lane of their own."""
    named = [(band, labels.get(number)) for number, band in enumerate(bands, 1)]
    while len(named) > 1:
        small = next((i for i, (band, label) in enumerate(named)
                      if label is None and len(band) < MIN_BAND_STICKIES), None)
        if small is None:
            break
        band = named[small][0]
        top = min(s.cy - s.height / 2 for s in band)
        bottom = max(s.cy + s.height / 2 for s in band)
        gaps = {}
        if small > 0:
            gaps[small - 1] = top - max(s.cy + s.height / 2 for s in named[small - 1][0])
        if small + 1 < len(named):
            gaps[small + 1] = min(s.cy - s.height / 2 for s in named[small + 1][0]) - bottom
        into = min(gaps, key=lambda i: gaps[i])
        named[into] = (sorted(named[into][0] + band, key=lambda s: s.cy), named[into][1])
        del named[small]
    return ([band for band, _ in named],
            {number: label for number, (_, label) in enumerate(named, 1) if label})


def _frame_chain(frame_id: str | None, parents: dict[str, str | None]) -> list[str]:
    """A frame and the frames around it, innermost first (at most 50)."""
    chain: list[str] = []
    while frame_id is not None and frame_id not in chain and len(chain) < 50:
        chain.append(frame_id)
        frame_id = parents.get(frame_id)
    return chain


def _legend_frames(drawing: Drawing, placed: list[Shape]) -> set[str]:
    """Frames that explain the notation rather than show the process: named "Legend" (or
    "Key", "Legende", ...), or holding at least three stickies of which two thirds only
    name a kind ("Command", "Event", "UI / API / Job"); with the frames inside them."""
    members: dict[str, list[Shape]] = {}
    for shape in placed:
        if shape.frame is not None:
            members.setdefault(shape.frame, []).append(shape)
    legends: set[str] = set()
    for frame in drawing.frames:
        inside = members.get(frame.id, [])
        plain = sum(fold(s.text) in _KIND_WORDS for s in inside)
        if (_LEGEND_NAME.match(clean_text(frame.name, markup=False))
                or (len(inside) >= 3 and 3 * plain >= 2 * len(inside))):
            legends.add(frame.id)
    if legends:
        parents = {f.id: f.parent for f in drawing.frames}
        legends |= {f.id for f in drawing.frames
                    if legends & set(_frame_chain(f.id, parents))}
    return legends


def _legend_notes(drawing: Drawing, placed: list[Shape], legends: set[str],
                  kinds: dict[str, Kind]) -> tuple[list[Shape], set[str]]:
    """Each legend frame as one note (its name and the texts it explains) instead of the
    stickies in it; the ids of those stickies, whose links are dropped."""
    parents = {f.id: f.parent for f in drawing.frames}
    inside: dict[str, list[Shape]] = {}
    kept: list[Shape] = []
    for shape in placed:
        chain = _frame_chain(shape.frame, parents)
        legend = next((f for f in reversed(chain) if f in legends), None)
        if legend is None:
            kept.append(shape)
        else:
            inside.setdefault(legend, []).append(shape)
    frames = {f.id: f for f in drawing.frames}
    for legend, shapes in inside.items():
        frame = frames[legend]
        texts = list(dict.fromkeys(s.text for s in sorted(shapes, key=lambda s: (s.cy, s.cx))
                                   if kinds[s.id] != Kind.NOTE or s.text))
        name = clean_text(frame.name, markup=False) or "Legend"
        outside = next((f for f in _frame_chain(frame.parent, parents) if f not in legends),
                       None)
        note = Shape(id=f"{legend}~legend", text=f"{name}: {', '.join(texts)}", cx=frame.cx,
                     cy=frame.cy, frame=outside)
        kinds[note.id] = Kind.NOTE
        kept.append(note)
    return kept, {s.id for shapes in inside.values() for s in shapes}


def _homes(drawing: Drawing, placed: list[Shape], kinds: dict[str, Kind]) -> dict[str, Shape]:
    """For a sticky drawn more than once in different frames, the copy that says where it
    sits (its lane and place on the timeline): the copy with the most links (where it is
    used, not just shown), then the one in the frame with the fewest copies of stickies
    drawn elsewhere, then the leftmost. A frame that repeats stickies to show a pattern (a
    "State Change" example below the timeline) thus does not take them from their own
    frame."""
    degree: Counter[str] = Counter()
    for connection in drawing.connections:
        for end in (connection.source, connection.target):
            if end is not None:
                degree[drawing.aliases.get(end, end)] += 1
    groups: dict[tuple[Kind, str], list[Shape]] = {}
    for shape in placed:
        kind = kinds[shape.id]
        if kind not in UNMERGED_KINDS and not shape.named_by_type:
            groups.setdefault((kind, fold(shape.text)), []).append(shape)
    repeated = [g for g in groups.values() if len({s.frame for s in g}) > 1]
    if not repeated:
        return {}
    members = Counter(s.frame for g in groups.values() for s in g)
    copies = Counter(s.frame for g in repeated for s in g)
    home: dict[str, Shape] = {}
    for group in repeated:
        best = min(group, key=lambda s: (-degree[s.id], copies[s.frame] / members[s.frame],
                                         s.cx, s.cy))
        for shape in group:
            home[shape.id] = best
    return home


def _color_hint(unknown: Counter[str]) -> str:
    named = [c for c, _ in unknown.most_common(3) if c != "no fill"]
    if not named:
        return ""
    return f" (colours without a kind: {', '.join(named)} — map them with --colors)"


def _frame_names(frames: list[Frame]) -> dict[str, str]:
    """Frame names as lane names: cleaned, never empty, never two lanes of one name."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    tried: dict[str, int] = {}  # the next number to try for a repeated name: linear time
    for number, frame in enumerate(frames, 1):
        name = clean_text(frame.name, markup=False)[:200] or f"Frame {number}"
        candidate, n = name, tried.get(name, 2)
        while candidate in taken:
            candidate = f"{name} ({n})"
            n += 1
        tried[name] = n
        taken.add(candidate)
        names[frame.id] = candidate
    return names


def _band_labels(bands: list[list[Shape]], texts: list[FreeText]) -> dict[int, str]:
    """Names for bands from free texts left of a band's first shape, at its height."""
    labels: dict[int, str] = {}
    used: set[str] = set()
    by_height = sorted((t for t in texts if t.text), key=lambda t: t.cy)
    heights = [t.cy for t in by_height]
    for number, band in enumerate(bands, 1):
        top = min(s.cy - s.height / 2 for s in band)
        bottom = max(s.cy + s.height / 2 for s in band)
        left = min(s.cx - s.width / 2 for s in band)
        start, stop = bisect.bisect_left(heights, top), bisect.bisect_right(heights, bottom)
        candidates = [t for t in by_height[start:stop] if t.cx < left]
        if candidates:
            label = max(candidates, key=lambda t: t.cx).text[:200]
            if label not in used:
                labels[number] = label
                used.add(label)
    return labels


def fill_of(color: str | None) -> str | None:
    """The hex fill of a colour, for exporters that need one."""
    return to_hex(color) if color else None
