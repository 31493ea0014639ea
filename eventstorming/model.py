"""The board model: stickies, links and the board that holds them.

Small immutable values (pydantic v2, frozen). A board is changed by building a new
one (see :mod:`eventstorming.edit`), never in place, so that a board read from the
workspace can be compared with the one about to be saved.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventstorming.words import readable


class Kind(StrEnum):
    """Sticky kinds, with the EventStorming colour of each in :data:`KIND_COLORS`."""

    EVENT = "event"
    COMMAND = "command"
    ACTOR = "actor"
    POLICY = "policy"
    READMODEL = "readmodel"
    SYSTEM = "system"
    AGGREGATE = "aggregate"
    HOTSPOT = "hotspot"
    OPPORTUNITY = "opportunity"
    NOTE = "note"


#: Fill colours people expect on a physical board.
KIND_COLORS: dict[Kind, str] = {
    Kind.EVENT: "#FFA94D",
    Kind.COMMAND: "#74C0FC",
    Kind.ACTOR: "#FFEC99",
    Kind.POLICY: "#D0BFFF",
    Kind.READMODEL: "#8CE99A",
    Kind.SYSTEM: "#FCC2D7",
    Kind.AGGREGATE: "#FFD43B",
    Kind.HOTSPOT: "#FF4D6D",
    Kind.OPPORTUNITY: "#38D9A9",
    Kind.NOTE: "#E9ECEF",
}

#: Short id prefixes, also the short keywords of the ``.storm`` format where they exist.
KIND_PREFIX: dict[Kind, str] = {
    Kind.EVENT: "e",
    Kind.COMMAND: "c",
    Kind.ACTOR: "a",
    Kind.POLICY: "p",
    Kind.READMODEL: "r",
    Kind.SYSTEM: "s",
    Kind.AGGREGATE: "g",
    Kind.HOTSPOT: "h",
    Kind.OPPORTUNITY: "o",
    Kind.NOTE: "n",
}

AttrValue = str | int | float | bool

#: The attribute that marks a read model as a screen, form or API a user works with (prooph
#: board's ``ui`` stickies): ``r: Checkout page {ui: true}``. The grammar checks read links
#: between a UI and a read model, another UI or an actor as usual.
UI_ATTR = "ui"

#: Most elements (stickies, links and lanes together) one board may hold, whichever reader
#: it comes from (``.storm``, YAML, the importers) and however it is edited.
MAX_ELEMENTS = 20_000
#: Longest text of a sticky, title, lane, tag or attribute (importers shorten longer texts
#: and say so; the text formats refuse them with the line or field).
MAX_TEXT_CHARS = 2_000
#: Longest text of one sticky. A real sticky holds a short phrase (the longest on the
#: example and benchmark boards has about 120 characters); past this it is a pasted
#: document, which belongs in the board's description.
MAX_STICKY_CHARS = 500
#: Most attributes, and most tags, one sticky may have.
MAX_ATTRS = 100

#: Control characters (NUL, terminal escapes, C1 codes) other than tab and line breaks,
#: and lone surrogates, which cannot be written as UTF-8.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text as it may enter the model: control characters (NUL, ESC sequences that would
    drive a terminal) removed and lone surrogates replaced by U+FFFD, so every text of a
    board can be printed and written as UTF-8."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def _clean_value(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"a text of {len(value):,} characters; the limit is "
                         f"{MAX_TEXT_CHARS:,}")
    return clean_text(value)


def check_sticky_text(text: str) -> str:
    """``text`` if a sticky may hold it; ValueError saying the length and the limit
    (:data:`MAX_STICKY_CHARS`) otherwise."""
    if len(text) > MAX_STICKY_CHARS:
        raise ValueError(f"a sticky's text may have at most {MAX_STICKY_CHARS:,} characters "
                         f"(this one has {len(text):,}); a sticky holds a short phrase, "
                         "longer text belongs in the board's description")
    return text


def _clean_items(values: Any, what: str) -> None:
    if len(values) > MAX_ATTRS:
        raise ValueError(f"{len(values):,} {what}; a sticky may have at most {MAX_ATTRS}")


def check_elements(count: int) -> None:
    """Refuse a board of more than :data:`MAX_ELEMENTS` stickies, links and lanes."""
    if count > MAX_ELEMENTS:
        raise ValueError(f"the board has more than {MAX_ELEMENTS:,} stickies, links and "
                         f"lanes; the limit is {MAX_ELEMENTS:,}")

_WS = re.compile(r"\s+")
#: Units of a ``volume`` rate, English and German, to occurrences per day.
_PERIODS_PER_DAY = {
    "day": 1.0, "d": 1.0, "tag": 1.0, "tage": 1.0, "werktag": 1.0,
    "week": 1 / 7, "wk": 1 / 7, "woche": 1 / 7, "wochen": 1 / 7,
    "month": 12 / 365, "mo": 12 / 365, "monat": 12 / 365, "monate": 12 / 365,
    "year": 1 / 365, "yr": 1 / 365, "jahr": 1 / 365, "jahre": 1 / 365,
}
_VOLUME = re.compile(
    r"^\s*(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(?:/|per\s+|a\s+|an\s+|pro\s+|am\s+|im\s+|je\s+)\s*"
    r"(day|d|week|wk|month|mo|year|yr|werktag|tage?|wochen?|monate?|jahre?)s?\s*\.?\s*$",
    re.I)


def fold(text: str) -> str:
    """Fold case and white space: the identity of a sticky's text."""
    return _WS.sub(" ", text).strip().casefold()


def slugify(text: str, max_len: int = 48) -> str:
    """A lowercase ASCII slug (``a-z0-9-``) that is safe as a file or folder name.

    German umlauts are transliterated the way Germans write them without umlauts.
    Never empty: text without letters or digits gives ``"x"``.
    """
    text = text.casefold()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    slug = slug[:max_len].rstrip("-")
    return slug or "x"


def sticky_id(kind: Kind, text: str) -> str:
    """The stable id of a sticky: its kind prefix and a slug of its folded text.

    The same kind and folded text always gives the same id, so opportunities and canvases
    that point at a sticky survive a re-read of the board.
    """
    return f"{KIND_PREFIX[Kind(kind)]}-{slugify(fold(text))}"


def unique_id(base: str, folded: str, taken: set[str] | dict[str, Any]) -> str:
    """``base``, or ``base`` with a short hash of ``folded`` when ``base`` is taken."""
    if base not in taken:
        return base
    digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()
    candidate = f"{base}-{digest[:6]}"
    n = 2
    while candidate in taken:
        candidate = f"{base}-{digest[:6]}-{n}"
        n += 1
    return candidate


def language_code(value: str | None) -> str:
    """A language as a lower-case code without region (``de-DE``, ``DE`` -> ``de``);
    ``"en"`` when there is none."""
    code = re.split(r"[-_\s]", str(value or "").strip().lower())[0]
    return code or "en"


def parse_volume(value: AttrValue | None) -> float | None:
    """Occurrences per day from a ``volume`` attribute such as ``"3000/day"``; None if unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    match = _VOLUME.match(str(value))
    if not match:
        return None
    return _number(match.group(1)) * _PERIODS_PER_DAY[match.group(2).lower()]


def _number(text: str) -> float:
    """``3000``, ``3,000`` and ``3.000`` (thousands) or ``1,5`` and ``1.5`` (decimals)."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def parse_minutes(value: AttrValue | None) -> float | None:
    """Minutes of human effort per occurrence from a ``minutes`` attribute; None if unknown."""
    if value is None or isinstance(value, bool):
        return None
    try:
        minutes = float(str(value).replace(",", ".").split()[0])
    except (ValueError, IndexError):
        return None
    return minutes if minutes >= 0 else None


class Sticky(BaseModel):
    """One sticky note on the board.

    ``order`` is its position on the timeline (smaller is earlier); ``x``/``y`` are kept
    for boards imported from drawing tools, which have positions of their own.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    kind: Kind
    text: str
    lane: str | None = None
    order: int = 0
    attrs: dict[str, AttrValue] = Field(default_factory=dict)
    tags: tuple[str, ...] = ()
    x: float | None = None
    y: float | None = None

    @field_validator("id", "lane")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return _clean_value(value)

    @field_validator("attrs")
    @classmethod
    def _clean_attrs(cls, value: dict[str, AttrValue]) -> dict[str, AttrValue]:
        _clean_items(value, "attributes")
        return {_clean_value(k): _clean_value(v) for k, v in value.items()}

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        _clean_items(value, "tags")
        return tuple(_clean_value(t) for t in value)

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        value = _clean_value(value).strip()
        if not value:
            raise ValueError("a sticky needs a text")
        return check_sticky_text(value)

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def words(self) -> str:
        """The text for reading: identifiers split into words (:func:`readable`)."""
        return readable(self.text)

    @property
    def volume_per_day(self) -> float | None:
        return parse_volume(self.attrs.get("volume"))

    @property
    def minutes(self) -> float | None:
        return parse_minutes(self.attrs.get("minutes"))

    @property
    def is_ui(self) -> bool:
        """A read model marked ``ui: true``: a screen, form or API rather than data."""
        value = self.attrs.get(UI_ATTR)
        if isinstance(value, str):
            value = value.strip().lower() in {"true", "yes", "1"}
        return self.kind == Kind.READMODEL and (value is True or (type(value) is int
                                                                 and value == 1))


class Link(BaseModel):
    """A directed link between two stickies. Its meaning follows from their kinds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    target: str
    label: str | None = None

    @field_validator("source", "target", "label")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return _clean_value(value)


class Board(BaseModel):
    """A whole EventStorming board: title, metadata, lanes in order, stickies and links."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = "Untitled board"
    metadata: dict[str, str] = Field(default_factory=dict)
    lanes: tuple[str, ...] = ()
    stickies: tuple[Sticky, ...] = ()
    links: tuple[Link, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _not_too_large(cls, data: Any) -> Any:
        if isinstance(data, dict):
            check_elements(sum(len(data.get(key) or ()) for key in ("stickies", "links", "lanes")
                               if isinstance(data.get(key), list | tuple)))
        return data

    @field_validator("title")
    @classmethod
    def _clean_title(cls, value: str) -> str:
        return _clean_value(value)

    @field_validator("metadata")
    @classmethod
    def _clean_metadata(cls, value: dict[str, str]) -> dict[str, str]:
        return {_clean_value(k): _clean_value(v) for k, v in value.items()}

    @field_validator("lanes")
    @classmethod
    def _clean_lanes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_clean_value(lane) for lane in value)

    @model_validator(mode="after")
    def _consistent(self) -> Board:
        ids: set[str] = set()
        lanes = set(self.lanes)
        for sticky in self.stickies:
            if sticky.id in ids:
                raise ValueError(f"two stickies share the id {sticky.id!r}")
            ids.add(sticky.id)
            if sticky.lane is not None and sticky.lane not in lanes:
                raise ValueError(f"sticky {sticky.id!r} is in lane {sticky.lane!r}, "
                                 f"which the board does not have")
        for link in self.links:
            for end in (link.source, link.target):
                if end not in ids:
                    raise ValueError(f"link {link.source} -> {link.target} names "
                                     f"{end!r}, which is not a sticky on the board")
        return self

    @property
    def lang(self) -> str:
        """The board's language as a lower-case code without region: ``lang: de-DE`` or
        ``lang: DE`` give ``"de"``; ``"en"`` when the board does not say."""
        return language_code(self.metadata.get("lang"))

    def sticky(self, sticky_id: str) -> Sticky:
        """The sticky with this id; ``KeyError`` naming the id when there is none."""
        for sticky in self.stickies:
            if sticky.id == sticky_id:
                return sticky
        raise KeyError(f"no sticky with id {sticky_id!r}")

    def by_id(self) -> dict[str, Sticky]:
        return {s.id: s for s in self.stickies}

    def of_kind(self, kind: Kind | str) -> list[Sticky]:
        kind = Kind(kind)
        return [s for s in self.stickies if s.kind == kind]

    def find(self, kind: Kind | str, text: str) -> Sticky | None:
        """The sticky of this kind whose folded text equals ``text`` folded, if any."""
        kind, folded = Kind(kind), fold(text)
        return next((s for s in self.stickies if s.kind == kind and s.folded == folded), None)

    def counts(self) -> dict[str, int]:
        """Stickies per kind, only for kinds present, in the order of :class:`Kind`."""
        counts = {k.value: 0 for k in Kind}
        for sticky in self.stickies:
            counts[sticky.kind.value] += 1
        return {k: n for k, n in counts.items() if n}

    def summary(self) -> dict[str, Any]:
        """The figures of ``mlcanvas show --json``."""
        return {
            "title": self.title,
            "lanes": list(self.lanes),
            "counts": self.counts(),
            "stickies": len(self.stickies),
            "links": len(self.links),
        }
