"""Which kind a sticky is, from its colour and shape, the way people read a board.

Drawing tools (Excalidraw, Miro, draw.io) do not know what an event is: a facilitator
says "orange is an event" and everybody knows. This module reads colours the same way,
by hue, saturation and lightness rather than from one hard-coded palette, so that the
palettes of Excalidraw, Miro, draw.io and the common EventStorming templates all work:

==================  =========================================================
hue family          kind
==================  =========================================================
orange              event
yellow              actor when small, aggregate when large (or, at the usual
                    size, actor when pale and aggregate when strong)
green, teal, cyan   read model
blue                command
lilac, violet       policy
pink                system (pale, or wide: at least 1.8 times as wide as high);
                    hotspot when neon (saturated and not light)
red                 hotspot
grey, white, black  no kind (a sticky note item in grey is a note)
==================  =========================================================

A sticky turned by more than a few degrees hints at a hotspot: a pink or colourless one
is read as a hotspot. ``--colors MAP.yaml`` maps colours to kinds first, before any of
this (see :func:`load_color_map`).
"""

from __future__ import annotations

import colorsys
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eventstorming.errors import BoardFormatError
from eventstorming.model import Kind

#: Miro's named sticky-note colours (REST API v2 and Web SDK ``style.fillColor``) and the
#: fill they are drawn with on the board.
MIRO_COLORS: dict[str, str] = {
    "gray": "#f5f6f8",
    "light_yellow": "#fff9b1",
    "yellow": "#f5d128",
    "orange": "#ff9d48",
    "light_green": "#d5f692",
    "green": "#c9df56",
    "dark_green": "#93d275",
    "cyan": "#67c6c0",
    "light_pink": "#ffcee0",
    "pink": "#ea94bb",
    "violet": "#c6a2d2",
    "red": "#f0939d",
    "light_blue": "#a6ccf5",
    "blue": "#6cd8fa",
    "dark_blue": "#9ea9ff",
    "black": "#1a1a1a",
    "white": "#ffffff",
}

#: What the Miro names mean on an EventStorming board, where the hue alone would be unsure.
#: ``None`` lets the hue decide (with the size rules for yellow).
MIRO_NAMED_KINDS: dict[str, Kind | None] = {
    "orange": Kind.EVENT,
    "light_blue": Kind.COMMAND,
    "blue": Kind.COMMAND,
    "dark_blue": Kind.COMMAND,
    "violet": Kind.POLICY,
    "light_green": Kind.READMODEL,
    "green": Kind.READMODEL,
    "dark_green": Kind.READMODEL,
    "cyan": Kind.READMODEL,
    "light_pink": Kind.SYSTEM,
    "pink": Kind.SYSTEM,
    "red": Kind.HOTSPOT,
    "light_yellow": None,
    "yellow": None,
}

#: Words a ``--colors`` file may use for a kind, besides the kind names themselves.
KIND_WORDS: dict[str, Kind | None] = {
    **{kind.value: kind for kind in Kind},
    "read model": Kind.READMODEL, "read_model": Kind.READMODEL, "info": Kind.READMODEL,
    "external system": Kind.SYSTEM, "external_system": Kind.SYSTEM,
    "hot spot": Kind.HOTSPOT, "role": Kind.ACTOR, "user": Kind.ACTOR,
    "skip": None, "ignore": None, "none": None,
}

_HEX = re.compile(r"^#?([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$")
_RGB = re.compile(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,[^)]*)?\)$")
_NAMED = {  # CSS names that turn up in drawings
    "orange": "#ffa500", "yellow": "#ffff00", "blue": "#0000ff", "green": "#008000",
    "red": "#ff0000", "pink": "#ffc0cb", "purple": "#800080", "violet": "#ee82ee",
    "white": "#ffffff", "black": "#000000", "gray": "#808080", "grey": "#808080",
    "lightblue": "#add8e6", "lightgreen": "#90ee90", "lightyellow": "#ffffe0",
    "lightpink": "#ffb6c1", "magenta": "#ff00ff", "cyan": "#00ffff", "lavender": "#e6e6fa",
}
_NO_FILL = {"", "none", "transparent", "default", "inherit", "initial"}


def normalize_color(value: object) -> str | None:
    """A colour as written in a file, normalised: ``#rrggbb`` in lower case, a Miro
    colour name (``light_yellow``), or ``None`` for no fill.

    Accepts ``#rgb``, ``#rrggbb``, ``#rrggbbaa`` (Miro writes ``#ffffffff``), ``rgb()``,
    draw.io's ``light-dark(#a, #b)`` (the light colour counts) and CSS names.
    Anything else that is a string is kept, lower-cased, so that the report can name it.
    """
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text.startswith("light-dark(") and text.endswith(")"):
        text = text[len("light-dark("):-1].split(",")[0].strip()
    if text in _NO_FILL:
        return None
    key = re.sub(r"[\s-]+", "_", text)
    if key in MIRO_COLORS:
        return key
    match = _HEX.match(text)
    if match:
        digits = match.group(1)
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits[:3])
        else:
            digits = digits[:6]
        if len(match.group(1)) == 8 and match.group(1)[6:] == "00":
            return None  # fully transparent
        return "#" + digits
    match = _RGB.match(text)
    if match:
        parts = [min(255, int(g)) for g in match.groups()]
        return "#" + "".join(f"{p:02x}" for p in parts)
    if text.replace(" ", "") in _NAMED:
        return _NAMED[text.replace(" ", "")]
    return text[:40]


def to_hex(color: str) -> str | None:
    """The ``#rrggbb`` fill of a normalised colour, or ``None`` if it is not a colour."""
    if color in MIRO_COLORS:
        return MIRO_COLORS[color]
    if re.fullmatch(r"#[0-9a-f]{6}", color):
        return color
    return None


def hsl(color: str) -> tuple[float, float, float] | None:
    """Hue in degrees (0-360), saturation and lightness (0-1) of a normalised colour."""
    hex_color = to_hex(color)
    if hex_color is None:
        return None
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s, lightness


@dataclass(frozen=True)
class Look:
    """How a sticky looks: its normalised colour, size, rotation in degrees and whether
    the tool calls it a sticky note (rather than any rectangle)."""

    color: str | None
    width: float = 0.0
    height: float = 0.0
    angle: float = 0.0
    sticky_note: bool = False


def hue_family(color: str) -> str | None:
    """``orange``, ``yellow``, ``green``, ``blue``, ``violet``, ``pink``, ``red``, or
    ``grey`` for colours without enough colour in them; ``None`` if not a colour."""
    values = hsl(color)
    if values is None:
        return None
    hue, sat, light = values
    if sat < 0.18 or light > 0.97 or light < 0.08:
        return "grey"
    if hue < 12 or hue >= 345:
        return "red"
    if hue < 40:
        return "orange"
    if hue < 66:
        return "yellow"
    if hue < 185:
        return "green"
    if hue < 245:
        return "blue"
    if hue < 295:
        return "violet"
    return "pink"


def is_rotated(angle: float) -> bool:
    """Turned visibly away from square (more than 5 degrees off a multiple of 90)."""
    if not math.isfinite(angle):
        return False
    off = abs(angle) % 90
    return 5 < off < 85


class Classifier:
    """Reads kinds from looks, with the user's colour map first.

    ``typical_area`` is the median area of the coloured shapes on the board; yellow
    stickies much larger than that are aggregates, much smaller ones actors.
    """

    def __init__(self, overrides: Mapping[str, Kind | None] | None = None,
                 typical_area: float = 0.0) -> None:
        self.overrides = dict(overrides or {})
        self.typical_area = typical_area

    def overridden(self, color: str | None) -> tuple[bool, Kind | None]:
        """Whether the user's map names this colour, and the kind it gives."""
        if color is not None and color in self.overrides:
            return True, self.overrides[color]
        hex_color = to_hex(color) if color else None
        if hex_color and hex_color in self.overrides:
            return True, self.overrides[hex_color]
        return False, None

    def kind(self, look: Look) -> Kind | None:
        """The kind a sticky with this look has, or ``None`` if the colour says nothing."""
        named, kind = self.overridden(look.color)
        if named:
            return kind
        rotated = is_rotated(look.angle)
        if look.color is None:
            return Kind.HOTSPOT if rotated and look.sticky_note else None
        family = hue_family(look.color)
        if family is None:
            return None
        if family in ("pink", "red") and rotated:
            return Kind.HOTSPOT
        if look.color in MIRO_NAMED_KINDS and MIRO_NAMED_KINDS[look.color] is not None:
            return MIRO_NAMED_KINDS[look.color]
        if family == "grey":
            if rotated:
                return Kind.HOTSPOT
            return Kind.NOTE if look.sticky_note else None
        if family == "yellow":
            return self._yellow(look)
        if family == "pink":
            return self._pink(look)
        return {
            "orange": Kind.EVENT,
            "green": Kind.READMODEL,
            "blue": Kind.COMMAND,
            "violet": Kind.POLICY,
            "red": Kind.HOTSPOT,
        }[family]

    def _yellow(self, look: Look) -> Kind:
        area = look.width * look.height
        if self.typical_area > 0 and area > 0:
            if area >= 1.6 * self.typical_area:
                return Kind.AGGREGATE
            if area <= 0.75 * self.typical_area:
                return Kind.ACTOR
        if look.color == "light_yellow":
            return Kind.ACTOR
        if look.color == "yellow":
            return Kind.AGGREGATE
        values = hsl(look.color or "")
        strong = values is not None and values[2] < 0.7
        return Kind.AGGREGATE if strong else Kind.ACTOR

    def _pink(self, look: Look) -> Kind:
        wide = look.height > 0 and look.width >= 1.8 * look.height
        values = hsl(look.color or "")
        if values is None or wide:
            return Kind.SYSTEM
        _, sat, light = values
        neon = sat >= 0.7 and light <= 0.65
        return Kind.HOTSPOT if neon else Kind.SYSTEM


def parse_color_map(data: Any, source: str = "<colors>") -> dict[str, Kind | None]:
    """A colour map from plain data (a ``--colors`` YAML file): colour -> kind.

    Keys are colours (``"#ffec99"``, ``"#fec"``, ``light_yellow``); values are kind names
    (``event``, ``read model``, ...) or ``skip`` for colours that are not stickies. The
    mapping may also sit under a top-level ``colors:`` key.

    Raises:
        BoardFormatError: not a mapping, a key that is not a colour, or an unknown kind.
    """
    if isinstance(data, dict) and set(data) == {"colors"}:
        data = data["colors"]
    if not isinstance(data, dict):
        raise BoardFormatError("a colour map must be a mapping of colour: kind", source=source)
    result: dict[str, Kind | None] = {}
    for key, value in data.items():
        color = normalize_color(str(key))
        if color is None or (to_hex(color) is None and color not in MIRO_COLORS):
            raise BoardFormatError(f"{key!r} is not a colour (use #rrggbb or a Miro colour "
                                   f"name such as light_yellow)", source=source)
        word = " ".join(str(value).replace("_", " ").split()).casefold()
        if word not in KIND_WORDS and word.replace(" ", "") not in KIND_WORDS:
            raise BoardFormatError(
                f"{key}: {value!r} is not a kind; use one of "
                f"{', '.join(k.value for k in Kind)} or skip", source=source)
        result[color] = KIND_WORDS.get(word, KIND_WORDS.get(word.replace(" ", "")))
    return result
