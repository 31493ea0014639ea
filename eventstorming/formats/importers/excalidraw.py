"""Excalidraw (``.excalidraw`` JSON): read a drawing as a board, and write a board that
opens in Excalidraw with coloured stickies in lanes and bound arrows.

What is read:

- rectangles, ellipses, diamonds and ``stickynote`` elements with text: the text is the
  bound text element (the text's ``containerId``, or the shape's ``boundElements``), or a
  free text element lying on the shape;
- frames (``frame``, ``magicframe``): their ``name`` is the lane of the elements whose
  ``frameId`` points at them;
- arrows: ``startBinding``/``endBinding`` with ``elementId`` (the older style with
  ``focus``/``gap`` and the newer one with ``fixedPoint``/``mode`` alike); an arrow end
  without a binding that touches a shape counts too; a text bound to an arrow is the
  link's label;
- ``customData.mlcanvas`` (``kind``, ``attrs``, ``tags``, and on the first element the
  board's ``title`` and ``metadata``), which :func:`write_excalidraw` writes so that a
  board survives the trip out and back exactly.

Deleted elements (``isDeleted``) are skipped; images, freehand drawings, lines and embeds
are skipped and counted.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from eventstorming.errors import BoardFormatError
from eventstorming.formats.importers.colors import normalize_color
from eventstorming.formats.importers.common import (
    Connection,
    Drawing,
    Fields,
    Frame,
    FreeText,
    Shape,
    check_count,
    clean_text,
)
from eventstorming.model import KIND_COLORS, AttrValue, Board, Kind

_SHAPES = {"rectangle", "ellipse", "diamond", "stickynote"}
_SKIPPED = {"image": "image", "freedraw": "freehand drawing", "line": "line", "embeddable": "embed",
            "iframe": "embed"}
_TOUCH = 12.0  # how close an unbound arrow end must come to a shape, in pixels


def _custom(fields: Fields) -> tuple[Kind | None, dict[str, AttrValue], tuple[str, ...]]:
    """Kind, attributes and tags that mlcanvas wrote into ``customData.mlcanvas``."""
    custom = fields.data.get("customData")
    data = custom.get("mlcanvas") if isinstance(custom, dict) else None
    if not isinstance(data, dict):
        return None, {}, ()
    kind = data.get("kind")
    kind = Kind(kind) if isinstance(kind, str) and kind in Kind._value2member_map_ else None
    attrs: dict[str, AttrValue] = {}
    raw = data.get("attrs")
    if isinstance(raw, dict):
        for key, value in list(raw.items())[:100]:
            if isinstance(value, float) and not math.isfinite(value):
                continue
            if isinstance(key, str) and isinstance(value, str | int | float | bool):
                attrs[key[:100]] = value[:1000] if isinstance(value, str) else value
    tags = data.get("tags")
    clean_tags = tuple(t[:100] for t in tags[:100] if isinstance(t, str) and t.strip()) \
        if isinstance(tags, list) else ()
    return kind, attrs, clean_tags


def _board_data(fields: Fields) -> tuple[str | None, dict[str, str]]:
    """Title and metadata (``lang``, ``domain``, ...) that mlcanvas wrote into
    ``customData.mlcanvas.board`` of the first element it exported."""
    custom = fields.data.get("customData")
    data = custom.get("mlcanvas") if isinstance(custom, dict) else None
    board = data.get("board") if isinstance(data, dict) else None
    if not isinstance(board, dict):
        return None, {}
    title = board.get("title") if isinstance(board.get("title"), str) else None
    raw = board.get("metadata")
    metadata = {k[:100]: v[:1000] for k, v in list(raw.items())[:50]
                if isinstance(k, str) and isinstance(v, str)} if isinstance(raw, dict) else {}
    return title, metadata


def _fill(element: Fields) -> str | None:
    """The background colour; for a shape drawn only as a coloured outline, the outline's
    colour (a black or grey outline then says no kind, as it should)."""
    return (normalize_color(element.str("backgroundColor"))
            or normalize_color(element.str("strokeColor")))


def read_excalidraw(data: Any, source: str) -> Drawing:
    """A :class:`Drawing` from the parsed JSON of an Excalidraw file.

    Raises:
        BoardFormatError: not an Excalidraw scene, or an element of the wrong shape (the
            message names the element).
    """
    top = Fields(data, "the file", source)
    kind = top.str("type")
    if kind is not None and not kind.startswith("excalidraw"):
        raise BoardFormatError(f"'type' is {kind[:40]!r}, not an Excalidraw scene",
                               source=source)
    elements = top.list("elements")
    check_count(len(elements), "elements", source)
    app = top.obj("appState")
    title = (app.str("name") if app else None) or ""
    drawing = Drawing("Excalidraw", title=clean_text(title, markup=False)[:200] or "")

    by_id: dict[str, Fields] = {}
    live: list[Fields] = []
    own_id: dict[int, str] = {}  # an element without an id is known by its number
    for number, raw in enumerate(elements):
        element = Fields(raw, f"elements[{number}]", source)
        if element.bool("isDeleted"):
            drawing.skipped["deleted element"] += 1
            continue
        board_title, metadata = _board_data(element)
        drawing.metadata.update(metadata)
        if board_title and not drawing.title:
            drawing.title = clean_text(board_title, markup=False)[:200]
        element_id = element.id() or f"#{number}"
        by_id[element_id] = element
        own_id[id(element)] = element_id
        live.append(element)

    def id_of(element: Fields) -> str:
        return own_id[id(element)]

    # Texts bound to a container, found from either side of the binding.
    bound: dict[str, list[str]] = {}
    bound_text_ids: set[str] = set()
    for element in live:
        if element.str("type") == "text" and element.id("containerId"):
            bound.setdefault(element.id("containerId") or "", []).append(id_of(element))
            bound_text_ids.add(id_of(element))
    for element in live:
        for number, ref in enumerate(element.list("boundElements")):
            ref_fields = Fields(ref, f"{element.path}.boundElements[{number}]", source)
            ref_id = ref_fields.id()
            if ref_fields.str("type") == "text" and ref_id in by_id \
                    and ref_id not in bound_text_ids:
                bound.setdefault(id_of(element), []).append(ref_id)
                bound_text_ids.add(ref_id)

    for container, text_ids in bound.items():
        for text_id in text_ids:  # an arrow bound to a sticky's text means the sticky
            drawing.aliases.setdefault(text_id, container)

    def text_of(element_id: str) -> str:
        parts = []
        for text_id in bound.get(element_id, []):
            text = by_id[text_id]
            raw = text.str("originalText") or text.str("text") or ""
            parts.append(clean_text(raw, markup=False))
        return " ".join(p for p in parts if p)

    arrows: list[Fields] = []
    for element in live:
        kind_name = element.str("type") or ""
        element_id = id_of(element)
        x, y = element.num("x"), element.num("y")
        width, height = abs(element.num("width")), abs(element.num("height"))
        frame = element.id("frameId")
        if kind_name in _SHAPES:
            sticky_kind, attrs, tags = _custom(element)
            drawing.shapes.append(Shape(
                id=element_id, text=text_of(element_id), cx=x + width / 2, cy=y + height / 2,
                width=width, height=height,
                color=_fill(element),
                angle=math.degrees(element.num("angle")), sticky_note=kind_name == "stickynote",
                kind=sticky_kind, frame=frame, attrs=attrs, tags=tags))
        elif kind_name == "text":
            if element_id in bound_text_ids:
                continue
            text = clean_text(element.str("originalText") or element.str("text") or "",
                              markup=False)
            if text:
                drawing.texts.append(FreeText(element_id, text, x + width / 2, y + height / 2,
                                              frame))
        elif kind_name in ("frame", "magicframe"):
            drawing.frames.append(Frame(element_id, element.str("name") or "",
                                        x + width / 2, y + height / 2))
        elif kind_name == "arrow":
            arrows.append(element)
        elif kind_name in _SKIPPED:
            drawing.skipped[_SKIPPED[kind_name]] += 1
        elif kind_name != "selection":
            drawing.skipped["element of unknown type"] += 1

    shapes = {s.id: s for s in drawing.shapes}
    # Finding the shape an unbound arrow touches compares every arrow with every shape;
    # on very large drawings only bound arrows count.
    geometric = len(arrows) * len(shapes) <= 2_000_000
    for arrow in arrows:
        ends = []
        points = arrow.list("points")
        for key, point_index in (("startBinding", 0), ("endBinding", -1)):
            binding = arrow.obj(key)
            end = binding.id("elementId") if binding else None
            if end is None and points and geometric:
                end = _touching(arrow, points[point_index], shapes.values())
            ends.append(end)
        label = text_of(id_of(arrow)) or None
        drawing.connections.append(Connection(ends[0], ends[1], label))
    return drawing


def _touching(arrow: Fields, point: Any, shapes: Any) -> str | None:
    """The shape an unbound arrow end touches, if any."""
    if not (isinstance(point, list) and len(point) >= 2
            and all(isinstance(v, int | float) and not isinstance(v, bool)
                    and math.isfinite(v) for v in point[:2])):
        return None
    x, y = arrow.num("x") + point[0], arrow.num("y") + point[1]
    for shape in shapes:
        if (abs(x - shape.cx) <= shape.width / 2 + _TOUCH
                and abs(y - shape.cy) <= shape.height / 2 + _TOUCH):
            return shape.id
    return None


# --- export -------------------------------------------------------------------------

_SIZES: dict[Kind, tuple[float, float]] = {
    Kind.ACTOR: (120, 80), Kind.AGGREGATE: (200, 140), Kind.SYSTEM: (220, 100),
}
_ROWS: dict[Kind, int] = {
    Kind.HOTSPOT: 0, Kind.OPPORTUNITY: 0, Kind.NOTE: 0,
    Kind.ACTOR: 1, Kind.READMODEL: 1,
    Kind.COMMAND: 2, Kind.POLICY: 2,
    Kind.AGGREGATE: 3, Kind.SYSTEM: 3,
    Kind.EVENT: 4,
}
_W, _H, _COLUMN, _ROW, _PAD = 160.0, 100.0, 240.0, 160.0, 60.0


def _seed(*parts: str) -> int:
    return int(hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:8], 16)


def _base(element_id: str, kind: str, x: float, y: float, width: float, height: float,
          **extra: Any) -> dict[str, Any]:
    element = {
        "id": element_id, "type": kind, "x": x, "y": y, "width": width, "height": height,
        "angle": 0, "strokeColor": "#1e1e1e", "backgroundColor": "transparent",
        "fillStyle": "solid", "strokeWidth": 1, "strokeStyle": "solid", "roughness": 1,
        "opacity": 100, "groupIds": [], "frameId": None, "roundness": None,
        "seed": _seed(element_id), "version": 1, "versionNonce": _seed(element_id, "v"),
        "isDeleted": False, "boundElements": None, "updated": 1, "link": None,
        "locked": False,
    }
    element.update(extra)
    return element


def _text(element_id: str, text: str, container: str, x: float, y: float, width: float,
          height: float, frame: str | None) -> dict[str, Any]:
    return _base(element_id, "text", x, y, width, height, text=text, originalText=text,
                 fontSize=16, fontFamily=1, textAlign="center", verticalAlign="middle",
                 containerId=container, autoResize=True, lineHeight=1.25, frameId=frame)


def write_excalidraw(board: Board) -> str:
    """An Excalidraw scene of a board: one frame per lane (top to bottom), stickies as
    coloured rectangles with bound text placed left to right in timeline order and in
    rows by kind, links as arrows bound at both ends (the arrow's ``startBinding`` and
    ``endBinding`` and each sticky's ``boundElements``). Kind, attributes and tags go
    into ``customData.mlcanvas`` so that importing the file gives the same board.
    """
    lanes = list(board.lanes)
    # Only the rows of kinds on the board, so that no empty row opens a gap that would
    # read as the border between two lanes.
    used = sorted({_ROWS[s.kind] for s in board.stickies})
    row_of = {row: n for n, row in enumerate(used)}
    lane_height = max(len(used), 1) * _ROW + _PAD
    ordered = sorted(board.stickies, key=lambda s: s.order)
    column = {s.id: n for n, s in enumerate(ordered)}
    width = max(len(ordered), 1) * _COLUMN + 2 * _PAD
    frame_ids = {lane: f"lane~{n}" for n, lane in enumerate(lanes, 1)}

    elements: list[dict[str, Any]] = []
    # Frames come after their children, the order Excalidraw itself keeps them in.
    frames = [_base(frame_ids[lane], "frame", 0, n * (lane_height + _PAD), width, lane_height,
                    name=lane) for n, lane in enumerate(lanes)]
    boxes: dict[str, dict[str, Any]] = {}
    for sticky in ordered:
        w, h = _SIZES.get(sticky.kind, (_W, _H))
        band = lanes.index(sticky.lane) if sticky.lane in lanes else len(lanes)
        x = _PAD + column[sticky.id] * _COLUMN + (_W - w) / 2
        row = row_of[_ROWS[sticky.kind]]
        y = band * (lane_height + _PAD) + _PAD / 2 + row * _ROW + (_ROW - h) / 2
        frame = frame_ids.get(sticky.lane) if sticky.lane else None
        text_id = f"{sticky.id}~text"
        custom: dict[str, Any] = {"kind": sticky.kind.value}
        if sticky.attrs:
            custom["attrs"] = dict(sticky.attrs)
        if sticky.tags:
            custom["tags"] = list(sticky.tags)
        box = _base(sticky.id, "rectangle", x, y, w, h,
                    backgroundColor=KIND_COLORS[sticky.kind].lower(), frameId=frame,
                    roundness={"type": 3},
                    boundElements=[{"id": text_id, "type": "text"}],
                    customData={"mlcanvas": custom})
        boxes[sticky.id] = box
        elements.append(box)
        elements.append(_text(text_id, sticky.text, sticky.id, x + 8, y + h / 2 - 12, w - 16,
                              24, frame))
    for link in board.links:
        if link.source not in boxes or link.target not in boxes:
            continue
        src, tgt = boxes[link.source], boxes[link.target]
        x0, y0 = src["x"] + src["width"], src["y"] + src["height"] / 2
        x1, y1 = tgt["x"], tgt["y"] + tgt["height"] / 2
        if x1 < x0:
            x0, x1 = src["x"], tgt["x"] + tgt["width"]
        arrow_id = f"{link.source}~{link.target}"
        bound = [{"id": f"{arrow_id}~label", "type": "text"}] if link.label else None
        elements.append(_base(
            arrow_id, "arrow", x0, y0, abs(x1 - x0), abs(y1 - y0),
            points=[[0, 0], [x1 - x0, y1 - y0]], lastCommittedPoint=None,
            startBinding={"elementId": link.source, "focus": 0, "gap": 4},
            endBinding={"elementId": link.target, "focus": 0, "gap": 4},
            startArrowhead=None, endArrowhead="arrow", elbowed=False,
            roundness={"type": 2}, boundElements=bound))
        if link.label:
            elements.append(_text(f"{arrow_id}~label", link.label, arrow_id,
                                  (x0 + x1) / 2 - 60, (y0 + y1) / 2 - 12, 120, 24, None))
        for box in (src, tgt):
            box["boundElements"].append({"id": arrow_id, "type": "arrow"})
    elements.extend(frames)
    if elements:
        board_data = {"title": board.title, "metadata": dict(board.metadata)}
        elements[0].setdefault("customData", {}).setdefault("mlcanvas", {})["board"] = board_data
    scene = {
        "type": "excalidraw",
        "version": 2,
        "source": "mlcanvas",
        "elements": elements,
        "appState": {"viewBackgroundColor": "#ffffff", "gridSize": None, "name": board.title},
        "files": {},
    }
    return json.dumps(scene, ensure_ascii=False) + "\n"
