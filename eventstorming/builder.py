"""Build a :class:`~eventstorming.model.Board` step by step.

The ``.storm`` reader and every importer use this one builder, so that identity (same kind
and folded text is the same sticky), lane and timeline position (where a sticky first
appears), merged attributes and de-duplicated links mean the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventstorming.model import (
    MAX_ELEMENTS,
    AttrValue,
    Board,
    Kind,
    Link,
    Sticky,
    check_elements,
    clean_text,
    fold,
    sticky_id,
    unique_id,
)


class BoardBuilder:
    """Collects stickies and links in the order they are met and builds a board once."""

    def __init__(self, title: str = "Untitled board") -> None:
        self.title = title
        self.metadata: dict[str, str] = {}
        self.lanes: list[str] = []
        self._lane_set: set[str] = set()
        self._stickies: dict[str, dict] = {}
        self._by_key: dict[tuple[Kind, str], str] = {}
        self._links: dict[tuple[str, str], Link] = {}
        #: Stickies taken over from a board (``from_board``), reused by ``build`` when
        #: unchanged: re-validating 10,000 stickies for one added line is what made
        #: Quick capture slow on big boards.
        self._adopted: dict[str, Sticky] = {}

    def lane(self, name: str) -> str:
        """Declare a lane (again): lanes keep the order of their first mention."""
        name = " ".join(clean_text(name).split())
        if not name:
            raise ValueError("a lane needs a name")
        if name not in self._lane_set:
            self._grow()
            self.lanes.append(name)
            self._lane_set.add(name)
        return name

    def _grow(self) -> None:
        """Refuse one more element past :data:`MAX_ELEMENTS` (a ``ValueError``), so that no
        reader builds a board larger than the limit before finding out."""
        size = len(self._stickies) + len(self._links) + len(self.lanes)
        if size >= MAX_ELEMENTS:
            check_elements(size + 1)

    def sticky(
        self,
        kind: Kind | str,
        text: str,
        *,
        lane: str | None = None,
        attrs: Mapping[str, AttrValue] | None = None,
        tags: tuple[str, ...] | list[str] = (),
        id: str | None = None,
        x: float | None = None,
        y: float | None = None,
        merge: bool = True,
    ) -> str:
        """Add a sticky, or merge into the one with the same kind and folded text.

        Returns the sticky's id. ``id`` keeps an imported board's own id; otherwise the id
        is derived from kind and text (:func:`~eventstorming.model.sticky_id`). With
        ``merge=False`` every call makes a new sticky (drawing tools may show the same
        text twice on purpose).
        """
        kind = Kind(kind)
        text = " ".join(clean_text(text).split())
        if not text:
            raise ValueError("a sticky needs a text")
        key = (kind, fold(text))
        if merge and key in self._by_key:
            existing = self._stickies[self._by_key[key]]
            existing["attrs"].update(attrs or {})
            existing["tags"].extend(t for t in tags if t not in existing["tags"])
            return existing["id"]
        if lane is not None:
            lane = self.lane(lane)
        self._grow()
        new_id = unique_id(id or sticky_id(kind, text), key[1], self._stickies)
        self._stickies[new_id] = {
            "id": new_id,
            "kind": kind,
            "text": text,
            "lane": lane,
            "order": len(self._stickies),
            "attrs": dict(attrs or {}),
            "tags": list(dict.fromkeys(tags)),
            "x": x,
            "y": y,
        }
        if merge:
            self._by_key.setdefault(key, new_id)
        return new_id

    def link(self, source: str, target: str, label: str | None = None) -> None:
        """Link two stickies already added; the same pair is linked once."""
        for end in (source, target):
            if end not in self._stickies:
                raise ValueError(f"no sticky with id {end!r} to link")
        if source == target or (source, target) in self._links:
            return
        self._grow()
        self._links.setdefault((source, target), Link(source=source, target=target, label=label))

    def has(self, sticky_id: str) -> bool:
        return sticky_id in self._stickies

    def find(self, kind: Kind | str, text: str) -> str | None:
        """The id of the sticky a :meth:`sticky` call with this kind and text would merge
        into, if the builder has one."""
        return self._by_key.get((Kind(kind), fold(" ".join(clean_text(text).split()))))

    def _made(self, data: dict) -> Sticky:
        old = self._adopted.get(data["id"])
        if (old is not None and old.kind == data["kind"] and old.text == data["text"]
                and old.lane == data["lane"] and old.attrs == data["attrs"]
                and old.tags == tuple(data["tags"]) and old.x == data["x"]
                and old.y == data["y"]):
            return old if old.order == data["order"] else old.model_copy(
                update={"order": data["order"]})
        return Sticky(**{**data, "tags": tuple(data["tags"])})

    def build(self) -> Board:
        stickies = tuple(self._made(data) for data in self._stickies.values())
        return Board(
            title=self.title,
            metadata=dict(self.metadata),
            lanes=tuple(self.lanes),
            stickies=stickies,
            links=tuple(self._links.values()),
        )

    @classmethod
    def from_board(cls, board: Board) -> BoardBuilder:
        """A builder holding everything of ``board``, to add to it with the usual identity rules.

        Stickies keep their ids, lanes, attributes, tags and positions; their timeline
        order is kept (renumbered from 0). A board with two stickies of the same kind and
        text (possible after importing a drawing) keeps both; new additions merge into the
        first.
        """
        builder = cls(board.title)
        builder.metadata = dict(board.metadata)
        builder.lanes = list(board.lanes)
        builder._lane_set = set(board.lanes)
        for sticky in sorted(board.stickies, key=lambda s: s.order):
            duplicate = (sticky.kind, sticky.folded) in builder._by_key
            made = builder.sticky(sticky.kind, sticky.text, lane=sticky.lane,
                                  attrs=sticky.attrs, tags=sticky.tags, id=sticky.id,
                                  x=sticky.x, y=sticky.y, merge=not duplicate)
            if made == sticky.id:
                builder._adopted[made] = sticky
        for link in board.links:       # a board's links are valid: taken over as they are
            if link.source != link.target and builder.has(link.source) and builder.has(
                    link.target):
                builder._links.setdefault((link.source, link.target), link)
        return builder
