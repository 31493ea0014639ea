"""Miro boards, in the two shapes their items come in.

- The REST API v2 items response (``GET /v2/boards/{id}/items``, and ``/connectors``):
  ``{"data": [...]}`` where each item has ``type`` (``sticky_note``, ``shape``, ``text``,
  ``frame``, ``connector``, ...), ``data.content`` as HTML (``data.title`` for frames),
  ``style.fillColor`` as one of Miro's named colours or a hex value, ``position`` (the
  centre; relative to the parent frame's top-left corner when ``relativeTo`` says
  ``parent_top_left``), ``geometry`` (``width``, ``height``, ``rotation``) and
  ``parent.id``. Connectors have ``startItem.id``, ``endItem.id`` and ``captions``.
- The flat item list that the Web SDK gives (``await miro.board.get()`` written out as
  JSON): ``content``, ``style.fillColor``, ``x``/``y`` (the centre), ``width``/``height``,
  ``rotation``, ``parentId``, ``connectorIds``; frames have ``title`` and ``childrenIds``;
  connectors have ``start.item`` and ``end.item``.

Frames are lanes; connectors are links; text items lying on a sticky are part of it. A
connector that items name in ``connectorIds`` but that the file does not hold (a dump of the
stickies only) joins the two items that name it, left to right (the file does not say which
way it points).
Images, cards, embeds, documents and the like are skipped and counted.
"""

from __future__ import annotations

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

#: Item types that carry no sticky, in the words of the report.
_SKIPPED = {
    "image": "image", "card": "card", "app_card": "card", "embed": "embed",
    "document": "document", "doc_format": "document", "preview": "embed", "group": "group",
    "mindmap_node": "mind map node", "table": "table", "curve": "freehand drawing",
    "unsupported": "element of unknown type", "icon": "icon",
}
#: Sticky notes are about 199 x 228 dp (square) in Miro.
_STICKY_W, _STICKY_H = 199.0, 228.0


def is_miro(data: Any) -> bool:
    """Whether parsed JSON looks like Miro items (REST ``{"data": [...]}`` or a Web SDK
    list)."""
    if isinstance(data, dict):
        items = data.get("data")
        return isinstance(items, list) and (not items or any(
            isinstance(i, dict) and "type" in i for i in items[:50]))
    if isinstance(data, list):
        return bool(data) and all(isinstance(i, dict) for i in data[:50]) and any(
            i.get("type") in ("sticky_note", "shape", "text", "frame", "connector")
            for i in data[:200] if isinstance(i, dict))
    return False


def read_miro(data: Any, source: str) -> Drawing:
    """A :class:`Drawing` from parsed Miro JSON (REST v2 items response or Web SDK list).

    Raises:
        BoardFormatError: neither shape, or an item of the wrong shape (names the item).
    """
    if isinstance(data, dict):
        top = Fields(data, "the file", source)
        items, label, path = top.list("data"), "Miro (REST API v2 items)", "data"
        if "data" not in data:
            raise BoardFormatError("a Miro REST API response needs a 'data' list of items",
                                   source=source)
    elif isinstance(data, list):
        items, label, path = data, "Miro (Web SDK items)", "items"
    else:
        raise BoardFormatError("Miro items must be a list or a {'data': [...]} response",
                               source=source)
    check_count(len(items), "items", source)
    drawing = Drawing(label)

    fields = [Fields(item, f"{path}[{n}]", source) for n, item in enumerate(items)]
    by_id = {f.id(): f for f in fields if f.id() is not None}
    parent_of: dict[str, str] = {}
    for item in fields:
        parent = item.obj("parent")
        parent_id = (parent.id() if parent else None) or item.id("parentId")
        if parent_id and item.id():
            parent_of[item.id() or ""] = parent_id
        if item.str("type") == "frame":
            for n, child in enumerate(item.list("childrenIds")):
                if isinstance(child, str | int) and not isinstance(child, bool):
                    parent_of.setdefault(str(child), item.id() or "")
                else:
                    raise BoardFormatError(f"{item.path}.childrenIds[{n}] must be an id",
                                           source=source)

    geometry: dict[str, tuple[float, float, float, float, float]] = {}

    def local(item: Fields) -> tuple[float, float, float, float, float, bool]:
        """Centre x, y, width, height, rotation, and whether x/y are frame-relative."""
        position = item.obj("position")
        shape = item.obj("geometry")
        if position is not None or shape is not None:
            x = position.num("x") if position else 0.0
            y = position.num("y") if position else 0.0
            relative = bool(position and position.str("relativeTo") == "parent_top_left")
            width = shape.num("width") if shape else 0.0
            height = shape.num("height") if shape else 0.0
            rotation = shape.num("rotation") if shape else 0.0
        else:
            x, y = item.num("x"), item.num("y")
            width, height = item.num("width"), item.num("height")
            rotation = item.num("rotation")
            relative = item.id() in parent_of
        return x, y, abs(width), abs(height), rotation, relative

    def absolute(item: Fields, depth: int = 0) -> tuple[float, float, float, float, float]:
        """Centre and size on the canvas, following parents (at most 20 deep)."""
        key = item.id() or item.path
        if key in geometry:
            return geometry[key]
        x, y, width, height, rotation, relative = local(item)
        parent = by_id.get(parent_of.get(item.id() or "", "")) if relative else None
        if parent is not None and parent is not item and depth < 20:
            px, py, pw, ph, _ = absolute(parent, depth + 1)
            x, y = x + px - pw / 2, y + py - ph / 2
        geometry[key] = (x, y, width, height, rotation)
        return geometry[key]

    connector_ids: set[str] = set()
    attached: dict[str, list[tuple[float, float, str]]] = {}  # connector id -> item ends
    for item in fields:
        kind = item.str("type") or ""
        item_id = item.id() or item.path
        if kind == "connector":
            connector_ids.add(item_id)
        elif item.has("connectorIds"):
            x, y, *_ = absolute(item)
            for n, connector in enumerate(item.list("connectorIds")[:1000]):
                if isinstance(connector, bool) or not isinstance(connector, str | int):
                    raise BoardFormatError(f"{item.path}.connectorIds[{n}] must be an id",
                                           source=source)
                attached.setdefault(str(connector), []).append((x, y, item_id))
        parent = parent_of.get(item_id)
        content = item.obj("data")
        if kind in ("sticky_note", "shape"):
            html = (content.str("content") if content else None) or item.str("content") or ""
            style = item.obj("style")
            fill = style.str("fillColor") if style else None
            if kind == "sticky_note" and fill is None:
                fill = "light_yellow"
            x, y, width, height, rotation = absolute(item)
            if kind == "sticky_note":
                width = width or (height * _STICKY_W / _STICKY_H if height else _STICKY_W)
                height = height or width * _STICKY_H / _STICKY_W
            drawing.shapes.append(Shape(
                id=item_id, text=clean_text(html), cx=x, cy=y, width=width, height=height,
                color=normalize_color(fill), angle=rotation, sticky_note=kind == "sticky_note",
                frame=parent))
        elif kind == "text":
            html = (content.str("content") if content else None) or item.str("content") or ""
            text = clean_text(html)
            if text:
                x, y, *_ = absolute(item)
                drawing.texts.append(FreeText(item_id, text, x, y, parent))
        elif kind == "frame":
            title = (content.str("title") if content else None) or item.str("title") or ""
            x, y, *_ = absolute(item)
            drawing.frames.append(Frame(item_id, clean_text(title), x, y))
        elif kind == "connector":
            start, end = item.obj("startItem") or item.obj("start"), \
                item.obj("endItem") or item.obj("end")
            ends = [(f.id("id") or f.id("item")) if f else None for f in (start, end)]
            captions = []
            for n, caption in enumerate(item.list("captions")):
                text = Fields(caption, f"{item.path}.captions[{n}]", source).str("content")
                if text:
                    captions.append(clean_text(text))
            drawing.connections.append(Connection(ends[0], ends[1],
                                                  " ".join(captions) or None))
        elif kind in _SKIPPED:
            drawing.skipped[_SKIPPED[kind]] += 1
        else:
            drawing.skipped["element of unknown type"] += 1
    # Connectors that the items name (connectorIds) but the file does not hold (a dump of
    # the stickies only): the two items they join are linked, left to right.
    for connector, ends in attached.items():
        if connector in connector_ids:
            continue
        if len(ends) == 2:
            (_, _, start), (_, _, end) = sorted(ends)
            drawing.connections.append(Connection(start, end))
        else:
            drawing.skipped["connector without two stickies"] += 1
    return drawing
