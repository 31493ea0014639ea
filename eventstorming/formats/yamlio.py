"""Boards as YAML: the lossless file format of the workspace and ``--format yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from eventstorming.errors import BoardFormatError
from eventstorming.formats.limits import read_text
from eventstorming.formats.safeyaml import YamlError, load_yaml
from eventstorming.model import Board, check_elements

FORMAT_VERSION = 1


class _FlowList(list):
    """A list dumped on one line: a link or a tag list."""


class _FlowDict(dict):
    """A mapping dumped on one line: attributes."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when installed
    pass


_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowDict, lambda d, v: d.represent_mapping(
    "tag:yaml.org,2002:map", v, flow_style=True))


def board_to_dict(board: Board) -> dict[str, Any]:
    """Plain data for a board; empty fields are left out so files stay short."""
    stickies = []
    for s in board.stickies:
        item: dict[str, Any] = {"id": s.id, "kind": s.kind.value, "text": s.text}
        if s.lane is not None:
            item["lane"] = s.lane
        item["order"] = s.order
        if s.attrs:
            item["attrs"] = _FlowDict(s.attrs)
        if s.tags:
            item["tags"] = _FlowList(s.tags)
        if s.x is not None:
            item["x"] = s.x
        if s.y is not None:
            item["y"] = s.y
        stickies.append(item)
    links = []
    for link in board.links:
        item = {"from": link.source, "to": link.target}
        if link.label:
            item["label"] = link.label
        links.append(_FlowDict(item))
    return {
        "format": f"mlcanvas-board/{FORMAT_VERSION}",
        "title": board.title,
        "metadata": dict(board.metadata),
        "lanes": list(board.lanes),
        "stickies": stickies,
        "links": links,
    }


def board_from_dict(data: Any, source: str | None = None) -> Board:
    """A board from plain data as written by :func:`board_to_dict`; also accepts a
    workspace document (``{revision, data: {...}}``), so a workshop's ``board.yaml`` can be
    given to the CLI as it is."""
    if isinstance(data, dict) and "stickies" not in data and "revision" in data \
            and isinstance(data.get("data"), dict):
        data = data["data"]
    if not isinstance(data, dict) or "stickies" not in data:
        raise BoardFormatError("not an mlcanvas board: expected a mapping with 'stickies'",
                               source=source)
    links = []
    for index, link in enumerate(data.get("links") or []):
        if not isinstance(link, dict) or "from" not in link or "to" not in link:
            raise BoardFormatError(f"links[{index}] must be a mapping with 'from' and 'to'",
                                   source=source)
        links.append({"source": link["from"], "target": link["to"], "label": link.get("label")})
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise BoardFormatError("metadata must be a mapping such as {lang: en}", source=source)
    try:
        return Board.model_validate({
            "title": data.get("title") or "Untitled board",
            "metadata": {str(k): str(v) for k, v in metadata.items()},
            "lanes": data.get("lanes") or [],
            "stickies": data.get("stickies") or [],
            "links": links,
        })
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise BoardFormatError(f"{path}: {message}" if path else message,
                               source=source) from None


def board_to_yaml(board: Board) -> str:
    return yaml.dump(board_to_dict(board), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100)


def _count_elements(root: yaml.Node) -> None:
    """Refuse a board of more than :data:`MAX_ELEMENTS` stickies, links and lanes from the
    composed document, before any of it is built (building takes the time)."""
    for _ in range(2):  # a workspace document keeps the board under 'data'
        if not isinstance(root, yaml.MappingNode):
            return
        values = {key.value: value for key, value in root.value
                  if isinstance(key, yaml.ScalarNode)}
        count = sum(len(values[key].value) for key in ("stickies", "links", "lanes")
                    if isinstance(values.get(key), yaml.SequenceNode))
        try:
            check_elements(count)
        except ValueError as exc:
            raise YamlError(str(exc)) from None
        root = values.get("data")


def board_from_yaml(text: str, source: str | None = None) -> Board:
    try:
        data = load_yaml(text, source, inspect=_count_elements)
    except YamlError as exc:
        raise BoardFormatError(exc.message, source=source, line=exc.line) from None
    return board_from_dict(data, source)


def read_board_yaml(path: str | Path) -> Board:
    return board_from_yaml(read_text(path), str(path))
