"""Read YAML safely: plain data only, a size limit (as text and expanded), no shared
lists or mappings.

``yaml.safe_load`` already refuses arbitrary tags; on top of that the size of the text is
capped and anchors/aliases are refused outright, so an alias-expansion bomb ("billion
laughs") is rejected at once instead of exploding later when the data is walked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import yaml

#: Largest YAML document read, in bytes.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: How much larger than its text a document may become by expanding its aliases.
ALIAS_SLACK = 64 * 1024
#: Deepest nesting of flow lists and mappings read.
MAX_DEPTH = 1_000
_BRACKET = re.compile(r"[\[\]{}]")


class YamlError(ValueError):
    """YAML that cannot be read; the message names the source and the line."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.source, self.line, self.message = source, line, message
        where = source or "<yaml>"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{where}: {message}")


_SURROGATE = re.compile("[\ud800-\udfff]")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """The size of a document with every alias written out: each node counts one, a
    scalar its length as well. An alias is the same node met again, so a scalar alias
    counts its text each time and merge keys (``<<: [*m, *m]``) count what they copy.
    Sizes are remembered per node, so the walk is linear in the composed graph, and it
    stops as soon as ``limit`` is passed (the count never builds the expanded data)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1 + len(node.value)
            continue
        children = ([n for pair in node.value for n in pair]
                    if isinstance(node, yaml.MappingNode) else list(node.value))
        if not children_done:
            sizes_known = all(id(child) in sizes for child in children)
            if not sizes_known:
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in sizes)
                continue
        total = 1
        for child in children:
            total += sizes.get(id(child), 0)
            if total > limit:
                raise YamlError(f"the document expands to more than {limit:,} characters "
                                f"through its anchors and aliases (&name / *name)")
        sizes[id(node)] = total
    return sizes[id(root)]


def _refuse_shared(data: Any) -> None:
    """Raise when one list or mapping is reached twice: the mark of an alias."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in seen:
                raise YamlError("anchors and aliases (&name / *name) are not allowed here")
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)


def _too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether flow brackets (``[[[…`` / ``{{{…``) nest deeper than ``limit``: the parser
    composes nested nodes recursively in C, where running out of stack is a crash, not an
    exception. Counted on the brackets alone, in linear time (brackets inside quoted
    texts count too, which only errs on the safe side)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return True
    return False


def load_yaml(text: str | bytes, source: str | None = None,
              max_bytes: int = MAX_YAML_BYTES,
              inspect: Callable[[yaml.Node], None] | None = None) -> Any:
    """Parse one YAML document into plain Python data (lists, mappings, scalars).

    The document is composed first and its size with every alias expanded is counted
    (:func:`_expanded_size`) before any Python data is built, so a scalar alias repeated
    thousands of times or nested merge keys are refused in linear time and memory.

    Raises:
        YamlError: too large (as text or expanded), not valid YAML (with the line), a
            number too long to read, or using anchors/aliases for lists or mappings.
    """
    size = len(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if size > max_bytes:
        raise YamlError(f"the file is {size:,} bytes; the limit is {max_bytes:,}", source)
    if isinstance(text, str):  # a lone surrogate cannot reach the parser, which needs UTF-8
        text = _SURROGATE.sub("\ufffd", text)
    if _too_deep(text):
        raise YamlError(f"the document nests lists or mappings more than {MAX_DEPTH:,} "
                        f"deep", source)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in (text if isinstance(text, str) else text.decode("utf-8", "replace")):
            # without an anchor there is no alias; with them, the document may not grow
            # past its own size (and a little): aliases are shorthand, not a multiplier
            _expanded_size(node, min(max_bytes, size + ALIAS_SLACK))
        if inspect is not None:
            inspect(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(f"not valid YAML: {exc.problem or exc.context}", source, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}", source) from None
    except YamlError as exc:
        raise YamlError(exc.message, source) from None
    except ValueError as exc:  # int() of a number longer than Python reads (4,300 digits)
        raise YamlError(f"a value cannot be read ({str(exc).split(';')[0]})", source) from None
    except RecursionError:
        raise YamlError("the document is nested too deeply", source) from None
    finally:
        loader.dispose()
    try:
        _refuse_shared(data)
    except YamlError as exc:
        raise YamlError(exc.message, source) from None
    return data


def dump_yaml(data: Any) -> str:
    """YAML that reads well in a git diff: block style, keys in the given order, unicode kept."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


# --------------------------------------------------------------------------- fast writer

#: A string written without quotes: words, digits and light punctuation, starting with a
#: letter, no ": " or " #" (which YAML reads as structure), no trailing space.
_PLAIN = re.compile(r"[A-Za-z\u00C0-\u024F][\w .,()/'+-]*(?<! )", re.UNICODE)
#: Words YAML 1.1 reads as something else than a string (booleans, null).
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


#: What a double-quoted YAML scalar must escape: the quote, the backslash, and what YAML
#: does not hold raw or reads as a line break.
_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]')
_SHORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
            return value
        return '"' + _ESCAPE.sub(_escaped, value) + '"'   # a double-quoted scalar
    if isinstance(value, float) and math.isfinite(value):
        text = repr(value)      # YAML 1.1 reads a float only with a dot: 1e-05 -> 1.0e-05
        return text if "." in text else text.replace("e", ".0e", 1)
    raise _NotPlain           # anything else (.inf, dates, objects): PyYAML writes it


class _NotPlain(Exception):
    """Data :func:`dump_block_yaml` leaves to :func:`dump_yaml`."""


def _block(data: Any, indent: int, out: list[str]) -> None:
    """Append the lines of ``data`` (a non-empty dict or list) at ``indent`` spaces."""
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                raise _NotPlain
            key_text = _scalar(key)
            if isinstance(value, dict | list | tuple) and value:
                out.append(f"{pad}{key_text}:")
                # a list goes at the key's own indent (as PyYAML writes it), a dict deeper
                _block(value, indent if not isinstance(value, dict) else indent + 2, out)
            else:
                out.append(f"{pad}{key_text}: {_inline(value)}")
        return
    for item in data:
        if isinstance(item, dict | list | tuple) and item:
            inner: list[str] = []
            _block(item, indent + 2, inner)
            out.append(f"{pad}- {inner[0][indent + 2:]}")
            out.extend(inner[1:])
        else:
            out.append(f"{pad}- {_inline(item)}")


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list | tuple):
        return "[]"
    return _scalar(value)


def dump_block_yaml(data: Any) -> str:
    """Block-style YAML of plain data (dicts, lists, strings, numbers, booleans, None) that
    reads back to the same data, written many times faster than :func:`dump_yaml` (whose
    representer is pure Python): saving a 10,000-sticky board after each captured line
    must not take seconds. Strings that could be misread are written double-quoted."""
    out: list[str] = []
    try:
        if not isinstance(data, dict | list | tuple) or not data:
            return _inline(data) + "\n"
        _block(data, 0, out)
    except _NotPlain:
        return dump_yaml(data)
    return "\n".join(out) + "\n"
