"""The ``.storm`` board text format: reader and writer.

The format is specified in DESIGN.md ("The board text format"). In short::

    # Travel expenses               <- title
    lang: en                        <- metadata, before the first sticky
    ## Accounting                   <- a lane
    a: Accountant -> c: Categorize receipt {minutes: 1} -> e: Receipt categorized #core
    // a comment

Reading then writing then reading gives the same board.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path

from pydantic import ValidationError

from eventstorming.builder import BoardBuilder
from eventstorming.errors import BoardFormatError
from eventstorming.formats.limits import read_text
from eventstorming.model import (
    MAX_ATTRS,
    MAX_STICKY_CHARS,
    AttrValue,
    Board,
    Kind,
    Sticky,
    clean_text,
)

#: Every keyword of the format, folded (lowercase, single spaces), to its kind.
KIND_KEYWORDS: dict[str, Kind] = {
    "event": Kind.EVENT, "e": Kind.EVENT,
    "command": Kind.COMMAND, "cmd": Kind.COMMAND, "c": Kind.COMMAND,
    "actor": Kind.ACTOR, "a": Kind.ACTOR,
    "policy": Kind.POLICY, "p": Kind.POLICY,
    "readmodel": Kind.READMODEL, "read model": Kind.READMODEL, "read-model": Kind.READMODEL,
    "info": Kind.READMODEL, "r": Kind.READMODEL,
    "system": Kind.SYSTEM, "s": Kind.SYSTEM,
    "aggregate": Kind.AGGREGATE, "g": Kind.AGGREGATE,
    "hotspot": Kind.HOTSPOT, "h": Kind.HOTSPOT,
    "opportunity": Kind.OPPORTUNITY, "o": Kind.OPPORTUNITY,
    "note": Kind.NOTE, "n": Kind.NOTE,
}

_ARROW = re.compile(r"\s*(?:->|→)\s*")
_COMMENT = re.compile(r"(?:^|(?<=\s))//.*$")
_TITLE = re.compile(r"^#(?!#)\s*(.*)$")
_LANE = re.compile(r"^##(?!#)\s*(.*)$")
_KEYED = re.compile(r"^\s*([^\W\d_][\w \-]*?)\s*:(.*)$")
_TAG = re.compile(r"#([^\W\d][\w\-]*)$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_KIND_HELP = ("event (e), command (c), actor (a), policy (p), readmodel (r), system (s), "
              "aggregate (g), hotspot (h), opportunity (o), note (n)")


def _kind_keyword(word: str) -> Kind | None:
    return KIND_KEYWORDS.get(" ".join(word.split()).casefold())


def read_storm(path: str | Path) -> Board:
    """Read a ``.storm`` file; :class:`BoardFormatError` names the file and line on bad input."""
    text = read_text(path)
    return parse_storm(text, source=str(path))


def parse_storm(text: str, source: str | None = None) -> Board:
    """Parse ``.storm`` text into a board.

    Args:
        text: the whole file; a BOM, CRLF line ends and tabs are tolerated.
        source: the file name used in error messages.

    Raises:
        BoardFormatError: for the first line that is not part of the format, naming its
            number and showing it.
    """
    builder = BoardBuilder()
    title: str | None = None
    lane: str | None = None
    seen_sticky = False
    text = clean_text(text)  # no control characters or lone surrogates past this point
    for number, raw_line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = _COMMENT.sub("", raw_line.replace("\t", " ")).strip()
        if not line:
            continue

        def fail(message: str, number: int = number, raw_line: str = raw_line) -> None:
            raise BoardFormatError(message, source=source, line=number, text=raw_line)

        if match := _LANE.match(line):
            if not match.group(1).strip():
                fail("a lane needs a name after '##'")
            try:
                lane = builder.lane(match.group(1))
            except ValueError as exc:
                fail(str(exc))
            continue
        if match := _TITLE.match(line):
            if not match.group(1).strip():
                fail("a title needs text after '#'")
            if title is None:
                title = " ".join(match.group(1).split())
            continue
        if line.startswith("#"):
            fail("only '# Title' and '## Lane' headings are part of the format")

        segments = _split_chain(line)
        if not seen_sticky and not _looks_like_chain(segments):
            match = _KEYED.match(line)
            if match and _kind_keyword(match.group(1)) is None and " " not in match.group(1):
                if near := _near_kind(match.group(1)):
                    fail(f"unknown kind '{match.group(1)}' — did you mean '{near}'? (a line "
                         f"'key: value' before the first sticky is metadata, but this key "
                         f"looks like a misspelt kind)")
                builder.metadata[match.group(1).lower()] = match.group(2).strip()
                continue
        previous: str | None = None
        for position, segment in enumerate(segments, start=1):
            kind, sticky_text, attrs, tags = _parse_segment(
                segment, position, len(segments), seen_sticky, fail
            )
            try:
                current = builder.sticky(kind, sticky_text, lane=lane, attrs=attrs, tags=tags)
                if previous is not None:
                    builder.link(previous, current)
            except ValueError as exc:  # past the element limit, or text of control codes
                fail(str(exc))
            previous = current
        seen_sticky = True
    builder.title = title or "Untitled board"
    try:
        return builder.build()
    except ValidationError as exc:  # a title, lane or attribute past the model's limits
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise BoardFormatError(f"{path}: {message}" if path else message,
                               source=source) from None


_LONG_KEYWORDS = [k for k in KIND_KEYWORDS if len(k) >= 4]


def _near_kind(key: str) -> str | None:
    """The kind keyword a metadata key is a misspelling of (``evnt``, ``comand``), if any."""
    key = key.casefold()
    if len(key) < 3:
        return None
    close = difflib.get_close_matches(key, _LONG_KEYWORDS, n=1, cutoff=0.8)
    return close[0] if close else None


def _looks_like_chain(segments: list[str]) -> bool:
    """A line of several parts that all but the first start with a kind keyword: a chain
    (whose first kind may be misspelt), not metadata with an arrow in its value."""
    if len(segments) < 2:
        return False
    for segment in segments[1:]:
        match = _KEYED.match(segment)
        if not match or _kind_keyword(match.group(1)) is None:
            return False
    return True


def _split_chain(line: str) -> list[str]:
    """The stickies of a chain: the line split at arrows that are not inside ``{...}``."""
    if "{" not in line:
        return _ARROW.split(line)
    segments, start, depth = [], 0, 0
    for match in re.finditer(r"[{}]|->|→", line):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            segments.append(line[start:match.start()].strip())
            start = match.end()
    segments.append(line[start:].strip())
    return segments


def _parse_segment(segment, position, total, seen_sticky, fail):
    """One ``kind: text {attrs} #tags`` part of a line or chain."""
    where = f"sticky {position} of the chain" if total > 1 else "this sticky"
    if not segment.strip():
        fail(f"{where} is empty: write 'kind: text' between the arrows")
    match = _KEYED.match(segment)
    if not match:
        fail(f"expected a sticky as 'kind: text' (kinds: {_KIND_HELP}), "
             "a '## Lane', a '# Title' or a '// comment'")
    keyword, rest = match.group(1), match.group(2)
    kind = _kind_keyword(keyword)
    if kind is None:
        hint = difflib.get_close_matches(keyword.casefold(), list(KIND_KEYWORDS), n=1)
        did_you_mean = f" — did you mean '{hint[0]}'?" if hint and len(hint[0]) > 1 else ""
        after = " (metadata such as 'lang: de' goes before the first sticky)" \
            if seen_sticky and total == 1 else ""
        fail(f"unknown kind '{keyword.strip()}'{did_you_mean}; use one of {_KIND_HELP}{after}")
    attrs: dict[str, AttrValue] = {}
    tags: list[str] = []
    if "{" in rest:
        body, _, after_brace = rest.partition("{")
        if "}" not in after_brace:
            fail(f"{where} opens '{{' for attributes but never closes it with '}}'")
        inner, _, trailing = after_brace.partition("}")
        attrs = _parse_attrs(inner, fail)
        for token in trailing.split():
            tag = _TAG.fullmatch(token)
            if not tag:
                fail(f"unexpected '{token}' after the attributes; only #tags may follow them")
            tags.append(tag.group(1))
        rest = body
    elif "}" in rest:
        fail(f"{where} has a '}}' without a '{{' before it")
    words = rest.split()
    while words and _TAG.fullmatch(words[-1]) and len(words) > 1:
        tags.insert(0, _TAG.fullmatch(words.pop()).group(1))
    text = " ".join(words)
    if not text:
        fail(f"{where} has the kind '{keyword.strip()}' but no text")
    if len(text) > MAX_STICKY_CHARS:
        fail(f"{where} has a text of {len(text):,} characters; the limit is "
             f"{MAX_STICKY_CHARS:,} (a sticky holds a short phrase; longer text belongs in "
             "the board's description)")
    return kind, text, attrs, tags


def _parse_attrs(inner: str, fail) -> dict[str, AttrValue]:
    attrs: dict[str, AttrValue] = {}
    parts = inner.split(",")
    if len(parts) > MAX_ATTRS:
        fail(f"{len(parts):,} attributes; a sticky may have at most {MAX_ATTRS}")
    for part in parts:
        if not part.strip():
            continue
        key, sep, value = part.partition(":")
        key = key.strip()
        if not sep or not key or not value.strip():
            fail(f"attribute '{part.strip()}' must be written 'key: value'")
        attrs[key] = _coerce(" ".join(value.split()).strip("\"'").strip())
    return attrs


def _coerce(value: str) -> AttrValue:
    if _NUMBER.match(value) and len(value) <= 100:  # longer numbers stay text
        number = float(value) if any(c in value for c in ".eE") else int(value)
        return number if math.isfinite(number) else value
    if value.lower() in {"true", "false"}:
        return value.lower() == "true"
    return value


# --------------------------------------------------------------------------- writer

_LONG_KEYWORD = {kind: kind.value for kind in Kind}


def _no_comment(text: str) -> str:
    """``//`` at the start or after white space would start a comment: split it."""
    while re.search(r"(^|\s)//", text):   # "///" splits into "/ //": split again
        text = re.sub(r"(^|\s)//", r"\1/ /", text)
    return text


def storm_safe_text(text: str) -> str:
    """The text as it can stand in a ``.storm`` line and read back as the same text.

    The format has no escaping, so arrows, braces, a ``//`` after a space and a trailing
    ``#word`` (which would read as a chain, attributes, a comment or a tag) are written
    with look-alike characters. Everything else is kept.
    """
    text = " ".join(text.split())
    text = text.replace("->", "-›").replace("→", "⇢").replace("{", "(").replace("}", ")")
    text = _no_comment(text)
    words = text.split(" ")
    if len(words) > 1 and _TAG.fullmatch(words[-1]):
        words[-1] = "＃" + words[-1][1:]
    return " ".join(words)


def storm_safe_line(text: str) -> str:
    """A title, lane name or metadata value as it can stand on its own line: one line, no
    comment. Never empty (``-`` for blank text)."""
    return _no_comment(" ".join(str(text).split())) or "-"


def _format_value(value: AttrValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    text = _no_comment(re.sub(r"[,{}]", " ", " ".join(str(value).split())))
    return " ".join(text.split()) or "-"


def _attr_key(key: str) -> str:
    return re.sub(r"[^\w\-]", "_", str(key)) or "_"


def _safe_tag(tag: str) -> str:
    """A tag as ``#tag`` can carry it: letters, digits, ``_`` and ``-``, not starting with a
    digit or ``-``."""
    if _TAG.fullmatch(f"#{tag}"):
        return tag
    tag = re.sub(r"[^\w\-]+", "-", str(tag)).strip("-")
    return tag if _TAG.fullmatch(f"#{tag}") else f"tag-{tag}".rstrip("-")


def format_sticky(sticky: Sticky) -> str:
    """One sticky as ``kind: text {attrs} #tags``."""
    line = f"{_LONG_KEYWORD[sticky.kind]}: {storm_safe_text(sticky.text)}"
    if sticky.attrs:
        inner = ", ".join(f"{_attr_key(k)}: {_format_value(v)}" for k, v in sticky.attrs.items())
        line += f" {{{inner}}}"
    for tag in sticky.tags:
        line += f" #{_safe_tag(tag)}"
    return line


def write_storm(board: Board) -> str:
    """The board as ``.storm`` text: stickies in timeline order under their lanes, then links.

    Stickies without a lane come first, since the format cannot leave a lane once in one.
    """
    out = [f"# {storm_safe_line(board.title)}"]
    for key, value in board.metadata.items():
        if _kind_keyword(key) is None and re.fullmatch(r"[^\W\d_][\w\-]*", key):
            out.append(f"{key.lower()}: {_no_comment(' '.join(str(value).split()))}".rstrip())
    stickies = sorted(board.stickies, key=lambda s: (s.lane is not None, s.order))
    appearance = list(dict.fromkeys(s.lane for s in stickies if s.lane is not None))
    used = set(appearance)
    appearance += [lane for lane in board.lanes if lane not in used]
    if appearance != list(board.lanes):
        out.append("")
        out.extend(f"## {storm_safe_line(lane)}" for lane in board.lanes)
    current: str | None = None
    for sticky in stickies:
        if sticky.lane is not None and sticky.lane != current:
            out.extend(["", f"## {storm_safe_line(sticky.lane)}"])
            current = sticky.lane
        out.append(format_sticky(sticky))
    for lane in appearance:
        if lane not in used:
            out.extend(["", f"## {storm_safe_line(lane)}"])
    if board.links:
        by_id = board.by_id()
        out.extend(["", "// links"])
        for link in board.links:
            source, target = by_id[link.source], by_id[link.target]
            out.append(f"{_LONG_KEYWORD[source.kind]}: {storm_safe_text(source.text)} -> "
                       f"{_LONG_KEYWORD[target.kind]}: {storm_safe_text(target.text)}")
    return "\n".join(out) + "\n"
