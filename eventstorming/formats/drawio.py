"""A board as a draw.io file (``.drawio``): the way back to the tool many facilitators use.

Stickies are rectangles filled with their kind's colour (:data:`~eventstorming.model.
KIND_COLORS`), laid out like the board picture (timeline left to right, one column per step,
see :func:`~eventstorming.layout.assign_columns`); lanes are horizontal swimlanes holding
their stickies; links are connectors from sticky to sticky, with their label.

The file opens in draw.io (desktop or diagrams.net) as an uncompressed ``mxfile``. It also
carries what draw.io has no place for, as data on the cells (draw.io shows it under *Edit
Data* and keeps it when the file is saved): each sticky's kind (``mlcanvas_kind``), timeline
position (``mlcanvas_order``), attributes and tags, and the board's title and metadata on
the diagram's root cell. :func:`eventstorming.formats.io.import_board` reads all of it back,
so a board exported and imported again is the same board (only the drawing positions ``x``
and ``y`` are the drawing's). Text is written as plain labels (no ``html=1``), escaped by the
XML writer; characters XML cannot hold are replaced by ``\ufffd``.
"""

from __future__ import annotations

import json
import re
from xml.etree.ElementTree import Element, SubElement, tostring

from eventstorming.layout import assign_columns
from eventstorming.model import KIND_COLORS, AttrValue, Board, Kind

#: Sticky size and spacing, in draw.io points.
STICKY_W, STICKY_H = 160, 100
COLUMN_W = 200
LANE_H = 140
LANE_HEADER = 40
#: The cell that carries the board's title and metadata.
BOARD_MARKER = "mlcanvas_board"

_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,99}$")
#: Attribute names the draw.io reader keeps for itself.
_TAKEN = {"label", "id", "placeholders", "tooltip", "link", "tags", "metadata"}
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: control characters and lone surrogates become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _written(value: AttrValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _reads_back(value: AttrValue) -> bool:
    """Whether an attribute written as an XML attribute is read back as the same value of
    the same type (``"42"`` as a text would come back as the number 42)."""
    text = _written(value)
    if not text or text != text.strip() or len(text) > 1000 or _xml(text) != text:
        return False
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return _NUMBER.match(text) is not None and ("." in text) == isinstance(value, float)
    return not _NUMBER.match(text) and text not in ("true", "false")


def _style(kind: Kind) -> str:
    fill = KIND_COLORS[kind]
    parts = [f"rounded=0;whiteSpace=wrap;fillColor={fill};strokeColor=#868E96",
             "fontColor=#212529;verticalAlign=middle;align=center;shadow=1"]
    if kind == Kind.HOTSPOT:
        parts.append("fontColor=#FFFFFF")
    return ";".join(parts) + ";"


def write_drawio(board: Board) -> str:
    """The board as the text of a draw.io file (see the module docstring)."""
    columns = assign_columns(board)
    width = LANE_HEADER + 20 + max([*columns.values(), 0]) * COLUMN_W + COLUMN_W
    loose = [s for s in board.stickies if s.lane is None]
    top = LANE_H if loose else 0

    mxfile = Element("mxfile", host="mlcanvas", type="device")
    diagram = SubElement(mxfile, "diagram", id="mlcanvas-board", name=_xml(board.title))
    model = SubElement(diagram, "mxGraphModel", grid="1", gridSize="10", guides="1",
                       tooltips="1", connect="1", arrows="1", fold="1", page="0",
                       pageScale="1", math="0", shadow="0")
    root = SubElement(model, "root")
    board_cell = SubElement(root, "object", {"id": "board~0", "label": "", BOARD_MARKER: "1",
                                             "title": _xml(board.title)})
    extra = {}
    for key, value in board.metadata.items():
        if _XML_NAME.match(key) and key not in _TAKEN | {"title", BOARD_MARKER} \
                and _xml(value) == value:
            board_cell.set(key, value)
        else:
            extra[key] = value
    if extra:
        board_cell.set("mlcanvas_metadata", json.dumps(extra, ensure_ascii=True))
    SubElement(board_cell, "mxCell")
    SubElement(root, "mxCell", id="board~1", parent="board~0")

    lane_ids: dict[str, str] = {}
    for number, lane in enumerate(board.lanes):
        cell_id = f"lane~{number}"
        lane_ids[lane] = cell_id
        cell = SubElement(root, "mxCell", id=cell_id, value=_xml(lane), vertex="1",
                          parent="board~1",
                          style=(f"swimlane;horizontal=0;startSize={LANE_HEADER};"
                                 "fillColor=#F8F9FA;swimlaneFillColor=#FFFFFF;"
                                 "strokeColor=#ADB5BD;fontStyle=1;fontSize=14;"))
        SubElement(cell, "mxGeometry", x="0", y=str(top + number * LANE_H),
                   width=str(width), height=str(LANE_H), **{"as": "geometry"})

    for sticky in sorted(board.stickies, key=lambda s: s.order):
        plain = {k: v for k, v in sticky.attrs.items()
                 if _XML_NAME.match(k) and k not in _TAKEN and not k.startswith("mlcanvas_")
                 and _reads_back(v)}
        data = {"id": sticky.id, "label": _xml(sticky.text),
                "mlcanvas_kind": sticky.kind.value, "mlcanvas_order": str(sticky.order)}
        data.update({k: _written(v) for k, v in plain.items()})
        rest = {k: v for k, v in sticky.attrs.items() if k not in plain}
        if rest:
            data["mlcanvas_attrs"] = json.dumps(rest, ensure_ascii=True)
        if sticky.tags:
            if all(re.fullmatch(r"[^\s,]{1,100}", t) and _xml(t) == t for t in sticky.tags):
                data["tags"] = " ".join(sticky.tags)
            else:
                data["mlcanvas_tags"] = json.dumps(list(sticky.tags), ensure_ascii=True)
        wrapper = SubElement(root, "object", data)
        parent = lane_ids.get(sticky.lane or "", "board~1")
        cell = SubElement(wrapper, "mxCell", style=_style(sticky.kind), vertex="1",
                          parent=parent)
        x = LANE_HEADER + 20 + columns[sticky.id] * COLUMN_W
        y = (LANE_H - STICKY_H) // 2  # in its lane, or in the band above the lanes
        SubElement(cell, "mxGeometry", x=str(x), y=str(y), width=str(STICKY_W),
                   height=str(STICKY_H), **{"as": "geometry"})

    for number, link in enumerate(board.links):
        cell = SubElement(root, "mxCell", id=f"link~{number}", value=_xml(link.label or ""),
                          style=("edgeStyle=orthogonalEdgeStyle;rounded=1;"
                                 "endArrow=block;endFill=1;strokeColor=#495057;"),
                          edge="1", parent="board~1", source=link.source, target=link.target)
        SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})
    return tostring(mxfile, encoding="unicode") + "\n"
