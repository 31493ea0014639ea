"""Edits of a board, each a pure function that returns a new board.

The workshop app calls these for every change a facilitator makes (quick capture, the text
and table modes, the sticky panel), so the rules live here and are tested here:

- the same kind and folded text is the same sticky (as in the ``.storm`` format);
- a sticky's id never changes once it exists, so opportunities and canvases that point at
  it survive edits of its text;
- nothing is half-applied: an edit either returns a complete, valid board or raises.

Errors a user can cause raise :class:`~eventstorming.errors.BoardFormatError` (a line of
``.storm`` text that does not parse) or :class:`EditError` (anything else), both
``ValueError`` with a message that says what and where.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventstorming.builder import BoardBuilder
from eventstorming.errors import BoardFormatError
from eventstorming.formats.storm import KIND_KEYWORDS, parse_storm
from eventstorming.model import (
    AttrValue,
    Board,
    Kind,
    Link,
    Sticky,
    check_sticky_text,
    fold,
    sticky_id,
    unique_id,
)

#: The kinds as the ``.storm`` format and the table offer them, in :class:`Kind` order.
KIND_CHOICES: tuple[str, ...] = tuple(k.value for k in Kind)

_KINDS_HELP = ", ".join(f"{k.value} ({p})" for k, p in (
    (Kind.EVENT, "e"), (Kind.COMMAND, "c"), (Kind.ACTOR, "a"), (Kind.POLICY, "p"),
    (Kind.READMODEL, "r"), (Kind.SYSTEM, "s"), (Kind.AGGREGATE, "g"), (Kind.HOTSPOT, "h"),
    (Kind.OPPORTUNITY, "o"), (Kind.NOTE, "n")))
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_TITLE_LINE = re.compile(r"^\s*#(?!#)\s*\S", re.M)


class EditError(ValueError):
    """An edit that cannot be made as asked; the message says what and where."""


@dataclass(frozen=True)
class Capture:
    """The result of capturing one ``.storm`` line.

    Attributes:
        board: the board with the line added (equal to the old board when nothing was new).
        added: ids of the stickies the line created, in the order written.
        touched: ids of every sticky the line named, new or already there.
        lane: the lane the line declared (``## Lane``), else None.
    """

    board: Board
    added: tuple[str, ...] = ()
    touched: tuple[str, ...] = ()
    lane: str | None = None


def parse_kind(value: str | Kind) -> Kind:
    """A kind from its name or any ``.storm`` keyword (``e``, ``cmd``, ``read model`` ...).

    Raises:
        EditError: for an unknown kind, with the closest known keyword when there is one.
    """
    if isinstance(value, Kind):
        return value
    word = " ".join(str(value).split()).casefold()
    if word in KIND_KEYWORDS:
        return KIND_KEYWORDS[word]
    hint = difflib.get_close_matches(word, list(KIND_KEYWORDS), n=1)
    did_you_mean = f" — did you mean '{hint[0]}'?" if hint and len(hint[0]) > 1 else ""
    raise EditError(f"unknown kind '{value}'{did_you_mean}; use one of {_KINDS_HELP}")


def _lane_name(lane: str | None) -> str | None:
    if lane is None:
        return None
    name = " ".join(str(lane).split())
    return name or None


def add_lane(board: Board, name: str) -> Board:
    """The board with one more lane at the end (unchanged when it already has the lane)."""
    lane = _lane_name(name)
    if lane is None:
        raise EditError("a lane needs a name")
    if lane in board.lanes:
        return board
    return board.model_copy(update={"lanes": (*board.lanes, lane)})


def capture_line(board: Board, line: str, lane: str | None = None) -> Capture:
    """Add one line of ``.storm`` text — a sticky or a chain — to ``lane``.

    Stickies the board already has (same kind and folded text) keep their lane and place
    on the timeline; their attributes and tags merge. New stickies go to ``lane`` (added to
    the board when it is new) at the end of the timeline. A chain links each sticky to the
    next. A ``## Lane`` line adds that lane and names it in :attr:`Capture.lane`.

    Raises:
        BoardFormatError: the line is not a sticky, chain or lane; the message is the
            ``.storm`` parser's.
    """
    text = line.strip()
    if not text:
        raise BoardFormatError("type a sticky as 'kind: text', for example "
                               "'e: Receipt submitted'", source="quick capture", line=1)
    parsed = parse_storm(text, source="quick capture")
    if not parsed.stickies:
        if parsed.lanes:
            return Capture(add_lane(board, parsed.lanes[-1]), lane=parsed.lanes[-1])
        keyword = text.split(":", 1)[0].strip()
        if parsed.metadata:
            try:
                parse_kind(keyword)
            except EditError as exc:
                raise BoardFormatError(str(exc), source="quick capture", line=1,
                                       text=line) from None
        raise BoardFormatError("quick capture takes a sticky ('e: Receipt submitted'), a "
                               "chain ('a: Accountant -> c: Approve') or a lane ('## Lane'); "
                               "edit the title and metadata in text mode",
                               source="quick capture", line=1, text=line)
    target = _lane_name(lane)
    builder = BoardBuilder.from_board(board)
    ids: dict[str, str] = {}
    added: list[str] = []
    for sticky in sorted(parsed.stickies, key=lambda s: s.order):
        is_new = builder.find(sticky.kind, sticky.text) is None
        new_id = builder.sticky(sticky.kind, sticky.text, lane=target, attrs=sticky.attrs,
                                tags=sticky.tags)
        ids[sticky.id] = new_id
        if is_new and new_id not in added:
            added.append(new_id)
    for link in parsed.links:
        builder.link(ids[link.source], ids[link.target])
    touched = tuple(dict.fromkeys(ids[s.id] for s in parsed.stickies))
    result = builder.build()
    if (len(result.stickies) != len(board.stickies) or len(result.links) != len(board.links)
            or result.lanes != board.lanes):
        changed = True      # something was added (the common case: no second rebuild)
    elif all(a is b for a, b in zip(result.stickies, board.stickies, strict=True)):
        changed = False     # every sticky reused as it was
    else:
        changed = result != _renumbered(board)
    return Capture(result if changed else board, tuple(added), touched)


def _renumbered(board: Board) -> Board:
    """The board as :meth:`BoardBuilder.from_board` rebuilds it (orders from 0)."""
    return BoardBuilder.from_board(board).build()


def replace_from_text(board: Board, text: str) -> Board:
    """The whole board from ``.storm`` text (text mode's "apply").

    Stickies that were already on the board (same kind and folded text) keep their id and
    drawing position, so everything that points at them stays valid. Without a ``# Title``
    line the board keeps its title.

    Raises:
        BoardFormatError: the first line that does not parse, with its number.
    """
    parsed = parse_storm(text, source="board text")
    builder = BoardBuilder(parsed.title if _TITLE_LINE.search(text) else board.title)
    builder.metadata = dict(parsed.metadata)
    for lane in parsed.lanes:
        builder.lane(lane)
    mapping: dict[str, str] = {}
    for sticky in sorted(parsed.stickies, key=lambda s: s.order):
        old = board.find(sticky.kind, sticky.text)
        mapping[sticky.id] = builder.sticky(
            sticky.kind, sticky.text, lane=sticky.lane, attrs=sticky.attrs, tags=sticky.tags,
            id=old.id if old else None, x=old.x if old else None, y=old.y if old else None)
    for link in parsed.links:
        builder.link(mapping[link.source], mapping[link.target], link.label)
    return builder.build()


# --------------------------------------------------------------------------- attributes

def format_attributes(attrs: Mapping[str, AttrValue]) -> str:
    """Attributes as the table shows them: ``volume: 300/day, minutes: 4``."""
    def show(value: AttrValue) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)
    return ", ".join(f"{key}: {show(value)}" for key, value in attrs.items())


def parse_attributes(text: str | None, where: str = "attributes") -> dict[str, AttrValue]:
    """Attributes from ``key: value, key: value`` (braces optional); numbers and
    ``true``/``false`` become numbers and booleans, as in the ``.storm`` format.

    Raises:
        EditError: a part that is not ``key: value``, naming ``where``.
    """
    if _blank(text):
        return {}
    body = str(text).strip()
    if body.startswith("{") and body.endswith("}"):
        body = body[1:-1]
    attrs: dict[str, AttrValue] = {}
    for part in body.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition(":")
        key, value = key.strip(), value.strip().strip("\"'")
        if not sep or not key or not value:
            raise EditError(f"{where}: '{part.strip()}' must be written 'key: value'")
        if _NUMBER.match(value):
            attrs[key] = float(value) if "." in value else int(value)
        elif value.lower() in {"true", "false"}:
            attrs[key] = value.lower() == "true"
        else:
            attrs[key] = value
    return attrs


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas' "empty" in a table cell
        return True
    return not str(value).strip()


# --------------------------------------------------------------------------- table mode

#: Columns of the table mode, in order.
TABLE_COLUMNS: tuple[str, ...] = ("id", "kind", "text", "lane", "attributes")


def table_rows(board: Board) -> list[dict[str, str]]:
    """The stickies as table rows (timeline order), with the columns of :data:`TABLE_COLUMNS`."""
    return [
        {"id": s.id, "kind": s.kind.value, "text": s.text, "lane": s.lane or "",
         "attributes": format_attributes(s.attrs)}
        for s in sorted(board.stickies, key=lambda s: s.order)
    ]


def apply_table(board: Board, rows: Sequence[Mapping[str, Any]]) -> Board:
    """The board after table mode's edits: ``rows`` are every sticky that should remain.

    A row with the ``id`` of a sticky on the board edits that sticky (kind, text, lane,
    attributes; tags, position and id stay). A row without an id is a new sticky at the end
    of the timeline. Stickies without a row are deleted together with their links. A lane
    name the board does not have yet is added.

    Raises:
        EditError: the first bad row, by its number (1 is the first row), with the reason.
    """
    by_id = board.by_id()
    lanes = list(board.lanes)
    next_order = max((s.order for s in board.stickies), default=-1) + 1
    stickies: list[Sticky] = []
    seen: dict[tuple[Kind, str], tuple[int, bool]] = {}
    taken = {row_id for row in rows if (row_id := _cell(row.get("id"))) in by_id}
    kept: set[str] = set()
    for number, row in enumerate(rows, start=1):
        where = f"row {number}"
        if all(_blank(row.get(col)) for col in ("kind", "text", "lane", "attributes")):
            continue  # an empty row the editor added and nobody filled
        if _blank(row.get("kind")):
            raise EditError(f"{where}: choose a kind ({_KINDS_HELP})")
        try:
            kind = parse_kind(str(row.get("kind")))
        except EditError as exc:
            raise EditError(f"{where}: {exc}") from None
        text = " ".join(_cell(row.get("text")).split())
        if not text:
            raise EditError(f"{where}: a sticky needs a text")
        try:
            check_sticky_text(text)
        except ValueError as exc:
            raise EditError(f"{where}: {exc}") from None
        lane = _lane_name(_cell(row.get("lane")))
        if lane is not None and lane not in lanes:
            lanes.append(lane)
        attrs = parse_attributes(row.get("attributes"), where=f"{where}, attributes")
        key = (kind, fold(text))
        row_id = _cell(row.get("id"))
        old = by_id.get(row_id) if row_id not in kept else None
        changed = old is None or (old.kind, old.folded) != key
        if key in seen and (changed or seen[key][1]):
            first, first_changed = seen[key]
            bad, other = (number, first) if changed else (first, number)
            raise EditError(f"row {bad}: there is already a {kind.value} '{text}' "
                            f"(row {other}); the same kind and text is the same sticky")
        seen.setdefault(key, (number, changed))
        if old is not None:
            kept.add(old.id)
            stickies.append(old.model_copy(update={
                "kind": kind, "text": text, "lane": lane, "attrs": attrs}))
        else:
            new_id = unique_id(sticky_id(kind, text), key[1], taken)
            taken.add(new_id)
            stickies.append(Sticky(id=new_id, kind=kind, text=text, lane=lane,
                                   order=next_order, attrs=attrs))
            next_order += 1
    ids = {s.id for s in stickies}
    links = tuple(link for link in board.links if link.source in ids and link.target in ids)
    return board.model_copy(update={"lanes": tuple(lanes), "stickies": tuple(stickies),
                                    "links": links})


def _cell(value: Any) -> str:
    return "" if _blank(value) else str(value).strip()


# --------------------------------------------------------------------------- one sticky

class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: Passed as ``lane`` to :func:`update_sticky` to leave the lane as it is (None means no lane).
KEEP: Any = _Keep()


def _require(board: Board, sticky_id: str) -> Sticky:
    try:
        return board.sticky(sticky_id)
    except KeyError:
        raise EditError(f"there is no sticky '{sticky_id}' on the board (deleted elsewhere?)") \
            from None


def update_sticky(board: Board, sticky_id: str, *, text: str | None = None,
                  kind: Kind | str | None = None, lane: str | None = KEEP,
                  attrs: Mapping[str, AttrValue] | None = None) -> Board:
    """The board with one sticky's text, kind, lane or attributes changed; its id stays.

    Raises:
        EditError: unknown sticky or kind, empty text, or another sticky already has this
            kind and text.
    """
    old = _require(board, sticky_id)
    new_kind = parse_kind(kind) if kind is not None else old.kind
    new_text = " ".join(text.split()) if text is not None else old.text
    if not new_text:
        raise EditError("a sticky needs a text")
    try:
        check_sticky_text(new_text)
    except ValueError as exc:
        raise EditError(str(exc)) from None
    twin = board.find(new_kind, new_text)
    if twin is not None and twin.id != sticky_id:
        raise EditError(f"there is already a {new_kind.value} '{twin.text}' on the board; "
                        f"the same kind and text is the same sticky")
    update: dict[str, Any] = {"kind": new_kind, "text": new_text}
    lanes = board.lanes
    if lane is not KEEP:
        new_lane = _lane_name(lane)
        if new_lane is not None and new_lane not in lanes:
            lanes = (*lanes, new_lane)
        update["lane"] = new_lane
    if attrs is not None:
        update["attrs"] = dict(attrs)
    stickies = tuple(s.model_copy(update=update) if s.id == sticky_id else s
                     for s in board.stickies)
    return board.model_copy(update={"lanes": lanes, "stickies": stickies})


def delete_sticky(board: Board, sticky_id: str) -> Board:
    """The board without this sticky and without its links."""
    _require(board, sticky_id)
    return board.model_copy(update={
        "stickies": tuple(s for s in board.stickies if s.id != sticky_id),
        "links": tuple(link for link in board.links
                       if sticky_id not in (link.source, link.target)),
    })


def add_link(board: Board, source: str, target: str, label: str | None = None) -> Board:
    """The board with a link from ``source`` to ``target`` (unchanged if it is there).

    Raises:
        EditError: an unknown sticky, or a sticky linked to itself.
    """
    _require(board, source)
    _require(board, target)
    if source == target:
        raise EditError("a sticky cannot be linked to itself")
    if any(link.source == source and link.target == target for link in board.links):
        return board
    return board.model_copy(update={
        "links": (*board.links, Link(source=source, target=target, label=label or None))})


def remove_link(board: Board, source: str, target: str) -> Board:
    """The board without the link from ``source`` to ``target`` (unchanged if absent)."""
    return board.model_copy(update={"links": tuple(
        link for link in board.links if (link.source, link.target) != (source, target))})


def set_links(board: Board, sticky_id: str, successors: Iterable[str],
              predecessors: Iterable[str]) -> Board:
    """The board where ``sticky_id`` links exactly to ``successors`` and from
    ``predecessors`` (the side panel's two lists). Kept links keep their labels.

    Raises:
        EditError: an unknown sticky, or the sticky in its own lists.
    """
    _require(board, sticky_id)
    outgoing, incoming = list(dict.fromkeys(successors)), list(dict.fromkeys(predecessors))
    for other in (*outgoing, *incoming):
        _require(board, other)
        if other == sticky_id:
            raise EditError("a sticky cannot be linked to itself")
    wanted = {(sticky_id, t) for t in outgoing} | {(s, sticky_id) for s in incoming}
    links = [link for link in board.links
             if sticky_id not in (link.source, link.target)
             or (link.source, link.target) in wanted]
    present = {(link.source, link.target) for link in links}
    for source, target in [(sticky_id, t) for t in outgoing] + [(s, sticky_id) for s in incoming]:
        if (source, target) not in present:
            links.append(Link(source=source, target=target))
            present.add((source, target))
    return board.model_copy(update={"links": tuple(links)})


def neighbours(board: Board, sticky_id: str) -> tuple[list[str], list[str]]:
    """The ids a sticky links to and the ids that link to it, in link order."""
    outgoing = [link.target for link in board.links if link.source == sticky_id]
    incoming = [link.source for link in board.links if link.target == sticky_id]
    return outgoing, incoming


def sticky_label(sticky: Sticky, width: int = 60) -> str:
    """``event · Receipt submitted`` shortened to ``width`` characters, for pickers."""
    text = sticky.text if len(sticky.text) <= width else sticky.text[: width - 1] + "…"
    lane = f"  [{sticky.lane}]" if sticky.lane else ""
    return f"{sticky.kind.value} · {text}{lane}"
