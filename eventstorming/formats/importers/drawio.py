"""draw.io / diagrams.net files and prooph board exports: both are mxGraph models.

draw.io (``.drawio``, ``.xml``): an ``<mxfile>`` with one ``<diagram>`` per page, whose
model is either plain XML (``<mxGraphModel>`` inside) or compressed (the text of the
``<diagram>`` is base64 of raw deflate of the URL-encoded XML); a bare ``<mxGraphModel>``
works too. Vertices are stickies with ``fillColor`` in their ``style``; edges with
``source`` and ``target`` are links; ``UserObject``/``object`` wrappers carry the label
and custom properties (kept as attributes, ``tags`` as tags). Swimlanes and containers
are lanes; with several pages and no containers, each page is a lane. A ``umlActor`` stick
figure is an actor; ``mxgraph.*`` stencils are counted as icons and skipped.

prooph board: the same model with typed elements, ``<event label="...">`` around the
``mxCell``. Types map to kinds (``role`` -> actor, ``document``/``projection`` -> read
model, ``ui`` -> read model marked ``ui: true``, ``externalSystem`` -> system, ``hotSpot`` ->
hotspot); ``boundedContext`` and ``feature`` frames are lanes (the innermost one); ``icon``
and ``image`` are skipped. Every label of a prooph board file is HTML (its comment boxes do
not say ``html=1``); a typed sticky drawn as an icon only is kept with its type's name as
text ("Role", "UI").

Free text shapes (draw.io ``text``, prooph ``freeText``/``textCard``) with a fill are
comment boxes: notes, never stickies of their colour's kind; without a fill they are free
texts (part of the shape they lie on, a lane label, or skipped). A file written by
:mod:`eventstorming.formats.drawio` carries each sticky's kind, timeline position,
attributes and tags and the board's title and metadata, and is read back exactly.

The XML is parsed with defusedxml: entity declarations (entity expansion, "billion
laughs") and external entities are refused; a plain ``<!DOCTYPE>`` line (SVG files have
one) is allowed, and its DTD is never fetched. An editable ``.drawio.svg`` works too: its
``content`` attribute holds the mxfile. Compressed pages are inflated with a limit
(:data:`MAX_INFLATED_BYTES` in total), so a decompression bomb is refused as well.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import urllib.parse
import zlib
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from eventstorming.errors import BoardFormatError
from eventstorming.formats.importers.colors import normalize_color
from eventstorming.formats.importers.common import (
    MAX_ELEMENTS,
    Connection,
    Drawing,
    Frame,
    FreeText,
    Shape,
    check_count,
    clean_text,
)
from eventstorming.model import UI_ATTR, AttrValue, Kind

#: Largest total size of the compressed pages of one file once inflated, in bytes.
MAX_INFLATED_BYTES = 20 * 1024 * 1024
#: Most XML tags one file may hold (counted before parsing).
MAX_XML_TAGS = 8 * MAX_ELEMENTS

#: prooph board element types and the kinds they are.
PROOPH_KINDS: dict[str, Kind] = {
    "event": Kind.EVENT, "command": Kind.COMMAND, "role": Kind.ACTOR,
    "aggregate": Kind.AGGREGATE, "document": Kind.READMODEL, "projection": Kind.READMODEL,
    "ui": Kind.READMODEL, "policy": Kind.POLICY, "hotSpot": Kind.HOTSPOT,
    "externalSystem": Kind.SYSTEM,
}
#: The text of a typed sticky drawn as an icon only (a role as a person icon, a UI as a
#: screen icon): the name of its type.
PROOPH_NAMES: dict[str, str] = {
    "event": "Event", "command": "Command", "role": "Role", "aggregate": "Aggregate",
    "document": "Document", "projection": "Projection", "ui": "UI", "policy": "Policy",
    "hotSpot": "Hot Spot", "externalSystem": "External System",
}
PROOPH_FRAMES = {"boundedContext", "feature"}
PROOPH_TEXTS = {"freeText", "textCard"}
PROOPH_SKIPPED = {"icon": "icon", "image": "image", "misc": "misc element"}
PROOPH_TYPES = set(PROOPH_KINDS) | PROOPH_FRAMES | PROOPH_TEXTS | set(PROOPH_SKIPPED) | {
    "edge", "layer"}
_WRAPPERS = {"UserObject", "object"}
_RESERVED = {"label", "id", "placeholders", "tooltip", "link", "tags", "metadata",
             "mlcanvas_kind", "mlcanvas_order", "mlcanvas_attrs", "mlcanvas_tags",
             "mlcanvas_board", "mlcanvas_metadata"}
#: Style names of free text shapes: draw.io's ``text`` and prooph board's comment boxes.
_TEXT_STYLES = {"text", "freeText", "textCard"}
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def looks_like_prooph(text: str) -> bool:
    """Whether an mxGraph file uses prooph board's typed elements."""
    head = text[:200_000]
    return re.search(r"<(event|command|role|document|externalSystem|hotSpot|policy|"
                     r"aggregate|boundedContext|feature)\s[^>]*\blabel=", head) is not None


def _parse(text: str, source: str, what: str = "the XML") -> Element:
    if text.count("<") > MAX_XML_TAGS:
        raise BoardFormatError(f"{what} has more tags than the limit of {MAX_XML_TAGS:,}",
                               source=source)
    try:
        return SafeET.fromstring(_DECLARATION.sub("", text, count=1), forbid_dtd=False,
                                 forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BoardFormatError(f"{what} declares entities, which are refused (entity "
                               f"expansion and external entities are unsafe): "
                               f"{type(exc).__name__}", source=source) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        message = str(exc).split(":")[0]
        if "no element found" in message:
            message = "the XML ends too early (is the file cut off?)"
        else:
            message = f"not well-formed XML ({message})"
        raise BoardFormatError(message, source=source, line=line) from None
    except RecursionError:
        raise BoardFormatError(f"{what} is nested too deeply", source=source) from None


def _inflate(text: str, source: str, page: str, budget: list[int]) -> str:
    """The XML of a compressed page: base64, then raw deflate, then URL-encoding."""
    compact = re.sub(r"\s+", "", text)
    try:
        raw = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise BoardFormatError(f"page {page!r} is neither XML nor base64 (a compressed "
                               f"draw.io page)", source=source) from None
    inflater = zlib.decompressobj(-15)
    try:
        data = inflater.decompress(raw, budget[0] + 1)
    except zlib.error as exc:
        raise BoardFormatError(f"page {page!r} cannot be inflated ({exc})",
                               source=source) from None
    if len(data) > budget[0] or inflater.unconsumed_tail:
        raise BoardFormatError(
            f"page {page!r} inflates to more than {MAX_INFLATED_BYTES:,} bytes in all "
            f"(a decompression bomb?); the limit is {MAX_INFLATED_BYTES:,}", source=source)
    if not inflater.eof:
        raise BoardFormatError(f"page {page!r} is cut off (the compressed data ends early)",
                               source=source)
    budget[0] -= len(data)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BoardFormatError(f"page {page!r} does not inflate to text", source=source) \
            from None
    return decoded if decoded.lstrip().startswith("<") else _unquote(decoded)


_NOT_QP = re.compile(rb"[=\r\n]")
_LONE_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")


def _unquote(text: str, chunk: int = 1 << 20) -> str:
    """``urllib.parse.unquote`` in linear time and bounded memory: the text is unquoted
    a megabyte at a time (never cutting a ``%XX``) and decoded once at the end; the
    library splits the whole text at every ``%``, which for an inflated page of 20 MiB
    of ``%41`` takes gigabytes."""
    if "%" not in text:
        return text
    data, out, start, chunk = text.encode("utf-8"), bytearray(), 0, max(chunk, 3)
    if not _NOT_QP.search(data) and not _LONE_PERCENT.search(data):
        # every % starts an escape and nothing else is special to quoted-printable, whose
        # "=XX" binascii decodes in C: the same bytes, fast
        return binascii.a2b_qp(data.replace(b"%", b"=")).decode("utf-8", "replace")
    while start < len(data):
        stop = min(start + chunk, len(data))
        if stop < len(data):
            stop -= next((back for back in (1, 2) if data[stop - back] == 0x25), 0)
        out += urllib.parse.unquote_to_bytes(data[start:stop])
        start = stop
    return out.decode("utf-8", "replace")


def _style(style: str) -> tuple[set[str], dict[str, str]]:
    """Names (``text``, ``swimlane``) and ``key=value`` pairs of an mxGraph style."""
    names: set[str] = set()
    values: dict[str, str] = {}
    for part in style.split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            key, _, value = part.partition("=")
            values[key.strip()] = value.strip()
        else:
            names.add(part)
    return names, values


def _number(cell_id: str, value: str | None, what: str, source: str) -> float:
    if value is None or value == "":
        return 0.0
    try:
        number = float(value)
    except ValueError:
        raise BoardFormatError(f"cell {cell_id[:60]!r}: {what} must be a number, not "
                               f"{value[:30]!r}", source=source) from None
    if number != number or abs(number) > 1e12:
        raise BoardFormatError(f"cell {cell_id[:60]!r}: {what} is not a usable number",
                               source=source)
    return number


def _json_value(text: str | None) -> object:
    if not text or len(text) > 100_000:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _attr_value(value: str) -> AttrValue:
    if value in ("true", "false"):
        return value == "true"
    if _NUMBER.match(value) and len(value) <= 100:  # longer numbers stay text
        number = float(value) if "." in value else int(value)
        return number if math.isfinite(number) else value[:1000]
    return value[:1000]


class _Cell:
    """One mxCell with what its wrapper (UserObject, object, prooph type) adds."""

    def __init__(self, wrapper: Element | None, cell: Element, prefix: str) -> None:
        own = wrapper if wrapper is not None else cell
        raw_id = own.get("id") or cell.get("id") or ""
        self.id = prefix + raw_id
        self.type = wrapper.tag if wrapper is not None and wrapper.tag in PROOPH_TYPES else None
        label = own.get("label") if wrapper is not None else cell.get("value")
        self.label = label or ""
        parent = cell.get("parent")
        self.parent = prefix + parent if parent else None
        self.source = prefix + cell.get("source", "") if cell.get("source") else None
        self.target = prefix + cell.get("target", "") if cell.get("target") else None
        self.vertex = cell.get("vertex") == "1"
        self.edge = cell.get("edge") == "1"
        self.names, self.style = _style(cell.get("style") or "")
        self.geometry = next((g for g in cell if g.tag == "mxGeometry"), None)
        self.typed_file = False  #: set when any cell of the file is typed (prooph board)
        self.kind_name = wrapper.get("mlcanvas_kind") if wrapper is not None else None
        self.attrs: dict[str, AttrValue] = {}
        self.tags: tuple[str, ...] = ()
        self.rank: int | None = None
        self.board: dict[str, str] | None = None  #: title and metadata written by mlcanvas
        self.board_title = ""
        if wrapper is not None:
            for key, value in list(wrapper.attrib.items())[:100]:
                if key not in _RESERVED and value.strip():
                    self.attrs[key[:100]] = _attr_value(value.strip())
            tags = wrapper.get("tags") or ""
            self.tags = tuple(t[:100] for t in re.split(r"[\s,]+", tags) if t)[:100]
            self._mlcanvas(wrapper)

    def _mlcanvas(self, wrapper: Element) -> None:
        """What an mlcanvas export wrote beside draw.io's own data (see
        :mod:`eventstorming.formats.drawio`); anything unreadable there is ignored."""
        order = wrapper.get("mlcanvas_order") or ""
        if order.isdigit() and len(order) < 10:
            self.rank = int(order)
        extra = _json_value(wrapper.get("mlcanvas_attrs"))
        if isinstance(extra, dict):
            self.attrs.update({str(k)[:100]: v for k, v in list(extra.items())[:100]
                               if isinstance(v, str | int | float | bool)
                               and (not isinstance(v, str) or len(v) <= 1000)})
        tags = _json_value(wrapper.get("mlcanvas_tags"))
        if isinstance(tags, list):
            self.tags = tuple(str(t)[:100] for t in tags if isinstance(t, str) and t)[:100]
        if wrapper.get("mlcanvas_board") == "1":
            board = {k: v for k, v in wrapper.attrib.items()
                     if k not in _RESERVED and k not in ("title",) and v.strip()}
            metadata = _json_value(wrapper.get("mlcanvas_metadata"))
            if isinstance(metadata, dict):
                board.update({str(k): v for k, v in metadata.items() if isinstance(v, str)})
            self.board = {k[:100]: v[:1000] for k, v in list(board.items())[:100]}
            self.board_title = (wrapper.get("title") or "").strip()[:500]

    @property
    def html(self) -> bool:
        """Whether the label is HTML: ``html=1``, or any label of a prooph board file (its
        comment boxes are HTML without saying so)."""
        return self.style.get("html") == "1" or self.type is not None or self.typed_file

    @property
    def free_text(self) -> bool:
        return self.type in PROOPH_TEXTS or (self.type is None
                                             and not self.names.isdisjoint(_TEXT_STYLES))

    @property
    def text(self) -> str:
        return clean_text(self.label, markup=self.html)


def _cells(model: Element, prefix: str) -> list[_Cell]:
    root = model.find("root")
    if root is None:
        return []
    cells = []
    for child in root:
        if child.tag == "mxCell":
            cells.append(_Cell(None, child, prefix))
        else:
            inner = next((c for c in child if c.tag == "mxCell"), None)
            if inner is not None:
                cells.append(_Cell(child, inner, prefix))
    return cells


def _pages(root: Element, source: str) -> list[tuple[str, Element]]:
    if root.tag == "mxGraphModel":
        return [("Page-1", root)]
    if root.tag.rpartition("}")[2] == "svg" and root.get("content"):
        # an editable .drawio.svg keeps the whole mxfile in its content attribute
        root = _parse(root.get("content") or "", source, "the SVG's embedded diagram")
    if root.tag != "mxfile":
        raise BoardFormatError(f"the XML's root is <{root.tag[:40]}>, not <mxfile> or "
                               f"<mxGraphModel> (a draw.io or prooph board file)",
                               source=source)
    pages = []
    budget = [MAX_INFLATED_BYTES]
    diagrams = root.findall("diagram")
    check_count(len(diagrams), "pages", source)
    for number, diagram in enumerate(diagrams, 1):
        name = diagram.get("name") or f"Page-{number}"
        model = diagram.find("mxGraphModel")
        if model is None:
            text = (diagram.text or "").strip()
            if not text:
                continue
            xml = text if text.startswith("<") else _inflate(text, source, name, budget)
            model = _parse(xml, source, f"page {name!r}")
            if model.tag != "mxGraphModel":
                raise BoardFormatError(f"page {name!r} holds <{model.tag[:40]}>, not "
                                       f"<mxGraphModel>", source=source)
        pages.append((name, model))
    return pages


def read_drawio(text: str, source: str) -> Drawing:
    """A :class:`Drawing` from the text of a draw.io or prooph board file.

    Raises:
        BoardFormatError: not well-formed or unsafe XML, not an mxGraph model, a
            compressed page that is broken or too large, or a geometry that is not a
            number (names the cell).
    """
    root = _parse(text, source)
    pages = _pages(root, source)
    several = len(pages) > 1
    cells: list[tuple[int, _Cell]] = []
    for number, (_, model) in enumerate(pages, 1):
        for cell in _cells(model, f"{number}:" if several else ""):
            cells.append((number, cell))
        check_count(len(cells), "cells", source)
    typed = any(cell.type is not None for _, cell in cells)
    for _, cell in cells:
        cell.typed_file = typed
    drawing = Drawing("prooph board" if typed else "draw.io")
    drawing.frame_words = ("bounded contexts and features" if typed
                           else "swimlanes and containers")
    by_id = {cell.id: cell for _, cell in cells}
    for _, cell in cells:
        if cell.board is not None and not cell.vertex and not cell.edge:
            drawing.title = cell.board_title
            drawing.metadata.update(cell.board)
            break

    def is_container(cell: _Cell) -> bool:
        return cell.type in PROOPH_FRAMES or (cell.type is None and (
            "swimlane" in cell.names or "swimlane" in cell.style
            or cell.style.get("container") == "1" or "group" in cell.names))

    def geometry(cell: _Cell) -> tuple[float, float, float, float]:
        g = cell.geometry
        if g is None:
            return 0.0, 0.0, 0.0, 0.0
        return (_number(cell.id, g.get("x"), "x", source),
                _number(cell.id, g.get("y"), "y", source),
                abs(_number(cell.id, g.get("width"), "width", source)),
                abs(_number(cell.id, g.get("height"), "height", source)))

    origins: dict[str, tuple[float, float, str | None]] = {}

    def origin(cell: _Cell) -> tuple[float, float, str | None]:
        """Where a cell's children are measured from on the page, and the innermost named
        container at or above it (their lane). Remembered, so that deep nesting costs
        each cell once; at most 50 levels are followed."""
        chain: list[_Cell] = []
        current: _Cell | None = cell
        while (current is not None and current.id not in origins and len(chain) < 50
               and current not in chain):
            chain.append(current)
            current = by_id.get(current.parent or "")
        x, y, lane = origins.get(current.id, (0.0, 0.0, None)) if current else (0.0, 0.0, None)
        for link in reversed(chain):
            if link.vertex:
                gx, gy, _, _ = geometry(link)
                x, y = x + gx, y + gy
                if is_container(link) and link.text:
                    lane = link.id
            origins[link.id] = (x, y, lane)
        return origins[cell.id] if cell.id in origins else (x, y, lane)

    def placed(cell: _Cell) -> tuple[float, float, float, float, str | None]:
        """Top-left on the page, size and innermost named container (its lane)."""
        x, y, width, height = geometry(cell)
        parent = by_id.get(cell.parent or "")
        if parent is None or parent is cell:
            return x, y, width, height, None
        px, py, lane = origin(parent)
        return x + px, y + py, width, height, lane

    page_frames = several and not any(is_container(c) and c.text for _, c in cells)
    if page_frames:
        drawing.frame_words = "pages"
        for number, (name, _) in enumerate(pages, 1):
            drawing.frames.append(Frame(f"page~{number}", name, 0.0, float(number)))
    edge_labels: dict[str, list[str]] = {}
    for page, cell in cells:
        if cell.edge:
            continue
        if not cell.vertex:
            continue  # the root cell and layers
        parent = by_id.get(cell.parent or "")
        if parent is not None and parent.edge:
            if cell.text:
                edge_labels.setdefault(parent.id, []).append(cell.text)
            continue
        x, y, width, height, lane = placed(cell)
        lane = lane or (f"page~{page}" if page_frames else None)
        cx, cy = x + width / 2, y + height / 2
        shape_name = cell.style.get("shape", "")
        if cell.type in PROOPH_SKIPPED:
            drawing.skipped[PROOPH_SKIPPED[cell.type]] += 1
        elif is_container(cell):
            if cell.text:
                drawing.frames.append(Frame(cell.id, cell.text, cx, cy, lane))
        elif cell.free_text:
            fill = normalize_color(cell.style.get("fillColor"))
            if fill is not None:
                # a comment box: a note, never a sticky of the colour's kind
                drawing.shapes.append(Shape(
                    id=cell.id, text=cell.text, cx=cx, cy=cy, width=width, height=height,
                    color=fill, kind=Kind.NOTE, frame=lane, attrs=cell.attrs,
                    tags=cell.tags))
            elif cell.text:
                drawing.texts.append(FreeText(cell.id, cell.text, cx, cy, lane))
        elif cell.type is None and ("image" in cell.names or shape_name == "image"
                                    or "image" in cell.style):
            drawing.skipped["image"] += 1
        elif cell.type is None and shape_name.startswith("mxgraph."):
            drawing.skipped["icon"] += 1
        else:
            kind = PROOPH_KINDS.get(cell.type or "")
            if cell.type is None and shape_name == "umlActor":
                kind = Kind.ACTOR
            if cell.kind_name in Kind._value2member_map_:
                kind = Kind(cell.kind_name)  # written by mlcanvas: the kind it had
            text, named = cell.text, False
            attrs = cell.attrs
            if cell.type == "ui":
                attrs = {**attrs, UI_ATTR: True}
            if not text and cell.type in PROOPH_NAMES:
                # an icon only: kept, with the name of its type as text
                text, named = PROOPH_NAMES[cell.type], True
            drawing.shapes.append(Shape(
                id=cell.id, text=text, cx=cx, cy=cy, width=width, height=height,
                color=(normalize_color(cell.style.get("fillColor"))
                       or normalize_color(cell.style.get("strokeColor"))),
                angle=_number(cell.id, cell.style.get("rotation"), "rotation", source),
                sticky_note=shape_name == "note", kind=kind, frame=lane,
                attrs=attrs, tags=cell.tags, named_by_type=named, rank=cell.rank))
    for _, cell in cells:
        if cell.edge:
            label = " ".join([cell.text] + edge_labels.get(cell.id, [])).strip()
            drawing.connections.append(Connection(cell.source, cell.target, label or None))
    return drawing

